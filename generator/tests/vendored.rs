//! `--vendor-runtime`: the mission crate generated with the runtime copied in, standing alone
//! (no dependency on the runtime crate), must pass the checked-in crate's own tests and
//! examples, clippy-clean with every feature and with none.

mod common;

use common::scratch::{repository_root, Scratch};
use generator::{generate, Files, Options, Runtime, Spec};
use std::path::Path;

/// Adds every file under `dir` to `files`, by its path relative to `base`.
fn add_tree(files: &mut Files, base: &Path, dir: &Path) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            add_tree(files, base, &path);
        } else {
            let relative = path
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            files.insert(relative, std::fs::read_to_string(&path).unwrap());
        }
    }
}

#[test]
fn the_mission_crate_with_its_runtime_vendored_passes_its_own_tests() {
    let root = repository_root();
    let mission = root.join("generated");
    let text =
        std::fs::read_to_string(root.join("spec/device-compliance-user-status.yaml")).unwrap();
    let options = Options {
        crate_name: "device-compliance-user-status".into(),
        dev_dependencies: Some(
            std::fs::read_to_string(mission.join("dev-dependencies.toml")).unwrap(),
        ),
        runtime: Runtime::Vendored,
        selection: generator::Selection::everything(),
    };
    let mut files = generate(
        &Spec {
            name: "spec/device-compliance-user-status.yaml",
            text: &text,
        },
        &options,
    )
    .unwrap();
    assert!(!files["Cargo.toml"].contains("openapi-graph-runtime"));
    assert!(files.contains_key("src/runtime/server.rs"));
    for dir in ["tests", "examples"] {
        add_tree(&mut files, &mission, &mission.join(dir));
    }
    let mut scratch = Scratch::new("vendored");
    scratch.write_crate("device-compliance-user-status", &files);
    let output = scratch.cargo(&["test", "--quiet"]);
    assert!(
        output.status.success(),
        "cargo test on the vendored crate failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    scratch.assert_clippy_clean(&["--all-targets", "--all-features"]);
    scratch.assert_clippy_clean(&[]);
}
