//! Project automation. `cargo xtask codegen` regenerates `generated/` from `spec/`;
//! `--check` compares instead of writing; `--spec FILE --out DIR` works on any other spec.

use xtask::codegen;

use std::process::ExitCode;

const USAGE: &str = "usage:
  cargo xtask codegen [--check]                 regenerate generated/ from spec/
  cargo xtask codegen --spec FILE --out DIR     generate a crate from any spec
        [--crate-name NAME] [--check]";

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
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
