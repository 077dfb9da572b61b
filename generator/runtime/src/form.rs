//! `application/x-www-form-urlencoded` bodies: an object's properties as
//! pairs, each written as the spec's `encoding` object says.

use serde::Serialize;

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
    // Through JSON text into a tree that keeps every object's order (a
    // `serde_json::Value` sorts keys unless some crate in the build turns
    // on `preserve_order`).
    let text = serde_json::to_string(value).map_err(|e| e.to_string())?;
    let Ok(Node::Object(properties)) = serde_json::from_str(&text) else {
        return Err("a urlencoded body must be an object".to_owned());
    };
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

/// A JSON value whose objects keep their order.
enum Node {
    Null,
    String(String),
    /// A number or boolean, as its JSON text.
    Literal(String),
    List(Vec<Node>),
    Object(Vec<(String, Node)>),
}

impl<'de> serde::Deserialize<'de> for Node {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Node;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
                Ok(Node::Literal(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
                Ok(Node::Literal(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
                Ok(Node::Literal(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
                Ok(Node::Literal(serde_json::Value::from(v).to_string()))
            }
            fn visit_str<E>(self, v: &str) -> Result<Node, E> {
                Ok(Node::String(v.to_owned()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Node::List(items))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut properties = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    properties.push(entry);
                }
                Ok(Node::Object(properties))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

fn write_property(pairs: &mut Vec<(String, String)>, name: String, value: Node, style: FormStyle) {
    match (value, style) {
        (Node::Null, _) => {}
        (Node::List(items), FormStyle::Form { explode: true } | FormStyle::DeepObject) => {
            for item in items.into_iter().filter(|item| !matches!(item, Node::Null)) {
                pairs.push((name.clone(), text(item)));
            }
        }
        (Node::List(items), style) => {
            let separator = match style {
                FormStyle::SpaceDelimited => " ",
                FormStyle::PipeDelimited => "|",
                _ => ",",
            };
            let texts: Vec<String> = items.into_iter().map(text).collect();
            pairs.push((name, texts.join(separator)));
        }
        (Node::Object(properties), FormStyle::DeepObject) => {
            for (key, value) in properties {
                write_property(
                    pairs,
                    format!("{name}[{key}]"),
                    value,
                    FormStyle::DeepObject,
                );
            }
        }
        (Node::Object(properties), FormStyle::Form { explode: true }) => {
            for (key, value) in properties {
                if !matches!(value, Node::Null) {
                    pairs.push((key, text(value)));
                }
            }
        }
        (Node::Object(properties), _) => {
            let flat: Vec<String> = properties
                .into_iter()
                .filter(|(_, value)| !matches!(value, Node::Null))
                .flat_map(|(key, value)| [key, text(value)])
                .collect();
            pairs.push((name, flat.join(",")));
        }
        (scalar, _) => pairs.push((name, text(scalar))),
    }
}

/// A value's text: a string as it is, anything else as JSON.
fn text(value: Node) -> String {
    match value {
        Node::String(text) => text,
        other => json(other),
    }
}

/// A value as JSON text, its objects in order.
fn json(value: Node) -> String {
    match value {
        Node::Null => "null".to_owned(),
        Node::String(text) => serde_json::Value::String(text).to_string(),
        Node::Literal(text) => text,
        Node::List(items) => {
            let items: Vec<String> = items.into_iter().map(json).collect();
            format!("[{}]", items.join(","))
        }
        Node::Object(properties) => {
            let properties: Vec<String> = properties
                .into_iter()
                .map(|(key, value)| format!("{}:{}", serde_json::Value::String(key), json(value)))
                .collect();
            format!("{{{}}}", properties.join(","))
        }
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
