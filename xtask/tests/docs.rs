//! The documentation stays true: the README within its size, every relative link and anchor
//! resolving, the README's Rust snippets being lines of a test that runs them, its refusal
//! example being what the generator prints, and no two documents repeating a line of prose.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use xtask::codegen::workspace_root;

/// The README is the front door; reference material belongs in `docs/`.
const README_LIMIT_BYTES: usize = 15 * 1024;

/// The file the README's Rust blocks are taken from.
const SNIPPET_SOURCE: &str = "generated/tests/readme.rs";

/// In a snippet, a line that stands for any number of lines of the source.
const GAP: &str = "// ...";

fn documents() -> Vec<PathBuf> {
    let root = workspace_root();
    let mut paths = vec![root.join("README.md"), root.join("spec/README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .expect("docs/ exists")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    paths.extend(docs);
    paths
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The fenced blocks of a Markdown text with their info strings (`rust`, `sh`, ...).
fn fenced_blocks(text: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut open: Option<(String, String)> = None;
    for line in text.lines() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => open = Some((info.trim().to_owned(), String::new())),
            (Some(_), Some("")) => blocks.push(open.take().unwrap()),
            (Some((_, body)), _) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "a fenced block is not closed");
    blocks
}

/// Markdown text outside fenced blocks, inline code and kept program output, where links are
/// links.
fn prose(text: &str) -> String {
    let mut out = String::new();
    let mut fenced = false;
    // A program's output kept in a document, between `<!-- ... -->` and `<!-- end ... -->`
    // lines, is checked against the program by a test of its own, as code is.
    let mut output = false;
    for line in text.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if line.starts_with("<!-- ") {
            output = !line.starts_with("<!-- end");
            continue;
        }
        if !fenced && !output {
            let unquoted: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
            out.push_str(&unquoted);
            out.push('\n');
        }
    }
    out
}

/// Every `[text](target)` target in a Markdown text.
fn link_targets(text: &str) -> Vec<String> {
    let prose = prose(text);
    let mut targets = Vec::new();
    let mut rest = prose.as_str();
    while let Some(at) = rest.find("](") {
        rest = &rest[at + 2..];
        if let Some(end) = rest.find(')') {
            targets.push(rest[..end].to_owned());
        }
    }
    targets
}

/// GitHub's anchor for a heading: lower case, punctuation dropped, spaces as `-`.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

fn anchors(text: &str) -> Vec<String> {
    prose(text)
        .lines()
        .filter_map(|line| {
            line.trim_start_matches('#')
                .strip_prefix(' ')
                .filter(|_| line.starts_with('#'))
        })
        .map(anchor)
        .collect()
}

#[test]
fn the_readme_stays_within_its_size() {
    let size = read(&workspace_root().join("README.md")).len();
    assert!(
        size <= README_LIMIT_BYTES,
        "README.md is {size} bytes, over {README_LIMIT_BYTES}: move reference material to docs/"
    );
}

#[test]
fn every_relative_link_and_anchor_resolves() {
    let mut broken = Vec::new();
    for document in documents() {
        let text = read(&document);
        for target in link_targets(&text) {
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let (file, fragment) = target.split_once('#').unwrap_or((&target, ""));
            let linked = if file.is_empty() {
                document.clone()
            } else {
                document.parent().unwrap().join(file)
            };
            if !linked.exists() {
                broken.push(format!("{}: {target} (no such file)", document.display()));
            } else if !fragment.is_empty() && !anchors(&read(&linked)).iter().any(|a| a == fragment)
            {
                broken.push(format!(
                    "{}: {target} (no such heading)",
                    document.display()
                ));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// Lines without their indentation, blank ones left out.
fn code_lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// Whether `snippet`'s lines are a run of `source`'s lines, a gap line matching any number.
fn is_run_of(snippet: &[&str], source: &[&str]) -> bool {
    fn matches_at(snippet: &[&str], source: &[&str]) -> bool {
        match snippet.split_first() {
            None => true,
            Some((&GAP, rest)) => (0..=source.len()).any(|skip| matches_at(rest, &source[skip..])),
            Some((line, rest)) => source
                .split_first()
                .is_some_and(|(first, after)| first == line && matches_at(rest, after)),
        }
    }
    (0..source.len()).any(|start| matches_at(snippet, &source[start..]))
}

#[test]
fn every_rust_snippet_is_code_that_a_test_runs() {
    let root = workspace_root();
    let source = read(&root.join(SNIPPET_SOURCE));
    let source_lines = code_lines(&source);
    let mut stale = Vec::new();
    for document in documents() {
        for (info, body) in fenced_blocks(&read(&document)) {
            if info == "rust" && !is_run_of(&code_lines(&body), &source_lines) {
                stale.push(format!("{}:\n{body}", document.display()));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "Rust blocks that are not lines of {SNIPPET_SOURCE}:\n{}",
        stale.join("\n")
    );
}

#[test]
fn the_gap_line_matches_lines_left_out_and_nothing_else() {
    let source = ["a", "b", "c", "d"];
    assert!(is_run_of(&["b", "c"], &source));
    assert!(is_run_of(&["a", GAP, "d"], &source));
    assert!(is_run_of(&["a", GAP, "b"], &source));
    assert!(!is_run_of(&["a", "c"], &source));
    assert!(!is_run_of(&["d", GAP, "a"], &source));
}

#[test]
fn the_readme_refusal_example_is_what_the_generator_prints() {
    let readme = read(&workspace_root().join("README.md"));
    let blocks = fenced_blocks(&readme);
    let spec = blocks
        .iter()
        .find(|(info, body)| info == "yaml" && body.starts_with("openapi:"))
        .map(|(_, body)| body)
        .expect("the README shows a broken spec");
    let expected = blocks
        .iter()
        .find(|(info, body)| info == "text" && body.contains("broken.yaml"))
        .map(|(_, body)| body)
        .expect("the README shows what the generator prints for it");

    let dir = std::env::temp_dir().join(format!("xtask-readme-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("broken.yaml"), spec).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .current_dir(&dir)
        .args(["codegen", "--spec", "broken.yaml", "--out", "out"])
        .output()
        .unwrap();
    let wrote_anything = dir.join("out").exists();
    let _ = std::fs::remove_dir_all(&dir);

    assert_eq!(output.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&output.stderr), *expected);
    assert!(!wrote_anything);
}

/// A line of prose (or a table row) long enough that two documents saying it are saying the same thing twice.
const REPEATED_LINE_CHARS: usize = 70;

#[test]
fn no_document_repeats_another() {
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut repeated = Vec::new();
    for document in documents() {
        for line in prose(&read(&document)).lines() {
            let line = line.trim();
            if line.len() < REPEATED_LINE_CHARS {
                continue;
            }
            match seen.get(line) {
                Some(first) if *first != document => repeated.push(format!(
                    "{} and {}: {line}",
                    first.display(),
                    document.display()
                )),
                _ => {
                    seen.insert(line.to_owned(), document.clone());
                }
            }
        }
    }
    assert!(
        repeated.is_empty(),
        "repeated lines:\n{}",
        repeated.join("\n")
    );
}
