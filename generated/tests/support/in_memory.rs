//! An in-memory implementation of the generated `Service`: it accepts one bearer token, assigns
//! ids, and keeps the user statuses of each policy in creation order. Shared by the example
//! server and the tests.
//!
//! Of the OData query options it evaluates `$top`, `$skip`, `$count`, and `$filter`, `$search`
//! and `$orderby` as the spec describes them (see `query.rs`); `$select` is accepted and the
//! full entity returned, as the spec says.

use super::query;
use device_compliance_user_status::operations::*;
use device_compliance_user_status::server::{Authorize, HeaderMap, RequestContext, Service, ServiceError};
use device_compliance_user_status::{
    DeviceComplianceUserStatus, DeviceComplianceUserStatusCollectionResponse,
    DeviceComplianceUserStatusPatch,
};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// How many user statuses a page holds when the caller does not say `$top`.
pub const PAGE_SIZE: usize = 100;

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

    /// What is stored under a policy, in creation order.
    #[allow(dead_code)]
    pub fn created(&self, policy_id: &str) -> Vec<DeviceComplianceUserStatus> {
        self.lock().get(policy_id).cloned().unwrap_or_default()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, Vec<DeviceComplianceUserStatus>>> {
        self.statuses.lock().unwrap_or_else(|e| e.into_inner())
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

fn not_found(policy: &str, id: &str) -> ServiceError {
    ServiceError::not_found(format!(
        "No deviceComplianceUserStatus has the id '{id}' under the policy '{policy}'."
    ))
}

/// The next page's URL: this request's path and query with `$skip` moved on and `$top` reduced
/// by what this page held.
fn next_link(context: &RequestContext, params: &ListUserStatusParams, skip: usize, top: Option<usize>) -> String {
    let host = context
        .headers
        .get("host")
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let mut next = params.clone();
    next.skip = Some(skip as i64);
    next.top = top.map(|top| top as i64);
    let query: Vec<String> = next
        .query()
        .into_iter()
        .map(|(name, value)| {
            format!("{name}={}", percent_encoded(&value))
        })
        .collect();
    format!("http://{host}/beta{}?{}", next.path(), query.join("&"))
}

impl Authorize for InMemory {
    async fn authorize(&self, token: &str, _headers: &HeaderMap) -> Result<(), ServiceError> {
        if same_token(token, &self.token) {
            Ok(())
        } else {
            Err(ServiceError::unauthorized("The access token is not valid."))
        }
    }
}

impl Service for InMemory {
    async fn list_user_status(
        &self,
        context: RequestContext,
        params: ListUserStatusParams,
    ) -> Result<ListUserStatusResponse, ServiceError> {
        let terms = query::order(params.orderby.as_deref().unwrap_or_default())?;
        let selected = query::selected(params.filter.as_deref(), params.search.as_deref())?;
        let mut all = self.created(&params.device_compliance_policy_id);
        all.retain(|status| selected(status));
        query::sort(&mut all, &terms);
        let skip = params.skip.unwrap_or(0) as usize;
        let wanted = params.top.map(|top| top as usize);
        let page: Vec<_> = all
            .iter()
            .skip(skip)
            .take(wanted.unwrap_or(PAGE_SIZE).min(PAGE_SIZE))
            .cloned()
            .collect();
        let end = skip + page.len();
        let still_wanted = wanted.map(|w| w - page.len());
        let next = (end < all.len() && still_wanted != Some(0))
            .then(|| next_link(&context, &params, end, still_wanted));
        Ok(ListUserStatusResponse::Ok(DeviceComplianceUserStatusCollectionResponse {
            odata_count: params.count.filter(|c| *c).map(|_| Some(all.len() as i64)),
            odata_next_link: next.map(Some),
            value: page,
        }))
    }

    async fn create_user_status(
        &self,
        _context: RequestContext,
        params: CreateUserStatusParams,
        mut body: DeviceComplianceUserStatus,
    ) -> Result<CreateUserStatusResponse, ServiceError> {
        body.id = Some(self.new_id());
        body.odata_type = Some(DeviceComplianceUserStatus::ODATA_TYPE.to_owned());
        self.lock()
            .entry(params.device_compliance_policy_id)
            .or_default()
            .push(body.clone());
        Ok(CreateUserStatusResponse::Created(body))
    }

    async fn get_user_status(
        &self,
        _context: RequestContext,
        params: GetUserStatusParams,
    ) -> Result<GetUserStatusResponse, ServiceError> {
        let (policy, id) = (&params.device_compliance_policy_id, &params.device_compliance_user_status_id);
        self.created(policy)
            .into_iter()
            .find(|s| s.id.as_deref() == Some(id))
            .map(GetUserStatusResponse::Ok)
            .ok_or_else(|| not_found(policy, id))
    }

    async fn update_user_status(
        &self,
        _context: RequestContext,
        params: UpdateUserStatusParams,
        body: DeviceComplianceUserStatusPatch,
    ) -> Result<UpdateUserStatusResponse, ServiceError> {
        let (policy, id) = (&params.device_compliance_policy_id, &params.device_compliance_user_status_id);
        let mut statuses = self.lock();
        let status = statuses
            .get_mut(policy)
            .and_then(|list| list.iter_mut().find(|s| s.id.as_deref() == Some(id)))
            .ok_or_else(|| not_found(policy, id))?;
        let DeviceComplianceUserStatusPatch {
            id: _,
            odata_type: _,
            devices_count,
            last_reported_date_time,
            status: compliance,
            user_display_name,
            user_principal_name,
        } = body;
        if let Some(value) = devices_count {
            status.devices_count = value;
        }
        if let Some(value) = last_reported_date_time {
            status.last_reported_date_time = value;
        }
        if let Some(value) = compliance {
            status.status = value;
        }
        if let Some(value) = user_display_name {
            status.user_display_name = value;
        }
        if let Some(value) = user_principal_name {
            status.user_principal_name = value;
        }
        Ok(UpdateUserStatusResponse::Ok(status.clone()))
    }

    async fn delete_user_status(
        &self,
        _context: RequestContext,
        params: DeleteUserStatusParams,
    ) -> Result<DeleteUserStatusResponse, ServiceError> {
        let (policy, id) = (&params.device_compliance_policy_id, &params.device_compliance_user_status_id);
        let mut statuses = self.lock();
        let list = statuses.get_mut(policy).ok_or_else(|| not_found(policy, id))?;
        let before = list.len();
        list.retain(|s| s.id.as_deref() != Some(id));
        if list.len() == before {
            return Err(not_found(policy, id));
        }
        Ok(DeleteUserStatusResponse::NoContent)
    }

    async fn get_count(
        &self,
        _context: RequestContext,
        params: GetCountParams,
    ) -> Result<GetCountResponse, ServiceError> {
        let selected = query::selected(params.filter.as_deref(), params.search.as_deref())?;
        let count = self.created(&params.device_compliance_policy_id).iter().filter(|s| selected(s)).count();
        Ok(GetCountResponse::Ok(i32::try_from(count).unwrap_or(i32::MAX)))
    }
}

/// A query value with every byte but RFC 3986's unreserved ones written as `%XX`, as the
/// generated client writes it.
fn percent_encoded(value: &str) -> String {
    value
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(byte).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}
