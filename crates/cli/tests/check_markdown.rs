//! `migrate check --format markdown` against a real database: a history whose first migration is
//! applied (with rows), and a pending second one that adds a table, adds and drops columns. The summary
//! names the pending migration and what it does in schema terms, counts the values the drop loses,
//! says there is no drift, and draws the tables it touches in Mermaid. And the same without any
//! database configured: the newest migration stands for the change, rows are not counted, drift is
//! not checked, and the history is replayed in the embedded database, stopped again afterwards.

use std::path::{Path, PathBuf};

use refract_e2e::{Cli, Scratch, TestDb};

const DATASOURCE: &str = "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n";

const V1: &str =
    "model User {\n  id    Int    @id @default(autoincrement())\n  email String @unique\n  bio   String?\n}\n";

const V2: &str = "model User {\n  id       Int     @id @default(autoincrement())\n  email    String  @unique\n  nickname String?\n  posts    Post[]\n}\n\nmodel Post {\n  id       Int    @id @default(autoincrement())\n  title    String\n  authorId Int\n  author   User   @relation(fields: [authorId], references: [id])\n}\n";

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The project: `v1.prisma` (what the first migration builds), the schema at V2, the lock file.
fn write_project(dir: &Path) {
    write(dir, "v1.prisma", &format!("{DATASOURCE}\n{V1}"));
    write(dir, "prisma/schema.prisma", &format!("{DATASOURCE}\n{V2}"));
    write(dir, "prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
}

/// `prisma/migrations/{name}/migration.sql`: what `migrate diff {args} --script` plans, up to its last
/// statement.
fn write_migration(cli: &Cli, dir: &Path, name: &str, args: &[&str]) {
    let args: Vec<&str> = ["migrate", "diff"].iter().chain(args).chain(&["--script"]).copied().collect();
    let sql = cli.ok(&args);
    let sql = &sql[..sql.rfind(";\n").map_or(sql.len(), |i| i + 2)];
    write(dir, &format!("prisma/migrations/{name}/migration.sql"), sql);
}

#[test]
fn a_pending_migration_summarised_for_a_pull_request() {
    let scratch = Scratch::new("check-markdown");
    let dir = scratch.path().join("project");
    let mut db = TestDb::new("check_markdown");
    let cli = Cli::new(env!("CARGO_BIN_EXE_refract"), &dir).env("DATABASE_URL", &db.url());
    write_project(&dir);
    write_migration(&cli, &dir, "1_init", &["--from-empty", "--to-schema", "v1.prisma"]);
    // Deploy the first only: the second is what the pull request adds.
    cli.ok(&["migrate", "deploy"]);
    db.client
        .batch_execute("INSERT INTO \"User\" (email, bio) VALUES ('a@x', 'hi'), ('b@x', 'yo'), ('c@x', NULL)")
        .unwrap();
    write_migration(&cli, &dir, "2_posts", &["--from-schema", "v1.prisma", "--to-schema", "prisma/schema.prisma"]);

    let out = cli.run(&["migrate", "check", "--format", "markdown"]);
    let md = String::from_utf8(out.stdout.clone()).unwrap();
    let say = refract_e2e::output_text(&out);
    assert!(md.starts_with("## refract migrate check: "), "{say}");
    assert_eq!(out.status.success(), md.starts_with("## refract migrate check: ✅"), "exit as the check: {say}");
    assert!(md.contains("### Pending migrations (1; not applied to the database)"), "{md}");
    assert!(md.contains("#### `2_posts`"), "{md}");
    assert!(!md.contains("#### `1_init`"), "{md}");
    assert!(md.contains("- table `Post`: **added** (3 columns); foreign key `Post_authorId_fkey` added"), "{md}");
    assert!(md.contains("column `bio` **dropped**") && md.contains("column `nickname` **added** (TEXT)"), "{md}");
    // Two of the three rows hold a bio.
    assert!(
        md.contains("- ⚠️ `2_posts`: drops the column `bio` of table `User`")
            && md.contains("2 non-null values are lost"),
        "{md}"
    );
    assert!(md.contains("### Drift\n\nNo drift"), "{md}");
    assert!(md.contains("### Lint findings\n\n"), "{md}");
    let mermaid = &md[md.find("```mermaid\n").expect("a Mermaid diagram")..];
    let mermaid = &mermaid[..mermaid[3..].find("```").unwrap() + 3];
    assert!(mermaid.contains("    User {\n") && mermaid.contains("    Post {\n"), "{mermaid}");
    assert!(mermaid.contains("    User ||--o{ Post : \"posts / author\""), "{mermaid}");
    assert!(md.contains("<summary>migration.sql"), "{md}");

    // Once deployed, nothing is pending and nothing is lost.
    cli.ok(&["migrate", "deploy"]);
    let md = cli.ok(&["migrate", "check", "--format", "markdown"]);
    assert!(md.starts_with("## refract migrate check: ✅ passed"), "{md}");
    assert!(md.contains("### Pending migrations (0; not applied to the database)\n\nNone."), "{md}");
    assert!(md.contains("### Data loss\n\nNone"), "{md}");
    assert!(md.contains("### Tables touched\n\nNone"), "{md}");
}

/// Stops the project's embedded database and removes the private folder it may live in (as root),
/// even when an assertion fails on the way (as `first_day.rs` does).
struct Cleanup {
    project: PathBuf,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        let _ = Cli::new(env!("CARGO_BIN_EXE_refract"), &self.project).run(&["dev-db", "stop"]);
        for cluster in [".refract/pg", "target/refract/pg"] {
            if let Ok(private) = std::fs::read_link(self.project.join(cluster)) {
                let _ = std::fs::remove_dir_all(&private);
                let _ = std::fs::remove_file(private.with_extension("link"));
            }
        }
    }
}

