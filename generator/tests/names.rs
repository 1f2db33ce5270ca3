//! Names after casing: colliding schema and property names get stable, distinct Rust names, and
//! every field keeps its exact wire name.

use generator::ir::{Model, Shape, ShapeKind, TypeKind};
use generator::{lower, Spec};

fn model(fixture: &str) -> Model {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(fixture);
    let text = std::fs::read_to_string(path).unwrap();
    lower(&Spec {
        name: fixture,
        text: &text,
    })
    .unwrap()
}

fn fields(model: &Model, type_name: &str) -> Vec<(String, String)> {
    match &model.find(type_name).unwrap().kind {
        TypeKind::Struct(s) => s
            .fields
            .iter()
            .map(|f| (f.rust_name.clone(), f.wire_name.clone()))
            .collect(),
        other => panic!("{type_name} is {other:?}"),
    }
}

#[test]
fn schema_and_property_names_that_collide_after_casing_stay_apart() {
    let model = model("collisions.yaml");
    let types: Vec<(&str, &str)> = model
        .types
        .iter()
        .map(|t| (t.name.as_str(), t.schema_name.as_str()))
        .collect();
    assert_eq!(
        types,
        vec![
            ("FooBar", "foo_bar"),
            ("FooBar2", "fooBar"),
            ("AItem", "a.item"),
            ("BItem", "b.item")
        ]
    );
    let pairs = |list: &[(&str, &str)]| {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        fields(&model, "FooBar"),
        pairs(&[
            ("value", "value"),
            ("value_2", "Value"),
            ("va_lue", "va-lue")
        ])
    );
}

#[test]
fn keywords_become_raw_or_suffixed_identifiers() {
    let model = model("keyword-schema.yaml");
    let types: Vec<&str> = model.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(types, vec!["Type", "OptionType"]);
    let pairs = |list: &[(&str, &str)]| {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        fields(&model, "Type"),
        pairs(&[
            ("r#type", "type"),
            ("r#match", "match"),
            ("self_", "self"),
            ("r#async", "async")
        ])
    );
}

#[test]
fn awkward_enum_values_get_variants_and_the_catch_all_moves_aside() {
    let model = model("awkward-enum.yaml");
    let TypeKind::Enum(e) = &model.find("Mode").unwrap().kind else {
        panic!()
    };
    let variants: Vec<(&str, &str)> = e
        .variants
        .iter()
        .map(|v| (v.rust_name.as_str(), v.wire_name.as_str()))
        .collect();
    assert_eq!(
        variants,
        vec![
            ("Unknown", "unknown"),
            ("ReadOnly", "read-only"),
            ("V2fa", "2fa"),
            ("Type", "type"),
            ("SelfValue", "self"),
            ("SelfValue2", "Self"),
            ("FooBar", "fooBar"),
            ("FooBar2", "foo_bar"),
            ("Unrecognized", "unrecognized"),
            ("Empty", ""),
            ("Asterisk", "*"),
            ("MinusInf", "-INF"),
            ("Inf", "INF"),
        ]
    );
    assert_eq!(e.other_variant, "Unrecognized2");
}

#[test]
fn a_shared_component_parameter_is_one_type_named_after_its_component() {
    let model = model("../../../spec/device-compliance-user-status.yaml");
    let item_type = |shape: &Shape| match &shape.kind {
        ShapeKind::Array(item) => match &item.kind {
            ShapeKind::Named(name) => name.clone(),
            other => panic!("$select items are {other:?}"),
        },
        other => panic!("$select is {other:?}"),
    };
    let select_types: Vec<(&str, String)> = model
        .operations
        .iter()
        .flat_map(|op| op.params.iter().map(move |p| (op, p)))
        .filter(|(_, p)| p.wire_name == "$select")
        .map(|(op, p)| (op.rust_name.as_str(), item_type(&p.shape)))
        .collect();
    assert_eq!(
        select_types,
        vec![
            ("list_user_status", "SelectItem".to_owned()),
            ("get_user_status", "SelectItem".to_owned()),
        ]
    );
    let origin = &model.find("SelectItem").unwrap().origin;
    assert_eq!(origin, "#/components/parameters/select/schema/items");
}

/// An operation whose types would be named like the runtime's (`search_raw` -> `RawParams`)
/// takes the next free prefix, as it would beside a schema of that name.
#[test]
fn operation_types_named_like_the_runtimes_move_aside() {
    let model = model("runtime-names.yaml");
    let raw = model
        .operations
        .iter()
        .find(|op| op.id == "search_raw")
        .unwrap();
    assert_eq!(
        (raw.rust_name.as_str(), raw.type_name.as_str()),
        ("raw", "Raw2")
    );
}
