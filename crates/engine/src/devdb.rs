//! The embedded development database: a private PostgreSQL cluster in a folder of the project (the CLI
//! gives `.refract/pg` at the project's root, or `target/refract/pg` where an earlier release made it),
//! started from the installed PostgreSQL binaries, listening only on a Unix socket in its own folder,
//! and reused across runs.
//!
//! PostgreSQL refuses to run as root, so when refract runs as root (containers, CI) the cluster belongs
//! to the unprivileged `nobody` user and its programs run as that user. `nobody` must then reach the
//! cluster's folder, which it cannot when the project sits in a folder only root may enter (a project
//! under `/root`, mode 0700: the usual Docker layout). The cluster then lives in a private folder of its
//! own, `/var/tmp/refract/<hash of the cluster folder's path>` (mode 0700, owned by `nobody`, in a
//! `refract` folder only root can write to), and the project's cluster folder is a symbolic link to it: later
//! runs, `refract dev-db stop` and `status` follow the link, and the folders the user made keep their
//! permissions. Only root and `nobody` can reach the cluster, and its socket folder is mode 0700.

use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

use crate::{DatabaseUrl, EngineError};

/// The cluster's superuser and database.
const USER: &str = "postgres";
/// Socket file names carry the port; the socket folder is private, so any port works.
const PORT: u16 = 5432;

pub struct DevDb {
    /// The cluster's folder: the project's, or the private folder it links to (see the module's
    /// documentation).
    pub root: PathBuf,
    /// The project's cluster folder (`.refract/pg`): the cluster's folder itself, or the link to it.
    marker: PathBuf,
    bin: PathBuf,
    /// The user the server runs as, when refract runs as root.
    run_as: Option<(u32, u32)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DevDbState {
    NotCreated,
    Stopped,
    Running,
}

impl DevDb {
    /// The cluster whose folder is `cluster` (where it is, or would be made; nothing is made here);
    /// finds the PostgreSQL programs.
    pub fn new(cluster: &Path) -> Result<DevDb, EngineError> {
        let marker = absolute(cluster);
        let bin = find_binaries().ok_or_else(|| EngineError::Refused {
            message: "no database is configured and no PostgreSQL server programs (initdb, pg_ctl) were found \
                      (looked at `pg_config --bindir`, PATH and /usr/lib/postgresql/*/bin)"
                .into(),
            help: "install PostgreSQL's server package (Debian: `apt install postgresql`), or set DATABASE_URL \
                   (or pass --database-url) to use a server you run yourself"
                .into(),
        })?;
        let run_as = if is_root() { Some(nobody()) } else { None };
        let root = match std::fs::read_link(&marker) {
            // A cluster kept elsewhere (made by an earlier run as root).
            Ok(target) => marker.parent().map_or(target.clone(), |p| p.join(&target)),
            // As root, in a folder `nobody` cannot reach, and with no cluster made there before (an
            // earlier version refused to make one, and may have left the empty folder).
            Err(_) => match run_as {
                Some((uid, _))
                    if !marker.join("data").join("PG_VERSION").exists() && unreachable_by(uid, &marker).is_some() =>
                {
                    private_root(&marker)
                }
                _ => marker.clone(),
            },
        };
        Ok(DevDb { root, marker, bin, run_as })
    }

    /// Whether the cluster lives outside the project (its cluster folder links to it).
    pub fn is_private(&self) -> bool {
        self.root != self.marker
    }

    fn data_dir(&self) -> PathBuf {
        self.root.join("data")
    }

    fn socket_dir(&self) -> PathBuf {
        self.root.join("run")
    }

    fn log_file(&self) -> PathBuf {
        self.root.join("server.log")
    }

    pub fn url(&self) -> Result<DatabaseUrl, EngineError> {
        let socket = self.socket_dir();
        // No host in the authority: a host there would be tried too, and could reach another server.
        DatabaseUrl::parse(&format!("postgres:///postgres?host={}&port={PORT}&user={USER}", socket.display()))
    }

    pub fn state(&self) -> DevDbState {
        if !self.data_dir().join("PG_VERSION").is_file() {
            return DevDbState::NotCreated;
        }
        let status = self.command("pg_ctl").arg("status").arg("-D").arg(self.data_dir()).output();
        match status {
            Ok(out) if out.status.success() => DevDbState::Running,
            _ => DevDbState::Stopped,
        }
    }

