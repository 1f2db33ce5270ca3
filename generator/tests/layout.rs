//! The layout of the generated files: models and validation are split into one file per
//! component schema, so a change to one schema changes only that schema's files.

mod common;

use generator::{generate, Files, Options, Spec};

fn generate_text(text: &str) -> Files {
    let options = Options {
        crate_name: "layout".into(),
        dev_dependencies: None,
        runtime: generator::Runtime::at_path("../runtime"),
        selection: generator::Selection::everything(),
    };
    generate(
        &Spec {
            name: "spec.yaml",
            text,
        },
        &options,
    )
    .unwrap()
}

fn changed(before: &Files, after: &Files) -> Vec<String> {
    let paths: std::collections::BTreeSet<&String> = before
        .keys()
        .chain(after.keys())
        .filter(|path| before.get(*path) != after.get(*path))
        .collect();
    paths.into_iter().cloned().collect()
}

#[test]
fn removing_a_property_changes_only_its_schemas_files() {
    let path = common::mission_spec();
    let spec = std::fs::read_to_string(path).unwrap();
    let property = "            userPrincipalName:\n              type: string\n              description: UserPrincipalName.\n              nullable: true\n";
    assert!(spec.contains(property));
    let required =
        "            - userDisplayName\n            - userPrincipalName\n          properties:";
    assert!(spec.contains(required));
    let edited = spec.replace(property, "").replace(
        required,
        "            - userDisplayName\n          properties:",
    );
    assert_eq!(
        changed(&generate_text(&spec), &generate_text(&edited)),
        [
            "src/models/device_compliance_user_status.rs",
            "src/validation/device_compliance_user_status.rs",
            "src/validation/fast/device_compliance_user_status.rs",
        ]
    );
}

#[test]
fn inline_and_derived_types_sit_with_the_schema_that_declares_them() {
    let text = "openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /items/{id}:
    patch:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/item'}
      responses:
        '204': {description: done}
components:
  schemas:
    item:
      type: object
      required: [mode]
      properties:
        mode: {type: string, enum: [fast, slow]}
        size: {type: integer}
    other:
      type: object
      properties:
        name: {type: string}
";
    let files = generate_text(text);
    let item = &files["src/models/item.rs"];
    for declared in [
        "pub struct Item {",
        "pub enum ItemMode {",
        "pub struct ItemPatch {",
    ] {
        assert!(
            item.contains(declared),
            "{declared} is not in models/item.rs:\n{item}"
        );
    }
    assert!(files["src/models/other.rs"].contains("pub struct Other {"));
    assert_eq!(
        files["src/models.rs"]
            .lines()
            .filter(|line| !line.starts_with("//"))
            .collect::<Vec<_>>(),
        [
            "mod item;",
            "pub use item::*;",
            "mod other;",
            "pub use other::*;"
        ]
    );
}

#[test]
fn operations_are_grouped_by_tag_or_else_by_their_paths_first_segment() {
    let text = "openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /users/{id}:
    get:
      operationId: users_Get
      tags: [directory.users]
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '204': {description: done}
  /things:
    get:
      operationId: things_List
      responses:
        '204': {description: done}
";
    let files = generate_text(text);
    for dir in ["operations", "server", "client"] {
        let users = &files[&format!("src/{dir}/directory_users.rs")];
        let things = &files[&format!("src/{dir}/things.rs")];
        assert!(
            users.contains("GET /users/{id}") && !users.contains("/things"),
            "{dir}: {users}"
        );
        assert!(
            things.contains("GET /things") && !things.contains("/users"),
            "{dir}: {things}"
        );
    }
    let root = &files["src/operations.rs"];
    assert!(
        root.contains(
            "mod directory_users;\npub use directory_users::*;\nmod things;\npub use things::*;"
        ),
        "{root}"
    );
    // The runtime is a dependency, not files of the crate.
    assert!(
        !files.keys().any(|path| path.contains("runtime")),
        "{:?}",
        files.keys()
    );
    assert!(files["Cargo.toml"].contains("openapi-graph-runtime = { path = \"../runtime\" }"));
}

#[test]
fn types_no_request_carries_keep_the_complete_validator_but_get_no_fast_mirror() {
    let path = common::mission_spec();
    let spec = std::fs::read_to_string(path).unwrap();
    let model = generator::lower(&Spec {
        name: "spec.yaml",
        text: &spec,
    })
    .unwrap();
    assert_eq!(
        model.request_types().into_iter().collect::<Vec<_>>(),
        [
            "ComplianceStatus",
            "DeviceComplianceUserStatus",
            "DeviceComplianceUserStatusPatch",
            "SelectItem"
        ]
    );
    let files = generate_text(&spec);
    // A success response and an error response: validators, no mirrors.
    for (file, type_name) in [
        (
            "device_compliance_user_status_collection_response",
            "DeviceComplianceUserStatusCollectionResponse",
        ),
        ("main_error", "MainError"),
    ] {
        assert!(files[&format!("src/validation/{file}.rs")]
            .contains(&format!("impl Validate for models::{type_name}")));
        assert!(!files.contains_key(&format!("src/validation/fast/{file}.rs")));
    }
    assert!(files.contains_key("src/validation/fast/device_compliance_user_status.rs"));
}

#[test]
fn without_operations_every_eligible_struct_gets_a_fast_mirror() {
    let files = generate_text(
        "openapi: 3.0.3
info: {title: T, version: '1'}
paths: {}
components:
  schemas:
    a:
      type: object
      properties:
        n: {type: integer}
",
    );
    assert!(files.contains_key("src/validation/fast/a.rs"));
}
