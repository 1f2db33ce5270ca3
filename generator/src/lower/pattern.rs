//! A spec's `pattern` (ECMA-262, as JSON Schema says) as a pattern Rust's regex engines take.
//!
//! Two differences are handled. ECMA reads a `{` that does not start a repetition (`{2}`,
//! `{2,}`, `{2,5}`) as a literal, as in `^{[0-9a-f]{8}}$` for a braced GUID; Rust's engines
//! refuse it, so such a brace is escaped. ECMA's `\d` and `\w` are ASCII (`[0-9]`,
//! `[0-9A-Za-z_]`) where Rust's are Unicode, which admits other scripts' digits and, repeated a
//! thousand times as in AWS's `[\w+=,.@-]{1,1024}`, compiles past the engine's size limit: they
//! and their negations are written as the ASCII classes. Everything else is kept as written.

/// The pattern with every literal `{` outside a character class escaped, and `\d`, `\D`,
/// `\w`, `\W` as ECMA reads them. Inside a class they become a nested class (`[\d.]` ->
/// `[[0-9].]`), which Rust's engines read as the union ECMA means.
pub fn from_ecma(pattern: &str) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len());
    let mut in_class = false;
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        match c {
            '\\' => {
                match chars.get(index + 1) {
                    Some('d') => out.push_str("[0-9]"),
                    Some('D') => out.push_str("[^0-9]"),
                    Some('w') => out.push_str("[0-9A-Za-z_]"),
                    Some('W') => out.push_str("[^0-9A-Za-z_]"),
                    Some(&escaped) => {
                        out.push(c);
                        out.push(escaped);
                    }
                    None => out.push(c),
                }
                index += 1;
            }
            '[' if !in_class => {
                in_class = true;
                out.push(c);
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            '{' if !in_class && !starts_repetition(&chars[index..]) => out.push_str("\\{"),
            _ => out.push(c),
        }
        index += 1;
    }
    out
}

/// Which engine runs a translated pattern: `Ok(false)` for regex, `Ok(true)` for the
/// backtracking fancy-regex when only it compiles the pattern (lookaround, backreferences), or
/// regex's complaint when neither does.
pub fn engine_for(source: &str) -> Result<bool, String> {
    let Err(linear_error) = regex::Regex::new(source) else {
        return Ok(false);
    };
    match fancy_regex::Regex::new(source) {
        Ok(_) => Ok(true),
        Err(_) => Err(linear_error.to_string()),
    }
}

/// Whether `rest`, which starts with `{`, starts `{n}`, `{n,}` or `{n,m}`.
fn starts_repetition(rest: &[char]) -> bool {
    let digits = |from: usize| {
        rest[from.min(rest.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let low = digits(1);
    if low == 0 {
        return false;
    }
    match rest.get(1 + low) {
        Some('}') => true,
        Some(',') => {
            let high = digits(2 + low);
            rest.get(2 + low + high) == Some(&'}')
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::from_ecma;

    #[test]
    fn a_brace_that_repeats_nothing_is_escaped_and_nothing_else_changes() {
        for (ecma, rust) in [
            ("^{[0-9a-f]{8}}$", "^\\{[0-9a-f]{8}}$"),
            ("a{2}b{2,}c{2,5}", "a{2}b{2,}c{2,5}"),
            ("x{,3}", "x\\{,3}"),
            ("b{", "b\\{"),
            ("[{]\\{", "[{]\\{"),
            ("[\\]{]{", "[\\]{]\\{"),
            ("\\d{3}-\\d{4}", "[0-9]{3}-[0-9]{4}"),
            ("[\\w.-]+\\W\\D", "[[0-9A-Za-z_].-]+[^0-9A-Za-z_][^0-9]"),
            ("\\\\d\\s", "\\\\d\\s"),
            ("", ""),
        ] {
            assert_eq!(from_ecma(ecma), rust, "{ecma}");
            assert!(regex::Regex::new(&from_ecma(ecma)).is_ok(), "{ecma}");
        }
    }

    /// What each engine makes of a translated class is what ECMA means by the original.
    #[test]
    fn ascii_classes_match_as_in_ecma_in_both_engines() {
        let cases: &[(&str, &[&str], &[&str])] = &[
            ("^\\d+$", &["0129"], &["\u{661}", "1a", ""]),
            ("^[\\w-.]+$", &["a_Z-9.", "-"], &["\u{e9}", "+", "a b"]),
            ("^[^\\d]$", &["a"], &["5"]),
            ("^\\W\\D$", &[" x", "\u{e9}\u{e9}"], &["a ", " 1"]),
            ("^[\\w+=,.@-]{1,1024}$", &["x@y.z", "A=1,b-2"], &["a/b"]),
        ];
        for (ecma, matching, refused) in cases {
            let rust = from_ecma(ecma);
            let linear = regex::Regex::new(&rust).unwrap();
            let backtracking = fancy_regex::Regex::new(&rust).unwrap();
            for text in *matching {
                assert!(linear.is_match(text), "{ecma} {text:?}");
                assert!(backtracking.is_match(text).unwrap(), "{ecma} {text:?}");
            }
            for text in *refused {
                assert!(!linear.is_match(text), "{ecma} {text:?}");
                assert!(!backtracking.is_match(text).unwrap(), "{ecma} {text:?}");
            }
        }
    }
}
