//! The migration engine as a user runs it: the `refract` binary against a real PostgreSQL, one fresh
//! database per test.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use refract_e2e::{Cli, Scratch, TestDb, output_text as text, shared};

fn refract(args: &[&str], db: &TestDb) -> Output {
    cli().run(&[args, &["--database-url", &db.url()]].concat())
}

/// The binary in the test's working directory, with no database configured unless the arguments name
/// one (`refract_e2e::Cli`: no DATABASE_URL from the test's environment).
fn cli() -> Cli {
    Cli::new(env!("CARGO_BIN_EXE_refract"), &std::env::current_dir().unwrap())
}

fn sha256_of(path: &Path) -> String {
    // An independent implementation of the checksum: coreutils' sha256sum.
    let out = Command::new("sha256sum").arg(path).output().expect("sha256sum runs");
    String::from_utf8_lossy(&out.stdout).split_whitespace().next().unwrap().to_string()
}

/// A migrations folder written by the test: (folder name, migration.sql).
fn migrations(scratch: &Scratch, files: &[(&str, &str)]) -> PathBuf {
    for (name, sql) in files {
        scratch.file(&format!("migrations/{name}/migration.sql"), sql);
    }
    scratch.file("migrations/migration_lock.toml", "provider = \"postgresql\"\n");
    scratch.path().join("migrations")
}

fn table_exists(db: &mut TestDb, name: &str) -> bool {
    db.count(&format!("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = '{name}'")) == 1
}

#[test]
fn corpus_histories_deploy_as_prisma_records_them() {
    for project in ["umami-software__umami", "hoppscotch__hoppscotch", "diced__zipline"] {
        let mut db = TestDb::new(project);
        let dir = shared().join("corpus").join(project).join("migrations");
        let dir_arg = dir.to_str().unwrap();
        let out = refract(&["migrate", "deploy", "--migrations", dir_arg], &db);
        assert!(out.status.success(), "{project}: {}", text(&out));

        let folders: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.join("migration.sql").is_file())
            .collect();
        let rows = db
            .client
            .query(
                "SELECT migration_name, checksum, finished_at IS NOT NULL, rolled_back_at IS NULL, logs IS NULL, \
                 applied_steps_count, length(id) FROM _prisma_migrations",
                &[],
            )
            .unwrap();
        assert_eq!(rows.len(), folders.len(), "{project}: one row per migration");
        for folder in &folders {
            let name = folder.file_name().unwrap().to_str().unwrap();
            let row = rows
                .iter()
                .find(|r| r.get::<_, String>(0) == name)
                .unwrap_or_else(|| panic!("{project}: no row for {name}"));
            assert_eq!(row.get::<_, String>(1), sha256_of(&folder.join("migration.sql")), "{project}/{name}: checksum");
            assert!(
                row.get::<_, bool>(2) && row.get::<_, bool>(3) && row.get::<_, bool>(4),
                "{project}/{name}: finished"
            );
            assert_eq!(row.get::<_, i32>(5), 1);
            assert_eq!(row.get::<_, i32>(6), 36, "ids are UUIDs");
        }

        let status = refract(&["migrate", "status", "--migrations", dir_arg], &db);
        assert!(status.status.success(), "{project}: {}", text(&status));
        assert!(text(&status).contains("up to date"), "{}", text(&status));
        // Deploying again applies nothing.
        let again = refract(&["migrate", "deploy", "--migrations", dir_arg], &db);
        assert!(again.status.success() && text(&again).contains("No pending migrations"), "{}", text(&again));
    }
}

const GOOD: &str = "-- CreateTable\nCREATE TABLE \"account\" (\"id\" SERIAL PRIMARY KEY, \"name\" TEXT NOT NULL);\n";
const BROKEN: &str = "-- CreateTable\nCREATE TABLE \"order\" (\"id\" SERIAL PRIMARY KEY);\n\n\
    -- AlterTable\nALTER TABLE \"account\" ADD COLUMN \"email\" TEXT;\n\n\
    -- CreateIndex\nCREATE INDEX \"order_total_idx\" ON \"order\"(\"total\");\n";
