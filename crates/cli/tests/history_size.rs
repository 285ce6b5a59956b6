//! The migrations folder grows by its SQL, not by a schema per migration: after 20 migrations of a
//! 300-model schema (gen-schema 300), the folder (one snapshot, with the state as PostgreSQL reports
//! it too) stays within a small multiple of the SQL it holds (each migration.sql and its way back,
//! down.sql).

use std::path::Path;

use refract_e2e::{Cli, Scratch, TestDb, gen_schema};

fn size(dir: &Path, only: Option<&str>) -> u64 {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            total += size(&path, only);
        } else if only.is_none_or(|name| path.file_name().is_some_and(|f| f == name)) {
            total += std::fs::metadata(&path).unwrap().len();
        }
    }
    total
}

#[test]
fn twenty_migrations_of_300_models_keep_one_snapshot() {
    let db = TestDb::new("history_size");
    let scratch = Scratch::new("history-size");
    let mut schema = gen_schema(&["300"]).replace(
        "datasource db {\n  provider = \"postgresql\"\n",
        "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n",
    );
    scratch.file("prisma/schema.prisma", &schema);
    let cli = Cli::new(env!("CARGO_BIN_EXE_refract"), scratch.path()).env("DATABASE_URL", &db.url());
    cli.ok(&["migrate", "dev", "--name", "init", "--skip-generate"]);
    for i in 1..20 {
        let marker = format!("model Model{} {{\n", i * 13 % 300);
        let at = schema.find(&marker).unwrap() + marker.len();
        schema.insert_str(at, &format!("  extra{i} String?\n"));
        scratch.file("prisma/schema.prisma", &schema);
        let out = cli.ok(&["migrate", "dev", "--name", &format!("add_extra{i}"), "--skip-generate"]);
        assert!(!out.contains("rebuilt"), "each state comes from the last snapshot: {out}");
    }
    let migrations = scratch.path().join("prisma/migrations");
    let snapshots: Vec<_> = walk(&migrations).into_iter().filter(|p| p.ends_with("snapshot.json")).collect();
    assert_eq!(snapshots.len(), 1, "one snapshot, beside the newest migration: {snapshots:?}");
    let sql = size(&migrations, Some("migration.sql")) + size(&migrations, Some("down.sql"));
    let all = size(&migrations, None);
    eprintln!("20 migrations of gen-schema 300: {sql} bytes of SQL (up and down), {all} bytes in the folder");
    assert!(all <= 4 * sql, "{all} bytes in the folder for {sql} bytes of SQL");
    let out = cli.ok(&["migrate", "check"]);
    assert!(out.contains("No drift") && out.contains("The schema matches what the 20 migrations build"), "{out}");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// A history refract wrote before (a format-1 snapshot, the bare IR, beside every migration) keeps
/// working, and the next `migrate dev` folds it into one snapshot with its lineage.
#[test]
fn snapshots_of_every_migration_are_folded_into_one() {
    let db = TestDb::new("history_fold");
    let scratch = Scratch::new("history-fold");
    let v1 = "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n\nmodel Note {\n  id Int @id\n}\n";
    let v2 = v1.replace("  id Int @id\n", "  id Int @id\n  body String?\n");
    let cli = Cli::new(env!("CARGO_BIN_EXE_refract"), scratch.path()).env("DATABASE_URL", &db.url());
    let format_1 = |schema: &str| {
        let ir = refract_schema::check(schema).schema;
        format!("{{\"format\": \"refract-snapshot/1\", \"schema\": {}}}\n", serde_json::to_string_pretty(&ir).unwrap())
    };
    scratch.file("prisma/schema.prisma", v1);
    cli.ok(&["migrate", "dev", "--name", "init", "--skip-generate"]);
    scratch.file("prisma/schema.prisma", &v2);
    cli.ok(&["migrate", "dev", "--name", "body", "--skip-generate"]);
    let migrations = scratch.path().join("prisma/migrations");
    let mut folders: Vec<_> =
        std::fs::read_dir(&migrations).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    folders.sort();
    std::fs::write(folders[0].join("snapshot.json"), format_1(v1)).unwrap();
    std::fs::write(folders[1].join("snapshot.json"), format_1(&v2)).unwrap();

    let out = cli.ok(&["migrate", "check"]);
    assert!(out.contains("The schema matches what the 2 migrations build") && out.contains("No drift"), "{out}");
    let out = cli.ok(&["migrate", "dev", "--skip-generate"]);
    assert!(out.contains("Already in sync") && out.contains("1 older snapshots removed"), "{out}");
    assert!(!folders[0].join("snapshot.json").exists());
    let newest = std::fs::read_to_string(folders[1].join("snapshot.json")).unwrap();
    assert!(newest.contains("refract-snapshot/2") && newest.contains("\"migrations\""), "{newest}");
    let out = cli.ok(&["migrate", "check"]);
    assert!(out.contains("No drift") && !out.contains("rebuilt"), "{out}");
}
