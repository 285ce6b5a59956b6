//! The migration engine: the migrations directory, the `_prisma_migrations` history, applying
//! migrations under an advisory lock, introspection of a live database into the IR, and the embedded
//! development database.
//!
//! Architecture invariant: the history table is only written through [`history::History`], and a
//! migration that can run in one transaction commits together with its history row, so a run killed at
//! any point leaves either the whole migration and its record or neither. A migration that cannot
//! (a statement PostgreSQL refuses in a transaction block, an enum value used after it is added)
//! records its start first, so a kill leaves a failed row to resolve, never an unrecorded change.

pub mod apply;
pub mod connection;
pub mod connection_string;
pub mod devdb;
pub mod down;
pub mod error;
pub mod history;
pub mod impact;
pub mod introspect;
pub mod lock;
pub mod migrations;
pub mod pooler;
pub mod shadow;
pub mod squash;
pub mod state;
pub mod status;
pub mod tls;

use std::time::Duration;

use postgres::Client;

pub use connection::{DatabaseUrl, ScratchDatabase};
pub use connection_string::ConnectionString;
pub use error::EngineError;
pub use history::History;
pub use migrations::{LocalMigration, MigrationsDir};
pub use status::Status;

/// How long a run waits for another run's migration lock before it gives up (Prisma waits 10s; a
/// deploy queued behind another deploy's long migration deserves longer). `REFRACT_LOCK_TIMEOUT`
/// (seconds) overrides it.
pub fn lock_timeout() -> Duration {
    std::env::var("REFRACT_LOCK_TIMEOUT")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(Duration::from_secs(60), Duration::from_secs)
}

/// A connection to the database being migrated.
pub struct Engine {
    pub url: DatabaseUrl,
    pub client: Client,
    pub history: History,
    /// How runs on this connection take the migration lock (a fleet worker's differs).
    pub lock_mode: lock::LockMode,
}

/// What a deploy did, for reports.
#[derive(Debug, Default)]
pub struct DeployReport {
    pub applied: Vec<String>,
    /// How many migrations the folder holds.
    pub total: usize,
    /// Applied migrations whose file changed since (deploy applies nothing again, but says so).
    pub edited: Vec<String>,
    /// Pending migrations after the `--to` one, left pending.
    pub left_pending: usize,
    /// Squashed migrations recorded as applied without running: the database ran every migration each
    /// replaces (with how many those were).
    pub recorded_squashes: Vec<(String, usize)>,
}

impl Engine {
    pub fn connect(url: &DatabaseUrl) -> Result<Engine, EngineError> {
        let mut client = url.connect()?;
        // Unqualified names in migrations resolve in the managed schema, as with Prisma's `?schema=`.
        let ns = refract_ir::quote_identifier(&url.namespace);
        let sql = if url.namespace == "public" {
            format!("SET search_path TO {ns}")
        } else {
            format!("CREATE SCHEMA IF NOT EXISTS {ns}; SET search_path TO {ns}")
        };
        client.batch_execute(&sql).map_err(|e| EngineError::database("setting search_path", &sql, &e))?;
        Ok(Engine {
            url: url.clone(),
            client,
            history: History::new(&url.namespace),
            lock_mode: lock::LockMode::default(),
        })
    }

    /// Runs `f` holding the migration lock, unless `PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK` is set
    /// (Prisma's escape hatch for servers without advisory locks).
    pub fn locked<T>(&mut self, f: impl FnOnce(&mut Engine) -> Result<T, EngineError>) -> Result<T, EngineError> {
        if lock::disabled() {
            return f(self);
        }
        let mode = self.lock_mode;
        lock::acquire_as(&mut self.client, mode, lock_timeout())?;
        let result = f(self);
        lock::release_as(&mut self.client, mode);
        result
    }

    pub fn status(&mut self, dir: &MigrationsDir) -> Result<Status, EngineError> {
        dir.check_lock_file()?;
        let local = dir.list()?;
        let exists = self.history.exists(&mut self.client)?;
        let rows = self.history.rows(&mut self.client)?;
        Ok(Status::new(local, &rows, exists))
    }

