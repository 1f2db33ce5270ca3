//! The intermediate model the emitters read: Rust-ready names, resolved references, flattened
//! `allOf`, and every rule of the spec attached to the shape it constrains.
//!
//! Lowering builds it from `openapiv3` types; emitters never see `openapiv3`.

/// Everything one spec describes, in spec order.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The spec's `info.title`.
    pub title: String,
    /// The spec's `info.description`, if any.
    pub description: Option<String>,
    /// Named types: components and the inline schemas lifted out of them.
    pub types: Vec<TypeDef>,
    /// Every operation, in path order then method order.
    pub operations: Vec<Operation>,
    /// The path of the first `servers` URL (`/beta`), without a trailing slash; empty if none.
    pub base_path: String,
    /// Rust type name -> position in `types`, for [`Model::find`].
    pub type_index: std::collections::BTreeMap<String, usize>,
    /// The Cargo feature of each area and what each compiles, when asked for.
    pub features: Option<Features>,
}

/// One Cargo feature per area of operations: a type is compiled when a feature whose
/// operations reach it is on (`docs/features.md`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Features {
    /// Every feature, sorted: the areas' and [`Features::other`].
    pub all: Vec<String>,
    /// An operation group (its parts' stem) -> its area's feature.
    pub areas: std::collections::BTreeMap<String, String>,
    /// A type -> the features that compile it, sorted; a type compiled whatever the
    /// features (every feature reaches it) is not listed.
    pub types: std::collections::BTreeMap<String, Vec<String>>,
    /// The feature of the types no operation reaches but through a discriminated union's
    /// variants (or at all), when there are any.
    pub other: Option<String>,
}

impl Model {
    /// The type with this Rust name.
    pub fn find(&self, rust_name: &str) -> Option<&TypeDef> {
        self.type_index
            .get(rust_name)
            .map(|&index| &self.types[index])
    }

    /// The name of the type a value of `shape` is when that type checks it by itself through
    /// `Validate`: a reference, not nullable, to a struct, enum or union.
    pub fn validated_type<'s>(&self, shape: &'s Shape) -> Option<&'s str> {
        match &shape.kind {
            ShapeKind::Named(name) if !shape.nullable => self
                .find(name)
                .is_some_and(|def| def.kind.implements_validate())
                .then_some(name.as_str()),
            _ => None,
        }
    }

    /// Whether any operation takes a `multipart/form-data` body, whose parser and writer are
    /// a file of their own.
    pub fn uses_multipart(&self) -> bool {
        self.operations.iter().any(|op| {
            matches!(
                op.body.as_ref().map(|body| &body.content),
                Some(
                    BodyContent::Multipart(_)
                        | BodyContent::JsonOrFields {
                            multipart: true,
                            ..
                        }
                )
            )
        })
    }

    /// Whether any value is a date-time or date, which need chrono (the dependency and the
    /// format checks).
    pub fn uses_dates(&self) -> bool {
        self.uses(&|kind| {
            matches!(
                kind,
                ShapeKind::String(StringFormat::DateTime | StringFormat::Date)
            )
        })
    }

    /// Whether any rule is a `pattern` that regex runs.
    pub fn uses_patterns(&self) -> bool {
        self.uses_rule(&|rules| rules.pattern.as_ref().is_some_and(|p| !p.backtracking))
    }

    /// Whether any rule is a `pattern` that needs a backtracking engine (fancy-regex).
    pub fn uses_backtracking_patterns(&self) -> bool {
        self.uses_rule(&|rules| rules.pattern.as_ref().is_some_and(|p| p.backtracking))
    }

    /// Whether any shape in the model is of this kind.
    fn uses(&self, wanted: &dyn Fn(&ShapeKind) -> bool) -> bool {
        self.any_shape(&|shape| wanted(&shape.kind))
    }

    /// Whether any shape in the model has a rule like this.
    fn uses_rule(&self, wanted: &dyn Fn(&Rules) -> bool) -> bool {
        self.any_shape(&|shape| wanted(&shape.rules))
    }

    /// The types a request may carry: reachable from a request body or a parameter. With
    /// operations in the spec, only these are validated on a hot path.
    pub fn request_types(&self) -> std::collections::BTreeSet<String> {
        self.reachable(self.operations.iter().flat_map(|op| {
            op.params
                .iter()
                .map(|p| &p.shape)
                .chain(op.body.iter().filter_map(Body::shape))
        }))
    }

    /// The types a success response may carry.
    pub fn response_types(&self) -> std::collections::BTreeSet<String> {
        self.reachable(
            self.operations
                .iter()
                .flat_map(|op| op.successes.iter().filter_map(|r| r.body.shape())),
        )
    }

    /// The named types a value of these shapes may contain, followed through fields, items,
    /// alias targets and union variants.
    fn reachable<'a>(
        &'a self,
        roots: impl IntoIterator<Item = &'a Shape>,
    ) -> std::collections::BTreeSet<String> {
        let mut found = std::collections::BTreeSet::new();
        let mut pending: Vec<&Shape> = roots.into_iter().collect();
        while let Some(shape) = pending.pop() {
            match &shape.kind {
                ShapeKind::Array(item) | ShapeKind::Map(item) => pending.push(item),
                ShapeKind::Named(name) if found.insert(name.clone()) => {
                    match self.find(name).map(|def| &def.kind) {
                        Some(TypeKind::Struct(s)) => {
                            pending.extend(s.fields.iter().map(|f| &f.shape));
                            if let ExtraProperties::Keep(shape) = &s.extra {
                                pending.push(shape);
                            }
                        }
                        Some(TypeKind::Alias(inner)) => pending.push(inner),
                        Some(TypeKind::Union(u)) => {
                            pending.extend(u.variants.iter().map(|v| &v.shape));
                        }
                        Some(TypeKind::Enum(_)) | None => {}
                    }
                }
                _ => {}
            }
        }
        found
    }

    fn any_shape(&self, wanted: &dyn Fn(&Shape) -> bool) -> bool {
        let in_operations = self.operations.iter().any(|op| {
            op.params.iter().any(|p| p.shape.any(wanted))
                || op.body.iter().any(|body| {
                    body.shape().is_some_and(|s| s.any(wanted))
                        || body.part_shapes().any(|s| s.any(wanted))
                })
                || op
                    .successes
                    .iter()
                    .filter_map(|r| r.body.shape())
                    .any(|s| s.any(wanted))
        });
        in_operations || self.types.iter().any(|def| def.any_shape(wanted))
    }
}

