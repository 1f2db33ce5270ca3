//! openapiv3 -> IR: names assigned once, `$ref`s resolved, `allOf` flattened, every rule read
//! into the shape it constrains. Problems are collected with their JSON Pointers, never thrown
//! one at a time.

mod base_path;
mod content;
mod form;
mod multipart;
pub(crate) mod names;
mod operation;
mod patch;
pub(crate) mod path_items;
mod pattern;
pub(crate) mod route;
mod scalar_all_of;
mod schema;
mod security;
mod view;

use names::Scope;

use crate::diagnostics::{escape_segment, Diagnostics};
use crate::ir::{Model, Shape, ShapeKind, TypeDef, TypeKind};
use indexmap::IndexMap;
use openapiv3::{OpenAPI, ReferenceOr, Schema};
use std::borrow::Cow;
use std::collections::HashMap;

const SCHEMA_PREFIX: &str = "#/components/schemas/";

/// Lowering state: the document, the names handed out so far, and what was found wrong.
pub struct Lowerer<'a> {
    document: &'a OpenAPI,
    /// The component schemas, borrowed from the document (a copy would double the memory a
    /// large spec needs while it is lowered).
    schemas: Cow<'a, IndexMap<String, ReferenceOr<Schema>>>,
    /// Component schema key -> Rust type name.
    component_names: IndexMap<String, String>,
    type_scope: Scope,
    /// Pointer of each inline schema already lifted out -> its type name.
    lifted: IndexMap<String, String>,
    /// Struct name -> the name of its derived PATCH type.
    patch_types: IndexMap<String, String>,
    /// Component schema key -> the `@odata.type` value a discriminator mapping selects it by,
    /// which is then the value the struct itself expects.
    mapped_odata_types: HashMap<String, String>,
    /// Each distinct pattern compiled so far -> the source to run and whether it needs the
    /// backtracking engine, or why neither engine compiles it. Specs repeat patterns, and
    /// compiling one costs more than lowering the schema around it.
    compiled_patterns: HashMap<String, Result<(String, bool), String>>,
    types: Vec<Option<TypeDef>>,
    /// Type name -> its slot in `types`, so that looking a type up does not scan them all
    /// (lowering Graph looks types up once per parameter).
    type_slots: HashMap<String, usize>,
    /// Rust name -> component key, the reverse of `component_names`.
    component_keys: HashMap<String, String>,
    /// Component pointer -> where the spec writes it, for the schemas loading moved into
    /// `#/components` (see `inline_refs`).
    written_at: &'a [(String, String)],
    diagnostics: &'a mut Diagnostics,
}

/// Lowers a whole document, its path items given apart (see `path_items`). Returns `None` when
/// any problem was recorded.
pub fn lower(
    document: &OpenAPI,
    paths: serde_json::Map<String, serde_json::Value>,
    written_at: &[(String, String)],
    diagnostics: &mut Diagnostics,
) -> Option<Model> {
    let schemas = match &document.components {
        Some(components) => Cow::Borrowed(&components.schemas),
        None => Cow::Owned(IndexMap::new()),
    };
    let mapped_odata_types = schema::mapped_odata_types(&schemas);
    let mut lowerer = Lowerer {
        document,
        mapped_odata_types,
        schemas,
        component_names: IndexMap::new(),
        type_scope: Scope::new(),
        lifted: IndexMap::new(),
        patch_types: IndexMap::new(),
        compiled_patterns: HashMap::new(),
        types: Vec::new(),
        type_slots: HashMap::new(),
        component_keys: HashMap::new(),
        written_at,
        diagnostics,
    };
    // The runtime's and the standard prelude's names: a component's name steers clear of them
    // by itself (`names::type_name`), but an operation's `RawParams` (Geodesystems has an
    // operation `search_project_gps_raw`) or a lifted inline type must be kept off them too.
    for name in names::RESERVED_TYPES {
        lowerer.type_scope.reserve(name);
    }
    lowerer.name_components();
    let keys: Vec<String> = lowerer.schemas.keys().cloned().collect();
    for key in keys {
        lowerer.lower_component(&key);
    }
    lowerer.check_alias_cycles();
    lowerer.box_recursive_fields();
    let mut operations = lowerer.lower_operations(path_items::PathItems::new(paths));
    let base_path = base_path::base_path(document);
    let Lowerer {
        document,
        types,
        diagnostics,
        ..
    } = lowerer;
    if !diagnostics.is_empty() {
        return None;
    }
    let mut types: Vec<TypeDef> = types.into_iter().flatten().collect();
    // The model is held while every file is emitted, under the output as it grows: the room
    // its lists grew into (a struct's 10 fields in room for 16) was a third of it.
    for def in &mut types {
        match &mut def.kind {
            TypeKind::Struct(s) => s.fields.shrink_to_fit(),
            TypeKind::Union(u) => u.variants.shrink_to_fit(),
            TypeKind::Enum(e) => e.variants.shrink_to_fit(),
            _ => {}
        }
    }
    types.shrink_to_fit();
    for operation in &mut operations {
        operation.params.shrink_to_fit();
        operation.successes.shrink_to_fit();
    }
    operations.shrink_to_fit();
    let type_index = types
        .iter()
        .enumerate()
        .map(|(index, def)| (def.name.clone(), index))
        .collect();
    Some(Model {
        title: document.info.title.clone(),
        description: document.info.description.clone(),
        types,
        operations,
        base_path,
        type_index,
        features: None,
    })
}

