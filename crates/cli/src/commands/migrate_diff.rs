//! `refract migrate diff`: the plan between two schema sources, as SQL or as a summary.

use std::path::{Path, PathBuf};

use refract_engine::{DatabaseUrl, MigrationsDir};
use refract_ir::Schema;
use refract_plan::{PlanOptions, plan};

use super::project::{Project, ProjectArgs};
use crate::database::Work;
use crate::{Outcome, OutputFormat};

/// Where one side of the diff comes from.
#[derive(Debug, Clone)]
pub enum Source {
    Empty,
    Schema(PathBuf),
    Migrations(PathBuf),
    /// A live database, introspected.
    Url(String),
    /// A live database found through the project's configuration (`--from-schema-datasource`,
    /// `--from-config-datasource`).
    Database(Box<DatabaseUrl>),
}

#[derive(Debug, Clone)]
pub struct DiffArgs {
    pub from: Source,
    pub to: Source,
    pub shadow_database_url: Option<String>,
    pub config: Option<PathBuf>,
    pub output: Option<PathBuf>,
    pub script: bool,
    pub lint: bool,
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

/// One side, read: its IR, and for a database (live or a replayed history) the server to build the
/// other side's schema on, so the database can be brought into the schema's spelling.
struct Side {
    schema: Schema,
    database: Option<DatabaseUrl>,
}

/// Prints the plan; returns whether it has steps.
fn diff(args: &DiffArgs) -> Result<bool, String> {
    // The project the sides belong to (its settings, and its folder for the embedded database a
    // replay may need): the schema side's, else the migrations side's.
    let path_of = |want_schema: bool| {
        [&args.to, &args.from].into_iter().find_map(|side| match side {
            Source::Schema(path) if want_schema => Some(path.clone()),
            Source::Migrations(path) if !want_schema => Some(path.clone()),
            _ => None,
        })
    };
    let project = Project::load(&ProjectArgs {
        config: args.config.clone(),
        schema: path_of(true),
        migrations: path_of(false),
        ..ProjectArgs::default()
    })?;
    let config = project.config();
    let mut options = PlanOptions {
        online: args.online || config.migrate.online,
        comments: config.migrate.comments,
        ..PlanOptions::default()
    };
    if let Some(timeout) = &config.migrate.lock_timeout {
        options.lock_timeout = timeout.clone();
    }
    let (from, to) = load_both(&args.from, &args.to, args, &project);
    let (mut from, mut to) = (from?, to?);
    let is_schema = |s: &Source| matches!(s, Source::Schema(_) | Source::Migrations(_));
    // A live database against a schema: CHECKs the schema does not declare are hand-written, not
    // refract's (Prisma never sees them either). A replayed history has had this done already.
    let is_live = |s: &Source| matches!(s, Source::Url(_) | Source::Database(_));
    if is_live(&args.from) && to.database.is_none() {
        set_aside_hand_checks(&mut from.schema, &to.schema);
    }
    if is_live(&args.to) && from.database.is_none() {
        set_aside_hand_checks(&mut to.schema, &from.schema);
    }
    // A database against a schema: bring it into the schema's spelling first (see `align`).
    let from_ir = match &from.database {
        Some(server) if is_schema(&args.to) && to.database.is_none() => in_terms_of(server, &from.schema, &to.schema)?,
        _ => from.schema,
    };
    let to_ir = match &to.database {
        Some(server) if is_schema(&args.from) && from.database.is_none() => in_terms_of(server, &to.schema, &from_ir)?,
        _ => to.schema,
    };
    let plan = plan(&from_ir, &to_ir, &options);
    let text = if args.format == OutputFormat::Json {
        format!("{}\n", serde_json::to_string_pretty(&plan).expect("plans serialise"))
    } else if args.script {
        plan.to_sql()
    } else {
        plan.summary()
    };
    match &args.output {
        Some(path) => std::fs::write(path, &text).map_err(|e| format!("cannot write {}: {e}", path.display()))?,
        None => print!("{text}"),
    }
    if args.script && args.lint {
        lint_script(args, &text)?;
    }
    let different = !plan.is_empty();
    // Freeing two large IRs piece by piece only adds to the run time; the process ends here.
    std::mem::forget((from_ir, to_ir));
    Ok(different)
}

/// `--lint`: the migration lint's findings on the script, as warnings on stderr.
fn lint_script(args: &DiffArgs, script: &str) -> Result<(), String> {
    let project = super::project::Project::load(&super::project::ProjectArgs {
        config: args.config.clone(),
        ..Default::default()
    })?;
    let findings = super::migrate_lint::project_lint(&project)?.file(script);
    if findings.is_empty() {
        eprintln!("The migration lint found nothing.");
    }
    let file = refract_diagnostics::SourceFile::new("migration.sql (migrate diff --script)", script.to_string());
    super::migrate_lint::print_as_warnings(&file, findings);
    Ok(())
}

/// Two schema files smaller than this together are read at the same time, one per thread. Above it they
/// are read one after the other: each read already keeps both cores busy, and the first file's syntax
/// tree is freed before the second is read. At once, both trees and both sets of validation records are
/// alive together, about 30 MB per MB of schema text (gen-schema 1000 against its variant: 1.6 MB of
/// text, 40 MB max RSS one after the other, 61 MB at once, and 20% less time).
const READ_AT_ONCE_BYTES: u64 = 2 * 1024 * 1024;

/// Both sides, errors included (each is reported, not just the first).
fn load_both(
    from: &Source,
    to: &Source,
    args: &DiffArgs,
    project: &Project,
) -> (Result<Side, String>, Result<Side, String>) {
    let size = |path: &Path| std::fs::metadata(path).map_or(0, |m| m.len());
    match (from, to) {
        (Source::Schema(a), Source::Schema(b))
            if a.is_file() && b.is_file() && size(a) + size(b) < READ_AT_ONCE_BYTES =>
        {
            let ((from, from_report), (to, to_report)) = std::thread::scope(|scope| {
                let from = scope.spawn(|| super::check_schema_file(a));
                let to = super::check_schema_file(b);
                (from.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), to)
            });
            // In the order a sequential read would print them.
            eprint!("{from_report}{to_report}");
            let side = |schema: Result<Schema, String>| schema.map(|schema| Side { schema, database: None });
            (side(from), side(to))
        }
        _ => (load(from, to, args, project), load(to, from, args, project)),
    }
}

