//! Every fixture's generated crate must build with no warnings and pass clippy `-D warnings`.
//!
//! The crates are written into one scratch workspace under `target/` (with the repository's
//! `Cargo.lock`, so versions match the rest of the build) and checked by a nested cargo with its
//! own target directory, which avoids waiting on the outer build's lock.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn fixture_specs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut specs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    specs.sort();
    specs
}

#[test]
fn every_fixture_crate_builds_clippy_clean() {
    let root = repository_root();
    let scratch = root.join("target/fixture-check");
    let crates = scratch.join("crates");
    let _ = std::fs::remove_dir_all(&crates);
    let mut members = Vec::new();
    for spec in fixture_specs() {
        let (stem, files) = common::generate_fixture(&spec);
        for (file, content) in files {
            let path = crates.join(&stem).join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, content).unwrap();
        }
        members.push(format!("\"crates/{stem}\""));
    }
    std::fs::write(
        scratch.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    )
    .unwrap();
    if !scratch.join("Cargo.lock").exists() {
        std::fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock")).unwrap();
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        .args([
            "clippy",
            "--workspace",
            "--all-features",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "generated fixture crates do not build clean:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
