//! Team workflows through the real `git` binary, not folders copied by hand: a project on `main` gets
//! its first migration; branches made from it each change the schema and run `migrate dev` against their
//! own development database; the branches then come back to `main` by merge commits (in either order),
//! rebase and fast-forward, squash merge, cherry-pick, and three branches one after another.
//!
//! What it proves: git combines everything refract writes without a conflict (`git status` is clean
//! after each combination), and the combined `main` works: it deploys to a fresh database that then has
//! every branch's change and passes `migrate check`; `migrate dev` writes no migration and changes no
//! file; and a production database that had only the first branch deploys the others (even a migration
//! older than the one it already ran) and passes `migrate check`.
//!
//! When a state file refract wrote does conflict (both branches edited it), whichever way a developer
//! resolves it (`--ours`, `--theirs`, or committing the conflict markers), the same commands work and
//! say in one line that the state file could not be read.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use refract_e2e::{Cli, Scratch, TestDb, output_text};

/// The schema on `main`. The comment lines are where the branches insert their lines: changes with
/// unchanged lines between them, so git merges the schema without a conflict.
const BASE_SCHEMA: &str = r#"datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model User {
  id    Int    @id @default(autoincrement())
  email String @unique

  // What a profile shows.

  // Relations to other models.
}

// Content.

// Labels.
"#;

/// One branch's change to the schema and its migration.
struct Change {
    branch: &'static str,
    migration: &'static str,
    /// `(anchor, inserted)`: `inserted` goes right after the line `anchor` of the base schema.
    edits: &'static [(&'static str, &'static str)],
    /// `(line, with)`: a line of the base schema changed.
    changes: &'static [(&'static str, &'static str)],
    /// SQL counting 1 when the change is in a database.
    applied: &'static str,
}

const NICKNAME: Change = Change {
    branch: "nickname",
    migration: "add_nickname",
    edits: &[("  email String @unique\n", "  nickname String?\n")],
    changes: &[],
    applied: "SELECT count(*) FROM information_schema.columns \
              WHERE table_schema = 'public' AND table_name = 'User' AND column_name = 'nickname'",
};

const POST: Change = Change {
    branch: "post",
    migration: "add_post",
    edits: &[
        ("  // Relations to other models.\n", "  posts Post[]\n"),
        (
            "// Content.\n",
            "model Post {\n  id       Int    @id @default(autoincrement())\n  title    String\n  authorId Int\n  \
             author   User   @relation(fields: [authorId], references: [id])\n}\n",
        ),
    ],
    changes: &[],
    applied: "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'Post'",
};

const TAG: Change = Change {
    branch: "tag",
    migration: "add_tag",
    edits: &[("// Labels.\n", "model Tag {\n  id   Int    @id @default(autoincrement())\n  name String @unique\n}\n")],
    changes: &[],
    applied: "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'Tag'",
};

/// The base schema with these changes.
fn schema_with(changes: &[&Change]) -> String {
    let mut schema = BASE_SCHEMA.to_string();
    for (anchor, inserted) in changes.iter().flat_map(|c| c.edits) {
        let at = schema.find(anchor).unwrap_or_else(|| panic!("{anchor:?} is in the base schema")) + anchor.len();
        schema.insert_str(at, inserted);
    }
    for (line, with) in changes.iter().flat_map(|c| c.changes) {
        assert!(schema.contains(line), "{line:?} is in the base schema");
        schema = schema.replace(line, with);
    }
    schema
}

/// `git` in the project folder, with a fixed identity and none of the machine's configuration.
struct Git {
    dir: PathBuf,
}

impl Git {
    fn run(&self, args: &[&str]) -> Output {
        let (name, email) = ("Refract Test", "test@refract.invalid");
        Command::new("git")
            .current_dir(&self.dir)
            .args(["-c", &format!("user.name={name}"), "-c", &format!("user.email={email}")])
            .args(["-c", "init.defaultBranch=main", "-c", "core.autocrlf=false", "-c", "merge.conflictstyle=merge"])
            .args(args)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_EDITOR", "true")
            .env("LC_ALL", "C")
            .envs([("GIT_AUTHOR_NAME", name), ("GIT_COMMITTER_NAME", name)])
            .envs([("GIT_AUTHOR_EMAIL", email), ("GIT_COMMITTER_EMAIL", email)])
            .output()
            .expect("git runs (install git)")
    }

