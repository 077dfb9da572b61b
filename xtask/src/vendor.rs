//! `cargo xtask vendor-specs [--check]`: writes the real specs the tests and
//! examples need into `specs/third-party/`, from the corpus: small ones as
//! they are, large ones trimmed to the operations the tests call and
//! everything those reach (`generator::trim_spec`). `--check` writes
//! nothing and fails if a vendored file is not what the corpus gives.
//! Sources and licences are in `specs/third-party/README.md`.

use generator::SpecSource;

/// Where the vendored specs go, relative to the workspace root.
const FOLDER: &str = "specs/third-party";

/// One vendored spec.
struct Vendored {
    /// The spec's path in the corpus.
    corpus: &'static str,
    /// Its file name in `specs/third-party/`.
    file: &'static str,
    /// The operationIds kept; empty: the file is copied byte for byte.
    operations: &'static [&'static str],
}

const VENDORED: &[Vendored] = &[
    // The GitHub example's four tasks, and the operation with typed
    // rate-limit headers that the codegen test reads.
    Vendored {
        corpus: "openapi-3.0/github.json",
        file: "github.json",
        operations: &[
            "repos/get",
            "issues/create",
            "issues/list-for-repo",
            "repos/get-release-asset",
            "rate-limit/get",
        ],
    },
    // Chat completions (JSON or server-sent events) and speech (audio bytes
    // or events): the codegen test of streams and events; transcription (a
    // multipart upload): the OpenAI example.
    Vendored {
        corpus: "openapi-3.1/openai.yaml",
        file: "openai.json",
        operations: &[
            "createChatCompletion",
            "createSpeech",
            "createTranscription",
        ],
    },
    Vendored {
        corpus: "openapi-3.0/oai-petstore.yaml",
        file: "oai-petstore.yaml",
        operations: &[],
    },
    Vendored {
        corpus: "openapi-3.1/oai-non-oauth-scopes.json",
        file: "oai-non-oauth-scopes.json",
        operations: &[],
    },
    Vendored {
        corpus: "openapi-3.1/oai-webhook-example.json",
        file: "oai-webhook-example.json",
        operations: &[],
    },
    Vendored {
        corpus: "swagger-2.0/oai-petstore-v2.json",
        file: "oai-petstore-v2.json",
        operations: &[],
    },
    Vendored {
        corpus: "swagger-2.0/oai-uber-v2.json",
        file: "oai-uber-v2.json",
        operations: &[],
    },
];

pub(crate) fn run(args: &[&str]) -> Result<(), String> {
    let check = match args {
        [] => false,
        ["--check"] => true,
        _ => return Err("usage: cargo xtask vendor-specs [--check]".to_owned()),
    };
    let root = crate::root();
    let corpus = crate::corpus_dir::corpus_dir(&root)?;
    let mut stale = Vec::new();
    let mut written = 0;
    for spec in VENDORED {
        let source = corpus.join(spec.corpus);
        let read = SpecSource::read(&source, spec.corpus)
            .map_err(|e| format!("{}: {e}", source.display()))?;
        let vendored = if spec.operations.is_empty() {
            read.text
        } else {
            let document = read.json_tree().map_err(|e| e.to_string())?;
            let trimmed = generator::trim_spec(&document, spec.operations)
                .map_err(|e| format!("{}: {e}", source.display()))?;
            serde_json::to_string_pretty(&trimmed).map_err(|e| e.to_string())? + "\n"
        };
        let target = root.join(FOLDER).join(spec.file);
        let current = std::fs::read_to_string(&target).ok();
        if current.as_deref() == Some(vendored.as_str()) {
            continue;
        }
        if check {
            stale.push(format!("{FOLDER}/{}", spec.file));
        } else {
            std::fs::write(&target, vendored).map_err(|e| format!("{}: {e}", target.display()))?;
            eprintln!("wrote {FOLDER}/{}", spec.file);
            written += 1;
        }
    }
    if stale.is_empty() {
        if written == 0 {
            eprintln!("{FOLDER} is what the corpus gives");
        }
        Ok(())
    } else {
        Err(format!(
            "{} differ from the corpus: run `cargo xtask vendor-specs` and commit the result",
            stale.join(", ")
        ))
    }
}
