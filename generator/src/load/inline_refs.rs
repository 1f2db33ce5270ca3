//! `$ref`s to a schema, parameter, response or request body written in place elsewhere in the
//! document, as some specs reuse an operation's response schema (`#/paths/~1orders/post/
//! responses/201/content/application~1json/schema`), one property of a component
//! (`#/components/schemas/order/properties/total`) or another operation's parameter.
//!
//! Lowering follows references to components only, so each such object moves to its section
//! of `#/components` under a name made from where it was written, leaving a `$ref` to it in its
//! place, and every `$ref` to the old place follows it. For a schema, one type results, used
//! wherever the schema is.

use crate::diagnostics::segments;
use serde_json::{Map, Value};

/// Moves every schema, parameter, response and request body a `$ref` reaches outside its
/// section of `#/components` into that section. References to anything else are left for
/// lowering to report. Returns where each object went and where it was, as JSON Pointers, so
/// that problems found in it can be shown where the spec writes it.
pub fn hoist_referenced_inline_objects(document: &mut Value) -> Vec<(String, String)> {
    // Every local `$ref` that does not name a component itself.
    let mut targets = Vec::new();
    for_each_reference(document, &mut |reference| {
        if reference.starts_with("#/") && !is_component(reference) {
            targets.push(reference.clone());
        }
    });
    if targets.is_empty() {
        return Vec::new();
    }
    // Deepest first: an object inside another that also moves leaves its `$ref` in the outer
    // one before the outer one moves.
    let mut targets: Vec<(String, String, &str)> = targets
        .into_iter()
        .filter_map(|reference| {
            let pointer = percent_decoded(reference.strip_prefix('#')?);
            let section = section_of(&pointer)?;
            Some((reference, pointer, section))
        })
        .collect();
    targets.sort_by(|a, b| {
        let depth = |pointer: &String| pointer.matches('/').count();
        depth(&b.1).cmp(&depth(&a.1)).then_with(|| a.cmp(b))
    });
    targets.dedup();
    let mut moved: Vec<(String, String)> = Vec::new();
    let mut places: Vec<(String, String)> = Vec::new();
    for (reference, pointer, section) in targets {
        // The same place written two ways (`{id}` and `%7Bid%7D`) moves once.
        if let Some((now, _)) = places.iter().find(|(_, was)| *was == pointer) {
            moved.push((reference, format!("#{now}")));
            continue;
        }
        let Some(place) = document.pointer_mut(&pointer) else {
            continue;
        };
        let Value::Object(map) = place else {
            continue;
        };
        // A place that only refers to a component: its references go straight there.
        if let (1, Some(Value::String(component))) = (map.len(), map.get("$ref")) {
            if is_component(component) {
                moved.push((reference, component.clone()));
                continue;
            }
        }
        let object = std::mem::take(place);
        let name = free_name(document, section, &pointer);
        let new_reference = format!("#/components/{section}/{name}");
        *document
            .pointer_mut(&pointer)
            .expect("the place was found above") = Value::Object(Map::from_iter([(
            "$ref".to_owned(),
            Value::String(new_reference.clone()),
        )]));
        component_section(document, section).insert(name, object);
        places.push((new_reference[1..].to_owned(), pointer));
        moved.push((reference, new_reference));
    }
    for_each_reference(document, &mut |reference| {
        if let Some((_, new_reference)) = moved.iter().find(|(old, _)| old == reference) {
            *reference = new_reference.clone();
        }
    });
    places
}

/// Whether `reference` names a component itself (`#/components/schemas/order`).
fn is_component(reference: &str) -> bool {
    reference
        .strip_prefix("#/components/")
        .is_some_and(|rest| rest.matches('/').count() == 1)
}

/// Calls `visit` with every `$ref` in `value`.
fn for_each_reference(value: &mut Value, visit: &mut impl FnMut(&mut String)) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get_mut("$ref") {
                visit(reference);
            }
            map.values_mut()
                .for_each(|child| for_each_reference(child, visit));
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|child| for_each_reference(child, visit)),
        _ => {}
    }
}

