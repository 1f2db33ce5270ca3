//! The compiled regular expressions of a generated validation file, declared once each at module
//! level and shared by every check that uses them.

use crate::ir::Pattern;
use crate::lower::names::Scope;
use heck::ToShoutySnakeCase;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeMap;

#[derive(Default)]
pub struct Patterns {
    /// The spec's pattern -> static name, so every check of the same pattern (the slow and
    /// fast paths, a shared parameter in each operation) uses one static.
    declared: BTreeMap<String, Ident>,
    names: Scope,
    statics: Vec<TokenStream>,
    /// Which engines the statics use, for [`Patterns::imports`].
    uses_regex: bool,
    uses_backtracking: bool,
}

impl Patterns {
    /// The check of `text` against `pattern`, whose static is named after where it is first
    /// used (`USER_NAME_PATTERN`).
    pub fn check(&mut self, hint: &str, pattern: &Pattern, text: &Ident) -> TokenStream {
        let name = self.declare(hint, pattern);
        if pattern.backtracking {
            quote!(checks_backtracking_pattern::backtracking_pattern(out, at, #text, &#name);)
        } else {
            quote!(checks_pattern::pattern(out, at, #text, &#name);)
        }
    }

    fn declare(&mut self, hint: &str, pattern: &Pattern) -> Ident {
        if let Some(name) = self.declared.get(&pattern.spec) {
            return name.clone();
        }
        let name = self
            .names
            .claim(&format!("{}_PATTERN", hint.to_shouty_snake_case()));
        let name = format_ident!("{}", name);
        let Pattern { spec, source, .. } = pattern;
        let doc = if spec == source {
            format!(" `{spec}`")
        } else {
            format!(" `{spec}`, run as `{source}`")
        };
        let (holder, engine) = if pattern.backtracking {
            self.uses_backtracking = true;
            (
                quote!(checks_backtracking_pattern::BacktrackingPattern),
                quote!(fancy_regex::Regex),
            )
        } else {
            self.uses_regex = true;
            (quote!(checks_pattern::Pattern), quote!(regex::Regex))
        };
        self.statics.push(quote! {
            #[doc = #doc]
            static #name: #holder = #holder {
                spec: #spec,
                regex: std::sync::LazyLock::new(|| {
                    #engine::new(#source).expect("the generator checked that this pattern compiles")
                }),
            };
        });
        self.declared.insert(spec.clone(), name.clone());
        name
    }

    pub fn statics(&self) -> &[TokenStream] {
        &self.statics
    }

    /// The runtime modules the statics and checks name, for the file that holds the statics
    /// (its parts see them through `use super::*;`).
    pub fn imports(&self) -> TokenStream {
        let regex = self.uses_regex.then(|| {
            quote!(
                use crate::runtime::checks_pattern;
            )
        });
        let backtracking = self.uses_backtracking.then(|| {
            quote!(
                use crate::runtime::checks_backtracking_pattern;
            )
        });
        quote!(#regex #backtracking)
    }
}
