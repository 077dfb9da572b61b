//! Specs of other OpenAPI versions from the shared corpus are refused with one
//! located error naming the version, never a panic or a pile of parse errors.

use generator::{Severity, SpecSource, generate_crate};

use crate::common::{options, workspace_root};

#[test]
fn openapi_3_1_and_swagger_2_0_specs_are_named_as_such() {
    let corpus = workspace_root().join("../shared/corpus");
    let mut seen = 0;
    for (dir, expected) in [
        ("openapi-3.1", "OpenAPI 3.1"),
        ("swagger-2.0", "Swagger 2.0"),
    ] {
        for entry in
            std::fs::read_dir(corpus.join(dir)).expect("the shared corpus is beside the repository")
        {
            let path = entry.unwrap().path();
            let spec = SpecSource::read(&path, path.display().to_string()).unwrap();
            let failure = generate_crate(&options("other"), &[spec]).expect_err("not OpenAPI 3.0");
            let errors: Vec<_> = failure
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .collect();
            assert_eq!(errors.len(), 1, "{}: {errors:#?}", path.display());
            assert!(
                errors[0].message.contains(expected),
                "{}: {}",
                path.display(),
                errors[0]
            );
            assert!(
                errors[0].location.is_some(),
                "{}: not located",
                path.display()
            );
            seen += 1;
        }
    }
    assert!(
        seen >= 6,
        "expected the corpus's 3.1 and 2.0 specs, read {seen}"
    );
}
