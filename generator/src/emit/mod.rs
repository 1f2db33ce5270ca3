//! IR -> `TokenStream`, one emitter per generated file. Emitters see only the IR and build code
//! with `quote!`; nothing here formats Rust source from strings. The spec-independent runtime
//! files are verbatim assets (`crate::output::runtime`).

pub mod cargo_toml;
pub mod client;
pub mod crate_root;
mod features;
mod front_page;
pub mod models;
mod multipart;
pub mod operations;
mod paging;
mod patterns;
pub mod server;
pub mod types;
mod union_models;
pub mod validation;

use crate::ir::{Shape, ShapeKind};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};
pub use types::{nullable_type, qualified_nullable_type, qualified_value_type};

/// `#[doc = "..."]` attributes, one per line, so prettyplease prints them as `///` comments.
pub fn doc_lines(text: &str) -> TokenStream {
    let lines = doc_text_lines(text);
    quote!(#(#[doc = #lines])*)
}

/// `#![doc = "..."]` attributes for a module or crate's own docs.
pub fn inner_doc_lines(text: &str) -> TokenStream {
    let lines = doc_text_lines(text);
    quote!(#(#![doc = #lines])*)
}

/// Each line with the leading space rustdoc expects after `///`, prose wrapped at
/// [`DOC_WIDTH`]. A lone carriage return ends a line too: rustc refuses a doc comment that
/// holds one (VTEX's descriptions have them).
fn doc_text_lines(text: &str) -> Vec<String> {
    let text = if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let mut lines = Vec::new();
    let mut fenced = false;
    for line in text.trim().lines() {
        let line = line.trim_end();
        let fence = line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~");
        if line.is_empty() {
            lines.push(String::new());
        } else if fenced || fence || !is_prose(line) {
            lines.push(format!(" {line}"));
        } else {
            wrap(line, &mut lines);
        }
        fenced ^= fence;
    }
    lines
}

/// The longest a doc line's text gets when wrapped: with `/// ` and the indentation of a
/// method in an `impl`, near 100 columns.
const DOC_WIDTH: usize = 88;

/// Whether a line is a paragraph's text, which Markdown lets wrap at any space: not indented
/// (code or a list item's continuation), and not a heading, quote, table row, HTML, list item
/// or rule.
fn is_prose(line: &str) -> bool {
    let first = line.chars().next().unwrap_or(' ');
    let numbered = line.split_once(['.', ')']).is_some_and(|(number, _)| {
        !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())
    });
    !(first.is_whitespace()
        || matches!(first, '#' | '>' | '|' | '<' | '-' | '*' | '+' | '=' | '_')
        || numbered)
}

/// Appends `line` as lines of at most [`DOC_WIDTH`] characters, broken at spaces and otherwise
/// as written (a word longer than that keeps a line of its own). A line never starts with what
/// would end the paragraph (`- `, `# `, `1.`, ...), so the wrapped text reads as before.
fn wrap(line: &str, lines: &mut Vec<String>) {
    let mut rest = line;
    while rest.chars().count() > DOC_WIDTH {
        let breaks: Vec<usize> = rest
            .char_indices()
            .filter(|&(at, c)| c == ' ' && is_prose(rest[at..].trim_start()))
            .map(|(at, _)| at)
            .collect();
        let within = breaks
            .iter()
            .rev()
            .find(|&&at| rest[..at].chars().count() <= DOC_WIDTH);
        let Some(&at) = within.or_else(|| breaks.first()) else {
            break;
        };
        lines.push(format!(" {}", rest[..at].trim_end()));
        rest = rest[at..].trim_start();
    }
    lines.push(format!(" {rest}"));
}

/// An identifier that may be a raw identifier (`r#type`).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => format_ident!("{}", name),
    }
}

