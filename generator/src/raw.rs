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
        let mut entries = Vec::new();
        while let Some((Raw(key), Raw(value))) = map.next_entry()? {
            let key = match key {
                Value::String(key) => key,
                other => other.to_string(),
            };
            entries.push((key, value));
        }
        Ok(Value::Object(merged(entries)))
    }
}

/// A YAML map's entries with its merge keys applied (`<<: *base`, or a
/// list of such): the merged maps' entries take the place of the `<<`,
/// unless the map has an entry of the same name itself, and of several
/// merged maps the first that has a name gives it. A `<<` of anything but
/// maps is an entry like any other.
fn merged(entries: Vec<(String, Value)>) -> serde_json::Map<String, Value> {
    let is_merge = |(key, value): &(String, Value)| {
        key == "<<"
            && match value {
                Value::Object(_) => true,
                Value::Array(items) => items.iter().all(Value::is_object),
                _ => false,
            }
    };
    if !entries.iter().any(is_merge) {
        return entries.into_iter().collect();
    }
    let own: std::collections::HashSet<String> = entries
        .iter()
        .filter(|entry| !is_merge(entry))
        .map(|(key, _)| key.clone())
        .collect();
    let mut map = serde_json::Map::new();
    for entry in entries {
        if !is_merge(&entry) {
            map.insert(entry.0, entry.1);
            continue;
        }
        let sources = match entry.1 {
            Value::Array(items) => items,
            one => vec![one],
        };
        for source in sources {
            let Value::Object(source) = source else {
                continue;
            };
            for (key, value) in source {
                if !own.contains(&key) && !map.contains_key(&key) {
                    map.insert(key, value);
                }
            }
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn tree(text: &str) -> Value {
        raw_tree(text).unwrap_or_else(|e| panic!("{}", e.message))
    }

    #[test]
    fn merge_keys_put_the_merged_entries_in_their_place_under_the_maps_own() {
        let text = "
base: &base {type: object, description: base, x-a: 1}
more: &more {description: more, x-b: 2}
one:
  title: T
  <<: *base
  description: own
two:
  <<: [*more, *base]
odd:
  <<: 3
";
        let tree = tree(text);
        assert_eq!(
            tree["one"],
            json!({"title": "T", "type": "object", "x-a": 1, "description": "own"})
        );
        let keys: Vec<&String> = tree["one"].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["title", "type", "x-a", "description"]);
        // Of several merged maps, the first that has a name gives it.
        assert_eq!(
            tree["two"],
            json!({"description": "more", "x-b": 2, "type": "object", "x-a": 1})
        );
        assert_eq!(tree["odd"], json!({"<<": 3}));
    }
}