impl<'a> Lowerer<'a> {
    /// The type lowered so far under this Rust name.
    fn lowered(&self, name: &str) -> Option<&TypeDef> {
        self.types[*self.type_slots.get(name)?].as_ref()
    }

    /// Puts a lowered type in its slot.
    fn define(&mut self, slot: usize, def: TypeDef) {
        self.type_slots.entry(def.name.clone()).or_insert(slot);
        self.types[slot] = Some(def);
    }

    /// Gives every component schema its Rust name before any is lowered, so references can be
    /// named in any order. Short names (`MainError`) are used unless two schemas share one; those
    /// fall back to their full dotted names, and what still collides gets a numeric suffix, in
    /// spec order.
    fn name_components(&mut self) {
        let mut short_counts: IndexMap<String, usize> = IndexMap::new();
        for key in self.schemas.keys() {
            *short_counts.entry(names::type_name(key)).or_default() += 1;
        }
        for key in self.schemas.keys() {
            let short = names::type_name(key);
            let wanted = if short_counts[&short] > 1 {
                names::qualified_type_name(key)
            } else {
                short
            };
            let name = self.type_scope.claim(&wanted);
            self.component_keys.insert(name.clone(), key.clone());
            self.component_names.insert(key.clone(), name);
        }
    }

    fn error(&mut self, pointer: &str, message: impl Into<String>) {
        self.diagnostics.push(pointer, message);
    }

    /// The component key a local `$ref` names, or a recorded error.
    fn resolve_ref(&mut self, reference: &str, pointer: &str) -> Option<String> {
        let Some(key) = component_key(reference) else {
            self.error(
                pointer,
                format!("$ref '{reference}' is not supported: only local references to #/components/schemas/... are"),
            );
            return None;
        };
        if self.schemas.contains_key(&key) {
            Some(key)
        } else {
            self.error(
                pointer,
                format!("$ref '{reference}' does not resolve: there is no schema '{key}' under #/components/schemas"),
            );
            None
        }
    }

