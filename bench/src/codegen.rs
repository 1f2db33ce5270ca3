//! `generate()` time and peak memory for the mission spec, the Graph excerpt, and synthetic
//! specs of growing size, as medians.

use crate::{memory, synthetic};
use generator::{generate, Options, Spec};
use std::time::Instant;

fn options() -> Options {
    Options {
        crate_name: "bench".into(),
        dev_dependencies: None,
        runtime: generator::Runtime::at_path(concat!(env!("CARGO_MANIFEST_DIR"), "/../runtime")),
        selection: generator::Selection::everything(),
    }
}

/// Median milliseconds per `generate()` over `runs` runs, and the median peak heap over as many
/// runs of its own (the peak moves between runs with how the two emitting threads interleave).
fn measure(text: &str, runs: usize) -> (f64, usize) {
    let spec = Spec {
        name: "bench.yaml",
        text,
    };
    let mut peaks: Vec<usize> = (0..runs)
        .map(|_| memory::peak_during(|| generate(&spec, &options()).expect("the spec generates")).1)
        .collect();
    peaks.sort_unstable();
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let files = generate(&spec, &options()).expect("the spec generates");
            std::hint::black_box(files);
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], peaks[peaks.len() / 2])
}

pub fn table(root: &std::path::Path) {
    println!();
    println!(
        "| generate() input | spec size | median time | median peak heap | heap / spec size |"
    );
    println!("|---|---|---|---|---|");
    let mut inputs: Vec<(String, String, usize)> = vec![
        (
            "mission spec".into(),
            std::fs::read_to_string(root.join("spec/device-compliance-user-status.yaml")).unwrap(),
            101,
        ),
        (
            "Graph beta excerpt".into(),
            std::fs::read_to_string(root.join("generator/tests/fixtures/graph-beta-excerpt.yaml"))
                .unwrap(),
            101,
        ),
    ];
    let largest: usize = std::env::var("BENCH_MAX_ENTITIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5000);
    for (n, runs) in [(10, 21), (100, 11), (1000, 5), (5000, 3)]
        .into_iter()
        .filter(|(n, _)| *n <= largest)
    {
        inputs.push((format!("synthetic, {n} entities"), synthetic::spec(n), runs));
    }
    // Any spec of the user's own, such as Graph's published v1.0 description.
    if let Ok(path) = std::env::var("BENCH_SPEC") {
        let text = std::fs::read_to_string(&path).expect("BENCH_SPEC names a readable spec");
        inputs.push((path, text, 3));
    }
    let mut times = Vec::new();
    for (label, text, runs) in &inputs {
        let (ms, peak) = measure(text, *runs);
        println!(
            "| {label} ({runs} runs) | {:.0} KiB | {ms:.1} ms | {:.1} MiB | {:.1}x |",
            text.len() as f64 / 1024.0,
            peak as f64 / (1024.0 * 1024.0),
            peak as f64 / text.len() as f64
        );
        times.push((label.as_str(), ms));
    }
    // Where the heap goes before emitting starts: the YAML read into a JSON value, the openapiv3
    // document made from it, and the model lowered from that.
    if let Some((label, text, _)) = inputs.iter().find(|(label, _, _)| label.contains(" 1000 ")) {
        let spec = Spec {
            name: "bench.yaml",
            text,
        };
        let (_, peak) = memory::peak_during(|| generator::lower(&spec).expect("the spec lowers"));
        println!(
            "| {label}: `lower()` alone (parse, document, model) | | | {:.1} MiB | {:.1}x |",
            peak as f64 / (1024.0 * 1024.0),
            peak as f64 / text.len() as f64
        );
        // The floor under generate()'s peak: the files it returns.
        let files = generate(&spec, &options()).expect("the spec generates");
        let output: usize = files
            .iter()
            .map(|(path, text)| path.len() + text.len())
            .sum();
        println!(
            "| {label}: the output alone (the text of the files returned) | | | {:.1} MiB | {:.1}x |",
            output as f64 / (1024.0 * 1024.0),
            output as f64 / text.len() as f64
        );
    }
    command_row(root);
    let time_of = |n: usize| {
        let label = format!("synthetic, {n} entities");
        times.iter().find(|(l, _)| *l == label).map(|(_, ms)| *ms)
    };
    if let (Some(t1000), Some(t5000)) = (time_of(1000), time_of(5000)) {
        println!(
            "| scaling t(5000) / t(1000) (linear is 5, target <= 6) | | {:.2} | | |",
            t5000 / t1000
        );
    }
}

/// What users feel: the whole `cargo xtask codegen --check` (the dev build, every checked-in
/// crate up to date), after one run that builds it, as a median of five.
fn command_row(root: &std::path::Path) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let run = || {
        let start = Instant::now();
        let status = std::process::Command::new(&cargo)
            .current_dir(root)
            .args(["xtask", "codegen", "--check"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status();
        status
            .is_ok_and(|s| s.success())
            .then(|| start.elapsed().as_secs_f64())
    };
    if run().is_none() {
        println!("| the command `cargo xtask codegen --check` | | failed | | |");
        return;
    }
    let mut times: Vec<f64> = (0..5).filter_map(|_| run()).collect();
    times.sort_by(f64::total_cmp);
    if let Some(median) = times.get(times.len() / 2) {
        println!(
            "| the command `cargo xtask codegen --check`, dev build, every checked-in crate ({} runs) | | {median:.2} s | | |",
            times.len()
        );
    }
}

/// One synthetic spec generated ten times, for a profiler to watch.
pub fn profile(entities: usize) {
    let text = synthetic::spec(entities);
    for _ in 0..10 {
        let files = generate(
            &Spec {
                name: "bench.yaml",
                text: &text,
            },
            &options(),
        )
        .unwrap();
        std::hint::black_box(files);
    }
}
