//! No false drift on histories written the way Prisma users write them: what Prisma does not see as a
//! difference, refract does not either. Each history is written by hand, deployed into an empty
//! database with the `refract` binary, and then `migrate check` passes and `migrate dev` writes nothing;
//! a variant with a real difference is still reported (and `migrate dev` writes it).
//!
//! - Enum values in another order than the database has them (a team sorted them in the schema).
//! - `///` doc comments (client docs, generator annotations): database comments are opt-in
//!   (`[migrate] comments = true` in refract.toml).
//! - List columns declared `NOT NULL`, or with a default spelled `'{}'` where the schema says
//!   `@default([])`.

use std::path::PathBuf;
use std::process::Output;

use refract_e2e::{Cli, Scratch, TestDb, output_text as text};

const DATASOURCE: &str = "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n\n\
                          generator client {\n  provider = \"prisma-client-js\"\n}\n";

/// A project in a scratch folder: `schema.prisma`, `migrations/` written by hand, and a database.
struct Project {
    scratch: Scratch,
    schema: PathBuf,
    migrations: PathBuf,
    db: TestDb,
}

impl Project {
    /// `migrations`: (folder name, migration.sql), as Prisma users commit them (no snapshots).
    fn new(label: &str, migrations: &[(&str, &str)], schema: &str) -> Project {
        let scratch = Scratch::new(label);
        for (name, sql) in migrations {
            scratch.file(&format!("migrations/{name}/migration.sql"), sql);
        }
        scratch.file("migrations/migration_lock.toml", "provider = \"postgresql\"\n");
        let schema = scratch.file("schema.prisma", &format!("{DATASOURCE}\n{schema}"));
        let migrations = scratch.path().join("migrations");
        Project { scratch, schema, migrations, db: TestDb::new(label) }
    }

    /// The binary in the project's folder, with no DATABASE_URL from the test's environment.
    fn cli(&self) -> Cli {
        Cli::new(env!("CARGO_BIN_EXE_refract"), self.scratch.path())
    }

    /// `refract <args> --schema S --migrations DIR --database-url URL`, in the project's folder.
    fn refract(&self, args: &[&str]) -> Output {
        let url = self.db.url();
        let project = ["--schema", self.schema.to_str().unwrap(), "--migrations", self.migrations.to_str().unwrap()];
        self.cli().run(&[args, &project, &["--database-url", &url]].concat())
    }

    fn deploy(&self) {
        let url = self.db.url();
        let out = self.cli().run(&[
            "migrate",
            "deploy",
            "--migrations",
            self.migrations.to_str().unwrap(),
            "--database-url",
            &url,
        ]);
        assert!(out.status.success(), "deploy: {}", text(&out));
    }

    fn set_schema(&self, schema: &str) {
        std::fs::write(&self.schema, format!("{DATASOURCE}\n{schema}")).unwrap();
    }

    fn folders(&self) -> Vec<PathBuf> {
        let mut folders: Vec<PathBuf> =
            std::fs::read_dir(&self.migrations).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
        folders.sort();
        folders
    }

    /// `migrate check` exits 0 and `migrate dev` is already in sync, writing nothing.
    fn assert_in_sync(&self, label: &str) {
        let check = self.refract(&["migrate", "check"]);
        assert_eq!(check.status.code(), Some(0), "{label}: migrate check:\n{}", text(&check));
        let before = self.folders();
        let dev = self.refract(&["migrate", "dev", "--name", "x"]);
        assert!(dev.status.success(), "{label}: migrate dev:\n{}", text(&dev));
        assert!(text(&dev).contains("Already in sync"), "{label}: migrate dev:\n{}", text(&dev));
        assert_eq!(self.folders(), before, "{label}: migrate dev wrote nothing");
    }

    /// `migrate check` exits 1 with the schema's difference, and `migrate dev --create-only` writes a
    /// migration that holds each of `sql`; returns its text.
    fn assert_reported(&self, label: &str, sql: &[&str]) -> String {
        let check = self.refract(&["migrate", "check"]);
        assert_eq!(check.status.code(), Some(1), "{label}: migrate check:\n{}", text(&check));
        assert!(
            text(&check).contains("The schema differs from what the migrations build"),
            "{label}: migrate check:\n{}",
            text(&check)
        );
        for line in sql {
            // The report indents the SQL: a statement over several lines is found by its first.
            let first = line.lines().next().unwrap_or_default();
            assert!(text(&check).contains(first), "{label}: migrate check does not show {first}:\n{}", text(&check));
        }
        let before = self.folders();
        let dev = self.refract(&["migrate", "dev", "--name", "x", "--create-only"]);
        assert!(dev.status.success(), "{label}: migrate dev:\n{}", text(&dev));
        let after = self.folders();
        assert_eq!(after.len(), before.len() + 1, "{label}: migrate dev writes a migration:\n{}", text(&dev));
        let written = std::fs::read_to_string(after.last().unwrap().join("migration.sql")).unwrap();
        for line in sql {
            assert!(written.contains(line), "{label}: the migration does not hold {line}:\n{written}");
        }
        written
    }
}

