//! The reqwest client runtime: the builder, errors, retries and sending, which every
//! generated `Client` wraps.
use super::errors::ValidationError;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A boxed error from a token provider.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Supplies a bearer token for each request, so tokens can be refreshed.
pub trait TokenProvider: Send + Sync {
    /// The token to send now.
    fn token(&self) -> Pin<Box<dyn Future<Output = Result<String, BoxError>> + Send + '_>>;
}

#[derive(Clone)]
enum Auth {
    None,
    Token(String),
    Provider(Arc<dyn TokenProvider>),
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Auth::None => "None",
            Auth::Token(_) => "Token(<redacted>)",
            Auth::Provider(_) => "Provider(..)",
        })
    }
}

/// When requests are repeated after 429 Too Many Requests or 503 Service Unavailable.
///
/// The wait is the response's `Retry-After` (seconds or an HTTP date), else one second
/// doubling each time. GET, PUT, DELETE, HEAD and OPTIONS are retried; POST and PATCH
/// only with `retry_non_idempotent`, since repeating them may act twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included; 1 disables retries.
    pub max_attempts: u32,
    /// No retry starts once this much time has passed since the first attempt, and no
    /// wait runs past it.
    pub max_total: Duration,
    /// Retry POST and PATCH as well.
    pub retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            max_total: Duration::from_secs(30),
            retry_non_idempotent: false,
        }
    }
}

/// Builds a client: `C` is the generated crate's `Client`, made from the [`Transport`] built.
pub struct ClientBuilder<C = Transport> {
    base_url: String,
    auth: Auth,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    retry: RetryPolicy,
    validate_requests: bool,
    http: Option<reqwest::Client>,
    client: std::marker::PhantomData<fn() -> C>,
}

/// Written out rather than derived, which would ask `C: Debug` of every client type.
impl<C> std::fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("auth", &self.auth)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("retry", &self.retry)
            .field("validate_requests", &self.validate_requests)
            .field("http", &self.http)
            .finish_non_exhaustive()
    }
}

impl<C: From<Transport>> ClientBuilder<C> {
    /// A builder for a client of the service at `base_url` (such as
    /// `https://graph.microsoft.com/beta`). Generated crates call it from `Client::builder`.
    pub fn new(base_url: impl Into<String>) -> Self {
        ClientBuilder {
            base_url: base_url.into(),
            auth: Auth::None,
            timeout: None,
            connect_timeout: None,
            http: None,
            retry: RetryPolicy::default(),
            validate_requests: true,
            client: std::marker::PhantomData,
        }
    }
    /// Sends `Authorization: Bearer {token}` with every request, or the token as the API key
    /// or as HTTP basic credentials (`user:password`) where an operation takes those instead.
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.auth = Auth::Token(token.into());
        self
    }
    /// Asks `provider` for the token before every request.
    pub fn token_provider(mut self, provider: Arc<dyn TokenProvider>) -> Self {
        self.auth = Auth::Provider(provider);
        self
    }
    /// Sends through `http`, a reqwest client that may serve other generated clients too, so
    /// that they share its connection pool. Its own settings (proxy, TLS, connection
    /// timeout) apply; [`ClientBuilder::timeout`] still applies to each request.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }
    /// The whole-request timeout, from connecting to the end of the body (default: none).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }
    /// The connection timeout (default: none). Not with [`ClientBuilder::http_client`], whose
    /// own connection timeout applies.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }
    /// When to retry 429 and 503 (default: [`RetryPolicy::default`]).
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }
    /// Whether bodies are checked against the spec before sending (default: true).
    pub fn validate_requests(mut self, validate: bool) -> Self {
        self.validate_requests = validate;
        self
    }
    /// The client, or [`ClientError::Config`] for settings that contradict each other.
    pub fn build(self) -> Result<C, ClientError> {
        let http = match (self.http, self.connect_timeout) {
            (Some(_), Some(_)) => {
                return Err(
                    ClientError::Config(
                        "connect_timeout cannot apply to a client given by http_client; set it on that reqwest client"
                            .into(),
                    ),
                );
            }
            (Some(http), None) => http,
            (None, connect_timeout) => {
                let mut http = reqwest::Client::builder();
                if let Some(timeout) = connect_timeout {
                    http = http.connect_timeout(timeout);
                }
                http.build().map_err(ClientError::Transport)?
            }
        };
        Ok(C::from(Transport {
            inner: Arc::new(Inner {
                http,
                timeout: self.timeout,
                base_url: self.base_url.trim_end_matches('/').to_owned(),
                auth: self.auth,
                retry: self.retry,
                validate_requests: self.validate_requests,
            }),
        }))
    }
}

