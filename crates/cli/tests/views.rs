//! Views (Prisma's `views` preview feature) through the binary, as a team uses them: the view blocks
//! validate, `migrate dev` plans the tables and never a view, the views' SQL is added by hand to an
//! empty migration (`--create-only`), views are not drift, `db pull` writes them back (keeping what
//! only the schema knows) with their SQL beside the schema, and `generate` gives read-only structs.

use refract_e2e::{Cli, Scratch, TestDb};

const SCHEMA: &str = r#"generator client {
  provider        = "prisma-client-js"
  previewFeatures = ["views"]
}

datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model Customer {
  id     Int     @id @default(autoincrement())
  email  String  @unique
  orders Order[]
  totals CustomerTotals?
}

model Order {
  id         Int      @id @default(autoincrement())
  customerId Int
  customer   Customer @relation(fields: [customerId], references: [id])
  amount     Decimal  @db.Decimal(10, 2)
  placedAt   DateTime @default(now())
}

/// Totals per customer; the SQL is in the migration `add_views`.
view CustomerTotals {
  customerId Int      @unique @map("customer_id")
  customer   Customer @relation(fields: [customerId], references: [id])
  orders     Int
  spent      Decimal? @db.Decimal

  @@map("customer_totals")
}
"#;

const VIEWS_SQL: &str = r#"
CREATE VIEW customer_totals AS
  SELECT c.id AS customer_id, count(o.id)::int AS orders, sum(o.amount) AS spent
  FROM "Customer" c LEFT JOIN "Order" o ON o."customerId" = c.id GROUP BY c.id;

-- Not in the schema: named by `migrate check`, never drift.
CREATE VIEW big_orders AS SELECT id, amount FROM "Order" WHERE amount > 100;
"#;

fn migration_folders(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut folders: Vec<_> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    folders.sort();
    folders
}

