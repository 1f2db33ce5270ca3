//! Changes to the named types: added, removed, renamed, and within one type its fields, enum
//! values, union variants and rules.

use super::rules::{self, Direction};
use super::shapes::{self, undocumented};
use super::spelling::field_type;
use super::{pair_renamed, requiredness, Breaks, Change, Usage, Usages, NAMED, TYPE_CHANGED};
use crate::ir::{Enum, ExtraProperties, Field, Model, Struct, TypeDef, TypeKind, Union};

/// The type changes from `old` (with renamed types already under their new names) to `new`;
/// `renames` holds each renamed type as it was, with its new name.
pub fn compare(
    old: &Model,
    new: &Model,
    renames: &[(TypeDef, String)],
    usages: &Usages,
) -> Vec<Change> {
    let mut found = Vec::new();
    for def in &new.types {
        let usage = usages.of_type(&def.name);
        if let Some((before, _)) = renames.iter().find(|(_, to)| *to == def.name) {
            found.push(renamed_type(before, def));
        }
        match old.find(&def.name) {
            Some(before) => compare_type(before, def, usage, &mut found),
            None => found.push(Change::new(&def.name, on_wire(def), "type added")),
        }
    }
    for def in old.types.iter().filter(|def| new.find(&def.name).is_none()) {
        found.push(
            Change::new(&def.name, on_wire(def), "type removed").breaking(Breaks::RUST, NAMED),
        );
    }
    found
}

/// Where a type is in the spec, as a reader finds it: the component's key
/// (`microsoft.graph.entity`), a schema inside one by its properties (`light.color`,
/// `page.value[]`), or the pointer of one written inline in an operation.
fn on_wire(def: &TypeDef) -> String {
    let Some(rest) = def.origin.strip_prefix("#/components/schemas/") else {
        return def.origin.clone();
    };
    let mut segments = rest.split('/').map(crate::diagnostics::unescape_segment);
    let mut out = segments.next().unwrap_or_default();
    while let Some(segment) = segments.next() {
        match segment.as_str() {
            "properties" => {
                out.push('.');
                out.push_str(&segments.next().unwrap_or_default());
            }
            "items" => out.push_str("[]"),
            other => {
                out.push('/');
                out.push_str(other);
            }
        }
    }
    out
}

fn renamed_type(before: &TypeDef, after: &TypeDef) -> Change {
    let change = Change::new(
        &before.name,
        format!("{} -> {}", on_wire(before), on_wire(after)),
        format!("type renamed to {}", after.name),
    )
    .breaking(Breaks::RUST, NAMED);
    let odata = |def: &TypeDef| match &def.kind {
        TypeKind::Struct(s) => s.odata_type.clone(),
        _ => None,
    };
    if odata(before) == odata(after) {
        change
    } else {
        change.breaking(Breaks::WIRE, "values carry a different @odata.type")
    }
}

fn compare_type(old: &TypeDef, new: &TypeDef, usage: Usage, found: &mut Vec<Change>) {
    let wire = on_wire(new);
    let (rust, wire) = (new.name.as_str(), wire.as_str());
    match (&old.kind, &new.kind) {
        (TypeKind::Struct(a), TypeKind::Struct(b)) => {
            compare_struct(rust, wire, a, b, usage, found)
        }
        (TypeKind::Enum(a), TypeKind::Enum(b)) => compare_enum(rust, wire, a, b, usage, found),
        (TypeKind::Union(a), TypeKind::Union(b)) => compare_union(rust, wire, a, b, usage, found),
        (TypeKind::Alias(a), TypeKind::Alias(b)) => {
            found.extend(shapes::changes(rust, wire, a, b, usage));
            if a.nullable != b.nullable {
                found.push(nullable_change(rust, wire, b.nullable, true, usage));
            }
        }
        (a, b) => found.push(
            Change::new(rust, wire, format!("{} -> {}", kind_name(a), kind_name(b))).breaking(
                Breaks::EVERYTHING,
                "the type holds other values, in other Rust",
            ),
        ),
    }
}

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "struct",
        TypeKind::Enum(_) => "enum",
        TypeKind::Alias(_) => "type alias",
        TypeKind::Union(_) => "union",
    }
}