    /// Runs and asserts success; stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "git {} failed:\n{}", args.join(" "), output_text(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn commit_all(&self, message: &str) {
        self.ok(&["add", "-A"]);
        self.ok(&["commit", "-q", "-m", message]);
    }

    fn merge(&self, branch: &str) {
        self.ok(&["merge", "--no-ff", "--no-edit", branch]);
    }

    /// Asserts that the work tree and index are as committed.
    fn assert_clean(&self, after: &str) {
        let status = self.ok(&["status", "--porcelain"]);
        assert!(status.is_empty(), "git status after {after} is not clean:\n{status}");
    }
}

/// Does each branch also edit (by hand) the state files refract wrote beside the first migration, so
/// that they conflict?
#[derive(Clone, Copy, PartialEq)]
enum StateEdits {
    None,
    Conflicting,
}

/// A git repository on `main` with the first migration committed, and one branch per change, made in
/// the order given (each `migrate dev` a second after the one before: its folder is newer).
struct Project {
    _scratch: Scratch,
    dir: PathBuf,
    git: Git,
    /// Each branch's development database.
    dev: Vec<(&'static str, TestDb)>,
    /// Paths (from the project folder) of the files refract wrote beside the first migration.
    state_files: Vec<String>,
}

impl Project {
    fn new(label: &str, changes: &[&Change], state_edits: StateEdits) -> Project {
        let scratch = Scratch::new(label);
        let dir = scratch.path().join("project");
        fs::create_dir_all(dir.join("prisma")).unwrap();
        fs::write(dir.join("prisma/schema.prisma"), BASE_SCHEMA).unwrap();
        fs::write(dir.join(".gitignore"), "/target/\n").unwrap();
        let git = Git { dir: dir.clone() };
        git.ok(&["init", "-q", "-b", "main"]);
        git.commit_all("Schema");
        let mut project = Project { _scratch: scratch, dir, git, dev: Vec::new(), state_files: Vec::new() };

        let main_dev = TestDb::new("git_main_dev");
        project.cli(&main_dev).ok(&["migrate", "dev", "--name", "init", "--skip-generate"]);
        project.git.commit_all("Migration init");
        project.state_files = refract_files(&project.dir.join("prisma/migrations"), &project.dir);
        if state_edits == StateEdits::Conflicting {
            assert!(!project.state_files.is_empty(), "refract wrote no state file beside the first migration");
        }

        let mut created = Vec::new();
        for change in changes {
            // A folder name carries the second it was made in, and at least the second after the newest
            // folder (here `init`): a second after `init` and after each other, no two branches share one.
            std::thread::sleep(Duration::from_millis(1100));
            created.push(project.branch(change, state_edits));
        }
        assert!(created.windows(2).all(|w| w[0][..14] < w[1][..14]), "one timestamp per branch: {created:?}");
        project
    }

    /// Makes the change on a new branch from `main` with its own development database, commits, and
    /// goes back to `main`. The new migration folder's name.
    fn branch(&mut self, change: &Change, state_edits: StateEdits) -> String {
        self.git.ok(&["checkout", "-q", "-b", change.branch, "main"]);
        fs::write(self.dir.join("prisma/schema.prisma"), schema_with(&[change])).unwrap();
        let db = TestDb::new(&format!("git_{}_dev", change.branch));
        let before = self.folders();
        self.cli(&db).ok(&["migrate", "dev", "--name", change.migration, "--skip-generate"]);
        let new: Vec<String> = self.folders().into_iter().filter(|f| !before.contains(f)).collect();
        assert!(new.len() == 1 && new[0].ends_with(change.migration), "one new migration folder: {new:?}");
        if state_edits == StateEdits::Conflicting {
            for file in &self.state_files {
                let mut f = fs::OpenOptions::new().create(true).append(true).open(self.dir.join(file)).unwrap();
                writeln!(f, "{{\"edited on branch\": \"{}\"}}", change.branch).unwrap();
            }
        }
        self.git.commit_all(&format!("Add {}", change.branch));
        self.git.ok(&["checkout", "-q", "main"]);
        self.dev.push((change.branch, db));
        new.into_iter().next().unwrap()
    }

    fn cli(&self, db: &TestDb) -> Cli {
        Cli::new(env!("CARGO_BIN_EXE_refract"), &self.dir).env("DATABASE_URL", &db.url())
    }