// Enum values -------------------------------------------------------------------------------------

const ENUM_INIT: &str = r#"-- CreateEnum
CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN', 'GUEST');

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'USER',
    "roles" "Role"[] DEFAULT ARRAY['USER']::"Role"[],

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);
"#;

/// A later migration adds a value, which PostgreSQL puts last.
const ENUM_ADD_OWNER: &str = "-- AlterEnum\nALTER TYPE \"Role\" ADD VALUE 'OWNER';\n";

fn enum_schema(values: &[&str]) -> String {
    format!(
        "enum Role {{\n{}\n}}\n\nmodel User {{\n  id    Int    @id @default(autoincrement())\n  email String\n  \
         role  Role   @default(USER)\n  roles Role[] @default([USER])\n}}\n",
        values.iter().map(|v| format!("  {v}")).collect::<Vec<_>>().join("\n")
    )
}

fn enum_project(label: &str, values: &[&str]) -> Project {
    let history = [("20240101000000_init", ENUM_INIT), ("20240102000000_owner", ENUM_ADD_OWNER)];
    let project = Project::new(label, &history, &enum_schema(values));
    project.deploy();
    project
}

#[test]
fn enum_values_in_another_order_are_not_drift() {
    // The database has USER, ADMIN, GUEST, OWNER; the team sorted them.
    let project = enum_project("enum_sorted", &["ADMIN", "GUEST", "OWNER", "USER"]);
    project.assert_in_sync("sorted enum");
    // Any other order too.
    project.set_schema(&enum_schema(&["OWNER", "GUEST", "USER", "ADMIN"]));
    project.assert_in_sync("shuffled enum");
}

#[test]
fn an_enum_value_really_added_or_removed_is_still_reported() {
    let project = enum_project("enum_added", &["ADMIN", "GUEST", "OWNER", "SUPPORT", "USER"]);
    let sql = project.assert_reported("added value", &["ALTER TYPE \"Role\" ADD VALUE 'SUPPORT' BEFORE 'USER';"]);
    assert!(!sql.contains("Role_new"), "no rebuild for an added value:\n{sql}");
    // It applies, whatever order the type keeps its values in, and then all is in sync.
    let deploy = project.refract(&["migrate", "dev"]);
    assert!(deploy.status.success(), "{}", text(&deploy));
    project.assert_in_sync("after adding the value");

    let project = enum_project("enum_removed", &["ADMIN", "OWNER", "USER"]);
    project.assert_reported("removed value", &["CREATE TYPE \"Role_new\" AS ENUM ('ADMIN', 'OWNER', 'USER');"]);
}

// Doc comments ------------------------------------------------------------------------------------

const DOCS_INIT: &str = r#"-- CreateEnum
CREATE TYPE "Status" AS ENUM ('DRAFT', 'PUBLISHED');

-- CreateTable
CREATE TABLE "Post" (
    "id" TEXT NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "meta" JSONB NOT NULL,
    "status" "Status" NOT NULL DEFAULT 'DRAFT',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Post_pkey" PRIMARY KEY ("id")
);
"#;

/// Someone documented a column in the database by hand, in a migration.
const DOCS_HAND_COMMENT: &str = "COMMENT ON COLUMN \"Post\".\"title\" IS 'Shown in lists.';\n";

const DOCS_SCHEMA: &str = r#"/// Where a post is.
///
/// Only PUBLISHED posts are shown.
enum Status {
  /// Not shown yet.
  DRAFT
  PUBLISHED
}

/// @zod.import(["import { PostMeta } from './meta'"])
/// A post, as the blog shows it.
///
/// A second paragraph with 'quotes' and "double quotes".
model Post {
  /// @zod.string.cuid()
  id        String   @id @default(cuid())
  /// @zod.string.max(200)
  /// The title, in the post's language.
  title     String   @db.VarChar(200)
  /// [PostMeta]
  meta      Json
  status    Status   @default(DRAFT)
  /// @deprecated use publishedAt
  createdAt DateTime @default(now())
}
"#;

fn docs_project(label: &str) -> Project {
    let history = [("20240101000000_init", DOCS_INIT), ("20240102000000_document", DOCS_HAND_COMMENT)];
    let project = Project::new(label, &history, DOCS_SCHEMA);
    project.deploy();
    project
}

