//! A spec's `pattern` (ECMA-262, as JSON Schema says) as a pattern Rust's regex takes.
//!
//! The one difference handled is the brace: ECMA reads a `{` that does not start a repetition
//! (`{2}`, `{2,}`, `{2,5}`) as a literal, as in `^{[0-9a-f]{8}}$` for a braced GUID; Rust's regex
//! refuses it. Such a brace is escaped; everything else is kept as written.

/// The pattern with every literal `{` outside a character class escaped.
pub fn from_ecma(pattern: &str) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len());
    let mut in_class = false;
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        match c {
            '\\' => {
                out.push(c);
                if let Some(&escaped) = chars.get(index + 1) {
                    out.push(escaped);
                    index += 1;
                }
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
            ("\\d{3}-\\d{4}", "\\d{3}-\\d{4}"),
            ("", ""),
        ] {
            assert_eq!(from_ecma(ecma), rust, "{ecma}");
            assert!(regex::Regex::new(&from_ecma(ecma)).is_ok(), "{ecma}");
        }
    }
}