    fn folders(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(self.dir.join("prisma/migrations"))
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn dev_db(&self, branch: &str) -> &TestDb {
        &self.dev.iter().find(|(b, _)| *b == branch).expect("the branch has a development database").1
    }

    /// A production database deployed from `main` as it is now; asserts it has exactly these changes.
    fn deploy_production(&self, changes: &[&Change], not_yet: &[&Change]) -> TestDb {
        let mut prod = TestDb::new("git_production");
        let out = self.cli(&prod).ok(&["migrate", "deploy"]);
        for change in changes {
            assert_eq!(prod.count(change.applied), 1, "{} is deployed:\n{out}", change.migration);
        }
        for change in not_yet {
            assert_eq!(prod.count(change.applied), 0, "{} is not on main yet:\n{out}", change.migration);
        }
        prod
    }

    /// The checks on the combined `main` (`changes`, first the one merged first, are all of it).
    fn assert_works(&self, changes: &[&Change], mut prod: TestDb, expect: Expect) {
        self.git.assert_clean("combining the branches");
        let schema = fs::read_to_string(self.dir.join("prisma/schema.prisma")).unwrap();
        for (_, inserted) in changes.iter().flat_map(|c| c.edits) {
            assert!(schema.contains(inserted), "git merged the schema with {inserted:?}:\n{schema}");
        }
        let folders = self.folders();
        assert_eq!(folders.len(), changes.len() + 1, "one folder per migration: {folders:?}");

        // A fresh database.
        let mut fresh = TestDb::new("git_fresh");
        let fresh_cli = self.cli(&fresh);
        let out = fresh_cli.ok(&["migrate", "deploy"]);
        assert_deployed(&mut fresh, changes, &folders, &out);
        expect.check(&check_passes(&fresh_cli), "migrate check on a fresh database");

        // The development database of the branch merged first.
        let out = self.cli(self.dev_db(changes[0].branch)).run(&["migrate", "dev", "--skip-generate"]);
        assert!(out.status.success(), "migrate dev on the merged main failed:\n{}", output_text(&out));
        assert_eq!(self.folders(), folders, "migrate dev wrote no migration:\n{}", output_text(&out));
        expect.check(&out, "migrate dev");
        if expect == Expect::Clean {
            self.git.assert_clean("migrate dev");
        }

        // Production, which had only the first branch.
        let prod_cli = self.cli(&prod);
        let out = prod_cli.ok(&["migrate", "deploy"]);
        assert_deployed(&mut prod, changes, &folders, &out);
        check_passes(&prod_cli);
    }
}

/// What the checks on the combined `main` expect of refract's output.
#[derive(Clone, Copy, PartialEq)]
enum Expect {
    Clean,
    /// A state file was left unreadable (a conflict resolved badly): refract says so in one line, on
    /// stderr when `stderr` (a file with conflict markers), else anywhere in its output.
    UnreadableState {
        stderr: bool,
    },
}

impl Expect {
    fn check(self, out: &Output, what: &str) {
        if let Expect::UnreadableState { stderr } = self {
            let said = if stderr { String::from_utf8_lossy(&out.stderr).into_owned() } else { output_text(out) };
            assert!(
                said.to_lowercase().lines().any(|l| l.contains("could not be read") || l.contains("cannot be read")),
                "{what} says{} that the state file could not be read:\n{}",
                if stderr { " on stderr" } else { "" },
                output_text(out)
            );
        }
    }
}

/// The files under `dir` refract wrote besides the migrations and the lock file, from `root`.
fn refract_files(dir: &Path, root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap().map(|e| e.unwrap()) {
        let path = entry.path();
        if path.is_dir() {
            files.extend(refract_files(&path, root));
        } else if !["migration.sql", "down.sql", "migration_lock.toml"].contains(&&*entry.file_name().to_string_lossy())
        {
            files.push(path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"));
        }
    }
    files.sort();
    files
}

/// `migrate check` exits 0.
fn check_passes(cli: &Cli) -> Output {
    let out = cli.run(&["migrate", "check"]);
    assert_eq!(out.status.code(), Some(0), "migrate check:\n{}", output_text(&out));
    out
}

/// The database has every change, and one finished history row per migration folder.
fn assert_deployed(db: &mut TestDb, changes: &[&Change], folders: &[String], out: &str) {
    for change in changes {
        assert_eq!(db.count(change.applied), 1, "{} is applied to {}:\n{out}", change.migration, db.name);
    }
    for folder in folders {
        let rows = db.count(&format!(
            "SELECT count(*) FROM _prisma_migrations \
             WHERE migration_name = '{folder}' AND finished_at IS NOT NULL AND rolled_back_at IS NULL"
        ));
        assert_eq!(rows, 1, "one finished history row for {folder} in {}:\n{out}", db.name);
    }
    let rows = db.count("SELECT count(*) FROM _prisma_migrations");
    assert_eq!(rows, folders.len() as i64, "history rows in {}:\n{out}", db.name);
}

/// Two branches merged into `main` with merge commits, `first` first. `post` made its migration
/// before `nickname`, so merging `nickname` first brings in the older migration last.
fn merge_commits(first: &Change, second: &Change) {
    let p = Project::new("git-merge", &[&POST, &NICKNAME], StateEdits::None);
    p.git.merge(first.branch);
    let prod = p.deploy_production(&[first], &[second]);
    p.git.merge(second.branch);
    p.assert_works(&[first, second], prod, Expect::Clean);
}

#[test]
fn merge_commits_nickname_then_post() {
    merge_commits(&NICKNAME, &POST);
}

#[test]
fn merge_commits_post_then_nickname() {
    merge_commits(&POST, &NICKNAME);
}

/// `nickname` is merged into `main` and deployed to production; `post` (made before it) comes next.
fn nickname_merged() -> (Project, TestDb) {
    let p = Project::new("git-after-nickname", &[&POST, &NICKNAME], StateEdits::None);
    p.git.merge(NICKNAME.branch);
    let prod = p.deploy_production(&[&NICKNAME], &[&POST]);
    (p, prod)
}

#[test]
fn rebase_then_fast_forward() {
    let (p, prod) = nickname_merged();
    p.git.ok(&["checkout", "-q", POST.branch]);
    p.git.ok(&["rebase", "main"]);
    p.git.ok(&["checkout", "-q", "main"]);
    p.git.ok(&["merge", "--ff-only", POST.branch]);
    p.assert_works(&[&NICKNAME, &POST], prod, Expect::Clean);
}

#[test]
fn squash_merge() {
    let (p, prod) = nickname_merged();
    p.git.ok(&["merge", "--squash", POST.branch]);
    p.git.ok(&["commit", "-q", "-m", "Add posts (squashed)"]);
    p.assert_works(&[&NICKNAME, &POST], prod, Expect::Clean);
}

#[test]
fn cherry_pick() {
    let (p, prod) = nickname_merged();
    let commit = p.git.ok(&["rev-parse", POST.branch]);
    p.git.ok(&["cherry-pick", commit.trim()]);
    p.assert_works(&[&NICKNAME, &POST], prod, Expect::Clean);
}

#[test]
fn three_branches_merged_one_after_another() {
    let p = Project::new("git-three", &[&POST, &NICKNAME, &TAG], StateEdits::None);
    p.git.merge(NICKNAME.branch);
    let prod = p.deploy_production(&[&NICKNAME], &[&TAG, &POST]);
    p.git.merge(TAG.branch);
    p.git.merge(POST.branch);
    p.assert_works(&[&NICKNAME, &TAG, &POST], prod, Expect::Clean);
}

/// How a developer resolves a conflict in refract's state files.
enum Resolution {
    /// `git checkout --ours` or `--theirs`, then `git add`.
    Checkout(&'static str),
    /// `git add` of the file as git left it, conflict markers and all.
    CommitMarkers,
}

/// Both branches edited refract's state files beside the first migration: merging the second branch
/// stops with a conflict in exactly those files, resolved as `resolution` says.
fn conflicting_state(resolution: Resolution) {
    let p = Project::new("git-state-conflict", &[&POST, &NICKNAME], StateEdits::Conflicting);
    p.git.merge(NICKNAME.branch);
    let prod = p.deploy_production(&[&NICKNAME], &[&POST]);
    let out = p.git.run(&["merge", "--no-ff", "--no-edit", POST.branch]);
    assert!(!out.status.success(), "git merge stops on the state files:\n{}", output_text(&out));
    let conflicted = p.git.ok(&["diff", "--name-only", "--diff-filter=U"]);
    assert_eq!(conflicted.lines().collect::<Vec<_>>(), p.state_files, "{}", output_text(&out));
    for file in &p.state_files {
        match resolution {
            Resolution::Checkout(side) => {
                p.git.ok(&["checkout", side, "--", file]);
            }
            Resolution::CommitMarkers => {
                let text = fs::read_to_string(p.dir.join(file)).unwrap();
                assert!(text.contains("<<<<<<<") && text.contains(">>>>>>>"), "{file} has conflict markers:\n{text}");
            }
        }
        p.git.ok(&["add", "--", file]);
    }
    p.git.ok(&["commit", "-q", "--no-edit"]);
    let stderr = matches!(resolution, Resolution::CommitMarkers);
    let dev = p.cli(p.dev_db(NICKNAME.branch));
    p.assert_works(&[&NICKNAME, &POST], prod, Expect::UnreadableState { stderr });
    // `migrate dev` wrote the state afresh: the next commands read it, with no replay.
    let out = dev.ok(&["migrate", "check"]);
    assert!(!out.contains("could not be read") && !out.contains("rebuilt") && out.contains("No drift"), "{out}");
}

#[test]
fn conflicting_state_resolved_with_ours() {
    conflicting_state(Resolution::Checkout("--ours"));
}

#[test]
fn conflicting_state_resolved_with_theirs() {
    conflicting_state(Resolution::Checkout("--theirs"));
}

#[test]
fn conflicting_state_committed_with_markers() {
    conflicting_state(Resolution::CommitMarkers);
}

const SHORT_EMAIL: Change = Change {
    branch: "short_email",
    migration: "short_email",
    edits: &[],
    changes: &[("  email String @unique\n", "  email String @unique @db.VarChar(50)\n")],
    applied: "SELECT count(*) FROM information_schema.columns \
              WHERE table_name = 'User' AND column_name = 'email' AND character_maximum_length = 50",
};

const LONG_EMAIL: Change = Change {
    branch: "long_email",
    migration: "long_email",
    edits: &[],
    changes: &[("  email String @unique\n", "  email String @unique @db.VarChar(200)\n")],
    applied: "SELECT count(*) FROM information_schema.columns \
              WHERE table_name = 'User' AND column_name = 'email' AND character_maximum_length = 200",
};

/// Two branches changed one column differently: git stops on the schema (the team's own file, the
/// only one that may conflict), the developer keeps one side, and refract explains what the history
/// leaves and writes the migration that settles it.
#[test]
fn a_real_conflict_is_explained_and_settled() {
    let p = Project::new("git-real-conflict", &[&SHORT_EMAIL, &LONG_EMAIL], StateEdits::None);
    p.git.merge(SHORT_EMAIL.branch);
    let out = p.git.run(&["merge", "--no-ff", "--no-edit", LONG_EMAIL.branch]);
    assert!(!out.status.success(), "git stops on the schema:\n{}", output_text(&out));
    let conflicted = p.git.ok(&["diff", "--name-only", "--diff-filter=U"]);
    assert_eq!(conflicted.trim(), "prisma/schema.prisma", "only the schema conflicts:\n{}", output_text(&out));
    p.git.ok(&["checkout", "--ours", "--", "prisma/schema.prisma"]);
    p.git.commit_all("Merge long_email, keeping the short email");

    let dev = p.cli(p.dev_db(SHORT_EMAIL.branch));
    let out = dev.fails(&["migrate", "check"]);
    assert!(out.contains("branches changed this differently"), "{out}");
    assert!(out.contains("_short_email") && out.contains("_long_email"), "{out}");
    let out = dev.ok(&["migrate", "dev", "--name", "settle_email", "--skip-generate"]);
    assert!(out.contains("conflict:"), "{out}");
    let settle = p.folders().into_iter().find(|f| f.ends_with("_settle_email")).expect("the settling migration");
    let sql = fs::read_to_string(p.dir.join("prisma/migrations").join(settle).join("migration.sql")).unwrap();
    assert!(sql.contains("VARCHAR(50)"), "{sql}");
    let out = dev.ok(&["migrate", "check"]);
    assert!(out.contains("No drift") && !out.contains("rebuilt"), "{out}");
    let mut fresh = TestDb::new("git_fresh_settled");
    p.cli(&fresh).ok(&["migrate", "deploy"]);
    assert_eq!(fresh.count(SHORT_EMAIL.applied), 1);
}