fn load(source: &Source, other: &Source, args: &DiffArgs, project: &Project) -> Result<Side, String> {
    let plain = |schema| Ok(Side { schema, database: None });
    match source {
        Source::Empty => plain(Schema::default()),
        Source::Schema(path) => plain(super::load_schema(path)?),
        Source::Migrations(dir) => {
            let migrations = MigrationsDir::new(dir).list().map_err(|e| e.to_string())?;
            let state = refract_engine::state::read(&migrations);
            for note in state.unreadable_notes() {
                eprintln!("{note}");
            }
            match state.schema() {
                Some(schema) => plain(schema),
                // State files that do not account for the migrations (Prisma's history, branches that
                // changed the same objects): replay it in a scratch database, as Prisma replays it in
                // its shadow database.
                None => {
                    let side = replay(dir, other, args, project)
                        .map_err(|e| super::history::with_rebuild_reason(&state, e))?;
                    // Said once the replay ran, never before one that fails.
                    if let Some(note) = state.rebuild_note(refract_engine::state::Rebuilt::Replayed) {
                        eprintln!("{note}");
                    }
                    Ok(side)
                }
            }
        }
        Source::Url(url) => {
            let url = DatabaseUrl::parse(url).map_err(|e| e.to_string())?;
            Ok(Side { schema: live(&url)?, database: Some(url) })
        }
        Source::Database(url) => Ok(Side { schema: live(url)?, database: Some((**url).clone()) }),
    }
}

fn live(url: &DatabaseUrl) -> Result<Schema, String> {
    refract_engine::shadow::live(url).map(|i| i.schema).map_err(|e| e.to_string())
}

/// The history in `dir` replayed in the shadow database (`--shadow-database-url`, else the one the
/// project names), else in a scratch database on the configured database's server, else on the
/// embedded database. Hand-written CHECKs are set aside against the other side's schema, as
/// `migrate check` does.
fn replay(dir: &Path, other: &Source, args: &DiffArgs, project: &Project) -> Result<Side, String> {
    let server = match (project.configured_database(Work::Read)?, &args.shadow_database_url) {
        (Ok(located), flag) => project.shadow_server(flag.as_deref(), &located.url)?,
        // No database configured: the shadow database, else the embedded one, started for this
        // command only (stopped when `project` goes, once the diff is printed).
        (Err(_), flag) => project.replay_server_without_database(flag.as_deref())?,
    };
    eprintln!("Replaying {} on {}", dir.display(), server.redacted);
    let migrations = MigrationsDir::new(dir).list().map_err(|e| e.to_string())?;
    let init = project.layout.init_shadow_db()?;
    let mut replayed =
        refract_engine::shadow::replay(&server, &migrations, init.as_deref()).map_err(|e| e.to_string())?;
    if let Source::Schema(path) = other
        && let (Ok(schema), _) = super::check_schema_file(path)
    {
        super::set_aside_hand_checks(
            &mut [&mut replayed],
            &schema,
            &refract_engine::state::read(&migrations).declared(),
        );
    }
    Ok(Side { schema: replayed.schema, database: Some(server) })
}

fn set_aside_hand_checks(database: &mut Schema, declared: &Schema) {
    let mut introspection =
        refract_engine::introspect::Introspection { schema: std::mem::take(database), ..Default::default() };
    refract_engine::introspect::set_aside_hand_checks(&mut introspection, &[declared]);
    *database = introspection.schema;
}

fn in_terms_of(server: &DatabaseUrl, database: &Schema, schema: &Schema) -> Result<Schema, String> {
    refract_engine::shadow::in_terms_of(database, schema, server).map_err(|e| e.to_string())
}
