//! Multipart and urlencoded bodies of the client generated from
//! `fixtures/bodies.yaml`, read byte for byte as the server receives
//! them: files from bytes, paths and streams, arrays of files, JSON parts,
//! the `encoding` object's content types and headers; retries and
//! redirects that send a file again, and a stream that is sent once.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use fixture_client::bodies::{
    Client, Note, Recording, RecordingMeta, SearchBody, SearchBodyFilter,
};
use fixture_client::runtime::{
    Error, Multipart, RequestOptions, RetryPolicy, Upload, UploadProgress,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::common::{header, only_request as only, serve};

/// The body as text, its boundary written `B`.
fn multipart_text(request: &Request) -> String {
    let content_type = header(request, "content-type").unwrap();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap_or_else(|| panic!("not multipart: {content_type}"));
    String::from_utf8(request.body.clone())
        .unwrap()
        .replace(boundary, "B")
}

/// A file under the temporary folder, unique to this test.
fn temp_file(name: &str, contents: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("forms-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(name);
    std::fs::write(&file, contents).unwrap();
    file
}

fn retrying_client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .retry(RetryPolicy {
            initial_backoff: Duration::from_millis(1),
            retry_non_idempotent: true,
            ..RetryPolicy::default()
        })
        .build()
        .unwrap()
}

/// A server that answers its first request with `first`, the rest 204.
async fn first_then_204(route: &str, first: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(route))
        .respond_with(first)
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(route))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn every_kind_of_part_is_sent_as_the_spec_encodes_it() {
    let server = serve("POST", "/forms", ResponseTemplate::new(204)).await;
    let client = Client::new(&server.uri()).unwrap();
    let on_disk = temp_file("b.bin", b"from a path");
    let chunks =
        futures_util::stream::iter([Ok::<_, std::io::Error>(&b"stre"[..]), Ok(&b"amed"[..])]);
    let form = Recording::new(Upload::bytes("RIFF").file_name("take 1.wav"), "Take one")
        .attachments([
            Upload::path(&on_disk),
            Upload::stream(chunks)
                .file_name("c.txt")
                .content_type("text/plain"),
        ])
        .meta(RecordingMeta::new().lang("en"))
        .tags(["a", "b"])
        .thumbnail(Upload::bytes("PNG!"));

    client.upload_form(form).await.unwrap();

    let request = only(&server).await;
    assert_eq!(
        multipart_text(&request),
        "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"take 1.wav\"\r\n\
         Content-Type: audio/wav\r\nX-Checksum-Algorithm: sha256\r\n\r\nRIFF\r\n\
         --B\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nTake one\r\n\
         --B\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"b.bin\"\r\n\
         Content-Type: application/octet-stream\r\n\r\nfrom a path\r\n\
         --B\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"c.txt\"\r\n\
         Content-Type: text/plain\r\n\r\nstreamed\r\n\
         --B\r\nContent-Disposition: form-data; name=\"meta\"\r\n\
         Content-Type: application/json\r\n\r\n{\"lang\":\"en\"}\r\n\
         --B\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\na\r\n\
         --B\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\nb\r\n\
         --B\r\nContent-Disposition: form-data; name=\"thumbnail\"; filename=\"thumbnail\"\r\n\
         Content-Type: image/png\r\n\r\nPNG!\r\n--B--\r\n"
    );
}

#[tokio::test]
async fn a_form_of_bytes_and_paths_says_its_length() {
    let server = serve("POST", "/forms", ResponseTemplate::new(204)).await;
    let client = Client::new(&server.uri()).unwrap();
    let on_disk = temp_file("len.bin", &[7; 100_000]);

    client
        .upload_form(Recording::new(Upload::path(&on_disk), "t"))
        .await
        .unwrap();

    let request = only(&server).await;
    assert_eq!(
        header(&request, "content-length"),
        Some(request.body.len().to_string().as_str())
    );
    assert!(request.body.windows(100_000).any(|w| w == [7; 100_000]));
}

#[tokio::test]
async fn a_form_with_no_properties_is_built_by_hand() {
    let server = serve("POST", "/forms/raw", ResponseTemplate::new(204)).await;
    let client = Client::new(&server.uri()).unwrap();
    let mut form = Multipart::new();
    form.text("note", "hello")
        .file("doc", Upload::bytes("%PDF").file_name("a.pdf"), None, &[]);

    client.upload_raw(form).await.unwrap();

    assert_eq!(
        multipart_text(&only(&server).await),
        "--B\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n\
         --B\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"a.pdf\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n%PDF\r\n--B--\r\n"
    );
}

