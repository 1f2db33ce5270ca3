//! Which properties of a multipart body are files: `type: string, format: binary`, inline or
//! through a `$ref`, whose component key may hold an escaped `/`.

use generator::ir::{BodyContent, PartKind};
use generator::{lower, Spec};

#[test]
fn a_binary_component_is_a_file_part_even_behind_an_escaped_key() {
    let text = "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /a:\n    post:\n      requestBody:\n        content:\n          multipart/form-data:\n            schema:\n              type: object\n              properties:\n                inline:\n                  type: string\n                  format: binary\n                referred:\n                  $ref: '#/components/schemas/media~1blob'\n                caption:\n                  type: string\n      responses:\n        '204':\n          description: ok\ncomponents:\n  schemas:\n    media/blob:\n      type: string\n      format: binary\n";
    let model = lower(&Spec {
        name: "a.yaml",
        text,
    })
    .expect("the spec lowers");
    let Some(BodyContent::Multipart(parts)) = model.operations[0].body.as_ref().map(|b| &b.content)
    else {
        panic!("a multipart body");
    };
    let kinds: Vec<(&str, bool)> = parts
        .fields
        .iter()
        .map(|field| (field.wire_name.as_str(), field.kind == PartKind::File))
        .collect();
    assert_eq!(
        kinds,
        vec![("inline", true), ("referred", true), ("caption", false)]
    );
}
