//! `refract migrate lint`: squawk's lock and safety rules over migration files (see `refract_lint`),
//! with `[lint] ignore`/`enable` from refract.toml. `migrate check` lints the pending migrations and
//! `migrate dev` the one it writes, through [`lint_files`].

use refract_diagnostics::{Diagnostic, SourceFile, SourceSet, Span, render};
use refract_engine::{Engine, LocalMigration};
use refract_lint::Lint;

use super::project::{Project, ProjectArgs};
use crate::database::{NotFound, Work};
use crate::{Outcome, OutputFormat};

/// Which migrations to lint.
pub enum Which {
    /// The migrations not applied to the configured database; without one, the newest migration.
    Default,
    Pending,
    All,
    Named(Vec<String>),
}

pub fn run(args: &ProjectArgs, which: &Which, format: OutputFormat) -> Outcome {
    let run = || -> Result<Outcome, String> {
        let project = Project::load(args)?;
        let migrations = chosen(&project, which)?;
        if migrations.is_empty() {
            eprintln!("No migration to lint.");
            return Ok(Outcome::Ok);
        }
        let (sources, findings) = lint_files(&project, &migrations)?;
        let report = render(&sources, &findings, format.diagnostics());
        match format {
            OutputFormat::Human => eprint!("{report}"),
            OutputFormat::Json | OutputFormat::Github => print!("{report}"),
        }
        let names: Vec<&str> = migrations.iter().map(|m| m.name.as_str()).collect();
        eprintln!(
            "Linted {} migration{} ({}): {} finding{}.",
            names.len(),
            if names.len() == 1 { "" } else { "s" },
            names.join(", "),
            findings.len(),
            if findings.len() == 1 { "" } else { "s" }
        );
        Ok(if findings.is_empty() { Outcome::Ok } else { Outcome::Failed })
    };
    super::finish(run())
}

/// The migrations `which` names, in apply order.
fn chosen(project: &Project, which: &Which) -> Result<Vec<LocalMigration>, String> {
    let dir = project.migrations();
    let local = dir.list().map_err(|e| e.to_string())?;
    match which {
        Which::All => Ok(local),
        Which::Named(names) => names
            .iter()
            .map(|n| {
                local.iter().find(|m| &m.name == n).cloned().ok_or_else(|| {
                    format!(
                        "there is no migration `{n}` in {}\n  help: `refract migrate status` lists them",
                        dir.path.display()
                    )
                })
            })
            .collect(),
        Which::Pending | Which::Default => {
            let url = match project.configured_database(Work::Read)? {
                Ok(located) => {
                    located.announce();
                    located.url
                }
                Err(NotFound::NothingConfigured | NotFound::VariableNotSet { .. })
                    if matches!(which, Which::Default) =>
                {
                    eprintln!("Database: none configured: linting the newest migration");
                    return Ok(local.last().cloned().into_iter().collect());
                }
                Err(NotFound::NothingConfigured) => {
                    return Err("--pending needs a database to tell what is pending\n  help: set DATABASE_URL (or --database-url), or name the migrations".into());
                }
                Err(NotFound::VariableNotSet { message }) => return Err(message),
            };
            let status = Engine::connect(&url).and_then(|mut e| e.status(&dir)).map_err(|e| e.to_string())?;
            Ok(status.pending.iter().filter_map(|n| status.local_migration(n).cloned()).collect())
        }
    }
}

/// The findings on `migrations` with the project's rules, as diagnostics into a source set of their
/// migration.sql files (for any of the renderings).
pub fn lint_files(project: &Project, migrations: &[LocalMigration]) -> Result<(SourceSet, Vec<Diagnostic>), String> {
    let lint = project_lint(project)?;
    let files: Vec<SourceFile> = migrations
        .iter()
        .map(|m| {
            SourceFile::new(
                m.dir.join(refract_engine::migrations::MIGRATION_FILE).display().to_string(),
                m.script.clone(),
            )
        })
        .collect();
    let sources = SourceSet::new(project.migrations().path.display().to_string(), files);
    let mut findings = Vec::new();
    for (file, start) in sources.files().iter().zip(sources.starts()) {
        findings.extend(lint.file(&file.text).into_iter().map(|mut d| {
            d.span = Span::new(d.span.start() + start, d.span.end() + start);
            d
        }));
    }
    Ok((sources, findings))
}

/// The rules refract.toml's `[lint]` chooses.
pub fn project_lint(project: &Project) -> Result<Lint, String> {
    let settings = &project.config().lint;
    Lint::new(&settings.ignore, &settings.enable).map_err(|e| format!("refract.toml [lint]: {e}"))
}

/// Prints findings on SQL a command writes as warnings on stderr (the command goes on).
pub fn print_as_warnings(sources: &(impl refract_diagnostics::Sources + ?Sized), mut findings: Vec<Diagnostic>) {
    for f in &mut findings {
        f.severity = refract_diagnostics::Severity::Warning;
    }
    eprint!("{}", render(sources, &findings, OutputFormat::Human.diagnostics()));
}

/// One line per finding (`file:line:col rule: message`), for reports that list them among others.
pub fn one_line(sources: &SourceSet, findings: &[Diagnostic]) -> Vec<String> {
    use refract_diagnostics::Sources as _;
    findings
        .iter()
        .map(|d| {
            let (path, at) = sources.position(d.span.start());
            format!("{path}:{}:{} {}: {}", at.line, at.column, d.code, d.message)
        })
        .collect()
}
