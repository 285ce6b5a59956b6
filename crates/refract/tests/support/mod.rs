//! A database of its own for each test: created on the PostgreSQL at `DATABASE_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`), set up with the test file's SQL, and dropped
//! afterwards even when the test panics.

use std::str::FromStr;
use std::sync::atomic::{AtomicUsize, Ordering};

use refract::sqlx::postgres::PgConnectOptions;
use refract::tokio_postgres::{self, NoTls};

/// Runs `test` with the new database's settings for each driver, after `setup` ran there; the database
/// is dropped afterwards, and a panic of the test is then resumed.
pub async fn with_database<F, Fut>(label: &str, setup: &str, test: F)
where
    F: FnOnce(tokio_postgres::Config, PgConnectOptions) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let url =
        std::env::var("DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_string());
    let name = format!("refract_{label}_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed));
    let admin_config = tokio_postgres::Config::from_str(&url).unwrap();
    let (admin, connection) = admin_config
        .connect(NoTls)
        .await
        .unwrap_or_else(|e| panic!("cannot reach PostgreSQL at {url} (set DATABASE_URL): {e}"));
    tokio::spawn(async move {
        let _ = connection.await;
    });
    admin.batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await.unwrap();
    admin.batch_execute(&format!("CREATE DATABASE \"{name}\"")).await.unwrap();

    let mut pg = admin_config.clone();
    pg.dbname(&name);
    {
        let (client, connection) = pg.connect(NoTls).await.unwrap();
        tokio::spawn(async move {
            let _ = connection.await;
        });
        client.batch_execute(setup).await.unwrap();
    }
    let sqlx = PgConnectOptions::from_str(&url).unwrap().database(&name);
    // On a task of its own, so that a panic comes back here as an error and the database is still dropped.
    let outcome = tokio::spawn(test(pg, sqlx)).await;
    admin.batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await.unwrap();
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}
