//! Splitting a generated file into parts, one per component schema, so that a change to one
//! schema shows up as a change to its own small files. Each part is a module of the file that
//! re-exports its items, so every item stays at the path it would have in one file, and the
//! parts can be rendered independently.

use crate::ir::{Model, TypeDef};
use crate::lower::names::{file_stem, Scope};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeMap;

/// Where an emitter hands the items of a part (file stem, items) as soon as they are built: the
/// caller renders them, adds them to the part's text (items handed over under one stem follow
/// one another in its file) and drops their tokens before the next are built, so that no spec
/// holds the tokens of a whole file at once.
pub type Sink<'a> = dyn FnMut(&str, TokenStream) + 'a;

/// The stem under which an emitter hands over items that belong inside one item of the file
/// itself, each wrapped by [`spliced_item`]: the methods of a trait or an `impl` too large to
/// parse and print at once. They replace the line [`splice_marker`] renders to, in the
/// order handed over. Not a file stem, so no part can take it; [`spliced_into`] names the
/// same for a part.
pub const SPLICED: &str = "#spliced";

/// The stem under which items spliced into the part `stem` are handed over.
pub fn spliced_into(stem: &str) -> String {
    format!("{SPLICED}/{stem}")
}

/// The file, relative to `dir`, whose marker the items handed over under `stem` replace: `None`
/// for a part's own items; `Some("")` for the file itself.
pub fn splice_target(stem: &str) -> Option<&str> {
    let rest = stem.strip_prefix(SPLICED)?;
    Some(rest.strip_prefix('/').unwrap_or(rest))
}

/// The line the spliced items replace, as prettyplease prints [`splice_marker`] in a trait or
/// an `impl`.
pub const SPLICE_LINE: &str = "    const __SPLICED_ITEMS__: () = ();\n";

/// The item that marks, in a trait or an `impl`, where the spliced items go (a constant, which
/// both may hold and prettyplease prints in both).
pub fn splice_marker() -> TokenStream {
    quote!(
        const __SPLICED_ITEMS__: () = ();
    )
}

/// An item wrapped in a trait or `impl` of its own (`wrapper`, `trait Spliced` or `impl
/// Spliced`) to be printed exactly as it will stand in the real one. Items go one at a time,
/// because the tokens and syntax tree of what is printed, many times its text, are held meanwhile.
pub fn spliced_item(wrapper: TokenStream, item: TokenStream) -> TokenStream {
    quote!(#wrapper { #item })
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
    let mut taken = Scope::new();
    model
        .types
        .iter()
        .map(|def| {
            let owner = owner(def);
            stems
                .entry(owner.clone())
                .or_insert_with(|| taken.claim(&file_stem(&owner)))
                .clone()
        })
        .collect()
}

/// The indices of the items in each part, parts in order of first appearance.
pub fn groups(stems: impl IntoIterator<Item = String>) -> Vec<(String, Vec<usize>)> {
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for (item, stem) in stems.into_iter().enumerate() {
        match index.get(&stem) {
            Some(&at) => groups[at].1.push(item),
            None => {
                index.insert(stem.clone(), groups.len());
                groups.push((stem, vec![item]));
            }
        }
    }
    groups
}

/// Hands each group's items to `sink` as each member gives them (one or several pieces),
/// leaving out empty pieces, and returns the stems handed over, in order.
pub fn hand_over<Items: IntoIterator<Item = TokenStream>>(
    groups: Vec<(String, Vec<usize>)>,
    mut items: impl FnMut(usize) -> Items,
    sink: &mut Sink<'_>,
) -> Vec<String> {
    let mut handed = Vec::new();
    for (stem, members) in groups {
        let mut any = false;
        for member in members {
            for tokens in items(member) {
                any |= hand(sink, &stem, tokens);
            }
        }
        if any {
            handed.push(stem);
        }
    }
    handed
}

/// Hands `tokens` to `sink` under `stem` unless there are none; whether it did.
pub fn hand(sink: &mut Sink<'_>, stem: &str, tokens: TokenStream) -> bool {
    let any = !tokens.is_empty();
    if any {
        sink(stem, tokens);
    }
    any
}

/// How a file brings its parts' items into its own namespace.
#[derive(Clone, Copy)]
pub enum Export {
    /// `pub use part::*;`: the items are the file's public API (models, operations).
    Public,
    /// `pub(crate) use part::*;`: other modules name them (validation's mirrors).
    Crate,
    /// `use part::*;`: the file's own code names them (the server's handlers).
    Private,
    /// Nothing: the parts hold `impl` blocks only (the client's methods).
    Nothing,
}

/// `mod stem;` and the `use` of its items `export` asks for, so that every item stays at the
/// path it would have in one file; both under `gate` (a `#[cfg(...)]`, or nothing).
pub fn module(stem: &str, export: Export, gate: &TokenStream) -> TokenStream {
    let name = format_ident!("{}", stem);
    let uses = match export {
        Export::Public => quote!(#gate pub use #name::*;),
        Export::Crate => quote!(#gate pub(crate) use #name::*;),
        Export::Private => quote!(#gate use #name::*;),
        Export::Nothing => quote!(),
    };
    quote!(#gate mod #name; #uses)
}

/// What every part's file begins with: its parent's names (the models, the runtime's items,
/// the file's imports and the other parts'), as if it were still part of the parent's text.
pub fn part_prelude() -> TokenStream {
    quote!(
        use super::*;
    )
}
