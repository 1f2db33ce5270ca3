//! Project automation as a library, so the drift check runs inside `cargo test` as well as
//! from `cargo xtask codegen --check`.

pub mod api_changes;
pub mod codegen;
mod crate_name;

/// The value after a command-line flag, or an error naming the flag.
fn flag_value(args: &mut std::slice::Iter<'_, String>, flag: &str) -> Result<String, String> {
    args.next()
        .cloned()
        .ok_or_else(|| format!("{flag} needs a value"))
}
