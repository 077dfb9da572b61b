//! Server-sent events of the client generated from `fixtures/events.yaml`,
//! over real HTTP on loopback: an OpenAI-style streaming chat endpoint,
//! OpenAPI 3.2's `itemSchema`, text events, errors, and events delivered as
//! they arrive.

use fixture_client::events::{ChatRequest, Client, CreateChatCompletionError};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::ResponseTemplate;

use crate::common::{as_json, header, only_request, serve};

fn events(body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200)
        .insert_header("content-type", "text/event-stream")
        .set_body_string(body)
}

fn request(stream: bool) -> ChatRequest {
    ChatRequest::new("Hi").stream(stream)
}

#[tokio::test]
async fn a_streaming_chat_completion_yields_its_chunks_until_done() {
    let body = "data: {\"delta\":\"Hel\"}\n\n\
                : keep-alive\n\n\
                data: {\"delta\":\"lo\",\"finish_reason\":\"stop\"}\n\n\
                data: [DONE]\n\n";
    let server = serve("POST", "/chat/completions", events(body)).await;
    let client = Client::new(&server.uri()).unwrap();

    let response = client
        .create_chat_completion(request(true))
        .events()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let mut stream = response.into_inner();
    let mut chunks = Vec::new();
    while let Some(event) = stream.next().await.unwrap() {
        chunks.push(event.data);
    }

    assert_eq!(
        chunks.iter().map(as_json).collect::<Vec<_>>(),
        [
            json!({"delta": "Hel"}),
            json!({"delta": "lo", "finish_reason": "stop"}),
        ]
    );
    let request = only_request(&server).await;
    assert_eq!(header(&request, "accept"), Some("text/event-stream"));
    let sent: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(sent, json!({"prompt": "Hi", "stream": true}));
}

#[tokio::test]
async fn the_plain_method_still_reads_json() {
    let server = serve(
        "POST",
        "/chat/completions",
        ResponseTemplate::new(200).set_body_json(json!({"text": "Hello"})),
    )
    .await;
    let client = Client::new(&server.uri()).unwrap();

    let completion = client.create_chat_completion(request(false)).await.unwrap();

    assert_eq!(completion.text, "Hello");
    assert_eq!(
        header(&only_request(&server).await, "accept"),
        Some("application/json")
    );
}

#[tokio::test]
async fn an_error_status_of_an_events_method_is_decoded_as_usual() {
    let server = serve(
        "POST",
        "/chat/completions",
        ResponseTemplate::new(429).set_body_json(json!({"message": "slow down"})),
    )
    .await;
    let client = Client::builder()
        .base_url(server.uri())
        .retry(fixture_client::runtime::RetryPolicy::never())
        .build()
        .unwrap();

    let error = client
        .create_chat_completion(request(true))
        .events()
        .await
        .expect_err("429");

    let Some(CreateChatCompletionError::TooManyRequests(problem)) = error.api() else {
        panic!("{error:?}")
    };
    assert_eq!(problem.message.as_deref(), Some("slow down"));
}

#[tokio::test]
async fn item_schema_events_keep_their_fields() {
    let body = "retry: 3000\nid: a1\nevent: update\ndata: {\"seq\": 1,\n\
                data:  \"title\": \"first\"}\n\n\
                id: a2\ndata: {\"seq\": 2}\n\n";
    let server = serve("GET", "/feed", events(body)).await;
    let client = Client::new(&server.uri()).unwrap();

    let mut stream = client.watch_feed().events().await.unwrap().into_inner();
    let first = stream.next().await.unwrap().unwrap();
    let second = stream.next().await.unwrap().unwrap();

    assert_eq!(
        as_json(&first.data),
        json!({"seq": 1, "title": "first"}),
        "data lines are joined with newlines"
    );
    assert_eq!(first.event.as_deref(), Some("update"));
    assert_eq!(first.id.as_deref(), Some("a1"));
    assert_eq!(first.retry, Some(std::time::Duration::from_secs(3)));
    assert_eq!((second.data.seq, second.event), (2, None));
    assert!(stream.next().await.unwrap().is_none());
    assert_eq!(stream.last_event_id(), Some("a2"));
}

#[tokio::test]
async fn text_events_are_strings() {
    let server = serve("GET", "/logs", events("data: started\n\ndata: line 2\n\n")).await;
    let client = Client::new(&server.uri()).unwrap();

    let mut stream = client.tail_logs().events().await.unwrap().into_inner();
    let mut lines = Vec::new();
    while let Some(event) = stream.next().await.unwrap() {
        lines.push(event.data);
    }

    assert_eq!(lines, ["started", "line 2"]);
}

#[tokio::test]
async fn events_arrive_before_the_response_ends() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (first_read, wait_for_first) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut head = Vec::new();
        let mut buf = [0_u8; 1024];
        while !head.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = socket.read(&mut buf).await.unwrap();
            head.extend_from_slice(&buf[..n]);
        }
        let reply = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n\
                     connection: close\r\n\r\ndata: one\n\nda";
        socket.write_all(reply.as_bytes()).await.unwrap();
        // The rest only once the client has read the first event.
        wait_for_first.await.unwrap();
        socket.write_all(b"ta: two\n\n").await.unwrap();
    });
    let client = Client::new(&url).unwrap();

    let mut stream = client.tail_logs().events().await.unwrap().into_inner();
    let first = stream.next().await.unwrap().unwrap();
    first_read.send(()).unwrap();
    let second = stream.next().await.unwrap().unwrap();

    assert_eq!((first.data.as_str(), second.data.as_str()), ("one", "two"));
    assert!(stream.next().await.unwrap().is_none());
    server.await.unwrap();
}
