//! `cargo bench -p generator`: how fast specs generate, and what a generated
//! client call costs over the same request made with plain `reqwest`, both
//! against a server on loopback.

use std::sync::OnceLock;

use std::path::{Path, PathBuf};

use generator::{CrateOptions, Package, SpecSource, generate_crate};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Where the corpus is: the one rule the corpus-wide xtasks follow.
#[path = "../../xtask/src/corpus_dir.rs"]
mod corpus_dir;

fn main() {
    divan::main();
}

/// A spec of the corpus, or `None`, having said why, if there is none.
fn corpus_spec(file: &str) -> Option<SpecSource> {
    let read = corpus_dir::corpus_dir(&root()).and_then(|corpus| {
        SpecSource::read(&corpus.join(file), file).map_err(|e| format!("{file}: {e}"))
    });
    read.map_err(|message| eprintln!("skipped: {message}")).ok()
}

/// The workspace root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn package() -> Package {
    Package::new("generated-client", "0.1.0").with_generated_by("cargo bench")
}

/// `cargo xtask codegen`'s input: both TokensApi specs, the whole crate.
#[divan::bench]
fn generate_tokens_apis(bencher: divan::Bencher) {
    let specs = SpecSource::read_dir(&root().join("specs"), "specs").unwrap();
    let options = CrateOptions::default();
    bencher.bench(|| generate_crate(&package(), &options, &specs).unwrap());
}

/// The largest corpus spec (12 MB), if there is a corpus.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn generate_github(bencher: divan::Bencher) {
    let Some(spec) = corpus_spec("openapi-3.0/github.json") else {
        return;
    };
    let options = CrateOptions::default();
    bencher.bench(|| generate_crate(&package(), &options, std::slice::from_ref(&spec)).unwrap());
}

/// Spec-change review of a corpus spec against a copy with one operation's
/// summary edited: both sides are parsed and modelled, then compared.
/// `finbourne-identity.json` has 4,285 lines, `spotify.yaml` 7,518.
#[divan::bench(args = ["tokens/finbourne-identity.json", "openapi-3.0/spotify.yaml"], sample_count = 20)]
fn review_pair(bencher: divan::Bencher, file: &str) {
    let Some(old) = corpus_spec(file) else {
        return;
    };
    let mut new = old.clone();
    // The first word of the first summary, in JSON or YAML alike.
    let key = new.text.find("summary").expect("the spec has a summary") + "summary".len();
    let word = key
        + new.text[key..]
            .find(|c: char| c.is_ascii_alphabetic())
            .unwrap();
    new.text.insert_str(word, "Edited ");
    let options = CrateOptions::default();
    let review = generator::review::review(
        std::slice::from_ref(&old),
        std::slice::from_ref(&new),
        &options,
    );
    assert_eq!(
        review.unwrap().semver(),
        generator::review::RustImpact::Patch
    );
    bencher.bench(|| {
        generator::review::review(
            std::slice::from_ref(&old),
            std::slice::from_ref(&new),
            &options,
        )
        .unwrap()
    });
}

/// A loopback server answering `GET /v1/oauth-token` on a runtime of its
/// own, shared by the call benchmarks, and the current-thread runtime the
/// calls run on: a call drives its own I/O, so neither side waits for a
/// thread the other woke, and the two calls differ only in what they do.
fn server() -> &'static (tokio::runtime::Runtime, tokio::runtime::Runtime, MockServer) {
    type Shared = (tokio::runtime::Runtime, tokio::runtime::Runtime, MockServer);
    static SERVER: OnceLock<Shared> = OnceLock::new();
    SERVER.get_or_init(|| {
        let server_runtime = tokio::runtime::Runtime::new().unwrap();
        let body = serde_json::json!({
            "type": "user",
            "team": {"type": "team", "name": "Core", "id": "t1"},
            "createdBy": {"type": "user", "name": "Ada", "id": "u1"},
            "user": {"type": "user", "name": "Ada", "id": "u1"}
        });
        let server = server_runtime.block_on(async {
            let server = MockServer::start().await;
            Mock::given(method("GET"))
                .and(path("/v1/oauth-token"))
                .respond_with(ResponseTemplate::new(200).set_body_json(body))
                .mount(&server)
                .await;
            server
        });
        let calls = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        (server_runtime, calls, server)
    })
}

/// One `token_info` call through the generated client: URL building,
/// headers, send, read, status dispatch, typed decoding.
#[divan::bench(sample_count = 1000)]
fn call_generated_client(bencher: divan::Bencher) {
    let (_, runtime, server) = server();
    let client = generated_client::miro::Client::new(&server.uri()).unwrap();
    bencher.bench(|| {
        runtime
            .block_on(std::future::IntoFuture::into_future(client.token_info()))
            .unwrap()
    });
}

/// The same request with plain `reqwest` and `serde_json`, for comparison.
#[divan::bench(sample_count = 1000)]
fn call_plain_reqwest(bencher: divan::Bencher) {
    let (_, runtime, server) = server();
    let http = reqwest::Client::new();
    let url = format!("{}/v1/oauth-token", server.uri());
    bencher.bench(|| {
        runtime.block_on(async {
            let response = http
                .get(&url)
                .header("accept", "application/json")
                .send()
                .await
                .unwrap();
            let body = response.bytes().await.unwrap();
            serde_json::from_slice::<generated_client::miro::TokenInformation>(&body).unwrap()
        })
    });
}
