//! The `operations` file: for every operation, its parameters as a struct (read and checked
//! from raw text on the server, written out on the client) and its success responses as an enum.
//! Shared by the server and the client, so it needs neither. How parameters are read lives in
//! `reading`, how they are written in `writing`, and the body parsers in `bodies`.

mod bodies;
mod reading;
mod writing;

use bodies::{parse_body, parse_form, parse_json_or_fields, parse_text};
use reading::from_raw;
pub(super) use reading::{scalar_kind, text_kind};
use writing::{pairs_builder, path_builder};

use super::validation::check_statements;
use super::{doc_lines, features, ident, qualified_nullable_type, serde_field_attr};
use crate::ir::{
    BodyContent, EmptyValue, Model, ObjectStyle, Operation, Param, ParamLocation, ResponseBody,
    Shape, ShapeKind, StringFormat, TypeKind,
};
use crate::lower::names::Scope;
use crate::output::parts::{self, Export, Sink};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeMap;

const FORM: &str = "application/x-www-form-urlencoded";
const MULTIPART: &str = "multipart/form-data";

pub fn emit(model: &Model, sink: &mut Sink<'_>) -> TokenStream {
    let mut checks = Checks::default();
    let groups = parts::groups(model.operations.iter().map(|op| op.group.clone()));
    let firsts: Vec<usize> = groups.iter().map(|(_, members)| members[0]).collect();
    let stems = parts::hand_over(
        groups,
        |index| {
            let prelude = firsts.contains(&index).then(parts::part_prelude);
            prelude.into_iter().chain(operation_items(
                model,
                &model.operations[index],
                &mut checks,
            ))
        },
        sink,
    );
    let includes: TokenStream = stems
        .iter()
        .map(|stem| parts::module(stem, Export::Public, &features::of_group(model, stem)))
        .collect();
    let statics = checks.patterns.statics();
    let pattern_imports = checks.patterns.imports();
    let has_params = model.operations.iter().any(|op| !op.params.is_empty());
    let models_import = super::models_import(model, true);
    let raw_import = (!model.operations.is_empty()).then(|| {
        let reader = has_params.then(|| {
            quote!(
                use crate::runtime::support::ParamReader;
            )
        });
        quote!(
            pub use crate::runtime::support::{OperationParams, RawParams};
            #reader
        )
    });
    let error_import = has_params.then(|| {
        quote!(
            use crate::errors::ValidationError;
        )
    });
    let validation_import = super::validation::imports(model, &checks.named_items);
    let checks_import = checks.used.then(|| {
        quote!(
            use crate::runtime::checks;
        )
    });
    quote! {
        //! Operation parameters and success responses, shared by the server and the client, in
        //! `operations/`, one file per group of operations (their tag, or their path's first
        //! segment).

        #models_import
        #pattern_imports
        #raw_import
        #checks_import
        #error_import
        #validation_import

        #(#statics)*

        #includes
    }
}

fn param_doc(param: &Param, key: &str) -> TokenStream {
    let location = param.location.as_str();
    let mut text = param
        .doc
        .clone()
        .map(|doc| doc + "\n\n")
        .unwrap_or_default();
    let how = match param.object {
        _ if param.json => ", sent as JSON text",
        Some(ObjectStyle::Exploded) => ", sent as a key per property",
        Some(ObjectStyle::Deep) => ", sent as a `name[property]` key per property",
        Some(ObjectStyle::Delimited) => {
            ", sent as its properties and values in a comma-separated list"
        }
        Some(ObjectStyle::Entries) => {
            ", sent as a key per entry: every query key no other parameter takes"
        }
        Some(ObjectStyle::DeepEntries) => ", sent as a `name[entry]` key per entry",
        None => "",
    };
    let required = if param.required { ", required" } else { "" };
    text.push_str(&format!(
        "The {location} parameter `{}`{required}{how}.",
        param.wire_name
    ));
    if key != param.wire_name {
        text.push_str(&format!(
            " Serialized as `{key}`: another parameter of the operation has the same name."
        ));
    }
    match &param.empty_value {
        Some(EmptyValue::Absent) => text.push_str(&format!(
            " The spec allows it empty: `{}=` reads as not sent.",
            param.wire_name
        )),
        Some(EmptyValue::Value(value)) => text.push_str(&format!(
            " The spec allows it empty: `{}=` reads as `{value}`.",
            param.wire_name
        )),
        None => {}
    }
    doc_lines(&text)
}

