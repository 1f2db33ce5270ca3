//! Generates a Rust crate from an OpenAPI 3.0 document.
//!
//! The pipeline is `load` (JSON or YAML -> `openapiv3`) -> `lower` (-> [`ir::Model`]) -> `emit`
//! (-> `TokenStream`s, one emitter per file) -> `output` (prettyplease, files and parts). [`generate`] is pure: the same
//! spec and options give the same bytes, with no file system, clock or environment involved.

mod areas;
pub mod changes;
pub mod diagnostics;
mod emit;
pub mod ir;
mod load;
mod lower;
mod output;
mod select;

pub use diagnostics::{Diagnostic, Diagnostics};
pub use lower::names::is_keyword;
pub use select::{AreaFeatures, Selection};

use std::collections::BTreeMap;

/// An OpenAPI document and the name it is known by in messages and the generated preamble.
pub struct Spec<'a> {
    /// Shown in errors and in the preamble of every file, e.g. `spec/users.yaml`.
    pub name: &'a str,
    pub text: &'a str,
}

/// What the caller chooses about the generated crate.
pub struct Options {
    /// The package name written into the generated `Cargo.toml`.
    pub crate_name: String,
    /// Entries for `[dev-dependencies]`, for hand-written tests and examples beside the
    /// generated code.
    pub dev_dependencies: Option<String>,
    /// Where the crate gets the runtime every generated crate shares.
    pub runtime: Runtime,
    /// The operations to generate, with what they reach; [`Selection::everything`] for all.
    pub selection: Selection,
}

/// Where a generated crate gets the runtime (`openapi-graph-runtime`): errors, checks,
/// validation, and the server and client runtimes, the same for every spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Runtime {
    /// A dependency on the runtime crate: the keys of its entry in `Cargo.toml` that say where
    /// it is, such as `path = "../runtime"` or `git = "https://...", tag = "v0.1.0"`.
    Dependency(String),
    /// The runtime's files copied into the crate as the module `runtime`, so that the crate
    /// stands alone.
    Vendored,
}

impl Runtime {
    /// A dependency on the runtime crate at `path`: absolute, or relative to the generated
    /// crate's directory.
    pub fn at_path(path: &str) -> Runtime {
        Runtime::Dependency(format!(
            "path = \"{}\"",
            emit::cargo_toml::toml_escaped(path)
        ))
    }
}

/// Generated files by path relative to the crate root (`Cargo.toml`, `src/lib.rs`, ...).
pub type Files = BTreeMap<String, String>;

/// Generates the crate's files, or every problem found in the spec.
pub fn generate(spec: &Spec<'_>, options: &Options) -> Result<Files, Diagnostics> {
    // The parsed document is gone once lowered: the emitters read only the model.
    let mut model = lower_selected(spec, &options.selection)?;
    if let Some(by) = options.selection.area_features() {
        areas::assign(&mut model, by);
    }
    output::crate_files(model, spec.name, options).map_err(|bug| {
        let mut diagnostics = Diagnostics::new(spec.name);
        diagnostics.push("", bug);
        diagnostics
    })
}

/// Lowers a spec to the IR only, for tests and tools that inspect it.
pub fn lower(spec: &Spec<'_>) -> Result<ir::Model, Diagnostics> {
    lower_selected(spec, &Selection::everything())
}

/// Lowers the part of a spec a selection keeps.
pub fn lower_selected(spec: &Spec<'_>, selection: &Selection) -> Result<ir::Model, Diagnostics> {
    let loaded = load::load(spec.name, spec.text, selection)?;
    let mut diagnostics = Diagnostics::new(spec.name);
    match lower::lower(
        &loaded.document,
        loaded.paths,
        &loaded.moved,
        &mut diagnostics,
    ) {
        Some(model) => Ok(model),
        None => {
            load::locate(loaded.text, &loaded.moved, &mut diagnostics);
            Err(diagnostics)
        }
    }
}
