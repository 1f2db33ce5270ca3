//! YAML text to `openapiv3::OpenAPI`, plus a way back from a JSON Pointer to a line.
//!
//! The only module that touches `serde_yaml`, so replacing it stays a one-file change.

use crate::diagnostics::{segments, Diagnostic, Diagnostics};
use crate::json_value::FiniteValue;

/// A parsed spec and its text, for pointing errors at lines.
pub struct Loaded<'a> {
    pub document: openapiv3::OpenAPI,
    pub text: &'a str,
    /// Objects moved into `#/components` (see `inline_refs`): where each is now, where the
    /// spec writes it.
    pub moved: Vec<(String, String)>,
}

/// Parses the spec. A YAML or shape error comes back with its line.
pub fn load<'a>(source: &str, text: &'a str) -> Result<Loaded<'a>, Diagnostics> {
    let fail = |line: Option<usize>, error: &dyn std::fmt::Display| {
        let mut diagnostics = Diagnostics::new(source);
        diagnostics.items.push(Diagnostic {
            pointer: String::new(),
            line,
            message: format!("not a valid OpenAPI 3.0 document: {error}"),
        });
        diagnostics
    };
    // Through a JSON value, never straight from the text: deserialized from serde_yaml's
    // streaming deserializer, openapiv3's `ReferenceOr` panics on some malformed references
    // ("somehow this parsed successfully the second time"), which tests/fuzz.rs finds at once.
    // A JSON value (order kept) takes less memory than a `serde_yaml::Value`.
    let FiniteValue(mut value) = match json_text(text) {
        Some(value) => value,
        None => serde_yaml::from_str(text)
            .map_err(|error| fail(error.location().map(|l| l.line()), &error))?,
    };
    let unsupported = match (value.get("openapi"), value.get("swagger")) {
        (Some(serde_json::Value::String(version)), _) if !version.starts_with("3.0.") => Some((
            "/openapi",
            format!("OpenAPI version {version} is not supported; this generator reads 3.0.x"),
        )),
        (None, Some(version)) => Some((
            "/swagger",
            format!(
                "this is a Swagger {} document; this generator reads OpenAPI 3.0.x, to which \
                 tools such as swagger2openapi convert it",
                version
                    .as_str()
                    .map_or_else(|| version.to_string(), str::to_owned)
            ),
        )),
        _ => None,
    };
    if let Some((pointer, message)) = unsupported {
        let mut diagnostics = Diagnostics::new(source);
        diagnostics.items.push(Diagnostic {
            pointer: pointer.into(),
            line: line_of(text, pointer),
            message,
        });
        return Err(diagnostics);
    }
    let moved = crate::inline_refs::hoist_referenced_inline_objects(&mut value);
    let document = match serde_json::from_value(value) {
        Ok(document) => document,
        Err(error) => {
            let mut diagnostics = fail(None, &error);
            if let Some((pointer, message)) = read_again(text).and_then(|mut value| {
                let _ = crate::inline_refs::hoist_referenced_inline_objects(&mut value);
                crate::shape_error::shape_error(&value)
            }) {
                diagnostics.items[0].pointer = pointer;
                diagnostics.items[0].message =
                    format!("not a valid OpenAPI 3.0 document: {message}");
            }
            locate(text, &moved, &mut diagnostics);
            return Err(diagnostics);
        }
    };
    Ok(Loaded {
        document,
        text,
        moved,
    })
}

/// The text read once more, for `shape_error` to find where it goes wrong.
fn read_again(text: &str) -> Option<serde_json::Value> {
    let FiniteValue(value) = json_text(text).or_else(|| serde_yaml::from_str(text).ok())?;
    Some(value)
}

/// A spec written as JSON (Graph publishes its descriptions so), read by the JSON reader:
/// JSON is YAML too, but the YAML reader first lists every event of the document, which for
/// Graph's 20 MB took more time and memory than the rest of reading it. Text the JSON reader
/// refuses goes to the YAML reader, for YAML's leniency or its error message.
fn json_text(text: &str) -> Option<FiniteValue> {
    if !text.trim_start().starts_with('{') {
        return None;
    }
    serde_json::from_str(text).ok()
}

