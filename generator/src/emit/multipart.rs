//! A `multipart/form-data` body's own struct (files as [`FilePart`]s, other parts as their
//! values), the server's parser for it, and the parts the client sends.
//!
//! [`FilePart`]: the generated crate's `multipart::FilePart`

use super::operations::{scalar_kind, text_kind, Checks};
use super::{doc_lines, ident, joined_ident, qualified_nullable_type, serde_field_attr};
use crate::ir::{Model, Multipart, Operation, PartKind, ShapeKind};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// How a value part's text becomes JSON for the checks.
enum Reading<'a> {
    /// One part, read as its kind says.
    Scalar,
    /// One part per item of this shape.
    Items(&'a crate::ir::Shape),
    /// One part of JSON text.
    Json,
}

fn reading<'a>(model: &'a Model, shape: &'a crate::ir::Shape) -> Reading<'a> {
    // An alias reads as what it names: an alias of an array is a part per item.
    if let ShapeKind::Named(name) = &shape.kind {
        if let Some(crate::ir::TypeKind::Alias(inner)) = model.find(name).map(|d| &d.kind) {
            return reading(model, inner);
        }
    }
    match &shape.kind {
        ShapeKind::Array(item) if scalar_like(model, item) => Reading::Items(item),
        _ if scalar_like(model, shape) => Reading::Scalar,
        _ => Reading::Json,
    }
}

/// A string, number, boolean or enum, directly or through aliases: what one part's text holds.
fn scalar_like(model: &Model, shape: &crate::ir::Shape) -> bool {
    match &shape.kind {
        ShapeKind::String(_) | ShapeKind::Integer(_) | ShapeKind::Float(_) | ShapeKind::Boolean => {
            true
        }
        ShapeKind::Named(name) => match model.find(name).map(|d| &d.kind) {
            Some(crate::ir::TypeKind::Enum(_)) => true,
            Some(crate::ir::TypeKind::Alias(inner)) => scalar_like(model, inner),
            _ => false,
        },
        _ => false,
    }
}

