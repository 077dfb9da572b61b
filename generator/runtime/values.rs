//! Serde helpers the generated types use, with no HTTP in them, so a
//! types-only crate has them too.

use serde::de::DeserializeOwned;

/// `serde` for `Option<Option<T>>` fields: absent is `None`, `null` is
/// `Some(None)`. Use with `#[serde(default, skip_serializing_if =
/// "Option::is_none", with = "...")]`.
pub mod double_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// Writes `Some(None)` as `null` (`None` is skipped by the field).
    pub fn serialize<T: Serialize, S: Serializer>(
        value: &Option<Option<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(inner) => inner.serialize(serializer),
            None => serializer.serialize_none(),
        }
    }

    /// A present field is `Some`, even when `null`.
    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::deserialize(deserializer).map(Some)
    }
}

/// Decodes the `oneOf` variant a discriminator picked.
pub fn variant<T: DeserializeOwned, V, E: serde::de::Error>(
    value: serde_json::Value,
    wrap: impl FnOnce(T) -> V,
) -> Result<V, E> {
    serde_json::from_value(value).map(wrap).map_err(E::custom)
}
