//! `<operation>_items(params)`: a `Stream` of every item of a paged collection, beside the
//! page-by-page `<operation>` and `<operation>_next(link)`.

use super::{ident, qualified_nullable_type};
use crate::ir::{Field, Method, Model, Operation, Presence, ResponseBody, ShapeKind, TypeKind};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The success response of a GET whose body is a page of a collection (a struct with an
/// `@odata.nextLink`): its variant and the page's fields. The client's `<operation>_next` and
/// `<operation>_items` are made for it.
pub fn page<'m>(model: &'m Model, op: &'m Operation) -> Option<(&'m String, &'m [Field])> {
    if op.method != Method::Get {
        return None;
    }
    op.successes.iter().find_map(|success| {
        let ResponseBody::Json(shape) = &success.body else {
            return None;
        };
        let ShapeKind::Named(name) = &shape.kind else {
            return None;
        };
        match &model.find(name)?.kind {
            TypeKind::Struct(s) if s.fields.iter().any(|f| f.wire_name == NEXT_LINK) => {
                Some((&success.variant, s.fields.as_slice()))
            }
            _ => None,
        }
    })
}

const NEXT_LINK: &str = "@odata.nextLink";

/// The method, for an operation that has `<operation>_next` and whose page type holds its
/// items in a `value` array; none when another operation has the method's name.
pub fn items_method(model: &Model, op: &Operation) -> Option<TokenStream> {
    let (variant, fields) = page(model, op)?;
    let value = fields.iter().find(|f| f.wire_name == "value")?;
    let ShapeKind::Array(item) = &value.shape.kind else {
        return None;
    };
    let link = fields.iter().find(|f| f.wire_name == NEXT_LINK)?;
    let name = crate::lower::names::joined(&[&op.rust_name, "items"]);
    if model.operations.iter().any(|other| other.rust_name == name) {
        return None;
    }
    let item_type = qualified_nullable_type(item);
    let value_field = ident(&value.rust_name);
    let items = match value.presence() {
        Presence::Required => quote!(page.#value_field),
        Presence::RequiredNullable | Presence::Optional => {
            quote!(page.#value_field.unwrap_or_default())
        }
        Presence::OptionalNullable => quote!(page.#value_field.flatten().unwrap_or_default()),
    };
    let link_field = ident(&link.rust_name);
    let next_link = match link.presence() {
        Presence::Required => quote!(Some(page.#link_field)),
        Presence::RequiredNullable | Presence::Optional => quote!(page.#link_field),
        Presence::OptionalNullable => quote!(page.#link_field.flatten()),
    };
    let name = format_ident!("{}", name);
    let first = ident(&op.rust_name);
    let next = format_ident!("{}", crate::lower::names::joined(&[&op.rust_name, "next"]));
    let params = format_ident!("{}Params", op.type_name);
    let response = format_ident!("{}Response", op.type_name);
    let variant = format_ident!("{}", variant);
    let others = (op.successes.len() > 1)
        .then(|| quote!(_ => crate::runtime::client::Page { items: Vec::new(), next_link: None },));
    let doc = super::doc_lines(&format!(
        "Every item of [`Client::{}`], across its pages: each next page is read with [`Client::{}`] as the page before links it, at most `MAX_PAGES` pages. An error (a link to another origin among them, refused unsent) is the stream's last item.",
        op.rust_name.trim_start_matches("r#"),
        next.to_string().trim_start_matches("r#")
    ));
    Some(quote! {
        #doc
        pub fn #name<'c>(&'c self, params: &#params) -> impl crate::runtime::client::Stream<Item = Result<#item_type, ClientError>> + Send + 'c {
            let page = |answer: #response| match answer {
                #response::#variant(page) => crate::runtime::client::Page { items: #items, next_link: #next_link },
                #others
            };
            let params = params.clone();
            crate::runtime::client::items(
                Box::pin(async move { self.#first(&params).await.map(page) }),
                move |link| Box::pin(async move { self.#next(&link).await.map(page) }),
            )
        }
    })
}
