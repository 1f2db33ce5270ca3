//! The axum server runtime: configuration, Graph's error responses, request ids,
//! authentication, parameter and body extraction, and the handler guard every generated
//! route goes through.
use super::errors::ValidationError;
use super::support::{OperationParams, RawParams};
use axum::body::Body;
use axum::extract::{FromRequestParts, MatchedPath, RawPathParams, Request};
/// The request headers type handed to [`Authorize::authorize`] and kept in [`RequestContext`].
pub use axum::http::HeaderMap;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use std::future::Future;
use std::sync::Arc;

/// The default request body limit: 4 MiB, Graph's limit for a JSON request.
pub const DEFAULT_BODY_LIMIT: usize = 4 * 1024 * 1024;

/// How the router is mounted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerConfig {
    /// Prefix of every path, such as `/beta`; empty for none. `None` (the default) is the
    /// spec's base path, the path of its first server URL.
    pub base_path: Option<String>,
    /// Bodies longer than this are refused with 413 without being read to the end.
    pub body_limit: usize,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            base_path: None,
            body_limit: DEFAULT_BODY_LIMIT,
        }
    }
}

impl ServerConfig {
    /// The base path as routes are mounted under it, `spec_base_path` unless one is set:
    /// `/beta/` and `beta` both give `/beta`, `/` and the empty path nothing.
    #[doc(hidden)]
    pub fn route_prefix(&self, spec_base_path: &str) -> String {
        let trimmed = self
            .base_path
            .as_deref()
            .unwrap_or(spec_base_path)
            .trim_matches('/');
        if trimmed.is_empty() {
            String::new()
        } else {
            format!("/{trimmed}")
        }
    }
}

/// Verifies the credentials of a request before anything else about it is looked at. Every
/// generated crate's `Service` trait builds on it, so a service that serves the APIs of
/// several generated crates verifies tokens in one place.
pub trait Authorize: Send + Sync + 'static {
    /// Verifies a bearer token (or the API key of an operation that takes one, or the
    /// `user:password` of HTTP basic credentials) before anything else about the request is
    /// looked at (the body is not read yet). Return [`ServiceError::unauthorized`] for a
    /// token that is not valid, or [`ServiceError::forbidden`] for one that may not do this.
    fn authorize(
        &self,
        token: &str,
        headers: &HeaderMap,
    ) -> impl Future<Output = Result<(), ServiceError>> + Send;
}

/// A router's state: the service and its configuration. Hidden: only generated routes use it.
#[doc(hidden)]
pub struct Shared<S> {
    /// The service the routes call.
    pub service: Arc<S>,
    /// How the routes are mounted.
    pub config: ServerConfig,
}

/// What a handler knows about its request besides parameters and body.
#[derive(Clone)]
pub struct RequestContext {
    /// The credential [`Authorize::authorize`] accepted, for operations whose security the
    /// router checks: the bearer token, the API key, or basic credentials as `user:password`.
    pub token: Option<String>,
    /// This request's id, sent back in the `request-id` header and in error bodies.
    pub request_id: String,
    /// The caller's `client-request-id`, echoed back.
    pub client_request_id: Option<String>,
    /// All request headers.
    pub headers: HeaderMap,
}

impl std::fmt::Debug for RequestContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RequestContext")
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .field("request_id", &self.request_id)
            .field("client_request_id", &self.client_request_id)
            .finish_non_exhaustive()
    }
}

/// An error a service answers with: a status and Graph's error body.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The body; `innerError` is filled in when it is sent.
    pub body: Box<super::errors::ErrorBody>,
}

impl ServiceError {
    /// An error with any status, code and message.
    pub fn new(status: StatusCode, code: impl Into<String>, message: impl Into<String>) -> Self {
        ServiceError {
            status,
            body: Box::new(super::errors::ErrorBody::new(code, message)),
        }
    }
    /// 400 `invalidRequest`.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalidRequest", message)
    }
    /// 401 `InvalidAuthenticationToken`, sent with `WWW-Authenticate: Bearer`.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "InvalidAuthenticationToken",
            message,
        )
    }
    /// 403 `accessDenied`.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "accessDenied", message)
    }
    /// 404 `itemNotFound`.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "itemNotFound", message)
    }
    /// 409 `conflict`.
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, "conflict", message)
    }
    /// 501 `notSupported`: what an operation answers that the service does not implement.
    pub fn not_implemented(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_IMPLEMENTED, "notSupported", message)
    }
    /// 500 `generalException`.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "generalException",
            message,
        )
    }
}

