//! `TokenStream` -> formatted source: parsed by syn, printed by prettyplease, with the preamble
//! that marks the file as generated.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::parse::Parser;

/// Formats the first items of a generated Rust file, after the preamble.
pub fn render(tokens: TokenStream, spec_name: &str) -> Result<String, String> {
    let mut text = preamble(spec_name);
    text.push_str(&render_items(tokens)?);
    Ok(text)
}

/// Formats items that begin or continue a file. A parse failure is a bug in an emitter, so the
/// error carries the raw tokens for the report in debug builds (tests, the debug xtask).
/// Release builds do not keep that copy: syn can only take the tokens by value, and a second
/// owner makes it copy every token list it walks, about a tenth of the time.
pub fn render_items(tokens: TokenStream) -> Result<String, String> {
    let mut text = String::new();
    // A list of one-line items that follows a block is set off from it, as a block is.
    let mut after_block = false;
    for item in top_level_items(tokens) {
        let kept = cfg!(debug_assertions).then(|| item.clone());
        let printed = print_item_by_item.parse2(item).map_err(|error| {
            let tokens = kept.map_or_else(
                || "(build in debug mode to see them)".to_owned(),
                |tokens| tokens.to_string(),
            );
            format!("generated tokens do not parse as Rust ({error}); this is a generator bug.\nTokens:\n{tokens}")
        })?;
        for (apart, printed) in printed {
            if apart || after_block {
                text.push('\n');
            }
            after_block = apart;
            text.push_str(&printed);
        }
    }
    Ok(text)
}

/// The tokens cut after each top-level item, so that syn is handed one item at a time: it
/// copies whatever it parses into a buffer of its own first, and that copy of a whole file
/// was held beside its tokens. An item ends at a `;`, or at a `{ ... }` followed by the start
/// of another item (an attribute or an item's first keyword) or by nothing. A cut that did
/// not fall between items would fail to parse and be reported, never printed wrong; a `{ ...
/// }` followed by anything else leaves its item whole (`Pattern { ... };`).
fn top_level_items(tokens: TokenStream) -> Vec<TokenStream> {
    let mut items = Vec::new();
    let mut item = Vec::new();
    let mut trees = tokens.into_iter().peekable();
    while let Some(tree) = trees.next() {
        let ends = match &tree {
            TokenTree::Punct(punct) => punct.as_char() == ';',
            TokenTree::Group(group) => {
                group.delimiter() == Delimiter::Brace
                    && match trees.peek() {
                        None => true,
                        Some(TokenTree::Punct(punct)) => punct.as_char() == '#',
                        Some(TokenTree::Ident(ident)) => {
                            ITEM_STARTS.iter().any(|start| ident == start)
                        }
                        Some(_) => false,
                    }
            }
            TokenTree::Ident(_) | TokenTree::Literal(_) => false,
        };
        item.push(tree);
        if ends {
            items.push(item.drain(..).collect());
        }
    }
    if !item.is_empty() {
        items.push(item.into_iter().collect());
    }
    items
}

/// The words an item may begin with, after its attributes.
const ITEM_STARTS: &[&str] = &[
    "pub",
    "fn",
    "struct",
    "enum",
    "union",
    "impl",
    "trait",
    "use",
    "mod",
    "const",
    "static",
    "type",
    "async",
    "unsafe",
    "extern",
    "include",
    "macro_rules",
];

/// Parses and prints a file one item at a time, so that only one item's syntax tree is ever
/// held: a whole file's tree is several times the size of its tokens. prettyplease ends every
/// item with a hard break, so the pieces join to exactly what printing the whole file gives;
/// each comes with whether it is more than a line ([`stands_apart`]), for the blank lines.
fn print_item_by_item(input: syn::parse::ParseStream<'_>) -> syn::Result<Vec<(bool, String)>> {
    let mut file = syn::File {
        shebang: None,
        frontmatter: None,
        attrs: input.call(syn::Attribute::parse_inner)?,
        items: Vec::new(),
    };
    let mut printed = Vec::new();
    if !file.attrs.is_empty() {
        printed.push((false, prettyplease::unparse(&file)));
        file.attrs.clear();
    }
    while !input.is_empty() {
        let item: syn::Item = input.parse()?;
        let apart = stands_apart(&item);
        file.items = vec![item];
        printed.push((apart, prettyplease::unparse(&file)));
    }
    Ok(printed)
}

