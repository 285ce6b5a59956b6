//! Applying migrations, the same way wherever a migration file runs (deploy, dev, reset, `db execute`,
//! the scratch replays behind `migrate dev`, `check` and `diff`): how a file runs is [`Script`]'s
//! reading of it.
//!
//! - A file that runs in one transaction holds its history row in that transaction: a killed run leaves
//!   the whole migration and its record, or neither.
//! - Any other file (a statement PostgreSQL refuses in a transaction block, a new enum value used in
//!   the same file, the planner's directives) records its start first, then runs its parts; a failure or
//!   a kill leaves a row without `finished_at`, which deploy reports until `migrate resolve`.
//! - A one-transaction file that PostgreSQL refuses as such (SQLSTATE 25001 for a statement the text did
//!   not reveal, 55P04 for a new enum value used in a way the file does not spell) rolled back whole, its
//!   history row with it, and runs again the other way ([`Segment::instead_of_refused`]).
//!
//! Statements run one by one, so a failure names the statement.

use postgres::{Client, GenericClient};
use refract_script::{Refusal, Script, Segment, SegmentMode, Statement, StatementKind};

use crate::history::History;
use crate::migrations::LocalMigration;
use crate::{EngineError, error::postgres_message};

/// Applies one migration and records it. On failure the history holds a failed row with
/// PostgreSQL's message, and the error names the migration and the statement.
pub fn apply_migration(client: &mut Client, history: &History, migration: &LocalMigration) -> Result<(), EngineError> {
    let script = script_for(client, &migration.script)?;
    if let Some(why) = script.why_in_parts() {
        return apply_in_parts(client, history, migration, &script, &why);
    }
    let Err(failed) = apply_atomically(client, history, migration, &script)? else {
        return Ok(());
    };
    if let Some(refusal) = refusal(&failed.error)
        && let Some(parts) = script.segments[0].instead_of_refused(refusal)
    {
        // Nothing of the attempt remains: it rolled back with its history row.
        let why = refused(&failed, refusal);
        let parts = Script { segments: parts, directed: script.directed };
        return apply_in_parts(client, history, migration, &parts, &why);
    }
    let error = failure(migration, &failed, None);
    let id = history.start(client, &migration.name, &migration.checksum)?;
    history.fail(client, &id, &logs(migration, &failed, None))?;
    Err(error)
}

/// The file as the connected server runs it (its version matters only for `ALTER TYPE ... ADD VALUE`).
fn script_for(client: &mut Client, text: &str) -> Result<Script, EngineError> {
    let script = Script::parse(text);
    if !script.adds_enum_values() {
        return Ok(script);
    }
    let sql = "SELECT current_setting('server_version_num')::integer";
    let version: i32 =
        client.query_one(sql, &[]).map_err(|e| EngineError::database("reading the server's version", sql, &e))?.get(0);
    Ok(Script::parse_for_server(text, u32::try_from(version).unwrap_or(0)))
}

/// A statement that failed, and where its transaction started when earlier statements of the same
/// transaction were rolled back with it.
struct Failed {
    statement: Statement,
    error: postgres::Error,
    /// The number of the first statement of the failed transaction, when it is before `statement`.
    transaction_from: Option<usize>,
    /// Why the statements ran again in parts after PostgreSQL refused their transaction.
    refused: Option<String>,
}

impl Failed {
    fn new(statement: &Statement, error: postgres::Error) -> Failed {
        Failed { statement: statement.clone(), error, transaction_from: None, refused: None }
    }
}

/// What happened when PostgreSQL refused a transaction, for reports.
fn refused(failed: &Failed, refusal: Refusal) -> String {
    format!(
        "PostgreSQL refused to run the transaction holding statement {} ({}), so it ran again {}",
        failed.statement.number,
        postgres_message(&failed.error).lines().next().unwrap_or_default(),
        match refusal {
            Refusal::NotInTransactionBlock => "statement by statement",
            Refusal::UnsafeNewEnumValue => "with its new enum values committed before the statements after them",
        }
    )
}

fn refusal(error: &postgres::Error) -> Option<Refusal> {
    error.as_db_error().and_then(|d| Refusal::of(d.code().code(), d.message()))
}

