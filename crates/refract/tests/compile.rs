//! What `refract::models!` does with a schema it cannot turn into code, checked by compiling it:
//! schema errors quote the schema's diagnostics (in a folder schema, naming the file the error is in),
//! a missing file says which path it tried, an `Unsupported(...)` column leaves the model
//! compiling without that field, and a view has a row struct but no insert type; with `sea-query`, the
//! typed query API refuses what does not fit (`tests/ui-queries`).

use std::path::{Path, PathBuf};

/// trybuild compiles each case in a project of its own under `target/tests/trybuild/refract`, which is
/// then the `CARGO_MANIFEST_DIR` the macro resolves schema paths against: the cases' schema files (and
/// schema folders) are copied there first.
fn trybuild_project() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("tests/trybuild/refract")
}

#[test]
fn ui() {
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui");
    copy_schemas(&ui, &trybuild_project().join("tests/ui"));
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}

/// The query API's compile errors (feature `sea-query`): a typed column's value of another type,
/// `is_null` on a required column, `like` on a number, `connect` on a relation that is not an implicit
/// many-to-many one. The expected output is the workspace build's (`cargo test --workspace`): rustc
/// writes `std::option::Option<T>` there, where `-p refract` alone with fewer features writes `Option<T>`.
#[cfg(feature = "sea-query")]
#[test]
fn ui_queries() {
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui-queries");
    copy_schemas(&ui, &trybuild_project().join("tests/ui-queries"));
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui-queries/*.rs");
}

/// The `.prisma` files of `from` and of its folders, copied to `to`.
fn copy_schemas(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_schemas(&path, &target);
        } else if path.extension().is_some_and(|e| e == "prisma") {
            std::fs::copy(&path, target).unwrap();
        }
    }
}
