pub mod db;
pub mod db_pull;
pub mod db_push;
pub mod format;
pub mod generate;
pub mod migrate;
pub mod migrate_check;
pub mod migrate_dev;
pub mod migrate_diff;
pub mod project;
pub mod validate;

use std::path::{Path, PathBuf};

use refract_diagnostics::{SourceFile, render};
use refract_ir::Schema;

use crate::{Outcome, OutputFormat, SchemaArg};

/// The exit status of a command whose errors are messages: printed as `error: ...`, except an empty
/// one, which means the diagnostics already said it all (see [`load_schema`]).
pub fn finish(result: Result<Outcome, String>) -> Outcome {
    match result {
        Ok(outcome) => outcome,
        Err(message) if message.is_empty() => Outcome::Failed,
        Err(message) => migrate::fail(message),
    }
}

/// Read the schema file; when it cannot be read, say why on stderr and return the exit status (2).
pub fn read_schema(arg: &SchemaArg) -> Result<SourceFile, Outcome> {
    let read = || -> Result<SourceFile, String> {
        let path: PathBuf = arg.resolve()?;
        let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Ok(SourceFile::new(path.display().to_string(), text))
    };
    read().map_err(|e| {
        eprintln!("error: {e}");
        Outcome::Usage
    })
}

/// The IR of a schema file. Diagnostics are printed on stderr; errors stop the command (the `Err` is
/// then empty: the diagnostics said it all), warnings do not.
pub fn load_schema(path: &Path) -> Result<Schema, String> {
    let (schema, report) = check_schema_file(path);
    eprint!("{report}");
    schema
}

/// [`load_schema`] without the printing: the diagnostics come back rendered for stderr, so two files
/// checked at once can report in a fixed order.
pub fn check_schema_file(path: &Path) -> (Result<Schema, String>, String) {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => return (Err(format!("cannot read {}: {e}", path.display())), String::new()),
    };
    let file = SourceFile::new(path.display().to_string(), text);
    let checked = refract_schema::check(&file.text);
    let report = if checked.diagnostics.is_empty() {
        String::new()
    } else {
        render(&file, &checked.diagnostics, OutputFormat::Human.diagnostics())
    };
    if checked.has_errors() {
        return (Err(String::new()), report);
    }
    let refract_schema::Checked { ast, schema, .. } = checked;
    drop(ast);
    (Ok(schema), report)
}

/// Sets aside the CHECK constraints of an introspected database that neither the schema nor the
/// history's newest snapshot declares: hand-written ones, which refract neither drops nor reports as
/// drift (see `refract_engine::introspect::set_aside_hand_checks`).
pub fn set_aside_hand_checks(
    databases: &mut [&mut refract_engine::introspect::Introspection],
    schema: &Schema,
    migrations: &Path,
) -> Result<(), String> {
    let snapshot = refract_plan::snapshot::newest(migrations).map_err(|e| e.to_string())?;
    let declared: Vec<&Schema> = std::iter::once(schema).chain(snapshot.as_ref()).collect();
    for database in databases {
        refract_engine::introspect::set_aside_hand_checks(database, &declared);
    }
    Ok(())
}

/// The IR of a live database (introspected, in PostgreSQL's spelling).
pub fn load_url(url: &str) -> Result<Schema, String> {
    let url = refract_engine::DatabaseUrl::parse(url).map_err(|e| e.to_string())?;
    refract_engine::shadow::live(&url).map(|i| i.schema).map_err(|e| e.to_string())
}
