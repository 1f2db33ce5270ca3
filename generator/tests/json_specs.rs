//! A spec written as JSON, as Graph publishes its descriptions: read by the JSON reader, it
//! generates exactly what the same spec in YAML does; JSON the JSON reader refuses still gets
//! the YAML reader's error.

mod common;

use generator::{generate, Options, Spec};

fn options() -> Options {
    Options {
        crate_name: "json-spec".into(),
        dev_dependencies: None,
        runtime: generator::Runtime::at_path("../runtime"),
        selection: generator::Selection::everything(),
    }
}

#[test]
fn every_fixture_as_json_generates_the_same_files_as_in_yaml() {
    let mut compared = 0;
    for path in common::fixture_specs() {
        let yaml = std::fs::read_to_string(&path).unwrap();
        let value: serde_json::Value = serde_yaml::from_str(&yaml).unwrap();
        let json = serde_json::to_string_pretty(&value).unwrap();
        let name = "spec";
        let from_yaml = generate(&Spec { name, text: &yaml }, &options());
        let from_json = generate(&Spec { name, text: &json }, &options());
        match (from_yaml, from_json) {
            (Ok(yaml_files), Ok(json_files)) => assert!(yaml_files == json_files, "{path:?}"),
            (Err(yaml_errors), Err(json_errors)) => {
                let messages = |d: generator::Diagnostics| -> Vec<(String, String)> {
                    d.items
                        .into_iter()
                        .map(|d| (d.pointer, d.message))
                        .collect()
                };
                assert_eq!(messages(yaml_errors), messages(json_errors), "{path:?}");
            }
            _ => panic!("{path:?} generates from one text and not the other"),
        }
        compared += 1;
    }
    assert!(compared >= 17, "{compared}");
}

#[test]
fn broken_json_gets_the_yaml_readers_error_with_its_line() {
    let text = "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"T\", \"version\": \"1\"},\n  \"paths\": {\n    \"/a\": [,]\n  }\n}\n";
    let errors = generate(
        &Spec {
            name: "broken.json",
            text,
        },
        &options(),
    )
    .unwrap_err();
    assert_eq!(errors.items.len(), 1, "{errors:?}");
    assert_eq!(errors.items[0].line, Some(5));
    assert!(
        errors.items[0]
            .message
            .starts_with("not a valid OpenAPI 3.0 document: "),
        "{}",
        errors.items[0].message
    );
}
