//! The generated client end to end over TCP: against the generated server, and against small
//! servers for answers that server never gives (unknown enum values, 503 then 201).

mod support;

use axum::http::StatusCode;
use device_compliance_user_status::client::{
    BoxError, Client, ClientError, RetryPolicy, TokenProvider,
};
use device_compliance_user_status::operations::{
    CreateUserStatusParams, CreateUserStatusResponse, GetCountParams, GetCountResponse,
};
use device_compliance_user_status::server::router;
use device_compliance_user_status::{ComplianceStatus, DeviceComplianceUserStatus};
use serde_json::json;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use support::in_memory::InMemory;

async fn serve(app: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{address}")
}

fn status() -> DeviceComplianceUserStatus {
    DeviceComplianceUserStatus {
        id: None,
        odata_type: Some(DeviceComplianceUserStatus::ODATA_TYPE.into()),
        devices_count: 12,
        last_reported_date_time: "2017-01-01T00:00:17.7769392-08:00".parse().unwrap(),
        status: ComplianceStatus::NotApplicable,
        user_display_name: Some("Adele Vance".into()),
        user_principal_name: None,
    }
}

fn params(policy: &str) -> CreateUserStatusParams {
    CreateUserStatusParams {
        device_compliance_policy_id: policy.into(),
    }
}

async fn generated_server() -> (String, Arc<InMemory>) {
    let service = Arc::new(InMemory::new("TOKEN"));
    (format!("{}/beta", serve(router(service.clone())).await), service)
}

#[tokio::test]
async fn create_round_trips_every_field() {
    let (base, service) = generated_server().await;
    let client = Client::builder(&base).bearer_token("TOKEN").build().unwrap();
    let CreateUserStatusResponse::Created(created) =
        client.create_user_status(&params("policy-1"), &status()).await.unwrap();
    let mut expected = status();
    expected.id = Some("00000000-0000-4000-8000-000000000001".into());
    assert_eq!(created, expected);
    assert_eq!(service.created("policy-1"), vec![expected]);
}

#[tokio::test]
async fn a_400_decodes_its_details() {
    let (base, _) = generated_server().await;
    let client = Client::builder(&base).bearer_token("TOKEN").validate_requests(false).build().unwrap();
    let mut body = status();
    body.id = Some("chosen".into());
    let error = client.create_user_status(&params("p"), &body).await.unwrap_err();
    let ClientError::Api { status, error: Some(body), request_id } = &error else {
        panic!("expected an API error, got {error:?}");
    };
    assert_eq!(*status, 400);
    assert_eq!(body.error.code, "invalidRequest");
    assert_eq!(body.error.details.len(), 1);
    assert_eq!(body.error.details[0].code, "readOnlyProperty");
    assert_eq!(body.error.details[0].target.as_deref(), Some("/id"));
    let request_id = request_id.clone().expect("the server sends request-id");
    assert_eq!(body.error.inner_error.as_ref().unwrap().request_id.as_deref(), Some(request_id.as_str()));
    assert_eq!(
        error.to_string(),
        format!("the service answered 400 invalidRequest: The request is not a valid microsoft.graph.deviceComplianceUserStatus: 1 problem found.; /id: the property 'id' is read-only and is set by the service; leave it out of requests (readOnlyProperty) (request-id {request_id})")
    );
}

#[tokio::test]
async fn invalid_bodies_are_refused_before_sending() {
    let (base, service) = generated_server().await;
    let client = Client::builder(&base).bearer_token("TOKEN").build().unwrap();
    let mut body = status();
    body.status = ComplianceStatus::Unrecognized("inGracePeriod".into());
    let error = client.create_user_status(&params("p"), &body).await.unwrap_err();
    let ClientError::Invalid(invalid) = &error else { panic!("{error:?}") };
    assert_eq!(invalid.violations[0].target, "/status");
    assert_eq!(invalid.violations[0].code, "invalidEnumValue");
    assert!(service.created("p").is_empty(), "nothing may be sent");
}

