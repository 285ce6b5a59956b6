//! The `refract` binary as a user runs it: exit codes, where the report goes, default schema paths.

use std::path::Path;
use std::process::Output;

use refract_e2e::Cli;

fn refract(dir: &Path, args: &[&str]) -> Output {
    Cli::new(env!("CARGO_BIN_EXE_refract"), dir).env("NO_COLOR", "1").run(args)
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

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn migrate_diff_prints_sql_or_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let basket = data("prisma/basket.prisma");
    let script = refract(dir.path(), &["migrate", "diff", "--from-empty", "--to-schema", &basket, "--script"]);
    assert_eq!(script.status.code(), Some(0), "{}", String::from_utf8_lossy(&script.stderr));
    // Prisma's own initial migration for this schema, byte for byte.
    let prisma = std::fs::read_to_string(data("prisma/basket.prisma.sql")).unwrap();
    assert_eq!(stdout(&script), prisma.strip_suffix('\n').unwrap());

    let summary = refract(dir.path(), &["migrate", "diff", "--from-empty", "--to-schema", &basket]);
    assert!(stdout(&summary).contains("create table \"users\""), "{}", stdout(&summary));

    let json = refract(dir.path(), &["migrate", "diff", "--from-empty", "--to-schema", &basket, "--format", "json"]);
    let plan: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(plan["steps"].as_array().is_some_and(|s| !s.is_empty()));
}

