//! The Rust type a shape is held in. One walk spells it for the models and for the fast path's
//! mirrors alike; they differ only in the leaves a [`Spelling`] names, so how nullability,
//! arrays, maps and aliases nest can never differ between the two.

use crate::ir::{Field, FloatFormat, IntFormat, Presence, Shape, ShapeKind, StringFormat};
use proc_macro2::TokenStream;
use quote::quote;

/// How the leaves of a type are written: the model's own types, or the mirror's.
pub trait Spelling {
    /// A `date-time` string.
    fn date_time(&self) -> TokenStream;
    /// A `date` string.
    fn date(&self) -> TokenStream;
    /// A named type of the model, by its Rust name.
    fn named(&self, name: &str) -> TokenStream;
    /// A map whose values are held as `value`.
    fn map(&self, value: TokenStream) -> TokenStream;
    /// A free-form JSON object.
    fn any_object(&self) -> TokenStream;
    /// Any JSON value.
    fn any(&self) -> TokenStream;
}

/// The model's types: as `models` declares them (`Other`), or as every other module names them
/// (`models::Other`), so that no name of those modules (`Client`, `Service`, a runtime item)
/// can shadow a model, and a schema keeps its name whatever it is.
pub struct ModelTypes {
    pub qualified: bool,
}

impl Spelling for ModelTypes {
    fn date_time(&self) -> TokenStream {
        quote!(chrono::DateTime<chrono::FixedOffset>)
    }

    fn date(&self) -> TokenStream {
        quote!(chrono::NaiveDate)
    }

    fn named(&self, name: &str) -> TokenStream {
        let name = super::ident(name);
        if self.qualified {
            quote!(models::#name)
        } else {
            quote!(#name)
        }
    }

    fn map(&self, value: TokenStream) -> TokenStream {
        quote!(std::collections::BTreeMap<String, #value>)
    }

    fn any_object(&self) -> TokenStream {
        quote!(serde_json::Map<String, serde_json::Value>)
    }

    fn any(&self) -> TokenStream {
        quote!(serde_json::Value)
    }
}

/// The Rust type of a value of this shape in the models, `Option<T>` where it is nullable.
pub fn nullable_type(shape: &Shape) -> TokenStream {
    spelled_nullable(shape, &ModelTypes { qualified: false })
}

/// [`nullable_type`] as a module other than `models` names it, with `use crate::models;`.
pub fn qualified_nullable_type(shape: &Shape) -> TokenStream {
    spelled_nullable(shape, &ModelTypes { qualified: true })
}

/// The Rust type that holds a value of this shape, ignoring its nullability, as a module other
/// than `models` names it.
pub fn qualified_value_type(shape: &Shape) -> TokenStream {
    spelled(shape, &ModelTypes { qualified: true })
}

/// The type that holds a value of this shape, ignoring its nullability, as `spelling` writes
/// the leaves.
pub fn spelled(shape: &Shape, spelling: &dyn Spelling) -> TokenStream {
    match &shape.kind {
        ShapeKind::String(StringFormat::DateTime) => spelling.date_time(),
        ShapeKind::String(StringFormat::Date) => spelling.date(),
        ShapeKind::String(_) => quote!(String),
        ShapeKind::Integer(IntFormat::Int8) => quote!(i8),
        ShapeKind::Integer(IntFormat::UInt8) => quote!(u8),
        ShapeKind::Integer(IntFormat::Int16) => quote!(i16),
        ShapeKind::Integer(IntFormat::UInt16) => quote!(u16),
        ShapeKind::Integer(IntFormat::Int32) => quote!(i32),
        ShapeKind::Integer(IntFormat::UInt32) => quote!(u32),
        ShapeKind::Integer(IntFormat::Int64) => quote!(i64),
        ShapeKind::Float(FloatFormat::Float) => quote!(f32),
        ShapeKind::Float(FloatFormat::Double) => quote!(f64),
        ShapeKind::Boolean => quote!(bool),
        ShapeKind::Named(name) => spelling.named(name),
        ShapeKind::Array(item) => {
            let item = spelled_nullable(item, spelling);
            quote!(Vec<#item>)
        }
        ShapeKind::Map(value) => spelling.map(spelled_nullable(value, spelling)),
        ShapeKind::AnyObject => spelling.any_object(),
        ShapeKind::Any => spelling.any(),
        ShapeKind::Nothing => quote!(crate::runtime::support::Nothing),
    }
}

/// [`spelled`], in an `Option` where the shape is nullable: `null` is `None`, except in a
/// free-form value, which holds `null` itself.
pub fn spelled_nullable(shape: &Shape, spelling: &dyn Spelling) -> TokenStream {
    let inner = spelled(shape, spelling);
    if null_is_an_option(shape, shape.nullable) {
        quote!(Option<#inner>)
    } else {
        inner
    }
}

/// The type a struct field is declared with, as `spelling` writes the leaves: its value
/// (boxed when recursive) in as many `Option`s as its presence asks.
pub fn field_type(field: &Field, spelling: &dyn Spelling) -> TokenStream {
    let value = spelled(&field.shape, spelling);
    let value = if field.boxed {
        quote!(Box<#value>)
    } else {
        value
    };
    match field.presence() {
        Presence::Required => value,
        Presence::RequiredNullable | Presence::Optional => quote!(Option<#value>),
        Presence::OptionalNullable => quote!(Option<Option<#value>>),
    }
}

/// Whether `null`, where `nullable` says a shape takes it, is held as `None`: everywhere but in
/// a free-form value, which holds `null` itself (in the model and in a mirror alike).
pub fn null_is_an_option(shape: &Shape, nullable: bool) -> bool {
    nullable && shape.kind != ShapeKind::Any
}
