//! `cargo xtask api-changes`, and the report `codegen` prints when it changes a crate in a git
//! checkout.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SPEC: &str = r##"openapi: 3.0.3
info:
  title: Lights
  version: "1"
paths:
  /lights/{light-id}:
    get:
      operationId: getLight
      parameters:
        - name: light-id
          in: path
          required: true
          schema:
            type: string
      responses:
        "200":
          description: The light.
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/light"
components:
  schemas:
    light:
      type: object
      required: [color]
      properties:
        color:
          type: string
          enum: [red, green]
"##;

/// The spec with a third color: a change clients that match on colors must handle.
fn with_blue() -> String {
    SPEC.replace("enum: [red, green]", "enum: [red, green, blue]")
}

const BLUE_ADDED: &str = "1 API change: 1 breaks clients
[breaks clients] LightColor::Blue: value added
    at light.color: \"blue\": an exhaustive match must handle the new variant (older builds read it as the catch-all)
";

/// A directory of this test's own, removed when it ends.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scratch(name: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("xtask-changes-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    Scratch(dir)
}

fn xtask(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=test", "-c", "user.email=test@example.com"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn two_files_compare_in_each_format() {
    let dir = scratch("files");
    std::fs::write(dir.0.join("old.yaml"), SPEC).unwrap();
    std::fs::write(dir.0.join("new.yaml"), with_blue()).unwrap();
    let run = |format: &str| {
        xtask(
            &dir.0,
            &[
                "api-changes",
                "--spec",
                "new.yaml",
                "--against",
                "old.yaml",
                "--format",
                format,
            ],
        )
    };
    let text = run("text");
    assert_eq!(text.status.code(), Some(0), "{}", stderr(&text));
    assert_eq!(
        stdout(&text),
        format!("API changes in new.yaml since old.yaml:\n{BLUE_ADDED}")
    );
    let markdown = stdout(&run("markdown"));
    assert!(
        markdown.starts_with(
            "### API changes in `new.yaml` since `old.yaml`\n\n**1 API change: 1 breaks clients**\n"
        ),
        "{markdown}"
    );
    assert!(
        markdown
            .contains("| clients | `LightColor::Blue` | value added | `light.color: \"blue\"` |"),
        "{markdown}"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&run("json"))).unwrap();
    assert_eq!(json[0]["spec"], "new.yaml");
    assert_eq!(json[0]["base"], "old.yaml");
    assert_eq!(json[0]["summary"]["break_clients"], 1);
    assert_eq!(json[0]["changes"][0]["rust"], "LightColor::Blue");
    assert_eq!(
        json[0]["changes"][0]["breaks"],
        serde_json::json!(["clients"])
    );

    let same = xtask(
        &dir.0,
        &["api-changes", "--spec", "old.yaml", "--against", "old.yaml"],
    );
    assert_eq!(
        stdout(&same),
        "API changes in old.yaml since old.yaml: none\n"
    );

    let bad = run("html");
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("unknown format 'html': text, markdown or json"));
}

#[test]
fn codegen_reports_against_the_spec_the_committed_crate_came_from() {
    let dir = scratch("git");
    let repo = &dir.0;
    git(repo, &["init", "-q"]);
    std::fs::write(repo.join("lights.yaml"), SPEC).unwrap();
    let codegen = |extra: &[&str]| {
        let mut args = vec!["codegen", "--spec", "lights.yaml", "--out", "crate"];
        args.extend_from_slice(extra);
        xtask(repo, &args)
    };
    // A crate written for the first time reports nothing.
    let first = codegen(&[]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(!stdout(&first).contains("API change"), "{}", stdout(&first));
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "lights"]);

    // The spec changes and is committed without regenerating: the base is still the spec the
    // crate was generated from, not HEAD's.
    std::fs::write(repo.join("lights.yaml"), with_blue()).unwrap();
    git(repo, &["commit", "-q", "-am", "blue"]);
    let check = codegen(&["--check"]);
    assert_eq!(check.status.code(), Some(1));
    let base = String::from_utf8(
        Command::new("git")
            .current_dir(repo)
            .args(["log", "-1", "--format=%h", "--", "crate"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let heading = format!("API changes in lights.yaml since {}:\n", base.trim());
    assert!(
        stderr(&check).contains(&format!("{heading}{BLUE_ADDED}")),
        "{}",
        stderr(&check)
    );
    let written = codegen(&[]);
    assert!(written.status.success(), "{}", stderr(&written));
    assert!(
        stdout(&written).ends_with(&format!("{heading}{BLUE_ADDED}")),
        "{}",
        stdout(&written)
    );

    // Against a revision: HEAD already has blue, HEAD~1 does not.
    let head = xtask(
        repo,
        &["api-changes", "--spec", "lights.yaml", "--base", "HEAD"],
    );
    assert_eq!(
        stdout(&head),
        "API changes in lights.yaml since HEAD: none\n"
    );
    let before = xtask(
        repo,
        &["api-changes", "--spec", "lights.yaml", "--base", "HEAD~1"],
    );
    assert_eq!(
        stdout(&before),
        format!("API changes in lights.yaml since HEAD~1:\n{BLUE_ADDED}")
    );
    let missing = xtask(
        repo,
        &["api-changes", "--spec", "lights.yaml", "--base", "nowhere"],
    );
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stdout(&missing).starts_with(
            "API changes in lights.yaml since nowhere: no report: git show nowhere:./lights.yaml:"
        ),
        "{}",
        stdout(&missing)
    );
}
