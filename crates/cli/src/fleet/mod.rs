//! `migrate deploy | status | check --fleet FILE`: the same command on every target of a fleet
//! (schema per tenant, database per tenant, over several servers), in parallel, with one report.
//!
//! Each target is what `--database-url URL` names for the single command: its own `_prisma_migrations`
//! in its schema, Prisma's checksums, the same statement-by-statement rules; the fleet adds no
//! semantics per target. Locking (see `refract_engine::lock`): a worker holds Prisma's key shared and
//! its target's key exclusive, so workers in one database never wait on each other, and a Prisma or
//! plain refract deploy on any of them excludes the fleet there, and back.

mod file;
mod report;
mod run;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use refract_engine::introspect::Introspection;
use refract_engine::lock::{LockMode, target_key};
use refract_engine::{Engine, EngineError, MigrationsDir, shadow};
use refract_plan::{PlanOptions, plan};

use crate::commands::history;
use crate::commands::project::{Project, ProjectArgs};
use crate::{Outcome, OutputFormat};
pub use file::Target;
use run::Ended;

/// Which command runs on each target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command<'a> {
    Deploy { to: Option<&'a str> },
    Status,
    Check,
}

/// Runs `command` on every target of the fleet file at `path`.
pub fn run(args: &ProjectArgs, path: &Path, command: Command<'_>, format: OutputFormat) -> Outcome {
    match fleet(args, path, command, format) {
        Ok(outcome) => outcome,
        Err(message) => report::failure(&message, format),
    }
}

fn fleet(args: &ProjectArgs, path: &Path, command: Command<'_>, format: OutputFormat) -> Result<Outcome, String> {
    let project = Project::load(args)?;
    let fleet = file::read(path)?;
    let env = project.environment()?;
    let lookup = |name: &str| env.get(name).map(|(value, _)| value);
    let targets = file::targets(&fleet, &lookup)?;
    if targets.is_empty() {
        return Err(format!("{} names no target", path.display()));
    }
    let dir = project.migrations();
    dir.check_lock_file().map_err(|e| e.to_string())?;
    let plan = run::Plan {
        parallel: fleet.parallel.unwrap_or_else(file::default_parallel),
        canary: fleet.canary,
        on_error: fleet.on_error,
    };
    let check = match command {
        Command::Check => Some(CheckContext::new(args, &project, &dir)?),
        _ => None,
    };
    let work = |target: &Target| match command {
        Command::Deploy { to } => deploy(target, &dir, to),
        Command::Status => status(target, &dir),
        Command::Check => check.as_ref().expect("made for check").check(target),
    };
    let progress = report::Progress::new(targets.len(), command, format);
    let started = std::time::Instant::now();
    let outcomes = run::run(&targets, plan, &work, &|o| progress.finished(o));
    progress.finish();
    Ok(report::summary(&outcomes, command, format, started.elapsed()))
}

/// A connection to `target` for a fleet worker: retried, and locking as a fleet worker locks.
fn connect(target: &Target) -> Result<Engine, Ended> {
    let mut engine = run::with_retries(|| Engine::connect(&target.url))?;
    engine.lock_mode = LockMode::Fleet { target: target_key(&target.url.namespace) };
    Ok(engine)
}

fn failed(error: EngineError) -> Ended {
    match error {
        EngineError::Connect { message, .. } => Ended::Unreachable(message),
        EngineError::MigrationFailed { ref migration, .. } => {
            Ended::Failed { migration: Some(migration.clone()), error: error.to_string() }
        }
        EngineError::FailedMigrationInHistory { ref migration, .. } => {
            Ended::Failed { migration: Some(migration.clone()), error: error.to_string() }
        }
        other => Ended::Failed { migration: None, error: other.to_string() },
    }
}

fn deploy(target: &Target, dir: &MigrationsDir, to: Option<&str>) -> Ended {
    let mut engine = match connect(target) {
        Ok(engine) => engine,
        Err(ended) => return ended,
    };
    match engine.deploy_to(dir, to, &mut |_| {}) {
        Ok(report) if report.applied.is_empty() => Ended::UpToDate,
        Ok(report) => Ended::Applied(report.applied),
        Err(e) => failed(e),
    }
}

