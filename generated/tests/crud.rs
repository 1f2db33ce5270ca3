//! List, get, update, delete and count through the generated client against the example
//! service on the generated server: Graph's statuses (200, 204, 404), collection pages with
//! `@odata.nextLink` and `@odata.count`, PATCH's absent / null / value, and `$count` as text.

mod support;

use device_compliance_user_status::client::{Client, ClientError};
use device_compliance_user_status::operations::*;
use device_compliance_user_status::server::router;
use device_compliance_user_status::{
    ComplianceStatus, DeviceComplianceUserStatus, DeviceComplianceUserStatusPatch,
};
use std::sync::Arc;
use support::in_memory::{InMemory, PAGE_SIZE};

const POLICY: &str = "policy-1";

async fn start() -> (Client, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/beta", listener.local_addr().unwrap());
    let app = router(Arc::new(InMemory::new("TOKEN")));
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (Client::builder(&base).bearer_token("TOKEN").build().unwrap(), base)
}

fn status(name: &str, devices: i32) -> DeviceComplianceUserStatus {
    DeviceComplianceUserStatus {
        id: None,
        odata_type: None,
        devices_count: devices,
        last_reported_date_time: "2026-11-28T10:00:00Z".parse().unwrap(),
        status: ComplianceStatus::Compliant,
        user_display_name: Some(name.into()),
        user_principal_name: Some(format!("{name}@contoso.com")),
    }
}

async fn create(client: &Client, name: &str, devices: i32) -> String {
    let params = CreateUserStatusParams { device_compliance_policy_id: POLICY.into() };
    let CreateUserStatusResponse::Created(created) =
        client.create_user_status(&params, &status(name, devices)).await.unwrap();
    created.id.unwrap()
}

fn list(top: Option<i64>) -> ListUserStatusParams {
    ListUserStatusParams { top, ..ListUserStatusParams::new(POLICY) }
}

fn key(id: &str) -> (String, String) {
    (POLICY.to_owned(), id.to_owned())
}

#[tokio::test]
async fn get_update_and_delete_one_status() {
    let (client, _) = start().await;
    let id = create(&client, "adele", 2).await;
    let (policy, user_status) = key(&id);
    let get = GetUserStatusParams::new(policy.clone(), user_status.clone());
    let GetUserStatusResponse::Ok(found) = client.get_user_status(&get).await.unwrap();
    assert_eq!(found.user_display_name.as_deref(), Some("adele"));

    let update = UpdateUserStatusParams { device_compliance_policy_id: policy.clone(), device_compliance_user_status_id: user_status.clone() };
    let change = DeviceComplianceUserStatusPatch {
        devices_count: Some(5),
        user_display_name: Some(None),
        ..Default::default()
    };
    let UpdateUserStatusResponse::Ok(updated) = client.update_user_status(&update, &change).await.unwrap();
    assert_eq!(updated.devices_count, 5);
    assert_eq!(updated.user_display_name, None, "null clears a nullable property");
    assert_eq!(updated.user_principal_name.as_deref(), Some("adele@contoso.com"), "absent leaves it alone");
    assert_eq!(updated.status, ComplianceStatus::Compliant);

    let read_only = DeviceComplianceUserStatusPatch { id: Some("other".into()), ..Default::default() };
    let error = client.update_user_status(&update, &read_only).await.unwrap_err();
    assert_eq!(error.to_string(), "request not sent: invalid microsoft.graph.deviceComplianceUserStatusPatch: /id: the property 'id' is read-only and is set by the service; leave it out of requests (readOnlyProperty)");

    let delete = DeleteUserStatusParams { device_compliance_policy_id: policy.clone(), device_compliance_user_status_id: user_status.clone(), if_match: None };
    assert_eq!(client.delete_user_status(&delete).await.unwrap(), DeleteUserStatusResponse::NoContent);
    let error = client.get_user_status(&get).await.unwrap_err();
    assert_eq!((error.status(), error.code()), (Some(404), Some("itemNotFound")));
    let error = client.delete_user_status(&delete).await.unwrap_err();
    assert_eq!(error.status(), Some(404));
}

