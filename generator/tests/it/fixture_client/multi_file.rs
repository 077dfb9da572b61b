//! The client generated from `fixtures/multi-file.yaml`, whose path items,
//! parameters and schemas live in other files (`fixtures/multi-file/`),
//! over real HTTP on loopback.

use fixture_client::multi_file::{Client, GetBookError, Problem};
use fixture_client::runtime::Error;
use serde_json::json;
use wiremock::ResponseTemplate;

use crate::common::{as_json, serve};

#[tokio::test]
async fn a_path_item_from_a_file_and_types_that_refer_to_each_other_across_files() {
    let book = json!({"isbn": "1", "title": "T", "author": {"name": "Ada", "books": [{"isbn": "2", "title": "U"}]}});
    let server = serve(
        "GET",
        "/books/1",
        ResponseTemplate::new(200).set_body_json(&book),
    )
    .await;
    let client = Client::new(&server.uri()).unwrap();

    let got = client.get_book("1").await.unwrap().into_inner();

    assert_eq!(as_json(&got), book, "nothing lost");
    let author = got.author.as_ref().unwrap();
    assert_eq!(author.books.as_ref().unwrap()[0].title, "U");
}

#[tokio::test]
async fn a_schema_named_by_a_pointer_into_another_file() {
    let problem = json!({"title": "missing"});
    let server = serve(
        "GET",
        "/books/9",
        ResponseTemplate::new(404).set_body_json(problem),
    )
    .await;
    let client = Client::new(&server.uri()).unwrap();

    let Err(Error::Api(response)) = client.get_book("9").await else {
        panic!("a 404")
    };

    let GetBookError::NotFound(Problem { title, .. }) = &**response else {
        panic!("another variant");
    };
    assert_eq!(title, "missing");
}

#[tokio::test]
async fn definitions_inside_a_schema_file_are_types_of_their_own() {
    let shelves = json!([{"name": "A", "books": [{"isbn": "1", "position": 3}]}]);
    let server = serve(
        "GET",
        "/shelves",
        ResponseTemplate::new(200).set_body_json(shelves),
    )
    .await;
    let client = Client::new(&server.uri()).unwrap();

    let got = client.list_shelves().await.unwrap().into_inner();

    let book = &got[0].books[0];
    assert_eq!((book.isbn.as_deref(), book.position), (Some("1"), Some(3)));
}
