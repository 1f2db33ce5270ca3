//! Helpers shared by the generated code.

/// A string that is not one of an enum's listed values, from `FromStr`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownEnumValue {
    /// The Rust name of the enum.
    pub type_name: &'static str,
    /// The string that was given.
    pub value: String,
    /// The values the enum lists.
    pub expected: &'static [&'static str],
}

impl std::fmt::Display for UnknownEnumValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:?} is not a {} value; expected one of: {}",
            self.value,
            self.type_name,
            self.expected.join(", ")
        )
    }
}

impl std::error::Error for UnknownEnumValue {}

/// The type of a schema no value passes (`not: {}`, which schemars writes for a type without
/// values): it has no values either, so a property of it can only be absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Nothing {}

impl serde::Serialize for Nothing {
    fn serialize<S: serde::Serializer>(&self, _serializer: S) -> Result<S::Ok, S::Error> {
        match *self {}
    }
}

impl<'de> serde::Deserialize<'de> for Nothing {
    fn deserialize<D: serde::Deserializer<'de>>(_deserializer: D) -> Result<Self, D::Error> {
        Err(serde::de::Error::custom("no value is allowed here"))
    }
}

/// Deserializes an optional property: a present key gives `Some`, and `null` is left to the
/// type's own deserializer (it fails for most types; an alias of `Option<T>` reads it as
/// `None`, so `Some(None)`); an absent key is left to `#[serde(default)]`. Used as
/// `deserialize_with` by the validation fast path and for fields of a nullable alias.
pub fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// Deserializes a property that may be absent or `null`: a present key gives `Some`,
/// whose inner `None` is an explicit `null`; an absent key is left to
/// `#[serde(default)]`. Used as `deserialize_with`.
pub fn present_or_null<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(deserializer).map(Some)
}

/// The raw parameters of a request: path segments, query and cookie values already
/// percent-decoded, header values as sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawParams {
    /// Path parameters by name.
    pub path: Vec<(String, String)>,
    /// Query pairs in request order; a key may repeat.
    pub query: Vec<(String, String)>,
    /// Header pairs; names are matched case-insensitively.
    pub headers: Vec<(String, String)>,
    /// Cookie pairs from the `Cookie` header, in order.
    pub cookies: Vec<(String, String)>,
}

/// The values of the pairs whose key `named` accepts, in order.
fn values_named(pairs: &[(String, String)], named: impl Fn(&str) -> bool) -> Vec<&str> {
    pairs
        .iter()
        .filter(|(key, _)| named(key))
        .map(|(_, value)| value.as_str())
        .collect()
}

