//! Every page of the operations of `fixtures/pagination.yaml`, each against
//! a server that pages as the API it imitates does: GitHub's `Link` header,
//! Stripe's `has_more`/`starting_after`, Slack's `next_cursor`, Dropshot's
//! `next_page`, an offset, Azure's `nextLink`, Twilio's relative
//! `next_page_uri`, Spotify's echoed `offset`, Miro's `cursor` and
//! string-typed `offset`, JSON:API's `links.next`, Kubernetes'
//! `metadata.continue`, Jira's echoed `startAt`; and a list that may be
//! `null` or absent.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use fixture_client::pagination::{Client, ListIssuesState};
use fixture_client::runtime::{Error, Hook, PageCursor, RequestContext, RetryPolicy};
use futures_util::StreamExt;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::common::serve;

/// A server answering `GET route` with what `responder` makes of the
/// server's own URL (for links to the next page).
async fn serve_pages<R: Respond + 'static>(
    route: &str,
    responder: impl FnOnce(String) -> R,
) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(route))
        .respond_with(responder(server.uri()))
        .mount(&server)
        .await;
    server
}

/// The query strings of every request `server` received, in order.
async fn queries(server: &MockServer) -> Vec<String> {
    let requests = server.received_requests().await.expect("recording is on");
    requests
        .iter()
        .map(|r| r.url.query().unwrap_or("").to_owned())
        .collect()
}

