//! The embedded development database: a private PostgreSQL cluster under `target/refract/pg`, started
//! from the installed PostgreSQL binaries, listening only on a Unix socket in its own folder, and reused
//! across runs.
//!
//! PostgreSQL refuses to run as root, so when refract runs as root (containers, CI) the cluster belongs
//! to the unprivileged `nobody` user and its programs run as that user.

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{DatabaseUrl, EngineError};

/// The cluster's superuser and database.
const USER: &str = "postgres";
/// Socket file names carry the port; the socket folder is private, so any port works.
const PORT: u16 = 5432;

pub struct DevDb {
    /// `target/refract/pg`
    pub root: PathBuf,
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
    /// The cluster that lives under `target_dir`; finds the PostgreSQL programs.
    pub fn new(target_dir: &Path) -> Result<DevDb, EngineError> {
        let root = absolute(&target_dir.join("refract").join("pg"));
        let bin = find_binaries().ok_or_else(|| EngineError::Refused {
            message: "no database is configured and no PostgreSQL server programs (initdb, pg_ctl) were found \
                      (looked at `pg_config --bindir`, PATH and /usr/lib/postgresql/*/bin)"
                .into(),
            help: "install PostgreSQL's server package (Debian: `apt install postgresql`), or set DATABASE_URL \
                   (or pass --database-url) to use a server you run yourself"
                .into(),
        })?;
        let run_as = if is_root() { Some(nobody()) } else { None };
        Ok(DevDb { root, bin, run_as })
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
            DevDbState::Running => return self.url(),
            DevDbState::NotCreated => self.init()?,
            DevDbState::Stopped => {}
        }
        std::fs::create_dir_all(self.socket_dir()).map_err(|e| EngineError::io(&self.socket_dir(), e))?;
        self.give_away(&self.socket_dir())?;
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
        std::fs::create_dir_all(&self.root).map_err(|e| EngineError::io(&self.root, e))?;
        self.give_away(&self.root)?;
        if let Some((uid, _)) = self.run_as {
            // `nobody` must be able to reach the folder through every parent.
            let mut dir = self.root.parent();
            while let Some(d) = dir {
                if let Ok(meta) = std::fs::metadata(d)
                    && meta.permissions().mode() & 0o001 == 0
                {
                    return Err(EngineError::Refused {
                        message: format!(
                            "the embedded PostgreSQL runs as user {uid} (PostgreSQL refuses to run as root), which cannot enter {}",
                            d.display()
                        ),
                        help: "give others execute permission on that folder (chmod o+x), or set DATABASE_URL".into(),
                    });
                }
                dir = d.parent();
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
    std::fs::metadata("/proc/self").map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0).unwrap_or(false)
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