impl RawParams {
    /// The value of a path parameter (none or one).
    pub fn path(&self, name: &str) -> Vec<&str> {
        values_named(&self.path, |key| key == name)
    }
    /// Every value of a query key, in order.
    pub fn query(&self, name: &str) -> Vec<&str> {
        values_named(&self.query, |key| key == name)
    }
    /// Every value of a header.
    pub fn header(&self, name: &str) -> Vec<&str> {
        values_named(&self.headers, |key| key.eq_ignore_ascii_case(name))
    }
    /// Every value of a cookie.
    pub fn cookie(&self, name: &str) -> Vec<&str> {
        values_named(&self.cookies, |key| key == name)
    }
    /// Parameter text as the JSON value the validators check: a number or boolean when
    /// it reads as one and the schema wants one (`scalar`: either), otherwise the text itself;
    /// with a `?` after the kind (`number?`, a nullable field), `null` is `null`.
    pub fn to_value(text: &str, kind: &str) -> serde_json::Value {
        if let Some(kind) = kind.strip_suffix('?') {
            if text == "null" {
                return serde_json::Value::Null;
            }
            return RawParams::to_value(text, kind);
        }
        match kind {
            "number" => text
                .parse::<serde_json::Number>()
                .map(serde_json::Value::Number)
                .unwrap_or_else(|_| serde_json::Value::String(text.to_owned())),
            "boolean" => match text {
                "true" => serde_json::Value::Bool(true),
                "false" => serde_json::Value::Bool(false),
                _ => serde_json::Value::String(text.to_owned()),
            },
            "scalar" => match RawParams::to_value(text, "number") {
                serde_json::Value::String(_) => RawParams::to_value(text, "boolean"),
                number => number,
            },
            _ => serde_json::Value::String(text.to_owned()),
        }
    }
    /// An array parameter whose items `delimiter` separates (`,` for `form` and `simple`, ` `
    /// for `spaceDelimited`, `|` for `pipeDelimited`) as a JSON array; the empty text is the
    /// empty array, as OpenAPI serializes it.
    pub fn to_array_by(text: &str, kind: &str, delimiter: char) -> serde_json::Value {
        if text.is_empty() {
            return serde_json::Value::Array(Vec::new());
        }
        serde_json::Value::Array(
            text.split(delimiter)
                .map(|item| RawParams::to_value(item, kind))
                .collect(),
        )
    }
    /// What was sent for a parameter that takes one text: nothing, what `read` makes of the
    /// text, or `Repeated` when it was sent more than once.
    fn once(texts: &[&str], read: impl FnOnce(&str) -> Sent) -> Sent {
        match texts {
            [] => Sent::Nothing,
            [text] => read(text),
            _ => Sent::Repeated(texts.len()),
        }
    }
    /// A query parameter the spec allows empty (`allowEmptyValue`): sent once with no text
    /// (`page=`, `uploads`), it reads as `empty` (JSON text; `None` is as if not sent);
    /// otherwise as `read` says of the same texts.
    pub fn empty_or(
        texts: &[&str],
        empty: Option<&str>,
        read: impl FnOnce(&[&str]) -> Sent,
    ) -> Sent {
        match (texts, empty) {
            ([""], None) => Sent::Nothing,
            ([""], Some(json)) => {
                Sent::Value(serde_json::from_str(json).unwrap_or(serde_json::Value::Null))
            }
            _ => read(texts),
        }
    }
    /// A scalar parameter's value; `Repeated` when it was sent more than once.
    pub fn scalar(texts: &[&str], kind: &str) -> Sent {
        RawParams::once(texts, |text| Sent::Value(RawParams::to_value(text, kind)))
    }
    /// An exploded array parameter (`tag=a&tag=b`), one item per text.
    pub fn exploded(texts: &[&str], kind: &str) -> Sent {
        if texts.is_empty() {
            return Sent::Nothing;
        }
        let items = texts
            .iter()
            .map(|text| RawParams::to_value(text, kind))
            .collect();
        Sent::Value(serde_json::Value::Array(items))
    }
    /// A parameter that is one value or a list (`oneOf: [string, array of strings]`): a text
    /// sent once is the value, read as `scalar` says (or, when the value does not hold, a list
    /// of that one item); texts sent again, or one text the style's `delimiter` splits, are
    /// the list, each item read as `item` says. Without scalar alternatives every text is an
    /// item.
    pub fn scalar_or_list(
        texts: &[&str],
        scalar: Option<&str>,
        item: &str,
        delimiter: Option<char>,
    ) -> Sent {
        let list = |text: &str| match delimiter {
            Some(delimiter) => RawParams::to_array_by(text, item, delimiter),
            None => serde_json::Value::Array(vec![RawParams::to_value(text, item)]),
        };
        match (texts, scalar) {
            ([], _) => Sent::Nothing,
            ([text], Some(scalar)) => {
                let value = RawParams::to_value(text, scalar);
                match delimiter {
                    Some(delimiter) if text.contains(delimiter) => Sent::Either(list(text), value),
                    _ => Sent::Either(value, list(text)),
                }
            }
            ([text], None) => Sent::Value(list(text)),
            (_, _) if delimiter.is_some() => Sent::Repeated(texts.len()),
            (_, _) => {
                let items = texts.iter().map(|text| RawParams::to_value(text, item));
                Sent::Value(serde_json::Value::Array(items.collect()))
            }
        }
    }
    /// A comma-separated array parameter; `Repeated` when it was sent more than once.
    pub fn delimited(texts: &[&str], kind: &str) -> Sent {
        RawParams::delimited_by(texts, kind, ',')
    }
    /// An object sent as a query key per property (`style: form`, exploded:
    /// `low=1&high=5`): the properties of `fields` (name and kind) that are present, each read
    /// as its kind says; nothing when none is, `Repeated` when one is sent twice.
    pub fn exploded_object(&self, fields: &[(&str, &str)]) -> Sent {
        let sent = fields
            .iter()
            .map(|(name, kind)| (*name, *kind, self.query(name)));
        RawParams::object_of(sent)
    }
    /// A free-form object sent as a query key per entry (`style: form`, exploded): every
    /// query key the operation's other parameters do not take (`claimed`; one ending in `[`
    /// takes every key it starts, as a `deepObject`'s do), each value read as `kind` says;
    /// nothing when there is none, `RepeatedMember` when a key of a typed value is sent twice.
    pub fn query_entries(&self, claimed: &[&str], kind: &str) -> Sent {
        let taken = |key: &str| {
            claimed.iter().any(|name| {
                if name.ends_with('[') {
                    key.starts_with(name)
                } else {
                    key == *name
                }
            })
        };
        let pairs = self
            .query
            .iter()
            .filter(|(key, _)| !taken(key))
            .map(|(key, value)| (key.as_str(), value.as_str()));
        RawParams::object_of(RawParams::grouped(pairs, &[], kind))
    }
    /// An object in `deepObject` style (`range[low]=1&range[high]=5`): its properties as
    /// [`RawParams::exploded_object`] reads them, and any other key in brackets kept as text
    /// (a list of texts when repeated), which the object's checks refuse or let pass.
    pub fn deep_object(&self, name: &str, fields: &[(&str, &str)]) -> Sent {
        self.bracketed(name, fields, "any")
    }
    /// A free-form object in `deepObject` style (`labels[tier]=gold&labels[size]=2`): every
    /// key in the name's brackets is an entry, each value read as `kind` says.
    pub fn deep_entries(&self, name: &str, kind: &str) -> Sent {
        self.bracketed(name, &[], kind)
    }
    /// The object of the keys in the name's brackets: `fields` by their kinds, others as
    /// `other`.
    fn bracketed(&self, name: &str, fields: &[(&str, &str)], other: &str) -> Sent {
        let prefix = format!("{name}[");
        let pairs = self.query.iter().filter_map(|(key, value)| {
            let inner = key.strip_prefix(&prefix)?.strip_suffix(']')?;
            Some((inner, value.as_str()))
        });
        RawParams::object_of(RawParams::grouped(pairs, fields, other))
    }
    /// An object in `style: form`, not exploded (`range=low,1,high,5`): names and values
    /// alternating, and no text for an object without properties (`range=`, as RFC 6570
    /// expands it); text that does not pair up stays text, for the checks to refuse.
    pub fn delimited_object(texts: &[&str], fields: &[(&str, &str)]) -> Sent {
        RawParams::once(texts, |text| {
            if text.is_empty() {
                return Sent::Value(serde_json::Value::Object(serde_json::Map::new()));
            }
            let items: Vec<&str> = text.split(',').collect();
            if items.len() % 2 == 1 {
                return Sent::Value(serde_json::Value::String(text.to_owned()));
            }
            let pairs = items.chunks(2).map(|pair| (pair[0], pair[1]));
            RawParams::object_of(RawParams::grouped(pairs, fields, "any"))
        })
    }
    /// Property texts by name, in order of first appearance, each with its kind from
    /// `fields` (`other` for a name it does not list).
    fn grouped<'a>(
        pairs: impl Iterator<Item = (&'a str, &'a str)>,
        fields: &[(&'a str, &'a str)],
        other: &'a str,
    ) -> Vec<(&'a str, &'a str, Vec<&'a str>)> {
        let mut sent: Vec<(&str, &str, Vec<&str>)> = Vec::new();
        for (name, text) in pairs {
            match sent.iter_mut().find(|(field, _, _)| *field == name) {
                Some((_, _, texts)) => texts.push(text),
                None => {
                    let kind = fields
                        .iter()
                        .find(|(field, _)| *field == name)
                        .map_or(other, |(_, kind)| *kind);
                    sent.push((name, kind, vec![text]));
                }
            }
        }
        sent
    }
    /// The object of the properties sent (name, kind, texts).
    fn object_of<'a>(sent: impl IntoIterator<Item = (&'a str, &'a str, Vec<&'a str>)>) -> Sent {
        let mut object = serde_json::Map::new();
        for (name, kind, texts) in sent {
            match texts.as_slice() {
                [] => {}
                [text] => {
                    object.insert(name.to_owned(), RawParams::to_value(text, kind));
                }
                many if kind == "any" => {
                    let items = many
                        .iter()
                        .map(|text| serde_json::Value::String((*text).to_owned()));
                    object.insert(name.to_owned(), serde_json::Value::Array(items.collect()));
                }
                _ => return Sent::RepeatedMember(name.to_owned(), texts.len()),
            }
        }
        if object.is_empty() {
            Sent::Nothing
        } else {
            Sent::Value(serde_json::Value::Object(object))
        }
    }
    /// A parameter sent as JSON text (`content: application/json`), as Graph sends a
    /// function's collection parameters (`ids=["a","b"]`). Text that is not JSON stays a
    /// string, so the check names what was sent.
    pub fn json(texts: &[&str]) -> Sent {
        RawParams::once(texts, |text| {
            let mut repeats = Vec::new();
            match super::checks::parse_json(&mut repeats, text.as_bytes()) {
                Ok(value) if repeats.is_empty() => Sent::Value(value),
                Ok(_) => Sent::RepeatedInJson(repeats),
                Err(_) => Sent::Value(serde_json::Value::String(text.to_owned())),
            }
        })
    }
    /// An array parameter whose items `delimiter` separates; `Repeated` when it was sent
    /// more than once.
    pub fn delimited_by(texts: &[&str], kind: &str, delimiter: char) -> Sent {
        RawParams::once(texts, |text| {
            Sent::Value(RawParams::to_array_by(text, kind, delimiter))
        })
    }
    /// A delimited array of strings that must have items (`minItems` of one or more): the
    /// empty text is then one empty string, the only list it can stand for.
    pub fn delimited_items(texts: &[&str], delimiter: char) -> Sent {
        RawParams::once(texts, |text| {
            let items = text
                .split(delimiter)
                .map(|item| serde_json::Value::String(item.to_owned()));
            Sent::Value(serde_json::Value::Array(items.collect()))
        })
    }
}

