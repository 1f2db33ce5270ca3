//! `multipart/form-data` request bodies: an object schema whose properties are the parts,
//! files (`type: string, format: binary`) kept apart from values read from their text.

use super::names::{self, Scope};
use super::schema::unbox;
use super::view::View;
use super::Lowerer;
use crate::diagnostics::escape_segment;
use crate::ir::{Multipart, PartField, PartKind};
use heck::ToUpperCamelCase;
use openapiv3::{ReferenceOr, SchemaKind, Type};

impl Lowerer<'_> {
    /// The parts of a multipart body; `at` points at its schema.
    pub(super) fn multipart(
        &mut self,
        content: &openapiv3::MediaType,
        at: &str,
        type_name: &str,
    ) -> Option<Multipart> {
        let Some(schema) = &content.schema else {
            let media = at.strip_suffix("/schema").unwrap_or(at);
            self.error(media, "the multipart body has no schema");
            return None;
        };
        let (object_at, object) = match schema {
            ReferenceOr::Item(schema) => (at.to_owned(), schema.clone()),
            ReferenceOr::Reference { reference } => {
                let key = self.resolve_ref(reference, at)?;
                let pointer = Self::component_pointer(&key);
                match &self.schemas[&key] {
                    ReferenceOr::Item(schema) => (pointer, schema.clone()),
                    ReferenceOr::Reference { .. } => {
                        self.error(
                            &pointer,
                            "a multipart body must be an object with properties",
                        );
                        return None;
                    }
                }
            }
        };
        // `properties` without `type: object` is an object here too, as for a JSON body.
        let view = View::of(&object);
        let properties = match view.properties {
            Some(properties) if view.is_object_like() && !properties.is_empty() => properties,
            _ => {
                self.error(
                    &object_at,
                    "a multipart body must be an object with properties",
                );
                return None;
            }
        };
        let type_name = self.type_scope.claim(&format!("{type_name}Body"));
        let mut scope = Scope::new();
        let mut fields = Vec::new();
        for (wire, property) in properties {
            let property_at = format!("{object_at}/properties/{}", escape_segment(wire));
            let resolved = self.resolved_schema(property).cloned();
            let mut nullable = false;
            let kind = match resolved.as_ref().map(|schema| &schema.schema_kind) {
                Some(kind) if is_binary(kind) => PartKind::File,
                Some(SchemaKind::Type(Type::Array(array)))
                    if array.items.as_ref().is_some_and(|items| {
                        self.resolved_schema(items)
                            .is_some_and(|item| is_binary(&item.schema_kind))
                    }) =>
                {
                    PartKind::Files
                }
                _ => {
                    let hint = format!(
                        "{type_name}{}",
                        names::field_name(wire).to_upper_camel_case()
                    );
                    let mut shape = self.shape(&unbox(property), &property_at, &hint)?;
                    // A part is sent or not; its value is never null in Rust.
                    nullable = shape.nullable;
                    shape.nullable = false;
                    PartKind::Value(Box::new(shape))
                }
            };
            fields.push(PartField {
                wire_name: wire.clone(),
                rust_name: scope.claim(&names::field_name(wire)),
                required: view.required.contains(wire),
                doc: resolved.and_then(|schema| schema.schema_data.description),
                kind,
                nullable,
            });
        }
        Some(Multipart {
            type_name,
            fields,
            closed: super::form::forbids_extra(view.additional),
        })
    }
}

/// `type: string, format: binary`: bytes as sent.
fn is_binary(kind: &SchemaKind) -> bool {
    matches!(
        kind,
        SchemaKind::Type(Type::String(string))
            if string.format == openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary)
    )
}
