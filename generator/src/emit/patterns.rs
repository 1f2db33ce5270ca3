//! The compiled regular expressions of a generated validation file, declared once each at module
//! level and shared by every check that uses them.

use crate::lower::names::Scope;
use heck::ToShoutySnakeCase;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeMap;

#[derive(Default)]
pub struct Patterns {
    /// Pattern -> static name, so every check of the same pattern (the slow and fast paths, a
    /// shared parameter in each operation) uses one static.
    declared: BTreeMap<String, Ident>,
    names: Scope,
    statics: Vec<TokenStream>,
}

impl Patterns {
    /// The static holding `pattern`, named after where it is first used (`USER_NAME_PATTERN`).
    pub fn declare(&mut self, hint: &str, pattern: &str) -> Ident {
        if let Some(name) = self.declared.get(pattern) {
            return name.clone();
        }
        let name = self
            .names
            .claim(&format!("{}_PATTERN", hint.to_shouty_snake_case()));
        let name = format_ident!("{}", name);
        let doc = format!(" `{pattern}`");
        self.statics.push(quote! {
            #[doc = #doc]
            static #name: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
                regex::Regex::new(#pattern).expect("the generator checked that this pattern compiles")
            });
        });
        self.declared.insert(pattern.to_owned(), name.clone());
        name
    }

    pub fn statics(&self) -> &[TokenStream] {
        &self.statics
    }
}
