//! Every fixture's generated crate, kept as a tree of files under `tests/expected/<fixture>/`
//! with the paths the generator writes, so a reviewer reads a spec change as a diff of Rust
//! files. `BLESS=1 cargo test -p generator --test snapshots` rewrites the trees; without it a
//! difference fails. Fixtures with a checked-in crate (`generator/fixture-crates/<fixture>`) are
//! compared there by `cargo xtask codegen --check` instead, so no output is stored twice.

mod common;

use generator::{generate, Files, Options, Spec};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// The fixtures whose output this test keeps, by stem.
fn snapshotted_fixtures() -> Vec<PathBuf> {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixture-crates");
    common::fixture_specs()
        .into_iter()
        .filter(|path| !crates.join(path.file_stem().unwrap()).is_dir())
        .collect()
}

/// Every file under `root`, by its path relative to `root` with `/` separators.
fn stored_tree(root: &Path) -> Files {
    let mut files = Files::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(root).unwrap();
                let key = relative
                    .components()
                    .map(|part| part.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                files.insert(key, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    files
}

/// The first line where two texts differ, shown both ways, for a failure message.
fn first_difference(stored: &str, generated: &str) -> String {
    let mut stored_lines = stored.lines();
    let mut generated_lines = generated.lines();
    for number in 1.. {
        match (stored_lines.next(), generated_lines.next()) {
            (Some(a), Some(b)) if a == b => continue,
            (None, None) => return "line endings differ".into(),
            (a, b) => {
                return format!(
                    "line {number}:\n  stored:    {}\n  generated: {}",
                    a.unwrap_or("<end of file>"),
                    b.unwrap_or("<end of file>")
                )
            }
        }
    }
    unreachable!()
}

/// What differs between the stored tree and the generated files, one entry per path.
fn differences(stored: &Files, generated: &Files) -> Vec<String> {
    let paths: BTreeSet<&String> = stored.keys().chain(generated.keys()).collect();
    paths
        .into_iter()
        .filter_map(|path| match (stored.get(path), generated.get(path)) {
            (Some(_), None) => Some(format!("{path}: stored but no longer generated")),
            (None, Some(_)) => Some(format!("{path}: generated but not stored")),
            (Some(a), Some(b)) if a != b => Some(format!("{path}: {}", first_difference(a, b))),
            _ => None,
        })
        .collect()
}

fn write_tree(root: &Path, files: &Files) {
    if root.exists() {
        std::fs::remove_dir_all(root).unwrap();
    }
    for (path, content) in files {
        let target = root.join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, content).unwrap();
    }
}

#[test]
fn every_fixture_matches_its_stored_tree() {
    let bless = std::env::var_os("BLESS").is_some_and(|value| value == "1");
    let expected = tests_dir().join("expected");
    let mut failures = Vec::new();
    let mut kept = BTreeSet::new();
    for spec in snapshotted_fixtures() {
        let (stem, files) = common::generate_fixture(&spec);
        let root = expected.join(&stem);
        kept.insert(stem.clone());
        let found = differences(&stored_tree(&root), &files);
        if found.is_empty() {
            continue;
        }
        if bless {
            write_tree(&root, &files);
        } else {
            failures.push(format!("{stem}:\n  {}", found.join("\n  ")));
        }
    }
    for entry in std::fs::read_dir(&expected).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !kept.contains(&name) {
            if bless {
                std::fs::remove_dir_all(expected.join(&name)).unwrap();
            } else {
                failures.push(format!("{name}: stored, but no fixture generates it"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "generated output differs from tests/expected (BLESS=1 rewrites it):\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_fixture_is_kept_in_one_place() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixture-crates");
    for entry in std::fs::read_dir(&crates).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            tests_dir()
                .join("fixtures")
                .join(format!("{name}.yaml"))
                .exists(),
            "fixture-crates/{name} has no fixture spec of that name"
        );
        assert!(
            !tests_dir().join("expected").join(&name).exists(),
            "{name} is kept both as a fixture crate and under tests/expected"
        );
    }
}

#[test]
fn the_same_spec_gives_the_same_bytes() {
    let path = common::mission_spec();
    let text = std::fs::read_to_string(&path).unwrap();
    let run = || {
        let options = Options {
            crate_name: "mission".into(),
            dev_dependencies: None,
            runtime: generator::Runtime::at_path("../runtime"),
            selection: generator::Selection::everything(),
        };
        generate(
            &Spec {
                name: "spec/mission.yaml",
                text: &text,
            },
            &options,
        )
        .unwrap()
    };
    let first = run();
    for _ in 0..5 {
        assert_eq!(run(), first);
    }
}
