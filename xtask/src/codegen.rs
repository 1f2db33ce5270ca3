//! `cargo xtask codegen`: generate, then compare with or write to the output directory.
//!
//! Generation happens fully in memory first, so a spec with errors leaves the output untouched.
//! Each file is written through a temporary file and a rename.

use generator::{Files, Options, Runtime, Selection, Spec};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The spec `cargo xtask codegen` reads by default, and the crate it writes.
pub const DEFAULT_SPEC: &str = "spec/device-compliance-user-status.yaml";
pub const DEFAULT_OUT: &str = "generated";

/// One spec and the crate generated from it.
pub struct Target {
    pub spec: PathBuf,
    pub out: PathBuf,
    pub crate_name: Option<String>,
    /// Where the crate gets the runtime; `None`: the runtime crate of this workspace, by path.
    pub runtime: Option<Runtime>,
    /// `--select` values; none: the selection file beside the spec, if there is one.
    pub select: Vec<String>,
}

/// The crates checked into this repository: the product, and the fixture crates whose
/// hand-written tests exercise every validation rule and every kind of operation, and the small
/// directory API the consuming-service example combines with the product.
pub fn checked_in_targets() -> Vec<Target> {
    let root = workspace_root();
    vec![
        Target {
            spec: root.join(DEFAULT_SPEC),
            out: root.join(DEFAULT_OUT),
            crate_name: None,
            runtime: None,
            select: Vec::new(),
        },
        Target {
            spec: root.join("generator/tests/fixtures/validation-rules.yaml"),
            out: root.join("generator/fixture-crates/validation-rules"),
            crate_name: Some("fixture-validation-rules".into()),
            runtime: None,
            select: Vec::new(),
        },
        Target {
            spec: root.join("generator/tests/fixtures/operations.yaml"),
            out: root.join("generator/fixture-crates/operations"),
            crate_name: Some("fixture-operations".into()),
            runtime: None,
            select: Vec::new(),
        },
        Target {
            spec: root.join("generator/tests/fixtures/directory.yaml"),
            out: root.join("generator/fixture-crates/directory"),
            crate_name: Some("fixture-directory".into()),
            runtime: None,
            select: Vec::new(),
        },
        Target {
            spec: root.join("generator/tests/fixtures/graph-slice.yaml"),
            out: root.join("generator/fixture-crates/graph-slice"),
            crate_name: Some("fixture-graph-slice".into()),
            runtime: None,
            select: Vec::new(),
        },
        Target {
            spec: root.join("generator/tests/fixtures/polymorphism.yaml"),
            out: root.join("generator/fixture-crates/polymorphism"),
            crate_name: Some("fixture-polymorphism".into()),
            runtime: None,
            select: Vec::new(),
        },
    ]
}

pub struct Args {
    pub targets: Vec<Target>,
    pub check: bool,
}

impl Args {
    pub fn parse(args: &[String]) -> Result<Args, String> {
        let mut spec = None;
        let mut out = None;
        let mut crate_name = None;
        let mut check = false;
        let mut runtime = None;
        let mut select = Vec::new();
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            let mut value = |flag: &str| crate::flag_value(&mut iter, flag);
            match arg.as_str() {
                "--check" => check = true,
                "--spec" => spec = Some(PathBuf::from(value("--spec")?)),
                "--out" => out = Some(PathBuf::from(value("--out")?)),
                "--crate-name" => {
                    let name = value("--crate-name")?;
                    crate::crate_name::check(&name)?;
                    crate_name = Some(name);
                }
                "--select" => select.push(value("--select")?),
                "--vendor-runtime" => runtime = Some(Runtime::Vendored),
                "--runtime-dependency" => {
                    runtime = Some(Runtime::Dependency(value("--runtime-dependency")?))
                }
                other => return Err(format!("unknown argument '{other}'")),
            }
        }
        let targets = match (spec, out) {
            (None, None) if crate_name.is_none() && runtime.is_none() && select.is_empty() => {
                checked_in_targets()
            }
            (Some(spec), Some(out)) => vec![Target {
                spec,
                out,
                crate_name,
                runtime,
                select,
            }],
            _ => {
                return Err(
                    "--spec and --out go together (and --crate-name, --select, --vendor-runtime and --runtime-dependency with them)"
                        .into(),
                )
            }
        };
        Ok(Args { targets, check })
    }
}