#[derive(Debug)]
struct Inner {
    http: reqwest::Client,
    timeout: Option<Duration>,
    base_url: String,
    auth: Auth,
    retry: RetryPolicy,
    validate_requests: bool,
}

/// What a generated `Client` sends through: the connection pool, credentials, retries and
/// settings; cheap to clone (clones share connections). It knows no operation: a generated
/// crate's `Client` wraps one and adds a method per operation.
#[derive(Debug, Clone)]
pub struct Transport {
    inner: Arc<Inner>,
}

/// Why a call failed.
#[derive(Debug)]
pub enum ClientError {
    /// The builder's settings contradict each other; no client was built.
    Config(String),
    /// The request did not pass the spec's rules; nothing was sent.
    Invalid(ValidationError),
    /// The request could not be encoded.
    Encode(String),
    /// The token provider failed; nothing was sent.
    Token(String),
    /// The service answered with an error status.
    Api {
        /// The HTTP status.
        status: u16,
        /// Graph's error body, when the response carried one.
        error: Option<Box<super::errors::ErrorBody>>,
        /// The `request-id` response header.
        request_id: Option<String>,
    },
    /// The request timed out.
    Timeout(reqwest::Error),
    /// The connection failed or broke.
    Transport(reqwest::Error),
    /// A success response whose body does not match the spec.
    Decode {
        /// The HTTP status.
        status: u16,
        /// What did not match.
        message: String,
    },
}

impl ClientError {
    /// The HTTP status, for errors that have one.
    pub fn status(&self) -> Option<u16> {
        match self {
            ClientError::Api { status, .. } | ClientError::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }
    /// Graph's error code (`itemNotFound`), for API errors with a body.
    pub fn code(&self) -> Option<&str> {
        self.body().map(|body| body.error.code.as_str())
    }
    /// Graph's error message, for API errors with a body.
    pub fn message(&self) -> Option<&str> {
        self.body().map(|body| body.error.message.as_str())
    }
    /// The id the service gave the request: the `request-id` header, else the body's
    /// `innerError.request-id`.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            ClientError::Api {
                request_id: Some(id),
                ..
            } => Some(id),
            _ => self
                .body()
                .and_then(|body| body.error.inner_error.as_ref())
                .and_then(|inner| inner.request_id.as_deref()),
        }
    }
    /// The error body's details, one for each problem (empty when there are none).
    pub fn details(&self) -> &[super::errors::ErrorDetail] {
        self.body().map_or(&[], |body| &body.error.details)
    }
    /// Whether the request timed out ([`ClientBuilder::timeout`]).
    pub fn is_timeout(&self) -> bool {
        matches!(self, ClientError::Timeout(_))
    }
    /// Whether the connection failed or broke, so that no answer came.
    pub fn is_transport(&self) -> bool {
        matches!(self, ClientError::Transport(_))
    }
    fn body(&self) -> Option<&super::errors::ErrorBody> {
        match self {
            ClientError::Api {
                error: Some(body), ..
            } => Some(body),
            _ => None,
        }
    }
}

