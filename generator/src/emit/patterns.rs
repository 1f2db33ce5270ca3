//! The compiled regular expressions of a generated validation file, declared once each at module
//! level and shared by every check that uses them.

use heck::ToShoutySnakeCase;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeMap;

#[derive(Default)]
pub struct Patterns {
    /// (hint, pattern) -> static name, so the slow and fast paths share one static.
    declared: BTreeMap<(String, String), Ident>,
    names: std::collections::BTreeSet<String>,
    statics: Vec<TokenStream>,
}

impl Patterns {
    /// The static holding `pattern`, named after where it is used (`USER_NAME_PATTERN`).
    pub fn declare(&mut self, hint: &str, pattern: &str) -> Ident {
        let key = (hint.to_owned(), pattern.to_owned());
        if let Some(name) = self.declared.get(&key) {
            return name.clone();
        }
        let base = format!("{}_PATTERN", hint.to_shouty_snake_case());
        let mut name = base.clone();
        let mut n = 2;
        while !self.names.insert(name.clone()) {
            name = format!("{base}_{n}");
            n += 1;
        }
        let name = format_ident!("{}", name);
        let doc = format!(" `{pattern}`");
        self.statics.push(quote! {
            #[doc = #doc]
            static #name: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
                regex::Regex::new(#pattern).expect("the generator checked that this pattern compiles")
            });
        });
        self.declared.insert(key, name.clone());
        name
    }

    pub fn statics(&self) -> &[TokenStream] {
        &self.statics
    }
}
