//! Parameter styles of the client generated from `fixtures/parameters.yaml`,
//! over real HTTP on loopback: the exact query string, headers and cookies.

use fixture_client::parameters::{Client, Filter, ListItemsParams, Page};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn every_style_is_written_as_the_spec_says() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = Client::new(&server.uri()).unwrap();
    let filter = Filter {
        name: Some("a b".into()),
        min: Some(3),
    };
    let mut params = ListItemsParams::default();
    params.tags = Some(vec!["x".into(), "y".into()]);
    params.colours = Some(vec!["red".into(), "blue".into()]);
    params.words = Some(vec!["one".into(), "two".into()]);
    params.pipes = Some(vec![1, 2]);
    params.filter = Some(filter.clone());
    params.page = Some(Page {
        offset: Some(10),
        limit: None,
    });
    params.sort = Some(Page {
        offset: Some(1),
        limit: Some(2),
    });
    params.x_flags = Some(vec!["f1".into(), "f2".into()]);
    params.session = Some("s1".into());
    params.query = Some(filter);

    client.list_items(&[4, 5], "t-1", params).await.unwrap();

    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(request.url.path(), "/items/4,5");
    let expected = [
        "tags=x&tags=y",
        "colours=red%2Cblue",
        "words=one+two",
        "pipes=1%7C2",
        // Object properties in declaration order.
        "filter%5Bname%5D=a+b&filter%5Bmin%5D=3",
        "offset=10",
        "sort=offset%2C1%2Climit%2C2",
        "query=%7B%22name%22%3A%22a+b%22%2C%22min%22%3A3%7D",
    ]
    .join("&");
    assert_eq!(request.url.query(), Some(expected.as_str()));
    assert_eq!(
        request.headers["trace"], "t-1",
        "the operation's required header replaces the path's"
    );
    assert_eq!(request.headers["x-flags"], "f1,f2");
    assert_eq!(request.headers["cookie"], "session=s1");
}

#[tokio::test]
async fn optional_parameters_left_out_are_not_sent() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = Client::new(&server.uri()).unwrap();

    client
        .list_items(&[1], "t", ListItemsParams::default())
        .await
        .unwrap();

    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        (request.url.path(), request.url.query()),
        ("/items/1", None)
    );
    assert!(!request.headers.contains_key("cookie") && !request.headers.contains_key("x-flags"));
}
