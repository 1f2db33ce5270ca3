//! The generated crate's `Cargo.toml`: its name, only the dependencies its code uses, and the
//! `server` and `client` features, so a models-only user builds no HTTP stack.
//!
//! This is TOML, not Rust, so it is written as text.

use crate::ir::Model;
use crate::Runtime;

/// An optional dependency: its name, its entry, and what it is for, written beside it.
type Dependency = (&'static str, &'static str, &'static str);

/// The server's dependency that generated code names itself: its routes are axum's.
const ROUTING_DEPENDENCIES: &[Dependency] = &[(
    "axum",
    r#"{ version = "0.8.4", default-features = false, features = ["http1", "matched-path", "tokio"], optional = true }"#,
    "server: routing and extraction",
)];

/// What the server runtime uses besides axum. These and the client's and tracing's below are
/// the runtime's, listed by a crate only when it carries the runtime (`--vendor-runtime`).
const SERVER_RUNTIME_DEPENDENCIES: &[Dependency] = &[
    (
        "form_urlencoded",
        r#"{ version = "1.2", optional = true }"#,
        "server: query string decoding",
    ),
    (
        "futures-util",
        r#"{ version = "0.3.31", default-features = false, features = ["std"], optional = true }"#,
        "server: catching a handler's panic; client: the stream of a paged collection's items",
    ),
    (
        "http-body-util",
        r#"{ version = "0.1.2", optional = true }"#,
        "server: telling an over-long body from a broken one",
    ),
];

const CLIENT_DEPENDENCIES: &[Dependency] = &[
    (
        "futures-util",
        r#"{ version = "0.3.31", default-features = false, features = ["std"], optional = true }"#,
        "client: the stream of a paged collection's items",
    ),
    (
        "httpdate",
        r#"{ version = "1.0.3", optional = true }"#,
        "client: Retry-After as an HTTP date",
    ),
    (
        "reqwest",
        r#"{ version = "0.12.8", default-features = false, features = ["rustls-tls"], optional = true }"#,
        "client: HTTP over rustls (no OpenSSL)",
    ),
    (
        "tokio",
        r#"{ version = "1.40", default-features = false, features = ["time"], optional = true }"#,
        "client: waiting between retries",
    ),
];

/// Spans for the server's and the client's operations, behind the `tracing` feature.
const TRACING_DEPENDENCIES: &[Dependency] = &[(
    "tracing",
    r#"{ version = "0.1.40", default-features = false, features = ["std"], optional = true }"#,
    "tracing: a span per operation, server and client",
)];

/// The runtime crate's package name, as generated crates depend on it.
pub const RUNTIME_PACKAGE: &str = "openapi-graph-runtime";

/// `runtime_features`: the runtime crate's features for the checks the spec uses.
pub fn emit(
    model: &Model,
    crate_name: &str,
    dev_dependencies: Option<&str>,
    runtime: &Runtime,
    runtime_features: &[&str],
) -> String {
    let uses_chrono = model.uses_dates();
    let uses_regex = model.uses_patterns();
    let has_operations = !model.operations.is_empty();

    let mut dependencies: Vec<(&str, String, &str)> = vec![
        (
            "serde",
            r#"{ version = "1.0.200", features = ["derive"] }"#.into(),
            "models",
        ),
        // preserve_order: objects keep the order they came in, so violations are reported in
        // document order and free-form objects round-trip as sent.
        (
            "serde_json",
            r#"{ version = "1.0.100", features = ["preserve_order"] }"#.into(),
            "models and validation",
        ),
    ];
    if uses_chrono {
        dependencies.push((
            "chrono",
            r#"{ version = "0.4.38", default-features = false, features = ["std", "serde"] }"#
                .into(),
            "date-time and date values",
        ));
    }
    if uses_regex {
        dependencies.push(("regex", r#""1.10""#.into(), "pattern rules"));
    }
    if model.uses_backtracking_patterns() {
        // The features the generator checks patterns with (see the workspace manifest).
        dependencies.push((
            "fancy-regex",
            r#"{ version = "0.20", default-features = false, features = ["std", "unicode"] }"#
                .into(),
            "pattern rules with lookaround or backreferences",
        ));
    }
    let vendored = *runtime == Runtime::Vendored;
    let runtime_only = |deps: &'static [Dependency]| if vendored { deps } else { &[] };
    let server_dependencies: Vec<Dependency> = ROUTING_DEPENDENCIES
        .iter()
        .chain(runtime_only(SERVER_RUNTIME_DEPENDENCIES))
        .copied()
        .collect();
    let client_dependencies = runtime_only(CLIENT_DEPENDENCIES);
    let tracing_dependencies = runtime_only(TRACING_DEPENDENCIES);
    if has_operations {
        for (name, spec, why) in server_dependencies
            .iter()
            .chain(client_dependencies)
            .chain(tracing_dependencies)
        {
            // One entry for a dependency both runtimes use; each feature names it.
            if !dependencies.iter().any(|(known, _, _)| known == name) {
                dependencies.push((name, (*spec).to_owned(), why));
            }
        }
    }
    if let Runtime::Dependency(source) = runtime {
        // The server and client runtimes come with the crate's features of the same names.
        let groups: Vec<String> = runtime_features
            .iter()
            .map(|group| format!("\"{group}\""))
            .collect();
        let features = if groups.is_empty() {
            String::new()
        } else {
            format!(", features = [{}]", groups.join(", "))
        };
        dependencies.push((
            RUNTIME_PACKAGE,
            format!("{{ {source}{features} }}"),
            "errors, checks, validation, and the server and client runtimes every generated crate shares",
        ));
    }
    dependencies.sort_by(|a, b| a.0.cmp(b.0));

    let mut text = String::new();
    text.push_str("# Generated by cargo xtask codegen. Do not edit by hand.\n");
    text.push_str("[package]\n");
    text.push_str(&format!("name = \"{crate_name}\"\n"));
    text.push_str(
        "version = \"0.1.0\"\nedition = \"2021\"\nrust-version = \"1.80\"\npublish = false\n",
    );
    // One line of TOML: a title's line breaks and tabs become spaces, and control characters
    // TOML refuses in a string are dropped.
    let title: String = model
        .title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    let description = if title.is_empty() {
        "Models, validation, server and client generated from an OpenAPI description.".to_owned()
    } else {
        format!(
            "Models, validation, server and client for {} (generated from its OpenAPI description).",
            toml_escaped(&title)
        )
    };
    text.push_str(&format!("description = \"{description}\"\n"));
    // The docs carry the spec's descriptions, prose in which an indented line or a bare fence
    // would otherwise be compiled and run as a Rust doctest.
    text.push_str(
        "\n[lib]\n# The docs are the spec's prose, not Rust examples.\ndoctest = false\n",
    );
    text.push_str("\n[dependencies]\n");
    for (name, spec, why) in &dependencies {
        text.push_str(&format!("# {why}\n{name} = {spec}\n"));
    }
    if has_operations || model.features.is_some() {
        text.push_str("\n[features]\ndefault = []\n");
    }
    if has_operations {
        let feature = |deps: &[Dependency], runtime_feature: &str| {
            let mut enabled: Vec<String> = deps
                .iter()
                .map(|(name, _, _)| format!("\"dep:{name}\""))
                .collect();
            if let Runtime::Dependency(_) = runtime {
                enabled.push(format!("\"{RUNTIME_PACKAGE}/{runtime_feature}\""));
            }
            enabled.join(", ")
        };
        text.push_str("# The axum server: a Service trait and a router (src/server.rs).\n");
        text.push_str(&format!(
            "server = [{}]\n",
            feature(&server_dependencies, "server")
        ));
        text.push_str("# The reqwest client (src/client.rs).\n");
        text.push_str(&format!(
            "client = [{}]\n",
            feature(client_dependencies, "client")
        ));
        text.push_str("# A span per operation of the server and the client, as tower-http's TraceLayer makes.\n");
        text.push_str(&format!(
            "tracing = [{}]\n",
            feature(tracing_dependencies, "tracing")
        ));
    }
    if let Some(features) = &model.features {
        text.push_str(&area_features(model, features));
    }
    if let Some(extra) = dev_dependencies {
        text.push_str("\n# From dev-dependencies.toml beside this file (hand-written, kept by codegen).\n[dev-dependencies]\n");
        text.push_str(extra.trim_end());
        text.push('\n');
    }
    text
}

/// One feature per area, each with what it compiles (`docs/features.md`), and the feature of
/// the types no area reaches.
fn area_features(model: &Model, features: &crate::ir::Features) -> String {
    let mut text = String::from(
        "# One feature per area of operations: its operations, on the server and the client,\n\
         # and the types they reach. A subtype another area reaches only through a\n\
         # discriminated union decodes into the union's `Unrecognized` while its area is off.\n",
    );
    for (feature, ops) in super::features::areas_by_feature(model) {
        let first = format!("`{} {}`", ops[0].method.as_str(), ops[0].path);
        let operations = match ops.len() {
            1 => format!("1 operation: {first}"),
            n => format!("{n} operations, the first {first}"),
        };
        text.push_str(&format!("# {operations}.\n{feature} = []\n"));
    }
    if let Some(other) = &features.other {
        text.push_str(&format!(
            "# The types no operation reaches, or reaches only as a discriminated union's variant.\n{other} = []\n"
        ));
    }
    text
}

/// `text` as the inside of a TOML basic string: `\` and `"` escaped, control characters as
/// `\uXXXX` (TOML takes no other form of them).
pub fn toml_escaped(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '"' => {
                escaped.push('\\');
                escaped.push(c);
            }
            c if c.is_control() => escaped.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use crate::Runtime;

    #[test]
    fn a_runtime_path_is_written_as_a_toml_string() {
        assert_eq!(
            Runtime::at_path("C:\\work \"x\"\u{7}/runtime"),
            Runtime::Dependency(r#"path = "C:\\work \"x\"\u0007/runtime""#.into())
        );
    }
}
