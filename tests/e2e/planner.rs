//! The planner's acceptance checks, against the PostgreSQL at `DATABASE_URL`: initial migrations that
//! build the published schemas, a v1 to v2 migration that keeps every seeded row, safe mode, and the
//! loop "build A, apply plan(A to B), the database equals build B, planning again is empty".

use std::path::{Path, PathBuf};

use refract_e2e::{
    Scratch, TestDb, plan, plan_online, plan_with, reordered_enums, schema_equal, schema_of, shared,
    sort_enum_values_sql,
};
use refract_ir::Schema;
use refract_plan::{PlanOptions, Step, WarningKind};

fn example(path: &str) -> Schema {
    schema_of(&shared().join("examples").join(path))
}

/// The initial migration (from nothing) must build what the project's published SQL builds.
fn assert_initial_migration_equals(schema: &str, expected_sql: &str) {
    let scratch = Scratch::new("init");
    let ours = scratch.file("ours.sql", &plan(&Schema::default(), &example(schema)).to_sql());
    let expected = shared().join("examples").join(expected_sql);
    if let Err(diff) = schema_equal(&[&ours], &[&expected]) {
        panic!("{schema}: our initial migration differs from {expected_sql}:\n{diff}");
    }
}

#[test]
fn basket_initial_migration_builds_the_published_schema() {
    assert_initial_migration_equals("basket/schema.prisma", "basket/expected-init.sql");
}

#[test]
fn wedefi_initial_migration_builds_the_published_schema_with_its_checks() {
    assert_initial_migration_equals("wedefi/schema.prisma", "wedefi/expected-init.sql");
}

const SEEDED_TABLES: [&str; 8] =
    ["users", "accounts", "instruments", "orders", "executions", "positions", "ledger_entries", "audit_logs"];

/// A database at trading v1 holding the seed rows; returns it with the row count of every table.
fn seeded_trading_v1() -> (TestDb, Vec<i64>) {
    let mut db = TestDb::new("trading");
    db.apply(&plan(&Schema::default(), &example("trading/v1.prisma"))).expect("init(v1) applies");
    let seed = std::fs::read_to_string(shared().join("examples/trading/seed-v1.sql")).unwrap();
    db.client.batch_execute(&seed).expect("seed-v1.sql loads");
    let counts = SEEDED_TABLES.iter().map(|t| db.count(&format!("SELECT count(*) FROM \"{t}\""))).collect();
    (db, counts)
}

fn assert_trading_v2_reached(db: &mut TestDb, counts_before: &[i64]) {
    for (table, before) in SEEDED_TABLES.iter().zip(counts_before) {
        assert!(*before > 0, "the seed fills {table}");
        assert_eq!(db.count(&format!("SELECT count(*) FROM \"{table}\"")), *before, "rows of {table}");
    }
    let mut names: Vec<String> =
        db.client.query("SELECT display_name FROM accounts", &[]).unwrap().iter().map(|r| r.get(0)).collect();
    names.sort();
    assert_eq!(names, ["Main", "Main", "Savings"], "accounts.display_name holds the old names");
}

