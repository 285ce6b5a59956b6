//! The history's state, beside its newest migration: what the migrations build, so the next plan and
//! `migrate check` start from it with no replay.
//!
//! One `snapshot.json`, in the newest migration's folder (older ones are removed when a newer one is
//! written: the folder grows by its SQL, not by a schema per migration). It holds
//!
//! - `migrations`: the lineage, every migration the state accounts for, by name and checksum. A
//!   migration in the folder it does not list (merged from another branch, written by hand or by
//!   Prisma), or one it lists that was edited or removed, means the state must be rebuilt from the
//!   history;
//! - `schema`: the state in the schema's terms (the IR of the schema the last migration was planned
//!   for), which planning starts from;
//! - `database`: optionally, the same state as PostgreSQL reports it (introspected, with the server's
//!   major version), which `migrate check` and `migrate dev` compare a live database with instead of
//!   replaying the history. Stored as a JSON merge patch onto `schema` (a few percent of its size).
//!
//! The JSON is written with one line per column, index, key or migration (an object or list that fits
//! in a line is written on one), so a snapshot stays reviewable and small. A format-1 snapshot (a bare
//! IR, one per migration, as refract wrote them before) is read as a state without lineage.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use refract_ir::Schema;
use serde::{Deserialize, Serialize};

/// The snapshot's file name inside a migration folder.
pub const SNAPSHOT_FILE: &str = "snapshot.json";

const FORMAT_1: &str = "refract-snapshot/1";
const FORMAT: &str = "refract-snapshot/2";

/// A migration a state accounts for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accounted {
    pub name: String,
    /// The SHA-256 of its migration.sql, as `_prisma_migrations` records it.
    pub checksum: String,
}

/// What the migrations build, as PostgreSQL reports it (an introspection of a database they built).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatabaseState {
    /// The major version of the server that built it: another version may spell defaults and
    /// expressions differently, so the state only stands in for a replay on the same major version.
    pub server_major: u32,
    /// The refract that introspected it ([`INTROSPECTED_BY`]): another one may read the catalog
    /// differently, and a stale form would show as drift, so it only stands in for the same one.
    pub introspected_by: String,
    pub schema: Schema,
}

/// Which refract introspected a database form: its version, and a number bumped whenever
/// introspection changes what it reads between releases.
pub const INTROSPECTED_BY: &str = concat!(env!("CARGO_PKG_VERSION"), "+introspection.1");

/// The state of a history.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// The lineage. `None` for a format-1 snapshot, which accounts for its own migration and those
    /// before it as far as anyone can tell.
    pub migrations: Option<Vec<Accounted>>,
    pub schema: Schema,
    pub database: Option<DatabaseState>,
}

#[derive(Serialize, Deserialize)]
struct SnapshotFile {
    format: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    migrations: Option<Vec<Accounted>>,
    schema: Schema,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    database: Option<DatabaseFile>,
}

/// The database form as stored: a JSON merge patch (RFC 7396) onto the schema form, which it differs
/// from in little (PostgreSQL's spelling of defaults, no client-side defaults, table names for model
/// names): a few percent of a whole IR.
#[derive(Serialize, Deserialize)]
struct DatabaseFile {
    server_major: u32,
    #[serde(default)]
    introspected_by: String,
    patch: serde_json::Value,
}

/// The merge patch that turns `from` into `to` (objects member by member; anything else whole).
fn merge_patch(from: &serde_json::Value, to: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match (from, to) {
        (Value::Object(a), Value::Object(b)) => {
            let mut patch = serde_json::Map::new();
            for (key, value) in b {
                match a.get(key) {
                    Some(old) if old == value => {}
                    Some(old) => {
                        patch.insert(key.clone(), merge_patch(old, value));
                    }
                    None => {
                        patch.insert(key.clone(), value.clone());
                    }
                }
            }
            for key in a.keys().filter(|k| !b.contains_key(*k)) {
                patch.insert(key.clone(), Value::Null);
            }
            Value::Object(patch)
        }
        _ => to.clone(),
    }
}

/// RFC 7396: `patch` applied to `target`.
fn apply_merge_patch(target: &mut serde_json::Value, patch: &serde_json::Value) {
    use serde_json::Value;
    let Value::Object(members) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(serde_json::Map::new());
    }
    let map = target.as_object_mut().expect("made an object above");
    for (key, value) in members {
        if value.is_null() {
            map.remove(key);
        } else {
            apply_merge_patch(map.entry(key.clone()).or_insert(Value::Null), value);
        }
    }
}

impl Snapshot {
    /// A state with no lineage and no database form (for tests and tools).
    pub fn of(schema: Schema) -> Snapshot {
        Snapshot { migrations: None, schema, database: None }
    }

    /// The snapshot's text (ends with a newline).
    pub fn to_text(&self) -> String {
        let database = self.database.as_ref().map(|d| {
            let base = serde_json::to_value(&self.schema).expect("the IR always serialises");
            let target = serde_json::to_value(&d.schema).expect("the IR always serialises");
            DatabaseFile {
                server_major: d.server_major,
                introspected_by: d.introspected_by.clone(),
                patch: merge_patch(&base, &target),
            }
        });
        let file = SnapshotFile {
            format: FORMAT.to_string(),
            migrations: self.migrations.clone(),
            schema: self.schema.clone(),
            database,
        };
        let pretty = serde_json::to_string_pretty(&file).expect("the IR always serialises");
        let mut out = String::with_capacity(pretty.len() / 2);
        for node in &parse_lines(&mut pretty.lines()) {
            render(node, 0, &mut out);
        }
        out
    }
}

