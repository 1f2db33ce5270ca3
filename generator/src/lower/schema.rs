//! Schemas to named types and shapes: objects (with `allOf` flattened), enums, scalars with
//! their rules, arrays, maps, and the inline schemas lifted out as named types.

use super::form::{annotates_only, forbids_extra, form_of, required_sets_of, Form};
use super::names::{self, Scope};
use super::scalar_all_of::ScalarAllOf;
use super::view::View;
use super::Lowerer;
use crate::diagnostics::escape_segment;
use crate::ir::{
    Bound, Enum, ExtraProperties, Field, FloatFormat, IntFormat, Pattern, RuleSet, Rules, Shape,
    ShapeKind, StringFormat, Struct, TypeDef, TypeKind, Union, UnionVariant, Variant,
};
use heck::ToUpperCamelCase;
use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema};
use std::borrow::Borrow;
use std::collections::{BTreeSet, HashMap};

/// The catch-all variant every enum gets for values added to the spec after generation.
const OTHER_VARIANT: &str = "Unrecognized";

impl Lowerer<'_> {
    pub(super) fn lower_component(&mut self, key: &str) {
        let pointer = Self::component_pointer(key);
        let name = self.component_names[key].clone();
        let slot = self.reserve_slot();
        let entry = self.schemas[key].clone();
        let kind = match &entry {
            ReferenceOr::Reference { reference } => self
                .reference_shape(reference, &pointer, false)
                .map(TypeKind::Alias),
            ReferenceOr::Item(schema) => self.named_kind(&name, &pointer, schema, Some(key)),
        };
        let doc = match &entry {
            ReferenceOr::Item(schema) => schema.schema_data.description.clone(),
            ReferenceOr::Reference { .. } => None,
        };
        let written_at = self
            .written_at
            .iter()
            .find(|(now, _)| *now == pointer)
            .map_or(pointer.as_str(), |(_, was)| was.as_str());
        if let Some(kind) = kind {
            let def = TypeDef {
                name,
                origin: format!("#{written_at}"),
                schema_name: key.to_owned(),
                doc,
                kind,
            };
            self.define(slot, def);
        }
    }

    pub(super) fn reserve_slot(&mut self) -> usize {
        self.types.push(None);
        self.types.len() - 1
    }

    /// The Rust name of the component a pointer lies inside.
    fn declaring_type(&self, pointer: &str) -> Option<String> {
        let key = pointer
            .strip_prefix("/components/schemas/")?
            .split('/')
            .next()?;
        let key = crate::diagnostics::unescape_segment(key);
        self.component_names.get(&key).cloned()
    }

    /// Lifts an inline schema out as a named type and returns its name. The same inline schema
    /// reached twice (an inherited property) is lifted once.
    fn lift(&mut self, hint: &str, pointer: &str, schema: &Schema) -> Option<String> {
        if let Some(name) = self.lifted.get(pointer) {
            return Some(name.clone());
        }
        let name = self.type_scope.claim(hint);
        self.lifted.insert(pointer.to_owned(), name.clone());
        let slot = self.reserve_slot();
        let kind = self.named_kind(&name, pointer, schema, None)?;
        let def = TypeDef {
            name: name.clone(),
            origin: format!("#{pointer}"),
            schema_name: name.clone(),
            doc: schema.schema_data.description.clone(),
            kind,
        };
        self.define(slot, def);
        Some(name)
    }

    fn named_kind(
        &mut self,
        name: &str,
        pointer: &str,
        schema: &Schema,
        component_key: Option<&str>,
    ) -> Option<TypeKind> {
        let view = View::of(schema);
        let form = self.form(&view, pointer)?;
        match form {
            Form::AllOf => match self.scalar_all_of(schema, pointer) {
                ScalarAllOf::Merged(merged) => {
                    return self.named_kind(name, pointer, &merged, component_key)
                }
                ScalarAllOf::Refused => return None,
                ScalarAllOf::NotScalar => {}
            },
            Form::Enum => return self.lower_enum(pointer, &view).map(TypeKind::Enum),
            Form::Union(combinator) => {
                let alternatives = combinator.alternatives(&view);
                return self
                    .lower_union(name, pointer, schema, combinator.keyword(), alternatives)
                    .map(TypeKind::Union);
            }
            _ => {}
        }
        if let (Some(key), Some(discriminator)) = (component_key, own_discriminator(schema, &view))
        {
            if let Some(union) = self.lower_polymorphic(key, pointer, discriminator) {
                return Some(TypeKind::Union(union));
            }
        }
        if matches!(form, Form::Object | Form::AllOf)
            || (component_key.is_some() && self.extends_a_base(&view))
        {
            return self
                .lower_struct(name, pointer, schema, component_key)
                .map(TypeKind::Struct);
        }
        self.inline_shape(schema, pointer, name)
            .map(TypeKind::Alias)
    }

    /// What a schema becomes ([`form_of`]); a schema the generator does not take is reported.
    fn form(&mut self, view: &View<'_>, pointer: &str) -> Option<Form> {
        form_of(view)
            .map_err(|refusal| self.error(pointer, refusal))
            .ok()
    }

    /// `oneOf` / `anyOf`: one variant per alternative, selected by the discriminator when the
    /// schema has one, else by trying each in order.
    fn lower_union(
        &mut self,
        name: &str,
        pointer: &str,
        schema: &Schema,
        keyword: &str,
        alternatives: &[ReferenceOr<Schema>],
    ) -> Option<Union> {
        let discriminator = schema.schema_data.discriminator.as_ref();
        let mut scope = Scope::new();
        if discriminator.is_some() {
            // A discriminated union keeps unknown types in this catch-all variant.
            scope.reserve(OTHER_VARIANT);
        }
        let mut variants = Vec::new();
        for (index, alternative) in alternatives.iter().enumerate() {
            let at = format!("{pointer}/{keyword}/{index}");
            let Some(shape) = self.shape(alternative, &at, &format!("{name}Variant{}", index + 1))
            else {
                continue;
            };
            let wanted = match &shape.kind {
                ShapeKind::Named(named) => named.clone(),
                ShapeKind::String(_) => "String".into(),
                ShapeKind::Integer(_) => "Integer".into(),
                ShapeKind::Float(_) => "Number".into(),
                ShapeKind::Boolean => "Boolean".into(),
                ShapeKind::Array(_) => "Array".into(),
                ShapeKind::Map(_) | ShapeKind::AnyObject => "Object".into(),
                ShapeKind::Any => "Value".into(),
                ShapeKind::Nothing => "Nothing".into(),
            };
            let tags = match (discriminator, &shape.kind) {
                (None, _) => Vec::new(),
                (Some(d), ShapeKind::Named(named)) => {
                    let key = self.component_key_of(named).unwrap_or_default();
                    self.tags_for(&d.mapping, &key, &d.property_name)
                }
                (Some(_), _) => {
                    self.error(&at, "with a discriminator, every alternative must be a $ref to an object schema");
                    continue;
                }
            };
            variants.push(UnionVariant {
                name: scope.claim(&wanted),
                shape,
                tags,
            });
        }
        if variants.len() != alternatives.len() {
            return None;
        }
        Some(Union {
            variants,
            discriminator: discriminator.map(|d| d.property_name.clone()),
            exactly_one: keyword == "oneOf",
        })
    }

    /// Graph's polymorphism: an object base with a discriminator (`@odata.type`) stands for any
    /// of its subtypes, named in the mapping or found as the schemas that extend it with
    /// `allOf`. Without subtypes it stays a plain struct.
    fn lower_polymorphic(
        &mut self,
        key: &str,
        pointer: &str,
        discriminator: &openapiv3::Discriminator,
    ) -> Option<Union> {
        let mut subtypes: Vec<String> = Vec::new();
        for (tag, target) in &discriminator.mapping {
            let target_key = target.strip_prefix(super::SCHEMA_PREFIX).unwrap_or(target);
            if !self.schemas.contains_key(target_key) {
                self.error(
                    &format!("{pointer}/discriminator/mapping/{}", escape_segment(tag)),
                    format!("the mapping names '{target}', which is not a schema under #/components/schemas"),
                );
                return None;
            }
            if !subtypes.iter().any(|s| s == target_key) {
                subtypes.push(target_key.to_owned());
            }
        }
        let reference = format!("{}{}", super::SCHEMA_PREFIX, escape_segment(key));
        for (other, candidate) in self.schemas.iter() {
            if let ReferenceOr::Item(candidate) = candidate {
                let extends = View::of(candidate).all_of.iter().any(
                    |part| matches!(part, ReferenceOr::Reference { reference: r } if *r == reference),
                );
                if extends && !subtypes.contains(other) {
                    subtypes.push(other.clone());
                }
            }
        }
        // A selection that left every subtype out keeps the base a union: its catch-all
        // variant holds the values of the subtypes it does not know, as they were sent.
        let left_out = discriminator
            .extensions
            .contains_key(crate::select::LEFT_OUT);
        if subtypes.is_empty() && !left_out {
            return None;
        }
        if subtypes.iter().any(|s| s == key) {
            self.error(
                &format!("{pointer}/discriminator"),
                "a discriminator mapping that selects the base schema itself is not supported yet",
            );
            return None;
        }
        let mut scope = Scope::new();
        scope.reserve(OTHER_VARIANT);
        let variants = subtypes
            .iter()
            .map(|subtype| {
                let name = self.component_names[subtype].clone();
                UnionVariant {
                    name: scope.claim(&name),
                    shape: Shape {
                        kind: ShapeKind::Named(name),
                        nullable: false,
                        rules: Rules::default(),
                        doc: None,
                    },
                    tags: self.tags_for(
                        &discriminator.mapping,
                        subtype,
                        &discriminator.property_name,
                    ),
                }
            })
            .collect();
        Some(Union {
            variants,
            discriminator: Some(discriminator.property_name.clone()),
            exactly_one: true,
        })
    }

    /// The discriminator values that name a schema: its mapping keys, else the value its
    /// `x-ms-discriminator-value` gives (Azure's specs name their subtypes so, 81 of them in
    /// the directory), else its name (Graph writes `@odata.type` values as `#` and the name).
    fn tags_for(
        &self,
        mapping: &indexmap::IndexMap<String, String>,
        key: &str,
        property: &str,
    ) -> Vec<String> {
        let reference = format!("{}{}", super::SCHEMA_PREFIX, escape_segment(key));
        let tags: Vec<String> = mapping
            .iter()
            .filter(|(_, target)| **target == reference || *target == key)
            .map(|(tag, _)| tag.clone())
            .collect();
        if !tags.is_empty() {
            return tags;
        }
        let declared = match self.schemas.get(key) {
            Some(ReferenceOr::Item(schema)) => schema
                .schema_data
                .extensions
                .get("x-ms-discriminator-value")
                .and_then(serde_json::Value::as_str),
            _ => None,
        };
        if let Some(value) = declared {
            return vec![value.to_owned()];
        }
        if property == "@odata.type" {
            vec![format!("#{key}")]
        } else {
            vec![key.to_owned()]
        }
    }

    fn component_key_of(&self, rust_name: &str) -> Option<String> {
        self.component_names
            .iter()
            .find(|(_, name)| *name == rust_name)
            .map(|(key, _)| key.clone())
    }

    fn lower_enum(&mut self, pointer: &str, view: &View<'_>) -> Option<Enum> {
        let mut scope = Scope::new();
        let mut variants = Vec::new();
        let mut seen = BTreeSet::new();
        for (index, value) in view.enumeration.iter().enumerate() {
            match value {
                serde_json::Value::String(wire) => {
                    // JSON Schema asks for unique values but means nothing else by a repeat.
                    if !seen.insert(wire.clone()) {
                        continue;
                    }
                    variants.push(Variant {
                        wire_name: wire.clone(),
                        rust_name: scope.claim(&names::variant_name(wire)),
                    });
                }
                serde_json::Value::Null => {}
                // Most are YAML reading an unquoted value, whose text cannot always be told
                // from the number: `16:9` (YAML 1.1's base 60) and `969` both read as 969.
                other @ (serde_json::Value::Number(_) | serde_json::Value::Bool(_)) => self.error(
                    &format!("{pointer}/enum/{index}"),
                    format!("enum value {other} is not a string, but the schema is `type: string`; quote it in the spec as the text the API uses (YAML reads unquoted `1` as a number, and YAML 1.1 `16:9` as 969, `4_3` as 43, `no` as false)"),
                ),
                other => self.error(
                    &format!("{pointer}/enum/{index}"),
                    format!("enum value {other} is not a string, but the schema is `type: string`"),
                ),
            }
        }
        Some(Enum {
            variants,
            other_variant: scope.claim(OTHER_VARIANT),
        })
    }

    /// Collects the object parts of a schema: itself and, through `allOf`, every schema it
    /// extends, base first. `visiting` guards against `allOf` cycles.
    fn object_parts(
        &mut self,
        schema: &Schema,
        pointer: &str,
        visiting: &mut Vec<String>,
        parts: &mut Vec<(String, Schema)>,
    ) {
        let view = View::of(schema);
        for (index, part) in view.all_of.iter().enumerate() {
            let part_pointer = format!("{pointer}/allOf/{index}");
            match part {
                ReferenceOr::Reference { reference } => {
                    let Some(key) = self.resolve_ref(reference, &part_pointer) else {
                        continue;
                    };
                    if visiting.contains(&key) {
                        self.error(
                            &part_pointer,
                            format!("allOf cycle: '{key}' extends itself"),
                        );
                        continue;
                    }
                    match self.schemas.get(&key).cloned() {
                        Some(ReferenceOr::Item(base))
                            if View::of(&base).typ.is_some_and(|t| t != "object") =>
                        {
                            let typ = View::of(&base).typ.unwrap_or_default();
                            self.error(
                                &part_pointer,
                                format!("allOf part '{key}' has `type: {typ}`; only object schemas can be combined, or one schema with parts that only annotate it"),
                            );
                        }
                        Some(ReferenceOr::Item(base)) => {
                            visiting.push(key.clone());
                            self.object_parts(&base, &Self::component_pointer(&key), visiting, parts);
                            visiting.pop();
                        }
                        _ => self.error(
                            &part_pointer,
                            format!("allOf part '{key}' is itself only a $ref; point at the object schema"),
                        ),
                    }
                }
                ReferenceOr::Item(inline) => {
                    self.object_parts(inline, &part_pointer, visiting, parts)
                }
            }
        }
        let sets = required_sets_of(&view);
        if sets.is_none() {
            self.error(
                pointer,
                "oneOf/anyOf inside an object or allOf is not supported yet, unless each alternative only lists `required` properties",
            );
        }
        if let Some(typ) = view.typ.filter(|t| *t != "object") {
            self.error(
                pointer,
                format!("allOf part has `type: {typ}`; only object schemas can be combined, or one schema with parts that only annotate it"),
            );
        }
        // A part that only lists `required` (`allOf: [$ref: base, {required: [name]}]`), or
        // sets of them, adds to the object too.
        let lists_only = view.typ.is_none()
            && (!view.required.is_empty() || sets.is_some_and(|sets| !sets.is_empty()));
        if view.is_object_like() || lists_only {
            parts.push((pointer.to_owned(), schema.clone()));
        }
    }

    fn lower_struct(
        &mut self,
        name: &str,
        pointer: &str,
        schema: &Schema,
        component_key: Option<&str>,
    ) -> Option<Struct> {
        let mut parts = Vec::new();
        let mut visiting: Vec<String> = component_key.map(str::to_owned).into_iter().collect();
        self.object_parts(schema, pointer, &mut visiting, &mut parts);

        // Later parts override earlier ones property by property, keeping first-seen order.
        let mut properties: Vec<(String, String, ReferenceOr<Box<Schema>>)> = Vec::new();
        let mut required = BTreeSet::new();
        let mut extra = ExtraProperties::Ignore;
        let mut extra_source: Option<(String, ReferenceOr<Schema>)> = None;
        let mut min_properties = None;
        let mut max_properties = None;
        let mut required_sets = Vec::new();
        for (part_pointer, part) in &parts {
            let view = View::of(part);
            required_sets.extend(required_sets_of(&view).unwrap_or_default());
            if let Some(props) = view.properties {
                for (wire, prop) in props {
                    let prop_pointer =
                        format!("{part_pointer}/properties/{}", escape_segment(wire));
                    match properties.iter_mut().find(|(w, _, _)| w == wire) {
                        Some(existing) => *existing = (wire.clone(), prop_pointer, prop.clone()),
                        None => properties.push((wire.clone(), prop_pointer, prop.clone())),
                    }
                }
            }
            required.extend(view.required.iter().cloned());
            match view.additional {
                additional if forbids_extra(additional) => {
                    extra = ExtraProperties::Reject;
                }
                Some(AdditionalProperties::Schema(extra_schema))
                    if extra != ExtraProperties::Reject =>
                {
                    extra_source = Some((
                        format!("{part_pointer}/additionalProperties"),
                        extra_schema.as_ref().clone(),
                    ));
                }
                _ => {}
            }
            min_properties = view.min_properties.or(min_properties);
            max_properties = view.max_properties.or(max_properties);
        }
        if extra != ExtraProperties::Reject {
            if let Some((extra_pointer, extra_schema)) = extra_source {
                let hint = format!("{name}Extra");
                extra = ExtraProperties::Keep(Box::new(self.shape(
                    &extra_schema,
                    &extra_pointer,
                    &hint,
                )?));
            }
        }
        // A required name no part describes must be present with any value; with extra
        // properties forbidden it cannot be, which the spec should hear of.
        for wire in &required {
            if properties.iter().any(|(w, _, _)| w == wire) {
                continue;
            }
            if extra == ExtraProperties::Reject {
                self.error(
                    pointer,
                    format!("'{wire}' is listed in `required` but is not a property, and `additionalProperties: false` forbids any other"),
                );
                continue;
            }
            let undescribed = Schema {
                schema_data: openapiv3::SchemaData {
                    description: Some(
                        "Any JSON value: the schema requires this property without describing it."
                            .into(),
                    ),
                    ..Default::default()
                },
                schema_kind: openapiv3::SchemaKind::Any(Default::default()),
            };
            properties.push((
                wire.clone(),
                format!("{pointer}/required"),
                ReferenceOr::Item(Box::new(undescribed)),
            ));
        }

        let mut scope = Scope::new();
        if matches!(extra, ExtraProperties::Keep(_)) {
            scope.reserve("additional_properties");
        }
        let mut fields = Vec::new();
        let mut odata_type = None;
        for (wire, prop_pointer, prop) in &properties {
            // Inline types are named after the schema that declares the property, so an
            // inherited property's enum is one type, not one per subtype.
            let owner = self
                .declaring_type(prop_pointer)
                .unwrap_or_else(|| name.to_owned());
            let hint = format!(
                "{owner}{}",
                names::field_name(wire)
                    .trim_start_matches("r#")
                    .to_upper_camel_case()
            );
            // OpenAPI 3.0 ignores a `$ref`'s siblings, so a property that refers to a schema
            // marked `readOnly` or `writeOnly` (Apideck's `Id`) is so by that schema.
            let (read_only, write_only) =
                self.resolved_schema(prop).map_or((false, false), |schema| {
                    (schema.schema_data.read_only, schema.schema_data.write_only)
                });
            let prop = unbox(prop);
            let Some(shape) = self.shape(&prop, prop_pointer, &hint) else {
                continue;
            };
            let data = match &prop {
                ReferenceOr::Item(schema) => Some(&schema.schema_data),
                ReferenceOr::Reference { .. } => None,
            };
            // Graph's `@odata.type` is a plain string, which must carry the type's own name.
            // Declared otherwise (an enum, a reference, nullable), it gets the checks of what
            // it is declared as.
            let plain_string =
                shape.kind == ShapeKind::String(StringFormat::Plain) && !shape.nullable;
            if wire == "@odata.type" && plain_string {
                odata_type = data
                    .and_then(|d| d.default.as_ref())
                    .and_then(|d| d.as_str().map(str::to_owned))
                    .or_else(|| {
                        component_key.and_then(|key| self.mapped_odata_types.get(key).cloned())
                    })
                    .or_else(|| component_key.map(|key| format!("#{key}")));
            }
            fields.push(Field {
                wire_name: wire.clone(),
                rust_name: scope.claim(&names::field_name(wire)),
                doc: data
                    .and_then(|d| d.description.clone())
                    .or_else(|| shape.doc.clone()),
                shape,
                required: required.contains(wire),
                read_only,
                write_only,
                boxed: false,
            });
        }
        Some(Struct {
            fields,
            extra,
            odata_type,
            min_properties,
            max_properties,
            patch_of: None,
            required_sets,
        })
    }

    /// The schema a property, an `allOf` part or another position is, through one `$ref` to a
    /// component.
    pub(super) fn resolved_schema<'s, S: Borrow<Schema>>(
        &'s self,
        schema: &'s ReferenceOr<S>,
    ) -> Option<&'s Schema> {
        match schema {
            ReferenceOr::Item(schema) => Some(schema.borrow()),
            ReferenceOr::Reference { reference } => {
                match self.schemas.get(&super::component_key(reference)?)? {
                    ReferenceOr::Item(schema) => Some(schema),
                    ReferenceOr::Reference { .. } => None,
                }
            }
        }
    }

    /// The shape of a property, item or other schema position; inline objects and enums are
    /// lifted out as types named `hint`.
    pub(super) fn shape(
        &mut self,
        schema: &ReferenceOr<Schema>,
        pointer: &str,
        hint: &str,
    ) -> Option<Shape> {
        match schema {
            ReferenceOr::Reference { reference } => self.reference_shape(reference, pointer, false),
            ReferenceOr::Item(schema) => self.inline_shape(schema, pointer, hint),
        }
    }

    pub(super) fn reference_shape(
        &mut self,
        reference: &str,
        pointer: &str,
        nullable: bool,
    ) -> Option<Shape> {
        let key = self.resolve_ref(reference, pointer)?;
        let nullable = nullable || self.admits_null_everywhere(&key);
        Some(Shape {
            kind: ShapeKind::Named(self.component_names[&key].clone()),
            nullable,
            rules: Rules::default(),
            doc: None,
        })
    }

    fn inline_shape(&mut self, schema: &Schema, pointer: &str, hint: &str) -> Option<Shape> {
        let data = &schema.schema_data;
        let view = View::of(schema);
        let nullable = data.nullable;
        let shaped = |kind: ShapeKind, rules: Rules| Shape {
            kind,
            nullable,
            rules,
            doc: data.description.clone(),
        };
        match self.form(&view, pointer)? {
            Form::Nothing => return Some(shaped(ShapeKind::Nothing, Rules::default())),
            Form::NullableOf(combinator, index) => {
                // The value's own problem is recorded; lifting the alternatives instead would
                // name a type after the value that failed.
                let at = format!("{pointer}/{}/{index}", combinator.keyword());
                let mut inner = self.shape(&combinator.alternatives(&view)[index], &at, hint)?;
                inner.nullable = true;
                inner.doc = data.description.clone().or(inner.doc);
                return Some(inner);
            }
            Form::Union(_) | Form::Enum | Form::Object => {
                let name = self.lift(hint, pointer, schema)?;
                return Some(shaped(ShapeKind::Named(name), Rules::default()));
            }
            Form::Wrapped(index) => {
                let at = format!("{pointer}/allOf/{index}");
                let mut inner = self.shape(&view.all_of[index], &at, hint)?;
                let annotations = view.all_of.iter().filter_map(|part| match part {
                    ReferenceOr::Item(part) if annotates_only(part) => Some(&part.schema_data),
                    _ => None,
                });
                let mut doc = data.description.clone();
                for annotation in annotations {
                    inner.nullable |= annotation.nullable;
                    doc = doc.or_else(|| annotation.description.clone());
                }
                inner.nullable |= nullable;
                inner.doc = doc.or(inner.doc);
                return Some(inner);
            }
            Form::AllOf => {
                match self.scalar_all_of(schema, pointer) {
                    ScalarAllOf::Merged(merged) => {
                        return self.inline_shape(&merged, pointer, hint)
                    }
                    ScalarAllOf::Refused => return None,
                    ScalarAllOf::NotScalar => {}
                }
                let name = self.lift(hint, pointer, schema)?;
                return Some(shaped(ShapeKind::Named(name), Rules::default()));
            }
            Form::Plain => {}
        }
        let mut rules = RuleSet {
            minimum: view.minimum.map(|value| Bound {
                value,
                exclusive: view.exclusive_minimum,
            }),
            maximum: view.maximum.map(|value| Bound {
                value,
                exclusive: view.exclusive_maximum,
            }),
            multiple_of: view.multiple_of,
            min_length: view.min_length,
            max_length: view.max_length,
            pattern: None,
            min_items: view.min_items,
            max_items: view.max_items,
            unique_items: view.unique_items,
            allowed: Vec::new(),
        };
        if let Some(pattern) = view.pattern {
            let source = super::pattern::from_ecma(pattern);
            let compiled = self
                .compiled_patterns
                .entry(source.clone())
                .or_insert_with(|| super::pattern::compile(&source))
                .clone();
            match compiled {
                Ok((source, backtracking)) => {
                    rules.pattern = Some(Pattern {
                        spec: pattern.to_owned(),
                        source,
                        backtracking,
                    })
                }
                Err(error) => {
                    self.error(
                        &format!("{pointer}/pattern"),
                        format!("pattern does not compile: {error}"),
                    );
                    return None;
                }
            }
        }
        if rules
            .multiple_of
            .is_some_and(|m| m.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater))
        {
            self.error(
                &format!("{pointer}/multipleOf"),
                "multipleOf must be greater than 0",
            );
            return None;
        }
        let format = view.format.as_deref();
        let kind = match view.typ {
            Some("string") => ShapeKind::String(match format {
                Some("date-time") => StringFormat::DateTime,
                Some("date") => StringFormat::Date,
                Some("uuid") => StringFormat::Uuid,
                Some("byte") => StringFormat::Byte,
                _ => StringFormat::Plain,
            }),
            Some("integer") | Some("number") => {
                let integer = match (view.typ, format.and_then(IntFormat::from_format)) {
                    (_, Some(int)) => Some(int),
                    (Some("integer"), None) => Some(IntFormat::Int64),
                    _ => None,
                };
                rules.allowed = view.enumeration.clone();
                match integer {
                    Some(int) => {
                        let (low, high) = int.range();
                        rules.minimum = rules
                            .minimum
                            .filter(|b| b.exclusive || b.value > low as f64);
                        rules.maximum = rules
                            .maximum
                            .filter(|b| b.exclusive || b.value < high as f64);
                        ShapeKind::Integer(int)
                    }
                    None if format == Some("float") => ShapeKind::Float(FloatFormat::Float),
                    None => ShapeKind::Float(FloatFormat::Double),
                }
            }
            Some("boolean") => {
                rules.allowed = view.enumeration.clone();
                ShapeKind::Boolean
            }
            Some("array") => {
                let item = match view.items {
                    Some(items) => self.shape(
                        &unbox(items),
                        &format!("{pointer}/items"),
                        &format!("{hint}Item"),
                    )?,
                    None => Shape {
                        kind: ShapeKind::Any,
                        nullable: true,
                        rules: Rules::default(),
                        doc: None,
                    },
                };
                ShapeKind::Array(Box::new(item))
            }
            _ if view.is_object_like() => match view.additional {
                Some(AdditionalProperties::Schema(value)) => {
                    let value = self.shape(
                        value,
                        &format!("{pointer}/additionalProperties"),
                        &format!("{hint}Value"),
                    )?;
                    ShapeKind::Map(Box::new(value))
                }
                _ => ShapeKind::AnyObject,
            },
            None => ShapeKind::Any,
            Some(other) => {
                self.error(
                    &format!("{pointer}/type"),
                    format!("unknown type '{other}'"),
                );
                return None;
            }
        };
        Some(shaped(kind, rules.into()))
    }
}

