//! The `tracing` feature: one span per operation on each side, with the operation id, method,
//! route, request id, status and latency, and an event when it ends, recorded by a subscriber
//! of this test's own.

mod support;

use device_compliance_user_status::client::Client;
use device_compliance_user_status::operations::*;
use device_compliance_user_status::server::router;
use device_compliance_user_status::{ComplianceStatus, DeviceComplianceUserStatus};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use support::in_memory::InMemory;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

type Fields = BTreeMap<String, String>;

/// The spec's `operationId` of create.
const OPERATION: &str = "deviceManagement.deviceCompliancePolicy_CreateUserStatus";

/// Every span's fields (its name under `name`) and every event's with its parent span.
#[derive(Default)]
struct Recorder {
    spans: Mutex<Vec<Fields>>,
    events: Mutex<Vec<(Option<u64>, Fields)>>,
}

struct FieldsOf<'a>(&'a mut Fields);

impl Visit for FieldsOf<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.0.insert(field.name().to_owned(), value.to_string());
    }
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

impl Subscriber for &'static Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut fields = Fields::from([("name".to_owned(), span.metadata().name().to_owned())]);
        span.record(&mut FieldsOf(&mut fields));
        let mut spans = self.spans.lock().unwrap();
        spans.push(fields);
        Id::from_u64(spans.len() as u64)
    }
    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut spans = self.spans.lock().unwrap();
        values.record(&mut FieldsOf(&mut spans[span.into_u64() as usize - 1]));
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields::new();
        event.record(&mut FieldsOf(&mut fields));
        self.events.lock().unwrap().push((event.parent().map(Id::into_u64), fields));
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

fn status() -> DeviceComplianceUserStatus {
    DeviceComplianceUserStatus {
        id: None,
        odata_type: None,
        devices_count: 3,
        last_reported_date_time: "2017-01-01T00:00:17Z".parse().unwrap(),
        status: ComplianceStatus::Compliant,
        user_display_name: Some("Adele Vance".into()),
        user_principal_name: None,
    }
}

/// The span of `operation` made on one side: the server's route has the base path.
fn span_of(spans: &[Fields], operation: &str, route_prefix: &str) -> (u64, Fields) {
    let (at, span) = spans
        .iter()
        .enumerate()
        .find(|(_, span)| {
            span.get("operation").map(String::as_str) == Some(operation)
                && span["http.route"].starts_with(route_prefix)
        })
        .unwrap_or_else(|| panic!("no span for {operation} under {route_prefix}: {spans:#?}"));
    (at as u64 + 1, span.clone())
}

#[tokio::test]
async fn each_side_makes_one_span_per_operation() {
    let recorder: &'static Recorder = Box::leak(Box::default());
    tracing::subscriber::set_global_default(recorder).unwrap();

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/beta", listener.local_addr().unwrap());
    let app = router(Arc::new(InMemory::new("TOKEN")));
    tokio::spawn(async move { axum::serve(listener, app).await });
    let client = Client::builder(&base).bearer_token("TOKEN").build().unwrap();
    client.create_user_status(&CreateUserStatusParams::new("p"), &status()).await.unwrap();

    let spans = recorder.spans.lock().unwrap().clone();
    let route = "/deviceManagement/deviceCompliancePolicies/{deviceCompliancePolicy-id}/userStatuses";
    let (server_id, server) = span_of(&spans, OPERATION, "/beta/");
    let (client_id, client) = span_of(&spans, OPERATION, "/deviceManagement/");
    let request_id = server["request_id"].clone();
    assert_eq!(request_id.len(), 36, "{server:?}");
    for (span, route) in [(&server, format!("/beta{route}")), (&client, route.to_owned())] {
        assert_eq!(span["name"], "operation");
        assert_eq!(span["operation"], OPERATION);
        assert_eq!(span["http.method"], "POST");
        assert_eq!(span["http.route"], route);
        assert_eq!(span["http.status"], "201");
        assert_eq!(span["request_id"], request_id, "the client records the id the server gave");
        assert!(span["latency_ms"].parse::<u64>().is_ok(), "{span:?}");
    }
    let events = recorder.events.lock().unwrap().clone();
    for id in [server_id, client_id] {
        let ended: Vec<_> = events.iter().filter(|(parent, _)| *parent == Some(id)).collect();
        assert_eq!(ended.len(), 1, "{events:?}");
        assert_eq!(ended[0].1["message"], "finished processing request");
        assert_eq!(ended[0].1["status"], "201");
    }
}
