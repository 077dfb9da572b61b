//! Names of merged inline types in the client generated from
//! `fixtures/names.yaml`: what each is called, the aliases each site keeps,
//! and that the names do not move when the spec is read in another order,
//! when an operation goes, or when a caller pins one.

use std::path::Path;

use fixture_client::names::{
    Client, Direction, ListBoardsOkBodyOwner, ListBoardsOrder, ListTicketsOkBodyItemOwner,
    ListTicketsState, OpenOrClosed, ResizeBoardBody, ResizeBoardBodySize, StringOrInteger,
};
use generator::{CrateOptions, SpecSource, generate_crate};
use wiremock::ResponseTemplate;

use crate::common::{as_json, only_request, package, serve};

const SPEC: &str = include_str!("../../fixtures/names.yaml");

#[test]
fn each_site_s_name_is_an_alias_of_the_merged_type() {
    // Compiles only if each alias is the merged type itself.
    let state: ListTicketsState = OpenOrClosed::Open;
    let order: ListBoardsOrder = Direction::Asc;
    let size: ResizeBoardBodySize = StringOrInteger::from(3);
    let owner: Option<&ListTicketsOkBodyItemOwner> = None::<&ListBoardsOkBodyOwner>;
    assert_eq!((state.as_str(), order.as_str()), ("open", "asc"));
    assert_eq!((size, owner), (StringOrInteger::Integer(3), None));
}

#[tokio::test]
async fn merged_types_are_sent_as_each_site_declares() {
    let server = serve(
        "GET",
        "/boards",
        ResponseTemplate::new(200).set_body_string("{}"),
    )
    .await;
    let client = Client::new(&server.uri()).unwrap();

    client
        .list_boards()
        .direction(Direction::Desc)
        .state(OpenOrClosed::Closed)
        .order(Direction::Asc)
        .await
        .unwrap();

    let request = only_request(&server).await;
    assert_eq!(
        request.url.query(),
        Some("direction=desc&state=closed&order=asc")
    );
    // The merged `oneOf` converts from each alternative at every site.
    assert_eq!(
        as_json(&ResizeBoardBody::new("wide")),
        serde_json::json!({"size": "wide"})
    );
    assert_eq!(
        as_json(&ResizeBoardBody::new(3)),
        serde_json::json!({"size": 3})
    );
}

/// The type and alias names of the crate generated from `spec`, in order,
/// with `pub struct`/`pub enum`/`pub type` in front.
fn names(spec: &str, options: generator::CrateOptions) -> Vec<String> {
    let source = SpecSource::from_text("names.yaml", "names", spec.to_owned());
    let generated = generate_crate(&package("test-crate"), &options, &[source]).unwrap();
    let types = &generated.files[Path::new("src/names/types.rs")];
    let mut names: Vec<String> = types
        .lines()
        .filter(|line| {
            ["pub struct ", "pub enum ", "pub type "]
                .iter()
                .any(|item| line.starts_with(item))
        })
        .map(|line| {
            line.split([' ', '<', '{', '='])
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|line| !line.contains("Builder") && !line.contains("Params"))
        .collect();
    names.sort();
    names
}

#[test]
fn names_do_not_depend_on_the_order_operations_are_met_in() {
    let base = names(SPEC, CrateOptions::default());
    assert!(base.contains(&"pub enum Direction".to_owned()), "{base:?}");
    assert!(
        base.contains(&"pub enum OpenOrClosed".to_owned()),
        "{base:?}"
    );
    assert!(
        base.contains(&"pub enum StringOrInteger".to_owned()),
        "{base:?}"
    );
    assert!(
        base.contains(&"pub type ListTicketsState".to_owned()),
        "{base:?}"
    );

    // `/boards` before `/tickets`: the same names.
    let (head, rest) = SPEC.split_once("  /tickets:\n").unwrap();
    let (tickets, rest) = rest.split_once("  /boards:\n").unwrap();
    let (boards, components) = rest.split_once("components:\n").unwrap();
    let reordered =
        format!("{head}  /boards:\n{boards}  /tickets:\n{tickets}components:\n{components}");
    assert_eq!(names(&reordered, CrateOptions::default()), base);

    // An unrelated operation renames nothing.
    let health = "  /health:\n    get:\n      operationId: health\n      parameters:\n        - {name: state, in: query, schema: {type: string, enum: [up, down]}}\n      responses: {'204': {description: Up.}}\n";
    let more = names(
        &format!(
            "{head}{health}  /tickets:\n{tickets}  /boards:\n{boards}components:\n{components}"
        ),
        CrateOptions::default(),
    );
    assert!(base.iter().all(|name| more.contains(name)), "{more:?}");

    // Without `listTickets`, what it shared with `listBoards` is no longer
    // merged: its own site names it, a name that was an alias before.
    let without = format!("{head}  /boards:\n{boards}components:\n{components}");
    let fewer = names(&without, CrateOptions::default());
    for kept in [
        "pub enum Direction",
        "pub struct ListBoardsOkBodyOwner",
        "pub enum ListBoardsState",
    ] {
        assert!(fewer.contains(&kept.to_owned()), "{kept}: {fewer:?}");
    }
    assert!(
        base.contains(&"pub type ListBoardsState".to_owned()),
        "{base:?}"
    );
}

#[test]
fn a_caller_can_pin_a_name() {
    let pinned = names(
        SPEC,
        CrateOptions::default().with_type_name("ListBoardsOkBodyOwner", "Owner"),
    );
    assert!(
        pinned.contains(&"pub struct Owner".to_owned()),
        "{pinned:?}"
    );
    assert!(!pinned.contains(&"pub struct ListBoardsOkBodyOwner".to_owned()));
    assert!(pinned.contains(&"pub type ListTicketsOkBodyItemOwner".to_owned()));

    let source = SpecSource::from_text("names.yaml", "names", SPEC.to_owned());
    let taken = CrateOptions::default().with_type_name("ListBoardsOkBodyOwner", "Direction");
    let failure = generate_crate(&package("test-crate"), &taken, &[source]).unwrap_err();
    assert_eq!(
        failure.diagnostics[0].to_string(),
        "error: type `ListBoardsOkBodyOwner` cannot be named `Direction`: another type has that name\n  --> names.yaml:58:19 (#/paths/~1boards/get/responses/200/content/application~1json/schema/properties/owner)"
    );
}