/// A field's `#[serde(...)]` of `parts`, with `rename` first where the wire name is not serde's
/// own name for the field (its Rust name without `r#`); nothing when no part is left.
pub fn serde_field_attr(wire: &str, rust_name: &str, parts: &[TokenStream]) -> TokenStream {
    let rename = (rust_name.trim_start_matches("r#") != wire).then(|| quote!(rename = #wire));
    let parts: Vec<&TokenStream> = rename.iter().chain(parts).collect();
    if parts.is_empty() {
        TokenStream::new()
    } else {
        quote!(#[serde(#(#parts),*)])
    }
}

/// The identifier of a name made of several ([`crate::lower::names::joined`]): `handle` and
/// `self_` give `handle_self`.
pub fn joined_ident(parts: &[&str]) -> Ident {
    format_ident!("{}", crate::lower::names::joined(parts))
}

/// `parse_<operation>_body`: the operations file's parser of an operation's request body, which
/// the server calls on what it receives and the client on what it sends.
pub fn body_parser(op: &crate::ir::Operation) -> Ident {
    joined_ident(&["parse", &op.rust_name, "body"])
}

/// The credentials an operation's security takes, for its docs, when they are more than the
/// bearer token alone (the usual case, which needs no word): "a bearer token", "the API key
/// in the header `X-Api-Key`", in the order the client prefers them.
pub fn credentials_taken(op: &crate::ir::Operation) -> Vec<String> {
    if !op.basic && op.api_keys.is_empty() {
        return Vec::new();
    }
    let mut ways = Vec::new();
    if op.bearer {
        ways.push("a bearer token".to_owned());
    }
    ways.extend(
        op.api_keys
            .iter()
            .map(|(place, name)| format!("the API key in the {place} `{name}`")),
    );
    if op.basic {
        ways.push("HTTP basic credentials (`user:password`)".to_owned());
    }
    ways
}

/// `use crate::models;` for a file about operations, when it names a model type; nothing
/// otherwise, so the file has no unused import. The operations file names the types of
/// parameters, bodies and success responses (in its structs and enums); the server and the
/// client name only body types (responses go through the operations' enums).
pub fn models_import(model: &crate::ir::Model, operations_file: bool) -> Option<TokenStream> {
    let named = |shape: &Shape| matches!(shape.kind, ShapeKind::Named(_));
    let uses_models = model.operations.iter().any(|op| {
        op.body
            .iter()
            .filter_map(crate::ir::Body::shape)
            .any(|shape| shape.any(&named))
            || (operations_file
                && (op.params.iter().any(|p| p.shape.any(&named))
                    || op
                        .body
                        .iter()
                        .flat_map(crate::ir::Body::part_shapes)
                        .any(|shape| shape.any(&named))
                    || op
                        .successes
                        .iter()
                        .filter_map(|r| r.body.shape())
                        .any(|shape| shape.any(&named))))
    });
    uses_models.then(|| {
        quote!(
            use crate::models;
        )
    })
}

#[cfg(test)]
mod tests {
    use super::{doc_text_lines, DOC_WIDTH};

    fn joined(lines: &[String]) -> String {
        lines
            .iter()
            .map(|line| line.trim())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn prose_wraps_at_spaces_and_reads_the_same() {
        let text = "The deviceComplianceUserStatus entity of Microsoft Graph (beta) and its operations (create, list, get, update, delete, count), written in the shape Graph publishes its OpenAPI description.";
        let lines = doc_text_lines(text);
        assert_eq!(
            lines,
            [
                " The deviceComplianceUserStatus entity of Microsoft Graph (beta) and its operations",
                " (create, list, get, update, delete, count), written in the shape Graph publishes its",
                " OpenAPI description.",
            ]
        );
        assert!(lines
            .iter()
            .all(|line| line.chars().count() <= DOC_WIDTH + 1));
        assert_eq!(joined(&lines), text);
    }

    #[test]
    fn no_wrapped_line_starts_what_would_end_the_paragraph() {
        let text = format!(
            "{} - not a list, # not a heading, 1. not a list either, and > no quote at all here.",
            "word ".repeat(16).trim_end()
        );
        let lines = doc_text_lines(&text);
        assert!(lines.len() > 1, "{lines:?}");
        for line in &lines[1..] {
            let first = line.trim_start().chars().next().unwrap();
            assert!(!matches!(first, '-' | '#' | '>' | '1'), "{lines:?}");
        }
        assert_eq!(joined(&lines), text);
    }

    #[test]
    fn code_tables_lists_and_long_words_are_left_as_written() {
        let long = "x".repeat(120);
        let text = format!(
            "```\n{long} {long}\n```\n\n    indented {long} {long}\n\n| a | {long} {long} |\n\n- item {long} {long}\n\n{long}"
        );
        let lines = doc_text_lines(&text);
        let expected: Vec<String> = text
            .lines()
            .map(|line| {
                if line.is_empty() {
                    String::new()
                } else {
                    format!(" {line}")
                }
            })
            .collect();
        assert_eq!(lines, expected);
    }
}
