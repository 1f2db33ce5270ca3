//! YAML text to `openapiv3::OpenAPI`, plus a way back from a JSON Pointer to a line.
//!
//! The only module that touches `serde_yaml` (with `pieces`, which reads a large YAML text one
//! entry at a time), so replacing it stays a change to one module.

mod inline_refs;
mod json_value;
mod pieces;
pub(crate) mod shape_error;

use crate::diagnostics::{segments, Diagnostic, Diagnostics};
use json_value::FiniteValue;

/// A parsed spec and its text, for pointing errors at lines.
pub struct Loaded<'a> {
    /// The document, its `paths` left empty: they are in `paths`.
    pub document: openapiv3::OpenAPI,
    /// The `paths` object as read, each path item read as openapiv3's only while it is lowered
    /// (see `lower::path_items`).
    pub paths: serde_json::Map<String, serde_json::Value>,
    pub text: &'a str,
    /// Objects moved into `#/components` (see `inline_refs`): where each is now, where the
    /// spec writes it.
    pub moved: Vec<(String, String)>,
}

/// Parses the spec. A YAML or shape error comes back with its line.
pub fn load<'a>(
    source: &str,
    text: &'a str,
    selection: &crate::select::Selection,
) -> Result<Loaded<'a>, Diagnostics> {
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
        None => match yaml_value(text) {
            Ok(value) => FiniteValue(value),
            Err(YamlProblem::Syntax(error)) => {
                return Err(fail(error.location().map(|l| l.line()), &error))
            }
            Err(YamlProblem::Merge(at)) => {
                let pointer: String = at
                    .iter()
                    .rev()
                    .map(|s| format!("/{}", crate::diagnostics::escape_segment(s)))
                    .collect();
                let mut diagnostics = Diagnostics::new(source);
                diagnostics.items.push(Diagnostic {
                    line: line_of(text, &pointer),
                    pointer,
                    message: "a YAML merge key `<<` takes a mapping or a list of mappings".into(),
                });
                return Err(diagnostics);
            }
        },
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
    version_as_text(&mut value);
    let moved = inline_refs::hoist_referenced_inline_objects(&mut value);
    let mut paths = match value.get_mut("paths") {
        Some(serde_json::Value::Object(paths)) => std::mem::take(paths),
        _ => serde_json::Map::new(),
    };
    crate::select::apply(selection, source, &mut paths, &mut value)?;
    let document = match serde_json::from_value(value) {
        Ok(document) => document,
        Err(error) => {
            let mut diagnostics = fail(None, &error);
            if let Some((pointer, message)) = read_again(text).and_then(|mut value| {
                let _ = inline_refs::hoist_referenced_inline_objects(&mut value);
                shape_error::shape_error(&value)
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
        paths,
        text,
        moved,
    })
}

/// Why YAML text gave no value: the reader's error, or a `<<` that names no mapping (the path
/// to it, innermost segment first).
enum YamlProblem {
    Syntax(serde_yaml::Error),
    Merge(Vec<String>),
}

/// The YAML text as a JSON value, its merge keys applied.
fn yaml_value(text: &str) -> Result<serde_json::Value, YamlProblem> {
    let mut value = match pieces::read_in_pieces(text, pieces::PIECE_BYTES) {
        Some(value) => value,
        None => {
            serde_yaml::from_str::<FiniteValue>(text)
                .map_err(YamlProblem::Syntax)?
                .0
        }
    };
    merge_keys(&mut value).map_err(YamlProblem::Merge)?;
    Ok(value)
}

/// YAML's merge key: `<<: *base` (or a list of such) puts the entries of the mappings it names
/// where it stands, under the mapping's own keys, the first mapping first. serde_yaml leaves `<<`
/// a plain key, which OpenAPI's reader would then drop without a word, and the schema with it.
/// On a `<<` that names no mapping, the path to it, innermost segment first.
fn merge_keys(value: &mut serde_json::Value) -> Result<(), Vec<String>> {
    use serde_json::Value;
    let within = |segment: String| {
        move |mut at: Vec<String>| {
            at.push(segment);
            at
        }
    };
    match value {
        Value::Array(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                merge_keys(item).map_err(within(index.to_string()))?;
            }
        }
        Value::Object(object) => {
            for (key, item) in object.iter_mut() {
                merge_keys(item).map_err(within(key.clone()))?;
            }
            let Some(sources) = object.get("<<") else {
                return Ok(());
            };
            let sources: Vec<&serde_json::Map<String, Value>> = match sources {
                Value::Object(source) => vec![source],
                Value::Array(items) => items
                    .iter()
                    .map(Value::as_object)
                    .collect::<Option<_>>()
                    .ok_or_else(|| vec!["<<".to_owned()])?,
                _ => return Err(vec!["<<".to_owned()]),
            };
            let mut merged = serde_json::Map::new();
            for (key, item) in object.iter() {
                if key != "<<" {
                    merged.insert(key.clone(), item.clone());
                    continue;
                }
                for source in &sources {
                    for (key, item) in source.iter() {
                        if !object.contains_key(key) && !merged.contains_key(key) {
                            merged.insert(key.clone(), item.clone());
                        }
                    }
                }
            }
            *object = merged;
        }
        _ => {}
    }
    Ok(())
}