impl From<ValidationError> for ServiceError {
    /// 400 with one detail per violation.
    fn from(error: ValidationError) -> Self {
        ServiceError {
            status: StatusCode::BAD_REQUEST,
            body: Box::new(error.to_error_body()),
        }
    }
}

/// The ids the middleware gives each request.
#[derive(Debug, Clone)]
#[doc(hidden)]
pub struct RequestIds {
    request_id: String,
    client_request_id: Option<String>,
}

impl RequestIds {
    /// A new request id, and the caller's `client-request-id` if it sent one.
    fn new(headers: &HeaderMap) -> Self {
        RequestIds {
            request_id: new_request_id(),
            client_request_id: headers
                .get("client-request-id")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
        }
    }
    /// Adds the id headers; a panic in the handler becomes a 500 with Graph's error body,
    /// and the server keeps serving.
    fn finish(&self, answer: Result<Response, Box<dyn std::any::Any + Send>>) -> Response {
        let mut response = answer.unwrap_or_else(|_| {
            self.error(ServiceError::internal(
                "The service failed while handling the request.",
            ))
        });
        if let Ok(value) = HeaderValue::from_str(&self.request_id) {
            response.headers_mut().insert("request-id", value);
        }
        if let Some(value) = self
            .client_request_id
            .as_deref()
            .and_then(|v| HeaderValue::from_str(v).ok())
        {
            response.headers_mut().insert("client-request-id", value);
        }
        response
    }
    /// Parameters or a body the operation's checks accepted, or the refusal to answer with.
    /// (The refusal is the response itself, built only for a refused request: hence the
    /// `allow`.)
    #[allow(clippy::result_large_err)]
    pub fn accepted<T>(&self, checked: Result<T, ValidationError>) -> Result<T, Response> {
        checked.map_err(|error| self.error(ServiceError::from(error)))
    }
    pub fn error(&self, error: ServiceError) -> Response {
        let ServiceError { status, mut body } = error;
        body.error.inner_error = Some(super::errors::InnerError {
            request_id: Some(self.request_id.clone()),
            client_request_id: self.client_request_id.clone(),
            date: Some(now_rfc3339()),
        });
        let mut response = json_response(status, &body);
        if status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

impl RequestContext {
    fn ids(&self) -> RequestIds {
        RequestIds {
            request_id: self.request_id.clone(),
            client_request_id: self.client_request_id.clone(),
        }
    }
    /// Graph's error body for this request, with its ids and the time.
    pub fn error(&self, error: ServiceError) -> Response {
        self.ids().error(error)
    }
}

#[doc(hidden)]
pub fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::OK)
}

/// An answer without a body. Hidden, as are the two below: generated routes send with them.
#[doc(hidden)]
pub fn empty_response(status: StatusCode) -> Response {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = status;
    response
}

#[doc(hidden)]
pub fn text_response(status: StatusCode, text: String) -> Response {
    media_response(status, "text/plain", Body::from(text))
}

#[doc(hidden)]
pub fn binary_response(status: StatusCode, media_type: &'static str, bytes: Vec<u8>) -> Response {
    media_response(status, media_type, Body::from(bytes))
}

fn media_response(status: StatusCode, media_type: &'static str, body: Body) -> Response {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
    response
}

#[doc(hidden)]
pub fn json_response<T: serde::Serialize>(status: StatusCode, value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(bytes) => {
            let mut response = Response::new(Body::from(bytes));
            *response.status_mut() = status;
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            response
        }
        Err(_) => {
            let mut response = Response::new(Body::from(
                r#"{"error":{"code":"generalException","message":"The response could not be encoded as JSON."}}"#,
            ));
            *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            response
        }
    }
}

const FORM_MEDIA: &str = "application/x-www-form-urlencoded";

const MULTIPART_MEDIA: &str = "multipart/form-data";

