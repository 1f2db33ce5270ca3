//! A selection from a large spec (`BENCH_SPEC` with `BENCH_SELECT`): the time to generate the
//! selected crate against the time to parse the spec alone, interleaved, as medians.

use generator::{generate, Options, Selection, Spec};
use std::time::Instant;

const RUNS: usize = 5;

pub fn table() {
    let (Ok(path), Ok(selectors)) = (std::env::var("BENCH_SPEC"), std::env::var("BENCH_SELECT"))
    else {
        return;
    };
    let text = std::fs::read_to_string(&path).expect("BENCH_SPEC names a readable spec");
    let selectors: Vec<&str> = selectors.split_whitespace().collect();
    let options = Options {
        crate_name: "bench-slice".into(),
        dev_dependencies: None,
        runtime: generator::Runtime::at_path(concat!(env!("CARGO_MANIFEST_DIR"), "/../runtime")),
        selection: Selection::parse(&selectors).expect("BENCH_SELECT holds selectors"),
    };
    let spec = Spec {
        name: "bench.json",
        text: &text,
    };
    let mut parse = Vec::new();
    let mut selected = Vec::new();
    let mut lines = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let value: serde_json::Value = serde_json::from_str(&text).expect("the spec is JSON");
        std::hint::black_box(value);
        parse.push(start.elapsed().as_secs_f64());
        let start = Instant::now();
        let files = generate(&spec, &options).expect("the selection generates");
        selected.push(start.elapsed().as_secs_f64());
        lines = files
            .iter()
            .filter(|(path, _)| path.starts_with("src/"))
            .map(|(_, text)| text.lines().count())
            .sum();
    }
    let median = |samples: &mut Vec<f64>| {
        samples.sort_by(f64::total_cmp);
        samples[samples.len() / 2]
    };
    let (parse, selected) = (median(&mut parse), median(&mut selected));
    println!();
    println!("| selection from {path} ({RUNS} runs, interleaved) | value |");
    println!("|---|---|");
    println!("| `serde_json::from_str` of the spec alone | {parse:.2} s |");
    println!(
        "| `generate()` of `{}` | {selected:.2} s |",
        selectors.join(" ")
    );
    println!(
        "| ratio generate / parse (target at most 2) | {:.2} |",
        selected / parse
    );
    println!("| lines of the selected crate's `src/` | {lines} |");
}