fn param(request: &Request, name: &str) -> Option<String> {
    request
        .url
        .query_pairs()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

fn number(request: &Request, name: &str, default: usize) -> usize {
    param(request, name).map_or(default, |v| v.parse().expect("a number"))
}

/// GitHub: `page` and `per_page` (default 30) over `total` issues; a `Link`
/// header with `next` (and `last`) while more follow, echoing every query
/// parameter, as GitHub does, the API key included.
fn github(base: String, total: usize) -> impl Fn(&Request) -> ResponseTemplate {
    move |request: &Request| {
        let page = number(request, "page", 1);
        let per_page = number(request, "per_page", 30);
        let issues: Vec<_> = (1..=total)
            .skip((page - 1) * per_page)
            .take(per_page)
            .map(|id| serde_json::json!({"id": id, "title": format!("issue {id}")}))
            .collect();
        let mut response = ResponseTemplate::new(200).set_body_json(issues);
        if page * per_page < total {
            let mut next = reqwest::Url::parse(&base)
                .unwrap()
                .join(request.url.path())
                .unwrap();
            let kept: Vec<(String, String)> = request
                .url
                .query_pairs()
                .filter(|(k, _)| k != "page")
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            next.query_pairs_mut()
                .clear()
                .extend_pairs(kept)
                .append_pair("page", &(page + 1).to_string());
            let last = total.div_ceil(per_page);
            response = response.insert_header(
                "link",
                format!(r#"<{next}>; rel="next", <{next}&last={last}>; rel="last""#).as_str(),
            );
        }
        response
    }
}

fn key_client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .api_key("key", "s3cr3t")
        .build()
        .unwrap()
}

#[tokio::test]
async fn link_header_pages_follow_next_verbatim_with_credentials_once() {
    let server = serve_pages("/repos/octo/issues", |base| github(base, 5)).await;
    let client = key_client(&server);

    let issues = client
        .list_issues("octo")
        .state(ListIssuesState::Open)
        .per_page(2)
        .items()
        .all()
        .await
        .unwrap();

    let ids: Vec<i64> = issues.iter().map(|issue| issue.id).collect();
    assert_eq!(ids, [1, 2, 3, 4, 5]);
    // The next link as the server wrote it, its echoed key left out and
    // added again by the credentials: once per request.
    assert_eq!(
        queries(&server).await,
        [
            "state=open&per_page=2&api_key=s3cr3t",
            "state=open&per_page=2&page=2&api_key=s3cr3t",
            "state=open&per_page=2&page=3&api_key=s3cr3t",
        ]
    );
}

#[tokio::test]
async fn every_page_goes_through_hooks_and_per_call_options() {
    struct Counted(AtomicUsize);
    impl Hook for Counted {
        fn before_request(
            &self,
            context: &RequestContext,
            _: &mut fixture_client::runtime::reqwest::Request,
        ) {
            assert_eq!(context.path, "/repos/{owner}/issues");
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }
    let server = serve_pages("/repos/octo/issues", |base| github(base, 5)).await;
    let hook = Arc::new(Counted(AtomicUsize::new(0)));
    let client = Client::builder()
        .base_url(server.uri())
        .api_key("key", "s3cr3t")
        .hook(hook.clone())
        .build()
        .unwrap();

    let issues = client
        .list_issues("octo")
        .per_page(2)
        .header("x-trace", "t-1")
        .timeout(std::time::Duration::from_secs(5))
        .items()
        .all()
        .await
        .unwrap();

    assert_eq!(issues.len(), 5);
    assert_eq!(hook.0.load(Ordering::SeqCst), 3, "the hook saw every page");
    let requests = server.received_requests().await.unwrap();
    let traces: Vec<_> = requests
        .iter()
        .map(|r| r.headers.get("x-trace").map(|v| v.to_str().unwrap()))
        .collect();
    assert_eq!(
        traces,
        [Some("t-1"); 3],
        "the per-call header on every page"
    );
}

#[tokio::test]
async fn pages_keep_their_headers_and_a_cursor_to_resume_from() {
    let server = serve_pages("/repos/octo/issues", |base| github(base, 5)).await;
    let client = key_client(&server);

    let mut pages = client.list_issues("octo").per_page(2).pages();
    let first = pages.next_page().await.unwrap().unwrap();
    assert_eq!(first.len(), 2);
    assert!(first.headers().contains_key("link"));
    let cursor = serde_json::to_string(pages.cursor().unwrap()).unwrap();
    // The key the server echoed is not in the cursor.
    assert!(!cursor.contains("s3cr3t"), "{cursor}");
    assert!(cursor.contains("page=2"), "{cursor}");

    let cursor: PageCursor = serde_json::from_str(&cursor).unwrap();
    let rest: Vec<_> = client
        .list_issues("octo")
        .per_page(2)
        .pages()
        .resume(cursor)
        .map(|page| page.unwrap().len())
        .collect()
        .await;
    assert_eq!(rest, [2, 1]);
}

#[tokio::test]
async fn a_page_retried_in_the_middle_is_asked_for_again() {
    let attempts = Arc::new(AtomicUsize::new(0));
    let seen = attempts.clone();
    let server = serve_pages("/repos/octo/issues", |base| {
        let pages = github(base, 5);
        move |request: &Request| {
            let attempt = seen.fetch_add(1, Ordering::SeqCst);
            // The first attempt at page 2 is refused for now.
            if param(request, "page").as_deref() == Some("2") && attempt == 1 {
                return ResponseTemplate::new(503).insert_header("retry-after", "0");
            }
            pages(request)
        }
    })
    .await;
    let client = key_client(&server);

    let issues = client
        .list_issues("octo")
        .per_page(2)
        .items()
        .all()
        .await
        .unwrap();

    assert_eq!(issues.len(), 5);
    let pages: Vec<_> = queries(&server)
        .await
        .iter()
        .map(|q| q.replace("&api_key=s3cr3t", ""))
        .collect();
    assert_eq!(
        pages,
        [
            "per_page=2",
            "per_page=2&page=2",
            "per_page=2&page=2",
            "per_page=2&page=3"
        ]
    );
}

#[tokio::test]
async fn an_error_on_page_three_comes_after_the_items_of_pages_one_and_two() {
    let server = serve_pages("/repos/octo/issues", |base| {
        let pages = github(base, 9);
        move |request: &Request| {
            if param(request, "page").as_deref() == Some("3") {
                return ResponseTemplate::new(404).set_body_string("gone");
            }
            pages(request)
        }
    })
    .await;
    let client = key_client(&server);

    let mut items = client
        .list_issues("octo")
        .per_page(2)
        .retry(RetryPolicy::never())
        .items();
    let mut ids = Vec::new();
    let error = loop {
        match items.next().await.expect("an error before the end") {
            Ok(issue) => ids.push(issue.id),
            Err(error) => break error,
        }
    };
    assert_eq!(ids, [1, 2, 3, 4]);
    assert!(
        matches!(&error, Error::UnexpectedStatus(response) if response.status() == 404),
        "{error:?}"
    );
    assert!(
        items.next().await.is_none(),
        "the stream ends after an error"
    );
    assert_eq!(queries(&server).await.len(), 3);
}

#[tokio::test]
async fn a_next_link_to_another_origin_is_refused() {
    let server = serve("GET", "/repos/octo/issues", |_: &Request| {
        ResponseTemplate::new(200)
            .set_body_json(serde_json::json!([{"id": 1, "title": "one"}]))
            .insert_header(
                "link",
                r#"<https://evil.example/repos/octo/issues?page=2>; rel="next""#,
            )
    })
    .await;
    let client = key_client(&server);

    let mut items = client.list_issues("octo").items();
    assert_eq!(items.next().await.unwrap().unwrap().id, 1);
    let error = items.next().await.unwrap().unwrap_err();
    assert!(matches!(error, Error::Paging(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        format!(
            "the next page was not asked for: the next page's link leads to https://evil.example, not to the client's {}",
            server.uri()
        )
    );
    assert!(items.next().await.is_none());
    assert_eq!(queries(&server).await.len(), 1);
}

#[tokio::test]
async fn a_server_that_points_back_cannot_keep_the_pager_going() {
    let server = serve_pages("/repos/octo/issues", |base| {
        move |request: &Request| {
            let page = number(request, "page", 1);
            let link = format!(r#"<{base}/repos/octo/issues?page=2>; rel="next""#);
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!([{"id": page, "title": "again"}]))
                .insert_header("link", link.as_str())
        }
    })
    .await;
    let client = key_client(&server);

    let mut items = client.list_issues("octo").items();
    assert_eq!(items.next().await.unwrap().unwrap().id, 1);
    assert_eq!(items.next().await.unwrap().unwrap().id, 2);
    let error = items.next().await.unwrap().unwrap_err();
    assert_eq!(
        error.to_string(),
        "the next page was not asked for: the server gave a page already received as the next one"
    );
    assert!(items.next().await.is_none());
    assert_eq!(queries(&server).await.len(), 2);
}

#[tokio::test]
async fn a_next_link_back_to_the_first_page_is_not_followed() {
    // The link is the URL the server received, API key and all: the first
    // page's own URL.
    let server = serve_pages("/repos/octo/issues", |base| {
        move |request: &Request| {
            let (path, query) = (request.url.path(), request.url.query().unwrap_or(""));
            let link = format!(r#"<{base}{path}?{query}>; rel="next""#);
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!([{"id": 1, "title": "first"}]))
                .insert_header("link", link.as_str())
        }
    })
    .await;
    let client = key_client(&server);

    let mut items = client.list_issues("octo").per_page(1).items();
    assert_eq!(items.next().await.unwrap().unwrap().id, 1);
    let error = items.next().await.unwrap().unwrap_err();
    assert!(matches!(error, Error::Paging(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "the next page was not asked for: the server gave a page already received as the next one"
    );
    assert!(items.next().await.is_none());
    assert_eq!(queries(&server).await, ["per_page=1&api_key=s3cr3t"]);
}

#[tokio::test]
async fn an_empty_first_page_yields_nothing() {
    let server = serve_pages("/repos/octo/issues", |base| github(base, 0)).await;
    let client = key_client(&server);

    let mut pages = client.list_issues("octo").pages();
    let first = pages.next().await.unwrap().unwrap();
    assert!(first.is_empty());
    assert!(pages.next().await.is_none());
    assert!(pages.cursor().is_none());
    let items = client.list_issues("octo").items().all().await.unwrap();
    assert!(items.is_empty());
    assert_eq!(queries(&server).await.len(), 2);
}

#[tokio::test]
async fn limit_caps_the_items_and_the_pages_asked_for() {
    let server = serve_pages("/repos/octo/issues", |base| github(base, 9)).await;
    let client = key_client(&server);

    let items = client
        .list_issues("octo")
        .per_page(2)
        .items()
        .limit(3)
        .all()
        .await
        .unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(queries(&server).await.len(), 2, "no third page");

    let sizes: Vec<_> = client
        .list_issues("octo")
        .per_page(2)
        .pages()
        .limit(3)
        .map(|page| page.unwrap().len())
        .collect()
        .await;
    assert_eq!(sizes, [2, 1], "the page that reaches the limit is cut");

    let none = client.list_issues("octo").items().limit(0).all().await;
    assert!(none.unwrap().is_empty());
    assert_eq!(queries(&server).await.len(), 4, "limit 0 sends nothing");
}

#[tokio::test]
async fn an_error_on_the_first_page_is_the_only_item() {
    let server = serve("GET", "/repos/octo/issues", |_: &Request| {
        ResponseTemplate::new(401)
    })
    .await;
    let client = key_client(&server);
    let all: Vec<_> = client.list_issues("octo").items().collect().await;
    assert_eq!(all.len(), 1);
    assert!(matches!(&all[0], Err(Error::UnexpectedStatus(_))));
    assert_eq!(queries(&server).await.len(), 1);
}

#[tokio::test]
async fn stripe_pages_start_after_the_last_item_while_has_more() {
    let server = serve("GET", "/customers", |request: &Request| {
        let limit = number(request, "limit", 10);
        let after = param(request, "starting_after")
            .map_or(0, |id| id["cus_".len()..].parse::<usize>().unwrap());
        let data: Vec<_> = (after + 1..=5)
            .take(limit)
            .map(|n| serde_json::json!({"id": format!("cus_{n}")}))
            .collect();
        let has_more = after + limit < 5;
        ResponseTemplate::new(200).set_body_json(
            serde_json::json!({"object": "list", "data": data, "has_more": has_more}),
        )
    })
    .await;
    let client = Client::new(&server.uri()).unwrap();

    let customers = client
        .list_customers()
        .limit(2)
        .items()
        .all()
        .await
        .unwrap();

    let ids: Vec<&str> = customers.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["cus_1", "cus_2", "cus_3", "cus_4", "cus_5"]);
    assert_eq!(
        queries(&server).await,
        [
            "limit=2",
            "limit=2&starting_after=cus_2",
            "limit=2&starting_after=cus_4"
        ]
    );
}

#[tokio::test]
async fn slack_pages_follow_next_cursor_until_it_is_empty() {
    let server = serve("GET", "/conversations.list", |request: &Request| {
        let (channels, next) = match param(request, "cursor").as_deref() {
            None => (vec!["general", "random"], "dGVhbTpDMDYx"),
            Some("dGVhbTpDMDYx") => (vec!["dev"], "dGVhbTpDMDYy"),
            Some(_) => (vec!["ops"], ""),
        };
        let channels: Vec<_> = channels
            .iter()
            .map(|name| serde_json::json!({"id": format!("C{name}"), "name": name}))
            .collect();
        ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "ok": true,
            "channels": channels,
            "response_metadata": {"next_cursor": next}
        }))
    })
    .await;
    let client = Client::new(&server.uri()).unwrap();

    let names: Vec<String> = client
        .list_conversations()
        .limit(2)
        .items()
        .map(|channel| channel.unwrap().name)
        .collect()
        .await;

    assert_eq!(names, ["general", "random", "dev", "ops"]);
    assert_eq!(
        queries(&server).await,
        [
            "limit=2",
            "limit=2&cursor=dGVhbTpDMDYx",
            "limit=2&cursor=dGVhbTpDMDYy"
        ]
    );
}

#[tokio::test]
async fn dropshot_pages_send_page_token_until_next_page_is_null() {
    let server = serve("GET", "/silos", |request: &Request| {
        let (items, next) = match param(request, "page_token").as_deref() {
            None => (vec!["a", "b"], serde_json::json!("b")),
            Some("b") => (vec!["c"], serde_json::Value::Null),
            Some(other) => panic!("unexpected token {other}"),
        };
        let items: Vec<_> = items
            .iter()
            .map(|name| serde_json::json!({"name": name}))
            .collect();
        ResponseTemplate::new(200)
            .set_body_json(serde_json::json!({"items": items, "next_page": next}))
    })
    .await;
    let client = Client::new(&server.uri()).unwrap();

    let silos = client
        .list_silos()
        .limit(2)
        .sort_by("name_ascending")
        .items()
        .all()
        .await
        .unwrap();

    let names: Vec<&str> = silos.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["a", "b", "c"]);
    assert_eq!(
        queries(&server).await,
        [
            "limit=2&sort_by=name_ascending",
            "limit=2&sort_by=name_ascending&page_token=b"
        ]
    );
}

#[tokio::test]
async fn offset_pages_advance_by_the_items_until_a_short_page() {
    let server = serve("GET", "/records", |request: &Request| {
        let offset = number(request, "offset", 0);
        let limit = number(request, "limit", 100);
        let records: Vec<String> = (offset..5).take(limit).map(|n| format!("r{n}")).collect();
        ResponseTemplate::new(200).set_body_json(serde_json::json!({"records": records}))
    })
    .await;
    let client = Client::new(&server.uri()).unwrap();

    let records = client.list_records().limit(2).items().all().await.unwrap();
    assert_eq!(records, ["r0", "r1", "r2", "r3", "r4"]);
    assert_eq!(
        queries(&server).await,
        ["limit=2", "limit=2&offset=2", "limit=2&offset=4"]
    );

    // Without a size, only an empty page says it was the last.
    let records = client.list_records().items().all().await.unwrap();
    assert_eq!(records.len(), 5);
    assert_eq!(&queries(&server).await[3..], ["", "offset=5"]);
}

#[tokio::test]
async fn azure_pages_follow_next_link_in_the_body() {
    let server = serve_pages("/vaults", |base| {
        move |request: &Request| {
            let body = match param(request, "$skiptoken").as_deref() {
                None => serde_json::json!({
                    "value": ["v1", "v2"],
                    "nextLink": format!("{base}/vaults?$skiptoken=2")
                }),
                Some(_) => serde_json::json!({"value": ["v3"]}),
            };
            ResponseTemplate::new(200).set_body_json(body)
        }
    })
    .await;
    let client = Client::new(&server.uri()).unwrap();

    let vaults = client.list_vaults().items().all().await.unwrap();

    assert_eq!(vaults, ["v1", "v2", "v3"]);
    assert_eq!(queries(&server).await, ["", "$skiptoken=2"]);
}

#[tokio::test]
async fn twilio_pages_follow_a_relative_next_page_uri() {
    let server = serve("GET", "/Accounts.json", |request: &Request| {
        let body = match param(request, "Page").as_deref() {
            None => serde_json::json!({
                "accounts": ["AC1", "AC2"],
                "page": 0,
                "next_page_uri": "/Accounts.json?PageSize=2&Page=1&PageToken=PAAC2"
            }),
            Some("1") => serde_json::json!({"accounts": ["AC3"], "page": 1, "next_page_uri": null}),
            Some(other) => panic!("unexpected page {other}"),
        };
        ResponseTemplate::new(200).set_body_json(body)
    })
    .await;
    let client = Client::new(&server.uri()).unwrap();

    let accounts = client
        .list_accounts()
        .page_size(2)
        .items()
        .all()
        .await
        .unwrap();

    assert_eq!(accounts, ["AC1", "AC2", "AC3"]);
    assert_eq!(
        queries(&server).await,
        ["PageSize=2", "PageSize=2&Page=1&PageToken=PAAC2"]
    );
}

#[tokio::test]
async fn spotify_pages_advance_the_offset_the_response_echoes() {
    let server = serve("GET", "/albums", |request: &Request| {
        let offset = number(request, "offset", 0);
        let limit = number(request, "limit", 20);
        let items: Vec<String> = (offset..7)
            .take(limit)
            .map(|n| format!("album {n}"))
            .collect();
        ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "items": items, "limit": limit, "offset": offset, "total": 7, "next": null
        }))
    })
    .await;
    let client = Client::new(&server.uri()).unwrap();

    let albums = client.list_albums().limit(3).items().all().await.unwrap();

    assert_eq!(albums.len(), 7);
    assert_eq!(
        queries(&server).await,
        ["limit=3", "limit=3&offset=3", "limit=3&offset=6"]
    );
}

