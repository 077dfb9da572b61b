//! Stage 4: token streams to formatted source text with a header.

use proc_macro2::TokenStream;

/// Formats emitted tokens with `prettyplease`. Tokens that do not parse are a
/// bug in an emitter; the error says which file.
pub(crate) fn rust_file(path: &str, tokens: TokenStream) -> Result<String, String> {
    let file: syn::File = syn::parse2(tokens)
        .map_err(|e| format!("internal error: emitted `{path}` does not parse: {e}"))?;
    Ok(space_items(&field_lists(&prettyplease::unparse(&file))))
}

/// The macro whose body lists a struct's fields: `Name { member: "wire"
/// kind, ... }`, which `prettyplease` prints as wrapped tokens.
const FIELD_LIST_MACRO: &str = "serde_object! {";

/// Rewrites each [`FIELD_LIST_MACRO`] call one field per line, as rustfmt
/// would write a struct literal.
fn field_lists(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        out.push_str(line);
        out.push('\n');
        if !line.ends_with(FIELD_LIST_MACRO) {
            continue;
        }
        let indent = &line[..line.len() - line.trim_start().len()];
        let close = format!("{indent}}}");
        let mut body = String::new();
        for inner in lines.by_ref() {
            if inner == close {
                break;
            }
            body.push(' ');
            body.push_str(inner.trim());
        }
        let body = body.trim();
        let (name, entries) = body
            .split_once(" {")
            .map(|(name, rest)| (name.trim(), rest.trim().trim_end_matches('}').trim()))
            .unwrap_or((body, ""));
        out.push_str(&format!("{indent}    {name} {{\n"));
        for entry in split_outside_strings(entries, ',') {
            let entry = entry.trim();
            if !entry.is_empty() {
                out.push_str(&format!("{indent}        {},\n", field_entry(entry)));
            }
        }
        out.push_str(&format!("{indent}    }}\n{close}\n"));
    }
    out
}

/// One field of the list, `member : "wire" kind Type < Args >` as printed,
/// written `member: "wire" kind Type<Args>`.
fn field_entry(entry: &str) -> String {
    let pieces: Vec<&str> = split_outside_strings(entry, ' ')
        .into_iter()
        .filter(|piece| !piece.is_empty())
        .collect();
    match pieces.as_slice() {
        [member, ":", wire, kind, ty @ ..] if !ty.is_empty() => {
            format!("{member}: {wire} {kind} {}", unspaced(&ty.join(" ")))
        }
        _ => entry.replacen(" : ", ": ", 1),
    }
}

/// Token text without the spaces `TokenStream` and `prettyplease` print
/// between every two tokens (`Vec<Pet>`, not `Vec < Pet >`): a space is
/// kept only between two words, and after `,`, `:` and around `=`.
pub(crate) fn unspaced(spaced: &str) -> String {
    let mut out = String::with_capacity(spaced.len());
    for piece in spaced.split(' ') {
        let glue = out.ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '\'')
            && piece.starts_with(|c: char| c.is_alphanumeric() || c == '_');
        if glue {
            out.push(' ');
        }
        if piece == "=" {
            out.push(' ');
        }
        out.push_str(piece);
        if piece.ends_with(',') || piece == ":" || piece == "=" {
            out.push(' ');
        }
    }
    out
}

/// `text` split at each `separator` outside string literals and outside
/// brackets (a field's type, `HashMap<String, Value>`, holds commas).
fn split_outside_strings(text: &str, separator: char) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut in_string = false;
    let mut escaped = false;
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '<' | '(' | '[' if !in_string => depth += 1,
            '>' | ')' | ']' if !in_string => depth = depth.saturating_sub(1),
            c if c == separator && !in_string && depth == 0 => {
                pieces.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    pieces.push(&text[start..]);
    pieces
}

/// Appends the formatted text of the next part of a file split in parts
/// (`emit::ModuleFile::Types`): a blank line between them, as between
/// items, so the parts read as the file one pass would write.
pub(crate) fn append_part(file: &mut String, part: &str) {
    file.push('\n');
    file.push_str(part);
}

/// Puts a blank line between items, which `prettyplease` does not, so the
/// output reads like hand-written Rust and diffs stay local.
fn space_items(text: &str) -> String {
    const ITEM_STARTS: &[&str] = &[
        "///", "#[", "pub ", "impl", "fn ", "async fn", "const ", "struct ", "enum ", "type ",
        "mod ", "use ",
    ];
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous = "";
    for line in text.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let prev_trimmed = previous.trim_start();
        let prev_indent = previous.len() - prev_trimmed.len();
        let ends_item =
            prev_trimmed == "}" || (prev_trimmed.ends_with(';') && !prev_trimmed.starts_with("//"));
        let after_inner_docs = (prev_trimmed.starts_with("//!") && !trimmed.starts_with("//!"))
            || (prev_trimmed.starts_with("#![") && !trimmed.starts_with("#!["));
        let starts_item = ITEM_STARTS.iter().any(|s| trimmed.starts_with(s));
        if after_inner_docs || (ends_item && starts_item && indent == prev_indent) {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        previous = line;
    }
    out
}

/// The first lines of every generated file: a `@generated` marker (which
/// review tools recognise), the command, and the source.
pub(crate) fn header(comment: &str, generated_by: &str, source: Option<&str>) -> String {
    let from = source.map(|s| format!(" from `{s}`")).unwrap_or_default();
    format!("{comment} @generated by `{generated_by}`{from}. Do not edit by hand.\n\n")
}

/// Whether `text` starts with a line [`header`] wrote: the files the
/// generator owns. Other tools' `@generated` markers (Cargo's lock file
/// says "This file is automatically @generated by Cargo.") are not it.
pub(crate) fn has_header(text: &str) -> bool {
    let first = text.lines().next().unwrap_or_default();
    let Some(rest) = first.strip_prefix("//").or_else(|| first.strip_prefix('#')) else {
        return false;
    };
    rest.starts_with(" @generated by `") && rest.ends_with(". Do not edit by hand.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_lists_are_one_field_per_line_whatever_the_wire_names_hold() {
        let printed = concat!(
            "rt::__private::serde_object! {\n",
            "    Pet { id : \"id\" required i64, name_ : \"a, <\\\"b\\\"> }\" optional\n",
            "    Option < String >, tags : \"tags\" required std :: collections :: HashMap <\n",
            "    String, Vec < Tag > >, }\n",
            "}\n",
        );
        assert_eq!(
            field_lists(printed),
            concat!(
                "rt::__private::serde_object! {\n",
                "    Pet {\n",
                "        id: \"id\" required i64,\n",
                "        name_: \"a, <\\\"b\\\"> }\" optional Option<String>,\n",
                "        tags: \"tags\" required std::collections::HashMap<String, Vec<Tag>>,\n",
                "    }\n",
                "}\n",
            )
        );
    }
}
