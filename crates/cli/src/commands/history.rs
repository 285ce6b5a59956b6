//! What a migrations folder builds, for `migrate dev`, `migrate check` and `migrate diff`: from its
//! state files when they account for the migrations (no database), else from a replay, told in one
//! line (see `refract_engine::state`), once it is known how: replayed, or read from this machine's
//! cache of an earlier replay. A replay's result is kept in the project's `.refract/history` (see
//! `Project::local_dir`), so a history the state files do not account for costs one replay on a
//! machine, not one per run.

use refract_engine::introspect::Introspection;
use refract_engine::state::{HistoryState, Rebuilt, ReplayCache};
use refract_engine::{DatabaseUrl, LocalMigration, shadow};
use refract_ir::Schema;
use refract_plan::state_file::{DatabaseState, INTROSPECTED_BY, State};

use super::project::Project;

/// This machine's replays of the project's histories, in the project's own folder; none when the
/// project's folder cannot be told (every replay then runs).
fn cache(project: &Project) -> Option<ReplayCache> {
    let local = project.local_dir().ok()?;
    // Best effort, as the cache itself: without the folder the next run replays again.
    let _ = super::project::make_local_dir(&local);
    Some(ReplayCache::new(local.join("history")))
}

/// What `migrations` build, as PostgreSQL reports it, on a server of major version `server_major`:
/// the state files' database form when they hold it for these migrations and that version, else this
/// machine's cached replay, else a replay on `server` (then cached). With how it was learnt, when not
/// from the state files.
pub fn database_state(
    project: &Project,
    state: &HistoryState,
    migrations: &[LocalMigration],
    server_major: u32,
    server: &DatabaseUrl,
) -> Result<(Introspection, Option<Rebuilt>), String> {
    if let Some(schema) = state.database(migrations, server_major) {
        return Ok((Introspection { schema, server_major, ..Introspection::default() }, None));
    }
    replayed(project, migrations, server_major, server).map(|(built, how)| (built, Some(how)))
}

/// What `migrations` (any list, applied in its order) build, as PostgreSQL reports it: this machine's
/// cached replay, else a replay on `server` (then cached); with which of the two it was.
pub fn replayed(
    project: &Project,
    migrations: &[LocalMigration],
    server_major: u32,
    server: &DatabaseUrl,
) -> Result<(Introspection, Rebuilt), String> {
    let init = project.layout.init_shadow_db()?;
    let key = ReplayCache::key(migrations, init.as_deref(), &server.namespace, server_major);
    let cache = cache(project);
    if let Some(schema) = cache.as_ref().and_then(|c| c.get(&key)) {
        return Ok((Introspection { schema, server_major, ..Introspection::default() }, Rebuilt::Cached));
    }
    let replayed = shadow::replay(server, migrations, init.as_deref()).map_err(|e| e.to_string())?;
    if replayed.server_major == server_major
        && let Some(cache) = &cache
    {
        cache.put(&key, &replayed.schema);
    }
    Ok((replayed, Rebuilt::Replayed))
}

/// `error` (from learning what the history builds) with why the history had to be replayed, when
/// the state files did not tell: a replay that fails (no CREATEDB, a migration the server refuses)
/// then says why it was run at all.
pub fn with_rebuild_reason(state: &HistoryState, error: String) -> String {
    match state.rebuild_reason() {
        Some(reason) if !error.is_empty() => {
            format!("{error}\n  note: a replay is needed because {reason}")
        }
        _ => error,
    }
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
/// differently (see `HistoryState::conflicts`) and how the state was learnt when the state files did
/// not hold it (`HistoryState::rebuild_note` says it). `replayed` gives how it learnt its part.
///
/// The result is cached like a replay, keyed also by the schema (`migrations` are the folder's,
/// `server_major` the version of `server`):
/// bringing a replay into the schema's spelling costs a scratch build of the schema.
pub fn schema_state(
    project: &Project,
    state: &HistoryState,
    migrations: &[LocalMigration],
    replayed: impl FnOnce() -> Result<(Introspection, Option<Rebuilt>), String>,
    schema: &Schema,
    server: &DatabaseUrl,
    server_major: u32,
) -> Result<(Schema, Vec<String>, Option<Rebuilt>), String> {
    if let Some(s) = state.schema() {
        return Ok((s, Vec::new(), None));
    }
    let init = project.layout.init_shadow_db()?;
    let key = format!(
        "{}-{}",
        ReplayCache::key(migrations, init.as_deref(), &server.namespace, server_major),
        refract_engine::state::schema_digest(schema)
    );
    let cache = cache(project);
    let (built, how) = match cache.as_ref().and_then(|c| c.get(&key)) {
        Some(built) => (built, Some(Rebuilt::Cached)),
        None => {
            let (replayed, how) = replayed()?;
            let built = shadow::in_terms_of(&replayed.schema, schema, server).map_err(|e| e.to_string())?;
            if let Some(cache) = &cache {
                cache.put(&key, &built);
            }
            (built, how)
        }
    };
    let conflicts = state.conflicts(&built, schema);
    Ok((built, conflicts, how))
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
