//! A spec's `pattern` (ECMA-262, as JSON Schema says) as a pattern Rust's regex engines take.
//!
//! ECMA's grammar differs from Rust's in places where a spec's pattern would otherwise be
//! refused or, worse, read differently:
//! - a `{` that does not start a repetition (`{2}`, `{2,}`, `{2,5}`) is a literal, as in
//!   `^{[0-9a-f]{8}}$` for a braced GUID; it is escaped;
//! - `\d` and `\w` are ASCII (`[0-9]`, `[0-9A-Za-z_]`) where Rust's are Unicode, which admits
//!   other scripts' digits and, repeated a thousand times as in AWS's `[\w+=,.@-]{1,1024}`,
//!   compiles past the engine's size limit: they and their negations become the ASCII classes;
//! - inside a class, `[` is a literal (`[[A-Z0-9]{1,18}`), and so is a `-` after a class
//!   escape (`[\s-_]`); both are escaped;
//! - `[]` matches nothing and `[^]` any character; `\0` is NUL and `\0` with octal digits a
//!   code (Annex B's `\037`).
//! - `\u` escapes of UTF-16 surrogates are read as with ECMA's `u` flag: a pair is the
//!   character it encodes, and a lone surrogate, which a UTF-8 string never holds, matches
//!   nothing (AWS's XML-character classes `[\u0020-\uD7FF...\uD800\uDBFF-\uDC00...]`).
//!
//! Many specs write Java's classes, as the services behind them validate with Java: `\p{L}`
//! and `\P{C}` are Unicode's, which Rust reads alike, and the POSIX names (`\p{Print}`,
//! `\p{XDigit}`, `\p{Alnum}`, ...) are ASCII sets in Java, written out as those sets here, as
//! are Java's own `\p{LD}` (a letter or a digit), `\p{L1}` (Latin-1) and `\p{all}`.
//! Java's class intersection (`[\p{Print}&&[^|:/]]`) is Rust's too, so a `[` right after `&&`
//! opens a nested class. Everything else is kept as written.

/// A class no character is in, and one every character is in.
const NOTHING: &str = "[^\\x00-\\x{10FFFF}]";
const ANYTHING: &str = "[\\x00-\\x{10FFFF}]";

/// The pattern read as ECMA reads it (and Java's `\p{...}` classes), in Rust's syntax.
pub fn from_ecma(pattern: &str) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len());
    // Classes open: ECMA has one level; a Java intersection `&&[...]` opens a second.
    let mut depth = 0usize;
    let mut after_class_escape = false;
    // Where the members of the outer class start in `out`, to tell a class left empty.
    let mut members_from = 0;
    let mut index = 0;
    while index < chars.len() {
        let rest = &chars[index..];
        let in_class = depth > 0;
        let mut class_escape = false;
        let taken = match rest {
            ['\\', 'u', ..] => match surrogate_escape(rest, in_class) {
                Some((taken, kept)) => {
                    out.push_str(&kept);
                    taken
                }
                None => escape(rest, &mut out).0,
            },
            ['\\', ..] => {
                let (taken, is_class) = escape(rest, &mut out);
                class_escape = is_class;
                taken
            }
            ['[', ']', ..] if !in_class => {
                out.push_str(NOTHING);
                2
            }
            ['[', '^', ']', ..] if !in_class => {
                out.push_str(ANYTHING);
                3
            }
            ['[', '^', ..] if !in_class => {
                depth = 1;
                out.push_str("[^");
                members_from = out.len();
                2
            }
            ['[', ..] if !in_class => {
                depth = 1;
                out.push('[');
                members_from = out.len();
                1
            }
            ['[', ':', ..] => posix_class(rest, &mut out),
            ['[', ..] if out.ends_with("&&") => {
                depth += 1;
                out.push('[');
                1
            }
            ['[', ..] => {
                out.push_str("\\[");
                1
            }
            [']', ..] if in_class => {
                depth -= 1;
                if depth == 0 && out.len() == members_from {
                    // Every member was a surrogate: nothing (or, negated, anything) matches.
                    let negated = out.ends_with('^');
                    out.truncate(members_from - if negated { 2 } else { 1 });
                    out.push_str(if negated { ANYTHING } else { NOTHING });
                } else {
                    out.push(']');
                }
                1
            }
            ['-', next, ..] if in_class && after_class_escape && *next != ']' => {
                out.push_str("\\-");
                1
            }
            ['{', ..] if !in_class && !starts_repetition(rest) => {
                out.push_str("\\{");
                1
            }
            [c, ..] => {
                out.push(*c);
                1
            }
            [] => unreachable!("the loop stops at the end"),
        };
        after_class_escape = class_escape;
        index += taken;
    }
    out
}

