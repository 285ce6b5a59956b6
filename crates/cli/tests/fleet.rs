//! `migrate deploy | status | check --fleet` with real servers: the usual PostgreSQL holds a control
//! database listing 200 tenant schemas, and two more clusters started by the test (initdb, pg_ctl)
//! hold 20 tenant databases listed by URL. One tenant has a table in the way and one server is
//! stopped: the other 209 are migrated, the report names the failed tenant (with its migration) and
//! the 10 unreachable ones. Fixed and restarted, the next run migrates exactly those 11 and `check
//! --fleet` passes. A run killed mid-fleet is finished by the next one with nothing applied twice;
//! `on_error = "stop"` and a failing canary stop the run.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use refract_e2e::{Cli, Scratch, TestDb, output_text};
use refract_engine::devdb::DevDb;
use serde_json::Value;

const SCHEMA: &str = r#"datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model User {
  id    Int    @id @default(autoincrement())
  email String @unique
  posts Post[]
}

model Post {
  id       Int    @id @default(autoincrement())
  title    String
  authorId Int
  author   User   @relation(fields: [authorId], references: [id])
}
"#;

/// A project whose history is two migrations: `users`, then `posts` (written by `migrate dev`).
fn project(scratch: &Scratch) -> (Cli, Vec<String>) {
    let dev = TestDb::new("fleet_dev");
    let cli = Cli::new(env!("CARGO_BIN_EXE_refract"), scratch.path()).env("DATABASE_URL", &dev.url());
    let users = SCHEMA.replace("  posts Post[]\n", "");
    let users = &users[..users.find("model Post").unwrap()];
    scratch.file("prisma/schema.prisma", users);
    cli.ok(&["migrate", "dev", "--name", "users", "--skip-generate"]);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    scratch.file("prisma/schema.prisma", SCHEMA);
    cli.ok(&["migrate", "dev", "--name", "posts", "--skip-generate"]);
    let mut names: Vec<String> = std::fs::read_dir(scratch.path().join("prisma/migrations"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    (Cli::new(env!("CARGO_BIN_EXE_refract"), scratch.path()), names)
}

/// A PostgreSQL cluster of the test's own (initdb, pg_ctl), with `databases` tenant databases.
struct Server {
    db: DevDb,
    urls: Vec<String>,
}

impl Server {
    fn start(scratch: &Scratch, name: &str, databases: usize) -> Server {
        let db = DevDb::new(&scratch.path().join(name)).expect("PostgreSQL's server programs");
        let url = db.start().unwrap();
        let mut client = url.connect().unwrap();
        let base = url.to_url();
        let urls = (0..databases)
            .map(|i| {
                let tenant = format!("{name}_tenant_{i}");
                client.batch_execute(&format!("CREATE DATABASE {tenant}")).unwrap();
                base.replacen("postgres:///postgres", &format!("postgres:///{tenant}"), 1)
            })
            .collect();
        Server { db, urls }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.db.stop();
    }
}

fn fleet_file(scratch: &Scratch, control: &TestDb, servers: &[&Server], extra: &str) -> String {
    let urls: Vec<String> = servers.iter().flat_map(|s| s.urls.iter()).map(|u| format!("{u:?}")).collect();
    let parallel = if extra.contains("parallel") { "" } else { "parallel = 8\n" };
    let text = format!(
        "{parallel}{extra}\ntargets = [{}]\n\n[[sources]]\nurl = {:?}\nschemas = \"SELECT name FROM tenants ORDER BY name\"\n",
        urls.join(", "),
        control.url()
    );
    scratch.file("fleet.toml", &text).to_string_lossy().into_owned()
}

fn json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("one JSON document ({e}):\n{}", output_text(out)))
}

fn with_status<'v>(doc: &'v Value, status: &str) -> Vec<&'v Value> {
    doc["targets"].as_array().unwrap().iter().filter(|t| t["status"] == status).collect()
}