/// What a request sent for one parameter.
#[derive(Debug, Clone, PartialEq)]
pub enum Sent {
    /// Nothing: the parameter is absent.
    Nothing,
    /// Its value, as JSON for the checks.
    Value(serde_json::Value),
    /// One of two readings of what was sent: the first if it holds, else the second if that
    /// does, else the first with its violations.
    Either(serde_json::Value, serde_json::Value),
    /// A parameter that takes one value, sent this many times (`$top=1&$top=2`), which
    /// OData refuses for its query options and nothing could choose between.
    Repeated(usize),
    /// An object parameter with one of its members (named) sent this many times.
    RepeatedMember(String, usize),
    /// JSON text that names a member twice: a `duplicateProperty` for each repeat, its
    /// target the pointer within the value.
    RepeatedInJson(Vec<super::errors::Violation>),
}

impl Sent {
    /// For a required array sent as a key or a part per item: none is the empty list, which
    /// has no other spelling.
    pub fn or_empty_list(self) -> Sent {
        match self {
            Sent::Nothing => Sent::Value(serde_json::Value::Array(Vec::new())),
            sent => sent,
        }
    }
    /// For a required object sent as a key per member: none is the empty object, which has
    /// no other spelling.
    pub fn or_empty_object(self) -> Sent {
        match self {
            Sent::Nothing => Sent::Value(serde_json::Value::Object(serde_json::Map::new())),
            sent => sent,
        }
    }
}

