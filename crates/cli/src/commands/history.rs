//! What a migrations folder builds, for `migrate dev`, `migrate check` and `migrate diff`: from its
//! state files when they account for the migrations (no database), else from a replay, told in one
//! line (see `refract_engine::state`). A replay's result is kept under the target folder, so a history
//! the state files do not account for costs one replay on a machine, not one per run.

use refract_engine::introspect::Introspection;
use refract_engine::state::{HistoryState, ReplayCache};
use refract_engine::{DatabaseUrl, LocalMigration, shadow};
use refract_ir::Schema;
use refract_plan::state_file::{DatabaseState, INTROSPECTED_BY, State};

use super::project::{Project, target_dir};

fn cache() -> ReplayCache {
    ReplayCache::new(target_dir().join("refract/history"))
}

/// What `migrations` build, as PostgreSQL reports it, on a server of major version `server_major`:
/// the state files' database form when they hold it for these migrations and that version, else this
/// machine's cached replay, else a replay on `server` (then cached).
pub fn database_state(
    project: &Project,
    state: &HistoryState,
    migrations: &[LocalMigration],
    server_major: u32,
    server: &DatabaseUrl,
) -> Result<Introspection, String> {
    if let Some(schema) = state.database(migrations, server_major) {
        return Ok(Introspection { schema, server_major, ..Introspection::default() });
    }
    replayed(project, migrations, server_major, server)
}

/// What `migrations` (any list, applied in its order) build, as PostgreSQL reports it: this machine's
/// cached replay, else a replay on `server` (then cached).
pub fn replayed(
    project: &Project,
    migrations: &[LocalMigration],
    server_major: u32,
    server: &DatabaseUrl,
) -> Result<Introspection, String> {
    let init = project.layout.init_shadow_db()?;
    let key = ReplayCache::key(migrations, init.as_deref(), &server.namespace, server_major);
    let cache = cache();
    if let Some(schema) = cache.get(&key) {
        return Ok(Introspection { schema, server_major, ..Introspection::default() });
    }
    let replayed = shadow::replay(server, migrations, init.as_deref()).map_err(|e| e.to_string())?;
    if replayed.server_major == server_major {
        cache.put(&key, &replayed.schema);
    }
    Ok(replayed)
}

/// The server major version of `server` (the scratch server a replay would use).
pub fn server_major(server: &DatabaseUrl) -> Result<u32, String> {
    let mut client = server.connect().map_err(|e| e.to_string())?;
    let row = client
        .query_one("SELECT current_setting('server_version_num')::int", &[])
        .map_err(|e| format!("reading the server version of {}: {e}", server.redacted))?;
    Ok((row.get::<_, i32>(0) / 10000) as u32)
}

/// The state in the schema's terms: the state files', or `replayed` (what the whole folder builds)
/// brought into `schema`'s spelling with a scratch build on `server`; with what two branches changed
/// differently (see `HistoryState::conflicts`). Why it was rebuilt is `HistoryState::rebuild_note`.
///
/// The result is cached like a replay, keyed also by the schema (`migrations` are the folder's,
/// `server_major` the version of `server`):
/// bringing a replay into the schema's spelling costs a scratch build of the schema.
pub fn schema_state(
    project: &Project,
    state: &HistoryState,
    migrations: &[LocalMigration],
    replayed: impl FnOnce() -> Result<Introspection, String>,
    schema: &Schema,
    server: &DatabaseUrl,
    server_major: u32,
) -> Result<(Schema, Vec<String>), String> {
    if let Some(s) = state.schema() {
        return Ok((s, Vec::new()));
    }
    let init = project.layout.init_shadow_db()?;
    let key = format!(
        "{}-{}",
        ReplayCache::key(migrations, init.as_deref(), &server.namespace, server_major),
        refract_engine::state::schema_digest(schema)
    );
    let cache = cache();
    let built = match cache.get(&key) {
        Some(built) => built,
        None => {
            let replayed = replayed()?;
            let built = shadow::in_terms_of(&replayed.schema, schema, server).map_err(|e| e.to_string())?;
            cache.put(&key, &built);
            built
        }
    };
    let conflicts = state.conflicts(&built, schema);
    Ok((built, conflicts))
}

/// Records the state after the folder's newest migration (the last of `local`) in its `state.json`:
/// `schema`, and what the migrations build as PostgreSQL reported it, when known. Returns the line to
/// tell the user.
pub fn record(
    local: &[LocalMigration],
    schema: &Schema,
    database: Option<&Introspection>,
) -> Result<Option<String>, String> {
    let state = State {
        schema: schema.clone(),
        database: database.map(|d| DatabaseState {
            server_major: d.server_major,
            introspected_by: INTROSPECTED_BY.to_string(),
            schema: d.schema.clone(),
        }),
    };
    let written = refract_engine::state::record(local, &state).map_err(|e| e.to_string())?;
    Ok(written.map(|path| format!("Recorded the history's state in {}.", path.display())))
}
