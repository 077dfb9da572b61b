//! The review on oasdiff's own checker pairs (`tests/oasdiff/`): for each,
//! our `wire` verdict is oasdiff's, or the one its case line records with
//! the reason we differ.

use std::path::Path;

use generator::review::{WireImpact, review};
use generator::{CrateOptions, SpecSource};

use crate::common::workspace_root;

struct Case {
    test: String,
    base: String,
    revision: String,
    oasdiff: String,
    /// Our verdict and why, where it differs on purpose.
    ours: Option<(String, String)>,
}

fn cases() -> Vec<Case> {
    let dir = workspace_root().join("generator/tests/oasdiff");
    let text = std::fs::read_to_string(dir.join("cases.txt")).unwrap();
    text.lines()
        .map(|line| {
            let (pair, differs) = match line.split_once(" | ") {
                Some((pair, differs)) => (pair, Some(differs)),
                None => (line, None),
            };
            let [test, base, revision, oasdiff] = pair.split(' ').collect::<Vec<_>>()[..] else {
                panic!("a case line has four fields: {line}");
            };
            let ours = differs.map(|d| {
                let (verdict, why) = d.split_once(": ").expect("`<ours>: <why>`");
                (verdict.to_owned(), why.to_owned())
            });
            Case {
                test: test.to_owned(),
                base: base.to_owned(),
                revision: revision.to_owned(),
                oasdiff: oasdiff.to_owned(),
                ours,
            }
        })
        .collect()
}

/// A pair's spec, as the one module `api` whatever its file's name.
fn spec(file: &str) -> SpecSource {
    let path = workspace_root()
        .join("generator/tests/oasdiff/pairs")
        .join(file);
    let mut spec =
        SpecSource::read(&path, Path::new("pairs").join(file).display().to_string()).unwrap();
    spec.module = "api".into();
    spec
}

#[test]
fn the_review_agrees_with_oasdiff_or_says_why_not() {
    let cases = cases();
    assert_eq!(cases.len(), 107);
    let mut agreeing = 0;
    let mut wrong = Vec::new();
    for case in &cases {
        let review = review(
            &[spec(&case.base)],
            &[spec(&case.revision)],
            &CrateOptions::default(),
        )
        .unwrap_or_else(|failure| panic!("{}: {failure}", case.test));
        let ours = match review.wire() {
            WireImpact::Breaking => "breaking",
            _ => "compatible",
        };
        let expected = match &case.ours {
            None => {
                agreeing += 1;
                case.oasdiff.as_str()
            }
            Some((verdict, why)) => {
                assert!(
                    !why.trim().is_empty(),
                    "{}: a difference needs its reason",
                    case.test
                );
                assert_ne!(verdict, &case.oasdiff, "{}: listed as differing", case.test);
                verdict.as_str()
            }
        };
        if ours != expected {
            wrong.push(format!(
                "{} ({} -> {}): {ours}, not {expected}",
                case.test, case.base, case.revision
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(agreeing, 71, "pairs agreeing with oasdiff");
}
