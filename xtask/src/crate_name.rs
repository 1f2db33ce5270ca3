//! The generated crate's package name: made from the spec's file name, or checked when given,
//! so that cargo takes it and rustc's `non_snake_case` lint has nothing to say about it.

/// The name for a spec file's stem: lower case, each run of other characters one `-`, and
/// `api-` in front of a name that would start with a digit or be a keyword
/// (`Orders-API-(PII-version)` -> `orders-api-pii-version`, `1forge.com` -> `api-1forge-com`).
pub fn from_spec_stem(stem: &str) -> String {
    let lowered = stem.to_ascii_lowercase();
    let words: Vec<&str> = lowered
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    let name = words.join("-");
    if name.is_empty() {
        "generated".into()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) || generator::is_keyword(&name) {
        format!("api-{name}")
    } else {
        name
    }
}

/// Refuses a given name that cargo would refuse or rustc would warn about.
pub fn check(name: &str) -> Result<(), String> {
    let well_formed = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.split(['-', '_']).all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if !well_formed {
        return Err(format!(
            "--crate-name '{name}' is not a crate name: use lower-case letters and digits, \
             words joined by single '-' or '_', starting with a letter (such as '{}')",
            from_spec_stem(name)
        ));
    }
    if generator::is_keyword(name) {
        return Err(format!(
            "--crate-name '{name}' is a Rust keyword, which cargo refuses as a package name"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{check, from_spec_stem};

    #[test]
    fn names_from_spec_stems_are_crate_names() {
        let cases = [
            (
                "device-compliance-user-status",
                "device-compliance-user-status",
            ),
            ("Orders-API-(PII-version)", "orders-api-pii-version"),
            ("1forge.com", "api-1forge-com"),
            ("graph_beta", "graph-beta"),
            ("type", "api-type"),
            ("((", "generated"),
        ];
        for (stem, name) in cases {
            assert_eq!(from_spec_stem(stem), name, "{stem}");
            assert_eq!(check(name), Ok(()), "{name}");
        }
    }

    #[test]
    fn given_names_cargo_or_rustc_would_object_to_are_refused() {
        assert_eq!(check("my-api_v2"), Ok(()));
        assert_eq!(
            check("Orders--API"),
            Err(
                "--crate-name 'Orders--API' is not a crate name: use lower-case letters and \
                 digits, words joined by single '-' or '_', starting with a letter (such as \
                 'orders-api')"
                    .into()
            )
        );
        for bad in ["", "1api", "api-", "-api", "a b", "api__v2", "\"api\""] {
            assert!(check(bad).is_err(), "{bad}");
        }
        assert_eq!(
            check("crate"),
            Err(
                "--crate-name 'crate' is a Rust keyword, which cargo refuses as a package name"
                    .into()
            )
        );
    }
}
