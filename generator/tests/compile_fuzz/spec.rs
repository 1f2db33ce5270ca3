//! Random valid specs, built as a model the fuzzer can shrink and make instances of, then written
//! as OpenAPI 3.0 JSON. Every construct the generator takes is combined with every other:
//! presence (required, optional, nullable), how a reference is written (`$ref`, an `allOf`
//! wrapper, Graph's `anyOf` nullable form), scalars with rules, enums, objects, arrays, maps,
//! unions and recursion; placed in request bodies, responses, PATCH bodies, union alternatives
//! and parameters of every location and style.

use crate::common::random::Random;
use serde_json::{json, Map, Value};

/// A schema.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    Str(Str),
    Int {
        format: &'static str,
        min: Option<i64>,
        max: Option<i64>,
    },
    Num {
        float: bool,
        multiple_of: Option<f64>,
    },
    Bool,
    /// A string enum; values chosen to meet Rust's names (`err`, `Self`, `self`, ...).
    Enum(Vec<String>),
    /// A component, written as the form says.
    Ref(usize, RefForm),
    Array {
        item: Box<Ty>,
        nullable_items: bool,
        min: Option<usize>,
        max: Option<usize>,
        unique: bool,
    },
    Map(Box<Ty>),
    Object(Object),
    /// `oneOf` (`exactly_one`) or `anyOf` of alternatives.
    Union {
        exactly_one: bool,
        alternatives: Vec<Ty>,
    },
    /// `{}`.
    Any,
    /// `type: object` alone.
    AnyObject,
    /// `not: {}`.
    Nothing,
}

/// A string and its rules.
#[derive(Debug, Clone, PartialEq)]
pub struct Str {
    pub format: Option<&'static str>,
    pub min: Option<usize>,
    pub max: Option<usize>,
    /// `^[a-z]+$`, which instances are made to meet.
    pub pattern: bool,
}

