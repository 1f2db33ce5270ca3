//! The generated server over a real TCP socket: every status it promises, with exact headers
//! and exact Graph error bodies.

mod support;

use device_compliance_user_status::operations::*;
use device_compliance_user_status::server::{
    not_found, router, router_with, routes, routes_with, Authorize, HeaderMap, RequestContext, ServerConfig,
    Service, ServiceError,
};
use device_compliance_user_status::{DeviceComplianceUserStatus, DeviceComplianceUserStatusPatch};
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::sync::Arc;
use support::in_memory::InMemory;

const PATH: &str = "/beta/deviceManagement/deviceCompliancePolicies/policy-1/userStatuses";

async fn serve(app: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{address}")
}

async fn in_memory() -> (String, Arc<InMemory>) {
    let service = Arc::new(InMemory::new("TOKEN"));
    (serve(router(service.clone())).await, service)
}

fn realistic() -> Value {
    json!({
        "@odata.type": "#microsoft.graph.deviceComplianceUserStatus",
        "userDisplayName": "Adele Vance",
        "devicesCount": 12,
        "status": "notApplicable",
        "lastReportedDateTime": "2017-01-01T00:00:17.7769392-08:00",
        "userPrincipalName": "AdeleV@contoso.onmicrosoft.com"
    })
}

struct Answer {
    status: StatusCode,
    headers: reqwest::header::HeaderMap,
    body: Value,
}

async fn send(request: reqwest::RequestBuilder) -> Answer {
    let response = request.send().await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap();
    let body = if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap() };
    Answer { status, headers, body }
}

fn post(base: &str, path: &str) -> reqwest::RequestBuilder {
    reqwest::Client::new().post(format!("{base}{path}"))
}

fn authorized_json(base: &str, body: &str) -> reqwest::RequestBuilder {
    post(base, PATH)
        .header("Authorization", "Bearer TOKEN")
        .header("Content-Type", "application/json")
        .body(body.to_owned())
}

/// Asserts a Graph error answer: status, JSON content type, the error without its innerError,
/// and an innerError carrying this request's id and a UTC time.
fn assert_error(answer: &Answer, status: u16, expected_error: Value) {
    assert_eq!(answer.status.as_u16(), status, "{}", answer.body);
    assert_eq!(answer.headers["content-type"], "application/json");
    let request_id = answer.headers["request-id"].to_str().unwrap();
    assert_eq!(request_id.len(), 36, "{request_id}");
    let mut body = answer.body.clone();
    let inner = body["error"].as_object_mut().unwrap().remove("innerError").unwrap();
    assert_eq!(body, json!({ "error": expected_error }));
    assert_eq!(inner["request-id"], request_id);
    let date = inner["date"].as_str().unwrap();
    assert!(date.len() == 20 && date.ends_with('Z') && date.as_bytes()[10] == b'T', "{date}");
}

#[tokio::test]
async fn create_answers_201_with_the_stored_entity() {
    let (base, service) = in_memory().await;
    let answer = send(
        authorized_json(&base, &realistic().to_string()).header("client-request-id", "client-42"),
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED);
    assert_eq!(answer.headers["content-type"], "application/json");
    assert_eq!(answer.headers["client-request-id"], "client-42");
    assert_eq!(answer.headers["request-id"].len(), 36);
    assert_eq!(
        answer.body,
        json!({
            "id": "00000000-0000-4000-8000-000000000001",
            "@odata.type": "#microsoft.graph.deviceComplianceUserStatus",
            "devicesCount": 12,
            "lastReportedDateTime": "2017-01-01T00:00:17.776939200-08:00",
            "status": "notApplicable",
            "userDisplayName": "Adele Vance",
            "userPrincipalName": "AdeleV@contoso.onmicrosoft.com"
        })
    );
    let stored = service.created("policy-1");
    assert_eq!(stored.len(), 1);
    assert_eq!(serde_json::to_value(&stored[0]).unwrap(), answer.body);
}

#[tokio::test]
async fn charset_parameter_is_accepted() {
    let (base, _) = in_memory().await;
    let answer = send(
        post(&base, PATH)
            .header("Authorization", "bearer TOKEN")
            .header("Content-Type", "application/json; charset=utf-8")
            .body(realistic().to_string()),
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED);
}

