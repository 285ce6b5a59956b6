//! The migrations directory held against the history table: what is applied, pending, failed, edited
//! since it was applied, or applied but missing locally.

use std::path::Path;

use crate::EngineError;
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
    /// Pending migrations that squash others (`migrate squash`), with which of those the database ran.
    pub squashes: Vec<SquashedRun>,
}

/// A pending migration written by `migrate squash`, and which of the migrations it replaces the
/// database ran (a finished row with the same checksum) or not.
#[derive(Debug, Clone, Default)]
pub struct SquashedRun {
    pub migration: String,
    pub ran: Vec<String>,
    pub not_ran: Vec<String>,
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
        // Applied migrations a local migration squashes are accounted for, not missing.
        let replaced: Vec<(&LocalMigration, Vec<crate::squash::Replaced>)> =
            local.iter().map(|m| (m, crate::squash::replaced(&m.script))).filter(|(_, r)| !r.is_empty()).collect();
        status.missing_locally.retain(|n| !replaced.iter().any(|(_, r)| r.iter().any(|x| &x.name == n)));
        for (m, run) in replaced.iter().filter(|(m, _)| status.pending.contains(&m.name)) {
            let ran = |x: &crate::squash::Replaced| {
                rows.iter().any(|r| {
                    r.migration_name == x.name
                        && r.finished
                        && !r.rolled_back
                        && r.checksum.eq_ignore_ascii_case(&x.checksum)
                })
            };
            status.squashes.push(SquashedRun {
                migration: m.name.clone(),
                ran: run.iter().filter(|x| ran(x)).map(|x| x.name.clone()).collect(),
                not_ran: run.iter().filter(|x| !ran(x)).map(|x| x.name.clone()).collect(),
            });
        }
        status.local = local;
        status
    }

    pub fn is_up_to_date(&self) -> bool {
        self.pending.is_empty() && self.failed.is_empty() && self.edited.is_empty() && self.missing_locally.is_empty()
    }

    pub fn local_migration(&self, name: &str) -> Option<&LocalMigration> {
        self.local.iter().find(|m| m.name == name)
    }

    /// The pending migrations up to and including `name`, in the order they apply (`migrate deploy
    /// --to`). A name that is applied, failed or not in `folder` is an error that says which.
    pub fn pending_up_to(&self, name: &str, folder: &Path) -> Result<&[String], EngineError> {
        if let Some(i) = self.pending.iter().position(|n| n == name) {
            return Ok(&self.pending[..=i]);
        }
        if let Some((migration, logs)) = self.failed.iter().find(|(n, _)| n == name) {
            return Err(EngineError::FailedMigrationInHistory { migration: migration.clone(), logs: logs.clone() });
        }
        let pending = match self.pending.as_slice() {
            [] => "no migration is pending".to_string(),
            [one] => format!("the one pending migration is `{one}`"),
            [first, .., last] => {
                format!("{} migrations are pending, `{first}` to `{last}`", self.pending.len())
            }
        };
        if self.applied.iter().any(|n| n == name) {
            return Err(EngineError::Refused {
                message: format!("migration `{name}` is already applied to this database; nothing was run"),
                help: format!("{pending}; `refract migrate status` lists them"),
            });
        }
        let suggestions = closest(name, &self.pending);
        let help = match suggestions.as_slice() {
            [] => format!("`--to` takes a migration folder name: {pending}; `refract migrate status` lists them"),
            names => format!(
                "did you mean {}? (`--to` takes the whole folder name; {pending})",
                names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(" or ")
            ),
        };
        Err(EngineError::Refused {
            message: format!("there is no migration `{name}` in {}; nothing was run", folder.display()),
            help,
        })
    }
}

/// The names most like `name` (at most three): those that end with `_name` (a folder name typed
/// without its timestamp), else those that hold it, else the nearest a typo or two away (Levenshtein,
/// ignoring ASCII case).
fn closest<'n>(name: &str, names: &'n [String]) -> Vec<&'n str> {
    let lower = name.to_ascii_lowercase();
    let names: Vec<(String, &str)> = names.iter().map(|n| (n.to_ascii_lowercase(), n.as_str())).collect();
    let suffix = format!("_{lower}");
    let mut found: Vec<&str> = names.iter().filter(|(l, _)| l.ends_with(&suffix)).map(|(_, n)| *n).collect();
    if found.is_empty() && lower.len() >= 3 {
        found = names.iter().filter(|(l, _)| l.contains(&lower)).map(|(_, n)| *n).collect();
    }
    if found.is_empty() {
        let distances: Vec<(usize, &str)> = names
            .iter()
            .map(|(l, n)| (strsim::levenshtein(&lower, l), *n))
            .filter(|(d, n)| *d <= 2.max(n.len() / 8))
            .collect();
        let best = distances.iter().map(|(d, _)| *d).min();
        found = distances.into_iter().filter(|(d, _)| Some(*d) == best).map(|(_, n)| n).collect();
    }
    found.truncate(3);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(pending: &[&str], applied: &[&str]) -> Status {
        Status {
            history_exists: true,
            pending: pending.iter().map(|s| s.to_string()).collect(),
            applied: applied.iter().map(|s| s.to_string()).collect(),
            ..Status::default()
        }
    }

    #[test]
    fn deploy_to_takes_the_pending_migrations_up_to_the_named_one() {
        let s = status(&["20240102000000_b", "20240103000000_c", "20240104000000_d"], &["20240101000000_a"]);
        let folder = Path::new("prisma/migrations");
        assert_eq!(s.pending_up_to("20240103000000_c", folder).unwrap(), ["20240102000000_b", "20240103000000_c"]);
        assert_eq!(s.pending_up_to("20240104000000_d", folder).unwrap().len(), 3);
        let applied = s.pending_up_to("20240101000000_a", folder).unwrap_err().to_string();
        assert!(applied.contains("`20240101000000_a` is already applied"), "{applied}");
        assert!(applied.contains("3 migrations are pending, `20240102000000_b` to `20240104000000_d`"), "{applied}");
        let unknown = s.pending_up_to("c", folder).unwrap_err().to_string();
        assert!(unknown.contains("no migration `c` in prisma/migrations"), "{unknown}");
        assert!(unknown.contains("did you mean `20240103000000_c`?"), "{unknown}");
        let typo = s.pending_up_to("20240103000000_x", folder).unwrap_err().to_string();
        assert!(typo.contains("did you mean `20240103000000_c`"), "{typo}");
        let far = s.pending_up_to("something else entirely", folder).unwrap_err().to_string();
        assert!(!far.contains("did you mean"), "{far}");
    }
}
