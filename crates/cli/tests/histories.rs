//! Migration histories written the way Prisma users write them (`tests/data/histories/<case>/`: a
//! `migrations` folder and the `schema.prisma` it builds), deployed with the `refract` binary into a
//! fresh database each: statements PostgreSQL refuses in a transaction block (`CREATE INDEX
//! CONCURRENTLY` alone in its file and after other statements, `DROP INDEX CONCURRENTLY`), new enum
//! values used in the file that adds them, odd folder names and hand-edited SQL.
//!
//! A case may hold `checks.sql`: one query per line, each returning a single `true` after the deploy.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use refract_e2e::{Cli, Scratch, TestDb, output_text as text};
use refract_script::{StatementKind, classify};

/// The binary in the test's working directory, with no database configured unless the arguments name
/// one (`refract_e2e::Cli`: no DATABASE_URL from the test's environment).
fn cli() -> Cli {
    Cli::new(env!("CARGO_BIN_EXE_refract"), &std::env::current_dir().unwrap())
}

fn refract(args: &[&str], db: &TestDb) -> Output {
    cli().run(&[args, &["--database-url", &db.url()]].concat())
}

fn sha256_of(path: &Path) -> String {
    // An independent implementation of Prisma's checksum: coreutils' sha256sum.
    let out = Command::new("sha256sum").arg(path).output().expect("sha256sum runs");
    String::from_utf8_lossy(&out.stdout).split_whitespace().next().unwrap().to_string()
}

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/histories");
    let mut cases: Vec<PathBuf> =
        std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    cases.sort();
    assert!(cases.len() >= 6, "{cases:?}");
    cases
}

/// The migration folders of a case, in apply order.
fn folders(migrations: &Path) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(migrations)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("migration.sql").is_file())
        .collect();
    folders.sort();
    folders
}

/// Copies a case's migrations into a scratch folder (commands that write must not touch the data).
fn copy_migrations(case: &Path, scratch: &Scratch) -> PathBuf {
    let from = case.join("migrations");
    scratch.file("migrations/migration_lock.toml", &std::fs::read_to_string(from.join("migration_lock.toml")).unwrap());
    for folder in folders(&from) {
        let name = folder.file_name().unwrap().to_str().unwrap();
        scratch.file(
            &format!("migrations/{name}/migration.sql"),
            &std::fs::read_to_string(folder.join("migration.sql")).unwrap(),
        );
    }
    scratch.path().join("migrations")
}

