//! `refract generate` writes the code `refract::models!` expands to. The file it writes for the demo
//! schema is checked in (`crates/models-check/src/demo_generated.rs`), where it is compiled with
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
    let written = std::fs::read_to_string(root.join("crates/models-check/src/demo_generated.rs")).unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout) == written,
        "crates/models-check/src/demo_generated.rs is stale: run `refract generate --schema schema/schema.prisma --out crates/models-check/src/demo_generated.rs`"
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
