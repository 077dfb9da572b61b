//! `cargo xtask review` end to end, in a temporary git repository laid out
//! like this one: a committed spec, then an uncommitted edit, then a branch.

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../generator/tests/review")
        .join(name)
}

fn git(repo: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(repo)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

fn review(repo: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .current_dir(repo)
        .arg("review")
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn reviews_uncommitted_edits_and_branches() {
    let repo = std::env::temp_dir().join(format!("xtask-review-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&repo);
    std::fs::create_dir_all(repo.join("specs")).unwrap();
    let spec = repo.join("specs/pets.yaml");
    std::fs::copy(fixture("base.yaml"), &spec).unwrap();
    git(&repo, &["init", "--quiet", "--initial-branch=main"]);
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "--quiet", "-m", "base"]);

    let unchanged = review(&repo, &[]);
    assert!(
        unchanged.contains("No change to the generated API or to what travels on the wire."),
        "{unchanged}"
    );

    std::fs::copy(fixture("cases/operation-removed.yaml"), &spec).unwrap();
    let edited = review(&repo, &[]);
    assert!(
        edited.contains(
            "- `major` `breaking` method `delete_pet` removed: `DELETE /pets/{petId}` removed \
             (was HEAD:specs/pets.yaml:101:5)"
        ),
        "{edited}"
    );
    assert!(
        edited.contains("- added: `generated-client/src/pets/mod.rs`"),
        "{edited}"
    );
    assert!(edited.contains("run `cargo xtask codegen`"), "{edited}");
    // Whatever the golden's version, a breaking change raises its minor.
    let (before, after) = edited
        .split_once(" → **")
        .unwrap_or_else(|| panic!("no version line: {edited}"));
    let from = before.rsplit(' ').next().unwrap();
    let to = after.split("**").next().unwrap();
    assert!(
        after.contains(": a breaking change: below 1.0 the second number"),
        "{edited}"
    );
    let minor = |v: &str| -> u64 {
        v.trim_matches('*')
            .split('.')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap()
    };
    assert_eq!(minor(to), minor(from) + 1, "{edited}");

    git(&repo, &["checkout", "--quiet", "-b", "feature"]);
    git(&repo, &["commit", "--quiet", "-am", "remove deletePet"]);
    let branch = review(&repo, &["--base", "main"]);
    assert!(
        branch.contains("(was main:specs/pets.yaml:101:5)"),
        "{branch}"
    );
    assert!(review(&repo, &[]).contains("No change to the generated API"));
    let _ = std::fs::remove_dir_all(&repo);
}
