//! Prisma 6 and Prisma 7 projects, laid out as Prisma lays them out, driven with the command lines
//! their READMEs and seeds type (`npx prisma ...` replaced by `refract ...`), against a real PostgreSQL.

use std::path::Path;

use refract_e2e::{Cli, Scratch, TestDb, output_text as text};

/// The binary in `dir` with only the variables the test adds (besides PATH and HOME) and its own
/// `.refract` folder (`refract_e2e::Cli`).
fn cli(dir: &Path) -> Cli {
    Cli::new(env!("CARGO_BIN_EXE_refract"), dir)
}

fn migration_folders(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap())
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

const SCHEMA_7: &str = r#"generator client {
  provider = "prisma-client"
  output   = "../src/generated/prisma"
}

datasource db {
  provider = "postgresql"
}

model Post {
  id        Int      @id @default(autoincrement())
  title     String
  published Boolean  @default(false)
  createdAt DateTime @default(now())
}
"#;

#[test]
fn a_prisma_7_project_runs_its_usual_commands() {
    let mut db = TestDb::new("layout_prisma7");
    let scratch = Scratch::new("layout-prisma7");
    scratch.file("prisma/schema.prisma", SCHEMA_7);
    scratch.file(
        "prisma.config.ts",
        r#"import "dotenv/config";
import { defineConfig, env } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "db/migrations",
    seed: "psql \"$DATABASE_URL\" -q -c \"INSERT INTO \\\"Post\\\" (title) VALUES ('Hello from the seed')\"",
  },
  datasource: {
    url: env("DATABASE_URL"),
  },
});
"#,
    );
    let url = db.url();
    let dir = scratch.path();
    let with_db = cli(dir).env("DATABASE_URL", &url);

    with_db.ok(&["migrate", "dev", "--name", "init"]);
    let folders = migration_folders(&dir.join("db/migrations"));
    assert_eq!(folders.len(), 1, "{folders:?}");
    assert!(folders[0].ends_with("_init"));
    assert!(dir.join("db/migrations/migration_lock.toml").is_file());

    let out = with_db.ok(&["migrate", "status"]);
    assert!(out.contains("up to date"), "{out}");
    with_db.ok(&["db", "seed"]);
    assert_eq!(db.count("SELECT count(*) FROM \"Post\""), 1);

    // A data migration written by hand: an empty migration to fill, as Prisma's --create-only gives.
    let out = with_db.ok(&["migrate", "dev", "--create-only", "--name", "backfill"]);
    assert!(out.contains("empty"), "{out}");
    let folders = migration_folders(&dir.join("db/migrations"));
    let backfill = dir.join("db/migrations").join(&folders[1]).join("migration.sql");
    assert_eq!(std::fs::read_to_string(&backfill).unwrap(), "-- This is an empty migration.\n");
    std::fs::write(&backfill, "UPDATE \"Post\" SET \"published\" = true;\n").unwrap();
    with_db.ok(&["migrate", "dev"]);
    assert_eq!(db.count("SELECT count(*) FROM \"Post\" WHERE published"), 1);

    // SQL piped in, as seeds do with a heredoc.
    let out = with_db.run_with_stdin(
        &["db", "execute", "--stdin"],
        Some("INSERT INTO \"Post\" (title) VALUES ('piped');\nINSERT INTO \"Post\" (title) VALUES ('twice');\n"),
    );
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(db.count("SELECT count(*) FROM \"Post\""), 3);

    // Prisma 7 spellings of migrate diff: the config's datasource against the schema.
    let out = with_db.run(&[
        "migrate",
        "diff",
        "--from-config-datasource",
        "--to-schema",
        "prisma/schema.prisma",
        "--exit-code",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));

    // reset re-applies and seeds from the config.
    with_db.ok(&["migrate", "reset", "--force"]);
    assert_eq!(db.count("SELECT count(*) FROM \"Post\""), 1);
}

const SCHEMA_6: &str = r#"generator client {
  provider = "prisma-client-js"
}

datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model User {
  id    Int    @id @default(autoincrement())
  email String @unique
  name  String?
}
"#;

