//! Which database each command talks to, as a team deploying to production runs it: the `refract`
//! binary in a project folder, with the environment the test gives it and nothing else (no
//! DATABASE_URL inherited), against a real PostgreSQL. Each test makes and drops its own databases.

use std::path::Path;
use std::process::Output;

use refract_e2e::{Cli, Scratch, TestDb, output_text as text};

const MIGRATION: &str = "-- CreateTable\nCREATE TABLE \"Note\" (\n    \"id\" SERIAL NOT NULL,\n    \"title\" TEXT NOT NULL,\n\n    CONSTRAINT \"Note_pkey\" PRIMARY KEY (\"id\")\n);\n";

const MODEL: &str = "\nmodel Note {\n  id    Int    @id @default(autoincrement())\n  title String\n}\n";

/// A Prisma-style project: `prisma/schema.prisma` with this datasource body, and one migration.
fn project(label: &str, datasource: &str) -> Scratch {
    let scratch = Scratch::new(label);
    scratch.file(
        "prisma/schema.prisma",
        &format!("datasource db {{\n  provider = \"postgresql\"\n{datasource}}}\n{MODEL}"),
    );
    scratch.file("prisma/migrations/20240101000000_init/migration.sql", MIGRATION);
    scratch.file("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
    scratch
}

/// The binary in `dir` with only these variables set (besides PATH and HOME); an embedded database it
/// might start is the project's own, so it is visible and never shared (`refract_e2e::Cli`).
fn run_in(dir: &Path, args: &[&str], vars: &[(&str, &str)]) -> Output {
    vars.iter().fold(Cli::new(env!("CARGO_BIN_EXE_refract"), dir), |cli, (k, v)| cli.env(k, v)).run(args)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn has_note_table(db: &mut TestDb) -> bool {
    db.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = 'Note'") == 1
}

fn applied(db: &mut TestDb) -> i64 {
    let exists = db.count("SELECT count(*) FROM pg_tables WHERE tablename = '_prisma_migrations'");
    if exists == 0 { 0 } else { db.count("SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL") }
}

fn embedded_started(dir: &Path) -> bool {
    dir.join(".refract/pg").exists()
}

#[test]
fn deploy_uses_the_variable_the_schema_names() {
    let mut db = TestDb::new("conn_named");
    let scratch = project("conn-named", "  url      = env(\"POSTGRES_PRISMA_URL\")\n");
    let out = run_in(scratch.path(), &["migrate", "deploy"], &[("POSTGRES_PRISMA_URL", &db.url())]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(has_note_table(&mut db));
    assert_eq!(applied(&mut db), 1);
    // The first line says which database, where the URL came from, and no password.
    let first = stderr(&out).lines().next().unwrap_or_default().to_string();
    assert!(first.starts_with("Database: "), "{first}");
    assert!(first.contains(&db.name) && first.contains("POSTGRES_PRISMA_URL from the environment"), "{first}");
    assert!(first.contains("prisma/schema.prisma:3:14"), "{first}");
    assert!(!embedded_started(scratch.path()));
}

#[test]
fn a_missing_or_empty_variable_is_an_error_never_the_embedded_database() {
    let scratch = project("conn-missing", "  url      = env(\"MY_PROD_URL\")\n");
    // DATABASE_URL is set (to a database that must stay untouched): the schema names another variable.
    let mut other = TestDb::new("conn_untouched");
    for vars in [vec![("DATABASE_URL", other.url())], vec![("MY_PROD_URL", String::new())]] {
        let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
        for command in [
            &["migrate", "deploy"][..],
            &["migrate", "status"],
            &["migrate", "resolve", "--applied", "20240101000000_init"],
            &["db", "execute", "--file", "prisma/migrations/20240101000000_init/migration.sql"],
        ] {
            let out = run_in(scratch.path(), command, &vars);
            assert_eq!(out.status.code(), Some(1), "{command:?} {vars:?}: {}", text(&out));
            let err = stderr(&out);
            assert!(err.contains("MY_PROD_URL"), "{command:?}: {err}");
            assert!(err.contains("prisma/schema.prisma:3:14"), "{command:?}: {err}");
            if vars[0].0 == "MY_PROD_URL" {
                assert!(err.contains("is empty"), "{err}");
            } else {
                assert!(err.contains("not found") && err.contains("looked in the environment"), "{err}");
            }
            assert!(!embedded_started(scratch.path()), "{command:?} started the embedded database");
        }
    }
    assert!(!has_note_table(&mut other));
    assert_eq!(applied(&mut other), 0);
}

#[test]
fn migrations_land_on_the_direct_url() {
    let mut pooled = TestDb::new("conn_pooled");
    let mut direct = TestDb::new("conn_direct");
    let scratch = project("conn-direct", "  url       = env(\"DATABASE_URL\")\n  directUrl = env(\"DIRECT_URL\")\n");
    let vars = [("DATABASE_URL", pooled.url()), ("DIRECT_URL", direct.url())];
    let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let out = run_in(scratch.path(), &["migrate", "deploy"], &vars);
    assert!(out.status.success(), "{}", text(&out));
    assert!(stderr(&out).lines().next().unwrap().contains("`directUrl`"), "{}", text(&out));
    assert!(has_note_table(&mut direct));
    assert!(!has_note_table(&mut pooled));
    let out = run_in(scratch.path(), &["migrate", "status"], &vars);
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn a_pooled_url_without_direct_url_is_refused_for_migrations() {
    let mut db = TestDb::new("conn_bouncer");
    let scratch = project("conn-bouncer", "  url = env(\"DATABASE_URL\")\n");
    let pooled = format!("{}?pgbouncer=true&connection_limit=1", db.url());
    let out = run_in(scratch.path(), &["migrate", "deploy"], &[("DATABASE_URL", &pooled)]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let err = stderr(&out);
    assert!(err.contains("pgbouncer=true") && err.contains("directUrl"), "{err}");
    assert!(!has_note_table(&mut db));
    // Reading is allowed, with the warning.
    let out = run_in(scratch.path(), &["migrate", "status"], &[("DATABASE_URL", &pooled)]);
    assert!(stderr(&out).contains("warning: the database URL"), "{}", text(&out));
    // Prisma Accelerate URLs are not PostgreSQL connections.
    let out = run_in(
        scratch.path(),
        &["migrate", "deploy"],
        &[("DATABASE_URL", "prisma://accelerate.prisma-data.net/?api_key=secret")],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("Accelerate") && !stderr(&out).contains("secret"), "{}", text(&out));
}

#[test]
fn dot_env_beside_the_schema_is_read_with_expansion() {
    let mut db = TestDb::new("conn_dotenv");
    let scratch = project("conn-dotenv", "  url = env(\"APP_DATABASE_URL\")\n");
    let (base, name) = db.url().rsplit_once('/').map(|(b, n)| (b.to_string(), n.to_string())).unwrap();
    scratch.file(
        "prisma/.env",
        &format!("# written by hand\nDB_SERVER=\"{base}\"\nDB_NAME={name}\nAPP_DATABASE_URL=\"${{DB_SERVER}}/${{DB_NAME}}\"\n"),
    );
    let out = run_in(scratch.path(), &["migrate", "deploy"], &[]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(stderr(&out).lines().next().unwrap().contains("APP_DATABASE_URL from prisma/.env"), "{}", text(&out));
    assert!(has_note_table(&mut db));

    // The process environment wins over .env, as in Prisma.
    let mut other = TestDb::new("conn_dotenv_env");
    let out = run_in(scratch.path(), &["migrate", "deploy"], &[("APP_DATABASE_URL", &other.url())]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(has_note_table(&mut other));

    // The same variable with two values in ./.env and prisma/.env is refused, as Prisma refuses it.
    scratch.file(".env", "APP_DATABASE_URL=postgres://elsewhere/db\n");
    let out = run_in(scratch.path(), &["migrate", "status"], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("conflict") && stderr(&out).contains("APP_DATABASE_URL"), "{}", text(&out));
}

#[test]
fn prisma_7_config_names_the_database() {
    let mut db = TestDb::new("conn_config");
    let scratch = project("conn-config", "");
    scratch.file(
        "prisma.config.ts",
        "import 'dotenv/config'\nimport { defineConfig, env } from 'prisma/config'\n\nexport default defineConfig({\n  schema: 'prisma/schema.prisma',\n  migrations: { path: 'prisma/migrations' },\n  datasource: {\n    url: env('PRIMARY_URL'),\n  },\n})\n",
    );
    let out = run_in(scratch.path(), &["migrate", "deploy"], &[("PRIMARY_URL", &db.url())]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(stderr(&out).lines().next().unwrap().contains("`datasource.url` in ./prisma.config.ts"), "{}", text(&out));
    assert!(has_note_table(&mut db));

    // A value only Node could compute is named, with what to do instead.
    scratch.file(
        "prisma.config.ts",
        "export default defineConfig({ datasource: { url: process.env.A ?? process.env.B } })\n",
    );
    let out = run_in(scratch.path(), &["migrate", "status"], &[("A", &db.url())]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("datasource.url") && stderr(&out).contains("refract.toml"), "{}", text(&out));
}

#[test]
fn prisma_config_names_the_database_over_a_url_the_schema_still_carries() {
    let mut db = TestDb::new("conn_config_over");
    let mut other = TestDb::new("conn_config_over_other");
    // A Prisma 6 schema moved to Prisma 7's config, the schema's `url` left in place.
    let scratch = project("conn-config-over", "  url      = env(\"DATABASE_URL\")\n");
    scratch.file(
        "prisma.config.ts",
        "import { defineConfig, env } from 'prisma/config'\n\nexport default defineConfig({\n  schema: 'prisma/schema.prisma',\n  datasource: { url: env('APP_URL') },\n})\n",
    );
    // DATABASE_URL unset: the config's database, not the embedded one.
    let out =
        run_in(scratch.path(), &["migrate", "dev", "--name", "noop", "--skip-generate"], &[("APP_URL", &db.url())]);
    assert!(out.status.success(), "{}", text(&out));
    let first = stderr(&out).lines().next().unwrap_or_default().to_string();
    assert!(first.contains(&db.name) && first.contains("`datasource.url` in ./prisma.config.ts"), "{first}");
    assert!(first.contains("`url` at ./prisma/schema.prisma:3:14") && first.contains("not used"), "{first}");
    assert!(has_note_table(&mut db));
    assert!(!embedded_started(scratch.path()));
    // DATABASE_URL set to another database: the config's still wins, as in Prisma 7.
    let out = run_in(scratch.path(), &["migrate", "deploy"], &[("APP_URL", &db.url()), ("DATABASE_URL", &other.url())]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(stderr(&out).lines().next().unwrap_or_default().contains(&db.name), "{}", text(&out));
    assert!(!has_note_table(&mut other));
}

#[test]
fn prisma7_config_files_are_read_before_prisma_config_files() {
    let mut db = TestDb::new("conn_prisma7_config");
    let scratch = project("conn-prisma7-config", "");
    // Prisma 7.10 writes prisma7.config.ts and reads every prisma7.config.* before prisma.config.*.
    scratch.file(
        "prisma.config.ts",
        "export default defineConfig({ datasource: { url: 'postgres://nowhere.invalid/x' } })\n",
    );
    scratch.file(
        "prisma7.config.mjs",
        "export default defineConfig({ schema: 'prisma/schema.prisma', datasource: { url: env('PRIMARY_URL') } })\n",
    );
    let out = run_in(scratch.path(), &["migrate", "deploy"], &[("PRIMARY_URL", &db.url())]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        stderr(&out).lines().next().unwrap().contains("`datasource.url` in ./prisma7.config.mjs"),
        "{}",
        text(&out)
    );
    assert!(has_note_table(&mut db));
    // prisma7.config.ts before its other extensions, as before prisma.config.ts.
    scratch.file("prisma7.config.ts", "export default defineConfig({ datasource: { url: env('SECOND_URL') } })\n");
    let out = run_in(scratch.path(), &["migrate", "status"], &[("PRIMARY_URL", &db.url())]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(stderr(&out).contains("SECOND_URL") && stderr(&out).contains("prisma7.config.ts"), "{}", text(&out));
}

#[test]
fn refract_toml_names_the_database_when_the_schema_does_not() {
    let mut db = TestDb::new("conn_toml");
    let scratch = project("conn-toml", "");
    let (server, name) = db.url().rsplit_once('/').map(|(b, n)| (b.to_string(), n.to_string())).unwrap();
    scratch.file("refract.toml", &format!("schema = \"prisma/schema.prisma\"\n\n[db]\nurl = \"${{SERVER}}/{name}\"\n"));
    let out = run_in(scratch.path(), &["migrate", "deploy"], &[("SERVER", &server)]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(has_note_table(&mut db));
    // The flag wins over everything.
    let mut other = TestDb::new("conn_flag");
    let out =
        run_in(scratch.path(), &["migrate", "deploy", "--url", &other.url()], &[("SERVER", "postgres://nowhere:1")]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(has_note_table(&mut other));
}

#[test]
fn with_no_database_anywhere_deploy_refuses_and_dev_uses_the_embedded_one() {
    let scratch = project("conn-none", "");
    for command in [&["migrate", "deploy"][..], &["migrate", "status"], &["db", "pull", "--print"]] {
        let out = run_in(scratch.path(), command, &[]);
        assert_eq!(out.status.code(), Some(1), "{command:?}: {}", text(&out));
        assert!(stderr(&out).contains("no database configured") && stderr(&out).contains("--dev-db"), "{}", text(&out));
        assert!(!embedded_started(scratch.path()), "{command:?} started the embedded database");
    }
    // migrate check works without a database, and says what it did not check.
    let out = run_in(scratch.path(), &["migrate", "check"], &[]);
    assert!(text(&out).contains("drift not checked"), "{}", text(&out));

    // Development commands start the embedded database, and say so first.
    let out = run_in(scratch.path(), &["migrate", "dev", "--name", "noop"], &[]);
    let stop = run_in(scratch.path(), &["dev-db", "stop"], &[]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(stop.status.success(), "{}", text(&stop));
    assert!(
        stderr(&out).lines().next().unwrap().starts_with("Database: the embedded development database"),
        "{}",
        text(&out)
    );
    assert!(embedded_started(scratch.path()));
}

#[test]
fn development_commands_fall_back_to_the_embedded_database_only_when_the_variable_is_unset() {
    let scratch = project("conn-dev-unset", "  url = env(\"DATABASE_URL\")\n");
    let out = run_in(scratch.path(), &["migrate", "dev", "--name", "noop"], &[("DATABASE_URL", "")]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(stderr(&out).contains("is empty"), "{}", text(&out));
    assert!(!embedded_started(scratch.path()));
    let out = run_in(scratch.path(), &["migrate", "dev", "--name", "noop"], &[]);
    let stop = run_in(scratch.path(), &["dev-db", "stop"], &[]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(stop.status.success(), "{}", text(&stop));
    let first = stderr(&out).lines().next().unwrap().to_string();
    assert!(first.contains("embedded") && first.contains("DATABASE_URL"), "{first}");
}

#[test]
fn the_advisory_lock_can_be_disabled_as_in_prisma() {
    let mut db = TestDb::new("conn_nolock");
    let scratch = project("conn-nolock", "  url = env(\"DATABASE_URL\")\n");
    db.client.batch_execute("SELECT pg_advisory_lock(72707369)").unwrap();
    let url = db.url();
    let out = run_in(scratch.path(), &["migrate", "deploy"], &[("DATABASE_URL", &url), ("REFRACT_LOCK_TIMEOUT", "1")]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(stderr(&out).contains("migration lock"), "{}", text(&out));
    let out = run_in(
        scratch.path(),
        &["migrate", "deploy"],
        &[("DATABASE_URL", &url), ("PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK", "1")],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(stderr(&out).contains("PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK"), "{}", text(&out));
    assert!(has_note_table(&mut db));
}

#[test]
fn a_database_that_does_not_answer_gives_one_clear_message() {
    let scratch = project("conn-down", "  url = env(\"DATABASE_URL\")\n");
    // A closed port on this machine: refused at once.
    let out =
        run_in(scratch.path(), &["migrate", "status"], &[("DATABASE_URL", "postgres://app:hunter2@127.0.0.1:1/app")]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("127.0.0.1:1") && !err.contains("hunter2"), "{err}");
    // A port that accepts connections and never answers (a wrong port, a stuck proxy): the
    // connect_timeout ends the wait with one message instead of a hang.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    let started = std::time::Instant::now();
    let out = run_in(
        scratch.path(),
        &["migrate", "status"],
        &[("DATABASE_URL", &format!("postgres://app:hunter2@127.0.0.1:{port}/app?connect_timeout=1"))],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(started.elapsed() < std::time::Duration::from_secs(60), "it hung");
    let err = stderr(&out);
    assert!(err.contains(&format!("127.0.0.1:{port}")) && err.contains("connect_timeout"), "{err}");
    assert!(!err.contains("hunter2"), "{err}");
    drop(silent);
}

#[test]
fn tls_settings_in_the_url_work_through_the_binary() {
    let mut db = TestDb::new("conn_tls");
    let scratch = project("conn-tls", "  url = env(\"DATABASE_URL\")\n");
    // The local server has TLS on: `require` encrypts, and the migrations land.
    let url = format!("{}?sslmode=require", db.url());
    let out = run_in(scratch.path(), &["migrate", "deploy"], &[("DATABASE_URL", &url)]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(has_note_table(&mut db));

    // verify-full proves who answers: 127.0.0.1 is not a name the server's certificate carries.
    let snakeoil = "/etc/ssl/certs/ssl-cert-snakeoil.pem";
    if Path::new(snakeoil).is_file() {
        let url = format!(
            "{}?sslmode=verify-full&sslrootcert={snakeoil}",
            db.url().replace("postgres@", "postgres:hunter2@")
        );
        let out = run_in(scratch.path(), &["migrate", "status"], &[("DATABASE_URL", &url)]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out));
        let err = stderr(&out);
        assert!(err.contains("verify-full") && err.contains("127.0.0.1"), "{err}");
        assert!(!err.contains("hunter2"), "{err}");
    }

    // A client key that is not there: named by its parameter, never by its path. (The certificate is
    // looked up beside the schema first, as Prisma does.)
    if let Ok(pem) = std::fs::read_to_string(snakeoil) {
        scratch.file("prisma/client.crt", &pem);
        let url = format!("{}?sslmode=require&sslcert=client.crt&sslkey=/very/secret/place/client.key", db.url());
        let out = run_in(scratch.path(), &["migrate", "status"], &[("DATABASE_URL", &url)]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out));
        assert!(text(&out).contains("sslkey: no such file"), "{}", text(&out));
        assert!(!text(&out).contains("/very/secret/place"), "{}", text(&out));
    }
}