/// The workspace root: the parent of this crate's directory.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// The crate name for a spec file, from its stem.
fn crate_name_for(spec: &Path) -> String {
    let stem = spec
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    crate::crate_name::from_spec_stem(&stem)
}

/// How the spec is named in messages and preambles: relative to the workspace when inside it.
pub fn display_name(spec: &Path) -> String {
    let root = workspace_root();
    let absolute = std::fs::canonicalize(spec).unwrap_or_else(|_| spec.to_path_buf());
    let root = std::fs::canonicalize(&root).unwrap_or(root);
    match absolute.strip_prefix(&root) {
        Ok(relative) => relative.to_string_lossy().into_owned(),
        Err(_) => spec
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    }
}

/// Generates the files for a spec, or the diagnostics as text.
/// The hand-written file beside a generated crate's `Cargo.toml` whose entries become its
/// `[dev-dependencies]`.
pub const DEV_DEPENDENCIES_FILE: &str = "dev-dependencies.toml";

pub fn generate_for(spec: &Path, crate_name: Option<&str>) -> Result<Files, String> {
    generate_into(spec, crate_name, None, None, &selection_for(spec, &[])?)
}

/// The file beside a spec that holds its selection: `graph.yaml` -> `graph.select`.
pub fn selection_file(spec: &Path) -> PathBuf {
    spec.with_extension("select")
}

/// What to generate from `spec`: the `--select` values when there are any, else the selection
/// file beside the spec, else everything.
pub fn selection_for(spec: &Path, selectors: &[String]) -> Result<Selection, String> {
    if !selectors.is_empty() {
        return Selection::parse(selectors);
    }
    let file = selection_file(spec);
    match std::fs::read_to_string(&file) {
        Ok(text) => Selection::parse_file(&text).map_err(|e| format!("{}: {e}", file.display())),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Selection::everything()),
        Err(error) => Err(format!("cannot read {}: {error}", file.display())),
    }
}

/// This workspace's runtime crate as a path dependency of a crate written to `out`: relative
/// when `out` and the runtime share an ancestor (so a checkout can move), else absolute.
pub fn runtime_by_path(out: Option<&Path>) -> Runtime {
    let runtime = workspace_root().join("runtime");
    let runtime = std::fs::canonicalize(&runtime).unwrap_or(runtime);
    let relative = out.and_then(|out| {
        let out = absolute(out);
        let common = out
            .ancestors()
            .find(|ancestor| runtime.starts_with(ancestor) && ancestor.parent().is_some())?;
        let ups = out.strip_prefix(common).ok()?.components().count();
        let down = runtime.strip_prefix(common).ok()?;
        let mut path = PathBuf::new();
        (0..ups).for_each(|_| path.push(".."));
        Some(path.join(down))
    });
    let path = relative.unwrap_or(runtime);
    Runtime::at_path(&path.to_string_lossy().replace('\\', "/"))
}

