//! `#[cfg(feature = ...)]` attributes of a crate with area features (`docs/features.md`): on a
//! type's items, on a part's module, on an area's routes and trait methods. Without area
//! features every function here gives nothing, so such crates are unchanged.

use crate::ir::{Model, Operation, UnionVariant};
use proc_macro2::TokenStream;
use quote::quote;

/// `#[cfg(feature = "a")]`, or `#[cfg(any(feature = "a", ...))]` for several; nothing for
/// `None`, code compiled whatever the features.
pub fn gate(features: Option<&[String]>) -> TokenStream {
    match features {
        None => TokenStream::new(),
        Some([one]) => quote!(#[cfg(feature = #one)]),
        Some(several) => quote!(#[cfg(any(#(feature = #several),*))]),
    }
}

/// The features that compile a type; `None` when it is compiled whatever they are.
fn of_type<'m>(model: &'m Model, name: &str) -> Option<&'m [String]> {
    model.features.as_ref()?.types.get(name).map(Vec::as_slice)
}

/// The `cfg` of a type's items; nothing when it is always compiled.
pub fn of_type_items(model: &Model, name: &str) -> TokenStream {
    gate(of_type(model, name))
}

/// The features that compile a part holding these types: any of theirs; `None` when one of
/// them is always compiled.
pub fn of_part<'n>(model: &Model, names: impl IntoIterator<Item = &'n str>) -> Option<Vec<String>> {
    model.features.as_ref()?;
    let mut union: Vec<&String> = Vec::new();
    for name in names {
        union.extend(of_type(model, name)?);
    }
    union.sort();
    union.dedup();
    Some(union.into_iter().cloned().collect())
}

/// The `cfg` of a type's items inside a part compiled by `part`'s features: nothing when the
/// type's own are the same.
pub fn within_part(model: &Model, name: &str, part: Option<&[String]>) -> TokenStream {
    let own = of_type(model, name);
    if own == part {
        TokenStream::new()
    } else {
        gate(own)
    }
}

/// The `cfg` of an operation group's code: its area's feature.
pub fn of_group(model: &Model, group: &str) -> TokenStream {
    gate(feature_of_group(model, group).map(std::slice::from_ref))
}

/// The area feature of an operation group.
pub fn feature_of_group<'m>(model: &'m Model, group: &str) -> Option<&'m String> {
    model.features.as_ref()?.areas.get(group)
}

/// Each area's feature, in name order, with its operations in spec order.
pub fn areas_by_feature(model: &Model) -> Vec<(&str, Vec<&Operation>)> {
    let Some(features) = &model.features else {
        return Vec::new();
    };
    let mut areas: Vec<(&str, Vec<&Operation>)> = features
        .areas
        .iter()
        .map(|(group, feature)| {
            let operations = model.operations.iter().filter(|op| op.group == *group);
            (feature.as_str(), operations.collect())
        })
        .collect();
    areas.sort_by_key(|(feature, _)| *feature);
    areas
}

/// The features of a discriminated union's variant, when some feature compiles the union and
/// not the variant's subtype (whose values then decode into the catch-all); else `None`.
pub fn of_variant<'m>(
    model: &'m Model,
    union: &str,
    variant: &UnionVariant,
) -> Option<&'m [String]> {
    let crate::ir::ShapeKind::Named(subtype) = &variant.shape.kind else {
        return None;
    };
    let own = of_type(model, subtype)?;
    match of_type(model, union) {
        Some(outer) if outer.iter().all(|f| own.contains(f)) => None,
        _ => Some(own),
    }
}

/// `#[cfg(not(...))]`: the negation of [`gate`] of a variant's features, for the code that stands in
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
