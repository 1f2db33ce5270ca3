//! `generated/` must be exactly what `spec/` generates, and `--check` must say which file is not.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use xtask::codegen::{
    checked_in_targets, generate_into, orphaned_files, selection_for, stale_files, workspace_root,
    DEFAULT_OUT, DEFAULT_SPEC,
};

#[test]
fn checked_in_crates_are_up_to_date_with_their_specs() {
    for target in checked_in_targets() {
        let files = generate_into(
            &target.spec,
            target.crate_name.as_deref(),
            Some(&target.out),
            None,
            &selection_for(&target.spec, &target.select).unwrap(),
        )
        .unwrap();
        let mut stale = stale_files(&files, &target.out);
        stale.extend(orphaned_files(&files, &target.out));
        assert!(
            stale.is_empty(),
            "{} is stale ({}); run `cargo xtask codegen` and commit the result",
            target.out.display(),
            stale.join(", ")
        );
    }
}

/// A directory of this test run's own, removed when the test ends (pass or fail), so that runs
/// leave nothing behind in the temporary directory.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl std::ops::Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<OsStr> for Scratch {
    fn as_ref(&self) -> &OsStr {
        self.0.as_os_str()
    }
}

fn scratch_dir(name: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    Scratch(dir)
}

#[test]
fn check_names_the_file_a_removed_property_makes_stale() {
    let root = workspace_root();
    let spec = std::fs::read_to_string(root.join(DEFAULT_SPEC)).unwrap();
    let property = "            userPrincipalName:\n              type: string\n              description: UserPrincipalName.\n              nullable: true\n";
    assert!(
        spec.contains(property),
        "the spec no longer has the property this test removes"
    );
    let edited = spec
        .replace(property, "")
        .replace("            - userPrincipalName\n", "");
    let dir = scratch_dir("edited-spec");
    let edited_path = dir.join("device-compliance-user-status.yaml");
    std::fs::write(&edited_path, edited).unwrap();

    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["codegen", "--check", "--spec"])
        .arg(&edited_path)
        .arg("--out")
        .arg(root.join(DEFAULT_OUT))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "stderr: {stderr}");
    let entity = root
        .join(DEFAULT_OUT)
        .join("src/models/device_compliance_user_status.rs");
    assert!(
        stderr.contains(&format!("  {}\n", entity.display())),
        "stderr does not name the entity's model file: {stderr}"
    );

    assert!(stderr.contains("run `cargo xtask codegen`"), "{stderr}");
}

#[test]
fn out_writes_a_complete_crate_and_check_then_passes() {
    let root = workspace_root();
    let out = scratch_dir("out");
    let spec = root.join("generator/tests/fixtures/nested-inline.yaml");
    let run = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_xtask"))
            .arg("codegen")
            .args(extra)
            .arg("--spec")
            .arg(&spec)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap()
    };
    let check_before = run(&["--check"]);
    assert_eq!(check_before.status.code(), Some(1));
    let written = run(&[]);
    assert!(
        written.status.success(),
        "{}",
        String::from_utf8_lossy(&written.stderr)
    );
    for file in [
        "Cargo.toml",
        "src/lib.rs",
        "src/models.rs",
        "src/validation.rs",
    ] {
        assert!(out.join(file).is_file(), "{file} missing");
    }
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"nested-inline\""), "{manifest}");
    // The runtime crate by a path that leads to this workspace's (absolute here, since the
    // scratch directory shares no ancestor with it but `/`; the checked-in crates show the
    // relative form).
    let path = manifest
        .lines()
        .find_map(|line| line.strip_prefix("openapi-graph-runtime = { path = \""))
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no runtime path dependency in {manifest}"));
    assert_eq!(
        std::fs::canonicalize(out.join(path)).unwrap(),
        std::fs::canonicalize(root.join("runtime")).unwrap()
    );
    assert!(!out.join("src/runtime.rs").exists());
    assert!(run(&["--check"]).status.success());
    // Vendored, the same spec gives a crate with the runtime's files and no dependency on it;
    // switching modes is a change `--check` reports.
    assert_eq!(run(&["--check", "--vendor-runtime"]).status.code(), Some(1));
    assert!(run(&["--vendor-runtime"]).status.success());
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(!manifest.contains("openapi-graph-runtime"), "{manifest}");
    for file in [
        "src/runtime.rs",
        "src/runtime/errors.rs",
        "src/runtime/validation.rs",
    ] {
        assert!(out.join(file).is_file(), "{file} missing");
    }
    assert!(run(&["--check", "--vendor-runtime"]).status.success());
}

