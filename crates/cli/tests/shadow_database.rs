//! Prisma's `shadowDatabaseUrl`: on a server where the user cannot `CREATE DATABASE` (managed
//! PostgreSQL, a shared server), the shadow database the project names is where histories are
//! replayed, emptied before each use, as Prisma does; without one refract makes scratch databases and
//! says what is missing when it cannot.

use refract_e2e::{Cli, Scratch, TestDb};

const SCHEMA: &str = r#"datasource db {
  provider          = "postgresql"
  url               = env("DATABASE_URL")
  shadowDatabaseUrl = env("SHADOW_DATABASE_URL")
}

model Note {
  id   Int    @id @default(autoincrement())
  body String
}
"#;

/// A login role without CREATEDB that owns `dbs`; dropped with them.
struct Role {
    name: String,
    admin: postgres::Client,
}

impl Role {
    fn new(label: &str, dbs: &[&TestDb]) -> Role {
        let name = format!("refract_{label}_{}", std::process::id());
        let mut admin = postgres::Client::connect(&refract_e2e::server_url(), postgres::NoTls).unwrap();
        admin.batch_execute(&format!("DROP ROLE IF EXISTS {name}; CREATE ROLE {name} LOGIN NOCREATEDB")).unwrap();
        for db in dbs {
            admin.batch_execute(&format!("ALTER DATABASE {} OWNER TO {name}", db.name)).unwrap();
        }
        Role { name, admin }
    }

    fn url(&self, db: &TestDb) -> String {
        format!("postgresql://{}@127.0.0.1:5432/{}", self.name, db.name)
    }
}

impl Drop for Role {
    fn drop(&mut self) {
        // The databases go back to their creator (the test user) so they can be dropped.
        let _ =
            self.admin.batch_execute(&format!("REASSIGN OWNED BY {0} TO CURRENT_USER; DROP OWNED BY {0}", self.name));
        let _ = self.admin.batch_execute(&format!("DROP ROLE IF EXISTS {}", self.name));
    }
}

