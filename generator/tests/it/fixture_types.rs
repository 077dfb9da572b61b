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

/// What a derived `Deserialize` does with the `Pet` and `NotePatch`
/// schemas, for comparison with the written-out impls the generator emits.
mod derived {
    #[derive(Debug, PartialEq, serde::Deserialize)]
    pub(super) struct Pet {
        pub name: String,
        #[serde(default)]
        pub kind: Option<String>,
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    pub(super) struct NotePatch {
        #[serde(default)]
        pub text: Option<String>,
        #[serde(default, deserialize_with = "double")]
        pub color: Option<Option<String>>,
    }

    fn double<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
        <Option<String> as serde::Deserialize>::deserialize(d).map(Some)
    }
}

#[test]
fn written_out_deserialize_behaves_as_a_derived_one() {
    use fixture_types::bodies::NotePatch;
    use fixture_types::tags::{Pet, PetKind};

    let pet = |text: &str| serde_json::from_str::<Pet>(text).map_err(|e| e.to_string());
    let derived =
        |text: &str| serde_json::from_str::<derived::Pet>(text).map_err(|e| e.to_string());
    for (text, expected) in [
        (
            r#"{"name":"Rex","kind":"dog","extra":[1,{"a":2}]}"#,
            Some(Some(PetKind::Dog)),
        ),
        (r#"{"na\u006de":"Rex"}"#, Some(None)),
        (r#"{"name":"Rex","kind":null}"#, Some(None)),
        (r#"{"kind":"cat"}"#, None),
        (r#"{"name":"Rex","name":"Max"}"#, None),
        (r#"{"name":7}"#, None),
        (r#"["Rex"]"#, None),
        ("{}", None),
    ] {
        let ours = pet(text);
        let theirs = derived(text);
        match expected {
            Some(kind) => {
                let ours = ours.unwrap_or_else(|e| panic!("{text}: {e}"));
                assert_eq!((ours.name.as_str(), ours.kind), ("Rex", kind), "{text}");
                assert!(theirs.is_ok(), "{text}");
            }
            // The same error, word for word, where the derived impl
            // accepts sequences it fails differently: we expect a map.
            None if text.starts_with('[') => {
                assert_eq!(
                    ours.unwrap_err(),
                    "invalid type: sequence, expected struct Pet at line 1 column 0"
                );
            }
            None => assert_eq!(ours.unwrap_err(), theirs.unwrap_err(), "{text}"),
        }
    }
    for (text, color) in [
        ("{}", None),
        (r#"{"color":null}"#, Some(None)),
        (r#"{"color":"red"}"#, Some(Some("red"))),
    ] {
        let ours: NotePatch = serde_json::from_str(text).unwrap();
        let theirs: derived::NotePatch = serde_json::from_str(text).unwrap();
        assert_eq!(ours.color.as_ref().map(|c| c.as_deref()), color, "{text}");
        assert_eq!(ours.color, theirs.color, "{text}");
    }
}