/// A `\\u` escape that is or spans UTF-16 surrogates, read as ECMA reads a pattern with the `u`
/// flag: a pair (`\\uD83D\\uDE00`) is the character it encodes; a lone surrogate, which a Rust
/// string (UTF-8) never holds, matches nothing, so in a class it is dropped and a range keeps
/// only its parts outside the surrogates (`\\u0020-\\uDBFF` is `\\x{20}-\\x{D7FF}`). Returns how
/// many characters it took and what stands for them; `None` for an ordinary `\\u` escape,
/// copied as it is.
fn surrogate_escape(rest: &[char], in_class: bool) -> Option<(usize, String)> {
    const SURROGATES: std::ops::RangeInclusive<u32> = 0xD800..=0xDFFF;
    let unit = |at: usize| -> Option<u32> {
        let digits: String = rest.get(at..at + 6)?.iter().collect();
        let hex = digits.strip_prefix("\\u")?;
        u32::from_str_radix(hex, 16).ok().filter(|_| hex.len() == 4)
    };
    // A code point and the characters it took: one escape, or a high and a low surrogate.
    let atom = |at: usize| -> Option<(u32, usize)> {
        let first = unit(at)?;
        match unit(at + 6) {
            Some(low) if (0xD800..=0xDBFF).contains(&first) && (0xDC00..=0xDFFF).contains(&low) => {
                Some((0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00), 12))
            }
            _ => Some((first, 6)),
        }
    };
    let (low, low_taken) = atom(0)?;
    let (high, high_taken) = match (in_class, rest.get(low_taken), rest.get(low_taken + 1)) {
        (true, Some('-'), Some(next)) if *next != ']' => atom(low_taken + 1)?,
        _ => (low, 0),
    };
    let taken = low_taken + if high_taken > 0 { 1 + high_taken } else { 0 };
    let paired = low_taken == 12 || high_taken == 12;
    let lone = SURROGATES.contains(&low) || SURROGATES.contains(&high);
    if !(paired || lone) || high < low {
        return None;
    }
    if !in_class {
        return Some((
            taken,
            if SURROGATES.contains(&low) {
                NOTHING.to_owned()
            } else {
                format!("\\x{{{low:X}}}")
            },
        ));
    }
    let mut kept = String::new();
    let mut keep = |from: u32, to: u32| {
        kept.push_str(&format!("\\x{{{from:X}}}"));
        if to != from {
            kept.push_str(&format!("-\\x{{{to:X}}}"));
        }
    };
    if low < *SURROGATES.start() {
        keep(low, high.min(SURROGATES.start() - 1));
    }
    if high > *SURROGATES.end() {
        keep(low.max(SURROGATES.end() + 1), high);
    }
    Some((taken, kept))
}

/// Writes the escape `rest` starts with; returns how many characters it took and whether it
/// stands for a class (after which ECMA reads a `-` as a literal).
fn escape(rest: &[char], out: &mut String) -> (usize, bool) {
    let ascii = |out: &mut String, negated: bool, members: &str| {
        out.push_str(if negated { "[^" } else { "[" });
        out.push_str(members);
        out.push(']');
    };
    match rest.get(1) {
        Some('d') => ascii(out, false, "0-9"),
        Some('D') => ascii(out, true, "0-9"),
        Some('w') => ascii(out, false, "0-9A-Za-z_"),
        Some('W') => ascii(out, true, "0-9A-Za-z_"),
        Some('s' | 'S') => out.extend(&rest[..2]),
        Some(&letter @ ('p' | 'P')) if rest.get(2) == Some(&'{') => {
            let Some(close) = rest.iter().position(|c| *c == '}') else {
                out.extend(rest);
                return (rest.len(), false);
            };
            let name: String = rest[3..close].iter().collect();
            match java_posix_class(&name) {
                Some(members) => ascii(out, letter == 'P', members),
                None => out.extend(&rest[..=close]),
            }
            return (close + 1, true);
        }
        Some('0') => {
            let digits = rest[2..]
                .iter()
                .take(2)
                .take_while(|c| matches!(c, '0'..='7'))
                .count();
            let code = rest[1..2 + digits].iter().fold(0u32, |code, digit| {
                code * 8 + digit.to_digit(8).unwrap_or(0)
            });
            out.push_str(&format!("\\x{{{code:X}}}"));
            return (2 + digits, false);
        }
        Some(&escaped) => {
            out.push('\\');
            out.push(escaped);
        }
        None => {
            out.push('\\');
            return (1, false);
        }
    }
    (2, matches!(rest[1], 'd' | 'D' | 'w' | 'W' | 's' | 'S'))
}