fn all_indexes_valid(db: &mut TestDb) {
    let invalid: Vec<String> = db
        .client
        .query(
            "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid \
             JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT (i.indisvalid AND i.indisready)",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(invalid.is_empty(), "invalid indexes: {invalid:?}");
}

#[test]
fn every_history_deploys_as_prisma_records_it() {
    for case in cases() {
        let label = case.file_name().unwrap().to_str().unwrap().to_string();
        let mut db = TestDb::new(&label);
        let migrations = case.join("migrations");
        let dir = migrations.to_str().unwrap();
        let schema = case.join("schema.prisma");
        let schema = schema.to_str().unwrap();

        let out = refract(&["migrate", "deploy", "--migrations", dir], &db);
        assert!(out.status.success(), "{label}: {}", text(&out));

        // One finished row per folder, with Prisma's checksum and step count.
        let rows = db
            .client
            .query(
                "SELECT migration_name, checksum, finished_at IS NOT NULL AND rolled_back_at IS NULL AND logs IS NULL, \
                 applied_steps_count FROM _prisma_migrations",
                &[],
            )
            .unwrap();
        let expected = folders(&migrations);
        assert_eq!(rows.len(), expected.len(), "{label}: one row per migration");
        for folder in &expected {
            let name = folder.file_name().unwrap().to_str().unwrap();
            let row = rows
                .iter()
                .find(|r| r.get::<_, String>(0) == name)
                .unwrap_or_else(|| panic!("{label}: no row for `{name}`"));
            assert_eq!(row.get::<_, String>(1), sha256_of(&folder.join("migration.sql")), "{label}/{name}: checksum");
            assert!(row.get::<_, bool>(2), "{label}/{name}: finished");
            assert_eq!(row.get::<_, i32>(3), 1, "{label}/{name}: Prisma counts one step per finished migration");
        }

        // The objects: every index valid, the case's own checks, and the database is what the schema
        // describes (an empty plan from the live database to the schema).
        all_indexes_valid(&mut db);
        if let Ok(checks) = std::fs::read_to_string(case.join("checks.sql")) {
            for check in checks.lines().filter(|l| !l.trim().is_empty()) {
                let ok: bool =
                    db.client.query_one(check, &[]).unwrap_or_else(|e| panic!("{label}: {check}: {e}")).get(0);
                assert!(ok, "{label}: {check}");
            }
        }
        let url = db.url();
        let diff = cli().run(&["migrate", "diff", "--from-url", &url, "--to-schema", schema, "--exit-code"]);
        assert_eq!(diff.status.code(), Some(0), "{label}: the database differs from schema.prisma: {}", text(&diff));

        // The scratch replays (history against schema, drift) run the files the same way.
        let check = refract(&["migrate", "check", "--schema", schema, "--migrations", dir], &db);
        assert!(check.status.success(), "{label}: {}", text(&check));

        // Deploying again applies nothing.
        let again = refract(&["migrate", "deploy", "--migrations", dir], &db);
        assert!(again.status.success() && text(&again).contains("No pending migrations"), "{label}: {}", text(&again));
        assert_eq!(db.count("SELECT count(*) FROM _prisma_migrations"), expected.len() as i64);

        // migrate dev on a fresh database: the history replays and deploys, and nothing is left to write.
        let dev_db = TestDb::new(&format!("{label}_dev"));
        let scratch = Scratch::new(&label);
        let copy = copy_migrations(&case, &scratch);
        let dev = refract(&["migrate", "dev", "--schema", schema, "--migrations", copy.to_str().unwrap()], &dev_db);
        assert!(dev.status.success() && text(&dev).contains("Already in sync"), "{label} (dev): {}", text(&dev));
        assert_eq!(folders(&copy).len(), expected.len(), "{label}: migrate dev wrote nothing");
    }
}

const BROKEN: &str = "-- AlterTable\nALTER TABLE \"Order\" ADD COLUMN     \"note\" TEXT;\n\n\
    -- CreateIndex\nCREATE INDEX CONCURRENTLY \"Order_note_idx\" ON \"Order\"(\"note\");\n\n\
    -- AlterTable\nALTER TABLE \"Order\" ADD COLUMN     \"total\" INTEGER NOT NULL DEFAULT 'free';\n";
const REPAIRED: &str = "-- AlterTable\nALTER TABLE \"Order\" ADD COLUMN IF NOT EXISTS \"note\" TEXT;\n\n\
    -- CreateIndex\nCREATE INDEX CONCURRENTLY IF NOT EXISTS \"Order_note_idx\" ON \"Order\"(\"note\");\n\n\
    -- AlterTable\nALTER TABLE \"Order\" ADD COLUMN     \"total\" INTEGER NOT NULL DEFAULT 0;\n";

#[test]
fn a_failure_after_a_concurrent_index_is_recorded_with_what_was_applied() {
    let mut db = TestDb::new("failing_concurrently");
    let scratch = Scratch::new("failing-concurrently");
    let case = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/histories/concurrently_mixed");
    let dir = copy_migrations(&case, &scratch);
    let name = "20230401000000_order_notes";
    scratch.file(&format!("migrations/{name}/migration.sql"), BROKEN);
    let dir_arg = dir.to_str().unwrap();

    let out = refract(&["migrate", "deploy", "--migrations", dir_arg], &db);
    let message = text(&out);
    assert_eq!(out.status.code(), Some(1), "{message}");
    assert!(message.contains(name) && message.contains("statement 3 (line 8)"), "{message}");
    assert!(message.contains("invalid input syntax for type integer: \"free\""), "{message}");
    assert!(message.contains("the parts of it that ran before this statement stay applied"), "{message}");
    // The earlier migrations are finished; the statements before the failing one are in the database.
    assert_eq!(db.count("SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL"), 3);
    assert_eq!(
        db.count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'Order' AND column_name = 'note'"),
        1
    );
    assert_eq!(
        db.count("SELECT count(*) FROM pg_index WHERE indexrelid = '\"Order_note_idx\"'::regclass AND indisvalid"),
        1
    );
    let row = db
        .client
        .query_one(
            "SELECT finished_at IS NULL, rolled_back_at IS NULL, logs, applied_steps_count FROM _prisma_migrations WHERE migration_name = $1",
            &[&name],
        )
        .unwrap();
    assert!(row.get::<_, bool>(0) && row.get::<_, bool>(1), "a failed row");
    let logs: String = row.get(2);
    assert!(logs.contains("invalid input syntax for type integer") && logs.contains("Statement 3 (line 8)"), "{logs}");
    assert!(logs.contains("Statements 1 to 2 were applied."), "{logs}");
    assert!(logs.contains("statement 2 (line 5) cannot run inside a transaction block"), "{logs}");
    assert_eq!(row.get::<_, i32>(3), 0, "Prisma records no step for a failed migration");

    // Deploy refuses until the failure is resolved; status reports it.
    let again = refract(&["migrate", "deploy", "--migrations", dir_arg], &db);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again).contains(name) && text(&again).contains("resolve --rolled-back"), "{}", text(&again));
    assert_eq!(refract(&["migrate", "status", "--migrations", dir_arg], &db).status.code(), Some(1));

    // Repair the file so it can run again over what was applied, resolve, deploy.
    std::fs::write(dir.join(name).join("migration.sql"), REPAIRED).unwrap();
    let resolved = refract(&["migrate", "resolve", "--rolled-back", name, "--migrations", dir_arg], &db);
    assert!(resolved.status.success(), "{}", text(&resolved));
    let fixed = refract(&["migrate", "deploy", "--migrations", dir_arg], &db);
    assert!(fixed.status.success(), "{}", text(&fixed));
    assert_eq!(db.count("SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL"), 4);
    assert_eq!(db.count("SELECT count(*) FROM _prisma_migrations WHERE rolled_back_at IS NOT NULL"), 1);
    all_indexes_valid(&mut db);
    assert!(refract(&["migrate", "status", "--migrations", dir_arg], &db).status.success());
}