impl std::fmt::Display for ClientError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClientError::Config(message) => write!(f, "no client built: {message}"),
            ClientError::Invalid(error) => write!(f, "request not sent: {error}"),
            ClientError::Encode(message) => {
                write!(f, "request not sent: cannot encode it: {message}")
            }
            ClientError::Token(message) => {
                write!(f, "request not sent: the token provider failed: {message}")
            }
            ClientError::Api {
                status,
                error: Some(body),
                request_id,
            } => {
                write!(
                    f,
                    "the service answered {status} {}: {}",
                    body.error.code, body.error.message
                )?;
                for detail in &body.error.details {
                    let target = detail.target.as_deref().unwrap_or("");
                    write!(f, "; {target}: {} ({})", detail.message, detail.code)?;
                }
                if let Some(id) = request_id {
                    write!(f, " (request-id {id})")?;
                }
                Ok(())
            }
            ClientError::Api {
                status,
                error: None,
                request_id,
            } => {
                write!(f, "the service answered {status} without an error body")?;
                if let Some(id) = request_id {
                    write!(f, " (request-id {id})")?;
                }
                Ok(())
            }
            ClientError::Timeout(error) => write!(f, "the request timed out: {error}"),
            ClientError::Transport(error) => write!(f, "the request failed: {error}"),
            ClientError::Decode { status, message } => {
                write!(
                    f,
                    "the {status} response does not match the spec: {message}"
                )
            }
        }
    }
}

impl std::error::Error for ClientError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ClientError::Invalid(error) => Some(error),
            ClientError::Timeout(error) | ClientError::Transport(error) => Some(error),
            _ => None,
        }
    }
}

/// What a request's operation says about sending it.
struct Call {
    method: &'static str,
    /// Whether a retry cannot act twice.
    idempotent: bool,
    /// The `Accept` header: the media types of the operation's responses.
    accept: &'static str,
    /// The `Content-Type` of the body, if there is one.
    content_type: std::borrow::Cow<'static, str>,
    /// How the client's token goes with the request.
    token_goes: TokenGoes,
}

/// How the client's token goes with a request.
#[derive(Clone, Copy)]
enum TokenGoes {
    /// `Authorization: Bearer {token}`.
    Bearer,
    /// `Authorization: Basic`, the token being `user:password`.
    Basic,
    /// As the API key in the `"header"`, `"query"` or `"cookie"` of this name.
    Key(&'static str, &'static str),
}

/// How an operation takes the client's token: as a bearer token where it takes one (and where
/// it declares nothing), else as its first API key, else as basic credentials. A single token
/// is likelier a key than `user:password`, so a key goes before basic credentials.
fn token_goes<P: super::support::OperationParams>() -> TokenGoes {
    match (P::BEARER, P::API_KEYS.first(), P::BASIC) {
        (false, Some(&(place, name)), _) => TokenGoes::Key(place, name),
        (false, None, true) => TokenGoes::Basic,
        _ => TokenGoes::Bearer,
    }
}

/// `sending` inside a span for its operation (feature `tracing`), named and shaped as the
/// server's: the operation id, method and route template when it starts; the status, the
/// service's request id and the latency, and an event, when it ends.
#[cfg(feature = "tracing")]
async fn traced_call<P: super::support::OperationParams>(
    sending: impl Future<Output = Result<Answer, ClientError>>,
) -> Result<Answer, ClientError> {
    use tracing::Instrument;
    let span = tracing::info_span!(
        "operation",
        operation = P::OPERATION_ID,
        http.method = P::METHOD,
        http.route = P::PATH_TEMPLATE,
        request_id = tracing::field::Empty,
        http.status = tracing::field::Empty,
        latency_ms = tracing::field::Empty,
    );
    let started = std::time::Instant::now();
    let answer = sending.instrument(span.clone()).await;
    match &answer {
        Ok(answer) => {
            if let Some(id) = &answer.request_id {
                span.record("request_id", id.as_str());
            }
            super::support::finish_span(&span, started, answer.status);
        }
        Err(error) => {
            let latency_ms = super::support::milliseconds_since(started);
            span.record("latency_ms", latency_ms);
            tracing::info!(parent: &span, error = %error, latency_ms, "request failed");
        }
    }
    answer
}

