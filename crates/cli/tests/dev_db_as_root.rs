//! The embedded development database when refract runs as root in a folder no other user can enter (a
//! project under root's home, mode 0700: the usual Docker layout). PostgreSQL refuses to run as root, so
//! the server runs as `nobody`, which cannot reach the project: the cluster is kept in a private folder
//! of its own, linked from the project's `.refract/pg`, and the project's folders keep their permissions.
//! CI runs as root; elsewhere the test says why it did nothing.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Output;

use refract_e2e::{Cli, output_text as text};

const SCHEMA: &str = "datasource db {\n  provider = \"postgresql\"\n}\n\nmodel Note {\n  id    Int    @id @default(autoincrement())\n  title String\n}\n";

fn is_root() -> bool {
    std::fs::metadata("/proc/self").map(|m| m.uid() == 0).unwrap_or(false)
}

/// The binary in `project` with a cleared environment (PATH and HOME kept) (`refract_e2e::Cli`).
fn run_in(project: &Path, args: &[&str]) -> Output {
    Cli::new(env!("CARGO_BIN_EXE_refract"), project).run(args)
}

/// Stops the cluster and removes its private folder, even when an assertion fails on the way.
struct Cleanup {
    project: PathBuf,
    private: Option<PathBuf>,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        let _ = run_in(&self.project, &["dev-db", "stop"]);
        if let Some(dir) = &self.private {
            let _ = std::fs::remove_dir_all(dir);
            // The note of which link the folder belongs to, beside it.
            let _ = std::fs::remove_file(dir.with_extension("link"));
        }
    }
}

#[test]
fn migrate_dev_as_root_in_a_private_project_folder_uses_a_private_cluster() {
    if !is_root() {
        eprintln!("skipped: this test needs root (the embedded database then runs as `nobody`), and runs in CI");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let project = home.path().join("app");
    std::fs::create_dir(&project).unwrap();
    std::fs::set_permissions(&project, std::fs::Permissions::from_mode(0o700)).unwrap();
    std::fs::create_dir(project.join("prisma")).unwrap();
    std::fs::write(project.join("prisma/schema.prisma"), SCHEMA).unwrap();
    let mut cleanup = Cleanup { project: project.clone(), private: None };

    let out = run_in(&project, &["migrate", "dev", "--name", "init"]);
    let marker = project.join(".refract/pg");
    if let Ok(target) = std::fs::read_link(&marker) {
        cleanup.private = Some(target);
    }
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("embedded development database"), "{}", text(&out));

    // The project keeps its permissions; the cluster is elsewhere, linked from the project's folder.
    assert_eq!(std::fs::metadata(&project).unwrap().mode() & 0o777, 0o700);
    let private = std::fs::read_link(&marker).expect(".refract/pg links to the cluster's private folder");
    assert!(!private.starts_with(&project), "{}", private.display());
    let meta = std::fs::symlink_metadata(&private).unwrap();
    assert!(meta.is_dir());
    assert_eq!(meta.mode() & 0o777, 0o700, "{}", private.display());
    assert_ne!(meta.uid(), 0, "the server's user owns the cluster's folder");
    let shared = std::fs::symlink_metadata(private.parent().unwrap()).unwrap();
    assert_eq!((shared.uid(), shared.mode() & 0o022), (0, 0), "only root writes to the folder of clusters");
    let socket = private.join("run");
    assert_eq!(std::fs::metadata(&socket).unwrap().mode() & 0o777, 0o700);

    // The migration was written and applied.
    let written = std::fs::read_dir(project.join("prisma/migrations")).unwrap().count();
    assert!(written >= 2, "a migration folder and migration_lock.toml");
    let mut client = postgres::Config::new()
        .host_path(&socket)
        .port(5432)
        .user("postgres")
        .dbname("postgres")
        .connect(postgres::NoTls)
        .expect("the embedded database answers on its socket");
    let applied: i64 =
        client.query_one("SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL", &[]).unwrap().get(0);
    assert_eq!(applied, 1);
    let notes: i64 = client.query_one("SELECT count(*) FROM pg_tables WHERE tablename = 'Note'", &[]).unwrap().get(0);
    assert_eq!(notes, 1);
    drop(client);

    // Later runs find the cluster through the link.
    let again = run_in(&project, &["migrate", "dev", "--name", "again"]);
    assert!(again.status.success(), "{}", text(&again));
    let status = run_in(&project, &["dev-db", "status"]);
    assert!(status.status.success() && text(&status).contains("running"), "{}", text(&status));
    assert!(text(&status).contains(&*private.to_string_lossy()), "{}", text(&status));

    let stop = run_in(&project, &["dev-db", "stop"]);
    assert!(stop.status.success() && text(&stop).contains("Stopped"), "{}", text(&stop));
    let status = run_in(&project, &["dev-db", "status"]);
    assert!(text(&status).contains("stopped"), "{}", text(&status));

    // Deleting the project's .refract deletes the cluster, as it does one kept there: the next private
    // cluster made sweeps away those whose link is gone.
    std::fs::remove_dir_all(project.join(".refract")).unwrap();
    let other = home.path().join("other");
    std::fs::create_dir(&other).unwrap();
    std::fs::set_permissions(&other, std::fs::Permissions::from_mode(0o700)).unwrap();
    std::fs::create_dir(other.join("prisma")).unwrap();
    std::fs::write(other.join("prisma/schema.prisma"), SCHEMA).unwrap();
    // An empty `target/refract/pg`, as a release that refused to run here left behind, holds no
    // cluster to keep using: the cluster goes in `.refract/pg`, whose empty leftover the link replaces.
    std::fs::create_dir_all(other.join("target/refract/pg/run")).unwrap();
    std::fs::create_dir_all(other.join(".refract/pg/run")).unwrap();
    let mut other_cleanup = Cleanup { project: other.clone(), private: None };
    let out = run_in(&other, &["migrate", "dev", "--name", "init"]);
    other_cleanup.private = std::fs::read_link(other.join(".refract/pg")).ok();
    assert!(out.status.success(), "{}", text(&out));
    assert!(other_cleanup.private.is_some(), "{}", text(&out));
    assert_ne!(other_cleanup.private.as_deref(), Some(&*private), "each project has its own cluster");
    assert!(!private.exists(), "{} was not swept", private.display());
}