/// Copies a POSIX class inside a class (`[[:alpha:]]`), which Rust reads as POSIX does, up to
/// its `:]`; a `[:` that never closes is a literal `[`.
fn posix_class(rest: &[char], out: &mut String) -> usize {
    match rest.windows(2).position(|pair| pair == [':', ']']) {
        Some(colon) => {
            out.extend(&rest[..colon + 2]);
            colon + 2
        }
        None => {
            out.push_str("\\[");
            1
        }
    }
}

/// The members of Java's class `name`, as a class body: its POSIX classes (`\p{Alnum}`), which
/// are ASCII in Java, and its own names for sets Unicode names otherwise (`\p{LD}`, a letter
/// or a digit; `\p{L1}`, Latin-1; `\p{all}`, any character).
fn java_posix_class(name: &str) -> Option<&'static str> {
    Some(match name {
        "Lower" => "a-z",
        "Upper" => "A-Z",
        "ASCII" => "\\x00-\\x7F",
        "Alpha" => "A-Za-z",
        "Digit" => "0-9",
        "Alnum" => "0-9A-Za-z",
        "Punct" => "!-/:-@\\[-`{-~",
        "Graph" => "!-~",
        "Print" => " -~",
        "Blank" => " \\t",
        "Cntrl" => "\\x00-\\x1F\\x7F",
        "XDigit" => "0-9A-Fa-f",
        "Space" => " \\t\\n\\x0B\\x0C\\r",
        "LD" => "\\p{L}\\p{Nd}",
        "L1" => "\\x00-\\xFF",
        "all" => "\\x00-\\x{10FFFF}",
        _ => return None,
    })
}

/// The source to run for a translated pattern and its engine (see `engine_for`). A pattern
/// that ends in a long bounded repetition (`\S{1,8192}`, AWS's way to say "up to 8 KB", or
/// `^.{1,2097152}`) builds an automaton past regex's size limit; without `$` after it, a
/// string holds such a pattern exactly when it holds it with the repetition cut to its
/// minimum (`\S{1}`), since a match may end anywhere. That shorter source is run instead.
pub fn compile(source: &str) -> Result<(String, bool), String> {
    match engine_for(source) {
        Ok(backtracking) => Ok((source.to_owned(), backtracking)),
        Err(error) => {
            let shorter = without_trailing_bound(source).ok_or_else(|| error.clone())?;
            engine_for(&shorter)
                .map(|backtracking| (shorter, backtracking))
                .map_err(|_| error)
        }
    }
}

/// `source` with a final `{m,n}` repetition cut to `{m}`, when it ends with one.
fn without_trailing_bound(source: &str) -> Option<String> {
    let body = source.strip_suffix('}')?;
    let open = body.rfind('{')?;
    let (min, max) = body[open + 1..].split_once(',')?;
    let digits = |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    if !digits(min) || !digits(max) {
        return None;
    }
    // The repetition must follow an atom: not open a group or an alternative, and not be an
    // escaped brace (`\{1,2}` is text). A backslash before it counts only when not escaped
    // itself.
    let before = &body[..open];
    let escapes = before.bytes().rev().take_while(|b| *b == b'\\').count();
    let last = before.chars().last()?;
    if escapes % 2 == 1 || matches!(last, '(' | '|') {
        return None;
    }
    Some(format!("{before}{{{min}}}"))
}