/// Lines this long or shorter hold a whole object or list.
const LINE: usize = 120;

/// A line of serde_json's pretty output, or an object or list spread over lines.
enum Node<'t> {
    Line(&'t str),
    /// The opening line (ending in `{` or `[`), the members, the closing line (`}` or `],`, ...).
    Block(&'t str, Vec<Node<'t>>, &'t str),
}

/// serde_json's pretty output as nested blocks: a line ending in `{` or `[` opens one (a string value
/// always ends in a quote), a line that is `}` or `]` (with a comma) closes it.
fn parse_lines<'t>(lines: &mut impl Iterator<Item = &'t str>) -> Vec<Node<'t>> {
    let mut nodes = Vec::new();
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if trimmed.starts_with(['}', ']']) {
            nodes.push(Node::Line(trimmed));
            return nodes;
        }
        if trimmed.ends_with(['{', '[']) {
            let mut members = parse_lines(lines);
            let close = match members.pop() {
                Some(Node::Line(close)) => close,
                _ => "",
            };
            nodes.push(Node::Block(trimmed, members, close));
        } else {
            nodes.push(Node::Line(trimmed));
        }
    }
    nodes
}

fn compact(node: &Node<'_>, out: &mut String) {
    match node {
        Node::Line(line) => out.push_str(line),
        Node::Block(open, members, close) => {
            out.push_str(open);
            for (i, m) in members.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                compact(m, out);
            }
            out.push_str(close);
        }
    }
}

/// A block on one line when it fits in [`LINE`] columns at its indentation, else one member per line.
fn render(node: &Node<'_>, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    let mut one_line = String::new();
    compact(node, &mut one_line);
    match node {
        Node::Block(open, members, close) if indent + one_line.len() > LINE => {
            out.push_str(&pad);
            out.push_str(open);
            out.push('\n');
            for m in members {
                render(m, indent + 2, out);
            }
            out.push_str(&pad);
            out.push_str(close);
            out.push('\n');
        }
        _ => {
            out.push_str(&pad);
            out.push_str(&one_line);
            out.push('\n');
        }
    }
}

/// The snapshot text of a state without lineage (ends with a newline).
pub fn to_string(schema: &Schema) -> String {
    Snapshot::of(schema.clone()).to_text()
}

/// Writes `snapshot.json` into a migration folder.
pub fn write(migration_dir: &Path, snapshot: &Snapshot) -> io::Result<()> {
    std::fs::write(migration_dir.join(SNAPSHOT_FILE), snapshot.to_text())
}

/// Removes the snapshots of every migration folder but `keep` (a newer state supersedes them).
/// Returns how many were removed.
pub fn remove_older(migrations_dir: &Path, keep: &Path) -> Result<usize, SnapshotError> {
    let mut removed = 0;
    for folder in migration_folders(migrations_dir)? {
        let path = folder.join(SNAPSHOT_FILE);
        if folder != keep && path.is_file() {
            std::fs::remove_file(&path).map_err(|error| SnapshotError::Io { path, error })?;
            removed += 1;
        }
    }
    Ok(removed)
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

/// Reads one snapshot file (format 2, or format 1 as a state without lineage).
pub fn read_snapshot(path: &Path) -> Result<Snapshot, SnapshotError> {
    let text = std::fs::read_to_string(path).map_err(|error| SnapshotError::Io { path: path.to_path_buf(), error })?;
    let file: SnapshotFile = serde_json::from_str(&text)
        .map_err(|e| SnapshotError::Invalid { path: path.to_path_buf(), message: e.to_string() })?;
    match file.format.as_str() {
        FORMAT => {
            // The database form only saves a replay: one that does not read back is dropped, and the
            // history is replayed instead.
            let database = file.database.and_then(|d| {
                let mut value = serde_json::to_value(&file.schema).expect("the IR always serialises");
                apply_merge_patch(&mut value, &d.patch);
                let schema = serde_json::from_value(value).ok()?;
                Some(DatabaseState { server_major: d.server_major, introspected_by: d.introspected_by, schema })
            });
            Ok(Snapshot { migrations: file.migrations, schema: file.schema, database })
        }
        FORMAT_1 => Ok(Snapshot::of(file.schema)),
        other => Err(SnapshotError::Invalid {
            path: path.to_path_buf(),
            message: format!("unknown format `{other}` (this refract reads `{FORMAT}` and `{FORMAT_1}`)"),
        }),
    }
}

/// Reads one snapshot file's schema.
pub fn read(path: &Path) -> Result<Schema, SnapshotError> {
    read_snapshot(path).map(|s| s.schema)
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

/// Every snapshot in the folder, oldest first, with the migration folder it is in. After a merge there
/// is one per branch (each branch's newest).
pub fn all(migrations_dir: &Path) -> Result<Vec<(PathBuf, Snapshot)>, SnapshotError> {
    let mut out = Vec::new();
    for folder in migration_folders(migrations_dir)? {
        let path = folder.join(SNAPSHOT_FILE);
        if path.is_file() {
            out.push((folder, read_snapshot(&path)?));
        }
    }
    Ok(out)
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

/// The schema the migrations directory has built, when its last migration has the snapshot: the
/// empty schema when there is no migration yet. (Whether that snapshot accounts for every migration is
/// `refract_engine::state`'s question.)
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