    /// Creates the cluster if needed, starts it if stopped; returns its URL.
    pub fn start(&self) -> Result<DatabaseUrl, EngineError> {
        match self.state() {
            DevDbState::Running => {
                // The link goes with the project's folder (`rm -rf .refract`); the cluster it pointed
                // to does not.
                if self.is_private() {
                    self.link_marker()?;
                }
                return self.url();
            }
            DevDbState::NotCreated => self.init()?,
            DevDbState::Stopped => {
                if self.is_private() {
                    self.private_folders()?;
                }
            }
        }
        let socket = self.socket_dir();
        std::fs::create_dir_all(&socket).map_err(|e| EngineError::io(&socket, e))?;
        // Only the server's user (and root) may connect: the socket folder is private.
        std::fs::set_permissions(&socket, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| EngineError::io(&socket, e))?;
        self.give_away(&socket)?;
        let options = format!("-k {} -c listen_addresses= -p {PORT} -c fsync=off", self.socket_dir().display());
        let out = self
            .command("pg_ctl")
            .arg("start")
            .arg("-w")
            .arg("-D")
            .arg(self.data_dir())
            .arg("-l")
            .arg(self.log_file())
            .arg("-o")
            .arg(options)
            .output()
            .map_err(|e| EngineError::io(&self.bin.join("pg_ctl"), e))?;
        if !out.status.success() {
            let log = std::fs::read_to_string(self.log_file()).unwrap_or_default();
            let tail: Vec<&str> = log.lines().rev().take(8).collect::<Vec<_>>().into_iter().rev().collect();
            return Err(EngineError::Refused {
                message: format!(
                    "the embedded PostgreSQL in {} did not start: {}\n{}",
                    self.root.display(),
                    String::from_utf8_lossy(&out.stderr).trim(),
                    tail.join("\n")
                ),
                help: format!(
                    "see {}; `refract dev-db stop`, or delete {} to start afresh",
                    self.log_file().display(),
                    self.root.display()
                ),
            });
        }
        self.url()
    }

    pub fn stop(&self) -> Result<bool, EngineError> {
        if self.state() != DevDbState::Running {
            return Ok(false);
        }
        let out = self
            .command("pg_ctl")
            .args(["stop", "-w", "-m", "fast", "-D"])
            .arg(self.data_dir())
            .output()
            .map_err(|e| EngineError::io(&self.bin.join("pg_ctl"), e))?;
        if !out.status.success() {
            return Err(EngineError::Refused {
                message: format!(
                    "the embedded PostgreSQL did not stop: {}",
                    String::from_utf8_lossy(&out.stderr).trim()
                ),
                help: format!("see {}", self.log_file().display()),
            });
        }
        Ok(true)
    }

