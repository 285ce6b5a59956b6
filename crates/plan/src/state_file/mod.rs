//! The history's state as refract keeps it beside the migrations: one `state.json` in each migration
//! folder refract writes, written once with its migration and never moved (pure text ↔ values here;
//! the engine owns the folder and reads the files in order, `refract_engine::state`).
//!
//! A state file says what the history builds once its migration has run:
//!
//! - as a **change** (a JSON Patch) onto the state of the migrations it was planned `after`:
//!   the branch heads of the folder when it was written (one in a straight history, several after a
//!   merge). A change is about as large as the migration's SQL.
//! - or **whole**, with every migration it `accounts_for`, when no state before it could be read from
//!   the folder (the first migration refract writes after Prisma's, or after a state file was lost).
//!
//! A state is the schema form (the IR of the schema the migration was planned for, which planning
//! starts from) and, optionally, the database form: the same state as PostgreSQL reports it (an
//! introspection, with the server's major version), which `migrate check` and `migrate dev` compare a
//! live database with instead of replaying the history. A whole state keeps it as the change from the
//! schema form (a few percent of its size). Changes are JSON Patches (RFC 6902).
//!
//! Why git cannot conflict on these files: each is a new file in a new folder, written once; two
//! branches never add the same path, and no command moves, rewrites or deletes another migration's
//! state file (only a file that cannot be read is written afresh, by `migrate dev`).
//!
//! The files refract wrote before (`snapshot.json`: format 1, a bare IR beside every migration;
//! format 2, one state with its lineage moved to the newest migration) are read as whole states.

pub mod json;
mod text;

use refract_ir::Schema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The state file's name inside a migration folder.
pub const STATE_FILE: &str = "state.json";
/// The name refract's earlier releases gave their state file (read, never written).
pub const LEGACY_FILE: &str = "snapshot.json";

const FORMAT: &str = "refract-state/1";
const LEGACY_FORMAT_1: &str = "refract-snapshot/1";
const LEGACY_FORMAT_2: &str = "refract-snapshot/2";

/// Which refract introspected a database form: its version, and a number bumped whenever
/// introspection changes what it reads between releases.
pub const INTROSPECTED_BY: &str = concat!(env!("CARGO_PKG_VERSION"), "+introspection.1");

/// A migration, by name and the SHA-256 of its migration.sql (as `_prisma_migrations` records it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accounted {
    pub name: String,
    pub checksum: String,
}

/// What the migrations build, as PostgreSQL reports it (an introspection of a database they built).
#[derive(Debug, Clone, PartialEq)]
pub struct DatabaseState {
    /// The major version of the server that built it: another version may spell defaults and
    /// expressions differently, so the state only stands in for a replay on the same major version.
    pub server_major: u32,
    /// The refract that introspected it ([`INTROSPECTED_BY`]): another one may read the catalog
    /// differently, and a stale form would show as drift, so it only stands in for the same one.
    pub introspected_by: String,
    pub schema: Schema,
}

/// The state of a history.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    pub schema: Schema,
    pub database: Option<DatabaseState>,
}

/// A state as a JSON value, as changes and merges work on it: `{"schema": IR, "database":
/// {"server_major", "introspected_by", "schema": IR}}`.
#[derive(Serialize, Deserialize)]
struct Encoded {
    schema: Schema,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    database: Option<EncodedDatabase>,
}

#[derive(Serialize, Deserialize)]
struct EncodedDatabase {
    server_major: u32,
    #[serde(default)]
    introspected_by: String,
    schema: Schema,
}

impl State {
    pub fn of(schema: Schema) -> State {
        State { schema, database: None }
    }

    /// The state as a JSON value, for changes and merges.
    pub fn encode(&self) -> Value {
        let encoded = Encoded {
            schema: self.schema.clone(),
            database: self.database.as_ref().map(|d| EncodedDatabase {
                server_major: d.server_major,
                introspected_by: d.introspected_by.clone(),
                schema: d.schema.clone(),
            }),
        };
        serde_json::to_value(encoded).expect("the IR always serialises")
    }

    /// The state a value holds.
    pub fn decode(value: Value) -> Result<State, String> {
        let encoded: Encoded = serde_json::from_value(value).map_err(|e| e.to_string())?;
        let database = encoded.database.map(|d| DatabaseState {
            server_major: d.server_major,
            introspected_by: d.introspected_by,
            schema: d.schema,
        });
        Ok(State { schema: encoded.schema, database })
    }