#[test]
fn a_fleet_of_220_targets_on_three_servers() {
    let scratch = Scratch::new("fleet");
    let (cli, migrations) = project(&scratch);
    let mut control = TestDb::new("fleet_control");
    control.client.batch_execute("CREATE TABLE tenants (name text PRIMARY KEY)").unwrap();
    control
        .client
        .batch_execute(
            "INSERT INTO tenants SELECT 'tenant_' || lpad(i::text, 3, '0') FROM generate_series(0, 199) AS i",
        )
        .unwrap();
    let a = Server::start(&scratch, "a", 10);
    let b = Server::start(&scratch, "b", 10);

    // tenant_013 ran the first migration, and someone created the second one's table by hand.
    let tenant_13 = format!("{}?schema=tenant_013", control.url());
    cli.clone().env("DATABASE_URL", &tenant_13).ok(&["migrate", "deploy", "--to", &migrations[0]]);
    control.client.batch_execute("CREATE TABLE tenant_013.\"Post\" (id int)").unwrap();
    b.db.stop().unwrap();

    let fleet = fleet_file(&scratch, &control, &[&a, &b], "on_error = \"continue\"");
    let out = cli.run(&["migrate", "deploy", "--fleet", &fleet, "--format", "json"]);
    assert!(!out.status.success(), "{}", output_text(&out));
    let doc = json(&out);
    assert_eq!(doc["targets"].as_array().unwrap().len(), 220);
    assert_eq!(with_status(&doc, "applied").len(), 209, "{doc:#}");
    let failed = with_status(&doc, "failed");
    assert_eq!(failed.len(), 1, "{doc:#}");
    assert!(failed[0]["target"].as_str().unwrap().contains("tenant_013"), "{doc:#}");
    assert_eq!(failed[0]["migration"], migrations[1]);
    let unreachable = with_status(&doc, "unreachable");
    assert_eq!(unreachable.len(), 10, "{doc:#}");
    assert!(unreachable.iter().all(|t| t["target"].as_str().unwrap().contains("b_tenant_")));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("password"), "passwords masked");

    // Fixed (the table out of the way, the failed migration resolved as for any database) and the
    // server restarted: exactly those 11 are migrated now.
    control.client.batch_execute("DROP TABLE tenant_013.\"Post\"").unwrap();
    cli.clone().env("DATABASE_URL", &tenant_13).ok(&["migrate", "resolve", "--rolled-back", &migrations[1]]);
    b.db.start().unwrap();
    let out = cli.run(&["migrate", "deploy", "--fleet", &fleet, "--format", "json"]);
    assert!(out.status.success(), "{}", output_text(&out));
    let doc = json(&out);
    assert_eq!(with_status(&doc, "applied").len(), 11, "{doc:#}");
    assert_eq!(with_status(&doc, "up-to-date").len(), 209, "{doc:#}");

    let out = cli.run(&["migrate", "status", "--fleet", &fleet]);
    assert!(out.status.success(), "{}", output_text(&out));
    let out = cli.run(&["migrate", "check", "--fleet", &fleet]);
    assert!(out.status.success(), "{}", output_text(&out));
    assert!(output_text(&out).contains("220 targets"), "{}", output_text(&out));

    // Drift in one tenant is named, and fails the check.
    control.client.batch_execute("ALTER TABLE tenant_042.\"Post\" ADD COLUMN extra int").unwrap();
    let out = cli.run(&["migrate", "check", "--fleet", &fleet]);
    assert!(!out.status.success());
    assert!(output_text(&out).contains("tenant_042") && output_text(&out).contains("drifted"), "{}", output_text(&out));
    let rows = control.count(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = '_prisma_migrations' AND table_schema LIKE 'tenant_%'",
    );
    assert_eq!(rows, 200);
}

