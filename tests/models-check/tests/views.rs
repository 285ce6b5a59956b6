//! Views read through their generated row structs, with both drivers: the tables are planned from the
//! schema (no view in the plan, no foreign key to a view), the views created by hand as a migration
//! would, and their rows read back through the sea-query identifiers.

use refract::sea_query::{Expr, Order, PostgresQueryBuilder, Query};
use refract_e2e::{TestDb, plan, schema_of};
use refract_models_check::views::*;
use sea_query_postgres::PostgresBinder;

const VIEWS_SQL: &str = r#"
CREATE VIEW user_stats AS
  SELECT u.id AS user_id, count(p.id)::int AS post_count, max(p."createdAt") AS last_post, u.role
  FROM "User" u LEFT JOIN "Post" p ON p."authorId" = u.id GROUP BY u.id;
CREATE VIEW "MonthlySummary" AS
  SELECT "authorId" AS "userId", date_trunc('month', "createdAt")::date AS month, count(*)::int AS posts,
         array_agg(title ORDER BY id)::text[] AS titles
  FROM "Post" GROUP BY 1, 2;
CREATE VIEW "PostReport" AS SELECT id, NULL::text AS note FROM "Post";
CREATE VIEW "RecentActivity" AS SELECT "createdAt" AS at, title AS label FROM "Post";
"#;

#[test]
fn views_are_read_with_both_drivers() {
    let mut db = TestDb::new("views_read");
    let schema = schema_of(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/views.prisma"));
    let steps = plan(&Default::default(), &schema);
    let sql = steps.to_sql();
    assert!(!sql.contains("VIEW") && !sql.contains("user_stats"), "views are not planned:\n{sql}");
    assert!(!sql.contains("Post_reportId_fkey"), "a relation to a view has no foreign key:\n{sql}");
    db.apply(&steps).unwrap();
    db.client.batch_execute(VIEWS_SQL).unwrap();

    let mut users = Vec::new();
    for email in ["ada@example.com", "bob@example.com"] {
        let (sql, values) =
            NewUser { email: email.into() }.insert().returning_all().build_postgres(PostgresQueryBuilder);
        users.push(User::try_from(&db.client.query_one(&sql, &values.as_params()).unwrap()).unwrap());
    }
    for title in ["first", "second"] {
        let new = NewPost { author_id: users[0].id, title: title.into(), tags: vec!["t".into()], report_id: None };
        let (sql, values) = new.insert().build_postgres(PostgresQueryBuilder);
        db.client.execute(&sql, &values.as_params()).unwrap();
    }

    // tokio-postgres: the view's columns by their database names (`user_id` for `userId`).
    let (sql, values) = Query::select()
        .columns([UserStatsIden::UserId, UserStatsIden::PostCount, UserStatsIden::LastPost, UserStatsIden::Role])
        .from(UserStatsIden::Table)
        .order_by(UserStatsIden::UserId, Order::Asc)
        .build_postgres(PostgresQueryBuilder);
    let stats: Vec<UserStats> =
        db.client.query(&sql, &values.as_params()).unwrap().iter().map(|r| UserStats::try_from(r).unwrap()).collect();
    assert_eq!(UserStats::TABLE, "user_stats");
    assert_eq!(stats.len(), 2);
    assert_eq!((stats[0].user_id, stats[0].post_count, stats[0].role), (users[0].id, Some(2), Some(Role::User)));
    assert_eq!((stats[1].post_count, stats[1].last_post), (Some(0), None));

    let (sql, values) = Query::select()
        .columns([
            MonthlySummaryIden::UserId,
            MonthlySummaryIden::Month,
            MonthlySummaryIden::Posts,
            MonthlySummaryIden::Titles,
        ])
        .from(MonthlySummaryIden::Table)
        .and_where(Expr::col(MonthlySummaryIden::UserId).eq(users[0].id))
        .build_postgres(PostgresQueryBuilder);
    let summary = MonthlySummary::try_from(&db.client.query_one(&sql, &values.as_params()).unwrap()).unwrap();
    assert_eq!((summary.posts, summary.titles.as_slice()), (2, ["first".to_string(), "second".to_string()].as_slice()));

    // sqlx reads the same rows into the same structs.
    let url = db.url();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let (read, activity) = runtime.block_on(async {
        let pool = sqlx::PgPool::connect(&url).await.unwrap();
        let read: Vec<UserStats> =
            sqlx::query_as("SELECT * FROM user_stats ORDER BY user_id").fetch_all(&pool).await.unwrap();
        let activity: Vec<RecentActivity> =
            sqlx::query_as(r#"SELECT * FROM "RecentActivity" ORDER BY label"#).fetch_all(&pool).await.unwrap();
        pool.close().await;
        (read, activity)
    });
    assert_eq!(read, stats);
    let labels: Vec<Option<&str>> = activity.iter().map(|a| a.label.as_deref()).collect();
    assert_eq!(labels, [Some("first"), Some("second")]);
}
