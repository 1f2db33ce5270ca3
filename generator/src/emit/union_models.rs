//! Union types in the `models` file: one enum variant per alternative. A discriminated union
//! reads its discriminator property to pick the variant (and keeps a value naming a type it does
//! not know, so responses from a newer service still decode); an undiscriminated one tries the
//! alternatives in spec order.

use super::{doc_lines, features, nullable_type};
use crate::ir::{Union, UnionVariant};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// `needed`: in a crate with area features, the features a variant is compiled with when some
/// that compile the union leave it out (its values are then the catch-all's); else `None`.
pub fn emit(
    doc: TokenStream,
    name: &Ident,
    union: &Union,
    needed: Vec<Option<&[String]>>,
) -> TokenStream {
    let gates: Vec<TokenStream> = needed.iter().map(|n| features::gate(*n)).collect();
    let variants =
        union
            .variants
            .iter()
            .zip(&gates)
            .zip(&needed)
            .map(|((variant, gate), needed)| {
                let variant_name = format_ident!("{}", variant.name);
                let ty = nullable_type(&variant.shape);
                let mut text = if variant.tags.is_empty() {
                    let article = if variant.name.starts_with(['A', 'E', 'I', 'O', 'U']) {
                        "An"
                    } else {
                        "A"
                    };
                    format!("{article} `{}` value.", variant.name)
                } else {
                    let tags: Vec<String> = variant.tags.iter().map(|t| format!("`{t}`")).collect();
                    format!("Selected by {}.", tags.join(" or "))
                };
                if let Some(needed) = needed {
                    let features: Vec<String> = needed.iter().map(|f| format!("`{f}`")).collect();
                    text.push_str(&format!(
                        " Only with the feature {}: without it, such an object is `Unrecognized`.",
                        features.join(" or ")
                    ));
                }
                let doc = doc_lines(&text);
                quote!(#doc #gate #variant_name(#ty),)
            });
    let (other, serialize, deserialize, constants) = match &union.discriminator {
        Some(property) => discriminated(name, property, &union.variants, &gates),
        None => undiscriminated(&union.variants),
    };
    // Variants hold their values unboxed, as the spec's alternatives are written; one may be
    // much larger than another, which clippy would otherwise flag.
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
            #other
        }

        #constants

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #serialize
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #deserialize
            }
        }
    }
}

type Parts = (TokenStream, TokenStream, TokenStream, TokenStream);

fn discriminated(
    name: &Ident,
    property: &str,
    variants: &[UnionVariant],
    gates: &[TokenStream],
) -> Parts {
    let other_doc = doc_lines(&format!(
        "An object whose `{property}` names a type this crate does not know, kept as sent; requests carrying it fail validation."
    ));
    let other = quote! {
        #other_doc
        Unrecognized(serde_json::Map<String, serde_json::Value>),
    };
    let serialize_arms = variants.iter().zip(gates).map(|(variant, gate)| {
        let variant_name = format_ident!("{}", variant.name);
        let tag = &variant.tags[0];
        quote!(#gate Self::#variant_name(value) => crate::runtime::support::serialize_tagged(value, Self::DISCRIMINATOR, #tag, serializer),)
    });
    let serialize = quote! {
        match self {
            #(#serialize_arms)*
            Self::Unrecognized(map) => serde::Serialize::serialize(map, serializer),
        }
    };
    let deserialize_arms = variants.iter().zip(gates).map(|(variant, gate)| {
        let variant_name = format_ident!("{}", variant.name);
        let tags = &variant.tags;
        quote! {
            #gate
            Some(#(#tags)|*) => serde_json::from_value(value)
                .map(Self::#variant_name)
                .map_err(serde::de::Error::custom),
        }
    });
    let expected = format!("expected an object with `{property}`");
    let unrecognized = quote! {
        match value {
            serde_json::Value::Object(map) => Ok(Self::Unrecognized(map)),
            _ => Err(serde::de::Error::custom(#expected)),
        }
    };
    // A selection can leave a base no subtype: then every object is one it does not know.
    let deserialize = if variants.is_empty() {
        quote! {
            let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
            #unrecognized
        }
    } else {
        quote! {
            let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
            let tag = value.get(Self::DISCRIMINATOR).and_then(serde_json::Value::as_str).map(str::to_owned);
            match tag.as_deref() {
                #(#deserialize_arms)*
                _ => #unrecognized,
            }
        }
    };
    let all_tags: Vec<&String> = variants.iter().flat_map(|v| &v.tags).collect();
    let constants = quote! {
        impl #name {
            /// The property whose value selects the variant.
            pub const DISCRIMINATOR: &'static str = #property;
            /// The values the discriminator may take, in spec order.
            pub const TAGS: &'static [&'static str] = &[#(#all_tags),*];
        }
    };
    (other, serialize, deserialize, constants)
}

fn undiscriminated(variants: &[UnionVariant]) -> Parts {
    let serialize_arms = variants.iter().map(|variant| {
        let variant_name = format_ident!("{}", variant.name);
        quote!(Self::#variant_name(value) => serde::Serialize::serialize(value, serializer),)
    });
    let serialize = quote! {
        match self {
            #(#serialize_arms)*
        }
    };
    let attempts = variants.iter().enumerate().map(|(index, variant)| {
        let variant_name = format_ident!("{}", variant.name);
        let index = proc_macro2::Literal::usize_unsuffixed(index);
        quote! {
            #index => {
                if let Ok(parsed) = serde_json::from_value(value.clone()) {
                    return Ok(Self::#variant_name(parsed));
                }
            }
        }
    });
    let names: Vec<&str> = variants.iter().map(|v| v.name.as_str()).collect();
    let message = format!("the value matches none of: {}", names.join(", "));
    // Decoding tolerates what a newer service adds (unknown members, enum values), so more than
    // one alternative may decode: the ones the value satisfies are tried first.
    let deserialize = quote! {
        let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
        let found = Self::alternatives_found(&value, &mut crate::errors::Pointer::root());
        for index in crate::runtime::support::satisfied_first(&found) {
            match index {
                #(#attempts)*
                _ => {}
            }
        }
        Err(serde::de::Error::custom(#message))
    };
    (quote!(), serialize, deserialize, quote!())
}
