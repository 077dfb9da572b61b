//! Spec text (JSON, or YAML) as a raw JSON tree: the form every later
//! stage reads first, for the spec and for each file it refers to.

use serde::Deserialize;
use serde_json::Value;

use crate::locate::Location;

/// Why a text is not YAML or JSON, and where.
pub(crate) struct SyntaxError {
    pub message: String,
    pub location: Option<Location>,
}

/// Whether text is JSON rather than YAML. JSON is a subset of YAML, but
/// the JSON parser is faster and places its errors better.
pub(crate) fn is_json(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

/// The text (JSON, or YAML) as a JSON tree.
pub(crate) fn raw_tree(text: &str) -> Result<Value, SyntaxError> {
    if is_json(text) {
        serde_json::from_str(text).map_err(|e| SyntaxError {
            location: (e.line() > 0).then(|| Location {
                line: e.line(),
                column: e.column(),
            }),
            message: e.to_string(),
        })
    } else {
        serde_yaml::from_str::<Raw>(text)
            .map(|raw| raw.0)
            .map_err(|e| SyntaxError {
                location: e.location().map(|l| Location {
                    line: l.line(),
                    column: l.column(),
                }),
                message: e.to_string(),
            })
    }
}

/// A YAML node as JSON: keys that are not strings (`200:`) become their
/// text, and integers beyond 64 bits (which JSON numbers here cannot hold)
/// become floats.
struct Raw(Value);

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor).map(Raw)
    }
}

struct RawVisitor;

impl<'de> serde::de::Visitor<'de> for RawVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(v.into())
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok((v as f64).into())
    }
    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok((v as f64).into())
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(v.into())
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Raw::deserialize(d).map(|raw| raw.0)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Raw(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = serde_json::Map::new();
        while let Some((Raw(key), Raw(value))) = map.next_entry()? {
            let key = match key {
                Value::String(key) => key,
                other => other.to_string(),
            };
            entries.insert(key, value);
        }
        Ok(Value::Object(entries))
    }
}
