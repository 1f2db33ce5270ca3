//! A path item that is another path's, by a local `$ref`: the same operations at both paths,
//! named after their own paths; a reference anywhere else is refused with its pointer.

use generator::{lower, Spec};

const SPEC: &str = "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /copies/{id}:\n    $ref: '#/paths/~1originals~1{id}'\n  /originals/{id}:\n    parameters:\n      - name: id\n        in: path\n        required: true\n        schema:\n          type: integer\n    get:\n      responses:\n        '204':\n          description: ok\n";

#[test]
fn a_local_path_item_reference_repeats_its_operations_at_the_referring_path() {
    let model = lower(&Spec {
        name: "items.yaml",
        text: SPEC,
    })
    .expect("the spec lowers");
    let found: Vec<(&str, &str, &str)> = model
        .operations
        .iter()
        .map(|op| (op.method.as_str(), op.path.as_str(), op.rust_name.as_str()))
        .collect();
    assert_eq!(
        found,
        vec![
            ("GET", "/copies/{id}", "get_copies_by_id"),
            ("GET", "/originals/{id}", "get_originals_by_id")
        ]
    );
    assert_eq!(
        model.operations[0].params, model.operations[1].params,
        "the parameters come along"
    );
}

/// That lowering `text` finds exactly these problems: pointer, line and message.
fn assert_refused(text: &str, expected: &[(&str, Option<usize>, &str)]) {
    let problems = lower(&Spec {
        name: "items.yaml",
        text,
    })
    .expect_err("the spec is refused");
    let found: Vec<(&str, Option<usize>, &str)> = problems
        .items
        .iter()
        .map(|d| (d.pointer.as_str(), d.line, d.message.as_str()))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn a_path_item_reference_outside_paths_is_refused() {
    let text = SPEC.replace("'#/paths/~1originals~1{id}'", "'#/components/pathItems/x'");
    assert_refused(
        &text,
        &[(
            "/paths/~1copies~1{id}",
            Some(6),
            "$ref '#/components/pathItems/x' is not supported: a path item may refer only to another path's item under #/paths"
        )]
    );
}

/// Path items are read one at a time while lowering, so one that is not OpenAPI's shape is
/// reported with the other paths' problems, once, at the item itself and not again where
/// another path refers to it.
#[test]
fn a_path_item_of_the_wrong_shape_is_reported_once_where_it_is_written() {
    let text = SPEC.replace(
        "    get:\n      responses:\n",
        "    get:\n      tags: nope\n      responses:\n",
    ) + "  /other:\n    $ref: '#/paths/~1missing'\n";
    assert_refused(
        &text,
        &[
            (
                "/paths/~1originals~1{id}/get/tags",
                Some(16),
                "not a valid OpenAPI 3.0 document: invalid type: string \"nope\", expected a sequence"
            ),
            (
                "/paths/~1other",
                Some(20),
                "$ref '#/paths/~1missing' is not supported: a path item may refer only to another path's item under #/paths"
            ),
        ]
    );
}
