//! The clients generated from `fixtures/nullable.yaml` (OpenAPI 3.0) and
//! `fixtures/nullable-31.yaml` (3.1), over real HTTP on loopback: `null`
//! declared on a component is accepted and sent wherever the component is
//! used, and required read-only and write-only properties apply in one
//! direction only.

use fixture_client::nullable::{
    Account, Client, Issue, Level, Login, Milestone, NullableUser, User,
};
use fixture_client::nullable_31;
use fixture_client::runtime::Error;
use serde_json::json;
use wiremock::ResponseTemplate;

use crate::common::{only_request, serve};

fn user(login: &str) -> NullableUser {
    NullableUser::new(login)
}

#[tokio::test]
async fn null_decodes_at_every_use_site_of_a_nullable_component() {
    let body = json!({
        "id": 1, "assignee": null, "reviewer": null, "note": null, "milestone": null,
        "level": null, "closed_by": null, "labels": ["bug", null],
        "watchers": [null, {"login": "ada"}], "votes": {"ada": 1, "bo": null}
    });
    let server = serve(
        "GET",
        "/issues/1",
        ResponseTemplate::new(200).set_body_json(&body),
    )
    .await;
    let client = Client::new(&server.uri()).unwrap();

    let issue = client.get_issue(1).await.unwrap().into_inner();

    assert_eq!(issue.assignee, None);
    assert_eq!(issue.reviewer, Some(None), "null is kept apart from absent");
    assert_eq!(issue.note, None);
    assert_eq!(issue.milestone, None);
    assert_eq!(issue.level, None);
    assert_eq!(issue.closed_by, None);
    assert_eq!(issue.labels, vec![Some("bug".to_owned()), None]);
    assert_eq!(issue.watchers, Some(vec![None, Some(user("ada"))]));
    let votes = issue.votes.clone().unwrap();
    assert_eq!((votes["ada"], votes["bo"]), (Some(1), None));
    // Written back, `null` goes where it was read.
    assert_eq!(serde_json::to_value(&issue).unwrap(), body);
}

#[tokio::test]
async fn values_decode_where_null_is_allowed() {
    let body = json!({
        "id": 2, "assignee": {"login": "ada"}, "note": "n", "milestone": {"title": "v1"},
        "level": "high", "closed_by": {"login": "bo"}, "labels": []
    });
    let server = serve(
        "GET",
        "/issues/2",
        ResponseTemplate::new(200).set_body_json(&body),
    )
    .await;
    let client = Client::new(&server.uri()).unwrap();

    let issue = client.get_issue(2).await.unwrap().into_inner();

    assert_eq!(issue.assignee, Some(user("ada")));
    assert_eq!(issue.reviewer, None, "absent");
    assert_eq!(issue.note.as_deref(), Some("n"));
    assert_eq!(issue.milestone, Some(Milestone::new("v1")));
    assert_eq!(issue.level, Some(Level::High));
    assert_eq!(issue.closed_by, Some(User::new("bo")));
    assert_eq!(serde_json::to_value(&issue).unwrap(), body);
}

#[tokio::test]
async fn a_required_nullable_field_is_sent_as_null_and_an_optional_one_as_asked() {
    let server = serve("PUT", "/issues/3", ResponseTemplate::new(204)).await;
    let client = Client::new(&server.uri()).unwrap();
    let issue = Issue::new(3, [None, Some("x".to_owned())])
        .reviewer_null()
        .level(Level::Low)
        .votes([("ada".to_owned(), None)]);

    client.put_issue(3, issue.clone()).await.unwrap();

    let request = only_request(&server).await;
    let sent: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(
        sent,
        json!({
            "id": 3, "assignee": null, "reviewer": null, "note": null, "milestone": null,
            "level": "low", "closed_by": null, "labels": [null, "x"], "votes": {"ada": null}
        })
    );
}

#[tokio::test]
async fn a_nullable_body_is_an_option_both_ways() {
    let server = serve(
        "GET",
        "/issues/4/assignee",
        ResponseTemplate::new(200).set_body_json(json!(null)),
    )
    .await;
    let client = Client::new(&server.uri()).unwrap();
    assert_eq!(client.get_assignee(4).await.unwrap().into_inner(), None);

    let server = serve(
        "GET",
        "/issues/4/assignee",
        ResponseTemplate::new(200).set_body_json(json!({"login": "ada"})),
    )
    .await;
    let client = Client::new(&server.uri()).unwrap();
    assert_eq!(
        client.get_assignee(4).await.unwrap().into_inner(),
        Some(user("ada"))
    );

    let server = serve("PUT", "/issues/4/assignee", ResponseTemplate::new(204)).await;
    let client = Client::new(&server.uri()).unwrap();
    client.set_assignee(4, None.clone()).await.unwrap();
    assert_eq!(only_request(&server).await.body, b"null");
}