impl TypeDef {
    /// Whether any shape of the type's definition (its fields and extra members, its alias
    /// target, its variants), or any shape inside one, is one that `wanted` holds for.
    pub fn any_shape(&self, wanted: &dyn Fn(&Shape) -> bool) -> bool {
        match &self.kind {
            TypeKind::Struct(s) => {
                s.fields.iter().any(|f| f.shape.any(wanted))
                    || matches!(&s.extra, ExtraProperties::Keep(shape) if shape.any(wanted))
            }
            TypeKind::Alias(shape) => shape.any(wanted),
            TypeKind::Union(u) => u.variants.iter().any(|v| v.shape.any(wanted)),
            TypeKind::Enum(_) => false,
        }
    }
}

/// A named type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// Rust type name (UpperCamelCase, unique in the model).
    pub name: String,
    /// Where it comes from, for docs and errors: `#/components/schemas/x` or an inline pointer.
    pub origin: String,
    /// The name messages use: the component key (`microsoft.graph.entity`), or the Rust name
    /// for an inline schema.
    pub schema_name: String,
    /// The schema's description.
    pub doc: Option<String>,
    pub kind: TypeKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Struct(Struct),
    Enum(Enum),
    /// A named schema that is not an object or enum (`type: integer` at the top, an array, ...).
    Alias(Shape),
    /// `oneOf` / `anyOf`, or an object base with subtypes picked by a discriminator.
    Union(Union),
}

impl TypeKind {
    /// Whether the type implements `Validate`; an alias is checked by a function instead.
    pub fn implements_validate(&self) -> bool {
        matches!(
            self,
            TypeKind::Struct(_) | TypeKind::Enum(_) | TypeKind::Union(_)
        )
    }
}

/// A value that is one of several shapes.
#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    pub variants: Vec<UnionVariant>,
    /// The property whose value names the variant (`@odata.type`, `kind`), when there is one.
    pub discriminator: Option<String>,
    /// `oneOf` (exactly one variant matches) rather than `anyOf` (at least one).
    pub exactly_one: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// The Rust variant name.
    pub name: String,
    pub shape: Shape,
    /// The discriminator values that select this variant.
    pub tags: Vec<String>,
}

