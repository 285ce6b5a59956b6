//! Squashing a run of migrations into one (`refract migrate squash`, Prisma #5714).
//!
//! The squashed SQL builds what the run built, from what the migrations before it built: the schema's
//! part planned in one go between the two replayed states (a table created, altered and renamed over
//! ten migrations is one CREATE TABLE), and the statements the schema model does not hold (functions,
//! triggers, views, grants, row level security, `DO` blocks, ...) kept as written, in their order:
//! those that define what tables may use (functions, sequences, types, domains) before the plan, the
//! rest after it. Statements that only move data (INSERT, UPDATE, DELETE, ...) are left out and listed.
//! The result is checked before anything is written: built on a scratch database after the earlier
//! migrations, it must give what the original run gives, tables and SQL-only objects alike.
//!
//! The squashed migration.sql names the migrations it replaces, with their checksums
//! (`-- refract:squashes <checksum> <name>`): `migrate deploy` records it as applied, without running it,
//! on a database that ran all of them (see [`Replaced`]).

use postgres::Client;
use refract_plan::{PlanOptions, plan};
use refract_script::Script;
use refract_script::effects::unreversed;

use crate::introspect::Introspection;
use crate::{DatabaseUrl, EngineError, LocalMigration, apply, shadow};

/// The line that names a migration a squashed one replaces.
pub const SQUASHES: &str = "-- refract:squashes ";

/// A migration a squashed migration replaces, as its header names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    pub name: String,
    pub checksum: String,
}

/// The migrations `script` says it squashes (none for an ordinary migration).
pub fn replaced(script: &str) -> Vec<Replaced> {
    script
        .lines()
        .take_while(|l| l.starts_with("--") || l.trim().is_empty())
        .filter_map(|l| l.strip_prefix(SQUASHES))
        .filter_map(|rest| {
            let (checksum, name) = rest.trim_end().split_once(' ')?;
            Some(Replaced { name: name.to_string(), checksum: checksum.to_string() })
        })
        .collect()
}

/// A squashed migration, checked.
#[derive(Debug)]
pub struct Squashed {
    /// The migration.sql.
    pub sql: String,
    /// Its way back: what the migrations before the run build, from what the run built.
    pub way_back: String,
    /// The statements left out (they only move data), as `migration: first line`.
    pub left_out: Vec<String>,
    /// How many statements outside the schema model were kept.
    pub kept: usize,
}

/// What moves data and builds nothing.
const DATA_ONLY: &[&str] = &["INSERT", "UPDATE", "DELETE", "COPY", "TRUNCATE", "MERGE"];

/// What tables may use, so it goes before the plan.
fn defines(what: &str) -> bool {
    ["CREATE FUNCTION", "CREATE PROCEDURE", "CREATE SEQUENCE", "CREATE DOMAIN", "CREATE TYPE", "CREATE AGGREGATE"]
        .contains(&what)
        || what == "CREATE COLLATION"
        || what == "CREATE OPERATOR"
}

