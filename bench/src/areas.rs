//! Area features on a large spec (`BENCH_AREAS_SPEC`, one feature per first path segment): a
//! cold `cargo check` of the generated crate with one area's feature (`BENCH_AREA`) and with
//! every feature, its wall time and the peak resident memory of its largest process (rustc),
//! as GNU time reports them.

use generator::{generate, Options, Selection, Spec};
use std::path::Path;
use std::process::Command;

pub fn table(root: &Path) {
    let (Ok(path), Ok(area)) = (
        std::env::var("BENCH_AREAS_SPEC"),
        std::env::var("BENCH_AREA"),
    ) else {
        return;
    };
    let text = std::fs::read_to_string(&path).expect("BENCH_AREAS_SPEC names a readable spec");
    let options = Options {
        crate_name: "bench-areas".into(),
        dev_dependencies: None,
        runtime: generator::Runtime::at_path(&root.join("runtime").to_string_lossy()),
        selection: Selection::parse(&["features:path"]).expect("a valid setting"),
    };
    let spec = Spec {
        name: "areas.json",
        text: &text,
    };
    let files = generate(&spec, &options).expect("the spec generates");
    drop(text);
    let out = std::env::temp_dir().join(format!("bench-areas-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    for (file, content) in &files {
        let file = out.join(file);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, content).unwrap();
    }
    drop(files);
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    println!();
    println!("| {path}, one feature per first path segment | cold `cargo check` | peak memory |");
    println!("|---|---|---|");
    for (label, features) in [
        (format!("`{area}`"), vec!["--features", area.as_str()]),
        ("every feature".to_owned(), vec!["--all-features"]),
    ] {
        let (seconds, peak) = match cold_check(&out, &features) {
            Some((seconds, kib)) => (
                format!("{seconds:.0} s"),
                format!("{:.1} GiB", kib as f64 / (1024.0 * 1024.0)),
            ),
            None => ("failed".into(), "?".into()),
        };
        println!("| {label} | {seconds} | {peak} |");
    }
    let _ = std::fs::remove_dir_all(&out);
}

/// Wall seconds and peak resident KiB of `cargo check` in an empty target directory, through
/// `/usr/bin/time` (GNU), which reports the largest child's peak.
fn cold_check(dir: &Path, features: &[&str]) -> Option<(f64, u64)> {
    let target = dir.join("target");
    let _ = std::fs::remove_dir_all(&target);
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new("/usr/bin/time")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", &target)
        .args(["-f", "%e %M", &cargo, "check", "--quiet"])
        .args(features)
        .output()
        .ok()?;
    let _ = std::fs::remove_dir_all(&target);
    if !output.status.success() {
        eprintln!("{}", String::from_utf8_lossy(&output.stderr));
        return None;
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let (seconds, kib) = stderr.lines().last()?.split_once(' ')?;
    Some((seconds.parse().ok()?, kib.trim().parse().ok()?))
}
