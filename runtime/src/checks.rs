//! Rule checks shared by the generated validators. Each adds a [`Violation`] with a
//! stable code and a message that names what was expected and what came. They are
//! public so hand-written validation can answer in the same words.
use super::errors::{Pointer, Violation};
use serde_json::Value;

/// Records a violation at `at`.
pub fn report(out: &mut Vec<Violation>, at: &Pointer, code: &'static str, message: String) {
    out.push(Violation {
        code,
        target: at.as_str().to_owned(),
        message,
    });
}

/// A short description of a JSON value for messages: `the string "x"`, `the number 1.5`.
pub fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.chars().count() > 64 => {
            let head: String = s.chars().take(61).collect();
            format!("the string {head:?}...")
        }
        Value::String(s) => format!("the string {s:?}"),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// `invalidType`: the value is not of the JSON type the schema says.
pub fn wrong_type(out: &mut Vec<Violation>, at: &Pointer, expected: &str, value: &Value) {
    report(
        out,
        at,
        "invalidType",
        format!("expected {expected}, got {}", describe(value)),
    );
}

/// `missingProperty`: a required property is absent.
pub fn missing(out: &mut Vec<Violation>, at: &mut Pointer, name: &str) {
    let mark = at.push(name);
    report(
        out,
        at,
        "missingProperty",
        format!("the required property '{name}' is missing"),
    );
    at.truncate(mark);
}

/// `missingProperty` for each of `names` the object lacks, in their order.
pub fn required(
    out: &mut Vec<Violation>,
    at: &mut Pointer,
    object: &serde_json::Map<String, Value>,
    names: &[&str],
) {
    for name in names {
        if !object.contains_key(*name) {
            missing(out, at, name);
        }
    }
}

/// `valueNotAllowed`: the schema admits no value here (`not: {}`), so whatever came, `null`
/// included, is refused.
pub fn nothing(out: &mut Vec<Violation>, at: &Pointer, value: &Value) {
    report(
        out,
        at,
        "valueNotAllowed",
        format!("no value is allowed here, got {}", describe(value)),
    );
}

/// `readOnlyProperty`: a request sent a property only the service sets; `at` points at it.
pub fn read_only(out: &mut Vec<Violation>, at: &Pointer, name: &str) {
    report(
        out,
        at,
        "readOnlyProperty",
        format!(
            "the property '{name}' is read-only and is set by the service; leave it out of requests"
        ),
    );
}

/// `unknownProperty`: a property the type does not declare; `at` points at it.
pub fn unknown_property(out: &mut Vec<Violation>, at: &Pointer, name: &str, type_name: &str) {
    report(
        out,
        at,
        "unknownProperty",
        format!("the property '{name}' does not exist on type '{type_name}'"),
    );
}

/// `invalidODataType`: `@odata.type`, at which `at` points, names another type.
pub fn odata_type(out: &mut Vec<Violation>, at: &Pointer, value: &Value, expected: &str) {
    match value.as_str() {
        Some(found) if found == expected => {}
        Some(_) => report(
            out,
            at,
            "invalidODataType",
            format!("expected the string {expected:?}, got {}", describe(value)),
        ),
        None => wrong_type(out, at, &format!("the string {expected:?}"), value),
    }
}

/// An `int32` integer; see [`integer`].
pub fn int32(out: &mut Vec<Violation>, at: &Pointer, value: &Value) -> Option<i64> {
    integer(out, at, value, "int32", i32::MIN.into(), i32::MAX.into())
}

/// An `int64` integer; see [`integer`].
pub fn int64(out: &mut Vec<Violation>, at: &Pointer, value: &Value) -> Option<i64> {
    integer(out, at, value, "int64", i64::MIN, i64::MAX)
}

