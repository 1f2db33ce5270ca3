//! Problems found in a spec, each pointing at the place in the document that caused it.

use std::fmt;

/// One problem: what is wrong and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// JSON Pointer into the document (`/components/schemas/x/properties/y`), empty for the root.
    pub pointer: String,
    /// 1-based line in the spec file, where it could be found.
    pub line: Option<usize>,
    pub message: String,
}

/// Every problem of one run, in the order they were found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    /// The spec's file name, as given in the options.
    pub source: String,
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new(source: &str) -> Self {
        Diagnostics {
            source: source.to_owned(),
            items: Vec::new(),
        }
    }

    /// Records a problem, once: a shared component (a parameter every operation of a path
    /// refers to) is found faulty at each use, but is one thing to fix.
    pub fn push(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        let item = Diagnostic {
            pointer: pointer.into(),
            line: None,
            message: message.into(),
        };
        if !self.items.contains(&item) {
            self.items.push(item);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.items.len();
        writeln!(
            f,
            "{} problem{} in {}:",
            count,
            if count == 1 { "" } else { "s" },
            self.source
        )?;
        for item in &self.items {
            let pointer = if item.pointer.is_empty() {
                "(document root)"
            } else {
                &item.pointer
            };
            match item.line {
                Some(line) => writeln!(
                    f,
                    "  {}:{}: {}: {}",
                    self.source, line, pointer, item.message
                )?,
                None => writeln!(f, "  {}: {}: {}", self.source, pointer, item.message)?,
            }
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// Escapes one JSON Pointer segment (RFC 6901).
pub fn escape_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Unescapes one JSON Pointer segment (RFC 6901).
pub fn unescape_segment(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// Splits a JSON Pointer into its unescaped segments.
pub fn segments(pointer: &str) -> Vec<String> {
    pointer.split('/').skip(1).map(unescape_segment).collect()
}
