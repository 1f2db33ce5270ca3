//! The graph-slice crate built with one area's feature, `directory-objects` (and `server`,
//! `client`), by `generator/tests/features.rs`: a user, whose area is off, decodes into the
//! catch-all and goes back out byte for byte; a request carrying one is refused naming the
//! feature; the other area's paths are not mounted.

use fixture_areas::client::Client;
use fixture_areas::operations::*;
use fixture_areas::server::{router, Authorize, HeaderMap, RequestContext, Service, ServiceError};
use fixture_areas::{DirectoryObject, Validate};
use std::sync::Arc;

const USER: &str = r##"{"@odata.type":"#microsoft.graph.user","id":"u1","displayName":"Ada","accountEnabled":true}"##;

const REFUSAL: &str = "\"#microsoft.graph.user\" names a type this build of the service leaves out (the crate's feature `users` is off)";

/// Implements the one operation it serves: `set_directory_object` keeps its default.
struct Directory;

impl Authorize for Directory {
    async fn authorize(&self, _: &str, _: &HeaderMap) -> Result<(), ServiceError> {
        Ok(())
    }
}

impl Service for Directory {
    async fn get_directory_object(&self, _: RequestContext, _: GetDirectoryObjectParams) -> Result<GetDirectoryObjectResponse, ServiceError> {
        Ok(GetDirectoryObjectResponse::Ok(serde_json::from_str(USER).unwrap()))
    }
}

async fn start() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/v1.0", listener.local_addr().unwrap());
    let app = router(Arc::new(Directory));
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    base
}

#[test]
fn a_user_decodes_into_the_catch_all_and_reencodes_byte_for_byte() {
    let decoded: DirectoryObject = serde_json::from_str(USER).unwrap();
    let DirectoryObject::Unrecognized(fields) = &decoded else { panic!("{decoded:?}") };
    assert_eq!(fields["displayName"], "Ada");
    assert_eq!(serde_json::to_string(&decoded).unwrap(), USER);
}

#[test]
fn validation_names_the_feature_that_is_off() {
    let error = DirectoryObject::from_json_slice(USER.as_bytes()).unwrap_err();
    let found: Vec<(&str, &str, &str)> = error.violations.iter().map(|v| (v.target.as_str(), v.code, v.message.as_str())).collect();
    assert_eq!(found, [("/@odata.type", "invalidDiscriminator", REFUSAL)]);
}

#[tokio::test]
async fn the_area_is_served_and_the_other_is_not_mounted() {
    let base = start().await;
    let client = Client::builder(&base).bearer_token("t").build().unwrap();
    let GetDirectoryObjectResponse::Ok(object) = client.get_directory_object(&GetDirectoryObjectParams::new("u1")).await.unwrap();
    assert_eq!(serde_json::to_string(&object).unwrap(), USER);

    // A user sent anyway is refused before the service sees it.
    let unchecked = Client::builder(&base).bearer_token("t").validate_requests(false).build().unwrap();
    let error = unchecked.set_directory_object(&SetDirectoryObjectParams::new("u1"), &object).await.unwrap_err();
    assert_eq!(error.status(), Some(400));
    let details: Vec<(Option<&str>, &str, &str)> = error.details().iter().map(|d| (d.target.as_deref(), d.code.as_str(), d.message.as_str())).collect();
    assert_eq!(details, [(Some("/@odata.type"), "invalidDiscriminator", REFUSAL)]);

    // The users' paths are not mounted: the router's fallback answers.
    let plain = reqwest::Client::new();
    let answer = plain.get(format!("{base}/users")).bearer_auth("t").send().await.unwrap();
    assert_eq!(answer.status().as_u16(), 404);
    let body: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(body["error"]["code"], "itemNotFound");
}
