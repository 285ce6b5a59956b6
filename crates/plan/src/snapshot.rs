//! IR snapshots: the IR after a migration, written beside its migration.sql, so the next plan starts
//! from the last snapshot with no database. Pretty JSON in schema order: deterministic and reviewable.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use refract_ir::Schema;
use serde::{Deserialize, Serialize};

/// The snapshot's file name inside a migration folder.
pub const SNAPSHOT_FILE: &str = "snapshot.json";

const FORMAT: &str = "refract-snapshot/1";

#[derive(Serialize, Deserialize)]
struct SnapshotFile {
    format: String,
    schema: Schema,
}

/// The snapshot text for a schema (ends with a newline).
pub fn to_string(schema: &Schema) -> String {
    let file = SnapshotFile { format: FORMAT.to_string(), schema: schema.clone() };
    let mut s = serde_json::to_string_pretty(&file).expect("the IR always serialises");
    s.push('\n');
    s
}

/// Writes `snapshot.json` into a migration folder.
pub fn write(migration_dir: &Path, schema: &Schema) -> io::Result<()> {
    std::fs::write(migration_dir.join(SNAPSHOT_FILE), to_string(schema))
}

#[derive(Debug)]
pub enum SnapshotError {
    Io {
        path: PathBuf,
        error: io::Error,
    },
    Invalid {
        path: PathBuf,
        message: String,
    },
    /// The last migration has no snapshot (a history written by Prisma, or by hand).
    Missing {
        migration: PathBuf,
    },
}

impl fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SnapshotError::Io { path, error } => write!(f, "cannot read {}: {error}", path.display()),
            SnapshotError::Invalid { path, message } => {
                write!(f, "{} is not a refract snapshot: {message}", path.display())
            }
            SnapshotError::Missing { migration } => write!(
                f,
                "migration {} has no {SNAPSHOT_FILE}: its schema can only be rebuilt by replaying the history \
                 into a database (use --from-url, or let `refract migrate dev` write the snapshot)",
                migration.display()
            ),
        }
    }
}

impl std::error::Error for SnapshotError {}

/// Reads one snapshot file.
pub fn read(path: &Path) -> Result<Schema, SnapshotError> {
    let text = std::fs::read_to_string(path).map_err(|error| SnapshotError::Io { path: path.to_path_buf(), error })?;
    let file: SnapshotFile = serde_json::from_str(&text)
        .map_err(|e| SnapshotError::Invalid { path: path.to_path_buf(), message: e.to_string() })?;
    if file.format != FORMAT {
        return Err(SnapshotError::Invalid {
            path: path.to_path_buf(),
            message: format!("unknown format `{}` (this refract reads `{FORMAT}`)", file.format),
        });
    }
    Ok(file.schema)
}

/// The migration folders of a migrations directory, in the order they apply (lexical, like Prisma).
/// A directory that does not exist yet holds no migrations.
pub fn migration_folders(migrations_dir: &Path) -> Result<Vec<PathBuf>, SnapshotError> {
    if !migrations_dir.exists() {
        return Ok(Vec::new());
    }
    let io_error = |error| SnapshotError::Io { path: migrations_dir.to_path_buf(), error };
    let mut folders = Vec::new();
    for entry in std::fs::read_dir(migrations_dir).map_err(io_error)? {
        let entry = entry.map_err(io_error)?;
        if entry.file_type().map_err(io_error)?.is_dir() && entry.path().join("migration.sql").is_file() {
            folders.push(entry.path());
        }
    }
    folders.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    Ok(folders)
}

/// The newest snapshot in the folder, whichever migration it is beside (a history refract wrote and
/// Prisma or a hand continued still has one); `None` when no migration has one.
pub fn newest(migrations_dir: &Path) -> Result<Option<Schema>, SnapshotError> {
    for folder in migration_folders(migrations_dir)?.iter().rev() {
        let path = folder.join(SNAPSHOT_FILE);
        if path.is_file() {
            return read(&path).map(Some);
        }
    }
    Ok(None)
}

/// The schema the migrations directory has built: the last migration's snapshot, or the empty schema
/// when there is no migration yet.
pub fn latest(migrations_dir: &Path) -> Result<Schema, SnapshotError> {
    match migration_folders(migrations_dir)?.last() {
        None => Ok(Schema::default()),
        Some(last) => {
            let path = last.join(SNAPSHOT_FILE);
            if !path.is_file() {
                return Err(SnapshotError::Missing { migration: last.clone() });
            }
            read(&path)
        }
    }
}