/// YAML reads an unquoted `version: 1` or `1.0` as a number, where OpenAPI wants text. The
/// version is a label the generator does not use, so a number there is taken as its text
/// rather than refusing the spec, as most OpenAPI tools do.
fn version_as_text(value: &mut serde_json::Value) {
    if let Some(version) = value.pointer_mut("/info/version") {
        if version.is_number() {
            *version = serde_json::Value::String(version.to_string());
        }
    }
}

/// The text read once more, for `shape_error` to find where it goes wrong.
fn read_again(text: &str) -> Option<serde_json::Value> {
    match json_text(text) {
        Some(FiniteValue(value)) => Some(value),
        None => yaml_value(text).ok(),
    }
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
    use super::{line_of, load};

    #[test]
    fn merge_keys_put_the_named_entries_in_place_under_the_own_keys() {
        let mut value = serde_json::json!({
            "first": 0,
            "<<": [{"a": 1, "b": 2}, {"a": 9, "c": 3}],
            "b": 4,
            "nested": [{"<<": {"x": true}}]
        });
        super::merge_keys(&mut value).unwrap();
        assert_eq!(
            serde_json::to_string(&value).unwrap(),
            r#"{"first":0,"a":1,"c":3,"b":4,"nested":[{"x":true}]}"#
        );
        let mut value = serde_json::json!({"paths": {"/a": {"<<": [1]}}});
        assert_eq!(
            super::merge_keys(&mut value),
            Err(vec!["<<".into(), "/a".into(), "paths".into()])
        );
    }

    #[test]
    fn a_spec_with_merge_keys_loads_with_the_merged_schema() {
        let text = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    base:\n      <<: &shared\n        type: object\n        properties:\n          a: {type: integer}\n      required: [a]\n    copy: *shared\n    broken:\n      <<: 3\n";
        let diagnostics = load("t.yaml", text, &Default::default())
            .err()
            .expect("the broken merge key is refused");
        assert_eq!(
            diagnostics
                .items
                .iter()
                .map(|d| (d.pointer.as_str(), d.line, d.message.as_str()))
                .collect::<Vec<_>>(),
            vec![(
                "/components/schemas/broken/<<",
                Some(14),
                "a YAML merge key `<<` takes a mapping or a list of mappings"
            )]
        );
        let loaded = load(
            "t.yaml",
            text.strip_suffix("    broken:\n      <<: 3\n").unwrap(),
            &Default::default(),
        )
        .unwrap_or_else(|_| panic!("loads"));
        let schemas = &loaded.document.components.unwrap().schemas;
        let openapiv3::ReferenceOr::Item(base) = &schemas["base"] else {
            panic!("an inline schema")
        };
        let openapiv3::SchemaKind::Type(openapiv3::Type::Object(object)) = &base.schema_kind else {
            panic!("the merged type is read: {base:?}")
        };
        assert_eq!(
            (object.properties.len(), object.required.clone()),
            (1, vec!["a".to_owned()])
        );
    }

    #[test]
    fn a_version_yaml_reads_as_a_number_is_its_text() {
        for (written, read) in [("1", "1"), ("2.5", "2.5"), ("'1.0'", "1.0")] {
            let text =
                format!("openapi: 3.0.3\ninfo:\n  title: T\n  version: {written}\npaths: {{}}\n");
            let loaded = load("t.yaml", &text, &Default::default())
                .unwrap_or_else(|_| panic!("{written} loads"));
            assert_eq!(loaded.document.info.version, read);
        }
    }

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
