//! Rust names for spec names, decided in one place.
//!
//! Spec names can be anything: `revoke-token`, `createdBy`, `2fa`, `type`,
//! `주문`. These functions turn them into valid, idiomatic identifiers, and
//! [`Namespace`] keeps names unique within one scope (a module's types, a
//! struct's fields, a method's parameters).

pub(crate) mod reserved;

use std::collections::BTreeSet;

use heck::{ToKebabCase, ToPascalCase, ToSnakeCase};

use reserved::TYPE_NAMES;

/// Words that cannot be identifiers: the strict and reserved keywords of
/// every edition.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// A keyword, or a name the emitted code uses unqualified.
fn is_reserved(name: &str) -> bool {
    KEYWORDS.contains(&name) || TYPE_NAMES.contains(&name)
}

/// `snake_case` identifier for fields, parameters, methods and modules.
pub(crate) fn snake(raw: &str) -> String {
    finish(ascii_words(raw).to_snake_case(), "value", "n_")
}

/// A cargo feature name for a spec's module (file stem): ASCII letters,
/// digits, `_` and `-`, anything else as `-`, starting with a letter or
/// digit (`my spec` gives `my-spec`).
pub(crate) fn feature(raw: &str) -> String {
    let name: String = raw
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let name = name.trim_start_matches(['-', '_']);
    if name.is_empty() {
        "api".to_owned()
    } else if reserved::CRATE_FEATURES.contains(&name) {
        format!("{name}-api")
    } else {
        name.to_owned()
    }
}

/// A cargo feature name for a tag: its words in `kebab-case` (`Git Data`
/// gives `git-data`).
pub(crate) fn tag_feature(raw: &str) -> String {
    let name = ascii_words(raw).to_kebab_case();
    if name.is_empty() {
        "tag".to_owned()
    } else {
        name
    }
}

/// `PascalCase` identifier for types and enum variants.
pub(crate) fn pascal(raw: &str) -> String {
    finish(ascii_words(raw).to_pascal_case(), "Value", "T")
}

/// `PascalCase` identifier for enum variants, which live in their enum's
/// namespace: only `Self` must be avoided, so a `none` value stays `None`.
pub(crate) fn variant(raw: &str) -> String {
    let name = pascal(raw);
    match name.strip_suffix('_') {
        Some(plain) if plain != "Self" && is_reserved(plain) => plain.to_owned(),
        _ => name,
    }
}

/// Replaces characters that cannot appear in an identifier by word breaks.
/// Non-ASCII letters are spelled as their code points, so distinct names
/// stay distinct (`이름` and `주소` must not both become `_`).
fn ascii_words(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c.is_alphanumeric() {
            out.push_str(&format!(" u{:x} ", c as u32));
        } else {
            out.push(' ');
        }
    }
    out
}

fn finish(mut name: String, empty: &str, digit_prefix: &str) -> String {
    if name.is_empty() {
        name.push_str(empty);
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, digit_prefix);
    }
    if is_reserved(&name) {
        name.push('_');
    }
    name
}

/// The `SCREAMING_SNAKE` name of the `const` describing a security scheme;
/// claim it in a [`Namespace`] to keep it unique.
pub(crate) fn scheme_const(raw: &str) -> String {
    format!(
        "SCHEME_{}",
        snake(raw).trim_end_matches('_').to_ascii_uppercase()
    )
}

/// Names already taken in one scope.
#[derive(Debug, Default)]
pub(crate) struct Namespace {
    taken: BTreeSet<String>,
}

impl Namespace {
    /// Whether `name` is taken.
    pub(crate) fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// A scope in which `reserved` names are already taken.
    pub(crate) fn with_reserved(reserved: &[&str]) -> Self {
        Self {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// Takes `name`, or `name2`, `name3`... if it is taken.
    /// A keyword escaped as `type_` or `String_` is numbered as `type2` or
    /// `String2` (`String_2` would not be camel case).
    pub(crate) fn claim(&mut self, name: String) -> String {
        let mut candidate = name.clone();
        let stem = name.strip_suffix('_').unwrap_or(&name);
        let sep = if stem.ends_with(|c: char| c.is_ascii_digit()) {
            "_"
        } else {
            ""
        };
        let mut n = 2;
        while self.taken.contains(&candidate) {
            candidate = format!("{stem}{sep}{n}");
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

/// The variant name for a status range, e.g. `ClientError` for `4XX`.
pub(crate) fn range_variant(hundreds: u16) -> String {
    match hundreds {
        1 => "Informational".to_owned(),
        2 => "Success".to_owned(),
        3 => "Redirection".to_owned(),
        4 => "ClientError".to_owned(),
        5 => "ServerError".to_owned(),
        other => format!("Status{other}xx"),
    }
}

/// The variant name for a response status, e.g. `NoContent` for 204.
pub(crate) fn status_variant(code: u16) -> String {
    let known = match code {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritativeInformation",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        301 => "MovedPermanently",
        302 => "Found",
        303 => "SeeOther",
        304 => "NotModified",
        307 => "TemporaryRedirect",
        308 => "PermanentRedirect",
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        415 => "UnsupportedMediaType",
        416 => "RangeNotSatisfiable",
        422 => "UnprocessableEntity",
        423 => "Locked",
        424 => "FailedDependency",
        428 => "PreconditionRequired",
        429 => "TooManyRequests",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        _ => return format!("Status{code}"),
    };
    known.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_ids_become_snake_case_methods() {
        let raw = ["InvalidateToken", "revoke-token", "token-info", "createdBy"];
        let methods = [
            "invalidate_token",
            "revoke_token",
            "token_info",
            "created_by",
        ];
        assert_eq!(raw.map(snake), methods);
    }

    #[test]
    fn keywords_digits_and_symbols_give_valid_identifiers() {
        let raw = ["type", "self", "2fa", "x-rate limit", "$"];
        assert_eq!(
            raw.map(snake),
            ["type_", "self_", "n_2fa", "x_rate_limit", "value"]
        );
        let raw = ["self", "2fa", "", "Token information", "None"];
        assert_eq!(
            raw.map(pascal),
            ["Self_", "T2fa", "Value", "TokenInformation", "None_"]
        );
        // Variants live in their enum's namespace: only `Self` is escaped.
        assert_eq!(["none", "self"].map(variant), ["None", "Self_"]);
    }

    #[test]
    fn features_are_valid_cargo_feature_names() {
        let raw = ["finbourne-identity", "my spec", "-x", "v1.2", "주소"];
        assert_eq!(
            raw.map(feature),
            ["finbourne-identity", "my-spec", "x", "v1-2", "--"].map(|f| {
                if f == "--" {
                    "api".to_owned()
                } else {
                    f.to_owned()
                }
            })
        );
    }

    #[test]
    fn non_ascii_names_stay_distinct() {
        assert_ne!(snake("이름"), snake("주소"));
        assert!(
            snake("이름")
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_')
        );
    }

    #[test]
    fn namespace_suffixes_collisions() {
        let mut ns = Namespace::with_reserved(&["request"]);
        assert_eq!(ns.claim("request".into()), "request2");
        assert_eq!(ns.claim("foo_bar".into()), "foo_bar");
        assert_eq!(ns.claim("foo_bar".into()), "foo_bar2");
        assert_eq!(ns.claim("v1".into()), "v1");
        assert_eq!(ns.claim("v1".into()), "v1_2");
        assert_eq!(ns.claim("String_".into()), "String_");
        assert_eq!(ns.claim("String_".into()), "String2");
        assert_eq!(ns.claim("type_".into()), "type_");
        assert_eq!(ns.claim("type_".into()), "type2");
    }
}