/// Standard base64 (RFC 4648, with or without padding), as HTTP basic credentials are sent;
/// `None` for any other character or a length no encoding gives.
pub fn base64_decoded(text: &str) -> Option<Vec<u8>> {
    let digits = text.trim_end_matches('=').as_bytes();
    if text.len() - digits.len() > 2 || digits.len() % 4 == 1 {
        return None;
    }
    let value = |digit: u8| -> Option<u32> {
        let value = match digit {
            b'A'..=b'Z' => digit - b'A',
            b'a'..=b'z' => digit - b'a' + 26,
            b'0'..=b'9' => digit - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        Some(u32::from(value))
    };
    let mut bytes = Vec::with_capacity(digits.len() / 4 * 3 + 2);
    for group in digits.chunks(4) {
        let mut bits = 0u32;
        for (index, &digit) in group.iter().enumerate() {
            bits |= value(digit)? << (18 - 6 * index);
        }
        bytes.extend_from_slice(&bits.to_be_bytes()[1..group.len()]);
    }
    Some(bytes)
}

/// `text` with its `%XX` escapes decoded (and `+` as a space, as forms write it); an escape
/// that is not two hex digits stays as it is.
pub fn percent_decoded(text: &[u8], plus_is_space: bool) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut index = 0;
    while index < text.len() {
        let hex = text
            .get(index + 1..index + 3)
            .filter(|_| text[index] == b'%')
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match (text[index], hex) {
            (_, Some(byte)) => {
                bytes.push(byte);
                index += 3;
            }
            (b'+', None) if plus_is_space => {
                bytes.push(b' ');
                index += 1;
            }
            (byte, None) => {
                bytes.push(byte);
                index += 1;
            }
        }
    }
    bytes
}

