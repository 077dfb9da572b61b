//! Spec-change review. Every case of `tests/review/cases/` is the base spec
//! with one edit, reviewed both ways (base to case, case to base): the
//! overall verdicts must be the ones the case's header states, and the
//! Markdown report is an insta snapshot per direction.
//!
//! `rust_verdicts_agree_with_cargo_semver_checks` (ignored: it builds 38
//! crates) checks every `rust` verdict against the generated code.

use std::path::{Path, PathBuf};
use std::process::Command;

use generator::review::{ChangeKind, Review, RustImpact, WireImpact, review};
use generator::{CrateOptions, Package, SpecSource, generate_crate};

use crate::common::workspace_root;

fn review_dir() -> PathBuf {
    workspace_root().join("generator/tests/review")
}

/// A spec of the review fixtures, labelled relative to `generator/`, as the
/// module `pets` whatever its file name.
fn spec(path: &Path) -> SpecSource {
    let relative = path
        .strip_prefix(workspace_root().join("generator"))
        .unwrap();
    let mut spec = SpecSource::read(path, relative.display().to_string()).unwrap();
    spec.module = "pets".into();
    spec
}

struct Case {
    name: String,
    path: PathBuf,
    /// `(semver, wire)` from the header's `# forward:` and `# backward:`.
    forward: (String, String),
    backward: (String, String),
}

fn cases() -> Vec<Case> {
    let mut paths = generator::spec_files_in(&review_dir().join("cases")).unwrap();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let expected = |direction: &str| {
                let prefix = format!("# {direction}: ");
                let line = text
                    .lines()
                    .find_map(|l| l.strip_prefix(&prefix))
                    .unwrap_or_else(|| panic!("{} has no `{prefix}` line", path.display()));
                let (semver, wire) = line.split_once(' ').unwrap();
                (semver.to_owned(), wire.to_owned())
            };
            Case {
                name: path.file_stem().unwrap().to_string_lossy().into_owned(),
                forward: expected("forward"),
                backward: expected("backward"),
                path,
            }
        })
        .collect()
}

fn review_pair(old: &Path, new: &Path) -> Review {
    review(&[spec(old)], &[spec(new)], &CrateOptions::default()).unwrap()
}