#[tokio::test]
async fn a_list_that_is_null_or_absent_is_a_page_without_items() {
    // `DraftPage` is also a request body, so its optional, nullable list
    // is an `Option<Option<Vec<_>>>` that keeps absent apart from null.
    let server = serve("GET", "/drafts", |request: &Request| {
        let body = match param(request, "cursor").as_deref() {
            None => serde_json::json!({"drafts": ["a", "b"], "next_cursor": "2"}),
            Some("2") => serde_json::json!({"drafts": null, "next_cursor": "3"}),
            Some("3") => serde_json::json!({"next_cursor": "4"}),
            Some(_) => serde_json::json!({"drafts": ["c"], "next_cursor": ""}),
        };
        ResponseTemplate::new(200).set_body_json(body)
    })
    .await;
    let client = Client::new(&server.uri()).unwrap();

    let drafts = client.list_drafts().items().all().await.unwrap();

    assert_eq!(drafts, ["a", "b", "c"]);
    assert_eq!(
        queries(&server).await,
        ["", "cursor=2", "cursor=3", "cursor=4"]
    );
}

#[tokio::test]
async fn miro_pages_send_the_cursor_the_response_gives() {
    let server = serve("GET", "/boards/b1/items", |request: &Request| {
        let body = match param(request, "cursor").as_deref() {
            None => serde_json::json!({"data": ["i1", "i2"], "cursor": "3458764", "limit": 2}),
            Some("3458764") => serde_json::json!({"data": ["i3"], "limit": 2}),
            Some(other) => panic!("unexpected cursor {other}"),
        };
        ResponseTemplate::new(200).set_body_json(body)
    })
    .await;
    let client = Client::new(&server.uri()).unwrap();

    let items = client.get_items("b1").limit("2").items().all().await;

    assert_eq!(items.unwrap(), ["i1", "i2", "i3"]);
    assert_eq!(
        queries(&server).await,
        ["limit=2", "limit=2&cursor=3458764"]
    );
}

