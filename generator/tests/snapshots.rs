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