const FIXED: &str = "-- CreateTable\nCREATE TABLE \"order\" (\"id\" SERIAL PRIMARY KEY, \"total\" INTEGER);\n\n\
    -- AlterTable\nALTER TABLE \"account\" ADD COLUMN \"email\" TEXT;\n\n\
    -- CreateIndex\nCREATE INDEX \"order_total_idx\" ON \"order\"(\"total\");\n";

#[test]
fn a_failed_migration_is_rolled_back_recorded_and_blocks_until_resolved() {
    let mut db = TestDb::new("failure");
    let scratch = Scratch::new("failure");
    let dir = migrations(&scratch, &[("20240101000000_init", GOOD), ("20240102000000_orders", BROKEN)]);
    let dir_arg = dir.to_str().unwrap();
    db.client.batch_execute("SELECT 1").unwrap();

    let out = refract(&["migrate", "deploy", "--migrations", dir_arg], &db);
    let message = text(&out);
    assert_eq!(out.status.code(), Some(1), "{message}");
    assert!(message.contains("20240102000000_orders") && message.contains("statement 3 (line 8)"), "{message}");
    assert!(message.contains("column \"total\" does not exist"), "{message}");
    // The database is as before that migration: the first statements were rolled back with it.
    assert!(table_exists(&mut db, "account"));
    assert!(!table_exists(&mut db, "order"));
    assert_eq!(
        db.count(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'account' AND column_name = 'email'"
        ),
        0
    );
    let row = db
        .client
        .query_one("SELECT finished_at IS NULL, rolled_back_at IS NULL, logs FROM _prisma_migrations WHERE migration_name = '20240102000000_orders'", &[])
        .unwrap();
    assert!(row.get::<_, bool>(0) && row.get::<_, bool>(1));
    assert!(row.get::<_, String>(2).contains("column \"total\" does not exist"));

    // Later deploys refuse, naming the migration; status says it failed.
    let again = refract(&["migrate", "deploy", "--migrations", dir_arg], &db);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again).contains("20240102000000_orders") && text(&again).contains("resolve --rolled-back"),
        "{}",
        text(&again)
    );
    let status = refract(&["migrate", "status", "--migrations", dir_arg], &db);
    assert_eq!(status.status.code(), Some(1));
    assert!(text(&status).contains("Failed"), "{}", text(&status));

    // Resolve, fix the file, deploy: recovered.
    let resolved =
        refract(&["migrate", "resolve", "--rolled-back", "20240102000000_orders", "--migrations", dir_arg], &db);
    assert!(resolved.status.success(), "{}", text(&resolved));
    std::fs::write(dir.join("20240102000000_orders/migration.sql"), FIXED).unwrap();
    let fixed = refract(&["migrate", "deploy", "--migrations", dir_arg], &db);
    assert!(fixed.status.success(), "{}", text(&fixed));
    assert!(table_exists(&mut db, "order"));
    assert_eq!(db.count("SELECT count(*) FROM _prisma_migrations WHERE migration_name = '20240102000000_orders'"), 2);
    assert_eq!(db.count("SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL"), 2);
    assert!(refract(&["migrate", "status", "--migrations", dir_arg], &db).status.success());
}

#[test]
fn an_edited_migration_shows_in_status() {
    let db = TestDb::new("edited");
    let scratch = Scratch::new("edited");
    let dir = migrations(&scratch, &[("01_init", GOOD)]);
    let dir_arg = dir.to_str().unwrap();
    assert!(refract(&["migrate", "deploy", "--migrations", dir_arg], &db).status.success());
    // CRLF line endings are the same file (git on Windows); a real edit is not.
    std::fs::write(dir.join("01_init/migration.sql"), GOOD.replace('\n', "\r\n")).unwrap();
    assert!(refract(&["migrate", "status", "--migrations", dir_arg], &db).status.success());
    std::fs::write(dir.join("01_init/migration.sql"), format!("{GOOD}-- edited\n")).unwrap();
    let status = refract(&["migrate", "status", "--migrations", dir_arg, "--format", "json"], &db);
    assert_eq!(status.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(json["edited"], serde_json::json!(["01_init"]));
}

#[test]
fn a_non_empty_database_without_history_is_refused_until_baselined() {
    let mut db = TestDb::new("baseline");
    db.client.batch_execute(GOOD).unwrap();
    let scratch = Scratch::new("baseline");
    let dir = migrations(&scratch, &[("01_init", GOOD), ("02_more", "CREATE TABLE \"more\" (\"id\" INTEGER);")]);
    let dir_arg = dir.to_str().unwrap();
    let out = refract(&["migrate", "deploy", "--migrations", dir_arg], &db);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("not empty") && text(&out).contains("resolve --applied"), "{}", text(&out));
    assert!(refract(&["migrate", "resolve", "--applied", "01_init", "--migrations", dir_arg], &db).status.success());
    let out = refract(&["migrate", "deploy", "--migrations", dir_arg], &db);
    assert!(out.status.success(), "{}", text(&out));
    assert!(table_exists(&mut db, "more"));
}

