//! `cargo xtask api-changes`: what a spec change does to the crates generated from it, as
//! text, Markdown or JSON, between a spec and another file or its version at a git revision.
//! `cargo xtask codegen` prints the same report when it changes a crate.

use crate::codegen::{checked_in_targets, display_name, selection_for};
use generator::changes::{compare, Report};
use generator::{Selection, Spec};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Json,
}

/// What the new version is compared with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base {
    /// The same file at a git revision (`HEAD`, `origin/main`, a commit).
    Revision(String),
    /// Another file.
    File(PathBuf),
}

pub struct Args {
    pub specs: Vec<PathBuf>,
    pub base: Base,
    pub format: Format,
    /// `--select` values; none: each spec's selection file, if it has one.
    pub select: Vec<String>,
}

impl Args {
    pub fn parse(args: &[String]) -> Result<Args, String> {
        let mut specs = Vec::new();
        let mut base = None;
        let mut format = Format::Text;
        let mut select = Vec::new();
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            let mut value = |flag: &str| crate::flag_value(&mut iter, flag);
            match arg.as_str() {
                "--spec" => specs.push(PathBuf::from(value("--spec")?)),
                "--select" => select.push(value("--select")?),
                "--base" => base = Some(Base::Revision(value("--base")?)),
                "--against" => base = Some(Base::File(PathBuf::from(value("--against")?))),
                "--format" => {
                    format = match value("--format")?.as_str() {
                        "text" => Format::Text,
                        "markdown" => Format::Markdown,
                        "json" => Format::Json,
                        other => {
                            return Err(format!("unknown format '{other}': text, markdown or json"))
                        }
                    }
                }
                other => return Err(format!("unknown argument '{other}'")),
            }
        }
        if specs.is_empty() {
            if matches!(base, Some(Base::File(_))) {
                return Err("--against compares one --spec with another file".into());
            }
            specs = checked_in_targets().into_iter().map(|t| t.spec).collect();
        }
        Ok(Args {
            specs,
            base: base.unwrap_or_else(|| Base::Revision("HEAD".into())),
            format,
            select,
        })
    }
}

/// One spec's report, or why there is none.
pub struct Outcome {
    pub spec: String,
    /// The revision or file compared with.
    pub base: String,
    pub report: Result<Report, String>,
}

pub fn run(args: &Args) -> ExitCode {
    let outcomes: Vec<Outcome> = args
        .specs
        .iter()
        .map(|spec| {
            let (base, old) = match &args.base {
                Base::Revision(revision) => (revision.clone(), spec_at_revision(spec, revision)),
                Base::File(path) => (
                    path.display().to_string(),
                    std::fs::read_to_string(path)
                        .map_err(|e| format!("cannot read {}: {e}", path.display())),
                ),
            };
            let report = old.and_then(|old| {
                let new = std::fs::read_to_string(spec)
                    .map_err(|e| format!("cannot read {}: {e}", spec.display()))?;
                let selection = selection_for(spec, &args.select)?;
                report_between(&display_name(spec), &old, &new, &selection)
            });
            Outcome {
                spec: display_name(spec),
                base,
                report,
            }
        })
        .collect();
    print!("{}", rendered(&outcomes, args.format));
    if outcomes.iter().any(|o| o.report.is_err()) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The outcomes in one document of `format`.
pub fn rendered(outcomes: &[Outcome], format: Format) -> String {
    match format {
        Format::Json => {
            let list: Vec<serde_json::Value> = outcomes
                .iter()
                .map(|o| {
                    let mut value = match &o.report {
                        Ok(report) => report.json_value(),
                        Err(error) => serde_json::json!({ "error": error }),
                    };
                    value["spec"] = o.spec.clone().into();
                    value["base"] = o.base.clone().into();
                    value
                })
                .collect();
            let mut text = serde_json::to_string_pretty(&list).expect("a JSON value prints");
            text.push('\n');
            text
        }
        Format::Markdown => outcomes
            .iter()
            .map(|o| {
                let heading = format!("### API changes in `{}` since `{}`\n\n", o.spec, o.base);
                let body = match &o.report {
                    Ok(report) if report.is_empty() => "No API changes.\n".to_owned(),
                    Ok(report) => report.markdown(),
                    Err(error) => format!("No report: {error}\n"),
                };
                format!("{heading}{body}\n")
            })
            .collect(),
        Format::Text => outcomes
            .iter()
            .map(|o| {
                let heading = format!("API changes in {} since {}", o.spec, o.base);
                match &o.report {
                    Ok(report) if report.is_empty() => format!("{heading}: none\n"),
                    Ok(report) => format!("{heading}:\n{}", report.text()),
                    Err(error) => format!("{heading}: no report: {error}\n"),
                }
            })
            .collect(),
    }
}

/// The report between two texts of a spec, each lowered as far as `selection` keeps it, or
/// the old or new version's problems.
pub fn report_between(
    name: &str,
    old: &str,
    new: &str,
    selection: &Selection,
) -> Result<Report, String> {
    let lower = |version: &str, text: &str| {
        generator::lower_selected(&Spec { name, text }, selection)
            .map_err(|problems| format!("the {version} version does not read: {problems}"))
    };
    Ok(compare(&lower("old", old)?, &lower("new", new)?))
}

/// The text of `spec` at a git revision.
pub fn spec_at_revision(spec: &Path, revision: &str) -> Result<String, String> {
    let (dir, file) = split(spec)?;
    git(&dir, &["show", &format!("{revision}:./{file}")])
}

/// The last commit that changed anything under `out`, abbreviated.
pub fn last_commit_of(out: &Path) -> Result<String, String> {
    let commit = git(out, &["log", "-1", "--format=%h", "--", "."])?;
    let commit = commit.trim();
    if commit.is_empty() {
        Err(format!("{} has no commit yet", out.display()))
    } else {
        Ok(commit.to_owned())
    }
}

/// For `codegen`: the report of `spec` against its version at the last commit that changed
/// `out`, which is the version the committed crate was generated from.
pub fn since_output_commit(spec: &Path, out: &Path, selection: &Selection) -> String {
    let outcome = match last_commit_of(out) {
        Ok(commit) => Outcome {
            spec: display_name(spec),
            report: spec_at_revision(spec, &commit).and_then(|old| {
                let new = std::fs::read_to_string(spec)
                    .map_err(|e| format!("cannot read {}: {e}", spec.display()))?;
                report_between(&display_name(spec), &old, &new, selection)
            }),
            base: commit,
        },
        Err(error) => Outcome {
            spec: display_name(spec),
            base: "the committed crate".into(),
            report: Err(error),
        },
    };
    let text = rendered(std::slice::from_ref(&outcome), Format::Text);
    match &outcome.report {
        Ok(report) if report.is_empty() => format!(
            "{}  (the spec's API is unchanged: its descriptions or the generator changed)\n",
            text.trim_end()
        ),
        _ => text,
    }
}

/// The directory to run git in and the file name within it.
fn split(spec: &Path) -> Result<(PathBuf, String), String> {
    let file = spec
        .file_name()
        .ok_or_else(|| format!("{} names no file", spec.display()))?
        .to_string_lossy()
        .into_owned();
    let dir = match spec.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((dir, file))
}

fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        String::from_utf8(output.stdout).map_err(|_| "git printed something not UTF-8".into())
    } else {
        let message = String::from_utf8_lossy(&output.stderr);
        Err(format!("git {}: {}", args.join(" "), message.trim()))
    }
}