#[tokio::test]
async fn missing_or_malformed_authorization_is_401_even_with_a_bad_body() {
    let (base, _) = in_memory().await;
    let cases: [(Option<&str>, &str); 4] = [
        (None, "Access token is empty."),
        (Some("Basic dXNlcjpwYXNz"), "The Authorization header must be `Bearer {token}` with a non-empty token."),
        (Some("Bearer "), "The Authorization header must be `Bearer {token}` with a non-empty token."),
        (Some("Bearer WRONG"), "The access token is not valid."),
    ];
    for (authorization, message) in cases {
        let mut request = post(&base, PATH).header("Content-Type", "text/plain").body("{not json");
        if let Some(value) = authorization {
            request = request.header("Authorization", value);
        }
        let answer = send(request).await;
        assert_eq!(answer.headers["www-authenticate"], "Bearer");
        assert_error(&answer, 401, json!({"code": "InvalidAuthenticationToken", "message": message}));
    }
}

#[tokio::test]
async fn content_type_other_than_json_is_415() {
    let (base, _) = in_memory().await;
    for (content_type, found) in [
        (Some("text/plain"), "Content-Type 'text/plain'"),
        (Some("application/xml"), "Content-Type 'application/xml'"),
        (None, "no Content-Type"),
    ] {
        let mut request = post(&base, PATH).header("Authorization", "Bearer TOKEN").body(realistic().to_string());
        if let Some(value) = content_type {
            request = request.header("Content-Type", value);
        }
        let answer = send(request).await;
        assert_error(
            &answer,
            415,
            json!({"code": "unsupportedMediaType", "message": format!("The request has {found}; send application/json.")}),
        );
    }
}

#[tokio::test]
async fn malformed_empty_and_invalid_bodies_are_400() {
    let (base, _) = in_memory().await;
    let answer = send(authorized_json(&base, "{\"devicesCount\": ")).await;
    assert_error(
        &answer,
        400,
        json!({
            "code": "invalidRequest",
            "message": "The request is not a valid microsoft.graph.deviceComplianceUserStatus: 1 problem found.",
            "details": [{"code": "malformedJson", "message": "the body is not valid JSON: EOF while parsing a value at line 1 column 17", "target": ""}]
        }),
    );
    let answer = send(authorized_json(&base, "")).await;
    assert_error(&answer, 400, json!({"code": "invalidRequest", "message": "A request body is required."}));

    let seed = json!({
        "@odata.type": "#microsoft.graph.deviceComplianceUserStatus",
        "devicesCount": "Integer",
        "lastReportedDateTime": "String (timestamp)",
        "status": "String",
        "userDisplayName": "String",
        "userPrincipalName": "String"
    });
    let answer = send(authorized_json(&base, &seed.to_string())).await;
    assert_error(
        &answer,
        400,
        json!({
            "code": "invalidRequest",
            "message": "The request is not a valid microsoft.graph.deviceComplianceUserStatus: 3 problems found.",
            "details": [
                {"code": "invalidType", "message": "expected an int32 number, got the string \"Integer\"", "target": "/devicesCount"},
                {"code": "invalidFormat", "message": "expected an RFC 3339 date-time with an offset, such as 2026-11-28T10:00:00Z, got \"String (timestamp)\"", "target": "/lastReportedDateTime"},
                {"code": "invalidEnumValue", "message": "expected one of unknown, notApplicable, compliant, remediated, nonCompliant, error, conflict, notAssigned, got the string \"String\"", "target": "/status"}
            ]
        }),
    );
    let mut with_id = realistic();
    with_id["id"] = json!("chosen-by-caller");
    let answer = send(authorized_json(&base, &with_id.to_string())).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.body["error"]["details"][0]["code"], "readOnlyProperty");
    assert_eq!(answer.body["error"]["details"][0]["target"], "/id");
}

#[tokio::test]
async fn a_property_sent_twice_is_400_not_silently_dropped() {
    let (base, service) = in_memory().await;
    let body = r#"{"devicesCount": 2, "lastReportedDateTime": "2026-11-29T08:00:00Z", "status": "compliant",
        "userDisplayName": "Adele Vance", "userPrincipalName": "AdeleV@contoso.onmicrosoft.com",
        "userDisplayName": "Alex Wilber", "devicesCount": 3, "devicesCount": "three"}"#;
    let answer = send(authorized_json(&base, body)).await;
    assert_error(
        &answer,
        400,
        json!({
            "code": "invalidRequest",
            "message": "The request is not a valid microsoft.graph.deviceComplianceUserStatus: 3 problems found.",
            "details": [
                {"code": "duplicateProperty", "message": "the property 'userDisplayName' is sent more than once; it takes one value", "target": "/userDisplayName"},
                {"code": "duplicateProperty", "message": "the property 'devicesCount' is sent more than once; it takes one value", "target": "/devicesCount"},
                {"code": "invalidType", "message": "expected an int32 number, got the string \"three\"", "target": "/devicesCount"}
            ]
        }),
    );
    assert!(service.created("policy-1").is_empty());
}

