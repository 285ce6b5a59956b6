//! `refract migrate check`, for CI: does the schema match what the migrations build, were applied
//! migrations edited, and (with a database) does the live database equal what its applied migrations
//! build? Each answer comes with what differs, in schema terms, and the SQL that would reconcile it.

use refract_engine::introspect::Unmanaged;
use refract_engine::{Engine, LocalMigration, shadow};
use refract_plan::{Plan, PlanOptions, plan};
use serde_json::json;

use super::history;
use super::output::fail_as;
use super::project::{Project, ProjectArgs};
use crate::database::{NotFound, Work};
use crate::{Outcome, OutputFormat};

/// What a finding is about: the Markdown summary files each kind under its own heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FindingKind {
    /// The schema against what the migrations build.
    Schema,
    /// The history table: edited or failed migrations.
    History,
    /// The pending migrations' lint findings.
    Lint,
    /// The live database against what its applied migrations build.
    Drift,
}

/// One finding: a title, the steps that describe the difference, and the SQL that reconciles it.
pub(crate) struct Finding {
    pub(crate) kind: FindingKind,
    pub(crate) title: String,
    pub(crate) lines: Vec<String>,
    pub(crate) sql: Option<String>,
}

pub fn run(args: &ProjectArgs, format: OutputFormat) -> Outcome {
    match check(args) {
        Ok(report) => {
            if format == OutputFormat::Json {
                println!("{}", report.json());
            } else {
                print!("{}", report.text());
            }
            if report.problems.is_empty() { Outcome::Ok } else { Outcome::Failed }
        }
        // Told already (a schema's diagnostics): as JSON, say that there was an error at all.
        Err(message) if message.is_empty() && format == OutputFormat::Human => Outcome::Failed,
        Err(message) if message.is_empty() => fail_as(format)(&"the schema has errors (see stderr)"),
        Err(message) => fail_as(format)(&message),
    }
}

#[derive(Default)]
pub(crate) struct Report {
    pub(crate) problems: Vec<Finding>,
    pub(crate) notes: Vec<String>,
    pub(crate) unmanaged: Vec<Unmanaged>,
    /// For `--format markdown` (`check_markdown.rs`): the schema's IR, the database checked (if any)
    /// and its pending migrations.
    pub(crate) schema: refract_ir::Schema,
    pub(crate) database: Option<refract_engine::DatabaseUrl>,
    pub(crate) pending: Vec<String>,
}

