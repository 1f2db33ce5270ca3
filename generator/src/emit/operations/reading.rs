//! Parameters on the server: `from_raw`, which reads each parameter's raw text into the JSON
//! its checks take, by location, style and kind.

use super::{struct_fields, Checks};
use crate::ir::{
    EmptyValue, Model, ObjectStyle, Operation, Param, ParamLocation, ShapeKind, StringFormat,
    TypeKind,
};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// `from_raw`: each parameter's text becomes a JSON value (numbers and booleans parsed where they
/// can be, text kept otherwise so the type check can name it), checked with the same rules as
/// bodies, and converted.
pub(super) fn from_raw(
    model: &Model,
    op: &Operation,
    keys: &[String],
    checks: &mut Checks,
) -> TokenStream {
    let subject = format!("{} parameters", op.id);
    if op.params.is_empty() {
        return quote! {
            fn from_raw(_raw: &RawParams) -> Result<Self, crate::errors::ValidationError> {
                Ok(Self {})
            }
        };
    }
    let reads = op.params.iter().zip(keys).map(|(param, key)| {
        let wire = &param.wire_name;
        // RawParams has one reader per location, named like it: raw.path, raw.query, raw.header,
        // raw.cookie.
        let location = param.location.as_str();
        let reader = format_ident!("{}", location);
        let getter = quote!(raw.#reader(#wire));
        let (is_array, item) = match &param.shape.kind {
            ShapeKind::Array(item) => (true, item.as_ref()),
            _ => (false, &param.shape),
        };
        let scalar = scalar_kind(model, item);
        // A parameter that may be sent empty reads its texts once and hands them on.
        let texts = if param.empty_value.is_some() {
            quote!(texts)
        } else {
            quote!(&#getter)
        };
        let value = if let Some(style) = param.object {
            let kinds = struct_fields(model, &param.shape).iter().map(|field| {
                let name = &field.wire_name;
                let kind = field_kind(model, field, &field.shape);
                quote!((#name, #kind))
            });
            let read = match style {
                ObjectStyle::Exploded => quote!(raw.exploded_object(&[#(#kinds),*])),
                ObjectStyle::Entries => {
                    let claimed = claimed_query_keys(model, op, param);
                    let kind = map_value_kind(model, &param.shape);
                    quote!(raw.query_entries(&[#(#claimed),*], #kind))
                }
                ObjectStyle::Deep => quote!(raw.deep_object(#wire, &[#(#kinds),*])),
                ObjectStyle::DeepEntries => {
                    let kind = map_value_kind(model, &param.shape);
                    quote!(raw.deep_entries(#wire, #kind))
                }
                ObjectStyle::Delimited => {
                    quote!(RawParams::delimited_object(#texts, &[#(#kinds),*]))
                }
            };
            // A key per member: the empty object is no key at all (`range=` spells it in the
            // delimited style).
            if param.required && style != ObjectStyle::Delimited {
                quote!(#read.or_empty_object())
            } else {
                read
            }
        } else if param.json {
            quote!(RawParams::json(#texts))
        } else if let Some((scalar, item)) = scalar_or_list_kinds(model, &param.shape) {
            let scalar = match scalar {
                Some(kind) => quote!(Some(#kind)),
                None => quote!(None),
            };
            let delimiter = if param.explode && param.location.repeats_exploded() {
                quote!(None)
            } else {
                let delimiter = param.delimiter;
                quote!(Some(#delimiter))
            };
            quote!(RawParams::scalar_or_list(#texts, #scalar, #item, #delimiter))
        } else if !is_array {
            quote!(RawParams::scalar(#texts, #scalar))
        } else if param.explode && param.location.repeats_exploded() && param.required {
            // The empty list is no key at all.
            quote!(RawParams::exploded(#texts, #scalar).or_empty_list())
        } else if param.explode && param.location.repeats_exploded() {
            quote!(RawParams::exploded(#texts, #scalar))
        } else if param.shape.rules.min_items.is_some_and(|min| min > 0)
            && item.kind == ShapeKind::String(StringFormat::Plain)
            && item.rules.min_length.unwrap_or(0) == 0
            && item.rules.pattern.is_none()
        {
            // Items are required and may be empty text, so `ids=` can only be one empty
            // string (`[""]`), which is also how a client writes that list; the empty list
            // would be refused. (Where `""` is no item either, `tooFewItems` says it best.)
            let delimiter = param.delimiter;
            quote!(RawParams::delimited_items(#texts, #delimiter))
        } else if param.delimiter == ',' {
            quote!(RawParams::delimited(#texts, #scalar))
        } else {
            let delimiter = param.delimiter;
            quote!(RawParams::delimited_by(#texts, #scalar, #delimiter))
        };
        let value = match &param.empty_value {
            None => value,
            Some(empty) => {
                let empty = match empty {
                    EmptyValue::Absent => quote!(None),
                    EmptyValue::Value(value) => {
                        let text = value.to_string();
                        quote!(Some(#text))
                    }
                };
                quote!(RawParams::empty_or(&#getter, #empty, |texts| #value))
            }
        };
        let check = checks.reader_check(
            model,
            &param.shape,
            &format!("{}_{}", op.type_name, param.rust_name),
        );
        let required = param.required;
        if *key == param.wire_name {
            quote!(params.read(#wire, #location, #required, #value, #check);)
        } else {
            quote!(params.read_as(#key, #wire, #location, #required, #value, #check);)
        }
    });
    quote! {
        fn from_raw(raw: &RawParams) -> Result<Self, ValidationError> {
            let mut params = ParamReader::default();
            #(#reads)*
            params.finish(#subject)
        }
    }
}

/// How raw parameter text becomes JSON: `"number"`, `"boolean"` or `"string"`, and for a
/// union of numbers and booleans `"scalar"` (whichever the text reads as).
pub(in crate::emit) fn scalar_kind(model: &Model, shape: &crate::ir::Shape) -> TokenStream {
    let kind = read_as(model, shape);
    quote!(#kind)
}

/// How the text of an object's field (or of each item, `item`, of an array field) becomes
/// JSON: as [`scalar_kind`] says, and for a nullable scalar field that is no string,
/// `"number?"`: the text `null` is `null`, as tools that write `null` into a query or form
/// send it.
pub(super) fn field_kind(
    model: &Model,
    field: &crate::ir::Field,
    item: &crate::ir::Shape,
) -> TokenStream {
    let scalar = !matches!(field.shape.kind, ShapeKind::Array(_));
    text_kind(model, item, field.shape.nullable && scalar)
}

/// [`scalar_kind`], with `?` after it (`"number?"`: the text `null` is `null`) when the value
/// may be null and is no string.
pub(in crate::emit) fn text_kind(
    model: &Model,
    shape: &crate::ir::Shape,
    nullable: bool,
) -> TokenStream {
    let kind = read_as(model, shape);
    if nullable && kind != "string" {
        let kind = format!("{kind}?");
        quote!(#kind)
    } else {
        quote!(#kind)
    }
}

fn read_as(model: &Model, shape: &crate::ir::Shape) -> &'static str {
    match &shape.kind {
        ShapeKind::Integer(_) | ShapeKind::Float(_) => "number",
        ShapeKind::Boolean => "boolean",
        ShapeKind::Named(name) => match model.find(name).map(|d| &d.kind) {
            Some(TypeKind::Alias(inner)) => read_as(model, inner),
            Some(TypeKind::Union(union)) => {
                let shapes: Vec<&crate::ir::Shape> = union
                    .variants
                    .iter()
                    .map(|variant| &variant.shape)
                    .collect();
                combined_kind(model, &shapes)
            }
            _ => "string",
        },
        _ => "string",
    }
}

/// For a parameter that is one value or a list (a union with array alternatives), how its texts
/// are read: a text sent alone as the scalar alternatives say (`None` when there are none), and
/// each item as the arrays' items say. `None` for any other parameter.
pub(super) fn scalar_or_list_kinds(
    model: &Model,
    shape: &crate::ir::Shape,
) -> Option<(Option<&'static str>, &'static str)> {
    let ShapeKind::Named(name) = &shape.kind else {
        return None;
    };
    let Some(TypeKind::Union(union)) = model.find(name).map(|d| &d.kind) else {
        return None;
    };
    let (lists, scalars): (Vec<_>, Vec<_>) = union
        .variants
        .iter()
        .map(|variant| &variant.shape)
        .partition(|shape| matches!(shape.kind, ShapeKind::Array(_)));
    if lists.is_empty() {
        return None;
    }
    let items: Vec<&crate::ir::Shape> = lists
        .iter()
        .filter_map(|shape| match &shape.kind {
            ShapeKind::Array(item) => Some(item.as_ref()),
            _ => None,
        })
        .collect();
    let scalar = (!scalars.is_empty()).then(|| combined_kind(model, &scalars));
    Some((scalar, combined_kind(model, &items)))
}

/// How text reads for a value that may be any of these shapes: as a number where one wants a
/// number, a boolean where one wants that, either (`scalar`) where both are wanted.
fn combined_kind(model: &Model, shapes: &[&crate::ir::Shape]) -> &'static str {
    let kinds: Vec<&str> = shapes.iter().map(|shape| read_as(model, shape)).collect();
    match (kinds.contains(&"number"), kinds.contains(&"boolean")) {
        (true, true) => "scalar",
        (true, false) => "number",
        (false, true) => "boolean",
        (false, false) => "string",
    }
}

/// How a free-form object parameter's values are read: as its `additionalProperties` say, or
/// for `type: object` alone as text, a key sent more than once as a list of its texts.
fn map_value_kind(model: &Model, shape: &crate::ir::Shape) -> TokenStream {
    match &shape.kind {
        ShapeKind::Map(value) => scalar_kind(model, value),
        _ => quote!("any"),
    }
}

/// The query keys an operation's other parameters take (and its API keys sent in the query),
/// which a free-form object in the query leaves to them.
fn claimed_query_keys(model: &Model, op: &Operation, entries: &Param) -> Vec<String> {
    let mut claimed = Vec::new();
    let mut deep_prefixes = Vec::new();
    for param in &op.params {
        if param.location != ParamLocation::Query || std::ptr::eq(param, entries) {
            continue;
        }
        match param.object {
            Some(ObjectStyle::Exploded) => {
                let fields = struct_fields(model, &param.shape);
                claimed.extend(fields.iter().map(|field| field.wire_name.clone()));
            }
            // The runtime reads a claimed key ending in `[` as a prefix.
            Some(ObjectStyle::Deep | ObjectStyle::DeepEntries) => {
                deep_prefixes.push(format!("{}[", param.wire_name))
            }
            _ => claimed.push(param.wire_name.clone()),
        }
    }
    claimed.extend(
        op.api_keys
            .iter()
            .filter(|(place, _)| place == "query")
            .map(|(_, name)| name.clone()),
    );
    claimed.extend(deep_prefixes);
    claimed
}
