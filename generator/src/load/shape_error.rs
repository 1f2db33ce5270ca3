//! Where a document that is not OpenAPI's shape goes wrong (`required: name` where a list
//! belongs), as a JSON Pointer and the reader's complaint there.
//!
//! The reader's own error names no place: `openapiv3`'s types flatten their extensions, which
//! hides the path from any tracker. So a document that fails is read again part by part, each
//! part as the type OpenAPI gives it, down to the smallest part that fails; within it, the
//! member without which it reads is the place. Only failed documents pay for this.

use crate::diagnostics::escape_segment;
use openapiv3::ReferenceOr;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The pointer to the first place `document` does not have OpenAPI's shape, and what is wrong
/// there; `None` if it reads after all.
pub fn shape_error(document: &Value) -> Option<(String, String)> {
    locate(document, String::new(), Part::Document)
}

/// The same for one path item, which `pointer` names.
pub fn path_item_shape_error(item: &Value, pointer: String) -> Option<(String, String)> {
    locate(item, pointer, Part::PathItem)
}

/// The parts of an OpenAPI document that name their children, each read as its own type.
#[derive(Clone, Copy)]
enum Part {
    Document,
    Components,
    PathItem,
    Operation,
    Parameter,
    RequestBody,
    Response,
    Header,
    MediaType,
    Schema,
}

impl Part {
    /// Why `value` does not read as this part, if it does not.
    fn complaint(self, value: &Value) -> Option<String> {
        fn read<T: DeserializeOwned>(value: &Value) -> Option<String> {
            T::deserialize(value).err().map(|error| error.to_string())
        }
        // A part that may be a `$ref` is read as the part itself unless it is one: the untagged
        // `ReferenceOr` would say only that neither form matched.
        fn read_ref<T: DeserializeOwned>(value: &Value) -> Option<String> {
            if value.get("$ref").is_some() {
                read::<ReferenceOr<T>>(value)
            } else {
                read::<T>(value)
            }
        }
        match self {
            Part::Document => read::<openapiv3::OpenAPI>(value),
            Part::Components => read::<openapiv3::Components>(value),
            Part::PathItem => read_ref::<openapiv3::PathItem>(value),
            Part::Operation => read::<openapiv3::Operation>(value),
            Part::Parameter => read_ref::<openapiv3::Parameter>(value),
            Part::RequestBody => read_ref::<openapiv3::RequestBody>(value),
            Part::Response => read_ref::<openapiv3::Response>(value),
            Part::Header => read_ref::<openapiv3::Header>(value),
            Part::MediaType => read::<openapiv3::MediaType>(value),
            Part::Schema => read_ref::<openapiv3::Schema>(value),
        }
    }

