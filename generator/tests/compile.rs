//! Every fixture's generated crate must build with no warnings and pass clippy `-D warnings`.
//!
//! The crates are written into one scratch workspace under `target/` (with the repository's
//! `Cargo.lock`, so versions match the rest of the build) and checked by a nested cargo with its
//! own target directory, which avoids waiting on the outer build's lock.

mod common;

use common::scratch::Scratch;
use std::path::{Path, PathBuf};

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
    let mut scratch = Scratch::new("fixture-check");
    for spec in fixture_specs() {
        let (stem, files) = common::generate_fixture(&spec);
        scratch.write_crate(&stem, &files);
    }
    let output = scratch.cargo(&[
        "clippy",
        "--workspace",
        "--all-features",
        "--quiet",
        "--",
        "-D",
        "warnings",
    ]);
    assert!(
        output.status.success(),
        "generated fixture crates do not build clean:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
