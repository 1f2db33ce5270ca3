//! Paths and operations to the IR: parameters (path, query, header, cookie) with their shapes,
//! the request body and success responses (read in `content.rs`), their names, and what
//! security they need (read in `security.rs`).

use super::content::{creates, range_default, response_has_body, status_variant};
use super::names::{self, Scope};
use super::path_items::{item_pointer, read, Listed, Located, PathItems};
use super::Lowerer;
use crate::diagnostics::escape_segment;
use crate::ir::{
    Body, BodyContent, EmptyValue, ExtraProperties, Method, ObjectStyle, Operation, Param,
    ParamLocation, Presence, Response, ResponseBody, Shape, ShapeKind, StringFormat, TypeKind,
};
use heck::{ToSnakeCase, ToUpperCamelCase};
use indexmap::IndexMap;
use openapiv3::{
    Parameter, ParameterSchemaOrContent, PathItem, PathStyle, QueryStyle, ReferenceOr, StatusCode,
};

/// An operation as found in its path item, named.
struct Found<'d> {
    path: &'d str,
    method: Method,
    operation: &'d openapiv3::Operation,
    path_params: &'d [ReferenceOr<Parameter>],
    pointer: String,
}

impl<'a> Lowerer<'a> {
    /// Names every operation from the path items as written, then reads and lowers one path
    /// item at a time, letting go of each once its operations are lowered.
    pub(super) fn lower_operations(&mut self, mut paths: PathItems) -> Vec<Operation> {
        let listed: Vec<Vec<Listed<'_>>> =
            (0..paths.len()).map(|index| paths.listed(index)).collect();
        let mut names = operation_names(listed.iter().flatten()).into_iter();
        let counts: Vec<usize> = listed.iter().map(Vec::len).collect();
        drop(listed);
        let mut operations = Vec::new();
        for (index, count) in counts.into_iter().enumerate() {
            let item_names: Vec<(String, String)> = names.by_ref().take(count).collect();
            let path = paths.path(index).to_owned();
            // A path item may be another path's, by a local reference: the same operations
            // at this path, their problems reported where they are written.
            let (item, written_at) = match paths.locate(index) {
                Located::At(at, value) => {
                    let written_at = item_pointer(at);
                    match read(value, &written_at) {
                        Ok(item) => (item, written_at),
                        // Reported at the item itself, not again where it is referred to.
                        Err(_) if at != path => continue,
                        Err((at, complaint)) => {
                            self.error(
                                &at,
                                format!("not a valid OpenAPI 3.0 document: {complaint}"),
                            );
                            continue;
                        }
                    }
                }
                Located::Unresolved(reference) => {
                    self.error(
                        &item_pointer(&path),
                        format!("$ref '{reference}' is not supported: a path item may refer only to another path's item under #/paths"),
                    );
                    continue;
                }
            };
            for ((method, name, operation), (id, rust_name)) in methods(&item).zip(item_names) {
                let found = Found {
                    path: &path,
                    method,
                    operation,
                    path_params: &item.parameters,
                    pointer: format!("{written_at}/{name}"),
                };
                operations.extend(self.lower_operation(&found, id, rust_name));
            }
            drop(item);
            paths.release(index);
        }
        self.share_routes(&mut operations);
        operations
    }