/// The text of the `### {title}` section: from its heading to the next `### `.
fn section<'m>(md: &'m str, title: &str) -> &'m str {
    let heading = format!("### {title}");
    let start = md.find(&heading).unwrap_or_else(|| panic!("no {heading:?} in:\n{md}"));
    let rest = &md[start..];
    &rest[..rest[3..].find("\n### ").map_or(rest.len(), |i| i + 4)]
}

#[test]
fn without_a_database_the_newest_migration_is_summarised() {
    let scratch = Scratch::new("check-markdown-no-db");
    let dir = scratch.path().join("project");
    let _cleanup = Cleanup { project: dir.clone() };
    // No DATABASE_URL (the cleared environment), no --database-url, no .env: the datasource's
    // env("DATABASE_URL") is unset.
    let cli = Cli::new(env!("CARGO_BIN_EXE_refract"), &dir);
    write_project(&dir);
    write_migration(&cli, &dir, "1_init", &["--from-empty", "--to-schema", "v1.prisma"]);
    write_migration(&cli, &dir, "2_posts", &["--from-schema", "v1.prisma", "--to-schema", "prisma/schema.prisma"]);

    // The human format first: what the exit code should be.
    let human = cli.run(&["migrate", "check"]);
    let said = refract_e2e::output_text(&human);
    assert!(said.contains("The schema matches what the 2 migrations build"), "{said}");
    assert!(said.contains("edits and drift not checked"), "{said}");
    assert_eq!(human.status.code(), Some(0), "{said}");

    let out = cli.run(&["migrate", "check", "--format", "markdown"]);
    let md = String::from_utf8(out.stdout.clone()).unwrap();
    let say = refract_e2e::output_text(&out);
    assert_eq!(out.status.code(), human.status.code(), "exit as the human format: {say}");
    assert!(md.starts_with("## refract migrate check: ✅ passed\n"), "{say}");
    // The replay ran in the embedded database, started for this command only.
    assert!(say.contains("embedded development database") && say.contains("started for this command"), "{say}");

    let pending = section(&md, "Pending migrations");
    assert!(
        pending.starts_with("### Pending migrations (1; no database configured: the newest migration)\n\n"),
        "{md}"
    );
    assert!(pending.contains("#### `2_posts`") && !pending.contains("1_init"), "{md}");
    assert!(pending.contains("- table `Post`: **added** (3 columns); foreign key `Post_authorId_fkey` added"), "{md}");
    assert!(pending.contains("- table `User`: column `bio` **dropped**; column `nickname` **added** (TEXT)"), "{md}");
    assert!(pending.contains("<summary>migration.sql") && pending.contains("DROP COLUMN \"bio\""), "{md}");

    // The drop is named; without a database its rows are not counted.
    let loss = section(&md, "Data loss");
    assert!(loss.starts_with("### Data loss\n\nNo database configured: rows are not counted.\n\n"), "{md}");
    assert!(loss.contains("- ⚠️ `2_posts`: drops the column `bio` of table `User` (statement "), "{md}");
    assert!(!loss.contains("values are lost") && !loss.contains("rows not counted"), "{md}");

    let drift = section(&md, "Drift");
    assert!(drift.contains("drift not checked") && drift.contains("DATABASE_URL"), "{md}");
    assert!(!drift.contains("No drift"), "{md}");
    assert!(!md.contains("### Other problems"), "{md}");
    let touched = section(&md, "Tables touched");
    assert!(touched.contains("```mermaid\n") && touched.contains("    User ||--o{ Post : \"posts / author\""), "{md}");

    // No server is left running.
    let status = cli.ok(&["dev-db", "status"]);
    assert!(status.starts_with("stopped"), "{status}");

    // A schema ahead of its migrations: both formats fail, alike.
    let ahead = V2.replace("  title    String\n", "  title    String\n  body     String?\n");
    write(&dir, "prisma/schema.prisma", &format!("{DATASOURCE}\n{ahead}"));
    let human = cli.run(&["migrate", "check"]);
    let said = refract_e2e::output_text(&human);
    assert_eq!(human.status.code(), Some(1), "{said}");
    assert!(said.contains("The schema differs from what the migrations build"), "{said}");
    let out = cli.run(&["migrate", "check", "--format", "markdown"]);
    let md = String::from_utf8(out.stdout.clone()).unwrap();
    let say = refract_e2e::output_text(&out);
    assert_eq!(out.status.code(), human.status.code(), "exit as the human format: {say}");
    assert!(md.starts_with("## refract migrate check: ❌ 1 problem\n"), "{say}");
    let other = section(&md, "Other problems");
    assert!(
        other.contains("The schema differs from what the migrations build") && other.contains("add column \"body\""),
        "{md}"
    );
    assert!(section(&md, "Drift").contains("drift not checked"), "{md}");
    let status = cli.ok(&["dev-db", "status"]);
    assert!(status.starts_with("stopped"), "{status}");
}