#[tokio::test]
async fn an_offset_declared_as_a_string_still_advances_by_the_items() {
    let server = serve("GET", "/boards", |request: &Request| {
        let offset = number(request, "offset", 0);
        let limit = number(request, "limit", 20);
        let boards: Vec<String> = (offset..5).take(limit).map(|n| format!("b{n}")).collect();
        ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "data": boards, "offset": offset, "limit": limit, "total": 5
        }))
    })
    .await;
    let client = Client::new(&server.uri()).unwrap();

    let boards = client.get_boards().limit("2").items().all().await.unwrap();

    assert_eq!(boards, ["b0", "b1", "b2", "b3", "b4"]);
    assert_eq!(
        queries(&server).await,
        ["limit=2", "limit=2&offset=2", "limit=2&offset=4"]
    );
}

#[tokio::test]
async fn json_api_pages_follow_links_next() {
    let server = serve_pages("/articles", |base| {
        move |request: &Request| {
            let body = match param(request, "page[number]").as_deref() {
                None => serde_json::json!({
                    "data": [{"type": "articles", "id": "1"}, {"type": "articles", "id": "2"}],
                    "links": {"next": format!("{base}/articles?page%5Bnumber%5D=2&page%5Bsize%5D=2")}
                }),
                Some("2") => serde_json::json!({
                    "data": [{"type": "articles", "id": "3"}],
                    "links": {"next": null}
                }),
                Some(other) => panic!("unexpected page {other}"),
            };
            ResponseTemplate::new(200)
                .set_body_raw(body.to_string(), "application/vnd.api+json")
        }
    })
    .await;
    let client = Client::new(&server.uri()).unwrap();

    let articles = client.list_articles().page_size(2).items().all().await;

    let ids: Vec<String> = articles.unwrap().into_iter().map(|a| a.id).collect();
    assert_eq!(ids, ["1", "2", "3"]);
    assert_eq!(
        queries(&server).await,
        ["page%5Bsize%5D=2", "page%5Bnumber%5D=2&page%5Bsize%5D=2"]
    );
}

