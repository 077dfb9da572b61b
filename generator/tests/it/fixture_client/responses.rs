//! Several responses per operation in the client generated from
//! `fixtures/responses.yaml`, over real HTTP on loopback.

use fixture_client::responses::{Client, Job, Problem, StartJobError, StartJobResponse};
use fixture_client::runtime::Error;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::common::from_json;

async fn start_job_answering(
    response: ResponseTemplate,
) -> (Result<StartJobResponse, Error<StartJobError>>, MockServer) {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/jobs"))
        .respond_with(response)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .api_key("queryKey", "k 1")
        .build()
        .unwrap();
    let result = client.start_job().await.map(|value| value.into_inner());
    (result, server)
}

fn problem(message: &str) -> Problem {
    from_json(json!({ "message": message }))
}

#[tokio::test]
async fn each_success_status_has_its_own_type() {
    let (started, server) =
        start_job_answering(ResponseTemplate::new(201).set_body_json(json!({"id": "j1"}))).await;
    assert_eq!(
        started.unwrap(),
        StartJobResponse::Created(from_json(json!({"id": "j1"})))
    );
    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        request.url.query(),
        Some("api_key=k+1"),
        "the apiKey goes in the query"
    );

    let (finished, _server) =
        start_job_answering(ResponseTemplate::new(200).set_body_json(json!({"value": 3}))).await;
    assert!(matches!(finished.unwrap(), StartJobResponse::Ok(result) if result.value == Some(3)));
}

#[tokio::test]
async fn each_error_status_has_its_own_body_type() {
    let cases = [
        (
            404,
            json!({"message": "gone"}),
            StartJobError::NotFound(problem("gone")),
        ),
        (
            422,
            json!({"fields": ["name"]}),
            StartJobError::UnprocessableEntity(from_json(json!({"fields": ["name"]}))),
        ),
        (
            409,
            json!({"message": "busy"}),
            StartJobError::ClientError(problem("busy")),
        ),
    ];
    for (status, body, expected) in cases {
        let (result, _server) =
            start_job_answering(ResponseTemplate::new(status).set_body_json(body)).await;
        let Err(Error::Api(value)) = result else {
            panic!("{status}: {result:?}")
        };
        assert_eq!(value.status(), status);
        assert_eq!(value.into_inner(), expected);
    }
}

#[tokio::test]
async fn a_5xx_range_matches_any_server_error() {
    let (result, _server) = start_job_answering(ResponseTemplate::new(507)).await;
    let Err(Error::Api(value)) = result else {
        panic!("{result:?}")
    };
    assert_eq!(
        (value.status().as_u16(), value.into_inner()),
        (507, StartJobError::ServerError)
    );
}

#[tokio::test]
async fn the_cookie_key_is_used_when_only_it_is_configured() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({})))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .api_key("cookieKey", "c1")
        .build()
        .unwrap();

    client.start_job().await.unwrap();

    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(request.headers["cookie"], "key=c1");
    assert_eq!(request.url.query(), None);
}

#[tokio::test]
async fn a_documented_redirect_is_followed_and_makes_no_enum() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/jobs/old"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", "/jobs/new"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/jobs/new"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "new"})))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .api_key("queryKey", "k")
        .build()
        .unwrap();

    // `get_job` documents 200, 302 and 307: its value is the job itself.
    let job: Job = client.get_job("old").await.unwrap().into_inner();

    assert_eq!(job.id.as_deref(), Some("new"));
}

#[tokio::test]
async fn a_304_is_a_variant_where_the_operation_takes_a_validator() {
    use fixture_client::responses::{GetResultParams, GetResultResponse};
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/results/r1"))
        .respond_with(ResponseTemplate::new(304))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .api_key("queryKey", "k")
        .build()
        .unwrap();
    let mut params = GetResultParams::default();
    params.if_none_match = Some("\"v1\"".into());

    let value = client.get_result("r1").params(params).await.unwrap();

    assert_eq!(value.status(), 304);
    assert_eq!(value.into_inner(), GetResultResponse::NotModified);
    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(request.headers["if-none-match"], "\"v1\"");
}

/// A path parameter of `..` or `.` would be a step in the URL's path, so
/// the call would reach another resource (`/jobs/..` is `/`): it fails
/// before anything is sent.
#[tokio::test]
async fn a_path_parameter_of_dots_fails_before_anything_is_sent() {
    let server = MockServer::start().await;
    let client = Client::builder()
        .base_url(server.uri())
        .api_key("queryKey", "k")
        .build()
        .unwrap();

    for dots in ["..", "."] {
        let error = client.get_job(dots).await.unwrap_err();
        let Error::InvalidRequest(message) = &error else {
            panic!("{error:?}");
        };
        assert_eq!(
            message,
            &format!(
                "a segment of `/jobs/{{id}}` is `{dots}`, which a URL takes as a step in the \
                 path, not a name: the request would go to another resource"
            )
        );
    }
    // `...` and `..x` are names.
    let _ = client.get_job("...").await;
    let received = server.received_requests().await.unwrap();
    let paths: Vec<&str> = received.iter().map(|r| r.url.path()).collect();
    assert_eq!(paths, ["/jobs/..."]);
}
