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
#[doc(hidden)]
pub struct Key<'de>(pub std::borrow::Cow<'de, str>);

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

/// A struct the generated code reads from a map, field by field: the body
/// of its `Deserialize`, which hands [`MapVisitor`] to the deserializer.
#[doc(hidden)]
pub trait FromMap<'de>: Sized {
    /// What an error says was expected, e.g. `struct Pet`.
    const EXPECTING: &'static str;

    fn from_map<A: serde::de::MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// The one visitor of every generated struct: a map, read by [`FromMap`].
#[doc(hidden)]
pub struct MapVisitor<T>(std::marker::PhantomData<T>);

impl<T> MapVisitor<T> {
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        Self(std::marker::PhantomData)
    }
}

impl<'de, T: FromMap<'de>> serde::de::Visitor<'de> for MapVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::from_map(map)
    }
}

/// Reads the value of field `name` into `slot`, which must still be empty:
/// a field given twice is an error, as with a derived `Deserialize`.
#[doc(hidden)]
pub fn field<'de, A: serde::de::MapAccess<'de>, T: serde::Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(<A::Error as serde::de::Error>::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
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
