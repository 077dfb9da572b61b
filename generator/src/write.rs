//! Stage 5: a generated file tree to disk, or a comparison with disk.
//!
//! The tree is complete in memory before this runs, so a generation error
//! never leaves a half-written directory.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::format::has_header;

/// Write the files, or only compare them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Mode {
    /// Write what differs, remove generated files the tree no longer has.
    Write,
    /// Write nothing; report what would change.
    Check,
}

/// What differs between the tree and the directory (in `Check` mode), or
/// what was changed (in `Write` mode). Paths are relative to the directory.
#[derive(Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Changes {
    /// Files created or rewritten.
    pub written: Vec<PathBuf>,
    /// Generated files the tree no longer has.
    pub removed: Vec<PathBuf>,
}

impl Changes {
    /// Whether nothing was (or would be) written or removed.
    pub fn is_empty(&self) -> bool {
        self.written.is_empty() && self.removed.is_empty()
    }

    /// One line per file, e.g. `wrote: out/src/lib.rs` or, when checking,
    /// `stale: out/src/lib.rs`; `dir` is how the caller names the directory.
    pub fn report(&self, dir: &Path, mode: Mode) -> Vec<String> {
        let (written, removed) = match mode {
            Mode::Write => ("wrote", "removed"),
            Mode::Check => ("stale", "no longer generated"),
        };
        let written = self
            .written
            .iter()
            .map(|p| format!("{written}: {}", dir.join(p).display()));
        let removed = self
            .removed
            .iter()
            .map(|p| format!("{removed}: {}", dir.join(p).display()));
        written.chain(removed).collect()
    }
}

/// Makes `dir` hold exactly `files` among the files the generator owns (those
/// with the `@generated` marker), writing only files whose bytes differ.
/// Files without the marker are left alone.
///
/// A file in the way that lacks the marker (one the user wrote) is never
/// overwritten: if there is one, nothing is written and the error names
/// every such file.
pub fn sync(dir: &Path, files: &BTreeMap<PathBuf, String>, mode: Mode) -> io::Result<Changes> {
    let foreign: Vec<String> = files
        .iter()
        .filter(|(relative, contents)| {
            let path = dir.join(relative);
            path.exists()
                && !has_marker(&path)
                && fs::read(&path).ok().as_deref() != Some(contents.as_bytes())
        })
        .map(|(relative, _)| dir.join(relative).display().to_string())
        .collect();
    if !foreign.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "not overwriting files the generator did not write (move them away first): {}",
                foreign.join(", ")
            ),
        ));
    }
    let mut changes = Changes::default();
    for (relative, contents) in files {
        let current = fs::read(dir.join(relative)).ok();
        if current.as_deref() != Some(contents.as_bytes()) {
            changes.written.push(relative.clone());
        }
    }
    if mode == Mode::Write {
        write_all(dir, files, &changes.written, None)?;
    }
    let wanted: BTreeSet<&PathBuf> = files.keys().collect();
    for relative in generated_files(dir)? {
        if wanted.contains(&relative) {
            continue;
        }
        if mode == Mode::Write {
            fs::remove_file(dir.join(&relative))?;
            remove_empty_parents(dir, &relative);
        }
        changes.removed.push(relative);
    }
    Ok(changes)
}

/// Writes `changed` files in two steps: every new content goes to a
/// temporary file beside its target first, and only when all are written
/// are they renamed over their targets. A failure (or a kill) while staging
/// leaves the previous tree as it was, temporary files removed where
/// possible; the renames that follow are each atomic. `fail_after` makes
/// staging fail after that many files, for tests.
fn write_all(
    dir: &Path,
    files: &BTreeMap<PathBuf, String>,
    changed: &[PathBuf],
    fail_after: Option<usize>,
) -> io::Result<()> {
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let staging = changed.iter().enumerate().try_for_each(|(i, relative)| {
        if fail_after == Some(i) {
            return Err(io::Error::other("injected failure"));
        }
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let temporary = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
        fs::write(&temporary, &files[relative])?;
        staged.push((temporary, path));
        Ok(())
    });
    if let Err(error) = staging {
        for (temporary, _) in &staged {
            let _ = fs::remove_file(temporary);
        }
        return Err(error);
    }
    for (temporary, path) in staged {
        fs::rename(&temporary, &path)?;
    }
    Ok(())
}

/// Files under `dir` (relative paths, sorted) that carry the generator's
/// marker near their start. A missing `dir` has none.
pub fn generated_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        let entries = match fs::read_dir(dir.join(&relative)) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for entry in entries {
            let entry = entry?;
            let child = relative.join(entry.file_name());
            let kind = entry.file_type()?;
            if kind.is_dir() && entry.file_name() != "target" {
                pending.push(child);
            } else if kind.is_file() && has_marker(&entry.path()) {
                found.push(child);
            }
        }
    }
    found.sort();
    Ok(found)
}

fn has_marker(path: &Path) -> bool {
    fs::read(path).is_ok_and(|bytes| is_generated(&bytes))
}