/// How a reference is written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RefForm {
    Plain,
    /// `allOf: [$ref]`, with the property's `nullable` beside it.
    AllOf,
    /// `anyOf: [$ref, {type: object, nullable: true}]`, always nullable.
    GraphNullable,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Object {
    pub properties: Vec<Prop>,
    /// `additionalProperties: false`.
    pub closed: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Prop {
    pub name: String,
    pub ty: Ty,
    pub required: bool,
    pub nullable: bool,
}

/// A named schema.
#[derive(Debug, Clone, PartialEq)]
pub struct Component {
    pub name: String,
    pub ty: Ty,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    None,
    Json(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub name: String,
    pub location: &'static str,
    pub style: Option<&'static str>,
    pub explode: Option<bool>,
    pub required: bool,
    pub ty: Ty,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    pub method: &'static str,
    pub params: Vec<Param>,
    pub body: Body,
    /// The success status and the component it answers with, if any.
    pub status: u16,
    pub answer: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    pub components: Vec<Component>,
    pub operations: Vec<Operation>,
}

/// Property and parameter names that meet Rust's keywords, casing collisions and OData.
const NAMES: &[&str] = &[
    "id",
    "type",
    "self",
    "Self",
    "super",
    "fooBar",
    "foo_bar",
    "2fa",
    "value",
    "@odata.type",
    "err",
    "crate",
    "match",
    "x-rate",
    "_",
    "default",
];

/// Enum values that meet the names trait impls use.
const VALUES: &[&str] = &[
    "ok",
    "err",
    "Err",
    "Unrecognized",
    "Self",
    "self",
    "a-b",
    "a_b",
    "",
    "*",
    "Value",
    "1st",
];

impl Spec {
    /// A random spec of about `size` components and `size / 2` operations.
    pub fn random(random: &mut Random, size: usize) -> Spec {
        let mut spec = Spec {
            components: Vec::new(),
            operations: Vec::new(),
        };
        for index in 0..size {
            let ty = spec.random_component(random, index, size);
            spec.components.push(Component {
                name: format!("S{index}"),
                ty,
            });
        }
        for _ in 0..size / 2 {
            let operation = spec.random_operation(random, size);
            spec.operations.push(operation);
        }
        spec
    }

    fn random_component(&self, random: &mut Random, index: usize, size: usize) -> Ty {
        match random.below(10) {
            0 => Ty::Enum(random_values(random)),
            1 => scalar(random),
            2 => Ty::Union {
                exactly_one: random.one_in(2),
                alternatives: tagged_alternatives(random, size),
            },
            3 if index > 0 => Ty::Array {
                item: Box::new(Ty::Ref(random.below(index), RefForm::Plain)),
                nullable_items: random.one_in(3),
                min: None,
                max: Some(4),
                unique: false,
            },
            4 => Ty::Map(Box::new(scalar(random))),
            5 if random.one_in(4) => Ty::Nothing,
            _ => Ty::Object(random_object(random, size, 2)),
        }
    }

    fn random_operation(&self, random: &mut Random, size: usize) -> Operation {
        let method = random.pick(&["get", "post", "put", "patch", "delete"]);
        let objects: Vec<usize> = (0..self.components.len())
            .filter(|&index| matches!(self.components[index].ty, Ty::Object(_)))
            .collect();
        let body = match method {
            "post" | "put" | "patch" if !objects.is_empty() => {
                Body::Json(objects[random.below(objects.len())])
            }
            _ => Body::None,
        };
        let mut params = vec![random_param(random, size, "path", true)];
        for _ in 0..random.below(4) {
            let location = random.pick(&["query", "query", "header", "cookie"]);
            let required = random.one_in(3);
            params.push(random_param(random, size, location, required));
        }
        let mut scope = Vec::new();
        params.retain(|param| {
            let key = (param.name.to_ascii_lowercase(), param.location);
            let fresh = !scope.contains(&key);
            scope.push(key);
            fresh
        });
        let status = *random.pick(&[&200u16, &201, &204]);
        let answer = (status != 204).then(|| random.below(size));
        Operation {
            method,
            params,
            body,
            status,
            answer,
        }
    }

    /// The spec as OpenAPI 3.0 JSON.
    pub fn to_json(&self) -> String {
        let mut schemas = Map::new();
        for component in &self.components {
            schemas.insert(
                component.name.clone(),
                schema(&component.ty, &self.components, false),
            );
        }
        let mut paths = Map::new();
        for (index, operation) in self.operations.iter().enumerate() {
            let path_params: Vec<&Param> = operation
                .params
                .iter()
                .filter(|param| param.location == "path")
                .collect();
            let mut path = format!("/o{index}");
            for param in &path_params {
                path.push_str(&format!("/{{{}}}", param.name));
            }
            let params: Vec<Value> = operation
                .params
                .iter()
                .map(|param| parameter(param, &self.components))
                .collect();
            let mut op = json!({
                "operationId": format!("o{index}"),
                "description": format!("Operation {index}."),
                "parameters": params,
                "responses": {
                    operation.status.to_string(): response(operation.answer, &self.components),
                    "default": {"description": "An error."},
                },
            });
            if let Body::Json(body) = operation.body {
                op["requestBody"] = json!({
                    "required": true,
                    "content": {"application/json": {"schema": reference(body, &self.components)}},
                });
            }
            paths.insert(path, json!({ operation.method: op }));
        }
        let spec = json!({
            "openapi": "3.0.3",
            "info": {"title": "Fuzzed", "version": "1", "description": "A spec the compile fuzzer made."},
            "paths": paths,
            "components": {"schemas": schemas},
        });
        serde_json::to_string_pretty(&spec).unwrap()
    }

    /// The components a request body reads, by index.
    pub fn body_components(&self) -> Vec<usize> {
        let mut found: Vec<usize> = self
            .operations
            .iter()
            .filter_map(|op| match op.body {
                Body::Json(index) => Some(index),
                Body::None => None,
            })
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// How many schema positions (properties, items, alternatives) and parameters it holds.
    pub fn positions(&self) -> usize {
        let params: usize = self.operations.iter().map(|op| op.params.len()).sum();
        let schemas: usize = self.components.iter().map(|c| positions(&c.ty)).sum();
        params + schemas
    }
}

fn positions(ty: &Ty) -> usize {
    1 + match ty {
        Ty::Array { item, .. } | Ty::Map(item) => positions(item),
        Ty::Object(object) => object.properties.iter().map(|p| positions(&p.ty)).sum(),
        Ty::Union { alternatives, .. } => alternatives.iter().map(positions).sum(),
        _ => 0,
    }
}

fn random_values(random: &mut Random) -> Vec<String> {
    let mut values: Vec<String> = Vec::new();
    for _ in 0..1 + random.below(4) {
        let value = random.pick(VALUES).to_owned();
        if !values.contains(&value) {
            values.push(value);
        }
    }
    values
}

fn scalar(random: &mut Random) -> Ty {
    match random.below(6) {
        // A format, or rules: instances are made to meet either, not both.
        0 => Ty::Str(Str {
            format: Some(random.pick(&["date-time", "date", "uuid"])),
            min: None,
            max: None,
            pattern: false,
        }),
        1 => Ty::Str(Str {
            format: None,
            min: random.one_in(3).then_some(1),
            max: random.one_in(3).then_some(12),
            pattern: random.one_in(4),
        }),
        2 => {
            let format = random.pick(&["int32", "int64", "int8", "uint8", "int16", "uint32"]);
            Ty::Int {
                format,
                min: random.one_in(3).then_some(0),
                max: random.one_in(3).then_some(100),
            }
        }
        3 => Ty::Num {
            float: random.one_in(2),
            multiple_of: random.one_in(3).then_some(0.5),
        },
        4 => Ty::Bool,
        _ => Ty::Enum(random_values(random)),
    }
}

/// A value's schema inside a property, item or alternative, `depth` levels more at most.
fn random_ty(random: &mut Random, size: usize, depth: usize) -> Ty {
    if depth == 0 {
        return match random.below(3) {
            0 => Ty::Ref(random.below(size), RefForm::Plain),
            _ => scalar(random),
        };
    }
    match random.below(12) {
        0..=3 => scalar(random),
        4 | 5 => Ty::Ref(random.below(size), RefForm::Plain),
        6 => Ty::Array {
            item: Box::new(random_ty(random, size, depth - 1)),
            nullable_items: random.one_in(4),
            min: random.one_in(3).then_some(1),
            max: random.one_in(3).then_some(5),
            unique: false,
        },
        7 => Ty::Array {
            item: Box::new(scalar(random)),
            nullable_items: false,
            min: None,
            max: None,
            unique: true,
        },
        8 => Ty::Map(Box::new(random_ty(random, size, depth - 1))),
        9 => Ty::Object(random_object(random, size, depth - 1)),
        10 => Ty::Union {
            exactly_one: true,
            alternatives: vec![
                Ty::Int {
                    format: "int64",
                    min: None,
                    max: None,
                },
                Ty::Str(Str {
                    format: None,
                    min: None,
                    max: None,
                    pattern: true,
                }),
            ],
        },
        _ => match random.below(3) {
            0 => Ty::Any,
            1 => Ty::AnyObject,
            _ => Ty::Nothing,
        },
    }
}

fn random_object(random: &mut Random, size: usize, depth: usize) -> Object {
    let mut properties: Vec<Prop> = Vec::new();
    for _ in 0..1 + random.below(5) {
        let name = random.pick(NAMES).to_owned();
        if properties.iter().any(|p| p.name == name) {
            continue;
        }
        let mut ty = random_ty(random, size, depth);
        let nullable = random.one_in(3);
        if let Ty::Ref(_, form) = &mut ty {
            *form = match (nullable, random.below(2)) {
                (true, 0) => RefForm::AllOf,
                (true, _) => RefForm::GraphNullable,
                (false, 0) => RefForm::AllOf,
                (false, _) => RefForm::Plain,
            };
        }
        properties.push(Prop {
            name,
            required: random.one_in(2) && ty != Ty::Nothing,
            nullable,
            ty,
        });
    }
    Object {
        properties,
        closed: random.one_in(2),
    }
}

/// Alternatives a value can match only one of: closed objects told apart by a required
/// `kind` of one value, as Dropshot writes its enums, and sometimes a scalar.
fn tagged_alternatives(random: &mut Random, size: usize) -> Vec<Ty> {
    let mut alternatives = Vec::new();
    for tag in 0..2 + random.below(2) {
        let mut object = random_object(random, size, 1);
        object.properties.retain(|p| p.name != "kind");
        object.properties.insert(
            0,
            Prop {
                name: "kind".into(),
                ty: Ty::Enum(vec![format!("k{tag}")]),
                required: true,
                nullable: false,
            },
        );
        object.closed = true;
        alternatives.push(Ty::Object(object));
    }
    if random.one_in(3) {
        alternatives.push(Ty::Bool);
    }
    alternatives
}

fn random_param(random: &mut Random, size: usize, location: &'static str, required: bool) -> Param {
    let name = random
        .pick(&[
            "self", "id", "type", "$top", "X-Flag", "fooBar", "2fa", "match",
        ])
        .to_owned();
    let (ty, style, explode) = match (location, random.below(6)) {
        (_, 0 | 1) => (param_scalar(random), None, None),
        ("path", 2) => (one_or_list(random), None, None),
        ("path" | "header", _) => (list_of(param_scalar(random)), None, None),
        ("query", 2) => (one_or_list(random), None, Some(random.one_in(2))),
        ("query", 3) => {
            let style = random.pick(&["form", "spaceDelimited", "pipeDelimited"]);
            (
                list_of(param_scalar(random)),
                Some(style),
                Some(style == "form" && random.one_in(2)),
            )
        }
        ("query", 4) => {
            let style = random.pick(&["form", "deepObject"]);
            let object = Object {
                properties: vec![
                    Prop {
                        name: "low".into(),
                        ty: param_scalar(random),
                        required: random.one_in(2),
                        nullable: false,
                    },
                    Prop {
                        name: "high".into(),
                        ty: param_scalar(random),
                        required: false,
                        nullable: false,
                    },
                ],
                closed: random.one_in(2),
            };
            (
                Ty::Object(object),
                Some(style),
                Some(style == "deepObject" || random.one_in(2)),
            )
        }
        _ => (param_scalar(random), None, None),
    };
    let _ = size;
    Param {
        name,
        location,
        style,
        explode,
        required: required || location == "path",
        ty,
    }
}

fn param_scalar(random: &mut Random) -> Ty {
    match scalar(random) {
        // A path or query text is never empty unless the schema says so; keep strings plain.
        Ty::Str(mut s) => {
            s.min = Some(1);
            Ty::Str(s)
        }
        other => other,
    }
}

fn list_of(item: Ty) -> Ty {
    Ty::Array {
        item: Box::new(item),
        nullable_items: false,
        min: None,
        max: Some(5),
        unique: false,
    }
}

fn one_or_list(random: &mut Random) -> Ty {
    let scalar = param_scalar(random);
    Ty::Union {
        exactly_one: random.one_in(2),
        alternatives: vec![scalar, list_of(param_scalar(random))],
    }
}

/// The schema a reference to component `index` writes.
fn reference(index: usize, components: &[Component]) -> Value {
    json!({"$ref": format!("#/components/schemas/{}", components[index].name)})
}

/// Whether a position of this type, `nullable` as it says, is written to take `null`: a plain
/// `$ref` cannot say so in OpenAPI 3.0, and Graph's `anyOf` form always does.
pub fn takes_null(ty: &Ty, nullable: bool) -> bool {
    match ty {
        Ty::Ref(_, RefForm::Plain) => false,
        Ty::Ref(_, RefForm::GraphNullable) => true,
        _ => nullable,
    }
}

/// A schema, `nullable` as the position says.
pub fn schema(ty: &Ty, components: &[Component], nullable: bool) -> Value {
    let mut value = match ty {
        Ty::Str(s) => {
            let mut value = json!({"type": "string"});
            if let Some(format) = s.format {
                value["format"] = json!(format);
            }
            if let Some(min) = s.min {
                value["minLength"] = json!(min);
            }
            if let Some(max) = s.max {
                value["maxLength"] = json!(max);
            }
            if s.pattern {
                value["pattern"] = json!("^[a-z]+$");
            }
            value
        }
        Ty::Int { format, min, max } => {
            let mut value = json!({"type": "integer", "format": format});
            if let Some(min) = min {
                value["minimum"] = json!(min);
            }
            if let Some(max) = max {
                value["maximum"] = json!(max);
            }
            value
        }
        Ty::Num { float, multiple_of } => {
            let mut value = json!({"type": "number"});
            if *float {
                value["format"] = json!("float");
            }
            if let Some(multiple_of) = multiple_of {
                value["multipleOf"] = json!(multiple_of);
            }
            value
        }
        Ty::Bool => json!({"type": "boolean"}),
        Ty::Enum(values) => json!({"type": "string", "enum": values}),
        Ty::Ref(index, form) => {
            let target = reference(*index, components);
            return match (form, nullable) {
                (RefForm::GraphNullable, _) => {
                    json!({"anyOf": [target, {"type": "object", "nullable": true}]})
                }
                (RefForm::AllOf, _) => json!({"allOf": [target], "nullable": nullable}),
                (RefForm::Plain, _) => target,
            };
        }
        Ty::Array {
            item,
            nullable_items,
            min,
            max,
            unique,
        } => {
            let mut value =
                json!({"type": "array", "items": schema(item, components, *nullable_items)});
            if let Some(min) = min {
                value["minItems"] = json!(min);
            }
            if let Some(max) = max {
                value["maxItems"] = json!(max);
            }
            if *unique {
                value["uniqueItems"] = json!(true);
            }
            value
        }
        Ty::Map(value) => {
            json!({"type": "object", "additionalProperties": schema(value, components, false)})
        }
        Ty::Object(object) => {
            let mut properties = Map::new();
            for prop in &object.properties {
                properties.insert(
                    prop.name.clone(),
                    schema(&prop.ty, components, prop.nullable),
                );
            }
            let required: Vec<&String> = object
                .properties
                .iter()
                .filter(|p| p.required)
                .map(|p| &p.name)
                .collect();
            let mut value = json!({"type": "object", "properties": properties});
            if !required.is_empty() {
                value["required"] = json!(required);
            }
            if object.closed {
                value["additionalProperties"] = json!(false);
            }
            value
        }
        Ty::Union {
            exactly_one,
            alternatives,
        } => {
            let keyword = if *exactly_one { "oneOf" } else { "anyOf" };
            let alternatives: Vec<Value> = alternatives
                .iter()
                .map(|alternative| schema(alternative, components, false))
                .collect();
            json!({ keyword: alternatives })
        }
        Ty::Any => json!({}),
        Ty::AnyObject => json!({"type": "object"}),
        Ty::Nothing => json!({"not": {}}),
    };
    if nullable {
        value["nullable"] = json!(true);
    }
    value
}

fn parameter(param: &Param, components: &[Component]) -> Value {
    let mut value = json!({
        "name": param.name,
        "in": param.location,
        "required": param.required,
        "schema": schema(&param.ty, components, false),
    });
    if let Some(style) = param.style {
        value["style"] = json!(style);
    }
    if let Some(explode) = param.explode {
        value["explode"] = json!(explode);
    }
    value
}

fn response(answer: Option<usize>, components: &[Component]) -> Value {
    match answer {
        Some(index) => json!({
            "description": "The answer.",
            "content": {"application/json": {"schema": reference(index, components)}},
        }),
        None => json!({"description": "Nothing."}),
    }
}

/// Specs a step smaller, larger steps first: half the operations gone, one operation, half the
/// components made booleans (references keep their targets), one component, one parameter, one
/// property.
pub fn smaller(spec: &Spec) -> Vec<Spec> {
    let mut found = Vec::new();
    let operations = spec.operations.len();
    for (start, end) in [(0, operations / 2), (operations / 2, operations)] {
        if end > start && operations > 1 {
            let mut candidate = spec.clone();
            candidate.operations.drain(start..end);
            found.push(candidate);
        }
    }
    for index in 0..operations {
        let mut candidate = spec.clone();
        candidate.operations.remove(index);
        found.push(candidate);
    }
    let components = spec.components.len();
    for (start, end) in [(0, components / 2), (components / 2, components)] {
        let mut candidate = spec.clone();
        let mut changed = false;
        for component in &mut candidate.components[start..end] {
            changed |= component.ty != Ty::Bool;
            component.ty = Ty::Bool;
        }
        if changed {
            found.push(candidate);
        }
    }
    for index in 0..components {
        if spec.components[index].ty != Ty::Bool {
            let mut candidate = spec.clone();
            candidate.components[index].ty = Ty::Bool;
            found.push(candidate);
        }
    }
    for (index, operation) in spec.operations.iter().enumerate() {
        for param in 0..operation.params.len() {
            let mut candidate = spec.clone();
            candidate.operations[index].params.remove(param);
            found.push(candidate);
        }
    }
    for (index, component) in spec.components.iter().enumerate() {
        if let Ty::Object(object) = &component.ty {
            for prop in 0..object.properties.len() {
                let mut candidate = spec.clone();
                if let Ty::Object(object) = &mut candidate.components[index].ty {
                    object.properties.remove(prop);
                }
                found.push(candidate);
            }
        }
    }
    found
}