/// The struct, its parser and its parts.
pub fn items(model: &Model, op: &Operation, body: &Multipart, checks: &mut Checks) -> TokenStream {
    let name = format_ident!("{}", body.type_name);
    let route = format!("{} {}", op.method.as_str(), op.path);
    let struct_doc = doc_lines(&format!(
        "The parts of the `multipart/form-data` body of `{route}`: files as `FilePart`s, every other part as its value."
    ));
    let fields = body.fields.iter().map(|field| {
        let doc = part_doc(model, field);
        let rust = ident(&field.rust_name);
        let wire = &field.wire_name;
        match &field.kind {
            PartKind::File if field.required => {
                quote!(#doc #[serde(skip)] pub #rust: crate::multipart::FilePart,)
            }
            PartKind::File => {
                quote!(#doc #[serde(skip)] pub #rust: Option<crate::multipart::FilePart>,)
            }
            PartKind::Files => {
                quote!(#doc #[serde(skip)] pub #rust: Vec<crate::multipart::FilePart>,)
            }
            PartKind::Value(shape) => {
                let value = qualified_nullable_type(shape);
                if field.required {
                    let serde = serde_field_attr(wire, &field.rust_name, &[]);
                    quote!(#doc #serde pub #rust: #value,)
                } else {
                    let serde = serde_field_attr(wire, &field.rust_name, &[quote!(default)]);
                    quote!(#doc #serde pub #rust: Option<#value>,)
                }
            }
        }
    });
    // `Default` only when no part is required, so that leaving one out does not compile.
    let default = body
        .fields
        .iter()
        .all(|field| !field.required)
        .then(|| quote!(Default,));
    let parser = parser(model, op, body, checks);
    let to_parts = to_parts(model, body);
    quote! {
        #struct_doc
        #[derive(Debug, Clone, #default PartialEq, serde::Deserialize)]
        pub struct #name {
            #(#fields)*
        }

        #parser
        #to_parts
    }
}

fn parser(model: &Model, op: &Operation, body: &Multipart, checks: &mut Checks) -> TokenStream {
    let function = super::body_parser(op);
    let name = format_ident!("{}", body.type_name);
    let subject = format!("{} body", op.id);
    let doc = doc_lines(&format!(
        "Parses and checks the multipart body of `{} {}`, reporting every violation; `content_type` is the request's, which names the boundary.",
        op.method.as_str(),
        op.path
    ));
    let mut files = Vec::new();
    let reads = body.fields.iter().map(|field| {
        let wire = &field.wire_name;
        let required = field.required;
        match &field.kind {
            PartKind::File | PartKind::Files => {
                let many = matches!(field.kind, PartKind::Files);
                let local = joined_ident(&[&field.rust_name, "parts"]);
                let rust = ident(&field.rust_name);
                files.push(match (&field.kind, required) {
                    (PartKind::Files, _) => quote!(parsed.#rust = #local;),
                    (_, true) => quote!(parsed.#rust = #local.into_iter().next().unwrap_or_default();),
                    (_, false) => quote!(parsed.#rust = #local.into_iter().next();),
                });
                quote! {
                    let #local = parts.files(#wire);
                    reader.read(#wire, "form-data", #required, crate::multipart::Parts::files_sent(&#local, #many), |_, _, _| {});
                }
            }
            PartKind::Value(shape) => {
                // An optional part the schema makes nullable reads its text `null` as absent,
                // so its check admits `null`.
                let null_text = field.nullable && !required;
                let mut checked = shape.as_ref().clone();
                checked.nullable = null_text;
                let sent = match reading(model, shape) {
                    Reading::Scalar => {
                        let kind = text_kind(model, shape, null_text);
                        quote!(parts.text(#wire, #kind))
                    }
                    Reading::Items(item) if required => {
                        // The empty list is no part at all.
                        let kind = scalar_kind(model, item);
                        quote!(parts.texts(#wire, #kind).or_empty_list())
                    }
                    Reading::Items(item) => {
                        let kind = scalar_kind(model, item);
                        quote!(parts.texts(#wire, #kind))
                    }
                    Reading::Json => quote!(parts.json(#wire)),
                };
                let hint = format!("{}_{}", body.type_name, field.rust_name);
                let check = checks.reader_check(model, &checked, &hint);
                quote!(reader.read(#wire, "form-data", #required, #sent, #check);)
            }
        }
    }).collect::<Vec<_>>();
    let undeclared = if body.closed {
        quote! {
            for name in parts.undeclared() {
                reader.undeclared_part(&name);
            }
        }
    } else {
        quote!(drop(parts);)
    };
    let mutable = (!files.is_empty()).then(|| quote!(mut));
    quote! {
        #doc
        pub fn #function(body: &[u8], content_type: &str) -> Result<#name, crate::errors::ValidationError> {
            let mut parts = crate::multipart::Parts::parse(body, content_type, #subject)?;
            let mut reader = crate::runtime::support::ParamReader::default();
            #(#reads)*
            #undeclared
            let #mutable parsed: #name = reader.finish(#subject)?;
            #(#files)*
            Ok(parsed)
        }
    }
}

fn to_parts(model: &Model, body: &Multipart) -> TokenStream {
    let name = format_ident!("{}", body.type_name);
    // Each field as one part (`Ok`, the pair) or as statements pushing its parts (`Err`).
    let fields = body.fields.iter().map(|field| {
        let wire = &field.wire_name;
        let rust = ident(&field.rust_name);
        // `place` is a reference to the value.
        let pair = |place: TokenStream| -> Option<TokenStream> {
            match &field.kind {
                PartKind::File | PartKind::Files => {
                    Some(quote!((#wire, crate::multipart::FilePart::clone(#place))))
                }
                PartKind::Value(shape) => match reading(model, shape) {
                    Reading::Scalar => {
                        Some(quote!((#wire, crate::multipart::FilePart::text(#place))))
                    }
                    Reading::Items(_) => None,
                    Reading::Json => {
                        Some(quote!((#wire, crate::multipart::FilePart::json(#place))))
                    }
                },
            }
        };
        let pushes = |place: TokenStream| match pair(place.clone()) {
            Some(pair) => quote!(parts.push(#pair);),
            None => quote! {
                for item in #place {
                    parts.push((#wire, crate::multipart::FilePart::text(item)));
                }
            },
        };
        match (&field.kind, field.required) {
            (PartKind::Files, _) => Err(quote! {
                for file in &self.#rust {
                    parts.push((#wire, file.clone()));
                }
            }),
            (_, true) => pair(quote!(&self.#rust)).ok_or_else(|| pushes(quote!(&self.#rust))),
            (_, false) => {
                let push = pushes(quote!(value));
                Err(quote! {
                    if let Some(value) = &self.#rust {
                        #push
                    }
                })
            }
        }
    });
    // The leading single parts start the list (an array: prettyplease prints a `vec!`'s
    // tokens as they come), the rest are pushed onto it.
    let mut leading = Vec::new();
    let mut rest = Vec::new();
    for field in fields {
        match field {
            Ok(pair) if rest.is_empty() => leading.push(pair),
            Ok(pair) => rest.push(quote!(parts.push(#pair);)),
            Err(statements) => rest.push(statements),
        }
    }
    let parts = match (leading.is_empty(), rest.is_empty()) {
        (_, true) => quote!(Vec::from([#(#leading),*])),
        (true, false) => quote! {
            let mut parts = Vec::new();
            #(#rest)*
            parts
        },
        (false, false) => quote! {
            let mut parts = Vec::from([#(#leading),*]);
            #(#rest)*
            parts
        },
    };
    quote! {
        impl #name {
            /// The body's parts, in the spec's order, for `multipart::encode`.
            pub fn to_parts(&self) -> Vec<(&'static str, crate::multipart::FilePart)> {
                #parts
            }
        }
    }
}

/// The property's description, if it has one, and how its parts come.
fn part_doc(model: &Model, field: &crate::ir::PartField) -> TokenStream {
    let wire = &field.wire_name;
    let mut text = field
        .doc
        .clone()
        .map(|doc| doc + "\n\n")
        .unwrap_or_default();
    let how = match &field.kind {
        PartKind::File => ", a file",
        PartKind::Files => ", files, a part each",
        PartKind::Value(shape) => match reading(model, shape) {
            Reading::Scalar => "",
            Reading::Items(_) => ", a part per item",
            Reading::Json => ", as JSON text",
        },
    };
    let required = if field.required { ", required" } else { "" };
    text.push_str(&format!("The form-data part `{wire}`{how}{required}."));
    doc_lines(&text)
}