fn compare_struct(
    rust: &str,
    wire: &str,
    old: &Struct,
    new: &Struct,
    usage: Usage,
    found: &mut Vec<Change>,
) {
    let removed: Vec<&Field> = old
        .fields
        .iter()
        .filter(|f| !new.fields.iter().any(|g| g.wire_name == f.wire_name))
        .collect();
    let added: Vec<&Field> = new
        .fields
        .iter()
        .filter(|f| !old.fields.iter().any(|g| g.wire_name == f.wire_name))
        .collect();
    let renames = pair_renamed(&removed, &added, |f| {
        format!(
            "{:?}",
            (
                undocumented(&f.shape),
                f.required,
                f.read_only,
                f.write_only
            )
        )
    });
    for field in &new.fields {
        let at = format!("{rust}::{}", field.rust_name);
        let on_wire = format!("{wire}.{}", field.wire_name);
        if let Some(before) = old.fields.iter().find(|f| f.wire_name == field.wire_name) {
            compare_field(rust, wire, before, field, usage, found);
        } else if let Some((before, _)) =
            renames.iter().find(|(_, g)| g.wire_name == field.wire_name)
        {
            let change = Change::new(
                format!("{rust}::{}", before.rust_name),
                format!("{wire}.{}", before.wire_name),
                if before.rust_name == field.rust_name {
                    format!("property renamed to {}", field.wire_name)
                } else {
                    format!("property renamed to {} ({at})", field.wire_name)
                },
            );
            found.push(
                change
                    .breaking_if(before.rust_name != field.rust_name, Breaks::RUST, NAMED)
                    .breaking(Breaks::WIRE, "the value travels under another name"),
            );
        } else {
            let change = Change::new(at, on_wire, format!("field added: {}", field_type(field)))
                .breaking(
                    usage.builders(),
                    "struct literals that build it must set the new field",
                );
            let wire_break = usage.request && field.required && !field.read_only;
            found.push(change.breaking_if(
                wire_break,
                Breaks::WIRE,
                "requests without it are refused",
            ));
        }
    }
    for field in removed {
        if renames.iter().any(|(f, _)| f.wire_name == field.wire_name) {
            continue;
        }
        let mut change = Change::new(
            format!("{rust}::{}", field.rust_name),
            format!("{wire}.{}", field.wire_name),
            "field removed",
        )
        .breaking(Breaks::RUST, NAMED);
        if usage.response && field.required && !field.write_only {
            change = change.breaking(Breaks::WIRE, "older clients require it in responses");
        }
        if usage.request && new.extra == ExtraProperties::Reject {
            change = change.breaking(Breaks::WIRE, "requests that send it are refused");
        }
        found.push(change);
    }
    compare_extra(rust, wire, &old.extra, &new.extra, usage, found);
    if old.odata_type != new.odata_type {
        let shown = |value: &Option<String>| value.clone().unwrap_or_else(|| "none".into());
        found.push(
            Change::new(
                format!("{rust}::ODATA_TYPE"),
                format!("{wire} @odata.type"),
                format!("{} -> {}", shown(&old.odata_type), shown(&new.odata_type)),
            )
            .breaking(Breaks::WIRE, "values carry a different @odata.type"),
        );
    }
    let mut property_rules = Vec::new();
    rules::count_change(
        "minProperties",
        old.min_properties,
        new.min_properties,
        true,
        &mut property_rules,
    );
    rules::count_change(
        "maxProperties",
        old.max_properties,
        new.max_properties,
        false,
        &mut property_rules,
    );
    if old.required_sets != new.required_sets {
        property_rules.push(rules::RuleChange {
            what: "required alternatives (anyOf/oneOf of required) changed".into(),
            direction: Direction::Changed,
        });
    }
    for rule in property_rules {
        found.push(shapes::rule_change(
            rust,
            wire,
            &rule.what,
            rule.direction,
            usage,
        ));
    }
}

fn compare_extra(
    rust: &str,
    wire: &str,
    old: &ExtraProperties,
    new: &ExtraProperties,
    usage: Usage,
    found: &mut Vec<Change>,
) {
    let shown = |extra: &ExtraProperties| match extra {
        ExtraProperties::Ignore => "ignored".to_owned(),
        ExtraProperties::Reject => "refused".to_owned(),
        ExtraProperties::Keep(shape) => format!("kept as {}", super::spelling::value_type(shape)),
    };
    let what = format!("undeclared properties {} -> {}", shown(old), shown(new));
    let at = format!("{rust} (additional properties)");
    match (old, new) {
        (ExtraProperties::Keep(a), ExtraProperties::Keep(b)) => {
            found.extend(shapes::changes(&at, wire, a, b, usage));
        }
        (a, b) if a == b => {}
        (ExtraProperties::Keep(_), _) | (_, ExtraProperties::Keep(_)) => {
            let change = Change::new(rust, wire, what).breaking(
                Breaks::RUST,
                "the struct gains or loses the map that holds them",
            );
            found.push(change.breaking_if(
                usage.request && *new == ExtraProperties::Reject,
                Breaks::WIRE,
                "requests that send one are refused",
            ));
        }
        (_, ExtraProperties::Reject) if usage.request => found.push(
            Change::new(rust, wire, what)
                .breaking(Breaks::WIRE, "requests that send one are refused"),
        ),
        _ => found.push(Change::new(rust, wire, what)),
    }
}

