//! What a fleet run prints: on a terminal a live progress bar with a line per finished target above
//! it, without one a line per target; then a summary, or with `--format json` one document. Targets
//! are named by their URL without its password.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use super::Command;
use super::run::{Ended, Outcome};
use crate::{Outcome as Exit, OutputFormat};

/// The live part of the report.
pub struct Progress {
    bar: Option<ProgressBar>,
    /// Lines per target (human output).
    lines: bool,
    command: &'static str,
}

impl Progress {
    pub fn new(targets: usize, command: Command<'_>, format: OutputFormat) -> Progress {
        let human = format == OutputFormat::Human;
        let bar = (human && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::new(targets as u64);
            bar.set_style(
                ProgressStyle::with_template("{bar:40} {pos}/{len} targets, {elapsed} ({eta} left)")
                    .expect("a valid template"),
            );
            bar
        });
        Progress { bar, lines: human, command: verb(command) }
    }

    pub fn finished(&self, o: &Outcome) {
        if self.lines {
            let line = line(o, self.command);
            match &self.bar {
                Some(bar) => {
                    bar.println(line);
                    bar.inc(1);
                }
                None => println!("{line}"),
            }
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn verb(command: Command<'_>) -> &'static str {
    match command {
        Command::Deploy { .. } => "deploy",
        Command::Status => "status",
        Command::Check => "check",
    }
}

fn line(o: &Outcome, command: &str) -> String {
    let ms = o.elapsed.as_millis();
    match &o.ended {
        Ended::Applied(names) => format!("✓ {}: applied {} ({}) in {ms} ms", o.target, names.len(), names.join(", ")),
        Ended::UpToDate if command == "check" => format!("✓ {}: no drift", o.target),
        Ended::UpToDate => format!("✓ {}: up to date", o.target),
        Ended::Pending(names) => format!("• {}: {} pending ({})", o.target, names.len(), names.join(", ")),
        Ended::Drifted(lines) => format!("✗ {}: drifted:\n    - {}", o.target, lines.join("\n    - ")),
        Ended::Failed { error, .. } => format!("✗ {}: failed: {error}", o.target),
        Ended::Unreachable(message) => format!("✗ {}: unreachable: {message}", o.target),
        Ended::NotStarted => format!("- {}: not started", o.target),
    }
}

/// Whether the run succeeded: every target applied or up to date (`status`: nothing pending either).
fn succeeded(outcomes: &[Outcome]) -> bool {
    outcomes.iter().all(|o| o.ended.is_ok())
}

/// The summary (human) or the one JSON document; the exit status.
pub fn summary(outcomes: &[Outcome], command: Command<'_>, format: OutputFormat, took: Duration) -> Exit {
    let count = |status: &str| outcomes.iter().filter(|o| o.ended.status() == status).count();
    let statuses = ["applied", "up-to-date", "pending", "drifted", "failed", "unreachable", "not-started"];
    if format == OutputFormat::Json {
        let targets: Vec<serde_json::Value> = outcomes.iter().map(json).collect();
        let summary: serde_json::Map<String, serde_json::Value> =
            statuses.iter().map(|s| (s.to_string(), count(s).into())).collect();
        let doc = serde_json::json!({
            "command": verb(command),
            "targets": targets,
            "summary": summary,
            "ok": succeeded(outcomes),
            "elapsed_ms": took.as_millis() as u64,
        });
        println!("{}", serde_json::to_string_pretty(&doc).expect("json values serialise"));
    } else {
        let parts: Vec<String> = statuses
            .iter()
            .filter(|s| count(s) > 0 || ["failed", "unreachable", "not-started"].contains(s))
            .map(|s| format!("{} {}", count(s), s.replace('-', " ")))
            .collect();
        println!(
            "\nFleet {}: {} targets in {:.1} s: {}.",
            verb(command),
            outcomes.len(),
            took.as_secs_f64(),
            parts.join(", ")
        );
        for o in outcomes
            .iter()
            .filter(|o| matches!(o.ended, Ended::Failed { .. } | Ended::Unreachable(_) | Ended::Drifted(_)))
        {
            println!("  {}", line(o, verb(command)));
        }
    }
    if succeeded(outcomes) { Exit::Ok } else { Exit::Failed }
}

fn json(o: &Outcome) -> serde_json::Value {
    let mut v = serde_json::json!({ "target": o.target, "status": o.ended.status(), "elapsed_ms": o.elapsed.as_millis() as u64 });
    match &o.ended {
        Ended::Applied(names) => v["applied"] = names.clone().into(),
        Ended::Pending(names) => v["pending"] = names.clone().into(),
        Ended::Drifted(lines) => v["drift"] = lines.clone().into(),
        Ended::Failed { migration, error } => {
            v["migration"] = migration.clone().into();
            v["error"] = error.clone().into();
        }
        Ended::Unreachable(message) => v["error"] = message.clone().into(),
        Ended::UpToDate | Ended::NotStarted => {}
    }
    v
}

/// A failure before any target ran (the file, the project): as the command's other failures print.
pub fn failure(message: &str, format: OutputFormat) -> Exit {
    if format == OutputFormat::Json {
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({ "ok": false, "error": message })).expect("json")
        );
    } else {
        eprintln!("error: {message}");
    }
    Exit::Failed
}