/// An object schema with its `allOf` parts flattened in.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    pub fields: Vec<Field>,
    pub extra: ExtraProperties,
    /// The value `@odata.type` must carry when sent, when the struct has that property.
    pub odata_type: Option<String>,
    /// `minProperties` / `maxProperties`.
    pub min_properties: Option<usize>,
    pub max_properties: Option<usize>,
    /// On a derived PATCH type, the struct it is made from: the same properties, none required.
    pub patch_of: Option<String>,
    /// `anyOf` / `oneOf` whose alternatives only list `required` properties.
    pub required_sets: Vec<RequiredSets>,
}

/// Sets of properties (wire names) of which at least one, or for `oneOf` exactly one, must be
/// present in full: JSON Schema's way to say "an inbound rule, an outbound rule, or both".
#[derive(Debug, Clone, PartialEq)]
pub struct RequiredSets {
    pub sets: Vec<Vec<String>>,
    pub exactly_one: bool,
}

/// What the schema says about properties it does not declare (`additionalProperties`).
#[derive(Debug, Clone, PartialEq)]
pub enum ExtraProperties {
    /// Absent or `true`: tolerated and dropped when decoding.
    Ignore,
    /// `false`: a request carrying one is rejected.
    Reject,
    /// A schema: kept in a map of that shape.
    Keep(Box<Shape>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The property name on the wire.
    pub wire_name: String,
    /// The Rust field name (snake_case, keywords escaped, unique in the struct).
    pub rust_name: String,
    pub doc: Option<String>,
    pub shape: Shape,
    /// Listed in `required`.
    pub required: bool,
    /// `readOnly`: sent by the server only.
    pub read_only: bool,
    /// `writeOnly`: sent by the client only.
    pub write_only: bool,
    /// Held in a `Box` because the field's type contains this struct again (a recursive
    /// schema), which would otherwise have no finite size.
    pub boxed: bool,
}

impl Field {
    /// How the field is held in Rust.
    pub fn presence(&self) -> Presence {
        match (self.required && !self.read_only, self.shape.nullable) {
            (true, false) => Presence::Required,
            (true, true) => Presence::RequiredNullable,
            (false, false) => Presence::Optional,
            (false, true) => Presence::OptionalNullable,
        }
    }
}

/// Required, optional and nullable kept apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// `T`: the key must be present and not null.
    Required,
    /// `Option<T>`: the key must be present; `None` is `null`.
    RequiredNullable,
    /// `Option<T>`: `None` is an absent key.
    Optional,
    /// `Option<Option<T>>`: absent, `null` and a value are three different things.
    OptionalNullable,
}

/// A closed set of string values.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    pub variants: Vec<Variant>,
    /// The name of the catch-all variant that keeps values this crate does not know.
    pub other_variant: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub wire_name: String,
    pub rust_name: String,
}

/// The shape of a value plus the rules the spec puts on it.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub kind: ShapeKind,
    pub nullable: bool,
    pub rules: Rules,
    pub doc: Option<String>,
}

