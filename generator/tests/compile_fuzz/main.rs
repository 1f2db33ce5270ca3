//! The compile fuzzer: random valid specs, each combining every construct the generator takes
//! (see `spec.rs`), must generate crates that pass `cargo clippy --all-features -D warnings`,
//! and whose request bodies read alike on the fast path and the complete check, valid ones
//! accepted (see `instances.rs`). A failing seed is shrunk to the smallest spec that still
//! fails, which is printed to be kept as a fixture.
//!
//! CI runs three seeds of 40 schemas; `FUZZ_COMPILE_SEEDS=N` runs seeds 1 to N and
//! `FUZZ_COMPILE_SIZE=S` makes each spec about S schemas large.

#[path = "../common/mod.rs"]
mod common;
mod instances;
mod spec;

use common::random::Random;
use common::scratch::Scratch;
use generator::{generate, Files, Options};
use spec::Spec;
use std::fmt::Write as _;
use std::process::Output;

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

/// The crate of a spec, with the agreement test written beside it; the generator's problems if
/// it refuses the spec.
fn crate_of(spec: &Spec, seed: u64) -> Result<Files, String> {
    let text = spec.to_json();
    let mut files = generate(
        &generator::Spec {
            name: "fuzzed.json",
            text: &text,
        },
        &Options {
            crate_name: format!("fuzzed-{seed}"),
            dev_dependencies: None,
            runtime: generator::Runtime::at_path(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../runtime"
            )),
            selection: generator::Selection::everything(),
        },
    )
    .map_err(|problems| problems.to_string())?;
    files.insert("tests/agree.rs".into(), agreement_test(spec, seed));
    Ok(files)
}

/// A test that reads each request body's instances through both entry points.
fn agreement_test(spec: &Spec, seed: u64) -> String {
    let mut maker = instances::Maker {
        components: &spec.components,
        random: Random(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1),
    };
    let mut checks = String::new();
    for index in spec.body_components() {
        let name = &spec.components[index].name;
        let cases: Vec<String> = maker
            .instances(index)
            .into_iter()
            .map(|instance| format!("({:?}, {})", instance.value.to_string(), instance.valid))
            .collect();
        if !cases.is_empty() {
            let _ = writeln!(
                checks,
                "    check::<{name}>(\"{name}\", &[{}]);",
                cases.join(", ")
            );
        }
    }
    format!(
        r#"//! Written by the compile fuzzer: each request body's instances, read both ways.
#![allow(clippy::all)]
use fuzzed_{seed}::*;

fn check<T: Validate + PartialEq + std::fmt::Debug + serde::Serialize>(name: &str, cases: &[(&str, bool)]) {{
    for (text, valid) in cases {{
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        let by_slice = T::from_json_slice(text.as_bytes());
        assert_eq!(by_slice, T::from_json_value(value), "{{name}}: the two paths disagree on {{text}}");
        if *valid {{
            let read = by_slice.unwrap_or_else(|error| panic!("{{name}}: {{text}} is valid but was refused: {{error:?}}"));
            let again = T::from_json_value(serde_json::to_value(&read).unwrap());
            assert_eq!(again.as_ref(), Ok(&read), "{{name}}: {{text}} does not read back as itself");
        }}
    }}
}}

#[test]
fn bodies_read_alike_on_both_paths() {{
{checks}}}
"#
    )
}

const CLIPPY: &[&str] = &[
    "clippy",
    "--workspace",
    "--all-features",
    "--quiet",
    "--",
    "-D",
    "warnings",
];
const TEST: &[&str] = &["test", "--workspace", "--quiet"];

