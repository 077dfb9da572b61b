//! Request and response bodies of the client generated from
//! `fixtures/bodies.yaml`, over real HTTP on loopback.

use fixture_client::bodies::{Client, Note, NotePatch, PatchNoteBody};
use fixture_client::runtime::{BinaryBody, RetryPolicy};
use serde_json::json;
use wiremock::{Request, ResponseTemplate};

use crate::common::{only_request as only, serve};

fn content_type(request: &Request) -> &str {
    request.headers["content-type"].to_str().unwrap()
}

#[test]
fn server_variables_take_their_defaults() {
    assert_eq!(Client::DEFAULT_BASE_URL, "https://eu.example.com/v2");
}

#[tokio::test]
async fn a_json_body_is_sent_and_the_typed_response_decoded() {
    let created = json!({"id": 7, "text": "hi"});
    let server = serve(
        "POST",
        "/notes",
        ResponseTemplate::new(201).set_body_json(created),
    )
    .await;
    let client = Client::new(&server.uri()).unwrap();
    let note = Note::new("hi").secret("s");

    let response = client.create_note(note.clone()).await.unwrap();

    assert_eq!(response.id, Some(7));
    let request = only(&server).await;
    assert_eq!(content_type(&request), "application/json");
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&request.body).unwrap(),
        json!({"text": "hi", "secret": "s"})
    );
}

