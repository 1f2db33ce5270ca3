//! The `operations` file: for every operation, its parameters as a struct (read and checked
//! from raw text on the server, written out on the client) and its success responses as an enum.
//! Shared by the server and the client, so it needs neither.

use super::parts::{self, Sink};
use super::validation::check_statements;
use super::{doc_lines, ident, nullable_type};
use crate::ir::{
    BodyContent, EmptyValue, Model, ObjectStyle, Operation, Param, ParamLocation, Presence,
    ResponseBody, Shape, ShapeKind, StringFormat, TypeKind,
};
use crate::lower::names::Scope;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeMap;

const FORM: &str = "application/x-www-form-urlencoded";
const MULTIPART: &str = "multipart/form-data";

pub fn emit(model: &Model, sink: &mut Sink<'_>) -> TokenStream {
    let mut checks = Checks::default();
    let groups = parts::groups(model.operations.iter().map(|op| op.group.clone()));
    let stems = parts::hand_over(
        groups,
        |index| operation_items(model, &model.operations[index], &mut checks),
        sink,
    );
    let includes = parts::includes("operations", &stems);
    let statics = checks.patterns.statics();
    let has_params = model.operations.iter().any(|op| !op.params.is_empty());
    let models_import = super::models_import(model, true);
    let raw_import = (!model.operations.is_empty()).then(|| {
        let reader = has_params.then(|| quote!(ParamReader,));
        quote!(
            pub use crate::support::OperationParams;
            use crate::support::{#reader RawParams};
        )
    });
    let error_import = has_params.then(|| {
        quote!(
            use crate::errors::ValidationError;
        )
    });
    let validation_import = (!checks.named_items.is_empty()).then(|| {
        let items = checks
            .named_items
            .iter()
            .map(|item| format_ident!("{}", item));
        quote!(
            use crate::validation::{#(#items),*};
        )
    });
    let checks_import = checks.used.then(|| {
        quote!(
            use crate::checks;
        )
    });
    quote! {
        //! Operation parameters and success responses, shared by the server and the client, in
        //! `operations/`, one file per group of operations (their tag, or their path's first
        //! segment).

        #models_import
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
        .unwrap_or_else(|| format!("The `{}` parameter.", param.wire_name));
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
        "\n\nThe {location} parameter `{}`{required}{how}.",
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
        let value = nullable_type(&param.shape);
        let ty = if param.required {
            value
        } else {
            quote!(Option<#value>)
        };
        let skip =
            (!param.required).then(|| quote!(, default, skip_serializing_if = "Option::is_none"));
        quote! {
            #doc
            #[serde(rename = #key #skip)]
            pub #name: #ty,
        }
    });

    // `Default` only when every required parameter's type has one: an enum in the path has no
    // value to default to.
    let default = op
        .params
        .iter()
        .all(|param| !param.required || has_default(model, &param.shape))
        .then(|| quote!(Default,));
    let from_raw = from_raw(model, op, &keys, checks);
    let path_fn = path_builder(op);
    let query_fn = pairs_builder(model, op, ParamLocation::Query, "query");
    let bracketed_fn = pairs_builder(model, op, ParamLocation::Query, "bracketed_query");
    let header_fn = pairs_builder(model, op, ParamLocation::Header, "headers");
    let cookie_fn = pairs_builder(model, op, ParamLocation::Cookie, "cookies");
    let cookies: Vec<&str> = op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Cookie)
        .map(|p| p.wire_name.as_str())
        .collect();
    let cookie_names = (!cookies.is_empty())
        .then(|| quote!(const COOKIE_NAMES: &'static [&'static str] = &[#(#cookies),*];));
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
                let ty = nullable_type(shape);
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
    let params_impl = quote! {
        impl OperationParams for #params_name {
            const METHOD: &'static str = #method;
            const PATH_TEMPLATE: &'static str = #path;
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
        params_impl,
        parse_body.unwrap_or_default(),
        responses,
    ]
    .into_iter()
    .filter(|items| !items.is_empty())
    .collect()
}

/// `from_raw`: each parameter's text becomes a JSON value (numbers and booleans parsed where they
/// can be, text kept otherwise so the type check can name it), checked with the same rules as
/// bodies, and converted.
fn from_raw(model: &Model, op: &Operation, keys: &[String], checks: &mut Checks) -> TokenStream {
    let subject = format!("{} parameters", op.id);
    if op.params.is_empty() {
        return quote! {
            fn from_raw(_raw: &RawParams) -> Result<Self, crate::errors::ValidationError> {
                Ok(Self {})
            }
        };
    }
    let reads = op.params.iter().zip(keys).map(|(param, key)| {
        let wire = &param.wire_name;
        // RawParams has one reader per location, named like it: raw.path, raw.query, raw.header,
        // raw.cookie.
        let location = param.location.as_str();
        let reader = format_ident!("{}", location);
        let getter = quote!(raw.#reader(#wire));
        let (is_array, item) = match &param.shape.kind {
            ShapeKind::Array(item) => (true, item.as_ref()),
            _ => (false, &param.shape),
        };
        let scalar = scalar_kind(model, item);
        // A parameter that may be sent empty reads its texts once and hands them on.
        let texts = if param.empty_value.is_some() {
            quote!(texts)
        } else {
            quote!(&#getter)
        };
        let value = if let Some(style) = param.object {
            let kinds = struct_fields(model, &param.shape).iter().map(|field| {
                let name = &field.wire_name;
                let kind = field_kind(model, field, &field.shape);
                quote!((#name, #kind))
            });
            match style {
                ObjectStyle::Exploded => quote!(raw.exploded_object(&[#(#kinds),*])),
                ObjectStyle::Entries => {
                    let claimed = claimed_query_keys(model, op, param);
                    let kind = map_value_kind(model, &param.shape);
                    quote!(raw.query_entries(&[#(#claimed),*], #kind))
                }
                ObjectStyle::Deep => quote!(raw.deep_object(#wire, &[#(#kinds),*])),
                ObjectStyle::DeepEntries => {
                    let kind = map_value_kind(model, &param.shape);
                    quote!(raw.deep_entries(#wire, #kind))
                }
                ObjectStyle::Delimited => {
                    quote!(RawParams::delimited_object(#texts, &[#(#kinds),*]))
                }
            }
        } else if param.json {
            quote!(RawParams::json(#texts))
        } else if !is_array {
            quote!(RawParams::scalar(#texts, #scalar))
        } else if param.explode && param.location.repeats_exploded() && param.required {
            // The empty list is no key at all.
            quote!(RawParams::exploded(#texts, #scalar).or_empty_list())
        } else if param.explode && param.location.repeats_exploded() {
            quote!(RawParams::exploded(#texts, #scalar))
        } else if param.delimiter == ',' {
            quote!(RawParams::delimited(#texts, #scalar))
        } else {
            let delimiter = param.delimiter;
            quote!(RawParams::delimited_by(#texts, #scalar, #delimiter))
        };
        let value = match &param.empty_value {
            None => value,
            Some(empty) => {
                let empty = match empty {
                    EmptyValue::Absent => quote!(None),
                    EmptyValue::Value(value) => {
                        let text = value.to_string();
                        quote!(Some(#text))
                    }
                };
                quote!(RawParams::empty_or(&#getter, #empty, |texts| #value))
            }
        };
        let check = checks.reader_check(
            model,
            &param.shape,
            &format!("{}_{}", op.type_name, param.rust_name),
        );
        let required = param.required;
        if *key == param.wire_name {
            quote!(params.read(#wire, #location, #required, #value, #check);)
        } else {
            quote!(params.read_as(#key, #wire, #location, #required, #value, #check);)
        }
    });
    quote! {
        fn from_raw(raw: &RawParams) -> Result<Self, ValidationError> {
            let mut params = ParamReader::default();
            #(#reads)*
            params.finish(#subject)
        }
    }
}

/// Whether the Rust type of this shape implements `Default`.
pub(super) fn has_default(model: &Model, shape: &crate::ir::Shape) -> bool {
    if shape.nullable {
        return true;
    }
    match &shape.kind {
        ShapeKind::String(StringFormat::DateTime | StringFormat::Date) => false,
        ShapeKind::Named(name) => match model.find(name).map(|d| &d.kind) {
            Some(TypeKind::Alias(inner)) => has_default(model, inner),
            _ => false,
        },
        _ => true,
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

/// A body parser's name, the Rust type it returns, and its doc line naming the `what` body
/// it reads.
fn parser_head(op: &Operation, shape: &Shape, what: &str) -> (Ident, TokenStream, TokenStream) {
    let doc = doc_lines(&format!(
        "Parses and checks the {what} body of `{} {}`, reporting every violation.",
        op.method.as_str(),
        op.path
    ));
    (super::body_parser(op), nullable_type(shape), doc)
}

/// `parse_<operation>_body` for a form: its pairs read as the object's fields (numbers and
/// booleans where the field wants them), then checked and converted as that object's JSON.
fn parse_form(model: &Model, op: &Operation, shape: &Shape) -> TokenStream {
    let (function, ty, doc) = parser_head(op, shape, "form");
    let read = read_fields(model, shape);
    quote! {
        #doc
        pub fn #function(body: &[u8]) -> Result<#ty, crate::errors::ValidationError> {
            let pairs = crate::support::form_pairs(body);
            #read
        }
    }
}

/// `parse_<operation>_body` for a body offered as JSON and as a form and/or multipart: the
/// Content-Type picks the reader. A form's pairs and multipart's parts are read alike, as
/// the object's fields.
fn parse_json_or_fields(
    model: &Model,
    op: &Operation,
    shape: &Shape,
    form: bool,
    multipart: bool,
) -> TokenStream {
    let (function, ty, _) = parser_head(op, shape, "request");
    let offered: Vec<&str> = [(form, FORM), (multipart, MULTIPART)]
        .into_iter()
        .filter_map(|(offered, media)| offered.then_some(media))
        .collect();
    let doc = doc_lines(&format!(
        "Parses and checks the request body of `{} {}`, reporting every violation: the fields of {} when `content_type` names it, else JSON.",
        op.method.as_str(),
        op.path,
        offered.iter().map(|media| format!("`{media}`")).collect::<Vec<_>>().join(" or ")
    ));
    let form = form.then(|| {
        quote! {
            if crate::support::is_media(content_type, #FORM) {
                crate::support::form_pairs(body)
            } else
        }
    });
    let subject = format!("{} body", op.id);
    let multipart = multipart.then(|| {
        quote! {
            if crate::support::is_media(content_type, #MULTIPART) {
                crate::multipart::Parts::parse(body, content_type, #subject)?.pairs()
            } else
        }
    });
    let read = read_fields(model, shape);
    quote! {
        #doc
        pub fn #function(body: &[u8], content_type: &str) -> Result<#ty, crate::errors::ValidationError> {
            let pairs = #form #multipart {
                return <#ty as crate::validation::Validate>::from_json_slice(body);
            };
            #read
        }
    }
}

/// Statements reading the name and text `pairs` of a form or multipart body as the fields
/// of `shape`, an object type, then checking and converting them as that object's JSON.
fn read_fields(model: &Model, shape: &Shape) -> TokenStream {
    let ty = nullable_type(shape);
    let kinds = struct_fields(model, shape).iter().map(|field| {
        let wire = &field.wire_name;
        let (array, item) = match &field.shape.kind {
            ShapeKind::Array(item) => (true, item.as_ref()),
            _ => (false, &field.shape),
        };
        let kind = field_kind(model, field, item);
        quote!((#wire, #kind, #array))
    });
    let lists = struct_fields(model, shape)
        .iter()
        .filter(|field| field.required && matches!(field.shape.kind, ShapeKind::Array(_)))
        .map(|field| &field.wire_name);
    quote! {
        let value = crate::support::form_object(&pairs, &[#(#kinds),*], &[#(#lists),*]);
        <#ty as crate::validation::Validate>::from_json_value(value)
    }
}

/// `parse_<operation>_body` for `text/plain`: UTF-8 text read as a parameter's text is (a
/// number or boolean where the shape wants one), then checked and converted.
fn parse_text(model: &Model, op: &Operation, shape: &Shape, checks: &mut Checks) -> TokenStream {
    let (function, ty, doc) = parser_head(op, shape, "text");
    let kind = scalar_kind(model, shape);
    let check = checks.of_text(model, shape, &format!("{}_body", op.type_name));
    let subject = format!("{} body", op.id);
    let checked = checks_of_value(check, &subject);
    let fail = failure(&subject);
    quote! {
        #doc
        pub fn #function(body: &[u8]) -> Result<#ty, crate::errors::ValidationError> {
            #fail
            let text = std::str::from_utf8(body)
                .map_err(|error| fail("malformedText", format!("the body is not UTF-8 text: {error}")))?;
            let value = crate::support::RawParams::to_value(text, #kind);
            #checked
            serde_json::from_value(value).map_err(|error| fail("invalidValue", error.to_string()))
        }
    }
}

/// Statements that run `check` on `value` and return every violation it finds as
/// `subject`'s; none for a value with nothing to check.
fn checks_of_value(check: TokenStream, subject: &str) -> Option<TokenStream> {
    (!check.is_empty()).then(|| {
        let refused = refuse_violations(check, subject);
        quote! {
            let mut out = Vec::new();
            #refused
        }
    })
}

/// Statements that run `check` on `value`, adding to the `out` already declared, then return
/// every violation in `out` as `subject`'s.
fn refuse_violations(check: TokenStream, subject: &str) -> TokenStream {
    let run = (!check.is_empty()).then(|| {
        quote! {
            {
                let (out, at, value) = (&mut out, &mut crate::errors::Pointer::root(), &value);
                #check
            }
        }
    });
    quote! {
        #run
        if !out.is_empty() {
            return Err(crate::errors::ValidationError { subject: #subject, violations: out });
        }
    }
}

/// `fail(code, message)`: one violation of the whole body, as `subject`'s error.
fn failure(subject: &str) -> TokenStream {
    quote! {
        let fail = |code: &'static str, message: String| crate::errors::ValidationError {
            subject: #subject,
            violations: vec![crate::errors::Violation { code, target: String::new(), message }],
        };
    }
}

/// `parse_<operation>_body`: a JSON request body parsed, checked (every violation) and
/// converted.
fn parse_body(model: &Model, op: &Operation, shape: &Shape, checks: &mut Checks) -> TokenStream {
    let (function, ty, doc) = parser_head(op, shape, "request");
    let validated_type = match &shape.kind {
        ShapeKind::Named(name) if !shape.nullable => match model.find(name).map(|d| &d.kind) {
            Some(TypeKind::Struct(_) | TypeKind::Enum(_) | TypeKind::Union(_)) => Some(ident(name)),
            _ => None,
        },
        _ => None,
    };
    if let Some(name) = validated_type {
        return quote! {
            #doc
            pub fn #function(body: &[u8]) -> Result<#ty, crate::errors::ValidationError> {
                <#name as crate::validation::Validate>::from_json_slice(body)
            }
        };
    }
    let check = checks.statements(model, shape, &format!("{}_body", op.type_name));
    let subject = format!("{} body", op.id);
    // A shape with nothing to check (any JSON value) has only repeated members to refuse.
    let refused = refuse_violations(check, &subject);
    let fail = failure(&subject);
    quote! {
        #doc
        pub fn #function(body: &[u8]) -> Result<#ty, crate::errors::ValidationError> {
            #fail
            let mut out = Vec::new();
            let value = crate::checks::parse_json(&mut out, body)
                .map_err(|error| fail("malformedJson", format!("the body is not valid JSON: {error}")))?;
            #refused
            let mut value = value;
            crate::support::whole_numbers_as_integers(&mut value);
            serde_json::from_value(value).map_err(|error| fail("invalidValue", error.to_string()))
        }
    }
}

/// How raw parameter text becomes JSON: `"number"`, `"boolean"` or `"string"`, and for a
/// union of numbers and booleans `"scalar"` (whichever the text reads as).
pub(super) fn scalar_kind(model: &Model, shape: &crate::ir::Shape) -> TokenStream {
    let kind = read_as(model, shape);
    quote!(#kind)
}

/// How the text of an object's field (or of each item, `item`, of an array field) becomes
/// JSON: as [`scalar_kind`] says, and for a nullable scalar field that is no string,
/// `"number?"`: the text `null` is `null`, as tools that write `null` into a query or form
/// send it.
fn field_kind(model: &Model, field: &crate::ir::Field, item: &crate::ir::Shape) -> TokenStream {
    let kind = read_as(model, item);
    let scalar = !matches!(field.shape.kind, ShapeKind::Array(_));
    if field.shape.nullable && scalar && kind != "string" {
        let kind = format!("{kind}?");
        quote!(#kind)
    } else {
        quote!(#kind)
    }
}

fn read_as(model: &Model, shape: &crate::ir::Shape) -> &'static str {
    match &shape.kind {
        ShapeKind::Integer(_) | ShapeKind::Float(_) => "number",
        ShapeKind::Boolean => "boolean",
        ShapeKind::Named(name) => match model.find(name).map(|d| &d.kind) {
            Some(TypeKind::Alias(inner)) => read_as(model, inner),
            Some(TypeKind::Union(union)) => {
                let kinds: Vec<&str> = union
                    .variants
                    .iter()
                    .map(|variant| read_as(model, &variant.shape))
                    .collect();
                match (kinds.contains(&"number"), kinds.contains(&"boolean")) {
                    (true, true) => "scalar",
                    (true, false) => "number",
                    (false, true) => "boolean",
                    (false, false) => "string",
                }
            }
            _ => "string",
        },
        _ => "string",
    }
}

/// `path()`: the path with each parameter percent-encoded as one RFC 3986 segment.
fn path_builder(op: &Operation) -> TokenStream {
    if !op.path.contains('{') {
        let path = &op.path;
        return quote! {
            fn path(&self) -> String {
                #path.to_owned()
            }
        };
    }
    let mut pieces = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(open) = rest.find('{') {
        let literal = &rest[..open];
        pieces.extend(push_literal(literal));
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
            let text = if param.json {
                quote!(crate::support::param_json(&self.#field))
            } else {
                quote!(crate::support::param_text(&self.#field))
            };
            pieces.push(quote!(crate::support::push_path_segment(&mut path, &#text);));
        }
        rest = &rest[open + close + 1..];
    }
    pieces.extend(push_literal(rest));
    quote! {
        fn path(&self) -> String {
            let mut path = String::new();
            #(#pieces)*
            path
        }
    }
}

/// The statement appending a literal piece of the path, if it is not empty.
fn push_literal(literal: &str) -> Option<TokenStream> {
    let mut chars = literal.chars();
    match (chars.next(), chars.next()) {
        (None, _) => None,
        (Some(only), None) => Some(quote!(path.push(#only);)),
        _ => Some(quote!(path.push_str(#literal);)),
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

/// How a free-form object parameter's values are read: as its `additionalProperties` say, or
/// for `type: object` alone as text, a key sent more than once as a list of its texts.
fn map_value_kind(model: &Model, shape: &crate::ir::Shape) -> TokenStream {
    match &shape.kind {
        ShapeKind::Map(value) => scalar_kind(model, value),
        _ => quote!("any"),
    }
}

/// The query keys an operation's other parameters take (and its API keys sent in the query),
/// which a free-form object in the query leaves to them.
fn claimed_query_keys(model: &Model, op: &Operation, entries: &Param) -> Vec<String> {
    let mut claimed = Vec::new();
    let mut deep_prefixes = Vec::new();
    for param in &op.params {
        if param.location != ParamLocation::Query || std::ptr::eq(param, entries) {
            continue;
        }
        match param.object {
            Some(ObjectStyle::Exploded) => {
                let fields = struct_fields(model, &param.shape);
                claimed.extend(fields.iter().map(|field| field.wire_name.clone()));
            }
            // The runtime reads a claimed key ending in `[` as a prefix.
            Some(ObjectStyle::Deep | ObjectStyle::DeepEntries) => {
                deep_prefixes.push(format!("{}[", param.wire_name))
            }
            _ => claimed.push(param.wire_name.clone()),
        }
    }
    claimed.extend(
        op.api_keys
            .iter()
            .filter(|(place, _)| place == "query")
            .map(|(_, name)| name.clone()),
    );
    claimed.extend(deep_prefixes);
    claimed
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
                    for text in crate::support::param_texts(item) {
                        pairs.push((#key, text));
                    }
                }
            }
        } else {
            quote! {
                for (key, item) in value {
                    pairs.push((#key, crate::support::param_text(item)));
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
                    items.push(crate::support::param_text(&value.#rust));
                },
                presence => {
                    let item = present_item(presence);
                    quote! {
                        if let #item = &value.#rust {
                            items.push(#name.to_owned());
                            items.push(crate::support::param_text(item));
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
                quote!(pairs.push((#key, crate::support::param_text(&value.#rust)));)
            }
            presence => {
                let item = present_item(presence);
                quote! {
                    if let #item = &value.#rust {
                        pairs.push((#key, crate::support::param_text(item)));
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
fn pairs_builder(
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
        let push = match &param.shape.kind {
            _ if param.object.is_some() => object_pushes(model, param),
            _ if param.json => quote!(pairs.push((#wire, crate::support::param_json(value)));),
            ShapeKind::Array(_) if param.explode && location.repeats_exploded() => quote! {
                for item in value {
                    pairs.push((#wire, crate::support::param_text(item)));
                }
            },
            ShapeKind::Array(_) => {
                let delimiter = param.delimiter.to_string();
                quote! {
                    let joined: Vec<String> = value.iter().map(crate::support::param_text).collect();
                    pairs.push((#wire, joined.join(#delimiter)));
                }
            }
            _ => quote!(pairs.push((#wire, crate::support::param_text(value)));),
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