/// A response read in full. Hidden: only generated client methods read it.
#[doc(hidden)]
pub struct Answer {
    /// The response's status code.
    pub status: u16,
    request_id: Option<String>,
    /// The response's body.
    pub body: Vec<u8>,
}

impl Answer {
    /// The JSON body as `T`.
    #[doc(hidden)]
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> Result<T, ClientError> {
        serde_json::from_slice(&self.body).map_err(|error| ClientError::Decode {
            status: self.status,
            message: error.to_string(),
        })
    }
    /// The `text/plain` body parsed as `T`, surrounding white space ignored.
    #[doc(hidden)]
    pub fn text<T: std::str::FromStr>(&self) -> Result<T, ClientError> {
        std::str::from_utf8(&self.body)
            .map_err(|error| error.to_string())
            .and_then(|text| {
                text.trim()
                    .parse()
                    .map_err(|_| format!("{text:?} is not the text/plain value the spec describes"))
            })
            .map_err(|message| ClientError::Decode {
                status: self.status,
                message,
            })
    }
    #[doc(hidden)]
    pub fn into_error(self) -> ClientError {
        ClientError::Api {
            status: self.status,
            error: serde_json::from_slice(&self.body).ok().map(Box::new),
            request_id: self.request_id,
        }
    }
}

/// A cookie value with every byte a cookie may not hold (RFC 6265: space, `"`, `,`, `;`,
/// `\\`, controls, non-ASCII) and `%` itself written as `%XX`, which the server decodes.
fn cookie_value(value: &str) -> String {
    let cookie_octet = |byte: u8| {
        matches!(byte, 0x21 | 0x23..= 0x2B | 0x2D..= 0x3A | 0x3C..= 0x5B | 0x5D..= 0x7E)
            && byte != b'%'
    };
    let mut text = String::with_capacity(value.len());
    super::support::push_percent_encoded(&mut text, value, cookie_octet, false);
    text
}

