//! Splitting a generated file into parts, one per component schema, so that a change to one
//! schema shows up as a change to its own small files. The file itself keeps its module and
//! pulls each part in with `include!`, so every item stays at the path it would have in one
//! file, and the parts can be rendered independently.

use crate::ir::{Model, TypeDef};
use heck::ToSnakeCase;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// A generated file's own items and its parts, each part as (file stem, items).
pub struct Split {
    pub root: TokenStream,
    pub parts: Vec<(String, TokenStream)>,
}

/// The part each type of the model goes to, in `model.types` order: the component schema
/// that declares it (so inline types and derived `…Patch` types sit beside their schema),
/// else the type itself. Stems are the owner's name in snake_case, unique.
pub fn part_of_each_type(model: &Model) -> Vec<String> {
    let prefix = "#/components/schemas/";
    let mut component_owner: BTreeMap<&str, &str> = BTreeMap::new();
    for def in &model.types {
        if let Some(key) = def.origin.strip_prefix(prefix) {
            if !key.contains('/') {
                component_owner.entry(key).or_insert(&def.name);
            }
        }
    }
    let owner = |def: &TypeDef| -> String {
        def.origin
            .strip_prefix(prefix)
            .and_then(|rest| component_owner.get(rest.split('/').next().unwrap_or(rest)))
            .map_or_else(|| def.name.clone(), |name| (*name).to_owned())
    };
    let mut stems: BTreeMap<String, String> = BTreeMap::new();
    let mut taken: BTreeSet<String> = BTreeSet::new();
    model
        .types
        .iter()
        .map(|def| {
            let owner = owner(def);
            stems
                .entry(owner.clone())
                .or_insert_with(|| {
                    let base = owner.to_snake_case();
                    let mut stem = base.clone();
                    let mut n = 2;
                    while !taken.insert(stem.clone()) {
                        stem = format!("{base}_{n}");
                        n += 1;
                    }
                    stem
                })
                .clone()
        })
        .collect()
}

/// Gathers items by part, parts in order of first appearance; parts with no items are left out.
pub fn group(items: impl IntoIterator<Item = (String, TokenStream)>) -> Vec<(String, TokenStream)> {
    let mut parts: Vec<(String, TokenStream)> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for (stem, tokens) in items {
        if tokens.is_empty() {
            continue;
        }
        match index.get(&stem) {
            Some(&at) => parts[at].1.extend(tokens),
            None => {
                index.insert(stem.clone(), parts.len());
                parts.push((stem, tokens));
            }
        }
    }
    parts
}

/// `include!("dir/stem.rs");` for each part, in order.
pub fn includes(dir: &str, parts: &[(String, TokenStream)]) -> TokenStream {
    let paths = parts.iter().map(|(stem, _)| format!("{dir}/{stem}.rs"));
    quote!(#(include!(#paths);)*)
}
