//! What request bodies and success responses carry: JSON of a shape, a form, bytes of a media
//! type, or `text/plain` scalars; and the status a server sends for a response range.

use super::Lowerer;
use crate::diagnostics::escape_segment;
use crate::ir::{
    Body, BodyContent, Method, Response, ResponseBody, Rules, Shape, ShapeKind, StringFormat,
    TypeKind,
};
use openapiv3::{ReferenceOr, RequestBody};

const RESPONSE_PREFIX: &str = "#/components/responses/";
const FORM: &str = "application/x-www-form-urlencoded";
const MULTIPART: &str = "multipart/form-data";

/// The object type a form body would fill: where the spec declares it, and the properties a
/// form cannot carry (objects, arrays of objects, ...).
struct FormFields {
    origin: String,
    unfit: Vec<String>,
}

impl Lowerer<'_> {
    pub(super) fn lower_body(
        &mut self,
        body: &ReferenceOr<RequestBody>,
        pointer: &str,
        type_name: &str,
    ) -> Option<Body> {
        let body = self.resolve_component(body, pointer, "requestBodies", "request body", |c| {
            &c.request_bodies
        })?;
        let carrying = |content: BodyContent| Body {
            content,
            required: body.required,
            doc: body.description.clone(),
        };
        let Some((media, content)) = body.content.iter().find(|(media, _)| is_json(media)) else {
            let form = offered(&body, FORM);
            if let Some((media, content)) = form {
                let at = format!("{pointer}/content/{}/schema", escape_segment(media));
                let shape = self.form_shape(content, &at, type_name)?;
                return Some(carrying(BodyContent::Form(shape)));
            }
            let multipart = offered(&body, MULTIPART);
            if let Some((media, content)) = multipart {
                let at = format!("{pointer}/content/{}/schema", escape_segment(media));
                let parts = self.multipart(content, &at, type_name)?;
                return Some(carrying(BodyContent::Multipart(parts)));
            }
            if let Some(bytes) = body
                .content
                .iter()
                .find_map(|(media, content)| binary_media(media, content))
            {
                let mut body = carrying(BodyContent::Binary(bytes.media.clone()));
                body.doc = bytes.noted(body.doc);
                return Some(body);
            }
            // Bytes carry text too: text/plain is read as a value only when the body has no
            // other media type (Azure lists a file as both octet-stream and text/plain).
            let text = offered(&body, "text/plain");
            if let Some((media, content)) = text {
                let at = format!("{pointer}/content/{}/schema", escape_segment(media));
                let value = self.text_value(content, &at, &format!("{type_name}Body"))?;
                let carried = value.filter(|shape| {
                    !matches!(shape.kind, ShapeKind::Array(_)) && self.is_parameter_shape(shape)
                });
                return Some(match carried {
                    Some(shape) => carrying(BodyContent::Text(shape)),
                    None => {
                        let bytes = Bytes::unchecked_text();
                        let mut body = carrying(BodyContent::Binary(bytes.media.clone()));
                        body.doc = bytes.noted(body.doc);
                        body
                    }
                });
            }
            let types: Vec<&str> = body.content.keys().map(String::as_str).collect();
            self.error(
                &format!("{pointer}/content"),
                format!(
                    "only JSON, form (`application/x-www-form-urlencoded`), `multipart/form-data`, `text/plain` and byte (any other media type but multipart) request bodies are supported, found: {}",
                    types.join(", ")
                ),
            );
            return None;
        };
        let Some(schema) = &content.schema else {
            // JSON with no schema: any JSON value, which the body's docs say.
            let doc = body
                .description
                .as_deref()
                .map_or(String::new(), |d| format!("{d}\n\n"));
            return Some(Body {
                content: BodyContent::Json(Shape {
                    kind: ShapeKind::Any,
                    nullable: true,
                    rules: Rules::default(),
                    doc: None,
                }),
                required: body.required,
                doc: Some(format!(
                    "{doc}Any JSON value, since the spec gives this body no schema."
                )),
            });
        };
        let shape = self.shape(
            schema,
            &format!("{pointer}/content/{}/schema", escape_segment(media)),
            &format!("{type_name}Body"),
        )?;
        Some(self.json_body(&body, schema, shape))
    }

    /// A JSON body, also taken as a form or multipart when the spec offers those with the same
    /// schema and they can carry every field. The docs name any media type not taken.
    fn json_body(
        &self,
        body: &RequestBody,
        schema: &ReferenceOr<openapiv3::Schema>,
        shape: Shape,
    ) -> Body {
        // The same schema offered as a form or multipart is taken too, when those can carry
        // every field.
        let same_schema = |wanted: &str| {
            offered(body, wanted).map(|(_, content)| content.schema.as_ref() == Some(schema))
        };
        let (form, multipart) = (same_schema(FORM), same_schema(MULTIPART));
        let fields = (form == Some(true) || multipart == Some(true))
            .then(|| self.form_fields(&shape))
            .flatten();
        let fit = fields.as_ref().is_some_and(|f| f.unfit.is_empty());
        let (form, multipart) = (fit && form == Some(true), fit && multipart == Some(true));
        let not_taken: Vec<&str> = body
            .content
            .keys()
            .map(String::as_str)
            .filter(|media| {
                let essence = essence(media);
                let taken = is_json(media)
                    || (form && essence == FORM)
                    || (multipart && essence == MULTIPART);
                !taken
            })
            .collect();
        let mut taken = Body {
            content: if form || multipart {
                BodyContent::JsonOrFields {
                    shape,
                    form,
                    multipart,
                }
            } else {
                BodyContent::Json(shape)
            },
            required: body.required,
            doc: body.description.clone(),
        };
        if !not_taken.is_empty() {
            let why = match fields {
                Some(fields) if !fields.unfit.is_empty() => format!(
                    ": a form cannot carry {}",
                    fields
                        .unfit
                        .iter()
                        .map(|name| format!("`{name}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                _ => String::new(),
            };
            let note = format!(
                "The spec also offers this body as {}, which the server does not take{why}. The client sends JSON.",
                not_taken
                    .iter()
                    .map(|media| format!("`{media}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            taken.doc = Some(match taken.doc {
                Some(doc) => format!("{doc}\n\n{note}"),
                None => note,
            });
        }
        taken
    }

    /// The value `text/plain` content carries: its schema's shape, a string when there is no
    /// schema or it has no type; `None` for a schema of an object or array, or a nullable
    /// one, which text cannot carry (such content travels as bytes).
    fn text_value(
        &mut self,
        content: &openapiv3::MediaType,
        at: &str,
        type_name: &str,
    ) -> Option<Option<Shape>> {
        let plain = Shape {
            kind: ShapeKind::String(StringFormat::Plain),
            nullable: false,
            rules: Rules::default(),
            doc: None,
        };
        let Some(schema) = &content.schema else {
            return Some(Some(plain));
        };
        // Decided before lowering, so that an inline object leaves no unused type behind.
        if self.is_structured(schema) {
            return Some(None);
        }
        let shape = self.shape(schema, at, type_name)?;
        Some(match shape.kind {
            ShapeKind::Any => Some(plain),
            _ if shape.nullable => None,
            _ => Some(shape),
        })
    }

    /// A schema of an object or array, directly or through `$ref`s.
    fn is_structured(&self, schema: &ReferenceOr<openapiv3::Schema>) -> bool {
        let mut schema = schema;
        // A cycle of references is reported where the schema is lowered.
        for _ in 0..16 {
            match schema {
                ReferenceOr::Item(item) => {
                    return match &item.schema_kind {
                        openapiv3::SchemaKind::Type(
                            openapiv3::Type::Object(_) | openapiv3::Type::Array(_),
                        ) => true,
                        openapiv3::SchemaKind::Any(any) => {
                            !any.properties.is_empty() || any.items.is_some()
                        }
                        openapiv3::SchemaKind::AllOf { .. } => true,
                        _ => false,
                    };
                }
                ReferenceOr::Reference { reference } => {
                    let next = super::component_key(reference)
                        .and_then(|key| self.schemas.get(key.as_str()));
                    match next {
                        Some(next) => schema = next,
                        None => return false,
                    }
                }
            }
        }
        false
    }

    /// The shape of a form body: an object whose every property is a scalar, an enum or an
    /// array of those, as a form can carry them.
    fn form_shape(
        &mut self,
        content: &openapiv3::MediaType,
        at: &str,
        type_name: &str,
    ) -> Option<Shape> {
        let Some(schema) = &content.schema else {
            let media = at.strip_suffix("/schema").unwrap_or(at);
            self.error(media, "the form body has no schema");
            return None;
        };
        let shape = self.shape(schema, at, &format!("{type_name}Body"))?;
        let Some(form) = self.form_fields(&shape) else {
            self.error(at, "a form body must be an object with properties");
            return None;
        };
        for name in &form.unfit {
            self.error(
                &format!(
                    "{}/properties/{}",
                    form.origin.trim_start_matches('#'),
                    escape_segment(name)
                ),
                "a form field must be a string, number, boolean or enum, or an array of those",
            );
        }
        form.unfit.is_empty().then_some(shape)
    }

    /// What a form of this shape would carry: `None` unless the shape names a non-nullable
    /// object type; otherwise that type's origin and the fields a form cannot carry.
    fn form_fields(&self, shape: &Shape) -> Option<FormFields> {
        let ShapeKind::Named(name) = &shape.kind else {
            return None;
        };
        if shape.nullable {
            return None;
        }
        let declared = self.lowered(name)?;
        let TypeKind::Struct(object) = &declared.kind else {
            return None;
        };
        let unfit = object
            .fields
            .iter()
            .filter(|f| !self.is_parameter_shape(&f.shape))
            .map(|f| f.wire_name.clone())
            .collect();
        Some(FormFields {
            origin: declared.origin.clone(),
            unfit,
        })
    }

    pub(super) fn lower_response(
        &mut self,
        response: &ReferenceOr<openapiv3::Response>,
        pointer: &str,
        type_name: &str,
        status: u16,
        key: String,
    ) -> Option<Response> {
        let response = self.resolve_response(response, pointer)?;
        let json = response.content.iter().find(|(media, _)| is_json(media));
        let text = response
            .content
            .iter()
            .find(|(media, _)| essence(media) == "text/plain");
        let (found, plain_text) = match (json, text) {
            (Some(json), _) => (Some(json), false),
            (None, Some(text)) => (Some(text), true),
            (None, None) if response.content.is_empty() => (None, false),
            (None, None) => {
                let binary = response
                    .content
                    .iter()
                    .find_map(|(media, content)| binary_media(media, content));
                if let Some(bytes) = binary {
                    let description = Some(response.description.clone()).filter(|d| !d.is_empty());
                    return Some(Response {
                        status,
                        key,
                        description: bytes.noted(description).unwrap_or_default(),
                        body: ResponseBody::Binary(bytes.media),
                        variant: status_variant(status),
                    });
                }
                let types: Vec<&str> = response.content.keys().map(String::as_str).collect();
                self.error(
                    &format!("{pointer}/content"),
                    format!(
                        "only JSON, text/plain and byte (any other media type but multipart) response bodies are supported, found: {}",
                        types.join(", ")
                    ),
                );
                return None;
            }
        };
        let description = response.description.clone();
        let shape = match found {
            Some((media, content)) if plain_text => {
                let at = format!("{pointer}/content/{}/schema", escape_segment(media));
                let value =
                    self.text_value(content, &at, &format!("{type_name}Response{status}"))?;
                // The client reads text with `FromStr`, which scalars and enums have.
                match value.filter(|shape| self.is_text_shape(shape)) {
                    Some(shape) => Some(shape),
                    None => {
                        let bytes = Bytes::unchecked_text();
                        return Some(Response {
                            status,
                            key,
                            description: bytes.noted(Some(description)).unwrap_or_default(),
                            body: ResponseBody::Binary(bytes.media),
                            variant: status_variant(status),
                        });
                    }
                }
            }
            Some((media, content)) => match &content.schema {
                Some(schema) => Some(self.shape(
                    schema,
                    &format!("{pointer}/content/{}/schema", escape_segment(media)),
                    &format!("{type_name}Response{status}"),
                )?),
                // JSON without a schema is any JSON value.
                None => Some(Shape {
                    kind: ShapeKind::Any,
                    nullable: true,
                    rules: Rules::default(),
                    doc: None,
                }),
            },
            None => None,
        };
        let body = match shape {
            None => ResponseBody::Empty,
            Some(shape) if plain_text => ResponseBody::Text(shape),
            Some(shape) => ResponseBody::Json(shape),
        };
        Some(Response {
            status,
            key,
            description,
            body,
            variant: status_variant(status),
        })
    }

    fn resolve_response(
        &mut self,
        response: &ReferenceOr<openapiv3::Response>,
        pointer: &str,
    ) -> Option<openapiv3::Response> {
        self.resolve_component(response, pointer, "responses", "response", |c| &c.responses)
    }
}

pub(super) fn response_has_body(
    lowerer: &Lowerer<'_>,
    response: &ReferenceOr<openapiv3::Response>,
) -> bool {
    match response {
        ReferenceOr::Item(response) => !response.content.is_empty(),
        ReferenceOr::Reference { reference } => reference
            .strip_prefix(RESPONSE_PREFIX)
            .and_then(|key| lowerer.document.components.as_ref()?.responses.get(key))
            .is_some_and(|r| matches!(r, ReferenceOr::Item(r) if !r.content.is_empty())),
    }
}

/// Whether the operation creates what it returns: a POST, unless Graph's
/// `x-ms-docs-operation-type` marks it as an action or function, which answer 200 OK.
pub(super) fn creates(method: Method, operation: &openapiv3::Operation) -> bool {
    let kind = operation
        .extensions
        .get("x-ms-docs-operation-type")
        .and_then(|kind| kind.as_str());
    method == Method::Post && !matches!(kind, Some("action" | "function"))
}

/// The status a server sends for a range: 201 for a creating POST with a body, 204 without a
/// body, else the range's first code.
pub(super) fn range_default(range: u16, creates: bool, has_body: bool) -> u16 {
    match (range, creates, has_body) {
        (2, true, true) => 201,
        (2, _, false) => 204,
        (range, _, _) => range * 100,
    }
}

pub(super) fn status_variant(status: u16) -> String {
    match status {
        200 => "Ok".into(),
        201 => "Created".into(),
        202 => "Accepted".into(),
        203 => "NonAuthoritativeInformation".into(),
        204 => "NoContent".into(),
        206 => "PartialContent".into(),
        301 => "MovedPermanently".into(),
        302 => "Found".into(),
        303 => "SeeOther".into(),
        304 => "NotModified".into(),
        307 => "TemporaryRedirect".into(),
        308 => "PermanentRedirect".into(),
        other => format!("Status{other}"),
    }
}

/// A body sent as bytes, and whether the spec's schema for it says so.
struct Bytes {
    /// The media type sent and accepted.
    media: String,
    /// The schema describes something other than bytes (Graph's reports describe their
    /// `application/octet-stream` as an object with a base64url `value`), so nothing applies it.
    schema_not_applied: bool,
}

impl Bytes {
    /// `text/plain` content whose schema describes structure text cannot carry.
    fn unchecked_text() -> Bytes {
        Bytes {
            media: "text/plain".to_owned(),
            schema_not_applied: true,
        }
    }

    /// The docs, with a word on the schema when it is not applied.
    fn noted(&self, doc: Option<String>) -> Option<String> {
        if !self.schema_not_applied {
            return doc;
        }
        let note = format!(
            "The spec's schema for this `{}` content does not describe bytes (`type: string, format: binary`), so the bytes are passed as they are, unchecked.",
            self.media
        );
        Some(match doc {
            Some(doc) => format!("{doc}\n\n{note}"),
            None => note,
        })
    }
}

/// A body sent as bytes: one whose media type is neither JSON, `text/plain`, a form nor
/// multipart.
/// A wildcard (`*/*`, `image/*`) is sent as `application/octet-stream`.
fn binary_media(media: &str, content: &openapiv3::MediaType) -> Option<Bytes> {
    let essence = essence(media);
    let structured = is_json(&essence)
        || essence == "text/plain"
        || essence.starts_with("multipart/")
        || essence == "application/x-www-form-urlencoded";
    let bytes = match &content.schema {
        None => true,
        Some(ReferenceOr::Item(schema)) => matches!(
            &schema.schema_kind,
            openapiv3::SchemaKind::Type(openapiv3::Type::String(s))
                if s.format == openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary)
        ),
        Some(ReferenceOr::Reference { .. }) => false,
    };
    // Sent as a header value, so only a plain `type/subtype` of token characters will do.
    let plain = essence.split_once('/').is_some_and(|(kind, sub)| {
        !kind.is_empty()
            && !sub.is_empty()
            && !sub.contains('/')
            && essence
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+*/".contains(&b))
    });
    if structured || !plain {
        return None;
    }
    let media = if essence.contains('*') {
        "application/octet-stream".to_owned()
    } else {
        essence
    };
    Some(Bytes {
        media,
        schema_not_applied: !bytes,
    })
}

/// A media type without its parameters, in lower case: `Application/JSON; charset=utf-8` ->
/// `application/json`.
fn essence(media: &str) -> String {
    media
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The content a request body offers for a media type (its essence, parameters aside).
fn offered<'b>(
    body: &'b RequestBody,
    wanted: &str,
) -> Option<(&'b String, &'b openapiv3::MediaType)> {
    body.content
        .iter()
        .find(|(media, _)| essence(media) == wanted)
}

pub(super) fn is_json(media: &str) -> bool {
    let essence = essence(media);
    // ASP.NET lists `text/json` beside `application/json` (189 operations in the directory).
    essence == "application/json"
        || essence == "text/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}