/// An integer in the format's range (`int8`, `uint8`, `int16`, ... `int64`). A whole number
/// written with a fraction (`5.0`) is an integer too, as JSON Schema counts it; `1.5` is not.
pub fn integer(
    out: &mut Vec<Violation>,
    at: &Pointer,
    value: &Value,
    format: &str,
    low: i64,
    high: i64,
) -> Option<i64> {
    let article = if format.starts_with('u') { "a" } else { "an" };
    let expected = format!("{article} {format} number");
    let Value::Number(number) = value else {
        wrong_type(out, at, &expected, value);
        return None;
    };
    match number.as_i64() {
        Some(n) if (low..=high).contains(&n) => Some(n),
        Some(_) => {
            report(
                out,
                at,
                "outOfRange",
                format!(
                    "expected {expected} ({low} to {high}), got {number}, which is out of range"
                ),
            );
            None
        }
        None if number.is_u64() => {
            report(
                out,
                at,
                "outOfRange",
                format!(
                    "expected {expected} ({low} to {high}), got {number}, which is out of range"
                ),
            );
            None
        }
        None if number.as_f64().is_some_and(|f| f.fract() == 0.0) => {
            let whole = number.as_f64().unwrap_or_default();
            if whole >= low as f64 && whole <= high as f64 {
                Some(whole as i64)
            } else {
                report(
                    out,
                    at,
                    "outOfRange",
                    format!(
                        "expected {expected} ({low} to {high}), got {number}, which is out of range"
                    ),
                );
                None
            }
        }
        None => {
            wrong_type(out, at, &expected, value);
            None
        }
    }
}

/// Any JSON number.
pub fn number(out: &mut Vec<Violation>, at: &Pointer, value: &Value) -> Option<f64> {
    match value.as_f64() {
        Some(n) => Some(n),
        None => {
            wrong_type(out, at, "a number", value);
            None
        }
    }
}

/// `minimum` / `exclusiveMinimum`.
pub fn minimum<N: PartialOrd + std::fmt::Display>(
    out: &mut Vec<Violation>,
    at: &Pointer,
    n: N,
    bound: N,
    exclusive: bool,
) {
    if n < bound || (exclusive && n == bound) {
        let relation = if exclusive {
            "greater than"
        } else {
            "at least"
        };
        report(
            out,
            at,
            "outOfRange",
            format!("expected a number {relation} {bound}, got {n}"),
        );
    }
}

/// `maximum` / `exclusiveMaximum`.
pub fn maximum<N: PartialOrd + std::fmt::Display>(
    out: &mut Vec<Violation>,
    at: &Pointer,
    n: N,
    bound: N,
    exclusive: bool,
) {
    if n > bound || (exclusive && n == bound) {
        let relation = if exclusive { "less than" } else { "at most" };
        report(
            out,
            at,
            "outOfRange",
            format!("expected a number {relation} {bound}, got {n}"),
        );
    }
}

/// `multipleOf`.
pub fn multiple_of(out: &mut Vec<Violation>, at: &Pointer, n: f64, factor: f64) {
    let quotient = n / factor;
    if (quotient - quotient.round()).abs() > 1e-9 {
        report(
            out,
            at,
            "notMultipleOf",
            format!("expected a multiple of {factor}, got {n}"),
        );
    }
}

/// A string.
pub fn string<'v>(
    out: &mut Vec<Violation>,
    at: &Pointer,
    value: &'v Value,
    expected: &str,
) -> Option<&'v str> {
    match value.as_str() {
        Some(s) => Some(s),
        None => {
            wrong_type(out, at, expected, value);
            None
        }
    }
}

/// `minLength` / `maxLength`, counted in characters.
pub fn length(
    out: &mut Vec<Violation>,
    at: &Pointer,
    s: &str,
    min: Option<usize>,
    max: Option<usize>,
) {
    let count = s.chars().count();
    bounds(
        out,
        at,
        count,
        min,
        max,
        ("tooShort", "tooLong"),
        "character",
    );
}