/// Appends `text` to `out`, every byte `keep` refuses written as `%XX` (and a space as `+`,
/// as forms write it, when `space_as_plus`).
pub fn push_percent_encoded(
    out: &mut String,
    text: &str,
    keep: impl Fn(u8) -> bool,
    space_as_plus: bool,
) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in text.bytes() {
        if keep(byte) {
            out.push(char::from(byte));
        } else if byte == b' ' && space_as_plus {
            out.push('+');
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 15)]));
        }
    }
}

/// RFC 3986's unreserved bytes, which never need escaping.
pub fn unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
}

/// Whether a Content-Type names this media type, parameters such as a charset or a
/// boundary aside.
pub fn is_media(content_type: &str, media: &str) -> bool {
    content_type
        .split(';')
        .next()
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case(media))
}

/// The pairs of a form body (`application/x-www-form-urlencoded`), `+` and `%XX` decoded.
pub fn form_pairs(body: &[u8]) -> Vec<(String, String)> {
    let decode = |text: &[u8]| String::from_utf8_lossy(&percent_decoded(text, true)).into_owned();
    body.split(|byte| *byte == b'&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let split = pair
                .iter()
                .position(|byte| *byte == b'=')
                .unwrap_or(pair.len());
            let value = pair.get(split + 1..).unwrap_or_default();
            (decode(&pair[..split]), decode(value))
        })
        .collect()
}

/// The JSON object a form's pairs stand for, for the schema's checks: each field read as its
/// kind says (`fields` holds name, `"number"` / `"boolean"` / `"string"`, and whether it is an
/// array, whose items come one pair each). A name the form does not declare is kept as text,
/// and a scalar sent twice as an array, so that the checks refuse them. A required array no
/// pair names (`lists`) is the empty list, which a form has no other way to send.
pub fn form_object(
    pairs: &[(String, String)],
    fields: &[(&str, &str, bool)],
    lists: &[&str],
) -> serde_json::Value {
    let mut object: serde_json::Map<String, serde_json::Value> = lists
        .iter()
        .map(|name| ((*name).to_owned(), serde_json::Value::Array(Vec::new())))
        .collect();
    for (name, text) in pairs {
        let (kind, array) = fields
            .iter()
            .find(|(field, _, _)| field == name)
            .map_or(("string", false), |(_, kind, array)| (*kind, *array));
        let value = RawParams::to_value(text, kind);
        match object.get_mut(name.as_str()) {
            Some(serde_json::Value::Array(items)) => items.push(value),
            Some(first) => *first = serde_json::Value::Array(vec![first.take(), value]),
            None if array => {
                object.insert(name.clone(), serde_json::Value::Array(vec![value]));
            }
            None => {
                object.insert(name.clone(), value);
            }
        }
    }
    serde_json::Value::Object(object)
}

