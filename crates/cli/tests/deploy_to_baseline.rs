//! `migrate deploy --to NAME` (Prisma's #6267) and `migrate baseline` (Prisma's baselining in one
//! command), through the binary against a real PostgreSQL, one fresh database per test.

use std::path::{Path, PathBuf};
use std::process::Command;

use refract_e2e::{Cli, Scratch, TestDb, output_text as text, schema_equal};

/// The binary in `dir`, with `db` as DATABASE_URL (`Cli` clears the rest of the environment).
fn cli(dir: &Path, db: &TestDb) -> Cli {
    Cli::new(env!("CARGO_BIN_EXE_refract"), dir).env("DATABASE_URL", &db.url())
}

/// The finished, not rolled back rows of `_prisma_migrations`, in the order they were applied.
fn applied(db: &mut TestDb) -> Vec<String> {
    db.client
        .query(
            "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL \
             ORDER BY started_at, migration_name",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

fn has_history_table(db: &mut TestDb) -> bool {
    db.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = '_prisma_migrations'") == 1
}

fn tables(db: &mut TestDb) -> Vec<String> {
    db.client
        .query(
            "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' \
             ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

/// The files under `dir`, relative, sorted (what a command wrote).
fn files(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.push(path.strip_prefix(root).unwrap().display().to_string());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn sha256_of(path: &Path) -> String {
    // An independent implementation of Prisma's checksum: coreutils' sha256sum.
    let out = Command::new("sha256sum").arg(path).output().expect("sha256sum runs");
    String::from_utf8_lossy(&out.stdout).split_whitespace().next().unwrap().to_string()
}

/// The database's schema as `pg_dump` writes it (the history table left out), in a file for
/// `schema-equal`.
fn dump(scratch: &Scratch, db: &TestDb, name: &str) -> PathBuf {
    let out = Command::new("pg_dump")
        .args(["--schema-only", "--no-owner", "--no-privileges", "--exclude-table=_prisma_migrations"])
        .arg(db.url())
        .output()
        .expect("pg_dump runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    scratch.file(name, &String::from_utf8_lossy(&out.stdout))
}

const FIRST: &str = "20240101000000_users";
const SECOND: &str = "20240102000000_posts";
const THIRD: &str = "20240103000000_comments";

/// A project with a three-migration history in `prisma/migrations`.
fn history(scratch: &Scratch) -> PathBuf {
    scratch.file(
        "deploy-to/prisma/schema.prisma",
        "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n",
    );
    scratch.file("deploy-to/prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
    for (name, sql) in [
        (FIRST, "CREATE TABLE \"users\" (\"id\" SERIAL PRIMARY KEY, \"email\" TEXT NOT NULL);\n"),
        (
            SECOND,
            "CREATE TABLE \"posts\" (\"id\" SERIAL PRIMARY KEY, \"user_id\" INTEGER NOT NULL REFERENCES \"users\");\n",
        ),
        (
            THIRD,
            "CREATE TABLE \"comments\" (\"id\" SERIAL PRIMARY KEY, \"post_id\" INTEGER NOT NULL REFERENCES \"posts\");\n",
        ),
    ] {
        scratch.file(&format!("deploy-to/prisma/migrations/{name}/migration.sql"), sql);
    }
    scratch.path().join("deploy-to")
}

#[test]
fn deploy_to_applies_up_to_the_named_migration_and_leaves_the_rest_pending() {
    let scratch = Scratch::new("deploy-to");
    let mut db = TestDb::new("deploy_to");
    let dir = history(&scratch);
    let cli = cli(&dir, &db);

    // An unknown name runs nothing, not even the history table's creation, and names the folder meant.
    let out = cli.fails(&["migrate", "deploy", "--to", "posts"]);
    assert!(out.contains("there is no migration `posts` in prisma/migrations; nothing was run"), "{out}");
    assert!(out.contains(&format!("did you mean `{SECOND}`?")), "{out}");
    assert!(!has_history_table(&mut db) && tables(&mut db).is_empty(), "{out}");

    let out = cli.ok(&["migrate", "deploy", "--to", SECOND]);
    assert!(
        out.contains(&format!("Applying {FIRST} (1/2)")) && out.contains(&format!("Applying {SECOND} (2/2)")),
        "{out}"
    );
    assert!(out.contains("Applied 2 migrations."), "{out}");
    assert!(out.contains(&format!("Stopped after {SECOND} (--to): 1 later migration is not applied")), "{out}");
    assert_eq!(applied(&mut db), [FIRST, SECOND]);
    assert_eq!(tables(&mut db), ["posts", "users"]);

    // status lists the third as pending and exits as it does with pending migrations.
    let out = cli.run(&["migrate", "status"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains(&format!("Not yet applied:\n  {THIRD}\n")), "{}", text(&out));

    // A name already applied is refused, and nothing runs.
    let out = cli.fails(&["migrate", "deploy", "--to", FIRST]);
    assert!(
        out.contains(&format!("migration `{FIRST}` is already applied to this database; nothing was run")),
        "{out}"
    );
    assert!(out.contains(&format!("the one pending migration is `{THIRD}`")), "{out}");
    assert_eq!(applied(&mut db), [FIRST, SECOND]);
    assert_eq!(tables(&mut db), ["posts", "users"]);

    // A plain deploy applies the rest.
    let out = cli.ok(&["migrate", "deploy"]);
    assert!(out.contains("Applied 1 migration.") && !out.contains("Stopped after"), "{out}");
    assert_eq!(applied(&mut db), [FIRST, SECOND, THIRD]);
    assert_eq!(tables(&mut db), ["comments", "posts", "users"]);
    let out = cli.ok(&["migrate", "status"]);
    assert!(out.contains("Database schema is up to date!"), "{out}");
}

/// What the schema language expresses: an enum, tables with a foreign key, a unique index, a plain
/// index, a CHECK, defaults and serial keys, written by hand as a database that predates migrations.
const MANAGED: &str = r#"
CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');
CREATE TABLE users (
    id SERIAL PRIMARY KEY,
    email TEXT NOT NULL,
    role "Role" NOT NULL DEFAULT 'USER',
    age INTEGER CHECK (age >= 0),
    created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE TABLE posts (
    id BIGSERIAL PRIMARY KEY,
    author_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title VARCHAR(200) NOT NULL,
    body TEXT,
    price DECIMAL(10, 2)
);
CREATE INDEX posts_author_id_idx ON posts (author_id);
"#;

/// What it does not express: a view, a function and a trigger.
const UNMANAGED: &str = r#"
CREATE VIEW user_posts AS SELECT u.email, p.title FROM users u JOIN posts p ON p.author_id = u.id;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.created_at := now(); RETURN NEW; END $$;
CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
"#;

#[test]
fn baseline_records_what_the_database_holds_and_a_new_database_deploys_the_same() {
    let scratch = Scratch::new("baseline");
    let mut db = TestDb::new("baseline");
    db.client.batch_execute(MANAGED).unwrap();
    db.client.batch_execute(UNMANAGED).unwrap();
    db.client.batch_execute("INSERT INTO users (email) VALUES ('a@example.com')").unwrap();
    let dir = scratch.path().join("project");
    std::fs::create_dir_all(&dir).unwrap();
    let cli = cli(&dir, &db);

    let out = cli.ok(&["migrate", "baseline"]);
    assert!(out.contains("Wrote migrations/0_init/migration.sql (2 tables and 1 enum from schema `public`"), "{out}");
    assert!(out.contains("Wrote migrations/0_init/down.sql") && out.contains("Wrote migrations/migration_lock.toml"));
    assert!(out.contains("Migration 0_init is marked as applied in _prisma_migrations"), "{out}");
    // What the migration leaves out is named, and so is the way to add it.
    for object in ["view user_posts", "function touch()", "trigger users.users_touch"] {
        assert!(out.contains(&format!("  - {object}\n")), "{object}: {out}");
    }
    assert!(out.contains("`refract db pull` writes it"), "{out}");
    // The folder holds the migration, its way back and the lock file: no state file.
    assert_eq!(
        files(&dir),
        ["migrations/0_init/down.sql", "migrations/0_init/migration.sql", "migrations/migration_lock.toml"]
    );
    let sql = std::fs::read_to_string(dir.join("migrations/0_init/migration.sql")).unwrap();
    for expected in [
        r#"CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');"#,
        r#"CREATE TABLE "users""#,
        r#"CREATE UNIQUE INDEX "users_email_key" ON "users"("email");"#,
        r#"ADD CONSTRAINT "posts_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE"#,
        r#"ADD CONSTRAINT "users_age_check" CHECK (age >= 0);"#,
    ] {
        assert!(sql.contains(expected), "{expected}:\n{sql}");
    }
    assert!(!sql.contains("VIEW") && !sql.contains("TRIGGER") && !sql.contains("FUNCTION"), "{sql}");
    let down = std::fs::read_to_string(dir.join("migrations/0_init/down.sql")).unwrap();
    assert!(down.contains("-- refract:reverses migration.sql") && down.contains(r#"DROP TABLE "posts";"#), "{down}");

    // Recorded as `migrate resolve --applied` records: finished, no step applied, Prisma's checksum.
    let row = db
        .client
        .query_one(
            "SELECT migration_name, checksum, finished_at IS NOT NULL, rolled_back_at IS NULL, applied_steps_count \
             FROM _prisma_migrations",
            &[],
        )
        .unwrap();
    assert_eq!(row.get::<_, String>(0), "0_init");
    assert_eq!(row.get::<_, String>(1), sha256_of(&dir.join("migrations/0_init/migration.sql")));
    assert!(row.get::<_, bool>(2) && row.get::<_, bool>(3));
    assert_eq!(row.get::<_, i32>(4), 0);
    assert_eq!(db.count("SELECT count(*) FROM users"), 1, "baseline changed the data");

    let out = cli.ok(&["migrate", "status"]);
    assert!(out.contains("Database schema is up to date!"), "{out}");
    let out = cli.ok(&["migrate", "deploy"]);
    assert!(out.contains("No pending migrations"), "{out}");

    // The schema `db pull` writes from the same database: check finds the schema, the history and the
    // database in agreement.
    cli.ok(&["db", "pull"]);
    assert!(dir.join("schema/schema.prisma").is_file());
    let out = cli.ok(&["migrate", "check"]);
    assert!(out.contains("No drift"), "{out}");

    // A new database deployed from the folder holds what the hand-written SQL built.
    let fresh = TestDb::new("baseline_fresh");
    let out = cli.ok(&["migrate", "deploy", "--database-url", &fresh.url()]);
    assert!(out.contains("Applied 1 migration."), "{out}");
    let managed = scratch.file("managed.sql", MANAGED);
    let deployed = dump(&scratch, &fresh, "deployed.sql");
    schema_equal(&[&managed], &[&deployed]).unwrap();
}

#[test]
fn baseline_refuses_a_history_that_exists_and_writes_nothing() {
    let scratch = Scratch::new("baseline-refusals");
    let mut db = TestDb::new("baseline_refusals");
    db.client.batch_execute("CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT NOT NULL)").unwrap();

    // No database configured: refused, never the embedded database.
    let none = scratch.path().join("none");
    std::fs::create_dir_all(&none).unwrap();
    let out = Cli::new(env!("CARGO_BIN_EXE_refract"), &none).fails(&["migrate", "baseline"]);
    assert!(out.contains("no database configured"), "{out}");
    assert!(files(&none).is_empty(), "{:?}", files(&none));

    // A migrations folder that already has migrations.
    let with_history = scratch.path().join("with-history");
    let existing = with_history.join("migrations/20240101000000_init/migration.sql");
    std::fs::create_dir_all(existing.parent().unwrap()).unwrap();
    std::fs::write(&existing, "CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT NOT NULL);\n").unwrap();
    let out = cli(&with_history, &db).fails(&["migrate", "baseline"]);
    assert!(out.contains("migrations already holds 1 migration (`20240101000000_init`); nothing was written"), "{out}");
    assert!(out.contains("refract migrate resolve --applied NAME"), "{out}");
    assert_eq!(files(&with_history), ["migrations/20240101000000_init/migration.sql"]);
    assert!(!has_history_table(&mut db));

    // A name that would sort after the migrations `migrate dev` writes later.
    let project = scratch.path().join("project");
    std::fs::create_dir_all(&project).unwrap();
    let in_project = cli(&project, &db);
    let out = in_project.fails(&["migrate", "baseline", "--name", "init"]);
    assert!(out.contains("`init` sorts after the migration folders written from now on"), "{out}");
    assert!(out.contains("--name 0_init"), "{out}");
    let out = in_project.fails(&["migrate", "baseline", "--name", "../init"]);
    assert!(out.contains("`../init` is not a migration folder name"), "{out}");
    assert!(files(&project).is_empty(), "{:?}", files(&project));

    // A history table with rows.
    db.client
        .batch_execute(
            "CREATE TABLE _prisma_migrations (id VARCHAR(36) PRIMARY KEY, checksum VARCHAR(64) NOT NULL, \
             finished_at TIMESTAMPTZ, migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ, \
             started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0); \
             INSERT INTO _prisma_migrations (id, checksum, migration_name, finished_at) \
             VALUES ('0b8c4c1e-7f0e-4c55-9a55-9e5e3c1c0d01', 'x', '20230101000000_init', now())",
        )
        .unwrap();
    let out = in_project.fails(&["migrate", "baseline"]);
    assert!(out.contains("the database already has a migration history: _prisma_migrations in schema `public` holds 1 row; nothing was written"), "{out}");
    assert!(files(&project).is_empty(), "{:?}", files(&project));
    assert_eq!(db.count("SELECT count(*) FROM _prisma_migrations"), 1);

    // An empty history table is no history: the baseline goes ahead.
    db.client.batch_execute("DELETE FROM _prisma_migrations").unwrap();
    let out = in_project.ok(&["migrate", "baseline"]);
    assert!(out.contains("Migration 0_init is marked as applied"), "{out}");
    assert_eq!(applied(&mut db), ["0_init"]);

    // An empty database has nothing to baseline.
    let empty = TestDb::new("baseline_empty");
    let elsewhere = scratch.path().join("empty");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let out = cli(&elsewhere, &empty).fails(&["migrate", "baseline"]);
    assert!(out.contains("holds no tables or enums: there is nothing to baseline"), "{out}");
    assert!(files(&elsewhere).is_empty(), "{:?}", files(&elsewhere));
}
