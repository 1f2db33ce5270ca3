//! `allOf` of one schema and parts that only annotate it (a description, `nullable`): the way
//! OpenAPI 3.0 gives a reference a description of its own. It is that schema, not an object;
//! combining two schemas that are not objects is refused at the part that is not.

use generator::ir::{ShapeKind, TypeKind};
use generator::{lower, Spec};

const SPEC: &str = "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths: {}\ncomponents:\n  schemas:\n    email:\n      type: string\n      maxLength: 5\n    mode:\n      type: string\n      enum: [a, b]\n    person:\n      type: object\n      properties:\n        described:\n          allOf:\n            - $ref: '#/components/schemas/email'\n            - description: A mail, described beside its reference.\n              example: a@b\n        nulled:\n          allOf:\n            - $ref: '#/components/schemas/mode'\n            - nullable: true\n    contact:\n      description: A component that is an email with a description.\n      allOf:\n        - $ref: '#/components/schemas/email'\n        - description: Where to write.\n";

#[test]
fn one_schema_with_annotating_parts_is_that_schema() {
    let model = lower(&Spec {
        name: "t.yaml",
        text: SPEC,
    })
    .expect("the spec lowers");
    let TypeKind::Struct(person) = &model.find("Person").unwrap().kind else {
        panic!("person is an object")
    };
    let found: Vec<(&str, String, bool, Option<&str>)> = person
        .fields
        .iter()
        .map(|f| {
            let ShapeKind::Named(name) = &f.shape.kind else {
                panic!("{f:?}")
            };
            (
                f.wire_name.as_str(),
                name.clone(),
                f.shape.nullable,
                f.doc.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            (
                "described",
                "Email".to_owned(),
                false,
                Some("A mail, described beside its reference.")
            ),
            ("nulled", "Mode".to_owned(), true, None),
        ]
    );
    let TypeKind::Alias(contact) = &model.find("Contact").unwrap().kind else {
        panic!("contact is an alias, not a struct")
    };
    assert_eq!(contact.kind, ShapeKind::Named("Email".into()));
}

#[test]
fn two_schemas_that_are_not_objects_are_refused_at_the_part() {
    let text = SPEC.replace("            - description: A mail, described beside its reference.\n              example: a@b\n", "            - maxLength: 3\n");
    let problems = lower(&Spec {
        name: "t.yaml",
        text: &text,
    })
    .expect_err("refused");
    let found: Vec<(&str, &str)> = problems
        .items
        .iter()
        .map(|d| (d.pointer.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        vec![(
            "/components/schemas/person/properties/described/allOf/0",
            "allOf part 'email' has `type: string`; only object schemas can be combined, or one schema with parts that only annotate it"
        )]
    );
}
