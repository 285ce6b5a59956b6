//! `refract migrate squash` on a history with a hand-written migration (a function, a trigger and a
//! backfill) between schema migrations: the squashed folder builds the database the history built
//! (`pg_dump --schema-only`, through `../shared/tools/schema-equal`), the backfill is left out and
//! listed, and databases deployed from the old history take the squashed migration as applied without
//! running it, then check clean; one that ran only part of the history is refused.

use std::path::{Path, PathBuf};

use refract_e2e::{Cli, Scratch, TestDb, schema_equal};

const V1: &str = r#"datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model User {
  id        Int      @id @default(autoincrement())
  email     String   @unique
  name      String?
  updatedAt DateTime @default(now())
}
"#;

/// Written by hand between the schema migrations: a function, a trigger that uses it, a backfill.
const HAND_WRITTEN: &str = r#"-- Keep updatedAt current on every update.
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."updatedAt" := now();
  RETURN NEW;
END;
$$;

CREATE TRIGGER "User_touch" BEFORE UPDATE ON "User" FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- Backfill: a name for everyone.
UPDATE "User" SET "name" = split_part("email", '@', 1) WHERE "name" IS NULL;
"#;

fn v2() -> String {
    V1.replace("  name      String?\n", "  name      String?\n  posts     Post[]\n")
        + "\nmodel Post {\n  id       Int    @id @default(autoincrement())\n  title    String\n  authorId Int\n  author   User   @relation(fields: [authorId], references: [id])\n\n  @@index([authorId])\n}\n"
}

fn folders(migrations: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> =
        std::fs::read_dir(migrations).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    out.sort();
    out
}

#[test]
fn a_squashed_history_builds_the_same_database_and_old_databases_take_it_without_running_it() {
    let scratch = Scratch::new("squash");
    let dev = TestDb::new("squash_dev");
    let cli = Cli::new(env!("CARGO_BIN_EXE_refract"), scratch.path()).env("DATABASE_URL", &dev.url());
    let migrations = scratch.path().join("prisma/migrations");

    // The history: init, the hand-written migration, then a new model.
    scratch.file("prisma/schema.prisma", V1);
    cli.ok(&["migrate", "dev", "--name", "init", "--skip-generate"]);
    cli.ok(&["migrate", "dev", "--name", "touch_trigger", "--create-only", "--skip-generate"]);
    let hand = folders(&migrations).pop().unwrap();
    std::fs::write(hand.join("migration.sql"), HAND_WRITTEN).unwrap();
    cli.ok(&["migrate", "dev", "--skip-generate"]);
    scratch.file("prisma/schema.prisma", &v2());
    cli.ok(&["migrate", "dev", "--name", "posts", "--skip-generate"]);
    let original: Vec<PathBuf> = folders(&migrations);
    assert_eq!(original.len(), 3);
    let original_sql: Vec<(PathBuf, String)> =
        original.iter().map(|f| (f.clone(), std::fs::read_to_string(f.join("migration.sql")).unwrap())).collect();

    // Production ran the whole history (with rows); staging ran only its first migration.
    let production = TestDb::new("squash_production");
    let prod = cli.clone().env("DATABASE_URL", &production.url());
    prod.ok(&["migrate", "deploy"]);
    let mut production = production;
    production.client.batch_execute("INSERT INTO \"User\" (email) VALUES ('ada@example.com')").unwrap();
    let staging = TestDb::new("squash_staging");
    let stage = cli.clone().env("DATABASE_URL", &staging.url());
    let first = original[0].file_name().unwrap().to_string_lossy().into_owned();
    stage.ok(&["migrate", "deploy", "--to", &first]);

    let out = cli.ok(&["migrate", "squash", "--name", "squashed"]);
    assert!(out.contains("it replaces 3 migrations"), "{out}");
    assert!(out.contains("Left out 1 statements that only move data") && out.contains("UPDATE \"User\""), "{out}");
    assert!(out.contains("Kept 2 statements outside the schema"), "{out}");
    let now = folders(&migrations);
    assert_eq!(now.len(), 1, "{now:?}");
    let squashed = &now[0];
    assert!(squashed.file_name().unwrap().to_string_lossy().ends_with("_squashed"), "{squashed:?}");
    let sql = std::fs::read_to_string(squashed.join("migration.sql")).unwrap();
    for (folder, _) in &original_sql {
        assert!(sql.contains(&*folder.file_name().unwrap().to_string_lossy()), "names what it replaces:\n{sql}");
    }
    assert!(sql.contains("CREATE FUNCTION touch_updated_at") && !sql.contains("UPDATE \"User\""), "{sql}");
    assert!(squashed.join("down.sql").is_file() && squashed.join("state.json").is_file());

    // The squashed folder builds what the history built.
    let history: Vec<PathBuf> =
        original_sql.iter().enumerate().map(|(i, (_, text))| scratch.file(&format!("history/{i}.sql"), text)).collect();
    let history: Vec<&Path> = history.iter().map(PathBuf::as_path).collect();
    schema_equal(&history, &[&squashed.join("migration.sql")]).unwrap();

    // Planning needs no replay, and nothing is left to write.
    let out = cli.ok(&["migrate", "check"]);
    assert!(out.contains("The schema matches what the 1 migrations build") && !out.contains("rebuilt"), "{out}");
    let out = cli.ok(&["migrate", "dev", "--skip-generate"]);
    assert!(out.contains("Recorded") && out.contains("squashes 3 migrations"), "{out}");
    assert!(out.contains("Already in sync") && folders(&migrations).len() == 1, "{out}");

    // Production: recorded, not run (its row survives, nothing fails on existing tables).
    let out = refract_e2e::output_text(&prod.run(&["migrate", "status"]));
    assert!(out.contains("squashes 3 migrations this database ran: deploy records it without running it"), "{out}");
    let out = prod.ok(&["migrate", "deploy"]);
    assert!(out.contains("without running it") && out.contains("squashes 3 migrations"), "{out}");
    assert_eq!(production.count("SELECT count(*) FROM \"User\""), 1);
    prod.ok(&["migrate", "status"]);
    let out = prod.ok(&["migrate", "check"]);
    assert!(out.contains("No drift"), "{out}");

    // Staging ran part of it: refused, with what to do; nothing recorded.
    let out = refract_e2e::output_text(&stage.run(&["migrate", "status"]));
    assert!(out.contains("deploy refuses"), "{out}");
    let out = stage.fails(&["migrate", "deploy"]);
    assert!(out.contains("ran only some of them") && out.contains("before the squash"), "{out}");

    // A fresh database takes the squashed migration as any other.
    let fresh = TestDb::new("squash_fresh");
    let fresh_cli = cli.clone().env("DATABASE_URL", &fresh.url());
    fresh_cli.ok(&["migrate", "deploy"]);
    let out = fresh_cli.ok(&["migrate", "check"]);
    assert!(out.contains("No drift"), "{out}");
}