/// Which engine runs a translated pattern: `Ok(false)` for regex, `Ok(true)` for the
/// backtracking fancy-regex when only it compiles the pattern (lookaround, backreferences), or
/// regex's complaint when neither does.
pub fn engine_for(source: &str) -> Result<bool, String> {
    if surely_compiles_in_regex(source) {
        return Ok(false);
    }
    let Err(linear_error) = regex::Regex::new(source) else {
        return Ok(false);
    };
    match fancy_regex::Regex::new(source) {
        Ok(_) => Ok(true),
        Err(_) => Err(linear_error.to_string()),
    }
}

/// Whether regex surely compiles `source`, found without building a whole matcher. regex
/// builds a forward and a reverse automaton, each under its size limit (10 MiB unless set);
/// the forward one allocates a 320 KB cache for any Unicode class such as `[^']`, which made
/// checking a pattern the largest allocation of lowering a small spec. The reverse automaton
/// needs no such cache; the forward one shares more of its UTF-8 states and adds only its
/// capture groups, few in a short pattern. So a short pattern whose reverse automaton takes
/// under a quarter of the limit compiles; anything else is left to regex itself to decide.
fn surely_compiles_in_regex(source: &str) -> bool {
    use regex_automata::nfa::thompson::{Compiler, Config, WhichCaptures};
    const REGEX_SIZE_LIMIT: usize = 10 << 20;
    source.len() <= 10_000
        && Compiler::new()
            .configure(
                Config::new()
                    .reverse(true)
                    .which_captures(WhichCaptures::None)
                    .nfa_size_limit(Some(REGEX_SIZE_LIMIT / 4)),
            )
            .build(source)
            .is_ok()
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
    fn ecma_syntax_that_rust_reads_otherwise_is_rewritten_and_nothing_else_changes() {
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
            ("[[A-Z0-9]{1,18}", "[\\[A-Z0-9]{1,18}"),
            ("[[:alpha:]_]", "[[:alpha:]_]"),
            ("[\\s-_()]", "[\\s\\-_()]"),
            ("\\p{L}+\\P{C}\\p{IsLetter}", "\\p{L}+\\P{C}\\p{IsLetter}"),
            ("\\p{ASCII}{0,8}", "[\\x00-\\x7F]{0,8}"),
            ("[^\\p{XDigit}-]", "[^[0-9A-Fa-f]-]"),
            ("[\\p{Print}&&[^|:/]]+", "[[ -~]&&[^|:/]]+"),
            (
                "[\\p{all}]*\\p{LD}\\P{L1}",
                "[[\\x00-\\x{10FFFF}]]*[\\p{L}\\p{Nd}][^\\x00-\\xFF]",
            ),
            ("[^/:|\\000-\\037]", "[^/:|\\x{0}-\\x{1F}]"),
            ("a\\0b", "a\\x{0}b"),
            ("[]a[^]", "[^\\x00-\\x{10FFFF}]a[\\x00-\\x{10FFFF}]"),
            // Surrogates, as ECMA's `u` flag reads them: lone ones, which UTF-8 cannot hold.
            (
                "[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDBFF-\\uDC00\\uDFFF\\t]*",
                "[\\u0020-\\uD7FF\\uE000-\\uFFFD\\t]*",
            ),
            (
                "[\\u0041-\\uDBFF_\\uDC00-\\uFFFF]",
                "[\\x{41}-\\x{D7FF}_\\x{E000}-\\x{FFFF}]",
            ),
            (
                "^[\\uD800-\\uDFFF]$|[^\\uD800]",
                "^[^\\x00-\\x{10FFFF}]$|[\\x00-\\x{10FFFF}]",
            ),
            (
                "\\uD83D|\\uD83D\\uDE00[\\uD83D\\uDE00-\\uD83D\\uDE4F]",
                "[^\\x00-\\x{10FFFF}]|\\x{1F600}[\\x{1F600}-\\x{1F64F}]",
            ),
            ("\\u00e9[\\u0041-\\u005A]", "\\u00e9[\\u0041-\\u005A]"),
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
            ("^[[A-Z]{2}$", &["[A", "QZ"], &["[[A", "a1"]),
            ("^[\\s-_]+$", &[" -_"], &["a", "."]),
            ("^\\p{Print}+$", &["a ~"], &["\u{e9}", "\t"]),
            ("^\\P{Cntrl}\\p{Punct}$", &["a!", "\u{e9}`"], &["\t!", "ab"]),
            (
                "^(\\p{LD}|\\p{Punct})+$",
                &["\u{e9}5!", "\u{661}"],
                &["a b", "\u{2160}"],
            ),
            ("^[\\p{Alnum}&&[^0-4]]+$", &["a5Z"], &["a1", "\u{e9}"]),
            (
                "^\\p{L}\\p{XDigit}{2}$",
                &["\u{e9}aF"],
                &["1aF", "\u{e9}ag"],
            ),
            ("^[^\\000-\\037]+$", &["a b"], &["a\tb", "\u{0}"]),
            ("^a[]$", &[], &["a", "a]"]),
            ("^a[^]$", &["ab", "a\n"], &["a"]),
            // UTF-16 escapes with the `u` flag: a pair is its character, a lone half nothing.
            (
                "^[\\u0020-\\uD7FF\\uD800]*$",
                &["a b", ""],
                &["\u{1F600}", "\u{E000}"],
            ),
            ("^\\uD83D\\uDE00$", &["\u{1F600}"], &["\u{D7FF}"]),
            ("^[^\\uDC00]$", &["\u{1F600}", "a"], &["ab"]),
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

#[cfg(test)]
mod engine_tests {
    use super::{engine_for, surely_compiles_in_regex};

    /// The short cut decides only what regex itself would, over patterns that fit easily,
    /// that need the backtracking engine, that do not parse, and that pass regex's size limit
    /// (`\w` alone is about 45 KB of automaton, so `\w{300}` is past its 10 MiB).
    #[test]
    fn the_engine_chosen_is_the_one_that_compiles_the_pattern() {
        let cases: [(&str, Result<bool, String>); 6] = [
            ("^[^']*$", Ok(false)),
            ("^(?:userDisplayName|status) eq '[^']*'$", Ok(false)),
            ("^\\p{L}{1,64}$", Ok(false)),
            ("\\w{100}", Ok(false)),
            ("^(?=a)a$", Ok(true)),
            ("^(a)\\1$", Ok(true)),
        ];
        for (pattern, expected) in cases {
            assert_eq!(engine_for(pattern), expected, "{pattern}");
        }
        assert!(surely_compiles_in_regex("^[^']*$"));
        // Past a quarter of the limit, regex decides: this one it compiles.
        assert!(!surely_compiles_in_regex("\\w{100}"));
        assert!(!surely_compiles_in_regex("\\w{300}"));
        let complaint = engine_for("\\w{300}").unwrap_err();
        assert!(complaint.contains("exceeds size limit"), "{complaint}");
        let unparsable = engine_for("a(b").unwrap_err();
        assert!(unparsable.contains("unclosed group"), "{unparsable}");
    }

    /// A final long bounded repetition too large for regex is run at its minimum; anything
    /// else too large stays refused.
    #[test]
    fn a_trailing_bound_past_the_size_limit_is_cut_to_its_minimum() {
        let run = |source: &str| super::compile(source).map(|(run, _)| run);
        assert_eq!(run("\\S{1,8192}"), Ok("\\S{1}".to_owned()));
        assert_eq!(run("^.{1,2097152}"), Ok("^.{1}".to_owned()));
        assert_eq!(
            run("[\\P{M}\\p{M}]{0,20000}"),
            Ok("[\\P{M}\\p{M}]{0}".to_owned())
        );
        // Short enough to build: run as written.
        assert_eq!(run("^[a-z]{1,64}"), Ok("^[a-z]{1,64}".to_owned()));
        // Anchored at the end, or a repetition that is not the last thing: still too large.
        assert!(run("^\\S{1,8192}$")
            .unwrap_err()
            .contains("exceeds size limit"));
        assert!(run("\\w{300}a").unwrap_err().contains("exceeds size limit"));
        assert_eq!(super::without_trailing_bound("\\{1,2}"), None);
        assert_eq!(super::without_trailing_bound("a|{1,2}"), None);
        assert_eq!(
            super::without_trailing_bound("\\\\{1,2}"),
            Some("\\\\{1}".to_owned())
        );
    }
}
