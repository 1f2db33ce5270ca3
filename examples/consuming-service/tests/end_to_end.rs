//! The consuming service over TCP: both generated APIs served by one app and called through one
//! HTTP client and one token provider, failures of both described by one function.

use consuming_service::{app, describe, Backend, Clients};
use device_compliance_user_status as statuses;
use fixture_directory as directory;
use openapi_graph_runtime::client::{BoxError, TokenProvider};
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Hands out one token and counts how often it was asked.
#[derive(Default)]
struct CountingTokens {
    asked: AtomicUsize,
}

impl TokenProvider for CountingTokens {
    fn token(&self) -> Pin<Box<dyn Future<Output = Result<String, BoxError>> + Send + '_>> {
        self.asked.fetch_add(1, Ordering::SeqCst);
        Box::pin(async { Ok("TOKEN".to_owned()) })
    }
}

/// Serves the app on a free port; its origin.
async fn serve() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let app = app(Arc::new(Backend::new("TOKEN")));
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    origin
}

fn status() -> statuses::DeviceComplianceUserStatus {
    statuses::DeviceComplianceUserStatus {
        id: None,
        odata_type: None,
        devices_count: 3,
        last_reported_date_time: "2026-12-01T08:00:00Z".parse().unwrap(),
        status: statuses::ComplianceStatus::Compliant,
        user_display_name: Some("Adele Vance".into()),
        user_principal_name: Some("adele@contoso.com".into()),
    }
}

#[tokio::test]
async fn both_apis_are_served_and_called_through_shared_parts() {
    let origin = serve().await;
    let tokens = Arc::new(CountingTokens::default());
    let clients = Clients::new(&origin, reqwest::Client::new(), tokens.clone()).unwrap();

    let policy = statuses::operations::CreateUserStatusParams::new("policy-1");
    let statuses::operations::CreateUserStatusResponse::Created(created) = clients
        .statuses
        .create_user_status(&policy, &status())
        .await
        .unwrap();
    assert_eq!(created.id.as_deref(), Some("status-1"));
    let get = statuses::operations::GetUserStatusParams::new("policy-1", "status-1");
    let statuses::operations::GetUserStatusResponse::Ok(read) =
        clients.statuses.get_user_status(&get).await.unwrap();
    assert_eq!(read, created);

    let user = directory::User {
        id: None,
        display_name: "Megan Bowen".into(),
        mail: Some(Some("megan@contoso.com".into())),
    };
    let directory::operations::CreateUserResponse::Created(created_user) = clients
        .directory
        .create_user(&directory::operations::CreateUserParams::default(), &user)
        .await
        .unwrap();
    assert_eq!(created_user.id.as_deref(), Some("user-1"));
    let directory::operations::GetUserResponse::Ok(read_user) = clients
        .directory
        .get_user(&directory::operations::GetUserParams::new("user-1"))
        .await
        .unwrap();
    assert_eq!(read_user, created_user);

    // Unknown ids: each crate's error, described by the one function.
    let missing_status = clients
        .statuses
        .get_user_status(&statuses::operations::GetUserStatusParams::new(
            "policy-1", "nope",
        ))
        .await
        .unwrap_err();
    let missing_user = clients
        .directory
        .get_user(&directory::operations::GetUserParams::new("nobody"))
        .await
        .unwrap_err();
    for (error, message) in [
        (&missing_status, "No user status has the id nope."),
        (&missing_user, "No user has the id nobody."),
    ] {
        let request_id = error.request_id().expect("the service sends a request-id");
        assert_eq!(
            describe(error),
            format!("404 itemNotFound: {message} (request {request_id})")
        );
    }

    // One provider served all six calls of both clients.
    assert_eq!(tokens.asked.load(Ordering::SeqCst), 6);

    // The client validates before sending, in the runtime's terms for both crates.
    let blank = directory::User {
        display_name: String::new(),
        ..user
    };
    let invalid = clients
        .directory
        .create_user(&directory::operations::CreateUserParams::default(), &blank)
        .await
        .unwrap_err();
    assert_eq!(
        describe(&invalid),
        "the call failed: request not sent: invalid microsoft.graph.user: /displayName: expected \
         at least 1 character, got 0 (tooShort)"
    );
}

#[tokio::test]
async fn one_fallback_answers_for_both_apis_and_each_keeps_its_own_405() {
    let origin = serve().await;
    let http = reqwest::Client::new();
    let unknown = http
        .get(format!("{origin}/v2/things"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
    let body: serde_json::Value = serde_json::from_str(&unknown.text().await.unwrap()).unwrap();
    assert_eq!(body["error"]["code"], "itemNotFound");
    assert_eq!(
        body["error"]["message"],
        "No resource matches the path /v2/things."
    );
    let wrong_method = http
        .delete(format!("{origin}/v1.0/users"))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_method.status(), 405);
    assert_eq!(wrong_method.headers()["allow"], "POST");
    let unauthorized = http
        .post(format!(
            "{origin}/beta/deviceManagement/deviceCompliancePolicies/p/userStatuses"
        ))
        .header("Authorization", "Bearer WRONG")
        .header("Content-Type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(unauthorized.status(), 401);
}