/// One transaction holds the statements and the history row: the migration and its record commit
/// together or not at all.
fn apply_atomically(
    client: &mut Client,
    history: &History,
    migration: &LocalMigration,
    script: &Script,
) -> Result<Result<(), Failed>, EngineError> {
    let mut tx =
        client.transaction().map_err(|e| EngineError::database("starting the migration's transaction", "BEGIN", &e))?;
    let id = history.start(&mut tx, &migration.name, &migration.checksum)?;
    for statement in script.segments.iter().flat_map(|s| &s.statements) {
        if let Err(error) = tx.batch_execute(&statement.sql) {
            // Dropping `tx` rolls the transaction back.
            return Ok(Err(Failed::new(statement, error)));
        }
    }
    history.step_done(&mut tx, &id)?;
    history.finish(&mut tx, &id)?;
    tx.commit().map_err(|e| EngineError::database("committing the migration", "COMMIT", &e))?;
    Ok(Ok(()))
}

/// The history row is committed first; then each part runs: a transaction segment commits on its own,
/// statements outside transactions run one by one. A file with refract's directives counts each part as
/// a step; any other file counts one step when it finishes, as Prisma records it. `why` says why the
/// file runs in parts, for a failure's report.
fn apply_in_parts(
    client: &mut Client,
    history: &History,
    migration: &LocalMigration,
    script: &Script,
    why: &str,
) -> Result<(), EngineError> {
    let id = history.start(client, &migration.name, &migration.checksum)?;
    for segment in &script.segments {
        if let Err(failed) = run_segment(client, segment) {
            history.fail(client, &id, &logs(migration, &failed, Some(why)))?;
            return Err(failure(migration, &failed, Some(why)));
        }
        if script.directed {
            history.step_done(client, &id)?;
        }
    }
    let mut tx =
        client.transaction().map_err(|e| EngineError::database("recording the migration's end", "BEGIN", &e))?;
    if !script.directed {
        history.step_done(&mut tx, &id)?;
    }
    history.finish(&mut tx, &id)?;
    tx.commit().map_err(|e| EngineError::database("recording the migration's end", "COMMIT", &e))
}

fn run_segment(client: &mut Client, segment: &Segment) -> Result<(), Failed> {
    match segment.mode {
        SegmentMode::Transaction => {
            let Err(failed) = run_in_transaction(client, &segment.statements) else {
                return Ok(());
            };
            let Some((refusal, parts)) = refusal(&failed.error).and_then(|r| Some((r, segment.instead_of_refused(r)?)))
            else {
                return Err(failed);
            };
            // The transaction rolled back whole: its statements run again, the other way.
            parts.iter().try_for_each(|part| run_segment(client, part)).map_err(|mut again| {
                again.refused.get_or_insert_with(|| refused(&failed, refusal));
                again
            })
        }
        SegmentMode::Autocommit => {
            segment.statements.iter().try_for_each(|s| client.batch_execute(&s.sql).map_err(|e| Failed::new(s, e)))
        }
    }
}

fn run_in_transaction(client: &mut Client, statements: &[Statement]) -> Result<(), Failed> {
    let first = statements.first().cloned().unwrap_or(Statement {
        sql: "BEGIN".into(),
        line: 0,
        offset: 0,
        number: 0,
        kind: StatementKind::TransactionControl,
    });
    let mut tx = client.transaction().map_err(|e| Failed::new(&first, e))?;
    for s in statements {
        if let Err(error) = tx.batch_execute(&s.sql) {
            let transaction_from = (first.number < s.number).then_some(first.number);
            return Err(Failed { transaction_from, ..Failed::new(s, error) });
        }
    }
    tx.commit().map_err(|e| Failed::new(&first, e))
}

/// PostgreSQL's message, with what the reader needs to know about the state the failure left: why the
/// file ran in parts (`why`, `None` when it ran in one transaction) and what rolled back.
fn message(failed: &Failed, why: Option<&str>) -> String {
    let mut message = postgres_message(&failed.error);
    for why in why.into_iter().chain(failed.refused.as_deref()) {
        message.push_str(&format!("\nNOTE: {why}."));
    }
    if let Some(from) = failed.transaction_from {
        let to = failed.statement.number - 1;
        let which = if from == to { format!("Statement {from}") } else { format!("Statements {from} to {to}") };
        message.push_str(&format!(
            "\nNOTE: {which} ran in one transaction with this statement and {} rolled back with it.",
            if from == to { "was" } else { "were" }
        ));
    }
    let sql = failed.statement.sql.to_ascii_uppercase();
    if failed.statement.kind == StatementKind::OutsideTransaction && sql.starts_with("CREATE") && sql.contains("INDEX")
    {
        message.push_str(
            "\nNOTE: a failed CREATE INDEX CONCURRENTLY can leave an invalid index behind (pg_index.indisvalid = false); \
             drop it before running the statement again, or IF NOT EXISTS will keep the invalid one.",
        );
    }
    message
}