    fn init(&self) -> Result<(), EngineError> {
        if self.is_private() {
            self.private_folders()?;
        } else {
            std::fs::create_dir_all(&self.root).map_err(|e| EngineError::io(&self.root, e))?;
            self.give_away(&self.root)?;
            // A cluster made in the project before, which `nobody` can no longer reach.
            if let Some((uid, _)) = self.run_as
                && let Some(d) = unreachable_by(uid, &self.root)
            {
                return Err(EngineError::Refused {
                    message: format!(
                        "the embedded PostgreSQL runs as user {uid} (PostgreSQL refuses to run as root), which cannot enter {}",
                        d.display()
                    ),
                    help: format!(
                        "delete {} (refract then keeps the cluster in a private folder that user can reach), or set DATABASE_URL",
                        self.root.display()
                    ),
                });
            }
        }
        let out = self
            .command("initdb")
            .arg("-D")
            .arg(self.data_dir())
            .args(["-U", USER, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"])
            .output()
            .map_err(|e| EngineError::io(&self.bin.join("initdb"), e))?;
        if !out.status.success() {
            return Err(EngineError::Refused {
                message: format!(
                    "initdb failed for the embedded PostgreSQL in {}: {}",
                    self.root.display(),
                    String::from_utf8_lossy(&out.stderr).trim()
                ),
                help: "set DATABASE_URL to use a server you run yourself".into(),
            });
        }
        Ok(())
    }

    /// The private folder of a cluster kept outside the project, made (or checked) for the server's
    /// user, and the link to it in the project.
    fn private_folders(&self) -> Result<(), EngineError> {
        let Some((uid, gid)) = self.run_as else {
            return Err(EngineError::Refused {
                message: format!(
                    "the embedded PostgreSQL of this project was made by root in {}, which only root can use",
                    self.root.display()
                ),
                help: format!(
                    "run refract as root, or delete the link {} to make a cluster of your own",
                    self.marker.display()
                ),
            });
        };
        let refused = |path: &Path, why: &str| EngineError::Refused {
            message: format!("cannot keep the embedded PostgreSQL in {}: {why}", path.display()),
            help: format!("remove {} (refract makes it again), or set DATABASE_URL", path.display()),
        };
        // The shared folder: root's, and no one else may write to it, so no one else can put a folder
        // (or a link) where a cluster's should be. Others may pass through it (mode 0711).
        if let Some(shared) = self.root.parent() {
            match std::fs::DirBuilder::new().mode(0o711).create(shared) {
                Ok(()) => std::fs::set_permissions(shared, std::fs::Permissions::from_mode(0o711))
                    .map_err(|e| EngineError::io(shared, e))?,
                // Made before (or by a run beside this one): it must be what this run would have made.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let meta = std::fs::symlink_metadata(shared).map_err(|e| EngineError::io(shared, e))?;
                    if !meta.is_dir() || meta.uid() != 0 || meta.mode() & 0o022 != 0 {
                        return Err(refused(shared, "it is not a folder that only root can write to"));
                    }
                }
                Err(e) => return Err(EngineError::io(shared, e)),
            }
        }
        let made = std::fs::DirBuilder::new().mode(0o700).create(&self.root);
        if made.is_ok()
            && let Some(shared) = self.root.parent()
        {
            self.sweep(shared);
        }
        match made {
            Ok(()) => {
                std::fs::set_permissions(&self.root, std::fs::Permissions::from_mode(0o700))
                    .map_err(|e| EngineError::io(&self.root, e))?;
                std::os::unix::fs::chown(&self.root, Some(uid), Some(gid))
                    .map_err(|e| EngineError::io(&self.root, e))?;
            }
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return Err(EngineError::io(&self.root, e)),
            Err(_) => {
                let meta = std::fs::symlink_metadata(&self.root).map_err(|e| EngineError::io(&self.root, e))?;
                if !meta.is_dir() || meta.uid() != uid {
                    return Err(refused(&self.root, &format!("it is not a folder of user {uid}")));
                }
                if meta.mode() & 0o777 != 0o700 {
                    std::fs::set_permissions(&self.root, std::fs::Permissions::from_mode(0o700))
                        .map_err(|e| EngineError::io(&self.root, e))?;
                }
            }
        }
        // Which link the folder belongs to, kept beside it in the folder only root writes to (not in
        // the cluster's folder, which the server's user could fill with links of its own).
        if let (Some(shared), Some(name)) = (self.root.parent(), self.root.file_name()) {
            let owner = shared.join(format!("{}.link", name.to_string_lossy()));
            std::fs::write(&owner, self.marker.as_os_str().as_encoded_bytes())
                .map_err(|e| EngineError::io(&owner, e))?;
        }
        self.link_marker()
    }

    /// Remove the private clusters whose link is gone (their project folder was deleted, as a test's
    /// is, or its `.refract`) and that are not running, as deleting the project's folder deletes a
    /// cluster kept there. Best effort: what cannot be read or removed stays.
    fn sweep(&self, shared: &Path) {
        let Ok(entries) = std::fs::read_dir(shared) else { return };
        for entry in entries.flatten() {
            let owner = entry.path();
            let Some(name) = owner.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix(".link")) else {
                continue;
            };
            let dir = shared.join(name);
            let Ok(marker) = std::fs::read(&owner) else { continue };
            let marker = PathBuf::from(String::from_utf8_lossy(&marker).into_owned());
            if dir == self.root || std::fs::read_link(&marker).is_ok_and(|t| t == dir) {
                continue;
            }
            let running = self.command("pg_ctl").arg("status").arg("-D").arg(dir.join("data")).output();
            if running.is_ok_and(|o| o.status.success()) {
                continue;
            }
            if std::fs::remove_dir_all(&dir).is_ok() || !dir.exists() {
                let _ = std::fs::remove_file(&owner);
            }
        }
    }

