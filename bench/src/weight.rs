//! The generated crate's weight for its users: how many packages each feature set pulls in
//! (`cargo tree`), and how long a cold `cargo check` takes.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// Distinct packages in the normal-dependency tree, the crate itself not counted.
fn dependency_count(root: &Path, features: &[&str]) -> Option<usize> {
    let mut command = Command::new(cargo());
    command.current_dir(root).args([
        "tree",
        "--quiet",
        "-p",
        "device-compliance-user-status",
        "-e",
        "normal",
        "--prefix",
        "none",
    ]);
    if !features.is_empty() {
        command.args(["--features", &features.join(",")]);
    }
    let output = command.output().ok().filter(|o| o.status.success())?;
    let mut packages: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| line.trim_end_matches(" (*)").to_owned())
        .filter(|line| !line.is_empty())
        .collect();
    packages.sort();
    packages.dedup();
    Some(packages.len().saturating_sub(1))
}

/// Seconds for `cargo check` of the generated crate in an empty target directory.
fn cold_check(root: &Path, features: &[&str]) -> Option<f64> {
    let target = std::env::temp_dir().join(format!(
        "bench-cold-check-{}-{}",
        std::process::id(),
        features.join("-")
    ));
    let _ = std::fs::remove_dir_all(&target);
    let mut command = Command::new(cargo());
    command
        .current_dir(root)
        .env("CARGO_TARGET_DIR", &target)
        .args(["check", "--quiet", "-p", "device-compliance-user-status"]);
    if !features.is_empty() {
        command.args(["--features", &features.join(",")]);
    }
    let start = Instant::now();
    let status = command.status().ok()?;
    let seconds = start.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(&target);
    status.success().then_some(seconds)
}

pub fn table(root: &Path) {
    println!();
    println!("| generated crate, features | packages it pulls in | cold `cargo check` |");
    println!("|---|---|---|");
    let cold = std::env::var("BENCH_SKIP_COLD_CHECK").is_err();
    for (label, features) in [
        ("default (models, validation)", &[][..]),
        ("server", &["server"][..]),
        ("client", &["client"][..]),
        ("server + client", &["server", "client"][..]),
    ] {
        let count = dependency_count(root, features).map_or("?".into(), |n| n.to_string());
        let check = if cold {
            cold_check(root, features).map_or("failed".into(), |s| format!("{s:.1} s"))
        } else {
            "skipped".into()
        };
        println!("| {label} | {count} | {check} |");
    }
}
