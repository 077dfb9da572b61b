//! What a form body's media type says of its properties: which parts of
//! a `multipart/form-data` body are files, and how each part or
//! urlencoded pair is written (its `encoding` entry).

use std::borrow::Borrow;

use openapiv3::{ReferenceOr, Schema, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};

use super::build::Builder;
use super::{FormPart, FormStyle};
use crate::pointer::Pointer;

/// How deep `allOf` parts are followed for properties: far beyond any real
/// spec, short of a cycle.
const MAX_DEPTH: usize = 16;

impl Builder<'_> {
    /// The parts of a multipart body the spec says something about: files
    /// (binary strings, arrays of them, and strings whose `encoding` gives
    /// a media type other than text or JSON), and each `encoding` entry's
    /// content type and fixed headers.
    pub(super) fn multipart_parts(
        &mut self,
        media: &openapiv3::MediaType,
        at: &Pointer,
    ) -> Vec<FormPart> {
        let mut parts = Vec::new();
        if let Some(schema) = &media.schema {
            let mut properties = Vec::new();
            self.collect_properties(schema, at, 0, &mut properties);
            for (name, property) in properties {
                let encoding = media.encoding.get(&name);
                let content_type = encoding.and_then(|e| e.content_type.clone());
                let file = self.file_kind(&property, content_type.as_deref(), at);
                let headers = encoding
                    .map(|e| self.fixed_headers(e, at))
                    .unwrap_or_default();
                if file.is_some() || content_type.is_some() || !headers.is_empty() {
                    parts.push(FormPart {
                        name,
                        file,
                        content_type,
                        headers,
                    });
                }
            }
        }
        parts
    }

    /// The `style` and `explode` of each property of a urlencoded body
    /// whose `encoding` entry sets either; `raw_at` is where the media type
    /// is written (`explode`'s absence is read there: it defaults to true
    /// for `form`).
    pub(super) fn form_styles(
        &self,
        media: &openapiv3::MediaType,
        raw_at: &Pointer,
    ) -> Vec<(String, FormStyle)> {
        use openapiv3::QueryStyle;
        let mut styles = Vec::new();
        for (name, encoding) in &media.encoding {
            let explode = self
                .resolver
                .raw_node(&raw_at.join("encoding").join(name).join("explode"))
                .and_then(serde_json::Value::as_bool);
            let style = match (&encoding.style, explode) {
                (None, None) => continue,
                (Some(QueryStyle::SpaceDelimited), _) => FormStyle::SpaceDelimited,
                (Some(QueryStyle::PipeDelimited), _) => FormStyle::PipeDelimited,
                (Some(QueryStyle::DeepObject), _) => FormStyle::DeepObject,
                (Some(QueryStyle::Form) | None, explode) => FormStyle::Form {
                    explode: explode.unwrap_or(true),
                },
            };
            styles.push((name.clone(), style));
        }
        styles
    }

    /// The properties of an object schema, `allOf` parts' included, in
    /// order; the first of a name wins.
    fn collect_properties<S: Borrow<Schema>>(
        &self,
        schema: &ReferenceOr<S>,
        at: &Pointer,
        depth: usize,
        into: &mut Vec<(String, Schema)>,
    ) {
        let Some(schema) = self.schema_at(schema, at) else {
            return;
        };
        let properties = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => &object.properties,
            SchemaKind::Any(any) => &any.properties,
            SchemaKind::AllOf { all_of } if depth < MAX_DEPTH => {
                for part in all_of {
                    self.collect_properties(part, at, depth + 1, into);
                }
                return;
            }
            _ => return,
        };
        for (name, property) in properties {
            if !into.iter().any(|(known, _)| known == name)
                && let Some(property) = self.schema_at(property, at)
            {
                into.push((name.clone(), property));
            }
        }
    }

    /// The schema `schema` is or refers to. Broken references are reported
    /// where the type is built.
    fn schema_at<S: Borrow<Schema>>(
        &self,
        schema: &ReferenceOr<S>,
        at: &Pointer,
    ) -> Option<Schema> {
        match schema {
            ReferenceOr::Item(schema) => Some(schema.borrow().clone()),
            ReferenceOr::Reference { reference } => {
                let item = ReferenceOr::<Schema>::Reference {
                    reference: reference.clone(),
                };
                self.resolver
                    .resolve(&item, at)
                    .ok()
                    .map(|r| r.item.into_owned())
            }
        }
    }

    /// Whether a property is a file (`Some(false)`), an array of files
    /// (`Some(true)`) or neither: a binary string, or a string sent with a
    /// media type that is neither text nor JSON.
    fn file_kind(
        &self,
        property: &Schema,
        content_type: Option<&str>,
        at: &Pointer,
    ) -> Option<bool> {
        let binary_by_encoding = content_type.is_some_and(|media_type| {
            let essence = media_type.split(';').next().unwrap_or("").trim();
            !(essence.starts_with("text/") || essence.contains("json") || essence.is_empty())
        });
        let is_file = |schema: &Schema| match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                matches!(
                    string.format,
                    VariantOrUnknownOrEmpty::Item(StringFormat::Binary)
                ) || (binary_by_encoding && matches!(string.format, VariantOrUnknownOrEmpty::Empty))
            }
            SchemaKind::Any(any) => any.format.as_deref() == Some("binary"),
            _ => false,
        };
        if is_file(property) {
            return Some(false);
        }
        match &property.schema_kind {
            SchemaKind::Type(Type::Array(array)) => {
                let items = array.items.as_ref()?;
                self.schema_at(items, at)
                    .filter(|s| is_file(s))
                    .map(|_| true)
            }
            _ => None,
        }
    }

    /// The headers an `encoding` entry gives a part that have one value
    /// (a `default`, a single `enum` value or an `example`): the part sends
    /// them. Others only document what a server may read.
    fn fixed_headers(&self, encoding: &openapiv3::Encoding, at: &Pointer) -> Vec<(String, String)> {
        let mut headers = Vec::new();
        for (name, header) in &encoding.headers {
            if name.eq_ignore_ascii_case("content-type") {
                continue; // `contentType` says it.
            }
            let Ok(header) = self.resolver.resolve(header, at) else {
                continue;
            };
            let openapiv3::ParameterSchemaOrContent::Schema(schema) = &header.item.format else {
                continue;
            };
            let Some(schema) = self.schema_at(schema, at) else {
                continue;
            };
            let single_enum = match &schema.schema_kind {
                SchemaKind::Type(Type::String(s)) if s.enumeration.len() == 1 => {
                    s.enumeration[0].clone()
                }
                _ => None,
            };
            let value = schema
                .schema_data
                .default
                .clone()
                .or(single_enum.map(serde_json::Value::String))
                .or(schema.schema_data.example.clone());
            if let Some(value) = value {
                let text = match value {
                    serde_json::Value::String(text) => text,
                    other => other.to_string(),
                };
                headers.push((name.clone(), text));
            }
        }
        headers
    }
}
