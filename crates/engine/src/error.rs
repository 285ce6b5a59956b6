//! One error type for the engine. Every variant says what failed, where, and what to do.

use std::fmt;
use std::path::Path;

#[derive(Debug)]
pub enum EngineError {
    /// Bad input from the user (a URL, a flag, a lock file).
    Usage(String),
    Io {
        path: String,
        message: String,
    },
    Connect {
        url: String,
        message: String,
    },
    /// A statement refract itself runs (history table, introspection) failed.
    Database {
        context: String,
        statement: String,
        message: String,
    },
    /// A statement of a migration failed; the migration is recorded as failed.
    MigrationFailed {
        migration: String,
        statement_number: usize,
        line: usize,
        statement: String,
        message: String,
        /// Whether the migration's changes were rolled back (it ran in one transaction).
        rolled_back: bool,
    },
    /// A statement of a migration's way back (`migrate down`) failed.
    RollbackFailed {
        migration: String,
        /// Where the statements came from: the down.sql path, or the plan made from the history.
        source: String,
        statement_number: usize,
        line: usize,
        statement: String,
        message: String,
        /// Whether it ran in one transaction (then nothing of it stayed, and the migration is still applied).
        rolled_back: bool,
    },
    /// The history holds a failed migration: nothing more is applied until it is resolved.
    FailedMigrationInHistory {
        migration: String,
        logs: Option<String>,
    },
    /// Deploying into a database that has tables but no history (Prisma's P3005).
    NotEmptyWithoutHistory {
        namespace: String,
    },
    /// Another process holds the migration lock.
    LockTimeout {
        seconds: u64,
        holder: String,
    },
    /// A state the command refuses to act on, with the way out.
    Refused {
        message: String,
        help: String,
    },
}

impl EngineError {
    pub fn io(path: &Path, error: std::io::Error) -> EngineError {
        EngineError::Io { path: path.display().to_string(), message: error.to_string() }
    }

    pub fn database(context: &str, statement: &str, error: &postgres::Error) -> EngineError {
        EngineError::Database {
            context: context.to_string(),
            statement: statement.to_string(),
            message: postgres_message(error),
        }
    }
}

/// PostgreSQL's own message with its code, detail and hint; the driver's text for other errors.
pub fn postgres_message(error: &postgres::Error) -> String {
    match error.as_db_error() {
        Some(db) => {
            let mut s = format!("{} ({}): {}", db.severity(), db.code().code(), db.message());
            if let Some(detail) = db.detail() {
                s.push_str(&format!("\nDETAIL: {detail}"));
            }
            if let Some(hint) = db.hint() {
                s.push_str(&format!("\nHINT: {hint}"));
            }
            if crate::pooler::explains(db.message()) {
                s.push_str(
                    "\n  hint: prepared statements that vanish or collide mean a transaction pooler (PgBouncer, Supavisor) \
                     sits between refract and PostgreSQL: migrations need a direct connection (`directUrl` in the datasource)",
                );
            }
            s
        }
        None => {
            let mut s = error.to_string();
            let mut source = std::error::Error::source(error);
            while let Some(inner) = source {
                s.push_str(&format!(": {inner}"));
                source = inner.source();
            }
            s
        }
    }
}

/// A statement shortened for a one-line mention.
pub fn excerpt(sql: &str) -> String {
    let one_line: String = sql.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 160 {
        format!("{}...", one_line.chars().take(157).collect::<String>())
    } else {
        one_line
    }
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EngineError::Usage(m) => write!(f, "{m}"),
            EngineError::Io { path, message } => write!(f, "{path}: {message}"),
            EngineError::Connect { url, message } => write!(
                f,
                "cannot connect to {url}: {message}\n  help: check the URL; the first line of output says where it came from"
            ),
            EngineError::Database { context, statement, message } => {
                write!(f, "{context} failed: {message}\n  statement: {}", excerpt(statement))
            }
            EngineError::MigrationFailed { migration, statement_number, line, statement, message, rolled_back } => {
                write!(
                    f,
                    "migration `{migration}` failed at statement {statement_number} (line {line}):\n  {}\n{message}\n",
                    excerpt(statement)
                )?;
                if *rolled_back {
                    writeln!(
                        f,
                        "  The migration ran in one transaction and was rolled back: the database is as it was before it."
                    )?;
                } else {
                    writeln!(
                        f,
                        "  The migration does not run in one transaction: the parts of it that ran before this statement stay applied."
                    )?;
                }
                write!(
                    f,
                    "  help: fix the migration, then run `refract migrate resolve --rolled-back \"{migration}\"` and deploy again \
                     (or `--applied` if you completed it by hand)"
                )
            }
            EngineError::RollbackFailed {
                migration,
                source,
                statement_number,
                line,
                statement,
                message,
                rolled_back,
            } => {
                write!(
                    f,
                    "rolling back migration `{migration}` failed at statement {statement_number} (line {line}) of {source}:\n  {}\n{message}\n",
                    excerpt(statement)
                )?;
                if *rolled_back {
                    writeln!(
                        f,
                        "  The way back ran in one transaction and was rolled back: the database is as it was, and `{migration}` is still applied."
                    )?;
                } else {
                    writeln!(
                        f,
                        "  The way back does not run in one transaction: the statements before this one stay applied, and `{migration}` is still recorded as applied."
                    )?;
                }
                write!(f, "  help: fix the down.sql (or the rows it trips on) and run `refract migrate down` again")
            }
            EngineError::FailedMigrationInHistory { migration, logs } => {
                write!(f, "migration `{migration}` failed earlier and was not resolved; nothing more will be applied")?;
                if let Some(logs) = logs {
                    write!(f, "\n  its error: {}", logs.lines().collect::<Vec<_>>().join("\n    "))?;
                }
                write!(
                    f,
                    "\n  help: once the database is as before the migration, run `refract migrate resolve --rolled-back \"{migration}\"`; \
                     if you finished it by hand, `refract migrate resolve --applied \"{migration}\"`"
                )
            }
            EngineError::NotEmptyWithoutHistory { namespace } => write!(
                f,
                "the database schema `{namespace}` is not empty and has no migration history (_prisma_migrations)\n  \
                 help: baseline it: with no migrations yet, `refract migrate baseline` writes the first one from what it holds and \
                 marks it applied; else mark the migrations it already contains with `refract migrate resolve --applied NAME`, then deploy"
            ),
            EngineError::LockTimeout { seconds, holder } => write!(
                f,
                "another migration run holds the migration lock (advisory lock 72707369) and did not release it within {seconds}s: {holder}\n  \
                 help: wait for it to finish, or end that session if it is stuck"
            ),
            EngineError::Refused { message, help } => write!(f, "{message}\n  help: {help}"),
        }
    }
}

impl std::error::Error for EngineError {}