pub(super) fn unbox(schema: &ReferenceOr<Box<Schema>>) -> ReferenceOr<Schema> {
    match schema {
        ReferenceOr::Reference { reference } => ReferenceOr::Reference {
            reference: reference.clone(),
        },
        ReferenceOr::Item(schema) => ReferenceOr::Item(schema.as_ref().clone()),
    }
}

impl Lowerer<'_> {
    /// Whether a schema extends, through `allOf`, a component that declares a discriminator:
    /// it is then one of that base's subtypes, a struct of the base's properties and its own,
    /// even when it adds none (an alias of the base would be the base's union, which holds it).
    fn extends_a_base(&self, view: &View<'_>) -> bool {
        view.all_of.iter().any(|part| {
            let ReferenceOr::Reference { reference } = part else {
                return false;
            };
            let base = super::component_key(reference).and_then(|key| self.schemas.get(&key));
            matches!(base, Some(ReferenceOr::Item(base)) if own_discriminator(base, &View::of(base)).is_some())
        })
    }

    /// Whether every reference to a component admits `null` because the component says
    /// `nullable: true` and becomes an enum or a struct, types that cannot hold `null`
    /// themselves. (An alias carries its nullability in its own type, `Option<T>`.)
    fn admits_null_everywhere(&self, key: &str) -> bool {
        let Some(ReferenceOr::Item(schema)) = self.schemas.get(key) else {
            return false;
        };
        if !schema.schema_data.nullable || self.combined_scalars(schema).is_some() {
            return false;
        }
        let view = View::of(schema);
        let unions = !view.one_of.is_empty() || !view.any_of.is_empty();
        match form_of(&view) {
            Ok(Form::Enum) => true,
            _ if unions => false,
            Ok(Form::Object | Form::AllOf) => true,
            _ => self.extends_a_base(&view),
        }
    }
}

