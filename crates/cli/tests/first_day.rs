//! What a team switching from Prisma meets on its first day, through the `refract` binary against a
//! real PostgreSQL: a history Prisma wrote (no refract state files, so it must be replayed), checked
//! without a database (`migrate check` leaves no embedded server behind), run from another folder
//! (what refract keeps on the machine goes in the project, in a folder git ignores by itself), and
//! the line that says how the history's state was learnt (replayed, or this machine's cache).

use std::path::{Path, PathBuf};
use std::process::Command;

use refract_e2e::{Cli, Scratch, TestDb, output_text as text};

const SCHEMA: &str = r#"datasource db {
  provider = "postgresql"
}

model User {
  id    Int    @id @default(autoincrement())
  email String @unique
  name  String?
}
"#;

/// Prisma's migrations for [`SCHEMA`]: two, so the wording's plural shows.
const MIGRATIONS: &[(&str, &str)] = &[
    (
        "20240101000000_init",
        "-- CreateTable\nCREATE TABLE \"User\" (\n    \"id\" SERIAL NOT NULL,\n    \"email\" TEXT NOT NULL,\n\n    CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\")\n);\n\n-- CreateIndex\nCREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\");\n",
    ),
    ("20240201000000_name", "-- AlterTable\nALTER TABLE \"User\" ADD COLUMN     \"name\" TEXT;\n"),
];

/// A project as Prisma left it, in the folder `at` of `scratch` (`""` for its root):
/// `prisma/schema.prisma` and its history, with no refract state files.
fn prisma_files(scratch: &Scratch, at: &str) {
    scratch.file(&format!("{at}prisma/schema.prisma"), SCHEMA);
    for (name, sql) in MIGRATIONS {
        scratch.file(&format!("{at}prisma/migrations/{name}/migration.sql"), sql);
    }
    scratch.file(&format!("{at}prisma/migrations/migration_lock.toml"), "provider = \"postgresql\"\n");
}

fn prisma_project(label: &str) -> Scratch {
    let scratch = Scratch::new(label);
    prisma_files(&scratch, "");
    scratch
}

fn cli(dir: &Path) -> Cli {
    Cli::new(env!("CARGO_BIN_EXE_refract"), dir)
}

/// Stops the project's embedded database and removes the private folder it may live in (as root),
/// even when an assertion fails on the way.
struct Cleanup {
    project: PathBuf,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        let _ = cli(&self.project).run(&["dev-db", "stop"]);
        for cluster in [".refract/pg", "target/refract/pg"] {
            if let Ok(private) = std::fs::read_link(self.project.join(cluster)) {
                let _ = std::fs::remove_dir_all(&private);
                let _ = std::fs::remove_file(private.with_extension("link"));
            }
        }
    }
}

/// Whether the project's embedded server runs: `refract dev-db status`, and the postmaster.pid the
/// server keeps in its data folder while it runs (through the link to a private folder, as root).
fn embedded_runs(project: &Path) -> bool {
    let status = cli(project).ok(&["dev-db", "status"]);
    let pid = project.join(".refract/pg/data/postmaster.pid").exists();
    assert_eq!(status.starts_with("running"), pid, "dev-db status and postmaster.pid disagree: {status}");
    pid
}

