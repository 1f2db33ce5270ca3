//! Selection: generate only the operations a service needs from a large spec, with every
//! schema they reach and nothing else.
//!
//! It works on the document as read, before openapiv3 sees it: unselected operations and path
//! items are dropped, then every component no kept operation reaches (through `$ref`s) is, and
//! a discriminator's mapping keeps only the subtypes reached by another route. Pointers and
//! lines in messages stay those of the spec as written.

mod matching;
mod prune;

pub(crate) use prune::LEFT_OUT;

use crate::diagnostics::{Diagnostic, Diagnostics};

/// What to generate from a spec; empty selects everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    selectors: Vec<Selector>,
    /// `features:path` or `features:tag`: one Cargo feature per area of operations.
    areas: Option<AreaFeatures>,
}

/// How operations are cut into areas, one Cargo feature each (`docs/features.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AreaFeatures {
    /// `features:path`: by the first segment of the path that is not a parameter
    /// (`/deviceManagement/...` is `device-management`).
    Path,
    /// `features:tag`: by the first tag, else as by path.
    Tag,
}

/// One `--select` value.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Selector {
    /// `/users/{id}/messages`: the operations of that path; with a trailing `/**`, of that path
    /// and every path below it. A `{...}` segment matches any parameter segment.
    Path { segments: Vec<String>, prefix: bool },
    /// `operation:ID`: the operation with that `operationId`.
    Operation(String),
    /// `tag:NAME`: the operations with that tag.
    Tag(String),
    /// `schema:KEY`: a component schema kept although no selected operation reaches it, such
    /// as a subtype that a discriminated base should keep as a variant.
    Schema(String),
}

impl Selection {
    /// Everything: no selection.
    pub fn everything() -> Selection {
        Selection::default()
    }

    /// Whether this selects the whole spec (area features aside).
    pub fn is_everything(&self) -> bool {
        self.selectors.is_empty()
    }

    /// The areas that get a Cargo feature each, when asked for.
    pub fn area_features(&self) -> Option<AreaFeatures> {
        self.areas
    }

    /// Reads selectors as `--select` and a selection file write them: `/path`, `/path/**`,
    /// `operation:ID`, `tag:NAME`, `schema:KEY`, and the setting `features:path` or
    /// `features:tag`.
    pub fn parse<S: AsRef<str>>(selectors: &[S]) -> Result<Selection, String> {
        let mut selection = Selection::default();
        for text in selectors {
            let text = text.as_ref().trim();
            match text.strip_prefix("features:").map(str::trim) {
                Some(by) => {
                    let areas = match by {
                        "path" => AreaFeatures::Path,
                        "tag" => AreaFeatures::Tag,
                        _ => {
                            return Err(format!("'{text}': features are cut by 'path' or by 'tag'"))
                        }
                    };
                    if selection.areas.is_some_and(|set| set != areas) {
                        return Err(format!(
                            "'{text}': features are already cut another way; give one setting"
                        ));
                    }
                    selection.areas = Some(areas);
                }
                None => selection.selectors.push(Selector::parse(text)?),
            }
        }
        Ok(selection)
    }

    /// Reads a selection file: one selector per line; blank lines and `#` comments are skipped.
    pub fn parse_file(text: &str) -> Result<Selection, String> {
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .collect();
        Selection::parse(&lines)
    }
}

impl Selector {
    fn parse(text: &str) -> Result<Selector, String> {
        let text = text.trim();
        if let Some(path) = text.strip_prefix('/') {
            let (path, prefix) = match path.strip_suffix("/**") {
                Some(path) => (path, true),
                None if path == "**" => ("", true),
                None => (path, false),
            };
            let segments = if path.is_empty() {
                Vec::new()
            } else {
                path.split('/').map(str::to_owned).collect()
            };
            return Ok(Selector::Path { segments, prefix });
        }
        let (kind, value) = text.split_once(':').ok_or_else(|| unknown(text))?;
        let value = value.trim();
        if value.is_empty() {
            return Err(format!("selector '{text}' names nothing after '{kind}:'"));
        }
        match kind {
            "operation" => Ok(Selector::Operation(value.to_owned())),
            "tag" => Ok(Selector::Tag(value.to_owned())),
            "schema" => Ok(Selector::Schema(value.to_owned())),
            _ => Err(unknown(text)),
        }
    }

    /// As written on the command line.
    fn shown(&self) -> String {
        match self {
            Selector::Path { segments, prefix } => {
                let mut path = format!("/{}", segments.join("/"));
                if *prefix {
                    path.push_str(if segments.is_empty() { "**" } else { "/**" });
                }
                path
            }
            Selector::Operation(id) => format!("operation:{id}"),
            Selector::Tag(tag) => format!("tag:{tag}"),
            Selector::Schema(key) => format!("schema:{key}"),
        }
    }
}

fn unknown(text: &str) -> String {
    format!("selector '{text}' is not one of /path, /path/**, operation:ID, tag:NAME, schema:KEY, features:path, features:tag")
}

/// Applies a selection to a document read as JSON, its `paths` held apart. A selector that
/// matches nothing is a problem naming what comes closest.
pub(crate) fn apply(
    selection: &Selection,
    source: &str,
    paths: &mut serde_json::Map<String, serde_json::Value>,
    document: &mut serde_json::Value,
) -> Result<(), Diagnostics> {
    if selection.is_everything() {
        return Ok(());
    }
    let unmatched = matching::keep_selected(&selection.selectors, paths, document);
    if !unmatched.is_empty() {
        let mut diagnostics = Diagnostics::new(source);
        for message in unmatched {
            diagnostics.items.push(Diagnostic {
                pointer: String::new(),
                line: None,
                message,
            });
        }
        return Err(diagnostics);
    }
    let schemas: Vec<String> = selection
        .selectors
        .iter()
        .filter_map(|s| match s {
            Selector::Schema(key) => Some(key.clone()),
            _ => None,
        })
        .collect();
    prune::drop_unreached(paths, document, &schemas);
    Ok(())
}
