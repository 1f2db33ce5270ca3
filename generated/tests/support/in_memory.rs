//! An in-memory implementation of the generated `Service`: it accepts one bearer token, assigns
//! ids, and keeps what was created per policy. Shared by the example server and the tests.

use device_compliance_user_status::operations::{CreateUserStatusParams, CreateUserStatusResponse};
use device_compliance_user_status::server::{HeaderMap, RequestContext, Service, ServiceError};
use device_compliance_user_status::DeviceComplianceUserStatus;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// User statuses by policy id, behind one accepted token.
pub struct InMemory {
    token: String,
    next_id: AtomicU64,
    statuses: Mutex<BTreeMap<String, Vec<DeviceComplianceUserStatus>>>,
}

impl InMemory {
    pub fn new(token: impl Into<String>) -> Self {
        InMemory {
            token: token.into(),
            next_id: AtomicU64::new(1),
            statuses: Mutex::new(BTreeMap::new()),
        }
    }

    /// What has been created under a policy, in order.
    #[allow(dead_code)]
    pub fn created(&self, policy_id: &str) -> Vec<DeviceComplianceUserStatus> {
        let statuses = self.statuses.lock().unwrap_or_else(|e| e.into_inner());
        statuses.get(policy_id).cloned().unwrap_or_default()
    }

    fn new_id(&self) -> String {
        let n = self.next_id.fetch_add(1, Ordering::Relaxed);
        format!("00000000-0000-4000-8000-{n:012x}")
    }
}

/// Compares without stopping at the first difference, so timing does not reveal the token.
fn same_token(given: &str, expected: &str) -> bool {
    given.len() == expected.len()
        && given
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |diff, (a, b)| diff | (a ^ b))
            == 0
}

impl Service for InMemory {
    async fn authorize(&self, token: &str, _headers: &HeaderMap) -> Result<(), ServiceError> {
        if same_token(token, &self.token) {
            Ok(())
        } else {
            Err(ServiceError::unauthorized("The access token is not valid."))
        }
    }

    async fn create_user_status(
        &self,
        _context: RequestContext,
        params: CreateUserStatusParams,
        mut body: DeviceComplianceUserStatus,
    ) -> Result<CreateUserStatusResponse, ServiceError> {
        body.id = Some(self.new_id());
        body.odata_type = Some(DeviceComplianceUserStatus::ODATA_TYPE.to_owned());
        let mut statuses = self.statuses.lock().unwrap_or_else(|e| e.into_inner());
        statuses
            .entry(params.device_compliance_policy_id)
            .or_default()
            .push(body.clone());
        Ok(CreateUserStatusResponse::Created(body))
    }
}
