//! The "Use" section of the crate's front page: how to validate, serve and call, in three short
//! examples written with this spec's own types and operation. Each is a self-contained item, so
//! that `generator/tests/compile.rs` can compile every fixture crate's examples as they stand.

use crate::ir::{BodyContent, Model, Operation, TypeKind};

/// The section's Markdown, or nothing for a spec with neither types to validate nor operations.
pub fn section(model: &Model, crate_name: &str) -> String {
    let krate = crate_name.replace('-', "_");
    // An operation with a body shows the most; the first one, else the first operation.
    let mut callable_ops = model.operations.iter().filter_map(|op| callable(model, op));
    let first = callable_ops.next();
    let called = first
        .iter()
        .cloned()
        .chain(callable_ops)
        .find(|(_, body)| body.is_some())
        .or(first.clone());
    let validated = called
        .as_ref()
        .and_then(|(_, body)| body.clone())
        .or_else(|| first_struct(model));
    let mut text = String::new();
    if let Some(name) = &validated {
        text.push_str(&format!(
            "Validate a request body: every rule of the spec is checked in one pass, and the \
             error lists every violation; `error.to_error_body()` is Graph's error answer.\n\n\
             ```rust\n\
             use {krate}::errors::ValidationError;\n\
             use {krate}::models::{name};\n\
             use {krate}::Validate;\n\n\
             fn accept(body: &[u8]) -> Result<{name}, ValidationError> {{\n    \
             {name}::from_json_slice(body)\n\
             }}\n\
             ```\n"
        ));
    }
    if let Some((op, body)) = &called {
        text.push_str(&format!(
            "\nServe (feature `server`): implement `server::Authorize` and `server::Service`, \
             whose methods get checked parameters and bodies, and mount the router; it answers \
             every bad request itself.\n\n\
             ```rust\n\
             use std::sync::Arc;\n\n\
             fn app<S: {krate}::server::Service>(service: S) -> axum::Router {{\n    \
             {krate}::server::router(Arc::new(service))\n\
             }}\n\
             ```\n"
        ));
        let params = format!("{}Params", op.type_name);
        let method = &op.rust_name;
        let (body_import, body_param, body_arg) = match body {
            Some(name) => (
                format!("use {krate}::models::{name};\n"),
                format!(",\n    body: &{name},\n"),
                ", body",
            ),
            None => (String::new(), ",\n".to_owned(), ""),
        };
        text.push_str(&format!(
            "\nCall (feature `client`): one method per operation; bodies are checked before \
             they are sent, and 429 and 503 are retried.\n\n\
             ```rust\n\
             use {krate}::client::{{Client, ClientError}};\n\
             {body_import}\
             use {krate}::operations::{params};\n\n\
             async fn call(\n    token: &str,\n    params: &{params}{body_param}) -> Result<(), ClientError> {{\n    \
             let client = Client::builder(\"https://example.com{base}\")\n        \
             .bearer_token(token)\n        \
             .build()?;\n    \
             let _answer = client.{method}(params{body_arg}).await?;\n    \
             Ok(())\n\
             }}\n\
             ```\n",
            base = model.base_path,
        ));
    }
    if let (Some(features), false) = (&model.features, text.is_empty()) {
        text.push_str(&areas(model, features, called.map(|(op, _)| op)));
    }
    if text.is_empty() {
        text
    } else {
        format!("# Use\n\n{text}")
    }
}

/// What a crate with area features says of them: each feature and its operations, and which
/// one the examples need.
fn areas(model: &Model, features: &crate::ir::Features, shown: Option<&Operation>) -> String {
    let mut items: Vec<String> = super::features::areas_by_feature(model)
        .iter()
        .map(|(feature, ops)| match ops.len() {
            1 => format!("`{feature}` (1 operation)"),
            n => format!("`{feature}` ({n} operations)"),
        })
        .collect();
    if let Some(other) = &features.other {
        items.push(format!(
            "`{other}` (the types no operation reaches but as a subtype)"
        ));
    }
    let mut text = format!(
        "\nAreas: one Cargo feature each, compiling the area's operations and the types they \
         reach: {}. Of a `Service`, an area's methods answer 501 unless implemented.",
        items.join(", ")
    );
    if let Some(feature) = shown.and_then(|op| features.areas.get(&op.group)) {
        text.push_str(&format!(" The examples above need `{feature}`."));
    }
    text.push('\n');
    text
}

/// An operation the call example can show: one without a body, or with a JSON body of a named
/// type that validates (whose name is returned).
fn callable<'m>(model: &Model, op: &'m Operation) -> Option<(&'m Operation, Option<String>)> {
    match op.body.as_ref().map(|body| (&body.content, body.required)) {
        None => Some((op, None)),
        Some((BodyContent::Json(shape), true)) => model
            .validated_type(shape)
            .map(|name| (op, Some(name.to_owned()))),
        Some(_) => None,
    }
}

fn first_struct(model: &Model) -> Option<String> {
    model
        .types
        .iter()
        .find(|def| matches!(def.kind, TypeKind::Struct(_)))
        .map(|def| def.name.clone())
}
