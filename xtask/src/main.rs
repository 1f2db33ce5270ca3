//! Project automation. `cargo xtask codegen` regenerates `generated/` from `spec/`;
//! `--check` compares instead of writing; `--spec FILE --out DIR` works on any other spec.
//! `cargo xtask api-changes` reports what spec changes do to the generated crates.

use xtask::{api_changes, codegen};

use std::process::ExitCode;

// generate() allocates and frees tokens by the million; mimalloc does that about a quarter
// faster than the system allocator (see docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage:
  cargo xtask codegen [--check]                 regenerate generated/ from spec/
  cargo xtask codegen --spec FILE --out DIR     generate a crate from any spec
        [--crate-name NAME] [--check]
        [--select /path | /path/** | operation:ID | tag:NAME | schema:KEY]...
                                                (default: FILE's .select file beside it)
  cargo xtask api-changes [--spec FILE]...      what the specs' changes do to their crates
        [--base REV | --against FILE]           (default: every checked-in spec against HEAD)
        [--format text|markdown|json] [--select ...]
  cargo xtask bench                             print the benchmark table (release build)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("codegen") => match codegen::Args::parse(&args[1..]) {
            Ok(parsed) => codegen::run(&parsed),
            Err(message) => {
                eprintln!("error: {message}\n{USAGE}");
                ExitCode::from(2)
            }
        },
        Some("api-changes") => match api_changes::Args::parse(&args[1..]) {
            Ok(parsed) => api_changes::run(&parsed),
            Err(message) => {
                eprintln!("error: {message}\n{USAGE}");
                ExitCode::from(2)
            }
        },
        Some("bench") if args.len() == 1 => bench(),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Builds and runs the `bench` crate's two binaries in release mode; they print the tables.
fn bench() -> ExitCode {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let machine = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!("machine: {machine}, {cores} cores");
    // The request-time table first, in a fresh process of its own, as a server takes requests
    // (see bench/src/bin/requests.rs for why it is not the codegen binary's process).
    let binaries: &[&str] = if std::env::var_os("BENCH_ONLY_CODEGEN").is_some() {
        &["bench"]
    } else {
        &["requests", "bench"]
    };
    for binary in binaries {
        let status = std::process::Command::new(&cargo)
            .current_dir(codegen::workspace_root())
            .args([
                "run",
                "--quiet",
                "--release",
                "--package",
                "bench",
                "--bin",
                binary,
            ])
            .status();
        match status {
            Ok(status) if status.success() => println!(),
            Ok(_) => return ExitCode::FAILURE,
            Err(error) => {
                eprintln!("cannot run cargo: {error}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
