//! Cargo features per tag: the names the manifest gets, the 300-feature
//! limit, and the default set. (What each feature compiles is checked by
//! building `fixture-client` with each tag of `tags.yaml` alone, in CI.)

use generator::{CrateOptions, SpecSource, generate_crate};

use crate::common::package;

/// A spec with one operation per tag in `tags`, plus an untagged one.
fn spec(module: &str, tags: &[&str]) -> SpecSource {
    let mut text = String::from(
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /health:\n    get:\n      operationId: health\n      responses: {'204': {description: up}}\n",
    );
    for (i, tag) in tags.iter().enumerate() {
        text.push_str(&format!(
            "  /op{i}:\n    get:\n      operationId: op{i}\n      tags: ['{tag}']\n      responses: {{'204': {{description: ok}}}}\n"
        ));
    }
    SpecSource::from_text(format!("{module}.yaml"), module.to_owned(), text)
}

fn manifest(options: &CrateOptions, specs: &[SpecSource]) -> String {
    let generated =
        generate_crate(&package("test-crate"), options, specs).unwrap_or_else(|e| panic!("{e}"));
    generated.files[std::path::Path::new("Cargo.toml")].clone()
}

/// The `[features]` table, without the header.
fn features(manifest: &str) -> Vec<&str> {
    manifest
        .lines()
        .skip_while(|l| *l != "[features]")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect()
}

/// The `fake` feature of a crate with the runtime vendored: what the
/// runtime's own turns on.
/// The features a vendored runtime passes through: its TLS backends, then
/// its fake.
const PASSED_THROUGH: [&str; 5] = [
    r#"serde-both-ways = []"#,
    r#"rustls = ["reqwest/rustls"]"#,
    r#"rustls-ring = ["reqwest/rustls-no-provider", "dep:rustls", "rustls?/ring"]"#,
    r#"native-tls = ["reqwest/native-tls"]"#,
    r#"fake = ["serde-both-ways", "dep:http", "dep:hyper", "dep:hyper-util", "dep:percent-encoding", "tokio/net", "tokio/rt"]"#,
];

