//! The migrations folder grows by its SQL, not by a schema per migration: after 20 migrations of a
//! 300-model schema (gen-schema 300), the folder (a state file per migration, each the change its
//! migration made, with the state as PostgreSQL reports it too) stays within a small multiple of the
//! SQL it holds (each migration.sql and its way back, down.sql).

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
fn twenty_migrations_of_300_models_keep_the_folder_small() {
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
        assert!(!out.contains("rebuilt"), "each state comes from the state files: {out}");
    }
    let migrations = scratch.path().join("prisma/migrations");
    let states: Vec<_> = walk(&migrations).into_iter().filter(|p| p.ends_with("state.json")).collect();
    assert_eq!(states.len(), 20, "a state file beside each migration: {states:?}");
    // Only the first holds a whole schema; the others the change their migration made.
    let first = std::fs::read_to_string(states.iter().min().unwrap()).unwrap();
    for later in states.iter().filter(|p| **p != *states.iter().min().unwrap()) {
        let text = std::fs::read_to_string(later).unwrap();
        assert!(
            text.contains("\"change\"") && text.len() * 20 < first.len(),
            "{}: {} bytes",
            later.display(),
            text.len()
        );
    }
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

/// A history an earlier refract wrote (a format-1 snapshot, the bare IR, beside every migration; or
/// one format-2 snapshot with its lineage) keeps working with no replay, and is never rewritten: the
/// next migration's state file is the change onto it.
#[test]
fn snapshots_of_earlier_releases_are_read_as_they_are() {
    let db = TestDb::new("history_fold");
    let scratch = Scratch::new("history-fold");
    let v1 = "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n\nmodel Note {\n  id Int @id\n}\n";
    let v2 = v1.replace("  id Int @id\n", "  id Int @id\n  body String?\n");
    let v3 = v2.replace("  body String?\n", "  body String?\n  title String?\n");
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
    for (folder, schema) in folders.iter().zip([v1, v2.as_str()]) {
        std::fs::remove_file(folder.join("state.json")).unwrap();
        std::fs::write(folder.join("snapshot.json"), format_1(schema)).unwrap();
    }

    let out = cli.ok(&["migrate", "check"]);
    assert!(out.contains("The schema matches what the 2 migrations build") && out.contains("No drift"), "{out}");
    assert!(!out.contains("rebuilt"), "{out}");
    let out = cli.ok(&["migrate", "dev", "--skip-generate"]);
    assert!(out.contains("Already in sync") && !out.contains("Recorded"), "{out}");
    scratch.file("prisma/schema.prisma", &v3);
    let out = cli.ok(&["migrate", "dev", "--name", "title", "--skip-generate"]);
    assert!(!out.contains("rebuilt"), "{out}");
    assert!(folders.iter().all(|f| f.join("snapshot.json").is_file()), "an earlier release's files stay");
    let newest =
        std::fs::read_dir(&migrations).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).max().unwrap();
    let text = std::fs::read_to_string(newest.join("state.json")).unwrap();
    assert!(
        text.contains("\"change\"") && text.contains(&*folders[1].file_name().unwrap().to_string_lossy()),
        "{text}"
    );
    let out = cli.ok(&["migrate", "check"]);
    assert!(out.contains("No drift") && !out.contains("rebuilt"), "{out}");
}
