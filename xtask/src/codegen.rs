//! `cargo xtask codegen`: generate, then compare with or write to the output directory.
//!
//! Generation happens fully in memory first, so a spec with errors leaves the output untouched.
//! Each file is written through a temporary file and a rename.

use generator::{Files, Options, Spec};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The spec `cargo xtask codegen` reads by default, and the crate it writes.
pub const DEFAULT_SPEC: &str = "spec/device-compliance-user-status.yaml";
pub const DEFAULT_OUT: &str = "generated";

pub struct Args {
    pub spec: PathBuf,
    pub out: PathBuf,
    pub crate_name: Option<String>,
    pub check: bool,
}

impl Args {
    pub fn parse(args: &[String]) -> Result<Args, String> {
        let root = workspace_root();
        let mut parsed = Args {
            spec: root.join(DEFAULT_SPEC),
            out: root.join(DEFAULT_OUT),
            crate_name: None,
            check: false,
        };
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            let mut value = |flag: &str| {
                iter.next()
                    .cloned()
                    .ok_or_else(|| format!("{flag} needs a value"))
            };
            match arg.as_str() {
                "--check" => parsed.check = true,
                "--spec" => parsed.spec = PathBuf::from(value("--spec")?),
                "--out" => parsed.out = PathBuf::from(value("--out")?),
                "--crate-name" => parsed.crate_name = Some(value("--crate-name")?),
                other => return Err(format!("unknown argument '{other}'")),
            }
        }
        Ok(parsed)
    }
}

/// The workspace root: the parent of this crate's directory.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// The crate name for a spec file: its stem in kebab-case.
fn crate_name_for(spec: &Path) -> String {
    let stem = spec
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "generated".into());
    let name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    name.trim_matches('-').to_owned()
}

/// How the spec is named in messages and preambles: relative to the workspace when inside it.
fn display_name(spec: &Path) -> String {
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
pub fn generate_for(spec: &Path, crate_name: Option<&str>) -> Result<Files, String> {
    let text = std::fs::read_to_string(spec)
        .map_err(|e| format!("cannot read {}: {e}", spec.display()))?;
    let name = display_name(spec);
    let options = Options {
        crate_name: crate_name
            .map(str::to_owned)
            .unwrap_or_else(|| crate_name_for(spec)),
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

fn write_atomically(path: &Path, content: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let temporary = path.with_extension("codegen-tmp");
    std::fs::write(&temporary, content)?;
    std::fs::rename(&temporary, path)
}

pub fn run(args: &Args) -> ExitCode {
    let files = match generate_for(&args.spec, args.crate_name.as_deref()) {
        Ok(files) => files,
        Err(message) => {
            eprint!("{message}");
            eprintln!("nothing was written.");
            return ExitCode::FAILURE;
        }
    };
    let stale = stale_files(&files, &args.out);
    if args.check {
        if stale.is_empty() {
            println!(
                "{} is up to date with {}",
                args.out.display(),
                args.spec.display()
            );
            return ExitCode::SUCCESS;
        }
        eprintln!(
            "{} is stale: these files differ from what {} generates:",
            args.out.display(),
            args.spec.display()
        );
        for path in &stale {
            eprintln!("  {}", args.out.join(path).display());
        }
        eprintln!("run `cargo xtask codegen` to update them.");
        return ExitCode::FAILURE;
    }
    for path in &stale {
        if let Err(error) = write_atomically(&args.out.join(path), &files[path]) {
            eprintln!("cannot write {}: {error}", args.out.join(path).display());
            return ExitCode::FAILURE;
        }
        println!("wrote {}", args.out.join(path).display());
    }
    if stale.is_empty() {
        println!("{} was already up to date", args.out.display());
    }
    ExitCode::SUCCESS
}