#[test]
fn every_case_gets_its_verdicts_and_report() {
    let base = review_dir().join("base.yaml");
    let cases = cases();
    assert!(cases.len() >= 15, "30 pairs at least");
    let mut wrong = Vec::new();
    for case in &cases {
        for (direction, old, new, expected) in [
            ("forward", &base, &case.path, &case.forward),
            ("backward", &case.path, &base, &case.backward),
        ] {
            let review = review_pair(old, new);
            let got = (
                review.semver().as_str().to_owned(),
                review.wire().as_str().to_owned(),
            );
            if &got != expected {
                wrong.push(format!(
                    "{} {direction}: {got:?}, expected {expected:?}",
                    case.name
                ));
            }
            insta::assert_snapshot!(format!("{}.{direction}", case.name), review.to_markdown());
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn an_unchanged_spec_has_no_changes() {
    let base = review_dir().join("base.yaml");
    let review = review_pair(&base, &base);
    assert!(review.specs.is_empty());
    assert_eq!(review.semver(), RustImpact::None);
    assert_eq!(review.wire(), WireImpact::None);
    assert_eq!(
        review.to_markdown(),
        "## Spec changes: `none` for the crate, `none` on the wire\n\n\
         No change to the generated API or to what travels on the wire.\n"
    );
}

#[test]
fn changes_carry_both_pointers_and_positions() {
    let base = review_dir().join("base.yaml");
    let case = review_dir().join("cases/response-field-removed.yaml");
    let review = review_pair(&base, &case);
    let change = &review.specs[0].changes[0];
    assert_eq!(change.kind, ChangeKind::FieldRemoved);
    let old = change.old.as_ref().unwrap();
    assert_eq!(old.file, "tests/review/base.yaml");
    assert_eq!(old.pointer, "/components/schemas/Pet/properties/tag");
    assert_eq!(old.location.map(|l| (l.line, l.column)), Some((130, 9)));
    let new = change.new.as_ref().unwrap();
    assert_eq!(new.file, "tests/review/cases/response-field-removed.yaml");
    assert_eq!(new.pointer, "/components/schemas/Pet");
}

#[test]
fn specs_added_and_removed_are_reported() {
    let base = review_dir().join("base.yaml");
    let mut miro =
        SpecSource::read(&workspace_root().join("specs/miro.yaml"), "specs/miro.yaml").unwrap();
    miro.module = "miro".into();
    let both = [spec(&base), miro.clone()];
    let added = review(&[spec(&base)], &both, &CrateOptions::default()).unwrap();
    assert_eq!(added.specs.len(), 1);
    assert_eq!(
        added.specs[0].changes[0].summary,
        "module `miro` (feature `miro`) added, with 2 method(s)"
    );
    assert_eq!(
        (added.semver(), added.wire()),
        (RustImpact::Minor, WireImpact::Compatible)
    );
    let removed = review(&both, &[spec(&base)], &CrateOptions::default()).unwrap();
    assert_eq!(removed.specs[0].changes[0].kind, ChangeKind::SpecRemoved);
    assert_eq!(
        (removed.semver(), removed.wire()),
        (RustImpact::Major, WireImpact::Breaking)
    );
}

#[test]
fn a_spec_with_errors_fails_with_located_diagnostics() {
    let base = review_dir().join("base.yaml");
    let broken = SpecSource::from_text(
        "broken.yaml",
        "pets",
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a/{b:\n    get:\n      responses:\n        '200': {description: ok}\n",
    );
    let failure = review(&[spec(&base)], &[broken], &CrateOptions::default()).unwrap_err();
    let text = failure.to_string();
    assert!(text.contains("broken.yaml:5:5"), "{text}");
}

#[test]
fn the_json_report_has_the_documented_fields() {
    let base = review_dir().join("base.yaml");
    let case = review_dir().join("cases/operation-removed.yaml");
    let json: serde_json::Value =
        serde_json::from_str(&review_pair(&base, &case).to_json()).unwrap();
    assert_eq!(json["semver"], "major");
    assert_eq!(json["wire"], "breaking");
    let change = &json["changes"][0];
    assert_eq!(change["kind"], "operation-removed");
    assert_eq!(change["rust"], "major");
    assert_eq!(change["wire"], "breaking");
    assert_eq!(change["summary"], "method `delete_pet` removed");
    assert_eq!(change["detail"], "`DELETE /pets/{petId}` removed");
    assert_eq!(change["old_pointer"], "/paths/~1pets~1{petId}/delete");
    assert_eq!(change["old_line"], "101:5");
    assert_eq!(change["new_pointer"], "/paths");
}

#[test]
fn next_versions_follow_cargo() {
    let next = |v, impact| generator::review::next_version(v, impact).unwrap().0;
    assert_eq!(next("0.1.0", RustImpact::Major), "0.2.0");
    assert_eq!(next("0.1.3", RustImpact::Minor), "0.1.4");
    assert_eq!(next("1.2.3", RustImpact::Major), "2.0.0");
    assert_eq!(next("1.2.3", RustImpact::Minor), "1.3.0");
    assert_eq!(next("1.2.3", RustImpact::Patch), "1.2.4");
    assert_eq!(next("1.2.3", RustImpact::None), "1.2.3");
    assert!(generator::review::next_version("one", RustImpact::Major).is_err());
}

/// The verdict cargo-semver-checks gives where it has no lint for the
/// change, with the reason; every other case must agree with ours.
const NO_LINT: &[(&str, &str)] = &[
    // Additions: the Cargo reference calls them minor, but the tool only
    // has lints for what breaks (and for deprecations).
    ("enum-value-added.forward", ADDITION),
    ("event-stream-added.forward", ADDITION),
    ("error-response-added.forward", ADDITION),
    ("one-of-variant-added.forward", ADDITION),
    ("operation-removed.backward", ADDITION),
    ("optional-parameter-added.forward", ADDITION),
    ("response-enum-value-added.forward", ADDITION),
    ("response-header-added.forward", ADDITION),
    // Retyped items: the tool has no lint that compares types.
    ("field-format.forward", FIELD_TYPE),
    ("field-format.backward", FIELD_TYPE),
    ("field-retyped.forward", FIELD_TYPE),
    ("field-retyped.backward", FIELD_TYPE),
    ("parameter-retyped.forward", FIELD_TYPE),
    ("parameter-retyped.backward", FIELD_TYPE),
    ("request-field-nullable.forward", FIELD_TYPE),
    ("request-field-nullable.backward", FIELD_TYPE),
    ("request-field-made-required.forward", FIELD_TYPE),
    ("request-field-made-required.backward", FIELD_TYPE),
    ("response-field-made-optional.forward", FIELD_TYPE),
    ("response-field-made-optional.backward", FIELD_TYPE),
    ("response-field-nullable.forward", FIELD_TYPE),
    ("response-field-nullable.backward", FIELD_TYPE),
    ("request-body-optional.forward", ARGUMENT_TYPE),
    ("request-body-optional.backward", ARGUMENT_TYPE),
    ("request-media-type-added.forward", ARGUMENT_TYPE),
    ("success-media-type.forward", RETURN_TYPE),
    ("success-media-type.backward", RETURN_TYPE),
    ("success-status-added.forward", RETURN_TYPE),
];
const ADDITION: &str = "the tool has no lint for additions";
const FIELD_TYPE: &str = "the tool has no lint for a field's type";
const ARGUMENT_TYPE: &str = "the tool has no lint for an argument's type";
const RETURN_TYPE: &str = "the tool has no lint for a return type";

/// Generates the crate of `spec` as package `pets` 1.0.0 into `dir` and
/// returns its rustdoc JSON, built in the shared `target`.
fn rustdoc_json(spec_path: &Path, dir: &Path, target: &Path, lock: Option<&Path>) -> PathBuf {
    let package = Package::new("pets", "1.0.0").with_generated_by("review test");
    let options = CrateOptions::default();
    let generated = generate_crate(&package, &options, &[spec(spec_path)]).unwrap();
    for (path, text) in &generated.files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    // One lock file for every crate, so the dependencies build once.
    if let Some(lock) = lock {
        std::fs::copy(lock, dir.join("Cargo.lock")).unwrap();
    }
    let status = Command::new("cargo")
        .args(["rustdoc", "--quiet", "--all-features", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .args(["--", "-Z", "unstable-options", "--output-format", "json"])
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTC_BOOTSTRAP", "1")
        .status()
        .unwrap();
    assert!(status.success(), "rustdoc of {}", dir.display());
    let json = dir.with_extension("json");
    std::fs::copy(target.join("doc/pets.json"), &json).unwrap();
    json
}

/// What cargo-semver-checks says the change from `old` to `new` needs.
fn semver_checks(old: &Path, new: &Path) -> RustImpact {
    let output = Command::new("cargo")
        .args(["semver-checks", "check-release", "--release-type", "patch"])
        .arg("--baseline-rustdoc")
        .arg(old)
        .arg("--current-rustdoc")
        .arg(new)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stderr).into_owned()
        + &String::from_utf8_lossy(&output.stdout);
    if text.contains("requires new major version") {
        RustImpact::Major
    } else if text.contains("requires new minor version") {
        RustImpact::Minor
    } else if text.contains("no semver update required") || output.status.success() {
        RustImpact::Patch
    } else {
        panic!("cargo semver-checks failed:\n{text}");
    }
}

/// Needs `cargo install cargo-semver-checks --locked`; takes minutes.
#[test]
#[ignore = "builds every case's crate; run with --ignored"]
fn rust_verdicts_agree_with_cargo_semver_checks() {
    let scratch = std::env::temp_dir().join(format!("review-semver-{}", std::process::id()));
    let target = scratch.join("target");
    let base_dir = scratch.join("base");
    let base_json = rustdoc_json(&review_dir().join("base.yaml"), &base_dir, &target, None);
    let lock = base_dir.join("Cargo.lock");
    let mut rows = vec!["| pair | ours | cargo-semver-checks | agree |".to_owned()];
    rows.push("|---|---|---|---|".to_owned());
    let mut disagreements = Vec::new();
    for case in cases() {
        let json = rustdoc_json(&case.path, &scratch.join(&case.name), &target, Some(&lock));
        for (direction, old, new) in [
            ("forward", &base_json, &json),
            ("backward", &json, &base_json),
        ] {
            let pair = format!("{}.{direction}", case.name);
            let ours = review_pair(
                &if direction == "forward" {
                    review_dir().join("base.yaml")
                } else {
                    case.path.clone()
                },
                &if direction == "forward" {
                    case.path.clone()
                } else {
                    review_dir().join("base.yaml")
                },
            )
            .semver();
            let tool = semver_checks(old, new);
            // The tool cannot tell a patch from nothing.
            let same = |a: RustImpact| a.max(RustImpact::Patch);
            let agree = same(ours) == same(tool);
            let note = NO_LINT
                .iter()
                .find(|(p, _)| *p == pair)
                .map(|(_, why)| *why);
            rows.push(format!(
                "| {pair} | {} | {} | {} |",
                ours.as_str(),
                tool.as_str(),
                match (agree, note) {
                    (true, _) => "yes".to_owned(),
                    (false, Some(why)) => format!("no: {why}"),
                    (false, None) => "**NO**".to_owned(),
                }
            ));
            // An explanation for a pair that agrees is stale.
            if agree == note.is_some() {
                disagreements.push(pair);
            }
        }
    }
    println!("{}", rows.join("\n"));
    let _ = std::fs::remove_dir_all(&scratch);
    assert!(
        disagreements.is_empty(),
        "unexplained, or explained but agreeing: {disagreements:?}"
    );
}

/// `specs/miro.yaml` as it is and with `edit` applied to its text.
fn miro_pair(edit: impl FnOnce(&str) -> String) -> Review {
    let path = workspace_root().join("specs/miro.yaml");
    let old = SpecSource::read(&path, "specs/miro.yaml").unwrap();
    let mut new = old.clone();
    new.text = edit(&old.text);
    review(&[old], &[new], &CrateOptions::default()).unwrap()
}

#[test]
fn a_description_edit_in_miro_is_docs_only_and_patch() {
    let review = miro_pair(|text| {
        text.replace(
            "Access token that you want to revoke",
            "The access token to revoke",
        )
    });
    assert_eq!(
        (review.semver(), review.wire()),
        (RustImpact::Patch, WireImpact::DocsOnly)
    );
    let change = &review.specs[0].changes[0];
    assert_eq!(change.kind, ChangeKind::ParameterDocsChanged);
    assert_eq!(
        change.new.as_ref().unwrap().location.map(|l| l.line),
        Some(34)
    );
}

#[test]
fn removing_token_info_from_miro_is_major_and_breaking() {
    let review = miro_pair(|text| {
        let start = text.find("  /v1/oauth-token:").unwrap();
        let end = text.find("\ncomponents:").unwrap();
        format!("{}{}", &text[..start], &text[end + 1..])
    });
    assert_eq!(
        (review.semver(), review.wire()),
        (RustImpact::Major, WireImpact::Breaking)
    );
    let change = &review.specs[0].changes[0];
    assert_eq!(change.kind, ChangeKind::OperationRemoved);
    assert_eq!(change.summary, "method `token_info` removed");
    assert_eq!(
        change.old.as_ref().unwrap().to_string(),
        "specs/miro.yaml:47:5"
    );
}

/// `openapi-client-gen diff` with `args`: exit code, stdout, stderr.
fn cli_diff(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_openapi-client-gen"))
        .current_dir(workspace_root().join("generator"))
        .arg("diff")
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn the_cli_prints_the_report_and_fails_on_request() {
    let base = "tests/review/base.yaml";
    let removed = "tests/review/cases/operation-removed.yaml";
    let (code, markdown, _) = cli_diff(&[base, removed]);
    assert_eq!(code, 0);
    assert!(
        markdown.starts_with("## Spec changes: `major` for the crate, `breaking` on the wire\n")
    );
    assert!(
        markdown.contains("method `delete_pet` removed"),
        "{markdown}"
    );

    let (code, json, _) = cli_diff(&[base, removed, "--format", "json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["changes"][0]["old_file"], base);

    assert_eq!(cli_diff(&[base, removed, "--fail-on", "major"]).0, 1);
    assert_eq!(cli_diff(&[base, removed, "--fail-on", "breaking"]).0, 1);
    let docs = "tests/review/cases/description-edited.yaml";
    assert_eq!(cli_diff(&[base, docs, "--fail-on", "major"]).0, 0);
    assert_eq!(cli_diff(&[base, docs, "--fail-on", "breaking"]).0, 0);
}

#[test]
fn the_cli_exits_2_on_a_spec_it_cannot_read() {
    let (code, stdout, stderr) = cli_diff(&["tests/review/base.yaml", "tests/review/missing.yaml"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(
        stderr.starts_with("tests/review/missing.yaml: "),
        "{stderr}"
    );
    let (code, _, stderr) = cli_diff(&["tests/review/base.yaml", "tests/invalid/five-errors.yaml"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("tests/invalid/five-errors.yaml:"),
        "{stderr}"
    );
    assert!(stderr.ends_with("cannot review: 5 error(s)\n"), "{stderr}");
}

/// The verdict table of the docs (the rows after its `| change (`kind`) |`
/// header), from whichever Markdown file of the repository holds it.
fn verdict_table() -> String {
    let root = workspace_root();
    let mut files = vec![root.join("README.md")];
    if let Ok(entries) = std::fs::read_dir(root.join("docs")) {
        files.extend(entries.map(|e| e.unwrap().path()));
    }
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        if let Some(at) = text.find("| change (`kind`) |") {
            return text[at..]
                .lines()
                .take_while(|line| line.starts_with('|'))
                .collect::<Vec<_>>()
                .join("\n");
        }
    }
    panic!("no verdict table in README.md or docs/");
}

#[test]
fn the_verdict_table_names_every_change_kind_and_no_other() {
    let table = verdict_table();
    // A row's first cell: `a` / `b`, where `b` may be a suffix (`-removed`)
    // of `a`'s stem, or a `*` pattern.
    let mut named: Vec<String> = Vec::new();
    for row in table.lines().skip(2) {
        let cell = row.split('|').nth(1).unwrap();
        let mut stem = String::new();
        // Kinds are lower-case words joined by `-`; other code in the cell
        // (`…Params`, `maxLength`) says when the row applies.
        let kinds = cell.split('`').skip(1).step_by(2).filter(|q| {
            q.contains('-')
                && q.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c == '*')
        });
        for quoted in kinds {
            if let Some(suffix) = quoted.strip_prefix('-') {
                named.push(format!("{stem}-{suffix}"));
            } else {
                stem = quoted.rsplit_once('-').map_or("", |(s, _)| s).to_owned();
                named.push(quoted.to_owned());
            }
        }
    }
    let covered = |kind: &str| {
        named.iter().any(|n| match n.split_once('*') {
            Some((prefix, suffix)) => kind.starts_with(prefix) && kind.ends_with(suffix),
            None => n == kind,
        })
    };
    let missing: Vec<&str> = ChangeKind::ALL
        .iter()
        .map(|k| k.as_str())
        .filter(|k| !covered(k))
        .collect();
    assert!(
        missing.is_empty(),
        "kinds the table does not name: {missing:?}"
    );
    let unknown: Vec<&String> = named
        .iter()
        .filter(|n| !n.contains('*'))
        .filter(|n| !ChangeKind::ALL.iter().any(|k| k.as_str() == n.as_str()))
        .collect();
    assert!(
        unknown.is_empty(),
        "the table names no such kind: {unknown:?}"
    );
}

/// `fixtures/names.yaml` reviewed against itself with `edit` applied.
fn names_pair(edit: impl FnOnce(&str) -> String) -> Review {
    let path = workspace_root().join("generator/tests/fixtures/names.yaml");
    let old = SpecSource::read(&path, "names.yaml").unwrap();
    let mut new = old.clone();
    new.text = edit(&old.text);
    review(&[old], &[new], &CrateOptions::default()).unwrap()
}

#[test]
fn a_merged_type_renamed_with_its_old_name_kept_is_minor() {
    // A new operation whose `owner` is the same inline object, at a site
    // with a smaller name: the merged type takes it, and the old name stays
    // as that site's alias.
    let review = names_pair(|text| {
        text.replace(
            "  /boards/{id}:\n",
            "  /all:\n    get:\n      operationId: all\n      responses:\n        \"200\":\n          description: All.\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  owner:\n                    type: object\n                    properties:\n                      login: {type: string}\n  /boards/{id}:\n",
        )
    });
    let renamed: Vec<_> = review.specs[0]
        .changes
        .iter()
        .filter(|change| change.kind == ChangeKind::TypeRenamed)
        .collect();
    assert_eq!(renamed.len(), 1, "{:#?}", review.specs[0].changes);
    assert_eq!(
        renamed[0].summary,
        "type `ListBoardsOkBodyOwner` renamed to `AllOkBodyOwner`; `ListBoardsOkBodyOwner` stays, as an alias"
    );
    assert_eq!(renamed[0].rust, RustImpact::Minor);
    assert_eq!(review.semver(), RustImpact::Minor);
}

/// `tests/review/base.yaml` with `old` applied, reviewed against it with
/// `new` applied.
fn base_pair(old: impl Fn(&str) -> String, new: impl Fn(&str) -> String) -> Review {
    let path = review_dir().join("base.yaml");
    let mut old_spec = SpecSource::read(&path, "base.yaml").unwrap();
    let mut new_spec = old_spec.clone();
    old_spec.text = old(&old_spec.text);
    new_spec.text = new(&new_spec.text);
    review(&[old_spec], &[new_spec], &CrateOptions::default()).unwrap()
}

/// `Toy`'s alternatives with a property `kind` of one value each (required
/// in `Ball` if `ball_kind_required`).
fn toys_with_kinds(text: &str, ball_kind_required: bool) -> String {
    let ball_required = if ball_kind_required {
        "[diameter, kind]"
    } else {
        "[diameter]"
    };
    text.replace(
        "      required: [diameter]\n      properties:\n",
        &format!(
            "      required: {ball_required}\n      properties:\n        kind:\n          type: string\n          enum: [ball]\n"
        ),
    )
    .replace(
        "      required: [length]\n      properties:\n",
        "      required: [length, kind]\n      properties:\n        kind:\n          type: string\n          enum: [rope]\n",
    )
}

/// `Toy` picked by `kind`.
fn toys_by_kind(text: &str) -> String {
    text.replace(
        "        - $ref: '#/components/schemas/Rope'\n",
        "        - $ref: '#/components/schemas/Rope'\n      discriminator:\n        propertyName: kind\n        mapping:\n          ball: '#/components/schemas/Ball'\n          rope: '#/components/schemas/Rope'\n",
    )
}

#[test]
fn a_discriminator_every_alternative_already_carries_is_compatible_either_way() {
    let untagged = |text: &str| toys_with_kinds(text, true);
    let tagged = |text: &str| toys_by_kind(&toys_with_kinds(text, true));
    for (old, new, words) in [
        (
            &untagged as &dyn Fn(&str) -> String,
            &tagged as &dyn Fn(&str) -> String,
            "now picks",
        ),
        (&tagged, &untagged, "no longer picks"),
    ] {
        let review = base_pair(old, new);
        let changes = &review.specs[0].changes;
        assert_eq!(changes.len(), 1, "{changes:#?}");
        assert_eq!(changes[0].kind, ChangeKind::DiscriminatorChanged);
        assert_eq!(
            changes[0].summary,
            format!(
                "`Toy` {words} its variant by property `kind`, which every alternative carries with its tag values"
            )
        );
        assert_eq!(
            (review.semver(), review.wire()),
            (RustImpact::Patch, WireImpact::Compatible)
        );
    }
}

#[test]
fn a_discriminator_an_alternative_may_leave_out_breaks_the_wire() {
    let review = base_pair(
        |text| toys_with_kinds(text, false),
        |text| toys_by_kind(&toys_with_kinds(text, false)),
    );
    let summaries: Vec<&str> = review.specs[0]
        .changes
        .iter()
        .map(|c| c.summary.as_str())
        .collect();
    assert_eq!(
        summaries,
        [
            // `Rope` always carries its `kind`: the same JSON either way.
            "`Toy::Ball` is picked by other tag values",
            "`Toy` picks its variant by another property",
        ]
    );
    assert_eq!(
        (review.semver(), review.wire()),
        (RustImpact::Patch, WireImpact::Breaking)
    );
}

/// `fixtures/pagination.yaml` reviewed against itself with `edit` applied.
fn pagination_pair(edit: impl FnOnce(&str) -> String) -> Review {
    let path = workspace_root().join("generator/tests/fixtures/pagination.yaml");
    let old = SpecSource::read(&path, "pagination.yaml").unwrap();
    let mut new = old.clone();
    new.text = edit(&old.text);
    assert_ne!(new.text, old.text, "the edit applies");
    review(&[old], &[new], &CrateOptions::default()).unwrap()
}

#[test]
fn another_way_to_the_next_page_is_reported_as_a_patch() {
    // GitHub's Link rule gave way to an extension that says page numbers.
    let review = pagination_pair(|text| {
        text.replacen(
            "      operationId: listIssues\n",
            "      operationId: listIssues\n      x-speakeasy-pagination:\n        type: offsetLimit\n        inputs:\n          - {name: page, in: parameters, type: page}\n          - {name: per_page, in: parameters, type: limit}\n        outputs: {results: $}\n",
            1,
        )
    });
    let changes = &review.specs[0].changes;
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(changes[0].kind, ChangeKind::PagingChanged);
    assert_eq!(
        changes[0].summary,
        "`ListIssuesBuilder::pages` asks for the next page by `page:page,per_page` (was `link`)"
    );
    assert_eq!(changes[0].rust, RustImpact::Patch);
    assert_eq!(review.semver(), RustImpact::Patch);
}

#[test]
fn an_operation_that_stops_paging_is_major() {
    // Without its extension nothing says how `listRecords` pages: its
    // response does not echo the offset.
    let review = pagination_pair(|text| {
        let extension = text.find("      x-speakeasy-pagination:\n").unwrap();
        let parameters = extension + text[extension..].find("      parameters:\n").unwrap();
        format!("{}{}", &text[..extension], &text[parameters..])
    });
    let changes = &review.specs[0].changes;
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(changes[0].kind, ChangeKind::PagingRemoved);
    assert_eq!(
        changes[0].summary,
        "methods `ListRecordsBuilder::pages` and `ListRecordsBuilder::items` removed"
    );
    assert_eq!(review.semver(), RustImpact::Major);
}

/// A required field added to a struct only responses carry breaks no
/// caller's code (the struct is `#[non_exhaustive]` and callers decode it),
/// only tests that build one with the fake's constructor: minor, said so.
#[test]
fn a_required_response_field_is_minor_and_names_the_fakes_constructor() {
    let spec = |required: &str, property: &str| {
        let text = format!(
            r#"
openapi: 3.0.3
info: {{title: Pets, version: '1'}}
paths:
  /pet:
    get:
      operationId: getPet
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Pet'}}
components:
  schemas:
    Pet:
      type: object
      required: [id{required}]
      properties:
        id: {{type: integer}}{property}
"#
        );
        SpecSource::from_text("pets.yaml", "pets", text)
    };
    let added = "\n        name: {type: string}";
    let review = review(
        &[spec("", "")],
        &[spec(", name", added)],
        &CrateOptions::default(),
    )
    .unwrap();
    let changes: Vec<(RustImpact, String)> = review
        .specs
        .iter()
        .flat_map(|s| &s.changes)
        .map(|c| (c.rust, c.summary.clone()))
        .collect();
    assert_eq!(
        changes,
        [(
            RustImpact::Minor,
            "field `Pet::name: String` added; with `fake`, `new` takes it too".to_owned()
        )]
    );
}

/// The bodies fixture, and the same with `edit` made to it.
fn bodies_pair(edit: impl FnOnce(&str) -> String) -> Review {
    let path = workspace_root().join("generator/tests/fixtures/bodies.yaml");
    let old = SpecSource::read(&path, "tests/fixtures/bodies.yaml").unwrap();
    let mut new = old.clone();
    new.text = edit(&old.text);
    review(&[old], &[new], &CrateOptions::default()).unwrap()
}

/// Each change of `review`: its kind, summary and verdicts.
fn changes(review: &Review) -> Vec<(ChangeKind, &str, RustImpact, WireImpact)> {
    review.specs[0]
        .changes
        .iter()
        .map(|c| (c.kind, c.summary.as_str(), c.rust, c.wire))
        .collect()
}

#[test]
fn form_fields_are_reviewed_as_json_fields_are() {
    use ChangeKind::*;
    use RustImpact::{Major, Patch};
    use WireImpact::Breaking;

    // A required part added to the multipart form: old requests lack it.
    let added = bodies_pair(|text| {
        text.replace(
            "      required: [file, title]\n",
            "      required: [file, title, take]\n",
        )
        .replace(
            "        title: {type: string}\n",
            "        title: {type: string}\n        take: {type: integer}\n",
        )
    });
    assert_eq!(
        changes(&added),
        [(
            FieldAdded,
            "field `Recording::take: i64` added",
            Major,
            Breaking
        )]
    );
    // A text part that becomes a file: its field's type changes, nothing
    // else.
    let retyped = bodies_pair(|text| {
        text.replace(
            "        title: {type: string}\n",
            "        title: {type: string, format: binary}\n",
        )
    });
    assert_eq!(
        changes(&retyped),
        [(
            FieldRetyped,
            "field `Recording::title: String` is now `Recording::title: runtime::Upload`",
            Major,
            Breaking
        )]
    );
    // How a part or a pair is written: the same Rust, another wire.
    let content_type =
        bodies_pair(|text| text.replace("contentType: audio/wav", "contentType: audio/mpeg"));
    assert_eq!(
        changes(&content_type),
        [(
            RequestEncodingChanged,
            "`multipart/form-data` body of `upload_form`: part `file` is now sent with \
             `Content-Type: audio/mpeg`, `X-Checksum-Algorithm: sha256`",
            Patch,
            Breaking
        )]
    );
    assert_eq!(
        content_type.specs[0].changes[0].spec,
        "request `multipart/form-data` of `POST /forms`: part `file` is now sent with \
         `Content-Type: audio/mpeg`, `X-Checksum-Algorithm: sha256` (was \
         `Content-Type: audio/wav`, `X-Checksum-Algorithm: sha256`)"
    );
    let restyled = bodies_pair(|text| {
        text.replace(
            "ids: {style: pipeDelimited}",
            "ids: {style: spaceDelimited}",
        )
    });
    assert_eq!(
        changes(&restyled),
        [(
            RequestEncodingChanged,
            "`application/x-www-form-urlencoded` body of `search`: property `ids` is now \
             written `spaceDelimited`",
            Patch,
            Breaking
        )]
    );
}

#[test]
fn a_response_const_changed_breaks_old_clients_on_the_wire() {
    let spec = |state: &str| {
        let text = format!(
            "openapi: 3.1.0\ninfo: {{title: T, version: '1'}}\npaths:\n  /s:\n    get:\n      \
             operationId: status\n      responses:\n        '200':\n          description: ok\n          \
             content:\n            application/json:\n              schema: {{type: object, \
             properties: {{state: {{const: {state}}}}}}}\n"
        );
        SpecSource::from_text("status.yaml", "status", text)
    };
    let changed = review(&[spec("ready")], &[spec("done")], &CrateOptions::default()).unwrap();
    assert_eq!(
        changes(&changed),
        [
            (
                ChangeKind::EnumValueRemoved,
                "variant `StatusOkBodyState::Ready` removed",
                RustImpact::Major,
                WireImpact::Compatible
            ),
            (
                ChangeKind::EnumValueAdded,
                "variant `StatusOkBodyState::Done` added",
                RustImpact::Minor,
                WireImpact::Breaking
            ),
        ]
    );
}
