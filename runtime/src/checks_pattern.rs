//! `pattern` checks run by regex (feature `pattern`).
use super::checks::report;
use super::errors::{Pointer, Violation};

/// A spec's `pattern`: its text as the spec writes it, which messages quote, and the regular
/// expression that runs it, compiled on first use.
pub struct Pattern {
    /// The pattern as the spec writes it.
    pub spec: &'static str,
    /// The pattern in the engine's syntax, compiled on first use.
    pub regex: std::sync::LazyLock<regex::Regex>,
}

/// `pattern`: the regular expression must match somewhere in the string.
pub fn pattern(out: &mut Vec<Violation>, at: &Pointer, s: &str, pattern: &Pattern) {
    if !pattern.regex.is_match(s) {
        report(
            out,
            at,
            "patternMismatch",
            format!("expected a string matching {}, got {s:?}", pattern.spec),
        );
    }
}