#[test]
fn migrate_check_without_a_database_leaves_no_embedded_server_behind() {
    let scratch = prisma_project("first-day-check");
    let dir = scratch.path();
    let _cleanup = Cleanup { project: dir.to_path_buf() };

    // Nothing configured, a history to replay: the embedded database is the place to replay it, for
    // this command only. The result is given, and no server is left running.
    let out = cli(dir).ok(&["migrate", "check"]);
    assert!(out.contains("The schema matches what the 2 migrations build"), "{out}");
    assert!(out.contains("edits and drift not checked"), "{out}");
    assert!(out.contains("started for this command"), "{out}");
    assert!(cli(dir).ok(&["dev-db", "status"]).starts_with("stopped"), "the cluster was made, and stopped");
    assert!(!embedded_runs(dir));

    // migrate diff --from-migrations is the same.
    let out = cli(dir).run(&[
        "migrate",
        "diff",
        "--from-migrations",
        "prisma/migrations",
        "--to-schema",
        "prisma/schema.prisma",
        "--exit-code",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(!embedded_runs(dir), "{}", text(&out));

    // A server that was running before stays running.
    cli(dir).ok(&["dev-db", "start"]);
    let out = cli(dir).ok(&["migrate", "check"]);
    assert!(out.contains("The schema matches") && out.contains("running already"), "{out}");
    assert!(embedded_runs(dir));
    cli(dir).ok(&["dev-db", "stop"]);

    // A replay that fails stops the server it started too.
    scratch
        .file("prisma/migrations/20240301000000_by_hand/migration.sql", "ALTER TABLE \"Nobody\" ADD COLUMN x int;\n");
    let out = cli(dir).fails(&["migrate", "check"]);
    assert!(out.contains("20240301000000_by_hand") && out.contains("Nobody"), "{out}");
    assert!(!embedded_runs(dir), "{out}");
}

/// `git status --porcelain` of the repository in `dir`, untracked files listed one by one.
fn git_status(dir: &Path) -> String {
    let out = Command::new("git")
        .args(["status", "--porcelain", "--untracked-files=all"])
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "{}", text(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn git_ignores_itself(local: &Path) {
    let ignore = std::fs::read_to_string(local.join(".gitignore")).unwrap_or_default();
    assert!(ignore.lines().any(|l| l.trim() == "*"), "{}/.gitignore: {ignore:?}", local.display());
}

#[test]
fn what_refract_keeps_goes_in_the_project_never_in_the_working_directory() {
    let db = TestDb::new("first_day_where");
    let scratch = Scratch::new("first-day-where");
    prisma_files(&scratch, "app/");
    // A JavaScript project: package.json, and a .gitignore that knows nothing of refract.
    scratch.file("app/package.json", "{ \"name\": \"app\" }\n");
    scratch.file("app/.gitignore", "node_modules/\n");
    let project = scratch.path().join("app");
    let elsewhere = scratch.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let git = Command::new("git").args(["init", "-q"]).current_dir(&project).output().expect("git runs");
    assert!(git.status.success(), "{}", text(&git));
    let before = git_status(&project);

    // From another folder with --schema: the replay's cache goes in the project (the folder where
    // prisma/schema.prisma is the default schema), and nothing lands where refract ran.
    let schema = project.join("prisma/schema.prisma");
    let out =
        cli(&elsewhere).ok(&["migrate", "check", "--schema", schema.to_str().unwrap(), "--database-url", &db.url()]);
    assert!(out.contains("The schema matches"), "{out}");
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0, "the working directory was left as it was");
    let local = project.join(".refract");
    git_ignores_itself(&local);
    assert!(std::fs::read_dir(local.join("history")).unwrap().count() > 0, "the replay is cached");

    // From the project (the folder of package.json): the same folder, so the cache answers.
    let out = cli(&project).ok(&["migrate", "check", "--database-url", &db.url()]);
    assert!(out.contains("The schema matches") && out.contains("cache of an earlier replay"), "{out}");
    assert!(!project.join("target").exists() && !project.join("prisma/.refract").exists());

    // --config names the project from anywhere (Prisma 7: paths in the config are relative to it).
    std::fs::write(
        project.join("prisma.config.ts"),
        "export default defineConfig({ schema: 'prisma/schema.prisma' })\n",
    )
    .unwrap();
    std::fs::remove_dir_all(project.join(".refract")).unwrap();
    let config = project.join("prisma.config.ts");
    let out =
        cli(&elsewhere).ok(&["migrate", "check", "--config", config.to_str().unwrap(), "--database-url", &db.url()]);
    assert!(out.contains("The schema matches"), "{out}");
    git_ignores_itself(&project.join(".refract"));
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);

    // git sees none of it: only the config file written above is new.
    let after = git_status(&project);
    assert_eq!(after.replace("?? prisma.config.ts\n", ""), before, "{after}");
}

#[test]
fn an_embedded_database_made_in_target_by_an_earlier_release_keeps_being_used() {
    let scratch = prisma_project("first-day-legacy");
    let dir = scratch.path();
    let _cleanup = Cleanup { project: dir.to_path_buf() };
    let out = cli(dir).ok(&["migrate", "dev", "--skip-generate"]);
    assert!(out.contains("embedded development database"), "{out}");
    git_ignores_itself(&dir.join(".refract"));

    // Where earlier releases made it, with the development data in it (moved while it runs: a stopped
    // private cluster whose link is gone may be swept by a run beside this one).
    std::fs::create_dir_all(dir.join("target/refract")).unwrap();
    std::fs::rename(dir.join(".refract/pg"), dir.join("target/refract/pg")).unwrap();
    let out = cli(dir).ok(&["migrate", "dev", "--skip-generate"]);
    assert!(
        out.contains("Already in sync") && !out.contains("Applying"),
        "the migrations applied there are found: {out}"
    );
    assert!(!dir.join(".refract/pg").exists(), "no second cluster: {out}");
    let status = cli(dir).ok(&["dev-db", "status"]);
    assert!(status.starts_with("running"), "{status}");
    let stop = cli(dir).ok(&["dev-db", "stop"]);
    assert!(stop.contains("Stopped"), "{stop}");
}

#[test]
fn the_history_line_says_whether_it_was_replayed_or_cached() {
    let db = TestDb::new("first_day_note");
    let scratch = prisma_project("first-day-note");
    let dir = scratch.path();
    let url = db.url();
    let with_db = cli(dir);
    let args = ["migrate", "check", "--database-url", &url];
    // The database has the history applied, as it would with Prisma.
    with_db.ok(&["migrate", "deploy", "--database-url", &url]);

    let out = with_db.ok(&args);
    assert!(out.contains("no refract state files"), "{out}");
    assert!(out.contains("the 2 migrations were replayed to learn what they build"), "{out}");
    assert!(!out.contains("cache"), "{out}");

    // Again: nothing is replayed, and the line says where the state came from instead.
    let out = with_db.ok(&args);
    assert!(out.contains("from this machine's cache of an earlier replay"), "{out}");
    assert!(!out.contains("were replayed"), "{out}");
    let out = with_db.ok(&["migrate", "dev", "--skip-generate", "--database-url", &url]);
    assert!(out.contains("from this machine's cache of an earlier replay"), "{out}");
    // migrate dev recorded the state: nothing more to say.
    let out = with_db.ok(&args);
    assert!(!out.contains("replay"), "{out}");

    // A migration the server refuses: the replay fails, says why it ran, and claims nothing.
    let scratch = prisma_project("first-day-note-fails");
    scratch
        .file("prisma/migrations/20240301000000_by_hand/migration.sql", "ALTER TABLE \"Nobody\" ADD COLUMN x int;\n");
    let out = cli(scratch.path()).fails(&args);
    assert!(out.contains("Nobody") && out.contains("because the history has no refract state files"), "{out}");
    assert!(!out.contains("were replayed") && !out.contains("cache"), "{out}");
}