/// `enum` on a string: the wire spelling must match exactly.
pub fn one_of(out: &mut Vec<Violation>, at: &Pointer, value: &Value, allowed: &[&str]) {
    match value.as_str() {
        Some(s) if allowed.contains(&s) => {}
        _ if allowed.is_empty() => report(
            out,
            at,
            "invalidEnumValue",
            format!(
                "the spec's enum lists no value but null, got {}",
                describe(value)
            ),
        ),
        Some(_) => report(
            out,
            at,
            "invalidEnumValue",
            format!(
                "expected one of {}, got {}",
                allowed.join(", "),
                describe(value)
            ),
        ),
        None => wrong_type(
            out,
            at,
            &format!("one of the strings {}", allowed.join(", ")),
            value,
        ),
    }
}

/// `enum` on a number or boolean, compared as JSON, numbers by value.
pub fn one_of_json(out: &mut Vec<Violation>, at: &Pointer, value: &Value, allowed: &[&str]) {
    let text = value.to_string();
    let listed = |allowed: &&str| *allowed == text || same_number(value, allowed);
    if !allowed.iter().any(listed) {
        report(
            out,
            at,
            "invalidEnumValue",
            format!(
                "expected one of {}, got {}",
                allowed.join(", "),
                describe(value)
            ),
        );
    }
}

/// Whether `value` is the number `listed` (JSON text) by value, as JSON Schema compares them:
/// `1` is `1.0`.
fn same_number(value: &Value, listed: &str) -> bool {
    let (Some(number), Ok(listed)) = (value.as_number(), listed.parse::<serde_json::Number>())
    else {
        return false;
    };
    match (
        number.as_i64(),
        listed.as_i64(),
        number.as_u64(),
        listed.as_u64(),
    ) {
        (Some(a), Some(b), _, _) => a == b,
        (_, _, Some(a), Some(b)) => a == b,
        _ => number.as_f64() == listed.as_f64(),
    }
}

/// A boolean.
pub fn boolean(out: &mut Vec<Violation>, at: &Pointer, value: &Value) {
    if !value.is_boolean() {
        wrong_type(out, at, "a boolean", value);
    }
}

/// A UUID in its 8-4-4-4-12 hex form.
pub fn uuid(out: &mut Vec<Violation>, at: &Pointer, s: &str) {
    let groups: Vec<&str> = s.split('-').collect();
    let shaped = groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.chars().all(|c| c.is_ascii_hexdigit()));
    if !shaped {
        report(
            out,
            at,
            "invalidFormat",
            format!("expected a UUID (8-4-4-4-12 hex digits), got {s:?}"),
        );
    }
}

/// An array.
pub fn array<'v>(
    out: &mut Vec<Violation>,
    at: &Pointer,
    value: &'v Value,
) -> Option<&'v Vec<Value>> {
    match value.as_array() {
        Some(items) => Some(items),
        None => {
            wrong_type(out, at, "an array", value);
            None
        }
    }
}

/// `minItems` / `maxItems`.
pub fn items(
    out: &mut Vec<Violation>,
    at: &Pointer,
    count: usize,
    min: Option<usize>,
    max: Option<usize>,
) {
    bounds(
        out,
        at,
        count,
        min,
        max,
        ("tooFewItems", "tooManyItems"),
        "item",
    );
}

/// `uniqueItems`.
pub fn unique<T: PartialEq>(out: &mut Vec<Violation>, at: &Pointer, items: &[T]) {
    for (later, item) in items.iter().enumerate() {
        if let Some(earlier) = items[..later].iter().position(|e| e == item) {
            report(
                out,
                at,
                "duplicateItems",
                format!("expected unique items, but items {earlier} and {later} are equal"),
            );
            return;
        }
    }
}

