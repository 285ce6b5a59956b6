//! `refract migrate dev`: plan the schema against what the migrations build, write the migration
//! (warnings in its header, the history's state beside it, older snapshots removed), and apply it to the
//! development database.
//!
//! It refuses, with `migrate reset` offered, when the development database is not what its migrations
//! build (drift) or the history diverged (an applied migration edited or gone), as Prisma does.

use refract_engine::introspect::Introspection;
use refract_engine::{Engine, Progress, down, impact, shadow};
use refract_plan::{PlanOptions, plan};

use super::history;
use super::project::{Project, ProjectArgs};
use crate::Outcome;
use crate::database::{Embedded, Work};

pub struct DevArgs {
    pub name: Option<String>,
    pub create_only: bool,
    pub online: bool,
    pub skip_generate: bool,
}

/// What Prisma writes for `migrate dev --create-only` when the schema has no change, with a line break
/// after it so SQL appended to the file (`cat >> migration.sql`) does not land in the comment.
const EMPTY_MIGRATION: &str = "-- This is an empty migration.\n";

pub fn run(args: &ProjectArgs, dev: &DevArgs) -> Outcome {
    super::finish(migrate_dev(args, dev))
}

fn progress(p: Progress<'_>) {
    match p {
        Progress::Applying { migration, .. } => eprint!("Applying {migration} ... "),
        Progress::Applied { elapsed, .. } => eprintln!("done in {} ms", elapsed.as_millis()),
    }
}

fn migrate_dev(args: &ProjectArgs, dev: &DevArgs) -> Result<Outcome, String> {
    let project = Project::load(args)?;
    let schema_path = project.schema_path()?;
    let url = project.database(Embedded::Allowed, Work::Migrate)?;
    let schema = super::load_schema(&schema_path)?;
    let dir = project.migrations();
    let mut engine = Engine::connect(&url).map_err(|e| e.to_string())?;

    let status = engine.status(&dir).map_err(|e| e.to_string())?;
    let reset_help = "`refract migrate reset` drops the development database's data and re-applies every migration";
    if let Some((name, _)) = status.failed.first() {
        return Err(format!(
            "migration `{name}` failed in the development database\n  help: {reset_help}, or fix it and run `refract migrate resolve`"
        ));
    }
    if !status.edited.is_empty() || !status.missing_locally.is_empty() {
        let mut names = status.edited.clone();
        names.extend(status.missing_locally.iter().cloned());
        return Err(format!(
            "the migration history diverged from the development database: {} edited or removed since applied\n  help: {reset_help}",
            names.join(", ")
        ));
    }
    if !status.pending.is_empty() {
        deploy_pending(&mut engine, &dir, &status, &project)?;
    }

    // What the migrations build: the state files when they account for them, else a replay (in the
    // shadow database the project names, else a scratch database on the same server).
    let local = dir.list().map_err(|e| e.to_string())?;
    let state = refract_engine::state::read(&local);
    for note in state.unreadable_notes() {
        eprintln!("{note}");
    }
    let shadow_server = project.shadow_server(None, &url)?;
    let mut live = shadow::live(&url).map_err(|e| e.to_string())?;
    let live_database = live.clone();
    let (mut built, how) = history::database_state(&project, &state, &local, live.server_major, &shadow_server)
        .map_err(|e| history::with_rebuild_reason(&state, e))?;
    // Why the state files did not tell, and how it was learnt instead: said once it is known.
    if let Some(note) = how.and_then(|how| state.rebuild_note(how)) {
        eprintln!("{note}");
    }

    // Drift: the development database against what the migrations build.
    super::set_aside_hand_checks(&mut [&mut built, &mut live], &schema, &state.declared());
    let compare = PlanOptions {
        comments: project.config().migrate.comments,
        partial_indexes: schema.partial_indexes,
        ..PlanOptions::default()
    };
    let drift = plan(&built.schema, &live.schema, &compare);
    if !drift.is_empty() {
        let lines: Vec<String> = drift.steps.iter().map(|s| format!("    - {}", s.describe())).collect();
        return Err(format!(
            "the development database has drifted from what the migrations build:\n{}\n  help: {reset_help}",
            lines.join("\n")
        ));
    }

    // Plan from the state in the schema's terms.
    let (from, conflicts, _) = history::schema_state(
        &project,
        &state,
        &local,
        || Ok((built, how)),
        &schema,
        &shadow_server,
        live_database.server_major,
    )
    .map_err(|e| history::with_rebuild_reason(&state, e))?;
    for conflict in &conflicts {
        eprintln!("conflict: {conflict}");
    }
    let options = project.plan_options(dev.online);
    let plan = plan(&from, &schema, &options);
    if plan.is_empty() && dev.create_only {
        // As Prisma: an empty migration to fill by hand (data migrations, SQL the schema cannot express).
        let name = dev.name.clone().unwrap_or_else(|| "migration".to_string());
        let folder = dir.create(&name, EMPTY_MIGRATION).map_err(|e| e.to_string())?;
        down::write(&folder, EMPTY_MIGRATION, &plan.to_sql(), false).map_err(|e| e.to_string())?;
        record_state(&dir, &schema, None)?;
        println!("Wrote {} (empty: the schema has no change; fill it by hand)", folder.join("migration.sql").display());
        println!("Not applied (--create-only): edit it, then run `refract migrate dev` to apply it.");
        return Ok(Outcome::Ok);
    }
    if plan.is_empty() {
        // A state rebuilt from the history (Prisma's migrations, branches that changed the same
        // objects) or a state file that cannot be read: recorded now, so the next run needs no replay.
        if state.needs_repair()
            && let Some(line) = history::record(&local, &schema, Some(&live_database))?
        {
            eprintln!("{line}");
        }
        println!("Already in sync: {} matches the migrations; no migration written.", schema_path.display());
        if !dev.skip_generate {
            super::generate::regenerate(&project, &schema, &schema_path)?;
        }
        return Ok(Outcome::Ok);
    }
    // The development database holds what the last migration built: count the rows each warning
    // concerns there, and stop before writing a migration that cannot run on them.
    let impacts = impact::assess(&mut engine.client, &plan);
    for i in &impacts {
        eprintln!("warning: {}", i.message());
    }
    if impacts.iter().any(|i| i.blocks()) && !dev.create_only {
        return Err(format!(
            "the migration cannot run on the rows the development database holds (see above); nothing was written\n  help: run `refract migrate dev --create-only` and edit the migration to fix the rows first; {reset_help}"
        ));
    }
    let name = dev.name.clone().unwrap_or_else(|| "migration".to_string());
    let migration_sql = plan.to_sql();
    let folder = dir.create(&name, &migration_sql).map_err(|e| e.to_string())?;
    // The way back: the plan from the schema to the state before, with the same options.
    let way_back = refract_plan::plan(&schema, &from, &options).to_sql();
    down::write(&folder, &migration_sql, &way_back, false).map_err(|e| e.to_string())?;
    println!("Wrote {} (and its way back, down.sql)", folder.join("migration.sql").display());
    lint_written(&project, &dir, &folder)?;
    if dev.create_only {
        record_state(&dir, &schema, None)?;
        println!("Not applied (--create-only): review it, then run `refract migrate dev` again.");
        return Ok(Outcome::Ok);
    }
    engine.deploy(&dir, &mut progress).map_err(|e| e.to_string())?;
    // The development database now holds what the migrations build (it had no drift before): its
    // introspection is the state as PostgreSQL reports it, for the next check without a replay.
    let after = shadow::live(&url).map_err(|e| e.to_string())?;
    record_state(&dir, &schema, Some(&after))?;
    println!("The development database is in sync with {}.", schema_path.display());
    if !dev.skip_generate {
        super::generate::regenerate(&project, &schema, &schema_path)?;
    }
    Ok(Outcome::Ok)
}