/// `why`: why the migration ran in parts; `None` when it ran in one transaction (and rolled back).
fn failure(migration: &LocalMigration, failed: &Failed, why: Option<&str>) -> EngineError {
    EngineError::MigrationFailed {
        migration: migration.name.clone(),
        statement_number: failed.statement.number,
        line: failed.statement.line,
        statement: failed.statement.sql.clone(),
        message: message(failed, why),
        rolled_back: why.is_none(),
    }
}

/// The `logs` column of a failed migration, in the shape Prisma writes it, and what was applied.
fn logs(migration: &LocalMigration, failed: &Failed, why: Option<&str>) -> String {
    let error = &failed.error;
    let statement = &failed.statement;
    let code = error.as_db_error().map_or("(none)".to_string(), |d| d.code().code().to_string());
    let last_applied = failed.transaction_from.unwrap_or(statement.number) - 1;
    let applied = match (why, last_applied) {
        (None, _) => "The migration ran in one transaction and was rolled back.".to_string(),
        (Some(_), 0) => "No statement of the migration was applied.".to_string(),
        (Some(_), 1) => "Statement 1 was applied.".to_string(),
        (Some(_), n) => format!("Statements 1 to {n} were applied."),
    };
    format!(
        "Migration name: {}\n\nStatement {} (line {}):\n{}\n\nDatabase error code: {code}\n\nDatabase error:\n{}\n\n{applied}\n",
        migration.name,
        statement.number,
        statement.line,
        statement.sql,
        message(failed, why)
    )
}

/// `migrate down`: runs the way back of the applied migration `migration` (statements `sql`, read from
/// `source` for reports) and marks the migration rolled back. A script that runs in one transaction
/// holds that mark in the same transaction: a run killed anywhere leaves the migration applied or
/// rolled back, never half. Any other script (a statement PostgreSQL refuses in a transaction block)
/// runs in its parts and is marked at the end; a failure or a kill between its parts leaves the parts
/// that ran, with the migration still recorded as applied, and the error says so.
pub fn roll_back(
    client: &mut Client,
    history: &History,
    migration: &str,
    source: &str,
    sql: &str,
) -> Result<(), EngineError> {
    let script = script_for(client, sql)?;
    let error = |failed: Failed, rolled_back: bool| EngineError::RollbackFailed {
        migration: migration.to_string(),
        source: source.to_string(),
        statement_number: failed.statement.number,
        line: failed.statement.line,
        statement: failed.statement.sql.clone(),
        message: message(&failed, None),
        rolled_back,
    };
    let parts = match script.why_in_parts() {
        Some(_) => script.segments.clone(),
        None => {
            let mut tx = client
                .transaction()
                .map_err(|e| EngineError::database("starting the rollback's transaction", "BEGIN", &e))?;
            let failed = script
                .segments
                .iter()
                .flat_map(|s| &s.statements)
                .find_map(|s| tx.batch_execute(&s.sql).err().map(|e| Failed::new(s, e)));
            match failed {
                None => {
                    history.mark_reverted(&mut tx, migration)?;
                    return tx.commit().map_err(|e| EngineError::database("committing the rollback", "COMMIT", &e));
                }
                Some(failed) => {
                    drop(tx);
                    // PostgreSQL refused a statement in a transaction block that the text did not
                    // reveal: nothing ran, so the parts run again the other way.
                    match refusal(&failed.error).and_then(|r| script.segments[0].instead_of_refused(r)) {
                        Some(parts) => parts,
                        None => return Err(error(failed, true)),
                    }
                }
            }
        }
    };
    for segment in &parts {
        run_segment(client, segment).map_err(|failed| error(failed, false))?;
    }
    history.mark_reverted(client, migration)?;
    Ok(())
}

/// Runs the statements of a SQL file (`db execute`, scratch replays), the way migrations run: in one
/// transaction unless a statement cannot, then statement by statement.
pub fn execute_script(client: &mut Client, label: &str, sql: &str) -> Result<(), EngineError> {
    let script = script_for(client, sql)?;
    for segment in &script.segments {
        if let Err(failed) = run_segment(client, segment) {
            let why = script.why_in_parts();
            let mut message = message(&failed, why.as_deref());
            let first_not_applied = failed.transaction_from.unwrap_or(failed.statement.number);
            if (why.is_some() || failed.refused.is_some()) && first_not_applied > 1 {
                message.push_str(&format!("\nNOTE: the statements before statement {first_not_applied} were applied."));
            }
            return Err(EngineError::Database {
                context: format!("{label}, statement {} (line {})", failed.statement.number, failed.statement.line),
                statement: failed.statement.sql,
                message,
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
