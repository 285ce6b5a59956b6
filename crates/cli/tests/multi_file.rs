//! Multi-file schemas (Prisma 6.7+): `--schema` names a folder, and every `.prisma` file under it is one
//! schema. Each command that reads a schema is run on a folder through the binary, as a user runs it.

use std::path::Path;
use std::process::Output;

use refract_e2e::{Cli, Scratch, TestDb, output_text as text};

/// The binary in `dir` with NO_COLOR and only the variables the test adds (besides PATH and HOME), and
/// its own `.refract` folder (`refract_e2e::Cli`).
fn cli(dir: &Path) -> Cli {
    Cli::new(env!("CARGO_BIN_EXE_refract"), dir).env("NO_COLOR", "1")
}

fn exit(out: &Output) -> Option<i32> {
    out.status.code()
}

fn data(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema/tests/data/folders").join(rel).display().to_string()
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// A schema laid out as Prisma 6.7 does: `prisma/schema/` with the datasource in `schema.prisma` and a
/// file per model, related across files.
fn prisma_6_7_project(label: &str) -> Scratch {
    let scratch = Scratch::new(label);
    scratch.file(
        "prisma/schema/schema.prisma",
        "generator client {\n  provider = \"prisma-client-js\"\n}\n\ndatasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n",
    );
    scratch.file(
        "prisma/schema/user.prisma",
        "model User {\n  id    Int    @id @default(autoincrement())\n  email String @unique\n  role  Role   @default(MEMBER)\n  posts Post[]\n}\n\nenum Role {\n  MEMBER\n  ADMIN\n}\n",
    );
    scratch.file(
        "prisma/schema/post.prisma",
        "model Post {\n  id       Int    @id @default(autoincrement())\n  title    String\n  author   User   @relation(fields: [authorId], references: [id])\n  authorId Int\n}\n",
    );
    scratch
}

#[test]
fn validate_reads_a_folder_as_one_schema_and_names_the_file_of_each_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli(dir.path()).run(&["validate", "--schema", &data("shop")]);
    assert_eq!(exit(&out), Some(0), "{}", text(&out));
    assert!(text(&out).contains("valid (5 tables, 1 enums, 5 files)"), "{}", text(&out));

    let bad = cli(dir.path()).run(&["validate", "--schema", &data("error-in-second-file")]);
    assert_eq!(exit(&bad), Some(1), "{}", text(&bad));
    let report = text(&bad);
    assert!(report.contains("error[unknown-type]"), "{report}");
    assert!(
        report.contains(&format!("{}:5:12", Path::new(&data("error-in-second-file")).join("b.prisma").display())),
        "{report}"
    );
    assert!(report.contains("5 |   title    Strin"), "{report}");

    // JSON and GitHub annotations name the file too, with positions in that file.
    let json = cli(dir.path()).run(&["validate", "--schema", &data("two-datasources"), "--format", "json"]);
    let items: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(items[0]["file"].as_str().unwrap().ends_with("b.prisma"), "{items}");
    assert_eq!(items[0]["start"]["line"], 2);
    let github = cli(dir.path()).run(&["validate", "--schema", &data("two-datasources"), "--format", "github"]);
    assert!(String::from_utf8_lossy(&github.stdout).contains("b.prisma,line=2,"), "{}", text(&github));

    // An empty folder is not a schema.
    let empty = cli(dir.path()).run(&["validate", "--schema", "."]);
    assert_eq!(exit(&empty), Some(2), "{}", text(&empty));
    assert!(text(&empty).contains("holds no .prisma files"), "{}", text(&empty));
}

