//! Rust names that would collide get distinct, predictable ones: `createdAt` and `created_at`, a
//! relation field named `update`, a model named like another model's insert type, `type` and `table`.

use refract::sea_query::{Iden, PostgresQueryBuilder};
use refract_models_check::collisions::*;

#[test]
fn colliding_names_are_made_distinct() {
    let now = refract::chrono::Utc::now().naive_utc();
    let account =
        Account { id: "a1".into(), created_at: now, created_at_2: None, r#type: "oauth".into(), table: Some(1) };
    assert_eq!(Account::CREATED_AT_COLUMN, "createdAt");
    assert_eq!(Account::CREATED_AT_2_COLUMN, "created_at");
    assert_eq!(AccountIden::CreatedAt2.to_string(), "created_at");
    assert_eq!(AccountIden::TableColumn.to_string(), "table");
    // The model named NewAccount keeps its name; Account's insert type takes the next one.
    let _model = NewAccount { id: 1 };
    let insert = NewAccount2 { id: "a2".into(), created_at_2: None, r#type: "email".into(), table: None };
    assert!(insert.insert().to_string(PostgresQueryBuilder).contains("\"Account\""));
    // The relation field `update` is `update_2()`: `update()` is the row's UPDATE.
    let session = Session { id: 1, account_id: account.id.clone() };
    let related = session.update_2().to_string(PostgresQueryBuilder);
    assert!(related.contains("FROM \"Account\"") && related.contains("'a1'"), "{related}");
    assert!(session.update().to_string(PostgresQueryBuilder).starts_with("UPDATE \"Session\""));
    assert!(account.sessions().to_string(PostgresQueryBuilder).contains("FROM \"Session\""));
}