    /// A schema that is not an object but contains itself (`a: {allOf: [$ref: b]}` with
    /// `b: {allOf: [$ref: a]}`, or `a: {type: array, items: {$ref: a}}`) has no Rust type alias;
    /// only an object in the cycle gives it a struct to hang on.
    fn check_alias_cycles(&mut self) {
        let aliases: IndexMap<String, (Shape, String)> = self
            .types
            .iter()
            .flatten()
            .filter_map(|def| match &def.kind {
                TypeKind::Alias(shape) => {
                    Some((def.name.clone(), (shape.clone(), def.origin.clone())))
                }
                _ => None,
            })
            .collect();
        for (start, (shape, origin)) in &aliases {
            let mut seen = std::collections::BTreeSet::new();
            let mut stack = vec![shape];
            let mut cyclic = false;
            while let Some(shape) = stack.pop() {
                match &shape.kind {
                    ShapeKind::Array(item) | ShapeKind::Map(item) => stack.push(item),
                    ShapeKind::Named(name) if name == start => cyclic = true,
                    ShapeKind::Named(name) => {
                        if let Some((inner, _)) =
                            aliases.get(name).filter(|_| seen.insert(name.clone()))
                        {
                            stack.push(inner);
                        }
                    }
                    _ => {}
                }
            }
            if cyclic {
                let pointer = origin.trim_start_matches('#').to_owned();
                self.error(
                    &pointer,
                    format!("'{start}' contains itself with no object schema in the cycle; recursive schemas are supported through objects"),
                );
            }
        }
    }

    /// Marks the fields through which a struct contains itself (directly or through other
    /// structs, not through arrays or maps, which are already indirect) to be boxed.
    fn box_recursive_fields(&mut self) {
        let by_name: std::collections::HashMap<&str, &TypeKind> = self
            .types
            .iter()
            .flatten()
            .map(|d| (d.name.as_str(), &d.kind))
            .collect();
        let contained = |types: &[Option<TypeDef>], shape: &Shape| -> Option<String> {
            let mut shape = shape;
            // Bounded: an alias cycle is reported elsewhere and must not hang this walk.
            for _ in 0..=types.len() {
                let ShapeKind::Named(name) = &shape.kind else {
                    return None;
                };
                match by_name.get(name.as_str()).copied() {
                    Some(TypeKind::Alias(inner)) => shape = inner,
                    Some(TypeKind::Struct(_) | TypeKind::Union(_)) => return Some(name.clone()),
                    _ => return None,
                }
            }
            None
        };
        let mut edges: IndexMap<String, Vec<String>> = IndexMap::new();
        // A union holds its variants' values inline too, so a cycle may pass through one
        // (`Expression.value` is a oneOf whose one alternative is `Expression`); it is broken at
        // the struct field that closes it.
        for def in self.types.iter().flatten() {
            let shapes: Vec<&Shape> = match &def.kind {
                TypeKind::Struct(s) => s.fields.iter().map(|f| &f.shape).collect(),
                TypeKind::Union(u) => u.variants.iter().map(|v| &v.shape).collect(),
                _ => continue,
            };
            let targets = shapes
                .into_iter()
                .filter_map(|shape| contained(&self.types, shape))
                .collect();
            edges.insert(def.name.clone(), targets);
        }
        let reaches = |from: &str, to: &str| {
            let mut seen = std::collections::BTreeSet::new();
            let mut stack = vec![from.to_owned()];
            while let Some(current) = stack.pop() {
                if current == to {
                    return true;
                }
                if seen.insert(current.clone()) {
                    stack.extend(edges.get(&current).into_iter().flatten().cloned());
                }
            }
            false
        };
        let mut boxed = Vec::new();
        for (index, def) in self.types.iter().enumerate() {
            let Some(TypeDef {
                name,
                kind: TypeKind::Struct(s),
                ..
            }) = def
            else {
                continue;
            };
            for (field, f) in s.fields.iter().enumerate() {
                if contained(&self.types, &f.shape).is_some_and(|target| reaches(&target, name)) {
                    boxed.push((index, field));
                }
            }
        }
        for (index, field) in boxed {
            if let Some(TypeDef {
                kind: TypeKind::Struct(s),
                ..
            }) = &mut self.types[index]
            {
                s.fields[field].boxed = true;
            }
        }
    }

    fn component_pointer(key: &str) -> String {
        format!("/components/schemas/{}", escape_segment(key))
    }
}

/// The component key a local `$ref` names (`#/components/schemas/a~1b` -> `a/b`), whether or
/// not the component exists.
fn component_key(reference: &str) -> Option<String> {
    let key = reference.strip_prefix(SCHEMA_PREFIX)?;
    Some(crate::diagnostics::unescape_segment(key))
}
