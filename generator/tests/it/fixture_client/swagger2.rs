//! The client generated from `fixtures/swagger2.yaml` (Swagger 2.0), over
//! real HTTP on loopback: servers, collection formats, body and form data
//! parameters, shared responses and security definitions as 2.0 means them.

use fixture_client::runtime::{Error, Upload};
use fixture_client::swagger2::{
    Album, AlbumCreditsItem, Client, Error_, ListAlbumsParams, RenameAlbumBody, UploadPhotoBody,
    UploadPhotoError,
};
use serde_json::json;
use wiremock::{MockServer, ResponseTemplate};

use crate::common::{from_json, header, only_request, serve};

/// A client of `server` with the spec's global API key.
fn client_with_key(server: &MockServer, key: &str) -> Client {
    Client::builder()
        .base_url(server.uri())
        .api_key("key", key)
        .build()
        .unwrap()
}

#[test]
fn host_base_path_and_scheme_make_the_server() {
    assert_eq!(Client::DEFAULT_BASE_URL, "https://photos.example.com/v1");
}

#[tokio::test]
async fn collection_formats_and_the_api_key_go_out_as_2_0_says() {
    let albums = json!([{
        "id": "a1", "name": "Trip", "cover": null,
        "ratings": [5, null], "credits": ["Ada", {"message": "unknown"}]
    }]);
    let server = serve(
        "GET",
        "/albums",
        ResponseTemplate::new(200).set_body_json(albums),
    )
    .await;
    let client = client_with_key(&server, "k-1");
    let mut params = ListAlbumsParams::default();
    params.limit = Some(5);
    params.ids = Some(vec![1, 2]);
    params.tags = Some(vec!["a".into(), "b".into()]);
    params.sizes = Some(vec!["s".into(), "m".into()]);

    let listed = client
        .list_albums()
        .params(params)
        .await
        .unwrap()
        .into_inner();

    assert_eq!(listed[0].name, "Trip");
    assert_eq!(listed[0].cover, Some(None), "x-nullable");
    // Draft 4's positional items: a list of any of them.
    assert_eq!(listed[0].ratings, Some(vec![Some(5), None]));
    assert_eq!(
        listed[0].credits,
        Some(vec![
            AlbumCreditsItem::String("Ada".into()),
            AlbumCreditsItem::Error_(from_json(json!({"message": "unknown"}))),
        ])
    );
    let request = only_request(&server).await;
    assert_eq!(
        request.url.query(),
        Some("limit=5&ids=1,2&tags=a&tags=b&sizes=s|m"),
        "csv by default, multi repeated, pipes"
    );
    assert_eq!(header(&request, "x-api-key"), Some("k-1"));
}

#[tokio::test]
async fn a_body_parameter_is_the_json_body_and_oauth2_sends_a_bearer_token() {
    let created = json!({"id": "a2", "name": "New"});
    let server = serve(
        "POST",
        "/albums",
        ResponseTemplate::new(201).set_body_json(created),
    )
    .await;
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_token("t-1")
        .build()
        .unwrap();
    let album = Album::new("New");

    let made = client
        .create_album(album.clone())
        .await
        .unwrap()
        .into_inner();

    assert_eq!(made.id.as_deref(), Some("a2"));
    let request = only_request(&server).await;
    assert_eq!(header(&request, "authorization"), Some("Bearer t-1"));
    assert_eq!(header(&request, "content-type"), Some("application/json"));
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&request.body).unwrap(),
        json!({"name": "New"})
    );
}

#[tokio::test]
async fn form_data_with_a_file_is_multipart_and_a_shared_response_decodes() {
    let problem = json!({"message": "no album"});
    let server = serve(
        "POST",
        "/albums/a1/photos",
        ResponseTemplate::new(404).set_body_json(problem),
    )
    .await;
    let client = client_with_key(&server, "k");
    let form = UploadPhotoBody::new(Upload::bytes("jpeg").file_name("me.jpg")).caption("hi");

    let error = client.upload_photo("a1", form).await.unwrap_err();

    let Error::Api(response) = error else {
        panic!("{error:?}")
    };
    let UploadPhotoError::NotFound(Error_ { message, .. }) = &**response else {
        panic!("another variant");
    };
    assert_eq!(message.as_deref(), Some("no album"));
    let request = only_request(&server).await;
    let content_type = header(&request, "content-type").unwrap();
    assert!(
        content_type.starts_with("multipart/form-data; boundary="),
        "{content_type}"
    );
}

#[tokio::test]
async fn form_data_without_files_is_url_encoded() {
    let server = serve("POST", "/albums/a1/rename", ResponseTemplate::new(204)).await;
    let client = client_with_key(&server, "k");

    client
        .rename_album("a1", RenameAlbumBody::new("New name"))
        .await
        .unwrap();

    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(request.body, b"name=New+name");
}