#[tokio::test]
async fn a_refused_token_is_401_and_never_shown() {
    let (base, _) = generated_server().await;
    let client = Client::builder(&base).bearer_token("s3cr3t-token").build().unwrap();
    let error = client.create_user_status(&params("p"), &status()).await.unwrap_err();
    assert_eq!(error.status(), Some(401));
    assert_eq!(error.code(), Some("InvalidAuthenticationToken"));
    assert!(!format!("{error} {error:?} {client:?}").contains("s3cr3t"));
}

struct CountingProvider(AtomicUsize);

impl TokenProvider for CountingProvider {
    fn token(&self) -> Pin<Box<dyn Future<Output = Result<String, BoxError>> + Send + '_>> {
        Box::pin(async move {
            self.0.fetch_add(1, Ordering::SeqCst);
            Ok("TOKEN".to_owned())
        })
    }
}

struct FailingProvider;

impl TokenProvider for FailingProvider {
    fn token(&self) -> Pin<Box<dyn Future<Output = Result<String, BoxError>> + Send + '_>> {
        Box::pin(async { Err("the identity platform is unreachable".into()) })
    }
}

#[tokio::test]
async fn token_providers_are_asked_on_every_request() {
    let (base, service) = generated_server().await;
    let provider = Arc::new(CountingProvider(AtomicUsize::new(0)));
    let client = Client::builder(&base).token_provider(provider.clone()).build().unwrap();
    client.create_user_status(&params("p"), &status()).await.unwrap();
    client.create_user_status(&params("p"), &status()).await.unwrap();
    assert_eq!(provider.0.load(Ordering::SeqCst), 2);
    assert_eq!(service.created("p").len(), 2);

    let failing = Client::builder(&base).token_provider(Arc::new(FailingProvider)).build().unwrap();
    let error = failing.create_user_status(&params("p"), &status()).await.unwrap_err();
    assert_eq!(error.to_string(), "request not sent: the token provider failed: the identity platform is unreachable");
}

#[tokio::test]
async fn policy_ids_arrive_byte_for_byte() {
    let (base, service) = generated_server().await;
    let client = Client::builder(&base).bearer_token("TOKEN").build().unwrap();
    for id in ["pol 1/x", "100%", "a+b", "what?", "#hash", "Zürich-東京", "a/../b", "..."] {
        client.create_user_status(&params(id), &status()).await.unwrap();
        assert_eq!(service.created(id).len(), 1, "{id:?} did not arrive as sent");
    }
    let error = client.create_user_status(&params(".."), &status()).await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "request not sent: cannot encode it: the path /deviceManagement/deviceCompliancePolicies/../userStatuses cannot be sent as given: a parameter that is `.` or `..` would be removed by URL normalization"
    );
}

#[tokio::test]
async fn unknown_enum_values_and_properties_in_a_201_decode() {
    let body = json!({
        "id": "x",
        "@odata.type": "#microsoft.graph.deviceComplianceUserStatus",
        "devicesCount": 1,
        "lastReportedDateTime": "2026-11-28T10:00:00Z",
        "status": "inGracePeriod",
        "userDisplayName": null,
        "userPrincipalName": null,
        "addedLater": {"nested": [1, 2]}
    });
    let answer = body.clone();
    let app = axum::Router::new().fallback(move || {
        let answer = answer.clone();
        async move { (StatusCode::CREATED, axum::Json(answer)) }
    });
    let base = serve(app).await;
    let client = Client::builder(&base).build().unwrap();
    let CreateUserStatusResponse::Created(created) =
        client.create_user_status(&params("p"), &status()).await.unwrap();
    assert_eq!(created.status, ComplianceStatus::Unrecognized("inGracePeriod".into()));
    assert_ne!(created.status, ComplianceStatus::Unknown);
    assert_eq!(serde_json::to_value(&created.status).unwrap(), json!("inGracePeriod"));
}

/// Answers 503 with `retry_after` to the first call and 201 after that.
async fn flaky_server(retry_after: &'static str) -> (String, Arc<AtomicUsize>) {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let app = axum::Router::new().fallback(move || {
        let counter = counter.clone();
        async move {
            if counter.fetch_add(1, Ordering::SeqCst) == 0 {
                let mut response = axum::response::IntoResponse::into_response((
                    StatusCode::SERVICE_UNAVAILABLE,
                    axum::Json(json!({"error": {"code": "serviceNotAvailable", "message": "Try again later."}})),
                ));
                response.headers_mut().insert("retry-after", retry_after.parse().unwrap());
                response
            } else {
                let mut created = serde_json::to_value(status()).unwrap();
                created["id"] = json!("retried");
                axum::response::IntoResponse::into_response((StatusCode::CREATED, axum::Json(created)))
            }
        }
    });
    (serve(app).await, calls)
}

