//! Schema shapes of the client generated from `fixtures/schemas.yaml`,
//! decoded from real HTTP responses on loopback.

use fixture_client::schemas::{Client, Dog, KeyValue, Lives, Node, Op, Pet, Shape};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::common::from_json;

/// A client for a server that answers `GET route` with `body`. Keep the
/// server alive as long as the client is used.
async fn client_answering(route: &str, body: serde_json::Value) -> (Client, MockServer) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(route))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    (Client::new(&server.uri()).unwrap(), server)
}

#[tokio::test]
async fn the_discriminator_picks_the_variant_and_unknown_kinds_are_kept() {
    let body = json!([
        {"kind": "dog", "id": "d1", "barks": true},
        {"kind": "cat", "id": "c1", "lives": 9},
        {"kind": "cat", "id": "c2", "lives": 3},
        {"kind": "parrot", "id": "p1", "talks": true}
    ]);
    let (client, _server) = client_answering("/pets", body).await;

    let pets = client.list_pets().await.unwrap().into_inner();

    assert_eq!(
        pets[0],
        Pet::Dog(from_json(json!({"id": "d1", "kind": "dog", "barks": true})))
    );
    let Pet::Cat(cat) = &pets[1] else {
        panic!("{:?}", pets[1])
    };
    assert_eq!(cat.lives, Some(Lives::Value9));
    let Pet::Cat(cat) = &pets[2] else {
        panic!("{:?}", pets[2])
    };
    assert_eq!(
        cat.lives,
        Some(Lives::Unknown(3)),
        "an unknown integer enum value is kept"
    );
    assert!(
        matches!(&pets[3], Pet::Unknown(value) if value["talks"] == true),
        "{:?}",
        pets[3]
    );
}

#[test]
fn a_child_that_adds_nothing_to_its_discriminated_base_is_an_object_of_its_properties() {
    // Read as the base itself, `remove` would decode as the base again,
    // without end.
    let removed: Op = from_json(json!({"op": "remove", "path": "/a"}));
    let Op::OpRemove(remove) = &removed else {
        panic!("{removed:?}")
    };
    assert_eq!((remove.op.as_str(), remove.path.as_str()), ("remove", "/a"));
    assert_eq!(
        serde_json::to_value(&removed).unwrap(),
        json!({"op": "remove", "path": "/a"})
    );
    let added: Op = from_json(json!({"op": "add", "path": "/b", "value": "x"}));
    assert!(matches!(&added, Op::OpAdd(add) if add.value.as_deref() == Some("x")));
}

#[test]
fn an_all_of_part_that_is_the_schema_itself_adds_nothing() {
    let pair: KeyValue = from_json(json!({"key": "a", "value": "b"}));
    assert_eq!((pair.key.as_str(), pair.value.as_str()), ("a", "b"));
}

#[tokio::test]
async fn any_of_tries_each_alternative_in_order() {
    for (body, expected) in [
        (json!("square"), Shape::String("square".into())),
        (json!(4), Shape::Integer(4)),
        (json!([1, 2]), Shape::Unknown(json!([1, 2]))),
    ] {
        let (client, _server) = client_answering("/shapes", body).await;
        assert_eq!(client.get_shape().await.unwrap().into_inner(), expected);
    }
    let (client, _server) = client_answering("/shapes", json!({"radius": 1.5})).await;
    assert!(
        matches!(client.get_shape().await.unwrap().into_inner(), Shape::Circle(c) if c.radius == Some(1.5))
    );
}

#[tokio::test]
async fn recursive_types_decode_at_any_depth() {
    let body = json!({
        "name": "leaf",
        "required_but_nullable": null,
        "label": "green",
        "parent": {"name": "root", "required_but_nullable": "x"},
        "children": [{"name": "kid", "required_but_nullable": null}]
    });
    let (client, _server) = client_answering("/trees", body).await;

    let node: Node = client.get_tree().await.unwrap().into_inner();

    assert_eq!(node.parent.as_ref().unwrap().name, "root");
    assert_eq!(
        node.parent
            .as_ref()
            .unwrap()
            .required_but_nullable
            .as_deref(),
        Some("x")
    );
    assert_eq!(node.children.as_ref().unwrap()[0].name, "kid");
    assert_eq!(node.label.as_deref(), Some("green"));
    assert_eq!(node.required_but_nullable, None);
    let sent = serde_json::to_value(&node).unwrap();
    assert_eq!(
        sent["required_but_nullable"],
        serde_json::Value::Null,
        "required: sent even when null"
    );
    assert!(sent.get("old").is_none(), "optional: left out when absent");
}

#[test]
fn alternatives_of_distinct_types_convert_into_their_enum() {
    assert_eq!(Shape::from("square"), Shape::String("square".into()));
    assert_eq!(
        Shape::from(String::from("disc")),
        Shape::String("disc".into())
    );
    assert_eq!(Shape::from(4_i64), Shape::Integer(4));
    let dog: Dog =
        serde_json::from_value(json!({"id": "d1", "kind": "dog", "barks": true})).unwrap();
    assert_eq!(Pet::from(dog.clone()), Pet::Dog(dog));
}