#[test]
fn format_rewrites_each_file_of_a_folder_on_its_own() {
    let scratch = Scratch::new("multi-format");
    let dir = scratch.path();
    scratch
        .file("schema/a.prisma", "datasource db {\n provider = \"postgresql\"\n}\nmodel A {\n id Int @id\n  bs B[]\n}");
    scratch.file(
        "schema/nested/b.prisma",
        "model B {\n id Int @id\n  a A @relation(fields: [aId], references: [id])\n  aId Int\n}\n",
    );
    scratch.file("schema/c.prisma", "// Already formatted.\nenum C {\n  X\n}\n");

    let check = cli(dir).run(&["format", "--schema", "schema", "--check"]);
    assert_eq!(exit(&check), Some(1), "{}", text(&check));
    let report = text(&check);
    assert!(report.contains("a.prisma: not formatted") && report.contains("b.prisma: not formatted"), "{report}");
    assert!(!report.contains("c.prisma"), "{report}");

    let out = cli(dir).ok(&["format", "--schema", "schema"]);
    assert!(out.contains("c.prisma: already formatted"), "{out}");
    // Each file keeps its own blocks, in the canonical layout.
    assert_eq!(
        read(dir, "schema/a.prisma"),
        "datasource db {\n  provider = \"postgresql\"\n}\n\nmodel A {\n  id Int @id\n  bs B[]\n}\n"
    );
    assert_eq!(
        read(dir, "schema/nested/b.prisma"),
        "model B {\n  id  Int @id\n  a   A   @relation(fields: [aId], references: [id])\n  aId Int\n}\n"
    );
    cli(dir).ok(&["format", "--schema", "schema", "--check"]);
    cli(dir).ok(&["validate", "--schema", "schema"]);

    // A syntax error in one file leaves that file alone and still formats the others.
    scratch.file("schema/c.prisma", "enum C {\n  X\n");
    scratch.file("schema/a.prisma", "datasource db {\n provider = \"postgresql\"\n}\n");
    let broken = cli(dir).run(&["format", "--schema", "schema"]);
    assert_eq!(exit(&broken), Some(1), "{}", text(&broken));
    assert!(text(&broken).contains("c.prisma: not formatted: fix the syntax errors first"), "{}", text(&broken));
    assert_eq!(read(dir, "schema/a.prisma"), "datasource db {\n  provider = \"postgresql\"\n}\n");
    assert_eq!(read(dir, "schema/c.prisma"), "enum C {\n  X\n");
}

#[test]
fn migrate_dev_on_a_prisma_6_7_folder_then_check_passes() {
    let db = TestDb::new("multi_dev");
    let scratch = prisma_6_7_project("multi-dev");
    let dir = scratch.path();
    let url = db.url();
    let with_db = cli(dir).env("DATABASE_URL", &url);

    let out = with_db.ok(&["migrate", "dev", "--schema", "prisma/schema", "--name", "init"]);
    // The database comes from the datasource of prisma/schema/schema.prisma.
    assert!(out.contains("prisma/schema/schema.prisma:7:"), "{out}");
    // Prisma 6.6+: the migrations folder is beside the file that holds the datasource.
    let migrations = dir.join("prisma/schema/migrations");
    let folders: Vec<_> =
        std::fs::read_dir(&migrations).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    assert_eq!(folders.len(), 1, "{folders:?}");
    let sql = std::fs::read_to_string(folders[0].join("migration.sql")).unwrap();
    assert!(sql.contains("CREATE TABLE \"User\"") && sql.contains("CREATE TABLE \"Post\""), "{sql}");
    assert!(sql.contains("CREATE TYPE \"Role\""), "{sql}");
    assert!(sql.contains("FOREIGN KEY (\"authorId\") REFERENCES \"User\"(\"id\")"), "{sql}");
    // The migrations folder holds no .prisma file: the schema is still the same three files.
    cli(dir).ok(&["validate", "--schema", "prisma/schema"]);

    with_db.ok(&["migrate", "check", "--schema", "prisma/schema"]);
    let same = with_db.run(&[
        "migrate",
        "diff",
        "--from-migrations",
        "prisma/schema/migrations",
        "--to-schema",
        "prisma/schema",
        "--exit-code",
    ]);
    assert_eq!(exit(&same), Some(0), "{}", text(&same));

    // A change in one file is a change of the schema.
    scratch.file(
        "prisma/schema/post.prisma",
        "model Post {\n  id       Int     @id @default(autoincrement())\n  title    String\n  body     String?\n  author   User    @relation(fields: [authorId], references: [id])\n  authorId Int\n}\n",
    );
    let stale = with_db.run(&["migrate", "check", "--schema", "prisma/schema"]);
    assert_eq!(exit(&stale), Some(1), "{}", text(&stale));
    with_db.ok(&["migrate", "dev", "--schema", "prisma/schema", "--name", "body"]);
    with_db.ok(&["migrate", "check", "--schema", "prisma/schema"]);

    // A variable the folder's datasource names but the environment lacks: the message points into the
    // file that holds the datasource.
    let missing = cli(dir).run(&["migrate", "status", "--schema", "prisma/schema"]);
    assert_ne!(exit(&missing), Some(0), "{}", text(&missing));
    assert!(text(&missing).contains("prisma/schema/schema.prisma:7:"), "{}", text(&missing));
}