/// How an operation takes its request body. (A spec may have no binary body: hence the
/// `allow`, this file being the same for every spec.)
#[derive(Clone, Copy)]
#[doc(hidden)]
pub enum BodyRule {
    /// JSON, which the operation's parser checks.
    Json { required: bool },
    /// A form (`application/x-www-form-urlencoded`), which the operation's parser checks.
    Form { required: bool },
    /// JSON, or the same object's fields as a form and/or multipart parts, which the
    /// operation's parser tells apart by the Content-Type.
    JsonOrFields {
        required: bool,
        form: bool,
        multipart: bool,
    },
    /// Bytes of any media type, handed to the service as they are.
    Bytes { required: bool },
    /// `multipart/form-data`, which the operation's parser splits and checks.
    Multipart { required: bool },
    /// `text/plain`, which the operation's parser reads and checks.
    Text { required: bool },
}

/// Everything checked before the service method is called, in this order: that the path fits
/// the operation's template (a path that only starts like it is not found, whoever asks), the
/// token, the parameters, then the body, read only for an operation that takes one.
#[doc(hidden)]
pub async fn admit<S: Authorize, P: OperationParams>(
    shared: &Shared<S>,
    ids: &RequestIds,
    request: Request,
    body_rule: Option<BodyRule>,
) -> Result<(P, Option<axum::body::Bytes>, RequestContext), Response> {
    let (mut parts, body) = request.into_parts();
    let Some(path) = path_params(&mut parts, P::PATH_TEMPLATE).await else {
        let message = format!("No resource matches the path {}.", parts.uri.path());
        return Err(ids.error(ServiceError::not_found(message)));
    };
    let token = authenticate::<S, P>(&*shared.service, &parts, ids).await?;
    let path = path.map_err(|error| ids.error(error))?;
    let raw = raw_params(&parts, path, P::HEADER_NAMES, P::COOKIE_NAMES);
    let params = ids.accepted(P::from_raw(&raw))?;
    let bytes = match body_rule {
        Some(rule) => read_body(ids, &parts.headers, body, shared.config.body_limit, rule).await?,
        None => {
            drop(body);
            None
        }
    };
    let context = RequestContext {
        token,
        request_id: ids.request_id.clone(),
        client_request_id: ids.client_request_id.clone(),
        headers: parts.headers,
    };
    Ok((params, bytes, context))
}

/// Runs a checked handler with the request's ids, so that every answer carries them and a
/// panic becomes a 500 with Graph's error body while the server keeps serving. The handler
/// answers `Err` with a refusal as soon as a check fails, `Ok` with the service's answer.
async fn guarded<S, F, Fut>(
    shared: Arc<Shared<S>>,
    request: Request,
    handler: F,
    operation: &'static str,
) -> Response
where
    S: Authorize,
    F: FnOnce(Arc<Shared<S>>, RequestIds, Request) -> Fut,
    Fut: Future<Output = Result<Response, Response>>,
{
    use futures_util::FutureExt;
    let ids = RequestIds::new(request.headers());
    #[cfg(feature = "tracing")]
    let traced = Traced::start(operation, &request, &ids);
    #[cfg(not(feature = "tracing"))]
    let _ = operation;
    let answer = std::panic::AssertUnwindSafe(handler(shared, ids.clone(), request)).catch_unwind();
    #[cfg(feature = "tracing")]
    let answer = tracing::Instrument::instrument(answer, traced.span.clone());
    let answer = answer.await;
    let response = ids.finish(answer.map(|answered| answered.unwrap_or_else(|refused| refused)));
    #[cfg(feature = "tracing")]
    traced.finish(response.status());
    response
}

/// The span of one operation (feature `tracing`), named and shaped as tower-http's
/// `TraceLayer` shapes a request's, so that both read alike in one subscriber: the operation
/// id, method, matched route and request id when it starts; status and latency, and an
/// event, when it ends.
#[cfg(feature = "tracing")]
struct Traced {
    span: tracing::Span,
    started: std::time::Instant,
}

#[cfg(feature = "tracing")]
impl Traced {
    fn start(operation: &'static str, request: &Request, ids: &RequestIds) -> Self {
        let route = request
            .extensions()
            .get::<MatchedPath>()
            .map_or("", |matched| matched.as_str());
        let span = tracing::info_span!(
            "operation", operation, http.method = % request.method(), http.route = route,
            request_id = % ids.request_id, http.status = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
        );
        Traced {
            span,
            started: std::time::Instant::now(),
        }
    }
    fn finish(self, status: StatusCode) {
        super::support::finish_span(&self.span, self.started, status.as_u16());
    }
}