/// Whether an item gets a blank line before it: all but the one-line kinds that read as a
/// list (`use`, `mod name;`, a macro call), which stay together.
fn stands_apart(item: &syn::Item) -> bool {
    match item {
        syn::Item::Use(_) | syn::Item::Macro(_) => false,
        syn::Item::Mod(module) => module.content.is_some(),
        _ => true,
    }
}

/// The item of a wrapper made by [`super::parts::spliced_item`] (`trait Spliced { ... }`
/// or `impl Spliced { ... }`) as prettyplease prints it there: the lines between the
/// wrapper's first and last.
pub fn render_spliced(tokens: TokenStream) -> Result<String, String> {
    let file = syn::parse2::<syn::File>(tokens).map_err(|error| {
        format!("spliced tokens do not parse as Rust ({error}); this is a generator bug")
    })?;
    let text = prettyplease::unparse(&file);
    text.split_once('\n')
        .and_then(|(_, rest)| rest.strip_suffix("}\n"))
        .map(str::to_owned)
        .ok_or_else(|| {
            format!("spliced items did not print as one trait or impl; this is a generator bug:\n{text}")
        })
}

/// The first line of every generated Rust file.
pub fn preamble(spec_name: &str) -> String {
    format!("// Generated by cargo xtask codegen from {spec_name}. Do not edit by hand.\n")
}

#[cfg(test)]
mod tests {
    use super::{preamble, render, render_items, render_spliced};
    use crate::output::parts::{splice_marker, spliced_item, SPLICE_LINE};
    use proc_macro2::TokenStream;
    use quote::{format_ident, quote};

