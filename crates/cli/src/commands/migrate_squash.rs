//! `refract migrate squash --name NAME [--from MIGRATION] [--to MIGRATION]`: replaces a run of
//! migrations (the whole history by default) with one that builds what they built (see
//! `refract_engine::squash`), with its down.sql and its state file.
//!
//! Databases that ran the whole run record the squashed migration as applied at their next
//! `migrate deploy`, without running it; one that ran part of it is refused (`migrate deploy` says what
//! to do).

use refract_engine::down;
use refract_plan::state_file::Accounted;

use super::project::{Project, ProjectArgs};
use crate::Outcome;
use crate::database::{Embedded, Work};

pub struct SquashArgs {
    pub name: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

pub fn run(args: &ProjectArgs, squash: &SquashArgs) -> Outcome {
    super::finish(migrate_squash(args, squash))
}

fn migrate_squash(args: &ProjectArgs, squash: &SquashArgs) -> Result<Outcome, String> {
    let project = Project::load(args)?;
    let dir = project.migrations();
    let local = dir.list().map_err(|e| e.to_string())?;
    let position = |name: &str| {
        local.iter().position(|m| m.name == name).ok_or_else(|| {
            format!("no migration `{name}` in {}\n  help: `refract migrate status` lists them", dir.path.display())
        })
    };
    let from = squash.from.as_deref().map(position).transpose()?.unwrap_or(0);
    let to = squash.to.as_deref().map(position).transpose()?.unwrap_or(local.len().saturating_sub(1));
    if local.is_empty() {
        return Err(format!("{} holds no migrations to squash", dir.path.display()));
    }
    if from > to {
        return Err(format!("--from `{}` comes after --to `{}`", local[from].name, local[to].name));
    }
    if from == to {
        return Err(format!("`{}` alone is nothing to squash: give a run of two or more migrations", local[from].name));
    }
    let folder = refract_engine::squash::folder_name(&local, from, to, &squash.name).map_err(|e| e.to_string())?;

    // Replays run in scratch databases: on the shadow database's server when the project names one,
    // else on the development database's (the embedded one when none is configured).
    let url = project.database(Embedded::Allowed, Work::Read)?;
    let server = project.shadow_server(None, &url)?;
    let init = project.layout.init_shadow_db()?;
    let run = &local[from..=to];
    eprintln!("Replaying {} migrations on {} to squash {} of them ...", to + 1, server.redacted, run.len());
    let squashed =
        refract_engine::squash::squash(&server, &local[..from], run, init.as_deref()).map_err(|e| e.to_string())?;
    // What the run built, in the schema's terms, from the state files (before they go).
    let built = refract_engine::state::read(&local).state_after(to + 1);

    // Written first, then the run removed: a failure in between leaves both, never neither.
    let written = dir.create_named(&folder, &squashed.sql).map_err(|e| e.to_string())?;
    down::write(&written, &squashed.sql, &squashed.way_back, false).map_err(|e| e.to_string())?;
    for m in run {
        std::fs::remove_dir_all(&m.dir).map_err(|e| format!("cannot remove {}: {e}", m.dir.display()))?;
    }
    let now = dir.list().map_err(|e| e.to_string())?;
    let replaced: Vec<Accounted> =
        run.iter().map(|m| Accounted { name: m.name.clone(), checksum: m.checksum.clone() }).collect();
    refract_engine::state::record_squash(&now, &folder, &replaced, built.as_ref()).map_err(|e| e.to_string())?;

    println!(
        "Wrote {} (and its way back, down.sql): it replaces {} migrations, {} to {}.",
        written.join("migration.sql").display(),
        run.len(),
        run[0].name,
        run[run.len() - 1].name
    );
    if squashed.kept > 0 {
        println!(
            "Kept {} statements outside the schema (functions, triggers, views, grants, ...) as written.",
            squashed.kept
        );
    }
    if !squashed.left_out.is_empty() {
        println!("Left out {} statements that only move data:", squashed.left_out.len());
        for line in &squashed.left_out {
            println!("  - {line}");
        }
    }
    println!(
        "Databases that ran all {} record it as applied at their next `refract migrate deploy`, without running it.",
        run.len()
    );
    Ok(Outcome::Ok)
}
