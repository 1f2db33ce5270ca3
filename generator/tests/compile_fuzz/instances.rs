//! JSON instances of the fuzzer's schemas: values made to meet every rule (where the model can
//! be sure they do), and the same values broken in one place. The generated crate must read each
//! alike on its fast path and its complete check, and accept the valid ones.

use super::spec::{self, Component, Ty};
use crate::common::random::Random;
use serde_json::{json, Map, Value};

/// One instance, and whether it certainly meets the schema.
pub struct Instance {
    pub value: Value,
    pub valid: bool,
}

pub struct Maker<'a> {
    pub components: &'a [Component],
    pub random: Random,
}

impl Maker<'_> {
    /// A few instances of component `index`: valid ones and broken copies.
    pub fn instances(&mut self, index: usize) -> Vec<Instance> {
        let mut found = Vec::new();
        for _ in 0..4 {
            let Some(value) = self.value(&self.components[index].ty.clone(), 4) else {
                continue;
            };
            found.push(Instance {
                value: value.clone(),
                valid: true,
            });
            for _ in 0..3 {
                let mut broken = value.clone();
                self.break_one(&mut broken);
                found.push(Instance {
                    value: broken,
                    valid: false,
                });
            }
        }
        found
    }

    /// A value that meets `ty`, `None` when the model cannot be sure of one (no value exists, or
    /// recursion went too deep).
    fn value(&mut self, ty: &Ty, depth: usize) -> Option<Value> {
        Some(match ty {
            Ty::Str(s) => match s.format {
                Some("date-time") => {
                    json!(self.pick(&["2026-12-07T10:00:00+01:00", "2026-01-31T23:59:59Z"]))
                }
                Some("date") => json!("2026-02-28"),
                Some(_) => json!("0f8fad5b-d9cb-469f-a165-70867728950e"),
                None => {
                    let min = s.min.unwrap_or(0);
                    let max = s.max.unwrap_or(usize::MAX);
                    let texts: &[&str] = if s.pattern {
                        &["abc", "z", "lowercase"]
                    } else {
                        &["abc", "a b", "\u{fc}ber", "", "0", "x\"y\\\\z"]
                    };
                    let fitting: Vec<&str> = texts
                        .iter()
                        .copied()
                        .filter(|t| (min..=max).contains(&t.chars().count()))
                        .collect();
                    json!(self.pick(&fitting))
                }
            },
            Ty::Int { format, min, max } => {
                let (low, high) = match *format {
                    "int8" => (-128, 127),
                    "uint8" => (0, 255),
                    "int16" => (-32768, 32767),
                    "uint32" => (0, 4_294_967_295),
                    "int32" => (i32::MIN.into(), i32::MAX.into()),
                    _ => (i64::MIN, i64::MAX),
                };
                let (low, high) = (min.unwrap_or(low).max(low), max.unwrap_or(high).min(high));
                let fitting: Vec<i64> = [0, 1, 7, 100, -3, 200, 70_000, 5_000_000_000]
                    .into_iter()
                    .filter(|n| (low..=high).contains(n))
                    .collect();
                json!(fitting[self.random.below(fitting.len())])
            }
            Ty::Num { multiple_of, .. } => match multiple_of {
                Some(_) => json!(self.pick(&[1.5, -4.0, 0.0])),
                None => json!(self.pick(&[2.25, 1.0, -0.5])),
            },
            Ty::Bool => json!(self.random.one_in(2)),
            Ty::Enum(values) => {
                let values: Vec<&str> = values.iter().map(String::as_str).collect();
                json!(self.pick(&values))
            }
            Ty::Ref(index, _) => {
                if depth == 0 {
                    return None;
                }
                let target = self.components[*index].ty.clone();
                return self.value(&target, depth - 1);
            }
            Ty::Array {
                item,
                nullable_items,
                min,
                max,
                unique,
            } => {
                let count = if *unique {
                    1
                } else {
                    self.random
                        .below(4)
                        .clamp(min.unwrap_or(0), max.unwrap_or(3))
                };
                let mut items = Vec::new();
                for _ in 0..count {
                    if spec::takes_null(item, *nullable_items) && self.random.one_in(3) {
                        items.push(Value::Null);
                    } else {
                        items.push(self.value(item, depth.saturating_sub(1))?);
                    }
                }
                if items.len() < min.unwrap_or(0) {
                    return None;
                }
                Value::Array(items)
            }
            Ty::Map(value) => {
                let mut map = Map::new();
                if !matches!(**value, Ty::Nothing) {
                    for key in ["a", "b c"] {
                        if self.random.one_in(2) {
                            map.insert(key.into(), self.value(value, depth.saturating_sub(1))?);
                        }
                    }
                }
                Value::Object(map)
            }
            Ty::Object(object) => {
                let mut map = Map::new();
                for prop in &object.properties {
                    if !prop.required && self.random.one_in(2) {
                        continue;
                    }
                    // `@odata.type` must name the type, whatever its schema says.
                    if matches!(prop.ty, Ty::Nothing) || prop.name == "@odata.type" {
                        if prop.required {
                            return None;
                        }
                        continue;
                    }
                    let takes_null = spec::takes_null(&prop.ty, prop.nullable);
                    let value = if takes_null && self.random.one_in(3) {
                        Value::Null
                    } else {
                        match self.value(&prop.ty, depth.saturating_sub(1)) {
                            Some(value) => value,
                            None if takes_null => Value::Null,
                            None if !prop.required => continue,
                            None => return None,
                        }
                    };
                    map.insert(prop.name.clone(), value);
                }
                Value::Object(map)
            }
            Ty::Union { alternatives, .. } => {
                let pick = self.random.below(alternatives.len());
                return self.value(&alternatives[pick].clone(), depth);
            }
            Ty::Any => json!({"x": [1, "y", null]}),
            Ty::AnyObject => json!({"k": true}),
            Ty::Nothing => return None,
        })
    }

    /// Breaks the value in one random place: a wrong type, a member too many or too few, `null`.
    fn break_one(&mut self, value: &mut Value) {
        let mut pointer = String::new();
        let mut at: &Value = value;
        for _ in 0..self.random.below(3) {
            let (segment, next) = match at {
                Value::Object(map) if !map.is_empty() => {
                    let (key, next) = map.iter().nth(self.random.below(map.len())).unwrap();
                    (key.replace('~', "~0").replace('/', "~1"), next)
                }
                Value::Array(items) if !items.is_empty() => {
                    let index = self.random.below(items.len());
                    (index.to_string(), &items[index])
                }
                _ => break,
            };
            pointer.push('/');
            pointer.push_str(&segment);
            at = next;
        }
        let at = value.pointer_mut(&pointer).unwrap();
        match (self.random.below(5), &mut *at) {
            (0, Value::Object(map)) => {
                map.insert("unexpected".into(), json!(1));
            }
            (1, Value::Object(map)) if !map.is_empty() => {
                let key = map.keys().next().cloned().unwrap();
                map.remove(&key);
            }
            (2, _) => *at = Value::Null,
            (3, Value::String(_)) => *at = json!(12),
            (3, _) => *at = json!("text"),
            (_, Value::Number(_)) => *at = json!(1e300),
            _ => *at = json!([{}]),
        }
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.random.below(items.len())]
    }
}
