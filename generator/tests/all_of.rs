//! `allOf` of one schema and parts that only annotate it (a description, `nullable`): the way
//! OpenAPI 3.0 gives a reference a description of its own. It is that schema, not an object.
//! Scalar parts of one type combine into one scalar with every part's rules; an object combined
//! with a scalar is refused at the part that is not an object, and scalar rules one schema
//! cannot hold (two patterns, two types) are refused at the `allOf`.

use generator::ir::{ShapeKind, StringFormat, TypeKind};
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

/// The problems lowering `SPEC` finds once `part` replaces the annotating part of `described`.
fn refused_with_part(part: &str) -> Vec<(String, String)> {
    let text = SPEC.replace(
        "            - description: A mail, described beside its reference.\n              example: a@b\n",
        part,
    );
    lower(&Spec {
        name: "t.yaml",
        text: &text,
    })
    .expect_err("refused")
    .items
    .into_iter()
    .map(|d| (d.pointer, d.message))
    .collect()
}

#[test]
fn scalar_parts_combine_into_one_scalar_with_every_rule() {
    let text = SPEC.replace(
        "            - description: A mail, described beside its reference.\n              example: a@b\n",
        "            - maxLength: 9\n              minLength: 2\n              pattern: '@'\n            - type: string\n              maxLength: 3\n              description: At most three, and two at least.\n",
    );
    let described = described_field(&text);
    let doc = described.doc.as_deref();
    let described = &described.shape;
    assert_eq!(described.kind, ShapeKind::String(StringFormat::Plain));
    assert_eq!(
        (
            described.rules.min_length,
            described.rules.max_length,
            described.rules.pattern.as_ref().map(|p| p.spec.as_str()),
            described.nullable,
        ),
        (Some(2), Some(3), Some("@"), false)
    );
    assert_eq!(doc, Some("At most three, and two at least."));

    // An annotating part may allow `null`, as it may for one wrapped schema.
    let text = text.replace(
        "              description: At most three, and two at least.\n",
        "              description: At most three, and two at least.\n            - nullable: true\n",
    );
    let described = described_field(&text);
    assert!(described.shape.nullable);
    assert_eq!(described.shape.rules.max_length, Some(3));
}

/// The field `described` of `person` once `text` is lowered.
fn described_field(text: &str) -> generator::ir::Field {
    let model = lower(&Spec {
        name: "t.yaml",
        text,
    })
    .expect("the spec lowers");
    let TypeKind::Struct(person) = &model.find("Person").unwrap().kind else {
        panic!("person is an object")
    };
    person.fields[0].clone()
}

#[test]
fn an_object_combined_with_a_scalar_is_refused_at_the_part() {
    assert_eq!(
        refused_with_part("            - type: object\n              properties:\n                x:\n                  type: string\n"),
        vec![(
            "/components/schemas/person/properties/described/allOf/0".to_owned(),
            "allOf part 'email' has `type: string`; only object schemas can be combined, or one schema with parts that only annotate it".to_owned()
        )]
    );
}

#[test]
fn scalar_rules_one_schema_cannot_hold_are_refused_at_the_all_of() {
    let at = "/components/schemas/person/properties/described".to_owned();
    assert_eq!(
        refused_with_part("            - pattern: '^a'\n            - pattern: 'b$'\n"),
        vec![(at.clone(), "allOf of scalars: the parts give two values of `pattern`, \"^a\" and \"b$\", which one schema cannot hold".to_owned())]
    );
    assert_eq!(
        refused_with_part("            - type: integer\n"),
        vec![(
            at.clone(),
            "allOf of scalars: the parts have types \"string\" and \"integer\"".to_owned()
        )]
    );
    assert_eq!(
        refused_with_part("            - enum: [x, y]\n            - enum: [z]\n"),
        vec![(
            at,
            "allOf of scalars: the parts' enums share no value, so no value passes".to_owned()
        )]
    );
}

#[test]
fn a_part_that_only_lists_required_properties_requires_them() {
    let text = "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths: {}\ncomponents:\n  schemas:\n    wall:\n      type: object\n      properties:\n        name:\n          type: string\n        height:\n          type: integer\n    newWall:\n      allOf:\n        - $ref: '#/components/schemas/wall'\n        - required: [name]\n";
    let model = lower(&Spec {
        name: "t.yaml",
        text,
    })
    .expect("the spec lowers");
    let TypeKind::Struct(new_wall) = &model.find("NewWall").unwrap().kind else {
        panic!("newWall is an object")
    };
    let required: Vec<(&str, bool)> = new_wall
        .fields
        .iter()
        .map(|f| (f.wire_name.as_str(), f.required))
        .collect();
    assert_eq!(required, vec![("name", true), ("height", false)]);
}
