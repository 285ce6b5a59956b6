//! The migration planner: two IRs in, a [`Plan`] out — typed [`Step`]s in the order they run, each
//! rendering its own SQL, plus the [`Warning`]s (data loss, steps that can fail on existing rows) and
//! [`Hazard`]s (locks that block a busy table) they carry.
//!
//! The output for anything Prisma can express is what Prisma Migrate writes (same steps, names, comment
//! headers and layout); beyond it the planner keeps data where Prisma drops it (renames through
//! `@map`/`@@map`, casts instead of drop-and-add) and can plan for busy tables ([`PlanOptions::online`]).
//!
//! Architecture invariant: planning is pure. It reads two IR values and touches no database or file;
//! the row counts of warnings are queries the caller may run ([`Warning::count_sql`]).

mod differ;
mod render;
mod sql;
pub mod state_file;
mod step;
mod warning;

use refract_ir::Schema;
use serde::Serialize;

pub use render::{OUTSIDE_TRANSACTION_DIRECTIVE, OWN_TRANSACTION_DIRECTIVE};
pub use step::{ColumnDefinition, CommentTarget, EnumUsage, ObjectName, Step, TableChange, Transaction};
pub use warning::{Warning, WarningKind};

/// How to plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanOptions {
    /// Safe mode for busy tables: concurrent index builds, `NOT VALID` constraints validated afterwards,
    /// NOT NULL through a validated CHECK, and a `lock_timeout` so the migration fails fast instead of
    /// queueing every query behind it.
    pub online: bool,
    /// The `lock_timeout` set in safe mode.
    pub lock_timeout: String,
    /// Database comments: `///` doc comments written as `COMMENT ON` and compared. Off (the default), as
    /// Prisma does: comments are neither written nor compared, on either side (a database that has
    /// COMMENTs is not drift). The IR keeps them either way (code generation uses them).
    pub comments: bool,
    /// Partial indexes are managed, whatever the two sides say ([`Schema::partial_indexes`] on either
    /// side also turns it on): for comparing two databases (drift), where neither side is the schema.
    pub partial_indexes: bool,
}

impl Default for PlanOptions {
    fn default() -> Self {
        PlanOptions { online: false, lock_timeout: "5s".to_string(), comments: false, partial_indexes: false }
    }
}

/// A lock a step takes on an existing table that stops writes while it lasts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hazard {
    pub table: String,
    pub message: String,
}

/// What it takes to go from one schema to another.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub steps: Vec<Step>,
    pub warnings: Vec<Warning>,
    pub hazards: Vec<Hazard>,
}

/// Plans the migration from `from` to `to`.
pub fn plan(from: &Schema, to: &Schema, options: &PlanOptions) -> Plan {
    differ::plan(from, to, options)
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// The migration.sql text: the warnings in a leading comment block, then each step under its header.
    pub fn to_sql(&self) -> String {
        if self.steps.is_empty() {
            return "-- This is an empty migration.\n".to_string();
        }
        let mut out = String::new();
        if !self.warnings.is_empty() {
            out.push_str("/*\n  Warnings:\n\n");
            for w in &self.warnings {
                out.push_str(&format!("  - {}\n", w.message()));
            }
            out.push_str("\n*/\n");
        }
        let steps: Vec<String> = self.steps.iter().map(Step::render).collect();
        out.push_str(&steps.join("\n"));
        out
    }

    /// The steps grouped as they run: consecutive [`Transaction::Shared`] steps form one group, every
    /// other step is a group of its own.
    pub fn transaction_groups(&self) -> Vec<(Transaction, Vec<&Step>)> {
        let mut groups: Vec<(Transaction, Vec<&Step>)> = Vec::new();
        for step in &self.steps {
            match groups.last_mut() {
                Some((Transaction::Shared, steps)) if step.transaction() == Transaction::Shared => steps.push(step),
                _ => groups.push((step.transaction(), vec![step])),
            }
        }
        groups
    }

    /// The migration as a script any client can run (psql, or a linter that reads transactions): each
    /// group that runs in a transaction between `BEGIN;` and `COMMIT;`, the others bare.
    pub fn to_sql_with_transactions(&self) -> String {
        let mut out = String::new();
        for (transaction, steps) in self.transaction_groups() {
            let wrapped = transaction != Transaction::None;
            if wrapped {
                out.push_str("BEGIN;\n\n");
            }
            for step in steps {
                out.push_str(&step.render());
                out.push('\n');
            }
            if wrapped {
                out.push_str("COMMIT;\n\n");
            }
        }
        out
    }

    /// A short human account of the plan: one line per step, then warnings and hazards.
    pub fn summary(&self) -> String {
        if self.steps.is_empty() {
            return "No difference: the schemas give the same database.\n".to_string();
        }
        let mut out = format!("{} step{}:\n", self.steps.len(), if self.steps.len() == 1 { "" } else { "s" });
        for step in &self.steps {
            out.push_str(&format!("  - {}\n", step.describe()));
        }
        if !self.warnings.is_empty() {
            out.push_str("\nWarnings:\n");
            for w in &self.warnings {
                out.push_str(&format!("  - {}\n", w.message()));
            }
        }
        if !self.hazards.is_empty() {
            out.push_str("\nLocks on existing tables:\n");
            for h in &self.hazards {
                out.push_str(&format!("  - {}: {}\n", h.table, h.message));
            }
        }
        out
    }
}
