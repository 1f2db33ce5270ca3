//! The fast path of request validation. For a struct whose rules serde can enforce, the body is
//! deserialized straight into a mirror struct (strict: unknown keys refused, `null` kept apart
//! from absent, date-times kept as their original text), the remaining rules are checked on the
//! typed values, and the mirror is converted into the model. Any failure falls back to the
//! complete check on a `serde_json::Value`, which reports every violation, so the fast path
//! changes speed, never answers.

use super::Emitter;
use crate::emit::types::{null_is_an_option, spelled, spelled_nullable, Spelling};
use crate::emit::{ident, serde_field_attr};
use crate::ir::{
    ExtraProperties, Field, FloatFormat, IntFormat, Presence, Shape, ShapeKind, StringFormat,
    Struct, TypeDef, TypeKind,
};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeSet;

/// How a field is held in the mirror struct.
enum Slot<'a> {
    /// `readOnly`: any presence is a violation.
    ReadOnly,
    /// `@odata.type` with the value it must carry.
    ODataType(&'a str),
    Required,
    /// Optional and not nullable, of a type that refuses `null`: `Option<T>`, read with
    /// `support::present`, so that `null` fails the mirror (and the full check reports it).
    Optional,
    /// Present or null are told apart from absent: `Option<Option<T>>`.
    Tracked(Presence),
}

