//! `fixture-types`, the fixtures generated with `--types-only`: the same
//! serde types as the client's, with no client and no HTTP dependency.

use std::path::Path;

use crate::common::workspace_root;

#[test]
fn the_types_round_trip_like_the_clients() {
    let json = serde_json::json!({
        "id": "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b",
        "starts": "2024-05-01T08:00:00Z",
        "day": "2024-05-01",
        "payload": "aGk=",
        "size": 7
    });
    let event: fixture_types::formats::Event = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(event.payload.as_deref(), Some(&b"hi"[..]));
    assert_eq!(serde_json::to_value(&event).unwrap(), json);
    let client_event: fixture_client::formats::Event = serde_json::from_value(json).unwrap();
    assert_eq!(
        serde_json::to_value(&client_event).unwrap(),
        serde_json::to_value(&event).unwrap()
    );
}

#[test]
fn the_types_crate_has_no_client_and_no_http_dependency() {
    let root = workspace_root().join("fixture-types");
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    for http in ["reqwest", "tokio", "bytes"] {
        assert!(
            !manifest.contains(&format!("\n{http} = ")),
            "{http} in {manifest}"
        );
    }
    let formats = std::fs::read_to_string(root.join("src/formats/mod.rs")).unwrap();
    assert!(formats.contains("pub struct Event {"));
    assert!(!formats.contains("pub struct Client"));
    assert!(
        !formats.contains("GetEventParams"),
        "operations' own types belong to the client"
    );
    assert!(!Path::new(&root.join("src/formats/types.rs")).exists());
}
