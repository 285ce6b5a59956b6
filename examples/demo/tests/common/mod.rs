//! What the demo's test files share: a migrated database per test, a runtime, and a client per driver.
//! Each test file uses only some of them.
#![allow(dead_code)]

use refract_e2e::{TestDb, root};
use refract_engine::{DatabaseUrl, Engine, MigrationsDir};

/// A fresh database with the demo's migrations applied by the engine.
pub fn migrated(label: &str) -> TestDb {
    let db = TestDb::new(label);
    let mut engine = Engine::connect(&DatabaseUrl::parse(&db.url()).unwrap()).unwrap();
    let report = engine.deploy(&MigrationsDir::new(root().join("migrations")), &mut |_| {}).unwrap();
    assert!(!report.applied.is_empty());
    db
}

/// Runs `f` on a runtime of its own; the test database (blocking client) lives outside it.
pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(f)
}

/// A tokio-postgres client of the database, its connection driven by the runtime.
pub async fn tokio_client(url: &str) -> tokio_postgres::Client {
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls).await.unwrap();
    tokio::spawn(connection);
    client
}

/// A sqlx pool of the database.
pub async fn sqlx_pool(url: &str) -> sqlx::PgPool {
    sqlx::PgPool::connect(url).await.unwrap()
}
