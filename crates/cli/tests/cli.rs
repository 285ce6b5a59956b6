//! The `refract` binary as a user runs it: exit codes, where the report goes, default schema paths.

use std::path::Path;
use std::process::{Command, Output};

fn refract(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_refract")).args(args).current_dir(dir).env("NO_COLOR", "1").output().unwrap()
}

fn data(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema/tests/data").join(rel).display().to_string()
}

const VALID: &str =
    "datasource db {\n  provider = \"postgresql\"\n}\n\nmodel User {\n  id    Int    @id\n  email String @unique\n}\n";

#[test]
fn validate_exits_0_on_a_valid_schema_and_1_on_an_invalid_one() {
    let dir = tempfile::tempdir().unwrap();
    let ok = refract(dir.path(), &["validate", "--schema", &data("prisma/basket.prisma")]);
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));

    let bad = refract(dir.path(), &["validate", "--schema", &data("invalid/unknown-type.prisma")]);
    assert_eq!(bad.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("error[unknown-type]"), "{stderr}");
    assert!(stderr.contains("unknown-type.prisma:7:8"), "{stderr}");
    assert!(stderr.contains("^^^^^"), "{stderr}");
}

#[test]
fn validate_exits_2_when_the_schema_cannot_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let missing = refract(dir.path(), &["validate", "--schema", "nope.prisma"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read nope.prisma"));
    // No --schema and neither default path exists.
    let none = refract(dir.path(), &["validate"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&none.stderr).contains("schema/schema.prisma"));
    let usage = refract(dir.path(), &["validate", "--no-such-flag"]);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn default_schema_paths_are_schema_then_prisma() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("prisma")).unwrap();
    std::fs::write(dir.path().join("prisma/schema.prisma"), VALID).unwrap();
    let out = refract(dir.path(), &["validate"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("prisma/schema.prisma: valid"));
    std::fs::create_dir(dir.path().join("schema")).unwrap();
    std::fs::write(dir.path().join("schema/schema.prisma"), "model {").unwrap();
    let out = refract(dir.path(), &["validate"]);
    assert_eq!(out.status.code(), Some(1), "schema/ wins over prisma/");
}

#[test]
fn json_output_is_machine_readable() {
    let dir = tempfile::tempdir().unwrap();
    let out =
        refract(dir.path(), &["validate", "--format", "json", "--schema", &data("invalid/duplicate-field.prisma")]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["code"], "duplicate-field");
    assert_eq!(v[0]["severity"], "error");
    assert_eq!(v[0]["start"]["line"], 8);
    assert_eq!(v[0]["start"]["column"], 3);
}

#[test]
fn github_output_annotates_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let out =
        refract(dir.path(), &["validate", "--format", "github", "--schema", &data("invalid/duplicate-field.prisma")]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("::error file="), "{stdout}");
    assert!(stdout.contains(",line=8,"), "{stdout}");
}

#[test]
fn print_ir_emits_the_ir_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = refract(dir.path(), &["validate", "--print-ir", "--schema", &data("prisma/trading-v1.prisma")]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["tables"]["accounts"]["primary_key"]["name"], "accounts_pkey");
    assert_eq!(v["tables"]["orders"]["columns"]["limit_price"]["type"]["Decimal"], serde_json::json!([18, 4]));
}

#[test]
fn format_check_fails_on_unformatted_files_and_format_fixes_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.prisma");
    std::fs::write(&path, "datasource db {\nprovider=\"postgresql\"\n}\nmodel User {\n  id Int @id\n}\n").unwrap();
    let p = path.to_str().unwrap();
    assert_eq!(refract(dir.path(), &["format", "--check", "--schema", p]).status.code(), Some(1));
    assert_eq!(refract(dir.path(), &["format", "--schema", p]).status.code(), Some(0));
    assert_eq!(refract(dir.path(), &["format", "--check", "--schema", p]).status.code(), Some(0));
    assert!(std::fs::read_to_string(&path).unwrap().contains("  provider = \"postgresql\"\n}\n\nmodel User {"));
}

#[test]
fn format_refuses_a_file_with_syntax_errors_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.prisma");
    let broken = "model User {\n  id Int @id\n";
    std::fs::write(&path, broken).unwrap();
    let out = refract(dir.path(), &["format", "--schema", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not closed"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
}
