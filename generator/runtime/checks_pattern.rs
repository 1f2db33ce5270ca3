/// `pattern`: the regular expression must match somewhere in the string.
pub fn pattern(out: &mut Vec<Violation>, at: &Pointer, s: &str, regex: &regex::Regex) {
    if !regex.is_match(s) {
        report(
            out,
            at,
            "patternMismatch",
            format!("expected a string matching {}, got {s:?}", regex.as_str()),
        );
    }
}
