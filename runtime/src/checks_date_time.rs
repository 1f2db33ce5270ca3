//! `format: date-time` and `format: date` checks (feature `date-time`).
use super::checks::report;
use super::errors::{Pointer, Violation};

/// `format: date-time`: RFC 3339 with an offset and a real calendar date.
pub fn date_time(out: &mut Vec<Violation>, at: &Pointer, s: &str) -> bool {
    let ok = chrono::DateTime::parse_from_rfc3339(s).is_ok();
    if !ok {
        report(
            out,
            at,
            "invalidFormat",
            format!(
                "expected an RFC 3339 date-time with an offset, such as 2026-11-28T10:00:00Z, got {s:?}"
            ),
        );
    }
    ok
}

/// `format: date`: a real calendar date, `YYYY-MM-DD`.
pub fn date(out: &mut Vec<Violation>, at: &Pointer, s: &str) -> bool {
    let ok = s.len() == 10 && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok();
    if !ok {
        report(
            out,
            at,
            "invalidFormat",
            format!("expected a date such as 2026-11-28, got {s:?}"),
        );
    }
    ok
}
