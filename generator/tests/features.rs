//! Area features (`features:path`, `features:tag`): which feature compiles which code, and a
//! crate built with one area alone (a nested cargo, as `compile.rs` builds the fixtures).

mod common;

use common::scratch::Scratch;
use generator::{generate, Files, Options, Selection, Spec};
use std::path::Path;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// graph-slice.yaml through graph-slice.select: the users' and the directory objects' paths,
/// one feature per first path segment.
fn graph_slice(crate_name: &str) -> Files {
    let text = std::fs::read_to_string(fixture("graph-slice.yaml")).unwrap();
    let select = std::fs::read_to_string(fixture("graph-slice.select")).unwrap();
    let selection = Selection::parse_file(&select).unwrap();
    assert_eq!(
        selection.area_features(),
        Some(generator::AreaFeatures::Path)
    );
    generate(
        &Spec {
            name: "fixtures/graph-slice.yaml",
            text: &text,
        },
        &Options {
            crate_name: crate_name.into(),
            dev_dependencies: None,
            runtime: common::runtime_by_absolute_path(),
            selection,
        },
    )
    .unwrap_or_else(|problems| panic!("{problems}"))
}

/// The lines of `text` from the one starting with `from` to the end.
fn from_line<'t>(text: &'t str, from: &str) -> Vec<&'t str> {
    text.lines()
        .skip_while(|line| !line.starts_with(from))
        .collect()
}

#[test]
fn each_area_gets_a_feature_and_each_type_the_features_that_reach_it() {
    let files = graph_slice("fixture-areas");
    assert_eq!(
        from_line(&files["Cargo.toml"], "# One feature per area"),
        [
            "# One feature per area of operations: its operations, on the server and the client,",
            "# and the types they reach. A subtype another area reaches only through a",
            "# discriminated union decodes into the union's `Unrecognized` while its area is off.",
            "# 2 operations, the first `GET /directoryObjects/{directoryObject-id}`.",
            "directory-objects = []",
            "# 3 operations, the first `GET /users`.",
            "users = []",
            "# The types no operation reaches, or reaches only as a discriminated union's variant.",
            "other-types = []",
        ]
    );
    // `DirectoryObject` is what the directory objects' operations take; `User` is reached by
    // the users' operations and, as its variant, through it only; `Entity` by no operation.
    assert_eq!(
        from_line(&files["src/models.rs"], "#[cfg"),
        [
            "#[cfg(feature = \"other-types\")]",
            "mod entity;",
            "#[cfg(feature = \"other-types\")]",
            "pub use entity::*;",
            "#[cfg(feature = \"directory-objects\")]",
            "mod directory_object;",
            "#[cfg(feature = \"directory-objects\")]",
            "pub use directory_object::*;",
            "#[cfg(feature = \"users\")]",
            "mod user;",
            "#[cfg(feature = \"users\")]",
            "pub use user::*;",
            "#[cfg(feature = \"users\")]",
            "mod user_collection_response;",
            "#[cfg(feature = \"users\")]",
            "pub use user_collection_response::*;",
        ]
    );
    let union = &files["src/models/directory_object.rs"];
    assert!(
        union.contains(
            "    /// Selected by `#microsoft.graph.user`. Only with the feature `users`: without it, such an\n    /// object is `Unrecognized`.\n    #[cfg(feature = \"users\")]\n    User(User),\n"
        ),
        "{union}"
    );
    // Every area's code is a part of its own, under its feature.
    for file in ["operations", "server", "client"] {
        let root = &files[&format!("src/{file}.rs")];
        for (feature, part) in [
            ("users", "users"),
            ("directory-objects", "directory_objects"),
        ] {
            assert!(
                root.contains(&format!("#[cfg(feature = \"{feature}\")]\nmod {part};\n")),
                "src/{file}.rs: {root}"
            );
        }
    }
    // The crate root allows what a build with an area off leaves unused, and no more.
    assert!(
        files["src/lib.rs"].contains(concat!(
            "#![cfg_attr(\n",
            "    not(all(feature = \"directory-objects\", feature = \"other-types\", feature = \"users\")),\n",
            "    allow(unused)\n",
            ")]\n"
        )),
        "{}",
        files["src/lib.rs"]
    );
}

