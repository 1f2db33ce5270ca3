//! Every fixture's generated crate must build with no warnings and pass clippy `-D warnings`.
//!
//! The crates are written into one scratch workspace under `target/` (with the repository's
//! `Cargo.lock`, so versions match the rest of the build) and checked by a nested cargo with its
//! own target directory, which avoids waiting on the outer build's lock.

mod common;

use common::scratch::Scratch;
use std::path::Path;

/// The Rust examples of a crate's front page (the `//!` docs of `src/lib.rs`), each as a module
/// of a test file, so that building the crate's tests compiles them as the docs show them.
fn front_page_examples(lib: &str) -> String {
    let mut examples = Vec::new();
    let mut current: Option<Vec<&str>> = None;
    for line in lib.lines() {
        let Some(doc) = line.strip_prefix("//!") else {
            continue;
        };
        let doc = doc.strip_prefix(' ').unwrap_or(doc);
        match (&mut current, doc) {
            (None, "```rust") => current = Some(Vec::new()),
            (Some(_), "```") => examples.push(current.take().unwrap().join("\n")),
            (Some(lines), _) => lines.push(doc),
            (None, _) => {}
        }
    }
    let modules: Vec<String> = examples
        .iter()
        .enumerate()
        .map(|(index, code)| format!("mod example_{index} {{\n{code}\n}}\n"))
        .collect();
    format!(
        "//! The front page's examples, compiled.\n#![allow(dead_code)]\n\n{}",
        modules.join("\n")
    )
}

#[test]
fn every_fixture_crate_builds_clippy_clean() {
    let mut scratch = Scratch::new("fixture-check");
    let mut examples = 0;
    for spec in common::fixture_specs() {
        let (stem, mut files) = common::generate_fixture_to_build(&spec);
        let front_page = front_page_examples(&files["src/lib.rs"]);
        examples += front_page.matches("mod example_").count();
        files.insert("tests/front_page.rs".into(), front_page);
        // What the serve example names besides the crate.
        files.get_mut("Cargo.toml").unwrap().push_str(
            "\n[dev-dependencies]\naxum = { version = \"0.8.4\", default-features = false }\n",
        );
        scratch.write_crate(&stem, &files);
    }
    // Validate for every fixture with a struct, serve and call for those with operations.
    assert_eq!(examples, 33, "front-page examples");
    // A selection that leaves a discriminated base no subtype: a union of its catch-all alone.
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/graph-slice.yaml");
    let text = std::fs::read_to_string(&spec).unwrap();
    let files = generator::generate(
        &generator::Spec {
            name: "fixtures/graph-slice.yaml",
            text: &text,
        },
        &generator::Options {
            crate_name: "fixture-bases-only".into(),
            dev_dependencies: None,
            runtime: common::runtime_by_absolute_path(),
            selection: generator::Selection::parse(&["/directoryObjects/**"]).unwrap(),
        },
    )
    .unwrap();
    assert!(files["src/models/directory_object.rs"].contains("pub enum DirectoryObject"));
    scratch.write_crate("bases-only", &files);
    scratch.assert_clippy_clean(&["--workspace", "--all-targets", "--all-features"]);
}