/// What kind of failure a cargo run shows, so the shrinker keeps only candidates failing the same
/// way: the first compiler error code or lint, or which promise of the agreement test broke.
fn failure_kind(output: &Output) -> Option<String> {
    if output.status.success() {
        return None;
    }
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stderr),
        String::from_utf8_lossy(&output.stdout)
    );
    let promises = [
        "the two paths disagree",
        "is valid but was refused",
        "does not read back",
    ];
    if let Some(promise) = promises.iter().find(|promise| text.contains(*promise)) {
        return Some((*promise).into());
    }
    let code = text.lines().find_map(|line| {
        let line = line.trim();
        line.strip_prefix("error[")
            .map(|rest| rest.split(']').next().unwrap_or(rest).to_owned())
            .or_else(|| {
                line.find("clippy::")
                    .map(|at| line[at..].split_whitespace().next().unwrap().to_owned())
            })
    });
    Some(code.unwrap_or_else(|| "another failure".into()))
}

/// How the crate of `spec` fails `command` on its own: the shrinker's question.
fn failure_of(spec: &Spec, seed: u64, command: &[&str]) -> Option<String> {
    let files = crate_of(spec, seed).ok()?;
    let mut scratch = Scratch::new("compile-fuzz-shrink");
    scratch.write_crate("fuzzed", &files);
    failure_kind(&scratch.cargo(command))
}

/// The smallest spec found that still fails the same way, removing one operation, parameter,
/// property or component at a time (a component is made a boolean rather than removed, so
/// references keep their targets).
fn shrink(mut spec: Spec, seed: u64, command: &[&str]) -> Spec {
    let Some(kind) = failure_of(&spec, seed, command) else {
        return spec;
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20 * 60);
    loop {
        let mut smaller = false;
        for candidate in spec::smaller(&spec) {
            if std::time::Instant::now() > deadline {
                return spec;
            }
            if failure_of(&candidate, seed, command).as_ref() == Some(&kind) {
                spec = candidate;
                smaller = true;
                break;
            }
        }
        if !smaller {
            return spec;
        }
    }
}

#[test]
fn random_specs_build_clean_and_read_bodies_alike() {
    let seeds: Vec<u64> = (1..=setting("FUZZ_COMPILE_SEEDS", 3) as u64).collect();
    let size = setting("FUZZ_COMPILE_SIZE", 40);
    let mut scratch = Scratch::new("compile-fuzz");
    let mut specs = Vec::new();
    let mut positions = 0;
    for &seed in &seeds {
        let spec = Spec::random(&mut Random(seed), size);
        let files = crate_of(&spec, seed).unwrap_or_else(|problems| {
            panic!(
                "seed {seed}: a valid spec was refused:\n{problems}\n{}",
                spec.to_json()
            )
        });
        positions += spec.positions();
        scratch.write_crate(&format!("fuzzed-{seed}"), &files);
        specs.push((seed, spec));
    }
    eprintln!(
        "compile fuzzer: {} seeds, {} schemas, {} operations, {positions} schema and parameter positions",
        seeds.len(),
        specs.iter().map(|(_, s)| s.components.len()).sum::<usize>(),
        specs.iter().map(|(_, s)| s.operations.len()).sum::<usize>(),
    );
    for command in [CLIPPY, TEST] {
        let output = scratch.cargo(command);
        if output.status.success() {
            continue;
        }
        let stderr = String::from_utf8_lossy(&output.stderr);
        let stdout = String::from_utf8_lossy(&output.stdout);
        let failing = specs
            .iter()
            .find(|(seed, _)| {
                let names = [
                    format!("`fuzzed-{seed}`"),
                    format!("/fuzzed-{seed}/"),
                    format!("fuzzed_{seed}"),
                ];
                names
                    .iter()
                    .any(|name| stderr.contains(name.as_str()) || stdout.contains(name.as_str()))
            })
            .map(|(seed, spec)| (*seed, shrink(spec.clone(), *seed, command)));
        let shrunk = match failing {
            Some((seed, spec)) => format!("seed {seed}, shrunk to:\n{}", spec.to_json()),
            None => "(no single seed named)".into(),
        };
        panic!(
            "`cargo {}` fails on a fuzzed crate:\n{stderr}\n{stdout}\n{shrunk}",
            command.join(" ")
        );
    }
}
