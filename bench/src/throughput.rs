//! Requests per second through the generated router (authentication, content-type and size
//! checks, validation) against a hand-written axum handler taking `Json<T>` with no checks, both
//! on loopback and driven by the same client in the same run.

use axum::http::StatusCode;
use axum::Json;
use device_compliance_user_status::operations::*;
use device_compliance_user_status::server::{
    router, Authorize, HeaderMap, RequestContext, Service, ServiceError,
};
use device_compliance_user_status::{DeviceComplianceUserStatus, DeviceComplianceUserStatusPatch};
use std::sync::Arc;
use std::time::Instant;

const PATH: &str = "/beta/deviceManagement/deviceCompliancePolicies/p/userStatuses";
const CONCURRENCY: usize = 32;
const REQUESTS_PER_ROUND: usize = 8_000;
pub const ROUNDS: usize = 11;

struct Minimal;

impl Authorize for Minimal {
    async fn authorize(&self, token: &str, _: &HeaderMap) -> Result<(), ServiceError> {
        if token == "TOKEN" {
            Ok(())
        } else {
            Err(ServiceError::unauthorized("The access token is not valid."))
        }
    }
}

impl Service for Minimal {
    async fn create_user_status(
        &self,
        _: RequestContext,
        _: CreateUserStatusParams,
        mut body: DeviceComplianceUserStatus,
    ) -> Result<CreateUserStatusResponse, ServiceError> {
        body.id = Some("00000000-0000-4000-8000-000000000001".into());
        Ok(CreateUserStatusResponse::Created(body))
    }

    async fn list_user_status(
        &self,
        _: RequestContext,
        _: ListUserStatusParams,
    ) -> Result<ListUserStatusResponse, ServiceError> {
        Err(ServiceError::not_found("The benchmark only creates."))
    }

    async fn get_user_status(
        &self,
        _: RequestContext,
        _: GetUserStatusParams,
    ) -> Result<GetUserStatusResponse, ServiceError> {
        Err(ServiceError::not_found("The benchmark only creates."))
    }

    async fn update_user_status(
        &self,
        _: RequestContext,
        _: UpdateUserStatusParams,
        _: DeviceComplianceUserStatusPatch,
    ) -> Result<UpdateUserStatusResponse, ServiceError> {
        Err(ServiceError::not_found("The benchmark only creates."))
    }

    async fn delete_user_status(
        &self,
        _: RequestContext,
        _: DeleteUserStatusParams,
    ) -> Result<DeleteUserStatusResponse, ServiceError> {
        Err(ServiceError::not_found("The benchmark only creates."))
    }

    async fn get_count(
        &self,
        _: RequestContext,
        _: GetCountParams,
    ) -> Result<GetCountResponse, ServiceError> {
        Err(ServiceError::not_found("The benchmark only creates."))
    }
}

async fn plain_handler(
    Json(mut body): Json<DeviceComplianceUserStatus>,
) -> (StatusCode, Json<DeviceComplianceUserStatus>) {
    body.id = Some("00000000-0000-4000-8000-000000000001".into());
    (StatusCode::CREATED, Json(body))
}

async fn serve(app: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{address}{PATH}")
}

/// One round: `REQUESTS_PER_ROUND` POSTs over `CONCURRENCY` connections; requests per second.
async fn round(client: &reqwest::Client, url: &str, body: &'static [u8]) -> f64 {
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..CONCURRENCY {
        let client = client.clone();
        let url = url.to_owned();
        tasks.push(tokio::spawn(async move {
            for _ in 0..REQUESTS_PER_ROUND / CONCURRENCY {
                let response = client
                    .post(&url)
                    .header("Authorization", "Bearer TOKEN")
                    .header("Content-Type", "application/json")
                    .body(body)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(response.status(), 201);
                response.bytes().await.unwrap();
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    REQUESTS_PER_ROUND as f64 / start.elapsed().as_secs_f64()
}

/// Median requests per second of (generated, plain), rounds interleaved.
pub fn measure(body: &'static [u8]) -> (f64, f64) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let generated = serve(router(Arc::new(Minimal))).await;
        let plain =
            serve(axum::Router::new().route(PATH, axum::routing::post(plain_handler))).await;
        let client = reqwest::Client::new();
        round(&client, &generated, body).await;
        round(&client, &plain, body).await;
        let (mut generated_rps, mut plain_rps) = (Vec::new(), Vec::new());
        for _ in 0..ROUNDS {
            generated_rps.push(round(&client, &generated, body).await);
            plain_rps.push(round(&client, &plain, body).await);
        }
        (median(generated_rps), median(plain_rps))
    })
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}