#[test]
fn steps_marked_outside_a_transaction_run_outside_one() {
    let mut db = TestDb::new("concurrently");
    let scratch = Scratch::new("concurrently");
    let online = format!(
        "{GOOD}\n-- CreateIndex\n-- refract:outside-transaction\nDROP INDEX CONCURRENTLY IF EXISTS \"account_name_idx\";\n\
         CREATE INDEX CONCURRENTLY IF NOT EXISTS \"account_name_idx\" ON \"account\"(\"name\");\n\n\
         -- AddCheckConstraint\nALTER TABLE \"account\" ADD CONSTRAINT \"name_set\" CHECK (\"name\" <> '') NOT VALID;\n\n\
         -- ValidateConstraint\n-- refract:own-transaction\nALTER TABLE \"account\" VALIDATE CONSTRAINT \"name_set\";\n"
    );
    let dir = migrations(&scratch, &[("01_online", &online)]);
    let out = refract(&["migrate", "deploy", "--migrations", dir.to_str().unwrap()], &db);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(db.count("SELECT count(*) FROM pg_indexes WHERE indexname = 'account_name_idx'"), 1);
    assert_eq!(db.count("SELECT applied_steps_count::bigint FROM _prisma_migrations"), 4);
    assert_eq!(db.count("SELECT count(*) FROM pg_constraint WHERE conname = 'name_set' AND convalidated"), 1);
}

/// Migration `n` creates two tables with a pause between them, so a kill can land inside it. Every third
/// one also builds an index concurrently, so it runs statement by statement, its history row recorded
/// first; it is written to run again over a killed attempt, as such migrations are (IF NOT EXISTS, and
/// the invalid index a killed build leaves dropped first).
fn slow_migrations(scratch: &Scratch, count: usize) -> PathBuf {
    let files: Vec<(String, String)> = (1..=count)
        .map(|n| {
            let sql = if statement_by_statement(n) {
                format!(
                    "CREATE TABLE IF NOT EXISTS \"t{n}_a\" (\"id\" INTEGER);\nSELECT pg_sleep(0.05);\n\
                     DROP INDEX CONCURRENTLY IF EXISTS \"t{n}_a_idx\";\n\
                     CREATE INDEX CONCURRENTLY IF NOT EXISTS \"t{n}_a_idx\" ON \"t{n}_a\"(\"id\");\n\
                     CREATE TABLE IF NOT EXISTS \"t{n}_b\" (\"id\" INTEGER);\n"
                )
            } else {
                format!(
                    "CREATE TABLE \"t{n}_a\" (\"id\" INTEGER);\nSELECT pg_sleep(0.05);\nCREATE TABLE \"t{n}_b\" (\"id\" INTEGER);\n"
                )
            };
            (format!("{n:02}_step"), sql)
        })
        .collect();
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    migrations(scratch, &borrowed)
}

fn statement_by_statement(n: usize) -> bool {
    n.is_multiple_of(3)
}

