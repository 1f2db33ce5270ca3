//! `allOf` over scalar schemas (`allOf: [{$ref: String}, {pattern: ...}]`, AWS's way to add a
//! rule to a shared string): one scalar schema holding every part's rules, since a value must
//! meet them all.

use super::form::annotates_only;
use super::view::View;
use super::Lowerer;
use openapiv3::{ReferenceOr, Schema};
use serde_json::{Map, Value};

/// What combining an `allOf`'s parts as scalars gave.
pub(super) enum ScalarAllOf {
    /// Not an `allOf` of scalars: lowered as before (an object, or one wrapped schema).
    NotScalar,
    /// One schema with every part's rules.
    Merged(Box<Schema>),
    /// Scalars whose rules cannot be written as one schema; the problem is recorded.
    Refused,
}

/// Keywords that make a part more than a scalar.
const NOT_SCALAR: [&str; 10] = [
    "properties",
    "additionalProperties",
    "items",
    "required",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "discriminator",
    "minProperties",
];

/// How deep `allOf` parts that are themselves scalar `allOf`s are followed.
const DEPTH: usize = 8;

impl Lowerer<'_> {
    /// `schema` as one scalar schema when it is an `allOf` of two or more scalar parts of one
    /// type (a part that only annotates counts as none).
    pub(super) fn scalar_all_of(&mut self, schema: &Schema, pointer: &str) -> ScalarAllOf {
        let Some(parts) = self.combined_scalars(schema) else {
            return ScalarAllOf::NotScalar;
        };
        let mut outer = serde_json::to_value(&schema.schema_data).unwrap_or_default();
        if let Value::Object(outer) = &mut outer {
            outer.remove("nullable");
        }
        match merge(&parts) {
            Ok(mut merged) => {
                // `null` passes every part only when each that says what the value is allows
                // it; the outer schema and annotating parts may allow it too, as for one
                // schema wrapped in annotations.
                let annotated = View::of(schema).all_of.iter().any(|part| {
                    matches!(part, ReferenceOr::Item(part) if annotates_only(part) && part.schema_data.nullable)
                });
                let nullable = schema.schema_data.nullable
                    || annotated
                    || parts
                        .iter()
                        .filter(|part| part.get("type").is_some())
                        .all(|part| part.get("nullable") == Some(&Value::Bool(true)));
                if let Value::Object(outer) = outer {
                    for (key, value) in outer {
                        merged.insert(key, value);
                    }
                }
                merged.insert("nullable".into(), Value::Bool(nullable));
                match serde_json::from_value(Value::Object(merged)) {
                    Ok(schema) => ScalarAllOf::Merged(Box::new(schema)),
                    Err(error) => {
                        self.error(pointer, format!("allOf parts do not combine: {error}"));
                        ScalarAllOf::Refused
                    }
                }
            }
            Err(problem) => {
                self.error(pointer, format!("allOf of scalars: {problem}"));
                ScalarAllOf::Refused
            }
        }
    }

    /// The parts of an `allOf` of scalars that combine into one (two or more, one with a type).
    pub(super) fn combined_scalars(&self, schema: &Schema) -> Option<Vec<Map<String, Value>>> {
        let parts = self.scalar_parts(schema, 0)?;
        let typed = parts.iter().any(|part| part.get("type").is_some());
        (typed && parts.len() >= 2).then_some(parts)
    }

    /// Every part of an `allOf` that says something, as JSON keywords, when all of them are
    /// scalars; parts that are scalar `allOf`s themselves are opened up. `None` when any part
    /// is not a scalar or a reference does not resolve to a schema.
    fn scalar_parts(&self, schema: &Schema, depth: usize) -> Option<Vec<Map<String, Value>>> {
        let view = View::of(schema);
        if view.all_of.is_empty()
            || view.properties.is_some()
            || view.is_object_like()
            || !view.any_of.is_empty()
            || !view.one_of.is_empty()
            || schema.schema_data.discriminator.is_some()
            || depth > DEPTH
        {
            return None;
        }
        let mut parts = Vec::new();
        // The schema's own rules beside its `allOf` bind the value too.
        let Value::Object(mut own) = serde_json::to_value(schema).ok()? else {
            return None;
        };
        own.remove("allOf");
        parts.extend(scalar_part(own)?);
        for part in view.all_of {
            let part = self.resolved_schema(part)?;
            let part_view = View::of(part);
            if !part_view.all_of.is_empty() {
                parts.extend(self.scalar_parts(part, depth + 1)?);
                continue;
            }
            // Objects, arrays and unions are told from the view, before any keyword is copied:
            // an entity's `allOf` over its base comes here too.
            if part_view.is_object_like()
                || part_view.items.is_some()
                || matches!(part_view.typ, Some("object" | "array"))
                || !part_view.any_of.is_empty()
                || !part_view.one_of.is_empty()
            {
                return None;
            }
            let Value::Object(keywords) = serde_json::to_value(part).ok()? else {
                return None;
            };
            parts.extend(scalar_part(keywords)?);
        }
        Some(parts)
    }
}

