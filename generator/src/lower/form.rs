//! What a schema becomes, decided in one place for every position it may be written in: a
//! component, an inline schema lifted out as a named type, and a schema written in place. The
//! lowering of each position only carries the decision out, so the same schema cannot become
//! two different things depending on where it stands.

use super::view::View;
use crate::ir::RequiredSets;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema};

/// The kind of Rust type a schema lowers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Form {
    /// `not: {}`: no value passes, so a value there is always a violation.
    Nothing,
    /// A string with `enum` values: an enum with a catch-all.
    Enum,
    /// `oneOf` / `anyOf` of alternatives: a union of them.
    Union(Combinator),
    /// Graph's nullable form, `anyOf: [X, {type: object, nullable: true}]` (either order, or
    /// with `oneOf`): `X`, nullable; the position of `X` among the alternatives.
    NullableOf(Combinator, usize),
    /// An `allOf` of one schema and parts that only annotate it: that schema; its position.
    Wrapped(usize),
    /// Any other `allOf`: its scalar parts merged into one scalar, or a struct of its object
    /// parts.
    AllOf,
    /// An object that declares properties, forbids undeclared ones, or requires sets of them:
    /// a struct.
    Object,
    /// A scalar, an array, a map or a free-form value, with its rules.
    Plain,
}

/// Which list of alternatives a union reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Combinator {
    OneOf,
    AnyOf,
}

impl Combinator {
    /// The keyword, as pointers and messages spell it.
    pub(super) fn keyword(self) -> &'static str {
        match self {
            Combinator::OneOf => "oneOf",
            Combinator::AnyOf => "anyOf",
        }
    }

    /// The alternatives it lists in this schema.
    pub(super) fn alternatives<'s>(self, view: &View<'s>) -> &'s [ReferenceOr<Schema>] {
        match self {
            Combinator::OneOf => view.one_of,
            Combinator::AnyOf => view.any_of,
        }
    }
}