    /// The encoded empty state (before any migration).
    pub fn empty() -> Value {
        State::default().encode()
    }
}

/// A whole state as a file holds it: the database form as the change from the schema form to it (a
/// few percent of a whole IR: PostgreSQL's spelling of defaults, no client-side defaults).
fn compact(state: &Value) -> Value {
    let mut out = state.clone();
    if let Some(database) = out.get_mut("database").and_then(Value::as_object_mut)
        && let Some(schema) = database.shift_remove("schema")
    {
        let changes = json::diff(&state["schema"], &schema);
        database.insert("changes".into(), serde_json::to_value(changes).expect("a patch serialises"));
    }
    out
}

/// [`compact`] undone; an earlier release's form (`patch`, an RFC 7396 merge patch) read too. A
/// database form that does not read back is dropped (it only saves a replay).
fn expand(mut state: Value) -> Value {
    let schema = state["schema"].clone();
    let Some(database) = state.get_mut("database").and_then(Value::as_object_mut) else { return state };
    let expanded = if let Some(changes) = database.shift_remove("changes") {
        serde_json::from_value::<json_patch::Patch>(changes).ok().and_then(|p| json::apply(schema, &p))
    } else if let Some(patch) = database.shift_remove("patch") {
        let mut value = schema;
        json_patch::merge(&mut value, &patch);
        Some(value)
    } else {
        None
    };
    match expanded {
        Some(value) => {
            database.insert("schema".into(), value);
        }
        None => {
            state.as_object_mut().map(|o| o.shift_remove("database"));
        }
    }
    state
}

/// How a state file gives its migration's state.
#[derive(Debug, Clone, PartialEq)]
pub enum Recorded {
    /// A JSON Patch onto the state of `after` and every migration before them.
    Change { after: Vec<Accounted>, change: json_patch::Patch },
    /// The whole state (encoded), after exactly the migrations `accounts_for` (in order) and its own.
    Whole { accounts_for: Vec<Accounted>, state: Value },
}

/// One migration's state file.
#[derive(Debug, Clone, PartialEq)]
pub struct StateFile {
    /// The migration whose state it holds (its checksum tells an edited migration.sql).
    pub migration: Accounted,
    pub recorded: Recorded,
}

#[derive(Serialize, Deserialize)]
struct File {
    format: String,
    migration: Accounted,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    after: Option<Vec<Accounted>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    change: Option<json_patch::Patch>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    accounts_for: Option<Vec<Accounted>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    state: Option<Value>,
}

/// refract's earlier `snapshot.json` (formats 1 and 2).
#[derive(Deserialize)]
struct LegacyFile {
    format: String,
    #[serde(default)]
    migrations: Option<Vec<Accounted>>,
    schema: Value,
    #[serde(default)]
    database: Option<Value>,
}

impl StateFile {
    /// The file's text (ends with a newline): one line per column, index, key or migration.
    pub fn to_text(&self) -> String {
        let (after, change, accounts_for, state) = match &self.recorded {
            Recorded::Change { after, change } => (Some(after.clone()), Some(change.clone()), None, None),
            Recorded::Whole { accounts_for, state } => (None, None, Some(accounts_for.clone()), Some(compact(state))),
        };
        text::to_text(&File {
            format: FORMAT.to_string(),
            migration: self.migration.clone(),
            after,
            change,
            accounts_for,
            state,
        })
    }

    /// Reads a `state.json`. The message says why a file cannot be read.
    pub fn parse(text: &str) -> Result<StateFile, String> {
        if text.contains("\n<<<<<<< ") || text.starts_with("<<<<<<< ") {
            return Err("it holds git conflict markers".into());
        }
        let file: File = serde_json::from_str(text).map_err(|e| format!("not JSON as refract writes it ({e})"))?;
        if file.format != FORMAT {
            return Err(format!("format `{}` (this refract reads `{FORMAT}`; a newer refract wrote it?)", file.format));
        }
        let recorded = match (file.after, file.change, file.accounts_for, file.state) {
            (Some(after), Some(change), None, None) => Recorded::Change { after, change },
            (None, None, Some(accounts_for), Some(state)) => Recorded::Whole { accounts_for, state: expand(state) },
            _ => return Err("it holds neither a change with `after` nor a whole state with `accounts_for`".into()),
        };
        Ok(StateFile { migration: file.migration, recorded })
    }

