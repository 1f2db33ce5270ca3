//! The `validation` file: a `Validate` implementation for every struct and enum, and a function
//! for every alias that has rules, all derived from the IR's rules so that a rule added to the
//! spec is enforced after the next codegen.

mod fast;
mod union;

use super::patterns::Patterns;
use super::{features, ident, qualified_value_type};
use crate::ir::{
    Enum, ExtraProperties, Field, IntFormat, Model, Shape, ShapeKind, StringFormat, Struct,
    TypeDef, TypeKind,
};
use crate::output::parts::{self, Export, Sink};
use heck::ToSnakeCase;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use std::collections::{BTreeMap, BTreeSet};

struct Emitter<'m> {
    model: &'m Model,
    patterns: Patterns,
    /// The structs that get the fast path, decided once.
    fast: BTreeSet<String>,
    /// The structs a PATCH type is derived from, each with the name of its PATCH type: their
    /// member checks become a function both share, and so may their fast-path mirror.
    patches: BTreeMap<String, String>,
    /// The items of the validation module the emitted checks name (`Validate`, the
    /// `validate_<alias>` functions), so that code elsewhere can import exactly those.
    named_items: BTreeSet<String>,
}

pub fn emit(model: &Model, sink: &mut Sink<'_>) -> TokenStream {
    let mut emitter = Emitter {
        model,
        patterns: Patterns::default(),
        fast: BTreeSet::new(),
        patches: model
            .types
            .iter()
            .filter_map(|def| match &def.kind {
                TypeKind::Struct(s) => Some((s.patch_of.clone()?, def.name.clone())),
                _ => None,
            })
            .collect(),
        named_items: BTreeSet::new(),
    };
    emitter.fast = emitter.fast_set();
    // Each schema's validators and its fast-path mirrors go to two parts, handed over together.
    let mut item_modules = TokenStream::new();
    let mut mirror_includes = TokenStream::new();
    for (stem, members) in parts::groups(parts::part_of_each_type(model)) {
        let mirror_stem = format!("fast/{stem}");
        let own: Vec<&str> = members
            .iter()
            .map(|&i| model.types[i].name.as_str())
            .collect();
        let part = features::of_part(model, own.iter().copied());
        let (mut any_items, mut any_mirrors, mut declares) = (false, false, false);
        for index in members {
            let def = &model.types[index];
            let gate = features::within_part(model, &def.name, part.as_deref());
            let item = features::gated(&gate, emitter.type_item(def));
            if !any_items && !item.is_empty() {
                sink(&stem, parts::part_prelude());
            }
            // An alias's checks are a function others call; everything else is an `impl`.
            declares |= matches!(def.kind, TypeKind::Alias(_)) && !item.is_empty();
            any_items |= parts::hand(sink, &stem, item);
            if let TypeKind::Struct(s) = &def.kind {
                if emitter.fast.contains(&def.name) {
                    let (mirror, methods) = emitter.fast_items(def, s);
                    any_items |= parts::hand(sink, &stem, features::gated(&gate, methods));
                    any_mirrors |= parts::hand(sink, &mirror_stem, features::gated(&gate, mirror));
                }
            }
        }
        let gate = features::gate(part.as_deref());
        if any_items {
            let export = if declares {
                Export::Public
            } else {
                Export::Nothing
            };
            item_modules.extend(parts::module(&stem, export, &gate));
        }
        if any_mirrors {
            mirror_includes.extend(parts::module(&stem, Export::Crate, &gate));
        }
    }
    let fast_module = (!mirror_includes.is_empty()).then(|| {
        quote! {
            /// Mirrors of the request structs for the fast path: serde enforces the types, unknown
            /// keys are refused, `null` and absent are kept apart, and date-times stay text until
            /// their rules are checked.
            mod fast {
                #mirror_includes
            }
        }
    });
    // The fast path's traits and wrappers, which the mirrors and the validators that use them
    // name; a glob, since which of them a spec's mirrors need varies.
    let mirror_import = (!mirror_includes.is_empty()).then(|| {
        quote!(
            use crate::runtime::validation::*;
        )
    });
    let statics = emitter.patterns.statics();
    let pattern_imports = emitter.patterns.imports();
    // Every validator calls into `checks` and names these; without one (a spec without
    // schemas) they go unused.
    let checks_import = (!item_modules.is_empty()).then(|| {
        quote!(
            use crate::errors::{Pointer, Violation};
            use crate::runtime::checks;
            use serde_json::Value;
        )
    });
    let implements = model.types.iter().any(|def| def.kind.implements_validate());
    let models_import = implements.then(|| {
        quote!(
            use crate::models;
        )
    });
    quote! {
        //! Request validation derived from the spec: every rule checked in one pass, every
        //! violation reported with a JSON Pointer, a stable code and a message.

        // One match arm per declared property, whatever their number.
        #![allow(clippy::single_match, clippy::collapsible_match, clippy::match_single_binding)]

        #checks_import
        #models_import
        #pattern_imports

        pub use crate::runtime::validation::Validate;
        #mirror_import

        #(#statics)*

        #item_modules

        #fast_module
    }
}

