//! Helpers for end-to-end tests: a scratch database per test, and the paths of the project's data.
//!
//! Tests talk to the PostgreSQL named by `DATABASE_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`). Each test creates its own database with a unique name
//! and drops it afterwards, so tests run in parallel without seeing each other.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use postgres::{Client, NoTls};

pub fn server_url() -> String {
    std::env::var("DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_string())
}

/// `url` with its database replaced by `db`.
fn with_database(url: &str, db: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[scheme_end..].find('/').map_or(base.len(), |i| scheme_end + i);
    let mut out = format!("{}/{db}", &base[..path_start]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

/// A fresh, empty database that is dropped when this value goes out of scope.
pub struct TestDb {
    pub name: String,
    pub client: Client,
    admin_url: String,
}

impl TestDb {
    pub fn new(label: &str) -> TestDb {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let admin_url = server_url();
        let name = format!(
            "refract_test_{}_{}_{}",
            label
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' })
                .collect::<String>(),
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let mut admin = Client::connect(&admin_url, NoTls)
            .unwrap_or_else(|e| panic!("cannot reach PostgreSQL at {admin_url} (set DATABASE_URL): {e}"));
        // Two calls: a multi-statement batch is one transaction, which CREATE DATABASE refuses.
        admin.batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\"")).unwrap();
        admin.batch_execute(&format!("CREATE DATABASE \"{name}\"")).unwrap();
        let client = Client::connect(&with_database(&admin_url, &name), NoTls).unwrap();
        TestDb { name, client, admin_url }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Ok(mut admin) = Client::connect(&self.admin_url, NoTls) {
            let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name));
        }
    }
}

/// The workspace root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ is inside the workspace").to_path_buf()
}

/// `../shared`, beside the project: the reference tools and acceptance data.
pub fn shared() -> PathBuf {
    root().parent().expect("the workspace has a parent").join("shared")
}

#[cfg(test)]
mod tests {
    #[test]
    fn database_is_swapped_in_urls() {
        assert_eq!(super::with_database("postgres://u@h:5432/postgres", "x"), "postgres://u@h:5432/x");
        assert_eq!(
            super::with_database("postgres://u@h/postgres?sslmode=disable", "x"),
            "postgres://u@h/x?sslmode=disable"
        );
        assert_eq!(super::with_database("postgres://u@h:5432", "x"), "postgres://u@h:5432/x");
    }
}