/// For each schema some `@odata.type` discriminator mapping selects, the first value that
/// selects it.
pub(super) fn mapped_odata_types(
    schemas: &IndexMap<String, ReferenceOr<Schema>>,
) -> HashMap<String, String> {
    let mut mapped = HashMap::new();
    for schema in schemas.values() {
        let ReferenceOr::Item(schema) = schema else {
            continue;
        };
        let Some(discriminator) = own_discriminator(schema, &View::of(schema)) else {
            continue;
        };
        if discriminator.property_name != "@odata.type" {
            continue;
        }
        for (tag, target) in &discriminator.mapping {
            let key = target.strip_prefix(super::SCHEMA_PREFIX).unwrap_or(target);
            mapped.entry(key.to_owned()).or_insert_with(|| tag.clone());
        }
    }
    mapped
}

/// The discriminator a schema declares: on the schema itself, or, as Graph's converter writes
/// it for a type that extends another, on the inline object of its own `allOf`.
fn own_discriminator<'s>(
    schema: &'s Schema,
    view: &View<'s>,
) -> Option<&'s openapiv3::Discriminator> {
    schema.schema_data.discriminator.as_ref().or_else(|| {
        view.all_of.iter().find_map(|part| match part {
            ReferenceOr::Item(part) => part.schema_data.discriminator.as_ref(),
            ReferenceOr::Reference { .. } => None,
        })
    })
}
