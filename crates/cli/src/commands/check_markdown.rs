//! `refract migrate check --format markdown`: the check as a pull-request comment. What a reviewer
//! wants: the pending migrations and what each does (tables and columns added, changed, dropped, read
//! from their SQL), the data they would destroy (with row counts when a database is configured), the
//! lint findings, drift, and a Mermaid diagram of the tables they touch. The checks are
//! `migrate_check`'s; this only writes them up.

use std::collections::BTreeSet;

use clap::ValueEnum;
use refract_engine::{Engine, LocalMigration, impact};
use refract_script::changes::describe;
use refract_script::{Script, effects};

use super::migrate_check::{Finding, FindingKind, Report, check};
use super::output::fail;
use super::project::{Project, ProjectArgs};
use crate::{Outcome, OutputFormat};

/// `migrate check`'s formats: the shared ones and `markdown`.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckFormat {
    Human,
    Json,
    /// GitHub Actions annotations.
    Github,
    /// A summary for a pull-request comment.
    Markdown,
}

impl CheckFormat {
    /// The shared format, or `None` for markdown.
    pub fn output(self) -> Option<OutputFormat> {
        match self {
            CheckFormat::Human => Some(OutputFormat::Human),
            CheckFormat::Json => Some(OutputFormat::Json),
            CheckFormat::Github => Some(OutputFormat::Github),
            CheckFormat::Markdown => None,
        }
    }
}

/// Prints the summary; exits as `migrate check` does (1 when it found a problem).
pub fn run(args: &ProjectArgs) -> Outcome {
    match summary(args) {
        Ok((text, ok)) => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
            if ok { Outcome::Ok } else { Outcome::Failed }
        }
        Err(message) if message.is_empty() => Outcome::Failed,
        Err(message) => fail(message),
    }
}