#[test]
fn a_single_spec_names_features_after_its_tags() {
    let manifest = manifest(
        &CrateOptions::default(),
        &[spec(
            "shop",
            &[
                "pets",
                "Git Data",
                "git-data",
                "full",
                "shop",
                "fake",
                "native-tls",
                "serde-both-ways",
            ],
        )],
    );
    let mut expected = vec![r#"default = ["full", "rustls"]"#, r#"full = ["shop"]"#];
    expected.extend(PASSED_THROUGH);
    expected.extend([
        r#""shop" = ["fake-tag", "full-tag", "git-data", "native-tls-tag", "pets", "serde-both-ways-tag", "shop-tag"]"#,
        r#""fake-tag" = []"#,
        r#""full-tag" = []"#,
        r#""git-data" = []"#,
        r#""native-tls-tag" = []"#,
        r#""pets" = []"#,
        r#""serde-both-ways-tag" = []"#,
        r#""shop-tag" = []"#,
    ]);
    assert_eq!(features(&manifest), expected);
}

#[test]
fn several_specs_prefix_tag_features_with_their_module() {
    let manifest = manifest(
        &CrateOptions::default(),
        &[spec("a", &["pets"]), spec("b", &["pets", "store"])],
    );
    let mut expected = vec![r#"default = ["full", "rustls"]"#, r#"full = ["a", "b"]"#];
    expected.extend(PASSED_THROUGH);
    expected.extend([
        r#""a" = ["a-pets"]"#,
        r#""a-pets" = []"#,
        r#""b" = ["b-pets", "b-store"]"#,
        r#""b-pets" = []"#,
        r#""b-store" = []"#,
    ]);
    assert_eq!(features(&manifest), expected);
}

#[test]
fn more_tags_than_crates_io_allows_are_grouped_into_at_most_300_features() {
    let tags: Vec<String> = (0..700).map(|i| format!("tag{i:03}")).collect();
    let tags: Vec<&str> = tags.iter().map(String::as_str).collect();
    let generated = generate_crate(
        &package("big"),
        &CrateOptions::default(),
        &[spec("big", &tags)],
    )
    .unwrap();
    let manifest = &generated.files[std::path::Path::new("Cargo.toml")];
    let features = features(manifest);
    assert!(features.len() <= 300, "{} features", features.len());
    // 297 features are left for tags: 700 tags go in groups of three
    // consecutive ones, each named after its first and last.
    assert!(
        features.contains(&r#""tag000-to-tag002" = []"#),
        "{features:?}"
    );
    let module = &generated.files[std::path::Path::new("src/big/mod.rs")];
    assert!(module.contains("Compiled with the cargo feature `tag000-to-tag002`."));
    assert!(module.contains("#[cfg(feature = \"tag000-to-tag002\")]\n    pub fn op1("));
    let lib = &generated.files[std::path::Path::new("src/lib.rs")];
    assert!(lib.contains("//! - `tag000-to-tag002`: `tag000`, `tag001`, `tag002`\n"));
}

#[test]
fn the_default_features_are_an_option_checked_against_the_crate() {
    let specs = [spec("shop", &["pets", "store"])];
    let some = CrateOptions::default().with_default_features(["pets"]);
    // A client's TLS backend is on by default whatever the modules' are.
    assert!(manifest(&some, &specs).contains("\ndefault = [\"pets\", \"rustls\"]\n"));
    let none = CrateOptions::default().with_default_features(Vec::<String>::new());
    assert!(manifest(&none, &specs).contains("\ndefault = [\"rustls\"]\n"));
    let typo = CrateOptions::default().with_default_features(["pet"]);
    let failure = generate_crate(&package("test-crate"), &typo, &specs).unwrap_err();
    assert_eq!(
        failure.diagnostics[0].to_string(),
        "error: default feature `pet` is not a feature of this crate; its features are `full`, `shop`, `pets`, `store`\n  --> shop.yaml#/tags"
    );
}

#[test]
fn untagged_operations_compile_with_their_module() {
    let generated = generate_crate(
        &package("shop"),
        &CrateOptions::default(),
        &[spec("shop", &["pets"])],
    )
    .unwrap();
    let module = &generated.files[std::path::Path::new("src/shop/mod.rs")];
    let before_health = module.split("pub fn health(").next().unwrap();
    let health_attributes = before_health.rsplit("///").next().unwrap();
    assert!(!health_attributes.contains("cfg"), "{health_attributes}");
    let lib = &generated.files[std::path::Path::new("src/lib.rs")];
    assert!(lib.contains(
        "#[cfg(any(feature = \"shop\", feature = \"pets\"))]\n#[rustfmt::skip]\npub mod shop;"
    ));
}

#[test]
fn every_item_of_a_tagged_operation_is_gated_with_it() {
    let generated = generate_crate(
        &package("shop"),
        &CrateOptions::default(),
        &[spec("shop", &["pets"])],
    )
    .unwrap();
    let file = |path: &str| &generated.files[std::path::Path::new(path)];
    // The builder is four items (struct, setters, `Operation`,
    // `IntoFuture`): each needs the gate, or a crate built without the
    // feature names a type that is not there. They are in the feature's
    // own file, which the module declares only with the feature.
    let pets = file("src/shop/types/pets.rs");
    for item in [
        "pub struct Op0Builder {",
        "impl Op0Builder {",
        "impl rt::__private::Operation for Op0Builder {",
        "impl ::core::future::IntoFuture for Op0Builder {",
    ] {
        assert!(
            pets.contains(&format!("\n{item}")),
            "{item} is not there:\n{pets}"
        );
        assert!(!file("src/shop/types.rs").contains(item));
    }
    assert!(file("src/shop/mod.rs").contains(concat!(
        "#[cfg(feature = \"pets\")]\n#[path = \"types/pets.rs\"]\nmod types_pets;\n\n",
        "#[cfg(feature = \"pets\")]\npub use self::types_pets::*;\n",
    )));
}

#[test]
fn a_module_whose_every_item_has_one_tag_has_an_empty_types_rs_that_parses() {
    // No untagged operation: every item is in the tag's own file.
    let text = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /op:\n    get:\n      operationId: op\n      tags: [pets]\n      responses: {'204': {description: ok}}\n";
    let spec = SpecSource::from_text("shop.yaml", "shop".to_owned(), text.to_owned());
    let generated = generate_crate(&package("shop"), &CrateOptions::default(), &[spec]).unwrap();
    let types = &generated.files[std::path::Path::new("src/shop/types.rs")];
    assert!(
        !types.contains("use crate::runtime") && !types.contains("#[allow"),
        "{types}"
    );
    for (path, text) in &generated.files {
        if path.extension().is_some_and(|e| e == "rs") {
            syn::parse_file(text).unwrap_or_else(|e| panic!("{}: {e}\n{text}", path.display()));
        }
    }
}
