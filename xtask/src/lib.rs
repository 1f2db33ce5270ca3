//! Project automation as a library, so the drift check runs inside `cargo test` as well as
//! from `cargo xtask codegen --check`.

pub mod api_changes;
pub mod codegen;
mod crate_name;
