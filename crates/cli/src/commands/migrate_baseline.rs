//! `refract migrate baseline`: start the migration history of a database that predates migrations,
//! Prisma's baselining in one command (its documentation has three: `mkdir`, `migrate diff --from-empty
//! --to-schema-datamodel ... --script > migration.sql`, `migrate resolve --applied`).
//!
//! The migration is the plan from nothing to what the configured database holds (its introspection,
//! rendered as every migration is), so a new database deployed from the folder gets the same tables;
//! its down.sql is written as `migrate dev` writes one; then it is recorded as applied the way `migrate
//! resolve --applied` records it, so deploy runs nothing on this database. All of it under the
//! migration lock, after checking the history is empty, so two runs cannot both baseline.
//!
//! No state file is written: the next command that needs the history's state rebuilds it.

use std::path::PathBuf;
use std::time::SystemTime;

use refract_engine::introspect::{Introspection, introspect};
use refract_engine::migrations::{LOCK_FILE, MIGRATION_FILE, utc_timestamp};
use refract_engine::{Engine, EngineError, MigrationsDir, Resolution, down};
use refract_ir::Schema;
use refract_plan::plan;

use super::project::{Project, ProjectArgs};
use crate::Outcome;
use crate::database::{Embedded, Work};

pub fn run(args: &ProjectArgs, name: &str) -> Outcome {
    super::finish(baseline(args, name))
}

/// What a baseline wrote.
struct Baselined {
    folder: PathBuf,
    lock_written: bool,
    live: Introspection,
}

fn baseline(args: &ProjectArgs, name: &str) -> Result<Outcome, String> {
    let project = Project::load(args)?;
    let dir = project.migrations();
    dir.check_folder_name(name).map_err(|e| e.to_string())?;
    sorts_first(name)?;
    // Said before connecting when it can be: a folder with migrations needs no database to refuse.
    no_migrations(&dir).map_err(|e| e.to_string())?;
    let url = project.database(Embedded::Refused, Work::Migrate)?;
    let mut engine = Engine::connect(&url).map_err(|e| e.to_string())?;
    let options = project.plan_options(false);
    let done = engine
        .locked(|engine| {
            // Again under the lock: another run may have baselined in the meantime.
            no_migrations(&dir)?;
            let rows = engine.history.rows(&mut engine.client)?.len();
            if rows > 0 {
                return Err(EngineError::Refused {
                    message: format!(
                        "the database already has a migration history: _prisma_migrations in schema `{}` holds {rows} row{}; nothing was written",
                        engine.url.namespace,
                        if rows == 1 { "" } else { "s" }
                    ),
                    help: "baselining starts a history; this database has one (`refract migrate status` shows it). \
                           To record migrations it already contains, use `refract migrate resolve --applied NAME`"
                        .into(),
                });
            }
            let live = introspect(&mut engine.client, std::slice::from_ref(&engine.url.namespace))?;
            let migration = plan(&Schema::default(), &live.schema, &options);
            if migration.is_empty() {
                return Err(EngineError::Refused {
                    message: format!(
                        "schema `{}` of the database holds no tables or enums: there is nothing to baseline; nothing was written",
                        engine.url.namespace
                    ),
                    help: "an empty database needs no baseline: `refract migrate deploy` applies the history to it \
                           (check the URL and its `?schema=` if you expected tables)"
                        .into(),
                });
            }
            let migration_sql = migration.to_sql();
            let lock_written = !dir.path.join(LOCK_FILE).exists();
            let folder = dir.create_named(name, &migration_sql)?;
            let recorded = down::write(
                &folder,
                &migration_sql,
                &plan(&live.schema, &Schema::default(), &options).to_sql(),
                false,
            )
            .and_then(|()| engine.resolve_locked(&dir, name, Resolution::Applied));
            if let Err(error) = recorded {
                // Nothing recorded: what was written goes, so that running the command again works.
                let _ = std::fs::remove_dir_all(&folder);
                if lock_written {
                    let _ = std::fs::remove_file(dir.path.join(LOCK_FILE));
                }
                return Err(error);
            }
            Ok(Baselined { folder, lock_written, live })
        })
        .map_err(|e| e.to_string())?;
    report(&done, &dir, &url.namespace, name);
    if project.schema_path().is_err() {
        println!("The project has no schema file yet: `refract db pull` writes it from the same database.");
    }
    Ok(Outcome::Ok)
}

/// The name must sort before the folders `migrate dev` writes later (`<UTC timestamp>_<name>`), or a
/// new database would run them before the baseline they build on.
fn sorts_first(name: &str) -> Result<(), String> {
    let now = utc_timestamp(SystemTime::now());
    if name < now.as_str() {
        return Ok(());
    }
    Err(format!(
        "`{name}` sorts after the migration folders written from now on (`{now}_...`): deploy applies folders in name order, so a new database would run those before the baseline they build on; nothing was written\n  help: start the name with a low number, as Prisma's documentation does with `0_init` (the default): `--name 0_{name}`"
    ))
}

/// Refuses a migrations folder that already holds migrations: a baseline is the first of a history.
fn no_migrations(dir: &MigrationsDir) -> Result<(), EngineError> {
    let local = dir.list()?;
    let Some(first) = local.first() else { return Ok(()) };
    Err(EngineError::Refused {
        message: format!(
            "{} already holds {} migration{} (`{}`{}); nothing was written",
            dir.path.display(),
            local.len(),
            if local.len() == 1 { "" } else { "s" },
            first.name,
            if local.len() > 1 { ", ..." } else { "" }
        ),
        help: "baselining starts a history. If the database already holds what these migrations build, record \
               each with `refract migrate resolve --applied NAME`; to baseline anyway, move the folder away first"
            .into(),
    })
}

fn report(done: &Baselined, dir: &MigrationsDir, namespace: &str, name: &str) {
    let schema = &done.live.schema;
    let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    println!(
        "Wrote {} ({} and {} from schema `{namespace}` of the database).",
        done.folder.join(MIGRATION_FILE).display(),
        count(schema.tables.len(), "table"),
        count(schema.enums.len(), "enum")
    );
    println!("Wrote {} (its way back).", done.folder.join(down::DOWN_FILE).display());
    if done.lock_written {
        println!("Wrote {}.", dir.path.join(LOCK_FILE).display());
    }
    println!(
        "Migration {name} is marked as applied in _prisma_migrations: `refract migrate deploy` runs nothing on this database, and builds the same schema on a new one."
    );
    let mut left_out: Vec<String> = schema.views.keys().map(|v| format!("view {v}")).collect();
    left_out.extend(done.live.unmanaged.iter().map(|u| format!("{} {}", u.kind, u.name)));
    if !left_out.is_empty() {
        println!(
            "note: the migration holds what the schema language expresses (tables, enums, indexes, keys, checks); \
             it does not create these {} objects the database also has:",
            left_out.len()
        );
        for object in &left_out {
            println!("  - {object}");
        }
        println!(
            "  A new database deployed from the folder will not have them. To add them, write a migration that creates \
             them if missing (CREATE OR REPLACE, IF NOT EXISTS; `refract migrate dev --create-only` writes an empty one) \
             and deploy it here too: editing {} now would make its recorded checksum differ.",
            done.folder.join(MIGRATION_FILE).display()
        );
    }
}
