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