#[test]
fn a_run_in_the_middle_is_squashed_and_later_state_files_still_apply() {
    let scratch = Scratch::new("squash-middle");
    let dev = TestDb::new("squash_middle");
    let cli = Cli::new(env!("CARGO_BIN_EXE_refract"), scratch.path()).env("DATABASE_URL", &dev.url());
    let migrations = scratch.path().join("prisma/migrations");
    let mut schema = V1.to_string();
    scratch.file("prisma/schema.prisma", &schema);
    cli.ok(&["migrate", "dev", "--name", "init", "--skip-generate"]);
    for field in ["a", "b", "c"] {
        schema = schema.replace("  name      String?\n", &format!("  name      String?\n  {field} Int?\n"));
        scratch.file("prisma/schema.prisma", &schema);
        cli.ok(&["migrate", "dev", "--name", &format!("add_{field}"), "--skip-generate"]);
    }
    let before = folders(&migrations);
    let name = |i: usize| before[i].file_name().unwrap().to_string_lossy().into_owned();
    let out = cli.ok(&["migrate", "squash", "--name", "a_and_b", "--from", &name(1), "--to", &name(2)]);
    assert!(out.contains("it replaces 2 migrations"), "{out}");
    let after = folders(&migrations);
    assert_eq!(after.len(), 3, "{after:?}");
    assert_eq!(after[0], before[0]);
    assert_eq!(after[2], before[3]);
    let out = cli.ok(&["migrate", "check"]);
    assert!(out.contains("The schema matches what the 3 migrations build") && !out.contains("rebuilt"), "{out}");
    assert!(out.contains("No drift"), "{out}");

    let out = cli.fails(&["migrate", "squash", "--name", "x", "--from", &name(3), "--to", &name(0)]);
    assert!(out.contains("comes after"), "{out}");
    let out = cli.fails(&["migrate", "squash", "--name", "x", "--from", "nope"]);
    assert!(out.contains("no migration `nope`"), "{out}");
}
