//! Drops every component the kept operations do not reach, and the discriminator mapping
//! entries that name a dropped schema.
//!
//! A mapping is not followed when looking for what is reached: Graph's `entity` maps nearly
//! every type of the API, so following it would keep them all. A subtype stays only when
//! something else reaches it (or a `schema:` selector names it); the base's other `@odata.type`
//! values then decode into its catch-all variant.

use crate::diagnostics::unescape_segment;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// Set on a discriminator whose mapping lost entries, so that lowering keeps the base a union
/// (with its catch-all variant) even when no subtype is left.
pub const LEFT_OUT: &str = "x-generator-subtypes-left-out";

pub fn drop_unreached(paths: &Map<String, Value>, document: &mut Value, named: &[String]) {
    let mut kept: BTreeSet<(String, String)> = named
        .iter()
        .map(|key| ("schemas".to_owned(), key.clone()))
        .collect();
    let mut pending: Vec<&Value> = paths
        .iter()
        .filter(|(path, _)| path.starts_with('/'))
        .map(|(_, item)| item)
        .collect();
    pending.extend(
        named
            .iter()
            .filter_map(|key| component(document, "schemas", key)),
    );
    while let Some(value) = pending.pop() {
        let mut refs = Vec::new();
        collect_refs(value, &mut refs);
        for reference in refs {
            if let Some((kind, name)) = component_ref(reference) {
                if kept.insert((kind.clone(), name.clone())) {
                    pending.extend(component(document, &kind, &name));
                }
            } else if let Some(item) = path_ref(paths, reference) {
                pending.push(item);
            }
        }
    }
    let extended = bases_of_dropped(document, &kept);
    let Some(Value::Object(components)) = document.get_mut("components") else {
        return;
    };
    for (kind, entries) in components.iter_mut() {
        if kind == "securitySchemes" {
            continue;
        }
        if let Value::Object(entries) = entries {
            entries.retain(|name, _| kept.contains(&(kind.clone(), name.clone())));
        }
    }
    if let Some(Value::Object(schemas)) = components.get_mut("schemas") {
        for (key, schema) in schemas.iter_mut() {
            prune_mappings(schema, &kept, extended.contains(key));
        }
    }
}

/// The schemas that a dropped schema extends through `allOf`: a discriminated base among them
/// lost a subtype even if its mapping did not name it.
fn bases_of_dropped(document: &Value, kept: &BTreeSet<(String, String)>) -> BTreeSet<String> {
    let Some(Value::Object(schemas)) = document.pointer("/components/schemas") else {
        return BTreeSet::new();
    };
    schemas
        .iter()
        .filter(|(key, _)| !kept.contains(&("schemas".to_owned(), (*key).clone())))
        .filter_map(|(_, schema)| schema.get("allOf")?.as_array())
        .flatten()
        .filter_map(|part| component_ref(part.get("$ref")?.as_str()?))
        .filter(|(kind, _)| kind == "schemas")
        .map(|(_, name)| name)
        .collect()
}

fn component<'d>(document: &'d Value, kind: &str, name: &str) -> Option<&'d Value> {
    document.get("components")?.get(kind)?.get(name)
}

/// `#/components/{kind}/{name}` as its two parts, unescaped.
fn component_ref(reference: &str) -> Option<(String, String)> {
    let rest = reference.strip_prefix("#/components/")?;
    let (kind, name) = rest.split_once('/')?;
    let name = name.split('/').next()?;
    Some((kind.to_owned(), unescape_segment(name)))
}

/// The path item (or something inside it) a `#/paths/...` reference names.
fn path_ref<'p>(paths: &'p Map<String, Value>, reference: &str) -> Option<&'p Value> {
    let rest = reference.strip_prefix("#/paths/")?;
    let mut segments = rest.split('/');
    let path = unescape_segment(segments.next()?);
    let mut value = paths.get(&path)?;
    for segment in segments {
        let segment = unescape_segment(segment);
        value = match value {
            Value::Object(map) => map.get(&segment)?,
            Value::Array(items) => items.get(segment.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(value)
}

/// Every `$ref` in a value, not looking into discriminator mappings or raw examples.
fn collect_refs<'v>(value: &'v Value, found: &mut Vec<&'v str>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                match (key.as_str(), inner) {
                    ("$ref", Value::String(reference)) => found.push(reference),
                    ("example", _) => {}
                    ("discriminator", Value::Object(discriminator)) => {
                        for (key, inner) in discriminator {
                            if key != "mapping" {
                                collect_refs(inner, found);
                            }
                        }
                    }
                    _ => collect_refs(inner, found),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_refs(item, found)),
        _ => {}
    }
}

/// Removes mapping entries that name a dropped schema, and marks a discriminator that lost a
/// subtype (`extended`: a dropped schema extends this one) with [`LEFT_OUT`].
fn prune_mappings(value: &mut Value, kept: &BTreeSet<(String, String)>, extended: bool) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Object(discriminator)) = map.get_mut("discriminator") {
                let mut left_out = false;
                if let Some(Value::Object(mapping)) = discriminator.get_mut("mapping") {
                    mapping.retain(|_, target| {
                        // A mapping names a schema by reference or by its bare key.
                        let key = target.as_str().map(|target| {
                            component_ref(target).map_or(target.to_owned(), |(_, name)| name)
                        });
                        let keep =
                            key.is_none_or(|key| kept.contains(&("schemas".to_owned(), key)));
                        left_out |= !keep;
                        keep
                    });
                }
                if left_out || extended {
                    discriminator.insert(LEFT_OUT.into(), true.into());
                }
            }
            for (key, inner) in map.iter_mut() {
                if key != "discriminator" && key != "example" {
                    prune_mappings(inner, kept, extended);
                }
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|item| prune_mappings(item, kept, extended)),
        _ => {}
    }
}
