//! Helpers the fixture's tests share: violations as plain tuples, to compare whole lists.

/// The violations of a rejected result, as (target, code, message).
pub fn violations(result: Result<impl std::fmt::Debug, fixture_operations::ValidationError>) -> Vec<(String, &'static str, String)> {
    result
        .expect_err("should be rejected")
        .violations
        .into_iter()
        .map(|v| (v.target, v.code, v.message))
        .collect()
}

/// One expected violation.
pub fn v(target: &str, code: &'static str, message: &str) -> (String, &'static str, String) {
    (target.to_owned(), code, message.to_owned())
}
