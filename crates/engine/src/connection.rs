//! Database URLs as Prisma users write them, connections, and scratch databases.
//!
//! Prisma URLs carry parameters the PostgreSQL driver does not know (`schema`, `connection_limit`,
//! `pgbouncer`, ...). `schema` names the PostgreSQL schema refract manages (default `public`); the others
//! are connection-pool settings with no meaning for a one-shot tool and are dropped.

use std::str::FromStr;
use std::sync::atomic::{AtomicUsize, Ordering};

use postgres::{Client, Config, NoTls};

use crate::EngineError;

/// Parameters the driver understands; everything else in the query string is Prisma's and dropped.
const DRIVER_PARAMS: &[&str] = &[
    "user",
    "password",
    "dbname",
    "options",
    "application_name",
    "sslmode",
    "host",
    "hostaddr",
    "port",
    "connect_timeout",
    "tcp_user_timeout",
    "keepalives",
    "keepalives_idle",
    "target_session_attrs",
    "channel_binding",
    "load_balance_hosts",
];

#[derive(Debug, Clone)]
pub struct DatabaseUrl {
    config: Config,
    /// The PostgreSQL schema refract manages (`?schema=`), where `_prisma_migrations` lives.
    pub namespace: String,
    /// The URL without its password, for messages.
    pub redacted: String,
    url: String,
}

impl DatabaseUrl {
    pub fn parse(url: &str) -> Result<DatabaseUrl, EngineError> {
        let (base, query) = url.split_once('?').unwrap_or((url, ""));
        let mut namespace = "public".to_string();
        let mut kept = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            if key == "schema" {
                namespace = percent_decode(value);
            } else if DRIVER_PARAMS.contains(&key) {
                kept.push(pair);
            }
        }
        let cleaned = if kept.is_empty() { base.to_string() } else { format!("{base}?{}", kept.join("&")) };
        let mut config = Config::from_str(&cleaned)
            .map_err(|e| EngineError::Usage(format!("invalid database URL {}: {e}", redact(url))))?;
        if config.get_application_name().is_none() {
            config.application_name("refract");
        }
        Ok(DatabaseUrl { config, namespace, redacted: redact(url), url: url.to_string() })
    }

    pub fn connect(&self) -> Result<Client, EngineError> {
        self.config.connect(NoTls).map_err(|e| EngineError::Connect {
            url: self.redacted.clone(),
            message: crate::error::postgres_message(&e),
        })
    }

    /// The same server, credentials and managed schema, another database.
    pub fn with_database(&self, name: &str) -> DatabaseUrl {
        let mut config = self.config.clone();
        config.dbname(name);
        let url = replace_database(&self.url, name);
        DatabaseUrl { config, namespace: self.namespace.clone(), redacted: redact(&url), url }
    }

    /// The URL as given (with its password), for programs refract starts (the seed command).
    pub fn to_url(&self) -> String {
        self.url.clone()
    }

    pub fn database_name(&self) -> &str {
        self.config.get_dbname().unwrap_or("postgres")
    }
}

/// A database of its own, created for the duration of one command (to replay a migration history or
/// build a schema, as Prisma's shadow database does) and dropped when this value goes away.
pub struct ScratchDatabase {
    pub url: DatabaseUrl,
    server: DatabaseUrl,
    name: String,
}

impl ScratchDatabase {
    pub fn create(server: &DatabaseUrl) -> Result<ScratchDatabase, EngineError> {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let name = format!("refract_scratch_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed));
        let mut admin = server.connect()?;
        // Two calls: a multi-statement string is one transaction, and CREATE DATABASE refuses those.
        let sql = format!("DROP DATABASE IF EXISTS \"{name}\"");
        admin.batch_execute(&sql).map_err(|e| EngineError::database("dropping a scratch database", &sql, &e))?;
        let sql = format!("CREATE DATABASE \"{name}\"");
        admin.batch_execute(&sql).map_err(|e| {
            EngineError::database(
                "creating a scratch database (refract replays migrations there, like Prisma's shadow database; the user needs CREATEDB)",
                &sql,
                &e,
            )
        })?;
        Ok(ScratchDatabase { url: server.with_database(&name), server: server.clone(), name })
    }
}

impl Drop for ScratchDatabase {
    fn drop(&mut self) {
        if let Ok(mut admin) = self.server.connect() {
            let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name));
        }
    }
}

/// `url` with its database (the path) replaced by `db`; the query string is kept.
pub fn replace_database(url: &str, db: &str) -> String {
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

fn redact(url: &str) -> String {
    // postgres://user:password@host -> postgres://user:***@host
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else { return url.to_string() };
    let Some(at) = url[scheme_end..].find('@').map(|i| scheme_end + i) else { return url.to_string() };
    match url[scheme_end..at].find(':') {
        Some(colon) => format!("{}:***{}", &url[..scheme_end + colon], &url[at..]),
        None => url.to_string(),
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(v) = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prisma_parameters_are_understood_or_dropped() {
        let url = DatabaseUrl::parse(
            "postgresql://app:secret@db:6543/shop?schema=sales%20v2&connection_limit=5&sslmode=disable",
        )
        .unwrap();
        assert_eq!(url.namespace, "sales v2");
        assert_eq!(url.database_name(), "shop");
        assert_eq!(
            url.redacted,
            "postgresql://app:***@db:6543/shop?schema=sales%20v2&connection_limit=5&sslmode=disable"
        );
        assert!(DatabaseUrl::parse("mysql://x").is_err());
    }
}