/// Waits until no other session is connected to the test database: a killed client's server process
/// finishes the statement it was running (committing it, outside a transaction) before it notices.
fn wait_for_orphans(db: &mut TestDb) {
    let started = std::time::Instant::now();
    while db
        .count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
        > 0
    {
        assert!(started.elapsed() < Duration::from_secs(30), "a killed deploy's session did not end");
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn valid_index(db: &mut TestDb, name: &str) -> bool {
    db.count(&format!(
        "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = '{name}' AND i.indisvalid"
    )) == 1
}

fn spawn_deploy(dir: &Path, db: &TestDb) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_refract"))
        .args(["migrate", "deploy", "--migrations"])
        .arg(dir)
        .arg("--database-url")
        .arg(db.url())
        .env("REFRACT_LOCK_TIMEOUT", "30")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("refract starts")
}

#[test]
fn two_deploys_at_once_apply_each_migration_exactly_once() {
    let mut db = TestDb::new("concurrent");
    let scratch = Scratch::new("concurrent");
    const COUNT: usize = 6;
    let dir = slow_migrations(&scratch, COUNT);
    let a = spawn_deploy(&dir, &db);
    let b = spawn_deploy(&dir, &db);
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(a.status.success(), "{}", text(&a));
    assert!(b.status.success(), "{}", text(&b));
    assert_eq!(db.count("SELECT count(*) FROM _prisma_migrations"), COUNT as i64);
    assert_eq!(
        db.count("SELECT count(DISTINCT migration_name) FROM _prisma_migrations WHERE finished_at IS NOT NULL"),
        COUNT as i64
    );
    // The statement-by-statement migrations too: each built its index once, valid.
    for n in (1..=COUNT).filter(|&n| statement_by_statement(n)) {
        assert!(valid_index(&mut db, &format!("t{n}_a_idx")), "migration {n}");
    }
}

#[test]
fn killing_deploy_never_leaves_a_half_applied_migration() {
    let mut db = TestDb::new("sigkill");
    let scratch = Scratch::new("sigkill");
    const COUNT: usize = 60;
    let dir = slow_migrations(&scratch, COUNT);
    let dir_arg = dir.to_str().unwrap();
    // A fixed sequence of kill delays, shorter together than a whole run (60 x 50 ms), so every kill
    // lands inside the history and failures reproduce.
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut resolved = 0;
    for round in 0..20 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = Duration::from_millis(20 + seed % 150);
        let mut child = spawn_deploy(&dir, &db);
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        wait_for_orphans(&mut db);
        let history = table_exists(&mut db, "_prisma_migrations");
        for n in 1..=COUNT {
            let name = format!("{n:02}_step");
            let a = table_exists(&mut db, &format!("t{n}_a"));
            let b = table_exists(&mut db, &format!("t{n}_b"));
            // Rows not marked rolled back: the migration's record.
            let count = |db: &mut TestDb, condition: &str| {
                if history {
                    db.count(&format!(
                        "SELECT count(*) FROM _prisma_migrations WHERE migration_name = '{name}' AND rolled_back_at IS NULL{condition}"
                    ))
                } else {
                    0
                }
            };
            let rows = count(&mut db, "");
            let finished = count(&mut db, " AND finished_at IS NOT NULL") == 1;
            assert!(rows <= 1, "round {round}, migration {n}: {rows} rows");
            if !statement_by_statement(n) {
                // All there with its finished row, or nothing at all.
                assert!(
                    a == b && a == finished,
                    "round {round}, migration {n}: tables {a}/{b}, rows {rows}, finished {finished}"
                );
            } else if finished {
                assert!(a && b && valid_index(&mut db, &format!("t{n}_a_idx")), "round {round}, migration {n}");
            } else if rows == 0 {
                // Never anything applied without a row saying the migration started.
                assert!(!a && !b, "round {round}, migration {n}: tables {a}/{b} without a history row");
            } else {
                // Started, not finished: a failed migration, which deploy refuses until it is resolved.
                // Roll back by hand what it applied, as an operator would, and say so.
                db.client.batch_execute(&format!("DROP TABLE IF EXISTS \"t{n}_a\", \"t{n}_b\"")).unwrap();
                let out = cli().run(&[
                    "migrate",
                    "resolve",
                    "--rolled-back",
                    &name,
                    "--migrations",
                    dir_arg,
                    "--database-url",
                    &db.url(),
                ]);
                assert!(out.status.success(), "{}", text(&out));
                resolved += 1;
            }
        }
    }
    let applied = db.count("SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL");
    assert!(applied < COUNT as i64, "the kills came too late to interrupt anything");
    eprintln!("{resolved} kills left a statement-by-statement migration started, not finished");
    assert!(resolved > 0, "no kill landed inside a statement-by-statement migration");
    let out = spawn_deploy(&dir, &db).wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(db.count("SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL"), COUNT as i64);
    assert_eq!(db.count("SELECT count(*) FROM _prisma_migrations"), COUNT as i64 + resolved);
    for n in (1..=COUNT).filter(|&n| statement_by_statement(n)) {
        assert!(valid_index(&mut db, &format!("t{n}_a_idx")), "migration {n}");
    }
}

