//! Team branches through the binary: two developers branch from one history, each runs
//! `migrate dev`, the branches are merged (migration folders and schema, as git merges them), and the
//! merged project must plan nothing new, pass `migrate check`, and deploy to the schema, whichever
//! branch's migration is older; a real conflict (both branches changed one column differently) is
//! explained, not planned over silently.

use std::path::Path;
use std::time::Duration;

use refract_e2e::{Cli, Scratch, TestDb};

const BASE: &str = r#"datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model Post {
  id    Int    @id @default(autoincrement())
  title String
}
"#;

fn with_fields(fields: &[&str]) -> String {
    let mut s = BASE.to_string();
    let at = s.find("  title String\n").unwrap() + "  title String\n".len();
    for f in fields.iter().rev() {
        s.insert_str(at, &format!("  {f}\n"));
    }
    s
}

/// A copy of `from` (a project folder) in `to`.
fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            if entry.file_name() != "target" {
                copy(&entry.path(), &target);
            }
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// What git does to the migrations folder when two branches are merged: the union of the files, with
/// the files both branches deleted gone.
fn merge_migrations(base: &Path, ours: &Path, theirs: &Path, into: &Path) {
    let _ = std::fs::remove_dir_all(into);
    copy(ours, into);
    copy(theirs, into);
    // A file of the base that one branch deleted (an older snapshot superseded) stays deleted.
    for folder in std::fs::read_dir(base).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()) {
        let name = folder.file_name().unwrap();
        for file in std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().path()) {
            let file_name = file.file_name().unwrap();
            let deleted = |branch: &Path| !branch.join(name).join(file_name).exists();
            if deleted(ours) || deleted(theirs) {
                let _ = std::fs::remove_file(into.join(name).join(file_name));
            }
        }
    }
}

struct Branch {
    dir: std::path::PathBuf,
    cli: Cli,
    _db: TestDb,
}

fn branch(scratch: &Scratch, name: &str, from: &Path) -> Branch {
    let dir = scratch.path().join(name);
    copy(from, &dir);
    let db = TestDb::new(&format!("branch_{name}"));
    let cli = Cli::new(env!("CARGO_BIN_EXE_refract"), &dir).env("DATABASE_URL", &db.url());
    Branch { dir, cli, _db: db }
}

