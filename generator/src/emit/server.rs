//! The `server` file (feature `server`): a `Service` trait with one method per operation, and
//! an axum router that answers every bad request with Graph's error body before the service
//! sees it: 401 before the body is read, then 415, 413, and 400 with every violation.

use super::{doc_lines, ident, nullable_type};
use crate::ir::{Model, Operation, ParamLocation};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeMap;

pub fn emit(model: &Model) -> TokenStream {
    let methods = model.operations.iter().map(trait_method);
    let handlers = model.operations.iter().map(handler);
    let routes = routes(model);
    let base_path = &model.base_path;
    let runtime = runtime();
    let text_response = model
        .operations
        .iter()
        .flat_map(|op| &op.successes)
        .any(|r| r.plain_text)
        .then(|| {
            quote! {
                fn text_response(status: StatusCode, text: String) -> Response {
                    let mut response = Response::new(Body::from(text));
                    *response.status_mut() = status;
                    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain"));
                    response
                }
            }
        });
    let empty_response = model
        .operations
        .iter()
        .flat_map(|op| &op.successes)
        .any(|r| r.shape.is_none())
        .then(|| {
            quote! {
                fn empty_response(status: StatusCode) -> Response {
                    let mut response = Response::new(Body::empty());
                    *response.status_mut() = status;
                    response
                }
            }
        });
    let models_import = super::models_import(model, false);
    quote! {
        //! The server side: implement [`Service`] and mount [`router`] (feature `server`).

        use crate::errors::ValidationError;
        #models_import
        use crate::operations::*;
        use crate::support::RawParams;
        use axum::body::Body;
        use axum::extract::{FromRequestParts, RawPathParams, Request, State};
        use axum::http::{header, HeaderValue, StatusCode};
        /// The request headers type handed to [`Service::authorize`] and kept in [`RequestContext`].
        pub use axum::http::HeaderMap;
        use axum::response::Response;
        use axum::routing::{on, MethodFilter};
        use axum::Router;
        use std::future::Future;
        use std::sync::Arc;

        /// The base path the spec's first server URL gives.
        pub const SPEC_BASE_PATH: &str = #base_path;

        /// What a service implements: token verification and one method per operation.
        ///
        /// Every method gets parameters and bodies already checked against the spec; what it
        /// returns is sent as the spec's success status, or as Graph's error body.
        pub trait Service: Send + Sync + 'static {
            /// Verifies a bearer token before anything else about the request is looked at
            /// (the body is not read yet). Return [`ServiceError::unauthorized`] for a token that
            /// is not valid, or [`ServiceError::forbidden`] for one that may not do this.
            fn authorize(&self, token: &str, headers: &HeaderMap) -> impl Future<Output = Result<(), ServiceError>> + Send;

            #(#methods)*
        }

        #runtime
        #empty_response
        #text_response

        #(#handlers)*

        /// The router with the default configuration: the spec's base path and a 4 MiB body
        /// limit.
        pub fn router<S: Service>(service: Arc<S>) -> Router {
            router_with(service, ServerConfig::default())
        }

        /// The router for a service, with every path of the spec under `config.base_path`.
        pub fn router_with<S: Service>(service: Arc<S>, config: ServerConfig) -> Router {
            let base = config.base_path.trim_end_matches('/').to_owned();
            let shared = Arc::new(Shared { service, config });
            Router::new()
                #routes
                .fallback(not_found)
                .with_state(shared)
        }
    }
}

fn params_type(op: &Operation) -> proc_macro2::Ident {
    format_ident!("{}Params", op.type_name)
}

fn response_type(op: &Operation) -> proc_macro2::Ident {
    format_ident!("{}Response", op.type_name)
}

