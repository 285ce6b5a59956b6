//! `refract db push`: make the database match the schema directly, with no migration written and no
//! history kept (prototyping, as `prisma db push`).
//!
//! The plan is made against the live database, brought into the schema's spelling. Each warning's rows
//! are counted first: a step that cannot run on the existing rows stops the push before anything runs,
//! and a step that would lose rows needs `--accept-data-loss`.

use refract_engine::{Engine, apply, impact, shadow};
use refract_plan::{PlanOptions, plan};

use super::project::{Project, ProjectArgs};
use crate::Outcome;
use crate::database::{Embedded, Work};

pub struct PushArgs {
    pub accept_data_loss: bool,
    /// Drop everything in the managed PostgreSQL schema first (Prisma's `--force-reset`).
    pub force_reset: bool,
    pub skip_generate: bool,
}

pub fn run(args: &ProjectArgs, push_args: &PushArgs) -> Outcome {
    super::finish(push(args, push_args))
}

fn push(args: &ProjectArgs, push_args: &PushArgs) -> Result<Outcome, String> {
    let accept_data_loss = push_args.accept_data_loss;
    let project = Project::load(args)?;
    let schema_path = project.schema_path()?;
    let url = project.database(Embedded::Allowed, Work::Migrate)?;
    let schema = super::load_schema(&schema_path)?;
    let options = PlanOptions { comments: project.config().migrate.comments, ..PlanOptions::default() };
    let mut engine = Engine::connect(&url).map_err(|e| e.to_string())?;
    if push_args.force_reset {
        engine.reset().map_err(|e| e.to_string())?;
        println!("Database reset (--force-reset): everything in schema `{}` was dropped.", url.namespace);
    }
    let outcome = engine
        .locked(|engine| {
            let mut live = shadow::live(&engine.url)?;
            // db push keeps no history: the schema alone says which CHECKs are refract's.
            refract_engine::introspect::set_aside_hand_checks(&mut live, &[&schema]);
            let from = shadow::in_terms_of(&live.schema, &schema, &engine.url)?;
            let plan = plan(&from, &schema, &options);
            if plan.is_empty() {
                println!("The database is already in sync with {}.", schema_path.display());
                return Ok(Outcome::Ok);
            }
            let impacts = impact::assess(&mut engine.client, &plan);
            let blocked: Vec<_> = impacts.iter().filter(|i| i.blocks()).collect();
            if !blocked.is_empty() {
                for i in &blocked {
                    eprintln!("error: {}", i.message());
                }
                return Err(refract_engine::EngineError::Refused {
                    message: "the push cannot run on the rows the database holds; nothing was changed".into(),
                    help: "fix the rows named above, or give the new columns defaults".into(),
                });
            }
            let lossy: Vec<_> = impacts.iter().filter(|i| i.loses_data()).collect();
            for i in impacts.iter().filter(|i| !i.loses_data()) {
                eprintln!("warning: {}", i.message());
            }
            if !lossy.is_empty() && !accept_data_loss {
                for i in &lossy {
                    eprintln!("error: {}", i.message());
                }
                return Err(refract_engine::EngineError::Refused {
                    message: "the push would lose data; nothing was changed".into(),
                    help: "run again with --accept-data-loss to go ahead".into(),
                });
            }
            for i in &lossy {
                eprintln!("warning: {}", i.message());
            }
            apply::execute_script(&mut engine.client, "db push", &plan.to_sql())?;
            println!(
                "The database is now in sync with {} ({} step{}).",
                schema_path.display(),
                plan.steps.len(),
                if plan.steps.len() == 1 { "" } else { "s" }
            );
            Ok(Outcome::Ok)
        })
        .map_err(|e| e.to_string())?;
    if !push_args.skip_generate {
        super::generate::regenerate(&project, &schema, &schema_path)?;
    }
    Ok(outcome)
}