fn compare_field(
    rust: &str,
    wire: &str,
    old: &Field,
    new: &Field,
    usage: Usage,
    found: &mut Vec<Change>,
) {
    let at = format!("{rust}::{}", old.rust_name);
    let on_wire = format!("{wire}.{}", new.wire_name);
    if old.rust_name != new.rust_name {
        found.push(
            Change::new(&at, &on_wire, format!("field renamed to {}", new.rust_name))
                .breaking(Breaks::RUST, NAMED),
        );
    }
    let at = format!("{rust}::{}", new.rust_name);
    if old.boxed != new.boxed {
        found.push(
            Change::new(
                &at,
                &on_wire,
                format!("type {} -> {}", field_type(old), field_type(new)),
            )
            .breaking(Breaks::RUST, "the value is held in a Box, or no longer"),
        );
    }
    found.extend(shapes::changes(
        &at, &on_wire, &old.shape, &new.shape, usage,
    ));
    // What required, nullable and read-only together do to the Rust type, told once, on the
    // first of them that changed: `id` both required and read-only stays `Option<String>`.
    let presence_only = Field {
        required: new.required,
        read_only: new.read_only,
        write_only: new.write_only,
        shape: crate::ir::Shape {
            nullable: new.shape.nullable,
            ..old.shape.clone()
        },
        ..old.clone()
    };
    let mut rust_note = (presence_only.presence() != old.presence())
        .then(|| format!(" ({} -> {})", field_type(old), field_type(&presence_only)));
    let mut with_rust_type = |mut change: Change| match rust_note.take() {
        Some(note) => {
            change.what.push_str(&note);
            change.breaking(Breaks::RUST, TYPE_CHANGED)
        }
        None => change,
    };
    if old.required != new.required {
        let change = with_rust_type(Change::new(&at, &on_wire, requiredness(new.required)))
            .breaking_if(
                new.required && usage.request && !new.read_only,
                Breaks::WIRE,
                "requests without it are refused",
            )
            .breaking_if(
                !new.required && usage.response && !new.write_only,
                Breaks::WIRE,
                "older clients require it in responses",
            );
        found.push(change);
    }
    if old.shape.nullable != new.shape.nullable {
        let change = nullable_change(&at, &on_wire, new.shape.nullable, false, usage);
        found.push(with_rust_type(change));
    }
    if old.read_only != new.read_only {
        let what = if new.read_only {
            "now read-only"
        } else {
            "no longer read-only"
        };
        let change = with_rust_type(Change::new(&at, &on_wire, what))
            .breaking_if(
                usage.request && new.read_only,
                Breaks::WIRE,
                "requests that send it are refused",
            )
            .breaking_if(
                usage.request && !new.read_only && new.required,
                Breaks::WIRE,
                "requests without it are refused",
            );
        found.push(change);
    }
    if old.write_only != new.write_only {
        let what = if new.write_only {
            "now write-only"
        } else {
            "no longer write-only"
        };
        let change = Change::new(&at, &on_wire, what);
        found.push(change.breaking_if(
            new.write_only && usage.response && new.required,
            Breaks::WIRE,
            "older clients require it in responses",
        ));
    }
}

/// `null` now taken, or no longer: who sends it must be told. `rust_option` when the change
/// alone adds or drops the `Option` around the type (a nullable alias).
fn nullable_change(
    rust: &str,
    wire: &str,
    nullable: bool,
    rust_option: bool,
    usage: Usage,
) -> Change {
    let what = if nullable {
        "now nullable"
    } else {
        "no longer nullable"
    };
    let mut change = Change::new(rust, wire, what);
    if rust_option {
        change = change.breaking(Breaks::RUST, TYPE_CHANGED);
    }
    if nullable && usage.response {
        change = change.breaking(Breaks::WIRE, "older clients refuse null in responses");
    }
    if !nullable && usage.request {
        change = change.breaking(Breaks::WIRE, "requests that send null are refused");
    }
    change
}