    /// The members of `object` that are parts themselves: (key, value, part) for a single
    /// child, and every entry of a child that is a map or a list of parts.
    fn children(self, object: &serde_json::Map<String, Value>) -> Vec<(String, &Value, Part)> {
        let one = |key: &str, part: Part| -> Vec<(String, &Value, Part)> {
            object
                .get(key)
                .map(|value| vec![(format!("/{}", escape_segment(key)), value, part)])
                .unwrap_or_default()
        };
        let each = |key: &str, part: Part| -> Vec<(String, &Value, Part)> {
            let prefix = format!("/{}", escape_segment(key));
            match object.get(key) {
                Some(Value::Object(map)) => map
                    .iter()
                    .filter(|(name, _)| !name.starts_with("x-"))
                    .map(|(name, value)| {
                        (format!("{prefix}/{}", escape_segment(name)), value, part)
                    })
                    .collect(),
                Some(Value::Array(items)) => items
                    .iter()
                    .enumerate()
                    .map(|(index, value)| (format!("{prefix}/{index}"), value, part))
                    .collect(),
                _ => Vec::new(),
            }
        };
        match self {
            Part::Document => [
                each("paths", Part::PathItem),
                one("components", Part::Components),
            ]
            .concat(),
            Part::Components => [
                each("schemas", Part::Schema),
                each("responses", Part::Response),
                each("parameters", Part::Parameter),
                each("requestBodies", Part::RequestBody),
                each("headers", Part::Header),
            ]
            .concat(),
            Part::PathItem => {
                let methods = [
                    "get", "put", "post", "delete", "options", "head", "patch", "trace",
                ];
                let mut children: Vec<_> = methods
                    .iter()
                    .flat_map(|method| one(method, Part::Operation))
                    .collect();
                children.extend(each("parameters", Part::Parameter));
                children
            }
            Part::Operation => [
                each("parameters", Part::Parameter),
                one("requestBody", Part::RequestBody),
                each("responses", Part::Response),
            ]
            .concat(),
            Part::Parameter | Part::Header => [
                one("schema", Part::Schema),
                each("content", Part::MediaType),
            ]
            .concat(),
            Part::RequestBody => each("content", Part::MediaType),
            Part::Response => [
                each("content", Part::MediaType),
                each("headers", Part::Header),
            ]
            .concat(),
            Part::MediaType => one("schema", Part::Schema),
            Part::Schema => {
                let mut children = each("properties", Part::Schema);
                for key in ["items", "not"] {
                    children.extend(one(key, Part::Schema));
                }
                if object
                    .get("additionalProperties")
                    .is_some_and(Value::is_object)
                {
                    children.extend(one("additionalProperties", Part::Schema));
                }
                for key in ["allOf", "oneOf", "anyOf"] {
                    children.extend(each(key, Part::Schema));
                }
                children
            }
        }
    }
}

fn locate(value: &Value, pointer: String, part: Part) -> Option<(String, String)> {
    let complaint = part.complaint(value)?;
    let Value::Object(object) = value else {
        return Some((pointer, complaint));
    };
    for (suffix, child, child_part) in part.children(object) {
        if let Some(found) = locate(child, format!("{pointer}{suffix}"), child_part) {
            return Some(found);
        }
    }
    // No part inside is at fault: the member without which this one reads is, or else the
    // first whose absence changes the complaint (a required member of the wrong type).
    let without = |key: &String| {
        let mut rest = object.clone();
        rest.shift_remove(key);
        part.complaint(&Value::Object(rest))
    };
    let at = |key: &String| format!("{pointer}/{}", escape_segment(key));
    if let Some(key) = object.keys().find(|key| without(key).is_none()) {
        return Some((at(key), complaint));
    }
    if let Some(key) = object
        .keys()
        .find(|key| without(key).as_ref() != Some(&complaint))
    {
        return Some((at(key), complaint));
    }
    Some((pointer, complaint))
}

#[cfg(test)]
mod tests {
    use super::shape_error;
    use serde_json::json;

    #[test]
    fn the_smallest_part_that_does_not_read_and_its_member_are_named() {
        let document = |schema: serde_json::Value| {
            json!({
                "openapi": "3.0.3",
                "info": {"title": "T", "version": "1"},
                "paths": {"/a": {"get": {"responses": {"200": {
                    "description": "ok",
                    "content": {"application/json": {"schema": {
                        "type": "object", "properties": {"b": schema}
                    }}}
                }}}}}
            })
        };
        let (pointer, message) =
            shape_error(&document(json!({"type": "object", "required": "name"}))).unwrap();
        assert_eq!(
            pointer,
            "/paths/~1a/get/responses/200/content/application~1json/schema/properties/b/required"
        );
        assert_eq!(
            message,
            "invalid type: string \"name\", expected a sequence"
        );
        assert_eq!(shape_error(&document(json!({"type": "string"}))), None);
    }

    #[test]
    fn a_member_of_the_wrong_type_outside_any_schema_is_named() {
        let document = json!({
            "openapi": "3.0.3",
            "info": {"title": "T", "version": "1"},
            "paths": {"/a": {"get": {"responses": {"200": {"description": 5}}}}}
        });
        assert_eq!(
            shape_error(&document),
            Some((
                "/paths/~1a/get/responses/200/description".to_owned(),
                "invalid type: integer `5`, expected a string".to_owned()
            ))
        );
    }
}