#[tokio::test]
async fn post_is_retried_after_503_only_when_opted_in() {
    for retry_after in ["0", "Sun, 06 Nov 1994 08:49:37 GMT"] {
        let (base, calls) = flaky_server(retry_after).await;
        let client = Client::builder(&base).build().unwrap();
        let error = client.create_user_status(&params("p"), &status()).await.unwrap_err();
        assert_eq!(error.status(), Some(503));
        assert_eq!(error.code(), Some("serviceNotAvailable"));
        assert_eq!(calls.load(Ordering::SeqCst), 1, "POST is not retried by default");

        let (base, calls) = flaky_server(retry_after).await;
        let policy = RetryPolicy { retry_non_idempotent: true, ..RetryPolicy::default() };
        let client = Client::builder(&base).retry(policy).build().unwrap();
        let CreateUserStatusResponse::Created(created) =
            client.create_user_status(&params("p"), &status()).await.unwrap();
        assert_eq!(created.id.as_deref(), Some("retried"));
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }
}

#[tokio::test]
async fn retries_stop_at_the_time_budget() {
    let (base, calls) = flaky_server("120").await;
    let policy = RetryPolicy { retry_non_idempotent: true, max_attempts: 5, max_total: Duration::from_secs(10) };
    let client = Client::builder(&base).retry(policy).build().unwrap();
    let error = client.create_user_status(&params("p"), &status()).await.unwrap_err();
    assert_eq!(error.status(), Some(503), "a 120 s wait does not fit in a 10 s budget");
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn timeouts_and_refused_connections_are_distinct_errors() {
    let app = axum::Router::new().fallback(|| async {
        tokio::time::sleep(Duration::from_secs(5)).await;
        StatusCode::CREATED
    });
    let base = serve(app).await;
    let client = Client::builder(&base).timeout(Duration::from_millis(200)).build().unwrap();
    let error = client.create_user_status(&params("p"), &status()).await.unwrap_err();
    assert!(matches!(error, ClientError::Timeout(_)), "{error:?}");
    assert!(error.to_string().starts_with("the request timed out: "), "{error}");

    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let client = Client::builder(&closed).build().unwrap();
    let error = client.create_user_status(&params("p"), &status()).await.unwrap_err();
    assert!(matches!(error, ClientError::Transport(_)), "{error:?}");
    assert!(error.to_string().starts_with("the request failed: "), "{error}");
}

#[tokio::test]
async fn a_success_body_that_does_not_match_is_a_decode_error() {
    let app = axum::Router::new().fallback(|| async { (StatusCode::CREATED, "not json") });
    let base = serve(app).await;
    let client = Client::builder(&base).build().unwrap();
    let error = client.create_user_status(&params("p"), &status()).await.unwrap_err();
    let ClientError::Decode { status, message } = &error else { panic!("{error:?}") };
    assert_eq!(*status, 201);
    assert_eq!(message, "expected ident at line 1 column 2");
}

#[tokio::test]
async fn accept_names_what_the_operation_answers() {
    // Answers with the Accept header it got: as the count for $count, as a 400 message otherwise.
    let app = axum::Router::new().fallback(|headers: axum::http::HeaderMap| async move {
        let accept = headers["accept"].to_str().unwrap().to_owned();
        if accept.starts_with("text/plain") {
            (StatusCode::OK, [("content-type", "text/plain")], "7".to_owned())
        } else {
            let body = json!({"error": {"code": "echo", "message": accept}}).to_string();
            (StatusCode::BAD_REQUEST, [("content-type", "application/json")], body)
        }
    });
    let client = Client::builder(serve(app).await).build().unwrap();
    let count = GetCountParams::new("p");
    assert_eq!(client.get_count(&count).await.unwrap(), GetCountResponse::Ok(7), "text/plain first for $count");
    let error = client.create_user_status(&params("p"), &status()).await.unwrap_err();
    let ClientError::Api { error: Some(body), .. } = &error else { panic!("{error:?}") };
    assert_eq!((body.error.code.as_str(), body.error.message.as_str()), ("echo", "application/json"));
}

#[tokio::test]
async fn api_errors_are_read_without_naming_the_variant() {
    let (base, _) = generated_server().await;
    let client = Client::builder(&base).bearer_token("TOKEN").validate_requests(false).build().unwrap();
    let mut body = status();
    body.id = Some("chosen".into());
    let error = client.create_user_status(&params("p"), &body).await.unwrap_err();
    assert_eq!(error.status(), Some(400));
    assert_eq!(error.code(), Some("invalidRequest"));
    assert_eq!(
        error.message(),
        Some("The request is not a valid microsoft.graph.deviceComplianceUserStatus: 1 problem found.")
    );
    let details = error.details();
    assert_eq!(details.len(), 1);
    assert_eq!((details[0].code.as_str(), details[0].target.as_deref()), ("readOnlyProperty", Some("/id")));
    let ClientError::Api { request_id: Some(header), .. } = &error else { panic!("{error:?}") };
    assert_eq!(error.request_id(), Some(header.as_str()));
    assert!(!error.is_timeout() && !error.is_transport());
}

#[tokio::test]
async fn the_request_id_comes_from_the_body_when_no_header_carries_it() {
    let app = axum::Router::new().fallback(|| async {
        (
            StatusCode::NOT_FOUND,
            [("content-type", "application/json")],
            r#"{"error":{"code":"itemNotFound","message":"No such policy.","innerError":{"request-id":"from-body"}}}"#,
        )
    });
    let base = serve(app).await;
    let client = Client::builder(&base).build().unwrap();
    let error = client.create_user_status(&params("p"), &status()).await.unwrap_err();
    assert_eq!(error.status(), Some(404));
    assert_eq!(error.code(), Some("itemNotFound"));
    assert_eq!(error.message(), Some("No such policy."));
    assert_eq!(error.request_id(), Some("from-body"));
    assert!(error.details().is_empty());
}

#[tokio::test]
async fn timeouts_and_transport_failures_are_told_apart_by_method() {
    let app = axum::Router::new().fallback(|| async {
        tokio::time::sleep(Duration::from_secs(5)).await;
        StatusCode::CREATED
    });
    let base = serve(app).await;
    let client = Client::builder(&base).timeout(Duration::from_millis(200)).build().unwrap();
    let error = client.create_user_status(&params("p"), &status()).await.unwrap_err();
    assert!(error.is_timeout() && !error.is_transport(), "{error:?}");
    assert!(std::error::Error::source(&error).is_some(), "the reqwest error stays the source");
    assert_eq!((error.status(), error.code(), error.request_id()), (None, None, None));

    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let error = Client::builder(&closed).build().unwrap().create_user_status(&params("p"), &status()).await.unwrap_err();
    assert!(error.is_transport() && !error.is_timeout(), "{error:?}");
}

#[tokio::test]
async fn clients_share_one_reqwest_client_and_keep_their_own_timeouts() {
    let (base, service) = generated_server().await;
    let slow = serve(axum::Router::new().fallback(|| async {
        tokio::time::sleep(Duration::from_secs(5)).await;
        StatusCode::CREATED
    }))
    .await;
    let shared = reqwest::Client::new();
    let fast = Client::builder(&base).http_client(shared.clone()).bearer_token("TOKEN").build().unwrap();
    let impatient = Client::builder(&slow).http_client(shared).timeout(Duration::from_millis(200)).build().unwrap();
    let CreateUserStatusResponse::Created(created) = fast.create_user_status(&params("shared"), &status()).await.unwrap();
    assert_eq!(service.created("shared"), vec![created]);
    let error = impatient.create_user_status(&params("p"), &status()).await.unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
}

#[test]
fn a_connect_timeout_cannot_apply_to_a_shared_reqwest_client() {
    let error = Client::builder("http://127.0.0.1:1")
        .http_client(reqwest::Client::new())
        .connect_timeout(Duration::from_secs(1))
        .build()
        .unwrap_err();
    assert!(matches!(error, ClientError::Config(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "no client built: connect_timeout cannot apply to a client given by http_client; set it on that reqwest client"
    );
}