/// A schema's keywords as a part of a scalar `allOf`: `Some(Some(..))` when they are a scalar's
/// (a part without a type still counts for its rules, `{maxLength: 5}`), `Some(None)` when they
/// state no rule, `None` when they are not a scalar's.
fn scalar_part(keywords: Map<String, Value>) -> Option<Option<Map<String, Value>>> {
    if NOT_SCALAR
        .iter()
        .any(|keyword| keywords.contains_key(*keyword))
    {
        return None;
    }
    match keywords.get("type").and_then(Value::as_str) {
        Some("string" | "integer" | "number" | "boolean") => Some(Some(keywords)),
        Some(_) => None,
        None if keywords.keys().any(|key| constrains(key)) => Some(Some(keywords)),
        None => Some(None),
    }
}

/// Whether a keyword constrains a scalar, rather than describing it.
fn constrains(keyword: &str) -> bool {
    matches!(
        keyword,
        "format"
            | "pattern"
            | "enum"
            | "minLength"
            | "maxLength"
            | "minimum"
            | "maximum"
            | "exclusiveMinimum"
            | "exclusiveMaximum"
            | "multipleOf"
    )
}

/// The parts' keywords as one schema: the tighter of two bounds, the values two enums share,
/// and one type, format, pattern and `multipleOf`, which must agree where given.
fn merge(parts: &[Map<String, Value>]) -> Result<Map<String, Value>, String> {
    let mut merged = Map::new();
    for part in parts {
        for (keyword, value) in part {
            let Some(held) = merged.get(keyword) else {
                merged.insert(keyword.clone(), value.clone());
                continue;
            };
            let combined = match keyword.as_str() {
                "type" => match (held.as_str(), value.as_str()) {
                    (Some(a), Some(b)) if a == b => held.clone(),
                    // Every integer is a number: the narrower type holds for both.
                    (Some("integer"), Some("number")) | (Some("number"), Some("integer")) => {
                        Value::from("integer")
                    }
                    _ => return Err(format!("the parts have types {held} and {value}")),
                },
                "format" | "pattern" | "multipleOf" => {
                    if held != value {
                        return Err(format!(
                            "the parts give two values of `{keyword}`, {held} and {value}, which one schema cannot hold"
                        ));
                    }
                    held.clone()
                }
                "enum" => {
                    let shared: Vec<Value> = held
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter(|v| value.as_array().is_some_and(|other| other.contains(v)))
                        .cloned()
                        .collect();
                    if shared.is_empty() {
                        return Err("the parts' enums share no value, so no value passes".into());
                    }
                    Value::Array(shared)
                }
                "minLength" | "minimum" => tighter(held, value, |a, b| a < b),
                "maxLength" | "maximum" => tighter(held, value, |a, b| a > b),
                // Tied to their bound below.
                "exclusiveMinimum" | "exclusiveMaximum" => held.clone(),
                "readOnly" | "writeOnly" | "deprecated" => {
                    Value::Bool(held == &Value::Bool(true) || value == &Value::Bool(true))
                }
                // Descriptions, examples and the like: the first part's.
                _ => held.clone(),
            };
            merged.insert(keyword.clone(), combined);
        }
    }
    for (bound, exclusive) in [
        ("minimum", "exclusiveMinimum"),
        ("maximum", "exclusiveMaximum"),
    ] {
        // The bound kept is exclusive when any part with that value says so.
        let Some(kept) = merged.get(bound).and_then(Value::as_f64) else {
            merged.remove(exclusive);
            continue;
        };
        let exclusive_here = parts.iter().any(|part| {
            part.get(bound).and_then(Value::as_f64) == Some(kept)
                && part.get(exclusive) == Some(&Value::Bool(true))
        });
        merged.insert(exclusive.into(), Value::Bool(exclusive_here));
    }
    Ok(merged)
}

/// Of two numeric keyword values, the one `looser` does not prefer over the other.
fn tighter(held: &Value, value: &Value, looser: fn(&f64, &f64) -> bool) -> Value {
    match (held.as_f64(), value.as_f64()) {
        (Some(a), Some(b)) if looser(&a, &b) => value.clone(),
        _ => held.clone(),
    }
}