#[tokio::test]
async fn bodies_over_the_limit_are_413_with_or_without_content_length() {
    let service = Arc::new(InMemory::new("TOKEN"));
    let config = ServerConfig { body_limit: 64, ..ServerConfig::default() };
    let base = serve(router_with(service, config)).await;
    let expected = json!({"code": "requestEntityTooLarge", "message": "The request body is larger than the limit of 64 bytes."});
    let answer = send(authorized_json(&base, &realistic().to_string())).await;
    assert_error(&answer, 413, expected.clone());

    // Chunked, so the limit is found while reading; the rest of the body is never sent.
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let head = format!(
        "POST {PATH} HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer TOKEN\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let chunk = "x".repeat(100);
    stream.write_all(format!("{:x}\r\n{chunk}\r\n", chunk.len()).as_bytes()).await.unwrap();
    let mut reply = Vec::new();
    let _ = tokio::time::timeout(std::time::Duration::from_secs(5), stream.read_to_end(&mut reply)).await;
    let reply = String::from_utf8_lossy(&reply);
    assert!(reply.starts_with("HTTP/1.1 413 Payload Too Large\r\n"), "{reply}");
    let body: Value = serde_json::from_str(reply.split("\r\n\r\n").nth(1).unwrap()).unwrap();
    assert_eq!(body["error"]["code"], "requestEntityTooLarge");
}

#[tokio::test]
async fn unknown_paths_are_404_and_wrong_methods_405_with_allow() {
    let (base, _) = in_memory().await;
    let answer = send(reqwest::Client::new().get(format!("{base}/beta/nothing/here"))).await;
    assert_error(&answer, 404, json!({"code": "itemNotFound", "message": "No resource matches the path /beta/nothing/here."}));
    let answer = send(post(&base, "/deviceManagement/deviceCompliancePolicies/p/userStatuses")).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND, "paths live under the base path /beta");

    let answer = send(reqwest::Client::new().delete(format!("{base}{PATH}")).header("Authorization", "Bearer TOKEN")).await;
    assert_eq!(answer.headers["allow"], "GET, POST");
    assert_error(
        &answer,
        405,
        json!({"code": "methodNotAllowed", "message": format!("The method DELETE is not allowed on {PATH}; allowed: GET, POST.")}),
    );
}

#[tokio::test]
async fn path_parameters_arrive_percent_decoded() {
    let (base, service) = in_memory().await;
    let path = "/beta/deviceManagement/deviceCompliancePolicies/pol%201%2Fx%2B%C3%A9/userStatuses";
    let answer = send(post(&base, path).header("Authorization", "Bearer TOKEN").header("Content-Type", "application/json").body(realistic().to_string())).await;
    assert_eq!(answer.status, StatusCode::CREATED);
    assert_eq!(service.created("pol 1/x+é").len(), 1);
}

/// A service that refuses a reader token with 403 and panics on one policy id; everything else
/// goes to the in-memory store.
struct Picky(InMemory);

impl Authorize for Picky {
    async fn authorize(&self, token: &str, _: &HeaderMap) -> Result<(), ServiceError> {
        match token {
            "reader" => Err(ServiceError::forbidden("The token may read but not create user statuses.")),
            _ => Ok(()),
        }
    }
}

impl Service for Picky {
    async fn create_user_status(
        &self,
        context: RequestContext,
        params: CreateUserStatusParams,
        body: DeviceComplianceUserStatus,
    ) -> Result<CreateUserStatusResponse, ServiceError> {
        match params.device_compliance_policy_id.as_str() {
            "panic" => panic!("the implementation failed"),
            "missing" => Err(ServiceError::not_found("No policy has the id 'missing'.")),
            _ => {
                assert_eq!(context.token.as_deref(), Some("writer"));
                assert!(!format!("{context:?}").contains("writer"), "the token must not show in Debug");
                Ok(CreateUserStatusResponse::Created(body))
            }
        }
    }

