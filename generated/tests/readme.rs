//! The README's three snippets (validate, serve, call), run. Each Rust block of README.md is a
//! run of lines of this file (`// ...` in the README stands for lines left out), which
//! `xtask/tests/docs.rs` checks, so the README shows code that compiles and does what it says.

use device_compliance_user_status::client::Client;
use device_compliance_user_status::operations::*;
use device_compliance_user_status::server::{
    router, Authorize, HeaderMap, RequestContext, Service, ServiceError,
};
use device_compliance_user_status::{
    ComplianceStatus, DeviceComplianceUserStatus, DeviceComplianceUserStatusPatch, Validate,
};
use std::error::Error;
use std::sync::Arc;
use std::time::Duration;

#[test]
fn validate() -> Result<(), Box<dyn Error>> {
    let body = br#"{"userDisplayName": "Adele Vance", "userPrincipalName": null,
        "devicesCount": "12", "status": "compliant",
        "lastReportedDateTime": "2017-01-01T00:00:17Z"}"#;
    let error = DeviceComplianceUserStatus::from_json_slice(body).unwrap_err();
    let answer = serde_json::to_string(&error.to_error_body())?;
    assert_eq!(
        answer,
        r#"{"error":{"code":"invalidRequest","message":"The request is not a valid microsoft.graph.deviceComplianceUserStatus: 1 problem found.","details":[{"code":"invalidType","message":"expected an int32 number, got the string \"12\"","target":"/devicesCount"}]}}"#
    );
    Ok(())
}

/// A service that keeps nothing: it answers create and refuses the rest.
struct Statuses {
    token: String,
}

impl Authorize for Statuses {
    async fn authorize(&self, token: &str, _headers: &HeaderMap) -> Result<(), ServiceError> {
        if token == self.token {
            Ok(())
        } else {
            Err(ServiceError::unauthorized("The access token is not valid."))
        }
    }
}

impl Service for Statuses {
    async fn create_user_status(
        &self,
        _context: RequestContext,
        _params: CreateUserStatusParams,
        mut body: DeviceComplianceUserStatus,
    ) -> Result<CreateUserStatusResponse, ServiceError> {
        body.id = Some("status-1".into());
        Ok(CreateUserStatusResponse::Created(body))
    }

    async fn list_user_status(
        &self,
        _context: RequestContext,
        _params: ListUserStatusParams,
    ) -> Result<ListUserStatusResponse, ServiceError> {
        Err(ServiceError::not_found("Nothing is kept."))
    }

    async fn get_user_status(
        &self,
        _context: RequestContext,
        _params: GetUserStatusParams,
    ) -> Result<GetUserStatusResponse, ServiceError> {
        Err(ServiceError::not_found("Nothing is kept."))
    }

    async fn delete_user_status(
        &self,
        _context: RequestContext,
        _params: DeleteUserStatusParams,
    ) -> Result<DeleteUserStatusResponse, ServiceError> {
        Err(ServiceError::not_found("Nothing is kept."))
    }

    async fn update_user_status(
        &self,
        _context: RequestContext,
        _params: UpdateUserStatusParams,
        _body: DeviceComplianceUserStatusPatch,
    ) -> Result<UpdateUserStatusResponse, ServiceError> {
        Err(ServiceError::not_found("Nothing is kept."))
    }

    async fn get_count(
        &self,
        _context: RequestContext,
        _params: GetCountParams,
    ) -> Result<GetCountResponse, ServiceError> {
        Err(ServiceError::not_found("Nothing is kept."))
    }
}

fn status() -> DeviceComplianceUserStatus {
    DeviceComplianceUserStatus {
        id: None,
        odata_type: None,
        devices_count: 12,
        last_reported_date_time: "2017-01-01T00:00:17Z".parse().unwrap(),
        status: ComplianceStatus::Compliant,
        user_display_name: Some("Adele Vance".into()),
        user_principal_name: None,
    }
}

#[tokio::test]
async fn serve_and_call() -> Result<(), Box<dyn Error>> {
    let app = router(Arc::new(Statuses { token: "TOKEN".into() }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}/beta", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });

    let client = Client::builder(base)
        .bearer_token("TOKEN")
        .timeout(Duration::from_secs(30))
        .build()?;
    let params = CreateUserStatusParams {
        device_compliance_policy_id: "policy-1".into(),
    };
    let CreateUserStatusResponse::Created(created) =
        client.create_user_status(&params, &status()).await?;
    assert_eq!(created.id.as_deref(), Some("status-1"));

    let params = GetUserStatusParams {
        device_compliance_policy_id: "policy-1".into(),
        device_compliance_user_status_id: "status-1".into(),
        select: None,
    };
    let error = client.get_user_status(&params).await.unwrap_err();
    println!("{:?} {:?}: {error}", error.status(), error.code());
    assert_eq!(error.status(), Some(404));
    assert_eq!(error.code(), Some("itemNotFound"));
    Ok(())
}