/// Points each diagnostic inside a moved object where the spec writes it, and fills in its line
/// from its pointer.
pub fn locate(text: &str, moved: &[(String, String)], diagnostics: &mut Diagnostics) {
    for item in &mut diagnostics.items {
        let origin = moved.iter().find_map(|(now, was)| {
            let rest = item.pointer.strip_prefix(now.as_str())?;
            (rest.is_empty() || rest.starts_with('/')).then(|| format!("{was}{rest}"))
        });
        if let Some(origin) = origin {
            item.pointer = origin;
        }
        for (now, was) in moved {
            let reference = format!("'#{now}'");
            if item.message.contains(&reference) {
                item.message = item.message.replace(&reference, &format!("'#{was}'"));
            }
        }
        if item.line.is_none() {
            item.line = line_of(text, &item.pointer);
        }
    }
}

/// The 1-based line where the node at `pointer` starts, for block-style YAML.
///
/// Walks the pointer one segment at a time, each a `key:` or the n-th `- ` item among the direct
/// children of the node before. Flow-style nodes give `None`, never a wrong line.
pub fn line_of(text: &str, pointer: &str) -> Option<usize> {
    let tokens = tokenize(text);
    let mut position = 0usize;
    let mut parent_indent: Option<usize> = None;
    let mut found = None;
    for segment in segments(pointer) {
        let index = find_child(&tokens[position..], parent_indent, &segment)? + position;
        found = Some(tokens[index].line);
        parent_indent = Some(tokens[index].indent);
        position = index + 1;
    }
    found.map(|line| line + 1)
}

struct Token<'t> {
    line: usize,
    indent: usize,
    /// `None` for a `- ` list item, else the mapping key.
    key: Option<&'t str>,
}

fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    for (line, raw) in text.lines().enumerate() {
        let mut rest = raw.trim_start();
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        let mut indent = raw.len() - rest.len();
        while rest == "-" || rest.starts_with("- ") {
            tokens.push(Token {
                line,
                indent,
                key: None,
            });
            let after = rest[1..].trim_start();
            indent += rest.len() - after.len();
            rest = after;
        }
        if let Some(key) = mapping_key(rest) {
            tokens.push(Token {
                line,
                indent,
                key: Some(key),
            });
        }
    }
    tokens
}

fn mapping_key(rest: &str) -> Option<&str> {
    for quote in ['\'', '"'] {
        if let Some(inner) = rest.strip_prefix(quote) {
            let close = inner.find(quote)?;
            return inner[close + 1..].starts_with(':').then(|| &inner[..close]);
        }
    }
    let colon = rest
        .find(": ")
        .or_else(|| rest.strip_suffix(':').map(str::len))?;
    Some(&rest[..colon])
}

/// The position, among `tokens`, of the direct child of the node above them named `segment`.
fn find_child(tokens: &[Token<'_>], parent_indent: Option<usize>, segment: &str) -> Option<usize> {
    let level = tokens.first()?.indent;
    if parent_indent.is_some_and(|parent| level <= parent) {
        return None;
    }
    let wanted_item: Option<usize> = segment.parse().ok();
    let mut items_seen = 0usize;
    for (position, token) in tokens.iter().enumerate() {
        if token.indent < level {
            return None;
        }
        if token.indent > level {
            continue;
        }
        match (token.key, wanted_item) {
            (None, Some(wanted)) => {
                if items_seen == wanted {
                    return Some(position);
                }
                items_seen += 1;
            }
            (Some(key), _) if key == segment => return Some(position),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::line_of;

    const TEXT: &str = "openapi: 3.0.3\ncomponents:\n  schemas:\n    a:\n      type: object\n      properties:\n        '@odata.type':\n          type: string\n    b:\n      allOf:\n        - $ref: x\n        - type: object\n";

    #[test]
    fn finds_nested_keys_and_list_items() {
        assert_eq!(line_of(TEXT, "/components/schemas/a"), Some(4));
        assert_eq!(
            line_of(TEXT, "/components/schemas/a/properties/@odata.type"),
            Some(7)
        );
        assert_eq!(line_of(TEXT, "/components/schemas/b/allOf/1"), Some(12));
        assert_eq!(
            line_of(TEXT, "/components/schemas/b/allOf/1/type"),
            Some(12)
        );
        assert_eq!(line_of(TEXT, "/components/schemas/c"), None);
    }
}
