//! `refract migrate deploy | status | resolve | reset`: the history-table commands.

use std::io::Write;

use refract_engine::{Engine, EngineError, Progress, Resolution, Status};

use super::db::run_seed;
use super::output::{confirm, fail, fail_as};
use super::project::{Project, ProjectArgs};
use crate::database::{Embedded, Work};
use crate::{Outcome, OutputFormat};

fn connect(project: &Project, work: Work) -> Result<Engine, Outcome> {
    let url = project.database(Embedded::Refused, work).map_err(fail)?;
    Engine::connect(&url).map_err(fail)
}

/// `to`: stop after this pending migration (`--to NAME`).
pub fn deploy(args: &ProjectArgs, to: Option<&str>, format: OutputFormat) -> Outcome {
    let fail = fail_as(format);
    let run = || -> Result<Outcome, Outcome> {
        let project = Project::load(args).map_err(|e| fail(&e))?;
        let dir = project.migrations();
        let url = project.database(Embedded::Refused, Work::Migrate).map_err(|e| fail(&e))?;
        let mut engine = Engine::connect(&url).map_err(|e| fail(&e))?;
        let human = format == OutputFormat::Human;
        let mut progress = |p: Progress<'_>| match p {
            Progress::Applying { migration, index, total } if human => {
                eprint!("Applying {migration} ({index}/{total}) ... ");
                let _ = std::io::stderr().flush();
            }
            Progress::Applied { elapsed, .. } if human => eprintln!("done in {} ms", elapsed.as_millis()),
            _ => {}
        };
        let report = engine.deploy_to(&dir, to, &mut progress).map_err(|e| {
            if human && matches!(e, EngineError::MigrationFailed { .. }) {
                eprintln!("failed");
            }
            fail(&e)
        })?;
        if !human {
            let doc = serde_json::json!({
                "ok": true,
                "applied": report.applied,
                "recorded_squashes": report.recorded_squashes.iter().map(|(n, _)| n).collect::<Vec<_>>(),
                "edited": report.edited,
                "total": report.total,
                "left_pending": report.left_pending,
            });
            println!("{}", serde_json::to_string_pretty(&doc).expect("json values serialise"));
            return Ok(Outcome::Ok);
        }
        for name in &report.edited {
            eprintln!(
                "warning: migration `{name}` was edited after it was applied (its checksum differs); deploy does not run it again"
            );
        }
        for (name, replaced) in &report.recorded_squashes {
            println!(
                "Recorded {name} as applied without running it: it squashes {replaced} migrations this database ran."
            );
        }
        match report.applied.len() {
            0 if !report.recorded_squashes.is_empty() => println!("No migration to run."),
            0 => println!("No pending migrations: the database is up to date ({} migrations).", report.total),
            n => println!("Applied {n} migration{}.", if n == 1 { "" } else { "s" }),
        }
        if let (Some(name), left @ 1..) = (to, report.left_pending) {
            println!(
                "Stopped after {name} (--to): {left} later migration{} not applied; `refract migrate status` lists {}.",
                if left == 1 { " is" } else { "s are" },
                if left == 1 { "it" } else { "them" }
            );
        }
        Ok(Outcome::Ok)
    };
    run().unwrap_or_else(|o| o)
}

pub fn status(args: &ProjectArgs, format: OutputFormat) -> Outcome {
    let fail = fail_as(format);
    let run = || -> Result<Outcome, Outcome> {
        let project = Project::load(args).map_err(|e| fail(&e))?;
        let dir = project.migrations();
        let url = project.database(Embedded::Refused, Work::Read).map_err(|e| fail(&e))?;
        let mut engine = Engine::connect(&url).map_err(|e| fail(&e))?;
        let status = engine.status(&dir).map_err(|e| fail(&e))?;
        if format == OutputFormat::Json {
            println!("{}", status_json(&status));
        } else {
            print!("{}", status_text(&status, &dir.path.display().to_string()));
        }
        Ok(if status.is_up_to_date() { Outcome::Ok } else { Outcome::Failed })
    };
    run().unwrap_or_else(|o| o)
}