#[test]
fn views_live_beside_migrations_without_becoming_drift() {
    let db = TestDb::new("views_cli");
    let scratch = Scratch::new("views-cli");
    let schema = scratch.file("prisma/schema.prisma", SCHEMA);
    let cli = Cli::new(env!("CARGO_BIN_EXE_refract"), scratch.path()).env("DATABASE_URL", &db.url());

    let out = cli.ok(&["validate"]);
    assert!(out.contains("valid"), "{out}");
    cli.ok(&["migrate", "dev", "--name", "init", "--skip-generate"]);
    let migrations = scratch.path().join("prisma/migrations");
    let init = std::fs::read_to_string(migration_folders(&migrations)[0].join("migration.sql")).unwrap();
    assert!(init.contains("CREATE TABLE \"Order\""), "{init}");
    assert!(!init.contains("VIEW") && !init.contains("customer_totals"), "no view is planned:\n{init}");
    assert!(!init.contains("FOREIGN KEY (\"customer_id\")"), "no foreign key from a view:\n{init}");

    // The views' SQL goes into an empty migration, by hand.
    let out = cli.ok(&["migrate", "dev", "--create-only", "--name", "add_views"]);
    assert!(out.contains("empty"), "{out}");
    let add_views = migration_folders(&migrations)[1].join("migration.sql");
    let mut sql = std::fs::read_to_string(&add_views).unwrap();
    sql.push_str(VIEWS_SQL);
    std::fs::write(&add_views, sql).unwrap();
    cli.ok(&["migrate", "dev", "--skip-generate"]);
    let out = cli.ok(&["migrate", "dev", "--skip-generate"]);
    assert!(out.contains("in sync"), "the views are no change to plan: {out}");
    assert_eq!(migration_folders(&migrations).len(), 2);

    let out = cli.ok(&["migrate", "check"]);
    assert!(out.contains("No drift"), "{out}");
    assert!(
        out.contains("big_orders") && !out.contains("view customer_totals"),
        "only the undeclared view is named: {out}"
    );

    // db pull: the view comes back as the schema wrote it (relation, @unique, required field, @map),
    // its SQL beside the schema; the view the schema did not have comes with Prisma's comment.
    let before = std::fs::read_to_string(&schema).unwrap();
    let out = cli.ok(&["db", "pull"]);
    assert!(out.contains("2 views"), "{out}");
    let pulled = std::fs::read_to_string(&schema).unwrap();
    let block = |name: &str| {
        let start = pulled.find(&format!("view {name} {{")).unwrap_or_else(|| panic!("no view {name}:\n{pulled}"));
        pulled[start..start + pulled[start..].find("\n}").unwrap()].to_string()
    };
    let totals = block("CustomerTotals");
    // `orders` stays required: the catalog calls every view column nullable, the schema knows better.
    for line in [
        "customerId Int      @unique @map(\"customer_id\")",
        "orders     Int\n",
        "spent      Decimal? @db.Decimal",
        "customer Customer @relation(fields: [customerId], references: [id])",
        "@@map(\"customer_totals\")",
    ] {
        assert!(totals.contains(line), "`{line}` kept:\n{totals}\nwas:\n{before}");
    }
    assert!(pulled.contains("totals CustomerTotals?"), "the back relation in the model is kept:\n{pulled}");
    assert!(pulled.contains("/// Totals per customer"), "{pulled}");
    let big = block("big_orders");
    assert!(big.contains("@@ignore") && pulled.contains("does not contain a valid unique identifier"), "{big}");
    let definition = std::fs::read_to_string(scratch.path().join("prisma/views/public/CustomerTotals.sql")).unwrap();
    assert!(definition.contains("LEFT JOIN \"Order\" o"), "{definition}");
    assert!(scratch.path().join("prisma/views/public/big_orders.sql").is_file());
    // What db pull wrote plans nothing and is no drift.
    let out = cli.ok(&["migrate", "dev", "--skip-generate"]);
    assert!(out.contains("in sync"), "{out}\n{pulled}");
    let out = cli.ok(&["migrate", "check"]);
    assert!(out.contains("No drift") && !out.contains("big_orders"), "{out}");

    // Generated models: the view is a read-only struct.
    cli.ok(&["generate", "--out", "models.rs"]);
    let models = std::fs::read_to_string(scratch.path().join("models.rs")).unwrap();
    assert!(models.contains("pub struct CustomerTotals") && models.contains("pub struct NewCustomer"), "{models}");
    assert!(!models.contains("NewCustomerTotals"), "no insert type for a view:\n{models}");

    // reset drops views with the tables and builds everything again.
    cli.ok(&["migrate", "reset", "--force", "--skip-seed", "--skip-generate"]);
    let mut client = postgres::Client::connect(&db.url(), postgres::NoTls).unwrap();
    let views: i64 = client.query_one("SELECT count(*) FROM pg_views WHERE schemaname = 'public'", &[]).unwrap().get(0);
    assert_eq!(views, 2);
}

#[test]
fn views_need_the_preview_feature_to_be_pulled() {
    let db = TestDb::new("views_pull_off");
    let mut client = postgres::Client::connect(&db.url(), postgres::NoTls).unwrap();
    client
        .batch_execute("CREATE TABLE t (id int PRIMARY KEY, name text); CREATE VIEW v AS SELECT id, name FROM t;")
        .unwrap();
    let scratch = Scratch::new("views-pull-off");
    scratch.file(
        "prisma/schema.prisma",
        "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n",
    );
    let cli = Cli::new(env!("CARGO_BIN_EXE_refract"), scratch.path()).env("DATABASE_URL", &db.url());
    let out = cli.ok(&["db", "pull"]);
    assert!(out.contains("1 views in the database are left out") && out.contains("previewFeatures"), "{out}");
    let pulled = std::fs::read_to_string(scratch.path().join("prisma/schema.prisma")).unwrap();
    assert!(pulled.contains("model t {") && !pulled.contains("view "), "{pulled}");
    assert!(!scratch.path().join("prisma/views").exists());
}