/// What a schema (seen as `view`) becomes, or why the generator does not take it.
pub(super) fn form_of(view: &View<'_>) -> Result<Form, &'static str> {
    if let Some(not) = view.not {
        return if admits_everything(not) {
            Ok(Form::Nothing)
        } else {
            Err("`not` is supported only as `not: {}`, a schema no value passes; a `not` that excludes some values cannot be a Rust type")
        };
    }
    let sets = is_object_with_sets(view);
    let combined = |list: &[ReferenceOr<Schema>]| !list.is_empty() && !sets;
    if combined(view.one_of) && combined(view.any_of) {
        return Err("a schema with both `oneOf` and `anyOf` is not supported: a value would have to match exactly one of the first list and at least one of the second; write it as one list, or as an `allOf` of two schemas");
    }
    let union = combined(view.one_of) || combined(view.any_of);
    // Alternatives beside an `allOf` make the schema their union, as they always have.
    if !union && !view.all_of.is_empty() && wrapped_part(view).is_none() {
        return Ok(Form::AllOf);
    }
    if lowers_to_enum(view) {
        return Ok(Form::Enum);
    }
    for combinator in [Combinator::OneOf, Combinator::AnyOf] {
        let alternatives = combinator.alternatives(view);
        if combined(alternatives) {
            return Ok(match nullable_form(alternatives) {
                Some(index) => Form::NullableOf(combinator, index),
                None => Form::Union(combinator),
            });
        }
    }
    if let Some(index) = wrapped_part(view) {
        return Ok(Form::Wrapped(index));
    }
    if view.is_object_like() && (declares_properties(view) || sets) {
        return Ok(Form::Object);
    }
    Ok(Form::Plain)
}

/// Whether a schema is `{}` (or only annotates): every value passes it, so `not` of it passes
/// none.
fn admits_everything(schema: &ReferenceOr<Schema>) -> bool {
    matches!(schema, ReferenceOr::Item(schema) if annotates_only(schema))
}

/// Whether `additionalProperties` forbids undeclared members: `false`, or a schema no value
/// passes (`not: {}`, as schemars writes `false` for OpenAPI 3.0).
pub(super) fn forbids_extra(additional: Option<&AdditionalProperties>) -> bool {
    match additional {
        Some(AdditionalProperties::Any(allowed)) => !allowed,
        Some(AdditionalProperties::Schema(schema)) => match schema.as_ref() {
            ReferenceOr::Item(schema) => View::of(schema).not.is_some_and(admits_everything),
            ReferenceOr::Reference { .. } => false,
        },
        None => false,
    }
}

/// An object that declares properties, or forbids any (one with none is free-form or a map).
fn declares_properties(view: &View<'_>) -> bool {
    view.properties.is_some_and(|p| !p.is_empty()) || forbids_extra(view.additional)
}

/// In Graph's nullable form `[X, {type: object, nullable: true}]` (either order), the position
/// of `X`; `None` for any other list of alternatives.
pub(super) fn nullable_form(alternatives: &[ReferenceOr<Schema>]) -> Option<usize> {
    let is_null_marker = |alternative: &ReferenceOr<Schema>| match alternative {
        ReferenceOr::Item(schema) => {
            let view = View::of(schema);
            schema.schema_data.nullable
                && view.properties.is_none_or(|p| p.is_empty())
                && view.all_of.is_empty()
                && matches!(view.typ, None | Some("object"))
        }
        ReferenceOr::Reference { .. } => false,
    };
    match alternatives {
        [first, second] => match (is_null_marker(first), is_null_marker(second)) {
            (false, true) => Some(0),
            (true, false) => Some(1),
            _ => None,
        },
        _ => None,
    }
}

/// The `anyOf` / `oneOf` of a schema when every alternative only lists `required` properties
/// (and perhaps describes itself), as sets of property names; an empty list when it has
/// neither; `None` when some alternative says more.
pub(super) fn required_sets_of(view: &View<'_>) -> Option<Vec<RequiredSets>> {
    let mut found = Vec::new();
    for (alternatives, exactly_one) in [(view.any_of, false), (view.one_of, true)] {
        if alternatives.is_empty() {
            continue;
        }
        let sets = alternatives
            .iter()
            .map(|alternative| {
                let ReferenceOr::Item(alternative) = alternative else {
                    return None;
                };
                let lists = View::of(alternative);
                let only_required = matches!(lists.typ, None | Some("object"))
                    && lists.properties.is_none_or(|p| p.is_empty())
                    && lists.additional.is_none()
                    && lists.all_of.is_empty()
                    && lists.any_of.is_empty()
                    && lists.one_of.is_empty()
                    && lists.not.is_none()
                    && !lists.required.is_empty()
                    && alternative.schema_data.discriminator.is_none();
                only_required.then(|| lists.required.to_vec())
            })
            .collect::<Option<Vec<_>>>()?;
        found.push(RequiredSets { sets, exactly_one });
    }
    Some(found)
}

/// Whether a schema is an object whose `anyOf` / `oneOf` only require sets of its properties:
/// a struct with those sets checked, not a union.
fn is_object_with_sets(view: &View<'_>) -> bool {
    view.is_object_like() && required_sets_of(view).is_some_and(|sets| !sets.is_empty())
}

/// Whether a schema is a string with `enum` values.
fn lowers_to_enum(view: &View<'_>) -> bool {
    view.typ == Some("string") && !view.enumeration.is_empty()
}

/// The index of the one part of an `allOf` that says what the value is, when every other part
/// only annotates it and the schema states no rule of its own:
/// `allOf: [{$ref: ...}, {description: ...}]` is how OpenAPI 3.0 gives a reference a
/// description of its own, since siblings of `$ref` are ignored.
pub(super) fn wrapped_part(view: &View<'_>) -> Option<usize> {
    if view.has_own_rules() {
        return None;
    }
    let mut typed = view
        .all_of
        .iter()
        .enumerate()
        .filter(|(_, part)| match part {
            ReferenceOr::Item(part) => !annotates_only(part),
            ReferenceOr::Reference { .. } => true,
        });
    let (index, _) = typed.next()?;
    typed.next().is_none().then_some(index)
}

/// Whether a schema only annotates (a description, a title, an example, `nullable`): it
/// constrains nothing.
pub(super) fn annotates_only(schema: &Schema) -> bool {
    schema.schema_data.discriminator.is_none()
        && matches!(&schema.schema_kind, openapiv3::SchemaKind::Any(any) if *any == openapiv3::AnySchema::default())
}

#[cfg(test)]
mod tests {
    use super::{form_of, Combinator, Form};
    use crate::lower::view::View;

    /// The form of a schema, or the start of the refusal's message.
    fn form(yaml: &str) -> Result<Form, &'static str> {
        let schema: openapiv3::Schema = serde_yaml::from_str(yaml).unwrap();
        form_of(&View::of(&schema)).map_err(|message| &message[..message.find(' ').unwrap()])
    }

    #[test]
    fn each_schema_has_one_form() {
        assert_eq!(form("not: {}"), Ok(Form::Nothing));
        assert_eq!(
            form("{type: object, not: {description: none}}"),
            Ok(Form::Nothing)
        );
        assert_eq!(form("not: {type: string}"), Err("`not`"));
        assert_eq!(
            form("{oneOf: [{type: string}], anyOf: [{type: integer}]}"),
            Err("a")
        );
        assert_eq!(
            form("anyOf: [{$ref: '#/components/schemas/a'}, {type: object, nullable: true}]"),
            Ok(Form::NullableOf(Combinator::AnyOf, 0))
        );
        assert_eq!(
            form("oneOf: [{type: string}, {type: integer}]"),
            Ok(Form::Union(Combinator::OneOf))
        );
        assert_eq!(
            form("{type: string, enum: [a], oneOf: [{type: string}]}"),
            Ok(Form::Enum)
        );
        assert_eq!(
            form("allOf: [{$ref: '#/components/schemas/a'}, {description: x}]"),
            Ok(Form::Wrapped(0))
        );
        assert_eq!(
            form("allOf: [{type: string}, {maxLength: 2}]"),
            Ok(Form::AllOf)
        );
        assert_eq!(
            form("{type: object, additionalProperties: false}"),
            Ok(Form::Object)
        );
        assert_eq!(
            form("{type: object, additionalProperties: {not: {}}}"),
            Ok(Form::Object)
        );
        assert_eq!(
            form("{type: object, additionalProperties: {type: string}}"),
            Ok(Form::Plain)
        );
        assert_eq!(
            form("{type: object, anyOf: [{required: [a]}, {required: [b]}]}"),
            Ok(Form::Object)
        );
        assert_eq!(form("{type: integer, minimum: 1}"), Ok(Form::Plain));
    }
}
