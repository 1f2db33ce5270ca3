//! Graph's error body and the violations request validation reports.
use serde::{Deserialize, Serialize};

/// Graph's error response body: `{"error": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// The error itself.
    pub error: MainError,
}

/// The `error` object of an [`ErrorBody`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MainError {
    /// A machine-readable code such as `invalidRequest`.
    pub code: String,
    /// A message for developers.
    pub message: String,
    /// What the error is about, where there is one thing to name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// One entry for each individual problem.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<ErrorDetail>,
    /// Request id and time, filled in by the server.
    #[serde(
        rename = "innerError",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub inner_error: Option<InnerError>,
}

/// One problem in [`MainError::details`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// A machine-readable code such as `invalidType`.
    pub code: String,
    /// What was expected and what came.
    pub message: String,
    /// A JSON Pointer to the offending value, such as `/devicesCount`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

/// Graph's `innerError`: where and when the error happened.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InnerError {
    /// The id of the request, also sent as the `request-id` header.
    #[serde(
        rename = "request-id",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub request_id: Option<String>,
    /// The `client-request-id` the caller sent.
    #[serde(
        rename = "client-request-id",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub client_request_id: Option<String>,
    /// When the error happened, RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

impl ErrorBody {
    /// An error with a code and message and nothing else.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        ErrorBody {
            error: MainError {
                code: code.into(),
                message: message.into(),
                target: None,
                details: Vec::new(),
                inner_error: None,
            },
        }
    }
}

/// One broken rule in a request body or parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// A stable machine code, such as `invalidType` or `missingProperty`.
    pub code: &'static str,
    /// JSON Pointer to the offending value (`/devicesCount`); empty for the whole body.
    pub target: String,
    /// What was expected and what came.
    pub message: String,
}

/// Every violation found in one request, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// What was being validated, such as `DeviceComplianceUserStatus`.
    pub subject: &'static str,
    /// The violations; never empty.
    pub violations: Vec<Violation>,
}

impl ValidationError {
    /// Graph's error body for this error: code `invalidRequest`, one detail per
    /// violation.
    pub fn to_error_body(&self) -> ErrorBody {
        let count = self.violations.len();
        let mut body = ErrorBody::new(
            "invalidRequest",
            format!(
                "The request is not a valid {}: {} problem{} found.",
                self.subject,
                count,
                if count == 1 { "" } else { "s" }
            ),
        );
        body.error.details = self
            .violations
            .iter()
            .map(|v| ErrorDetail {
                code: v.code.to_owned(),
                message: v.message.clone(),
                target: Some(v.target.clone()),
            })
            .collect();
        body
    }
}

impl std::fmt::Display for ValidationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid {}:", self.subject)?;
        for (index, v) in self.violations.iter().enumerate() {
            let target = if v.target.is_empty() {
                "(body)"
            } else {
                &v.target
            };
            let separator = if index == 0 { "" } else { ";" };
            write!(f, "{separator} {target}: {} ({})", v.message, v.code)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

/// A JSON Pointer built up while walking a value, so each violation can say where it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pointer(String);

impl Pointer {
    /// The pointer to the whole document.
    pub fn root() -> Self {
        Pointer(String::new())
    }
    /// Appends a property name (escaped per RFC 6901); returns the mark to go back to.
    pub fn push(&mut self, segment: &str) -> usize {
        let mark = self.0.len();
        self.0.push('/');
        for c in segment.chars() {
            match c {
                '~' => self.0.push_str("~0"),
                '/' => self.0.push_str("~1"),
                c => self.0.push(c),
            }
        }
        mark
    }
    /// Appends an array index; returns the mark to go back to.
    pub fn push_index(&mut self, index: usize) -> usize {
        let mark = self.0.len();
        self.0.push('/');
        self.0.push_str(&index.to_string());
        mark
    }
    /// Goes back to a mark returned by `push` or `push_index`.
    pub fn truncate(&mut self, mark: usize) {
        self.0.truncate(mark);
    }
    /// The pointer as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
