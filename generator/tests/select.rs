//! Selection: by exact path, path prefix, operation id and tag; a selector that matches nothing;
//! pruning to what the kept operations reach, with discriminator mappings cut to the subtypes
//! reached another way; problems still located in the spec as written.

use generator::ir::{Model, TypeKind};
use generator::{lower_selected, Selection, Spec};

fn spec() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/graph-slice.yaml"
    ))
    .unwrap()
}

fn selected(text: &str, selectors: &[&str]) -> Result<Model, generator::Diagnostics> {
    lower_selected(
        &Spec {
            name: "graph-slice.yaml",
            text,
        },
        &Selection::parse(selectors).unwrap(),
    )
}

fn operation_ids(model: &Model) -> Vec<&str> {
    model.operations.iter().map(|op| op.id.as_str()).collect()
}

fn type_names(model: &Model) -> Vec<&str> {
    let mut names: Vec<&str> = model.types.iter().map(|def| def.name.as_str()).collect();
    names.sort();
    names
}

fn variants<'m>(model: &'m Model, name: &str) -> Vec<&'m str> {
    match &model.find(name).unwrap().kind {
        TypeKind::Union(union) => union.variants.iter().map(|v| v.name.as_str()).collect(),
        other => panic!("{name} is not a union: {other:?}"),
    }
}

#[test]
fn by_exact_path_with_any_parameter_name() {
    let model = selected(&spec(), &["/users/{id}"]).unwrap();
    assert_eq!(operation_ids(&model), ["users.user_GetUser"]);
}

#[test]
fn by_path_prefix() {
    let model = selected(&spec(), &["/users/**"]).unwrap();
    assert_eq!(
        operation_ids(&model),
        [
            "users.user_ListUser",
            "users.user_CreateUser",
            "users.user_GetUser"
        ]
    );
}

#[test]
fn by_operation_id_and_by_tag() {
    let model = selected(&spec(), &["operation:groups.group_ListGroup"]).unwrap();
    assert_eq!(operation_ids(&model), ["groups.group_ListGroup"]);
    let model = selected(&spec(), &["tag:devices.device", "tag:users.user"]).unwrap();
    assert_eq!(
        operation_ids(&model),
        [
            "users.user_ListUser",
            "users.user_CreateUser",
            "users.user_GetUser",
            "devices.device_GetDevice"
        ]
    );
}

#[test]
fn a_selector_that_matches_nothing_names_the_closest() {
    let problems = selected(
        &spec(),
        &[
            "/usres/**",
            "/users/{id}",
            "operation:users.user_GetUsers",
            "tag:user",
            "schema:microsoft.graph.devic",
        ],
    )
    .unwrap_err();
    let messages: Vec<&str> = problems.items.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "selector '/usres/**' matches no path; the closest is '/users'",
            "selector 'operation:users.user_GetUsers' matches no operationId; the closest is 'users.user_GetUser'",
            "selector 'tag:user' matches no operation's tag; the closest is 'users.user'",
            "selector 'schema:microsoft.graph.devic' matches no schema under #/components/schemas; the closest is 'microsoft.graph.device'",
        ]
    );
    assert_eq!(
        Selection::parse(&["users"]).unwrap_err(),
        "selector 'users' is not one of /path, /path/**, operation:ID, tag:NAME, schema:KEY, features:path, features:tag"
    );
    assert_eq!(
        Selection::parse(&["tag:"]).unwrap_err(),
        "selector 'tag:' names nothing after 'tag:'"
    );
}

#[test]
fn only_what_the_kept_operations_reach_is_generated() {
    let selection = Selection::parse_file(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/graph-slice.select"
        ))
        .unwrap(),
    )
    .unwrap();
    let text = spec();
    let model = lower_selected(
        &Spec {
            name: "graph-slice.yaml",
            text: &text,
        },
        &selection,
    )
    .unwrap();
    assert_eq!(
        type_names(&model),
        [
            "DirectoryObject",
            "Entity",
            "User",
            "UserCollectionResponse"
        ]
    );
    // Group and Device are reached only through the mappings, which are not followed.
    assert_eq!(variants(&model, "DirectoryObject"), ["User"]);
    assert_eq!(variants(&model, "Entity"), ["DirectoryObject", "User"]);
    let whole = generator::lower(&Spec {
        name: "graph-slice.yaml",
        text: &text,
    })
    .unwrap();
    assert_eq!(
        variants(&whole, "DirectoryObject"),
        ["User", "Group", "Device"]
    );
}

#[test]
fn a_schema_selector_keeps_a_subtype_and_a_base_left_with_none_stays_a_union() {
    let model = selected(
        &spec(),
        &["/directoryObjects/**", "schema:microsoft.graph.device"],
    )
    .unwrap();
    assert_eq!(variants(&model, "DirectoryObject"), ["Device"]);
    let model = selected(&spec(), &["/directoryObjects/**"]).unwrap();
    assert_eq!(type_names(&model), ["DirectoryObject", "Entity"]);
    assert_eq!(variants(&model, "DirectoryObject"), Vec::<&str>::new());
}

#[test]
fn problems_in_what_is_left_out_do_not_count_and_the_rest_keep_their_lines() {
    let text = spec()
        .replace(
            "            mailEnabled:\n              type: boolean\n",
            "            mailEnabled:\n              $ref: '#/components/schemas/missing'\n",
        )
        .replace(
            "            accountEnabled:\n              type: boolean\n",
            "            accountEnabled:\n              $ref: '#/components/schemas/gone'\n",
        );
    let problems = selected(&text, &["/users/**"]).unwrap_err();
    let line = text
        .lines()
        .position(|l| l.contains("accountEnabled:"))
        .unwrap()
        + 1;
    assert_eq!(problems.items.len(), 1, "{problems}");
    assert_eq!(problems.items[0].line, Some(line));
    assert!(
        problems.items[0]
            .message
            .contains("'#/components/schemas/gone'"),
        "{problems}"
    );
    // The group's broken reference is outside the selection.
    assert!(selected(&text, &["/directoryObjects/**"]).is_ok());
}
