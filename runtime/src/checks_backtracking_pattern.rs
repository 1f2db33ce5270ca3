//! `pattern` checks run by a backtracking engine (feature `backtracking-pattern`).
use super::checks::report;
use super::errors::{Pointer, Violation};

/// A spec's `pattern` with lookaround or backreferences: its text as the spec writes it, which
/// messages quote, and the backtracking expression that runs it, compiled on first use.
pub struct BacktrackingPattern {
    /// The pattern as the spec writes it.
    pub spec: &'static str,
    /// The pattern in the engine's syntax, compiled on first use.
    pub regex: std::sync::LazyLock<fancy_regex::Regex>,
}

/// `pattern` with lookaround or backreferences, which a backtracking engine runs: the regular
/// expression must match somewhere in the string. A string that takes the engine past its
/// backtracking limit is refused, not let through unchecked.
pub fn backtracking_pattern(
    out: &mut Vec<Violation>,
    at: &Pointer,
    s: &str,
    pattern: &BacktrackingPattern,
) {
    match pattern.regex.is_match(s) {
        Ok(true) => {}
        Ok(false) => report(
            out,
            at,
            "patternMismatch",
            format!("expected a string matching {}, got {s:?}", pattern.spec),
        ),
        Err(error) => report(
            out,
            at,
            "patternMismatch",
            format!("could not check {s:?} against {}: {error}", pattern.spec),
        ),
    }
}