#[test]
fn a_user_without_createdb_migrates_with_its_shadow_database() {
    let mut main = TestDb::new("shadow_main");
    let shadow = TestDb::new("shadow_given");
    let role = Role::new("nocreatedb", &[&main, &shadow]);
    // Left over from an earlier run: emptied, not kept.
    let mut as_role = postgres::Client::connect(&role.url(&shadow), postgres::NoTls).unwrap();
    as_role
        .batch_execute("CREATE TABLE leftover (id int); CREATE SCHEMA stale; CREATE TABLE stale.t (id int)")
        .unwrap();
    drop(as_role);

    let scratch = Scratch::new("shadow-db");
    scratch.file("prisma/schema.prisma", SCHEMA);
    let cli = Cli::new(env!("CARGO_BIN_EXE_refract"), scratch.path()).env("DATABASE_URL", &role.url(&main));

    // Without the variable set (or set empty), the setting is ignored, as Prisma ignores it: refract
    // then makes a scratch database, which this user cannot, and says so.
    for cli in [cli.clone(), cli.clone().env("SHADOW_DATABASE_URL", "")] {
        let out = cli.fails(&["migrate", "dev", "--name", "init", "--skip-generate"]);
        assert!(out.contains("CREATEDB") && !out.contains("SHADOW_DATABASE_URL"), "{out}");
    }

    let cli = cli.env("SHADOW_DATABASE_URL", &role.url(&shadow));
    let out = cli.ok(&["migrate", "dev", "--name", "init", "--skip-generate"]);
    assert!(out.contains("Shadow database:") && out.contains(&shadow.name), "{out}");
    // Again, with the history to replay (the drift check) and nothing to write.
    let out = cli.ok(&["migrate", "dev", "--skip-generate"]);
    assert!(out.contains("in sync"), "{out}");
    let out = cli.ok(&["migrate", "check"]);
    assert!(out.contains("No drift"), "{out}");

    let mut check = postgres::Client::connect(&shadow.url(), postgres::NoTls).unwrap();
    let left: i64 = check
        .query_one(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(left, 0, "the shadow database is left empty");
    let stale: i64 = check.query_one("SELECT count(*) FROM pg_namespace WHERE nspname = 'stale'", &[]).unwrap().get(0);
    assert_eq!(stale, 0);
    let notes: i64 = main.count("SELECT count(*) FROM information_schema.tables WHERE table_name = 'Note'");
    assert_eq!(notes, 1);

    // Without a shadow database the same user cannot replay, and is told why: a migration written by
    // hand is not in the last snapshot, so the history must be replayed.
    scratch.file("prisma/schema.prisma", &SCHEMA.replace("  shadowDatabaseUrl = env(\"SHADOW_DATABASE_URL\")\n", ""));
    // While the last snapshot accounts for every migration, nothing is replayed: no shadow needed.
    let out = cli.ok(&["migrate", "check"]);
    assert!(out.contains("No drift") && out.contains("The schema matches"), "{out}");
    scratch
        .file("prisma/migrations/20990101000000_by_hand/migration.sql", "CREATE INDEX note_body ON \"Note\" (body);\n");
    let out = cli.fails(&["migrate", "dev", "--skip-generate"]);
    assert!(out.contains("CREATEDB") && out.contains("written without refract (20990101000000_by_hand)"), "{out}");

    // A shadow database that is the database itself is refused before anything is emptied.
    let cli = cli.env("DATABASE_URL", &role.url(&main));
    scratch.file("refract.toml", &format!("[db]\nshadow_url = \"{}\"\n", role.url(&main)));
    let out = cli.fails(&["migrate", "dev", "--skip-generate"]);
    assert!(out.contains("is the database itself"), "{out}");
    assert_eq!(main.count("SELECT count(*) FROM information_schema.tables WHERE table_name = 'Note'"), 1);
}

#[test]
fn a_shadow_database_variable_that_is_unset_or_empty_is_ignored_as_in_prisma() {
    let mut db = TestDb::new("shadow_unset");
    let scratch = Scratch::new("shadow-unset");
    scratch.file("prisma/schema.prisma", SCHEMA);
    // Prisma's history (no state files): dev and check must replay it, in a scratch database.
    scratch.file(
        "prisma/migrations/20240101000000_init/migration.sql",
        "-- CreateTable\nCREATE TABLE \"Note\" (\n    \"id\" SERIAL NOT NULL,\n    \"body\" TEXT NOT NULL,\n\n    CONSTRAINT \"Note_pkey\" PRIMARY KEY (\"id\")\n);\n",
    );
    scratch.file("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
    let url = db.url();
    let cli = Cli::new(env!("CARGO_BIN_EXE_refract"), scratch.path());
    for cli in [cli.clone(), cli.clone().env("SHADOW_DATABASE_URL", "")] {
        let out = cli.ok(&["migrate", "check", "--database-url", &url]);
        assert!(out.contains("The schema matches") && !out.contains("Shadow database:"), "{out}");
    }
    let out = cli.ok(&["migrate", "dev", "--skip-generate", "--database-url", &url]);
    assert!(out.contains("Already in sync") && !out.contains("Shadow database:"), "{out}");
    assert_eq!(db.count("SELECT count(*) FROM information_schema.tables WHERE table_name = 'Note'"), 1);

    // prisma.config.ts's `datasource.shadowDatabaseUrl` (Prisma 7's place for it) likewise; the
    // schema's unset variable under it does not stand in for it.
    scratch.file(
        "prisma.config.ts",
        "export default defineConfig({\n  schema: 'prisma/schema.prisma',\n  datasource: { url: env('DATABASE_URL'), shadowDatabaseUrl: process.env.SHADOW_URL },\n})\n",
    );
    let by_hand = "-- Written by hand: no state file accounts for it, so the history is replayed.\n";
    scratch.file("prisma/migrations/20240201000000_by_hand/migration.sql", by_hand);
    let out = cli.env("DATABASE_URL", &url).ok(&["migrate", "check"]);
    assert!(out.contains("The schema matches") && !out.contains("Shadow database:"), "{out}");
}
