//! What Prisma does not see as a difference, so neither may refract on a project that switches: enum
//! values in another order, `///` doc comments (unless `comments` is asked for), and the nullability of
//! list columns. Each with the real difference next to it, which is still planned.

use refract_ir::{ColumnDefault, Schema};
use refract_plan::{PlanOptions, Step, plan};

fn schema(text: &str) -> Schema {
    let checked = refract_schema::check(text);
    assert!(!checked.has_errors(), "{text}\n{:#?}", checked.diagnostics);
    checked.schema
}

const DATASOURCE: &str = "datasource db {\n  provider = \"postgresql\"\n}\n";

fn with_datasource(body: &str) -> Schema {
    schema(&format!("{DATASOURCE}\n{body}"))
}

fn comments_on() -> PlanOptions {
    PlanOptions { comments: true, ..PlanOptions::default() }
}

fn describe(steps: &[Step]) -> Vec<String> {
    steps.iter().map(Step::describe).collect()
}

#[test]
fn enum_values_in_another_order_are_no_change() {
    let database =
        with_datasource("enum Role {\n  USER\n  ADMIN\n  GUEST\n}\nmodel A {\n  id Int @id\n  role Role\n}\n");
    let sorted = with_datasource("enum Role {\n  ADMIN\n  GUEST\n  USER\n}\nmodel A {\n  id Int @id\n  role Role\n}\n");
    for options in [PlanOptions::default(), PlanOptions { online: true, ..PlanOptions::default() }] {
        assert!(
            plan(&database, &sorted, &options).is_empty(),
            "{:?}",
            describe(&plan(&database, &sorted, &options).steps)
        );
        assert!(plan(&sorted, &database, &options).is_empty());
    }

    // A value added to the sorted list goes in with ADD VALUE, before a value the type has.
    let added =
        with_datasource("enum Role {\n  ADMIN\n  GUEST\n  OWNER\n  USER\n}\nmodel A {\n  id Int @id\n  role Role\n}\n");
    let p = plan(&database, &added, &PlanOptions::default());
    assert_eq!(p.steps.len(), 1, "{:?}", describe(&p.steps));
    assert!(
        matches!(&p.steps[0], Step::AddEnumValue { value, before: Some(b), .. } if value == "OWNER" && b == "USER"),
        "{:?}",
        p.steps
    );

    // A value removed from it still rebuilds the type, with a warning.
    let removed = with_datasource("enum Role {\n  ADMIN\n  USER\n}\nmodel A {\n  id Int @id\n  role Role\n}\n");
    let p = plan(&database, &removed, &PlanOptions::default());
    assert!(matches!(&p.steps[..], [Step::RebuildEnum { removed, .. }] if removed == &["GUEST"]), "{:?}", p.steps);
    assert_eq!(p.warnings.len(), 1);
}

const ANNOTATED: &str = r#"
/// [Role] who someone is.
///
/// A second paragraph.
enum Role {
  ADMIN
  USER
}

/// @zod.import(["import { z } from 'zod'"])
model User {
  /// @zod.string.cuid()
  id    String @id
  /// [UserMeta]
  meta  Json
  /// @zod.string.max(10)
  name  String
  role  Role
}
"#;

#[test]
fn doc_comments_are_neither_written_nor_compared_unless_asked_for() {
    let annotated = with_datasource(ANNOTATED);
    let bare = with_datasource(
        &ANNOTATED.lines().filter(|l| !l.trim_start().starts_with("///")).collect::<Vec<_>>().join("\n"),
    );
    assert!(annotated.tables["User"].comment.is_some(), "the IR keeps the doc comments");

    let init = plan(&Schema::default(), &annotated, &PlanOptions::default());
    assert!(!init.steps.iter().any(|s| matches!(s, Step::Comment { .. })), "{}", init.to_sql());
    assert!(!init.to_sql().contains("COMMENT"), "{}", init.to_sql());
    assert!(plan(&bare, &annotated, &PlanOptions::default()).is_empty());
    assert!(plan(&annotated, &bare, &PlanOptions::default()).is_empty());

    // A database whose objects have COMMENTs (an earlier tool wrote them, or a hand), introspected,
    // against a schema with other doc comments: no drift.
    let mut commented_database = bare.clone();
    commented_database.enums["Role"].comment = Some("set by hand".into());
    commented_database.tables["User"].comment = Some("set by hand".into());
    commented_database.tables["User"].columns["name"].comment = Some("set by hand".into());
    assert!(plan(&commented_database, &annotated, &PlanOptions::default()).is_empty());
    assert!(plan(&annotated, &commented_database, &PlanOptions::default()).is_empty());

    // Asked for, they are written and compared.
    let init = plan(&Schema::default(), &annotated, &comments_on());
    assert_eq!(init.steps.iter().filter(|s| matches!(s, Step::Comment { .. })).count(), 5, "{}", init.to_sql());
    assert_eq!(plan(&bare, &annotated, &comments_on()).steps.len(), 5);
    assert_eq!(plan(&commented_database, &annotated, &comments_on()).steps.len(), 5);
}