/// Squashes `run`, which applies after `before`, replaying both on scratch databases of `server`
/// (`init`: prisma.config.ts's `migrations.initShadowDb`).
pub fn squash(
    server: &DatabaseUrl,
    before: &[LocalMigration],
    run: &[LocalMigration],
    init: Option<&str>,
) -> Result<Squashed, EngineError> {
    let start = shadow::replay(server, before, init)?;
    let all: Vec<LocalMigration> = before.iter().chain(run).cloned().collect();
    let (end, end_objects) = replay_with_objects(server, &all, init)?;

    let mut defining = Vec::new();
    let mut after = Vec::new();
    let mut left_out = Vec::new();
    for m in run {
        let script = Script::parse(&m.script);
        let statements: Vec<&refract_script::Statement> = script.segments.iter().flat_map(|s| &s.statements).collect();
        for u in unreversed(&script) {
            let Some(statement) = statements.iter().find(|s| s.number == u.statement) else { continue };
            if DATA_ONLY.contains(&u.what.as_str()) {
                left_out.push(format!("{}: {}", m.name, u.excerpt));
            } else if defines(&u.what) {
                defining.push((m.name.as_str(), statement.sql.clone()));
            } else {
                after.push((m.name.as_str(), statement.sql.clone()));
            }
        }
        // COMMENT ON an object the schema model does not hold (a function, a view, a trigger).
        for s in &statements {
            if comments_outside_the_model(&s.sql) {
                after.push((m.name.as_str(), s.sql.clone()));
            }
        }
    }
    let options = PlanOptions { comments: true, ..PlanOptions::default() };
    let planned = plan(&start.schema, &end.schema, &options);

    let mut sql = String::new();
    for m in run {
        sql.push_str(&format!("{SQUASHES}{} {}\n", m.checksum, m.name));
    }
    sql.push_str(&format!(
        "-- Squashed by `refract migrate squash`: {} migrations ({} to {}).\n",
        run.len(),
        run.first().map_or("", |m| m.name.as_str()),
        run.last().map_or("", |m| m.name.as_str())
    ));
    let kept = defining.len() + after.len();
    let verbatim = |out: &mut String, statements: &[(&str, String)], heading: &str| {
        if !statements.is_empty() {
            out.push_str(&format!("\n-- {heading}\n"));
            for (from, statement) in statements {
                out.push_str(&format!("-- from {from}\n{};\n\n", statement.trim_end()));
            }
        }
    };
    verbatim(&mut sql, &defining, "Outside the schema: what tables may use");
    if !planned.is_empty() {
        sql.push('\n');
        sql.push_str(&planned.to_sql());
    }
    verbatim(&mut sql, &after, "Outside the schema: functions' triggers, views, grants, ...");

    // The check: the squashed migration after `before` builds what the run built.
    let mut scratch = shadow::Replayed::new(server, before, init)?;
    let client = &mut scratch.engine.client;
    apply::execute_script(client, "building the squashed migration in a scratch database", &sql)?;
    let built = crate::introspect::introspect(client, std::slice::from_ref(&server.namespace))?;
    let built_objects = objects(client, &server.namespace)?;
    let mut differences: Vec<String> =
        plan(&built.schema, &end.schema, &options).steps.iter().map(|s| s.describe()).collect();
    differences.extend(end_objects.iter().filter(|o| !built_objects.contains(o)).map(|o| format!("missing: {o}")));
    differences.extend(built_objects.iter().filter(|o| !end_objects.contains(o)).map(|o| format!("extra: {o}")));
    if !differences.is_empty() {
        return Err(EngineError::Usage(format!(
            "the squashed migration would not build what the {} migrations build, so nothing was written:\n    - {}\n  help: squash a shorter run (--from, --to) around the migrations involved",
            run.len(),
            differences.join("\n    - ")
        )));
    }
    let way_back = plan(&end.schema, &start.schema, &PlanOptions::default()).to_sql();
    Ok(Squashed { sql, way_back, left_out, kept })
}

/// `COMMENT ON` a function, procedure, view, trigger, sequence, policy, ...: not what the schema model
/// holds (tables, columns, types).
fn comments_outside_the_model(sql: &str) -> bool {
    let words: Vec<String> = sql.split_whitespace().take(4).map(|w| w.to_ascii_uppercase()).collect();
    words.len() >= 3
        && words[0] == "COMMENT"
        && words[1] == "ON"
        && !["TABLE", "COLUMN", "TYPE", "SCHEMA", "EXTENSION", "INDEX", "CONSTRAINT"].contains(&words[2].as_str())
}

fn replay_with_objects(
    server: &DatabaseUrl,
    migrations: &[LocalMigration],
    init: Option<&str>,
) -> Result<(Introspection, Vec<String>), EngineError> {
    let mut replayed = shadow::Replayed::new(server, migrations, init)?;
    let client = &mut replayed.engine.client;
    let introspection = crate::introspect::introspect(client, std::slice::from_ref(&server.namespace))?;
    let objects = objects(client, &server.namespace)?;
    Ok((introspection, objects))
}