#[test]
fn trading_v1_to_v2_keeps_every_row_and_builds_v2() {
    let (v1, v2) = (example("trading/v1.prisma"), example("trading/v2.prisma"));
    let migration = plan(&v1, &v2);

    // Warned before anything runs, with the rows concerned counted on the live database.
    let (mut db, counts) = seeded_trading_v1();
    let drop_before = migration
        .warnings
        .iter()
        .find(|w| w.kind == WarningKind::DropColumn { table: "audit_logs".into(), column: "before".into() })
        .expect("a warning for audit_logs.before");
    // The seed's only audit row has no `before`: nothing is lost, and the counted warning says so.
    let counted = db.count(drop_before.count_sql.as_deref().unwrap());
    assert_eq!(counted, db.count(r#"SELECT count(*) FROM audit_logs WHERE "before" IS NOT NULL"#));
    assert!(drop_before.message_with_rows(counted).contains("no rows are affected"));
    let github = migration
        .warnings
        .iter()
        .find(|w| {
            w.kind == WarningKind::RemoveEnumValues { name: "AuthProvider".into(), values: vec!["GITHUB".into()] }
        })
        .expect("a warning for enum value GITHUB");
    assert_eq!(db.count(github.count_sql.as_deref().unwrap()), 0);

    // The column is renamed, never dropped and added.
    assert!(
        migration
            .steps
            .iter()
            .any(|s| matches!(s, Step::RenameColumn { from, to, .. } if from == "name" && to == "display_name"))
    );
    assert!(!migration.to_sql().contains(r#"DROP COLUMN "name""#));

    db.apply(&migration).expect("plan(v1 to v2) runs on the seeded database");
    assert_trading_v2_reached(&mut db, &counts);

    let scratch = Scratch::new("trading");
    let init_v1 = scratch.file("init-v1.sql", &plan(&Schema::default(), &v1).to_sql());
    let step = scratch.file("v1-to-v2.sql", &migration.to_sql());
    let init_v2 = scratch.file("init-v2.sql", &plan(&Schema::default(), &v2).to_sql());
    let seed = shared().join("examples/trading/seed-v1.sql");
    if let Err(diff) = schema_equal(&[&init_v1, &seed, &step], &[&init_v2]) {
        panic!("init(v1) + seed + plan(v1 to v2) differs from init(v2):\n{diff}");
    }
    assert!(plan(&v2, &v2).is_empty(), "planning v2 again is empty");
}

#[test]
fn trading_v1_to_v2_online_uses_concurrent_indexes_and_validated_checks() {
    let (v1, v2) = (example("trading/v1.prisma"), example("trading/v2.prisma"));
    let migration = plan_online(&v1, &v2);
    let sql = migration.to_sql();
    assert!(sql.contains("SET lock_timeout = '5s';"), "{sql}");
    let index = migration
        .steps
        .iter()
        .find(|s| matches!(s, Step::CreateIndex { index, .. } if index.name == "orders_status_created_at_idx"))
        .expect("the new orders index");
    assert!(matches!(index, Step::CreateIndex { concurrently: true, .. }));
    assert_eq!(index.transaction(), refract_plan::Transaction::None);
    assert!(sql.contains(
        r#"CREATE INDEX CONCURRENTLY IF NOT EXISTS "orders_status_created_at_idx" ON "orders"("status", "created_at");"#
    ));
    assert!(
        sql.contains(r#"ALTER TABLE "executions" ADD CONSTRAINT "executions_fee_check" CHECK ("fee" >= 0) NOT VALID;"#)
    );
    let validate = migration
        .steps
        .iter()
        .position(|s| matches!(s, Step::ValidateConstraint { name, .. } if name == "executions_fee_check"))
        .expect("the fee check is validated");
    assert_eq!(
        migration.steps[validate].transaction(),
        refract_plan::Transaction::Own,
        "validation commits apart from the NOT VALID add"
    );

    let (mut db, counts) = seeded_trading_v1();
    db.apply(&migration).expect("the online plan runs on the seeded database");
    assert_trading_v2_reached(&mut db, &counts);

    let scratch = Scratch::new("trading-online");
    let init_v1 = scratch.file("init-v1.sql", &plan(&Schema::default(), &v1).to_sql());
    let step = scratch.file("v1-to-v2.sql", &migration.to_sql_with_transactions());
    let init_v2 = scratch.file("init-v2.sql", &plan(&Schema::default(), &v2).to_sql());
    if let Err(diff) = schema_equal(&[&init_v1, &step], &[&init_v2]) {
        panic!("init(v1) + online plan(v1 to v2) differs from init(v2):\n{diff}");
    }
}

#[test]
fn a_step_that_cannot_run_on_the_existing_rows_is_reported_before_anything_runs() {
    let (v1, v2) = (example("trading/v1.prisma"), example("trading/v2.prisma"));
    let migration = plan(&v1, &v2);
    let (mut db, _) = seeded_trading_v1();
    db.client
        .batch_execute(
            "INSERT INTO users (id, email, auth_provider, updated_at) \
             VALUES ('7b0c2b2e-0d4e-4c1e-9a43-1f1a3c6f0001', 'octo@example.com', 'GITHUB', now())",
        )
        .unwrap();
    db.client
        .batch_execute(
            r#"INSERT INTO audit_logs (entity, entity_id, action, "before") VALUES ('order', 'x', 'update', '{"status":"NEW"}')"#,
        )
        .unwrap();
    let drop_before = migration
        .warnings
        .iter()
        .find(|w| matches!(&w.kind, WarningKind::DropColumn { column, .. } if column == "before"))
        .unwrap();
    let rows = db.count(drop_before.count_sql.as_deref().unwrap());
    assert_eq!(rows, 1);
    assert!(!drop_before.blocks(rows), "losing data is a warning, not a failure");
    assert!(drop_before.message_with_rows(rows).contains("still contains 1 non-null values"));

    let blocking: Vec<String> = migration
        .warnings
        .iter()
        .filter_map(|w| {
            let rows = db.count(w.count_sql.as_deref()?);
            w.blocks(rows).then(|| w.message_with_rows(rows))
        })
        .collect();
    assert_eq!(blocking.len(), 1, "{blocking:#?}");
    assert!(blocking[0].contains("GITHUB") && blocking[0].contains("1 rows"), "{}", blocking[0]);
    // Had it run anyway, PostgreSQL would refuse the cast and nothing would change.
    let error = db.apply(&migration).expect_err("the enum rebuild fails on the GITHUB row");
    assert!(error.contains("GITHUB"), "{error}");
    assert_eq!(db.count("SELECT count(*) FROM information_schema.tables WHERE table_name = 'watchlist_items'"), 0);
}

/// The acceptance loop for a schema pair: apply(init(A) + plan(A to B)) equals init(B), and planning
/// B again is empty. Both directions.
fn assert_migrates(label: &str, a: &Schema, b: &Schema) {
    assert_migrates_with(label, a, b, &PlanOptions::default());
}

/// [`assert_migrates`] with these planning options (safe mode is tried on top of them). The values of
/// an enum that a plan leaves in another order than init of the target (the planner compares them as
/// a set) are put in one order on both sides first; every other enum is compared as it is.
fn assert_migrates_with(label: &str, a: &Schema, b: &Schema, options: &PlanOptions) {
    let online_options = PlanOptions { online: true, ..options.clone() };
    let scratch = Scratch::new("loop");
    let init_a = scratch.file("init-a.sql", &plan_with(&Schema::default(), a, options).to_sql());
    let init_b = scratch.file("init-b.sql", &plan_with(&Schema::default(), b, options).to_sql());
    for (dir, from, to, init_from, init_to) in [("A to B", a, b, &init_a, &init_b), ("B to A", b, a, &init_b, &init_a)]
    {
        let sort = sort_enum_values_sql(&reordered_enums(from, to)).map(|sql| scratch.file("sort-enums.sql", &sql));
        let sorted =
            |files: &[&Path]| -> Vec<PathBuf> { files.iter().map(|p| p.to_path_buf()).chain(sort.clone()).collect() };
        let equal = |reached: Vec<PathBuf>, expected: Vec<PathBuf>| {
            fn paths(v: &[PathBuf]) -> Vec<&Path> {
                v.iter().map(PathBuf::as_path).collect()
            }
            schema_equal(&paths(&reached), &paths(&expected))
        };
        let step = scratch.file("step.sql", &plan_with(from, to, options).to_sql());
        if let Err(diff) = equal(sorted(&[init_from, &step]), sorted(&[init_to])) {
            panic!("{label} {dir}: init + plan differs from init of the target:\n{diff}");
        }
        // Safe mode reaches the same schema by another road.
        let online = scratch.file("online.sql", &plan_with(from, to, &online_options).to_sql_with_transactions());
        if let Err(diff) = equal(sorted(&[init_from, &online]), sorted(&[init_to])) {
            panic!("{label} {dir} (online): init + plan differs from init of the target:\n{diff}");
        }
        assert!(plan_with(to, to, options).is_empty(), "{label} {dir}: planning the target again is not empty");
    }
}

#[test]
fn generated_schema_pairs_migrate_both_ways() {
    for (models, variant) in [("40", "1"), ("60", "2"), ("120", "3"), ("200", "4")] {
        let a = refract_e2e::schema_of_text("gen A", &refract_e2e::gen_schema(&[models]));
        let b = refract_e2e::schema_of_text("gen B", &refract_e2e::gen_schema(&[models, "--variant", variant]));
        assert!(!plan(&a, &b).is_empty());
        assert_migrates(&format!("gen-schema {models} --variant {variant}"), &a, &b);
    }
}

#[test]
fn trading_migrates_both_ways() {
    assert_migrates("trading", &example("trading/v1.prisma"), &example("trading/v2.prisma"));
}

/// Our initial migration for every schema Prisma also accepts builds the same database as Prisma's own
/// (committed in `crates/schema/tests/data/prisma`, regenerated by `cargo xtask prisma-snapshots`).
/// Prisma knows no CHECK constraints, so the comparison leaves them out.
#[test]
fn initial_migrations_have_the_same_effect_as_prismas() {
    let dir = refract_e2e::root().join("crates/schema/tests/data/prisma");
    let mut compared = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "prisma") {
            continue;
        }
        let mut schema = schema_of(&path);
        for table in schema.tables.values_mut() {
            table.checks.clear();
        }
        let scratch = Scratch::new("prisma");
        let ours = scratch.file("ours.sql", &plan(&Schema::default(), &schema).to_sql());
        let prisma = Path::new(&format!("{}.sql", path.display())).to_path_buf();
        if let Err(diff) = schema_equal(&[&ours], &[&prisma]) {
            panic!("{}: ours differs from Prisma's:\n{diff}", path.display());
        }
        compared += 1;
    }
    assert!(compared >= 10, "only {compared} schemas compared");
}

/// Every `@map` / `@@map` change is a rename: the rows stay, and every name derived from the old one
/// (keys, indexes, constraints, serial sequences) follows, so the result is what the new schema builds.
#[test]
fn renames_keep_rows_and_rename_what_follows() {
    let data = refract_e2e::root().join("tests/data/planner");
    let (a, b) = (schema_of(&data.join("renames-a.prisma")), schema_of(&data.join("renames-b.prisma")));
    let migration = plan(&a, &b);
    for step in &migration.steps {
        assert!(
            !matches!(
                step,
                Step::DropTable { .. } | Step::CreateTable { .. } | Step::DropIndex { .. } | Step::DropEnum { .. }
            ) && !matches!(step, Step::AlterTable { changes, .. } if changes.iter().any(|c| !matches!(c, refract_plan::TableChange::SetDefault { .. }))),
            "{}",
            step.describe()
        );
    }
    assert!(migration.warnings.is_empty(), "{:?}", migration.warnings);
    let sql = migration.to_sql();
    for expected in [
        r#"ALTER TABLE "accounts" RENAME TO "customer_accounts";"#,
        r#"ALTER TABLE "customer_accounts" RENAME COLUMN "full_name" TO "display_name";"#,
        r#"ALTER TABLE "order" RENAME COLUMN "say ""hi""" TO "say ""hello""";"#,
        r#"ALTER SEQUENCE "group_id_seq" RENAME TO "order_id_seq";"#,
        r#"ALTER INDEX "accounts_full_name_idx" RENAME TO "customer_accounts_display_name_idx";"#,
        r#"ALTER TABLE "customer_accounts" RENAME CONSTRAINT "accounts_full_name_check" TO "customer_accounts_display_name_check";"#,
        r#"ALTER TYPE "tier" RENAME TO "account_tier";"#,
        r#"ALTER TYPE "account_tier" RENAME VALUE 'gold' TO 'golden';"#,
    ] {
        assert!(sql.contains(expected), "missing {expected} in:\n{sql}");
    }

    let mut db = TestDb::new("renames");
    db.apply(&plan(&Schema::default(), &a)).unwrap();
    db.client
        .batch_execute(
            r#"INSERT INTO accounts (email, full_name) VALUES ('a@example.com', 'Ada');
               INSERT INTO "group" ("accountId", "user", "say ""hi""", "café") VALUES (1, 'u', 'hello', 'crème');"#,
        )
        .unwrap();
    db.apply(&migration).unwrap();
    let row = db.client.query_one(r#"SELECT display_name, tier::text FROM customer_accounts"#, &[]).unwrap();
    assert_eq!((row.get::<_, String>(0), row.get::<_, String>(1)), ("Ada".to_string(), "golden".to_string()));
    assert_eq!(db.count(r#"SELECT count(*) FROM "order" WHERE "say ""hello""" = 'hello' AND "café" = 'crème'"#), 1);
    // The renamed sequence still feeds the column.
    db.client
        .batch_execute("INSERT INTO customer_accounts (email, display_name) VALUES ('b@example.com', 'Bo')")
        .unwrap();
    assert_eq!(db.count("SELECT max(id)::bigint FROM customer_accounts"), 2);

    assert_migrates("renames", &a, &b);
}

/// Enum values listed in another order than the database has them are no change (Prisma compares them
/// as a set), and the loop's comparison sees through that order for those enums only: `pg_dump` lists
/// the values in the type's order, so the strict comparison does tell the two apart.
#[test]
fn enum_values_in_another_order_plan_nothing_and_compare_as_a_set() {
    let text = |values: &str, tone: &str| {
        format!(
            "datasource db {{\n  provider = \"postgresql\"\n}}\nenum Role {{\n{values}\n}}\nenum Tone {{\n{tone}\n}}\n\
             model A {{\n  id Int @id\n  role Role @default(USER)\n  roles Role[]\n  tone Tone\n}}\n"
        )
    };
    let database = refract_e2e::schema_of_text("database", &text("  USER\n  ADMIN\n  GUEST", "  LOW\n  HIGH"));
    let sorted = refract_e2e::schema_of_text("sorted", &text("  ADMIN\n  GUEST\n  USER", "  HIGH\n  LOW"));
    assert!(plan(&database, &sorted).is_empty() && plan_online(&database, &sorted).is_empty());
    assert_eq!(reordered_enums(&database, &sorted), ["\"Role\"", "\"Tone\""]);

    let scratch = Scratch::new("enum-order");
    let init_database = scratch.file("database.sql", &plan(&Schema::default(), &database).to_sql());
    let init_sorted = scratch.file("sorted.sql", &plan(&Schema::default(), &sorted).to_sql());
    // The labels on the diff's changed lines.
    let changed = |diff: &str, label: &str| {
        diff.lines().any(|l| (l.starts_with("-    '") || l.starts_with("+    '")) && l.contains(label))
    };
    let diff = schema_equal(&[&init_database], &[&init_sorted]).expect_err("pg_dump shows the order");
    assert!(changed(&diff, "'USER'") && changed(&diff, "'LOW'"), "{diff}");
    // Sorting one enum leaves the other one's order to be seen.
    let role_only = scratch.file("role.sql", &sort_enum_values_sql(&["\"Role\"".to_string()]).unwrap());
    let diff = schema_equal(&[&init_database, &role_only], &[&init_sorted, &role_only]).expect_err("Tone differs");
    assert!(!changed(&diff, "'USER'") && changed(&diff, "'LOW'"), "{diff}");
    assert_migrates("enum order", &database, &sorted);
}

/// The planner's data-driven cases (`crates/plan/tests/data/diff`) applied for real, both ways.
#[test]
fn planner_cases_migrate_both_ways() {
    let root = refract_e2e::root().join("crates/plan/tests/data/diff");
    let mut cases: Vec<_> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).collect();
    cases.sort();
    for case in cases {
        let (a, b) = (schema_of(&case.join("from.prisma")), schema_of(&case.join("to.prisma")));
        assert_migrates_with(&case.display().to_string(), &a, &b, &refract_e2e::case_options(&case));
    }
}

/// Rules of squawk (the PostgreSQL migration linter) that are not about locks: they judge what the
/// schema asks for (a dropped or renamed column, a type choice, a new required field), which the plan's
/// warnings already report, or they would make safe mode worse (`require-statement-timeout` would abort
/// the long concurrent builds and validations that safe mode exists to allow).
const SQUAWK_RULES_ABOUT_THE_SCHEMA: &[&str] = &[
    "ban-drop-column",
    "ban-drop-constraint",
    "ban-drop-default",
    "ban-drop-sequence",
    "ban-drop-type",
    "renaming-object",
    "ban-drop-not-null",
    "ban-drop-table",
    "renaming-column",
    "renaming-table",
    "changing-column-type",
    "adding-required-field",
    "prefer-bigint-over-int",
    "prefer-bigint-over-smallint",
    "prefer-identity",
    "prefer-text-field",
    "prefer-timestamp-tz",
    "require-enum-value-ordering",
    "require-statement-timeout",
];

/// squawk's findings (the rules refract's `migrate lint` runs, through the squawk-linter crate) on a
/// migration.sql as refract writes and runs it, or `None` when it has none.
fn squawk(script: &str) -> Option<String> {
    let ignore: Vec<String> = SQUAWK_RULES_ABOUT_THE_SCHEMA.iter().map(|r| r.to_string()).collect();
    let lint = refract_lint::Lint::new(&ignore, &[]).expect("the rule names are squawk's");
    let findings = lint.file(script);
    (!findings.is_empty()).then(|| {
        let file = refract_diagnostics::SourceFile::new("migration.sql", script);
        refract_diagnostics::render(&file, &findings, refract_diagnostics::Format::Human { color: false })
    })
}

/// Safe-mode plans pass squawk's lock rules (concurrent index builds, NOT VALID constraints, a lock
/// timeout, no unique constraint built under lock) as the engine runs them (the linter reads the file's
/// directives as `deploy` does); the same plans as a psql script (transactional groups between BEGIN
/// and COMMIT) too. The same plans without safe mode do not, which shows the linter is looking.
#[test]
fn online_plans_pass_the_migration_linter() {
    let mut pairs = vec![(
        "trading".to_string(),
        example("trading/v1.prisma"),
        example("trading/v2.prisma"),
        PlanOptions::default(),
    )];
    let root = refract_e2e::root().join("crates/plan/tests/data/diff");
    let mut cases: Vec<_> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).collect();
    cases.sort();
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let options = refract_e2e::case_options(&case);
        pairs.push((name, schema_of(&case.join("from.prisma")), schema_of(&case.join("to.prisma")), options));
    }
    let mut findings = Vec::new();
    for (name, a, b, options) in &pairs {
        let options = PlanOptions { online: true, ..options.clone() };
        let online = plan_with(a, b, &options);
        for script in [online.to_sql(), online.to_sql_with_transactions()] {
            if let Some(report) = squawk(&script) {
                findings.push(format!("{name}:\n{report}"));
            }
        }
    }
    assert!(findings.is_empty(), "{}", findings.join("\n"));
    let report = squawk(&plan(&pairs[0].1, &pairs[0].2).to_sql()).expect("squawk flags the plain plan");
    assert!(report.contains("require-concurrent-index-creation"), "{report}");
}
