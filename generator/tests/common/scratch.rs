//! A scratch cargo workspace under `target/`, built by a nested cargo. Every scratch workspace
//! shares one target directory, apart from the outer build's (so neither waits on the other's
//! lock) and kept between runs (so the dependencies of generated crates build once).

use generator::Files;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Scratch {
    root: PathBuf,
    members: Vec<String>,
}

/// The repository's root, whose `Cargo.lock` pins the versions generated crates build with.
pub fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

impl Scratch {
    /// An empty workspace at `target/<name>`; crates an earlier run left there are removed.
    pub fn new(name: &str) -> Scratch {
        let root = repository_root().join("target").join(name);
        let _ = std::fs::remove_dir_all(root.join("crates"));
        std::fs::create_dir_all(&root).unwrap();
        Scratch {
            root,
            members: Vec::new(),
        }
    }

    /// Writes a crate's files as `crates/<name>/...`, replacing any it had, and makes it a member.
    pub fn write_crate(&mut self, name: &str, files: &Files) {
        let dir = self.root.join("crates").join(name);
        let _ = std::fs::remove_dir_all(&dir);
        for (file, content) in files {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, content).unwrap();
        }
        if !self.members.iter().any(|member| member == name) {
            self.members.push(name.to_owned());
        }
        let members: Vec<String> = self
            .members
            .iter()
            .map(|member| format!("\"crates/{member}\""))
            .collect();
        std::fs::write(
            self.root.join("Cargo.toml"),
            format!(
                "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
                members.join(", ")
            ),
        )
        .unwrap();
        if !self.root.join("Cargo.lock").exists() {
            std::fs::copy(
                repository_root().join("Cargo.lock"),
                self.root.join("Cargo.lock"),
            )
            .unwrap();
        }
    }

    /// Runs `cargo clippy` in the workspace with these arguments (quietly, `-D warnings`) and
    /// fails the test with its errors unless it passes.
    pub fn assert_clippy_clean(&self, args: &[&str]) {
        let mut all = vec!["clippy", "--quiet"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--", "-D", "warnings"]);
        let output = self.cargo(&all);
        assert!(
            output.status.success(),
            "cargo {} is not clean:\n{}",
            all.join(" "),
            String::from_utf8_lossy(&output.stderr)
        );
    }

    /// Runs cargo in the workspace with these arguments.
    pub fn cargo(&self, args: &[&str]) -> Output {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        Command::new(cargo)
            .current_dir(&self.root)
            .env(
                "CARGO_TARGET_DIR",
                repository_root().join("target/scratch-target"),
            )
            .args(args)
            .output()
            .unwrap()
    }
}
