pub mod check_markdown;
pub mod db;
pub mod db_pull;
pub mod db_push;
pub mod erd;
pub mod format;
pub mod generate;
pub(crate) mod history;
pub mod migrate;
pub mod migrate_baseline;
pub mod migrate_check;
pub mod migrate_dev;
pub mod migrate_diff;
pub mod migrate_down;
pub mod migrate_lint;
pub mod migrate_squash;
pub mod output;
pub mod project;
pub mod validate;

use std::path::{Path, PathBuf};

use refract_diagnostics::{SourceSet, render};
use refract_ir::Schema;

use crate::{Outcome, OutputFormat, SchemaArg};

/// The exit status of a command whose errors are messages: printed as `error: ...`, except an empty
/// one, which means the diagnostics already said it all (see [`load_schema`]).
pub fn finish(result: Result<Outcome, String>) -> Outcome {
    match result {
        Ok(outcome) => outcome,
        Err(message) if message.is_empty() => Outcome::Failed,
        Err(message) => output::fail(message),
    }
}

/// Read the schema: a file, or a folder of `.prisma` files read as one schema (see
/// [`refract_schema::files`]). When it cannot be read, say why on stderr and return the exit status (2).
pub fn read_schema(arg: &SchemaArg) -> Result<SourceSet, Outcome> {
    let read = || -> Result<SourceSet, String> {
        let path: PathBuf = arg.resolve()?;
        refract_schema::read_sources(&path)
    };
    read().map_err(|e| {
        eprintln!("error: {e}");
        Outcome::Usage
    })
}

/// The IR of a schema (a file or a folder). Diagnostics are printed on stderr; errors stop the command
/// (the `Err` is then empty: the diagnostics said it all), warnings do not.
pub fn load_schema(path: &Path) -> Result<Schema, String> {
    let (schema, report) = check_schema_file(path);
    eprint!("{report}");
    schema
}

/// [`load_schema`] without the printing: the diagnostics come back rendered for stderr, so two files
/// checked at once can report in a fixed order.
pub fn check_schema_file(path: &Path) -> (Result<Schema, String>, String) {
    // One file is read into a set of one without a copy of its text (the `migrate diff` benchmark).
    let sources = match refract_schema::read_sources(path) {
        Ok(sources) => sources,
        Err(e) => return (Err(e), String::new()),
    };
    let checked = refract_schema::check_sources(&sources);
    let report = if checked.diagnostics.is_empty() {
        String::new()
    } else {
        render(&sources, &checked.diagnostics, OutputFormat::Human.diagnostics())
    };
    if checked.has_errors() {
        return (Err(String::new()), report);
    }
    let refract_schema::Checked { ast, schema, .. } = checked;
    drop(ast);
    (Ok(schema), report)
}

/// Sets aside the CHECK constraints of an introspected database that neither the schema nor the
/// history's state files declare (`history`, from `HistoryState::declared`: read once by a caller that
/// sets aside often): hand-written ones, which refract neither drops nor reports as drift (see
/// `refract_engine::introspect::set_aside_hand_checks`).
pub fn set_aside_hand_checks(
    databases: &mut [&mut refract_engine::introspect::Introspection],
    schema: &Schema,
    history: &[Schema],
) {
    let declared: Vec<&Schema> = std::iter::once(schema).chain(history).collect();
    for database in databases {
        refract_engine::introspect::set_aside_hand_checks(database, &declared);
    }
}

/// The migrations folder of a folder schema (multi-file), by Prisma's rule since 6.6: `migrations`
/// beside the `.prisma` file that holds the datasource (`prisma/schema/schema.prisma` gives
/// `prisma/schema/migrations`), else in the folder itself. Prisma 5.15 to 6.5 (the
/// `prismaSchemaFolder` preview) kept it beside the folder (`prisma/migrations`); a project still laid
/// out that way, with no migrations where 6.6 looks, keeps working.
pub fn folder_migrations(folder: &Path) -> PathBuf {
    use refract_diagnostics::Sources as _;
    let datasource_dir = refract_schema::read_sources(folder).ok().and_then(|sources| {
        let block = refract_schema::datasource_urls_in(&sources).block?;
        let (file, _) = sources.file_at(block.start());
        Path::new(&file.path).parent().map(Path::to_path_buf)
    });
    let migrations = datasource_dir.unwrap_or_else(|| folder.to_path_buf()).join("migrations");
    let before_6_6 = folder.parent().unwrap_or(Path::new("")).join("migrations");
    if !migrations.is_dir() && before_6_6.is_dir() { before_6_6 } else { migrations }
}