#[tokio::test]
async fn the_caller_picks_the_media_type_and_absent_differs_from_null() {
    let server = serve("PATCH", "/notes", ResponseTemplate::new(204)).await;
    let client = Client::new(&server.uri()).unwrap();
    let clear_colour = NotePatch::new().color_null();
    let keep_colour = NotePatch::default().text("new");

    client
        .patch_note(PatchNoteBody::Json(clear_colour))
        .await
        .unwrap();
    client
        .patch_note(PatchNoteBody::Form(keep_colour))
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(content_type(&requests[0]), "application/merge-patch+json");
    assert_eq!(requests[0].body, br#"{"color":null}"#);
    assert_eq!(
        content_type(&requests[1]),
        "application/x-www-form-urlencoded"
    );
    assert_eq!(requests[1].body, b"text=new");
}

#[tokio::test]
async fn an_optional_body_can_be_left_out() {
    let server = serve("PUT", "/notes", ResponseTemplate::new(204)).await;
    let client = Client::new(&server.uri()).unwrap();

    client.replace_note().await.unwrap();

    let request = only(&server).await;
    assert!(request.body.is_empty());
    assert!(!request.headers.contains_key("content-type"));
}

#[tokio::test]
async fn text_goes_out_and_comes_back_as_strings() {
    let response = ResponseTemplate::new(200).set_body_raw("héllo", "text/plain; charset=utf-8");
    let server = serve("POST", "/notes/text", response).await;
    let client = Client::new(&server.uri()).unwrap();

    let echoed = client.post_text("héllo").await.unwrap();

    assert_eq!(echoed.into_inner(), "héllo");
    let request = only(&server).await;
    assert_eq!(content_type(&request), "text/plain");
    assert_eq!(request.body, "héllo".as_bytes());
}

#[tokio::test]
async fn binary_goes_out_and_comes_back_as_bytes() {
    let png: &[u8] = &[0x89, b'P', b'N', b'G', 0, 255];
    let server = serve(
        "POST",
        "/files",
        ResponseTemplate::new(200).set_body_raw(png, "image/png"),
    )
    .await;
    let client = Client::new(&server.uri()).unwrap();

    let echoed = client
        .upload_file(bytes::Bytes::from_static(png))
        .await
        .unwrap();

    assert_eq!(&echoed.into_inner()[..], png);
    let request = only(&server).await;
    assert_eq!(content_type(&request), "application/octet-stream");
    assert_eq!(request.body, png);
}

#[tokio::test]
async fn an_xml_only_response_is_returned_as_text() {
    let xml = "<note><text>hi</text></note>";
    let server = serve(
        "GET",
        "/legacy",
        ResponseTemplate::new(200).set_body_raw(xml, "application/xml"),
    )
    .await;
    let client = Client::new(&server.uri()).unwrap();

    assert_eq!(client.legacy_xml().await.unwrap().into_inner(), xml);
}

#[tokio::test]
async fn a_binary_success_streams_chunk_by_chunk() {
    // Larger than one read, so it arrives in several chunks.
    let body: Vec<u8> = (0..3_000_000_u32).map(|i| (i % 251) as u8).collect();
    let server = serve(
        "POST",
        "/files",
        ResponseTemplate::new(200)
            .insert_header("content-type", "image/png")
            .set_body_bytes(body.clone()),
    )
    .await;
    let client = Client::new(&server.uri()).unwrap();

    let response = client
        .upload_file(bytes::Bytes::from_static(b"x"))
        .stream()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/png");
    assert!(response.raw_body().is_empty(), "the body is in the stream");
    let mut stream = response.into_inner();
    let (mut received, mut chunks) = (Vec::new(), 0);
    while let Some(chunk) = stream.chunk().await.unwrap() {
        received.extend_from_slice(&chunk);
        chunks += 1;
    }
    assert_eq!(received, body);
    assert!(chunks > 1, "{chunks} chunk(s)");
}

#[tokio::test]
async fn a_byte_stream_is_a_futures_stream_and_an_async_read() {
    let body: Vec<u8> = (0..1_000_000_u32).map(|i| (i % 241) as u8).collect();
    let server = serve(
        "POST",
        "/files",
        ResponseTemplate::new(200)
            .insert_header("content-type", "image/png")
            .set_body_bytes(body.clone()),
    )
    .await;
    let client = Client::new(&server.uri()).unwrap();
    let upload = || client.upload_file(bytes::Bytes::from_static(b"x")).stream();

    // As a `Stream` of `io::Result<Bytes>`, with `StreamExt`.
    use futures_util::StreamExt as _;
    let mut stream = upload().await.unwrap().into_inner();
    let mut received = Vec::new();
    while let Some(chunk) = stream.next().await {
        received.extend_from_slice(&chunk.unwrap());
    }
    assert_eq!(received, body);

    // As an `AsyncRead`, copied into a file by `tokio::io::copy`.
    let path = std::env::temp_dir().join(format!("byte-reader-{}.png", std::process::id()));
    let mut file = tokio::fs::File::create(&path).await.unwrap();
    let mut reader = upload().await.unwrap().into_inner().into_async_read();
    let copied = tokio::io::copy(&mut reader, &mut file).await.unwrap();
    drop(file);
    assert_eq!(copied, body.len() as u64);
    assert_eq!(tokio::fs::read(&path).await.unwrap(), body);
    tokio::fs::remove_file(&path).await.unwrap();
}

#[tokio::test]
async fn other_statuses_of_a_streaming_method_are_read_whole() {
    let server = serve(
        "POST",
        "/files",
        ResponseTemplate::new(404).set_body_string("no such file"),
    )
    .await;
    let client = Client::new(&server.uri()).unwrap();

    let error = client
        .upload_file(bytes::Bytes::from_static(b"x"))
        .stream()
        .await
        .expect_err("404 is not documented");

    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(error.raw_body(), Some(&b"no such file"[..]));
}

#[tokio::test]
async fn a_stream_can_be_collected_whole() {
    let server = serve(
        "POST",
        "/files",
        ResponseTemplate::new(200).set_body_bytes(b"small".to_vec()),
    )
    .await;
    let client = Client::new(&server.uri()).unwrap();

    let stream = client
        .upload_file(bytes::Bytes::from_static(b"x"))
        .stream()
        .await
        .unwrap()
        .into_inner();

    assert_eq!(&stream.collect().await.unwrap()[..], b"small");
}

#[tokio::test]
async fn a_file_is_uploaded_as_it_is_read() {
    let path = std::env::temp_dir().join(format!("upload-{}.bin", std::process::id()));
    let contents: Vec<u8> = (0..200_000_u32).map(|i| (i % 7) as u8).collect();
    std::fs::write(&path, &contents).unwrap();
    let server = serve("POST", "/files", ResponseTemplate::new(200)).await;
    let client = Client::new(&server.uri()).unwrap();

    let file = tokio::fs::File::open(&path).await.unwrap();
    client
        .upload_file(BinaryBody::from_file(file))
        .await
        .unwrap();

    let request = only(&server).await;
    assert_eq!(request.body, contents);
    assert_eq!(content_type(&request), "application/octet-stream");
    let _ = std::fs::remove_file(&path);
}

#[tokio::test]
async fn a_streamed_body_is_never_retried_but_bytes_are() {
    let server = serve("POST", "/files", ResponseTemplate::new(503)).await;
    let client = Client::builder()
        .base_url(server.uri())
        .retry(RetryPolicy {
            initial_backoff: std::time::Duration::from_millis(1),
            retry_non_idempotent: true,
            ..RetryPolicy::default()
        })
        .build()
        .unwrap();
    let chunks: Vec<Result<bytes::Bytes, std::io::Error>> = vec![
        Ok(bytes::Bytes::from_static(b"ab")),
        Ok(bytes::Bytes::from_static(b"cd")),
    ];
    let stream = reqwest::Body::wrap_stream(futures_util::stream::iter(chunks));

    let error = client
        .upload_file(BinaryBody::from_stream(stream))
        .await
        .expect_err("503");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "a stream cannot be sent twice");
    assert_eq!(requests[0].body, b"abcd");

    client
        .upload_file(b"bytes".to_vec())
        .await
        .expect_err("503 again");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1 + 3, "bytes are retried twice");
}