/// A JSON object as a form body: each field a pair, an array's items a pair each, `null`
/// left out; bytes other than letters, digits and `-._~` written as `%XX`, a space as `+`.
pub fn form_text(value: &serde_json::Value) -> String {
    let encode = |text: &str, out: &mut String| push_percent_encoded(out, text, unreserved, true);
    let mut out = String::new();
    let fields = value.as_object().into_iter().flatten();
    for (name, field) in fields {
        let items = match field {
            serde_json::Value::Array(items) => items.iter().collect(),
            single => vec![single],
        };
        for item in items {
            let text = match item {
                serde_json::Value::Null => continue,
                serde_json::Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            if !out.is_empty() {
                out.push('&');
            }
            encode(name, &mut out);
            out.push('=');
            encode(&text, &mut out);
        }
    }
    out
}

/// What every operation's parameters struct knows: its method and path, how to read itself
/// from a raw request (the server), and how to write itself out (the client). Generic code
/// over operations (a test harness, a middleware, a router of one's own) takes `P:
/// OperationParams`.
pub trait OperationParams: Sized {
    /// The operation's `operationId`, or the name made for it from its method and path.
    const OPERATION_ID: &'static str;
    /// The HTTP method.
    const METHOD: &'static str;
    /// The path template, as the spec writes it.
    const PATH_TEMPLATE: &'static str;
    /// The headers it declares as parameters, lower case.
    const HEADER_NAMES: &'static [&'static str] = &[];
    /// The cookies it reads: the server looks at no other.
    const COOKIE_NAMES: &'static [&'static str] = &[];
    /// Whether a bearer token authenticates a request.
    const BEARER: bool = false;
    /// Whether HTTP basic credentials authenticate a request.
    const BASIC: bool = false;
    /// The API keys that each authenticate a request instead: where each goes (`"header"`,
    /// `"query"` or `"cookie"`) and its name. With none of the three, the server asks for
    /// nothing; else it asks `Service::authorize` about the credential sent. The client sends
    /// its token as a bearer token where one is taken, else as the first key, else as basic
    /// credentials (`user:password`).
    const API_KEYS: &'static [(&'static str, &'static str)] = &[];
    /// Reads and checks the parameters from the raw request (path segments and query
    /// values already percent-decoded), reporting every violation with the parameter's
    /// name as its target.
    fn from_raw(raw: &RawParams) -> Result<Self, super::errors::ValidationError>;
    /// The request path (without base path), each parameter percent-encoded as one
    /// RFC 3986 path segment (a space is `%20`, `/` is `%2F`).
    fn path(&self) -> String;
    /// The query parameters that are set, as name and text (a free-form object's keys are
    /// its own).
    fn query(&self) -> Vec<(&str, String)> {
        Vec::new()
    }
    /// The query pairs of free-form `deepObject` parameters, whose keys are built from their
    /// entries (`labels[tier]`).
    fn bracketed_query(&self) -> Vec<(String, String)> {
        Vec::new()
    }
    /// The header parameters that are set, as name and text.
    fn headers(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }
    /// The cookie parameters that are set, as name and text.
    fn cookies(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }
}

/// Reads an operation's parameters: each value sent is checked where it stands, every
/// violation is kept with the parameter's name as its target, and the parameters are
/// converted together once all of them hold.
pub struct ParamReader {
    out: Vec<super::errors::Violation>,
    at: super::errors::Pointer,
    object: serde_json::Map<String, serde_json::Value>,
}

impl Default for ParamReader {
    fn default() -> Self {
        ParamReader {
            out: Vec::new(),
            at: super::errors::Pointer::root(),
            object: serde_json::Map::new(),
        }
    }
}