impl Shape {
    /// Whether this shape, or one nested in it, matches.
    pub fn any(&self, wanted: &dyn Fn(&Shape) -> bool) -> bool {
        wanted(self)
            || match &self.kind {
                ShapeKind::Array(item) | ShapeKind::Map(item) => item.any(wanted),
                _ => false,
            }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ShapeKind {
    String(StringFormat),
    Integer(IntFormat),
    /// `type: number` without an integer format.
    Float(FloatFormat),
    Boolean,
    /// A named type of the model, by Rust name.
    Named(String),
    Array(Box<Shape>),
    /// An object whose only content is `additionalProperties: <schema>`.
    Map(Box<Shape>),
    /// `type: object` with nothing else: a free-form JSON object.
    AnyObject,
    /// `{}`: any JSON value.
    Any,
    /// `not: {}`: no value at all. A value there is always a violation, so an optional
    /// property of this shape can only be absent.
    Nothing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StringFormat {
    Plain,
    DateTime,
    Date,
    Uuid,
    Byte,
}

/// An integer's `format`, which fixes its Rust type and the range it accepts. Graph writes its
/// small integer types (Edm.SByte, Byte, Int16) as `int8`, `uint8` and `int16`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntFormat {
    Int8,
    UInt8,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
}

impl IntFormat {
    /// The format named by a spec's `format`, if it is an integer format.
    pub fn from_format(format: &str) -> Option<IntFormat> {
        Some(match format {
            "int8" => IntFormat::Int8,
            "uint8" => IntFormat::UInt8,
            "int16" => IntFormat::Int16,
            "uint16" => IntFormat::UInt16,
            "int32" => IntFormat::Int32,
            "uint32" => IntFormat::UInt32,
            "int64" => IntFormat::Int64,
            _ => return None,
        })
    }

    /// The name the spec gives it, as messages say it.
    pub fn name(self) -> &'static str {
        match self {
            IntFormat::Int8 => "int8",
            IntFormat::UInt8 => "uint8",
            IntFormat::Int16 => "int16",
            IntFormat::UInt16 => "uint16",
            IntFormat::Int32 => "int32",
            IntFormat::UInt32 => "uint32",
            IntFormat::Int64 => "int64",
        }
    }

    /// The name with its article, as a message puts it: `an int32`, `a uint8`.
    pub fn with_article(self) -> String {
        let article = if self.name().starts_with('u') {
            "a"
        } else {
            "an"
        };
        format!("{article} {}", self.name())
    }

    pub fn range(self) -> (i64, i64) {
        match self {
            IntFormat::Int8 => (i8::MIN.into(), i8::MAX.into()),
            IntFormat::UInt8 => (u8::MIN.into(), u8::MAX.into()),
            IntFormat::Int16 => (i16::MIN.into(), i16::MAX.into()),
            IntFormat::UInt16 => (u16::MIN.into(), u16::MAX.into()),
            IntFormat::Int32 => (i32::MIN.into(), i32::MAX.into()),
            IntFormat::UInt32 => (u32::MIN.into(), u32::MAX.into()),
            IntFormat::Int64 => (i64::MIN, i64::MAX),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FloatFormat {
    Float,
    Double,
}

/// A `pattern` rule, as Rust's regex engines read it.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// The pattern as the spec writes it, which messages quote.
    pub spec: String,
    /// The spec's pattern in Rust's syntax (see `lower::pattern`).
    pub source: String,
    /// Whether it needs lookaround or backreferences (`^(?!aws:)`), which only a backtracking
    /// engine (fancy-regex) runs; the others run on regex, in time linear in the text.
    pub backtracking: bool,
}

/// A shape's validation keywords, held apart only when it has any: most shapes have none, and
/// the whole set inline made every shape, field and parameter of the model four times the size,
/// a third of the model. Reads as a [`RuleSet`]; writing to one gives the shape its own.
#[derive(Clone, Default)]
pub struct Rules(Option<Box<RuleSet>>);

/// The rules of a shape that has none.
static NO_RULES: RuleSet = RuleSet {
    minimum: None,
    maximum: None,
    multiple_of: None,
    min_length: None,
    max_length: None,
    pattern: None,
    min_items: None,
    max_items: None,
    unique_items: false,
    allowed: Vec::new(),
};

impl std::ops::Deref for Rules {
    type Target = RuleSet;

    fn deref(&self) -> &RuleSet {
        self.0.as_deref().unwrap_or(&NO_RULES)
    }
}

impl std::ops::DerefMut for Rules {
    fn deref_mut(&mut self) -> &mut RuleSet {
        self.0.get_or_insert_with(Box::default)
    }
}

impl From<RuleSet> for Rules {
    fn from(set: RuleSet) -> Self {
        Rules((set != NO_RULES).then(|| Box::new(set)))
    }
}

impl PartialEq for Rules {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl std::fmt::Debug for Rules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

/// Validation keywords, each read once from the spec.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RuleSet {
    pub minimum: Option<Bound>,
    pub maximum: Option<Bound>,
    pub multiple_of: Option<f64>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub pattern: Option<Pattern>,
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
    pub unique_items: bool,
    /// `enum` on a non-string scalar, as JSON text.
    pub allowed: Vec<serde_json::Value>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bound {
    pub value: f64,
    pub exclusive: bool,
}

/// One HTTP operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// `operationId`, or one derived from method and path.
    pub id: String,
    /// The Rust method name (snake_case, unique among operations).
    pub rust_name: String,
    /// The Rust name prefix of its generated types (UpperCamelCase).
    pub type_name: String,
    pub method: Method,
    /// The path template as written in the spec, e.g. `/items/{item-id}`.
    pub path: String,
    /// The path as the server's router matches it: a segment with text after its first
    /// parameter is cut there (`f(a='{a}')` -> `f(a='{a}`), the server splitting the rest.
    /// Operations whose routes differ only in parameter names share the first one's; the
    /// server reads the router's captures in order, under the operation's own names.
    pub route: String,
    pub doc: Option<String>,
    pub params: Vec<Param>,
    pub body: Option<Body>,
    /// Success responses (1XX-3XX codes and ranges), in spec order.
    pub successes: Vec<Response>,
    /// Whether a bearer token authenticates a request.
    pub bearer: bool,
    /// Whether HTTP basic credentials authenticate a request.
    pub basic: bool,
    /// The API keys that each authenticate a request instead: where each goes (`"header"`,
    /// `"query"` or `"cookie"`) and under which name. With neither, the router asks for nothing.
    pub api_keys: Vec<(String, String)>,
    /// The security schemes the operation names that the generated code neither checks nor
    /// sends (HTTP digest, two schemes at once, ...), described for its docs: the service must
    /// check them.
    pub unchecked_security: Vec<String>,
    /// The file stem its generated code goes to, beside the operations of the same group:
    /// its first tag, or else the first segment of its path, in snake_case.
    pub group: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }

    /// Safe to repeat: a client may retry it on 429 and 503.
    pub fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post | Method::Patch)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

impl ParamLocation {
    /// As OpenAPI's `in` spells it: `path`, `query`, `header`, `cookie`.
    pub fn as_str(self) -> &'static str {
        match self {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Cookie => "cookie",
        }
    }

    /// Whether an exploded array repeats its name once per item here (`tag=a&tag=b`,
    /// `tag=a; tag=b`) rather than listing the items after one name.
    pub fn repeats_exploded(self) -> bool {
        matches!(self, ParamLocation::Query | ParamLocation::Cookie)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub wire_name: String,
    pub rust_name: String,
    pub location: ParamLocation,
    pub required: bool,
    pub doc: Option<String>,
    /// A scalar, an enum, or an array of those.
    pub shape: Shape,
    /// For arrays: repeated keys (`explode: true`) rather than one delimited value.
    pub explode: bool,
    /// For arrays not exploded: what separates the items, by the parameter's `style`: `,` for
    /// `form` and `simple`, ` ` for `spaceDelimited`, `|` for `pipeDelimited`.
    pub delimiter: char,
    /// Sent as JSON text (`content: application/json`) rather than in a style.
    pub json: bool,
    /// For a query parameter that is an object of scalars: how its properties are spelled.
    pub object: Option<ObjectStyle>,
    /// For a query parameter with `allowEmptyValue` whose type has no empty text (all but a
    /// plain string): what `name=` stands for.
    pub empty_value: Option<EmptyValue>,
}

/// What an allowed empty value of a query parameter reads as.
#[derive(Debug, Clone, PartialEq)]
pub enum EmptyValue {
    /// As if it were not sent: `page=` for an integer, `pretty=` for a boolean.
    Absent,
    /// This value: an empty list for an array, the one value an enum of one allows (AWS S3's
    /// `?uploads`, a required boolean whose enum is `[true]`).
    Value(serde_json::Value),
}

/// How a query parameter that is an object travels (OpenAPI's `style` and `explode`), shown
/// for `{"low": 1, "high": 5}` under the name `range`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectStyle {
    /// `form`, exploded (the default): `low=1&high=5`, a key per property.
    Exploded,
    /// `form`, not exploded: `range=low,1,high,5`.
    Delimited,
    /// `deepObject`: `range[low]=1&range[high]=5`.
    Deep,
    /// `form`, exploded, of a free-form object (`additionalProperties` only): every query key
    /// no other parameter of the operation takes is an entry, `a=1&b=2` for `{"a": 1, "b": 2}`.
    Entries,
    /// `deepObject` of a free-form object: every key in the parameter's brackets is an entry,
    /// `range[a]=1&range[b]=2`.
    DeepEntries,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub content: BodyContent,
    pub required: bool,
    pub doc: Option<String>,
}

/// What a request body carries.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyContent {
    /// JSON of this shape, checked against it.
    Json(Shape),
    /// A form (`application/x-www-form-urlencoded`) of the fields of this object shape, each
    /// a scalar or an array of scalars, checked as JSON of that shape would be.
    Form(Shape),
    /// JSON of this object shape, or its fields as a form and/or as `multipart/form-data`
    /// parts, as the request's Content-Type says: the spec offers these media types with one
    /// schema, and every field is a scalar, an enum or an array of those. The client sends
    /// JSON.
    JsonOrFields {
        shape: Shape,
        form: bool,
        multipart: bool,
    },
    /// Bytes sent as they are (`application/octet-stream`, Graph's `$value` media), with the
    /// media type the spec names.
    Binary(String),
    /// `multipart/form-data`: each property of an object schema a part, files as bytes.
    Multipart(Multipart),
    /// `text/plain`: a scalar, an enum or a union of those, read from the text as a
    /// parameter's value is, and checked as this shape.
    Text(Shape),
}