/// Prints the migration lint's findings on the migration just written in `folder` (warnings: the
/// migration is still written and applied; `--online` plans the lock-safe way).
fn lint_written(
    project: &Project,
    dir: &refract_engine::MigrationsDir,
    folder: &std::path::Path,
) -> Result<(), String> {
    let local = dir.list().map_err(|e| e.to_string())?;
    let Some(written) = local.iter().find(|m| m.dir == folder) else { return Ok(()) };
    let (sources, findings) = super::migrate_lint::lint_files(project, std::slice::from_ref(written))?;
    if !findings.is_empty() {
        super::migrate_lint::print_as_warnings(&sources, findings);
        eprintln!("note: the migration lint (squawk's rules) found the above; `--online` plans the lock-safe way");
    }
    Ok(())
}

/// Applies the pending migrations (a `--create-only` migration, one from another branch). One whose
/// down.sql refract planned before its migration.sql was edited by hand gets its way back planned
/// again, from the development database as it is right before and right after the migration runs.
fn deploy_pending(
    engine: &mut Engine,
    dir: &refract_engine::MigrationsDir,
    status: &refract_engine::Status,
    project: &Project,
) -> Result<(), String> {
    let mut stale = Vec::new();
    for name in &status.pending {
        let migration = status.local_migration(name).expect("pending migrations are local");
        if matches!(down::read(migration).map_err(|e| e.to_string())?, down::DownFile::Stale(_)) {
            stale.push(migration.clone());
        }
    }
    let url = engine.url.clone();
    let mut observed: Vec<(String, Option<Introspection>, Option<Introspection>)> = Vec::new();
    let mut observe = |p: Progress<'_>| {
        if let Progress::Applying { migration, .. } | Progress::Applied { migration, .. } = &p
            && stale.iter().any(|m| m.name == *migration)
        {
            let state = shadow::live(&url).ok();
            match &p {
                Progress::Applying { .. } => observed.push((migration.to_string(), state, None)),
                Progress::Applied { .. } => {
                    if let Some(last) = observed.last_mut() {
                        last.2 = state;
                    }
                }
            }
        }
        progress(p);
    };
    let report = engine.deploy(dir, &mut observe).map_err(|e| e.to_string())?;
    for (name, replaced) in &report.recorded_squashes {
        eprintln!(
            "Recorded {name} as applied without running it: it squashes {replaced} migrations this database ran."
        );
    }
    let options = project.plan_options(false);
    for (name, before, after) in observed {
        let (Some(before), Some(after)) = (before, after) else { continue };
        let migration = stale.iter().find(|m| m.name == name).expect("observed migrations are stale ones");
        let way_back = refract_plan::plan(&after.schema, &before.schema, &options).to_sql();
        down::write(&migration.dir, &migration.script, &way_back, true).map_err(|e| e.to_string())?;
        eprintln!(
            "Planned the way back of {name} again ({}): its migration.sql was edited.",
            down::path(migration).display()
        );
    }
    Ok(())
}

/// The state after the migration just written: every migration in the folder now, `schema`, and what
/// the development database reports when it was applied there.
fn record_state(
    dir: &refract_engine::MigrationsDir,
    schema: &refract_ir::Schema,
    database: Option<&refract_engine::introspect::Introspection>,
) -> Result<(), String> {
    let local = dir.list().map_err(|e| e.to_string())?;
    history::record(&local, schema, database)?;
    Ok(())
}