    /// Reads an earlier refract's `snapshot.json` in the folder of `own` (the migration as it is now),
    /// with `before` the folder's migrations before it. A format-1 file (no lineage) accounts for its
    /// own migration and those before it as the files are now; a format-2 file lists them.
    pub fn parse_legacy(text: &str, own: &Accounted, before: &[Accounted]) -> Result<StateFile, String> {
        if text.contains("\n<<<<<<< ") || text.starts_with("<<<<<<< ") {
            return Err("it holds git conflict markers".into());
        }
        let file: LegacyFile =
            serde_json::from_str(text).map_err(|e| format!("not JSON as refract writes it ({e})"))?;
        let mut state = serde_json::json!({ "schema": file.schema });
        match file.format.as_str() {
            LEGACY_FORMAT_1 => Ok(StateFile {
                migration: own.clone(),
                recorded: Recorded::Whole { accounts_for: before.to_vec(), state },
            }),
            LEGACY_FORMAT_2 => {
                let mut lineage = file.migrations.unwrap_or_default();
                let Some(last) = lineage.pop() else { return Err("its lineage is empty".into()) };
                if last.name != own.name {
                    return Err(format!("its lineage ends with `{}`, not its own migration", last.name));
                }
                if let Some(database) = file.database {
                    state["database"] = database;
                }
                Ok(StateFile {
                    migration: last,
                    recorded: Recorded::Whole { accounts_for: lineage, state: expand(state) },
                })
            }
            other => Err(format!("format `{other}` (this refract reads `{FORMAT}`; a newer refract wrote it?)")),
        }
    }
}

/// Whether a (merged) schema holds together: every key, index and foreign key names columns its table
/// has, and every foreign key a table and columns that exist. Two branches' changes merged member by
/// member can break this (one drops a table the other references); such a merge is not trusted.
pub fn holds_together(schema: &Schema) -> bool {
    schema.tables.values().all(|table| {
        let has = |column: &str| table.columns.contains_key(column);
        table.primary_key.as_ref().is_none_or(|pk| pk.columns.iter().all(|c| has(&c.name)))
            && table.indexes.iter().all(|i| i.columns.iter().all(|c| has(&c.name)))
            && table.foreign_keys.iter().all(|fk| {
                fk.columns.iter().all(|c| has(c))
                    && schema
                        .tables
                        .values()
                        .find(|t| t.name == fk.referenced_table)
                        .is_some_and(|target| fk.referenced_columns.iter().all(|c| target.columns.contains_key(c)))
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accounted(name: &str) -> Accounted {
        Accounted { name: name.into(), checksum: format!("sum-{name}") }
    }

    #[test]
    fn files_read_back_and_say_why_they_cannot() {
        let file = StateFile {
            migration: accounted("2_b"),
            recorded: Recorded::Change {
                after: vec![accounted("1_a")],
                change: json::diff(&serde_json::json!({"a": 1}), &serde_json::json!({"a": null})),
            },
        };
        let text = file.to_text();
        assert_eq!(StateFile::parse(&text), Ok(file));
        let markers = format!("<<<<<<< HEAD\n{text}=======\n{text}>>>>>>> other\n");
        assert!(StateFile::parse(&markers).unwrap_err().contains("conflict markers"));
        assert!(StateFile::parse(&text[..text.len() / 2]).unwrap_err().contains("not JSON"));
        let newer = text.replace(FORMAT, "refract-state/9");
        assert!(StateFile::parse(&newer).unwrap_err().contains("newer refract"));
    }

    #[test]
    fn states_encode_and_decode() {
        let mut schema = Schema::default();
        schema.tables.insert("t".into(), refract_ir::Table::new("t"));
        let mut database = schema.clone();
        database.tables["t"].comment = Some("from the catalog".into());
        let state = State {
            schema,
            database: Some(DatabaseState {
                server_major: 15,
                introspected_by: INTROSPECTED_BY.into(),
                schema: database,
            }),
        };
        assert_eq!(State::decode(state.encode()), Ok(state.clone()));
        // A whole state's file holds the database form as its change from the schema form.
        let file = StateFile {
            migration: accounted("1_a"),
            recorded: Recorded::Whole { accounts_for: Vec::new(), state: state.encode() },
        };
        let text = file.to_text();
        assert!(text.contains("\"changes\"") && text.contains("from the catalog"), "{text}");
        assert_eq!(StateFile::parse(&text), Ok(file));
    }
}
