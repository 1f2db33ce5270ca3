//! The `models` file: one struct per object schema, one enum per string enum, one alias per
//! other named schema, with serde wire names exactly as the spec spells them.

use super::{doc_lines, features, ident, nullable_type, serde_field_attr};
use crate::ir::{
    Enum, ExtraProperties, Field, Model, Presence, Shape, ShapeKind, Struct, TypeDef, TypeKind,
};
use crate::output::parts::{self, Export, Sink};
use proc_macro2::TokenStream;
use quote::quote;

pub fn emit(model: &Model, sink: &mut Sink<'_>) -> TokenStream {
    let groups = parts::groups(parts::part_of_each_type(model));
    let mut includes = TokenStream::new();
    for (stem, members) in groups {
        // A part that names a model of another part sees them all through its parent.
        let own: Vec<&str> = members
            .iter()
            .map(|&i| model.types[i].name.as_str())
            .collect();
        let another = |shape: &Shape| matches!(&shape.kind, ShapeKind::Named(name) if !own.contains(&name.as_str()));
        let names_another = members.iter().any(|&i| model.types[i].any_shape(&another));
        if names_another {
            sink(&stem, parts::part_prelude());
        }
        let part = features::of_part(model, own.iter().copied());
        for index in members {
            let def = &model.types[index];
            let gate = features::within_part(model, &def.name, part.as_deref());
            sink(&stem, features::gated(&gate, emit_type(model, def)));
        }
        let gate = features::gate(part.as_deref());
        includes.extend(parts::module(&stem, Export::Public, &gate));
    }
    quote! {
        //! The data types of the spec's schemas, in `models/`, one file per schema with the
        //! types declared inside it.

        #includes
    }
}

fn type_doc(def: &TypeDef) -> TokenStream {
    let text = match &def.doc {
        Some(doc) => format!("{doc}\n\nSchema: `{}`.", def.origin),
        None => format!("Schema: `{}`.", def.origin),
    };
    doc_lines(&text)
}

fn emit_type(model: &Model, def: &TypeDef) -> TokenStream {
    let doc = type_doc(def);
    let name = ident(&def.name);
    match &def.kind {
        TypeKind::Struct(s) => emit_struct(model, doc, &name, s),
        TypeKind::Enum(e) => emit_enum(doc, &name, e),
        TypeKind::Union(u) => {
            let needed = u
                .variants
                .iter()
                .map(|variant| features::of_variant(model, &def.name, variant))
                .collect();
            super::union_models::emit(doc, &name, u, needed)
        }
        TypeKind::Alias(shape) => {
            let target = nullable_type(shape);
            quote! {
                #doc
                pub type #name = #target;
            }
        }
    }
}

/// The doc note of a field that tells absent, `null` and a value apart.
const NULLABLE_NOTE: &str =
    "Optional and nullable: `None` is left out, `Some(None)` is sent as `null`.";

/// For an optional field whose type holds `null` itself, what its doc says of `null`, which is
/// then read apart from an absent key: an alias of a nullable component (`Option<String>`) reads
/// it as `Some(None)`, a free-form value as `Some(Value::Null)`.
fn null_held_note(model: &Model, field: &Field) -> Option<&'static str> {
    if field.presence() != Presence::Optional {
        return None;
    }
    if alias_target(model, &field.shape).is_some_and(|inner| inner.nullable) {
        return Some(NULLABLE_NOTE);
    }
    let mut shape = &field.shape;
    while let Some(inner) = alias_target(model, shape) {
        shape = inner;
    }
    (shape.kind == ShapeKind::Any)
        .then_some("Optional; `None` is left out, `Some(Value::Null)` is sent as `null`.")
}

/// The shape an alias names, when `shape` names an alias.
fn alias_target<'m>(model: &'m Model, shape: &Shape) -> Option<&'m Shape> {
    match &shape.kind {
        ShapeKind::Named(name) => match model.find(name).map(|d| &d.kind) {
            Some(TypeKind::Alias(inner)) => Some(inner),
            _ => None,
        },
        _ => None,
    }
}

/// The property's description, else the description of the type it names (directly or as
/// an array's items), then what it holds and how presence is spelled. A property without
/// either description gets only the latter: a line that repeats its name says nothing.
fn field_doc(model: &Model, field: &Field, null_held: Option<&str>) -> TokenStream {
    let named = match &field.shape.kind {
        ShapeKind::Array(item) => &item.kind,
        kind => kind,
    };
    let described = field.doc.as_deref().or_else(|| match named {
        ShapeKind::Named(name) => model.find(name).and_then(|def| def.doc.as_deref()),
        _ => None,
    });
    let mut paragraphs: Vec<&str> = described.into_iter().collect();
    match &field.shape.kind {
        ShapeKind::Any => paragraphs.push("Free-form: the spec allows any JSON value here."),
        ShapeKind::AnyObject => paragraphs.push("Free-form: the spec allows any JSON object here."),
        _ => {}
    }
    paragraphs.push(match field.presence() {
        Presence::Required => "Required.",
        Presence::RequiredNullable => "Required; `None` is sent as `null`.",
        Presence::Optional if field.read_only => {
            "Read-only: set by the service, rejected in requests."
        }
        Presence::Optional => null_held.unwrap_or("Optional; `None` is left out."),
        Presence::OptionalNullable => NULLABLE_NOTE,
    });
    doc_lines(&paragraphs.join("\n\n"))
}

