//! Databases built for comparison in scratch databases on the same server (Prisma's shadow database):
//! a migration history replayed, or a schema built from nothing, then introspected.

use refract_ir::Schema;
use refract_plan::{PlanOptions, plan};

use crate::introspect::{Introspection, align, introspect};
use crate::{DatabaseUrl, Engine, EngineError, LocalMigration, ScratchDatabase, apply};

/// What the live database at `url` holds.
pub fn live(url: &DatabaseUrl) -> Result<Introspection, EngineError> {
    let mut engine = Engine::connect(url)?;
    introspect(&mut engine.client, std::slice::from_ref(&url.namespace))
}

/// What `migrations` build, replayed in order into a scratch database on `server`.
pub fn replay(server: &DatabaseUrl, migrations: &[LocalMigration]) -> Result<Introspection, EngineError> {
    let scratch = ScratchDatabase::create(server)?;
    let mut engine = Engine::connect(&scratch.url)?;
    for m in migrations {
        apply::execute_script(&mut engine.client, &format!("replaying migration `{}`", m.name), &m.script)?;
    }
    introspect(&mut engine.client, std::slice::from_ref(&server.namespace))
}

/// What `schema` builds from nothing, in a scratch database on `server`.
pub fn build(server: &DatabaseUrl, schema: &Schema) -> Result<Introspection, EngineError> {
    let scratch = ScratchDatabase::create(server)?;
    let mut engine = Engine::connect(&scratch.url)?;
    let sql = plan(&Schema::default(), schema, &PlanOptions::default()).to_sql();
    apply::execute_script(&mut engine.client, "building the schema in a scratch database", &sql)?;
    introspect(&mut engine.client, std::slice::from_ref(&server.namespace))
}

/// An introspected database in the spelling of `schema`'s IR, ready to plan against it (see [`align`]).
pub fn in_terms_of(database: &Schema, schema: &Schema, server: &DatabaseUrl) -> Result<Schema, EngineError> {
    let built = build(server, schema)?;
    Ok(align(database, &built.schema, schema))
}
