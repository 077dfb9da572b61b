//! How response bodies become values: one decoder per kind of body.

use bytes::Bytes;
use serde::de::DeserializeOwned;

use super::auth::BoxError;

/// Turns a response body into a `T`.
pub trait Decode<T> {
    /// Decodes `body`; on failure, the path where it failed (if known) and
    /// why.
    fn decode(body: &Bytes) -> Result<T, (String, BoxError)>;
}

/// A JSON body, decoded with `serde`.
pub struct Json;

/// A text body (`text/*`, XML), which must be UTF-8.
pub struct Text;

/// Any other body, as bytes.
pub struct Binary;

/// A body that is ignored (responses documented without content).
pub struct Empty;

impl<T: DeserializeOwned> Decode<T> for Json {
    fn decode(body: &Bytes) -> Result<T, (String, BoxError)> {
        // Tracking the path costs on every value; only a failure needs it,
        // so decode plainly first and retrace only to report an error.
        if let Ok(value) = serde_json::from_slice(body) {
            return Ok(value);
        }
        let mut deserializer = serde_json::Deserializer::from_slice(body);
        serde_path_to_error::deserialize(&mut deserializer)
            .map_err(|e| (e.path().to_string(), Box::new(e.into_inner()) as BoxError))
    }
}

/// A JSON body of a client generated with lenient responses: as [`Json`],
/// and where the body is not the spec's type, as what was plainly meant
/// (`null` as an empty object, one value as a list of it, a number written
/// as a string as the number, a number as its text), each counted
/// ([`relaxed_values`](super::values::relaxed_values)).
pub struct LenientJson;

impl<T: DeserializeOwned> Decode<T> for LenientJson {
    fn decode(body: &Bytes) -> Result<T, (String, BoxError)> {
        let error = match Json::decode(body) {
            Ok(value) => return Ok(value),
            Err(error) => error,
        };
        let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) else {
            return Err(error);
        };
        let read = super::values::meant(value)
            .into_iter()
            .find_map(|candidate| serde_json::from_value(candidate).ok());
        match read {
            Some(value) => {
                super::values::count_relaxed();
                Ok(value)
            }
            None => Err(error),
        }
    }
}

impl Decode<String> for Text {
    fn decode(body: &Bytes) -> Result<String, (String, BoxError)> {
        String::from_utf8(body.to_vec()).map_err(|e| (".".to_owned(), Box::new(e) as BoxError))
    }
}

impl Decode<Bytes> for Binary {
    fn decode(body: &Bytes) -> Result<Bytes, (String, BoxError)> {
        Ok(body.clone())
    }
}

impl Decode<()> for Empty {
    fn decode(_: &Bytes) -> Result<(), (String, BoxError)> {
        Ok(())
    }
}

/// A declared response header, typed: `None` if the response lacks it.
/// Numbers and booleans are read as JSON, everything else as text (so an
/// enum reads its wire value).
pub fn response_header<T: DeserializeOwned>(
    headers: &reqwest::header::HeaderMap,
    name: &'static str,
    expected: &'static str,
) -> Result<Option<T>, HeaderError> {
    let Some(value) = headers.get(name) else {
        return Ok(None);
    };
    let malformed = || HeaderError { name, expected };
    let text = value.to_str().map_err(|_| malformed())?.trim();
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .or_else(|_| serde_json::from_str(text))
        .map(Some)
        .map_err(|_| malformed())
}

/// A declared response header whose value is not of the type the spec
/// gives it. The message never quotes the value, which may be a secret.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("response header `{name}` is not a valid `{expected}`")]
pub struct HeaderError {
    /// The header, as the spec names it.
    pub name: &'static str,
    /// The Rust type it should have, e.g. `i64`.
    pub expected: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Pet {
        name: Option<String>,
    }

    #[test]
    fn a_lenient_body_reads_what_was_plainly_meant() {
        let decode = |body: &'static str| -> Result<Vec<Pet>, String> {
            LenientJson::decode(&Bytes::from_static(body.as_bytes()))
                .map_err(|(p, e)| format!("{e} at {p}"))
        };
        let one = Pet {
            name: Some("Rex".to_owned()),
        };
        assert_eq!(decode(r#"{"name": "Rex"}"#).unwrap(), [one]);
        let empty: Result<Pet, _> = LenientJson::decode(&Bytes::from_static(b"null"));
        assert_eq!(empty.unwrap(), Pet { name: None });
        // What nothing plainly means is the strict error.
        assert_eq!(
            decode("true").unwrap_err(),
            "invalid type: boolean `true`, expected a sequence at line 1 column 4 at ."
        );
        let number: Result<i64, _> = LenientJson::decode(&Bytes::from_static(b"\"12\""));
        assert_eq!(number.unwrap(), 12);
        let text: Result<Vec<String>, _> = LenientJson::decode(&Bytes::from_static(b"20.04"));
        assert!(text.is_err(), "one step at a time");
        let text: Result<String, _> = LenientJson::decode(&Bytes::from_static(b"20.04"));
        assert_eq!(text.unwrap(), "20.04");
        let strict: Result<Pet, _> = Json::decode(&Bytes::from_static(b"null"));
        assert!(strict.is_err());
    }
}