    async fn list_user_status(&self, context: RequestContext, params: ListUserStatusParams) -> Result<ListUserStatusResponse, ServiceError> {
        self.0.list_user_status(context, params).await
    }

    async fn get_user_status(&self, context: RequestContext, params: GetUserStatusParams) -> Result<GetUserStatusResponse, ServiceError> {
        self.0.get_user_status(context, params).await
    }

    async fn update_user_status(&self, context: RequestContext, params: UpdateUserStatusParams, body: DeviceComplianceUserStatusPatch) -> Result<UpdateUserStatusResponse, ServiceError> {
        self.0.update_user_status(context, params, body).await
    }

    async fn delete_user_status(&self, context: RequestContext, params: DeleteUserStatusParams) -> Result<DeleteUserStatusResponse, ServiceError> {
        self.0.delete_user_status(context, params).await
    }

    async fn get_count(&self, context: RequestContext, params: GetCountParams) -> Result<GetCountResponse, ServiceError> {
        self.0.get_count(context, params).await
    }
}

#[tokio::test]
async fn refused_tokens_service_errors_and_panics_answer_in_graph_format() {
    let base = serve(router(Arc::new(Picky(InMemory::new("unused"))))).await;
    let call = |token: &str, policy: &str| {
        post(&base, &format!("/beta/deviceManagement/deviceCompliancePolicies/{policy}/userStatuses"))
            .header("Authorization", format!("Bearer {token}"))
            .header("Content-Type", "application/json")
            .body(realistic().to_string())
    };
    let answer = send(call("reader", "p")).await;
    assert_error(&answer, 403, json!({"code": "accessDenied", "message": "The token may read but not create user statuses."}));
    let answer = send(call("writer", "missing")).await;
    assert_error(&answer, 404, json!({"code": "itemNotFound", "message": "No policy has the id 'missing'."}));
    let answer = send(call("writer", "panic")).await;
    assert_error(&answer, 500, json!({"code": "generalException", "message": "The service failed while handling the request."}));
    let answer = send(call("writer", "p")).await;
    assert_eq!(answer.status, StatusCode::CREATED, "the server keeps serving after a panic");
}

#[tokio::test]
async fn routes_merge_into_an_app_that_has_its_own_fallback() {
    let service = Arc::new(InMemory::new("TOKEN"));
    let app = axum::Router::new()
        .route("/health", axum::routing::get(|| async { "ok" }))
        .fallback(|| async { (axum::http::StatusCode::IM_A_TEAPOT, "the app's own") })
        .merge(routes(service.clone()));
    let base = serve(app).await;

    let created = send(authorized_json(&base, &realistic().to_string())).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(service.created("policy-1").len(), 1);
    let health = reqwest::get(format!("{base}/health")).await.unwrap();
    assert_eq!((health.status(), health.text().await.unwrap()), (StatusCode::OK, "ok".to_owned()));
    let elsewhere = reqwest::get(format!("{base}/beta/nowhere")).await.unwrap();
    assert_eq!(
        (elsewhere.status(), elsewhere.text().await.unwrap()),
        (StatusCode::IM_A_TEAPOT, "the app's own".to_owned())
    );
    let wrong_method = send(reqwest::Client::new().put(format!("{base}{PATH}"))).await;
    assert_eq!(wrong_method.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(wrong_method.headers["allow"], "GET, POST");
}

#[tokio::test]
async fn two_mounts_share_one_app_and_its_graph_fallback() {
    let service = Arc::new(InMemory::new("TOKEN"));
    let v1 = ServerConfig { base_path: Some("/v1.0".into()), ..ServerConfig::default() };
    let app = axum::Router::new()
        .merge(routes(service.clone()))
        .merge(routes_with(service.clone(), v1))
        .fallback(not_found);
    let base = serve(app).await;

    for prefix in ["/beta", "/v1.0"] {
        let path = PATH.replacen("/beta", prefix, 1);
        let answer = send(
            post(&base, &path)
                .header("Authorization", "Bearer TOKEN")
                .header("Content-Type", "application/json")
                .body(realistic().to_string()),
        )
        .await;
        assert_eq!(answer.status, StatusCode::CREATED, "{prefix}: {}", answer.body);
    }
    assert_eq!(service.created("policy-1").len(), 2);
    let answer = send(reqwest::Client::new().get(format!("{base}/v2/nowhere"))).await;
    assert_error(
        &answer,
        404,
        json!({"code": "itemNotFound", "message": "No resource matches the path /v2/nowhere."}),
    );
}