#[test]
fn the_nullability_of_list_columns_is_no_difference() {
    let schema = with_datasource("model A {\n  id Int @id\n  tags String[]\n  empty String[] @default([])\n}\n");
    // A hand-written history: `tags TEXT[] NOT NULL`, `empty TEXT[] NOT NULL DEFAULT '{}'` (introspection
    // reads `'{}'::text[]` as an empty list).
    let mut database = schema.clone();
    for column in database.tables["A"].columns.values_mut() {
        if column.array {
            column.nullable = false;
        }
    }
    for options in [PlanOptions::default(), PlanOptions { online: true, ..PlanOptions::default() }] {
        let p = plan(&database, &schema, &options);
        assert!(p.is_empty(), "{:?}", describe(&p.steps));
        assert!(plan(&schema, &database, &options).is_empty());
    }

    // A default that really differs is still a difference.
    let mut other_default = database.clone();
    other_default.tables["A"].columns["empty"].default =
        Some(ColumnDefault::List(vec![ColumnDefault::String("a".into())]));
    let p = plan(&other_default, &schema, &PlanOptions::default());
    assert_eq!(
        p.to_sql().trim(),
        "-- AlterTable\nALTER TABLE \"A\" ALTER COLUMN \"empty\" SET DEFAULT ARRAY[]::TEXT[];"
    );
}

/// Indexes as Prisma pairs them: by shape, not name. `database` stands for what a history built (a
/// schema with the same model, then indexes added as a team adds them by hand).
fn with_indexes(schema: &Schema, table: &str, indexes: &[refract_ir::Index]) -> Schema {
    let mut schema = schema.clone();
    schema.tables[table].indexes.extend(indexes.iter().cloned());
    schema
}

fn index(name: &str, unique: bool, columns: &[&str], predicate: Option<&str>) -> refract_ir::Index {
    refract_ir::Index {
        name: name.into(),
        unique,
        columns: columns.iter().map(|c| refract_ir::IndexColumn::plain(*c)).collect(),
        method: Default::default(),
        predicate: predicate.map(str::to_string),
        client_name: None,
    }
}

const ACCOUNTS: &str =
    "model Subscription {\n  id Int @id\n  accountId Int\n  active Boolean\n  email String @unique\n}\n";

#[test]
fn partial_and_duplicate_indexes_a_team_added_are_no_change() {
    let declared = with_datasource(ACCOUNTS);
    // A partial unique index added by hand, and a leftover duplicate of the declared unique index.
    let one_active = index("Subscription_one_active", true, &["accountId"], Some("active"));
    let leftover = index("Account_email_key", true, &["email"], None);
    let database = with_indexes(&declared, "Subscription", &[one_active.clone(), leftover]);
    for options in [PlanOptions::default(), PlanOptions { online: true, ..PlanOptions::default() }] {
        let p = plan(&database, &declared, &options);
        assert!(p.is_empty(), "{:?}", describe(&p.steps));
    }

    // Declared without `where:` on the same columns: the partial index stands for it (predicates are
    // not compared) under the declared name: nothing to do.
    let plain = with_datasource(
        &ACCOUNTS.replace("  email String @unique\n", "  email String @unique\n\n  @@index([accountId])\n"),
    );
    let database = with_indexes(
        &with_datasource(ACCOUNTS),
        "Subscription",
        &[index("Subscription_accountId_idx", false, &["accountId"], Some("\"deletedAt\" IS NULL"))],
    );
    assert!(plan(&database, &plain, &PlanOptions::default()).is_empty());

    // With partial indexes managed (a `where:` in the schema), the predicate counts and an undeclared
    // partial index goes.
    let managed = with_datasource(&ACCOUNTS.replace(
        "  email String @unique\n",
        "  email String @unique\n\n  @@unique([accountId], map: \"Subscription_one_active\", where: raw(\"active\"))\n",
    ));
    assert!(managed.partial_indexes);
    let database = with_indexes(
        &declared,
        "Subscription",
        &[index("Subscription_one_active", true, &["accountId"], Some("(active)"))],
    );
    let p = plan(&database, &managed, &PlanOptions::default());
    assert!(p.is_empty(), "the predicate as PostgreSQL prints it is the same: {:?}", describe(&p.steps));
    let other = with_indexes(
        &declared,
        "Subscription",
        &[index("Subscription_one_active", true, &["accountId"], Some("NOT active"))],
    );
    let p = plan(&other, &managed, &PlanOptions::default());
    assert_eq!(describe(&p.steps).len(), 2, "dropped and created with its predicate: {:?}", describe(&p.steps));
    let mut undeclared = declared.clone();
    undeclared.partial_indexes = true;
    let p = plan(&with_indexes(&declared, "Subscription", &[one_active]), &undeclared, &PlanOptions::default());
    assert!(matches!(&p.steps[..], [Step::DropIndex { .. }]), "{:?}", describe(&p.steps));

    // The real difference is still planned: a declared index the database lacks.
    let missing = with_datasource(&ACCOUNTS.replace("  active Boolean\n", "  active Boolean @unique\n"));
    let p = plan(&declared, &missing, &PlanOptions::default());
    assert!(matches!(&p.steps[..], [Step::CreateIndex { .. }]), "{:?}", describe(&p.steps));
}

#[test]
fn a_partial_unique_index_added_back_warns_about_the_rows_it_holds() {
    let without = with_datasource(ACCOUNTS);
    let with = with_datasource(&ACCOUNTS.replace(
        "  email String @unique\n",
        "  email String @unique\n\n  @@unique([accountId], where: raw(\"active\"))\n",
    ));
    let p = plan(&without, &with, &PlanOptions::default());
    let message = p.warnings[0].message();
    assert!(message.contains("of the rows where `active`"), "{message}");
    let count = p.warnings[0].count_sql.as_deref().unwrap();
    assert!(count.contains("(active)"), "duplicates only among those rows: {count}");
}
