//! What the fixture tests share: generating a fixture the way the snapshots and the compile
//! check expect it, the fuzzers' randomness, and scratch workspaces for nested builds.
// Each test target uses its own part of these helpers.
#![allow(dead_code)]

pub mod mutate;
pub mod random;
pub mod scratch;

use generator::{generate, Files, Options, Spec};
use std::path::Path;

/// The crate generated from one fixture spec, named `fixture-<stem>`, with the preamble naming
/// `fixtures/<stem>.yaml`, depending on the runtime as a crate beside it (`../runtime`), so
/// that snapshots hold no path of this machine.
pub fn generate_fixture(path: &Path) -> (String, Files) {
    generate_fixture_with(path, generator::Runtime::at_path("../runtime"))
}

/// Every fixture spec (`tests/fixtures/*.yaml`; a `.select` file beside one is not a spec), in
/// name order.
pub fn fixture_specs() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut specs: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    specs.sort();
    specs
}

/// The spec the checked-in mission crate (`generated/`) is generated from; it is not repeated
/// among the fixtures.
pub fn mission_spec() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/device-compliance-user-status.yaml")
}

/// [`generate_fixture`] depending on this workspace's runtime crate by its absolute path, for
/// crates that are built.
pub fn generate_fixture_to_build(path: &Path) -> (String, Files) {
    generate_fixture_with(path, runtime_by_absolute_path())
}

/// This workspace's runtime crate as a dependency by absolute path.
pub fn runtime_by_absolute_path() -> generator::Runtime {
    generator::Runtime::at_path(concat!(env!("CARGO_MANIFEST_DIR"), "/../runtime"))
}

fn generate_fixture_with(path: &Path, runtime: generator::Runtime) -> (String, Files) {
    let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
    let text = std::fs::read_to_string(path).unwrap();
    let name = format!("fixtures/{stem}.yaml");
    let options = Options {
        crate_name: format!("fixture-{stem}"),
        dev_dependencies: None,
        runtime,
        selection: generator::Selection::everything(),
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
