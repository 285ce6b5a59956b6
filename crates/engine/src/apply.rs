//! Applying migrations: each in its own transaction (with its history row, so a killed run leaves
//! neither), except the parts the file marks to run otherwise; statement by statement, so a failure
//! names the statement.

use postgres::{Client, GenericClient};

use crate::history::History;
use crate::migrations::LocalMigration;
use crate::script::{Script, Segment, SegmentMode, Statement};
use crate::{EngineError, error::postgres_message};

/// Applies one migration and records it. On failure the history holds a failed row with
/// PostgreSQL's message, and the error names the migration and the statement.
pub fn apply_migration(client: &mut Client, history: &History, migration: &LocalMigration) -> Result<(), EngineError> {
    let script = Script::parse(&migration.script);
    if script.is_atomic() {
        apply_atomically(client, history, migration, &script)
    } else {
        apply_in_parts(client, history, migration, &script)
    }
}

/// One transaction holds the statements and the history row: the migration and its record commit
/// together or not at all.
fn apply_atomically(
    client: &mut Client,
    history: &History,
    migration: &LocalMigration,
    script: &Script,
) -> Result<(), EngineError> {
    let run = |client: &mut Client| -> Result<Result<(), (Statement, postgres::Error)>, EngineError> {
        let mut tx = client
            .transaction()
            .map_err(|e| EngineError::database("starting the migration's transaction", "BEGIN", &e))?;
        let id = history.start(&mut tx, &migration.name, &migration.checksum)?;
        for statement in script.segments.iter().flat_map(|s| &s.statements) {
            if let Err(e) = tx.batch_execute(&statement.sql) {
                // Dropping `tx` rolls the transaction back.
                return Ok(Err((statement.clone(), e)));
            }
        }
        history.step_done(&mut tx, &id)?;
        history.finish(&mut tx, &id)?;
        tx.commit().map_err(|e| EngineError::database("committing the migration", "COMMIT", &e))?;
        Ok(Ok(()))
    };
    match run(client)? {
        Ok(()) => Ok(()),
        Err((statement, error)) => {
            let failure = failure(migration, &statement, &error, true);
            let id = history.start(client, &migration.name, &migration.checksum)?;
            history.fail(client, &id, &logs(migration, &statement, &error))?;
            Err(failure)
        }
    }
}

/// The history row is committed first; each transactional segment commits on its own and counts as a
/// step, and statements outside transactions run one by one.
fn apply_in_parts(
    client: &mut Client,
    history: &History,
    migration: &LocalMigration,
    script: &Script,
) -> Result<(), EngineError> {
    let id = history.start(client, &migration.name, &migration.checksum)?;
    for segment in &script.segments {
        if let Err((statement, error)) = run_segment(client, segment) {
            history.fail(client, &id, &logs(migration, &statement, &error))?;
            return Err(failure(migration, &statement, &error, false));
        }
        history.step_done(client, &id)?;
    }
    history.finish(client, &id)
}

fn run_segment(client: &mut Client, segment: &Segment) -> Result<(), (Statement, postgres::Error)> {
    match segment.mode {
        SegmentMode::Transaction => run_in_transaction(client, &segment.statements),
        SegmentMode::Autocommit => {
            segment.statements.iter().try_for_each(|s| client.batch_execute(&s.sql).map_err(|e| (s.clone(), e)))
        }
    }
}

fn run_in_transaction(client: &mut Client, statements: &[Statement]) -> Result<(), (Statement, postgres::Error)> {
    let first = statements.first().cloned().unwrap_or(Statement { sql: "BEGIN".into(), line: 0, number: 0 });
    let mut tx = client.transaction().map_err(|e| (first.clone(), e))?;
    for s in statements {
        tx.batch_execute(&s.sql).map_err(|e| (s.clone(), e))?;
    }
    tx.commit().map_err(|e| (first, e))
}

fn failure(
    migration: &LocalMigration,
    statement: &Statement,
    error: &postgres::Error,
    rolled_back: bool,
) -> EngineError {
    EngineError::MigrationFailed {
        migration: migration.name.clone(),
        statement_number: statement.number,
        line: statement.line,
        statement: statement.sql.clone(),
        message: postgres_message(error),
        rolled_back,
    }
}

/// The `logs` column of a failed migration, in the shape Prisma writes it.
fn logs(migration: &LocalMigration, statement: &Statement, error: &postgres::Error) -> String {
    let code = error.as_db_error().map_or("(none)".to_string(), |d| d.code().code().to_string());
    format!(
        "Migration name: {}\n\nStatement {} (line {}):\n{}\n\nDatabase error code: {code}\n\nDatabase error:\n{}\n",
        migration.name,
        statement.number,
        statement.line,
        statement.sql,
        postgres_message(error)
    )
}

/// Runs the statements of a SQL file (`db execute`), honouring the same directives as migrations.
pub fn execute_script(client: &mut Client, label: &str, sql: &str) -> Result<(), EngineError> {
    let script = Script::parse(sql);
    for segment in &script.segments {
        if let Err((statement, error)) = run_segment(client, segment) {
            return Err(EngineError::Database {
                context: format!("{label}, statement {} (line {})", statement.number, statement.line),
                statement: statement.sql,
                message: postgres_message(&error),
            });
        }
    }
    Ok(())
}

/// Whether a PostgreSQL schema holds anything besides the history table.
pub fn namespace_is_empty(client: &mut impl GenericClient, namespace: &str) -> Result<bool, EngineError> {
    let sql = "SELECT \
          (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
            WHERE n.nspname = $1 AND c.relname <> '_prisma_migrations' AND c.relname <> '_prisma_migrations_pkey') \
        + (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
            WHERE n.nspname = $1 AND t.typtype IN ('e', 'd', 'c') AND t.typrelid = 0)";
    let row = client
        .query_one(sql, &[&namespace])
        .map_err(|e| EngineError::database("checking whether the schema is empty", sql, &e))?;
    Ok(row.get::<_, i64>(0) == 0)
}
