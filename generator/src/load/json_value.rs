//! A `serde_json::Value` read from any deserializer (here the YAML reader), refusing what JSON
//! cannot hold instead of changing it: serde_json's own `Value` reads `.nan` and `.inf` as
//! `null`, which would make `minimum: .nan` vanish and `enum: [.nan]` admit `null`, and keeps
//! the last of two equal keys, which would drop the first without a word.

use serde::de::{Deserialize, Deserializer, Error, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// A JSON value whose every number is finite.
pub struct FiniteValue(pub Value);

impl<'de> Deserialize<'de> for FiniteValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FiniteVisitor).map(FiniteValue)
    }
}

struct FiniteVisitor;

impl<'de> Visitor<'de> for FiniteVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a value JSON can hold")
    }

    fn visit_bool<E: Error>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E: Error>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E: Error>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    // An integer past 64 bits (NetBox's `minimum: -9223372036854775808` written out of a
    // float) is read as the JSON reader reads it: a float, the nearest one.
    fn visit_i128<E: Error>(self, value: i128) -> Result<Value, E> {
        self.visit_f64(value as f64)
    }

    fn visit_u128<E: Error>(self, value: u128) -> Result<Value, E> {
        self.visit_f64(value as f64)
    }

    fn visit_f64<E: Error>(self, value: f64) -> Result<Value, E> {
        Number::from_f64(value)
            .map(Value::Number)
            .ok_or_else(|| E::custom(format!("{value} is not a number JSON can hold")))
    }

    fn visit_str<E: Error>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E: Error>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E: Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        FiniteValue::deserialize(deserializer).map(|value| value.0)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(FiniteValue(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            // A key written twice would otherwise keep its last value and lose the first.
            if object.contains_key(&key) {
                return Err(A::Error::custom(format!(
                    "the key '{key}' appears twice in one mapping"
                )));
            }
            let FiniteValue(value) = map.next_value()?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::FiniteValue;

    #[test]
    fn integers_past_64_bits_read_as_the_json_reader_reads_them() {
        for number in [
            "-9223372036854776000",
            "18446744073709551616",
            "-9223372036854775808",
        ] {
            let FiniteValue(from_yaml) = serde_yaml::from_str(&format!("a: {number}")).unwrap();
            let from_json: serde_json::Value =
                serde_json::from_str(&format!("{{\"a\": {number}}}")).unwrap();
            assert_eq!(from_yaml, from_json, "{number}");
        }
    }
}
