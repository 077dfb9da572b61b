//! A fake that knows its API's spec: each request is checked against the
//! operation it is for (its path, required parameters, body), and an
//! operation with no expectation answers from the spec (its example, or a
//! value generated from its schema). The generated module's `fake()` lists
//! the operations.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::reply::Reply;

/// One operation of a spec, as a fake checks requests against it and
/// answers them. Generated code lists them; nothing else should.
#[doc(hidden)]
pub struct Route {
    /// `GET`, `POST`...
    pub method: &'static str,
    /// The path template's segments after the base URL's path, e.g.
    /// `["repos", "{owner}", "{repo}"]`.
    pub path: &'static [&'static str],
    /// The operationId, or `METHOD /path`.
    pub operation: &'static str,
    /// Where the spec defines it: `file:line:column (#/json/pointer)`.
    pub location: &'static str,
    /// The query parameters it requires, by wire name.
    pub query: &'static [&'static str],
    /// The headers it requires, by wire name.
    pub headers: &'static [&'static str],
    /// The parameters whose values are checked: each a scalar the
    /// operation's type for it must read.
    pub values: &'static [ValueRule],
    /// What its request body must be, if it takes one.
    pub body: Option<BodyRule>,
    /// What it answers when no expectation does.
    pub reply: fn() -> Reply,
}

/// What a request body must be.
#[doc(hidden)]
pub struct BodyRule {
    /// Whether a body must be sent.
    pub required: bool,
    /// The media types the spec allows (`Content-Type`'s essence).
    pub media_types: &'static [&'static str],
    /// Whether a JSON body is what the body's type reads.
    pub check: Option<BodyCheck>,
}

/// Whether a JSON body is what a type reads, and if not, why.
#[doc(hidden)]
pub type BodyCheck = fn(&[u8]) -> Result<(), String>;

/// Whether a parameter's text is what its type reads, and if not, why.
#[doc(hidden)]
pub type TextCheck = fn(&str) -> Result<(), String>;

/// A parameter whose value is checked.
#[doc(hidden)]
pub struct ValueRule {
    /// `query`, `header` or `path`.
    pub location: &'static str,
    /// Its wire name.
    pub name: &'static str,
    /// For a path parameter, its segment's index in [`Route::path`].
    pub segment: usize,
    /// Whether its text is what its type reads.
    pub check: TextCheck,
}

impl Route {
    /// Whether `segments` (a request path's, decoded) end with this
    /// route's, and how many of its segments are literal (the more, the
    /// more specific the match).
    pub(crate) fn matches(&self, method: &str, segments: &[String]) -> Option<usize> {
        if !method.eq_ignore_ascii_case(self.method) || segments.len() < self.path.len() {
            return None;
        }
        let tail = &segments[segments.len() - self.path.len()..];
        let mut literal = 0;
        for (template, actual) in self.path.iter().zip(tail) {
            if !template.contains('{') {
                if template != actual {
                    return None;
                }
                literal += 1;
            } else if !segment_matches(template, actual) {
                return None;
            }
        }
        Some(literal)
    }

