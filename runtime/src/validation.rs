//! The `Validate` trait every generated model implements, the complete validation path, and
//! the fast path's mirror traits.
use super::errors::{Pointer, ValidationError, Violation};
use serde_json::Value;

/// A type whose JSON form can be checked against its schema before it is converted.
///
/// Validation is for requests: read-only properties are rejected, required ones must be
/// present. Responses are decoded with plain serde, which tolerates what newer services
/// add.
pub trait Validate: Sized + serde::de::DeserializeOwned {
    /// The schema's name, used in messages.
    const SCHEMA_NAME: &'static str;
    /// Checks `value`, adding every violation at or below `at` to `out`.
    fn validate_at(value: &Value, at: &mut Pointer, out: &mut Vec<Violation>);
    /// Checks a whole value, reporting every violation at once.
    fn validate(value: &Value) -> Result<(), ValidationError> {
        let mut out = Vec::new();
        Self::validate_at(value, &mut Pointer::root(), &mut out);
        if out.is_empty() {
            Ok(())
        } else {
            Err(ValidationError {
                subject: Self::SCHEMA_NAME,
                violations: out,
            })
        }
    }
    /// Validates, then converts: the typed value exists only if every rule held.
    fn from_json_value(mut value: Value) -> Result<Self, ValidationError> {
        Self::validate(&value)?;
        super::support::whole_numbers_as_integers(&mut value);
        serde_json::from_value(value).map_err(|error| ValidationError {
            subject: Self::SCHEMA_NAME,
            violations: vec![Violation {
                code: "invalidValue",
                target: String::new(),
                message: error.to_string(),
            }],
        })
    }
    /// Parses, validates and converts a request body.
    fn from_json_slice(body: &[u8]) -> Result<Self, ValidationError> {
        parse_and_validate(body)
    }
}

/// Parses a body into a JSON value, checks every rule and converts: the complete path,
/// which reports every violation, a member name an object repeats among them.
/// `from_json_slice` may try a faster path first and falls back to this one whenever that
/// path does not succeed.
pub fn parse_and_validate<T: Validate>(body: &[u8]) -> Result<T, ValidationError> {
    let mut out = Vec::new();
    let value = super::checks::parse_json(&mut out, body).map_err(|error| ValidationError {
        subject: T::SCHEMA_NAME,
        violations: vec![Violation {
            code: "malformedJson",
            target: String::new(),
            message: format!("the body is not valid JSON: {error}"),
        }],
    })?;
    if out.is_empty() {
        return T::from_json_value(value);
    }
    T::validate_at(&value, &mut Pointer::root(), &mut out);
    Err(ValidationError {
        subject: T::SCHEMA_NAME,
        violations: out,
    })
}

/// A fast-path mirror of a request struct.
#[doc(hidden)]
pub trait Mirror: serde::de::DeserializeOwned {
    /// The model type the mirror stands for.
    type Model: Validate;
    /// Whether every rule the mirror's types do not already enforce holds.
    fn holds(&self) -> bool;
    /// The model value; `None` only if a value that passed the rules does not
    /// convert.
    fn convert(self) -> Option<Self::Model>;
}

/// `from_json_slice` of a struct with a mirror: the body deserialized straight into
/// the mirror and its remaining rules checked; the complete check (every violation
/// reported) whenever that does not succeed.
#[doc(hidden)]
pub fn mirror_or_complete<M: Mirror>(body: &[u8]) -> Result<M::Model, ValidationError> {
    if let Ok(mirror) = serde_json::from_slice::<M>(body) {
        if mirror.holds() {
            if let Some(model) = mirror.convert() {
                return Ok(model);
            }
        }
    }
    parse_and_validate(body)
}

/// A mirror struct's fields, read by serde's derive (`remote = "Self"`), which its
/// `Deserialize` reaches only through `object_only`.
#[doc(hidden)]
pub trait MirrorFields: Sized {
    fn from_fields<'de, D: serde::Deserializer<'de>>(fields: D) -> Result<Self, D::Error>;
}

/// A mirror struct read from a JSON object only: serde's derive would also read an array,
/// member by member in declaration order, which the complete check refuses.
#[doc(hidden)]
pub fn object_only<'de, T: MirrorFields, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    struct Members<T>(std::marker::PhantomData<T>);
    impl<'de, T: MirrorFields> serde::de::Visitor<'de> for Members<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, members: A) -> Result<T, A::Error> {
            T::from_fields(serde::de::value::MapAccessDeserializer::new(members))
        }
    }
    deserializer.deserialize_map(Members(std::marker::PhantomData))
}

/// A map in a mirror: a key the body repeats fails the fast path, so the complete check runs
/// and reports it (a `BTreeMap` would keep the last value).
#[doc(hidden)]
pub struct MirrorMap<T>(pub std::collections::BTreeMap<String, T>);

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for MirrorMap<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries<T>(std::marker::PhantomData<T>);
        impl<'de, T: serde::Deserialize<'de>> serde::de::Visitor<'de> for Entries<T> {
            type Value = MirrorMap<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut access: A,
            ) -> Result<Self::Value, A::Error> {
                let mut map = std::collections::BTreeMap::new();
                while let Some((key, value)) = access.next_entry::<String, T>()? {
                    if map.insert(key, value).is_some() {
                        return Err(serde::de::Error::custom("a repeated member name"));
                    }
                }
                Ok(MirrorMap(map))
            }
        }
        deserializer.deserialize_map(Entries(std::marker::PhantomData))
    }
}

/// A free-form value in a mirror: a member name repeated anywhere in it fails the fast path.
#[doc(hidden)]
pub struct MirrorValue(pub Value);

impl<'de> serde::Deserialize<'de> for MirrorValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::checks::value_without_repeats(deserializer).map(MirrorValue)
    }
}

/// A free-form object in a mirror: a member name repeated anywhere in it fails the fast path.
#[doc(hidden)]
pub struct MirrorObject(pub serde_json::Map<String, Value>);

impl<'de> serde::Deserialize<'de> for MirrorObject {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match <MirrorValue as serde::Deserialize>::deserialize(deserializer)?.0 {
            Value::Object(map) => Ok(MirrorObject(map)),
            _ => Err(serde::de::Error::custom("expected an object")),
        }
    }
}
