//! Parameter styles of the client generated from `fixtures/parameters.yaml`,
//! over real HTTP on loopback: the exact query string, headers and cookies.

use fixture_client::parameters::{Client, Filter, ListItemsParams, Page, Person};
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
    let filter = Filter::new().name("a b").min(3);
    client
        .list_items([4, 5], "t-1")
        .tags(["x", "y"])
        .colours(["red", "blue"])
        .words(["one", "two"])
        .pipes([1, 2])
        .filter(filter.clone())
        .page(Page::new().offset(10))
        .sort(Page::new().offset(1).limit(2))
        .x_flags(["f1", "f2"])
        .session("s1")
        .query(filter)
        .await
        .unwrap();

    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(request.url.path(), "/items/4,5");
    let expected = [
        "tags=x&tags=y",
        // Joined lists keep their separator literal (RFC 6570).
        "colours=red,blue",
        "words=one%20two",
        "pipes=1|2",
        // Object properties in declaration order.
        "filter%5Bname%5D=a+b&filter%5Bmin%5D=3",
        "offset=10",
        "sort=offset,1,limit,2",
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

    client.list_items([1], "t").await.unwrap();

    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        (request.url.path(), request.url.query()),
        ("/items/1", None)
    );
    assert!(!request.headers.contains_key("cookie") && !request.headers.contains_key("x-flags"));
}

/// The one request a server that answers everything with 204 receives from
/// `call`.
async fn sent(call: impl AsyncFnOnce(Client)) -> wiremock::Request {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    call(Client::new(&server.uri()).unwrap()).await;
    server.received_requests().await.unwrap().remove(0)
}

#[tokio::test]
async fn a_delimiter_inside_a_joined_value_is_encoded() {
    let request = sent(async |client| {
        let mut params = ListItemsParams::default();
        params.colours = Some(vec!["a,b".into(), "c&d".into()]);
        client.list_items([1], "t").params(params).await.unwrap();
    })
    .await;
    assert_eq!(request.url.query(), Some("colours=a%2Cb,c%26d"));
}

#[tokio::test]
async fn path_styles_of_a_primitive() {
    let request = sent(async |client| {
        client.primitive_styles(5, 5, "five").await.unwrap();
    })
    .await;
    assert_eq!(request.url.path(), "/prim/5/.5/;m=five");
}

#[tokio::test]
async fn path_and_header_styles_of_an_array() {
    let request = sent(async |client| {
        let v = [3, 4, 5];
        client
            .array_styles(v, v, v, v, v, v, [1, 2])
            .h(v)
            .await
            .unwrap();
    })
    .await;
    assert_eq!(
        request.url.path(),
        "/arrays/3,4,5/3,4,5/.3,4,5/.3.4.5/;m=3,4,5/;me=3;me=4;me=5/x;coords=1;coords=2"
    );
    assert_eq!(request.headers["h"], "3,4,5");
}

#[tokio::test]
async fn path_and_header_styles_of_an_object() {
    let request = sent(async |client| {
        let p = Person::new().role("admin").first_name("Alex");
        client
            .object_styles(
                p.clone(),
                p.clone(),
                p.clone(),
                p.clone(),
                p.clone(),
                p.clone(),
            )
            .h(p.clone())
            .he(p)
            .await
            .unwrap();
    })
    .await;
    assert_eq!(
        request.url.path(),
        [
            "/objects",
            "role,admin,firstName,Alex",
            "role=admin,firstName=Alex",
            ".role,admin,firstName,Alex",
            ".role=admin.firstName=Alex",
            ";m=role,admin,firstName,Alex",
            ";role=admin;firstName=Alex",
        ]
        .join("/")
    );
    assert_eq!(request.headers["h"], "role,admin,firstName,Alex");
    assert_eq!(request.headers["he"], "role=admin,firstName=Alex");
}