#[test]
fn a_held_lock_times_out_naming_its_holder() {
    let mut db = TestDb::new("lock");
    let scratch = Scratch::new("lock");
    let dir = migrations(&scratch, &[("01_init", GOOD)]);
    db.client.batch_execute("SET application_name = 'someone-else'; SELECT pg_advisory_lock(72707369)").unwrap();
    let out = cli().env("REFRACT_LOCK_TIMEOUT", "1").run(&[
        "migrate",
        "deploy",
        "--migrations",
        dir.to_str().unwrap(),
        "--database-url",
        &db.url(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("someone-else"), "{}", text(&out));
    assert!(!table_exists(&mut db, "account"));
}

fn folders(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|r| {
            r.map(|e| e.unwrap()).filter(|e| e.path().is_dir()).map(|e| e.file_name().into_string().unwrap()).collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn every_example_goes_through_migrate_dev_twice() {
    let examples = shared().join("examples");
    let cases = [
        ("basket", vec!["basket/schema.prisma"]),
        ("wedefi", vec!["wedefi/schema.prisma"]),
        ("trading", vec!["trading/v1.prisma", "trading/v2.prisma"]),
    ];
    for (label, versions) in cases {
        let mut db = TestDb::new(label);
        let scratch = Scratch::new(label);
        let schema = scratch.path().join("schema.prisma");
        let dir = scratch.path().join("migrations");
        let args = ["migrate", "dev", "--schema", schema.to_str().unwrap(), "--migrations", dir.to_str().unwrap()];
        for (i, version) in versions.iter().enumerate() {
            std::fs::copy(examples.join(version), &schema).unwrap();
            if *version == "trading/v2.prisma" {
                db.client
                    .batch_execute(&std::fs::read_to_string(examples.join("trading/seed-v1.sql")).unwrap())
                    .unwrap();
            }
            let first = refract(&[&args[..], &["--name", "step"]].concat(), &db);
            assert!(first.status.success(), "{label} {version}: {}", text(&first));
            let written = folders(&dir);
            assert_eq!(written.len(), i + 1, "{label} {version}: {written:?}");
            let newest = dir.join(written.last().unwrap());
            assert!(newest.join("migration.sql").is_file() && newest.join("state.json").is_file());
            assert!(
                written.last().unwrap().ends_with("_step")
                    && written.last().unwrap().len() == "20240101000000_step".len()
            );

            let second = refract(&args, &db);
            assert!(second.status.success(), "{label} {version} (again): {}", text(&second));
            assert!(text(&second).contains("Already in sync"), "{}", text(&second));
            assert_eq!(folders(&dir).len(), i + 1, "{label}: the second run wrote nothing");
        }
        assert_eq!(
            db.count("SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL"),
            versions.len() as i64
        );
        if label == "trading" {
            // The rename kept the seeded names.
            assert!(db.count("SELECT count(*) FROM accounts WHERE display_name IS NOT NULL") > 0);
        }
    }
}

#[test]
fn migrate_dev_continues_a_prisma_history_without_snapshots() {
    let db = TestDb::new("prisma_history");
    let project = shared().join("corpus/diced__zipline");
    let scratch = Scratch::new("prisma-history");
    // Copy the history: migrate dev must not write into ../shared.
    for m in std::fs::read_dir(project.join("migrations")).unwrap() {
        let m = m.unwrap().path();
        if m.is_dir() {
            let name = m.file_name().unwrap().to_str().unwrap().to_string();
            scratch.file(
                &format!("migrations/{name}/migration.sql"),
                &std::fs::read_to_string(m.join("migration.sql")).unwrap(),
            );
        }
    }
    let schema = scratch.file("schema.prisma", &std::fs::read_to_string(project.join("schema.prisma")).unwrap());
    let dir = scratch.path().join("migrations");
    let args = ["migrate", "dev", "--schema", schema.to_str().unwrap(), "--migrations", dir.to_str().unwrap()];
    let out = refract(&args, &db);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("Already in sync"), "the schema matches its history: {}", text(&out));
    assert_eq!(folders(&dir).len(), 50);

    // A change to the schema becomes a 51st migration, planned from the replayed history.
    let changed =
        std::fs::read_to_string(&schema).unwrap().replacen("model User {", "model User {\n  nickname String?", 1);
    std::fs::write(&schema, changed).unwrap();
    let out = refract(&[&args[..], &["--name", "nickname"]].concat(), &db);
    assert!(out.status.success(), "{}", text(&out));
    let newest = dir.join(folders(&dir).last().unwrap());
    let sql = std::fs::read_to_string(newest.join("migration.sql")).unwrap();
    assert_eq!(sql.trim(), "-- AlterTable\nALTER TABLE \"User\" ADD COLUMN     \"nickname\" TEXT;", "{sql}");
}

#[test]
fn migrate_check_finds_drift_and_clears_when_reverted() {
    let mut db = TestDb::new("drift");
    let scratch = Scratch::new("drift");
    let schema = scratch
        .file("schema.prisma", &std::fs::read_to_string(shared().join("examples/basket/schema.prisma")).unwrap());
    let dir = scratch.path().join("migrations");
    let project = ["--schema", schema.to_str().unwrap(), "--migrations", dir.to_str().unwrap()];
    assert!(refract(&[&["migrate", "dev", "--name", "init"][..], &project].concat(), &db).status.success());
    let check = |db: &TestDb| refract(&[&["migrate", "check"][..], &project].concat(), db);
    let clean = check(&db);
    assert!(clean.status.success(), "{}", text(&clean));

    let index = db
        .client
        .query_one(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'wallets' AND indexname NOT LIKE '%pkey' LIMIT 1",
            &[],
        )
        .unwrap()
        .get::<_, String>(0);
    let index_def: String =
        db.client.query_one("SELECT indexdef FROM pg_indexes WHERE indexname = $1", &[&index]).unwrap().get(0);
    let drifts = [
        (
            "ALTER TABLE users ALTER COLUMN email TYPE VARCHAR(500)",
            "ALTER TABLE users ALTER COLUMN email TYPE TEXT",
            "\"email\"",
        ),
        (&*format!("DROP INDEX \"{index}\""), &*index_def, &*index),
        ("CREATE TABLE hand_made (id INTEGER)", "DROP TABLE hand_made", "hand_made"),
    ];
    for (change, revert, named) in drifts {
        db.client.batch_execute(change).unwrap();
        let out = check(&db);
        assert_eq!(out.status.code(), Some(1), "{change}: {}", text(&out));
        assert!(text(&out).contains("drifted") && text(&out).contains(named), "{change}: {}", text(&out));
        db.client.batch_execute(revert).unwrap();
        let out = check(&db);
        assert!(out.status.success(), "after reverting {change}: {}", text(&out));
    }
}

#[test]
fn db_execute_names_the_failing_statement() {
    let mut db = TestDb::new("execute");
    let scratch = Scratch::new("execute");
    let file = scratch.file(
        "script.sql",
        "CREATE TABLE a (id INTEGER);\nINSERT INTO a VALUES (1);\nINSERT INTO missing VALUES (1);\n",
    );
    let out = refract(&["db", "execute", "--file", file.to_str().unwrap()], &db);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("statement 3 (line 3)") && text(&out).contains("\"missing\" does not exist"),
        "{}",
        text(&out)
    );
    assert!(!table_exists(&mut db, "a"), "the script ran in one transaction");
}

/// Builds `schema` in `db` from nothing, as a fresh `migrate deploy` of its first migration would.
fn build(db: &mut TestDb, schema: &Path) {
    let ir = refract_e2e::schema_of(schema);
    db.apply(&refract_e2e::plan(&Default::default(), &ir)).unwrap_or_else(|e| panic!("{}: {e}", schema.display()));
}

#[test]
fn db_pull_writes_a_schema_that_validates_and_plans_empty() {
    let scratch = Scratch::new("pull");
    let generated = scratch.file("gen-schema-200.prisma", &refract_e2e::gen_schema(&["200"]));
    let mut schemas: Vec<PathBuf> =
        ["examples/basket/schema.prisma", "examples/wedefi/schema.prisma", "examples/trading/v2.prisma"]
            .iter()
            .map(|p| shared().join(p))
            .collect();
    for project in ["umami-software__umami", "hoppscotch__hoppscotch", "diced__zipline"] {
        schemas.push(shared().join("corpus").join(project).join("schema.prisma"));
    }
    schemas.push(refract_e2e::root().join("schema/schema.prisma"));
    schemas.push(generated);
    for (i, schema) in schemas.iter().enumerate() {
        let label = schema.display().to_string();
        let mut db = TestDb::new("pull");
        build(&mut db, schema);
        // A path with no file yet: the pull starts from nothing.
        let target = scratch.path().join(format!("pulled-{i}/schema.prisma"));
        let target_arg = target.to_str().unwrap();
        let out = refract(&["db", "pull", "--schema", target_arg], &db);
        assert!(out.status.success(), "{label}: {}", text(&out));
        let pulled = std::fs::read_to_string(&target).unwrap();
        refract_e2e::schema_of_text(&label, &pulled);
        let url = db.url();
        let diff = cli().run(&["migrate", "diff", "--from-url", &url, "--to-schema", target_arg, "--exit-code"]);
        assert_eq!(
            diff.status.code(),
            Some(0),
            "{label}: the pulled schema plans a change:\n{}\n{pulled}",
            text(&diff)
        );
    }
}

#[test]
fn db_pull_keeps_the_names_of_the_schema_it_replaces() {
    let mut db = TestDb::new("repull");
    let original = shared().join("examples/basket/schema.prisma");
    build(&mut db, &original);
    let scratch = Scratch::new("repull");
    let target = scratch.file("schema.prisma", &std::fs::read_to_string(&original).unwrap());
    let out = refract(&["db", "pull", "--schema", target.to_str().unwrap()], &db);
    assert!(out.status.success(), "{}", text(&out));
    let pulled_text = std::fs::read_to_string(&target).unwrap();
    let pulled = refract_e2e::schema_of_text("pulled", &pulled_text);
    let before = refract_e2e::schema_of(&original);
    // Models, fields, relation fields (names and arity), enums and application-side defaults keep
    // their names: the IRs are equal, order aside.
    assert_eq!(pulled.tables.len(), before.tables.len());
    for (key, table) in &before.tables {
        let mut after = pulled.tables[key].clone();
        after.columns.sort_keys();
        after.indexes.sort_by(|a, b| a.name.cmp(&b.name));
        after.foreign_keys.sort_by(|a, b| a.name.cmp(&b.name));
        after.relations.sort_by(|a, b| a.field.cmp(&b.field));
        let mut table = table.clone();
        table.columns.sort_keys();
        table.indexes.sort_by(|a, b| a.name.cmp(&b.name));
        table.foreign_keys.sort_by(|a, b| a.name.cmp(&b.name));
        table.relations.sort_by(|a, b| a.field.cmp(&b.field));
        assert_eq!(after, table, "{key}");
    }
    assert_eq!(pulled.enums.len(), before.enums.len());
    for (key, e) in &before.enums {
        assert_eq!(&pulled.enums[key], e);
    }
    // Relation fields too: every `name Type` line of the original's models is still there.
    let field_lines = |text: &str| -> std::collections::BTreeSet<(String, String)> {
        text.lines()
            .filter_map(|l| {
                let mut words = l.split_whitespace();
                let (name, ty) = (words.next()?, words.next()?);
                (l.starts_with("  ") && !name.starts_with('@') && !name.starts_with('/'))
                    .then(|| (name.into(), ty.into()))
            })
            .collect()
    };
    let missing: Vec<_> = field_lines(&std::fs::read_to_string(&original).unwrap())
        .difference(&field_lines(&pulled_text))
        .cloned()
        .collect();
    assert!(missing.is_empty(), "relation fields renamed: {missing:?}\n{pulled_text}");
}

#[test]
fn db_push_refuses_data_loss_and_impossible_steps_until_told() {
    let mut db = TestDb::new("push");
    let scratch = Scratch::new("push");
    let datasource = "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n";
    let v1 = scratch.file(
        "v1.prisma",
        &format!(
            "{datasource}model Note {{\n  id Int @id @default(autoincrement())\n  title String\n  body String?\n}}\n"
        ),
    );
    let without_body = scratch.file(
        "v2.prisma",
        &format!("{datasource}model Note {{\n  id Int @id @default(autoincrement())\n  title String\n}}\n"),
    );
    let with_owner = scratch.file(
        "v3.prisma",
        &format!("{datasource}model Note {{\n  id Int @id @default(autoincrement())\n  title String\n  body String?\n  owner String\n}}\n"),
    );
    let push = |schema: &Path, extra: &[&str], db: &TestDb| {
        refract(&[&["db", "push", "--schema", schema.to_str().unwrap()][..], extra].concat(), db)
    };
    let out = push(&v1, &[], &db);
    assert!(out.status.success(), "{}", text(&out));
    db.client.batch_execute("INSERT INTO \"Note\" (title, body) VALUES ('a', 'kept'), ('b', NULL)").unwrap();

    let out = push(&with_owner, &[], &db);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("There are 2 rows in this table"), "{}", text(&out));
    let out = push(&with_owner, &["--accept-data-loss"], &db);
    assert_eq!(out.status.code(), Some(1), "an impossible step stays impossible: {}", text(&out));

    let out = push(&without_body, &[], &db);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("1 non-null values") && text(&out).contains("--accept-data-loss"), "{}", text(&out));
    assert_eq!(db.count("SELECT count(*) FROM \"Note\" WHERE body = 'kept'"), 1, "nothing changed");

    let out = push(&without_body, &["--accept-data-loss"], &db);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(
        db.count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'Note' AND column_name = 'body'"),
        0
    );
    assert_eq!(db.count("SELECT count(*) FROM \"Note\""), 2, "the rows survive");
    let out = push(&without_body, &[], &db);
    assert!(out.status.success() && text(&out).contains("already in sync"), "{}", text(&out));
    assert!(!table_exists(&mut db, "_prisma_migrations"), "db push keeps no history");
}

