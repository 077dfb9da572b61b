//! Validation keywords (`maxLength`, `minimum`, `pattern`, ...): the
//! generated code does not enforce them, so they change nothing in Rust,
//! but a server that enforces tighter ones refuses requests an old client
//! still sends. The model leaves them out, so they are read from the raw
//! schemas at the places the model points to.

use serde_json::Value;

/// Keywords whose larger value accepts less.
const LOWER_BOUNDS: &[&str] = &[
    "minLength",
    "minItems",
    "minProperties",
    "minimum",
    "exclusiveMinimum",
];
/// Keywords whose smaller value accepts less.
const UPPER_BOUNDS: &[&str] = &[
    "maxLength",
    "maxItems",
    "maxProperties",
    "maximum",
    "exclusiveMaximum",
];
/// Keywords any new value of which may refuse what the old one accepted.
const OTHER: &[&str] = &["pattern", "multipleOf", "format"];

/// How the constraints changed from `old` to `new` (schema nodes).
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct ConstraintChange {
    /// Descriptions of what now accepts less, e.g. "`maxLength` 64 (was none)".
    pub tightened: Vec<String>,
    /// Descriptions of what now accepts more.
    pub loosened: Vec<String>,
}

/// Compares the validation keywords of two schema nodes; `format` is left
/// to the caller when `with_format` is false (fields report it themselves).
pub(super) fn compare(old: &Value, new: &Value, with_format: bool) -> ConstraintChange {
    let mut change = ConstraintChange::default();
    let number = |node: &Value, key: &str| node.get(key).and_then(Value::as_f64);
    let text = |v: Option<&Value>| v.map_or_else(|| "none".to_owned(), ToString::to_string);
    for &key in LOWER_BOUNDS.iter().chain(UPPER_BOUNDS) {
        let (a, b) = (number(old, key), number(new, key));
        if a == b {
            continue;
        }
        let lower = LOWER_BOUNDS.contains(&key);
        let tighter = match (a, b) {
            (None, Some(_)) => true,
            (Some(_), None) => false,
            (Some(a), Some(b)) => (b > a) == lower,
            (None, None) => continue,
        };
        let line = format!(
            "`{key}` {} (was {})",
            text(new.get(key)),
            text(old.get(key))
        );
        if tighter {
            change.tightened.push(line);
        } else {
            change.loosened.push(line);
        }
    }
    for &key in OTHER {
        if key == "format" && !with_format {
            continue;
        }
        // A pattern that matches any text (`""`, `.*`) constrains nothing.
        let constraining = |v: &&Value| key != "pattern" || !matches_anything(v);
        let a = old.get(key).filter(constraining);
        let b = new.get(key).filter(constraining);
        if a == b {
            continue;
        }
        match (a, b) {
            (_, None) => {
                change
                    .loosened
                    .push(format!("`{key}` {} (was {})", text(new.get(key)), text(a)))
            }
            (None, Some(_)) => {
                change
                    .tightened
                    .push(format!("`{key}` {} (was {})", text(b), text(old.get(key))))
            }
            // Which of two patterns (or formats, or divisors) accepts more
            // is not decided here: a change may refuse what was accepted.
            (Some(_), Some(_)) => {
                change
                    .tightened
                    .push(format!("`{key}` changed to {} (was {})", text(b), text(a)))
            }
        }
    }
    if old.get("uniqueItems") != new.get("uniqueItems") {
        let unique = new.get("uniqueItems").and_then(Value::as_bool) == Some(true);
        let line = format!("`uniqueItems` {unique}");
        if unique {
            change.tightened.push(line);
        } else {
            change.loosened.push(line);
        }
    }
    change
}

/// A regular expression that matches any text.
fn matches_anything(pattern: &Value) -> bool {
    matches!(
        pattern.as_str().map(str::trim),
        Some("" | ".*" | "^.*" | ".*$" | "^.*$" | "(.*)" | "^(.*)$" | "[\\s\\S]*" | "^[\\s\\S]*$")
    )
}

/// The node at `pointer`, following local `$ref`s (a few links at most).
pub(super) fn node<'v>(raw: &'v Value, pointer: &str) -> Option<&'v Value> {
    follow(raw, raw.pointer(pointer)?)
}

/// `node`, or what its local `$ref`s lead to.
pub(super) fn follow<'v>(raw: &'v Value, mut node: &'v Value) -> Option<&'v Value> {
    for _ in 0..8 {
        match node.get("$ref").and_then(Value::as_str) {
            Some(reference) => node = raw.pointer(reference.strip_prefix('#')?)?,
            None => break,
        }
    }
    Some(node)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bounds_tighten_in_their_own_direction() {
        let old = json!({"maxLength": 64, "minimum": 1});
        let new = json!({"maxLength": 32, "minimum": 0, "pattern": "^a"});
        let change = compare(&old, &new, true);
        assert_eq!(
            change.tightened,
            ["`maxLength` 32 (was 64)", "`pattern` \"^a\" (was none)"]
        );
        assert_eq!(change.loosened, ["`minimum` 0 (was 1)"]);
    }

    #[test]
    fn removing_a_keyword_loosens() {
        let change = compare(
            &json!({"maxItems": 3, "uniqueItems": true}),
            &json!({}),
            true,
        );
        assert!(change.tightened.is_empty());
        assert_eq!(
            change.loosened,
            ["`maxItems` none (was 3)", "`uniqueItems` false"]
        );
    }

    #[test]
    fn a_pattern_is_loosened_when_removed_or_made_to_match_anything() {
        let old = json!({"pattern": "^[a-z]+$"});
        for new in [json!({}), json!({"pattern": ".*"}), json!({"pattern": ""})] {
            let change = compare(&old, &new, true);
            assert!(change.tightened.is_empty(), "{new}");
            assert_eq!(change.loosened.len(), 1, "{new}");
        }
        let changed = compare(&old, &json!({"pattern": "^[a-z0-9]+$"}), true);
        assert_eq!(
            changed.tightened,
            ["`pattern` changed to \"^[a-z0-9]+$\" (was \"^[a-z]+$\")"]
        );
        let added = compare(&json!({"pattern": ".*"}), &json!({"pattern": "^a"}), true);
        assert_eq!(added.tightened, ["`pattern` \"^a\" (was \".*\")"]);
    }

    #[test]
    fn refs_are_followed() {
        let raw = json!({"a": {"$ref": "#/b"}, "b": {"maxLength": 2}});
        assert_eq!(node(&raw, "/a"), Some(&json!({"maxLength": 2})));
    }
}
