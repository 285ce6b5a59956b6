//! The generator's rarer paths against PostgreSQL: an insert with every column filled by the database
//! (`DEFAULT VALUES`), ids generated on the Rust side, enum lists and optional enums bound as casts,
//! `@updatedAt` on a date, keyword field names, and an unmapped column left to its NULL.

use refract::sea_query::PostgresQueryBuilder;
use refract_e2e::{TestDb, plan, schema_of};
use refract_models_check::edge_cases::*;
use sea_query_postgres::PostgresBinder;

#[test]
fn rare_shapes_insert_and_read_back() {
    let mut db = TestDb::new("edge_cases");
    let schema = schema_of(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/edge-cases.prisma"));
    db.apply(&plan(&Default::default(), &schema)).unwrap();

    let (sql, values) = NewCounter {}.insert().returning_all().build_postgres(PostgresQueryBuilder);
    let counter = Counter::try_from(&db.client.query_one(&sql, &values.as_params()).unwrap()).unwrap();
    assert_eq!(counter.id, 1);

    let new = NewPalette {
        colours: vec![Colour::DarkBlue, Colour::Red],
        main: None,
        r#type: "warm".into(),
        table: 7,
        r#match: Some(true),
    };
    let (sql, values) = new.insert().returning_all().build_postgres(PostgresQueryBuilder);
    let palette = Palette::try_from(&db.client.query_one(&sql, &values.as_params()).unwrap()).unwrap();
    assert_eq!(palette.colours, [Colour::DarkBlue, Colour::Red]);
    assert_eq!((palette.main, palette.r#type.as_str(), palette.table, palette.r#match), (None, "warm", 7, Some(true)));
    assert_eq!(palette.id.len(), 25, "a cuid: {}", palette.id);
    assert_eq!(palette.ulid.len(), 26);
    assert_eq!(palette.short.len(), 21);
    assert_eq!(palette.uuid.get_version_num(), 4);
    assert_eq!(palette.day, refract::chrono::Utc::now().date_naive());
    let stored: Vec<String> = db.client.query_one("SELECT colours::text[] FROM \"Palette\"", &[]).unwrap().get(0);
    assert_eq!(stored, ["dark blue", "RED"], "enum lists are stored by their database values");

    // sqlx reads the same row, enum list (the array type found by its quoted name) included, and
    // binds an enum list.
    let url = db.url();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let (read, found) = runtime.block_on(async {
        let pool = sqlx::PgPool::connect(&url).await.unwrap();
        let read: Palette = sqlx::query_as("SELECT * FROM \"Palette\"").fetch_one(&pool).await.unwrap();
        let found: i64 = sqlx::query_scalar("SELECT count(*) FROM \"Palette\" WHERE colours = $1")
            .bind(vec![Colour::DarkBlue, Colour::Red])
            .fetch_one(&pool)
            .await
            .unwrap();
        pool.close().await;
        (read, found)
    });
    assert_eq!(read, palette);
    assert_eq!(found, 1);
}
