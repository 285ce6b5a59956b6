//! `migrate lint` through the binary, on migrations as teams write them: a plain index on an existing
//! table, a required column without a default, a CHECK without NOT VALID, CONCURRENTLY alone and mixed
//! with other statements, a file with its own BEGIN/COMMIT, a migration refract wrote in safe mode,
//! and the migration Prisma writes for the trading example; the settings, the ignore comments, the
//! three formats, and `migrate check` / `migrate dev` linting what they look at.

use std::path::{Path, PathBuf};

use refract_e2e::{Cli, Scratch, TestDb};

const DATASOURCE: &str = "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n";

/// A project whose migrations folder holds `migrations` (name, SQL), in that order.
fn project(scratch: &Scratch, name: &str, migrations: &[(&str, &str)]) -> (PathBuf, Cli) {
    let dir = scratch.path().join(name);
    std::fs::create_dir_all(dir.join("prisma/migrations")).unwrap();
    std::fs::write(dir.join("prisma/schema.prisma"), DATASOURCE).unwrap();
    std::fs::write(dir.join("prisma/migrations/migration_lock.toml"), "provider = \"postgresql\"\n").unwrap();
    for (name, sql) in migrations {
        add(&dir, name, sql);
    }
    (dir.clone(), Cli::new(env!("CARGO_BIN_EXE_refract"), &dir))
}

fn add(dir: &Path, name: &str, sql: &str) {
    let folder = dir.join("prisma/migrations").join(name);
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("migration.sql"), sql).unwrap();
}

