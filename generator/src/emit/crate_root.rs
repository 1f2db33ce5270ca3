//! The crate root (`lib.rs`): crate docs from the spec, lints, and the module list.

use super::inner_doc_lines;
use crate::ir::Model;
use proc_macro2::TokenStream;
use quote::quote;

pub fn emit(model: &Model) -> TokenStream {
    let mut text = model.title.clone();
    if let Some(description) = &model.description {
        text.push_str("\n\n");
        text.push_str(description);
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
    quote! {
        #inner_docs
        #![forbid(unsafe_code)]
        #![deny(missing_docs)]

        pub mod checks;
        pub mod errors;
        pub mod models;
        pub mod operations;
        #server
        pub mod support;
        pub mod validation;

        pub use errors::{ErrorBody, ValidationError, Violation};
        pub use models::*;
        pub use validation::Validate;
    }
}
