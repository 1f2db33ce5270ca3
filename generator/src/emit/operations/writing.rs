//! Parameters on the client: the path, and the query, header and cookie pairs a params
//! struct is sent as.

use super::super::{ident, joined_ident};
use super::reading::scalar_or_list_kinds;
use super::struct_fields;
use crate::ir::{Model, ObjectStyle, Operation, Param, ParamLocation, Presence, ShapeKind};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// `path()`: the path with each parameter percent-encoded as one RFC 3986 segment.
pub(super) fn path_builder(model: &Model, op: &Operation) -> TokenStream {
    if !op.path.contains('{') {
        let path = &op.path;
        return quote! {
            fn path(&self) -> String {
                #path.to_owned()
            }
        };
    }
    // The template with each parameter a `{name_segment}` of `format!`, and the statements
    // that encode those segments.
    let mut template = String::new();
    let mut segments = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(open) = rest.find('{') {
        template.push_str(&format_escaped(&rest[..open]));
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let name = &rest[open + 1..open + close];
        if let Some(param) = op
            .params
            .iter()
            .find(|p| p.location == ParamLocation::Path && p.wire_name == name)
        {
            let field = ident(&param.rust_name);
            let lists = matches!(param.shape.kind, ShapeKind::Array(_))
                || scalar_or_list_kinds(model, &param.shape).is_some();
            let text = if param.json {
                quote!(crate::runtime::support::param_json(&self.#field))
            } else if lists {
                quote!(crate::runtime::support::param_simple(&self.#field))
            } else {
                quote!(crate::runtime::support::param_text(&self.#field))
            };
            let segment = joined_ident(&[&param.rust_name, "segment"]);
            template.push_str(&format!("{{{segment}}}"));
            segments.push(quote!(let #segment = crate::runtime::support::path_segment(&#text);));
        }
        rest = &rest[open + close + 1..];
    }
    template.push_str(&format_escaped(rest));
    quote! {
        fn path(&self) -> String {
            #(#segments)*
            format!(#template)
        }
    }
}

/// Literal path text as a `format!` string writes it: braces doubled.
fn format_escaped(literal: &str) -> String {
    literal.replace('{', "{{").replace('}', "}}")
}

/// The pairs an object parameter (`value`, a reference to its struct) is sent as: a key per
/// property (`low=1`, or `range[low]=1` for `deepObject`), or one key with the properties and
/// their values in a comma-separated list (`range=low,1,high,5`).
fn object_pushes(model: &Model, param: &Param) -> TokenStream {
    let wire = &param.wire_name;
    let entries = match param.object {
        Some(ObjectStyle::Entries) => Some(quote!(key.as_str())),
        Some(ObjectStyle::DeepEntries) => {
            let key = format!("{wire}[{{key}}]");
            Some(quote!(format!(#key)))
        }
        _ => None,
    };
    if let Some(key) = entries {
        // Any JSON value may stand in a free-form object: a list goes as its items.
        return if param.shape.kind == ShapeKind::AnyObject {
            quote! {
                for (key, item) in value {
                    for text in crate::runtime::support::param_texts(item) {
                        pairs.push((#key, text));
                    }
                }
            }
        } else {
            quote! {
                for (key, item) in value {
                    pairs.push((#key, crate::runtime::support::param_text(item)));
                }
            }
        };
    }
    let fields = struct_fields(model, &param.shape);
    if param.object == Some(ObjectStyle::Delimited) {
        let items = fields.iter().map(|field| {
            let (name, rust) = (&field.wire_name, ident(&field.rust_name));
            match field.presence() {
                Presence::Required => quote! {
                    items.push(#name.to_owned());
                    items.push(crate::runtime::support::param_text(&value.#rust));
                },
                presence => {
                    let item = present_item(presence);
                    quote! {
                        if let #item = &value.#rust {
                            items.push(#name.to_owned());
                            items.push(crate::runtime::support::param_text(item));
                        }
                    }
                }
            }
        });
        return quote! {
            let mut items: Vec<String> = Vec::new();
            #(#items)*
            pairs.push((#wire, items.join(",")));
        };
    }
    let pushes = fields.iter().map(|field| {
        let rust = ident(&field.rust_name);
        let key = match param.object {
            Some(ObjectStyle::Deep) => format!("{wire}[{}]", field.wire_name),
            _ => field.wire_name.clone(),
        };
        match field.presence() {
            Presence::Required => {
                quote!(pairs.push((#key, crate::runtime::support::param_text(&value.#rust)));)
            }
            presence => {
                let item = present_item(presence);
                quote! {
                    if let #item = &value.#rust {
                        pairs.push((#key, crate::runtime::support::param_text(item)));
                    }
                }
            }
        }
    });
    quote!(#(#pushes)*)
}

/// The pattern that takes an object parameter's field apart when it is sent: `null` has no
/// text in a query, so an optional nullable field is sent only when it holds a value.
fn present_item(presence: Presence) -> TokenStream {
    if presence == Presence::OptionalNullable {
        quote!(Some(Some(item)))
    } else {
        quote!(Some(item))
    }
}

/// `query()` / `headers()` / `cookies()`: name and text of every parameter present at that
/// location; nothing (the trait's default) when the operation has none there.
/// `bracketed_query()` takes the free-form `deepObject`s, whose keys are built, not named.
pub(super) fn pairs_builder(
    model: &Model,
    op: &Operation,
    location: ParamLocation,
    function: &str,
) -> TokenStream {
    let bracketed = function == "bracketed_query";
    let function = format_ident!("{}", function);
    let taken = |param: &&Param| {
        param.location == location && (param.object == Some(ObjectStyle::DeepEntries)) == bracketed
    };
    let pushes = op.params.iter().filter(taken).map(|param| {
        let field = ident(&param.rust_name);
        let wire = &param.wire_name;
        let list_pushes = if param.explode && location.repeats_exploded() {
            quote! {
                for item in items {
                    pairs.push((#wire, item));
                }
            }
        } else {
            let delimiter = param.delimiter.to_string();
            quote!(pairs.push((#wire, items.join(#delimiter)));)
        };
        let push = match &param.shape.kind {
            _ if param.object.is_some() => object_pushes(model, param),
            _ if param.json => quote!(pairs.push((#wire, crate::runtime::support::param_json(value)));),
            _ if scalar_or_list_kinds(model, &param.shape).is_some() => quote! {
                match crate::runtime::support::param_items(value) {
                    Some(items) => {
                        #list_pushes
                    }
                    None => pairs.push((#wire, crate::runtime::support::param_text(value))),
                }
            },
            ShapeKind::Array(_) if param.explode && location.repeats_exploded() => quote! {
                for item in value {
                    pairs.push((#wire, crate::runtime::support::param_text(item)));
                }
            },
            ShapeKind::Array(_) => {
                let delimiter = param.delimiter.to_string();
                quote! {
                    let joined: Vec<String> = value.iter().map(crate::runtime::support::param_text).collect();
                    pairs.push((#wire, joined.join(#delimiter)));
                }
            }
            _ => quote!(pairs.push((#wire, crate::runtime::support::param_text(value)));),
        };
        if param.required {
            quote! {
                let value = &self.#field;
                #push
            }
        } else {
            quote! {
                if let Some(value) = &self.#field {
                    #push
                }
            }
        }
    }).collect::<Vec<_>>();
    if pushes.is_empty() {
        // The trait's default: nothing at this location.
        return quote!();
    }
    // Query keys may be a free-form object's own, borrowed from it, or built from them.
    let key = if bracketed {
        quote!(String)
    } else if location == ParamLocation::Query {
        quote!(&str)
    } else {
        quote!(&'static str)
    };
    quote! {
        fn #function(&self) -> Vec<(#key, String)> {
            let mut pairs = Vec::new();
            #(#pushes)*
            pairs
        }
    }
}
