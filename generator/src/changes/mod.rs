//! The API-change report: what a new version of a spec does to the crates generated from it,
//! computed from the two versions' IR, each change named in Rust and on the wire and classified
//! for the services on either side.
//!
//! Matching is by name (types by Rust name, fields and enum values by wire name, operations by
//! method and path with parameter names blanked, then by operation id), so reordering a spec
//! reports nothing. A removed and an added item of the same structure are one rename.

mod operations;
mod renames;
mod render;
mod rules;
mod shapes;
mod spelling;
mod types;

use crate::ir::Model;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// Who a change breaks. None of them: compatible.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Breaks {
    /// Code that calls the API through the generated client, or builds its requests, stops
    /// compiling or starts failing.
    pub clients: bool,
    /// A `Service` implementation stops compiling or starts answering differently.
    pub servers: bool,
    /// Requests or responses that were valid are no longer, so builds on either version and
    /// other implementations stop agreeing.
    pub wire: bool,
}

impl Breaks {
    pub const NOTHING: Breaks = Breaks {
        clients: false,
        servers: false,
        wire: false,
    };
    /// Code on both sides that names the item.
    pub const RUST: Breaks = Breaks {
        clients: true,
        servers: true,
        wire: false,
    };
    pub const WIRE: Breaks = Breaks {
        clients: false,
        servers: false,
        wire: true,
    };
    pub const EVERYTHING: Breaks = Breaks {
        clients: true,
        servers: true,
        wire: true,
    };

    pub fn is_compatible(self) -> bool {
        self == Breaks::NOTHING
    }

    fn or(self, other: Breaks) -> Breaks {
        Breaks {
            clients: self.clients || other.clients,
            servers: self.servers || other.servers,
            wire: self.wire || other.wire,
        }
    }

    /// `breaks clients, servers, wire`, or `compatible`.
    pub fn label(self) -> String {
        let parts: Vec<&str> = [
            (self.clients, "clients"),
            (self.servers, "servers"),
            (self.wire, "wire"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect();
        if parts.is_empty() {
            "compatible".into()
        } else {
            format!("breaks {}", parts.join(", "))
        }
    }
}

/// One change between two versions of a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// What it touches in the generated crate: `DeviceComplianceUserStatus::devices_count`,
    /// `ComplianceStatus::Pending`, `create_user_status()`, `CreateUserStatusParams::top`.
    pub rust: String,
    /// What it touches on the wire: `microsoft.graph.deviceComplianceUserStatus.devicesCount`,
    /// `POST /users query $top`.
    pub wire: String,
    /// What changed: `added`, `removed`, `type i32 -> i64`, `maxLength 128 -> 64`.
    pub what: String,
    pub breaks: Breaks,
    /// Why it breaks what it breaks, in a line; empty when compatible.
    pub why: String,
}

/// Every change between two versions of a spec, types first (in the new spec's order, then
/// the removed ones), then operations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub changes: Vec<Change>,
}

impl Report {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// How many changes break clients, servers and the wire, and how many break nothing.
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for change in &self.changes {
            counts.clients += usize::from(change.breaks.clients);
            counts.servers += usize::from(change.breaks.servers);
            counts.wire += usize::from(change.breaks.wire);
            counts.compatible += usize::from(change.breaks.is_compatible());
        }
        counts
    }
}

/// The summary of a [`Report`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub clients: usize,
    pub servers: usize,
    pub wire: usize,
    pub compatible: usize,
}

/// Where a type travels, which decides who builds its values and who reads them: clients build
/// requests and read responses, servers the other way round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Usage {
    request: bool,
    response: bool,
}

impl Usage {
    /// Code that builds values of the type (a struct literal misses a new field).
    fn builders(self) -> Breaks {
        Breaks {
            clients: self.request,
            servers: self.response,
            wire: false,
        }
    }

    /// Code that reads values of the type (an exhaustive `match` misses a new variant).
    fn readers(self) -> Breaks {
        Breaks {
            clients: self.response,
            servers: self.request,
            wire: false,
        }
    }
}

/// Which types each version sends in requests and in responses.
struct Usages {
    request: BTreeSet<String>,
    response: BTreeSet<String>,
}

impl Usages {
    fn of(old: &Model, new: &Model) -> Usages {
        let mut request = old.request_types();
        request.extend(new.request_types());
        let mut response = old.response_types();
        response.extend(new.response_types());
        Usages { request, response }
    }

    /// A type no operation carries is a model anyone may use both ways.
    fn of_type(&self, name: &str) -> Usage {
        let request = self.request.contains(name);
        let response = self.response.contains(name);
        if request || response {
            Usage { request, response }
        } else {
            Usage {
                request: true,
                response: true,
            }
        }
    }
}

/// The changes from `old` to `new`.
pub fn compare(old: &Model, new: &Model) -> Report {
    let (old, renames) = renames::apply(old, new);
    let usages = Usages::of(&old, new);
    let mut changes = Vec::new();
    if old.base_path != new.base_path {
        let shown = |path: &str| {
            if path.is_empty() {
                "/".to_owned()
            } else {
                path.to_owned()
            }
        };
        changes.push(
            Change::new(
                "ServerConfig::base_path",
                "servers[0].url",
                format!(
                    "base path {} -> {}",
                    shown(&old.base_path),
                    shown(&new.base_path)
                ),
            )
            .breaking(
                Breaks::WIRE,
                "servers and clients on the default base path no longer meet",
            ),
        );
    }
    changes.extend(types::compare(&old, new, &renames, &usages));
    changes.extend(operations::compare(&old, new));
    Report { changes }
}

impl Change {
    fn new(rust: impl Into<String>, wire: impl Into<String>, what: impl Into<String>) -> Change {
        Change {
            rust: rust.into(),
            wire: wire.into(),
            what: what.into(),
            breaks: Breaks::NOTHING,
            why: String::new(),
        }
    }

    /// [`Change::breaking`] when `condition` holds.
    fn breaking_if(self, condition: bool, breaks: Breaks, why: &str) -> Change {
        if condition {
            self.breaking(breaks, why)
        } else {
            self
        }
    }

    /// Adds what the change breaks and why; reasons for several sides join with `; `.
    fn breaking(mut self, breaks: Breaks, why: &str) -> Change {
        if breaks.is_compatible() {
            return self;
        }
        self.breaks = self.breaks.or(breaks);
        if !why.is_empty() {
            if !self.why.is_empty() {
                self.why.push_str("; ");
            }
            self.why.push_str(why);
        }
        self
    }
}

/// Why removing or renaming an item breaks Rust code on both sides.
const NAMED: &str = "code that names it stops compiling";
/// Why changing an item's Rust type breaks code on both sides.
const TYPE_CHANGED: &str = "code that reads or sets it as the old type stops compiling";

/// How a change of `required` reads, given the new value.
fn requiredness(required: bool) -> &'static str {
    if required {
        "optional -> required"
    } else {
        "required -> optional"
    }
}

/// Removed and added items that share a `key` (a structure, an operation id), each paired once,
/// in the order they were removed: one item under a new name.
fn pair_renamed<'a, T, K: Ord>(
    removed: &[&'a T],
    added: &[&'a T],
    key: impl Fn(&T) -> K,
) -> Vec<(&'a T, &'a T)> {
    let mut waiting: BTreeMap<K, VecDeque<&'a T>> = BTreeMap::new();
    for item in added {
        waiting.entry(key(item)).or_default().push_back(item);
    }
    removed
        .iter()
        .filter_map(|before| {
            let after = waiting.get_mut(&key(before))?.pop_front()?;
            Some((*before, after))
        })
        .collect()
}