#[test]
fn migrate_dev_regenerates_the_configured_models() {
    let db = TestDb::new("regenerate");
    let scratch = Scratch::new("regenerate");
    scratch.file("refract.toml", "[generate]\nout = \"src/models.rs\"\nfeatures = [\"postgres\", \"serde\"]\n");
    let v1 = "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n\nmodel Note {\n  id Int @id @default(autoincrement())\n  title String\n}\n";
    scratch.file("schema/schema.prisma", v1);
    let dev = || {
        Cli::new(env!("CARGO_BIN_EXE_refract"), scratch.path()).run(&["migrate", "dev", "--database-url", &db.url()])
    };
    let out = dev();
    assert!(out.status.success(), "{}", text(&out));
    let models = std::fs::read_to_string(scratch.path().join("src/models.rs")).unwrap();
    assert!(models.contains("pub struct Note {") && models.contains("pub title: String,"), "{models}");
    assert!(models.contains("tokio_postgres") && !models.contains("sqlx"), "only the configured features: {models}");

    scratch.file(
        "schema/schema.prisma",
        &v1.replace("  title String\n", "  title String\n  pinned Boolean @default(false)\n"),
    );
    let out = dev();
    assert!(out.status.success(), "{}", text(&out));
    let models = std::fs::read_to_string(scratch.path().join("src/models.rs")).unwrap();
    assert!(models.contains("pub pinned: bool,"), "{models}");
}