    /// Items printed one by one and spliced in place of the marker give what printing the whole
    /// trait or `impl` gives.
    fn assert_spliced_prints_whole(head: TokenStream, wrapper: TokenStream, items: &[TokenStream]) {
        let whole = render(quote!(#head { #(#items)* }), "x.yaml").unwrap();
        let spliced: String = items
            .iter()
            .map(|item| render_spliced(spliced_item(wrapper.clone(), item.clone())).unwrap())
            .collect();
        let marker = splice_marker();
        let marked = render(quote!(#head { #marker }), "x.yaml").unwrap();
        assert!(marked.contains(SPLICE_LINE), "{marked}");
        assert_eq!(marked.replacen(SPLICE_LINE, &spliced, 1), whole);
    }

    /// `count` operations' items made by `item` from a name, a doc line and a parameters type
    /// whose name grows with `i`, so that some signatures fit a line and some wrap.
    fn numbered(
        count: usize,
        item: impl Fn(proc_macro2::Ident, String, proc_macro2::Ident) -> TokenStream,
    ) -> Vec<TokenStream> {
        (0..count)
            .map(|i| {
                let params = format_ident!("{}Params", "Operation".repeat(i % 7));
                item(
                    format_ident!("operation_{i}"),
                    format!(" `operation_{i}`."),
                    params,
                )
            })
            .collect()
    }

    /// The cuts fall between items only: a `{ ... }` ends an item where another begins, not
    /// where `;` or an operator follows it.
    #[test]
    fn tokens_are_cut_after_each_top_level_item() {
        let tokens = quote! {
            #![allow(dead_code)]
            /// A.
            pub struct A { a: u8 }
            static P: A = A { a: 1 };
            const B: u8 = { 1 } + 1;
            const D: u16 = match 1 { _ => 2 } as u16;
            use std::{fmt, io};
            impl A { fn f() {} }
            #[derive(Debug)]
            struct C;
            macro_rules! m { () => {} }
            include!("part.rs");
            mod inner {}
        };
        let items: Vec<String> = super::top_level_items(tokens)
            .iter()
            .map(|item| item.to_string())
            .collect();
        assert_eq!(
            items,
            [
                "# ! [allow (dead_code)] # [doc = r\" A.\"] pub struct A { a : u8 }",
                "static P : A = A { a : 1 } ;",
                "const B : u8 = { 1 } + 1 ;",
                "const D : u16 = match 1 { _ => 2 } as u16 ;",
                "use std :: { fmt , io } ;",
                "impl A { fn f () { } }",
                "# [derive (Debug)] struct C ;",
                "macro_rules ! m { () => { } }",
                "include ! (\"part.rs\") ;",
                "mod inner { }",
            ]
        );
    }

    #[test]
    fn spliced_items_print_as_the_whole_trait_or_impl_would() {
        let signatures = numbered(600, |name, doc, params| {
            quote! {
                #[doc = #doc]
                #[doc = ""]
                fn #name(&self, context: RequestContext, params: #params) -> impl Future<Output = Result<(), ServiceError>> + Send;
            }
        });
        assert_spliced_prints_whole(
            quote!(pub trait Service: Send + Sync + 'static),
            quote!(trait Spliced),
            &signatures,
        );
        let methods = numbered(40, |name, doc, params| {
            quote! {
                #[doc = #doc]
                pub async fn #name(&self, params: &#params) -> Result<Answer, ClientError> {
                    let value = match params.x {
                        Some(x) => x,
                        None => return Err(ClientError::new()),
                    };
                    self.call(value).await
                }
            }
        });
        assert_spliced_prints_whole(quote!(impl Client), quote!(impl Spliced), &methods);
    }

    /// Items printed one at a time, and pieces appended to a begun file, give exactly what
    /// rendering the whole file gives, which is prettyplease's text with a blank line before
    /// each item but `use`, `mod name;` and macro lines: module docs, attributes, items that
    /// fit a line and items that wrap, nested modules.
    #[test]
    fn a_file_printed_item_by_item_or_in_pieces_is_the_whole_file_printed() {
        let long_fields = (0..12).map(|i| format_ident!("a_rather_long_field_name_{i}"));
        let pieces = [
            quote! {
                //! The module's doc.
                #![allow(clippy::single_match)]
                use crate::errors::{Pointer, ValidationError};
                /// A struct.
                #[derive(Debug, Clone)]
                pub struct Short { pub a: i32 }
            },
            quote! {
                impl Short {
                    pub fn call(&self) -> i32 { helper(self.a, #(#long_fields),*) }
                }
                mod inner { include!("inner/part.rs"); }
            },
            quote! {
                pub enum Choice { One, Two(String) }
                const TABLE: &[(&str, u8)] = &[("one", 1), ("two", 2)];
                static PATTERN: Pattern = Pattern { source: "^a$", spec: "^a$" };
                use crate::checks::{self, Pattern};
                const _: () = { let _ = 1; };
                impl Choice {} fn after() {}
            },
        ];
        let whole: TokenStream = pieces.iter().cloned().collect();
        let file = syn::parse2::<syn::File>(whole.clone()).unwrap();
        let expected = render(whole, "x.yaml").unwrap();
        let without_blank_lines = expected.replace("\n\n", "\n");
        let printed_whole = format!("{}{}", preamble("x.yaml"), prettyplease::unparse(&file));
        assert_eq!(without_blank_lines, printed_whole);
        assert!(
            expected.contains("ValidationError};\n\n/// A struct."),
            "{expected}"
        );
        assert!(expected.contains("mod inner {\n    include!"), "{expected}");
        assert!(expected.contains("}\n\nfn after() {}"), "{expected}");
        assert!(
            expected.contains("};\n\nuse crate::checks::{self, Pattern};"),
            "{expected}"
        );
        let [first, rest @ ..] = pieces;
        let mut appended = render(first, "x.yaml").unwrap();
        for piece in rest {
            appended.push_str(&render_items(piece).unwrap());
        }
        assert_eq!(appended, expected);
    }
}
