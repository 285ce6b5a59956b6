//! Connection poolers in transaction mode (PgBouncer, Supavisor, Neon's pooler) hand each transaction
//! to whichever server connection is free: a session advisory lock, `SET search_path` and prepared
//! statements do not survive from one transaction to the next. Migrations need a direct connection,
//! which Prisma users give as `directUrl`.

use crate::ConnectionString;

/// The transaction pooler a URL goes through, by what the URL says: `pgbouncer=true` (Prisma's flag
/// for it), Supabase's transaction pooler (port 6543 on `*.pooler.supabase.com`), Neon's pooled host
/// names (`-pooler.`). `None` when the URL shows none.
pub fn detect(url: &ConnectionString) -> Option<String> {
    if url.query().any(|(key, value)| key.eq_ignore_ascii_case("pgbouncer") && value.eq_ignore_ascii_case("true")) {
        return Some("a connection pooler (`pgbouncer=true`)".into());
    }
    for (host, port) in url.hosts() {
        if host.ends_with(".pooler.supabase.com") && port == Some(6543) {
            return Some("Supabase's transaction pooler (port 6543)".into());
        }
        if host.split('.').next().is_some_and(|label| label.ends_with("-pooler")) && host.ends_with(".neon.tech") {
            return Some("Neon's connection pooler (a `-pooler` host)".into());
        }
    }
    None
}

/// The hint for an error a transaction pooler causes: prepared statements that vanish or collide
/// because consecutive statements reached different server connections.
pub fn explains(message: &str) -> bool {
    message.contains("prepared statement \"s")
        && (message.contains("does not exist") || message.contains("already exists"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect(url: &str) -> Option<String> {
        super::detect(&ConnectionString::parse(url).unwrap())
    }

    #[test]
    fn poolers_are_recognised_by_their_urls() {
        assert!(detect("postgresql://u:p@host:6543/db?pgbouncer=true&connection_limit=1").is_some());
        assert!(detect("postgres://postgres.abc:pw@aws-0-eu-west-1.pooler.supabase.com:6543/postgres").is_some());
        assert!(detect("postgres://postgres.abc:pw@aws-0-eu-west-1.pooler.supabase.com:5432/postgres").is_none());
        assert!(
            detect("postgres://u:p@ep-cool-name-123-pooler.eu-central-1.aws.neon.tech/db?sslmode=require").is_some()
        );
        assert!(detect("postgres://u:p@ep-cool-name-123.eu-central-1.aws.neon.tech/db?sslmode=require").is_none());
        assert!(detect("postgres://postgres@127.0.0.1:5432/postgres").is_none());
        assert!(detect("postgres://u:p%3A6543@db/x?pgbouncer=false").is_none());
    }
}