#[test]
fn a_killed_fleet_is_finished_by_the_next_run_and_stop_and_canary_stop_it() {
    let scratch = Scratch::new("fleet-kill");
    let (cli, migrations) = project(&scratch);
    let mut control = TestDb::new("fleet_kill");
    control.client.batch_execute("CREATE TABLE tenants (name text PRIMARY KEY)").unwrap();
    control
        .client
        .batch_execute(
            "INSERT INTO tenants SELECT 'tenant_' || lpad(i::text, 3, '0') FROM generate_series(0, 119) AS i",
        )
        .unwrap();
    let fleet = fleet_file(&scratch, &control, &[], "on_error = \"continue\"\nparallel = 2");

    // Killed after the first targets finish (one line per target without a terminal).
    let mut child = Command::new(env!("CARGO_BIN_EXE_refract"))
        .args(["migrate", "deploy", "--fleet", &fleet])
        .current_dir(scratch.path())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    for _ in 0..10 {
        lines.next().unwrap().unwrap();
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let applied = control.count("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'tenant_%'");
    assert!((10..120).contains(&applied), "killed mid-fleet: {applied} schemas made");

    let out = cli.run(&["migrate", "deploy", "--fleet", &fleet, "--format", "json"]);
    assert!(out.status.success(), "{}", output_text(&out));
    let mut total = 0;
    for i in 0..120 {
        let schema = format!("tenant_{i:03}");
        let finished = control.count(&format!(
            "SELECT count(*) FROM {schema}._prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL"
        ));
        let unfinished =
            control.count(&format!("SELECT count(*) FROM {schema}._prisma_migrations WHERE finished_at IS NULL"));
        assert_eq!((finished, unfinished), (2, 0), "{schema}: each migration once, none half-recorded");
        total += finished;
    }
    assert_eq!(total, 240);
    assert_eq!(migrations.len(), 2);

    // A table in the way of a fresh tenant: `stop` starts nothing after it, a failing canary stops all.
    control.client.batch_execute("INSERT INTO tenants VALUES ('tenant_999'), ('tenant_998'), ('tenant_997')").unwrap();
    control.client.batch_execute("CREATE SCHEMA tenant_997; CREATE TABLE tenant_997.\"User\" (id int)").unwrap();
    let stop = fleet_file(&scratch, &control, &[], "on_error = \"stop\"\nparallel = 1");
    let out = cli.run(&["migrate", "deploy", "--fleet", &stop, "--format", "json"]);
    assert!(!out.status.success());
    let doc = json(&out);
    assert_eq!(with_status(&doc, "failed").len(), 1, "{doc:#}");
    assert_eq!(with_status(&doc, "not-started").len(), 2, "tenant_998 and 999 come after it: {doc:#}");

    // The same tenant listed first, as the canary: its failure stops the run before any other starts.
    let bad = format!("{}?schema=tenant_997", control.url());
    let canary = scratch.file(
        "canary.toml",
        &format!(
            "canary = 1\non_error = \"continue\"\ntargets = [{bad:?}]\n\n[[sources]]\nurl = {:?}\nschemas = \"SELECT name FROM tenants ORDER BY name\"\n",
            control.url()
        ),
    );
    let out = cli.run(&["migrate", "deploy", "--fleet", canary.to_str().unwrap(), "--format", "json"]);
    assert!(!out.status.success());
    let doc = json(&out);
    assert_eq!(doc["targets"].as_array().unwrap().len(), 123, "tenant_997 once: {doc:#}");
    assert_eq!(with_status(&doc, "failed").len(), 1, "{doc:#}");
    assert_eq!(with_status(&doc, "not-started").len(), 122, "{doc:#}");
}

/// The locking rule: fleet workers on two targets of one database hold the lock together; a run that
/// takes Prisma's key exclusively (Prisma's deploy, a plain refract deploy) waits for them and makes
/// them wait; a second worker on the same target waits.
#[test]
fn fleet_workers_share_a_database_and_exclude_prisma_and_each_target() {
    use refract_engine::lock::{LockMode, acquire_as, release_as, target_key};
    use std::time::Duration;
    let db = TestDb::new("fleet_locks");
    let url = refract_engine::DatabaseUrl::parse(&db.url()).unwrap();
    let [mut a, mut b, mut c, mut d] = [(); 4].map(|_| url.connect().unwrap());
    let short = Duration::from_millis(300);
    let t1 = LockMode::Fleet { target: target_key("tenant_1") };
    let t2 = LockMode::Fleet { target: target_key("tenant_2") };
    acquire_as(&mut a, t1, short).unwrap();
    acquire_as(&mut b, t2, short).unwrap();
    let err = acquire_as(&mut c, LockMode::Exclusive, short).unwrap_err().to_string();
    assert!(err.contains("lock"), "{err}");
    assert!(acquire_as(&mut d, t1, short).is_err(), "one worker per target");
    release_as(&mut a, t1);
    release_as(&mut b, t2);
    acquire_as(&mut c, LockMode::Exclusive, short).unwrap();
    assert!(acquire_as(&mut a, t1, short).is_err(), "a Prisma deploy excludes the fleet");
    // The refused attempt took nothing: once Prisma's run ends, the target's key is free.
    release_as(&mut c, LockMode::Exclusive);
    acquire_as(&mut d, t1, short).unwrap();
    release_as(&mut d, t1);
}
