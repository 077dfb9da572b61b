//! JSON read back in the order it was written: a struct's properties in
//! declaration order, where a `serde_json::Value` sorts them unless some
//! crate in the build turns on `preserve_order`. Query objects and
//! urlencoded bodies are written from it.

use serde::Serialize;

/// The properties of `value` in the order it serializes them, or `None` if
/// it is not an object.
pub(crate) fn properties(value: &impl Serialize) -> Result<Option<Vec<(String, Ordered)>>, String> {
    let text = serde_json::to_string(value).map_err(|e| e.to_string())?;
    Ok(match serde_json::from_str(&text) {
        Ok(Ordered::Object(properties)) => Some(properties),
        _ => None,
    })
}

/// A JSON value whose objects keep their members' order.
pub(crate) enum Ordered {
    Null,
    String(String),
    /// A number or boolean, as its JSON text.
    Literal(String),
    List(Vec<Ordered>),
    Object(Vec<(String, Ordered)>),
}

impl<'de> serde::Deserialize<'de> for Ordered {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Ordered;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_unit<E>(self) -> Result<Ordered, E> {
                Ok(Ordered::Null)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Ordered, E> {
                Ok(Ordered::Literal(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Ordered, E> {
                Ok(Ordered::Literal(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Ordered, E> {
                Ok(Ordered::Literal(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Ordered, E> {
                Ok(Ordered::Literal(serde_json::Value::from(v).to_string()))
            }
            fn visit_str<E>(self, v: &str) -> Result<Ordered, E> {
                Ok(Ordered::String(v.to_owned()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Ordered, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Ordered::List(items))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Ordered, A::Error> {
                let mut properties = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    properties.push(entry);
                }
                Ok(Ordered::Object(properties))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// A value's text: a string as it is, anything else as JSON.
pub(crate) fn text(value: Ordered) -> String {
    match value {
        Ordered::String(text) => text,
        other => json(other),
    }
}

/// A value as JSON text, its objects in order.
fn json(value: Ordered) -> String {
    match value {
        Ordered::Null => "null".to_owned(),
        Ordered::String(text) => serde_json::Value::String(text).to_string(),
        Ordered::Literal(text) => text,
        Ordered::List(items) => {
            let items: Vec<String> = items.into_iter().map(json).collect();
            format!("[{}]", items.join(","))
        }
        Ordered::Object(properties) => {
            let properties: Vec<String> = properties
                .into_iter()
                .map(|(key, value)| format!("{}:{}", serde_json::Value::String(key), json(value)))
                .collect();
            format!("{{{}}}", properties.join(","))
        }
    }
}
