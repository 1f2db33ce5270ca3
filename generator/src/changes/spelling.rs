//! Rust types as a report writes them: the models' own spelling, without crate paths
//! (`Option<DateTime<FixedOffset>>`, `BTreeMap<String, i64>`).

use crate::emit::types::{spelled, Spelling};
use crate::ir::{Field, Shape};
use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

struct ReportTypes;

impl Spelling for ReportTypes {
    fn date_time(&self) -> TokenStream {
        quote!(DateTime<FixedOffset>)
    }

    fn date(&self) -> TokenStream {
        quote!(NaiveDate)
    }

    fn named(&self, name: &str) -> TokenStream {
        crate::emit::ident(name).into_token_stream()
    }

    fn map(&self, value: TokenStream) -> TokenStream {
        quote!(BTreeMap<String, #value>)
    }

    fn any_object(&self) -> TokenStream {
        quote!(Map<String, Value>)
    }

    fn any(&self) -> TokenStream {
        quote!(Value)
    }
}

/// Token text as Rust is written: `Vec<Option<i32>>`, not `Vec < Option < i32 > >`.
fn written(tokens: TokenStream) -> String {
    tokens
        .to_string()
        .replace(" :: ", "::")
        .replace(" < ", "<")
        .replace(" >", ">")
        .replace(" ,", ",")
}

/// The Rust type of a value of this shape, ignoring whether it is nullable.
pub fn value_type(shape: &Shape) -> String {
    written(spelled(shape, &ReportTypes))
}

/// The Rust type of a struct field, as the models declare it.
pub fn field_type(field: &Field) -> String {
    written(crate::emit::types::field_type(field, &ReportTypes))
}