    /// How `request` (whose path has these `segments`, decoded) breaks
    /// this operation's rules, one line each.
    pub(crate) fn violations(
        &self,
        request: &reqwest::Request,
        segments: &[String],
    ) -> Vec<String> {
        // The segments this route's template matched.
        let tail = &segments[segments.len().saturating_sub(self.path.len())..];
        let mut found = Vec::new();
        for name in self.query {
            if !request.url().query_pairs().any(|(n, _)| n == *name) {
                found.push(format!("required query parameter `{name}` is missing"));
            }
        }
        for name in self.headers {
            if !request.headers().contains_key(*name) {
                found.push(format!("required header `{name}` is missing"));
            }
        }
        for rule in self.values {
            let values: Vec<String> = match rule.location {
                "query" => request
                    .url()
                    .query_pairs()
                    .filter(|(n, _)| n == rule.name)
                    .map(|(_, v)| v.into_owned())
                    .collect(),
                "header" => request
                    .headers()
                    .get_all(rule.name)
                    .iter()
                    .filter_map(|v| v.to_str().ok().map(str::to_owned))
                    .collect(),
                _ => tail.get(rule.segment).cloned().into_iter().collect(),
            };
            for value in values {
                if let Err(why) = (rule.check)(&value) {
                    found.push(format!(
                        "{} parameter `{}` is not what its schema allows: {why}",
                        rule.location, rule.name
                    ));
                }
            }
        }
        if let Some(rule) = &self.body {
            let body = request
                .body()
                .and_then(reqwest::Body::as_bytes)
                .unwrap_or_default();
            let media_type = request
                .headers()
                .get(reqwest::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .map(|v| {
                    v.split(';')
                        .next()
                        .unwrap_or("")
                        .trim()
                        .to_ascii_lowercase()
                });
            match media_type {
                None if body.is_empty() => {
                    if rule.required {
                        found.push("the required request body is missing".to_owned());
                    }
                }
                None => found.push("the body has no `Content-Type`".to_owned()),
                Some(media_type) => {
                    let allowed = rule
                        .media_types
                        .iter()
                        .any(|m| media_type_matches(m, &media_type));
                    if !allowed {
                        found.push(format!(
                            "`Content-Type: {media_type}` is not one the spec allows ({})",
                            rule.media_types.join(", ")
                        ));
                    } else if let Some(check) = rule.check
                        && media_type.ends_with("json")
                        && let Err(detail) = check(body)
                    {
                        found.push(format!("the body does not match its schema: {detail}"));
                    }
                }
            }
        }
        found
    }
}

/// Whether a template segment (`{id}`, `{id}.json`, `v{major}`) matches an
/// actual one: its literal parts, in order, with something between.
fn segment_matches(template: &str, actual: &str) -> bool {
    let mut rest = actual;
    let mut pieces = template.split('{');
    if let Some(first) = pieces.next() {
        match rest.strip_prefix(first) {
            Some(after) => rest = after,
            None => return false,
        }
    }
    for piece in pieces {
        let literal = piece.split_once('}').map_or("", |(_, l)| l);
        if literal.is_empty() {
            // A placeholder at the end takes the rest, which must be there.
            if rest.is_empty() {
                return false;
            }
            rest = "";
            continue;
        }
        match rest.get(1..).and_then(|r| r.find(literal)) {
            Some(at) => rest = &rest[at + 1 + literal.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

/// Whether a `Content-Type` essence is one a spec's media type allows
/// (`application/*`, `*/*` allow families).
fn media_type_matches(allowed: &str, actual: &str) -> bool {
    let allowed = allowed.to_ascii_lowercase();
    allowed == actual
        || allowed == "*/*"
        || allowed
            .strip_suffix("/*")
            .is_some_and(|family| actual.starts_with(&format!("{family}/")))
}

/// The JSON a fake answers with for `T`: the spec's example if the client
/// decodes it, else the value generated from the schema, each written back
/// as the client's type writes it.
///
/// # Panics
///
/// If neither decodes: a generator bug, named with both reasons.
#[doc(hidden)]
pub fn sample<T: DeserializeOwned + Serialize>(
    example: Option<&str>,
    generated: &str,
) -> serde_json::Value {
    let decode = |text: &str| {
        serde_json::from_str::<T>(text)
            .and_then(|value| serde_json::to_value(value))
            .map_err(|e| e.to_string())
    };
    let from_example = example.map(decode);
    if let Some(Ok(value)) = from_example {
        return value;
    }
    match decode(generated) {
        Ok(value) => value,
        Err(error) => panic!(
            "the fake has no value of `{}` to answer with: the generated one does not decode ({error}){}",
            std::any::type_name::<T>(),
            match from_example {
                Some(Err(e)) => format!(", nor does the spec's example ({e})"),
                _ => String::new(),
            }
        ),
    }
}

/// Whether a parameter's text is what `T` reads: as JSON (a number, a
/// boolean), or as a string (text, an enum value, a date-time).
#[doc(hidden)]
pub fn check_text<T: DeserializeOwned>(text: &str) -> Result<(), String> {
    if serde_json::from_str::<T>(text).is_ok() {
        return Ok(());
    }
    serde_json::from_value::<T>(serde_json::Value::String(text.to_owned()))
        .map(|_| ())
        .map_err(|e| format!("`{text}`: {e}"))
}

/// Whether a JSON body is what `T` reads.
#[doc(hidden)]
pub fn check_json<T: DeserializeOwned>(body: &[u8]) -> Result<(), String> {
    serde_json::from_slice::<T>(body)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::segment_matches;

    #[test]
    fn a_template_segment_matches_its_literal_parts_in_order() {
        assert!(segment_matches("{id}", "42"));
        assert!(!segment_matches("{id}", ""));
        assert!(segment_matches("{id}.json", "42.json"));
        assert!(!segment_matches("{id}.json", "42.xml"));
        assert!(segment_matches("v{major}", "v2"));
        assert!(segment_matches("{a}:{b}", "x:y"));
        assert!(!segment_matches("{a}:{b}", "xy"));
    }
}