fn compare_enum(
    rust: &str,
    wire: &str,
    old: &Enum,
    new: &Enum,
    usage: Usage,
    found: &mut Vec<Change>,
) {
    for variant in &new.variants {
        let at = format!("{rust}::{}", variant.rust_name);
        let on_wire = format!("{wire}: \"{}\"", variant.wire_name);
        match old.variants.iter().find(|v| v.wire_name == variant.wire_name) {
            None => found.push(Change::new(at, on_wire, "value added").breaking(
                usage.readers(),
                "an exhaustive match must handle the new variant (older builds read it as the catch-all)",
            )),
            Some(before) if before.rust_name != variant.rust_name => found.push(
                Change::new(
                    format!("{rust}::{}", before.rust_name),
                    on_wire,
                    format!("variant renamed to {}", variant.rust_name),
                )
                .breaking(Breaks::RUST, NAMED),
            ),
            Some(_) => {}
        }
    }
    for variant in &old.variants {
        if new
            .variants
            .iter()
            .any(|v| v.wire_name == variant.wire_name)
        {
            continue;
        }
        let change = Change::new(
            format!("{rust}::{}", variant.rust_name),
            format!("{wire}: \"{}\"", variant.wire_name),
            "value removed",
        )
        .breaking(Breaks::RUST, NAMED);
        found.push(change.breaking_if(usage.request, Breaks::WIRE, "requests with it are refused"));
    }
    if old.other_variant != new.other_variant {
        found.push(
            Change::new(
                format!("{rust}::{}", old.other_variant),
                wire,
                format!("catch-all variant renamed to {}", new.other_variant),
            )
            .breaking(Breaks::RUST, NAMED),
        );
    }
}

fn compare_union(
    rust: &str,
    wire: &str,
    old: &Union,
    new: &Union,
    usage: Usage,
    found: &mut Vec<Change>,
) {
    if old.discriminator != new.discriminator {
        let shown = |d: &Option<String>| d.clone().unwrap_or_else(|| "none".into());
        found.push(
            Change::new(
                rust,
                wire,
                format!(
                    "discriminator {} -> {}",
                    shown(&old.discriminator),
                    shown(&new.discriminator)
                ),
            )
            .breaking(Breaks::WIRE, "values are told apart by another property"),
        );
    }
    if old.exactly_one != new.exactly_one {
        let what = if new.exactly_one {
            "anyOf -> oneOf"
        } else {
            "oneOf -> anyOf"
        };
        let direction = if new.exactly_one {
            Direction::Tightened
        } else {
            Direction::Loosened
        };
        found.push(shapes::rule_change(rust, wire, what, direction, usage));
    }
    let removed: Vec<_> = old
        .variants
        .iter()
        .filter(|v| !new.variants.iter().any(|w| w.name == v.name))
        .collect();
    let added: Vec<_> = new
        .variants
        .iter()
        .filter(|v| !old.variants.iter().any(|w| w.name == v.name))
        .collect();
    let renames = pair_renamed(&removed, &added, |v| {
        format!("{:?}", (undocumented(&v.shape), &v.tags))
    });
    for variant in &new.variants {
        let at = format!("{rust}::{}", variant.name);
        let on_wire = tagged(wire, &variant.tags);
        if let Some(before) = old.variants.iter().find(|v| v.name == variant.name) {
            found.extend(shapes::changes(
                &at,
                &on_wire,
                &before.shape,
                &variant.shape,
                usage,
            ));
            for tag in variant.tags.iter().filter(|t| !before.tags.contains(t)) {
                found.push(Change::new(
                    &at,
                    tagged(wire, std::slice::from_ref(tag)),
                    format!("discriminator value \"{tag}\" added"),
                ));
            }
            for tag in before.tags.iter().filter(|t| !variant.tags.contains(t)) {
                let change = Change::new(
                    &at,
                    tagged(wire, std::slice::from_ref(tag)),
                    format!("discriminator value \"{tag}\" removed"),
                );
                found.push(change.breaking_if(
                    usage.request,
                    Breaks::WIRE,
                    "requests with it are refused",
                ));
            }
        } else if let Some((before, _)) = renames.iter().find(|(_, v)| v.name == variant.name) {
            found.push(
                Change::new(
                    format!("{rust}::{}", before.name),
                    on_wire,
                    format!("variant renamed to {}", variant.name),
                )
                .breaking(Breaks::RUST, NAMED),
            );
        } else {
            found.push(Change::new(at, on_wire, "variant added").breaking(
                usage.readers(),
                "an exhaustive match must handle the new variant",
            ));
        }
    }
    for variant in removed {
        if renames.iter().any(|(v, _)| v.name == variant.name) {
            continue;
        }
        let change = Change::new(
            format!("{rust}::{}", variant.name),
            tagged(wire, &variant.tags),
            "variant removed",
        )
        .breaking(Breaks::RUST, NAMED);
        found.push(change.breaking_if(usage.request, Breaks::WIRE, "requests with it are refused"));
    }
}

/// A union's wire name with the discriminator values of one variant.
fn tagged(wire: &str, tags: &[String]) -> String {
    if tags.is_empty() {
        wire.to_owned()
    } else {
        let quoted: Vec<String> = tags.iter().map(|t| format!("\"{t}\"")).collect();
        format!("{wire}: {}", quoted.join(", "))
    }
}
