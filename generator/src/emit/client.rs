//! The `client` file (feature `client`): a typed async client over reqwest (rustls) with one
//! method per operation, bearer authentication from a fixed token or a provider, validation
//! before sending, decoded Graph errors, and bounded retries on 429 and 503.

use super::{doc_lines, features, ident, qualified_nullable_type};
use crate::ir::{BodyContent, Model, Operation, Response, ResponseBody};
use crate::output::parts::{self, Export, Sink};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn emit(model: &Model, sink: &mut Sink<'_>) -> TokenStream {
    // A part's methods stand in one `impl` block, which would be printed whole: they are
    // printed one by one and spliced in, as the `Service` trait's are.
    let mut includes = TokenStream::new();
    let marker = parts::splice_marker();
    for (stem, members) in parts::groups(model.operations.iter().map(|op| op.group.clone())) {
        sink(&stem, parts::part_prelude());
        sink(&stem, quote!(impl Client { #marker }));
        let into = parts::spliced_into(&stem);
        for index in members {
            let method = method(model, &model.operations[index]);
            sink(&into, parts::spliced_item(quote!(impl Spliced), method));
        }
        includes.extend(parts::module(
            &stem,
            Export::Nothing,
            &features::of_group(model, &stem),
        ));
    }
    let models_import = super::models_import(model, false);
    quote! {
        //! The client side: [`Client`] calls every operation of the spec (feature `client`).

        #models_import
        use crate::operations::*;
        pub use crate::runtime::client::{
            BoxError, ClientBuilder, ClientError, RetryPolicy, TokenProvider, Transport,
        };

        /// Calls every operation of the spec; cheap to clone (clones share connections).
        #[derive(Debug, Clone)]
        pub struct Client {
            transport: Transport,
        }

        impl Client {
            /// A builder for a client of the service at `base_url` (such as
            /// `https://graph.microsoft.com/beta`).
            pub fn builder(base_url: impl Into<String>) -> ClientBuilder<Client> {
                ClientBuilder::new(base_url)
            }
        }

        impl From<Transport> for Client {
            fn from(transport: Transport) -> Self {
                Client { transport }
            }
        }

        #includes
    }
}

/// Whether a status matches a success response: exactly, or within its range (`2XX`).
fn status_pattern(response: &Response) -> TokenStream {
    match response
        .key
        .strip_suffix("XX")
        .and_then(|d| d.parse::<u16>().ok())
    {
        Some(range) => {
            let low = range * 100;
            let high = low + 99;
            quote!(#low..=#high)
        }
        None => {
            let status = response.status;
            quote!(#status)
        }
    }
}

fn method(model: &Model, op: &Operation) -> TokenStream {
    let name = ident(&op.rust_name);
    let params = format_ident!("{}Params", op.type_name);
    let response = format_ident!("{}Response", op.type_name);
    // Error bodies are JSON whatever the success is, so JSON is always acceptable.
    let mut accepted: Vec<&str> = Vec::new();
    for success in &op.successes {
        let media = match &success.body {
            ResponseBody::Text(_) => "text/plain",
            ResponseBody::Binary(media) => media.as_str(),
            ResponseBody::Json(_) | ResponseBody::Empty => continue,
        };
        if !accepted.contains(&media) {
            accepted.push(media);
        }
    }
    accepted.push("application/json");
    let accept = accepted.join(", ");
    let mut text = op.doc.clone().unwrap_or_else(|| format!("`{}`.", op.id));
    text.push_str(&format!("\n\n`{} {}`", op.method.as_str(), op.path));
    match &super::credentials_taken(op)[..] {
        [] => {}
        [way] => text.push_str(&format!("\n\nThe client sends its token as {way}.")),
        ways => text.push_str(&format!(
            "\n\nThe service takes {}; the client sends its token as the first.",
            ways.join(", or ")
        )),
    }
    if !op.unchecked_security.is_empty() {
        text.push_str(&format!(
            "\n\nThe spec's security names {}, which this client does not send.",
            op.unchecked_security.join("; ")
        ));
    }
    if let Some(body_doc) = op.body.as_ref().and_then(|body| body.doc.as_deref()) {
        text.push_str(&format!("\n\nRequest body: {body_doc}"));
    }
    let checked = |body: &crate::ir::Body| {
        body.shape().is_some() || matches!(body.content, BodyContent::Multipart(_))
    };
    if op.body.as_ref().is_some_and(checked) {
        text.push_str("\n\nThe body is checked against the spec before it is sent, unless the client was built with `validate_requests(false)`.");
    }
    let doc = doc_lines(&text);
    let (body_param, body, content_type, prelude) = match &op.body {
        None => (quote!(), quote!(None), None, None),
        Some(body) => {
            let required = body.required;
            // A body encoded (and checked) by `encode`, required or optional.
            let encoded = |encode: TokenStream| {
                if required {
                    quote!(Some(#encode?))
                } else {
                    quote!(body.map(|body| #encode).transpose()?)
                }
            };
            // The body's type, the media type it is sent as (JSON's is the call's own), the
            // statements that prepare it, and the bytes sent.
            let (ty, media, prelude, bytes) = match &body.content {
                BodyContent::Json(shape) | BodyContent::JsonOrFields { shape, .. } => {
                    let bytes = encoded(encode_call(model, op, shape));
                    (qualified_nullable_type(shape), None, None, bytes)
                }
                BodyContent::Form(shape) => {
                    let parse = super::body_parser(op);
                    let bytes = encoded(
                        quote!(self.transport.encode_form(body, crate::operations::#parse)),
                    );
                    let form = quote!("application/x-www-form-urlencoded");
                    (qualified_nullable_type(shape), Some(form), None, bytes)
                }
                BodyContent::Text(shape) => {
                    let parse = super::body_parser(op);
                    let bytes = encoded(
                        quote!(self.transport.encode_text(body, crate::operations::#parse)),
                    );
                    (
                        qualified_nullable_type(shape),
                        Some(quote!("text/plain; charset=utf-8")),
                        None,
                        bytes,
                    )
                }
                // Bytes are sent as they are.
                BodyContent::Binary(media) => {
                    let bytes = if required {
                        quote!(Some(body.to_vec()))
                    } else {
                        quote!(body.map(<[u8]>::to_vec))
                    };
                    (quote!([u8]), Some(quote!(#media)), None, bytes)
                }
                // The Content-Type carries the boundary the encoding chose.
                BodyContent::Multipart(parts) => {
                    let name = format_ident!("{}", parts.type_name);
                    let parse = super::body_parser(op);
                    let encode = quote! {
                        self.transport.check_multipart(crate::multipart::encode(&body.to_parts()), crate::operations::#parse)?
                    };
                    let (prelude, bytes) = if required {
                        (
                            quote!(let (content_type, body) = #encode;),
                            quote!(Some(body)),
                        )
                    } else {
                        let prelude = quote! {
                            let (content_type, body) = match body {
                                Some(body) => {
                                    let (content_type, bytes) = #encode;
                                    (content_type, Some(bytes))
                                }
                                None => (String::new(), None),
                            };
                        };
                        (prelude, quote!(body))
                    };
                    (
                        quote!(#name),
                        Some(quote!(content_type)),
                        Some(prelude),
                        bytes,
                    )
                }
            };
            let param = if required {
                quote!(, body: &#ty)
            } else {
                quote!(, body: Option<&#ty>)
            };
            (param, bytes, media, prelude)
        }
    };
    let arms = op.successes.iter().map(|success| {
        let pattern = status_pattern(success);
        let variant = format_ident!("{}", success.variant);
        match &success.body {
            ResponseBody::Text(_) => quote!(#pattern => answer.text().map(#response::#variant),),
            ResponseBody::Json(_) => quote!(#pattern => answer.json().map(#response::#variant),),
            ResponseBody::Binary(_) => quote!(#pattern => Ok(#response::#variant(answer.body)),),
            ResponseBody::Empty => quote!(#pattern => Ok(#response::#variant),),
        }
    });
    let call = match content_type {
        Some(media) => quote!(self.transport.call_with(params, #accept, #media, #body)),
        None => quote!(self.transport.call(params, #accept, #body)),
    };
    let arms: Vec<TokenStream> = arms.collect();
    let next = next_page(model, op, &accept, &arms);
    let items = next
        .is_some()
        .then(|| super::paging::items_method(model, op))
        .flatten();
    quote! {
        #doc
        pub async fn #name(&self, params: &#params #body_param) -> Result<#response, ClientError> {
            #prelude
            let answer = #call.await?;
            match answer.status {
                #(#arms)*
                _ => Err(answer.into_error()),
            }
        }

        #next

        #items
    }
}

/// `<operation>_next(link)` for a GET whose success is a page of a collection (a struct with
/// an `@odata.nextLink`): the page the link names, decoded as the operation's answer. Left out
/// when another operation has that name.
fn next_page(
    model: &Model,
    op: &Operation,
    accept: &str,
    arms: &[TokenStream],
) -> Option<TokenStream> {
    let pages = super::paging::page(model, op).is_some();
    let name = crate::lower::names::joined(&[&op.rust_name, "next"]);
    if !pages || model.operations.iter().any(|other| other.rust_name == name) {
        return None;
    }
    let name = format_ident!("{}", name);
    let params = format_ident!("{}Params", op.type_name);
    let response = format_ident!("{}Response", op.type_name);
    let doc = doc_lines(&format!(
        "The next page of [`Client::{}`]: the page an `@odata.nextLink` it answered names, its parameters already in the link. A link to another origin than the client's base URL is refused unsent.",
        op.rust_name.trim_start_matches("r#")
    ));
    Some(quote! {
        #doc
        pub async fn #name(&self, next_link: &str) -> Result<#response, ClientError> {
            let answer = self.transport.follow::<#params>(next_link, #accept).await?;
            match answer.status {
                #(#arms)*
                _ => Err(answer.into_error()),
            }
        }
    })
}

/// The call encoding `body` and checking it before sending: with the schema's `Validate` for a
/// named type, else with the operation's own body parser, which checks every rule of any shape.
fn encode_call(model: &Model, op: &Operation, shape: &crate::ir::Shape) -> TokenStream {
    if model.validated_type(shape).is_some() {
        quote!(self.transport.encode_validated(body))
    } else {
        let parse = super::body_parser(op);
        quote!(self.transport.encode_parsed(body, crate::operations::#parse))
    }
}