fn status(target: &Target, dir: &MigrationsDir) -> Ended {
    let mut engine = match connect(target) {
        Ok(engine) => engine,
        Err(ended) => return ended,
    };
    match engine.status(dir) {
        Ok(status) => {
            if let Some(failed) = unresolved(&status) {
                return failed;
            }
            let mut pending = status.pending.clone();
            pending.extend(status.edited.iter().map(|n| format!("{n} (edited after it was applied)")));
            if pending.is_empty() { Ended::UpToDate } else { Ended::Pending(pending) }
        }
        Err(e) => failed(e),
    }
}

/// A target whose history holds a failed migration: nothing is applied there until it is resolved.
fn unresolved(status: &refract_engine::Status) -> Option<Ended> {
    let (migration, _) = status.failed.first()?;
    Some(Ended::Failed {
        migration: Some(migration.clone()),
        error: format!("migration `{migration}` failed and is not resolved"),
    })
}

/// What `check --fleet` reads once for all targets, and what the targets' histories build (learnt
/// once per set of applied migrations and server version, one replay at a time).
struct CheckContext {
    args: ProjectArgs,
    schema: refract_ir::Schema,
    state: refract_engine::state::HistoryState,
    /// The schemas the state files declare, decoded once for every target.
    declared: Vec<refract_ir::Schema>,
    local: Vec<refract_engine::LocalMigration>,
    options: PlanOptions,
    dir: MigrationsDir,
    built: Mutex<HashMap<BuiltKey, Result<refract_ir::Schema, String>>>,
}

/// The applied migrations' checksums and the server's major version.
type BuiltKey = (Vec<String>, u32);

impl CheckContext {
    fn new(args: &ProjectArgs, project: &Project, dir: &MigrationsDir) -> Result<CheckContext, String> {
        let schema = crate::commands::load_schema(&project.schema_path()?)?;
        let local = dir.list().map_err(|e| e.to_string())?;
        let state = refract_engine::state::read(&local);
        let options = PlanOptions {
            comments: project.config().migrate.comments,
            partial_indexes: schema.partial_indexes,
            ..PlanOptions::default()
        };
        let built = Mutex::new(HashMap::new());
        let declared = state.declared();
        Ok(CheckContext { args: args.clone(), schema, state, declared, local, options, dir: dir.clone(), built })
    }

    /// What `applied` build on a server of `major`: the state files' form, else a replay (cached on
    /// this machine) on the project's shadow database or a scratch database of `target`'s server.
    fn expected(
        &self,
        applied: &[refract_engine::LocalMigration],
        major: u32,
        target: &Target,
    ) -> Result<Introspection, String> {
        if let Some(schema) = self.state.database(applied, major) {
            return Ok(Introspection { schema, server_major: major, ..Introspection::default() });
        }
        let key = (applied.iter().map(|m| m.checksum.clone()).collect::<Vec<_>>(), major);
        let mut built = self.built.lock().expect("no worker panics holding it");
        let schema = built
            .entry(key)
            .or_insert_with(|| {
                let project = Project::load(&self.args)?;
                let server = project.shadow_server(None, &target.url)?;
                history::database_state(&project, &self.state, applied, major, &server).map(|(i, _)| i.schema)
            })
            .clone()?;
        Ok(Introspection { schema, server_major: major, ..Introspection::default() })
    }

    /// Drift of one target: its live schema against what its applied migrations build.
    fn check(&self, target: &Target) -> Ended {
        let mut engine = match connect(target) {
            Ok(engine) => engine,
            Err(ended) => return ended,
        };
        let status = match engine.status(&self.dir) {
            Ok(status) => status,
            Err(e) => return failed(e),
        };
        drop(engine);
        if let Some(failed) = unresolved(&status) {
            return failed;
        }
        if !status.edited.is_empty() {
            return Ended::Drifted(
                status.edited.iter().map(|n| format!("migration `{n}` was edited after it was applied")).collect(),
            );
        }
        let applied: Vec<_> = self.local.iter().filter(|m| status.applied.contains(&m.name)).cloned().collect();
        let drift = (|| -> Result<Vec<String>, String> {
            let mut live = shadow::live(&target.url).map_err(|e| e.to_string())?;
            let mut expected = self.expected(&applied, live.server_major, target)?;
            crate::commands::set_aside_hand_checks(&mut [&mut live, &mut expected], &self.schema, &self.declared);
            Ok(plan(&expected.schema, &live.schema, &self.options).steps.iter().map(|s| s.describe()).collect())
        })();
        match drift {
            Ok(lines) if lines.is_empty() => Ended::UpToDate,
            Ok(lines) => Ended::Drifted(lines),
            Err(error) => Ended::Failed { migration: None, error },
        }
    }
}
