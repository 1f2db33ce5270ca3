//! A service built on two generated crates at once: it serves the device compliance user
//! statuses of the mission crate and the users of the directory crate from one axum app, and
//! calls both APIs. What the two crates share comes from the runtime crate, so the service has
//! one of each: one `Authorize` implementation, one router with one fallback and one
//! `TraceLayer`, one reqwest connection pool, one token provider, and one function that turns
//! either crate's client errors into a message.

use axum::Router;
use device_compliance_user_status as statuses;
use fixture_directory as directory;
use openapi_graph_runtime::client::{ClientError, TokenProvider};
use openapi_graph_runtime::server::{
    not_found, Authorize, HeaderMap, RequestContext, ServiceError,
};
use std::sync::{Arc, Mutex};
use tower_http::trace::TraceLayer;

/// What the service keeps: the user statuses it was given and the users it created.
#[derive(Default)]
pub struct Backend {
    token: String,
    statuses: Mutex<Vec<statuses::DeviceComplianceUserStatus>>,
    users: Mutex<Vec<directory::User>>,
}

impl Backend {
    /// A backend that accepts `token` and holds nothing yet.
    pub fn new(token: impl Into<String>) -> Backend {
        Backend {
            token: token.into(),
            ..Backend::default()
        }
    }
}

/// Verifies tokens once for both APIs.
impl Authorize for Backend {
    async fn authorize(&self, token: &str, _headers: &HeaderMap) -> Result<(), ServiceError> {
        if token == self.token {
            Ok(())
        } else {
            Err(ServiceError::unauthorized("The access token is not valid."))
        }
    }
}

impl statuses::server::Service for Backend {
    async fn list_user_status(
        &self,
        _context: RequestContext,
        _params: statuses::operations::ListUserStatusParams,
    ) -> Result<statuses::operations::ListUserStatusResponse, ServiceError> {
        let value = self.statuses.lock().unwrap().clone();
        Ok(statuses::operations::ListUserStatusResponse::Ok(
            statuses::DeviceComplianceUserStatusCollectionResponse {
                value,
                odata_count: None,
                odata_next_link: None,
            },
        ))
    }

    async fn create_user_status(
        &self,
        _context: RequestContext,
        _params: statuses::operations::CreateUserStatusParams,
        mut body: statuses::DeviceComplianceUserStatus,
    ) -> Result<statuses::operations::CreateUserStatusResponse, ServiceError> {
        let mut kept = self.statuses.lock().unwrap();
        body.id = Some(format!("status-{}", kept.len() + 1));
        kept.push(body.clone());
        Ok(statuses::operations::CreateUserStatusResponse::Created(
            body,
        ))
    }

    async fn get_user_status(
        &self,
        _context: RequestContext,
        params: statuses::operations::GetUserStatusParams,
    ) -> Result<statuses::operations::GetUserStatusResponse, ServiceError> {
        let kept = self.statuses.lock().unwrap();
        let id = &params.device_compliance_user_status_id;
        kept.iter()
            .find(|status| status.id.as_ref() == Some(id))
            .cloned()
            .map(statuses::operations::GetUserStatusResponse::Ok)
            .ok_or_else(|| ServiceError::not_found(format!("No user status has the id {id}.")))
    }

    async fn delete_user_status(
        &self,
        _context: RequestContext,
        _params: statuses::operations::DeleteUserStatusParams,
    ) -> Result<statuses::operations::DeleteUserStatusResponse, ServiceError> {
        Err(ServiceError::forbidden(
            "This service keeps every user status.",
        ))
    }

    async fn update_user_status(
        &self,
        _context: RequestContext,
        _params: statuses::operations::UpdateUserStatusParams,
        _body: statuses::DeviceComplianceUserStatusPatch,
    ) -> Result<statuses::operations::UpdateUserStatusResponse, ServiceError> {
        Err(ServiceError::forbidden(
            "This service does not change user statuses.",
        ))
    }

    async fn get_count(
        &self,
        _context: RequestContext,
        _params: statuses::operations::GetCountParams,
    ) -> Result<statuses::operations::GetCountResponse, ServiceError> {
        let count = self.statuses.lock().unwrap().len();
        Ok(statuses::operations::GetCountResponse::Ok(
            i32::try_from(count).unwrap_or(i32::MAX),
        ))
    }
}

impl directory::server::Service for Backend {
    async fn create_user(
        &self,
        _context: RequestContext,
        _params: directory::operations::CreateUserParams,
        mut body: directory::User,
    ) -> Result<directory::operations::CreateUserResponse, ServiceError> {
        let mut users = self.users.lock().unwrap();
        body.id = Some(format!("user-{}", users.len() + 1));
        users.push(body.clone());
        Ok(directory::operations::CreateUserResponse::Created(body))
    }

    async fn get_user(
        &self,
        _context: RequestContext,
        params: directory::operations::GetUserParams,
    ) -> Result<directory::operations::GetUserResponse, ServiceError> {
        let users = self.users.lock().unwrap();
        users
            .iter()
            .find(|user| user.id.as_ref() == Some(&params.user_id))
            .cloned()
            .map(directory::operations::GetUserResponse::Ok)
            .ok_or_else(|| {
                ServiceError::not_found(format!("No user has the id {}.", params.user_id))
            })
    }
}

/// Both APIs in one app: each crate's routes under its own base path (`/beta`, `/v1.0`),
/// Graph's 404 once as the fallback, and one trace layer around everything.
pub fn app(backend: Arc<Backend>) -> Router {
    Router::new()
        .merge(statuses::server::routes(backend.clone()))
        .merge(directory::server::routes(backend))
        .fallback(not_found)
        .layer(TraceLayer::new_for_http())
}

/// The clients of both APIs, sending through one connection pool with one token provider.
pub struct Clients {
    /// The device compliance user statuses API.
    pub statuses: statuses::client::Client,
    /// The directory API.
    pub directory: directory::client::Client,
}

impl Clients {
    /// Clients of the two APIs served at `origin` (such as `http://127.0.0.1:8080`).
    pub fn new(
        origin: &str,
        http: reqwest::Client,
        tokens: Arc<dyn TokenProvider>,
    ) -> Result<Clients, ClientError> {
        Ok(Clients {
            statuses: statuses::client::Client::builder(format!("{origin}/beta"))
                .http_client(http.clone())
                .token_provider(tokens.clone())
                .build()?,
            directory: directory::client::Client::builder(format!("{origin}/v1.0"))
                .http_client(http)
                .token_provider(tokens)
                .build()?,
        })
    }
}

/// One line for a failed call to either API: the runtime's `ClientError` is the same type
/// whichever generated crate returned it.
pub fn describe(error: &ClientError) -> String {
    match (error.status(), error.code()) {
        (Some(status), Some(code)) => format!(
            "{status} {code}: {} (request {})",
            error.message().unwrap_or_default(),
            error.request_id().unwrap_or("unknown")
        ),
        _ if error.is_timeout() => "the service did not answer in time".to_owned(),
        _ => format!("the call failed: {error}"),
    }
}