    /// The project's cluster folder as a link to the private folder.
    fn link_marker(&self) -> Result<(), EngineError> {
        match std::fs::read_link(&self.marker) {
            Ok(target) if target == self.root => return Ok(()),
            Ok(_) => std::fs::remove_file(&self.marker).map_err(|e| EngineError::io(&self.marker, e))?,
            // A folder without a cluster (see `new`): the link takes its place.
            Err(_) if self.marker.is_dir() => {
                std::fs::remove_dir_all(&self.marker).map_err(|e| EngineError::io(&self.marker, e))?
            }
            Err(_) => {}
        }
        if let Some(parent) = self.marker.parent() {
            std::fs::create_dir_all(parent).map_err(|e| EngineError::io(parent, e))?;
        }
        match std::os::unix::fs::symlink(&self.root, &self.marker) {
            // A run beside this one made the same link.
            Err(e)
                if e.kind() == std::io::ErrorKind::AlreadyExists
                    && std::fs::read_link(&self.marker).is_ok_and(|t| t == self.root) =>
            {
                Ok(())
            }
            other => other.map_err(|e| EngineError::io(&self.marker, e)),
        }
    }

    /// A command for one of the PostgreSQL programs, run as the cluster's owner.
    fn command(&self, program: &str) -> Command {
        let mut cmd = Command::new(self.bin.join(program));
        // The server's messages in English whatever the user's locale, for our error reports.
        cmd.env("LC_ALL", "C").current_dir("/");
        if let Some((uid, gid)) = self.run_as {
            cmd.uid(uid).gid(gid);
        }
        cmd
    }

    fn give_away(&self, dir: &Path) -> Result<(), EngineError> {
        if let Some((uid, gid)) = self.run_as {
            std::os::unix::fs::chown(dir, Some(uid), Some(gid)).map_err(|e| EngineError::io(dir, e))?;
        }
        Ok(())
    }
}

/// The first folder on the way to `path` that user `uid` cannot pass through (no execute permission
/// for it), if any. Folders that do not exist yet are made later with the usual permissions.
fn unreachable_by(uid: u32, path: &Path) -> Option<PathBuf> {
    path.ancestors().skip(1).find_map(|d| {
        let meta = std::fs::metadata(d).ok()?;
        let mode = meta.permissions().mode();
        let passes = mode & 0o001 != 0 || (meta.uid() == uid && mode & 0o100 != 0);
        (!passes).then(|| d.to_path_buf())
    })
}

/// Where a cluster lives when the server's user cannot reach the project: a folder named after a hash
/// of the path of the project's cluster folder, in `/var/tmp/refract` (kept across reboots; `/tmp` on
/// a system without `/var/tmp`).
fn private_root(marker: &Path) -> PathBuf {
    let base = if Path::new("/var/tmp").is_dir() { Path::new("/var/tmp") } else { Path::new("/tmp") };
    let digest = Sha256::digest(marker.as_os_str().as_encoded_bytes());
    let hash = hex::encode(&digest[..8]);
    base.join("refract").join(hash)
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

fn find_binaries() -> Option<PathBuf> {
    let has_programs = |dir: &Path| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file();
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output()
        && out.status.success()
    {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if has_programs(&dir) {
            return Some(dir);
        }
    }
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            if has_programs(&dir) {
                return Some(dir);
            }
        }
    }
    // Debian keeps the server programs out of PATH, one folder per major version; take the newest.
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| Some((e.file_name().to_str()?.parse().ok()?, e.path().join("bin"))))
        .filter(|(_, bin)| has_programs(bin))
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

fn is_root() -> bool {
    // The owner of /proc/self is the process's effective user.
    std::fs::metadata("/proc/self").map(|m| m.uid() == 0).unwrap_or(false)
}

/// The `nobody` user's ids, from /etc/passwd (65534 when it is not listed).
fn nobody() -> (u32, u32) {
    std::fs::read_to_string("/etc/passwd")
        .ok()
        .and_then(|passwd| {
            passwd.lines().find_map(|l| {
                let f: Vec<&str> = l.split(':').collect();
                (f.first() == Some(&"nobody")).then(|| Some((f.get(2)?.parse().ok()?, f.get(3)?.parse().ok()?)))?
            })
        })
        .unwrap_or((65_534, 65_534))
}