/// An operation's checked handler as axum calls it: the request's ids and the panic guard of
/// [`guarded`] around it, and the operation's id for its span. Routes mount
/// `Guarded(handle_<operation>::<S>, "<operationId>")`.
#[derive(Clone, Copy)]
#[doc(hidden)]
pub struct Guarded<F>(pub F, pub &'static str);

impl<S, F, Fut> axum::handler::Handler<(), Arc<Shared<S>>> for Guarded<F>
where
    S: Authorize,
    F: FnOnce(Arc<Shared<S>>, RequestIds, Request) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<Response, Response>> + Send + 'static,
{
    type Future = std::pin::Pin<Box<dyn Future<Output = Response> + Send>>;
    fn call(self, request: Request, shared: Arc<Shared<S>>) -> Self::Future {
        Box::pin(guarded(shared, request, self.0, self.1))
    }
}

/// Authentication first: without a credential the operation takes, the answer is a 401
/// whatever else is wrong with the request; then the service verifies the credential sent.
/// `Authorization` is what counts when the operation takes a bearer token or basic credentials
/// and it is sent; else the first of the operation's API keys that is sent.
async fn authenticate<S: Authorize, P: OperationParams>(
    service: &S,
    parts: &axum::http::request::Parts,
    ids: &RequestIds,
) -> Result<Option<String>, Response> {
    let (bearer, basic, keys) = (P::BEARER, P::BASIC, P::API_KEYS);
    if !bearer && !basic && keys.is_empty() {
        return Ok(None);
    }
    let refuse = |message: String| {
        challenged(
            ids.error(ServiceError::unauthorized(message)),
            bearer,
            basic,
        )
    };
    let authorization = parts
        .headers
        .get(header::AUTHORIZATION)
        .filter(|_| bearer || basic);
    let credential = match authorization {
        Some(value) => from_authorization(value, bearer, basic).map_err(refuse)?,
        None => keys
            .iter()
            .find_map(|&(place, name)| api_key(parts, place, name))
            .ok_or_else(|| refuse(missing_credential(bearer, basic, keys)))?,
    };
    if let Err(error) = service.authorize(&credential, &parts.headers).await {
        return Err(challenged(ids.error(error), bearer, basic));
    }
    Ok(Some(credential))
}

/// The credential in `Authorization`: a bearer token, or basic credentials decoded to
/// `user:password`, as the operation takes them; else why the header does not do.
fn from_authorization(value: &HeaderValue, bearer: bool, basic: bool) -> Result<String, String> {
    let text = value.to_str().unwrap_or_default().trim();
    let (scheme, rest) = text.split_once(' ').unwrap_or((text, ""));
    let rest = rest.trim();
    if bearer && scheme.eq_ignore_ascii_case("bearer") && !rest.is_empty() {
        return Ok(rest.to_owned());
    }
    if basic && scheme.eq_ignore_ascii_case("basic") {
        let decoded = super::support::base64_decoded(rest)
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .filter(|pair| pair.contains(':'));
        if let Some(pair) = decoded {
            return Ok(pair);
        }
    }
    let mut forms = Vec::new();
    if bearer {
        forms.push("`Bearer {token}` with a non-empty token");
    }
    if basic {
        forms.push("`Basic {credentials}`, the credentials `user:password` in base64");
    }
    Err(format!(
        "The Authorization header must be {}.",
        forms.join(", or ")
    ))
}

/// The 401 message when no credential the operation takes is sent.
fn missing_credential(bearer: bool, basic: bool, keys: &[(&str, &str)]) -> String {
    if !bearer && !basic {
        return format!("The API key is missing: send it {}.", where_keys_go(keys));
    }
    if !basic && keys.is_empty() {
        return "Access token is empty.".to_owned();
    }
    let mut ways = Vec::new();
    if bearer {
        ways.push("a bearer token in `Authorization`".to_owned());
    }
    if basic {
        ways.push("HTTP basic credentials in `Authorization`".to_owned());
    }
    if !keys.is_empty() {
        ways.push(format!("the API key {}", where_keys_go(keys)));
    }
    let opening = if bearer {
        "Access token is empty"
    } else {
        "Credentials are missing"
    };
    format!("{opening}: send {}.", ways.join(", or "))
}

/// A 401 names the schemes that would do (`WWW-Authenticate`): `Bearer` unless the operation
/// takes basic credentials.
fn challenged(mut response: Response, bearer: bool, basic: bool) -> Response {
    if basic && response.status() == StatusCode::UNAUTHORIZED {
        let challenge = if bearer { "Bearer, Basic" } else { "Basic" };
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static(challenge),
        );
    }
    response
}

