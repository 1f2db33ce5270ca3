//! The runtime files every generated crate carries, the same for every spec: `errors.rs`
//! (Graph's error body, violations), `support.rs` (helpers the generated code shares),
//! `checks.rs` (the rule checks validators call; date-time and each engine's pattern checks
//! only for specs that use them), and the fixed parts of validation, the server and the client. Each crate builds on its
//! own, with no runtime crate to version.
//!
//! They are kept as Rust files under `generator/runtime/`, already in the format rendering
//! gives (prettyplease's, blank lines between items), and copied verbatim: parsing and
//! printing text that never changes would be most of the cost of generating a small spec. A
//! test below checks that each stays exactly what rendering prints for it.

/// Which optional groups of checks the spec needs.
pub struct Needs {
    pub date_time: bool,
    pub pattern: bool,
    pub backtracking_pattern: bool,
}

pub const ERRORS: &str = include_str!("../../runtime/errors.rs");
pub const SUPPORT: &str = include_str!("../../runtime/support.rs");
/// The fixed part of `server.rs` (configuration, errors, request ids, extractors), which it
/// `include!`s as `server/runtime.rs`.
pub const SERVER: &str = include_str!("../../runtime/server.rs");
/// The fixed part of `client.rs` (builder, errors, retries, sending), included likewise.
pub const CLIENT: &str = include_str!("../../runtime/client.rs");
/// The fixed part of `validation.rs` (the `Validate` trait, the complete path, the fast path's
/// `Mirror` trait), included likewise as `validation/runtime.rs`.
pub const VALIDATION: &str = include_str!("../../runtime/validation.rs");
/// `multipart.rs`, only for specs with a `multipart/form-data` body.
pub const MULTIPART: &str = include_str!("../../runtime/multipart.rs");
const CHECKS: &str = include_str!("../../runtime/checks.rs");
const CHECKS_DATE_TIME: &str = include_str!("../../runtime/checks_date_time.rs");
const CHECKS_PATTERN: &str = include_str!("../../runtime/checks_pattern.rs");
const CHECKS_BACKTRACKING_PATTERN: &str =
    include_str!("../../runtime/checks_backtracking_pattern.rs");

/// The pieces of `checks.rs`: the groups the spec needs. Each item is formatted on its own, so
/// appending a group's items keeps the file formatted.
pub fn checks(needs: &Needs) -> Vec<&'static str> {
    [
        (true, CHECKS),
        (needs.date_time, CHECKS_DATE_TIME),
        (needs.pattern, CHECKS_PATTERN),
        (needs.backtracking_pattern, CHECKS_BACKTRACKING_PATTERN),
    ]
    .into_iter()
    .filter_map(|(needed, piece)| needed.then_some(piece))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_never_take_the_name_of_a_method_the_client_runtime_defines() {
        let file = syn::parse_file(CLIENT).unwrap();
        let mut methods = Vec::new();
        for item in file.items {
            if let syn::Item::Impl(block) = item {
                let is_client =
                    matches!(&*block.self_ty, syn::Type::Path(p) if p.path.is_ident("Client"));
                if is_client && block.trait_.is_none() {
                    methods.extend(block.items.iter().filter_map(|item| match item {
                        syn::ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
                        _ => None,
                    }));
                }
            }
        }
        assert!(methods.len() >= 10, "{methods:?}");
        for method in methods {
            assert!(
                crate::lower::names::RUNTIME_METHODS.contains(&method.as_str()),
                "the client runtime defines `{method}`, which RUNTIME_METHODS does not reserve"
            );
        }
    }

    /// A model named like a type of the runtime that `client.rs`, `server.rs` or
    /// `validation.rs` includes would clash with it there (or be shadowed by it), so every
    /// such name is reserved. (The other runtime files are modules of their own, named in
    /// full where used.)
    #[test]
    fn models_never_take_the_name_of_a_type_the_included_runtime_defines() {
        let mut types = Vec::new();
        for text in [CLIENT, SERVER, VALIDATION] {
            for item in syn::parse_file(text).unwrap().items {
                let name = match item {
                    syn::Item::Struct(item) => item.ident,
                    syn::Item::Enum(item) => item.ident,
                    syn::Item::Trait(item) => item.ident,
                    syn::Item::Type(item) => item.ident,
                    _ => continue,
                };
                types.push(name.to_string());
            }
        }
        assert!(types.len() >= 15, "{types:?}");
        for name in types {
            assert!(
                crate::lower::names::RESERVED_TYPES.contains(&name.as_str()),
                "the runtime defines `{name}`, which RESERVED_TYPES does not reserve"
            );
        }
    }

    #[test]
    fn every_runtime_file_is_exactly_what_rendering_prints() {
        let all = [
            ("errors.rs", ERRORS),
            ("support.rs", SUPPORT),
            ("server.rs", SERVER),
            ("client.rs", CLIENT),
            ("validation.rs", VALIDATION),
            ("multipart.rs", MULTIPART),
            ("checks.rs", CHECKS),
            ("checks_date_time.rs", CHECKS_DATE_TIME),
            ("checks_pattern.rs", CHECKS_PATTERN),
            (
                "checks_backtracking_pattern.rs",
                CHECKS_BACKTRACKING_PATTERN,
            ),
        ];
        for (name, text) in all {
            let tokens: proc_macro2::TokenStream = text
                .parse()
                .unwrap_or_else(|e| panic!("{name} does not parse: {e}"));
            let formatted = super::super::render::render_items(tokens)
                .unwrap_or_else(|e| panic!("{name} does not parse: {e}"));
            if formatted != text && std::env::var_os("RUNTIME_FORMAT").is_some() {
                // After editing a runtime file: `RUNTIME_FORMAT=1 cargo test -p generator runtime`.
                let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("runtime")
                    .join(name);
                std::fs::write(path, &formatted).unwrap();
                continue;
            }
            assert_eq!(
                formatted, text,
                "{name} is not in the generated code's format (RUNTIME_FORMAT=1 rewrites it)"
            );
        }
    }

    #[test]
    fn checks_with_every_group_is_formatted_as_one_file() {
        let text = checks(&Needs {
            date_time: true,
            pattern: true,
            backtracking_pattern: true,
        })
        .concat();
        let tokens: proc_macro2::TokenStream = text.parse().unwrap();
        assert_eq!(super::super::render::render_items(tokens).unwrap(), text);
    }
}