/// A `multipart/form-data` body, read into a struct of its own (`type_name`) whose fields are
/// the object's properties, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Multipart {
    pub type_name: String,
    pub fields: Vec<PartField>,
    /// `additionalProperties: false`: a part the object does not declare is refused rather
    /// than ignored.
    pub closed: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PartField {
    pub wire_name: String,
    pub rust_name: String,
    pub required: bool,
    pub doc: Option<String>,
    pub kind: PartKind,
    /// The schema says `nullable`: an optional part sent as the text `null` (one that is no
    /// string, as tools write a null) reads as absent.
    pub nullable: bool,
}

/// What one property's parts carry.
#[derive(Debug, Clone, PartialEq)]
pub enum PartKind {
    /// `type: string, format: binary`: one file, its bytes as sent.
    File,
    /// An array of those: a part per file.
    Files,
    /// Text, checked as this shape: a scalar or enum from its text, an array a part per
    /// item, an object or an array of objects as JSON text.
    Value(Box<Shape>),
}

impl Body {
    /// The shape of a JSON, form or text body.
    pub fn shape(&self) -> Option<&Shape> {
        match &self.content {
            BodyContent::Json(shape)
            | BodyContent::Form(shape)
            | BodyContent::JsonOrFields { shape, .. }
            | BodyContent::Text(shape) => Some(shape),
            BodyContent::Binary(_) | BodyContent::Multipart(_) => None,
        }
    }