/// Statements that check `value: &Value` against `shape`, with `out: &mut Vec<Violation>` and
/// `at: &mut Pointer` in scope; empty when anything goes. Used for parameters and bodies outside
/// the validation module: the validation items the statements name are added to `named_items`,
/// for the caller to import.
pub fn check_statements(
    model: &Model,
    patterns: &mut Patterns,
    named_items: &mut BTreeSet<String>,
    shape: &Shape,
    hint: &str,
) -> TokenStream {
    let mut emitter = Emitter {
        model,
        patterns: std::mem::take(patterns),
        fast: BTreeSet::new(),
        patches: BTreeMap::new(),
        named_items: std::mem::take(named_items),
    };
    let check = emitter.check(shape, hint).unwrap_or_default();
    *patterns = emitter.patterns;
    *named_items = emitter.named_items;
    check
}

/// The expected-value phrase for messages: `an int32 number`, `a date-time string`.
fn expected(shape: &Shape, model: &Model) -> String {
    match &shape.kind {
        ShapeKind::String(StringFormat::DateTime) => "a date-time string".into(),
        ShapeKind::String(StringFormat::Date) => "a date string".into(),
        ShapeKind::String(StringFormat::Uuid) => "a UUID string".into(),
        ShapeKind::String(_) => "a string".into(),
        ShapeKind::Integer(format) => format!("{} number", format.with_article()),
        ShapeKind::Float(_) => "a number".into(),
        ShapeKind::Boolean => "a boolean".into(),
        ShapeKind::Named(name) => match model.find(name).map(|d| &d.kind) {
            Some(TypeKind::Alias(inner)) => expected(inner, model),
            Some(TypeKind::Enum(_) | TypeKind::Union(_)) => format!("a {name} value"),
            _ => format!("an object ({name})"),
        },
        ShapeKind::Array(_) => "an array".into(),
        ShapeKind::Map(_) | ShapeKind::AnyObject => "an object".into(),
        ShapeKind::Any => "any value".into(),
        ShapeKind::Nothing => "no value".into(),
    }
}

fn int_literal(value: f64) -> Option<Literal> {
    (value.fract() == 0.0 && value >= i64::MIN as f64 && value <= i64::MAX as f64)
        .then(|| Literal::i64_unsuffixed(value as i64))
}