/// The name each parameter's value goes by in the params struct's serde form, which is also
/// where `ParamReader` keeps it: its wire name, unless another parameter of the operation has
/// that name in another location (Kubernetes' path `{path}` and query `path`). Those are
/// `location:name`, so that neither value overwrites the other.
fn value_keys(op: &Operation) -> Vec<String> {
    let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
    for param in &op.params {
        *uses.entry(param.wire_name.as_str()).or_default() += 1;
    }
    let shared = |param: &Param| uses[param.wire_name.as_str()] > 1;
    let mut taken = Scope::new();
    for param in op.params.iter().filter(|param| !shared(param)) {
        taken.reserve(&param.wire_name);
    }
    op.params
        .iter()
        .map(|param| {
            if shared(param) {
                taken.claim(&format!("{}:{}", param.location.as_str(), param.wire_name))
            } else {
                param.wire_name.clone()
            }
        })
        .collect()
}

/// The rule checks of parameters and bodies: their pattern statics, and what they name (so
/// that `checks` and validation items are imported only when used).
#[derive(Default)]
pub(super) struct Checks {
    patterns: super::patterns::Patterns,
    /// Whether a check calls into the `checks` module (one may only call a validator).
    used: bool,
    /// The validation items the checks name, imported by the file's root.
    named_items: std::collections::BTreeSet<String>,
}

impl Checks {
    pub(super) fn statements(
        &mut self,
        model: &Model,
        shape: &crate::ir::Shape,
        hint: &str,
    ) -> TokenStream {
        let check = check_statements(
            model,
            &mut self.patterns,
            &mut self.named_items,
            shape,
            hint,
        );
        self.used = self.used || names_checks_module(check.clone());
        check
    }

    /// The checks of a value read from text (a parameter, a text body, a form-data part):
    /// none when any text already satisfies the shape.
    pub(super) fn of_text(&mut self, model: &Model, shape: &Shape, hint: &str) -> TokenStream {
        if holds_as_read(shape) {
            TokenStream::new()
        } else {
            self.statements(model, shape, hint)
        }
    }

