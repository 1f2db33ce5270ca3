//! The part of every generated crate that is the same for every spec: Graph's error body,
//! the rule checks and validation machinery, `multipart/form-data`, and the axum server and
//! reqwest client runtimes.
//!
//! Generated crates depend on this crate and re-export what their users need
//! (`ValidationError`, `ServiceError`, `ClientError`, `TokenProvider`, ...), so that a
//! service combining several generated crates handles one set of error types, shares one
//! token provider and builds one connection pool. Nothing here knows a spec.
//!
//! Features: `server` and `client` for the two runtimes, `tracing` for a span per operation,
//! and the check groups a spec may need (`date-time`, `pattern`, `backtracking-pattern`,
//! `multipart`); the generated crate turns on what its spec uses.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod checks;
#[cfg(feature = "backtracking-pattern")]
pub mod checks_backtracking_pattern;
#[cfg(feature = "date-time")]
pub mod checks_date_time;
#[cfg(feature = "pattern")]
pub mod checks_pattern;
#[cfg(feature = "client")]
pub mod client;
pub mod errors;
#[cfg(feature = "multipart")]
pub mod multipart;
#[cfg(feature = "server")]
pub mod server;
pub mod support;
pub mod validation;
