//! The migrations directory held against the history table: what is applied, pending, failed, edited
//! since it was applied, or applied but missing locally.

use crate::history::HistoryRow;
use crate::migrations::LocalMigration;

#[derive(Debug, Clone, Default)]
pub struct Status {
    pub history_exists: bool,
    pub local: Vec<LocalMigration>,
    /// Names of applied migrations, in the order they were applied.
    pub applied: Vec<String>,
    /// Local migrations not applied yet, in the order they will apply.
    pub pending: Vec<String>,
    /// Migrations whose last attempt failed and was not resolved, with their logs.
    pub failed: Vec<(String, Option<String>)>,
    /// Applied migrations whose file changed since (the checksum differs).
    pub edited: Vec<String>,
    /// Applied migrations with no folder in the migrations directory.
    pub missing_locally: Vec<String>,
    /// Pending migrations that were applied once and rolled back (`migrate down`).
    pub rolled_back: Vec<String>,
}

impl Status {
    pub fn new(local: Vec<LocalMigration>, rows: &[HistoryRow], history_exists: bool) -> Status {
        let mut status = Status { history_exists, ..Status::default() };
        for row in rows.iter().filter(|r| !r.rolled_back) {
            let name = &row.migration_name;
            if row.is_failed() {
                if !status.failed.iter().any(|(n, _)| n == name) {
                    status.failed.push((name.clone(), row.logs.clone()));
                }
                continue;
            }
            if status.applied.contains(name) {
                continue;
            }
            status.applied.push(name.clone());
            match local.iter().find(|m| &m.name == name) {
                Some(m) if !m.matches_checksum(&row.checksum) => status.edited.push(name.clone()),
                Some(_) => {}
                None => status.missing_locally.push(name.clone()),
            }
        }
        // A failed migration that was later applied (resolve --applied) is no longer failed.
        status.failed.retain(|(n, _)| !status.applied.contains(n));
        status.pending = local
            .iter()
            .filter(|m| !status.applied.contains(&m.name) && !status.failed.iter().any(|(n, _)| n == &m.name))
            .map(|m| m.name.clone())
            .collect();
        status.rolled_back = status
            .pending
            .iter()
            .filter(|name| rows.iter().any(|r| &r.migration_name == *name && r.finished && r.rolled_back))
            .cloned()
            .collect();
        status.local = local;
        status
    }

    pub fn is_up_to_date(&self) -> bool {
        self.pending.is_empty() && self.failed.is_empty() && self.edited.is_empty() && self.missing_locally.is_empty()
    }

    pub fn local_migration(&self, name: &str) -> Option<&LocalMigration> {
        self.local.iter().find(|m| m.name == name)
    }
}