/// The Markdown, and whether the check passed.
fn summary(args: &ProjectArgs) -> Result<(String, bool), String> {
    let report = check(args)?;
    let project = Project::load(args)?;
    let local = project.migrations().list().map_err(|e| e.to_string())?;
    // With a database: what it has not applied. Without one, the newest migration stands for the change.
    let (pending, which): (Vec<&LocalMigration>, &str) = match &report.database {
        Some(_) => (local.iter().filter(|m| report.pending.contains(&m.name)).collect(), "not applied to the database"),
        None => (local.last().into_iter().collect(), "no database configured: the newest migration"),
    };
    let mut client = match &report.database {
        Some(url) => Some(Engine::connect(url).map_err(|e| e.to_string())?),
        None => None,
    };
    let mut md = String::new();
    let ok = report.problems.is_empty();
    md.push_str(&format!(
        "## refract migrate check: {}\n\n",
        if ok {
            "✅ passed".to_string()
        } else {
            format!("❌ {} problem{}", report.problems.len(), plural(report.problems.len()))
        }
    ));

    // Pending migrations.
    md.push_str(&format!("### Pending migrations ({}; {which})\n\n", pending.len()));
    if pending.is_empty() {
        md.push_str("None.\n\n");
    }
    let mut touched: BTreeSet<String> = BTreeSet::new();
    let mut losses: Vec<String> = Vec::new();
    for m in &pending {
        let script = Script::parse(&m.script);
        let changes = describe(&script);
        md.push_str(&format!("#### `{}`\n\n", m.name));
        if changes.lines.is_empty() {
            md.push_str("- no statements\n");
        }
        for line in &changes.lines {
            md.push_str(&format!("- {line}\n"));
        }
        touched.extend(changes.tables);
        md.push_str(&format!(
            "\n<details><summary>migration.sql ({} statement{})</summary>\n\n```sql\n{}\n```\n\n</details>\n\n",
            script.statement_count(),
            plural(script.statement_count()),
            m.script.trim_end().replace("```", "` ` `")
        ));
        let found = effects::losses(&script);
        let counted: Vec<(effects::Loss, Option<i64>)> = match client.as_mut() {
            Some(engine) => impact::count_losses(&mut engine.client, found),
            None => found.into_iter().map(|l| (l, None)).collect(),
        };
        for (loss, rows) in counted {
            let text = match rows {
                Some(rows) => loss.message_with_rows(rows),
                None if client.is_some() => format!("{} (rows not counted)", loss.message()),
                None => loss.message(),
            };
            losses.push(format!("`{}`: {text}", m.name));
        }
    }

    // Data loss.
    md.push_str("### Data loss\n\n");
    if losses.is_empty() {
        md.push_str("None: no pending statement drops a table or column, casts a column or deletes rows.\n\n");
    } else {
        if client.is_none() {
            md.push_str("No database configured: rows are not counted.\n\n");
        }
        for l in &losses {
            md.push_str(&format!("- ⚠️ {l}\n"));
        }
        md.push('\n');
    }

    // Lint findings, drift, the rest.
    let (lint, rest): (Vec<&Finding>, Vec<&Finding>) =
        report.problems.iter().partition(|p| p.kind == FindingKind::Lint);
    let (drift, rest): (Vec<&Finding>, Vec<&Finding>) = rest.into_iter().partition(|p| p.kind == FindingKind::Drift);
    md.push_str("### Lint findings\n\n");
    // `migrate check` lints what deploy would run next, which only a database tells.
    let no_lint = if report.database.is_some() { "None." } else { "Not checked: no database configured." };
    section(&mut md, &lint, &report, "lint", no_lint);
    md.push_str("### Drift\n\n");
    let no_drift = if report.database.is_some() { "None." } else { "Not checked: no database configured." };
    section(&mut md, &drift, &report, "drift", no_drift);
    if !rest.is_empty() {
        md.push_str("### Other problems\n\n");
        section(&mut md, &rest, &report, "", "");
    }

    // The tables the pending migrations touch.
    let diagram = refract_erd::Diagram::from_schema(&report.schema);
    let part = diagram.of_tables(touched.iter().map(|t| t.rsplit('.').next().unwrap_or(t)));
    md.push_str("### Tables touched\n\n");
    if part.entities.is_empty() {
        md.push_str("None in the schema.\n\n");
    } else {
        let mermaid = part.render(refract_erd::Format::Mermaid).map_err(|e| e.to_string())?;
        md.push_str(&format!("```mermaid\n{mermaid}```\n\n"));
    }
    let notes: Vec<&String> = report.notes.iter().filter(|n| !n.contains("lint")).collect();
    if !notes.is_empty() || !report.unmanaged.is_empty() {
        md.push_str("### Notes\n\n");
        for n in notes {
            md.push_str(&format!("- {n}\n"));
        }
        for u in &report.unmanaged {
            md.push_str(&format!("- Not in the schema (not drift): {} `{}`\n", u.kind, u.name));
        }
        md.push('\n');
    }
    Ok((md, ok))
}

/// The findings of one kind, each with its lines and SQL, or what to say when there are none (a note
/// of the report's about it, else `none`).
fn section(md: &mut String, findings: &[&Finding], report: &Report, topic: &str, none: &str) {
    if findings.is_empty() {
        let note =
            (!topic.is_empty()).then(|| report.notes.iter().find(|n| n.to_lowercase().contains(topic))).flatten();
        md.push_str(&format!("{}\n\n", note.map_or(none, String::as_str)));
        return;
    }
    for f in findings {
        md.push_str(&format!("**{}**\n\n", f.title));
        for l in &f.lines {
            md.push_str(&format!("- {}\n", l.replace('\n', " ")));
        }
        if let Some(sql) = &f.sql {
            md.push_str(&format!(
                "\n<details><summary>SQL that would reconcile it</summary>\n\n```sql\n{}\n```\n\n</details>\n",
                sql.trim_end()
            ));
        }
        md.push('\n');
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
