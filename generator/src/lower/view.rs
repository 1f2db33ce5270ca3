//! One flat view of any `openapiv3` schema, whichever `SchemaKind` variant the parser chose,
//! so lowering reads each keyword in one place.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type, VariantOrUnknownOrEmpty,
};

/// The keywords of one schema object (not following `$ref`).
#[derive(Default)]
pub struct View<'a> {
    pub typ: Option<&'a str>,
    pub format: Option<String>,
    pub pattern: Option<&'a str>,
    pub enumeration: Vec<serde_json::Value>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub exclusive_minimum: bool,
    pub exclusive_maximum: bool,
    pub multiple_of: Option<f64>,
    pub properties: Option<&'a IndexMap<String, ReferenceOr<Box<Schema>>>>,
    pub required: &'a [String],
    pub additional: Option<&'a AdditionalProperties>,
    pub min_properties: Option<usize>,
    pub max_properties: Option<usize>,
    pub items: Option<&'a ReferenceOr<Box<Schema>>>,
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
    pub unique_items: bool,
    pub all_of: &'a [ReferenceOr<Schema>],
    pub any_of: &'a [ReferenceOr<Schema>],
    pub one_of: &'a [ReferenceOr<Schema>],
    /// `not`: the schema a value must fail.
    pub not: Option<&'a ReferenceOr<Schema>>,
}

fn format_text<T: serde::Serialize>(format: &VariantOrUnknownOrEmpty<T>) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(item) => serde_json::to_value(item)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned)),
        VariantOrUnknownOrEmpty::Unknown(text) => Some(text.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

fn some_values<T: Into<serde_json::Value> + Clone>(values: &[Option<T>]) -> Vec<serde_json::Value> {
    values
        .iter()
        .map(|v| v.clone().map_or(serde_json::Value::Null, Into::into))
        .collect()
}

/// The type every value of an `enum` without `type` has (`enum: [SAVER, TRANSACTIONAL]`), which
/// is exactly the schema's type, since an instance must be one of the values.
fn type_of_values(values: &[serde_json::Value]) -> Option<&'static str> {
    use serde_json::Value;
    let type_of = |value: &Value| match value {
        Value::String(_) => Some("string"),
        Value::Bool(_) => Some("boolean"),
        Value::Number(n) if n.is_i64() || n.is_u64() => Some("integer"),
        _ => None,
    };
    let first = type_of(values.first()?)?;
    values
        .iter()
        .all(|value| type_of(value) == Some(first))
        .then_some(first)
}

