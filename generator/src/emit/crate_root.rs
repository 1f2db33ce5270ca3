//! The crate root (`lib.rs`): crate docs from the spec, lints, and the module list.

use super::inner_doc_lines;
use crate::ir::Model;
use proc_macro2::TokenStream;
use quote::quote;

/// `vendored`: the runtime is the crate's own `runtime` module, not the runtime crate.
pub fn emit(model: &Model, crate_name: &str, vendored: bool) -> TokenStream {
    let mut text = model.title.clone();
    if let Some(description) = &model.description {
        text.push_str("\n\n");
        text.push_str(description);
    }
    if text.trim().is_empty() {
        // `missing_docs` wants crate docs, and the spec has none to give.
        text = "Generated from an OpenAPI description whose `info` has no title or description."
            .to_owned();
    }
    let use_section = super::front_page::section(model, crate_name);
    if !use_section.is_empty() {
        text.push_str("\n\n");
        text.push_str(&use_section);
    }
    let inner_docs = inner_doc_lines(&text);
    let server = (!model.operations.is_empty()).then(|| {
        quote! {
            #[cfg(feature = "client")]
            pub mod client;
            #[cfg(feature = "server")]
            pub mod server;
        }
    });
    let multipart = model.uses_multipart().then(|| {
        quote!(
            pub use runtime::multipart;
        )
    });
    let runtime = if vendored {
        quote! {
            /// The runtime every generated crate shares, copied in (`--vendor-runtime`): public so
            /// that a helper this spec does not use is not dead code, hidden because what callers
            /// need of it is re-exported where it belongs.
            #[doc(hidden)]
            pub mod runtime;
        }
    } else {
        quote!(
            use openapi_graph_runtime as runtime;
        )
    };

    // A glob that exports nothing is an unused import.
    let models_export = (!model.types.is_empty()).then(|| {
        quote!(
            pub use models::*;
        )
    });
    let reduced_build = super::features::reduced_build_allowance(model);
    quote! {
        #inner_docs
        #![forbid(unsafe_code)]
        #![deny(missing_docs)]
        // The docs are the spec's descriptions, written for readers of the spec, not for
        // rustdoc's and clippy's Markdown rules.
        #![allow(
            clippy::doc_lazy_continuation,
            clippy::doc_overindented_list_items,
            clippy::tabs_in_doc_comments,
            rustdoc::bare_urls,
            rustdoc::broken_intra_doc_links,
            rustdoc::invalid_html_tags
        )]
        // Types nest as deep as the spec's schemas do (an array of arrays nine deep is a
        // published example); no alias would make that simpler to read.
        #![allow(clippy::type_complexity)]
        // Operation methods are named by the spec's operations, whose names follow no Rust
        // convention: Twitter's API has an operation `new`, which takes `&self` as they all do.
        #![allow(clippy::new_ret_no_self, clippy::wrong_self_convention)]
        #reduced_build

        #runtime
        pub use runtime::errors;

        pub mod models;
        #multipart
        pub mod operations;
        #server
        pub mod validation;

        pub use errors::{ErrorBody, ValidationError, Violation};
        #models_export
        pub use validation::Validate;
    }
}
