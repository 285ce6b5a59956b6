//! `migrate check --format markdown` against a real database: a history whose first migration is
//! applied (with rows), and a pending second one that adds a table, adds and drops columns. The summary
//! names the pending migration and what it does in schema terms, counts the values the drop loses,
//! says there is no drift, and draws the tables it touches in Mermaid.

use std::path::Path;

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

#[test]
fn a_pending_migration_summarised_for_a_pull_request() {
    let scratch = Scratch::new("check-markdown");
    let dir = scratch.path().join("project");
    let mut db = TestDb::new("check_markdown");
    let cli = Cli::new(env!("CARGO_BIN_EXE_refract"), &dir).env("DATABASE_URL", &db.url());
    write(&dir, "v1.prisma", &format!("{DATASOURCE}\n{V1}"));
    write(&dir, "prisma/schema.prisma", &format!("{DATASOURCE}\n{V2}"));
    write(&dir, "prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
    let first = cli.ok(&["migrate", "diff", "--from-empty", "--to-schema", "v1.prisma", "--script"]);
    let first = &first[..first.rfind(";\n").map_or(first.len(), |i| i + 2)];
    write(&dir, "prisma/migrations/1_init/migration.sql", first);
    // Deploy the first only: the second is what the pull request adds.
    cli.ok(&["migrate", "deploy"]);
    db.client
        .batch_execute("INSERT INTO \"User\" (email, bio) VALUES ('a@x', 'hi'), ('b@x', 'yo'), ('c@x', NULL)")
        .unwrap();
    let second =
        cli.ok(&["migrate", "diff", "--from-schema", "v1.prisma", "--to-schema", "prisma/schema.prisma", "--script"]);
    let second = &second[..second.rfind(";\n").map_or(second.len(), |i| i + 2)];
    write(&dir, "prisma/migrations/2_posts/migration.sql", second);

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
