//! The way back from a migration: `down.sql` beside its `migration.sql`.
//!
//! `migrate dev` writes it with the plan from the state after the migration to the state before it.
//! Its first lines say which migration.sql it reverses, by checksum: a migration edited after its
//! down.sql was planned (a `--create-only` migration filled by hand) makes the file stale, and refract
//! plans the way back again instead of trusting it. A down.sql without that line (written by hand, or
//! by `prisma migrate diff` as Prisma's documentation suggests) is the user's and is used as it is.
//! Checksums and the history table only ever cover migration.sql: Prisma ignores the extra file.

use std::path::PathBuf;

use refract_script::Script;
use refract_script::effects::{self, Unreversed};

use crate::EngineError;
use crate::migrations::{LocalMigration, checksum};

pub const DOWN_FILE: &str = "down.sql";

/// The line that ties a down.sql to the migration.sql it was planned for.
const REVERSES: &str = "-- refract:reverses migration.sql ";

/// A migration's down.sql, as found on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DownFile {
    Missing,
    /// Planned by refract for the migration.sql there now, or written by hand: run as it is.
    Current(String),
    /// Planned by refract for another version of migration.sql (edited since).
    Stale(String),
}

pub fn path(migration: &LocalMigration) -> PathBuf {
    migration.dir.join(DOWN_FILE)
}

/// Reads `migration`'s down.sql.
pub fn read(migration: &LocalMigration) -> Result<DownFile, EngineError> {
    let path = path(migration);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(DownFile::Missing),
        Err(e) => return Err(EngineError::io(&path, e)),
    };
    let planned_for = text.lines().take_while(|l| l.starts_with("--")).find_map(|l| l.strip_prefix(REVERSES));
    Ok(match planned_for {
        Some(recorded) if !migration.matches_checksum(recorded.trim()) => DownFile::Stale(text),
        _ => DownFile::Current(text),
    })
}

/// The down.sql text for `migration` (whose file is `migration_sql`): a header naming the migration and
/// tying the file to it, what of the migration a plan cannot undo, then `plan_sql` (the plan's
/// migration.sql layout, warnings first). `from_history`: the plan was made from the databases the
/// history builds before and after the migration, not from the schema, so renames read as drop and add.
pub fn render(name: &str, migration_sql: &str, plan_sql: &str, from_history: bool) -> String {
    let mut out = format!(
        "-- The way back from migration {name}: `refract migrate down` runs this file. Review it as you review\n\
         -- migration.sql; Prisma ignores it. Edit it freely: refract plans it again only if migration.sql changes.\n\
         {REVERSES}{}\n",
        checksum(migration_sql)
    );
    if from_history {
        out.push_str(
            "-- Planned from what the history builds before and after the migration (it was edited by hand or\n\
             -- written without refract): a column or table it renamed comes back as dropped and added.\n",
        );
    }
    let migration = Script::parse(migration_sql);
    let unreversed = effects::unreversed(&migration);
    if !unreversed.is_empty() {
        out.push_str(&not_reversed(&unreversed));
    }
    let destroyed = effects::losses(&migration);
    if !destroyed.is_empty() {
        out.push_str(
            "-- NOT RESTORED: data the migration destroys does not come back (what it drops comes back empty):\n",
        );
        for loss in &destroyed {
            out.push_str(&format!("--   {}\n", loss.message()));
        }
    }
    out.push_str(plan_sql);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// Writes the down.sql of the migration in `folder` (whose migration.sql is `migration_sql`): `plan_sql`
/// under the header [`render`] writes.
pub fn write(
    folder: &std::path::Path,
    migration_sql: &str,
    plan_sql: &str,
    from_history: bool,
) -> Result<(), EngineError> {
    let name = folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let path = folder.join(DOWN_FILE);
    std::fs::write(&path, render(&name, migration_sql, plan_sql, from_history)).map_err(|e| EngineError::io(&path, e))
}

/// The header that says what a plan cannot undo.
fn not_reversed(statements: &[Unreversed]) -> String {
    let mut out = String::from(
        "-- NOT REVERSED EXACTLY: migration.sql holds statements outside the schema, which this plan cannot undo.\n\
         -- Add their reverse below by hand if it matters (data changed, functions, triggers, ...):\n",
    );
    for s in statements {
        out.push_str(&format!("--   line {}: {} ({})\n", s.line, s.excerpt, s.what));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn migration(dir: &std::path::Path, sql: &str) -> LocalMigration {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join("migration.sql"), sql).unwrap();
        LocalMigration {
            name: "20260101000000_x".into(),
            dir: dir.to_path_buf(),
            script: sql.into(),
            checksum: checksum(sql),
        }
    }

    #[test]
    fn a_down_file_is_current_until_its_migration_changes() {
        let dir = std::env::temp_dir().join(format!("refract-down-{}", std::process::id()));
        let up = "ALTER TABLE \"users\" ADD COLUMN \"phone\" TEXT;\n";
        let m = migration(&dir, up);
        assert_eq!(read(&m).unwrap(), DownFile::Missing);
        let text = render(&m.name, up, "-- AlterTable\nALTER TABLE \"users\" DROP COLUMN \"phone\";\n", false);
        std::fs::write(path(&m), &text).unwrap();
        assert_eq!(read(&m).unwrap(), DownFile::Current(text.clone()));
        let edited = migration(&dir, &format!("{up}UPDATE \"users\" SET \"phone\" = '';\n"));
        assert_eq!(read(&edited).unwrap(), DownFile::Stale(text));
        // A file written by hand has no tie to a migration.sql: it is the user's.
        std::fs::write(path(&m), "ALTER TABLE users DROP COLUMN phone;\n").unwrap();
        assert!(matches!(read(&edited).unwrap(), DownFile::Current(_)));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn statements_a_plan_cannot_undo_are_named_at_the_top() {
        let up = "ALTER TABLE \"users\" ADD COLUMN \"locale\" TEXT;\n\nUPDATE \"users\" SET \"locale\" = 'en';\n";
        let text = render("m", up, "ALTER TABLE \"users\" DROP COLUMN \"locale\";\n", false);
        assert!(text.contains("NOT REVERSED EXACTLY"), "{text}");
        assert!(text.contains("line 3: UPDATE \"users\" SET \"locale\" = 'en'"), "{text}");
        assert!(text.ends_with("DROP COLUMN \"locale\";\n"));
        let plain = render("m", "ALTER TABLE \"users\" ADD COLUMN \"locale\" TEXT;\n", "x;", false);
        assert!(!plain.contains("NOT REVERSED") && !plain.contains("NOT RESTORED"), "{plain}");
        let dropping = render("m", "-- AlterTable\nALTER TABLE \"audit_logs\" DROP COLUMN \"before\";\n", "x;", false);
        assert!(dropping.contains("NOT RESTORED") && dropping.contains("`before` of table `audit_logs`"), "{dropping}");
    }
}