/// The findings on the named migrations, as (rule, line), from the JSON report.
fn findings(cli: &Cli, names: &[&str]) -> Vec<(String, u64)> {
    let mut args = vec!["migrate", "lint", "--format", "json"];
    args.extend(names);
    let out = cli.run(&args);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", refract_e2e::output_text(&out)));
    let found: Vec<(String, u64)> = report
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_string(), d["start"]["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(out.status.success(), found.is_empty(), "exit 1 exactly when there are findings: {found:?}");
    found
}

fn rules(found: &[(String, u64)]) -> Vec<&str> {
    found.iter().map(|(r, _)| r.as_str()).collect()
}

const TABLES: &str = "CREATE TABLE \"orders\" (\n    \"id\" BIGSERIAL NOT NULL,\n    \"status\" TEXT NOT NULL,\n    \"total\" DECIMAL(10,2) NOT NULL,\n\n    CONSTRAINT \"orders_pkey\" PRIMARY KEY (\"id\")\n);\n";

#[test]
fn hand_written_migrations_get_squawks_lock_findings() {
    let scratch = Scratch::new("lint-hand");
    let (_dir, cli) = project(
        &scratch,
        "hand",
        &[
            ("20240101000000_init", TABLES),
            ("20240102000000_index", "-- CreateIndex\nCREATE INDEX \"orders_status_idx\" ON \"orders\"(\"status\");\n"),
            ("20240103000000_required", "ALTER TABLE \"orders\" ADD COLUMN \"currency\" TEXT NOT NULL;\n"),
            (
                "20240104000000_check",
                "ALTER TABLE \"orders\" ADD CONSTRAINT \"orders_total_check\" CHECK (\"total\" >= 0);\n",
            ),
            (
                "20240105000000_concurrently",
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS \"orders_total_idx\" ON \"orders\"(\"total\");\n",
            ),
            (
                "20240106000000_mixed",
                "ALTER TABLE \"orders\" ADD COLUMN \"note\" TEXT;\n\nCREATE INDEX CONCURRENTLY IF NOT EXISTS \"orders_note_idx\" ON \"orders\"(\"note\");\n",
            ),
            (
                "20240107000000_own_transaction",
                "BEGIN;\nCREATE INDEX CONCURRENTLY \"orders_id_total_idx\" ON \"orders\"(\"id\", \"total\");\nCOMMIT;\n",
            ),
        ],
    );
    // The initial migration creates what it indexes and constrains: nothing to lock.
    assert_eq!(findings(&cli, &["20240101000000_init"]), []);
    assert_eq!(findings(&cli, &["20240102000000_index"]), [("require-concurrent-index-creation".into(), 2)]);
    assert_eq!(rules(&findings(&cli, &["20240103000000_required"])), ["adding-required-field"]);
    assert_eq!(rules(&findings(&cli, &["20240104000000_check"])), ["constraint-missing-not-valid"]);
    // Alone, a concurrent build runs outside a transaction, as it must: nothing to say.
    assert_eq!(findings(&cli, &["20240105000000_concurrently"]), []);
    // Mixed, the file runs statement by statement: the index is fine, but the ALTER before it cannot be
    // rerun if the build fails.
    assert_eq!(rules(&findings(&cli, &["20240106000000_mixed"])), ["prefer-robust-stmts"]);
    // The file's own BEGIN puts the concurrent build in a transaction, which PostgreSQL refuses.
    assert!(
        rules(&findings(&cli, &["20240107000000_own_transaction"]))
            .contains(&"ban-concurrent-index-creation-in-transaction")
    );

    // The human report: file:line:col, the rule, why, and how to fix.
    let out = cli.fails(&["migrate", "lint", "20240102000000_index"]);
    assert!(out.contains("error[require-concurrent-index-creation]"), "{out}");
    assert!(out.contains("20240102000000_index/migration.sql:2:1"), "{out}");
    assert!(out.contains("help: Use `concurrently` to avoid blocking writes."), "{out}");
    assert!(out.contains("Linted 1 migration (20240102000000_index): 1 finding."), "{out}");
    // GitHub annotations.
    let out = cli.run(&["migrate", "lint", "--format", "github", "20240103000000_required"]);
    let annotations = String::from_utf8_lossy(&out.stdout);
    assert!(annotations.starts_with("::error file="), "{annotations}");
    assert!(annotations.contains("20240103000000_required/migration.sql,line=1"), "{annotations}");
    // Without a database, the newest migration is linted.
    let out = cli.fails(&["migrate", "lint"]);
    assert!(out.contains("linting the newest migration") && out.contains("20240107000000_own_transaction"), "{out}");
}

#[test]
fn rules_are_turned_off_in_refract_toml_and_per_statement() {
    let scratch = Scratch::new("lint-ignore");
    let index = "CREATE INDEX \"orders_status_idx\" ON \"orders\"(\"status\");\n";
    let (dir, cli) = project(
        &scratch,
        "ignore",
        &[
            ("20240101000000_init", TABLES),
            ("20240102000000_index", index),
            // As squawk users write it: the comment above the statement it excuses.
            (
                "20240103000000_excused",
                "-- The table is small: a plain build is over in milliseconds.\n-- squawk-ignore require-concurrent-index-creation\nCREATE INDEX \"orders_total_idx\" ON \"orders\"(\"total\");\n",
            ),
        ],
    );
    assert_eq!(findings(&cli, &["20240103000000_excused"]), []);
    assert_eq!(findings(&cli, &["20240102000000_index"]).len(), 1);
    std::fs::write(dir.join("refract.toml"), "[lint]\nignore = [\"require-concurrent-index-creation\"]\n").unwrap();
    assert_eq!(findings(&cli, &["20240102000000_index"]), []);
    // Type preferences are off by default, and can be turned on.
    add(&dir, "20240104000000_int", "ALTER TABLE \"orders\" ADD COLUMN \"n\" INTEGER;\n");
    assert_eq!(findings(&cli, &["20240104000000_int"]), []);
    std::fs::write(dir.join("refract.toml"), "[lint]\nenable = [\"prefer-bigint-over-int\"]\n").unwrap();
    assert_eq!(rules(&findings(&cli, &["20240104000000_int"])), ["prefer-bigint-over-int"]);
    std::fs::write(dir.join("refract.toml"), "[lint]\nignore = [\"no-such-rule\"]\n").unwrap();
    let out = cli.fails(&["migrate", "lint", "20240102000000_index"]);
    assert!(out.contains("unknown lint rule `no-such-rule`"), "{out}");
}

/// What Prisma writes for trading v1 to v2 (`prisma-oracle diff`, the CHECK left out since Prisma has
/// none): the lock findings squawk 2.66's CLI reports on it, minus the foreign keys of the table the
/// migration creates (refract knows nothing waits on it). squawk's gcc reporter counts lines from 0;
/// these are 1-based.
#[test]
fn prismas_trading_migration_gets_the_lock_findings_squawk_reports() {
    let scratch = Scratch::new("lint-prisma");
    let prisma =
        std::fs::read_to_string(refract_e2e::root().join("crates/cli/tests/data/lint/prisma-trading-v1-to-v2.sql"))
            .unwrap();
    let (_dir, cli) = project(&scratch, "prisma", &[("20240201000000_v2", &prisma)]);
    let found = findings(&cli, &["20240201000000_v2"]);
    let locks: Vec<(String, u64)> = found
        .into_iter()
        .filter(|(rule, _)| {
            rule.starts_with("require-concurrent")
                || [
                    "changing-column-type",
                    "adding-required-field",
                    "constraint-missing-not-valid",
                    "adding-foreign-key-constraint",
                ]
                .contains(&rule.as_str())
        })
        .collect();
    let expected: Vec<(String, u64)> = [
        ("changing-column-type", 5),
        ("require-concurrent-index-deletion", 16),
        ("require-concurrent-index-deletion", 19),
        ("require-concurrent-index-deletion", 22),
        ("adding-required-field", 30),
        ("changing-column-type", 33),
        ("require-concurrent-index-creation", 51),
        ("require-concurrent-index-creation", 54),
    ]
    .iter()
    .map(|(r, l)| (r.to_string(), *l))
    .collect();
    assert_eq!(locks, expected);
}

/// refract's safe mode on tables that hold data: what it writes lints clean, and the same change
/// without safe mode does not (the linter is looking).
#[test]
fn a_migration_refract_wrote_in_safe_mode_has_no_findings() {
    let scratch = Scratch::new("lint-online");
    let db = TestDb::new("lint_online");
    let v1 = format!(
        "{DATASOURCE}\nmodel Customer {{\n  id    Int     @id @default(autoincrement())\n  email String\n  orders Order[]\n}}\n\nmodel Order {{\n  id         Int @id @default(autoincrement())\n  customerId Int\n  total      Int\n  customer   Customer @relation(fields: [customerId], references: [id])\n}}\n"
    );
    // An index, a unique key, a CHECK, a required column with a default, on tables that exist.
    let v2 = v1
        .replace("  email String\n", "  email String @unique\n  tier  String @default(\"basic\")\n")
        .replace("  total      Int\n", "  total      Int @check(\"total >= 0\")\n")
        .replace("references: [id])\n}", "references: [id])\n\n  @@index([customerId])\n}");
    for (name, online) in [("online", true), ("plain", false)] {
        let dir = scratch.path().join(name);
        std::fs::create_dir_all(dir.join("prisma")).unwrap();
        std::fs::write(dir.join("prisma/schema.prisma"), &v1).unwrap();
        let cli = Cli::new(env!("CARGO_BIN_EXE_refract"), &dir).env("DATABASE_URL", &db.url());
        cli.ok(&["migrate", "reset", "--force"]);
        let _ = std::fs::remove_dir_all(dir.join("prisma/migrations"));
        cli.ok(&["migrate", "dev", "--name", "init", "--skip-generate"]);
        std::fs::write(dir.join("prisma/schema.prisma"), &v2).unwrap();
        let mut args = vec!["migrate", "dev", "--name", "v2", "--skip-generate", "--create-only"];
        if online {
            args.push("--online");
        }
        cli.ok(&args);
        // Not applied: `migrate lint` (pending) and `migrate check` look at it.
        let out = cli.run(&["migrate", "lint"]);
        let text = refract_e2e::output_text(&out);
        let check = cli.run(&["migrate", "check"]);
        let check_text = refract_e2e::output_text(&check);
        if online {
            assert!(out.status.success(), "{text}");
            assert!(text.contains("Linted 1 migration") && text.contains("0 findings"), "{text}");
            assert!(check_text.contains("pass the migration lint"), "{check_text}");
        } else {
            assert!(!out.status.success(), "{text}");
            assert!(text.contains("require-concurrent-index-creation"), "{text}");
            assert!(text.contains("constraint-missing-not-valid"), "{text}");
            assert!(
                !check.status.success() && check_text.contains("Pending migrations have lint findings"),
                "{check_text}"
            );
            std::fs::write(dir.join("refract.toml"), "[lint]\ncheck = false\n").unwrap();
            let check = cli.run(&["migrate", "check"]);
            let text = refract_e2e::output_text(&check);
            assert!(!text.contains("migration lint") && !text.contains("lint findings"), "{text}");
        }
    }
}

/// `migrate dev` lints the migration it writes; `migrate diff --script --lint` the script it prints.
#[test]
fn dev_and_diff_print_the_findings_of_what_they_write() {
    let scratch = Scratch::new("lint-dev");
    let db = TestDb::new("lint_dev");
    let dir = scratch.path().join("dev");
    std::fs::create_dir_all(dir.join("prisma")).unwrap();
    let v1 = format!("{DATASOURCE}\nmodel Post {{\n  id    Int    @id @default(autoincrement())\n  title String\n}}\n");
    let v2 = v1.replace("  title String\n}", "  title String\n\n  @@index([title])\n}");
    std::fs::write(dir.join("prisma/schema.prisma"), &v1).unwrap();
    let cli = Cli::new(env!("CARGO_BIN_EXE_refract"), &dir).env("DATABASE_URL", &db.url());
    let out = cli.ok(&["migrate", "dev", "--name", "init", "--skip-generate"]);
    assert!(!out.contains("migration lint"), "a new table needs no lock advice: {out}");
    std::fs::write(dir.join("prisma/v2.prisma"), &v2).unwrap();
    let out = cli.ok(&[
        "migrate",
        "diff",
        "--from-schema",
        "prisma/schema.prisma",
        "--to-schema",
        "prisma/v2.prisma",
        "--script",
        "--lint",
    ]);
    assert!(
        out.contains("CREATE INDEX \"Post_title_idx\"") && out.contains("warning[require-concurrent-index-creation]"),
        "{out}"
    );
    std::fs::write(dir.join("prisma/schema.prisma"), &v2).unwrap();
    let out = cli.ok(&["migrate", "dev", "--name", "index", "--skip-generate"]);
    assert!(out.contains("warning[require-concurrent-index-creation]") && out.contains("`--online`"), "{out}");
}
