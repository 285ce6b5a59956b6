//! `refract migrate down`: roll a database back over its last applied migrations, newest first.
//!
//! Each migration goes back with its `down.sql` (see `refract_engine::down`), or, when it has none or
//! the one it has was planned for an earlier version of its migration.sql, with the way back planned
//! from what the history builds before and after it (replays, cached like `migrate check`'s). Before
//! anything runs, the rows each statement would destroy are counted in the database; any at stake
//! stops the run unless `--accept-data-loss`. Each way back runs in one transaction with the history
//! update that marks the migration rolled back (see `refract_engine::apply::roll_back`), so `deploy`
//! applies it again later, as Prisma's deploy does for rolled-back rows.

use std::time::Instant;

use refract_engine::down::{self, DownFile};
use refract_engine::{Engine, EngineError, LocalMigration, Status, apply, impact};
use refract_plan::plan;
use refract_script::Script;
use refract_script::effects::{self, Loss};

use super::history;
use super::project::{Project, ProjectArgs};
use crate::Outcome;
use crate::database::{Embedded, Work};

pub struct DownArgs {
    pub steps: Option<usize>,
    pub to: Option<String>,
    pub accept_data_loss: bool,
    pub force: bool,
}

pub fn run(args: &ProjectArgs, down: &DownArgs) -> Outcome {
    super::finish(migrate_down(args, down))
}

/// A migration to roll back, and the statements that do it.
struct WayBack {
    migration: String,
    sql: String,
    /// Where the statements come from, for reports.
    source: String,
}

fn migrate_down(args: &ProjectArgs, down: &DownArgs) -> Result<Outcome, String> {
    let project = Project::load(args)?;
    let url = project.database(Embedded::Refused, Work::Migrate)?;
    let dir = project.migrations();
    let mut engine = Engine::connect(&url).map_err(|e| e.to_string())?;
    let status = engine.status(&dir).map_err(|e| e.to_string())?;
    if let Some((name, _)) = status.failed.first() {
        return Err(format!(
            "migration `{name}` failed and is not resolved: refract cannot tell what the database holds\n  help: once the database is as before it, run `refract migrate resolve --rolled-back \"{name}\"`, then roll back"
        ));
    }
    let targets = targets(&status, down, &dir.path)?;
    if targets.is_empty() {
        match &down.to {
            Some(name) => println!("Nothing to roll back: no migration is applied after `{name}`."),
            None => println!("Nothing to roll back."),
        }
        return Ok(Outcome::Ok);
    }
    let ways = ways_back(&project, &url, &status, &targets)?;

    let list: Vec<String> = ways.iter().map(|w| format!("  {} (with {})", w.migration, w.source)).collect();
    eprintln!("To roll back, newest first:\n{}", list.join("\n"));
    // What is at stake is said (and refused) before anyone is asked to confirm.
    refuse_data_loss(&mut engine, &ways, down.accept_data_loss).map_err(|e| e.to_string())?;
    let question = format!(
        "Roll back {} migration{} in schema `{}` of {}?",
        ways.len(),
        if ways.len() == 1 { "" } else { "s" },
        url.namespace,
        url.redacted
    );
    if !down.force && !super::output::confirm(&question).map_err(|_| String::new())? {
        eprintln!("Rollback cancelled.");
        return Ok(Outcome::Failed);
    }

    let rolled_back = engine
        .locked(|engine| {
            // Another run may have applied or rolled back migrations since the plan was made.
            if engine.status(&dir)?.applied != status.applied {
                return Err(EngineError::Refused {
                    message: "the migration history changed while the rollback was being prepared; nothing was changed"
                        .into(),
                    help: "run `refract migrate down` again".into(),
                });
            }
            let mut done = Vec::new();
            for way in &ways {
                eprint!("Rolling back {} ... ", way.migration);
                let started = Instant::now();
                apply::roll_back(&mut engine.client, &engine.history, &way.migration, &way.source, &way.sql)
                    .inspect_err(|_| eprintln!("failed"))?;
                eprintln!("done in {} ms", started.elapsed().as_millis());
                done.push(way.migration.clone());
            }
            Ok(done)
        })
        .map_err(|e| e.to_string())?;
    println!(
        "Rolled back {} migration{}; `refract migrate deploy` applies {} again.",
        rolled_back.len(),
        if rolled_back.len() == 1 { "" } else { "s" },
        if rolled_back.len() == 1 { "it" } else { "them" }
    );
    Ok(Outcome::Ok)
}

