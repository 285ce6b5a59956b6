//! `migrate down` through the binary: the trading example with its seed taken to v2 and back, every
//! data-driven planner case up, down and up again, a history Prisma wrote (no down.sql), a migration
//! edited by hand after `--create-only`, data-loss refusals, and kill -9 in the middle of a rollback.

use std::path::{Path, PathBuf};
use std::process::Command;

use refract_e2e::{Cli, Scratch, TestDb, schema_equal, shared};

fn trading(file: &str) -> String {
    std::fs::read_to_string(shared().join("examples/trading").join(file)).unwrap()
}

/// A project folder with `prisma/schema.prisma`, and the binary run there against `db`.
fn project(scratch: &Scratch, name: &str, schema: &str, db: &TestDb) -> (PathBuf, Cli) {
    let dir = scratch.path().join(name);
    std::fs::create_dir_all(dir.join("prisma")).unwrap();
    std::fs::write(dir.join("prisma/schema.prisma"), schema).unwrap();
    let cli = Cli::new(env!("CARGO_BIN_EXE_refract"), &dir).env("DATABASE_URL", &db.url());
    (dir, cli)
}

fn set_schema(dir: &Path, schema: &str) {
    std::fs::write(dir.join("prisma/schema.prisma"), schema).unwrap();
}

