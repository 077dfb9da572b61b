//! Values of string formats that have no type of their own in the crates
//! the client uses: `format: byte`, base64 text on the wire.

use std::fmt;
use std::ops::Deref;

use base64::Engine as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Bytes sent and received as base64 text (`format: byte`). Standard
/// base64 with padding is written; standard and URL-safe alphabets, with or
/// without padding, are read (see [`Base64::decode`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Base64(pub Vec<u8>);

impl Base64 {
    /// The bytes.
    pub fn into_inner(self) -> Vec<u8> {
        self.0
    }

    /// Decodes base64 text in any of the accepted forms: either alphabet,
    /// padded or not, unused bits set or not, lines broken or not.
    pub fn decode(text: &str) -> Result<Self, base64::DecodeError> {
        super::base64_text::decode(text).map(Self)
    }
}

impl From<Vec<u8>> for Base64 {
    fn from(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
}

impl From<&[u8]> for Base64 {
    fn from(bytes: &[u8]) -> Self {
        Self(bytes.to_vec())
    }
}

impl Deref for Base64 {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.0
    }
}

/// The base64 text, as parameters send it.
impl fmt::Display for Base64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

impl Serialize for Base64 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Base64 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Self::decode(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_standard_base64_and_reads_every_alphabet() {
        let value = Base64(vec![0xfb, 0xff, 0x01]);
        assert_eq!(serde_json::to_string(&value).unwrap(), r#""+/8B""#);
        for text in [r#""+/8B""#, r#""-_8B""#] {
            assert_eq!(serde_json::from_str::<Base64>(text).unwrap(), value);
        }
        let padded: Base64 = serde_json::from_str(r#""aGk=""#).unwrap();
        let unpadded: Base64 = serde_json::from_str(r#""aGk""#).unwrap();
        assert_eq!((&padded[..], &unpadded[..]), (&b"hi"[..], &b"hi"[..]));
        assert!(serde_json::from_str::<Base64>(r#""not base64!""#).is_err());
    }
}