/// The section of `#/components` for what `pointer` reaches: a schema below a component
/// schema or below the `schema` of a parameter, header or media type; an operation's (or path
/// item's) parameter, response or request body.
fn section_of(pointer: &str) -> Option<&'static str> {
    let path = segments(pointer);
    let words: Vec<&str> = path.iter().map(String::as_str).collect();
    if let ["components", "schemas", _, rest @ ..] = words.as_slice() {
        return (!rest.is_empty() && is_subschema_path(rest)).then_some("schemas");
    }
    let schema_at = words.iter().enumerate().position(|(index, word)| {
        *word == "schema" && (index == 0 || words[index - 1] != "properties")
    });
    match (schema_at, words.as_slice()) {
        (Some(at), _) => is_subschema_path(&words[at + 1..]).then_some("schemas"),
        (None, ["paths", _, "parameters", _] | ["paths", _, _, "parameters", _]) => {
            Some("parameters")
        }
        (None, ["paths", _, _, "responses", _]) => Some("responses"),
        (None, ["paths", _, _, "requestBody"]) => Some("requestBodies"),
        _ => None,
    }
}

/// Whether `path`, below a schema, leads to a schema (`properties/total`, `items`,
/// `allOf/1`), not to a value such as an `example`.
fn is_subschema_path(path: &[&str]) -> bool {
    match path {
        [] => true,
        ["items" | "additionalProperties" | "not", rest @ ..] => is_subschema_path(rest),
        ["properties" | "allOf" | "oneOf" | "anyOf", _, rest @ ..] => is_subschema_path(rest),
        _ => false,
    }
}

/// A JSON Pointer taken from a URI fragment, where `{` is written `%7B`.
fn percent_decoded(fragment: &str) -> String {
    let bytes = fragment.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|b| (*b as char).to_digit(16));
        match (bytes[index], hex(index + 1), hex(index + 2)) {
            (b'%', Some(high), Some(low)) => {
                decoded.push((high * 16 + low) as u8);
                index += 3;
            }
            (byte, ..) => {
                decoded.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8(decoded).unwrap_or_else(|_| fragment.to_owned())
}

/// A component name made of the words of where the object was (`orders post response 201`),
/// numbered if another component of its section has it.
fn free_name(document: &Value, section: &str, pointer: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let path = segments(pointer);
    let mut index = 0;
    while index < path.len() {
        let segment = path[index].as_str();
        match segment {
            "paths" | "components" | "schemas" | "parameters" | "headers" | "schema"
            | "properties" | "requestBodies" => {}
            "responses" => words.push("response".into()),
            "requestBody" => words.push("request".into()),
            "items" => words.push("item".into()),
            "additionalProperties" => words.push("value".into()),
            // The media type says nothing a reader of the type name needs.
            "content" => index += 1,
            _ => words.extend(
                segment
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .filter(|word| !word.is_empty())
                    .map(str::to_owned),
            ),
        }
        index += 1;
    }
    let base = words.join(" ");
    let taken = |name: &str| {
        document
            .pointer(&format!("/components/{section}"))
            .and_then(Value::as_object)
            .is_some_and(|schemas| schemas.contains_key(name))
    };
    let mut name = base.clone();
    let mut number = 2;
    while taken(&name) {
        name = format!("{base} {number}");
        number += 1;
    }
    name
}

fn component_section<'a>(document: &'a mut Value, section: &str) -> &'a mut Map<String, Value> {
    let components = document
        .as_object_mut()
        .expect("an OpenAPI document is an object")
        .entry("components")
        .or_insert_with(|| Value::Object(Map::new()));
    if !components.is_object() {
        *components = Value::Object(Map::new());
    }
    let schemas = components
        .as_object_mut()
        .expect("made an object above")
        .entry(section)
        .or_insert_with(|| Value::Object(Map::new()));
    if !schemas.is_object() {
        *schemas = Value::Object(Map::new());
    }
    schemas.as_object_mut().expect("made an object above")
}

#[cfg(test)]
mod tests {
    use super::hoist_referenced_inline_objects;
    use serde_json::json;