#[test]
fn migrate_diff_exit_code_says_whether_there_is_a_difference() {
    let dir = tempfile::tempdir().unwrap();
    let (v1, v2) = (data("prisma/trading-v1.prisma"), data("prisma/trading-v2.prisma"));
    let same = refract(dir.path(), &["migrate", "diff", "--from-schema", &v1, "--to-schema", &v1, "--exit-code"]);
    assert_eq!(same.status.code(), Some(0));
    assert!(stdout(&same).contains("No difference"));
    let differ = refract(dir.path(), &["migrate", "diff", "--from-schema", &v1, "--to-schema", &v2, "--exit-code"]);
    assert_eq!(differ.status.code(), Some(2));
    // Without --exit-code a difference is a success.
    let plain = refract(dir.path(), &["migrate", "diff", "--from-schema", &v1, "--to-schema", &v2]);
    assert_eq!(plain.status.code(), Some(0));
    // Errors are 1, never 2, so a script can tell them apart.
    let broken = data("invalid/unknown-type.prisma");
    let bad = refract(dir.path(), &["migrate", "diff", "--from-empty", "--to-schema", &broken, "--exit-code"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown-type.prisma:7:8"));
    let missing =
        refract(dir.path(), &["migrate", "diff", "--from-empty", "--to-schema", "nope.prisma", "--exit-code"]);
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn migrate_diff_reports_both_schemas_in_order() {
    // Small schema files are read at the same time; what they report still comes out `from` first.
    let dir = tempfile::tempdir().unwrap();
    let (from, to) = (data("invalid/unknown-type.prisma"), data("invalid/duplicate-field.prisma"));
    let both = refract(dir.path(), &["migrate", "diff", "--from-schema", &from, "--to-schema", &to, "--script"]);
    assert_eq!(both.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&both.stderr);
    let (from_at, to_at) = (stderr.find("unknown-type.prisma:7:8"), stderr.find("duplicate-field.prisma:"));
    assert!(from_at.is_some() && to_at.is_some() && from_at < to_at, "{stderr}");
    assert!(stdout(&both).is_empty(), "{}", stdout(&both));

    // One side unreadable, the other invalid: both are said.
    let one_missing = refract(dir.path(), &["migrate", "diff", "--from-schema", "nope.prisma", "--to-schema", &to]);
    assert_eq!(one_missing.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&one_missing.stderr);
    assert!(stderr.contains("cannot read nope.prisma") && stderr.contains("duplicate-field.prisma:"), "{stderr}");
}

#[test]
fn migrate_diff_from_migrations_starts_at_the_last_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let migrations = dir.path().join("migrations");
    std::fs::create_dir(&migrations).unwrap();
    let v1 = data("prisma/trading-v1.prisma");
    let args = |to: &str| {
        ["migrate", "diff", "--from-migrations", "migrations", "--to-schema", to, "--exit-code"].map(String::from)
    };
    let run = |to: &str| {
        let a = args(to);
        refract(dir.path(), &a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    // No migration yet: the plan starts from nothing.
    assert_eq!(run(&v1).status.code(), Some(2));
    assert!(stdout(&run(&v1)).contains("create table"));

    // A migration whose snapshot is v1: nothing left to plan for v1, the v1 to v2 steps for v2.
    let first = migrations.join("20240101000000_init");
    std::fs::create_dir(&first).unwrap();
    let sql = refract(dir.path(), &["migrate", "diff", "--from-empty", "--to-schema", &v1, "--script"]);
    std::fs::write(first.join("migration.sql"), &sql.stdout).unwrap();
    let schema = refract_schema::check(&std::fs::read_to_string(&v1).unwrap()).schema;
    let local = refract_engine::MigrationsDir::new(&migrations).list().unwrap();
    refract_engine::state::record(&local, &refract_plan::state_file::State::of(schema)).unwrap();
    assert_eq!(run(&v1).status.code(), Some(0));
    let to_v2 = run(&data("prisma/trading-v2.prisma"));
    assert_eq!(to_v2.status.code(), Some(2));
    assert!(stdout(&to_v2).contains("rename column \"accounts\".\"name\" to \"display_name\""), "{}", stdout(&to_v2));

    // A later migration without a snapshot (written by Prisma or by hand): the history is replayed in a
    // the shadow database (emptied first), as Prisma replays it in its shadow database.
    let second = migrations.join("20240202000000_by_hand");
    std::fs::create_dir(&second).unwrap();
    std::fs::write(second.join("migration.sql"), "CREATE INDEX \"accounts_by_hand_idx\" ON \"accounts\" (\"id\");")
        .unwrap();
    let shadow = refract_e2e::TestDb::new("diff_shadow");
    let mut replay_args = args(&v1).to_vec();
    replay_args.extend(["--shadow-database-url".to_string(), shadow.url()]);
    let replayed = refract(dir.path(), &replay_args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(
        String::from_utf8_lossy(&replayed.stderr).contains("Replaying"),
        "{}",
        String::from_utf8_lossy(&replayed.stderr)
    );
    // The hand-written index is not in the schema: planning v1 drops it.
    assert_eq!(replayed.status.code(), Some(2), "{}", String::from_utf8_lossy(&replayed.stderr));
    assert!(stdout(&replayed).contains("drop index \"accounts_by_hand_idx\""), "{}", stdout(&replayed));
}

#[test]
fn online_mode_comes_from_the_flag_or_refract_toml() {
    let dir = tempfile::tempdir().unwrap();
    let (v1, v2) = (data("prisma/trading-v1.prisma"), data("prisma/trading-v2.prisma"));
    let diff = |extra: &[&str]| {
        let mut args = vec!["migrate", "diff", "--from-schema", &v1, "--to-schema", &v2, "--script"];
        args.extend_from_slice(extra);
        stdout(&refract(dir.path(), &args))
    };
    assert!(!diff(&[]).contains("CONCURRENTLY"));
    assert!(diff(&["--online"]).contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS"));
    std::fs::write(dir.path().join("refract.toml"), "[migrate]\nonline = true\nlock_timeout = \"2s\"\n").unwrap();
    let configured = diff(&[]);
    assert!(configured.contains("CONCURRENTLY") && configured.contains("SET lock_timeout = '2s';"), "{configured}");
    std::fs::write(dir.path().join("refract.toml"), "[migrate]\nonlin = true\n").unwrap();
    let typo = refract(dir.path(), &["migrate", "diff", "--from-schema", &v1, "--to-schema", &v2]);
    assert_eq!(typo.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&typo.stderr).contains("refract.toml"));
}

/// A package.json script carried over from Prisma (`prisma generate --no-engine --generator client`)
/// runs: each flag that means nothing here is named in one line and the command goes on.
#[test]
fn prisma_only_flags_are_noted_and_ignored() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("schema.prisma"), VALID).unwrap();
    let out = refract(
        dir.path(),
        &["generate", "--no-engine", "--generator", "client", "--schema", "schema.prisma", "--out", "models.rs"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr.matches("is Prisma's and does nothing here").count(), 2, "{stderr}");
    assert!(std::fs::read_to_string(dir.path().join("models.rs")).unwrap().contains("pub struct User"));
    // A flag neither tool has is still an error.
    let out = refract(dir.path(), &["generate", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
}
