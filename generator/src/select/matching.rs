//! Which operations a selection keeps, and what comes closest to a selector that matches none.

use super::Selector;
use crate::lower::path_items::METHODS;
use serde_json::{Map, Value};

/// Removes every operation no selector picks, and every path item left without one. Returns a
/// message for each selector that matched nothing.
pub fn keep_selected(
    selectors: &[Selector],
    paths: &mut Map<String, Value>,
    document: &Value,
) -> Vec<String> {
    let catalog = Catalog::of(paths, document);
    let mut matched = vec![false; selectors.len()];
    let mut emptied = Vec::new();
    for (path, item) in paths.iter_mut() {
        if !path.starts_with('/') {
            continue;
        }
        let Value::Object(item) = item else {
            continue;
        };
        let by_path: Vec<usize> = (0..selectors.len())
            .filter(|&i| matches!(&selectors[i], Selector::Path { .. } if path_matches(&selectors[i], path)))
            .collect();
        // A path item that is a `$ref` holds no operations to pick: its path alone decides.
        if item.contains_key("$ref") {
            by_path.iter().for_each(|&i| matched[i] = true);
            if by_path.is_empty() {
                emptied.push(path.clone());
            }
            continue;
        }
        let mut kept = 0;
        for (_, method) in METHODS {
            let Some(operation) = item.get(method) else {
                continue;
            };
            let picked: Vec<usize> = (0..selectors.len())
                .filter(|&i| by_path.contains(&i) || operation_matches(&selectors[i], operation))
                .collect();
            if picked.is_empty() {
                item.remove(method);
            } else {
                picked.iter().for_each(|&i| matched[i] = true);
                kept += 1;
            }
        }
        if kept == 0 {
            emptied.push(path.clone());
        }
    }
    for path in emptied {
        paths.remove(&path);
    }
    for (i, selector) in selectors.iter().enumerate() {
        if let Selector::Schema(key) = selector {
            matched[i] = catalog.schemas.contains(key);
        }
    }
    selectors
        .iter()
        .zip(matched)
        .filter(|(_, matched)| !matched)
        .map(|(selector, _)| catalog.unmatched(selector))
        .collect()
}

/// What a spec names, read before anything is dropped, for "the closest is" in messages.
struct Catalog {
    paths: Vec<String>,
    operation_ids: Vec<String>,
    tags: Vec<String>,
    schemas: Vec<String>,
}

impl Catalog {
    fn of(paths: &Map<String, Value>, document: &Value) -> Catalog {
        let mut catalog = Catalog {
            paths: paths
                .keys()
                .filter(|p| p.starts_with('/'))
                .cloned()
                .collect(),
            operation_ids: Vec::new(),
            tags: Vec::new(),
            schemas: document
                .pointer("/components/schemas")
                .and_then(Value::as_object)
                .map(|s| s.keys().cloned().collect())
                .unwrap_or_default(),
        };
        for item in paths.values() {
            for (_, method) in METHODS {
                let Some(operation) = item.get(method) else {
                    continue;
                };
                if let Some(id) = operation.get("operationId").and_then(Value::as_str) {
                    catalog.operation_ids.push(id.to_owned());
                }
                for tag in operation
                    .get("tags")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    if let Some(tag) = tag.as_str() {
                        if !catalog.tags.iter().any(|t| t == tag) {
                            catalog.tags.push(tag.to_owned());
                        }
                    }
                }
            }
        }
        catalog
    }

    /// "selector 'X' matches no path; the closest is 'Y'".
    fn unmatched(&self, selector: &Selector) -> String {
        let (what, candidates, wanted) = match selector {
            Selector::Path { segments, .. } => (
                "no path",
                &self.paths,
                blanked(&format!("/{}", segments.join("/"))),
            ),
            Selector::Operation(id) => ("no operationId", &self.operation_ids, id.clone()),
            Selector::Tag(tag) => ("no operation's tag", &self.tags, tag.clone()),
            Selector::Schema(key) => (
                "no schema under #/components/schemas",
                &self.schemas,
                key.clone(),
            ),
        };
        let closest = candidates
            .iter()
            .min_by_key(|candidate| (distance(&wanted, &blanked(candidate)), candidate.len()));
        let shown = selector.shown();
        match closest {
            Some(closest) => {
                format!("selector '{shown}' matches {what}; the closest is '{closest}'")
            }
            None => format!("selector '{shown}' matches {what}, and the spec has none"),
        }
    }
}

fn path_matches(selector: &Selector, path: &str) -> bool {
    let Selector::Path { segments, prefix } = selector else {
        return false;
    };
    let template: Vec<&str> = path
        .trim_start_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    let enough = if *prefix {
        template.len() >= segments.len()
    } else {
        template.len() == segments.len()
    };
    enough
        && segments
            .iter()
            .zip(&template)
            .all(|(wanted, written)| blanked(wanted) == blanked(written))
}

/// A path or segment with its parameters' names left out: `{id}` and `{user-id}` are one.
fn blanked(segment: &str) -> String {
    crate::lower::route::shape_of(segment)
}

fn operation_matches(selector: &Selector, operation: &Value) -> bool {
    match selector {
        Selector::Operation(id) => operation.get("operationId").and_then(Value::as_str) == Some(id),
        Selector::Tag(tag) => operation
            .get("tags")
            .and_then(Value::as_array)
            .is_some_and(|tags| tags.iter().any(|t| t.as_str() == Some(tag))),
        _ => false,
    }
}

/// Levenshtein distance over characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}
