//! What `refract::models!` does with a schema it cannot turn into code, checked by compiling it:
//! schema errors quote the schema's diagnostics, a missing file says which path it tried, and an
//! `Unsupported(...)` column leaves the model compiling without that field.

use std::path::{Path, PathBuf};

/// trybuild compiles each case in a project of its own under `target/tests/trybuild/refract`, which is
/// then the `CARGO_MANIFEST_DIR` the macro resolves schema paths against: the cases' schema files are
/// copied there first.
fn trybuild_project() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("tests/trybuild/refract")
}

#[test]
fn ui() {
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui");
    let copy = trybuild_project().join("tests/ui");
    std::fs::create_dir_all(&copy).unwrap();
    for entry in std::fs::read_dir(&ui).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "prisma") {
            std::fs::copy(&path, copy.join(path.file_name().unwrap())).unwrap();
        }
    }
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