pub(crate) fn check(args: &ProjectArgs) -> Result<Report, String> {
    let project = Project::load(args)?;
    let mut report = Report::default();
    let url = match project.configured_database(Work::Read)? {
        Ok(located) => {
            located.announce();
            Some(located.url)
        }
        Err(NotFound::NothingConfigured) => {
            eprintln!("Database: none configured: edits and drift are not checked");
            report.notes.push(
                "No database configured (--database-url, the schema's datasource, DATABASE_URL or .env): edits and drift not checked."
                    .into(),
            );
            None
        }
        Err(NotFound::VariableNotSet { message }) => {
            let first = message.lines().next().unwrap_or_default().to_string();
            eprintln!("Database: none ({first}): edits and drift are not checked");
            report.notes.push(format!("{first}: edits and drift not checked."));
            None
        }
    };
    // Where replays run: the project's shadow database, else scratch databases on the server.
    let shadow_server = url.as_ref().map(|u| project.shadow_server(None, u)).transpose()?;
    let schema = super::load_schema(&project.schema_path()?)?;
    let dir = project.migrations();
    let local = dir.list().map_err(|e| e.to_string())?;

    // 1. The schema against the migrations: the state files when they account for them, else a replay.
    let state = refract_engine::state::read(&local);
    // A state file that cannot be read is a warning about a file, told on stderr as every command tells
    // it; why the state was rebuilt is part of the report.
    for note in state.unreadable_notes() {
        eprintln!("{note}");
    }
    let mut conflicts = Vec::new();
    let built = match state.schema() {
        Some(built) => built,
        None => {
            // Without a configured database, a replay runs in the shadow database the project names,
            // else in the embedded database, started for this command only (stopped when `project`
            // goes, on every way out of this function).
            let server = match &shadow_server {
                Some(s) => s.clone(),
                None => project.replay_server_without_database(None)?,
            };
            let learn = || {
                let major = history::server_major(&server)?;
                let replay = || {
                    let (mut replayed, how) = history::database_state(&project, &state, &local, major, &server)?;
                    super::set_aside_hand_checks(&mut [&mut replayed], &schema, &state.declared());
                    Ok((replayed, how))
                };
                history::schema_state(&project, &state, &local, replay, &schema, &server, major)
            };
            let (built, found, how) = learn().map_err(|e| history::with_rebuild_reason(&state, e))?;
            // Said now that it is known whether a replay ran or this machine's cache answered.
            report.notes.extend(how.and_then(|how| state.rebuild_note(how)));
            conflicts = found;
            built
        }
    };
    let options = PlanOptions {
        comments: project.config().migrate.comments,
        partial_indexes: schema.partial_indexes,
        ..PlanOptions::default()
    };
    let missing = plan(&built, &schema, &options);
    if missing.is_empty() {
        report.notes.push(format!("The schema matches what the {} migrations build.", local.len()));
    } else {
        let mut f = finding(
            FindingKind::Schema,
            "The schema differs from what the migrations build (`refract migrate dev` would write this migration)",
            &missing,
        );
        // After a merge: what both branches changed differently comes first, explained.
        f.lines.splice(0..0, conflicts);
        report.problems.push(f);
    }

    // 2 and 3 need the database.
    let (Some(url), Some(shadow_server)) = (url, shadow_server) else {
        report.schema = schema;
        return Ok(report);
    };
    report.database = Some(url.clone());
    let mut engine = Engine::connect(&url).map_err(|e| e.to_string())?;
    let status = engine.status(&dir).map_err(|e| e.to_string())?;
    drop(engine);
    if !status.edited.is_empty() {
        report.problems.push(Finding {
            kind: FindingKind::History,
            title: "Applied migrations were edited afterwards (their checksum differs from the history)".into(),
            lines: status.edited.clone(),
            sql: None,
        });
    }
    for (name, _) in &status.failed {
        report.problems.push(Finding {
            kind: FindingKind::History,
            title: format!("Migration `{name}` failed and is not resolved"),
            lines: vec![
                "run `refract migrate resolve --rolled-back` or `--applied` once the database is repaired".into(),
            ],
            sql: None,
        });
    }
    report.pending = status.pending.clone();
    if !status.pending.is_empty() {
        report
            .notes
            .push(format!("{} migrations are not applied yet (`refract migrate deploy`).", status.pending.len()));
        // What deploy would run next, linted: a blocking ALTER is caught before it reaches the database.
        if project.config().lint.check {
            let pending: Vec<LocalMigration> =
                status.pending.iter().filter_map(|n| status.local_migration(n).cloned()).collect();
            let (sources, findings) = super::migrate_lint::lint_files(&project, &pending)?;
            if findings.is_empty() {
                report.notes.push(format!("The {} pending migrations pass the migration lint.", pending.len()));
            } else {
                report.problems.push(Finding {
                    kind: FindingKind::Lint,
                    title: "Pending migrations have lint findings (`refract migrate lint --pending` explains each; `[lint] check = false` in refract.toml turns this off)".into(),
                    lines: super::migrate_lint::one_line(&sources, &findings),
                    sql: None,
                });
            }
        }
    }
    if !status.missing_locally.is_empty() {
        report
            .notes
            .push(format!("Applied migrations missing from the folder: {}.", status.missing_locally.join(", ")));
    }

    // 3. Drift: the live database against what its applied migrations build.
    // A squashed migration whose whole run this database ran is what it holds (deploy records it).
    let squashed_here = |name: &str| status.squashes.iter().any(|s| s.migration == name && s.not_ran.is_empty());
    let applied: Vec<LocalMigration> =
        local.iter().filter(|m| status.applied.contains(&m.name) || squashed_here(&m.name)).cloned().collect();
    let mut live = shadow::live(&url).map_err(|e| e.to_string())?;
    let (mut expected, _) = history::database_state(&project, &state, &applied, live.server_major, &shadow_server)?;
    super::set_aside_hand_checks(&mut [&mut live, &mut expected], &schema, &state.declared());
    let drift = plan(&expected.schema, &live.schema, &options);
    if drift.is_empty() {
        report.notes.push("No drift: the database is what its applied migrations build.".into());
    } else {
        let mut f =
            finding(FindingKind::Drift, "The database has drifted from what its applied migrations build", &drift);
        // The SQL goes the other way: from the live database back to the history.
        f.sql = Some(plan(&live.schema, &expected.schema, &options).to_sql());
        report.problems.push(f);
    }
    // Views are never drift (their SQL is the migrations'); one the schema does not declare is named.
    for (key, view) in &live.schema.views {
        if !schema.views.contains_key(key) {
            live.unmanaged.push(refract_engine::introspect::Unmanaged { kind: "view".into(), name: view.name.clone() });
        }
    }
    let acknowledged = &project.config().check.acknowledged;
    report.unmanaged = live
        .unmanaged
        .into_iter()
        .filter(|u| !acknowledged.iter().any(|a| *a == u.name || *a == format!("{} {}", u.kind, u.name)))
        .collect();
    report.schema = schema;
    Ok(report)
}

fn finding(kind: FindingKind, title: &str, plan: &Plan) -> Finding {
    Finding {
        kind,
        title: title.to_string(),
        lines: plan.steps.iter().map(|s| s.describe()).collect(),
        sql: Some(plan.to_sql()),
    }
}

impl Report {
    fn text(&self) -> String {
        let mut out = String::new();
        for p in &self.problems {
            out.push_str(&format!("✗ {}:\n", p.title));
            for l in &p.lines {
                out.push_str(&format!("    - {l}\n"));
            }
            if let Some(sql) = &p.sql {
                out.push_str("  SQL that would reconcile it:\n");
                for l in sql.lines() {
                    out.push_str(&format!("    {l}\n"));
                }
            }
        }
        for n in &self.notes {
            out.push_str(&format!("✓ {n}\n"));
        }
        if !self.unmanaged.is_empty() {
            out.push_str("Objects the schema cannot express (not drift; acknowledge them in refract.toml [check] acknowledged):\n");
            for u in &self.unmanaged {
                out.push_str(&format!("    - {} {}\n", u.kind, u.name));
            }
        }
        out
    }

    fn json(&self) -> String {
        let problems: Vec<serde_json::Value> =
            self.problems.iter().map(|p| json!({ "title": p.title, "differences": p.lines, "sql": p.sql })).collect();
        serde_json::to_string_pretty(&json!({
            "ok": self.problems.is_empty(),
            "problems": problems,
            "notes": self.notes,
            "unmanaged": self.unmanaged,
        }))
        .expect("json values serialise")
    }
}