#[test]
fn a_prisma_6_project_with_package_json_runs_its_usual_commands() {
    let mut db = TestDb::new("layout_prisma6");
    let scratch = Scratch::new("layout-prisma6");
    scratch.file("db/schema.prisma", SCHEMA_6);
    scratch.file(
        "package.json",
        r#"{
  "name": "app",
  "scripts": { "dev": "next dev" },
  "prisma": {
    "schema": "db/schema.prisma",
    "seed": "psql \"$DATABASE_URL\" -q -c \"INSERT INTO \\\"User\\\" (email) VALUES ('ada@example.com')\""
  }
}
"#,
    );
    scratch.file(".env", &format!("DATABASE_URL=\"{}\"\n", db.url()));
    let dir = scratch.path();

    cli(dir).ok(&["migrate", "dev", "--name", "init", "--skip-generate", "--skip-seed"]);
    assert_eq!(migration_folders(&dir.join("db/migrations")).len(), 1);
    cli(dir).ok(&["db", "seed"]);
    assert_eq!(db.count("SELECT count(*) FROM \"User\""), 1);
    cli(dir).ok(&["migrate", "deploy"]);

    // The Prisma 6 spelling of a drift fix: the datasource's database against the schema, into a file.
    scratch.file("db/schema.prisma", &SCHEMA_6.replace("  name  String?\n", "  name  String?\n  bio   String?\n"));
    cli(dir).ok(&[
        "migrate",
        "diff",
        "--from-schema-datasource",
        "db/schema.prisma",
        "--to-schema-datamodel",
        "db/schema.prisma",
        "--script",
        "-o",
        "fix.sql",
    ]);
    let fix = std::fs::read_to_string(dir.join("fix.sql")).unwrap();
    assert!(fix.contains("ADD COLUMN") && fix.contains("\"bio\" TEXT"), "{fix}");
    cli(dir).ok(&["db", "execute", "--file", "fix.sql", "--schema", "db/schema.prisma"]);
    assert_eq!(db.count("SELECT count(*) FROM information_schema.columns WHERE column_name = 'bio'"), 1);

    // db push --force-reset drops the data first; db pull --force writes the database's own names.
    cli(dir).ok(&["db", "push", "--force-reset", "--skip-generate"]);
    assert_eq!(db.count("SELECT count(*) FROM \"User\""), 0);
    cli(dir).ok(&["db", "pull", "--force"]);
    let pulled = std::fs::read_to_string(dir.join("db/schema.prisma")).unwrap();
    assert!(pulled.contains("model User") && pulled.contains("env(\"DATABASE_URL\")"), "{pulled}");
}

#[test]
fn migrate_diff_replays_a_history_prisma_wrote() {
    let db = TestDb::new("layout_replay");
    let shadow = TestDb::new("layout_replay_shadow");
    let scratch = Scratch::new("layout-replay");
    scratch.file("prisma/schema.prisma", SCHEMA_6);
    scratch.file(
        "prisma/migrations/20240101000000_init/migration.sql",
        "-- CreateTable\nCREATE TABLE \"User\" (\n    \"id\" SERIAL NOT NULL,\n    \"email\" TEXT NOT NULL,\n    \"name\" TEXT,\n\n    CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\")\n);\n\n-- CreateIndex\nCREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\");\n",
    );
    scratch.file("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
    let dir = scratch.path();
    let url = db.url();
    let with_db = cli(dir).env("DATABASE_URL", &url);
    let shadow_url = shadow.url();
    for extra in [vec![], vec!["--shadow-database-url", shadow_url.as_str()]] {
        let args = [
            &[
                "migrate",
                "diff",
                "--from-migrations",
                "prisma/migrations",
                "--to-schema-datamodel",
                "prisma/schema.prisma",
                "--exit-code",
            ][..],
            &extra[..],
        ]
        .concat();
        let out = with_db.run(&args);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    }
    // A schema change shows as the SQL of the missing migration.
    scratch.file("prisma/schema.prisma", &SCHEMA_6.replace("  name  String?\n", "  name  String?\n  age   Int?\n"));
    let out = with_db.run(&[
        "migrate",
        "diff",
        "--from-migrations",
        "prisma/migrations",
        "--to-schema",
        "prisma/schema.prisma",
        "--script",
        "--exit-code",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("\"age\" INTEGER"), "{}", text(&out));
}
