//! Credentials and how each security scheme of a spec puts them on a request.

use std::collections::BTreeMap;
use std::fmt;

use base64::Engine as _;
use reqwest::header::{AUTHORIZATION, COOKIE, HeaderValue};

use super::client::Request;
use super::error::Error;

/// A string that is never shown by `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself. Do not log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

/// How a security scheme carries its credential.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthScheme {
    /// `Authorization: Bearer <token>` (http bearer, oauth2, openIdConnect).
    Bearer,
    /// `Authorization: Basic <base64(user:password)>`.
    Basic,
    /// An API key in the named header.
    ApiKeyHeader(&'static str),
    /// An API key in the named query parameter.
    ApiKeyQuery(&'static str),
    /// An API key in the named cookie.
    ApiKeyCookie(&'static str),
}

/// One security scheme of the spec, by its name under
/// `components/securitySchemes`, as an operation uses it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SchemeUse {
    /// The scheme's name in the spec.
    pub name: &'static str,
    /// How it carries its credential.
    pub scheme: AuthScheme,
}

/// An operation's security requirement: alternatives, each a set of schemes
/// that must all be satisfied. No alternatives: the operation sends no
/// credentials. An empty alternative: credentials are optional.
pub type Security = &'static [&'static [SchemeUse]];

/// The credentials configured on a client. `Debug` shows which are set,
/// never their values.
#[derive(Clone, Debug, Default)]
pub(crate) struct Credentials {
    pub bearer: Option<Secret>,
    pub basic: Option<(String, Secret)>,
    /// API keys by security scheme name.
    pub api_keys: BTreeMap<String, Secret>,
}

impl Credentials {
    fn has(&self, scheme: &SchemeUse) -> bool {
        match scheme.scheme {
            AuthScheme::Bearer => self.bearer.is_some(),
            AuthScheme::Basic => self.basic.is_some(),
            AuthScheme::ApiKeyHeader(_)
            | AuthScheme::ApiKeyQuery(_)
            | AuthScheme::ApiKeyCookie(_) => self.api_keys.contains_key(scheme.name),
        }
    }

    /// Puts credentials on `request` for the first alternative whose schemes
    /// are all configured, or fails without sending anything. An empty
    /// alternative (credentials optional) is used only when no other can be.
    pub(crate) fn apply<E>(
        &self,
        security: Security,
        request: &mut Request,
    ) -> Result<(), Error<E>> {
        match self.choose(security) {
            Some(alternative) => alternative
                .iter()
                .try_for_each(|used| self.apply_one(used, request)),
            None => {
                let names: Vec<&str> = security
                    .iter()
                    .flat_map(|alt| alt.iter().map(|s| s.name))
                    .collect();
                Err(Error::MissingCredentials {
                    schemes: names.join(", "),
                })
            }
        }
    }

    /// The alternative to use; `Some(&[])` means send no credentials.
    fn choose(&self, security: Security) -> Option<&'static [SchemeUse]> {
        if security.is_empty() {
            return Some(&[]);
        }
        let configured = |alt: &&&[SchemeUse]| !alt.is_empty() && alt.iter().all(|s| self.has(s));
        let optional = |alt: &&&[SchemeUse]| alt.is_empty();
        security
            .iter()
            .find(configured)
            .or_else(|| security.iter().find(optional))
            .copied()
    }

    fn apply_one<E>(&self, used: &SchemeUse, request: &mut Request) -> Result<(), Error<E>> {
        match used.scheme {
            AuthScheme::Bearer => {
                if let Some(token) = &self.bearer {
                    request.set_secret_header(
                        AUTHORIZATION.as_str(),
                        &format!("Bearer {}", token.expose()),
                    )?;
                }
            }
            AuthScheme::Basic => {
                if let Some((user, password)) = &self.basic {
                    let encoded = base64::engine::general_purpose::STANDARD
                        .encode(format!("{user}:{}", password.expose()));
                    request
                        .set_secret_header(AUTHORIZATION.as_str(), &format!("Basic {encoded}"))?;
                }
            }
            AuthScheme::ApiKeyHeader(header) => {
                if let Some(key) = self.api_keys.get(used.name) {
                    request.set_secret_header(header, key.expose())?;
                }
            }
            AuthScheme::ApiKeyQuery(param) => {
                if let Some(key) = self.api_keys.get(used.name) {
                    request.query(param, key.expose());
                }
            }
            AuthScheme::ApiKeyCookie(cookie) => {
                if let Some(key) = self.api_keys.get(used.name) {
                    let pair = format!("{cookie}={}", key.expose());
                    let value = match request.headers().get(COOKIE).and_then(|v| v.to_str().ok()) {
                        Some(existing) => format!("{existing}; {pair}"),
                        None => pair,
                    };
                    request.set_secret_header(COOKIE.as_str(), &value)?;
                }
            }
        }
        Ok(())
    }
}

/// A header value that `reqwest` treats as sensitive.
pub(crate) fn secret_header_value(value: &str) -> Option<HeaderValue> {
    let mut value = HeaderValue::from_str(value).ok()?;
    value.set_sensitive(true);
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BEARER: SchemeUse = SchemeUse {
        name: "bearer",
        scheme: AuthScheme::Bearer,
    };
    const KEY: SchemeUse = SchemeUse {
        name: "key",
        scheme: AuthScheme::ApiKeyHeader("x-key"),
    };

    fn with_bearer() -> Credentials {
        Credentials {
            bearer: Some("t".into()),
            ..Credentials::default()
        }
    }

    #[test]
    fn no_requirement_sends_nothing() {
        assert_eq!(with_bearer().choose(&[]), Some(&[][..]));
    }

    #[test]
    fn optional_security_still_sends_configured_credentials() {
        assert_eq!(with_bearer().choose(&[&[], &[BEARER]]), Some(&[BEARER][..]));
        assert_eq!(
            Credentials::default().choose(&[&[], &[BEARER]]),
            Some(&[][..])
        );
    }

    #[test]
    fn the_first_fully_configured_alternative_wins() {
        assert_eq!(
            with_bearer().choose(&[&[KEY], &[BEARER]]),
            Some(&[BEARER][..])
        );
        assert_eq!(with_bearer().choose(&[&[KEY, BEARER]]), None);
    }

    #[test]
    fn debug_shows_which_credentials_are_set_but_not_their_values() {
        let mut credentials = with_bearer();
        credentials.api_keys.insert("key".into(), "k-secret".into());
        credentials.basic = Some(("ada".into(), "p-secret".into()));
        let debug = format!("{credentials:?}");
        assert!(
            !debug.contains("secret") && !debug.contains("\"t\""),
            "{debug}"
        );
        assert!(debug.contains("ada") && debug.contains("key"), "{debug}");
    }
}