    /// Applies the pending migrations in order; `progress` hears of each before and after it runs.
    pub fn deploy(
        &mut self,
        dir: &MigrationsDir,
        progress: &mut dyn FnMut(Progress<'_>),
    ) -> Result<DeployReport, EngineError> {
        self.deploy_to(dir, None, progress)
    }

    /// [`Engine::deploy`], stopping after the pending migration `to` when one is given (`migrate deploy
    /// --to`, Prisma's #6267): the migrations after it stay pending. A `to` that is not pending is
    /// refused before anything runs, the history table included.
    pub fn deploy_to(
        &mut self,
        dir: &MigrationsDir,
        to: Option<&str>,
        progress: &mut dyn FnMut(Progress<'_>),
    ) -> Result<DeployReport, EngineError> {
        self.locked(|engine| {
            let status = engine.status(dir)?;
            let pending = match to {
                Some(name) => status.pending_up_to(name, &dir.path)?,
                None => &status.pending[..],
            };
            if !status.history_exists {
                if !apply::namespace_is_empty(&mut engine.client, &engine.url.namespace)? {
                    return Err(EngineError::NotEmptyWithoutHistory { namespace: engine.url.namespace.clone() });
                }
                engine.history.create(&mut engine.client)?;
            }
            if let Some((migration, logs)) = status.failed.first() {
                return Err(EngineError::FailedMigrationInHistory { migration: migration.clone(), logs: logs.clone() });
            }
            let mut report = DeployReport {
                edited: status.edited.clone(),
                total: status.local.len(),
                left_pending: status.pending.len() - pending.len(),
                ..DeployReport::default()
            };
            let total = pending.len();
            for (i, name) in pending.iter().enumerate() {
                let migration = status.local_migration(name).expect("pending migrations are local");
                if let Some(run) = status.squashes.iter().find(|s| s.migration == *name)
                    && !run.ran.is_empty()
                {
                    // What it replaces ran here already: recorded, never run again. Part of it only:
                    // neither running it nor recording it would be right.
                    if !run.not_ran.is_empty() {
                        return Err(EngineError::Refused {
                            message: format!(
                                "migration `{name}` squashes {} migrations, and this database ran only some of them (ran: {}; not: {})",
                                run.ran.len() + run.not_ran.len(),
                                run.ran.join(", "),
                                run.not_ran.join(", ")
                            ),
                            help: "deploy the history as it was before the squash first (check out the commit before it and run `refract migrate deploy`); then this deploy records the squashed migration as applied".into(),
                        });
                    }
                    engine.history.mark_applied(&mut engine.client, name, &migration.checksum)?;
                    report.recorded_squashes.push((name.clone(), run.ran.len()));
                    continue;
                }
                progress(Progress::Applying { migration: name, index: i + 1, total });
                let started = std::time::Instant::now();
                apply::apply_migration(&mut engine.client, &engine.history, migration)?;
                progress(Progress::Applied { migration: name, elapsed: started.elapsed() });
                report.applied.push(name.clone());
            }
            Ok(report)
        })
    }

    /// `migrate resolve`: records a failed migration as rolled back, or any migration as applied.
    pub fn resolve(&mut self, dir: &MigrationsDir, name: &str, resolution: Resolution) -> Result<(), EngineError> {
        self.locked(|engine| engine.resolve_locked(dir, name, resolution))
    }

    /// [`Engine::resolve`] for a caller that holds the migration lock already (`migrate baseline`
    /// records the migration it writes with it, under the lock it checked the history with).
    pub fn resolve_locked(
        &mut self,
        dir: &MigrationsDir,
        name: &str,
        resolution: Resolution,
    ) -> Result<(), EngineError> {
        let status = self.status(dir)?;
        let Some(migration) = status.local_migration(name).cloned() else {
            return Err(EngineError::Usage(format!("there is no migration `{name}` in {}", dir.path.display())));
        };
        match resolution {
            Resolution::RolledBack => {
                if !status.failed.iter().any(|(n, _)| n == name) {
                    return Err(EngineError::Refused {
                        message: format!("migration `{name}` is not in a failed state"),
                        help: "only a failed migration can be marked rolled back; `refract migrate status` lists them"
                            .into(),
                    });
                }
                self.history.mark_rolled_back(&mut self.client, name)?;
            }
            Resolution::Applied => {
                if status.applied.iter().any(|n| n == name) {
                    return Err(EngineError::Refused {
                        message: format!("migration `{name}` is already recorded as applied"),
                        help: "nothing to resolve; `refract migrate status` shows the history".into(),
                    });
                }
                if !status.history_exists {
                    self.history.create(&mut self.client)?;
                }
                self.history.mark_applied(&mut self.client, name, &migration.checksum)?;
            }
        }
        Ok(())
    }

    /// Drops everything in the managed schema (tables, types, functions, ... and the history) and
    /// recreates it empty.
    pub fn reset(&mut self) -> Result<(), EngineError> {
        self.locked(|engine| {
            let ns = refract_ir::quote_identifier(&engine.url.namespace);
            let sql = format!("DROP SCHEMA IF EXISTS {ns} CASCADE; CREATE SCHEMA {ns}");
            engine.client.batch_execute(&sql).map_err(|e| EngineError::database("resetting the database", &sql, &e))
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    Applied,
    RolledBack,
}

#[derive(Debug)]
pub enum Progress<'a> {
    Applying { migration: &'a str, index: usize, total: usize },
    Applied { migration: &'a str, elapsed: Duration },
}