#[test]
fn db_execute_runs_a_file_with_a_concurrent_index() {
    let mut db = TestDb::new("execute_concurrently");
    let scratch = Scratch::new("execute-concurrently");
    let file = scratch.file(
        "script.sql",
        "CREATE TABLE \"Event\" (\"id\" SERIAL PRIMARY KEY, \"at\" TIMESTAMP(3) NOT NULL);\n\
         INSERT INTO \"Event\" (\"at\") VALUES (now());\n\
         CREATE INDEX CONCURRENTLY IF NOT EXISTS \"Event_at_idx\" ON \"Event\"(\"at\");\n",
    );
    let out = refract(&["db", "execute", "--file", file.to_str().unwrap()], &db);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(
        db.count("SELECT count(*) FROM pg_index WHERE indexrelid = '\"Event_at_idx\"'::regclass AND indisvalid"),
        1
    );

    // A failure after it says what was applied.
    let failing = scratch.file(
        "failing.sql",
        "VACUUM \"Event\";\nALTER TABLE \"Event\" ADD COLUMN \"kind\" TEXT;\nINSERT INTO \"Missing\" VALUES (1);\n",
    );
    let out = refract(&["db", "execute", "--file", failing.to_str().unwrap()], &db);
    assert_eq!(out.status.code(), Some(1));
    let message = text(&out);
    assert!(message.contains("statement 3 (line 3)") && message.contains("\"Missing\" does not exist"), "{message}");
    assert!(message.contains("statements before statement 3 were applied"), "{message}");
    assert_eq!(
        db.count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'Event' AND column_name = 'kind'"),
        1
    );
}

/// A statement the text does not reveal as refused in a transaction block (REINDEX of a partitioned
/// table): the one-transaction attempt rolls back whole, history row included, and the file runs again
/// statement by statement.
#[test]
fn a_file_the_server_refuses_as_one_transaction_runs_statement_by_statement() {
    let mut db = TestDb::new("refused");
    let scratch = Scratch::new("refused");
    let events = "-- CreateTable\nCREATE TABLE \"Event\" (\"at\" DATE NOT NULL) PARTITION BY RANGE (\"at\");\n\
        CREATE TABLE \"Event_all\" PARTITION OF \"Event\" FOR VALUES FROM (MINVALUE) TO (MAXVALUE);\n\n\
        -- CreateIndex\nCREATE INDEX \"Event_at_idx\" ON \"Event\"(\"at\");\nREINDEX TABLE \"Event\";\n";
    scratch.file("migrations/migration_lock.toml", "provider = \"postgresql\"\n");
    scratch.file("migrations/20240101000000_events/migration.sql", events);
    scratch.file(
        "migrations/20240102000000_broken/migration.sql",
        "REINDEX TABLE \"Event\";\nALTER TABLE \"Event\" ADD COLUMN \"kind\" TEXT;\nINSERT INTO \"Missing\" VALUES (1);\n",
    );
    let dir = scratch.path().join("migrations");
    let out = refract(&["migrate", "deploy", "--migrations", dir.to_str().unwrap()], &db);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let message = text(&out);
    assert!(message.contains("20240102000000_broken") && message.contains("statement 3 (line 3)"), "{message}");
    assert!(message.contains("PostgreSQL refused to run the transaction holding statement 1"), "{message}");
    assert_eq!(
        db.count(
            "SELECT count(*) FROM _prisma_migrations WHERE migration_name = '20240101000000_events' \
             AND finished_at IS NOT NULL AND applied_steps_count = 1"
        ),
        1
    );
    assert_eq!(db.count("SELECT count(*) FROM _prisma_migrations"), 2, "one row per migration, the attempt left none");
    all_indexes_valid(&mut db);

    // db execute: the same.
    let file = scratch.file(
        "reindex.sql",
        "ALTER TABLE \"Event\" ADD COLUMN IF NOT EXISTS \"source\" TEXT;\nREINDEX TABLE \"Event\";\n",
    );
    let out = refract(&["db", "execute", "--file", file.to_str().unwrap()], &db);
    assert!(out.status.success(), "{}", text(&out));
}