fn emit_field(model: &Model, field: &Field) -> TokenStream {
    let null_held = null_held_note(model, field);
    let doc = field_doc(model, field, null_held);
    let name = ident(&field.rust_name);
    let wire = &field.wire_name;
    let ty = super::types::field_type(field, &super::types::ModelTypes { qualified: false });
    let default = quote!(default);
    let skip = quote!(skip_serializing_if = "Option::is_none");
    let parts = match field.presence() {
        Presence::Required | Presence::RequiredNullable => vec![],
        Presence::Optional if null_held.is_some() => vec![
            default,
            skip,
            quote!(deserialize_with = "crate::runtime::support::present"),
        ],
        Presence::Optional => vec![default, skip],
        Presence::OptionalNullable => vec![
            default,
            skip,
            quote!(deserialize_with = "crate::runtime::support::present_or_null"),
        ],
    };
    let serde = serde_field_attr(wire, &field.rust_name, &parts);
    quote! {
        #doc
        #serde
        pub #name: #ty,
    }
}

fn emit_struct(
    model: &Model,
    doc: TokenStream,
    name: &proc_macro2::Ident,
    s: &Struct,
) -> TokenStream {
    let fields = s.fields.iter().map(|field| emit_field(model, field));
    // A struct with nothing required starts empty, as a PATCH body often does.
    let default = s
        .fields
        .iter()
        .all(|f| f.presence() != Presence::Required)
        .then(|| quote!(Default,));
    let extra = match &s.extra {
        ExtraProperties::Keep(shape) => {
            let value = nullable_type(shape);
            quote! {
                /// Properties the schema does not name (`additionalProperties`).
                #[serde(flatten)]
                pub additional_properties: std::collections::BTreeMap<String, #value>,
            }
        }
        ExtraProperties::Ignore | ExtraProperties::Reject => quote!(),
    };
    let odata = s.odata_type.as_ref().map(|value| {
        quote! {
            impl #name {
                /// The `@odata.type` value that names this type.
                pub const ODATA_TYPE: &'static str = #value;
            }
        }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default serde::Serialize, serde::Deserialize)]
        pub struct #name {
            #(#fields)*
            #extra
        }
        #odata
    }
}

fn emit_enum(doc: TokenStream, name: &proc_macro2::Ident, e: &Enum) -> TokenStream {
    let other = ident(&e.other_variant);
    let variants = e.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let doc = doc_lines(&format!("`{}`", v.wire_name));
        quote!(#doc #variant,)
    });
    let to_wire = e.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire = &v.wire_name;
        quote!(Self::#variant => #wire,)
    });
    let from_wire = e.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire = &v.wire_name;
        quote!(#wire => Some(Self::#variant),)
    });
    // An enum that lists only `null` knows no string; a match of one catch-all arm is what
    // clippy's `match_single_binding` refuses.
    let from_known = if e.variants.is_empty() {
        quote! {
            let _ = value;
            None
        }
    } else {
        quote! {
            match value {
                #(#from_wire)*
                _ => None,
            }
        }
    };
    let wire_names = e.variants.iter().map(|v| &v.wire_name);
    let type_name = name.to_string();
    let deserialize_doc = doc_lines(&format!(
        "Accepts any string: values the spec does not list become `{}`, so responses from a\nnewer service still decode.",
        e.other_variant
    ));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #(#variants)*
            /// A value this crate does not know, such as one added to the service after the
            /// crate was generated. It is kept verbatim and sent back unchanged; requests
            /// carrying it fail validation.
            #other(String),
        }

        impl #name {
            /// Every value the spec lists, in spec order, as sent on the wire.
            pub const VALUES: &'static [&'static str] = &[#(#wire_names),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_wire)*
                    Self::#other(value) => value,
                }
            }

            /// The variant for a wire value the spec lists, matched exactly (case-sensitive).
            pub fn from_known(value: &str) -> Option<Self> {
                #from_known
            }

            /// Whether the value is one the spec lists.
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::#other(_))
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for #name {
            type Err = crate::runtime::support::UnknownEnumValue;

            /// Parses a value the spec lists; anything else is an error.
            fn from_str(value: &str) -> Result<Self, crate::runtime::support::UnknownEnumValue> {
                Self::from_known(value).ok_or_else(|| crate::runtime::support::UnknownEnumValue {
                    type_name: #type_name,
                    value: value.to_owned(),
                    expected: Self::VALUES,
                })
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            #deserialize_doc
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = String::deserialize(deserializer)?;
                Ok(Self::from_known(&value).unwrap_or(Self::#other(value)))
            }
        }
    }
}
