//! The task against a server on loopback that answers as OpenAI's spec
//! says, checking the multipart body the task sent byte for byte.

use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::*;

#[tokio::test]
async fn transcribes_a_file_read_from_disk() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/audio/transcriptions"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"text": "Hello there."})))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).bearer_token("sk-test").build().unwrap();
    let dir = std::env::temp_dir().join(format!("openai-example-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let audio = dir.join("talk.mp3");
    std::fs::write(&audio, b"ID3 audio").unwrap();

    assert_eq!(transcribe(&client, &audio).await.unwrap(), "Hello there.");

    let requests = server.received_requests().await.unwrap();
    let request = &requests[0];
    assert_eq!(request.headers["authorization"], "Bearer sk-test");
    let content_type = request.headers["content-type"].to_str().unwrap();
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=").unwrap();
    let body = String::from_utf8(request.body.clone()).unwrap().replace(boundary, "B");
    assert_eq!(
        body,
        "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"talk.mp3\"\r\n\
         Content-Type: application/octet-stream\r\n\r\nID3 audio\r\n\
         --B\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n\
         --B\r\nContent-Disposition: form-data; name=\"language\"\r\n\r\nen\r\n--B--\r\n"
    );
    assert_eq!(request.headers["content-length"], request.body.len().to_string());
    std::fs::remove_dir_all(&dir).unwrap();
}