#[test]
fn doc_comments_are_not_drift_unless_database_comments_are_asked_for() {
    let mut project = docs_project("docs_off");
    project.assert_in_sync("doc comments");
    // A comment set on the live database by hand is no drift either, nor a difference to the schema.
    project.db.client.batch_execute("COMMENT ON TABLE \"Post\" IS 'set by hand'").unwrap();
    project.assert_in_sync("a hand-made COMMENT");
    let url = project.db.url();
    let schema = project.schema.to_str().unwrap().to_string();
    let diff = project.cli().run(&["migrate", "diff", "--from-url", &url, "--to-schema", &schema, "--exit-code"]);
    assert_eq!(diff.status.code(), Some(0), "{}", text(&diff));

    // With `[migrate] comments = true`, the doc comments are written as COMMENT ON, and compared.
    let mut project = docs_project("docs_on");
    project.scratch.file("refract.toml", "[migrate]\ncomments = true\n");
    let written = project.assert_reported(
        "comments = true",
        &[
            "COMMENT ON TYPE \"Status\" IS 'Where a post is.\n\nOnly PUBLISHED posts are shown.';",
            "COMMENT ON COLUMN \"Post\".\"title\" IS '@zod.string.max(200)\nThe title, in the post''s language.';",
            "COMMENT ON COLUMN \"Post\".\"meta\" IS '[PostMeta]';",
        ],
    );
    assert!(!written.contains("\"status\" IS"), "a field without `///` keeps no comment:\n{written}");
    let dev = project.refract(&["migrate", "dev"]);
    assert!(dev.status.success(), "{}", text(&dev));
    project.assert_in_sync("comments = true, applied");
    // Now a comment changed by hand is drift.
    project.db.client.batch_execute("COMMENT ON COLUMN \"Post\".\"meta\" IS 'changed by hand'").unwrap();
    let check = project.refract(&["migrate", "check"]);
    assert_eq!(check.status.code(), Some(1), "{}", text(&check));
    assert!(text(&check).contains("drifted") && text(&check).contains("meta"), "{}", text(&check));
}

// Scalar lists ------------------------------------------------------------------------------------

const LISTS_INIT: &str = r#"-- CreateEnum
CREATE TYPE "Mood" AS ENUM ('HAPPY', 'SAD');

-- CreateTable
CREATE TABLE "Post" (
    "id" SERIAL NOT NULL,
    "tags" TEXT[] NOT NULL,
    "labels" TEXT[] NOT NULL DEFAULT '{}',
    "flags" TEXT[] DEFAULT '{}',
    "scores" INTEGER[] NOT NULL DEFAULT ARRAY[]::INTEGER[],
    "codes" VARCHAR(20)[] NOT NULL DEFAULT ARRAY[]::VARCHAR(20)[],
    "moods" "Mood"[] NOT NULL DEFAULT '{}',
    "words" TEXT[] NOT NULL DEFAULT ARRAY['a']::TEXT[],

    CONSTRAINT "Post_pkey" PRIMARY KEY ("id")
);
"#;

const LISTS_SCHEMA: &str = r#"enum Mood {
  HAPPY
  SAD
}

model Post {
  id     Int      @id @default(autoincrement())
  tags   String[]
  labels String[] @default([])
  flags  String[] @default([])
  scores Int[]    @default([])
  codes  String[] @db.VarChar(20) @default([])
  moods  Mood[]   @default([])
  words  String[] @default(["a"])
}
"#;

#[test]
fn list_columns_not_null_or_defaulting_to_braces_are_not_drift() {
    let project = Project::new("lists", &[("20240101000000_init", LISTS_INIT)], LISTS_SCHEMA);
    project.deploy();
    project.assert_in_sync("list columns");

    // `db pull` on that database writes a schema that plans nothing against it.
    let pulled = project.scratch.path().join("pulled/schema.prisma");
    let url = project.db.url();
    let pulled_arg = pulled.to_str().unwrap();
    let out = project.cli().run(&["db", "pull", "--schema", pulled_arg, "--database-url", &url]);
    assert!(out.status.success(), "{}", text(&out));
    let pulled_text = std::fs::read_to_string(&pulled).unwrap();
    assert!(pulled_text.contains("@default([])"), "{pulled_text}");
    let diff = project.cli().run(&["migrate", "diff", "--from-url", &url, "--to-schema", pulled_arg, "--exit-code"]);
    assert_eq!(diff.status.code(), Some(0), "the pulled schema plans a change:\n{}\n{pulled_text}", text(&diff));
}

#[test]
fn a_list_default_that_really_differs_is_still_reported() {
    let project = Project::new("list_default", &[("20240101000000_init", LISTS_INIT)], LISTS_SCHEMA);
    project.deploy();
    project.set_schema(&LISTS_SCHEMA.replace("labels String[] @default([])", "labels String[] @default([\"a\"])"));
    let sql = project.assert_reported(
        "list default",
        &["ALTER TABLE \"Post\" ALTER COLUMN \"labels\" SET DEFAULT ARRAY['a']::TEXT[];"],
    );
    assert!(!sql.contains("NOT NULL"), "only the default changes:\n{sql}");

    // And an empty default where the database has none.
    let project = Project::new("list_no_default", &[("20240101000000_init", LISTS_INIT)], LISTS_SCHEMA);
    project.deploy();
    project.set_schema(&LISTS_SCHEMA.replace("tags   String[]", "tags   String[] @default([])"));
    project.assert_reported("list default added", &["ALTER COLUMN \"tags\" SET DEFAULT ARRAY[]::TEXT[]"]);
}
