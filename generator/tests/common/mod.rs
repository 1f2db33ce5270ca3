//! What the fixture tests share: generating a fixture the way the snapshots and the compile
//! check expect it, the fuzzers' randomness, and scratch workspaces for nested builds.
// Each test target uses its own part of these helpers.
#![allow(dead_code)]

pub mod random;
pub mod scratch;

use generator::{generate, Files, Options, Spec};
use std::path::Path;

/// The crate generated from one fixture spec, named `fixture-<stem>`, with the preamble naming
/// `fixtures/<stem>.yaml`.
pub fn generate_fixture(path: &Path) -> (String, Files) {
    let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
    let text = std::fs::read_to_string(path).unwrap();
    let name = format!("fixtures/{stem}.yaml");
    let options = Options {
        crate_name: format!("fixture-{stem}"),
        dev_dependencies: None,
        runtime: generator::Runtime::Dependency(format!(
            "path = {:?}",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../runtime")
        )),
    };
    let files = generate(
        &Spec {
            name: &name,
            text: &text,
        },
        &options,
    )
    .unwrap_or_else(|problems| panic!("{problems}"));
    (stem, files)
}