/// The applied migrations to roll back, newest first: `--steps N` (default 1) or every one applied
/// after `--to NAME`.
fn targets(status: &Status, down: &DownArgs, folder: &std::path::Path) -> Result<Vec<String>, String> {
    let applied = &status.applied;
    let keep = match (&down.to, down.steps) {
        (Some(name), _) => {
            let position = applied.iter().position(|n| n == name).ok_or_else(|| {
                let help = match status.local_migration(name) {
                    Some(_) => "it is not applied to this database; `refract migrate status` lists what is".to_string(),
                    None => format!("there is no migration `{name}`; `refract migrate status` lists them"),
                };
                format!("cannot roll back to `{name}`\n  help: {help}")
            })?;
            position + 1
        }
        (None, steps) => {
            let steps = steps.unwrap_or(1);
            if steps > applied.len() {
                return Err(format!(
                    "cannot roll back {steps} migration{}: {} {} applied\n  help: `refract migrate status` lists them",
                    if steps == 1 { "" } else { "s" },
                    applied.len(),
                    if applied.len() == 1 { "is" } else { "are" }
                ));
            }
            applied.len() - steps
        }
    };
    let targets: Vec<String> = applied[keep..].iter().rev().cloned().collect();
    for name in &targets {
        if status.missing_locally.contains(name) {
            return Err(format!(
                "cannot roll back `{name}`: it is applied but its folder is not in {}\n  help: restore the folder (with its down.sql) from version control",
                folder.display()
            ));
        }
        if status.edited.contains(name) {
            return Err(format!(
                "cannot roll back `{name}`: its migration.sql was edited after it was applied, so neither its down.sql nor the history says what the database holds\n  help: restore the applied version of the file from version control"
            ));
        }
    }
    Ok(targets)
}

/// Each target's way back: its down.sql when it has a current one, else planned from what the
/// applied history builds before and after it.
fn ways_back(
    project: &Project,
    url: &refract_engine::DatabaseUrl,
    status: &Status,
    targets: &[String],
) -> Result<Vec<WayBack>, String> {
    let mut replays: Option<(refract_engine::DatabaseUrl, u32)> = None;
    let mut ways = Vec::new();
    for name in targets {
        let migration = status.local_migration(name).expect("targets are local (checked)");
        let why = match down::read(migration).map_err(|e| e.to_string())? {
            DownFile::Current(sql) => {
                ways.push(WayBack {
                    migration: name.clone(),
                    sql,
                    source: down::path(migration).display().to_string(),
                });
                continue;
            }
            DownFile::Stale(_) => "its down.sql was planned before migration.sql was edited",
            DownFile::Missing => "it has no down.sql",
        };
        if replays.is_none() {
            let server = project.shadow_server(None, url)?;
            let major = history::server_major(&server)?;
            replays = Some((server, major));
        }
        let (server, major) = replays.as_ref().expect("set above");
        let applied = applied_migrations(status, name)?;
        let (before, _) = history::replayed(project, &applied[..applied.len() - 1], *major, server)?;
        let (after, _) = history::replayed(project, &applied, *major, server)?;
        let plan = plan(&after.schema, &before.schema, &project.plan_options(false));
        eprintln!("{name}: {why}; its way back is planned from what the history builds before and after it.");
        ways.push(WayBack {
            migration: name.clone(),
            sql: down::render(name, &migration.script, &plan.to_sql(), true),
            source: "the way back planned from the history".into(),
        });
    }
    Ok(ways)
}

/// The applied migrations up to `name`, in the order they were applied.
fn applied_migrations(status: &Status, name: &str) -> Result<Vec<LocalMigration>, String> {
    let position = status.applied.iter().position(|n| n == name).expect("targets are applied");
    status.applied[..=position]
        .iter()
        .map(|n| {
            status.local_migration(n).cloned().ok_or_else(|| {
                format!(
                    "cannot plan the way back from `{name}`: the applied migration `{n}` is not in the migrations folder, so the history cannot be replayed\n  help: restore it from version control, or write `{name}`'s down.sql by hand"
                )
            })
        })
        .collect()
}

/// Counts the rows each statement of the ways back would destroy; any at stake stops the run unless
/// `accept`. A count that cannot run (a table an earlier rollback renames first) counts as a loss.
fn refuse_data_loss(engine: &mut Engine, ways: &[WayBack], accept: bool) -> Result<(), EngineError> {
    let mut lost = Vec::new();
    for way in ways {
        for (loss, rows) in impact::count_losses(&mut engine.client, effects::losses(&Script::parse(&way.sql))) {
            if rows != Some(0) {
                lost.push(format!("{}: {}", way.migration, message(&loss, rows)));
            }
        }
    }
    if lost.is_empty() {
        return Ok(());
    }
    let kind = if accept { "warning" } else { "error" };
    for line in &lost {
        eprintln!("{kind}: {line}");
    }
    if accept {
        return Ok(());
    }
    Err(EngineError::Refused {
        message: "the rollback would lose data; nothing was changed".into(),
        help: "run again with --accept-data-loss to go ahead, or edit the down.sql to keep what matters".into(),
    })
}

fn message(loss: &Loss, rows: Option<i64>) -> String {
    match rows {
        Some(rows) => loss.message_with_rows(rows),
        None => format!("{} (not counted)", loss.message()),
    }
}
