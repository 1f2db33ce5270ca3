//! Area features: one Cargo feature per area of operations (first path segment, or first tag),
//! each compiling its operations and the types they reach. A discriminated union's variants are
//! not followed: a subtype is compiled when its own area is on, and otherwise decodes into the
//! union's catch-all, so that Graph's `entity` does not put every type in every area.

use crate::ir::{Body, ExtraProperties, Features, Model, Operation, Shape, ShapeKind, TypeKind};
use crate::lower::names::operation_group;
use crate::select::AreaFeatures;
use std::collections::{BTreeMap, BTreeSet};

/// The feature of the types no area reaches.
const OTHER_TYPES: &str = "other-types";

/// Features the crate has whatever the spec: an area of one of these names gets `-area`.
const TAKEN: &[&str] = &["default", "server", "client", "tracing", OTHER_TYPES];

/// Cuts the operations into areas, makes each operation's group its area (so each area's code
/// is a part of its own), and records which features compile which types.
pub fn assign(model: &mut Model, by: AreaFeatures) {
    // Every operation on one route goes with the first: the router mounts a route whole.
    let mut route_area: BTreeMap<String, String> = BTreeMap::new();
    for op in &mut model.operations {
        let own = match by {
            AreaFeatures::Path => operation_group(None, &op.path),
            AreaFeatures::Tag => op.group.clone(),
        };
        op.group = route_area.entry(op.route.clone()).or_insert(own).clone();
    }
    let mut areas: BTreeMap<String, String> = BTreeMap::new();
    let mut taken: BTreeSet<String> = TAKEN.iter().map(|t| (*t).to_owned()).collect();
    for op in &model.operations {
        if !areas.contains_key(&op.group) {
            let feature = unique(feature_name(&op.group), &mut taken);
            areas.insert(op.group.clone(), feature);
        }
    }
    let walk = Walk::new(model);
    let mut reached: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (group, feature) in &areas {
        let roots = model
            .operations
            .iter()
            .filter(|op| op.group == *group)
            .flat_map(operation_shapes);
        for name in walk.reachable(roots, Vec::new()) {
            reached.entry(name).or_default().insert(feature.clone());
        }
    }
    let unreached: Vec<&str> = model
        .types
        .iter()
        .map(|def| def.name.as_str())
        .filter(|name| !reached.contains_key(name))
        .collect();
    let other = (!unreached.is_empty()).then(|| OTHER_TYPES.to_owned());
    if let Some(other) = &other {
        for name in walk.reachable(std::iter::empty(), unreached) {
            reached.entry(name).or_default().insert(other.clone());
        }
    }
    let mut all: Vec<String> = areas.values().cloned().chain(other.clone()).collect();
    all.sort();
    let types = reached
        .into_iter()
        .filter(|(_, features)| features.len() < all.len())
        .map(|(name, features)| (name.to_owned(), features.into_iter().collect()))
        .collect();
    model.features = Some(Features {
        all,
        areas,
        types,
        other,
    });
}

/// A group's stem as a feature name: `device_management` -> `device-management`.
fn feature_name(stem: &str) -> String {
    let name = stem.trim_matches('_').replace('_', "-");
    if name.is_empty() {
        "root".to_owned()
    } else {
        name
    }
}

/// `name`, or with `-area` (and a number) when a feature has it already.
fn unique(name: String, taken: &mut BTreeSet<String>) -> String {
    let mut candidate = name.clone();
    let mut number = 1;
    while taken.contains(&candidate) {
        candidate = if number == 1 {
            format!("{name}-area")
        } else {
            format!("{name}-area-{number}")
        };
        number += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

/// The shapes an operation's code names: parameters, body and success responses.
fn operation_shapes(op: &Operation) -> impl Iterator<Item = &Shape> {
    op.params
        .iter()
        .map(|p| &p.shape)
        .chain(op.body.iter().filter_map(Body::shape))
        .chain(op.body.iter().flat_map(Body::part_shapes))
        .chain(op.successes.iter().filter_map(|r| r.body.shape()))
}

/// The walk from what code names to the types whose code it needs.
struct Walk<'m> {
    model: &'m Model,
    /// A PATCH type's base -> the PATCH type.
    patch_of_base: BTreeMap<&'m str, &'m str>,
}

impl<'m> Walk<'m> {
    fn new(model: &'m Model) -> Self {
        let patch_of_base = model
            .types
            .iter()
            .filter_map(|def| match &def.kind {
                TypeKind::Struct(s) => Some((s.patch_of.as_deref()?, def.name.as_str())),
                _ => None,
            })
            .collect();
        Walk {
            model,
            patch_of_base,
        }
    }

    /// The types whose code the code of these shapes and types names: through fields, extra
    /// members, alias targets, the variants of a union without a discriminator, and between a
    /// PATCH type and its base (which share member checks and fast-path mirrors). Not through
    /// a discriminated union's variants.
    fn reachable(
        &self,
        shapes: impl IntoIterator<Item = &'m Shape>,
        mut named: Vec<&'m str>,
    ) -> BTreeSet<&'m str> {
        let mut found: BTreeSet<&str> = BTreeSet::new();
        let mut pending: Vec<&Shape> = shapes.into_iter().collect();
        loop {
            while let Some(shape) = pending.pop() {
                match &shape.kind {
                    ShapeKind::Array(item) | ShapeKind::Map(item) => pending.push(item),
                    ShapeKind::Named(name) => named.push(name),
                    _ => {}
                }
            }
            let Some(name) = named.pop() else {
                return found;
            };
            let Some(def) = self.model.find(name) else {
                continue;
            };
            if !found.insert(&def.name) {
                continue;
            }
            if let Some(patch) = self.patch_of_base.get(def.name.as_str()) {
                named.push(patch);
            }
            match &def.kind {
                TypeKind::Struct(s) => {
                    pending.extend(s.fields.iter().map(|f| &f.shape));
                    if let ExtraProperties::Keep(shape) = &s.extra {
                        pending.push(shape);
                    }
                    if let Some(base) = &s.patch_of {
                        named.push(base);
                    }
                }
                TypeKind::Alias(inner) => pending.push(inner),
                TypeKind::Union(u) if u.discriminator.is_none() => {
                    pending.extend(u.variants.iter().map(|v| &v.shape));
                }
                TypeKind::Union(_) | TypeKind::Enum(_) => {}
            }
        }
    }
}
