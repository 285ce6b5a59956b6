//! The history table `_prisma_migrations`, kept exactly as Prisma keeps it (columns, checksum, row
//! lifecycle), so a database migrated by Prisma is adopted as it is and Prisma still sees a database
//! migrated by refract as up to date.
//!
//! Row lifecycle: a row is inserted when a migration starts; `applied_steps_count` counts the parts
//! that committed (a file that runs statement by statement counts 1 when it finishes, as Prisma
//! writes it); `finished_at` is set when it succeeded; `logs` holds the error when it failed.
//! A row with neither `finished_at` nor `rolled_back_at` is a failed migration.

use postgres::GenericClient;
use refract_ir::quote_identifier;

use crate::EngineError;

pub const HISTORY_TABLE: &str = "_prisma_migrations";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryRow {
    pub id: String,
    pub checksum: String,
    pub migration_name: String,
    pub logs: Option<String>,
    pub finished: bool,
    pub rolled_back: bool,
    /// `started_at`, as text, for reports.
    pub started_at: String,
    pub applied_steps_count: i32,
}

impl HistoryRow {
    pub fn is_failed(&self) -> bool {
        !self.finished && !self.rolled_back
    }
}

/// The history table of one PostgreSQL schema.
#[derive(Debug, Clone)]
pub struct History {
    table: String,
    namespace: String,
}

impl History {
    pub fn new(namespace: &str) -> History {
        History {
            table: format!("{}.{}", quote_identifier(namespace), quote_identifier(HISTORY_TABLE)),
            namespace: namespace.to_string(),
        }
    }

    pub fn exists(&self, client: &mut impl GenericClient) -> Result<bool, EngineError> {
        let sql = "SELECT to_regclass($1) IS NOT NULL";
        let row = client
            .query_one(sql, &[&self.table])
            .map_err(|e| EngineError::database("looking for the history table", sql, &e))?;
        Ok(row.get(0))
    }

    /// Creates the table as Prisma does (same columns, types and defaults), and the schema it lives in.
    pub fn create(&self, client: &mut impl GenericClient) -> Result<(), EngineError> {
        let sql = format!(
            "CREATE SCHEMA IF NOT EXISTS {schema};\n\
             CREATE TABLE IF NOT EXISTS {table} (\n    \
                 \"id\"                    VARCHAR(36) PRIMARY KEY NOT NULL,\n    \
                 \"checksum\"              VARCHAR(64) NOT NULL,\n    \
                 \"finished_at\"           TIMESTAMPTZ,\n    \
                 \"migration_name\"        VARCHAR(255) NOT NULL,\n    \
                 \"logs\"                  TEXT,\n    \
                 \"rolled_back_at\"        TIMESTAMPTZ,\n    \
                 \"started_at\"            TIMESTAMPTZ NOT NULL DEFAULT now(),\n    \
                 \"applied_steps_count\"   INTEGER NOT NULL DEFAULT 0\n\
             );",
            schema = quote_identifier(&self.namespace),
            table = self.table
        );
        client.batch_execute(&sql).map_err(|e| EngineError::database("creating the history table", &sql, &e))
    }

    /// Every row, oldest first (Prisma orders by `started_at`).
    pub fn rows(&self, client: &mut impl GenericClient) -> Result<Vec<HistoryRow>, EngineError> {
        if !self.exists(client)? {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT id, checksum, migration_name, logs, finished_at IS NOT NULL, rolled_back_at IS NOT NULL, \
             started_at::text, applied_steps_count FROM {} ORDER BY started_at, migration_name",
            self.table
        );
        let rows =
            client.query(&sql, &[]).map_err(|e| EngineError::database("reading the migration history", &sql, &e))?;
        Ok(rows
            .iter()
            .map(|r| HistoryRow {
                id: r.get(0),
                checksum: r.get(1),
                migration_name: r.get(2),
                logs: r.get(3),
                finished: r.get(4),
                rolled_back: r.get(5),
                started_at: r.get(6),
                applied_steps_count: r.get(7),
            })
            .collect())
    }

    /// Inserts the row of a migration that starts now; returns its id.
    pub fn start(&self, client: &mut impl GenericClient, name: &str, checksum: &str) -> Result<String, EngineError> {
        let id = uuid::Uuid::new_v4().to_string();
        let sql =
            format!("INSERT INTO {} (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())", self.table);
        client
            .execute(&sql, &[&id, &checksum, &name])
            .map_err(|e| EngineError::database("recording the migration's start", &sql, &e))?;
        Ok(id)
    }

    pub fn step_done(&self, client: &mut impl GenericClient, id: &str) -> Result<(), EngineError> {
        let sql = format!("UPDATE {} SET applied_steps_count = applied_steps_count + 1 WHERE id = $1", self.table);
        client.execute(&sql, &[&id]).map_err(|e| EngineError::database("recording a finished step", &sql, &e))?;
        Ok(())
    }

    pub fn finish(&self, client: &mut impl GenericClient, id: &str) -> Result<(), EngineError> {
        let sql = format!("UPDATE {} SET finished_at = now() WHERE id = $1", self.table);
        client.execute(&sql, &[&id]).map_err(|e| EngineError::database("recording the migration's end", &sql, &e))?;
        Ok(())
    }

    pub fn fail(&self, client: &mut impl GenericClient, id: &str, logs: &str) -> Result<(), EngineError> {
        let sql = format!("UPDATE {} SET logs = $2 WHERE id = $1", self.table);
        client
            .execute(&sql, &[&id, &logs])
            .map_err(|e| EngineError::database("recording the migration's failure", &sql, &e))?;
        Ok(())
    }

    /// `migrate resolve --rolled-back`: the failed rows of `name` are marked rolled back.
    pub fn mark_rolled_back(&self, client: &mut impl GenericClient, name: &str) -> Result<u64, EngineError> {
        let sql = format!(
            "UPDATE {} SET rolled_back_at = now() WHERE migration_name = $1 AND finished_at IS NULL AND rolled_back_at IS NULL",
            self.table
        );
        client.execute(&sql, &[&name]).map_err(|e| EngineError::database("marking the migration rolled back", &sql, &e))
    }

    /// `migrate down`: the finished rows of `name` are marked rolled back, so the migration counts as not
    /// applied (as Prisma's deploy reads the table: it applies a migration again when every row of it is
    /// rolled back).
    pub fn mark_reverted(&self, client: &mut impl GenericClient, name: &str) -> Result<u64, EngineError> {
        let sql = format!(
            "UPDATE {} SET rolled_back_at = now() WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL",
            self.table
        );
        client
            .execute(&sql, &[&name])
            .map_err(|e| EngineError::database("recording the migration as rolled back", &sql, &e))
    }

    /// `migrate resolve --applied`: failed rows are marked rolled back and a finished row is added, with
    /// no step applied (Prisma's record of a migration applied by hand).
    pub fn mark_applied(&self, client: &mut impl GenericClient, name: &str, checksum: &str) -> Result<(), EngineError> {
        self.mark_rolled_back(client, name)?;
        let id = uuid::Uuid::new_v4().to_string();
        let sql = format!(
            "INSERT INTO {} (id, checksum, migration_name, started_at, finished_at, applied_steps_count) \
             VALUES ($1, $2, $3, now(), now(), 0)",
            self.table
        );
        client
            .execute(&sql, &[&id, &checksum, &name])
            .map_err(|e| EngineError::database("recording the migration as applied", &sql, &e))?;
        Ok(())
    }
}