    fn lower_operation(
        &mut self,
        found: &Found<'_>,
        id: String,
        rust_name: String,
    ) -> Option<Operation> {
        let operation = found.operation;
        let pointer = &found.pointer;
        let type_name = self.claim_operation_types(&rust_name);
        let errors_before = self.diagnostics.items.len();

        // Operation parameters override path-item ones with the same name and location.
        let mut raw: IndexMap<(String, &'static str), (String, Parameter)> = IndexMap::new();
        let path_item_pointer = pointer
            .rsplit_once('/')
            .map(|(p, _)| p.to_owned())
            .unwrap_or_default();
        let sources = [
            (found.path_params, format!("{path_item_pointer}/parameters")),
            (&operation.parameters[..], format!("{pointer}/parameters")),
        ];
        for (list, list_pointer) in sources {
            for (index, parameter) in list.iter().enumerate() {
                let at = format!("{list_pointer}/{index}");
                // A shared component parameter is lowered where it is declared, so its inline
                // schemas become one type for every operation that uses it.
                let at = component_parameter_key(parameter)
                    .map(|key| format!("/components/parameters/{}", escape_segment(key)))
                    .unwrap_or(at);
                if let Some(parameter) = self.resolve_parameter(parameter, &at) {
                    let location = match &parameter {
                        Parameter::Path { .. } => "path",
                        Parameter::Query { .. } => "query",
                        Parameter::Header { .. } => "header",
                        Parameter::Cookie { .. } => "cookie",
                    };
                    let name = parameter.parameter_data_ref().name.clone();
                    raw.insert((name, location), (at, parameter));
                }
            }
        }
        let mut scope = Scope::new();
        scope.reserve("body");
        scope.reserve("context");
        let mut params = Vec::new();
        for (at, parameter) in raw.values() {
            if let Some(param) = self.lower_parameter(parameter, at, &type_name, &mut scope) {
                params.push(param);
            }
        }
        // Against what is declared, so that a path parameter refused for its own sake is not
        // reported again as missing.
        for name in template_names(found.path) {
            let declared = raw.values().any(|(_, parameter)| {
                matches!(parameter, Parameter::Path { .. })
                    && parameter.parameter_data_ref().name == name
            });
            if !declared {
                self.error(pointer, format!("the path has {{{name}}} but the operation declares no path parameter '{name}'"));
            }
        }
        for param in params.iter().filter(|p| p.location == ParamLocation::Path) {
            if !template_names(found.path).any(|name| name == param.wire_name) {
                self.error(
                    pointer,
                    format!(
                        "path parameter '{}' does not appear in the path {}",
                        param.wire_name, found.path
                    ),
                );
            }
        }

        let mut body = operation
            .request_body
            .as_ref()
            .and_then(|body| self.lower_body(body, &format!("{pointer}/requestBody"), &type_name));
        if found.method == Method::Patch {
            if let Some(Body {
                content: BodyContent::Json(shape),
                ..
            }) = &mut body
            {
                self.use_patch_type(shape);
            }
        }

        let mut successes = Vec::new();
        for (status, response) in &operation.responses.responses {
            let key = status.to_string();
            let at = format!("{pointer}/responses/{key}");
            let code = match status {
                StatusCode::Code(code) if *code < 400 => *code,
                StatusCode::Range(range @ 1..=3) => range_default(
                    *range,
                    creates(found.method, operation),
                    response_has_body(self, response),
                ),
                _ => continue,
            };
            if let Some(response) = self.lower_response(response, &at, &type_name, code, key) {
                successes.push(response);
            }
        }
        if successes.is_empty() && self.diagnostics.items.len() == errors_before {
            // Published specs often list only the failures (petstore's update: 400, 404, 405).
            // The call still succeeds somehow; what the spec does not say is a body, so any 2XX
            // is taken as success without one, and the server answers 204.
            successes.push(Response {
                status: 204,
                key: "2XX".into(),
                description: "Success. The spec declares no success response, so any 2XX is taken as one, without a body.".into(),
                body: ResponseBody::Empty,
                variant: status_variant(204),
            });
        }
        let mut variants = Scope::new();
        for response in &mut successes {
            response.variant = variants.claim(&response.variant);
        }

        let route = super::route::route_of(found.path)
            .map_err(|problem| {
                let path_pointer = pointer.rsplit_once('/').map_or("", |(p, _)| p);
                self.error(path_pointer, problem);
            })
            .ok();
        if self.diagnostics.items.len() > errors_before {
            return None;
        }
        let security = self.security(operation);
        Some(Operation {
            id,
            rust_name,
            type_name,
            method: found.method,
            path: found.path.to_owned(),
            route: route?,
            doc: join_docs(
                operation.summary.as_deref(),
                operation.description.as_deref(),
            ),
            params,
            body,
            successes,
            bearer: security.bearer,
            basic: security.basic,
            api_keys: security.api_keys,
            unchecked_security: security.unchecked,
            group: names::operation_group(operation.tags.first().map(String::as_str), found.path),
        })
    }

    /// An item, or the item a local `$ref` names in one section of `components`
    /// (`section` as in the pointer, `what` for the message).
    pub(super) fn resolve_component<T: Clone>(
        &mut self,
        item: &ReferenceOr<T>,
        pointer: &str,
        section: &str,
        what: &str,
        table: fn(&openapiv3::Components) -> &IndexMap<String, ReferenceOr<T>>,
    ) -> Option<T> {
        match item {
            ReferenceOr::Item(item) => Some(item.clone()),
            ReferenceOr::Reference { reference } => {
                let prefix = format!("#/components/{section}/");
                let found = reference
                    .strip_prefix(prefix.as_str())
                    .and_then(|key| table(self.document.components.as_ref()?).get(key));
                match found {
                    Some(ReferenceOr::Item(item)) => Some(item.clone()),
                    _ => {
                        self.error(
                            pointer,
                            format!("$ref '{reference}' does not resolve to a {what} under #/components/{section}"),
                        );
                        None
                    }
                }
            }
        }
    }

    fn resolve_parameter(
        &mut self,
        parameter: &ReferenceOr<Parameter>,
        pointer: &str,
    ) -> Option<Parameter> {
        self.resolve_component(parameter, pointer, "parameters", "parameter", |c| {
            &c.parameters
        })
    }

    fn lower_parameter(
        &mut self,
        parameter: &Parameter,
        pointer: &str,
        type_name: &str,
        scope: &mut Scope,
    ) -> Option<Param> {
        let data = parameter.parameter_data_ref();
        // `explode` defaults to true for `form` only (OpenAPI 3.0, Parameter Object).
        let (location, explode, delimiter) = match parameter {
            Parameter::Path { style, .. } => {
                if !matches!(style, PathStyle::Simple) {
                    let name = if matches!(style, PathStyle::Matrix) {
                        "matrix"
                    } else {
                        "label"
                    };
                    self.error(
                        &format!("{pointer}/style"),
                        format!("path parameters of style `{name}` are not supported; `simple` is"),
                    );
                    return None;
                }
                (ParamLocation::Path, false, ',')
            }
            Parameter::Query { style, .. } => match style {
                QueryStyle::Form => (ParamLocation::Query, data.explode.unwrap_or(true), ','),
                QueryStyle::SpaceDelimited => {
                    (ParamLocation::Query, data.explode.unwrap_or(false), ' ')
                }
                QueryStyle::PipeDelimited => {
                    (ParamLocation::Query, data.explode.unwrap_or(false), '|')
                }
                QueryStyle::DeepObject => (ParamLocation::Query, true, ','),
            },
            Parameter::Header { .. } => (ParamLocation::Header, false, ','),
            Parameter::Cookie { .. } => (ParamLocation::Cookie, data.explode.unwrap_or(true), ','),
        };
        let (schema, at, json) = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                (schema, format!("{pointer}/schema"), false)
            }
            ParameterSchemaOrContent::Content(content) => {
                let only_json = match content.iter().collect::<Vec<_>>().as_slice() {
                    [(media, media_type)] if super::content::is_json(media) => media_type
                        .schema
                        .as_ref()
                        .map(|schema| (schema, escape_segment(media))),
                    _ => None,
                };
                let Some((schema, media)) = only_json else {
                    self.error(
                        &format!("{pointer}/content"),
                        "a parameter's `content` must be one JSON media type with a schema",
                    );
                    return None;
                };
                (schema, format!("{pointer}/content/{media}/schema"), true)
            }
        };
        let field = names::field_name(&data.name)
            .trim_start_matches("r#")
            .to_upper_camel_case();
        let hint = match pointer.strip_prefix("/components/parameters/") {
            Some(key) => names::type_name(key),
            None => format!("{type_name}{field}"),
        };
        let mut shape = self.shape(schema, &at, &hint)?;
        // A parameter is text in a path, query or header: absent or present, never null.
        // Graph marks its function parameters `nullable: true` all the same.
        shape.nullable = false;
        let deep = matches!(
            parameter,
            Parameter::Query {
                style: QueryStyle::DeepObject,
                ..
            }
        );
        let form = matches!(
            parameter,
            Parameter::Query {
                style: QueryStyle::Form,
                ..
            }
        );
        // JSON text carries any shape; a style carries scalars and arrays of them, and a query
        // in `form` or `deepObject` style an object of scalars.
        let object = match (json, self.is_scalar_object(&shape)) {
            (false, true) if deep => Some(ObjectStyle::Deep),
            (false, true) if form && explode => Some(ObjectStyle::Exploded),
            (false, true) if form => Some(ObjectStyle::Delimited),
            (false, false) if form && explode && self.is_scalar_map(&shape) => {
                Some(ObjectStyle::Entries)
            }
            (false, false) if deep && self.is_scalar_map(&shape) => Some(ObjectStyle::DeepEntries),
            _ => None,
        };
        if deep && object.is_none() {
            self.error(
                &at,
                "a `deepObject` parameter must be an object whose properties are strings, numbers, booleans or enums, or a free-form object of those",
            );
            return None;
        }
        if !json
            && object.is_none()
            && !self.is_parameter_shape(&shape)
            && !self.is_scalar_or_list(&shape)
        {
            self.error(
                &at,
                "a parameter must be a string, number, boolean or enum, a `oneOf` or `anyOf` of those (and of arrays of those), an array of those, or (in the query, style `form` or `deepObject`) an object of those",
            );
            return None;
        }
        let allows_empty = matches!(
            parameter,
            Parameter::Query {
                allow_empty_value: Some(true),
                ..
            }
        );
        let empty_value = (allows_empty && !json && object.is_none())
            .then(|| self.empty_value(&shape))
            .flatten();
        let required = data.required || location == ParamLocation::Path;
        Some(Param {
            wire_name: data.name.clone(),
            rust_name: scope.claim(&names::field_name(&data.name)),
            location,
            required,
            doc: data.description.clone(),
            shape,
            explode: explode && !json,
            delimiter,
            json,
            object,
            empty_value,
        })
    }

    /// What an empty value stands for, for a parameter that allows one: `None` for a plain
    /// string, whose empty text is a value like any other.
    fn empty_value(&self, shape: &Shape) -> Option<EmptyValue> {
        if matches!(shape.kind, ShapeKind::Array(_)) {
            return Some(EmptyValue::Value(serde_json::Value::Array(Vec::new())));
        }
        if let [only] = shape.rules.allowed.as_slice() {
            return Some(EmptyValue::Value(only.clone()));
        }
        let resolved = self.unaliased(shape);
        match &resolved.kind {
            ShapeKind::Named(name) => match self.lowered(name).map(|d| &d.kind) {
                Some(TypeKind::Enum(e)) => match e.variants.as_slice() {
                    [only] => Some(EmptyValue::Value(only.wire_name.clone().into())),
                    _ => Some(EmptyValue::Absent),
                },
                _ => Some(EmptyValue::Absent),
            },
            ShapeKind::String(StringFormat::Plain) | ShapeKind::Any
                if resolved.rules.allowed.is_empty() =>
            {
                None
            }
            _ => Some(EmptyValue::Absent),
        }
    }

    /// The shape an alias chain ends at: the first that is not a component alias. The chain is
    /// followed at most once around every type: a spec with problems may leave an alias naming
    /// itself, which lowering reports elsewhere.
    fn unaliased<'s>(&'s self, shape: &'s Shape) -> &'s Shape {
        let mut shape = shape;
        for _ in 0..=self.types.len() {
            let ShapeKind::Named(name) = &shape.kind else {
                break;
            };
            match self.lowered(name).map(|d| &d.kind) {
                Some(TypeKind::Alias(inner)) => shape = inner,
                _ => break,
            }
        }
        shape
    }

    /// A string, number or boolean, directly or through aliases.
    pub(super) fn is_scalar_shape(&self, shape: &Shape) -> bool {
        matches!(
            self.unaliased(shape).kind,
            ShapeKind::String(_) | ShapeKind::Integer(_) | ShapeKind::Float(_) | ShapeKind::Boolean
        )
    }

    pub(super) fn is_parameter_shape(&self, shape: &Shape) -> bool {
        let single = |shape: &Shape| {
            self.is_text_shape(shape)
                || matches!(&shape.kind, ShapeKind::Named(name) if self.lowered(name).is_some_and(
                    |d| matches!(&d.kind, TypeKind::Union(union) if self.is_scalar_union(union)),
                ))
        };
        match &shape.kind {
            ShapeKind::Array(item) => single(item),
            _ => single(shape),
        }
    }

    /// A scalar, an enum, a component that names one (`$ref: '#/components/schemas/Id'`), or
    /// a schema without a type (its value is the text as sent).
    pub(super) fn is_text_shape(&self, shape: &Shape) -> bool {
        match &shape.kind {
            ShapeKind::Any => true,
            ShapeKind::Named(name) => {
                self.lowered(name)
                    .is_some_and(|d| matches!(d.kind, TypeKind::Enum(_)))
                    || self.is_enum_component(name)
                    || self.is_scalar_shape(shape)
            }
            _ => self.is_scalar_shape(shape),
        }
    }

    /// A `oneOf`/`anyOf` of scalars and enums (GitHub's `workflow-id`: an integer or a file
    /// name): the text is read as each alternative in turn, as a body's value would be.
    fn is_scalar_union(&self, union: &crate::ir::Union) -> bool {
        union.discriminator.is_none()
            && union.variants.iter().all(|variant| {
                !variant.shape.nullable
                    && variant.shape.kind != ShapeKind::Any
                    && self.is_text_shape(&variant.shape)
            })
    }

    /// A `oneOf`/`anyOf` of scalars, enums and arrays of those, with an array among them
    /// (`?id=a` or `?id=a&id=b`): one text reads as a scalar alternative, several (or the
    /// style's delimited list) as an array.
    fn is_scalar_or_list(&self, shape: &Shape) -> bool {
        let ShapeKind::Named(name) = &shape.kind else {
            return false;
        };
        let Some(TypeKind::Union(union)) = self.lowered(name).map(|d| &d.kind) else {
            return false;
        };
        let mut lists = 0;
        let taken = union.discriminator.is_none()
            && union.variants.iter().all(|variant| {
                let shape = match &variant.shape.kind {
                    ShapeKind::Array(item) if !variant.shape.nullable => {
                        lists += 1;
                        item.as_ref()
                    }
                    _ => &variant.shape,
                };
                !shape.nullable && shape.kind != ShapeKind::Any && self.is_text_shape(shape)
            });
        taken && lists > 0
    }

    /// A non-nullable object whose every property is a string, number, boolean or enum, not
    /// nullable unless optional: what a query can spell out key by key. A query has no text for
    /// `null`, so an optional nullable property (Apideck's filters) is simply left out.
    fn is_scalar_object(&self, shape: &Shape) -> bool {
        let ShapeKind::Named(name) = &shape.kind else {
            return false;
        };
        let fields = match self.lowered(name).map(|d| &d.kind) {
            Some(TypeKind::Struct(s)) if !matches!(s.extra, ExtraProperties::Keep(_)) => &s.fields,
            _ => return false,
        };
        !shape.nullable
            && !fields.is_empty()
            && fields.iter().all(|field| {
                (!field.shape.nullable || field.presence() == Presence::OptionalNullable)
                    && !matches!(field.shape.kind, ShapeKind::Array(_))
                    && self.is_parameter_shape(&field.shape)
            })
    }

    /// A free-form object whose values are scalars or enums (`additionalProperties: {type:
    /// string}`), or any text (`type: object` alone).
    fn is_scalar_map(&self, shape: &Shape) -> bool {
        match &shape.kind {
            ShapeKind::AnyObject => true,
            ShapeKind::Map(value) => {
                !value.nullable
                    && !matches!(value.kind, ShapeKind::Array(_))
                    && self.is_parameter_shape(value)
            }
            _ => false,
        }
    }

    /// Enum components are lowered in spec order, possibly after the operations refer to them.
    fn is_enum_component(&self, rust_name: &str) -> bool {
        let Some(key) = self.component_keys.get(rust_name) else {
            return false;
        };
        matches!(self.schemas.get(key), Some(ReferenceOr::Item(schema))
            if matches!(&schema.schema_kind, openapiv3::SchemaKind::Type(openapiv3::Type::String(s)) if !s.enumeration.is_empty()))
    }
}