fn folders(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join("prisma/migrations"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Base history, then two branches each changing the schema (`first` runs `migrate dev` a second before
/// `second`, so its migration is the older one), merged with `merged_schema`.
fn merged(scratch: &Scratch, first: (&str, &str), second: (&str, &str), merged_schema: &str) -> Branch {
    let base = branch(scratch, "base", &{
        let d = scratch.path().join("seed");
        std::fs::create_dir_all(d.join("prisma")).unwrap();
        std::fs::write(d.join("prisma/schema.prisma"), BASE).unwrap();
        d
    });
    base.cli.ok(&["migrate", "dev", "--name", "init", "--skip-generate"]);
    let a = branch(scratch, "a", &base.dir);
    let b = branch(scratch, "b", &base.dir);
    std::fs::write(a.dir.join("prisma/schema.prisma"), first.1).unwrap();
    a.cli.ok(&["migrate", "dev", "--name", first.0, "--skip-generate"]);
    // A new folder takes at least the second after the last one: two seconds apart, the folders of
    // the two branches cannot share a timestamp.
    std::thread::sleep(Duration::from_millis(2100));
    std::fs::write(b.dir.join("prisma/schema.prisma"), second.1).unwrap();
    b.cli.ok(&["migrate", "dev", "--name", second.0, "--skip-generate"]);

    let m = branch(scratch, "merged", &base.dir);
    merge_migrations(
        &base.dir.join("prisma/migrations"),
        &a.dir.join("prisma/migrations"),
        &b.dir.join("prisma/migrations"),
        &m.dir.join("prisma/migrations"),
    );
    std::fs::write(m.dir.join("prisma/schema.prisma"), merged_schema).unwrap();
    m
}

#[test]
fn merged_branches_plan_nothing_and_deploy_the_schema() {
    let (x, y) = (with_fields(&["x Int?"]), with_fields(&["y String?"]));
    let both = with_fields(&["x Int?", "y String?"]);
    for (first, second) in
        [(("add_x", x.as_str()), ("add_y", y.as_str())), (("add_y", y.as_str()), ("add_x", x.as_str()))]
    {
        let scratch = Scratch::new("branches");
        let m = merged(&scratch, first, second, &both);
        let before = folders(&m.dir);
        assert_eq!(before.len(), 3, "{before:?}");

        // CI on the merge: the schema is what the history builds; no database needed for that.
        // The older of the two branch migrations is the one the newest snapshot does not know.
        let older = &before[1];
        assert!(older.ends_with(first.0) && before[2].ends_with(second.0), "{before:?}");
        let out = m.cli.ok(&["migrate", "check"]);
        assert!(out.contains(&format!("from another branch ({older})")), "{out}");
        assert!(out.contains("The schema matches what the 3 migrations build"), "{out}");

        // A developer's database: both branches' migrations applied, nothing new written, and the
        // rebuilt state recorded so the next run needs no replay.
        let out = m.cli.ok(&["migrate", "dev", "--skip-generate"]);
        assert!(out.contains("Already in sync"), "{out}");
        assert_eq!(folders(&m.dir), before, "no migration written");
        let out = m.cli.ok(&["migrate", "dev", "--skip-generate"]);
        assert!(!out.contains("rebuilt"), "the state was recorded: {out}");
        let out = m.cli.ok(&["migrate", "check"]);
        assert!(out.contains("No drift") && !out.contains("rebuilt"), "{out}");

        // A fresh database deployed from the merged folder is the schema.
        let fresh = TestDb::new("branches_fresh");
        let fresh_cli = m.cli.clone().env("DATABASE_URL", &fresh.url());
        fresh_cli.ok(&["migrate", "deploy"]);
        let out = fresh_cli.ok(&["migrate", "check"]);
        assert!(out.contains("No drift") && out.contains("The schema matches"), "{out}");
        let out = fresh_cli.run(&[
            "migrate",
            "diff",
            "--from-url",
            &fresh.url(),
            "--to-schema",
            "prisma/schema.prisma",
            "--exit-code",
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", refract_e2e::output_text(&out));
    }
}

/// Branch B is merged first and recorded; branch A's migration, older than B's snapshot, comes in
/// after: it is applied out of order on the developer's database, and accounted for.
#[test]
fn a_branch_older_than_the_last_snapshot_is_accounted_for() {
    let scratch = Scratch::new("branches-late");
    let both = with_fields(&["x Int?", "y String?"]);
    let m = merged(&scratch, ("add_x", &with_fields(&["x Int?"])), ("add_y", &with_fields(&["y String?"])), &both);
    let add_x = folders(&m.dir).into_iter().find(|f| f.ends_with("_add_x")).unwrap();
    let held = scratch.path().join("held");
    std::fs::rename(m.dir.join("prisma/migrations").join(&add_x), &held).unwrap();
    std::fs::write(m.dir.join("prisma/schema.prisma"), with_fields(&["y String?"])).unwrap();
    let out = m.cli.ok(&["migrate", "dev", "--skip-generate"]);
    assert!(out.contains("Already in sync"), "{out}");

    // Branch A lands: its migration sorts before the snapshot main recorded.
    std::fs::rename(&held, m.dir.join("prisma/migrations").join(&add_x)).unwrap();
    std::fs::write(m.dir.join("prisma/schema.prisma"), &both).unwrap();
    let out = m.cli.ok(&["migrate", "check"]);
    assert!(out.contains(&add_x) && out.contains("The schema matches"), "{out}");
    let out = m.cli.ok(&["migrate", "dev", "--skip-generate"]);
    assert!(out.contains(&format!("Applying {add_x}")) && out.contains("Already in sync"), "{out}");
    assert_eq!(folders(&m.dir).len(), 3);
}

#[test]
fn a_real_conflict_is_explained() {
    let scratch = Scratch::new("branches-conflict");
    let short = BASE.replace("title String", "title String @db.VarChar(50)");
    let long = BASE.replace("title String", "title String @db.VarChar(200)");
    // The merge kept branch A's line (git asked; the developer chose the first).
    let m = merged(&scratch, ("short_title", &short), ("long_title", &long), &short);
    let out = m.cli.fails(&["migrate", "check"]);
    assert!(out.contains("branches changed this differently"), "{out}");
    assert!(out.contains("_short_title") && out.contains("_long_title"), "{out}");
    // migrate dev writes the migration that settles it.
    let out = m.cli.ok(&["migrate", "dev", "--name", "settle_subtitle", "--skip-generate"]);
    assert!(out.contains("conflict:"), "{out}");
    let settle = folders(&m.dir).into_iter().find(|f| f.ends_with("_settle_subtitle")).unwrap();
    let sql = std::fs::read_to_string(m.dir.join("prisma/migrations").join(settle).join("migration.sql")).unwrap();
    assert!(sql.contains("VARCHAR(50)"), "{sql}");
    m.cli.ok(&["migrate", "check"]);
}