/// The objects of `namespace` the schema model does not hold, each as one line with its definition as
/// PostgreSQL prints it: functions and procedures (not an extension's), triggers, views, sequences,
/// domains, privileges, row level security and policies, and their comments.
pub fn objects(client: &mut Client, namespace: &str) -> Result<Vec<String>, EngineError> {
    const SQL: &str = "
        WITH ns AS (SELECT oid FROM pg_namespace WHERE nspname = $1),
        own_functions AS (
            SELECT p.oid FROM pg_proc p WHERE p.pronamespace IN (SELECT oid FROM ns) AND p.prokind IN ('f', 'p', 'a')
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
        )
        SELECT 'function ' || p.oid::regprocedure::text || ': ' || md5(pg_get_functiondef(p.oid))
               || coalesce(' grants ' || p.proacl::text, '') || coalesce(' comment ' || obj_description(p.oid, 'pg_proc'), '')
          FROM pg_proc p WHERE p.oid IN (SELECT oid FROM own_functions) AND p.prokind IN ('f', 'p')
        UNION ALL
        SELECT 'trigger ' || c.relname || '.' || t.tgname || ': ' || pg_get_triggerdef(t.oid)
               || coalesce(' comment ' || obj_description(t.oid, 'pg_trigger'), '')
          FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
         WHERE c.relnamespace IN (SELECT oid FROM ns) AND NOT t.tgisinternal
        UNION ALL
        SELECT CASE c.relkind WHEN 'v' THEN 'view ' WHEN 'm' THEN 'materialized view ' ELSE 'sequence ' END
               || c.relname || ': ' || CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) ELSE '' END
               || coalesce(' comment ' || obj_description(c.oid, 'pg_class'), '')
          FROM pg_class c
         WHERE c.relnamespace IN (SELECT oid FROM ns) AND c.relkind IN ('v', 'm', 'S')
           AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))
        UNION ALL
        SELECT 'privileges on ' || c.relname || ': ' || c.relacl::text
          FROM pg_class c WHERE c.relnamespace IN (SELECT oid FROM ns) AND c.relacl IS NOT NULL
           AND c.relname <> '_prisma_migrations'
        UNION ALL
        SELECT 'row level security on ' || c.relname || ': ' || c.relrowsecurity || ' ' || c.relforcerowsecurity
          FROM pg_class c WHERE c.relnamespace IN (SELECT oid FROM ns) AND (c.relrowsecurity OR c.relforcerowsecurity)
        UNION ALL
        SELECT 'policy ' || p.polname || ' on ' || c.relname || ': ' || p.polcmd::text || ' '
               || coalesce(pg_get_expr(p.polqual, p.polrelid), '') || ' ' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '')
               || ' ' || p.polroles::text
          FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid WHERE c.relnamespace IN (SELECT oid FROM ns)
        UNION ALL
        SELECT 'domain ' || t.typname || ': ' || format_type(t.typbasetype, t.typtypmod)
          FROM pg_type t WHERE t.typnamespace IN (SELECT oid FROM ns) AND t.typtype = 'd'
        ORDER BY 1";
    let rows = client
        .query(SQL, &[&namespace])
        .map_err(|e| EngineError::database("reading the objects outside the schema model", SQL, &e))?;
    Ok(rows.iter().map(|r| r.get::<_, String>(0)).collect())
}

/// The folder of the migration that squashes `local[from..=to]`: the last one's timestamp (or whole
/// name, when it has none) and `name`, so it applies where the run did, before the migrations after it.
pub fn folder_name(local: &[LocalMigration], from: usize, to: usize, name: &str) -> Result<String, EngineError> {
    let last = &local[to].name;
    let stamp = last.get(..14).filter(|s| s.bytes().all(|b| b.is_ascii_digit())).unwrap_or(last);
    let folder = format!("{stamp}_{}", crate::migrations::folder_safe(name));
    let after_ok = from == 0 || local[from - 1].name < folder;
    let before_ok = local.get(to + 1).is_none_or(|next| folder < next.name);
    let taken = local.iter().enumerate().any(|(i, m)| !(from..=to).contains(&i) && m.name == folder);
    if !after_ok || !before_ok || taken {
        return Err(EngineError::Usage(format!(
            "the squashed migration's folder `{folder}` would not apply where the migrations it replaces did              (between `{}` and `{}`); choose another --name",
            from.checked_sub(1).map_or("the start", |i| local[i].name.as_str()),
            local.get(to + 1).map_or("the end", |m| m.name.as_str())
        )));
    }
    Ok(folder)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_names_what_a_squash_replaces() {
        let sql = "-- refract:squashes abc 20240101000000_init\n-- refract:squashes def 02 with space\n-- Squashed\nCREATE TABLE t ();\n-- refract:squashes x not_header\n";
        assert_eq!(
            replaced(sql),
            [
                Replaced { name: "20240101000000_init".into(), checksum: "abc".into() },
                Replaced { name: "02 with space".into(), checksum: "def".into() },
            ]
        );
        assert!(replaced("CREATE TABLE t ();\n").is_empty());
    }
}