impl<'a> View<'a> {
    pub fn of(schema: &'a Schema) -> View<'a> {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => View {
                typ: Some("string"),
                format: format_text(&s.format),
                pattern: s.pattern.as_deref(),
                enumeration: some_values(&s.enumeration),
                min_length: s.min_length,
                max_length: s.max_length,
                ..View::default()
            },
            SchemaKind::Type(Type::Number(n)) => View {
                typ: Some("number"),
                format: format_text(&n.format),
                enumeration: some_values(&n.enumeration),
                minimum: n.minimum,
                maximum: n.maximum,
                exclusive_minimum: n.exclusive_minimum,
                exclusive_maximum: n.exclusive_maximum,
                multiple_of: n.multiple_of,
                ..View::default()
            },
            SchemaKind::Type(Type::Integer(i)) => View {
                typ: Some("integer"),
                format: format_text(&i.format),
                enumeration: some_values(&i.enumeration),
                minimum: i.minimum.map(|v| v as f64),
                maximum: i.maximum.map(|v| v as f64),
                exclusive_minimum: i.exclusive_minimum,
                exclusive_maximum: i.exclusive_maximum,
                multiple_of: i.multiple_of.map(|v| v as f64),
                ..View::default()
            },
            SchemaKind::Type(Type::Boolean(b)) => View {
                typ: Some("boolean"),
                enumeration: some_values(&b.enumeration),
                ..View::default()
            },
            SchemaKind::Type(Type::Object(o)) => View {
                typ: Some("object"),
                properties: Some(&o.properties),
                required: &o.required,
                additional: o.additional_properties.as_ref(),
                min_properties: o.min_properties,
                max_properties: o.max_properties,
                ..View::default()
            },
            SchemaKind::Type(Type::Array(a)) => View {
                typ: Some("array"),
                items: a.items.as_ref(),
                min_items: a.min_items,
                max_items: a.max_items,
                unique_items: a.unique_items,
                ..View::default()
            },
            SchemaKind::AllOf { all_of } => View {
                all_of,
                ..View::default()
            },
            SchemaKind::AnyOf { any_of } => View {
                any_of,
                ..View::default()
            },
            SchemaKind::OneOf { one_of } => View {
                one_of,
                ..View::default()
            },
            SchemaKind::Not { not } => View {
                not: Some(not.as_ref()),
                ..View::default()
            },
            SchemaKind::Any(a) => View {
                typ: a.typ.as_deref().or_else(|| {
                    let combined =
                        !(a.all_of.is_empty() && a.any_of.is_empty() && a.one_of.is_empty());
                    (!combined)
                        .then(|| type_of_values(&a.enumeration))
                        .flatten()
                }),
                format: a.format.clone(),
                pattern: a.pattern.as_deref(),
                enumeration: a.enumeration.clone(),
                min_length: a.min_length,
                max_length: a.max_length,
                minimum: a.minimum,
                maximum: a.maximum,
                exclusive_minimum: a.exclusive_minimum.unwrap_or(false),
                exclusive_maximum: a.exclusive_maximum.unwrap_or(false),
                multiple_of: a.multiple_of,
                properties: (!a.properties.is_empty()).then_some(&a.properties),
                required: &a.required,
                additional: a.additional_properties.as_ref(),
                min_properties: a.min_properties,
                max_properties: a.max_properties,
                items: a.items.as_ref(),
                min_items: a.min_items,
                max_items: a.max_items,
                unique_items: a.unique_items.unwrap_or(false),
                all_of: &a.all_of,
                any_of: &a.any_of,
                one_of: &a.one_of,
                not: a.not.as_deref(),
            },
        }
    }

    /// Whether the schema states a rule of its own, besides any `allOf`, `anyOf` or `oneOf` it
    /// has: `{maxLength: 5, allOf: [...]}` binds a value to both.
    pub fn has_own_rules(&self) -> bool {
        self.format.is_some()
            || self.pattern.is_some()
            || !self.enumeration.is_empty()
            || self.min_length.is_some()
            || self.max_length.is_some()
            || self.minimum.is_some()
            || self.maximum.is_some()
            || self.multiple_of.is_some()
            || self.properties.is_some()
            || !self.required.is_empty()
            || self.additional.is_some()
            || self.min_properties.is_some()
            || self.max_properties.is_some()
            || self.items.is_some()
            || self.min_items.is_some()
            || self.max_items.is_some()
            || self.unique_items
    }

    /// Declares object content: properties, `required` or `additionalProperties`.
    pub fn is_object_like(&self) -> bool {
        self.typ == Some("object")
            || (self.typ.is_none() && (self.properties.is_some() || self.additional.is_some()))
    }
}

#[cfg(test)]
mod tests {
    use super::View;

    fn typ_of(yaml: &str) -> Option<&'static str> {
        let schema: openapiv3::Schema = serde_yaml::from_str(yaml).unwrap();
        View::of(&schema).typ.map(|typ| match typ {
            "string" => "string",
            "integer" => "integer",
            "boolean" => "boolean",
            other => panic!("unexpected type {other}"),
        })
    }

    #[test]
    fn an_enum_without_type_has_the_type_all_its_values_share() {
        assert_eq!(typ_of("enum: [SAVER, TRANSACTIONAL]"), Some("string"));
        assert_eq!(typ_of("enum: [1, 2, 3]"), Some("integer"));
        assert_eq!(typ_of("enum: [true]"), Some("boolean"));
        assert_eq!(typ_of("enum: [a, 1]"), None);
        assert_eq!(typ_of("enum: [1.5, 2]"), None);
        assert_eq!(typ_of("enum: [a, null]"), None);
        assert_eq!(typ_of("description: no enum"), None);
        assert_eq!(typ_of("enum: [a]\noneOf: [{type: string}]"), None);
    }
}