    /// [`Checks::of_text`] as the check `ParamReader::read` takes: `|out, at, value| ...`.
    pub(super) fn reader_check(&mut self, model: &Model, shape: &Shape, hint: &str) -> TokenStream {
        let check = self.of_text(model, shape, hint);
        if check.is_empty() {
            quote!(|_, _, _| {})
        } else {
            quote!(|out, at, value| { #check })
        }
    }
}

/// Whether the tokens name the `checks` module anywhere, at any depth.
fn names_checks_module(tokens: TokenStream) -> bool {
    tokens.into_iter().any(|tree| match tree {
        proc_macro2::TokenTree::Ident(ident) => ident == "checks",
        proc_macro2::TokenTree::Group(group) => names_checks_module(group.stream()),
        _ => false,
    })
}

fn operation_items(model: &Model, op: &Operation, checks: &mut Checks) -> Vec<TokenStream> {
    let params_name = format_ident!("{}Params", op.type_name);
    let response_name = format_ident!("{}Response", op.type_name);
    let method = op.method.as_str();
    let path = &op.path;
    let header_doc = doc_lines(&format!(
        "Parameters of `{} {}` (`{}`).",
        method, path, op.id
    ));
    let keys = value_keys(op);
    let fields = op.params.iter().zip(&keys).map(|(param, key)| {
        let doc = param_doc(param, key);
        let name = ident(&param.rust_name);
        let value = qualified_nullable_type(&param.shape);
        let ty = if param.required {
            value
        } else {
            quote!(Option<#value>)
        };
        let parts = if param.required {
            vec![]
        } else {
            vec![
                quote!(default),
                quote!(skip_serializing_if = "Option::is_none"),
            ]
        };
        let serde = serde_field_attr(key, &param.rust_name, &parts);
        quote! {
            #doc
            #serde
            pub #name: #ty,
        }
    });

    // `Default` only when no parameter is required, so that leaving one out does not compile;
    // otherwise `new` takes the required ones.
    let default = op
        .params
        .iter()
        .all(|param| !param.required)
        .then(|| quote!(Default,));
    let constructor = constructor(op, &params_name);
    let from_raw = from_raw(model, op, &keys, checks);
    let path_fn = path_builder(model, op);
    let query_fn = pairs_builder(model, op, ParamLocation::Query, "query");
    let bracketed_fn = pairs_builder(model, op, ParamLocation::Query, "bracketed_query");
    let header_fn = pairs_builder(model, op, ParamLocation::Header, "headers");
    let cookie_fn = pairs_builder(model, op, ParamLocation::Cookie, "cookies");
    let cookie_names = names_const(op, ParamLocation::Cookie, "COOKIE_NAMES");
    let header_names = names_const(op, ParamLocation::Header, "HEADER_NAMES");
    let bearer = op.bearer.then(|| {
        quote!(
            const BEARER: bool = true;
        )
    });
    let basic = op.basic.then(|| {
        quote!(
            const BASIC: bool = true;
        )
    });
    let api_keys = (!op.api_keys.is_empty()).then(|| {
        let keys = op
            .api_keys
            .iter()
            .map(|(place, name)| quote!((#place, #name)));
        quote!(const API_KEYS: &'static [(&'static str, &'static str)] = &[#(#keys),*];)
    });

    let parse_body = op.body.as_ref().and_then(|body| match &body.content {
        BodyContent::Json(shape) => Some(parse_body(model, op, shape, checks)),
        BodyContent::Form(shape) => Some(parse_form(model, op, shape)),
        BodyContent::JsonOrFields {
            shape,
            form,
            multipart,
        } => Some(parse_json_or_fields(model, op, shape, *form, *multipart)),
        BodyContent::Text(shape) => Some(parse_text(model, op, shape, checks)),
        BodyContent::Binary(_) => None,
        BodyContent::Multipart(parts) => Some(super::multipart::items(model, op, parts, checks)),
    });
    let variants = op.successes.iter().map(|response| {
        let variant = format_ident!("{}", response.variant);
        let doc = doc_lines(&format!("`{}`: {}", response.status, response.description));
        match &response.body {
            ResponseBody::Json(shape) | ResponseBody::Text(shape) => {
                let ty = qualified_nullable_type(shape);
                quote!(#doc #variant(#ty),)
            }
            ResponseBody::Binary(_) => quote!(#doc #variant(Vec<u8>),),
            ResponseBody::Empty => quote!(#doc #variant,),
        }
    });
    let status_arms = op.successes.iter().map(|response| {
        let variant = format_ident!("{}", response.variant);
        let status = response.status;
        match &response.body {
            ResponseBody::Empty => quote!(Self::#variant => #status,),
            _ => quote!(Self::#variant(_) => #status,),
        }
    });
    let response_doc = doc_lines(&format!("Success responses of `{method} {path}`."));
    // Variants hold their bodies unboxed, as the spec writes them: a large body beside an
    // empty `304` (GitHub's) would otherwise fail clippy's `large_enum_variant`.
    let unboxed = (op.successes.len() > 1
        && op
            .successes
            .iter()
            .any(|response| response.body != ResponseBody::Empty))
    .then(|| quote!(#[allow(clippy::large_enum_variant)]));
    let params_struct = quote! {
        #header_doc
        #[derive(Debug, Clone, #default PartialEq, serde::Serialize, serde::Deserialize)]
        pub struct #params_name {
            #(#fields)*
        }
    };
    let operation_id = &op.id;
    let params_impl = quote! {
        impl OperationParams for #params_name {
            const OPERATION_ID: &'static str = #operation_id;
            const METHOD: &'static str = #method;
            const PATH_TEMPLATE: &'static str = #path;
            #header_names
            #cookie_names
            #bearer
            #basic
            #api_keys

            #from_raw
            #path_fn
            #query_fn
            #bracketed_fn
            #header_fn
            #cookie_fn
        }
    };
    let responses = quote! {
        #response_doc
        #[derive(Debug, Clone, PartialEq)]
        #unboxed
        pub enum #response_name {
            #(#variants)*
        }

        impl #response_name {
            /// The HTTP status this response is sent with.
            pub fn status(&self) -> u16 {
                match self {
                    #(#status_arms)*
                }
            }
        }
    };
    [
        params_struct,
        constructor,
        params_impl,
        parse_body.unwrap_or_default(),
        responses,
    ]
    .into_iter()
    .filter(|items| !items.is_empty())
    .collect()
}

/// `new` with the required parameters as arguments, in the spec's order, and every optional
/// one unset; nothing when no parameter is required (the struct is `Default` then). A plain
/// string is taken as `impl Into<String>`.
fn constructor(op: &Operation, params_name: &proc_macro2::Ident) -> TokenStream {
    let required: Vec<_> = op.params.iter().filter(|param| param.required).collect();
    if required.is_empty() {
        return TokenStream::new();
    }
    let is_plain_string = |shape: &Shape| {
        !shape.nullable
            && matches!(
                shape.kind,
                ShapeKind::String(ref format)
                    if !matches!(format, StringFormat::DateTime | StringFormat::Date)
            )
    };
    let arguments = required.iter().map(|param| {
        let name = ident(&param.rust_name);
        if is_plain_string(&param.shape) {
            quote!(#name: impl Into<String>)
        } else {
            let ty = qualified_nullable_type(&param.shape);
            quote!(#name: #ty)
        }
    });
    let fields = op.params.iter().map(|param| {
        let name = ident(&param.rust_name);
        match (param.required, is_plain_string(&param.shape)) {
            (false, _) => quote!(#name: None),
            (true, true) => quote!(#name: #name.into()),
            (true, false) => quote!(#name),
        }
    });
    let many = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        impl #params_name {
            /// The parameters with every required one given and no optional one set.
            #many
            pub fn new(#(#arguments),*) -> Self {
                Self { #(#fields),* }
            }
        }
    }
}

/// Whether every value `RawParams` reads for this shape already satisfies it: a string without
/// length, pattern or format rules (the raw text is always a string), or an array of those
/// without item-count rules. Such a parameter gets no check at all.
fn holds_as_read(shape: &crate::ir::Shape) -> bool {
    let rules = &shape.rules;
    match &shape.kind {
        ShapeKind::String(StringFormat::Plain | StringFormat::Byte) => {
            rules.min_length.is_none() && rules.max_length.is_none() && rules.pattern.is_none()
        }
        ShapeKind::Array(item) => {
            rules.min_items.is_none()
                && rules.max_items.is_none()
                && !rules.unique_items
                && holds_as_read(item)
        }
        _ => false,
    }
}

/// The fields of the struct a shape names (an object parameter's, a form body's); none for
/// any other shape.
fn struct_fields<'a>(model: &'a Model, shape: &crate::ir::Shape) -> &'a [crate::ir::Field] {
    match &shape.kind {
        ShapeKind::Named(name) => match model.find(name).map(|d| &d.kind) {
            Some(TypeKind::Struct(s)) => &s.fields,
            _ => &[],
        },
        _ => &[],
    }
}

/// `const <constant>: &[&str]` listing the names of the operation's parameters in `location`
/// as the server compares them (header names lower case), or nothing when there are none.
fn names_const(op: &Operation, location: ParamLocation, constant: &str) -> Option<TokenStream> {
    let names: Vec<String> = op
        .params
        .iter()
        .filter(|p| p.location == location)
        .map(|p| match location {
            ParamLocation::Header => p.wire_name.to_ascii_lowercase(),
            _ => p.wire_name.clone(),
        })
        .collect();
    let constant = format_ident!("{}", constant);
    (!names.is_empty()).then(|| quote!(const #constant: &'static [&'static str] = &[#(#names),*];))
}