/// The API key `name` sent in `place` (`"header"`, `"query"` or `"cookie"`), unless blank.
fn api_key(parts: &axum::http::request::Parts, place: &str, name: &str) -> Option<String> {
    let key = match place {
        "query" => form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes())
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned()),
        "cookie" => cookies(&parts.headers, &[name])
            .next()
            .map(|(_, value)| value),
        _ => parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
    };
    key.filter(|key| !key.trim().is_empty())
}

/// Where the keys go, for messages: "in the header `X-Key`, or in the query `key`".
fn where_keys_go(keys: &[(&str, &str)]) -> String {
    let places: Vec<String> = keys
        .iter()
        .map(|(place, name)| format!("in the {place} `{name}`"))
        .collect();
    places.join(", or ")
}

/// The path parameters, or `None` when the path does not fit the template after all (see
/// [`split_shared_segments`]); an error when a segment is not UTF-8 once percent-decoded.
async fn path_params(
    parts: &mut axum::http::request::Parts,
    template: &str,
) -> Option<Result<Vec<(String, String)>, ServiceError>> {
    let Ok(captured) = RawPathParams::from_request_parts(parts, &()).await else {
        let message = "A path segment is not valid UTF-8 after percent-decoding.";
        return Some(Err(ServiceError::bad_request(message)));
    };
    let mut path: Vec<(String, String)> = captured
        .iter()
        .zip(routed_names(template))
        .map(|((_, value), name)| (name.to_owned(), value.to_owned()))
        .collect();
    if path.len() < routed_names(template).count() {
        let route = parts.extensions.get::<MatchedPath>()?.as_str();
        let values: Vec<&str> = captured.iter().map(|(_, value)| value).collect();
        path = with_route_text(template, route, &values)?;
    }
    split_shared_segments(template, &mut path).then_some(Ok(path))
}

/// The names of the template's parameters the router captures, in order: the first of each
/// segment (the router captures the rest of a segment under it). Operations whose paths differ
/// only in parameter names share one route, so the router's names may not be these.
fn routed_names(template: &str) -> impl Iterator<Item = &str> {
    template.split('/').filter_map(|segment| {
        let (_, after_open) = segment.split_once('{')?;
        Some(
            after_open
                .split_once('}')
                .map_or(after_open, |(name, _)| name),
        )
    })
}

/// The parameters of a template served on a route written out in full, for a method that
/// route lacks (`GET /services/asana` for `GET /services/{slug}`): a parameter whose segment
/// the route spells out takes the route's text, the others the captures in order. `None` when
/// the route does not line up with the template.
fn with_route_text(
    template: &str,
    route: &str,
    captured: &[&str],
) -> Option<Vec<(String, String)>> {
    let segments: Vec<&str> = template.split('/').collect();
    let all: Vec<&str> = route.split('/').collect();
    let routed = all.get(all.len().checked_sub(segments.len())?..)?;
    let mut values = captured.iter();
    let mut path = Vec::new();
    for (segment, routed) in segments.iter().zip(routed) {
        let Some((_, after_open)) = segment.split_once('{') else {
            continue;
        };
        let (name, after_close) = after_open.split_once('}').unwrap_or((after_open, ""));
        let value = if routed.contains('{') {
            (*values.next()?).to_owned()
        } else if segment.starts_with('{') && after_close.is_empty() {
            (*routed).to_owned()
        } else {
            return None;
        };
        path.push((name.to_owned(), value));
    }
    Some(path)
}