/// The classification agrees with the server: each statement, run inside a transaction block, is
/// refused with SQLSTATE 25001 exactly when it is classified as refused there.
#[test]
fn the_statements_refused_in_a_transaction_block_are_the_ones_postgresql_refuses() {
    let mut db = TestDb::new("classify");
    db.client
        .batch_execute(
            "CREATE TYPE \"Role\" AS ENUM ('USER');\n\
             CREATE TABLE \"User\" (\"id\" SERIAL PRIMARY KEY, \"email\" TEXT, \"role\" \"Role\");\n\
             CREATE INDEX \"User_email_idx\" ON \"User\"(\"email\");\n\
             CREATE TABLE \"Event\" (\"at\" DATE) PARTITION BY RANGE (\"at\");\n\
             CREATE TABLE \"Event_2023\" PARTITION OF \"Event\" FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');",
        )
        .unwrap();
    let name = db.name.clone();
    let statements = [
        "CREATE INDEX CONCURRENTLY \"User_email_idx2\" ON \"User\"(\"email\")".to_string(),
        "create unique index concurrently if not exists \"u\" on public.\"User\" (\"email\")".into(),
        "CREATE INDEX \"User_email_idx3\" ON \"User\"(\"email\")".into(),
        "DROP INDEX CONCURRENTLY IF EXISTS \"User_email_idx\"".into(),
        "DROP INDEX IF EXISTS \"User_email_idx\"".into(),
        "REINDEX INDEX CONCURRENTLY \"User_email_idx\"".into(),
        "REINDEX (CONCURRENTLY) TABLE \"User\"".into(),
        "REINDEX (VERBOSE) TABLE \"User\"".into(),
        "REINDEX SCHEMA public".into(),
        format!("REINDEX DATABASE \"{name}\""),
        format!("REINDEX SYSTEM \"{name}\""),
        "VACUUM \"User\"".into(),
        "VACUUM (ANALYZE) \"User\"".into(),
        "ANALYZE \"User\"".into(),
        "CLUSTER".into(),
        "CLUSTER VERBOSE".into(),
        "CLUSTER \"User\" USING \"User_pkey\"".into(),
        "DISCARD ALL".into(),
        "DISCARD PLANS".into(),
        format!("CREATE DATABASE \"{name}_never\""),
        format!("DROP DATABASE IF EXISTS \"{name}_never\""),
        format!("ALTER DATABASE \"{name}\" SET TABLESPACE pg_default"),
        format!("ALTER DATABASE \"{name}\" SET work_mem = '8MB'"),
        "CREATE TABLESPACE never LOCATION '/nonexistent'".into(),
        "DROP TABLESPACE IF EXISTS never".into(),
        "ALTER SYSTEM SET work_mem = '8MB'".into(),
        "COMMIT PREPARED 'refract-never'".into(),
        "ROLLBACK PREPARED 'refract-never'".into(),
        "CREATE SUBSCRIPTION never CONNECTION 'host=/nonexistent' PUBLICATION p".into(),
        "CREATE SUBSCRIPTION never CONNECTION 'host=/nonexistent' PUBLICATION p WITH (connect = false)".into(),
        "ALTER TABLE \"Event\" DETACH PARTITION \"Event_2023\" CONCURRENTLY".into(),
        "ALTER TABLE \"Event\" DETACH PARTITION \"Event_2023\"".into(),
        "ALTER TYPE \"Role\" ADD VALUE 'ADMIN'".into(),
    ];
    for sql in &statements {
        let refused_here = classify(sql) == StatementKind::OutsideTransaction;
        let mut tx = db.client.transaction().unwrap();
        let result = tx.batch_execute(sql);
        drop(tx);
        let code = result.as_ref().err().and_then(|e| e.as_db_error()).map(|d| d.code().code().to_string());
        assert_eq!(
            code.as_deref() == Some("25001"),
            refused_here,
            "{sql}: classified {:?}, PostgreSQL said {result:?}",
            classify(sql)
        );
    }
}
