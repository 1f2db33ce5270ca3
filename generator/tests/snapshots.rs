//! One insta snapshot per fixture spec and generated file. CI runs with `CI=true`, so a changed
//! snapshot fails instead of being written; review changes with `cargo insta review`.

mod common;

use generator::{generate, Options, Spec};

#[test]
fn every_fixture_matches_its_snapshots() {
    insta::glob!("fixtures/*.yaml", |path| {
        let (_, files) = common::generate_fixture(path);
        for (file, content) in &files {
            insta::assert_snapshot!(file.replace('/', "__"), content);
        }
    });
}

/// A generated file that goes away must take its snapshot with it, or the stale snapshot would
/// go on documenting output that no longer exists.
#[test]
fn every_snapshot_belongs_to_a_generated_file() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut expected = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(root.join("fixtures")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let spec = path.file_name().unwrap().to_string_lossy().into_owned();
            let (_, files) = common::generate_fixture(&path);
            for file in files.keys() {
                expected.insert(format!(
                    "snapshots__{}@{spec}.snap",
                    file.replace('/', "__")
                ));
            }
        }
    }
    let stale: Vec<String> = std::fs::read_dir(root.join("snapshots"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".snap") && !expected.contains(name))
        .collect();
    assert!(
        stale.is_empty(),
        "snapshots of files no longer generated: {stale:?}"
    );
}

#[test]
fn the_same_spec_gives_the_same_bytes() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mission.yaml"),
    )
    .unwrap();
    let run = || {
        let options = Options {
            crate_name: "mission".into(),
            dev_dependencies: None,
            runtime: generator::Runtime::at_path("../runtime"),
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