fn status_text(status: &Status, dir: &str) -> String {
    let mut out =
        format!("{} migration{} in {dir}\n", status.local.len(), if status.local.len() == 1 { "" } else { "s" });
    let mut list = |title: &str, names: &[String]| {
        if !names.is_empty() {
            out.push_str(&format!("\n{title}:\n"));
            for n in names {
                out.push_str(&format!("  {n}\n"));
            }
        }
    };
    let failed: Vec<String> = status.failed.iter().map(|(n, _)| n.clone()).collect();
    list("Failed (resolve with `refract migrate resolve --rolled-back NAME` or `--applied NAME`)", &failed);
    let pending: Vec<String> = status
        .pending
        .iter()
        .map(|n| {
            if status.rolled_back.contains(n) {
                return format!("{n} (rolled back by migrate down)");
            }
            match status.squashes.iter().find(|s| s.migration == *n) {
                Some(s) if s.not_ran.is_empty() => format!(
                    "{n} (squashes {} migrations this database ran: deploy records it without running it)",
                    s.ran.len()
                ),
                Some(s) if !s.ran.is_empty() => format!(
                    "{n} (squashes migrations this database ran only some of: deploy refuses; missing {})",
                    s.not_ran.join(", ")
                ),
                _ => n.clone(),
            }
        })
        .collect();
    list("Not yet applied", &pending);
    list("Edited after they were applied (checksum differs)", &status.edited);
    list("Applied but missing from the migrations folder", &status.missing_locally);
    if status.is_up_to_date() {
        out.push_str("\nDatabase schema is up to date!\n");
    }
    out
}

fn status_json(status: &Status) -> String {
    let failed: Vec<serde_json::Value> =
        status.failed.iter().map(|(n, logs)| serde_json::json!({ "name": n, "logs": logs })).collect();
    serde_json::to_string_pretty(&serde_json::json!({
        "up_to_date": status.is_up_to_date(),
        "history_table": status.history_exists,
        "local": status.local.iter().map(|m| &m.name).collect::<Vec<_>>(),
        "applied": status.applied,
        "pending": status.pending,
        "rolled_back": status.rolled_back,
        "failed": failed,
        "edited": status.edited,
        "missing_locally": status.missing_locally,
    }))
    .expect("json values serialise")
}

pub fn resolve(args: &ProjectArgs, name: &str, resolution: Resolution) -> Outcome {
    let run = || -> Result<Outcome, Outcome> {
        let project = Project::load(args).map_err(fail)?;
        let dir = project.migrations();
        let mut engine = connect(&project, Work::Migrate)?;
        engine.resolve(&dir, name, resolution).map_err(fail)?;
        match resolution {
            Resolution::Applied => println!("Migration {name} marked as applied."),
            Resolution::RolledBack => println!("Migration {name} marked as rolled back."),
        }
        Ok(Outcome::Ok)
    };
    run().unwrap_or_else(|o| o)
}

pub fn reset(args: &ProjectArgs, force: bool, skip_seed: bool) -> Outcome {
    let run = || -> Result<Outcome, Outcome> {
        let project = Project::load(args).map_err(fail)?;
        let dir = project.migrations();
        let url = project.database(Embedded::Allowed, Work::Migrate).map_err(fail)?;
        if !force
            && !confirm(&format!(
                "Drop everything in schema `{}` of {} and re-apply all migrations?",
                url.namespace, url.redacted
            ))?
        {
            eprintln!("Reset cancelled.");
            return Ok(Outcome::Failed);
        }
        let mut engine = Engine::connect(&url).map_err(fail)?;
        engine.reset().map_err(fail)?;
        println!("Database reset.");
        let mut quiet = |_: Progress<'_>| {};
        let report = engine.deploy(&dir, &mut quiet).map_err(fail)?;
        println!("Applied {} migration{}.", report.applied.len(), if report.applied.len() == 1 { "" } else { "s" });
        if !skip_seed && let Some(seed) = project.layout.seed().map_err(fail)? {
            return Ok(run_seed(&seed, &url));
        }
        Ok(Outcome::Ok)
    };
    run().unwrap_or_else(|o| o)
}
