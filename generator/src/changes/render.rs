//! The report as text for a terminal, Markdown for a pull-request comment, and JSON for tools.

use super::{Breaks, Report};

impl Report {
    /// One summary line, then two lines per change: what it breaks, the Rust item and the
    /// change; where it is on the wire and why it breaks. Empty when nothing changed.
    pub fn text(&self) -> String {
        if self.is_empty() {
            return String::new();
        }
        let mut out = format!("{}\n", self.summary());
        for change in &self.changes {
            out.push_str(&format!(
                "[{}] {}: {}\n    at {}",
                change.breaks.label(),
                change.rust,
                change.what,
                change.wire
            ));
            if !change.why.is_empty() {
                out.push_str(&format!(": {}", change.why));
            }
            out.push('\n');
        }
        out
    }

    /// A summary and a table, for a pull-request comment. Empty when nothing changed.
    pub fn markdown(&self) -> String {
        if self.is_empty() {
            return String::new();
        }
        let mut out = format!(
            "**{}**\n\n| Breaks | Rust | Change | Wire | Why |\n|---|---|---|---|---|\n",
            self.summary()
        );
        for change in &self.changes {
            let breaks = match change.breaks.label().strip_prefix("breaks ") {
                Some(sides) => sides.to_owned(),
                None => "compatible".to_owned(),
            };
            out.push_str(&format!(
                "| {} | `{}` | {} | `{}` | {} |\n",
                breaks,
                cell(&change.rust),
                text_cell(&change.what),
                cell(&change.wire),
                text_cell(&change.why)
            ));
        }
        out
    }

    /// `{"summary": {...}, "changes": [...]}`, pretty-printed.
    pub fn json(&self) -> String {
        let mut text =
            serde_json::to_string_pretty(&self.json_value()).expect("a JSON value prints");
        text.push('\n');
        text
    }

    /// The report as a JSON value, for a tool that puts several in one document.
    pub fn json_value(&self) -> serde_json::Value {
        let counts = self.counts();
        let changes: Vec<serde_json::Value> = self
            .changes
            .iter()
            .map(|change| {
                serde_json::json!({
                    "rust": change.rust,
                    "wire": change.wire,
                    "change": change.what,
                    "breaks": sides(change.breaks),
                    "why": change.why,
                })
            })
            .collect();
        serde_json::json!({
            "summary": {
                "changes": self.changes.len(),
                "break_clients": counts.clients,
                "break_servers": counts.servers,
                "break_wire": counts.wire,
                "compatible": counts.compatible,
            },
            "changes": changes,
        })
    }

    /// `3 API changes: 2 break clients, 1 breaks servers, 1 breaks the wire, 1 compatible`.
    fn summary(&self) -> String {
        let counts = self.counts();
        let total = self.changes.len();
        let mut parts = Vec::new();
        for (count, side) in [
            (counts.clients, "clients"),
            (counts.servers, "servers"),
            (counts.wire, "the wire"),
        ] {
            if count > 0 {
                let verb = if count == 1 { "breaks" } else { "break" };
                parts.push(format!("{count} {verb} {side}"));
            }
        }
        if counts.compatible > 0 {
            parts.push(format!("{} compatible", counts.compatible));
        }
        let noun = if total == 1 { "change" } else { "changes" };
        format!("{total} API {noun}: {}", parts.join(", "))
    }
}

fn sides(breaks: Breaks) -> Vec<&'static str> {
    [
        (breaks.clients, "clients"),
        (breaks.servers, "servers"),
        (breaks.wire, "wire"),
    ]
    .into_iter()
    .filter_map(|(on, side)| on.then_some(side))
    .collect()
}

/// Text fit for a table cell: a `|` would end the cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// Prose fit for a table cell, outside a code span: `<String>` would read as an HTML tag.
fn text_cell(text: &str) -> String {
    cell(text).replace('<', "&lt;")
}