/// Parameters that share a segment with text after them, as in Graph's functions
/// (`getReport(period='{period}')`): the router can only end a segment with a parameter, so it
/// captures from the first parameter to the segment's end, and the template's text after it
/// splits the capture here. `false` when the capture does not end as the template does.
fn split_shared_segments(template: &str, path: &mut Vec<(String, String)>) -> bool {
    for segment in template.split('/') {
        let Some((_, after_open)) = segment.split_once('{') else {
            continue;
        };
        let Some((first, mut rest)) = after_open.split_once('}') else {
            continue;
        };
        if rest.is_empty() {
            continue;
        }
        let Some(index) = path.iter().position(|(name, _)| name == first) else {
            return false;
        };
        let (_, captured) = path.remove(index);
        let mut captured = captured.as_str();
        let mut name = first;
        loop {
            let Some((literal, after)) = rest.split_once('{') else {
                let Some(value) = captured.strip_suffix(rest) else {
                    return false;
                };
                path.push((name.to_owned(), value.to_owned()));
                break;
            };
            let Some((value, remainder)) = captured.split_once(literal) else {
                return false;
            };
            path.push((name.to_owned(), value.to_owned()));
            captured = remainder;
            let Some((next, after_close)) = after.split_once('}') else {
                return false;
            };
            (name, rest) = (next, after_close);
        }
    }
    true
}

/// Which of the operations sharing a route and method a request is for, as Graph's function
/// overloads do (`image(width={width})` and `image(width={width},height={height})`): the index
/// of the first template the path fits, in the order given (most parameters first), else the
/// last, whose handler then answers 404.
#[doc(hidden)]
pub async fn fitting_template(request: Request, templates: &[&str]) -> (Request, usize) {
    let (mut parts, body) = request.into_parts();
    let mut chosen = templates.len().saturating_sub(1);
    for (index, template) in templates.iter().enumerate() {
        if let Some(Ok(_)) = path_params(&mut parts, template).await {
            chosen = index;
            break;
        }
    }
    (Request::from_parts(parts, body), chosen)
}

/// The operation's raw parameters; `header_names` (lower case) and `cookie_names` are the
/// headers and cookies it declares, the only ones read.
fn raw_params(
    parts: &axum::http::request::Parts,
    path: Vec<(String, String)>,
    header_names: &[&str],
    cookie_names: &[&str],
) -> RawParams {
    let query = parts
        .uri
        .query()
        .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default();
    let headers = header_names
        .iter()
        .flat_map(|name| parts.headers.get_all(*name).iter().map(move |v| (name, v)))
        .filter_map(|(name, v)| Some(((*name).to_owned(), v.to_str().ok()?.to_owned())))
        .collect();
    RawParams {
        path,
        query,
        headers,
        cookies: cookies(&parts.headers, cookie_names).collect(),
    }
}

/// The cookies named in `names`, in the order sent, each value percent-decoded.
fn cookies<'a>(
    headers: &'a HeaderMap,
    names: &'a [&str],
) -> impl Iterator<Item = (String, String)> + 'a {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter(|_| !names.is_empty())
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            if !names.contains(&name) {
                return None;
            }
            let decoded = super::support::percent_decoded(value.as_bytes(), false);
            Some((
                name.to_owned(),
                String::from_utf8(decoded).unwrap_or_else(|_| value.to_owned()),
            ))
        })
}

/// 415 Unsupported Media Type with `message`.
fn unsupported_media_type(message: String) -> ServiceError {
    ServiceError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupportedMediaType",
        message,
    )
}