impl Emitter<'_> {
    fn type_item(&mut self, def: &TypeDef) -> TokenStream {
        let name = ident(&def.name);
        let schema_name = &def.schema_name;
        match &def.kind {
            TypeKind::Union(u) => self.union_item(def, u),
            TypeKind::Struct(s) => {
                let (walk, members) = match (&s.patch_of, self.members_walk(def, s)) {
                    (_, None) => (None, None),
                    (Some(base), Some(_)) => {
                        let base = ident(base);
                        (
                            Some(quote!(models::#base::validate_members(object, at, out);)),
                            None,
                        )
                    }
                    (None, Some(walk)) if self.patches.contains_key(&def.name) => (
                        Some(quote!(Self::validate_members(object, at, out);)),
                        Some(walk),
                    ),
                    (None, walk) => (walk, None),
                };
                let body = self.struct_body(def, s, walk);
                let fast = self.fast.contains(&def.name).then(|| {
                    quote! {
                        fn from_json_slice(body: &[u8]) -> Result<Self, crate::errors::ValidationError> {
                            mirror_or_complete::<fast::#name>(body)
                        }
                    }
                });
                let members = members.map(|walk| {
                    quote! {
                        impl models::#name {
                            /// Checks each member of the object against its property; shared
                            /// with the PATCH form, which differs only in requiring nothing.
                            pub(crate) fn validate_members(
                                object: &serde_json::Map<String, Value>,
                                at: &mut Pointer,
                                out: &mut Vec<Violation>,
                            ) {
                                #walk
                            }
                        }
                    }
                });
                quote! {
                    impl Validate for models::#name {
                        const SCHEMA_NAME: &'static str = #schema_name;

                        fn validate_at(value: &Value, at: &mut Pointer, out: &mut Vec<Violation>) {
                            #body
                        }

                        #fast
                    }
                    #members
                }
            }
            TypeKind::Enum(e) => self.enum_item(&name, schema_name, e),
            TypeKind::Alias(shape) => {
                let Some(check) = self.check(shape, &def.name) else {
                    return quote!();
                };
                let function = validator_name(&def.name);
                let doc = format!(" Checks a value against the `{schema_name}` schema.");
                let ty = qualified_value_type(shape);
                let doc_type = format!(" The Rust type is `{}`.", ty.to_string().replace(' ', ""));
                quote! {
                    #[doc = #doc]
                    #[doc = ""]
                    #[doc = #doc_type]
                    pub fn #function(value: &Value, at: &mut Pointer, out: &mut Vec<Violation>) {
                        #check
                    }
                }
            }
        }
    }

    fn enum_item(&self, name: &proc_macro2::Ident, schema_name: &str, _e: &Enum) -> TokenStream {
        quote! {
            impl Validate for models::#name {
                const SCHEMA_NAME: &'static str = #schema_name;

                fn validate_at(value: &Value, at: &mut Pointer, out: &mut Vec<Violation>) {
                    checks::one_of(out, at, value, Self::VALUES);
                }
            }
        }
    }

    /// The loop over the object's members, or `None` when no member needs a look. `at` points
    /// at each member while its arm runs.
    fn members_walk(&mut self, def: &TypeDef, s: &Struct) -> Option<TokenStream> {
        let mut arms = Vec::new();
        let mut uses_value = false;
        let mut any_check = false;
        for field in &s.fields {
            let wire = &field.wire_name;
            let arm = if field.read_only {
                quote!(checks::read_only(out, at, #wire);)
            } else if let (Some(odata), "@odata.type") = (&s.odata_type, wire.as_str()) {
                uses_value = true;
                quote!(checks::odata_type(out, at, value, #odata);)
            } else {
                match self.field_check(def, field) {
                    Some(check) => {
                        uses_value = true;
                        check
                    }
                    None => quote!(),
                }
            };
            any_check |= !arm.is_empty();
            arms.push(quote!(#wire => { #arm }));
        }
        let other = match &s.extra {
            ExtraProperties::Reject => {
                Some(quote!(other => checks::unknown_property(out, at, other, Self::SCHEMA_NAME),))
            }
            ExtraProperties::Keep(shape) => {
                self.check(shape, &format!("{}Extra", def.name))
                    .map(|check| {
                        uses_value = true;
                        quote!(_ => { #check })
                    })
            }
            ExtraProperties::Ignore => None,
        };
        (other.is_some() || any_check).then(|| {
            let value_binding = if uses_value {
                quote!(value)
            } else {
                quote!(_value)
            };
            let other = other.unwrap_or_else(|| quote!(_ => {}));
            quote! {
                for (key, #value_binding) in object {
                    let mark = at.push(key);
                    match key.as_str() {
                        #(#arms)*
                        #other
                    }
                    at.truncate(mark);
                }
            }
        })
    }

    /// The body of `validate_at`: the object, its member walk (or the call of the shared one),
    /// the required properties and the property count.
    fn struct_body(&self, def: &TypeDef, s: &Struct, walk: Option<TokenStream>) -> TokenStream {
        let expected_object = format!("an object ({})", def.schema_name);
        let names: Vec<&str> = s
            .fields
            .iter()
            .filter(|f| f.required && !f.read_only)
            .map(|f| f.wire_name.as_str())
            .collect();
        let required =
            (!names.is_empty()).then(|| quote!(checks::required(out, at, object, &[#(#names),*]);));
        let counts = (s.min_properties.is_some() || s.max_properties.is_some()).then(|| {
            let min = option_literal(s.min_properties);
            let max = option_literal(s.max_properties);
            quote!(checks::properties(out, at, object.len(), #min, #max);)
        });
        let sets = s.required_sets.iter().map(|required| {
            let sets = required.sets.iter().map(|set| quote!(&[#(#set),*]));
            let exactly_one = required.exactly_one;
            quote!(checks::required_sets(out, at, object, &[#(#sets),*], #exactly_one);)
        });
        let object_binding = if walk.is_none()
            && counts.is_none()
            && s.required_sets.is_empty()
            && s.fields.iter().all(|f| !f.required || f.read_only)
        {
            quote!(Some(_object))
        } else {
            quote!(Some(object))
        };
        quote! {
            let #object_binding = checks::object(out, at, value, #expected_object) else {
                return;
            };
            #counts
            #walk
            #required
            #(#sets)*
        }
    }

    fn field_check(&mut self, def: &TypeDef, field: &Field) -> Option<TokenStream> {
        let hint = format!("{}_{}", def.name, field.rust_name.trim_start_matches("r#"));
        self.check(&field.shape, &hint)
    }

    /// Statements that check `value: &Value` against `shape`, or `None` when anything goes.
    fn check(&mut self, shape: &Shape, hint: &str) -> Option<TokenStream> {
        let inner = self.check_present(shape, hint)?;
        Some(if shape.nullable {
            quote! {
                if !value.is_null() {
                    #inner
                }
            }
        } else {
            inner
        })
    }

    fn check_present(&mut self, shape: &Shape, hint: &str) -> Option<TokenStream> {
        let rules = &shape.rules;
        let allowed = (!rules.allowed.is_empty()).then(|| {
            let texts = rules.allowed.iter().map(|v| v.to_string());
            quote!(checks::one_of_json(out, at, value, &[#(#texts),*]);)
        });
        let code = match &shape.kind {
            ShapeKind::String(format) => {
                let expected = expected(shape, self.model);
                let body = self.string_rules(*format, rules, hint, &format_ident!("text"));
                if body.is_empty() {
                    quote!(checks::string(out, at, value, #expected);)
                } else {
                    quote! {
                        if let Some(text) = checks::string(out, at, value, #expected) {
                            #body
                        }
                    }
                }
            }
            ShapeKind::Integer(format) => {
                // The two common formats have shortcuts; the rest name their range.
                let call = match format {
                    IntFormat::Int32 => quote!(checks::int32(out, at, value)),
                    IntFormat::Int64 => quote!(checks::int64(out, at, value)),
                    _ => {
                        let name = format.name();
                        let (low, high) = format.range();
                        let (low, high) =
                            (Literal::i64_unsuffixed(low), Literal::i64_unsuffixed(high));
                        quote!(checks::integer(out, at, value, #name, #low, #high))
                    }
                };
                let bounds = self.bounds(shape, true);
                if bounds.is_empty() && allowed.is_none() {
                    quote!(#call;)
                } else if bounds.is_empty() {
                    quote! {
                        if #call.is_some() {
                            #allowed
                        }
                    }
                } else {
                    quote! {
                        if let Some(number) = #call {
                            #bounds
                            #allowed
                        }
                    }
                }
            }
            ShapeKind::Float(_) => {
                let bounds = self.bounds(shape, false);
                if bounds.is_empty() && allowed.is_none() {
                    quote!(checks::number(out, at, value);)
                } else if bounds.is_empty() {
                    quote! {
                        if checks::number(out, at, value).is_some() {
                            #allowed
                        }
                    }
                } else {
                    quote! {
                        if let Some(number) = checks::number(out, at, value) {
                            #bounds
                            #allowed
                        }
                    }
                }
            }
            ShapeKind::Boolean => quote! {
                checks::boolean(out, at, value);
                #allowed
            },
            ShapeKind::Named(name) => {
                let def = self.model.find(name)?;
                let type_ident = ident(name);
                match &def.kind {
                    TypeKind::Struct(_) | TypeKind::Enum(_) | TypeKind::Union(_) => {
                        self.named_items.insert("Validate".into());
                        quote!(<models::#type_ident as Validate>::validate_at(value, at, out);)
                    }
                    TypeKind::Alias(inner) => {
                        if self.unchecked(inner) {
                            return None;
                        }
                        let function = validator_name(name);
                        self.named_items.insert(function.to_string());
                        quote!(#function(value, at, out);)
                    }
                }
            }
            ShapeKind::Array(item) => {
                let count = (rules.min_items.is_some() || rules.max_items.is_some()).then(|| {
                    let min = option_literal(rules.min_items);
                    let max = option_literal(rules.max_items);
                    quote!(checks::items(out, at, items.len(), #min, #max);)
                });
                let unique = rules
                    .unique_items
                    .then(|| quote!(checks::unique(out, at, items);));
                let item_check = self.check(item, &format!("{hint}_item")).map(|check| {
                    quote! {
                        for (index, value) in items.iter().enumerate() {
                            let mark = at.push_index(index);
                            #check
                            at.truncate(mark);
                        }
                    }
                });
                if count.is_none() && unique.is_none() && item_check.is_none() {
                    quote!(checks::array(out, at, value);)
                } else {
                    quote! {
                        if let Some(items) = checks::array(out, at, value) {
                            #count
                            #unique
                            #item_check
                        }
                    }
                }
            }
            ShapeKind::Map(item) => match self.check(item, &format!("{hint}_value")) {
                Some(check) => quote! {
                    if let Some(map) = checks::object(out, at, value, "an object") {
                        for (key, value) in map {
                            let mark = at.push(key);
                            #check
                            at.truncate(mark);
                        }
                    }
                },
                None => quote!(checks::object(out, at, value, "an object");),
            },
            ShapeKind::AnyObject => quote!(checks::object(out, at, value, "an object");),
            ShapeKind::Any => return None,
            ShapeKind::Nothing => quote!(checks::nothing(out, at, value);),
        };
        Some(code)
    }

    /// Statements checking the string bound to `text` against length, format and pattern; the
    /// pattern runs only once the format holds, so one bad value gets one violation.
    fn string_rules(
        &mut self,
        format: StringFormat,
        rules: &crate::ir::Rules,
        hint: &str,
        text: &proc_macro2::Ident,
    ) -> TokenStream {
        let mut body = TokenStream::new();
        if rules.min_length.is_some() || rules.max_length.is_some() {
            let min = option_literal(rules.min_length);
            let max = option_literal(rules.max_length);
            body.extend(quote!(checks::length(out, at, #text, #min, #max);));
        }
        let pattern = rules
            .pattern
            .as_ref()
            .map(|p| self.patterns.check(hint, p, text));
        let format_check = match format {
            StringFormat::DateTime => {
                Some(quote!(crate::runtime::checks_date_time::date_time(out, at, #text)))
            }
            StringFormat::Date => {
                Some(quote!(crate::runtime::checks_date_time::date(out, at, #text)))
            }
            StringFormat::Uuid => {
                body.extend(quote!(checks::uuid(out, at, #text);));
                None
            }
            _ => None,
        };
        match (format_check, pattern) {
            (Some(format_check), Some(pattern)) => body.extend(quote! {
                if #format_check {
                    #pattern
                }
            }),
            (Some(format_check), None) => body.extend(quote!(#format_check;)),
            (None, Some(pattern)) => body.extend(pattern),
            (None, None) => {}
        }
        body
    }

    /// Whether a shape accepts every value, so no check is generated for it.
    fn unchecked(&self, shape: &Shape) -> bool {
        match &shape.kind {
            ShapeKind::Any => true,
            ShapeKind::Named(name) => match self.model.find(name).map(|d| &d.kind) {
                Some(TypeKind::Alias(inner)) => self.unchecked(inner),
                _ => false,
            },
            _ => false,
        }
    }

    /// `minimum`, `maximum` and `multipleOf` on `number` (an `i64` for integers, else `f64`).
    fn bounds(&self, shape: &Shape, integer: bool) -> TokenStream {
        let rules = &shape.rules;
        let bound = |value: f64| -> (TokenStream, TokenStream) {
            match int_literal(value).filter(|_| integer) {
                Some(literal) => (quote!(number), quote!(#literal)),
                None => {
                    let literal = Literal::f64_unsuffixed(value);
                    if integer {
                        (quote!(number as f64), quote!(#literal))
                    } else {
                        (quote!(number), quote!(#literal))
                    }
                }
            }
        };
        let minimum = rules.minimum.map(|b| {
            let (n, limit) = bound(b.value);
            let exclusive = b.exclusive;
            quote!(checks::minimum(out, at, #n, #limit, #exclusive);)
        });
        let maximum = rules.maximum.map(|b| {
            let (n, limit) = bound(b.value);
            let exclusive = b.exclusive;
            quote!(checks::maximum(out, at, #n, #limit, #exclusive);)
        });
        let multiple = rules.multiple_of.map(|m| {
            let factor = Literal::f64_unsuffixed(m);
            let n = if integer {
                quote!(number as f64)
            } else {
                quote!(number)
            };
            quote!(checks::multiple_of(out, at, #n, #factor);)
        });
        quote!(#minimum #maximum #multiple)
    }
}

fn option_literal(value: Option<usize>) -> TokenStream {
    match value {
        Some(n) => {
            let n = Literal::usize_unsuffixed(n);
            quote!(Some(#n))
        }
        None => quote!(None),
    }
}

/// `use crate::validation::{...};` of the items [`check_statements`] named. With area
/// features, an alias's validator is imported under the alias's own `cfg`: a build without its
/// areas has no such function to import.
pub fn imports(model: &Model, named_items: &BTreeSet<String>) -> TokenStream {
    // Validator name -> its alias's `cfg`, for the gated aliases only.
    let gated_aliases: BTreeMap<String, TokenStream> = model
        .types
        .iter()
        .filter(|def| matches!(def.kind, TypeKind::Alias(_)))
        .map(|def| (def, features::of_type_items(model, &def.name)))
        .filter(|(_, gate)| !gate.is_empty())
        .map(|(def, gate)| (validator_name(&def.name).to_string(), gate))
        .collect();
    let mut always = Vec::new();
    let mut gated = TokenStream::new();
    for item in named_items {
        let ident = format_ident!("{}", item);
        match gated_aliases.get(item) {
            Some(gate) => gated.extend(quote!(#gate use crate::validation::#ident;)),
            None => always.push(ident),
        }
    }
    let always = (!always.is_empty()).then(|| quote!(use crate::validation::{#(#always),*};));
    quote!(#always #gated)
}

/// `validate_<type>`: the function that checks a value of a named scalar type, as it is
/// defined and as every check of a value of that type calls it.
fn validator_name(type_name: &str) -> proc_macro2::Ident {
    super::joined_ident(&["validate", &type_name.to_snake_case()])
}
