//! `application/x-www-form-urlencoded` bodies: an object's properties as
//! pairs, each written as the spec's `encoding` object says.

use serde::Serialize;

use super::ordered::{Ordered, properties, text};

/// How one property of a urlencoded form is written: its `encoding`
/// entry's `style` and `explode`. The default is exploded `form`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormStyle {
    /// Arrays as `tag=a&tag=b` (exploded) or `tag=a,b`; objects as their
    /// own properties `x=1&y=2` (exploded) or `point=x,1,y,2`.
    Form {
        /// Whether values are pairs of their own.
        explode: bool,
    },
    /// Arrays as `tag=a b`.
    SpaceDelimited,
    /// Arrays as `tag=a|b`.
    PipeDelimited,
    /// Objects as `point[x]=1&point[y]=2`, nested objects as
    /// `a[b][c]=1`, arrays inside as `a[b]=1&a[b]=2`.
    DeepObject,
}

/// `value`, an object, as the text of a urlencoded body.
pub(crate) fn form_text(
    value: &impl Serialize,
    encodings: &[(&str, FormStyle)],
) -> Result<String, String> {
    let properties =
        properties(value)?.ok_or_else(|| "a urlencoded body must be an object".to_owned())?;
    let mut pairs = Vec::new();
    for (name, value) in properties {
        let style = encodings
            .iter()
            .find(|(property, _)| *property == name)
            .map_or(FormStyle::Form { explode: true }, |(_, style)| *style);
        write_property(&mut pairs, name, value, style);
    }
    serde_urlencoded::to_string(&pairs).map_err(|e| e.to_string())
}

fn write_property(
    pairs: &mut Vec<(String, String)>,
    name: String,
    value: Ordered,
    style: FormStyle,
) {
    match (value, style) {
        (Ordered::Null, _) => {}
        (Ordered::List(items), FormStyle::Form { explode: true } | FormStyle::DeepObject) => {
            for item in items
                .into_iter()
                .filter(|item| !matches!(item, Ordered::Null))
            {
                pairs.push((name.clone(), text(item)));
            }
        }
        (Ordered::List(items), style) => {
            let separator = match style {
                FormStyle::SpaceDelimited => " ",
                FormStyle::PipeDelimited => "|",
                _ => ",",
            };
            let texts: Vec<String> = items.into_iter().map(text).collect();
            pairs.push((name, texts.join(separator)));
        }
        (Ordered::Object(properties), FormStyle::DeepObject) => {
            for (key, value) in properties {
                write_property(
                    pairs,
                    format!("{name}[{key}]"),
                    value,
                    FormStyle::DeepObject,
                );
            }
        }
        (Ordered::Object(properties), FormStyle::Form { explode: true }) => {
            for (key, value) in properties {
                if !matches!(value, Ordered::Null) {
                    pairs.push((key, text(value)));
                }
            }
        }
        (Ordered::Object(properties), _) => {
            let flat: Vec<String> = properties
                .into_iter()
                .filter(|(_, value)| !matches!(value, Ordered::Null))
                .flat_map(|(key, value)| [key, text(value)])
                .collect();
            pairs.push((name, flat.join(",")));
        }
        (scalar, _) => pairs.push((name, text(scalar))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Age {
        min: u8,
    }

    #[derive(Serialize)]
    struct Filter {
        kind: &'static str,
        age: Age,
        note: Option<&'static str>,
    }

    #[derive(Serialize)]
    struct Point {
        y: i32,
        x: i32,
    }

    #[derive(Serialize)]
    struct Search {
        name: &'static str,
        tags: Vec<&'static str>,
        ids: Vec<u8>,
        filter: Filter,
        point: Point,
        missing: Option<u8>,
        nested: Vec<Point>,
    }

    #[test]
    fn writes_each_property_as_its_encoding_says_in_its_order() {
        let value = Search {
            name: "Rex & co",
            tags: vec!["a", "b"],
            ids: vec![1, 2],
            filter: Filter {
                kind: "dog",
                age: Age { min: 2 },
                note: Some("12"),
            },
            point: Point { y: 2, x: 1 },
            missing: None,
            nested: vec![Point { y: 1, x: 0 }],
        };
        let encodings = [
            ("ids", FormStyle::PipeDelimited),
            ("filter", FormStyle::DeepObject),
        ];
        assert_eq!(
            form_text(&value, &encodings).unwrap(),
            "name=Rex+%26+co&tags=a&tags=b&ids=1%7C2&filter%5Bkind%5D=dog\
             &filter%5Bage%5D%5Bmin%5D=2&filter%5Bnote%5D=12&y=2&x=1\
             &nested=%7B%22y%22%3A1%2C%22x%22%3A0%7D"
        );
    }

    #[test]
    fn an_unexploded_form_joins_with_commas() {
        #[derive(Serialize)]
        struct Body {
            tags: Vec<&'static str>,
            point: Point,
        }
        let value = Body {
            tags: vec!["a", "b"],
            point: Point { y: 2, x: 1 },
        };
        let style = FormStyle::Form { explode: false };
        assert_eq!(
            form_text(&value, &[("tags", style), ("point", style)]).unwrap(),
            "tags=a%2Cb&point=y%2C2%2Cx%2C1"
        );
    }

    #[test]
    fn a_body_that_is_not_an_object_is_refused() {
        assert_eq!(
            form_text(&serde_json::json!([1]), &[]).unwrap_err(),
            "a urlencoded body must be an object"
        );
    }
}