impl ParamReader {
    /// One parameter: what was sent, checked by `check`.
    pub fn read(
        &mut self,
        name: &str,
        location: &str,
        required: bool,
        sent: Sent,
        check: impl Fn(
            &mut Vec<super::errors::Violation>,
            &mut super::errors::Pointer,
            &serde_json::Value,
        ),
    ) {
        self.read_as(name, name, location, required, sent, check);
    }
    /// One parameter that shares its name with another in a different location (a path
    /// parameter `path` and a query parameter `path`): its value is kept under `key`, the name
    /// its field is serialized by (`path:path`, `query:path`), so that the two stay apart.
    pub fn read_as(
        &mut self,
        key: &str,
        name: &str,
        location: &str,
        required: bool,
        sent: Sent,
        check: impl Fn(
            &mut Vec<super::errors::Violation>,
            &mut super::errors::Pointer,
            &serde_json::Value,
        ),
    ) {
        let mark = self.at.push(name);
        match sent {
            Sent::Value(value) => {
                check(&mut self.out, &mut self.at, &value);
                self.object.insert(key.to_owned(), value);
            }
            Sent::Either(first, second) => {
                let mut found = Vec::new();
                check(&mut found, &mut self.at, &first);
                let mut again = Vec::new();
                let value = if found.is_empty() {
                    first
                } else {
                    check(&mut again, &mut self.at, &second);
                    if again.is_empty() {
                        second
                    } else {
                        self.out.append(&mut found);
                        first
                    }
                };
                self.object.insert(key.to_owned(), value);
            }
            Sent::Repeated(times) => {
                self.out
                    .push(super::errors::Violation {
                        code: "duplicateParameter",
                        target: self.at.as_str().to_owned(),
                        message: format!(
                            "the {location} parameter '{name}' is sent {times} times; it takes one value"
                        ),
                    });
            }
            Sent::RepeatedMember(member, times) => {
                let inner = self.at.push(&member);
                self.out
                    .push(super::errors::Violation {
                        code: "duplicateParameter",
                        target: self.at.as_str().to_owned(),
                        message: format!(
                            "the {location} parameter '{name}' has its member '{member}' sent {times} times; it takes one value"
                        ),
                    });
                self.at.truncate(inner);
            }
            Sent::RepeatedInJson(repeats) => {
                for mut violation in repeats {
                    violation.target.insert_str(0, self.at.as_str());
                    self.out.push(violation);
                }
            }
            Sent::Nothing if required => {
                self.out.push(super::errors::Violation {
                    code: "missingParameter",
                    target: self.at.as_str().to_owned(),
                    message: format!("the required {location} parameter '{name}' is missing"),
                });
            }
            Sent::Nothing => {}
        }
        self.at.truncate(mark);
    }
    /// A part the body does not declare, refused where its object says
    /// `additionalProperties: false`.
    pub fn undeclared_part(&mut self, name: &str) {
        let mut at = super::errors::Pointer::root();
        at.push(name);
        self.out.push(super::errors::Violation {
            code: "unknownProperty",
            target: at.as_str().to_owned(),
            message: format!("the part '{name}' is not one this body declares"),
        });
    }
    /// The parameters converted, or every violation found, each targeting the parameter's
    /// name (without the pointer's leading `/`).
    pub fn finish<T: serde::de::DeserializeOwned>(
        self,
        subject: &'static str,
    ) -> Result<T, super::errors::ValidationError> {
        let mut out = self.out;
        if !out.is_empty() {
            for violation in &mut out {
                violation.target.remove(0);
            }
            return Err(super::errors::ValidationError {
                subject,
                violations: out,
            });
        }
        let mut value = serde_json::Value::Object(self.object);
        whole_numbers_as_integers(&mut value);
        serde_json::from_value(value).map_err(|error| {
            let violation = super::errors::Violation {
                code: "invalidValue",
                target: String::new(),
                message: error.to_string(),
            };
            super::errors::ValidationError {
                subject,
                violations: vec![violation],
            }
        })
    }
}

