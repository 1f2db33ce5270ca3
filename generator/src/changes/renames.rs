//! Renamed types: a type gone from the old spec and one new in the other with the same
//! structure are one type under a new name. The old model is rewritten to the new names, so
//! that every field, parameter and response that refers to it compares equal and the rename is
//! reported once, where the type is.

use super::pair_renamed;
use super::shapes::undocumented_kind;
use crate::ir::{
    BodyContent, ExtraProperties, Model, PartKind, Shape, ShapeKind, TypeDef, TypeKind,
};
use std::collections::BTreeMap;

/// The old model with renamed types under their new names, and each renamed type as it was
/// with its new name.
pub fn apply(old: &Model, new: &Model) -> (Model, Vec<(TypeDef, String)>) {
    let mut model = old.clone();
    let mut renames = Vec::new();
    // A type that refers to another renamed type matches only once that one is rewritten.
    loop {
        let removed: Vec<&TypeDef> = model
            .types
            .iter()
            .filter(|def| new.find(&def.name).is_none())
            .collect();
        let added: Vec<&TypeDef> = new
            .types
            .iter()
            .filter(|def| model.find(&def.name).is_none())
            .collect();
        let found: Vec<(TypeDef, String)> = pair_renamed(&removed, &added, |def| {
            format!("{:?}", undocumented_kind(&def.kind))
        })
        .into_iter()
        .map(|(before, after)| (before.clone(), after.name.clone()))
        .collect();
        if found.is_empty() {
            return (model, renames);
        }
        let names: BTreeMap<String, String> = found
            .iter()
            .map(|(before, to)| (before.name.clone(), to.clone()))
            .collect();
        rename(&mut model, &names);
        renames.extend(found);
    }
}

/// Gives each type in `names` its new name, wherever it is named, in one walk of the model.
fn rename(model: &mut Model, names: &BTreeMap<String, String>) {
    for (from, to) in names {
        if let Some(index) = model.type_index.remove(from) {
            model.types[index].name = to.clone();
            model.type_index.insert(to.clone(), index);
        }
    }
    let mut rewrite = |shape: &mut Shape| {
        if let ShapeKind::Named(name) = &mut shape.kind {
            if let Some(to) = names.get(name) {
                *name = to.clone();
            }
        }
    };
    for def in &mut model.types {
        match &mut def.kind {
            TypeKind::Struct(s) => {
                for field in &mut s.fields {
                    walk(&mut field.shape, &mut rewrite);
                }
                if let ExtraProperties::Keep(shape) = &mut s.extra {
                    walk(shape, &mut rewrite);
                }
                if let Some(to) = s.patch_of.as_ref().and_then(|of| names.get(of)) {
                    s.patch_of = Some(to.clone());
                }
            }
            TypeKind::Alias(shape) => walk(shape, &mut rewrite),
            TypeKind::Union(u) => {
                for variant in &mut u.variants {
                    walk(&mut variant.shape, &mut rewrite);
                }
            }
            TypeKind::Enum(_) => {}
        }
    }
    for op in &mut model.operations {
        for param in &mut op.params {
            walk(&mut param.shape, &mut rewrite);
        }
        if let Some(body) = &mut op.body {
            match &mut body.content {
                BodyContent::Json(shape)
                | BodyContent::Form(shape)
                | BodyContent::JsonOrFields { shape, .. }
                | BodyContent::Text(shape) => walk(shape, &mut rewrite),
                BodyContent::Multipart(parts) => {
                    for field in &mut parts.fields {
                        if let PartKind::Value(shape) = &mut field.kind {
                            walk(shape, &mut rewrite);
                        }
                    }
                }
                BodyContent::Binary(_) => {}
            }
        }
        for response in &mut op.successes {
            if let crate::ir::ResponseBody::Json(shape) | crate::ir::ResponseBody::Text(shape) =
                &mut response.body
            {
                walk(shape, &mut rewrite);
            }
        }
    }
}

/// Calls `visit` on `shape` and every shape inside it.
fn walk(shape: &mut Shape, visit: &mut dyn FnMut(&mut Shape)) {
    visit(shape);
    if let ShapeKind::Array(inner) | ShapeKind::Map(inner) = &mut shape.kind {
        walk(inner, visit);
    }
}
