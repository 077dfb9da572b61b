//! Inputs that once made the generator panic (found by `cargo xtask fuzz`,
//! kept in `generator/tests/regressions/`): each now gives a crate or
//! located diagnostics.

use generator::{CrateOptions, SpecSource, generate_crate};

use crate::common::{package, workspace_root};

#[test]
fn every_input_that_once_failed_now_generates_or_reports() {
    let dir = workspace_root().join("generator/tests/regressions");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        // As the fuzzer gives them: text with no folder.
        let spec = SpecSource::from_text("regression.yaml", "regression", text);
        if let Err(failure) =
            generate_crate(&package("regression"), &CrateOptions::default(), &[spec])
        {
            for diagnostic in &failure.diagnostics {
                assert!(
                    diagnostic.location.is_some(),
                    "{}: {diagnostic}",
                    path.display()
                );
            }
        }
        seen += 1;
    }
    assert!(seen >= 1);
}