impl Emitter<'_> {
    /// The structs whose every rule can be checked on a mirror: no boxed fields, no unions,
    /// `uniqueItems` only on scalars, and every struct they contain eligible too. Decided as a
    /// fixpoint over all structs at once, so the cost stays linear in the spec. In a spec with
    /// operations, a type no request carries (a response, an error) gets no mirror: nothing
    /// validates it on a hot path. Without operations, any type may be the one a user
    /// validates, so every eligible one gets its mirror.
    pub(super) fn fast_set(&self) -> BTreeSet<String> {
        let carried = (!self.model.operations.is_empty()).then(|| self.model.request_types());
        let mut candidates: Vec<(String, Vec<String>)> = Vec::new();
        for def in &self.model.types {
            let TypeKind::Struct(s) = &def.kind else {
                continue;
            };
            // A mirror cannot count the members it ignores, so a struct with `minProperties` or
            // `maxProperties` that tolerates undeclared ones always takes the complete check.
            let counted = s.min_properties.is_some() || s.max_properties.is_some();
            if counted && matches!(s.extra, ExtraProperties::Ignore) {
                continue;
            }
            // Sets of required properties are rare on request bodies; the complete check has
            // them.
            if !s.required_sets.is_empty() {
                continue;
            }
            if carried
                .as_ref()
                .is_some_and(|carried| !carried.contains(&def.name))
            {
                continue;
            }
            let mut contains = Vec::new();
            let extra_ok = match &s.extra {
                ExtraProperties::Keep(shape) => self.locally_eligible(shape, &mut contains),
                _ => true,
            };
            let fields_ok = s
                .fields
                .iter()
                .all(|f| !f.boxed && self.locally_eligible(&f.shape, &mut contains));
            if extra_ok && fields_ok {
                candidates.push((def.name.clone(), contains));
            }
        }
        let mut eligible: BTreeSet<String> =
            candidates.iter().map(|(name, _)| name.clone()).collect();
        loop {
            let before = eligible.len();
            let still: BTreeSet<String> = candidates
                .iter()
                .filter(|(name, contains)| {
                    eligible.contains(name) && contains.iter().all(|c| eligible.contains(c))
                })
                .map(|(name, _)| name.clone())
                .collect();
            eligible = still;
            if eligible.len() == before {
                return eligible;
            }
        }
    }

    /// Whether a shape can be checked on a mirror, apart from the structs it contains, which
    /// are added to `contains`.
    fn locally_eligible(&self, shape: &Shape, contains: &mut Vec<String>) -> bool {
        let unique_ok = !shape.rules.unique_items
            || matches!(&shape.kind, ShapeKind::Array(item) if self.is_scalar(item));
        unique_ok
            && match &shape.kind {
                ShapeKind::Named(name) => match self.model.find(name).map(|d| &d.kind) {
                    Some(TypeKind::Struct(_)) => {
                        contains.push(name.clone());
                        true
                    }
                    Some(TypeKind::Enum(_)) => true,
                    // A nullable alias is `Option<T>` in the model, inside the field's own
                    // `Option`; the mirror does not nest them, so such a struct keeps to the
                    // complete check.
                    Some(TypeKind::Alias(inner)) => {
                        !inner.nullable && self.locally_eligible(inner, contains)
                    }
                    Some(TypeKind::Union(_)) | None => false,
                },
                ShapeKind::Array(item) | ShapeKind::Map(item) => {
                    self.locally_eligible(item, contains)
                }
                _ => true,
            }
    }

    /// Values `uniqueItems` can compare on the mirror: strings, numbers, booleans and enums.
    fn is_scalar(&self, shape: &Shape) -> bool {
        match &shape.kind {
            ShapeKind::String(_)
            | ShapeKind::Integer(_)
            | ShapeKind::Float(_)
            | ShapeKind::Boolean => true,
            ShapeKind::Named(name) => match self.model.find(name).map(|d| &d.kind) {
                Some(TypeKind::Enum(_)) => true,
                Some(TypeKind::Alias(inner)) => self.is_scalar(inner),
                _ => false,
            },
            _ => false,
        }
    }

    fn slot<'s>(&self, s: &'s Struct, field: &Field) -> Slot<'s> {
        if field.read_only {
            return Slot::ReadOnly;
        }
        if let (Some(odata), "@odata.type") = (&s.odata_type, field.wire_name.as_str()) {
            return Slot::ODataType(odata);
        }
        match field.presence() {
            Presence::Required => Slot::Required,
            Presence::Optional if self.refuses_null(&field.shape) => Slot::Optional,
            other => Slot::Tracked(other),
        }
    }

    /// Whether the shape's mirror type fails to deserialize from `null`.
    fn refuses_null(&self, shape: &Shape) -> bool {
        match &shape.kind {
            ShapeKind::String(_)
            | ShapeKind::Integer(_)
            | ShapeKind::Float(_)
            | ShapeKind::Boolean
            | ShapeKind::Array(_)
            | ShapeKind::Map(_)
            | ShapeKind::Nothing => true,
            ShapeKind::Named(name) => match self.model.find(name).map(|d| &d.kind) {
                Some(TypeKind::Struct(_) | TypeKind::Enum(_)) => true,
                Some(TypeKind::Alias(inner)) => !inner.nullable && self.refuses_null(inner),
                _ => false,
            },
            ShapeKind::AnyObject | ShapeKind::Any => false,
        }
    }

    /// The mirror struct, and its `Mirror` impl: the rule check and the conversion.
    pub(super) fn fast_items(&mut self, def: &TypeDef, s: &Struct) -> (TokenStream, TokenStream) {
        if let Some(items) = self.whole_patch_mirror(def, s) {
            return items;
        }
        let name = ident(&def.name);
        let deny = matches!(s.extra, ExtraProperties::Reject)
            .then(|| quote!(#[serde(deny_unknown_fields)]));
        let fields = s.fields.iter().map(|field| {
            let field_name = ident(&field.rust_name);
            let wire = &field.wire_name;
            let ty = self.mirror_type(&field.shape);
            let present = quote!(deserialize_with = "crate::runtime::support::present");
            let present_or_null =
                quote!(deserialize_with = "crate::runtime::support::present_or_null");
            let (ty, parts) = match self.slot(s, field) {
                Slot::ReadOnly => (
                    quote!(Option<Option<serde::de::IgnoredAny>>),
                    vec![quote!(default), present_or_null],
                ),
                Slot::Required => (ty, vec![]),
                Slot::Optional => (quote!(Option<#ty>), vec![quote!(default), present]),
                Slot::ODataType(_) | Slot::Tracked(_) => (
                    quote!(Option<Option<#ty>>),
                    vec![quote!(default), present_or_null],
                ),
            };
            let serde = serde_field_attr(wire, &field.rust_name, &parts);
            quote! {
                #serde
                pub(crate) #field_name: #ty,
            }
        });
        let extra_shape = extras_map(s);
        let extra_field = extra_shape.as_ref().map(|map| {
            let ty = self.mirror_type(map);
            quote! {
                #[serde(flatten)]
                pub(crate) additional_properties: #ty,
            }
        });
        // Read through `object_only`, since the derive alone would also take an array.
        let mirror = quote! {
            #[derive(serde::Deserialize)]
            #[serde(remote = "Self")]
            #deny
            pub(crate) struct #name {
                #(#fields)*
                #extra_field
            }
            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    crate::runtime::validation::object_only(deserializer)
                }
            }
            impl crate::runtime::validation::MirrorFields for #name {
                fn from_fields<'de, D: serde::Deserializer<'de>>(fields: D) -> Result<Self, D::Error> {
                    Self::deserialize(fields)
                }
            }
        };

        let mut uses_report = false;
        let holds: Vec<TokenStream> = s
            .fields
            .iter()
            .map(|field| self.field_holds(def, s, field, &mut uses_report))
            .collect();
        let mut holds = holds;
        if let Some(map) = &extra_shape {
            let rules = self.holds_rules(map, &format!("{}Extra", def.name), &mut uses_report);
            if !rules.is_empty() {
                holds.push(quote! {
                    let value = &self.additional_properties;
                    #rules
                });
            }
        }
        if s.min_properties.is_some() || s.max_properties.is_some() {
            // Undeclared members fail the mirror or sit in its map, so each member is counted.
            let mut required = 0;
            let mut terms: Vec<TokenStream> = Vec::new();
            for field in &s.fields {
                if matches!(self.slot(s, field), Slot::Required) {
                    required += 1;
                } else {
                    let name = ident(&field.rust_name);
                    terms.push(quote!(usize::from(self.#name.is_some())));
                }
            }
            if extra_shape.is_some() {
                terms.push(quote!(self.additional_properties.0.len()));
            }
            if required > 0 || terms.is_empty() {
                let required = proc_macro2::Literal::usize_unsuffixed(required);
                terms.insert(0, quote!(#required));
            }
            let count = quote!(#(#terms)+*);
            let (min, max) = (
                super::option_literal(s.min_properties),
                super::option_literal(s.max_properties),
            );
            holds.push(quote! {
                checks::properties(out, at, #count, #min, #max);
            });
            uses_report = true;
        }
        let extra_converted = extra_shape.as_ref().map(|map| {
            let expression = self.convert(map, quote!(self.additional_properties), false);
            quote!(additional_properties: #expression,)
        });
        let report_setup = uses_report.then(|| {
            quote! {
                let out = &mut Vec::new();
                let at = &Pointer::root();
            }
        });
        let result = if uses_report {
            quote!(out.is_empty())
        } else {
            quote!(true)
        };
        let converted = s.fields.iter().map(|field| {
            let field_name = ident(&field.rust_name);
            let expression =
                self.field_conversion(field, self.slot(s, field), quote!(self.#field_name));
            quote!(#field_name: #expression,)
        });
        let model_name = quote!(crate::models::#name);
        let methods = quote! {
            impl Mirror for fast::#name {
                type Model = #model_name;

                fn holds(&self) -> bool {
                    #report_setup
                    #(#holds)*
                    #result
                }

                fn convert(self) -> Option<#model_name> {
                    Some(#model_name {
                        #(#converted)*
                        #extra_converted
                    })
                }
            }
        };
        (mirror, methods)
    }

    /// For a struct whose PATCH form has a mirror, that mirror read whole (a transparent newtype)
    /// instead of a mirror of its own: the two differ only in what is required, and a required
    /// member left out fails the conversion, so the complete check reports it. `None` when a
    /// member would be held differently (a required free-form value, which a PATCH mirror
    /// holds with its `null` apart).
    fn whole_patch_mirror(&self, def: &TypeDef, s: &Struct) -> Option<(TokenStream, TokenStream)> {
        let patch_name = self.patches.get(&def.name)?;
        if !self.fast.contains(patch_name) {
            return None;
        }
        let TypeKind::Struct(patch) = &self.model.find(patch_name)?.kind else {
            return None;
        };
        if patch.fields.len() != s.fields.len() {
            return None;
        }
        let mut converted = Vec::new();
        for (field, patch_field) in s.fields.iter().zip(&patch.fields) {
            if field.rust_name != patch_field.rust_name {
                return None;
            }
            let field_name = ident(&field.rust_name);
            let value = quote!(self.0.#field_name);
            let slot = self.slot(s, field);
            let expression = match (&slot, self.slot(patch, patch_field)) {
                (Slot::Required, Slot::Optional) => {
                    self.convert(&field.shape, quote!(#value?), false)
                }
                (
                    Slot::Tracked(Presence::RequiredNullable),
                    Slot::Tracked(Presence::OptionalNullable),
                ) => self.optional_conversion(&field.shape, quote!(#value?)),
                (Slot::ReadOnly, Slot::ReadOnly)
                | (Slot::ODataType(_), Slot::ODataType(_))
                | (Slot::Optional, Slot::Optional) => self.field_conversion(field, slot, value),
                (Slot::Tracked(held), Slot::Tracked(patch_held)) if *held == patch_held => {
                    self.field_conversion(field, slot, value)
                }
                _ => return None,
            };
            converted.push(quote!(#field_name: #expression,));
        }
        if let Some(map) = extras_map(s) {
            let expression = self.convert(&map, quote!(self.0.additional_properties), false);
            converted.push(quote!(additional_properties: #expression,));
        }
        let name = ident(&def.name);
        let patch_ident = ident(patch_name);
        let model_name = quote!(crate::models::#name);
        let mirror = quote! {
            #[derive(serde::Deserialize)]
            #[serde(transparent)]
            pub(crate) struct #name(pub(crate) super::#patch_ident);
        };
        let methods = quote! {
            impl Mirror for fast::#name {
                type Model = #model_name;

                fn holds(&self) -> bool {
                    self.0.holds()
                }

                fn convert(self) -> Option<#model_name> {
                    Some(#model_name {
                        #(#converted)*
                    })
                }
            }
        };
        Some((mirror, methods))
    }

    /// The expression turning a mirror field held in `slot`, read from `value`, into the model
    /// field.
    fn field_conversion(&self, field: &Field, slot: Slot<'_>, value: TokenStream) -> TokenStream {
        match slot {
            Slot::ReadOnly => quote!(None),
            Slot::Required => self.convert(&field.shape, value, false),
            Slot::Optional => self.convert(&field.shape, value, true),
            Slot::ODataType(_) | Slot::Tracked(_) => match field.presence() {
                Presence::Required if !self.converts(&field.shape) => quote!(#value.flatten()?),
                Presence::OptionalNullable if !self.converts(&field.shape) => value,
                Presence::OptionalNullable => {
                    let inner = self.convert(&field.shape, quote!(value), false);
                    quote! {
                        match #value {
                            Some(Some(value)) => Some(Some(#inner)),
                            Some(None) => Some(None),
                            None => None,
                        }
                    }
                }
                _ => self.optional_conversion(&field.shape, quote!(#value.flatten())),
            },
        }
    }

    /// The expression turning `value`, an `Option` of a non-null mirror value, into an `Option`
    /// of the model value.
    fn optional_conversion(&self, shape: &Shape, value: TokenStream) -> TokenStream {
        if !self.converts(shape) {
            return value;
        }
        let inner = self.convert(shape, quote!(value), false);
        quote! {
            match #value {
                Some(value) => Some(#inner),
                None => None,
            }
        }
    }

    /// The mirror type of a shape, spelled by the walk that spells the model's types.
    fn mirror_type(&self, shape: &Shape) -> TokenStream {
        spelled(shape, &MirrorTypes { model: self.model })
    }

    fn field_holds(
        &mut self,
        def: &TypeDef,
        s: &Struct,
        field: &Field,
        uses_report: &mut bool,
    ) -> TokenStream {
        let name = ident(&field.rust_name);
        let hint = format!("{}_{}", def.name, field.rust_name.trim_start_matches("r#"));
        match self.slot(s, field) {
            Slot::ReadOnly => quote! {
                if self.#name.is_some() {
                    return false;
                }
            },
            Slot::ODataType(expected) => {
                let required = (field.presence() == Presence::Required).then(|| {
                    quote! {
                        if self.#name.is_none() {
                            return false;
                        }
                    }
                });
                quote! {
                    #required
                    if let Some(value) = &self.#name {
                        if value.as_deref() != Some(#expected) {
                            return false;
                        }
                    }
                }
            }
            Slot::Required => {
                let rules = self.holds_rules(&field.shape, &hint, uses_report);
                if rules.is_empty() {
                    quote!()
                } else {
                    quote! {
                        let value = &self.#name;
                        #rules
                    }
                }
            }
            Slot::Optional => {
                let rules = self.holds_rules(&field.shape, &hint, uses_report);
                if rules.is_empty() {
                    quote!()
                } else {
                    quote! {
                        if let Some(value) = &self.#name {
                            #rules
                        }
                    }
                }
            }
            Slot::Tracked(presence) => {
                let rules = self.holds_rules(&field.shape, &hint, uses_report);
                let absent_ok = presence != Presence::RequiredNullable;
                let null_ok = field.shape.nullable;
                if rules.is_empty() && absent_ok && null_ok {
                    return quote!();
                }
                if rules.is_empty() && null_ok {
                    return quote! {
                        if self.#name.is_none() {
                            return false;
                        }
                    };
                }
                if absent_ok && null_ok {
                    return quote! {
                        if let Some(Some(value)) = &self.#name {
                            #rules
                        }
                    };
                }
                let present = if rules.is_empty() {
                    quote!(Some(Some(_)) => {})
                } else {
                    quote!(Some(Some(value)) => { #rules })
                };
                let null = if null_ok {
                    quote!(Some(None) => {})
                } else {
                    quote!(Some(None) => return false,)
                };
                let absent = if absent_ok {
                    quote!(None => {})
                } else {
                    quote!(None => return false,)
                };
                quote! {
                    match &self.#name {
                        #present
                        #null
                        #absent
                    }
                }
            }
        }
    }

    /// Statements checking `value: &Mirror` (never `null` here) against the shape's rules.
    fn holds_rules(&mut self, shape: &Shape, hint: &str, uses_report: &mut bool) -> TokenStream {
        let rules = &shape.rules;
        let allowed = (!rules.allowed.is_empty()).then(|| {
            *uses_report = true;
            let texts = rules.allowed.iter().map(|v| v.to_string());
            quote!(checks::one_of_json(out, at, &serde_json::Value::from(*value), &[#(#texts),*]);)
        });
        match &shape.kind {
            ShapeKind::String(format) => {
                let body = self.string_rules(*format, rules, hint, &format_ident!("value"));
                if !body.is_empty() {
                    *uses_report = true;
                }
                body
            }
            ShapeKind::Integer(format) => {
                let bounds = self.bounds(shape, true);
                if bounds.is_empty() && allowed.is_none() {
                    return quote!();
                }
                *uses_report = true;
                let widen = match format {
                    IntFormat::Int64 => quote!(*value),
                    _ => quote!(i64::from(*value)),
                };
                let number = (!bounds.is_empty()).then(|| quote!(let number = #widen;));
                quote! {
                    #number
                    #bounds
                    #allowed
                }
            }
            ShapeKind::Float(format) => {
                let bounds = self.bounds(shape, false);
                if bounds.is_empty() && allowed.is_none() {
                    return quote!();
                }
                *uses_report = true;
                let widen = match format {
                    FloatFormat::Float => quote!(f64::from(*value)),
                    FloatFormat::Double => quote!(*value),
                };
                let number = (!bounds.is_empty()).then(|| quote!(let number = #widen;));
                quote! {
                    #number
                    #bounds
                    #allowed
                }
            }
            ShapeKind::Boolean => allowed.unwrap_or_default(),
            ShapeKind::Named(name) => match self.model.find(name).map(|d| d.kind.clone()) {
                // Unions make a struct ineligible for the fast path, so this is never reached.
                Some(TypeKind::Union(_)) => quote!(),
                Some(TypeKind::Struct(_)) => quote! {
                    if !value.holds() {
                        return false;
                    }
                },
                Some(TypeKind::Enum(_)) => quote! {
                    if !value.is_known() {
                        return false;
                    }
                },
                Some(TypeKind::Alias(inner)) => {
                    let rules = self.holds_rules(&inner, name, uses_report);
                    if inner.nullable && !rules.is_empty() {
                        quote! {
                            if let Some(value) = value {
                                #rules
                            }
                        }
                    } else {
                        rules
                    }
                }
                None => quote!(),
            },
            ShapeKind::Array(item) => {
                let mut body = TokenStream::new();
                if rules.min_items.is_some() || rules.max_items.is_some() {
                    *uses_report = true;
                    let min = super::option_literal(rules.min_items);
                    let max = super::option_literal(rules.max_items);
                    body.extend(quote!(checks::items(out, at, value.len(), #min, #max);));
                }
                if rules.unique_items {
                    *uses_report = true;
                    body.extend(quote!(checks::unique(out, at, value);));
                }
                let item_rules = self.holds_rules(item, &format!("{hint}_item"), uses_report);
                if !item_rules.is_empty() {
                    // Null items hold: only the present ones are checked.
                    let items = if item.nullable {
                        quote!(value.iter().flatten())
                    } else {
                        quote!(value)
                    };
                    body.extend(quote! {
                        for value in #items {
                            #item_rules
                        }
                    });
                }
                body
            }
            ShapeKind::Map(item) => {
                let item_rules = self.holds_rules(item, &format!("{hint}_value"), uses_report);
                if item_rules.is_empty() {
                    return quote!();
                }
                let values = if item.nullable {
                    quote!(value.0.values().flatten())
                } else {
                    quote!(value.0.values())
                };
                quote! {
                    for value in #values {
                        #item_rules
                    }
                }
            }
            // A mirror holds no value of these that a rule could refuse (none at all of
            // `Nothing`, which fails to deserialize).
            ShapeKind::AnyObject | ShapeKind::Any | ShapeKind::Nothing => quote!(),
        }
    }

    /// Whether converting a mirror value to the model does any work.
    fn converts(&self, shape: &Shape) -> bool {
        match &shape.kind {
            ShapeKind::String(StringFormat::DateTime | StringFormat::Date) => true,
            ShapeKind::Named(name) => match self.model.find(name).map(|d| &d.kind) {
                Some(TypeKind::Struct(_)) => true,
                Some(TypeKind::Alias(inner)) => self.converts(inner),
                _ => false,
            },
            ShapeKind::Array(item) => self.converts(item),
            // A mirror's map and free-form values are wrapped (see `mirror_type`).
            ShapeKind::Map(_) | ShapeKind::AnyObject | ShapeKind::Any => true,
            _ => false,
        }
    }

    /// An expression turning `value` (a mirror value, non-null unless `nullable`) into the model
    /// value; it may use `?` on `Option`.
    fn convert(&self, shape: &Shape, value: TokenStream, nullable: bool) -> TokenStream {
        if !self.converts(shape) {
            return value;
        }
        if null_is_an_option(shape, nullable) {
            let inner = self.convert(shape, quote!(value), false);
            return quote! {
                match #value {
                    Some(value) => Some(#inner),
                    None => None,
                }
            };
        }
        match &shape.kind {
            ShapeKind::String(StringFormat::DateTime) => {
                quote!(chrono::DateTime::parse_from_rfc3339(&#value).ok()?)
            }
            ShapeKind::String(_) => {
                quote!(chrono::NaiveDate::parse_from_str(&#value, "%Y-%m-%d").ok()?)
            }
            ShapeKind::Named(name) => match self.model.find(name).map(|d| &d.kind) {
                Some(TypeKind::Alias(inner)) => self.convert(inner, value, inner.nullable),
                _ => quote!(#value.convert()?),
            },
            ShapeKind::Array(item) => {
                let inner = self.convert(item, quote!(value), item.nullable);
                quote! {
                    #value
                        .into_iter()
                        .map(|value| {
                            let converted = #inner;
                            Some(converted)
                        })
                        .collect::<Option<Vec<_>>>()?
                }
            }
            ShapeKind::Map(item) if !self.converts(item) => quote!(#value.0),
            ShapeKind::Map(item) => {
                let inner = self.convert(item, quote!(value), item.nullable);
                quote! {
                    #value
                        .0
                        .into_iter()
                        .map(|(key, value)| {
                            let converted = #inner;
                            Some((key, converted))
                        })
                        .collect::<Option<std::collections::BTreeMap<_, _>>>()?
                }
            }
            ShapeKind::AnyObject | ShapeKind::Any => quote!(#value.0),
            _ => value,
        }
    }
}

/// The map a struct keeps its typed undeclared members in (`additionalProperties` with a
/// schema), as a shape; `None` when it keeps none.
fn extras_map(s: &Struct) -> Option<Shape> {
    match &s.extra {
        ExtraProperties::Keep(shape) => Some(Shape {
            kind: ShapeKind::Map(shape.clone()),
            nullable: false,
            rules: Default::default(),
            doc: None,
        }),
        _ => None,
    }
}

/// The mirror's leaves: the model's types, but date-times and dates as their text (checked and
/// parsed when converted), structs as their mirrors, an alias as the type it names (spelled as a
/// mirror), and maps and free-form values wrapped so that a repeated member name fails the mirror.
struct MirrorTypes<'m> {
    model: &'m crate::ir::Model,
}

impl Spelling for MirrorTypes<'_> {
    fn date_time(&self) -> TokenStream {
        quote!(String)
    }

    fn date(&self) -> TokenStream {
        quote!(String)
    }

    fn named(&self, name: &str) -> TokenStream {
        let rust_name = ident(name);
        match self.model.find(name).map(|d| &d.kind) {
            // Another mirror, through the module of mirrors, whichever part declares it.
            Some(TypeKind::Struct(_)) => quote!(super::#rust_name),
            // The alias's own definition, `pub type X = ...`, with mirror leaves.
            Some(TypeKind::Alias(inner)) => spelled_nullable(inner, self),
            _ => quote!(crate::models::#rust_name),
        }
    }

    fn map(&self, value: TokenStream) -> TokenStream {
        quote!(crate::runtime::validation::MirrorMap<#value>)
    }

    fn any_object(&self) -> TokenStream {
        quote!(crate::runtime::validation::MirrorObject)
    }

    fn any(&self) -> TokenStream {
        quote!(crate::runtime::validation::MirrorValue)
    }
}
