//! Keeping secrets out of `Debug` output and error messages.

use std::fmt;

use reqwest::header::HeaderMap;

/// Header names whose values are credentials, matched case-insensitively.
/// Names that merely contain one of [`SECRET_WORDS`] count too.
const SECRET_HEADERS: &[&str] = &[
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
];

/// Words that mark a header or query parameter as carrying a secret.
const SECRET_WORDS: &[&str] = &[
    "token", "secret", "password", "api-key", "api_key", "apikey", "session",
];

/// Whether a header or query parameter of this name carries a secret.
pub(crate) fn is_secret_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    SECRET_HEADERS.contains(&name.as_str()) || SECRET_WORDS.iter().any(|w| name.contains(w))
}

/// Formats headers with the values of secret ones replaced.
pub(crate) struct RedactedHeaders<'a>(pub &'a HeaderMap);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in self.0 {
            if value.is_sensitive() || is_secret_name(name.as_str()) {
                map.entry(&name.as_str(), &"<redacted>");
            } else {
                map.entry(&name.as_str(), &value.to_str().unwrap_or("<binary>"));
            }
        }
        map.finish()
    }
}
