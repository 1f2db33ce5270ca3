//! Which media type a request body is read as when it lists several: JSON, a form, multipart,
//! then bytes, and `text/plain` as a value only when nothing else is offered.

use generator::ir::{BodyContent, ShapeKind};
use generator::{lower, Spec};

fn body_of(content: &str) -> BodyContent {
    let text = format!("openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /a:\n    patch:\n      requestBody:\n        content:\n{content}      responses:\n        '204':\n          description: ok\n");
    let model = lower(&Spec {
        name: "a.yaml",
        text: &text,
    })
    .expect("the spec lowers");
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
