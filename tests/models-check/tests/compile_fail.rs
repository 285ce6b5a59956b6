//! What the compiler tells an application that misuses the generated API: a lookup given the wrong
//! type, a relation method the schema does not have, a derive that does not exist (pointing at the
//! macro call). Every feature of the runtime crate is on here, as in this crate.

use std::path::{Path, PathBuf};

/// trybuild compiles each case in a project under `target/tests/trybuild/<crate>`, whose manifest
/// folder the macro resolves schema paths against: the schemas are copied there first.
fn trybuild_project() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("tests/trybuild/refract-models-check")
}

#[test]
fn misuse_is_a_compile_error() {
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui");
    let to = trybuild_project().join("tests/ui");
    std::fs::create_dir_all(&to).unwrap();
    for entry in std::fs::read_dir(&ui).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "prisma") {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