/// The migration folders, oldest first.
fn migrations(dir: &Path) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(dir.join("prisma/migrations"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    folders
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

/// Every row of every table, as JSON with sorted keys (jsonb), so a column that comes back at another
/// place compares equal when its values are the same.
fn rows(db: &mut TestDb) -> Vec<(String, String)> {
    let tables: Vec<String> = db
        .client
        .query(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    tables
        .into_iter()
        .map(|t| {
            let sql = format!(
                "SELECT coalesce(jsonb_agg(to_jsonb(t) ORDER BY to_jsonb(t)::text), '[]')::text FROM \"{t}\" t"
            );
            let json: String = db.client.query_one(&sql, &[]).unwrap().get(0);
            (t, json)
        })
        .collect()
}

fn applied(db: &mut TestDb) -> Vec<String> {
    db.client
        .query(
            "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY started_at",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

fn column_exists(db: &mut TestDb, table: &str, column: &str) -> bool {
    db.count(&format!(
        "SELECT count(*) FROM information_schema.columns WHERE table_name = '{table}' AND column_name = '{column}'"
    )) == 1
}

/// The acceptance case: init(v1) + seed, the migration to v2, `migrate down`: the database is init(v1)
/// with every seeded row; `deploy` again: init(v2), the rows still there.
#[test]
fn trading_goes_back_to_v1_with_its_rows_and_forward_again() {
    let scratch = Scratch::new("down-trading");
    let mut db = TestDb::new("down_trading");
    let (dir, cli) = project(&scratch, "trading", &trading("v1.prisma"), &db);
    cli.ok(&["migrate", "dev", "--name", "init", "--skip-generate"]);
    db.client.batch_execute(&trading("seed-v1.sql")).unwrap();
    let v1_rows = rows(&mut db);
    let v1 = dump(&scratch, &db, "v1.sql");

    set_schema(&dir, &trading("v2.prisma"));
    cli.ok(&["migrate", "dev", "--name", "v2", "--skip-generate"]);
    let folders = migrations(&dir);
    assert_eq!(folders.len(), 2);
    let down_sql = std::fs::read_to_string(folders[1].join("down.sql")).unwrap();
    // The way back renames the column back, and its header says what it would lose.
    assert!(down_sql.contains(r#"RENAME COLUMN "display_name" TO "name""#), "{down_sql}");
    assert!(down_sql.contains("You are about to drop the column `locale` on the `users` table"), "{down_sql}");
    assert!(down_sql.contains("You are about to drop the `watchlist_items` table"), "{down_sql}");
    // What the migration itself destroys cannot come back, and the file says so.
    assert!(down_sql.contains("NOT RESTORED") && down_sql.contains("`before` of table `audit_logs`"), "{down_sql}");
    let v2 = dump(&scratch, &db, "v2.sql");

    // The values the v2 columns hold are counted, and the rollback refused before anyone is asked.
    let out = cli.fails(&["migrate", "down"]);
    assert!(out.contains("drops the column `locale` of table `users`"), "{out}");
    assert!(out.contains("2 non-null values"), "{out}");
    assert!(out.contains("nothing was changed"), "{out}");
    assert!(!out.contains("`phone`"), "a column with no values loses nothing: {out}");
    assert!(column_exists(&mut db, "accounts", "display_name"));
    assert_eq!(applied(&mut db).len(), 2);
    // No terminal to confirm on: it needs --force.
    let out = cli.fails(&["migrate", "down", "--accept-data-loss"]);
    assert!(out.contains("pass --force"), "{out}");
    assert!(column_exists(&mut db, "accounts", "display_name"));

    let out = cli.ok(&["migrate", "down", "--force", "--accept-data-loss"]);
    assert!(out.contains("Rolled back 1 migration"), "{out}");
    let back = dump(&scratch, &db, "back.sql");
    if let Err(diff) = schema_equal(&[&back], &[&v1]) {
        panic!("after migrate down the database is not init(v1):\n{diff}");
    }
    assert_eq!(rows(&mut db), v1_rows, "every seeded row survives the way back");
    assert_eq!(applied(&mut db).len(), 1);
    let status = cli.fails(&["migrate", "status"]);
    assert!(status.contains("Not yet applied") && status.contains("_v2 (rolled back by migrate down)"), "{status}");

    cli.ok(&["migrate", "deploy"]);
    let forward = dump(&scratch, &db, "forward.sql");
    if let Err(diff) = schema_equal(&[&forward], &[&v2]) {
        panic!("deploy after migrate down does not give init(v2):\n{diff}");
    }
    let names: Vec<String> = db
        .client
        .query("SELECT display_name FROM accounts ORDER BY id", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(names, ["Main", "Savings", "Main"]);
    assert_eq!(db.count("SELECT count(*) FROM orders"), 2);
    cli.ok(&["migrate", "check"]);
}

/// The loss a rollback is refused for is the one it then causes, and only with the flag.
#[test]
fn a_rollback_that_loses_data_is_refused_then_done_with_the_flag() {
    let scratch = Scratch::new("down-loss");
    let mut db = TestDb::new("down_loss");
    let base = "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n\nmodel User {\n  id    Int    @id @default(autoincrement())\n  email String @unique\n}\n";
    let (dir, cli) = project(&scratch, "loss", base, &db);
    cli.ok(&["migrate", "dev", "--name", "init", "--skip-generate"]);
    set_schema(&dir, &base.replace("  email String @unique\n", "  email String @unique\n  phone String?\n"));
    cli.ok(&["migrate", "dev", "--name", "phone", "--skip-generate"]);
    db.client
        .batch_execute(
            "INSERT INTO \"User\" (email, phone) VALUES ('a@x', '555-0100'), ('b@x', NULL), ('c@x', '555-0101')",
        )
        .unwrap();

    let out = cli.fails(&["migrate", "down", "--force"]);
    assert!(out.contains("drops the column `phone` of table `User`") && out.contains("2 non-null values"), "{out}");
    assert!(column_exists(&mut db, "User", "phone"), "nothing ran");
    cli.ok(&["migrate", "down", "--force", "--accept-data-loss"]);
    assert!(!column_exists(&mut db, "User", "phone"));
    assert_eq!(db.count("SELECT count(*) FROM \"User\""), 3, "the rows stay, without the column");

    // --to: back to no migration after init is nothing to do; back past every migration is refused.
    let out = cli.ok(&["migrate", "down", "--force", "--to", &file_name(&migrations(&dir)[0])]);
    assert!(out.contains("Nothing to roll back"), "{out}");
    let out = cli.fails(&["migrate", "down", "--force", "--steps", "2"]);
    assert!(out.contains("1 is applied"), "{out}");
}

fn file_name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

/// A history Prisma wrote has no down.sql: the way back is planned from what it builds before and
/// after each migration, here over three migrations at once (`--to`).
#[test]
fn a_history_prisma_wrote_goes_back_by_replaying_it() {
    let scratch = Scratch::new("down-prisma");
    let mut db = TestDb::new("down_prisma");
    let schema = "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n";
    let (dir, cli) = project(&scratch, "prisma", schema, &db);
    let migrations = dir.join("prisma/migrations");
    let write = |name: &str, sql: &str| {
        std::fs::create_dir_all(migrations.join(name)).unwrap();
        std::fs::write(migrations.join(name).join("migration.sql"), sql).unwrap();
    };
    std::fs::create_dir_all(&migrations).unwrap();
    std::fs::write(migrations.join("migration_lock.toml"), "provider = \"postgresql\"\n").unwrap();
    write(
        "20240101000000_init",
        "-- CreateEnum\nCREATE TYPE \"Role\" AS ENUM ('USER', 'ADMIN');\n\n-- CreateTable\nCREATE TABLE \"User\" (\n    \"id\" SERIAL NOT NULL,\n    \"email\" TEXT NOT NULL,\n    \"role\" \"Role\" NOT NULL DEFAULT 'USER',\n\n    CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\")\n);\n\n-- CreateIndex\nCREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\");\n",
    );
    write(
        "20240201000000_posts",
        "-- CreateTable\nCREATE TABLE \"Post\" (\n    \"id\" SERIAL NOT NULL,\n    \"title\" VARCHAR(200) NOT NULL,\n    \"authorId\" INTEGER NOT NULL,\n\n    CONSTRAINT \"Post_pkey\" PRIMARY KEY (\"id\")\n);\n\n-- AddForeignKey\nALTER TABLE \"Post\" ADD CONSTRAINT \"Post_authorId_fkey\" FOREIGN KEY (\"authorId\") REFERENCES \"User\"(\"id\") ON DELETE RESTRICT ON UPDATE CASCADE;\n",
    );
    // Hand-edited, as teams do: an enum value, a column backfilled by an UPDATE, an index built concurrently.
    write(
        "20240301000000_moderators",
        "ALTER TYPE \"Role\" ADD VALUE 'MODERATOR';\nALTER TABLE \"User\" ADD COLUMN \"name\" TEXT;\nUPDATE \"User\" SET \"name\" = split_part(\"email\", '@', 1);\nCREATE INDEX CONCURRENTLY \"Post_authorId_idx\" ON \"Post\"(\"authorId\");\n",
    );
    let init_only = scratch
        .file("init.sql", &std::fs::read_to_string(migrations.join("20240101000000_init/migration.sql")).unwrap());
    cli.ok(&["migrate", "deploy"]);
    db.client
        .batch_execute(
            "INSERT INTO \"User\" (email, role, name) VALUES ('ada@x', 'ADMIN', 'ada'), ('alan@x', 'USER', 'alan')",
        )
        .unwrap();

    let out = cli.ok(&["migrate", "down", "--force", "--accept-data-loss", "--to", "20240101000000_init"]);
    assert!(out.contains("it has no down.sql; its way back is planned from what the history builds"), "{out}");
    assert!(out.contains("Rolled back 2 migrations"), "{out}");
    // Dropping the backfilled names is a loss, named before it happened.
    assert!(out.contains("drops the column `name` of table `User`"), "{out}");
    let back = dump(&scratch, &db, "back.sql");
    if let Err(diff) = schema_equal(&[&back], &[&init_only]) {
        panic!("not back at init:\n{diff}");
    }
    assert_eq!(db.count("SELECT count(*) FROM \"User\""), 2);
    assert_eq!(applied(&mut db), ["20240101000000_init"]);
    cli.ok(&["migrate", "deploy"]);
    assert_eq!(applied(&mut db).len(), 3);
    assert_eq!(db.count("SELECT count(*) FROM \"User\" WHERE name IS NOT NULL"), 2, "the backfill ran again");
}

/// `--create-only`, then the migration filled by hand: `migrate dev` plans its way back again when it
/// applies it, and says at the top what it cannot undo.
#[test]
fn a_migration_edited_after_create_only_gets_its_way_back_planned_again() {
    let scratch = Scratch::new("down-edited");
    let mut db = TestDb::new("down_edited");
    let base = "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n\nmodel Account {\n  id   Int    @id @default(autoincrement())\n  name String\n}\n";
    let (dir, cli) = project(&scratch, "edited", base, &db);
    cli.ok(&["migrate", "dev", "--name", "init", "--skip-generate"]);
    db.client.batch_execute("INSERT INTO \"Account\" (name) VALUES ('Main'), ('Savings')").unwrap();
    set_schema(&dir, &base.replace("  name String\n", "  name String\n  slug String?\n"));
    cli.ok(&["migrate", "dev", "--name", "slug", "--create-only", "--skip-generate"]);
    let folder = migrations(&dir).pop().unwrap();
    let planned = std::fs::read_to_string(folder.join("down.sql")).unwrap();
    assert!(planned.contains(r#"DROP COLUMN "slug""#) && !planned.contains("NOT REVERSED"), "{planned}");
    let mut sql = std::fs::read_to_string(folder.join("migration.sql")).unwrap();
    sql.push_str("\n-- Backfill\nUPDATE \"Account\" SET \"slug\" = lower(\"name\");\n");
    std::fs::write(folder.join("migration.sql"), sql).unwrap();

    let out = cli.ok(&["migrate", "dev", "--skip-generate"]);
    assert!(out.contains("Planned the way back of"), "{out}");
    let replanned = std::fs::read_to_string(folder.join("down.sql")).unwrap();
    assert!(replanned.contains("NOT REVERSED EXACTLY"), "{replanned}");
    assert!(replanned.contains("UPDATE \"Account\" SET \"slug\" = lower(\"name\")"), "{replanned}");
    assert!(replanned.contains(r#"DROP COLUMN "slug""#), "{replanned}");
    cli.ok(&["migrate", "down", "--force", "--accept-data-loss"]);
    assert!(!column_exists(&mut db, "Account", "slug"));
    assert_eq!(db.count("SELECT count(*) FROM \"Account\""), 2);
}

/// Every data-driven planner case through the binary: init(from), the migration to `to`, down, up
/// again; the database is init(from) after down and init(to) after up.
#[test]
fn planner_cases_go_up_down_and_up_again() {
    let root = refract_e2e::root().join("crates/plan/tests/data/diff");
    let mut cases: Vec<_> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).collect();
    cases.sort();
    for case in cases {
        let label = file_name(&case);
        let scratch = Scratch::new(&format!("down-case-{label}"));
        let db = TestDb::new(&format!("down_{label}"));
        let (dir, cli) = project(&scratch, &label, &std::fs::read_to_string(case.join("from.prisma")).unwrap(), &db);
        if let Ok(options) = std::fs::read_to_string(case.join("options.toml")) {
            let settings: String = options.lines().filter(|l| !l.starts_with('#')).map(|l| format!("{l}\n")).collect();
            std::fs::write(dir.join("refract.toml"), format!("[migrate]\n{settings}")).unwrap();
        }
        cli.ok(&["migrate", "dev", "--name", "from", "--skip-generate"]);
        let from = dump(&scratch, &db, "from.sql");
        set_schema(&dir, &std::fs::read_to_string(case.join("to.prisma")).unwrap());
        cli.ok(&["migrate", "dev", "--name", "to", "--skip-generate"]);
        let to = dump(&scratch, &db, "to.sql");
        cli.ok(&["migrate", "down", "--force", "--accept-data-loss"]);
        let down = dump(&scratch, &db, "down.sql");
        if let Err(diff) = schema_equal(&[&down], &[&from]) {
            panic!("{label}: down does not give init(from):\n{diff}");
        }
        cli.ok(&["migrate", "deploy"]);
        let up = dump(&scratch, &db, "up.sql");
        if let Err(diff) = schema_equal(&[&up], &[&to]) {
            panic!("{label}: up again does not give init(to):\n{diff}");
        }
        cli.ok(&["migrate", "check"]);
        drop(db);
    }
}

/// Waits until no other session is connected to the test database: a killed client's server process
/// ends its transaction (rolling it back) before it goes.
fn wait_for_orphans(db: &mut TestDb) {
    let started = std::time::Instant::now();
    while db
        .count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
        > 0
    {
        assert!(started.elapsed() < std::time::Duration::from_secs(30), "a killed rollback's session did not end");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// kill -9 at arbitrary moments of a rollback over many migrations: each migration is either rolled
/// back (its tables gone, its row marked) or still applied (its tables there, its row not marked).
#[test]
fn killing_migrate_down_never_leaves_a_migration_half_rolled_back() {
    const COUNT: usize = 20;
    let scratch = Scratch::new("down-sigkill");
    let mut db = TestDb::new("down_sigkill");
    let dir = scratch.path().join("migrations");
    for n in 1..=COUNT {
        let folder = dir.join(format!("{n:02}_step"));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(
            folder.join("migration.sql"),
            format!("CREATE TABLE \"t{n}_a\" (\"id\" INTEGER);\nCREATE TABLE \"t{n}_b\" (\"id\" INTEGER);\n"),
        )
        .unwrap();
        // A way back written by hand, with a pause between its statements for the kills to land in.
        std::fs::write(
            folder.join("down.sql"),
            format!("DROP TABLE \"t{n}_b\";\nSELECT pg_sleep(0.05);\nDROP TABLE \"t{n}_a\";\n"),
        )
        .unwrap();
    }
    let url = db.url();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_refract"))
            .args(args)
            .arg("--migrations")
            .arg(&dir)
            .arg("--database-url")
            .arg(&url)
            .env("REFRACT_LOCK_TIMEOUT", "30")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("refract starts")
    };
    let deployed = run(&["migrate", "deploy"]).wait_with_output().unwrap();
    assert!(deployed.status.success(), "{}", refract_e2e::output_text(&deployed));
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut interrupted = 0;
    for round in 0..12 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut child = run(&["migrate", "down", "--steps", &COUNT.to_string(), "--force"]);
        std::thread::sleep(std::time::Duration::from_millis(40 + seed % 400));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        wait_for_orphans(&mut db);
        let mut rolled_back = 0;
        for n in 1..=COUNT {
            let exists = |db: &mut TestDb, t: &str| {
                db.count(&format!("SELECT count(*) FROM pg_tables WHERE tablename = '{t}'")) == 1
            };
            let (a, b) = (exists(&mut db, &format!("t{n}_a")), exists(&mut db, &format!("t{n}_b")));
            let applied = db.count(&format!(
                "SELECT count(*) FROM _prisma_migrations WHERE migration_name = '{n:02}_step' AND finished_at IS NOT NULL AND rolled_back_at IS NULL"
            )) == 1;
            assert!(a == b && a == applied, "round {round}, migration {n}: tables {a}/{b}, applied {applied}");
            rolled_back += usize::from(!applied);
        }
        if rolled_back > 0 && rolled_back < COUNT {
            interrupted += 1;
        }
        // Newest first: what was rolled back is a run of the newest migrations.
        let status = run(&["migrate", "deploy"]).wait_with_output().unwrap();
        assert!(status.status.success(), "{}", refract_e2e::output_text(&status));
    }
    eprintln!("{interrupted} of 12 kills landed in the middle of the rollback");
    assert!(interrupted > 0, "no kill landed between two migrations' rollbacks");
    assert_eq!(
        db.count("SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL"),
        COUNT as i64
    );
}

/// The real Prisma projects of the corpus (histories Prisma wrote, hand-edited SQL among them, no
/// down.sql): after `migrate down --steps 5` the database is what the history without its last five
/// migrations builds, and deploying again brings back a database with no drift.
#[test]
fn corpus_histories_go_back_to_what_their_earlier_migrations_build() {
    for project in ["diced__zipline", "hoppscotch__hoppscotch", "umami-software__umami"] {
        let scratch = Scratch::new(&format!("down-corpus-{project}"));
        let migrations = shared().join("corpus").join(project).join("migrations");
        let mut folders: Vec<PathBuf> =
            std::fs::read_dir(&migrations).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
        folders.sort();
        // The history without its last five migrations, in a folder of its own. (Two of the schemas
        // have moved on from their migrations, so `migrate check` is read for drift only.)
        let earlier = scratch.path().join("earlier");
        for folder in &folders[..folders.len() - 5] {
            let to = earlier.join(folder.file_name().unwrap());
            std::fs::create_dir_all(&to).unwrap();
            std::fs::copy(folder.join("migration.sql"), to.join("migration.sql")).unwrap();
        }
        let (db, expected) = (TestDb::new(&format!("down_{project}")), TestDb::new(&format!("prefix_{project}")));
        let cli = |db: &TestDb, dir: &Path, args: &[&str]| {
            let mut all: Vec<&str> = args.to_vec();
            let dir = dir.to_str().unwrap();
            let url = db.url();
            all.extend(["--migrations", dir, "--database-url", &url]);
            refract_e2e::output_text(&Cli::new(env!("CARGO_BIN_EXE_refract"), scratch.path()).run(&all))
        };
        let out = cli(&db, &migrations, &["migrate", "deploy"]);
        assert!(out.contains("Applied"), "{project}: {out}");
        let out = cli(&db, &migrations, &["migrate", "down", "--steps", "5", "--force", "--accept-data-loss"]);
        assert!(out.contains("Rolled back 5 migrations"), "{project}: {out}");
        let out = cli(&expected, &earlier, &["migrate", "deploy"]);
        assert!(out.contains("Applied"), "{project}: {out}");
        let (back, prefix) = (dump(&scratch, &db, "back.sql"), dump(&scratch, &expected, "prefix.sql"));
        if let Err(diff) = schema_equal(&[&back], &[&prefix]) {
            panic!(
                "{project}: after migrate down --steps 5 the database is not what the earlier migrations build:\n{diff}"
            );
        }
        let out = cli(&db, &migrations, &["migrate", "deploy"]);
        assert!(out.contains("Applied 5 migrations"), "{project}: {out}");
        let schema = shared().join("corpus").join(project).join("schema.prisma");
        let out = cli(&db, &migrations, &["migrate", "check", "--schema", schema.to_str().unwrap()]);
        assert!(out.contains("No drift"), "{project}: {out}");
    }
}
