//! Code shared by the integration tests.

pub mod in_memory;
pub mod query;
