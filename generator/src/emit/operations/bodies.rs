//! `parse_<operation>_body`: a request body's bytes read, checked and converted, by media
//! type (JSON, form, JSON or fields, text).

use super::super::{doc_lines, ident, qualified_nullable_type};
use super::reading::{field_kind, scalar_kind};
use super::{struct_fields, Checks, FORM, MULTIPART};
use crate::ir::{Model, Operation, Shape, ShapeKind};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// A body parser's name, the Rust type it returns, and its doc line naming the `what` body
/// it reads.
fn parser_head(op: &Operation, shape: &Shape, what: &str) -> (Ident, TokenStream, TokenStream) {
    let doc = doc_lines(&format!(
        "Parses and checks the {what} body of `{} {}`, reporting every violation.",
        op.method.as_str(),
        op.path
    ));
    (
        super::super::body_parser(op),
        qualified_nullable_type(shape),
        doc,
    )
}

/// `parse_<operation>_body` for a form: its pairs read as the object's fields (numbers and
/// booleans where the field wants them), then checked and converted as that object's JSON.
pub(super) fn parse_form(model: &Model, op: &Operation, shape: &Shape) -> TokenStream {
    let (function, ty, doc) = parser_head(op, shape, "form");
    let read = read_fields(model, shape);
    quote! {
        #doc
        pub fn #function(body: &[u8]) -> Result<#ty, crate::errors::ValidationError> {
            let pairs = crate::runtime::support::form_pairs(body);
            #read
        }
    }
}

/// `parse_<operation>_body` for a body offered as JSON and as a form and/or multipart: the
/// Content-Type picks the reader. A form's pairs and multipart's parts are read alike, as
/// the object's fields.
pub(super) fn parse_json_or_fields(
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
            if crate::runtime::support::is_media(content_type, #FORM) {
                crate::runtime::support::form_pairs(body)
            } else
        }
    });
    let subject = format!("{} body", op.id);
    let multipart = multipart.then(|| {
        quote! {
            if crate::runtime::support::is_media(content_type, #MULTIPART) {
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
    let ty = qualified_nullable_type(shape);
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
        let value = crate::runtime::support::form_object(&pairs, &[#(#kinds),*], &[#(#lists),*]);
        <#ty as crate::validation::Validate>::from_json_value(value)
    }
}

/// `parse_<operation>_body` for `text/plain`: UTF-8 text read as a parameter's text is (a
/// number or boolean where the shape wants one), then checked and converted.
pub(super) fn parse_text(
    model: &Model,
    op: &Operation,
    shape: &Shape,
    checks: &mut Checks,
) -> TokenStream {
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
            let value = crate::runtime::support::RawParams::to_value(text, #kind);
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
pub(super) fn parse_body(
    model: &Model,
    op: &Operation,
    shape: &Shape,
    checks: &mut Checks,
) -> TokenStream {
    let (function, ty, doc) = parser_head(op, shape, "request");
    if let Some(name) = model.validated_type(shape).map(ident) {
        return quote! {
            #doc
            pub fn #function(body: &[u8]) -> Result<#ty, crate::errors::ValidationError> {
                <models::#name as crate::validation::Validate>::from_json_slice(body)
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
            let value = crate::runtime::checks::parse_json(&mut out, body)
                .map_err(|error| fail("malformedJson", format!("the body is not valid JSON: {error}")))?;
            #refused
            let mut value = value;
            crate::runtime::support::whole_numbers_as_integers(&mut value);
            serde_json::from_value(value).map_err(|error| fail("invalidValue", error.to_string()))
        }
    }
}