    /// The shapes of a multipart body's value parts (its files have none); none for any
    /// other body.
    pub fn part_shapes(&self) -> impl Iterator<Item = &Shape> {
        let fields = match &self.content {
            BodyContent::Multipart(parts) => parts.fields.as_slice(),
            _ => &[],
        };
        fields.iter().filter_map(|field| match &field.kind {
            PartKind::Value(shape) => Some(shape.as_ref()),
            PartKind::File | PartKind::Files => None,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// The status the server sends: the code itself, or for a range the conventional one
    /// (201 for POST, 204 without content, else 200).
    pub status: u16,
    /// As written in the spec: `201`, `2XX`.
    pub key: String,
    pub description: String,
    pub body: ResponseBody,
    /// The Rust variant name (`Created`, `Ok`, `Status299`).
    pub variant: String,
}

/// What a success response carries.
#[derive(Debug, Clone, PartialEq)]
pub enum ResponseBody {
    Empty,
    Json(Shape),
    /// A scalar written as `text/plain`, such as a `$count`.
    Text(Shape),
    /// Bytes as they are, of the media type the spec names (Graph's `$value` media).
    Binary(String),
}

impl ResponseBody {
    /// The shape of a JSON or text body.
    pub fn shape(&self) -> Option<&Shape> {
        match self {
            ResponseBody::Json(shape) | ResponseBody::Text(shape) => Some(shape),
            ResponseBody::Empty | ResponseBody::Binary(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{RuleSet, Rules};

    #[test]
    fn rules_are_held_apart_only_when_a_shape_has_any() {
        let none = Rules::default();
        assert_eq!(none.max_length, None);
        assert!(Rules::from(RuleSet::default()).0.is_none());
        let mut written = Rules::from(RuleSet::default());
        written.max_length = Some(3);
        assert!(written.0.is_some());
        assert_eq!(written.max_length, Some(3));
        assert_ne!(written, none);
        // Borrowing the set to write gives the shape its own, which is still an empty one.
        let mut touched = Rules::from(RuleSet::default());
        touched.allowed.clear();
        assert!(touched.0.is_some());
        assert_eq!(touched, none);
        assert_eq!(format!("{none:?}"), format!("{:?}", RuleSet::default()));
    }
}
