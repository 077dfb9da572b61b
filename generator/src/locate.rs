//! JSON pointers to `line:column` in a spec's text, YAML or JSON alike (JSON
//! is YAML, so one event parser serves both).
//!
//! Used only when there are diagnostics to place, so a clean run never pays
//! for a second parse.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use crate::pointer::escape;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// A 1-based line and column in the source text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters.
    pub column: usize,
}

/// Where each pointer is: the key of a mapping entry, the start of a
/// sequence item, or, for a pointer into nothing, its deepest ancestor that
/// exists. `None` only if the text cannot be parsed at all.
pub(crate) fn locate(text: &str, pointers: &[&str]) -> Vec<Option<Location>> {
    let mut wanted = BTreeSet::new();
    for pointer in pointers {
        let mut prefix = String::new();
        wanted.insert(String::new());
        for token in pointer.split('/').skip(1) {
            prefix.push('/');
            prefix.push_str(token);
            wanted.insert(prefix.clone());
        }
    }
    let mut walker = Walker {
        wanted,
        found: BTreeMap::new(),
        frames: Vec::new(),
    };
    walk(text, &mut walker);
    pointers
        .iter()
        .map(|pointer| {
            let mut prefix = *pointer;
            loop {
                if let Some(found) = walker.found.get(prefix) {
                    return Some(*found);
                }
                prefix = &prefix[..prefix.rfind('/')?];
            }
        })
        .collect()
}

/// Most times one text is mended and walked again.
const MAX_RECOVERIES: usize = 32;

/// Walks `text` with `walker`. yaml-rust2 refuses lines of a flow
/// collection indented no deeper than the key it is the value of, which
/// libyaml (the reader of the spec itself) accepts: Docker's API writes
/// `example: {` .. `}` so. Such a line is given two more leading spaces
/// and the text walked again from the start, which moves no other line.
/// Any other parse error ends the walk; what was found before it still
/// counts.
fn walk(text: &str, walker: &mut Walker) {
    let mut text = Cow::Borrowed(text);
    for _ in 0..=MAX_RECOVERIES {
        walker.found.clear();
        walker.frames.clear();
        let Err(error) = Parser::new_from_str(&text).load(walker, false) else {
            return;
        };
        // yaml-rust2's lines count from 1.
        let line = error.marker().line();
        let start = match line {
            0 | 1 => Some(0),
            _ => text.match_indices('\n').nth(line - 2).map(|(at, _)| at + 1),
        };
        let Some(start) = start.filter(|_| error.info().starts_with("invalid indentation")) else {
            return;
        };
        text.to_mut().insert_str(start, "  ");
    }
}

/// The state of one open mapping or sequence.
enum Frame {
    Mapping {
        pointer: String,
        /// The key whose value comes next, and where the key is.
        key: Option<(String, Marker)>,
        /// Placed at its first key, not where the parser starts it (for a
        /// block mapping in a sequence, the first `:`).
        unplaced: bool,
    },
    Sequence {
        pointer: String,
        next_index: usize,
    },
}

struct Walker {
    wanted: BTreeSet<String>,
    found: BTreeMap<String, Location>,
    frames: Vec<Frame>,
}

impl Walker {
    /// A node starts at `mark`: works out its pointer and where it is (the
    /// key, for a mapping value), and whether that place is final.
    fn node(&mut self, mark: Marker) -> (String, Marker, bool) {
        match self.frames.last_mut() {
            None => (String::new(), mark, false),
            Some(Frame::Mapping { pointer, key, .. }) => match key.take() {
                Some((key, key_mark)) => (format!("{pointer}/{}", escape(&key)), key_mark, true),
                None => (pointer.clone(), mark, false),
            },
            Some(Frame::Sequence {
                pointer,
                next_index,
            }) => {
                let item = format!("{pointer}/{next_index}");
                *next_index += 1;
                (item, mark, false)
            }
        }
    }

    fn record(&mut self, pointer: &str, at: Marker) {
        if self.wanted.contains(pointer) && !self.found.contains_key(pointer) {
            // yaml-rust2's lines count from 1, its columns from 0.
            let location = Location {
                line: at.line(),
                column: at.col() + 1,
            };
            self.found.insert(pointer.to_owned(), location);
        }
    }

    fn expects_key(&self) -> bool {
        matches!(self.frames.last(), Some(Frame::Mapping { key: None, .. }))
    }
}

impl MarkedEventReceiver for Walker {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::Scalar(value, ..) if self.expects_key() => {
                let mut first_key_of = None;
                if let Some(Frame::Mapping {
                    key,
                    unplaced,
                    pointer,
                }) = self.frames.last_mut()
                {
                    *key = Some((value, mark));
                    if std::mem::take(unplaced) {
                        first_key_of = Some(pointer.clone());
                    }
                }
                if let Some(pointer) = first_key_of {
                    self.record(&pointer, mark);
                }
            }
            Event::Scalar(..) | Event::Alias(_) => {
                let (pointer, at, _) = self.node(mark);
                self.record(&pointer, at);
            }
            Event::MappingStart(..) => {
                let (pointer, at, placed) = self.node(mark);
                if placed {
                    self.record(&pointer, at);
                }
                self.frames.push(Frame::Mapping {
                    pointer,
                    key: None,
                    unplaced: !placed,
                });
            }
            Event::SequenceStart(..) => {
                let (pointer, at, _) = self.node(mark);
                self.record(&pointer, at);
                self.frames.push(Frame::Sequence {
                    pointer,
                    next_index: 0,
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.frames.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, column: usize) -> Option<Location> {
        Some(Location { line, column })
    }

    #[test]
    fn yaml_pointers_locate_their_keys() {
        let yaml = "openapi: 3.0.3\npaths:\n  /a/{b}:\n    get:\n      parameters:\n        - name: x\n          in: query\n";
        let found = locate(
            yaml,
            &[
                "/paths/~1a~1{b}/get",
                "/paths/~1a~1{b}/get/parameters/0/in",
                "/paths/~1a~1{b}/get/responses/200",
            ],
        );
        assert_eq!(found, [at(4, 5), at(7, 11), at(4, 5)]);
    }

    #[test]
    fn a_flow_collection_closed_at_its_keys_indentation_is_walked_past() {
        // libyaml reads this; yaml-rust2 calls the `}` line's indentation
        // invalid. What follows it is still found.
        let yaml = "a:\n  example: {\n    \"x\": {},\n    \"y\": {}\n  }\n  after: 2\nlast: 3\n";
        assert_eq!(
            locate(yaml, &["/a/example", "/a/after", "/last"]),
            [at(2, 3), at(6, 3), at(7, 1)]
        );
    }

    #[test]
    fn json_pointers_locate_their_keys() {
        let json = "{\n  \"paths\": {\n    \"/a\": {\"get\": {\"tags\": [\"x\", \"y\"]}}\n  }\n}\n";
        assert_eq!(
            locate(json, &["/paths/~1a/get", "/paths/~1a/get/tags/1"]),
            [at(3, 12), at(3, 34)]
        );
    }
}
