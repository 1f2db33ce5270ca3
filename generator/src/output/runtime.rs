//! The runtime for `--vendor-runtime`: the files of the runtime crate (`runtime/src/`), copied
//! verbatim into the generated crate as the module `runtime`, with only the check groups its
//! spec uses. A crate that depends on the runtime crate instead gets none of this.

/// What of the runtime the spec needs beyond what every crate carries.
pub struct Needs {
    pub date_time: bool,
    pub pattern: bool,
    pub backtracking_pattern: bool,
    pub multipart: bool,
    pub operations: bool,
}

impl Needs {
    pub fn of(model: &crate::ir::Model) -> Needs {
        Needs {
            date_time: model.uses_dates(),
            pattern: model.uses_patterns(),
            backtracking_pattern: model.uses_backtracking_patterns(),
            multipart: model.uses_multipart(),
            operations: !model.operations.is_empty(),
        }
    }

    /// The runtime crate's features for the optional modules needed, which a crate depending
    /// on it turns on (the server and client runtimes follow the crate's own features).
    pub fn features(&self) -> Vec<&'static str> {
        [
            (self.date_time, "date-time"),
            (self.pattern, "pattern"),
            (self.backtracking_pattern, "backtracking-pattern"),
            (self.multipart, "multipart"),
        ]
        .into_iter()
        .filter(|(needed, _)| *needed)
        .map(|(_, feature)| feature)
        .collect()
    }
}

/// The runtime crate's modules: name, text, and whether a spec with `needs` uses it.
fn modules(needs: &Needs) -> [(&'static str, &'static str, bool); 10] {
    [
        (
            "checks",
            include_str!("../../../runtime/src/checks.rs"),
            true,
        ),
        (
            "checks_backtracking_pattern",
            include_str!("../../../runtime/src/checks_backtracking_pattern.rs"),
            needs.backtracking_pattern,
        ),
        (
            "checks_date_time",
            include_str!("../../../runtime/src/checks_date_time.rs"),
            needs.date_time,
        ),
        (
            "checks_pattern",
            include_str!("../../../runtime/src/checks_pattern.rs"),
            needs.pattern,
        ),
        (
            "client",
            include_str!("../../../runtime/src/client.rs"),
            needs.operations,
        ),
        (
            "errors",
            include_str!("../../../runtime/src/errors.rs"),
            true,
        ),
        (
            "multipart",
            include_str!("../../../runtime/src/multipart.rs"),
            needs.multipart,
        ),
        (
            "server",
            include_str!("../../../runtime/src/server.rs"),
            needs.operations,
        ),
        (
            "support",
            include_str!("../../../runtime/src/support.rs"),
            true,
        ),
        (
            "validation",
            include_str!("../../../runtime/src/validation.rs"),
            true,
        ),
    ]
}

/// The files of the vendored runtime: `src/runtime.rs`, which declares the modules the spec
/// needs (the server and the client behind the crate's features of those names), and
/// `src/runtime/<module>.rs` for each, every one after `preamble`.
pub fn vendored(needs: &Needs, preamble: &str) -> Vec<(String, String)> {
    let mut declarations = String::new();
    let mut files = Vec::new();
    for (name, text, needed) in modules(needs) {
        if !needed {
            continue;
        }
        if matches!(name, "client" | "server") {
            declarations.push_str(&format!("#[cfg(feature = \"{name}\")]\n"));
        }
        declarations.push_str(&format!("pub mod {name};\n"));
        files.push((
            format!("src/runtime/{name}.rs"),
            format!("{preamble}{text}"),
        ));
    }
    let root = format!(
        "{preamble}//! The runtime every generated crate shares, copied from the runtime crate\n\
         //! (`openapi-graph-runtime`) by `--vendor-runtime`.\n{declarations}"
    );
    files.push(("src/runtime.rs".to_owned(), root));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The runtime crate's `lib.rs` declares exactly the modules vendoring copies, so a module
    /// added to one is not missing from the other.
    #[test]
    fn vendoring_copies_every_module_the_runtime_crate_declares() {
        let lib = include_str!("../../../runtime/src/lib.rs");
        let declared: Vec<&str> = lib
            .lines()
            .filter_map(|line| line.strip_prefix("pub mod "))
            .map(|rest| rest.trim_end_matches(';'))
            .collect();
        let all = Needs {
            date_time: true,
            pattern: true,
            backtracking_pattern: true,
            multipart: true,
            operations: true,
        };
        let copied: Vec<&str> = modules(&all).iter().map(|(name, _, _)| *name).collect();
        assert_eq!(declared, copied);
    }

    #[test]
    fn a_spec_without_operations_or_optional_checks_gets_the_core_modules() {
        let none = Needs {
            date_time: false,
            pattern: false,
            backtracking_pattern: false,
            multipart: false,
            operations: false,
        };
        let files = vendored(&none, "// preamble\n");
        let paths: Vec<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "src/runtime/checks.rs",
                "src/runtime/errors.rs",
                "src/runtime/support.rs",
                "src/runtime/validation.rs",
                "src/runtime.rs"
            ]
        );
        assert!(files[4].1.ends_with(
            "pub mod checks;\npub mod errors;\npub mod support;\npub mod validation;\n"
        ));
    }
}