/// `oneOf` / `anyOf` without a discriminator: `candidates` holds each alternative's
/// violations. None holding reports `noAlternativeMatches` with the closest
/// alternative's violations (closest: of the value's own JSON type, then with the fewest
/// violations); for `oneOf`, more than one holding reports `severalAlternativesMatch`.
pub fn alternatives(
    out: &mut Vec<Violation>,
    at: &Pointer,
    candidates: Vec<Vec<Violation>>,
    names: &[&str],
    exactly_one: bool,
) {
    let holding: Vec<&str> = candidates
        .iter()
        .zip(names)
        .filter(|(found, _)| found.is_empty())
        .map(|(_, name)| *name)
        .collect();
    if holding.is_empty() {
        let (closest, found) = candidates
            .into_iter()
            .enumerate()
            .min_by_key(|(_, found)| {
                let other_type = found
                    .iter()
                    .any(|v| v.code == "invalidType" && v.target == at.as_str());
                (other_type, found.len())
            })
            .unwrap_or_default();
        let name = names.get(closest).copied().unwrap_or_default();
        report(
            out,
            at,
            "noAlternativeMatches",
            format!(
                "expected one of {}, but the value matches none; closest is {name}:",
                names.join(", ")
            ),
        );
        out.extend(found);
    } else if exactly_one && holding.len() > 1 {
        let quantity = if holding.len() == 2 { "both" } else { "all" };
        let (expected, matching) = (names.join(", "), joined_with_and(&holding));
        let message =
            format!("expected exactly one of {expected} to match, but {matching} {quantity} do");
        report(out, at, "severalAlternativesMatch", message);
    }
}

/// `anyOf` / `oneOf` of `required` lists on an object: every property of at least one set
/// (for `oneOf`, of exactly one) must be present. None held reports `missingProperty`; for
/// `oneOf`, more than one held reports `severalAlternativesMatch`.
pub fn required_sets(
    out: &mut Vec<Violation>,
    at: &Pointer,
    object: &serde_json::Map<String, Value>,
    sets: &[&[&str]],
    exactly_one: bool,
) {
    let shown = |set: &&[&str]| format!("[{}]", set.join(", "));
    let held: Vec<String> = sets
        .iter()
        .filter(|set| set.iter().all(|name| object.contains_key(*name)))
        .map(shown)
        .collect();
    let listed = sets.iter().map(shown).collect::<Vec<_>>().join(" or ");
    if held.is_empty() {
        let message =
            format!("expected every property of {listed}, but none of these sets is complete");
        report(out, at, "missingProperty", message);
    } else if exactly_one && held.len() > 1 {
        let held: Vec<&str> = held.iter().map(String::as_str).collect();
        let complete = joined_with_and(&held);
        let message = format!(
            "expected every property of exactly one of {listed}, but {complete} are complete"
        );
        report(out, at, "severalAlternativesMatch", message);
    }
}

/// `A and B`, `A, B and C`.
fn joined_with_and(names: &[&str]) -> String {
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("{} and {last}", rest.join(", "))
        }
        _ => names.join(""),
    }
}

/// An object.
pub fn object<'v>(
    out: &mut Vec<Violation>,
    at: &Pointer,
    value: &'v Value,
    expected: &str,
) -> Option<&'v serde_json::Map<String, Value>> {
    match value.as_object() {
        Some(map) => Some(map),
        None => {
            wrong_type(out, at, expected, value);
            None
        }
    }
}

/// `minProperties` / `maxProperties`.
pub fn properties(
    out: &mut Vec<Violation>,
    at: &Pointer,
    count: usize,
    min: Option<usize>,
    max: Option<usize>,
) {
    bounds(
        out,
        at,
        count,
        min,
        max,
        ("tooFewProperties", "tooManyProperties"),
        "property",
    );
}

