//! The client generated from `fixtures/tags.yaml`, whose operations and
//! types are gated by cargo features per tag, with every feature on (CI also
//! builds it with each tag's feature alone).

use fixture_client::tags::{
    Client, CreateOrderParams, ListPetsHeaders, Money, Order, Pet, PetKind, Receipt,
};
use serde_json::json;
use wiremock::ResponseTemplate;

use crate::common::serve;

#[tokio::test]
async fn an_operation_of_one_tag_works_with_its_header_view() {
    let server = serve(
        "GET",
        "/pets",
        ResponseTemplate::new(200)
            .insert_header("x-total", "1")
            .set_body_json(json!([{"name": "Rex", "kind": "dog"}])),
    )
    .await;
    let client = Client::new(&server.uri()).unwrap();

    let pets = client.list_pets().await.unwrap();

    assert_eq!(
        ListPetsHeaders::new(pets.headers()).x_total().unwrap(),
        Some(1)
    );
    let pet = &pets[0];
    assert_eq!(
        (pet.name.as_str(), pet.kind.clone()),
        ("Rex", Some(PetKind::Dog))
    );
}

#[tokio::test]
async fn an_operation_of_a_secured_tag_sends_its_key_and_body() {
    let server = serve(
        "POST",
        "/orders",
        ResponseTemplate::new(201).set_body_json(json!({"quantity": 2})),
    )
    .await;
    let client = Client::builder()
        .base_url(server.uri())
        .api_key("storeKey", "k1")
        .build()
        .unwrap();
    let order = Order::new()
        .pet(Pet::new("Rex"))
        .quantity(2)
        .price(Money::new().cents(500));
    let mut params = CreateOrderParams::default();
    params.dry_run = Some(true);

    let created = client
        .create_order(order.clone())
        .params(params)
        .await
        .unwrap();

    assert_eq!(created.quantity, Some(2));
    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(request.url.path(), "/orders");
    assert_eq!(request.url.query(), Some("dryRun=true"));
    assert_eq!(request.headers["x-store-key"], "k1");
    assert_eq!(
        request.body_json::<serde_json::Value>().unwrap(),
        json!({"pet": {"name": "Rex"}, "quantity": 2, "price": {"cents": 500}})
    );
}

#[tokio::test]
async fn an_untagged_operation_and_an_unused_schema_are_there_too() {
    let server = serve(
        "GET",
        "/health",
        ResponseTemplate::new(200).set_body_json(json!({"status": "up"})),
    )
    .await;
    let client = Client::new(&server.uri()).unwrap();

    assert_eq!(client.health().await.unwrap().status.as_deref(), Some("up"));
    let receipt: Receipt = serde_json::from_value(json!({"total": {"cents": 1}})).unwrap();
    assert_eq!(receipt.total.unwrap().cents, Some(1));
}
