//! Databases built for comparison in scratch databases on the same server (Prisma's shadow database):
//! a migration history replayed, or a schema built from nothing, then introspected.

use refract_ir::{Extension, Schema};
use refract_plan::{PlanOptions, plan};

use crate::introspect::{Introspection, align, introspect};
use crate::{DatabaseUrl, Engine, EngineError, LocalMigration, ScratchDatabase, apply};

/// What the live database at `url` holds.
pub fn live(url: &DatabaseUrl) -> Result<Introspection, EngineError> {
    let mut engine = Engine::connect(url)?;
    introspect(&mut engine.client, std::slice::from_ref(&url.namespace))
}

/// What `migrations` build, replayed in order into a scratch database on `server`. `init` runs first:
/// prisma.config.ts's `migrations.initShadowDb`, what the history expects but does not create.
pub fn replay(
    server: &DatabaseUrl,
    migrations: &[LocalMigration],
    init: Option<&str>,
) -> Result<Introspection, EngineError> {
    let mut replayed = Replayed::new(server, migrations, init)?;
    introspect(&mut replayed.engine.client, std::slice::from_ref(&server.namespace))
}

/// A scratch database on a server that `migrations` were replayed into (after `init`), still open for
/// more SQL or questions; dropped with this value.
pub struct Replayed {
    // Declared first, so the connection closes before the database is dropped.
    pub engine: Engine,
    _database: ScratchDatabase,
}

impl Replayed {
    pub fn new(
        server: &DatabaseUrl,
        migrations: &[LocalMigration],
        init: Option<&str>,
    ) -> Result<Replayed, EngineError> {
        let database = ScratchDatabase::create(server)?;
        let mut engine = Engine::connect(&database.url)?;
        if let Some(sql) = init {
            apply::execute_script(&mut engine.client, "running migrations.initShadowDb of prisma.config.ts", sql)?;
        }
        for m in migrations {
            apply::execute_script(&mut engine.client, &format!("replaying migration `{}`", m.name), &m.script)?;
        }
        Ok(Replayed { engine, _database: database })
    }
}

/// What `schema` builds from nothing, in a scratch database on `server`. `extensions` are created
/// first: those a history or a live database has but the schema does not declare (teams create them
/// in a hand-written migration, and the schema still uses their types and operator classes).
pub fn build(server: &DatabaseUrl, schema: &Schema, extensions: &[Extension]) -> Result<Introspection, EngineError> {
    let scratch = ScratchDatabase::create(server)?;
    let mut engine = Engine::connect(&scratch.url)?;
    for e in extensions.iter().filter(|e| !schema.extensions.iter().any(|d| d.name == e.name)) {
        let sql = format!("CREATE EXTENSION IF NOT EXISTS {}", refract_ir::quote_identifier(&e.name));
        engine.client.batch_execute(&sql).map_err(|error| {
            EngineError::database(
                &format!("creating extension `{}` (the database has it) in a scratch database", e.name),
                &sql,
                &error,
            )
        })?;
    }
    let sql = plan(&Schema::default(), schema, &PlanOptions::default()).to_sql();
    apply::execute_script(&mut engine.client, "building the schema in a scratch database", &sql).map_err(
        |e| match e {
            EngineError::Database { context, statement, message } => {
                let message = match missing_extension(&message) {
                    Some(hint) => format!("{message}\n  help: {hint}"),
                    None => message,
                };
                EngineError::Database { context, statement, message }
            }
            other => other,
        },
    )?;
    introspect(&mut engine.client, std::slice::from_ref(&server.namespace))
}

/// An introspected database in the spelling of `schema`'s IR, ready to plan against it (see [`align`]).
pub fn in_terms_of(database: &Schema, schema: &Schema, server: &DatabaseUrl) -> Result<Schema, EngineError> {
    let built = build(server, schema, &database.extensions)?;
    Ok(align(database, &built.schema, schema))
}

/// Types, operator classes and functions that come from an extension, by the names PostgreSQL's
/// "does not exist" errors quote, with the extension that provides them.
const FROM_EXTENSIONS: &[(&str, &str)] = &[
    ("citext", "citext"),
    ("hstore", "hstore"),
    ("ltree", "ltree"),
    ("lquery", "ltree"),
    ("cube", "cube"),
    ("earth", "earthdistance"),
    ("isbn", "isn"),
    ("issn", "isn"),
    ("ean13", "isn"),
    ("seg", "seg"),
    ("geometry", "postgis"),
    ("geography", "postgis"),
    ("vector", "vector"),
    ("halfvec", "vector"),
    ("sparsevec", "vector"),
    ("gin_trgm_ops", "pg_trgm"),
    ("gist_trgm_ops", "pg_trgm"),
    ("gin_hstore_ops", "hstore"),
    ("gist_hstore_ops", "hstore"),
    ("gist_ltree_ops", "ltree"),
    ("gin_bigm_ops", "pg_bigm"),
    ("vector_cosine_ops", "vector"),
    ("vector_l2_ops", "vector"),
    ("vector_ip_ops", "vector"),
    ("uuid_generate_v4", "uuid-ossp"),
    ("uuid_generate_v1", "uuid-ossp"),
    ("gen_random_bytes", "pgcrypto"),
    ("crypt", "pgcrypto"),
    ("digest", "pgcrypto"),
    ("unaccent", "unaccent"),
    ("similarity", "pg_trgm"),
];

/// What to do when a schema needs an extension it does not declare and the database does not have:
/// from PostgreSQL's `type "citext" does not exist` (or operator class, or function) message.
pub fn missing_extension(message: &str) -> Option<String> {
    if !message.contains("does not exist") {
        return None;
    }
    let quoted = message.split('"').skip(1).step_by(2);
    let functions = message.split("function ").skip(1).filter_map(|rest| rest.split('(').next());
    let (name, extension) = quoted.chain(functions).find_map(|name| {
        let bare = name.rsplit('.').next().unwrap_or(name);
        FROM_EXTENSIONS.iter().find(|(n, _)| *n == bare).map(|(_, e)| (bare, *e))
    })?;
    // A name with a dash is declared under an identifier, mapped to its real name.
    let declared = if extension.contains('-') {
        format!("{}(map: \"{extension}\")", extension.replace('-', "_"))
    } else {
        extension.to_string()
    };
    Some(format!(
        "`{name}` comes from the extension `{extension}`, which neither the schema nor the database has: \
         declare it in the datasource (`extensions = [{declared}]`, with `previewFeatures = [\"postgresqlExtensions\"]` \
         in the generator for Prisma), or create it in a migration (`CREATE EXTENSION IF NOT EXISTS \"{extension}\";`)"
    ))
}

#[cfg(test)]
mod tests {
    use super::missing_extension;

    #[test]
    fn missing_extensions_are_named() {
        let hint = missing_extension("ERROR (42704): type \"citext\" does not exist").unwrap();
        assert!(hint.contains("`citext`") && hint.contains("extensions = [citext]"), "{hint}");
        let hint = missing_extension(
            "ERROR (42704): operator class \"gin_trgm_ops\" does not exist for access method \"gin\"",
        )
        .unwrap();
        assert!(hint.contains("extension `pg_trgm`"), "{hint}");
        let hint = missing_extension("ERROR (42883): function uuid_generate_v4() does not exist").unwrap();
        assert!(hint.contains("extensions = [uuid_ossp(map: \"uuid-ossp\")]"), "{hint}");
        assert_eq!(missing_extension("ERROR (42P01): relation \"Item\" does not exist"), None);
    }
}