/// The key of a `#/components/parameters/...` reference.
fn component_parameter_key(parameter: &ReferenceOr<Parameter>) -> Option<&str> {
    match parameter {
        ReferenceOr::Reference { reference } => reference.strip_prefix("#/components/parameters/"),
        ReferenceOr::Item(_) => None,
    }
}

fn methods(item: &PathItem) -> impl Iterator<Item = (Method, &'static str, &openapiv3::Operation)> {
    [
        (Method::Get, "get", &item.get),
        (Method::Put, "put", &item.put),
        (Method::Post, "post", &item.post),
        (Method::Delete, "delete", &item.delete),
        (Method::Options, "options", &item.options),
        (Method::Head, "head", &item.head),
        (Method::Patch, "patch", &item.patch),
        (Method::Trace, "trace", &item.trace),
    ]
    .into_iter()
    .filter_map(|(method, name, op)| op.as_ref().map(|op| (method, name, op)))
}

/// The `{name}`s of a path template.
fn template_names(path: &str) -> impl Iterator<Item = &str> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}

/// The types every operation has, named `<prefix><suffix>` by the emitters.
const OPERATION_TYPE_SUFFIXES: [&str; 2] = ["Params", "Response"];

impl Lowerer<'_> {
    /// The prefix of the operation's `Params` and `Response` types, claimed with them so that
    /// they take no model type's name (Google's APIs have a schema
    /// `SetPropertyServiceLevelResponse` beside the method `setPropertyServiceLevel`), nor
    /// another operation's: `SetPropertyServiceLevel2Params` and `...2Response` then. Method
    /// names never start with a digit (see `names::operation_method_name`), so neither does
    /// the prefix.
    fn claim_operation_types(&mut self, rust_name: &str) -> String {
        let wanted = rust_name.to_upper_camel_case();
        let taken = |scope: &Scope, prefix: &str| {
            OPERATION_TYPE_SUFFIXES
                .iter()
                .any(|suffix| scope.is_taken(&format!("{prefix}{suffix}")))
        };
        let mut prefix = wanted.clone();
        let mut n = 2usize;
        while taken(&self.type_scope, &prefix) {
            prefix = format!("{wanted}{n}");
            n += 1;
        }
        for suffix in OPERATION_TYPE_SUFFIXES {
            self.type_scope.reserve(&format!("{prefix}{suffix}"));
        }
        prefix
    }
}

