//! Which media type a request body is read as when it lists several: JSON, a form, multipart,
//! then bytes, and `text/plain` as a value only when nothing else is offered; and `text/plain`
//! whose schema text cannot carry, which travels as bytes.

use generator::ir::{BodyContent, Model, ResponseBody, ShapeKind};
use generator::{lower, Spec};

fn model_of(content: &str, response: &str) -> Model {
    let text = format!("openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /a:\n    patch:\n      requestBody:\n        content:\n{content}      responses:\n        '200':\n          description: ok\n          content:\n{response}components:\n  schemas:\n    program:\n      type: object\n      properties:\n        zones:\n          type: array\n          items:\n            type: string\n");
    lower(&Spec {
        name: "a.yaml",
        text: &text,
    })
    .expect("the spec lowers")
}

fn body_of(content: &str) -> BodyContent {
    let response = "            application/json: {}\n";
    let model = model_of(content, response);
    model.operations[0].body.clone().expect("a body").content
}

#[test]
fn a_file_offered_as_bytes_and_as_text_is_bytes() {
    // Azure's Data Lake append: an object of `format: file` under both media types.
    let file = "            schema:\n              type: object\n              format: file\n";
    let content =
        format!("          application/octet-stream:\n{file}          text/plain:\n{file}");
    assert_eq!(
        body_of(&content),
        BodyContent::Binary("application/octet-stream".into())
    );
}

#[test]
fn text_alone_is_read_as_the_value_its_schema_names() {
    let content = "          text/plain:\n            schema:\n              type: integer\n              format: int64\n";
    let BodyContent::Text(shape) = body_of(content) else {
        panic!("a text body");
    };
    assert!(matches!(shape.kind, ShapeKind::Integer(_)), "{shape:?}");
}

#[test]
fn text_whose_schema_is_structure_travels_as_bytes_both_ways() {
    // Netatmo sends a thermostat program (an object component) as text/plain; Synq answers
    // one inline. Neither leaves a type behind for the inline object.
    let request = "          text/plain:\n            schema:\n              $ref: '#/components/schemas/program'\n";
    let response = "            text/plain:\n              schema:\n                type: object\n                properties:\n                  url:\n                    type: string\n";
    let model = model_of(request, response);
    let operation = &model.operations[0];
    let body = operation.body.as_ref().expect("a body");
    assert_eq!(body.content, BodyContent::Binary("text/plain".into()));
    assert!(
        body.doc
            .as_deref()
            .is_some_and(|doc| doc.contains("passed as they are, unchecked")),
        "{:?}",
        body.doc
    );
    assert_eq!(
        operation.successes[0].body,
        ResponseBody::Binary("text/plain".into())
    );
    let names: Vec<&str> = model.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Program"]);
}

#[test]
fn text_without_a_type_is_a_string_both_ways() {
    // Orthanc's MD5 answer: a schema with a description and nothing else.
    let untyped = |indent: &str| {
        format!("{indent}text/plain:\n{indent}  schema:\n{indent}    description: The MD5.\n")
    };
    let model = model_of(&untyped("          "), &untyped("            "));
    let operation = &model.operations[0];
    let BodyContent::Text(shape) = &operation.body.as_ref().expect("a body").content else {
        panic!("a text body");
    };
    assert!(matches!(shape.kind, ShapeKind::String(_)), "{shape:?}");
    let ResponseBody::Text(shape) = &operation.successes[0].body else {
        panic!("a text response");
    };
    assert!(matches!(shape.kind, ShapeKind::String(_)), "{shape:?}");
}