/// Parses JSON text into a value as serde_json does, and adds `duplicateProperty` for each
/// member name an object repeats: the value keeps the last, as serde_json's does, so a
/// request that repeats a name can be refused rather than have a value dropped unseen.
pub fn parse_json(out: &mut Vec<Violation>, text: &[u8]) -> Result<Value, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_slice(text);
    let value = value_reporting_repeats(out, &mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// Reads a value as serde_json's `Value` does, failing on a member name an object repeats:
/// for readers that cannot report, only refuse (a generated mirror's free-form values).
pub fn value_without_repeats<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Value, D::Error> {
    let mut out = Vec::new();
    let value = value_reporting_repeats(&mut out, deserializer)?;
    if out.is_empty() {
        Ok(value)
    } else {
        Err(serde::de::Error::custom("a repeated member name"))
    }
}

/// Reads a value as serde_json's `Value` does, adding `duplicateProperty` to `out` for each
/// member name an object repeats.
fn value_reporting_repeats<'de, D: serde::Deserializer<'de>>(
    out: &mut Vec<Violation>,
    deserializer: D,
) -> Result<Value, D::Error> {
    serde::de::DeserializeSeed::deserialize(
        Members {
            at: &Place::Root,
            out,
        },
        deserializer,
    )
}

/// Where a value being parsed sits, kept on the stack and written out as a pointer only
/// for a repeated member.
enum Place<'p> {
    Root,
    Member(&'p Place<'p>, &'p str),
    Item(&'p Place<'p>, usize),
}

impl Place<'_> {
    fn push_onto(&self, pointer: &mut Pointer) {
        match self {
            Place::Root => {}
            Place::Member(parent, name) => {
                parent.push_onto(pointer);
                pointer.push(name);
            }
            Place::Item(parent, index) => {
                parent.push_onto(pointer);
                pointer.push_index(*index);
            }
        }
    }
}

/// Builds a value at `at`, reporting repeated member names to `out`.
struct Members<'p, 'o> {
    at: &'p Place<'p>,
    out: &'o mut Vec<Violation>,
}

impl<'de> serde::de::DeserializeSeed<'de> for Members<'_, '_> {
    type Value = Value;
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Members<'_, '_> {
    type Value = Value;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }
    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::from(value))
    }
    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::from(value))
    }
    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }
    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Members {
            at: &Place::Item(self.at, items.len()),
            out: &mut *self.out,
        })? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = serde_json::Map::new();
        let mut repeated: Vec<String> = Vec::new();
        while let Some(name) = access.next_key::<String>()? {
            let value = access.next_value_seed(Members {
                at: &Place::Member(self.at, &name),
                out: &mut *self.out,
            })?;
            match map.entry(name) {
                serde_json::map::Entry::Vacant(entry) => {
                    entry.insert(value);
                }
                serde_json::map::Entry::Occupied(mut entry) => {
                    if !repeated.contains(entry.key()) {
                        let mut at = Pointer::root();
                        Place::Member(self.at, entry.key()).push_onto(&mut at);
                        report(
                            self.out,
                            &at,
                            "duplicateProperty",
                            format!(
                                "the property '{}' is sent more than once; it takes one value",
                                entry.key()
                            ),
                        );
                        repeated.push(entry.key().clone());
                    }
                    entry.insert(value);
                }
            }
        }
        Ok(Value::Object(map))
    }
}

/// A count against a minimum and a maximum (of characters, items or properties), each broken
/// bound reported with its code.
fn bounds(
    out: &mut Vec<Violation>,
    at: &Pointer,
    count: usize,
    min: Option<usize>,
    max: Option<usize>,
    (too_few, too_many): (&'static str, &'static str),
    noun: &str,
) {
    if let Some(min) = min.filter(|min| count < *min) {
        let message = format!("expected at least {}, got {count}", counted(min, noun));
        report(out, at, too_few, message);
    }
    if let Some(max) = max.filter(|max| count > *max) {
        let message = format!("expected at most {}, got {count}", counted(max, noun));
        report(out, at, too_many, message);
    }
}

/// `1 character`, `2 characters`: a bound with its noun in the number it takes.
fn counted(count: usize, noun: &str) -> String {
    match (count, noun) {
        (1, _) => format!("1 {noun}"),
        (_, "property") => format!("{count} properties"),
        _ => format!("{count} {noun}s"),
    }
}