#[tokio::test]
async fn a_urlencoded_form_writes_lists_and_objects_as_its_encoding_says() {
    let server = serve("POST", "/search", ResponseTemplate::new(204)).await;
    let client = Client::new(&server.uri()).unwrap();
    let body = SearchBody::new("rex & co")
        .ids([1, 2])
        .tags(["a", "b"])
        .filter(SearchBodyFilter::new().kind("dog").age(3));

    client.search(body).await.unwrap();

    let request = only(&server).await;
    assert_eq!(
        header(&request, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        String::from_utf8(request.body).unwrap(),
        "q=rex+%26+co&ids=1%7C2&tags=a&tags=b&filter%5Bkind%5D=dog&filter%5Bage%5D=3"
    );
}

#[tokio::test]
async fn an_upload_of_bytes_or_a_path_is_sent_whole_again_after_a_503() {
    let on_disk = temp_file("retry.bin", b"path contents");
    for upload in [Upload::bytes("byte contents"), Upload::path(&on_disk)] {
        let server = first_then_204("/forms", ResponseTemplate::new(503)).await;
        let client = retrying_client(&server);

        client
            .upload_form(Recording::new(upload, "t"))
            .await
            .unwrap();

        let requests = server.received_requests().await.unwrap();
        assert_eq!(requests.len(), 2);
        assert_eq!(multipart_text(&requests[0]), multipart_text(&requests[1]));
        assert!(multipart_text(&requests[1]).contains("contents\r\n--B"));
    }
}

#[tokio::test]
async fn an_upload_of_a_stream_is_sent_once_and_not_retried() {
    let server = first_then_204("/forms", ResponseTemplate::new(503)).await;
    let client = retrying_client(&server);
    let chunks = futures_util::stream::iter([Ok::<_, std::io::Error>(&b"once"[..])]);

    let error = client
        .upload_form(Recording::new(Upload::stream(chunks), "t"))
        .await
        .unwrap_err();

    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    let request = only(&server).await;
    assert!(multipart_text(&request).contains("\r\n\r\nonce\r\n"));
}

#[tokio::test]
async fn a_307_redirect_sends_a_path_upload_again() {
    let on_disk = temp_file("redirect.bin", b"moved contents");
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/forms"))
        .respond_with(ResponseTemplate::new(307).insert_header("location", "/forms/raw"))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/forms/raw"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = Client::new(&server.uri()).unwrap();

    client
        .upload_form(Recording::new(Upload::path(&on_disk), "t"))
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].url.path(), "/forms/raw");
    assert_eq!(multipart_text(&requests[0]), multipart_text(&requests[1]));
    assert!(multipart_text(&requests[1]).contains("moved contents"));
}

#[tokio::test]
async fn a_missing_file_fails_the_call_before_anything_is_sent() {
    let server = serve("POST", "/forms", ResponseTemplate::new(204)).await;
    let client = Client::new(&server.uri()).unwrap();
    let missing = std::env::temp_dir().join("forms-no-such-file.bin");

    let error = client
        .upload_form(Recording::new(Upload::path(&missing), "t"))
        .await
        .unwrap_err();

    let Error::InvalidRequest(message) = &error else {
        panic!("{error:?}");
    };
    assert!(
        message.starts_with(&format!(
            "cannot read the file `{}` to upload:",
            missing.display()
        )),
        "{message}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn upload_progress_is_reported_up_to_the_whole_length_on_every_attempt() {
    let server = first_then_204("/forms", ResponseTemplate::new(503)).await;
    let seen: Arc<Mutex<Vec<UploadProgress>>> = Arc::default();
    let report = Arc::clone(&seen);
    let client = retrying_client(&server).with_options(RequestOptions::new().upload_progress(
        move |progress| {
            report.lock().unwrap().push(progress);
        },
    ));

    client
        .upload_form(Recording::new(Upload::bytes(vec![1; 200_000]), "t"))
        .await
        .unwrap();

    // The 503 is retried with the whole body, reported from zero again.
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    let length = requests[1].body.len() as u64;
    let seen = seen.lock().unwrap();
    let attempts: Vec<&[UploadProgress]> = seen.split_inclusive(|p| p.sent == length).collect();
    assert_eq!(attempts.len(), 2, "{seen:?}");
    for attempt in attempts {
        assert!(
            attempt.len() >= 4,
            "one report per 64 KiB chunk: {attempt:?}"
        );
        assert!(attempt.windows(2).all(|w| w[0].sent < w[1].sent));
        let last = attempt.last().unwrap();
        assert_eq!((last.sent, last.total), (length, Some(length)));
    }
}

#[tokio::test]
async fn a_json_body_reported_on_is_still_retried_whole() {
    let server = first_then_204("/notes", ResponseTemplate::new(503)).await;
    let reports = Arc::new(Mutex::new(0));
    let count = Arc::clone(&reports);
    let client = retrying_client(&server)
        .with_options(RequestOptions::new().upload_progress(move |_| *count.lock().unwrap() += 1));

    let error = client.create_note(Note::new("hi")).await.unwrap_err();

    // 204 is not the documented 201: what matters is the second attempt.
    assert_eq!(error.status().map(|s| s.as_u16()), Some(204));
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].body, br#"{"text":"hi"}"#);
    assert_eq!(*reports.lock().unwrap(), 2);
}
