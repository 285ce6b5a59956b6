//! `refract db execute | seed` and `refract dev-db start | stop | status`.

use std::path::Path;

use refract_engine::devdb::DevDbState;
use refract_engine::{DatabaseUrl, Engine, apply};

use super::output::fail;
use super::project::{Project, ProjectArgs};
use crate::Outcome;
use crate::database::{Embedded, Work};

/// Runs `file`, or standard input when there is none (`--stdin`).
pub fn execute(args: &ProjectArgs, file: Option<&Path>) -> Outcome {
    let run = || -> Result<Outcome, Outcome> {
        let (label, sql) = match file {
            Some(file) => (
                file.display().to_string(),
                std::fs::read_to_string(file).map_err(|e| fail(format!("cannot read {}: {e}", file.display())))?,
            ),
            None => {
                let mut sql = String::new();
                std::io::Read::read_to_string(&mut std::io::stdin(), &mut sql)
                    .map_err(|e| fail(format!("cannot read standard input: {e}")))?;
                ("standard input".to_string(), sql)
            }
        };
        let project = Project::load(args).map_err(fail)?;
        let url = project.database(Embedded::Refused, Work::Read).map_err(fail)?;
        let mut engine = Engine::connect(&url).map_err(fail)?;
        apply::execute_script(&mut engine.client, &label, &sql).map_err(fail)?;
        println!("Script executed successfully.");
        Ok(Outcome::Ok)
    };
    run().unwrap_or_else(|o| o)
}

pub fn seed(args: &ProjectArgs) -> Outcome {
    let run = || -> Result<Outcome, Outcome> {
        let project = Project::load(args).map_err(fail)?;
        let Some(seed) = project.layout.seed().map_err(fail)? else {
            return Err(fail(
                "no seed command configured: add `[db] seed = \"...\"` to refract.toml (or `migrations.seed` in prisma.config.ts, `prisma.seed` in package.json)",
            ));
        };
        let url = project.database(Embedded::Allowed, Work::Read).map_err(fail)?;
        Ok(run_seed(&seed, &url))
    };
    run().unwrap_or_else(|o| o)
}

/// Runs the seed command through the shell, with DATABASE_URL set to the database it should fill.
pub fn run_seed(command: &str, url: &DatabaseUrl) -> Outcome {
    eprintln!("Running seed command `{command}` ...");
    match std::process::Command::new("sh").arg("-c").arg(command).env("DATABASE_URL", url.to_url()).status() {
        Ok(s) if s.success() => Outcome::Ok,
        Ok(s) => fail(format!("the seed command `{command}` failed ({s})")),
        Err(e) => fail(format!("cannot run the seed command `{command}`: {e}")),
    }
}

pub fn dev_db(action: crate::DevDbAction) -> Outcome {
    let run = || -> Result<Outcome, Outcome> {
        let (crate::DevDbAction::Start(schema) | crate::DevDbAction::Stop(schema) | crate::DevDbAction::Status(schema)) =
            &action;
        let args =
            ProjectArgs { schema: schema.schema.clone(), config: schema.config.clone(), ..ProjectArgs::default() };
        let project = Project::load(&args).map_err(fail)?;
        match action {
            crate::DevDbAction::Start(_) => {
                let (_, url, _) = project.start_embedded().map_err(fail)?;
                println!("{}", url.to_url());
            }
            crate::DevDbAction::Stop(_) => {
                let stopped = project.embedded().and_then(|d| d.stop().map_err(|e| e.to_string())).map_err(fail)?;
                println!("{}", if stopped { "Stopped." } else { "Not running." });
            }
            crate::DevDbAction::Status(_) => {
                let devdb = project.embedded().map_err(fail)?;
                match devdb.state() {
                    DevDbState::Running => println!("running: {}", devdb.url().map_err(fail)?.to_url()),
                    DevDbState::Stopped => println!("stopped ({})", devdb.root.display()),
                    DevDbState::NotCreated => println!("not created ({})", devdb.root.display()),
                }
            }
        }
        Ok(Outcome::Ok)
    };
    run().unwrap_or_else(|o| o)
}