/// 415 unless a JSON or form body has its media type, 413 past the limit (from `Content-Length` before reading,
/// or while reading), 400 for a missing required body.
async fn read_body(
    ids: &RequestIds,
    headers: &HeaderMap,
    body: Body,
    limit: usize,
    rule: BodyRule,
) -> Result<Option<axum::body::Bytes>, Response> {
    let (required, media) = match rule {
        BodyRule::Json { required } => (required, Some("application/json")),
        BodyRule::Form { required } => (required, Some(FORM_MEDIA)),
        BodyRule::JsonOrFields {
            required,
            form,
            multipart,
        } => {
            let media = match (form, multipart) {
                (true, true) => {
                    "application/json, application/x-www-form-urlencoded or multipart/form-data"
                }
                (true, false) => "application/json or application/x-www-form-urlencoded",
                _ => "application/json or multipart/form-data",
            };
            (required, Some(media))
        }
        BodyRule::Bytes { required } => (required, None),
        BodyRule::Multipart { required } => (required, Some(MULTIPART_MEDIA)),
        BodyRule::Text { required } => (required, Some("text/plain")),
    };
    let length: Option<usize> = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok());
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    if let Some(media) = media {
        if content_type.is_none() && !required && length.unwrap_or(0) == 0 {
            let empty = axum::body::to_bytes(body, 0)
                .await
                .is_ok_and(|bytes| bytes.is_empty());
            if empty {
                return Ok(None);
            }
            let message = format!("The request has a body but no Content-Type; send {media}.");
            return Err(ids.error(unsupported_media_type(message)));
        }
        let fits = content_type.is_some_and(|found| match rule {
            BodyRule::Json { .. } => is_json(found),
            BodyRule::JsonOrFields {
                form, multipart, ..
            } => {
                is_json(found)
                    || (form && super::support::is_media(found, FORM_MEDIA))
                    || (multipart && super::support::is_media(found, MULTIPART_MEDIA))
            }
            _ => super::support::is_media(found, media),
        });
        if !fits {
            let found = content_type.map_or("no Content-Type".to_owned(), |c| {
                format!("Content-Type '{c}'")
            });
            let message = format!("The request has {found}; send {media}.");
            return Err(ids.error(unsupported_media_type(message)));
        }
    }
    let too_large = || {
        ids.error(ServiceError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "requestEntityTooLarge",
            format!("The request body is larger than the limit of {limit} bytes."),
        ))
    };
    if length.is_some_and(|length| length > limit) {
        return Err(too_large());
    }
    let bytes = match axum::body::to_bytes(body, limit).await {
        Ok(bytes) => bytes,
        Err(error) => {
            let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&error);
            while let Some(current) = source {
                if current.is::<http_body_util::LengthLimitError>() {
                    return Err(too_large());
                }
                source = current.source();
            }
            return Err(ids.error(ServiceError::bad_request(
                "The request body could not be read.",
            )));
        }
    };
    let empty_is_a_value = match rule {
        BodyRule::Text { .. } | BodyRule::Bytes { .. } | BodyRule::Form { .. } => {
            content_type.is_some()
        }
        BodyRule::JsonOrFields { .. } => {
            content_type.is_some_and(|found| super::support::is_media(found, FORM_MEDIA))
        }
        BodyRule::Json { .. } | BodyRule::Multipart { .. } => false,
    };
    if bytes.is_empty() && !empty_is_a_value {
        if required {
            return Err(ids.error(ServiceError::bad_request("A request body is required.")));
        }
        return Ok(None);
    }
    Ok(Some(bytes))
}

fn is_json(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || essence == "text/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Graph's 404 `itemNotFound` for a path no route matches, with the request ids: the
/// fallback a generated crate's `router` sets, for an app that merges its `routes` to set as its own.
pub async fn not_found(request: Request) -> Response {
    let ids = RequestIds::new(request.headers());
    let path = request.uri().path();
    ids.finish(Ok(ids.error(ServiceError::not_found(format!(
        "No resource matches the path {path}."
    )))))
}

#[doc(hidden)]
pub async fn method_not_allowed(request: Request, allow: &'static str) -> Response {
    let ids = RequestIds::new(request.headers());
    let mut response = ids.error(ServiceError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "methodNotAllowed",
        format!(
            "The method {} is not allowed on {}; allowed: {allow}.",
            request.method(),
            request.uri().path()
        ),
    ));
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(allow));
    ids.finish(Ok(response))
}

/// A GUID-shaped id from the standard library's randomly keyed hasher.
fn new_request_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let half = |salt: u64| {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u64(count);
        hasher.write_u64(salt);
        hasher.finish()
    };
    let (high, low) = (half(1), half(2));
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        high >> 32,
        (high >> 16) & 0xffff,
        high & 0x0fff,
        (low >> 48) & 0x3fff | 0x8000,
        low & 0xffff_ffff_ffff
    )
}

/// The current time, RFC 3339 in UTC with seconds.
fn now_rfc3339() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = ((seconds / 86_400) as i64, seconds % 86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3_600,
        (rest / 60) % 60,
        rest % 60
    )
}