/// The positions of a union's alternatives in the order its deserializer tries them: those
/// `found` nothing wrong with first, then the others, each in spec order.
pub fn satisfied_first(found: &[Vec<super::errors::Violation>]) -> Vec<usize> {
    let (mut order, rest): (Vec<usize>, Vec<usize>) =
        (0..found.len()).partition(|&index| found[index].is_empty());
    order.extend(rest);
    order
}

/// Serializes a variant of a discriminated union with its discriminator set to `tag`
/// (added when the value does not carry it).
pub fn serialize_tagged<T: serde::Serialize, S: serde::Serializer>(
    value: &T,
    property: &str,
    tag: &str,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut json = serde_json::to_value(value).map_err(serde::ser::Error::custom)?;
    if let Some(object) = json.as_object_mut() {
        object
            .entry(property.to_owned())
            .or_insert_with(|| serde_json::Value::String(tag.to_owned()));
    }
    serde::Serialize::serialize(&json, serializer)
}

/// Rewrites whole numbers written with a fraction (`5.0`) as integers, after validation
/// accepted them, so that serde can read them into integer fields. Float fields read
/// integers as they are.
pub fn whole_numbers_as_integers(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Number(number) if !number.is_i64() && !number.is_u64() => {
            if let Some(f) = number
                .as_f64()
                .filter(|f| f.fract() == 0.0 && *f >= i64::MIN as f64 && *f < i64::MAX as f64)
            {
                *value = serde_json::Value::from(f as i64);
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(whole_numbers_as_integers),
        serde_json::Value::Object(map) => map.values_mut().for_each(whole_numbers_as_integers),
        _ => {}
    }
}

/// `segment` percent-encoded as one RFC 3986 path segment: everything but unreserved
/// characters is encoded, so a space is `%20`, `/` is `%2F` and `+` is `%2B`.
pub fn path_segment(segment: &str) -> String {
    let mut encoded = String::with_capacity(segment.len());
    push_percent_encoded(&mut encoded, segment, unreserved, false);
    encoded
}

/// A parameter value as it is sent: text as it is, enums by their wire name, date-times in
/// RFC 3339, numbers and booleans (and the alternatives of a union of them) as JSON writes
/// them.
pub fn param_text<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// A path parameter that may hold a list, in style `simple`: the items' texts joined by
/// commas, or its one text.
pub fn param_simple<T: serde::Serialize>(value: &T) -> String {
    match param_items(value) {
        Some(items) => items.join(","),
        None => param_text(value),
    }
}

/// A parameter that is one value or a list, as sent: its items' texts when it holds a list
/// (`None` otherwise, for [`param_text`]).
pub fn param_items<T: serde::Serialize>(value: &T) -> Option<Vec<String>> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::Array(items)) => Some(items.iter().map(param_text).collect()),
        _ => None,
    }
}

/// The texts of a free-form object's entry: one per item of a list, else its one text.
pub fn param_texts(value: &serde_json::Value) -> Vec<String> {
    match value {
        serde_json::Value::Array(items) => items.iter().map(param_text).collect(),
        other => vec![param_text(other)],
    }
}

/// A parameter sent as JSON text (`content: application/json`). Parameter values are
/// strings, numbers, booleans, enums, and arrays and string-keyed objects of those, which JSON
/// always writes, so the empty text is never sent.
pub fn param_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Ends an operation's span, the server's or the client's (feature `tracing`): its status and
/// latency recorded, and the event tower-http's `TraceLayer` sends when a response is done.
#[cfg(feature = "tracing")]
#[doc(hidden)]
pub fn finish_span(span: &tracing::Span, started: std::time::Instant, status: u16) {
    let latency_ms = milliseconds_since(started);
    span.record("http.status", status);
    span.record("latency_ms", latency_ms);
    tracing::info!(parent: span, status, latency_ms, "finished processing request");
}

/// Whole milliseconds since `started`, as spans record latency.
#[cfg(feature = "tracing")]
#[doc(hidden)]
pub fn milliseconds_since(started: std::time::Instant) -> u64 {
    u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)
}