#[tokio::test]
async fn read_only_is_left_out_of_requests_and_write_only_out_of_responses() {
    let server = serve(
        "POST",
        "/accounts",
        ResponseTemplate::new(201).set_body_json(json!({"id": 9, "name": "ada"})),
    )
    .await;
    let client = Client::new(&server.uri()).unwrap();
    let account = Account::new("ada").password("s3cret");

    let created = client
        .create_account(account.clone())
        .await
        .unwrap()
        .into_inner();

    let request = only_request(&server).await;
    let sent: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(sent, json!({"name": "ada", "password": "s3cret"}));
    assert_eq!(created.id, Some(9));
    assert_eq!(created.password, None, "the server never returns it");
}

#[test]
fn one_way_types_keep_their_requirements() {
    // `Login` is only sent: its write-only password stays required.
    let login = Login::new("ada", "s3cret");
    assert_eq!(
        serde_json::to_value(&login).unwrap(),
        json!({"name": "ada", "password": "s3cret"})
    );
    // `Session` is only read: its read-only id stays required.
    let missing =
        serde_json::from_value::<fixture_client::nullable::Session>(json!({"token": "t"}));
    assert_eq!(missing.unwrap_err().to_string(), "missing field `id`");
}

#[tokio::test]
async fn a_required_field_missing_from_a_response_is_still_a_decode_error() {
    let server = serve(
        "GET",
        "/issues/5",
        ResponseTemplate::new(200).set_body_json(json!({"id": 5})),
    )
    .await;
    let client = Client::new(&server.uri()).unwrap();
    let error = client.get_issue(5).await.unwrap_err();
    let Error::Decode { path, .. } = &error else {
        panic!("{error:?}");
    };
    // A missing field is reported at the object that lacks it: the body.
    assert_eq!(path, ".");
    // What the server sent is still the caller's to read.
    assert_eq!(error.body_json(), Some(json!({"id": 5})));
}

#[tokio::test]
async fn the_json_schema_forms_of_null_reach_every_use_site() {
    let body = json!({
        "assignee": null, "reviewer": null, "closer": null, "level": null, "score": null,
        "labels": [null, "a"], "votes": {"ada": null, "bo": 0.5}
    });
    let server = serve(
        "GET",
        "/issues/1",
        ResponseTemplate::new(200).set_body_json(&body),
    )
    .await;
    let client = nullable_31::Client::new(&server.uri()).unwrap();

    let issue = client.get_issue(1).await.unwrap().into_inner();

    assert_eq!(
        (&issue.assignee, &issue.reviewer, &issue.closer),
        (&None, &None, &None)
    );
    assert_eq!((&issue.level, issue.score), (&None, None));
    assert_eq!(issue.labels, vec![None, Some("a".to_owned())]);
    assert_eq!(serde_json::to_value(&issue).unwrap(), body);

    let body = json!({
        "assignee": {"login": "a"}, "reviewer": {"login": "r"}, "closer": {"login": "c"},
        "level": "high", "score": 1.5, "labels": []
    });
    let server = serve(
        "GET",
        "/issues/2",
        ResponseTemplate::new(200).set_body_json(&body),
    )
    .await;
    let client = nullable_31::Client::new(&server.uri()).unwrap();
    let issue = client.get_issue(2).await.unwrap().into_inner();
    assert_eq!(issue.level, Some(nullable_31::Level::High));
    assert_eq!(issue.closer.as_ref().map(|u| u.login.as_str()), Some("c"));
    assert_eq!(serde_json::to_value(&issue).unwrap(), body);

    let server = serve(
        "GET",
        "/issues/3/assignee",
        ResponseTemplate::new(200).set_body_json(json!(null)),
    )
    .await;
    let client = nullable_31::Client::new(&server.uri()).unwrap();
    assert_eq!(client.get_assignee(3).await.unwrap().into_inner(), None);
}

#[test]
fn a_float_reads_as_exactly_the_number_sent() {
    let issue: nullable_31::Issue = serde_json::from_str(
        r#"{"assignee": null, "reviewer": null, "closer": null, "level": null,
            "score": 0.9258475774641445, "labels": []}"#,
    )
    .unwrap();
    assert_eq!(issue.score, Some(0.925_847_577_464_144_5));
    assert_eq!(
        serde_json::to_string(&issue.score).unwrap(),
        "0.9258475774641445"
    );
}