#[test]
fn db_push_and_generate_read_a_folder() {
    let mut db = TestDb::new("multi_push");
    let scratch = prisma_6_7_project("multi-push");
    let dir = scratch.path();
    let url = db.url();
    let with_db = cli(dir).env("DATABASE_URL", &url);
    with_db.ok(&["db", "push", "--schema", "prisma/schema"]);
    assert_eq!(db.count("SELECT count(*) FROM information_schema.tables WHERE table_name IN ('User', 'Post')"), 2);

    let out = cli(dir).ok(&["generate", "--schema", "prisma/schema", "--out", "models.rs"]);
    assert!(out.contains("prisma/schema"), "{out}");
    let code = read(dir, "models.rs");
    assert!(
        code.contains("pub struct User") && code.contains("pub struct Post") && code.contains("pub enum Role"),
        "{code}"
    );
}

#[test]
fn db_pull_into_a_folder_keeps_each_model_in_its_file() {
    let mut db = TestDb::new("multi_pull");
    db.client
        .batch_execute(
            "CREATE TYPE \"Role\" AS ENUM ('MEMBER', 'ADMIN');
             CREATE TABLE \"User\" (id SERIAL PRIMARY KEY, email TEXT NOT NULL, role \"Role\" NOT NULL DEFAULT 'MEMBER');
             CREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(email);
             CREATE TABLE \"Post\" (id SERIAL PRIMARY KEY, title TEXT NOT NULL, \"authorId\" INTEGER NOT NULL REFERENCES \"User\"(id));
             CREATE TYPE \"Mood\" AS ENUM ('HAPPY', 'SAD');
             CREATE TABLE \"Comment\" (id SERIAL PRIMARY KEY, \"postId\" INTEGER NOT NULL REFERENCES \"Post\"(id), mood \"Mood\");",
        )
        .unwrap();
    let scratch = prisma_6_7_project("multi-pull");
    let dir = scratch.path();
    let url = db.url();
    let with_db = cli(dir).env("DATABASE_URL", &url);
    let before = read(dir, "prisma/schema/schema.prisma");

    let printed = with_db.ok(&["db", "pull", "--schema", "prisma/schema", "--print"]);
    assert!(printed.contains("// prisma/schema/introspected.prisma"), "{printed}");
    assert!(!dir.join("prisma/schema/introspected.prisma").exists(), "--print writes nothing");

    let out = with_db.ok(&["db", "pull", "--schema", "prisma/schema"]);
    assert!(out.contains("Introspected 3 models and 2 enums into prisma/schema"), "{out}");
    // The datasource and generator stay where they were; each model and enum stays in its file.
    assert_eq!(read(dir, "prisma/schema/schema.prisma"), before);
    let user = read(dir, "prisma/schema/user.prisma");
    assert!(user.contains("model User {") && user.contains("enum Role {"), "{user}");
    assert!(!user.contains("model Post") && !user.contains("model Comment"), "{user}");
    let post = read(dir, "prisma/schema/post.prisma");
    assert!(post.contains("model Post {") && !post.contains("model User"), "{post}");
    // The relation field names the schema gave are kept (`author`, `posts`).
    assert!(post.contains("author ") && user.contains("posts "), "{post}\n{user}");
    // What the schema did not have goes to introspected.prisma, as Prisma writes it.
    let new = read(dir, "prisma/schema/introspected.prisma");
    assert!(new.contains("model Comment {") && new.contains("enum Mood {"), "{new}");
    assert!(!new.contains("datasource"), "{new}");
    cli(dir).ok(&["validate", "--schema", "prisma/schema"]);

    // Pulled again, nothing changes.
    let again = with_db.ok(&["db", "pull", "--schema", "prisma/schema"]);
    assert!(again.contains("(0 of 4 files written)"), "{again}");

    // A model gone from the database leaves its file empty (Prisma keeps the file).
    db.client.batch_execute("DROP TABLE \"Comment\"; DROP TYPE \"Mood\"").unwrap();
    with_db.ok(&["db", "pull", "--schema", "prisma/schema"]);
    assert_eq!(read(dir, "prisma/schema/introspected.prisma"), "");
    cli(dir).ok(&["validate", "--schema", "prisma/schema"]);
}

#[test]
fn db_pull_into_an_empty_folder_writes_schema_prisma() {
    let mut db = TestDb::new("multi_pull_new");
    db.client.batch_execute("CREATE TABLE \"Thing\" (id SERIAL PRIMARY KEY)").unwrap();
    let scratch = Scratch::new("multi-pull-new");
    let dir = scratch.path();
    std::fs::create_dir_all(dir.join("db")).unwrap();
    let url = db.url();
    cli(dir).env("DATABASE_URL", &url).ok(&["db", "pull", "--schema", "db"]);
    let schema = read(dir, "db/schema.prisma");
    assert!(schema.contains("datasource db") && schema.contains("model Thing"), "{schema}");
}
