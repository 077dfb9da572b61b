//! Serde helpers the generated types use, with no HTTP in them, so a
//! types-only crate has them too.

use serde::de::DeserializeOwned;

/// Decodes the `oneOf` variant a discriminator picked.
pub fn variant<T: DeserializeOwned, V, E: serde::de::Error>(
    value: serde_json::Value,
    wrap: impl FnOnce(T) -> V,
) -> Result<V, E> {
    serde_json::from_value(value).map(wrap).map_err(E::custom)
}

/// A JSON object's key, borrowed from the input where it can be: what the
/// generated structs' `Deserialize` impls match field names against.
pub(crate) struct Key<'de>(pub(crate) std::borrow::Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> serde::de::Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, key: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Borrowed(key)))
            }
            fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(key.to_owned())))
            }
            fn visit_string<E: serde::de::Error>(self, key: String) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(key)))
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// How many values lenient clients have read by relaxing the spec (a
/// value of another type read as what was meant, or left out), since the
/// process started.
static RELAXED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// How many response values clients generated with lenient responses have
/// read other than as the spec says, since the process started: a value
/// of another type read as what was meant (a number written as a string,
/// one object where a list belongs, a number where a string belongs,
/// `null` for a whole object), or left out when nothing was meant plainly.
/// Strict clients never add to it.
pub fn relaxed_values() -> u64 {
    RELAXED.load(std::sync::atomic::Ordering::Relaxed)
}

/// Counts one value read other than as the spec says.
pub(crate) fn count_relaxed() {
    RELAXED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
}

/// `value` read as a `T` where it is one, else as what was plainly meant,
/// else as absent (`None`); the last two are counted.
pub(crate) fn relaxed<T: DeserializeOwned>(value: serde_json::Value) -> Option<T> {
    if value.is_null() {
        return None;
    }
    if let Ok(read) = serde_json::from_value::<T>(value.clone()) {
        return Some(read);
    }
    count_relaxed();
    meant(value)
        .into_iter()
        .find_map(|candidate| serde_json::from_value::<T>(candidate).ok())
}

/// What a value of the wrong type plainly meant, in the order tried: a
/// number or boolean written as a string; a number or boolean where a
/// string belongs; an empty object for `null`; one value where a list
/// belongs.
pub(crate) fn meant(value: serde_json::Value) -> Vec<serde_json::Value> {
    use serde_json::Value;
    let mut meant = match &value {
        Value::String(text) => serde_json::from_str::<Value>(text.trim())
            .ok()
            .filter(|v| v.is_number() || v.is_boolean())
            .into_iter()
            .collect(),
        Value::Number(_) | Value::Bool(_) => vec![Value::String(value.to_string())],
        Value::Null => vec![Value::Object(Default::default())],
        _ => Vec::new(),
    };
    if !value.is_array() {
        meant.push(Value::Array(vec![value]));
    }
    meant
}
