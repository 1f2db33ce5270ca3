//! Changes to a shape's validation keywords, each told as tightened (values that passed may
//! now fail), loosened (only more values pass) or changed (neither contains the other).

use crate::ir::{Bound, RuleSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Tightened,
    Loosened,
    Changed,
}

/// One keyword's change: `maxLength 128 -> 64`.
pub struct RuleChange {
    pub what: String,
    pub direction: Direction,
}

/// Every keyword that differs between two rule sets, in the order the fields of [`RuleSet`]
/// are declared.
pub fn compare(old: &RuleSet, new: &RuleSet) -> Vec<RuleChange> {
    let mut found = Vec::new();
    bound("minimum", old.minimum, new.minimum, 1.0, &mut found);
    bound("maximum", old.maximum, new.maximum, -1.0, &mut found);
    multiple_of(old.multiple_of, new.multiple_of, &mut found);
    count_change(
        "minLength",
        old.min_length,
        new.min_length,
        true,
        &mut found,
    );
    count_change(
        "maxLength",
        old.max_length,
        new.max_length,
        false,
        &mut found,
    );
    pattern(old, new, &mut found);
    count_change("minItems", old.min_items, new.min_items, true, &mut found);
    count_change("maxItems", old.max_items, new.max_items, false, &mut found);
    if old.unique_items != new.unique_items {
        found.push(RuleChange {
            what: format!("uniqueItems {} -> {}", old.unique_items, new.unique_items),
            direction: if new.unique_items {
                Direction::Tightened
            } else {
                Direction::Loosened
            },
        });
    }
    allowed(&old.allowed, &new.allowed, &mut found);
    found
}

/// A lower (`sign` 1) or upper (`sign` -1) bound: moving it inward tightens.
fn bound(
    keyword: &str,
    old: Option<Bound>,
    new: Option<Bound>,
    sign: f64,
    found: &mut Vec<RuleChange>,
) {
    let shown = |bound: Option<Bound>| match bound {
        None => "none".to_owned(),
        Some(Bound {
            value,
            exclusive: true,
        }) => format!("{value} (exclusive)"),
        Some(Bound { value, .. }) => value.to_string(),
    };
    let direction = match (old, new) {
        (None, None) => return,
        (None, Some(_)) => Direction::Tightened,
        (Some(_), None) => Direction::Loosened,
        (Some(a), Some(b)) if a == b => return,
        (Some(a), Some(b)) => {
            let inward = (b.value - a.value) * sign;
            if inward > 0.0 || (inward == 0.0 && b.exclusive) {
                Direction::Tightened
            } else {
                Direction::Loosened
            }
        }
    };
    found.push(RuleChange {
        what: format!("{keyword} {} -> {}", shown(old), shown(new)),
        direction,
    });
}

fn multiple_of(old: Option<f64>, new: Option<f64>, found: &mut Vec<RuleChange>) {
    let divides = |small: f64, large: f64| (large / small).fract() == 0.0;
    let direction = match (old, new) {
        (None, None) => return,
        (Some(a), Some(b)) if a == b => return,
        (None, Some(_)) => Direction::Tightened,
        (Some(_), None) => Direction::Loosened,
        // Every multiple of 10 is a multiple of 5: 5 -> 10 lets fewer values through.
        (Some(a), Some(b)) if divides(a, b) => Direction::Tightened,
        (Some(a), Some(b)) if divides(b, a) => Direction::Loosened,
        _ => Direction::Changed,
    };
    let shown = |value: Option<f64>| value.map_or("none".to_owned(), |v| v.to_string());
    found.push(RuleChange {
        what: format!("multipleOf {} -> {}", shown(old), shown(new)),
        direction,
    });
}

/// A length or item count; `lower` for a minimum, where a larger value tightens.
pub fn count_change(
    keyword: &str,
    old: Option<usize>,
    new: Option<usize>,
    lower: bool,
    found: &mut Vec<RuleChange>,
) {
    let direction = match (old, new) {
        (a, b) if a == b => return,
        (None, Some(_)) => Direction::Tightened,
        (Some(_), None) => Direction::Loosened,
        (Some(a), Some(b)) if (b > a) == lower => Direction::Tightened,
        _ => Direction::Loosened,
    };
    let shown = |value: Option<usize>| value.map_or("none".to_owned(), |v| v.to_string());
    found.push(RuleChange {
        what: format!("{keyword} {} -> {}", shown(old), shown(new)),
        direction,
    });
}

fn pattern(old: &RuleSet, new: &RuleSet, found: &mut Vec<RuleChange>) {
    let old = old.pattern.as_ref().map(|p| p.spec.as_str());
    let new = new.pattern.as_ref().map(|p| p.spec.as_str());
    let direction = match (old, new) {
        (a, b) if a == b => return,
        (None, Some(_)) => Direction::Tightened,
        (Some(_), None) => Direction::Loosened,
        _ => Direction::Changed,
    };
    let shown = |pattern: Option<&str>| pattern.map_or("none".to_owned(), |p| format!("`{p}`"));
    found.push(RuleChange {
        what: format!("pattern {} -> {}", shown(old), shown(new)),
        direction,
    });
}

/// `enum` on a non-string scalar: an empty list allows every value.
fn allowed(old: &[serde_json::Value], new: &[serde_json::Value], found: &mut Vec<RuleChange>) {
    let listed = |values: Vec<&serde_json::Value>| {
        values
            .iter()
            .map(|v| v.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (old.is_empty(), new.is_empty()) {
        (true, true) => {}
        (true, false) => found.push(RuleChange {
            what: format!("enum added: {}", listed(new.iter().collect())),
            direction: Direction::Tightened,
        }),
        (false, true) => found.push(RuleChange {
            what: "enum removed".into(),
            direction: Direction::Loosened,
        }),
        (false, false) => {
            let removed: Vec<_> = old.iter().filter(|v| !new.contains(v)).collect();
            let added: Vec<_> = new.iter().filter(|v| !old.contains(v)).collect();
            if !removed.is_empty() {
                found.push(RuleChange {
                    what: format!("enum values removed: {}", listed(removed)),
                    direction: Direction::Tightened,
                });
            }
            if !added.is_empty() {
                found.push(RuleChange {
                    what: format!("enum values added: {}", listed(added)),
                    direction: Direction::Loosened,
                });
            }
        }
    }
}