#[tokio::test]
async fn a_patch_body_may_leave_out_what_create_requires() {
    let (client, base) = start().await;
    let id = create(&client, "adele", 2).await;
    let response = reqwest::Client::new()
        .patch(format!("{base}/deviceManagement/deviceCompliancePolicies/{POLICY}/userStatuses/{id}"))
        .header("Authorization", "Bearer TOKEN")
        .header("Content-Type", "application/json")
        .body(r#"{"status":"error","devicesCount":null}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400, "devicesCount is not nullable");
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"]["details"][0]["target"], "/devicesCount");
    assert_eq!(body["error"]["details"].as_array().unwrap().len(), 1, "nothing else is required in a PATCH");
}

#[tokio::test]
async fn lists_page_with_next_links_and_count() {
    let (client, base) = start().await;
    for n in 0..(PAGE_SIZE + 5) {
        create(&client, &format!("user{n:03}"), n as i32).await;
    }
    let ListUserStatusResponse::Ok(first) = client.list_user_status(&list(None)).await.unwrap();
    assert_eq!(first.value.len(), PAGE_SIZE);
    let next = first.odata_next_link.clone().unwrap().unwrap();
    assert!(next.ends_with(&format!("/beta/deviceManagement/deviceCompliancePolicies/{POLICY}/userStatuses?$skip={PAGE_SIZE}")), "{next}");
    let ListUserStatusResponse::Ok(followed) = client.list_user_status_next(&next).await.unwrap();
    assert_eq!((followed.value.len(), followed.odata_next_link.clone()), (5, None), "the link's page is the last five");
    assert_eq!(followed.value[0].user_principal_name, Some(format!("user{PAGE_SIZE:03}@contoso.com")));
    let elsewhere = client.list_user_status_next("https://elsewhere.example/beta/x?$skip=1").await.unwrap_err();
    assert!(matches!(&elsewhere, ClientError::Encode(message) if message.starts_with("the next link https://elsewhere.example/beta/x?$skip=1 leaves the service at http://127.0.0.1:")), "{elsewhere:?}");
    let skip = ListUserStatusParams { skip: Some(PAGE_SIZE as i64), count: Some(true), ..list(None) };
    let ListUserStatusResponse::Ok(second) = client.list_user_status(&skip).await.unwrap();
    assert_eq!(second.value.len(), 5);
    assert_eq!(second.odata_next_link, None);
    assert_eq!(second.odata_count, Some(Some(PAGE_SIZE as i64 + 5)));

    let ListUserStatusResponse::Ok(top) = client.list_user_status(&list(Some(3))).await.unwrap();
    assert_eq!(top.value.len(), 3);
    assert_eq!(top.odata_next_link, None, "$top 3 got all it asked for");

    let ordered = ListUserStatusParams { top: Some(2), orderby: Some(vec!["devicesCount desc".into()]), ..list(None) };
    let ListUserStatusResponse::Ok(ordered) = client.list_user_status(&ordered).await.unwrap();
    let counts: Vec<i32> = ordered.value.iter().map(|s| s.devices_count).collect();
    assert_eq!(counts, vec![PAGE_SIZE as i32 + 4, PAGE_SIZE as i32 + 3]);

    let count = GetCountParams::new(POLICY);
    assert_eq!(client.get_count(&count).await.unwrap(), GetCountResponse::Ok(PAGE_SIZE as i32 + 5));
    let response = reqwest::Client::new()
        .get(format!("{base}/deviceManagement/deviceCompliancePolicies/{POLICY}/userStatuses/$count"))
        .header("Authorization", "Bearer TOKEN")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-type"], "text/plain", "$count is documented as text/plain");
    assert_eq!(response.text().await.unwrap(), (PAGE_SIZE + 5).to_string());
}

async fn names(client: &Client, params: &ListUserStatusParams) -> Vec<String> {
    let ListUserStatusResponse::Ok(page) = client.list_user_status(params).await.unwrap();
    page.value.into_iter().map(|s| s.user_display_name.unwrap()).collect()
}

#[tokio::test]
async fn filter_search_and_orderby_are_evaluated() {
    let (client, _) = start().await;
    for (name, devices) in [("adele", 1), ("Alex", 3), ("megan", 3), ("lynne", 7)] {
        create(&client, name, devices).await;
    }
    let filtered = |filter: &str| ListUserStatusParams { filter: Some(filter.into()), ..list(None) };
    assert_eq!(names(&client, &filtered("devicesCount gt 1")).await, ["Alex", "megan", "lynne"]);
    assert_eq!(names(&client, &filtered("devicesCount ge 7")).await, ["lynne"]);
    assert_eq!(names(&client, &filtered("devicesCount le 3")).await, ["adele", "Alex", "megan"]);
    assert_eq!(names(&client, &filtered("devicesCount lt 3")).await, ["adele"]);
    assert_eq!(names(&client, &filtered("devicesCount ne 3")).await, ["adele", "lynne"]);
    assert_eq!(names(&client, &filtered("devicesCount eq -3")).await, Vec::<String>::new());
    assert_eq!(names(&client, &filtered("userDisplayName eq 'megan'")).await, ["megan"]);
    assert_eq!(names(&client, &filtered("userPrincipalName eq 'Alex@contoso.com'")).await, ["Alex"]);
    assert_eq!(names(&client, &filtered("status eq 'compliant'")).await.len(), 4);
    assert_eq!(names(&client, &filtered("status eq 'error'")).await.len(), 0);

    let searched = ListUserStatusParams { search: Some("\"AL\"".into()), ..list(None) };
    assert_eq!(names(&client, &searched).await, ["Alex"], "quotes off, case ignored");
    let searched = ListUserStatusParams { search: Some("contoso".into()), ..list(None) };
    assert_eq!(names(&client, &searched).await.len(), 4, "the principal name is searched too");

    let sorted = ListUserStatusParams {
        orderby: Some(vec!["devicesCount desc".into(), "userDisplayName".into()]),
        ..list(None)
    };
    assert_eq!(names(&client, &sorted).await, ["lynne", "Alex", "megan", "adele"]);

    let count = GetCountParams {
        device_compliance_policy_id: POLICY.into(),
        filter: Some("devicesCount eq 3".into()),
        search: Some("meg".into()),
    };
    assert_eq!(client.get_count(&count).await.unwrap(), GetCountResponse::Ok(1), "of the two with 3 devices, only megan");
}

#[tokio::test]
async fn query_options_outside_the_spec_are_refused_with_the_rule_they_break() {
    let (_, base) = start().await;
    let get = |query: &'static str| {
        let url = format!("{base}/deviceManagement/deviceCompliancePolicies/{POLICY}/userStatuses?{query}");
        async move {
            let response = reqwest::Client::new().get(url).header("Authorization", "Bearer TOKEN").send().await.unwrap();
            let status = response.status().as_u16();
            let body: serde_json::Value = response.json().await.unwrap();
            (status, body["error"]["details"][0].clone())
        }
    };
    let (status, detail) = get("$filter=devicesCount%20has%201").await;
    assert_eq!(status, 400);
    assert_eq!(detail["code"], "patternMismatch");
    assert_eq!(detail["target"], "$filter");
    let (status, detail) = get("$orderby=id").await;
    assert_eq!((status, &detail["code"], &detail["target"]), (400, &serde_json::json!("patternMismatch"), &serde_json::json!("$orderby/0")));
    let (status, detail) = get("$select=id,manager").await;
    assert_eq!((status, &detail["target"]), (400, &serde_json::json!("$select/1")));
    assert_eq!(detail["code"], "invalidEnumValue");
    let (status, detail) = get("$select=").await;
    assert_eq!((status, &detail["code"], &detail["target"]), (400, &serde_json::json!("tooFewItems"), &serde_json::json!("$select")), "an empty $select is the empty array");
    let (status, detail) = get("$top=-1").await;
    assert_eq!((status, &detail["message"]), (400, &serde_json::json!("expected a number at least 0, got -1")));
    let (status, detail) = get("$top=1&$top=2").await;
    let expected = serde_json::json!({"code": "duplicateParameter", "message": "the query parameter '$top' is sent 2 times; it takes one value", "target": "$top"});
    assert_eq!((status, detail), (400, expected), "OData takes each query option once");
}