#[tokio::test]
async fn kubernetes_pages_send_continue_from_the_list_metadata() {
    let server = serve("GET", "/api/v1/pods", |request: &Request| {
        let body = match param(request, "continue").as_deref() {
            None => serde_json::json!({
                "kind": "PodList",
                "metadata": {"resourceVersion": "7", "continue": "eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ"},
                "items": ["web-1", "web-2"]
            }),
            Some("eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ") => serde_json::json!({
                "kind": "PodList",
                "metadata": {"resourceVersion": "7"},
                "items": ["db-1"]
            }),
            Some(other) => panic!("unexpected continue {other}"),
        };
        ResponseTemplate::new(200).set_body_json(body)
    })
    .await;
    let client = Client::new(&server.uri()).unwrap();

    let pods = client.list_pods().limit(2).items().all().await.unwrap();

    assert_eq!(pods, ["web-1", "web-2", "db-1"]);
    assert_eq!(
        queries(&server).await,
        ["limit=2", "limit=2&continue=eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ"]
    );
}

#[tokio::test]
async fn jira_pages_advance_the_start_at_the_response_echoes() {
    let server = serve("GET", "/search", |request: &Request| {
        let start = number(request, "startAt", 0);
        let max = number(request, "maxResults", 50);
        let issues: Vec<String> = (start..5).take(max).map(|n| format!("PROJ-{n}")).collect();
        ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "startAt": start, "maxResults": max, "total": 5, "issues": issues
        }))
    })
    .await;
    let client = Client::new(&server.uri()).unwrap();

    let search = client.search_issues().jql("project = PROJ").max_results(3);
    let issues = search.items().all().await.unwrap();

    assert_eq!(issues.len(), 5);
    assert_eq!(
        queries(&server).await,
        [
            "jql=project+%3D+PROJ&maxResults=3",
            "jql=project+%3D+PROJ&maxResults=3&startAt=3"
        ]
    );
}

#[test]
fn an_operation_without_pages_has_no_pager() {
    // `listTags` has a `limit` but nothing says where a next page is.
    let source = include_str!("../../../../fixture-client/src/pagination/types.rs");
    assert!(!source.contains("impl rt::Paginated for ListTagsBuilder"));
    assert_eq!(source.matches("impl rt::Paginated for").count(), 14);
    // The client's method docs say which calls page, and how.
    let client = include_str!("../../../../fixture-client/src/pagination/mod.rs");
    let says = "`.pages()` and `.items()` stream every page";
    assert_eq!(client.matches(says).count(), 14);
    assert!(client.contains(&format!("{says} (the next one by `link`)")));
}
