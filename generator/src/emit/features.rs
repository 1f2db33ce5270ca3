//! `#[cfg(feature = ...)]` attributes of a crate with area features (`docs/features.md`): on a
//! type's items, on a part's module, on an area's routes and trait methods. Without area
//! features every function here gives nothing, so such crates are unchanged.

use crate::ir::{Model, UnionVariant};
use proc_macro2::TokenStream;
use quote::quote;

/// `#[cfg(feature = "a")]`, or `#[cfg(any(feature = "a", ...))]` for several.
fn cfg(features: &[String]) -> TokenStream {
    match features {
        [] => quote!(#[cfg(any())]),
        [one] => quote!(#[cfg(feature = #one)]),
        several => quote!(#[cfg(any(#(feature = #several),*))]),
    }
}

/// The features that compile a type; `None` when it is compiled whatever they are.
fn of_type<'m>(model: &'m Model, name: &str) -> Option<&'m [String]> {
    model.features.as_ref()?.types.get(name).map(Vec::as_slice)
}

/// The `cfg` of a type's items; nothing when it is always compiled.
pub fn of_type_items(model: &Model, name: &str) -> TokenStream {
    of_type(model, name).map(cfg).unwrap_or_default()
}

/// The `cfg` of a part holding these types: on when any of them is; nothing when one is
/// always compiled.
pub fn of_part<'n>(model: &Model, names: impl IntoIterator<Item = &'n str>) -> TokenStream {
    let mut union: Vec<&String> = Vec::new();
    for name in names {
        match of_type(model, name) {
            Some(features) => union.extend(features),
            None => return TokenStream::new(),
        }
    }
    if model.features.is_none() {
        return TokenStream::new();
    }
    union.sort();
    union.dedup();
    let union: Vec<String> = union.into_iter().cloned().collect();
    cfg(&union)
}

/// The `cfg` of a type's items inside its part, where the part's own `cfg` already holds:
/// nothing when the two are the same.
pub fn within_part<'n>(
    model: &Model,
    name: &str,
    part: impl IntoIterator<Item = &'n str>,
) -> TokenStream {
    if model.features.is_none() {
        return TokenStream::new();
    }
    let own = of_type_items(model, name);
    if own.to_string() == of_part(model, part).to_string() {
        TokenStream::new()
    } else {
        own
    }
}

/// The `cfg` of an operation group's code: its area's feature.
pub fn of_group(model: &Model, group: &str) -> TokenStream {
    match model.features.as_ref().and_then(|f| f.areas.get(group)) {
        Some(feature) => cfg(std::slice::from_ref(feature)),
        None => TokenStream::new(),
    }
}

/// The area feature of an operation group, for its docs.
pub fn feature_of_group<'m>(model: &'m Model, group: &str) -> Option<&'m str> {
    Some(model.features.as_ref()?.areas.get(group)?.as_str())
}

/// The `cfg` of a discriminated union's variant: its subtype's, when some feature compiles the
/// union and not the subtype (the variant's values then decode into the catch-all).
pub fn of_variant(model: &Model, union: &str, variant: &UnionVariant) -> TokenStream {
    let crate::ir::ShapeKind::Named(subtype) = &variant.shape.kind else {
        return TokenStream::new();
    };
    let Some(own) = of_type(model, subtype) else {
        return TokenStream::new();
    };
    match of_type(model, union) {
        Some(outer) if outer.iter().all(|f| own.contains(f)) => TokenStream::new(),
        _ => cfg(own),
    }
}

/// The features that compile a variant's subtype, when the variant is gated.
pub fn variant_features<'m>(
    model: &'m Model,
    union: &str,
    variant: &UnionVariant,
) -> Option<&'m [String]> {
    if of_variant(model, union, variant).is_empty() {
        return None;
    }
    match &variant.shape.kind {
        crate::ir::ShapeKind::Named(subtype) => of_type(model, subtype),
        _ => None,
    }
}

/// `#[cfg(not(...))]`: the negation of [`of_variant`]'s `cfg`, for the code that stands in
/// for a variant its features leave out.
pub fn without(features: &[String]) -> TokenStream {
    match features {
        [one] => quote!(#[cfg(not(feature = #one))]),
        several => quote!(#[cfg(not(any(#(feature = #several),*)))]),
    }
}

/// `items` with `gate` on each of them; `items` unchanged when `gate` is empty.
pub fn gated(gate: &TokenStream, items: TokenStream) -> TokenStream {
    if gate.is_empty() || items.is_empty() {
        return items;
    }
    match syn::parse2::<syn::File>(items.clone()) {
        Ok(file) => {
            let items = file.items.iter();
            quote!(#(#gate #items)*)
        }
        // Not items: the renderer reports the emitter bug with the tokens as they are.
        Err(_) => items,
    }
}

/// The crate root's allowance for a build with some area off: the code an area leaves out is
/// what the rest's imports, statics and helpers would have served.
pub fn reduced_build_allowance(model: &Model) -> TokenStream {
    let Some(features) = &model.features else {
        return TokenStream::new();
    };
    let all = &features.all;
    quote! {
        // With an area's feature off, the imports, pattern statics and helpers only its code
        // named go unused.
        #![cfg_attr(not(all(#(feature = #all),*)), allow(unused))]
    }
}