/// Whether a file starts with the generator's header line.
pub fn is_generated(contents: &[u8]) -> bool {
    let line_end = contents
        .iter()
        .position(|&b| b == b'\n')
        .unwrap_or(contents.len());
    has_header(&String::from_utf8_lossy(&contents[..line_end]))
}

fn remove_empty_parents(dir: &Path, relative: &Path) {
    let mut current = relative.parent();
    while let Some(parent) = current.filter(|p| !p.as_os_str().is_empty()) {
        // Fails, harmlessly, once a directory still has files.
        if fs::remove_dir(dir.join(parent)).is_err() {
            break;
        }
        current = parent.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A directory of this test's own, empty.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    /// Files with the generator's marker, from `(path, rest of the text)`.
    fn generated(entries: &[(&str, &str)]) -> BTreeMap<PathBuf, String> {
        let marked: Vec<(&str, String)> = entries
            .iter()
            .map(|(p, c)| {
                (
                    *p,
                    format!("// @generated by `x`. Do not edit by hand.\n{c}"),
                )
            })
            .collect();
        marked
            .iter()
            .map(|(p, c)| (PathBuf::from(p), c.clone()))
            .collect()
    }

    #[test]
    fn check_reports_and_write_applies_the_same_changes() {
        let dir = scratch("generator-write-test");
        let first = generated(&[("a.rs", "A"), ("old/b.rs", "B")]);
        assert_eq!(sync(&dir, &first, Mode::Write).unwrap().written.len(), 2);
        fs::write(dir.join("hand.txt"), "not generated").unwrap();

        let second = generated(&[("a.rs", "A2")]);
        let expected = Changes {
            written: vec![PathBuf::from("a.rs")],
            removed: vec![PathBuf::from("old/b.rs")],
        };
        assert_eq!(sync(&dir, &second, Mode::Check).unwrap(), expected);
        assert_eq!(
            fs::read_to_string(dir.join("a.rs")).unwrap(),
            "// @generated by `x`. Do not edit by hand.\nA",
            "check wrote"
        );
        assert_eq!(sync(&dir, &second, Mode::Write).unwrap(), expected);
        assert!(!dir.join("old").exists(), "empty directory left behind");
        assert!(
            dir.join("hand.txt").exists(),
            "a file without the marker was removed"
        );
        assert!(sync(&dir, &second, Mode::Check).unwrap().is_empty());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_failure_while_writing_leaves_the_previous_tree_as_it_was() {
        let dir = scratch("generator-write-atomic");
        let first = generated(&[("a.rs", "A1"), ("b/c.rs", "C1")]);
        sync(&dir, &first, Mode::Write).unwrap();
        let second = generated(&[("a.rs", "A2"), ("b/c.rs", "C2")]);
        let changed = vec![PathBuf::from("a.rs"), PathBuf::from("b/c.rs")];

        let error = write_all(&dir, &second, &changed, Some(1)).unwrap_err();

        assert_eq!(error.to_string(), "injected failure");
        assert_eq!(
            fs::read_to_string(dir.join("a.rs")).unwrap(),
            "// @generated by `x`. Do not edit by hand.\nA1"
        );
        assert_eq!(
            fs::read_to_string(dir.join("b/c.rs")).unwrap(),
            "// @generated by `x`. Do not edit by hand.\nC1"
        );
        let mut left: Vec<String> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["a.rs", "b"], "no temporary file left");
        write_all(&dir, &second, &changed, None).unwrap();
        assert_eq!(
            fs::read_to_string(dir.join("b/c.rs")).unwrap(),
            "// @generated by `x`. Do not edit by hand.\nC2"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn another_tools_generated_file_is_not_the_generators() {
        let dir = scratch("generator-write-lock");
        sync(&dir, &generated(&[("a.rs", "A")]), Mode::Write).unwrap();
        let lock = "# This file is automatically @generated by Cargo.\n# It is not intended for manual editing.\nversion = 4\n";
        fs::write(dir.join("Cargo.lock"), lock).unwrap();

        let changes = sync(&dir, &generated(&[("a.rs", "A")]), Mode::Write).unwrap();

        assert!(changes.is_empty(), "{changes:?}");
        assert_eq!(fs::read_to_string(dir.join("Cargo.lock")).unwrap(), lock);
        assert_eq!(generated_files(&dir).unwrap(), [PathBuf::from("a.rs")]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_file_the_user_wrote_is_never_overwritten() {
        let dir = scratch("generator-write-foreign");
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("lib.rs"), "// mine").unwrap();
        let files = generated(&[("a.rs", "A"), ("lib.rs", "L")]);

        let error = sync(&dir, &files, Mode::Write).unwrap_err();

        assert_eq!(error.kind(), io::ErrorKind::AlreadyExists);
        assert!(error.to_string().contains("lib.rs"), "{error}");
        assert_eq!(fs::read_to_string(dir.join("lib.rs")).unwrap(), "// mine");
        assert!(!dir.join("a.rs").exists(), "nothing is written");
        fs::remove_dir_all(&dir).unwrap();
    }
}
