//! Changes to one value's shape: its type (told in Rust, widening apart) and its rules, down
//! through array items and map values. Whether the value may be `null` is its holder's to say.

use super::rules::{self, Direction};
use super::spelling::value_type;
use super::{Breaks, Change, Usage, TYPE_CHANGED};
use crate::ir::{FloatFormat, IntFormat, Shape, ShapeKind, StringFormat, TypeKind};

/// The changes from `old` to `new` of a value at `rust` / `wire`, of a type used as `usage`.
pub fn changes(rust: &str, wire: &str, old: &Shape, new: &Shape, usage: Usage) -> Vec<Change> {
    if !same_kind(&old.kind, &new.kind) {
        return vec![kind_change(rust, wire, old, new, usage)];
    }
    let mut found = Vec::new();
    rule_changes(rust, wire, "", old, new, usage, &mut found);
    found
}

/// Rule changes of `old` and `new`, of the same kind, and of their items or values.
fn rule_changes(
    rust: &str,
    wire: &str,
    prefix: &str,
    old: &Shape,
    new: &Shape,
    usage: Usage,
    found: &mut Vec<Change>,
) {
    for rule in rules::compare(&old.rules, &new.rules) {
        found.push(rule_change(
            rust,
            wire,
            &format!("{prefix}{}", rule.what),
            rule.direction,
            usage,
        ));
    }
    match (&old.kind, &new.kind) {
        (ShapeKind::Array(a), ShapeKind::Array(b)) => {
            rule_changes(rust, wire, &format!("{prefix}items "), a, b, usage, found)
        }
        (ShapeKind::Map(a), ShapeKind::Map(b)) => {
            rule_changes(rust, wire, &format!("{prefix}values "), a, b, usage, found)
        }
        _ => {}
    }
}

/// A rule change: a stricter rule refuses requests that passed; a looser one only lets more
/// through, and responses are not checked by the clients that read them.
pub fn rule_change(
    rust: &str,
    wire: &str,
    what: &str,
    direction: Direction,
    usage: Usage,
) -> Change {
    let change = Change::new(rust, wire, what);
    if direction == Direction::Loosened || !usage.request {
        return change;
    }
    let why = match direction {
        Direction::Tightened => "requests that passed the old rule may be refused",
        _ => "requests that passed the old rule may fail the new one",
    };
    change.breaking(Breaks::WIRE, why)
}

fn kind_change(rust: &str, wire: &str, old: &Shape, new: &Shape, usage: Usage) -> Change {
    let (old_rust, new_rust) = (value_type(old), value_type(new));
    if old_rust == new_rust {
        // Same Rust type, another format: only the text on the wire differs.
        return Change::new(
            rust,
            wire,
            format!("type {} -> {}", spec_type(old), spec_type(new)),
        )
        .breaking(
            Breaks::WIRE,
            "values of the old format are refused, or sent where the old one is expected",
        );
    }
    let change = Change::new(rust, wire, format!("type {old_rust} -> {new_rust}"))
        .breaking(Breaks::RUST, TYPE_CHANGED);
    match (widens(old, new), usage.response) {
        (true, false) => change,
        (true, true) => change.breaking(
            Breaks::WIRE,
            "responses may carry values the old type cannot hold",
        ),
        (false, _) => change.breaking(Breaks::WIRE, "values of one type are refused by the other"),
    }
}

/// Whether every value of `old` is a value of `new`, read the same: `int32 -> int64`,
/// `float -> double`, and arrays of those.
fn widens(old: &Shape, new: &Shape) -> bool {
    match (&old.kind, &new.kind) {
        (ShapeKind::Integer(a), ShapeKind::Integer(b)) => {
            let ((a_min, a_max), (b_min, b_max)) = (a.range(), b.range());
            b_min <= a_min && a_max <= b_max
        }
        (ShapeKind::Float(FloatFormat::Float), ShapeKind::Float(FloatFormat::Double)) => true,
        (ShapeKind::Integer(a), ShapeKind::Float(FloatFormat::Double)) => *a != IntFormat::Int64,
        (ShapeKind::Array(a), ShapeKind::Array(b)) => {
            a.nullable <= b.nullable && (same_kind(&a.kind, &b.kind) || widens(a, b))
        }
        _ => false,
    }
}

/// The type as the spec writes it: `string (uuid)`, `array of integer (int32)`.
pub fn spec_type(shape: &Shape) -> String {
    match &shape.kind {
        ShapeKind::String(format) => match format {
            StringFormat::Plain => "string".into(),
            StringFormat::DateTime => "string (date-time)".into(),
            StringFormat::Date => "string (date)".into(),
            StringFormat::Uuid => "string (uuid)".into(),
            StringFormat::Byte => "string (byte)".into(),
        },
        ShapeKind::Integer(format) => format!("integer ({})", format.name()),
        ShapeKind::Float(FloatFormat::Float) => "number (float)".into(),
        ShapeKind::Float(FloatFormat::Double) => "number (double)".into(),
        ShapeKind::Boolean => "boolean".into(),
        ShapeKind::Named(name) => name.clone(),
        ShapeKind::Array(item) => format!("array of {}", spec_type(item)),
        ShapeKind::Map(value) => format!("map of {}", spec_type(value)),
        ShapeKind::AnyObject => "object".into(),
        ShapeKind::Any => "any value".into(),
        ShapeKind::Nothing => "no value".into(),
    }
}

/// Whether two kinds hold the same values, rules and docs apart (nullability inside counts: it
/// is part of the Rust type).
pub fn same_kind(a: &ShapeKind, b: &ShapeKind) -> bool {
    match (a, b) {
        (ShapeKind::Array(a), ShapeKind::Array(b)) | (ShapeKind::Map(a), ShapeKind::Map(b)) => {
            a.nullable == b.nullable && same_kind(&a.kind, &b.kind)
        }
        _ => a == b,
    }
}

/// A shape with its descriptions cleared, for telling a renamed item by its structure.
pub fn undocumented(shape: &Shape) -> Shape {
    let kind = match &shape.kind {
        ShapeKind::Array(item) => ShapeKind::Array(Box::new(undocumented(item))),
        ShapeKind::Map(value) => ShapeKind::Map(Box::new(undocumented(value))),
        other => other.clone(),
    };
    Shape {
        kind,
        nullable: shape.nullable,
        rules: shape.rules.clone(),
        doc: None,
    }
}

/// A type's definition with every description cleared, and the `@odata.type` it names
/// itself by, which a renamed schema changes with its name.
pub fn undocumented_kind(kind: &TypeKind) -> TypeKind {
    match kind {
        TypeKind::Struct(s) => {
            let mut s = s.clone();
            s.odata_type = None;
            for field in &mut s.fields {
                field.doc = None;
                field.shape = undocumented(&field.shape);
            }
            TypeKind::Struct(s)
        }
        TypeKind::Alias(shape) => TypeKind::Alias(undocumented(shape)),
        TypeKind::Union(u) => {
            let mut u = u.clone();
            for variant in &mut u.variants {
                variant.shape = undocumented(&variant.shape);
            }
            TypeKind::Union(u)
        }
        TypeKind::Enum(e) => TypeKind::Enum(e.clone()),
    }
}
