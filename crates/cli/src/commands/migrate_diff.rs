//! `refract migrate diff`: the plan between two schema sources, as SQL or as a summary.

use std::path::{Path, PathBuf};

use refract_ir::Schema;
use refract_plan::{PlanOptions, plan, snapshot};

use crate::config::Config;
use crate::{Outcome, OutputFormat};

/// Where one side of the diff comes from.
#[derive(Debug, Clone)]
pub enum Source {
    Empty,
    Schema(PathBuf),
    Migrations(PathBuf),
    /// A live database, introspected.
    Url(String),
}

#[derive(Debug, Clone)]
pub struct DiffArgs {
    pub from: Source,
    pub to: Source,
    pub script: bool,
    pub online: bool,
    pub exit_code: bool,
    pub format: OutputFormat,
}

pub fn run(args: &DiffArgs) -> Outcome {
    // With --exit-code, 2 means "there is a difference", so every error is 1.
    match diff(args) {
        Ok(false) => Outcome::Ok,
        Ok(true) if args.exit_code => Outcome::Difference,
        Ok(true) => Outcome::Ok,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("error: {message}");
            }
            Outcome::Failed
        }
    }
}

/// Prints the plan; returns whether it has steps.
fn diff(args: &DiffArgs) -> Result<bool, String> {
    let config = Config::load(Path::new("."))?;
    let mut options = PlanOptions {
        online: args.online || config.migrate.online,
        comments: config.migrate.comments,
        ..PlanOptions::default()
    };
    if let Some(timeout) = config.migrate.lock_timeout {
        options.lock_timeout = timeout;
    }
    let (from, to) = load_both(&args.from, &args.to);
    let (from, to) = (from?, to?);
    // A live database against a schema: bring it into the schema's spelling first (see `align`).
    let from = match (&args.from, &args.to) {
        (Source::Url(url), Source::Schema(_) | Source::Migrations(_)) => in_terms_of(url, &from, &to)?,
        _ => from,
    };
    let to = match (&args.to, &args.from) {
        (Source::Url(url), Source::Schema(_) | Source::Migrations(_)) => in_terms_of(url, &to, &from)?,
        _ => to,
    };
    let plan = plan(&from, &to, &options);
    if args.format == OutputFormat::Json {
        println!("{}", serde_json::to_string_pretty(&plan).expect("plans serialise"));
    } else if args.script {
        print!("{}", plan.to_sql());
    } else {
        print!("{}", plan.summary());
    }
    let different = !plan.is_empty();
    // Freeing two large IRs piece by piece only adds to the run time; the process ends here.
    std::mem::forget((from, to));
    Ok(different)
}

/// Two schema files smaller than this together are read at the same time, one per thread. Above it they
/// are read one after the other: each read already keeps both cores busy, and the first file's syntax
/// tree is freed before the second is read. At once, both trees and both sets of validation records are
/// alive together, about 30 MB per MB of schema text (gen-schema 1000 against its variant: 1.6 MB of
/// text, 40 MB max RSS one after the other, 61 MB at once, and 20% less time).
const READ_AT_ONCE_BYTES: u64 = 2 * 1024 * 1024;

/// Both sides, errors included (each is reported, not just the first).
fn load_both(from: &Source, to: &Source) -> (Result<Schema, String>, Result<Schema, String>) {
    let size = |path: &Path| std::fs::metadata(path).map_or(0, |m| m.len());
    match (from, to) {
        (Source::Schema(a), Source::Schema(b)) if size(a) + size(b) < READ_AT_ONCE_BYTES => {
            let ((from, from_report), (to, to_report)) = std::thread::scope(|scope| {
                let from = scope.spawn(|| super::check_schema_file(a));
                let to = super::check_schema_file(b);
                (from.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), to)
            });
            // In the order a sequential read would print them.
            eprint!("{from_report}{to_report}");
            (from, to)
        }
        _ => (load(from), load(to)),
    }
}

fn load(source: &Source) -> Result<Schema, String> {
    match source {
        Source::Empty => Ok(Schema::default()),
        Source::Migrations(dir) => snapshot::latest(dir).map_err(|e| e.to_string()),
        Source::Schema(path) => super::load_schema(path),
        Source::Url(url) => super::load_url(url),
    }
}

fn in_terms_of(url: &str, database: &Schema, schema: &Schema) -> Result<Schema, String> {
    let server = refract_engine::DatabaseUrl::parse(url).map_err(|e| e.to_string())?;
    refract_engine::shadow::in_terms_of(database, schema, &server).map_err(|e| e.to_string())
}
