/// `pattern` with lookaround or backreferences, which a backtracking engine runs: the regular
/// expression must match somewhere in the string. A string that takes the engine past its
/// backtracking limit is refused, not let through unchecked.
pub fn backtracking_pattern(
    out: &mut Vec<Violation>,
    at: &Pointer,
    s: &str,
    regex: &fancy_regex::Regex,
) {
    match regex.is_match(s) {
        Ok(true) => {}
        Ok(false) => {
            report(
                out,
                at,
                "patternMismatch",
                format!("expected a string matching {}, got {s:?}", regex.as_str()),
            )
        }
        Err(error) => {
            report(
                out,
                at,
                "patternMismatch",
                format!("could not check {s:?} against {}: {error}", regex.as_str()),
            )
        }
    }
}