#[test]
fn a_spec_that_cannot_be_read_is_named_and_nothing_is_written() {
    let out = scratch_dir("unreadable");
    let spec = out.join("absent.yaml");
    let target = out.join("crate");
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["codegen", "--spec"])
        .arg(&spec)
        .arg("--out")
        .arg(&target)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    let expected_start = format!("cannot read {}: ", spec.display());
    assert!(stderr.starts_with(&expected_start), "{stderr}");
    assert!(stderr.ends_with(")\nnothing was written.\n"), "{stderr}");
    assert!(!target.exists(), "nothing may be written");
}

#[test]
fn a_broken_spec_writes_nothing_and_reports_every_problem_with_its_line() {
    let out = scratch_dir("broken");
    let spec = out.join("broken.yaml");
    std::fs::write(
        &spec,
        "openapi: 3.0.3\ninfo:\n  title: Broken\n  version: '1'\npaths: {}\ncomponents:\n  schemas:\n    a:\n      type: object\n      properties:\n        b:\n          $ref: '#/components/schemas/missing'\n        c:\n          not:\n            type: string\n",
    )
    .unwrap();
    let target = out.join("crate");
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["codegen", "--spec"])
        .arg(&spec)
        .arg("--out")
        .arg(&target)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr.starts_with("2 problems in broken.yaml:\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("broken.yaml:11: /components/schemas/a/properties/b: $ref '#/components/schemas/missing' does not resolve"),
        "{stderr}"
    );
    assert!(
        stderr
            .contains("broken.yaml:13: /components/schemas/a/properties/c: `not` is supported only as `not: {}`"),
        "{stderr}"
    );
    assert!(!target.exists(), "nothing may be written");
}

#[test]
fn files_the_spec_no_longer_produces_are_reported_then_removed_and_hand_written_ones_kept() {
    let root = workspace_root();
    let out = scratch_dir("orphans");
    let run = |spec: &str, extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_xtask"))
            .arg("codegen")
            .args(extra)
            .arg("--spec")
            .arg(root.join(spec))
            .arg("--out")
            .arg(&out)
            .arg("--crate-name")
            .arg("orphans")
            .output()
            .unwrap()
    };
    assert!(run("generator/tests/fixtures/operations.yaml", &[])
        .status
        .success());
    assert!(out.join("src/server.rs").is_file());
    std::fs::create_dir_all(out.join("tests")).unwrap();
    std::fs::write(out.join("tests/hand_written.rs"), "//! Mine.\n").unwrap();
    std::fs::write(out.join("src/notes.rs"), "// Not generated.\n").unwrap();

    // The next spec has no operations, so no server or client.
    let check = run("generator/tests/fixtures/presence.yaml", &["--check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1));
    assert!(stderr.contains("has generated files that"), "{stderr}");
    for file in ["src/client.rs", "src/server.rs"] {
        assert!(
            stderr.contains(&format!("  {}\n", out.join(file).display())),
            "{file}: {stderr}"
        );
    }
    assert!(
        out.join("src/server.rs").is_file(),
        "--check writes nothing"
    );

    let written = run("generator/tests/fixtures/presence.yaml", &[]);
    let stdout = String::from_utf8_lossy(&written.stdout);
    assert!(written.status.success());
    assert!(stdout.contains("(no longer generated)"), "{stdout}");
    assert!(!out.join("src/server.rs").exists() && !out.join("src/client.rs").exists());
    assert!(out.join("tests/hand_written.rs").is_file() && out.join("src/notes.rs").is_file());
    assert!(run("generator/tests/fixtures/presence.yaml", &["--check"])
        .status
        .success());

    // A spec that fails leaves the crate byte for byte as it was.
    let before = std::fs::read(out.join("src/models.rs")).unwrap();
    let broken = out.join("broken.yaml");
    std::fs::write(&broken, "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    a:\n      $ref: '#/components/schemas/b'\n").unwrap();
    let failed = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["codegen", "--spec"])
        .arg(&broken)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(failed.status.code(), Some(1));
    assert_eq!(std::fs::read(out.join("src/models.rs")).unwrap(), before);
    assert!(out.join("src/lib.rs").is_file() && out.join("tests/hand_written.rs").is_file());
}