#[test]
fn by_tag_a_route_goes_whole_to_the_area_of_its_first_operation() {
    let text = r#"
openapi: 3.0.3
info: {title: Tags, version: "1"}
paths:
  /a:
    get:
      operationId: getA
      tags: [first]
      responses: {"204": {description: done}}
    post:
      operationId: postA
      tags: [second]
      responses: {"204": {description: done}}
  /b:
    get:
      operationId: getB
      tags: [second]
      responses: {"204": {description: done}}
"#;
    let files = generate(
        &Spec {
            name: "tags.yaml",
            text,
        },
        &Options {
            crate_name: "tags".into(),
            dev_dependencies: None,
            runtime: generator::Runtime::at_path("../runtime"),
            selection: Selection::parse(&["features:tag"]).unwrap(),
        },
    )
    .unwrap();
    assert_eq!(
        from_line(&files["Cargo.toml"], "# 2 operations"),
        [
            "# 2 operations, the first `GET /a`.",
            "first = []",
            "# 1 operation: `GET /b`.",
            "second = []",
        ]
    );
    let first = &files["src/server/first.rs"];
    assert!(
        first.contains("fn handle_get_a") && first.contains("fn handle_post_a"),
        "{first}"
    );
    let second = &files["src/server/second.rs"];
    assert!(
        second.contains("fn handle_get_b") && !second.contains("post_a"),
        "{second}"
    );
}

#[test]
fn the_setting_takes_path_or_tag_once() {
    assert_eq!(
        Selection::parse(&["features:segment"]).unwrap_err(),
        "'features:segment': features are cut by 'path' or by 'tag'"
    );
    assert_eq!(
        Selection::parse(&["features:path", "features:tag"]).unwrap_err(),
        "'features:tag': features are already cut another way; give one setting"
    );
    let both = Selection::parse(&["features: path", "/users/**"]).unwrap();
    assert_eq!(both.area_features(), Some(generator::AreaFeatures::Path));
    assert!(!both.is_everything());
    assert!(Selection::parse(&["features:tag"]).unwrap().is_everything());
}

/// One area's feature alone, with and without `server` and `client`, builds clippy-clean;
/// with `directory-objects` alone, the tests in `tests/areas/` pass.
#[test]
fn a_crate_built_with_one_area_alone_is_clean_and_behaves() {
    let mut files = graph_slice("fixture-areas");
    files.insert(
        "tests/directory_objects_only.rs".into(),
        include_str!("areas/directory_objects_only.rs").into(),
    );
    files.get_mut("Cargo.toml").unwrap().push_str(concat!(
        "\n[dev-dependencies]\n",
        "tokio = { version = \"1.40\", features = [\"macros\", \"rt-multi-thread\", \"net\"] }\n",
        "axum = { version = \"0.8.4\", default-features = false, features = [\"http1\", \"tokio\"] }\n",
        "reqwest = { version = \"0.12\", default-features = false, features = [\"json\"] }\n",
        "serde_json = \"1\"\n",
        "\n[[test]]\nname = \"directory_objects_only\"\n",
        "required-features = [\"directory-objects\", \"server\", \"client\"]\n",
    ));
    let mut scratch = Scratch::new("features-check");
    scratch.write_crate("areas", &files);
    for features in [
        "server,client",
        "users,server,client",
        "directory-objects",
        "other-types,server,client",
    ] {
        scratch.assert_clippy_clean(&[
            "--all-targets",
            "--no-default-features",
            "--features",
            features,
        ]);
    }
    let output = scratch.cargo(&[
        "test",
        "--no-default-features",
        "--features",
        "directory-objects,server,client",
        "--test",
        "directory_objects_only",
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("test result: ok. 3 passed"),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