/// The wait a `Retry-After` value asks for: delta-seconds or an HTTP date.
fn retry_after(value: &str, now: std::time::SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

impl Transport {
    async fn token(&self) -> Result<Option<String>, ClientError> {
        match &self.inner.auth {
            Auth::None => Ok(None),
            Auth::Token(token) => Ok(Some(token.clone())),
            Auth::Provider(provider) => provider
                .token()
                .await
                .map(Some)
                .map_err(|error| ClientError::Token(error.to_string())),
        }
    }
    /// Sends the operation whose parameters are `params`: its method, path, query and
    /// headers, `Accept: accept`, and the JSON `body` if any. POST and PATCH are not
    /// idempotent, so the policy decides whether they are retried. (A spec whose bodies
    /// are all forms or bytes has no use for it: hence the `allow`.)
    #[doc(hidden)]
    pub async fn call<P: super::support::OperationParams>(
        &self,
        params: &P,
        accept: &'static str,
        body: Option<Vec<u8>>,
    ) -> Result<Answer, ClientError> {
        self.call_with(params, accept, "application/json", body)
            .await
    }
    /// [`Transport::call`] with a body of another media type.
    #[doc(hidden)]
    pub async fn call_with<P: super::support::OperationParams>(
        &self,
        params: &P,
        accept: &'static str,
        content_type: impl Into<std::borrow::Cow<'static, str>>,
        body: Option<Vec<u8>>,
    ) -> Result<Answer, ClientError> {
        let call = Call {
            method: P::METHOD,
            idempotent: !matches!(P::METHOD, "POST" | "PATCH"),
            accept,
            content_type: content_type.into(),
            token_goes: token_goes::<P>(),
        };
        let mut headers = params.headers();
        let cookies = params.cookies();
        if !cookies.is_empty() {
            let pairs: Vec<String> = cookies
                .iter()
                .map(|(name, value)| format!("{name}={}", cookie_value(value)))
                .collect();
            headers.push(("Cookie", pairs.join("; ")));
        }
        let url = self.url_of(&params.path())?;
        let mut query = params.query();
        let bracketed = params.bracketed_query();
        query.extend(
            bracketed
                .iter()
                .map(|(key, text)| (key.as_str(), text.clone())),
        );
        let sending = self.send(call, url, &query, &headers, body);
        #[cfg(feature = "tracing")]
        {
            traced_call::<P>(sending).await
        }
        #[cfg(not(feature = "tracing"))]
        {
            sending.await
        }
    }
    /// A body as JSON, handed to `check` first unless the client was built with
    /// `validate_requests(false)`.
    #[doc(hidden)]
    pub fn encode<T: serde::Serialize>(
        &self,
        body: &T,
        check: impl FnOnce(&[u8]) -> Result<(), ClientError>,
    ) -> Result<Vec<u8>, ClientError> {
        let bytes =
            serde_json::to_vec(body).map_err(|error| ClientError::Encode(error.to_string()))?;
        if self.inner.validate_requests {
            check(&bytes)?;
        }
        Ok(bytes)
    }
    /// A body of a schema type as JSON, checked against the schema (see [`Transport::encode`]).
    #[doc(hidden)]
    pub fn encode_validated<T: serde::Serialize + super::validation::Validate>(
        &self,
        body: &T,
    ) -> Result<Vec<u8>, ClientError> {
        self.encode(body, |bytes| {
            let value: serde_json::Value = serde_json::from_slice(bytes)
                .map_err(|error| ClientError::Encode(error.to_string()))?;
            T::validate(&value).map_err(ClientError::Invalid)
        })
    }
    /// A body of any other shape as JSON, checked by the operation's own body parser (see
    /// [`Transport::encode`]).
    #[doc(hidden)]
    pub fn encode_parsed<T: serde::Serialize, Parsed>(
        &self,
        body: &T,
        parse: fn(&[u8]) -> Result<Parsed, ValidationError>,
    ) -> Result<Vec<u8>, ClientError> {
        self.encode(body, |bytes| {
            parse(bytes).map(drop).map_err(ClientError::Invalid)
        })
    }
    /// A body as a form, checked unless the client was built with `validate_requests(false)`
    /// by the operation's own parser: the form the server will read.
    #[doc(hidden)]
    pub fn encode_form<T: serde::Serialize, Parsed>(
        &self,
        body: &T,
        parse: fn(&[u8]) -> Result<Parsed, ValidationError>,
    ) -> Result<Vec<u8>, ClientError> {
        let value =
            serde_json::to_value(body).map_err(|error| ClientError::Encode(error.to_string()))?;
        self.parsed_first(super::support::form_text(&value).into_bytes(), parse)
    }
    /// A `text/plain` body, written as a parameter's value is, checked unless the client was
    /// built with `validate_requests(false)` by the operation's own parser.
    #[doc(hidden)]
    pub fn encode_text<T: serde::Serialize, Parsed>(
        &self,
        body: &T,
        parse: fn(&[u8]) -> Result<Parsed, ValidationError>,
    ) -> Result<Vec<u8>, ClientError> {
        self.parsed_first(super::support::param_text(body).into_bytes(), parse)
    }
    /// Body bytes, handed to the operation's own parser first unless the client was built
    /// with `validate_requests(false)`.
    #[doc(hidden)]
    pub fn parsed_first<Parsed>(
        &self,
        bytes: Vec<u8>,
        parse: fn(&[u8]) -> Result<Parsed, ValidationError>,
    ) -> Result<Vec<u8>, ClientError> {
        if self.inner.validate_requests {
            parse(&bytes).map_err(ClientError::Invalid)?;
        }
        Ok(bytes)
    }
    /// A `multipart/form-data` body and its `Content-Type`, checked unless the client was
    /// built with `validate_requests(false)` by the operation's own parser: the parts the
    /// server will read.
    #[doc(hidden)]
    pub fn check_multipart<Parsed>(
        &self,
        (content_type, bytes): (String, Vec<u8>),
        parse: fn(&[u8], &str) -> Result<Parsed, ValidationError>,
    ) -> Result<(String, Vec<u8>), ClientError> {
        if self.inner.validate_requests {
            parse(&bytes, &content_type).map_err(ClientError::Invalid)?;
        }
        Ok((content_type, bytes))
    }
    /// The URL of `path` under the base URL, refusing a path that URL normalization would
    /// change.
    fn url_of(&self, path: &str) -> Result<reqwest::Url, ClientError> {
        let url = format!("{}{}", self.inner.base_url, path);
        let parsed = reqwest::Url::parse(&url)
            .map_err(|error| ClientError::Encode(format!("{url}: {error}")))?;
        if !parsed.path().ends_with(path) {
            return Err(
                ClientError::Encode(
                    format!(
                        "the path {path} cannot be sent as given: a parameter that is `.` or `..` would be removed by URL normalization"
                    ),
                ),
            );
        }
        Ok(parsed)
    }
    /// GETs the page an `@odata.nextLink` names (absolute, or relative to the base URL), its
    /// parameters already in the link. A link to another origin is refused unsent, since the
    /// request carries the token.
    #[doc(hidden)]
    pub async fn follow<P: super::support::OperationParams>(
        &self,
        link: &str,
        accept: &'static str,
    ) -> Result<Answer, ClientError> {
        let base = reqwest::Url::parse(&self.inner.base_url)
            .map_err(|error| ClientError::Encode(format!("{}: {error}", self.inner.base_url)))?;
        let url = base
            .join(link)
            .map_err(|error| ClientError::Encode(format!("{link}: {error}")))?;
        if url.origin() != base.origin() {
            let origin = base.origin().ascii_serialization();
            let message = format!("the next link {link} leaves the service at {origin}");
            return Err(ClientError::Encode(message));
        }
        let call = Call {
            method: "GET",
            idempotent: true,
            accept,
            content_type: "application/json".into(),
            token_goes: token_goes::<P>(),
        };
        self.send(call, url, &[], &[], None).await
    }
    /// Sends a request, retrying 429 and 503 as the policy allows.
    async fn send(
        &self,
        call: Call,
        parsed: reqwest::Url,
        query: &[(&str, String)],
        headers: &[(&'static str, String)],
        body: Option<Vec<u8>>,
    ) -> Result<Answer, ClientError> {
        let method =
            reqwest::Method::from_bytes(call.method.as_bytes()).expect("a standard HTTP method");
        let policy = &self.inner.retry;
        let retries = call.idempotent || policy.retry_non_idempotent;
        let started = Instant::now();
        let mut attempt = 1u32;
        let mut backoff = Duration::from_secs(1);
        loop {
            let mut request = self
                .inner
                .http
                .request(method.clone(), parsed.clone())
                .header("Accept", call.accept);
            if let Some(timeout) = self.inner.timeout {
                request = request.timeout(timeout);
            }
            if !query.is_empty() {
                request = request.query(query);
            }
            let token = self.token().await?;
            let mut key_cookie = match (call.token_goes, &token) {
                (TokenGoes::Key("cookie", name), Some(token)) => {
                    Some(format!("{name}={}", cookie_value(token)))
                }
                _ => None,
            };
            for (name, value) in headers {
                match (*name == "Cookie").then(|| key_cookie.take()).flatten() {
                    Some(cookie) => {
                        request = request.header(*name, format!("{value}; {cookie}"));
                    }
                    None => request = request.header(*name, value),
                }
            }
            if let Some(cookie) = key_cookie {
                request = request.header("Cookie", cookie);
            }
            if let Some(token) = token {
                request = match call.token_goes {
                    TokenGoes::Key("query", name) => request.query(&[(name, token)]),
                    TokenGoes::Key("cookie", _) => request,
                    TokenGoes::Key(_, name) => request.header(name, token),
                    TokenGoes::Basic => {
                        let (user, password) =
                            token.split_once(':').unwrap_or((token.as_str(), ""));
                        request.basic_auth(user, Some(password))
                    }
                    TokenGoes::Bearer => request.bearer_auth(token),
                };
            }
            if let Some(bytes) = &body {
                request = request
                    .header("Content-Type", call.content_type.as_ref())
                    .body(bytes.clone());
            }
            let response = request.send().await.map_err(|error| {
                if error.is_timeout() {
                    ClientError::Timeout(error)
                } else {
                    ClientError::Transport(error)
                }
            })?;
            let status = response.status().as_u16();
            let wait = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| retry_after(v, std::time::SystemTime::now()))
                .unwrap_or(backoff);
            let request_id = response
                .headers()
                .get("request-id")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            let retryable = matches!(status, 429 | 503) && retries && attempt < policy.max_attempts;
            if retryable && started.elapsed() + wait <= policy.max_total {
                drop(response);
                tokio::time::sleep(wait).await;
                attempt += 1;
                backoff *= 2;
                continue;
            }
            let body = response.bytes().await.map_err(|error| {
                if error.is_timeout() {
                    ClientError::Timeout(error)
                } else {
                    ClientError::Transport(error)
                }
            })?;
            return Ok(Answer {
                status,
                request_id,
                body: body.to_vec(),
            });
        }
    }
}

pub use futures_util::Stream;

/// One page of a collection as [`items`] reads it.
pub struct Page<T> {
    /// The page's items (its `value`).
    pub items: Vec<T>,
    /// Its `@odata.nextLink`, when a page follows.
    pub next_link: Option<String>,
}

/// A page on its way.
pub type PageFuture<'c, T> =
    Pin<Box<dyn Future<Output = Result<Page<T>, ClientError>> + Send + 'c>>;

/// The most pages [`items`] reads: links that never end stop there, with an error.
pub const MAX_PAGES: usize = 10_000;

/// Every item of a collection across its pages: the first page from `first`, each next one
/// from `next` with the link the page before gave. An error ends the stream after it is
/// yielded (a link to another origin is one: `next` refuses it unsent).
pub fn items<'c, T: Send + 'c>(
    first: PageFuture<'c, T>,
    next: impl Fn(String) -> PageFuture<'c, T> + Send + 'c,
) -> impl Stream<Item = Result<T, ClientError>> + Send + 'c {
    struct State<'c, T, F> {
        pending: Option<PageFuture<'c, T>>,
        buffered: std::collections::VecDeque<T>,
        next: F,
        pages: usize,
        too_many: bool,
    }
    let state = State {
        pending: Some(first),
        buffered: Default::default(),
        next,
        pages: 0,
        too_many: false,
    };
    futures_util::stream::unfold(state, |mut state| async move {
        loop {
            if let Some(item) = state.buffered.pop_front() {
                return Some((Ok(item), state));
            }
            if std::mem::take(&mut state.too_many) {
                let message = format!("the next links went on past {MAX_PAGES} pages");
                let error = ClientError::Decode {
                    status: 200,
                    message,
                };
                return Some((Err(error), state));
            }
            match state.pending.take()?.await {
                Err(error) => return Some((Err(error), state)),
                Ok(page) => {
                    state.pages += 1;
                    state.buffered.extend(page.items);
                    match page.next_link {
                        Some(_) if state.pages >= MAX_PAGES => state.too_many = true,
                        Some(link) => state.pending = Some((state.next)(link)),
                        None => {}
                    }
                }
            }
        }
    })
}
