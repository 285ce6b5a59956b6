//! `refract generate` writes the code `refract::models!` expands to. The file it writes for the demo
//! schema is checked in (`tests/models-check/src/demo_generated.rs`), where it is compiled with
//! warnings denied; this test keeps it current.

use std::process::Command;

#[test]
fn the_checked_in_models_are_what_generate_writes() {
    let root = refract_e2e::root();
    let out = Command::new(env!("CARGO_BIN_EXE_refract"))
        .args(["generate", "--schema", "schema/schema.prisma"])
        .current_dir(&root)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let written = std::fs::read_to_string(root.join("tests/models-check/src/demo_generated.rs")).unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout) == written,
        "tests/models-check/src/demo_generated.rs is stale: run `refract generate --schema schema/schema.prisma --out tests/models-check/src/demo_generated.rs`"
    );
}

#[test]
fn unknown_features_are_refused() {
    let out = Command::new(env!("CARGO_BIN_EXE_refract"))
        .args(["generate", "--schema", "schema/schema.prisma", "--features", "postgres,diesel"])
        .current_dir(refract_e2e::root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown feature `diesel`"));
}

/// refract.toml's `[generate]` derives and attributes reach the written models, for every model and
/// for one, as the macro's `derive(...)`, `attr(...)` and `model(...)` arguments do (the macro's side is
/// compiled in `tests/models-check/tests/customized.rs`, with the same schema).
#[test]
fn refract_toml_chooses_derives_and_attributes() {
    let dir = tempfile::tempdir().unwrap();
    let schema = refract_e2e::root().join("tests/models-check/schemas/customized.prisma");
    std::fs::write(
        dir.path().join("refract.toml"),
        "[generate]\nderives = [\"Hash\", \"Eq\"]\nattributes = ['serde(rename_all = \"camelCase\")']\n\n[generate.models.Tag]\nderives = [\"PartialOrd\", \"Ord\"]\n",
    )
    .unwrap();
    let out = refract_e2e::Cli::new(env!("CARGO_BIN_EXE_refract"), dir.path()).ok(&[
        "generate",
        "--schema",
        schema.to_str().unwrap(),
    ]);
    let block = |item: &str| {
        let at = out.find(item).unwrap_or_else(|| panic!("no `{item}`:\n{out}"));
        out[..at].rsplit("\n\n").next().unwrap().to_string() + item
    };
    for item in ["pub struct Note {", "pub struct NewNote {"] {
        let b = block(item);
        assert!(b.contains("#[derive(Hash, Eq)]") && b.contains("#[serde(rename_all = \"camelCase\")]"), "{b}");
        assert!(!b.contains("Ord"), "{b}");
    }
    let tag = block("pub struct Tag {");
    assert!(tag.contains("#[derive(Hash, Eq, PartialOrd, Ord)]"), "{tag}");
}
