//! The review as Markdown (for a pull-request comment) and as JSON (for
//! tools; the README documents the format).

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::{Change, Place, Review, RustImpact, SpecStatus, WireImpact};

/// How serious a change is for the report's grouping: 2 breaks someone
/// (`major` or `breaking`), 1 adds (`minor` or `compatible`), 0 is the rest.
pub(super) fn group(change: &Change) -> u8 {
    if change.rust == RustImpact::Major || change.wire == WireImpact::Breaking {
        2
    } else if change.rust == RustImpact::Minor || change.wire == WireImpact::Compatible {
        1
    } else {
        0
    }
}

const GROUPS: [(u8, &str); 3] = [
    (2, "Breaking"),
    (1, "Compatible"),
    (0, "Docs and internals"),
];

pub(super) fn markdown(review: &Review) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## Spec changes: `{}` for the crate, `{}` on the wire\n",
        review.semver().as_str(),
        review.wire().as_str()
    );
    if review.specs.is_empty() {
        out.push_str("No change to the generated API or to what travels on the wire.\n");
        return out;
    }
    for spec in &review.specs {
        let status = match spec.status {
            SpecStatus::Added => " (added)",
            SpecStatus::Removed => " (removed)",
            SpecStatus::Changed => "",
        };
        let _ = writeln!(
            out,
            "### `{}`{status}: module `{}`",
            spec.label, spec.module
        );
        for (level, heading) in GROUPS {
            let lines: Vec<&Change> = spec.changes.iter().filter(|c| group(c) == level).collect();
            if lines.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n**{heading}**\n");
            for change in lines {
                let _ = writeln!(out, "- {}", line(change));
            }
        }
        out.push('\n');
    }
    out
}

/// `` `major` `breaking` method `x` removed: `GET /x` removed (spec.yaml:3:5) ``
fn line(change: &Change) -> String {
    let place = match (&change.old, &change.new) {
        (_, Some(new)) if change.new.is_some() && !change.kind.is_removal() => new.to_string(),
        (Some(old), _) => format!("was {old}"),
        (None, Some(new)) => new.to_string(),
        (None, None) => String::new(),
    };
    format!(
        "`{}` `{}` {}: {} ({place})",
        change.rust.as_str(),
        change.wire.as_str(),
        change.summary,
        change.spec
    )
}

pub(super) fn json(review: &Review) -> String {
    let changes: Vec<Value> = review
        .specs
        .iter()
        .flat_map(|spec| {
            spec.changes.iter().map(|c| {
                json!({
                    "spec": spec.label,
                    "module": spec.module,
                    "kind": c.kind.as_str(),
                    "rust": c.rust.as_str(),
                    "wire": c.wire.as_str(),
                    "summary": c.summary,
                    "detail": c.spec,
                    "old_file": c.old.as_ref().map(|p| &p.file),
                    "old_pointer": c.old.as_ref().map(|p| &p.pointer),
                    "old_line": line_of(c.old.as_ref()),
                    "new_file": c.new.as_ref().map(|p| &p.file),
                    "new_pointer": c.new.as_ref().map(|p| &p.pointer),
                    "new_line": line_of(c.new.as_ref()),
                })
            })
        })
        .collect();
    let specs: Vec<Value> = review
        .specs
        .iter()
        .map(|spec| {
            json!({
                "spec": spec.label,
                "module": spec.module,
                "status": match spec.status {
                    SpecStatus::Added => "added",
                    SpecStatus::Removed => "removed",
                    SpecStatus::Changed => "changed",
                },
            })
        })
        .collect();
    let report = json!({
        "semver": review.semver().as_str(),
        "wire": review.wire().as_str(),
        "specs": specs,
        "changes": changes,
    });
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}

/// `"12:5"`, or `null` if the place was not found in the text.
fn line_of(place: Option<&Place>) -> Value {
    match place.and_then(|p| p.location) {
        Some(l) => Value::String(format!("{}:{}", l.line, l.column)),
        None => Value::Null,
    }
}