fn trait_method(op: &Operation) -> TokenStream {
    let name = ident(&op.rust_name);
    let params = params_type(op);
    let response = response_type(op);
    let mut text = op.doc.clone().unwrap_or_else(|| format!("`{}`.", op.id));
    text.push_str(&format!("\n\n`{} {}`", op.method.as_str(), op.path));
    let doc = doc_lines(&text);
    let body = op.body.as_ref().map(|body| {
        let ty = nullable_type(&body.shape);
        if body.required {
            quote!(, body: #ty)
        } else {
            quote!(, body: Option<#ty>)
        }
    });
    quote! {
        #doc
        fn #name(&self, context: RequestContext, params: #params #body) -> impl Future<Output = Result<#response, ServiceError>> + Send;
    }
}

fn handler(op: &Operation) -> TokenStream {
    let name = format_ident!("handle_{}", op.rust_name.trim_start_matches("r#"));
    let header_names = op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Header)
        .map(|p| p.wire_name.to_ascii_lowercase());
    let method = ident(&op.rust_name);
    let params = params_type(op);
    let response = response_type(op);
    let bearer = op.bearer;
    let (read_body, body_arg) = match &op.body {
        Some(body) => {
            let parse = format_ident!("parse_{}_body", op.rust_name.trim_start_matches("r#"));
            let required = body.required;
            let read = quote! {
                let body = match read_body(&ids, &parts.headers, body, shared.config.body_limit, #required).await {
                    Ok(bytes) => bytes,
                    Err(response) => return response,
                };
            };
            let (parse_call, arg) = if body.required {
                (
                    quote!(#parse(body.as_deref().unwrap_or_default())),
                    quote!(, body),
                )
            } else {
                (
                    quote!(body.as_deref().map(#parse).transpose()),
                    quote!(, body),
                )
            };
            (
                quote! {
                    #read
                    let body = match #parse_call {
                        Ok(body) => body,
                        Err(error) => return ids.error(ServiceError::from(error)),
                    };
                },
                arg,
            )
        }
        None => (quote!(drop(body);), quote!()),
    };
    let arms = op.successes.iter().map(|success| {
        let variant = format_ident!("{}", success.variant);
        let status = success.status;
        match &success.shape {
            Some(_) if success.plain_text => {
                quote!(Ok(#response::#variant(value)) => text_response(status(#status), value.to_string()),)
            }
            Some(_) => {
                quote!(Ok(#response::#variant(value)) => json_response(status(#status), &value),)
            }
            None => quote!(Ok(#response::#variant) => empty_response(status(#status)),),
        }
    });
    let doc = format!(
        " `{} {}`: checks, then calls [`Service::{}`].",
        op.method.as_str(),
        op.path,
        op.rust_name.trim_start_matches("r#")
    );
    let checked = format_ident!("{}_checked", name);
    quote! {
        #[doc = #doc]
        async fn #name<S: Service>(State(shared): State<Arc<Shared<S>>>, request: Request) -> Response {
            use futures_util::FutureExt;
            let ids = RequestIds::new(request.headers());
            let answer = std::panic::AssertUnwindSafe(#checked(shared, ids.clone(), request)).catch_unwind().await;
            ids.finish(answer)
        }

        async fn #checked<S: Service>(shared: Arc<Shared<S>>, ids: RequestIds, request: Request) -> Response {
            let (mut parts, body) = request.into_parts();
            let token = match authenticate(&*shared.service, &parts.headers, &ids, #bearer).await {
                Ok(token) => token,
                Err(response) => return response,
            };
            let raw = match raw_params(&mut parts, &[#(#header_names),*]).await {
                Ok(raw) => raw,
                Err(error) => return ids.error(error),
            };
            let params = match #params::from_raw(&raw) {
                Ok(params) => params,
                Err(error) => return ids.error(ServiceError::from(error)),
            };
            #read_body
            let context = RequestContext {
                token,
                request_id: ids.request_id.clone(),
                client_request_id: ids.client_request_id.clone(),
                headers: parts.headers,
            };
            match shared.service.#method(context, params #body_arg).await {
                #(#arms)*
                Err(error) => ids.error(error),
            }
        }
    }
}

/// One `.route(...)` per distinct path, with every method on it and a 405 fallback that lists
/// them in `Allow`.
fn routes(model: &Model) -> TokenStream {
    let mut by_path: BTreeMap<&str, Vec<&Operation>> = BTreeMap::new();
    for op in &model.operations {
        by_path.entry(op.path.as_str()).or_default().push(op);
    }
    let routes = by_path.into_iter().map(|(path, ops)| {
        let mut methods: Vec<&str> = ops.iter().map(|op| op.method.as_str()).collect();
        methods.sort_unstable();
        let allow = methods.join(", ");
        let first = ops[0];
        let filter = |op: &Operation| format_ident!("{}", op.method.as_str());
        let handler =
            |op: &Operation| format_ident!("handle_{}", op.rust_name.trim_start_matches("r#"));
        let (first_filter, first_handler) = (filter(first), handler(first));
        let rest = ops[1..].iter().map(|op| {
            let (f, h) = (filter(op), handler(op));
            quote!(.on(MethodFilter::#f, #h::<S>))
        });
        quote! {
            .route(
                &format!("{base}{}", #path),
                on(MethodFilter::#first_filter, #first_handler::<S>)
                    #(#rest)*
                    .fallback(|request: Request| method_not_allowed(request, #allow)),
            )
        }
    });
    quote!(#(#routes)*)
}

/// The fixed part: configuration, context, errors, middleware and helpers.
fn runtime() -> TokenStream {
    quote! {
        /// The default request body limit: 4 MiB, Graph's limit for a JSON request.
        pub const DEFAULT_BODY_LIMIT: usize = 4 * 1024 * 1024;

        /// How the router is mounted.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct ServerConfig {
            /// Prefix of every path, such as `/beta`; empty for none.
            pub base_path: String,
            /// Bodies longer than this are refused with 413 without being read to the end.
            pub body_limit: usize,
        }

        impl Default for ServerConfig {
            fn default() -> Self {
                ServerConfig {
                    base_path: SPEC_BASE_PATH.to_owned(),
                    body_limit: DEFAULT_BODY_LIMIT,
                }
            }
        }

        struct Shared<S> {
            service: Arc<S>,
            config: ServerConfig,
        }

        /// What a handler knows about its request besides parameters and body.
        #[derive(Clone)]
        pub struct RequestContext {
            /// The bearer token, for operations that require one.
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
            pub body: Box<crate::errors::ErrorBody>,
        }

        impl ServiceError {
            /// An error with any status, code and message.
            pub fn new(status: StatusCode, code: impl Into<String>, message: impl Into<String>) -> Self {
                ServiceError { status, body: Box::new(crate::errors::ErrorBody::new(code, message)) }
            }

            /// 400 `invalidRequest`.
            pub fn bad_request(message: impl Into<String>) -> Self {
                Self::new(StatusCode::BAD_REQUEST, "invalidRequest", message)
            }

            /// 401 `InvalidAuthenticationToken`, sent with `WWW-Authenticate: Bearer`.
            pub fn unauthorized(message: impl Into<String>) -> Self {
                Self::new(StatusCode::UNAUTHORIZED, "InvalidAuthenticationToken", message)
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

            /// 500 `generalException`.
            pub fn internal(message: impl Into<String>) -> Self {
                Self::new(StatusCode::INTERNAL_SERVER_ERROR, "generalException", message)
            }
        }

        impl From<ValidationError> for ServiceError {
            /// 400 with one detail per violation.
            fn from(error: ValidationError) -> Self {
                ServiceError { status: StatusCode::BAD_REQUEST, body: Box::new(error.to_error_body()) }
            }
        }

        /// The ids the middleware gives each request.
        #[derive(Debug, Clone)]
        struct RequestIds {
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
                    self.error(ServiceError::internal("The service failed while handling the request."))
                });
                if let Ok(value) = HeaderValue::from_str(&self.request_id) {
                    response.headers_mut().insert("request-id", value);
                }
                if let Some(value) = self.client_request_id.as_deref().and_then(|v| HeaderValue::from_str(v).ok()) {
                    response.headers_mut().insert("client-request-id", value);
                }
                response
            }

            fn error(&self, error: ServiceError) -> Response {
                let ServiceError { status, mut body } = error;
                body.error.inner_error = Some(crate::errors::InnerError {
                    request_id: Some(self.request_id.clone()),
                    client_request_id: self.client_request_id.clone(),
                    date: Some(now_rfc3339()),
                });
                let mut response = json_response(status, &body);
                if status == StatusCode::UNAUTHORIZED {
                    response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
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

        fn status(code: u16) -> StatusCode {
            StatusCode::from_u16(code).unwrap_or(StatusCode::OK)
        }



        fn json_response<T: serde::Serialize>(status: StatusCode, value: &T) -> Response {
            match serde_json::to_vec(value) {
                Ok(bytes) => {
                    let mut response = Response::new(Body::from(bytes));
                    *response.status_mut() = status;
                    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
                    response
                }
                Err(_) => {
                    let mut response = Response::new(Body::from(
                        r#"{"error":{"code":"generalException","message":"The response could not be encoded as JSON."}}"#,
                    ));
                    *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
                    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
                    response
                }
            }
        }

        /// Authentication first: a missing, empty or non-Bearer `Authorization` is a 401 whatever
        /// else is wrong with the request; then the service verifies the token.
        async fn authenticate<S: Service>(
            service: &S,
            headers: &HeaderMap,
            ids: &RequestIds,
            bearer: bool,
        ) -> Result<Option<String>, Response> {
            if !bearer {
                return Ok(None);
            }
            let token = headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| {
                    let (scheme, token) = v.trim().split_once(' ')?;
                    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim().to_owned())
                })
                .filter(|token| !token.is_empty());
            let Some(token) = token else {
                let message = if headers.contains_key(header::AUTHORIZATION) {
                    "The Authorization header must be `Bearer {token}` with a non-empty token."
                } else {
                    "Access token is empty."
                };
                return Err(ids.error(ServiceError::unauthorized(message)));
            };
            if let Err(error) = service.authorize(&token, headers).await {
                return Err(ids.error(error));
            }
            Ok(Some(token))
        }

        /// The operation's raw parameters; `header_names` (lower case) are the headers it declares.
        async fn raw_params(parts: &mut axum::http::request::Parts, header_names: &[&str]) -> Result<RawParams, ServiceError> {
            let path = RawPathParams::from_request_parts(parts, &())
                .await
                .map_err(|_| ServiceError::bad_request("A path segment is not valid UTF-8 after percent-decoding."))?;
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
            Ok(RawParams {
                path: path.iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect(),
                query,
                headers,
            })
        }

        /// 415 unless the body is JSON, 413 past the limit (from `Content-Length` before reading,
        /// or while reading), 400 for a missing required body.
        async fn read_body(
            ids: &RequestIds,
            headers: &HeaderMap,
            body: Body,
            limit: usize,
            required: bool,
        ) -> Result<Option<axum::body::Bytes>, Response> {
            let length: Option<usize> = headers
                .get(header::CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse().ok());
            let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
            if content_type.is_none() && !required && length.unwrap_or(0) == 0 {
                // An optional body that was left out: no Content-Type, nothing to read.
                let empty = axum::body::to_bytes(body, 0).await.is_ok_and(|bytes| bytes.is_empty());
                if empty {
                    return Ok(None);
                }
                return Err(ids.error(ServiceError::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "unsupportedMediaType",
                    "The request has a body but no Content-Type; send application/json.",
                )));
            }
            if !content_type.is_some_and(is_json) {
                let found = content_type.map_or("no Content-Type".to_owned(), |c| format!("Content-Type '{c}'"));
                return Err(ids.error(ServiceError::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "unsupportedMediaType",
                    format!("The request has {found}; send application/json."),
                )));
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
                    return Err(ids.error(ServiceError::bad_request("The request body could not be read.")));
                }
            };
            if bytes.is_empty() {
                if required {
                    return Err(ids.error(ServiceError::bad_request("A request body is required.")));
                }
                return Ok(None);
            }
            Ok(Some(bytes))
        }

        fn is_json(content_type: &str) -> bool {
            let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
            essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json"))
        }

        async fn not_found(request: Request) -> Response {
            let ids = RequestIds::new(request.headers());
            let path = request.uri().path();
            ids.finish(Ok(ids.error(ServiceError::not_found(format!("No resource matches the path {path}.")))))
        }

        async fn method_not_allowed(request: Request, allow: &'static str) -> Response {
            let ids = RequestIds::new(request.headers());
            let mut response = ids.error(ServiceError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "methodNotAllowed",
                format!("The method {} is not allowed on {}; allowed: {allow}.", request.method(), request.uri().path()),
            ));
            response.headers_mut().insert(header::ALLOW, HeaderValue::from_static(allow));
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
            // Civil date from days since 1970-01-01 (proleptic Gregorian calendar).
            let z = days + 719_468;
            let era = z.div_euclid(146_097);
            let day_of_era = z.rem_euclid(146_097);
            let year_of_era = (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
            let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
            let shifted_month = (5 * day_of_year + 2) / 153;
            let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
            let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 };
            let year = year_of_era + era * 400 + i64::from(month <= 2);
            format!(
                "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
                rest / 3_600,
                (rest / 60) % 60,
                rest % 60
            )
        }
    }
}
