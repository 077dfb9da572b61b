//! Spec descriptions to `#[doc]` attributes that rustdoc accepts without
//! warnings and without compiling anything as a doctest.
//!
//! Spec text is CommonMark with HTML, written for a web page. rustdoc reads
//! `[x]` as an intra-doc link, `<T>` as an HTML tag, bare URLs as lint
//! warnings, and indented or unlabelled code blocks as Rust doctests.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Docs, Parameter, ParameterLocation};

/// `#[doc]` attributes for `docs`, paragraphs separated by blank lines.
pub(super) fn doc_attrs(docs: &Docs) -> TokenStream {
    lines_to_attrs(&doc_lines(docs), false)
}

/// Inner `#![doc]` attributes, for module docs.
pub(super) fn inner_doc_attrs(docs: &Docs) -> TokenStream {
    lines_to_attrs(&doc_lines(docs), true)
}

/// Inner `#![doc]` attributes for markdown the generator wrote itself, which
/// may use intra-doc links. Spec text inside it must go through [`escape`].
pub(super) fn own_inner_doc_attrs(markdown: &str) -> TokenStream {
    let lines: Vec<String> = markdown.lines().map(str::to_owned).collect();
    lines_to_attrs(&lines, true)
}

/// One line of spec text made safe to embed in the generator's own markdown.
pub(super) fn escape(text: &str) -> String {
    sanitize(text).join(" ")
}

fn lines_to_attrs(lines: &[String], inner: bool) -> TokenStream {
    lines
        .iter()
        .map(|line| {
            let text = if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            };
            if inner {
                quote!(#![doc = #text])
            } else {
                quote!(#[doc = #text])
            }
        })
        .collect()
}

fn doc_lines(docs: &Docs) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in &docs.paragraphs {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(sanitize(paragraph));
    }
    lines
}

/// Rewrites one piece of spec markdown line by line.
fn sanitize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_fence = false;
    // The width of the list marker whose item the previous line belongs
    // to: its continuation lines are indented by it, as CommonMark reads
    // them, and not left as lazy continuations (which clippy flags).
    let mut item_indent = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            // An opening fence is always labelled `text`, whatever language
            // the spec names, so rustdoc never compiles it.
            out.push(if in_fence { "```" } else { "```text" }.to_owned());
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push(line.trim_end().to_owned());
            continue;
        }
        // Leading spaces would make an indented (doctest) code block.
        let text = escape_inline(trimmed.trim_end());
        if text.is_empty() {
            item_indent = None;
        } else if let Some(width) = list_marker_width(&text) {
            item_indent = Some(width);
        } else if let Some(width) = item_indent {
            out.push(format!("{}{text}", " ".repeat(width)));
            continue;
        }
        out.push(text);
    }
    if in_fence {
        out.push("```".to_owned());
    }
    out
}

/// The width of the list marker `line` starts with (`- `, `* `, `+ `,
/// `1. `, `1) `), if it is a list item.
fn list_marker_width(line: &str) -> Option<usize> {
    if ["- ", "* ", "+ "]
        .iter()
        .any(|marker| line.starts_with(marker))
    {
        return Some(2);
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = &line[digits..];
    (digits > 0 && digits < 10 && (rest.starts_with(". ") || rest.starts_with(") ")))
        .then_some(digits + 2)
}

/// Escapes what rustdoc would misread outside code: brackets not forming a
/// `[text](url)` link, angle brackets, and bare URLs.
fn escape_inline(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with('`') {
            // Inline code is left alone up to its closing backtick.
            if let Some(end) = rest[1..].find('`') {
                out.push_str(&rest[..end + 2]);
                rest = &rest[end + 2..];
                continue;
            }
        }
        if let Some(len) = markdown_link_len(rest) {
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        if rest.starts_with("http://") || rest.starts_with("https://") {
            let len = rest
                .find(|c: char| c.is_whitespace() || c == '"' || c == '<' || c == '>')
                .unwrap_or(rest.len());
            let url = rest[..len].trim_end_matches(['.', ',', ';', ':', ')']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[url.len()..];
            continue;
        }
        match c {
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The length of a `[text](url)` link at the start of `s`, if there is one.
fn markdown_link_len(s: &str) -> Option<usize> {
    let text_end = s.strip_prefix('[')?.find(']')? + 1;
    let after = &s[text_end + 1..];
    let url_end = after.strip_prefix('(')?.find(')')? + 1;
    Some(text_end + 1 + url_end + 1)
}

/// A parameter's docs: where it goes, then the spec's description.
/// Docs as one line, for an item of a list: paragraphs and their lines
/// joined by spaces, so nothing reads as a lazy continuation of the list.
pub(super) fn one_line(docs: &Docs) -> String {
    docs.paragraphs
        .iter()
        .flat_map(|paragraph| paragraph.split_whitespace())
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn parameter_docs(p: &Parameter) -> Docs {
    let place = match p.location {
        ParameterLocation::Path => "Path",
        ParameterLocation::Query => "Query",
        ParameterLocation::Header => "Header",
        ParameterLocation::Cookie => "Cookie",
    };
    let mut docs = Docs::from_parts([Some(&*format!("{place} parameter `{}`.", p.wire_name))]);
    docs.paragraphs.extend(p.docs.paragraphs.iter().cloned());
    if p.deprecated {
        docs.push("Deprecated.");
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Vec<String> {
        doc_lines(&Docs::from_parts([Some(text)]))
    }

    #[test]
    fn a_list_item_s_continuation_lines_are_indented_under_it() {
        assert_eq!(
            one(
                "To download:\n\n- In a browser, fetch it.\n- Else, set `Accept` to\n  [binary](https://x.y/z).\nThe API redirects.\n\nAfter.\n12. Twelfth\nitem"
            ),
            vec![
                "To download:",
                "",
                "- In a browser, fetch it.",
                "- Else, set `Accept` to",
                "  [binary](https://x.y/z).",
                "  The API redirects.",
                "",
                "After.",
                "12. Twelfth",
                "    item",
            ]
        );
    }

    #[test]
    fn brackets_that_are_not_links_are_escaped() {
        assert_eq!(
            one("[EXPERIMENTAL] Sign out"),
            vec!["\\[EXPERIMENTAL\\] Sign out"]
        );
        assert_eq!(
            one("see [the docs](https://x.y/z)."),
            vec!["see [the docs](https://x.y/z)."]
        );
    }

    #[test]
    fn bare_urls_and_angle_brackets_are_made_safe() {
        assert_eq!(one("Go to https://x.y/a."), vec!["Go to <https://x.y/a>."]);
        assert_eq!(
            one("a Vec<T> or <b>bold</b>"),
            vec!["a Vec&lt;T&gt; or &lt;b&gt;bold&lt;/b&gt;"]
        );
        assert_eq!(one("`Vec<T>` stays"), vec!["`Vec<T>` stays"]);
    }

    #[test]
    fn code_never_becomes_a_doctest() {
        assert_eq!(one("    let x = 1;"), vec!["let x = 1;"]);
        assert_eq!(one("```\ncurl x\n```"), vec!["```text", "curl x", "```"]);
        assert_eq!(one("```json\n{}\n```"), vec!["```text", "{}", "```"]);
        assert_eq!(one("```\nunclosed"), vec!["```text", "unclosed", "```"]);
    }

    #[test]
    fn paragraphs_are_separated_by_blank_lines() {
        let docs = Docs::from_parts([Some("Summary"), Some("Longer\ndescription")]);
        assert_eq!(
            doc_lines(&docs),
            vec!["Summary", "", "Longer", "description"]
        );
    }
}