/// `(operation id, rust method name)` for each operation. Graph's ids look like
/// `deviceManagement.deviceCompliancePolicy_CreateUserStatus`; the part after the last `_` or
/// `.` names the method unless two operations share it, in which case the whole id does.
/// Operations without an id get one from method and path.
fn operation_names<'p>(listed: impl Iterator<Item = &'p Listed<'p>>) -> Vec<(String, String)> {
    let ids: Vec<String> = listed
        .map(|op| {
            op.operation_id.map(str::to_owned).unwrap_or_else(|| {
                let words: String = op
                    .path
                    .split('/')
                    .filter(|s| !s.is_empty())
                    .map(|segment| {
                        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                            Some(name) => format!("by {name} "),
                            None => format!("{segment} "),
                        }
                    })
                    .collect();
                format!("{} {words}", op.method.as_str().to_ascii_lowercase())
                    .trim()
                    .to_owned()
            })
        })
        .collect();
    let short = |id: &str| {
        let last = id.rsplit(['_', '.']).find(|s| !s.is_empty()).unwrap_or(id);
        names::operation_method_name(&last.to_snake_case())
    };
    let mut counts: IndexMap<String, usize> = IndexMap::new();
    for id in &ids {
        *counts.entry(short(id)).or_default() += 1;
    }
    let mut scope = Scope::new();
    for name in names::RUNTIME_METHODS {
        scope.reserve(name);
    }
    ids.into_iter()
        .map(|id| {
            let short_name = short(&id);
            let wanted = if counts[&short_name] > 1
                || names::RUNTIME_METHODS.contains(&short_name.as_str())
            {
                names::operation_method_name(&id)
            } else {
                short_name
            };
            let rust_name = scope.claim(&wanted);
            (id, rust_name)
        })
        .collect()
}

fn join_docs(summary: Option<&str>, description: Option<&str>) -> Option<String> {
    match (summary, description) {
        (Some(s), Some(d)) => Some(format!("{s}\n\n{d}")),
        (Some(s), None) => Some(s.to_owned()),
        (None, Some(d)) => Some(d.to_owned()),
        (None, None) => None,
    }
}