/// `path` made absolute, through the deepest ancestor that exists (`out` may not exist yet).
fn absolute(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut rest = Vec::new();
    let mut existing = path.as_path();
    loop {
        if let Ok(found) = std::fs::canonicalize(existing) {
            return rest.iter().rev().fold(found, |path, part| path.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => return path,
        }
    }
}

/// Generates the files for a spec whose crate goes to `out` (which may hold a
/// `dev-dependencies.toml`).
pub fn generate_into(
    spec: &Path,
    crate_name: Option<&str>,
    out: Option<&Path>,
    runtime: Option<&Runtime>,
    selection: &Selection,
) -> Result<Files, String> {
    let text = std::fs::read_to_string(spec)
        .map_err(|e| format!("cannot read {}: {e}", spec.display()))?;
    let name = display_name(spec);
    let dev_dependencies = match out.map(|out| out.join(DEV_DEPENDENCIES_FILE)) {
        Some(path) if path.exists() => Some(
            std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?,
        ),
        _ => None,
    };
    let options = Options {
        crate_name: crate_name
            .map(str::to_owned)
            .unwrap_or_else(|| crate_name_for(spec)),
        dev_dependencies,
        runtime: runtime.cloned().unwrap_or_else(|| runtime_by_path(out)),
        selection: selection.clone(),
    };
    generator::generate(
        &Spec {
            name: &name,
            text: &text,
        },
        &options,
    )
    .map_err(|d| d.to_string())
}

/// Paths (relative to `out`) whose content differs from `files`, or that are missing.
pub fn stale_files(files: &Files, out: &Path) -> Vec<String> {
    files
        .iter()
        .filter(|(path, content)| {
            std::fs::read_to_string(out.join(path)).ok().as_deref() != Some(content.as_str())
        })
        .map(|(path, _)| path.clone())
        .collect()
}

/// Files under `out` that an earlier codegen wrote (their first line says so) but that `files`
/// no longer has. Everything else there (hand-written tests, examples, `target/`) is not ours.
pub fn orphaned_files(files: &Files, out: &Path) -> Vec<String> {
    let mut found = Vec::new();
    collect_generated(out, out, &mut found);
    found.retain(|path| !files.contains_key(path));
    found.sort();
    found
}

fn collect_generated(root: &Path, dir: &Path, found: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if entry.file_name() != "target" {
                collect_generated(root, &path, found);
            }
        } else if kind.is_file() && is_generated(&path) {
            if let Ok(relative) = path.strip_prefix(root) {
                found.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
}

fn is_generated(path: &Path) -> bool {
    use std::io::BufRead;
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let mut first = String::new();
    if std::io::BufReader::new(file).read_line(&mut first).is_err() {
        return false;
    }
    first.starts_with("// Generated by cargo xtask codegen")
        || first.starts_with("# Generated by cargo xtask codegen")
}

fn write_atomically(path: &Path, content: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let temporary = path.with_extension("codegen-tmp");
    std::fs::write(&temporary, content)?;
    std::fs::rename(&temporary, path)
}

pub fn run(args: &Args) -> ExitCode {
    // Generate everything first, so a failing spec leaves every output untouched.
    let mut generated = Vec::new();
    for target in &args.targets {
        let outcome = selection_for(&target.spec, &target.select).and_then(|selection| {
            let files = generate_into(
                &target.spec,
                target.crate_name.as_deref(),
                Some(&target.out),
                target.runtime.as_ref(),
                &selection,
            )?;
            Ok((selection, files))
        });
        match outcome {
            Ok((selection, files)) => generated.push((target, selection, files)),
            Err(message) => {
                // Diagnostics end with a newline, a failed read does not.
                eprintln!("{}", message.trim_end());
                eprintln!("nothing was written.");
                return ExitCode::FAILURE;
            }
        }
    }
    let mut failed = false;
    for (target, selection, files) in &generated {
        // The base is the spec as of the last commit of the crate: what its users have now.
        let report =
            || crate::api_changes::since_output_commit(&target.spec, &target.out, selection);
        // A crate written for the first time has no users to report to.
        let existed = target.out.join("Cargo.toml").is_file();
        let stale = stale_files(files, &target.out);
        let orphaned = orphaned_files(files, &target.out);
        if args.check {
            if stale.is_empty() && orphaned.is_empty() {
                println!(
                    "{} is up to date with {}",
                    target.out.display(),
                    target.spec.display()
                );
                continue;
            }
            failed = true;
            if !stale.is_empty() {
                eprintln!(
                    "{} is stale: these files differ from what {} generates:",
                    target.out.display(),
                    target.spec.display()
                );
                for path in &stale {
                    eprintln!("  {}", target.out.join(path).display());
                }
            }
            if !orphaned.is_empty() {
                eprintln!(
                    "{} has generated files that {} no longer produces:",
                    target.out.display(),
                    target.spec.display()
                );
                for path in &orphaned {
                    eprintln!("  {}", target.out.join(path).display());
                }
            }
            if existed {
                eprint!("{}", report());
            }
            continue;
        }
        for path in &stale {
            if let Err(error) = write_atomically(&target.out.join(path), &files[path]) {
                eprintln!("cannot write {}: {error}", target.out.join(path).display());
                return ExitCode::FAILURE;
            }
            println!("wrote {}", target.out.join(path).display());
        }
        for path in &orphaned {
            if let Err(error) = std::fs::remove_file(target.out.join(path)) {
                eprintln!("cannot remove {}: {error}", target.out.join(path).display());
                return ExitCode::FAILURE;
            }
            println!(
                "removed {} (no longer generated)",
                target.out.join(path).display()
            );
        }
        if stale.is_empty() && orphaned.is_empty() {
            println!("{} was already up to date", target.out.display());
        } else if existed {
            print!("{}", report());
        }
    }
    if failed {
        eprintln!("run `cargo xtask codegen` to update them.");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
