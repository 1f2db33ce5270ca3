//! The types a PATCH body is read as. A PATCH sends only what changes, so a struct body becomes
//! its derived `…Patch` type: every property optional, nullable ones `Option<Option<T>>` so that
//! absent, `null` and a value stay three different things, and read-only and unknown properties
//! still refused. A polymorphic base becomes a union of its subtypes' patch types, still picked
//! by the discriminator.

use super::Lowerer;
use crate::ir::{Shape, ShapeKind, TypeDef, TypeKind};

impl Lowerer<'_> {
    /// Points `shape` at the patch type of the type it names, deriving that type on first use.
    pub(super) fn use_patch_type(&mut self, shape: &mut Shape) {
        if let ShapeKind::Named(name) = &shape.kind {
            if let Some(patch) = self.patch_type(&name.clone(), &mut Vec::new()) {
                shape.kind = ShapeKind::Named(patch);
            }
        }
    }

    /// The patch type of `name`, or `None` when the type itself already requires nothing.
    /// `deriving` holds the unions being derived, so a mapping that loops ends.
    fn patch_type(&mut self, name: &str, deriving: &mut Vec<String>) -> Option<String> {
        if let Some(patch) = self.patch_types.get(name) {
            return Some(patch.clone());
        }
        if deriving.iter().any(|d| d == name) {
            return None;
        }
        let def = self.lowered(name)?.clone();
        let (kind, doc) = match def.kind {
            TypeKind::Struct(mut patch) => {
                if patch.fields.iter().all(|f| !f.required || f.read_only) {
                    return None;
                }
                for field in &mut patch.fields {
                    field.required = false;
                }
                patch.required_sets.clear();
                patch.patch_of = Some(name.to_owned());
                let doc = format!(
                    "The changes a PATCH makes to a `{}`: a property left out stays as it is; for a nullable one, `Some(None)` sends `null` and clears it.",
                    def.schema_name
                );
                (TypeKind::Struct(patch), doc)
            }
            TypeKind::Union(mut patch) if patch.discriminator.is_some() => {
                deriving.push(name.to_owned());
                let mut changed = false;
                for variant in &mut patch.variants {
                    if let ShapeKind::Named(variant_type) = &variant.shape.kind {
                        if let Some(variant_patch) =
                            self.patch_type(&variant_type.clone(), deriving)
                        {
                            variant.shape.kind = ShapeKind::Named(variant_patch);
                            changed = true;
                        }
                    }
                }
                deriving.pop();
                if !changed {
                    return None;
                }
                let doc = format!(
                    "The changes a PATCH makes to a `{}`, in the form of the subtype the discriminator names: a property left out stays as it is.",
                    def.schema_name
                );
                (TypeKind::Union(patch), doc)
            }
            _ => return None,
        };
        let patch_name = self.type_scope.claim(&format!("{name}Patch"));
        self.patch_types.insert(name.to_owned(), patch_name.clone());
        let slot = self.reserve_slot();
        let def = TypeDef {
            name: patch_name.clone(),
            origin: def.origin,
            schema_name: def.schema_name,
            doc: Some(doc),
            kind,
        };
        self.define(slot, def);
        Some(patch_name)
    }
}