    #[test]
    fn a_referenced_response_schema_and_a_component_property_become_components() {
        let mut document = json!({
            "paths": {"/orders/{id}": {"get": {"responses": {"200": {"content": {"application/json": {
                "schema": {"type": "object", "properties": {
                    "total": {"$ref": "#/components/schemas/order/properties/total"},
                    "meta": {"type": "object", "properties": {"page": {"type": "integer"}}}
                }}
            }}}}}}},
            "components": {"schemas": {
                "order": {"type": "object", "properties": {"total": {"type": "number"}}},
                "order total": {"type": "string"},
                "list": {"type": "array", "items": {
                    "$ref": "#/paths/~1orders~1{id}/get/responses/200/content/application~1json/schema"
                }},
                "page": {"$ref": "#/paths/~1orders~1{id}/get/responses/200/content/application~1json/schema/properties/meta"}
            }}
        });
        let _ = hoist_referenced_inline_objects(&mut document);
        assert_eq!(
            document,
            json!({
                "paths": {"/orders/{id}": {"get": {"responses": {"200": {"content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/orders id get response 200"}
                }}}}}}},
                "components": {"schemas": {
                    "order": {"type": "object", "properties": {"total": {"$ref": "#/components/schemas/order total 2"}}},
                    "order total": {"type": "string"},
                    "list": {"type": "array", "items": {"$ref": "#/components/schemas/orders id get response 200"}},
                    "page": {"$ref": "#/components/schemas/orders id get response 200 meta"},
                    "order total 2": {"type": "number"},
                    "orders id get response 200 meta": {"type": "object", "properties": {"page": {"type": "integer"}}},
                    "orders id get response 200": {"type": "object", "properties": {
                        "total": {"$ref": "#/components/schemas/order total 2"},
                        "meta": {"$ref": "#/components/schemas/orders id get response 200 meta"}
                    }}
                }}
            })
        );
    }

    #[test]
    fn another_operations_parameter_response_and_body_become_components() {
        let mut document = json!({
            "paths": {
                "/a/{id}": {"get": {
                    "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                    "responses": {"200": {"description": "ok"}}
                }, "post": {"requestBody": {"content": {}}, "responses": {}}},
                "/b/{id}": {"get": {
                    "parameters": [{"$ref": "#/paths/~1a~1%7Bid%7D/get/parameters/0"}],
                    "responses": {"200": {"$ref": "#/paths/~1a~1{id}/get/responses/200"}}
                }, "post": {"requestBody": {"$ref": "#/paths/~1a~1%7Bid%7D/post/requestBody"}, "responses": {}}}
            }
        });
        let _ = hoist_referenced_inline_objects(&mut document);
        assert_eq!(
            document,
            json!({
                "paths": {
                    "/a/{id}": {"get": {
                        "parameters": [{"$ref": "#/components/parameters/a id get 0"}],
                        "responses": {"200": {"$ref": "#/components/responses/a id get response 200"}}
                    }, "post": {"requestBody": {"$ref": "#/components/requestBodies/a id post request"}, "responses": {}}},
                    "/b/{id}": {"get": {
                        "parameters": [{"$ref": "#/components/parameters/a id get 0"}],
                        "responses": {"200": {"$ref": "#/components/responses/a id get response 200"}}
                    }, "post": {"requestBody": {"$ref": "#/components/requestBodies/a id post request"}, "responses": {}}}
                },
                "components": {
                    "parameters": {"a id get 0": {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}},
                    "responses": {"a id get response 200": {"description": "ok"}},
                    "requestBodies": {"a id post request": {"content": {}}}
                }
            })
        );
    }

    #[test]
    fn one_place_written_two_ways_moves_once_and_a_reference_to_a_component_is_followed() {
        let mut document = json!({
            "paths": {"/a/{id}": {"get": {"responses": {"200": {"content": {"application/json": {
                "schema": {"type": "object", "properties": {"owner": {"$ref": "#/components/schemas/user"}}}
            }}}}}}},
            "components": {"schemas": {
                "user": {"type": "object"},
                "x": {"$ref": "#/paths/~1a~1{id}/get/responses/200/content/application~1json/schema"},
                "y": {"$ref": "#/paths/~1a~1%7Bid%7D/get/responses/200/content/application~1json/schema"},
                "z": {"$ref": "#/paths/~1a~1%7Bid%7D/get/responses/200/content/application~1json/schema/properties/owner"}
            }}
        });
        let _ = hoist_referenced_inline_objects(&mut document);
        let schemas = &document["components"]["schemas"];
        let reference = json!({"$ref": "#/components/schemas/a id get response 200"});
        assert_eq!(schemas["x"], reference);
        assert_eq!(schemas["y"], reference);
        assert_eq!(schemas["z"], json!({"$ref": "#/components/schemas/user"}));
        assert_eq!(schemas.as_object().unwrap().len(), 5, "{schemas}");
    }

    #[test]
    fn references_to_components_and_to_what_is_not_a_schema_stay() {
        let original = json!({
            "paths": {"/a": {"get": {"parameters": [{"$ref": "#/paths/~1b/get/parameters/0"}],
                "responses": {"200": {"$ref": "#/components/responses/ok"}}}}},
            "components": {"schemas": {"x": {"$ref": "#/components/schemas/y"},
                "y": {"type": "object", "properties": {"schema": {"$ref": "#/nowhere/schema"}},
                    "example": {"items": [1]}},
                "e": {"$ref": "#/components/schemas/y/example"},
                "f": {"$ref": "#/components/schemas/y/example/items"}}}
        });
        let mut document = original.clone();
        let _ = hoist_referenced_inline_objects(&mut document);
        assert_eq!(document, original);
    }
}
