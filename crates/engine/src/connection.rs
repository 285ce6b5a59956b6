//! Database URLs as Prisma users write them, connections, and scratch databases.
//!
//! Prisma URLs carry parameters the PostgreSQL driver does not know (`schema`, `connection_limit`,
//! `pgbouncer`, ...). `schema` names the PostgreSQL schema refract manages (default `public`); the others
//! are connection-pool settings with no meaning for a one-shot tool and are dropped. The TLS parameters
//! (`sslmode`, `sslrootcert`, `sslcert`, `sslkey`, `sslaccept`, ...) are read by [`crate::tls`]: the
//! driver only knows three of the six `sslmode`s, so they never reach it.

use std::fmt;
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use postgres::config::Host;
use postgres::tls::{MakeTlsConnect, TlsConnect};
use postgres::{Client, Config, NoTls, Socket};
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::EngineError;
use crate::connection_string::ConnectionString;
use crate::tls::{self, TlsSettings};

/// Parameters the driver understands; everything else in the query string is Prisma's and dropped.
const DRIVER_PARAMS: &[&str] = &[
    "user",
    "password",
    "dbname",
    "options",
    "application_name",
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

/// How long a connection attempt waits for the server when the URL sets no `connect_timeout`
/// (Prisma's default).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Clone)]
pub struct DatabaseUrl {
    config: Config,
    /// The PostgreSQL schema refract manages (`?schema=`), where `_prisma_migrations` lives.
    pub namespace: String,
    /// The URL without its secrets (the password, and `password=` and `sslpassword=` values), for
    /// messages.
    pub redacted: String,
    url: ConnectionString,
    tls: Arc<TlsSettings>,
    /// A shadow database given by the user (Prisma's `shadowDatabaseUrl`): comparison builds empty and
    /// reuse this very database instead of creating scratch databases on its server.
    shadow_database: bool,
}

impl fmt::Debug for DatabaseUrl {
    /// The redacted URL only: a `Debug` print (an `unwrap` failing, a log line) shows no secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DatabaseUrl")
            .field("url", &self.redacted)
            .field("namespace", &self.namespace)
            .field("tls", &self.tls)
            .finish()
    }
}

impl DatabaseUrl {
    /// A URL whose relative certificate paths (`sslrootcert`, `sslcert`, `sslkey`) are found from the
    /// working directory.
    pub fn parse(url: &str) -> Result<DatabaseUrl, EngineError> {
        DatabaseUrl::parse_with_base(url, None)
    }

    /// A URL whose relative certificate paths are looked up in `base` first (Prisma resolves them
    /// from the schema file's folder: pass that folder) and then in the working directory.
    pub fn parse_with_base(url: &str, base: Option<&Path>) -> Result<DatabaseUrl, EngineError> {
        let parsed =
            ConnectionString::parse(url).map_err(|e| EngineError::Usage(format!("invalid database URL: {e}")))?;
        DatabaseUrl::from_connection_string(parsed, base)
    }

    /// The driver's configuration from a URL already parsed (see [`DatabaseUrl::parse_with_base`]).
    pub fn from_connection_string(parsed: ConnectionString, base: Option<&Path>) -> Result<DatabaseUrl, EngineError> {
        let mut namespace = "public".to_string();
        let mut tls_pairs = Vec::new();
        let mut timeout_given = false;
        for (key, value) in parsed.query() {
            if key == "schema" {
                namespace = value;
            } else if let Some(known) = tls::TLS_PARAMS.iter().find(|k| **k == key) {
                tls_pairs.push((*known, value));
            } else {
                timeout_given |= key == "connect_timeout";
            }
        }
        let tls = TlsSettings::from_params(tls_pairs, base)?;
        let redacted = parsed.redacted();
        let mut config = Config::from_str(&parsed.keeping_params(|key| DRIVER_PARAMS.contains(&key)))
            .map_err(|e| EngineError::Usage(format!("invalid database URL {redacted}: {e}")))?;
        if config.get_application_name().is_none() {
            config.application_name("refract");
        }
        // With `hostaddr` alone the driver has no name for TLS: the address is the name, as in libpq.
        if config.get_hosts().is_empty() {
            for addr in config.get_hostaddrs().to_vec() {
                config.host(&addr.to_string());
            }
        }
        // `connect_timeout=0` waits for ever, as in libpq and Prisma; no value waits 5 seconds.
        if !timeout_given {
            config.connect_timeout(DEFAULT_CONNECT_TIMEOUT);
        }
        config.ssl_mode(if is_unix_socket(&config) { postgres::config::SslMode::Disable } else { tls.driver_mode() });
        Ok(DatabaseUrl { config, namespace, redacted, url: parsed, tls: Arc::new(tls), shadow_database: false })
    }

    /// The URL as parsed once: what the pooler check and messages read.
    pub fn connection_string(&self) -> &ConnectionString {
        &self.url
    }

    pub fn connect(&self) -> Result<Client, EngineError> {
        let failed = |message: String| EngineError::Connect { url: self.redacted.clone(), message };
        let deadline = self.deadline();
        // PostgreSQL does not speak TLS over Unix sockets (the embedded database listens on one).
        let result = if is_unix_socket(&self.config) || self.tls.mode() == tls::SslMode::Disable {
            connect_within(self.config.clone(), NoTls, deadline)
        } else {
            let config = self.tls.client_config().map_err(failed)?;
            connect_within(self.config.clone(), MakeRustlsConnect::new((*config).clone()), deadline)
        };
        result.map_err(|failure| failed(self.explain(failure)))
    }

    /// The same server, credentials and managed schema, another database.
    pub fn with_database(&self, name: &str) -> DatabaseUrl {
        let mut config = self.config.clone();
        config.dbname(name);
        let url = self.url.with_database(name);
        DatabaseUrl {
            config,
            namespace: self.namespace.clone(),
            redacted: url.redacted(),
            url,
            tls: self.tls.clone(),
            shadow_database: false,
        }
    }

    /// This URL as the user's shadow database (Prisma's `shadowDatabaseUrl`): histories are replayed
    /// and schemas built in it, after emptying it, instead of in scratch databases refract creates
    /// (for servers where the user cannot `CREATE DATABASE`). Everything in it is dropped each time.
    pub fn as_shadow_database(mut self) -> DatabaseUrl {
        self.shadow_database = true;
        self
    }

    /// Whether both URLs name the same database on the same server (a shadow database must not be the
    /// database itself: it is emptied).
    pub fn same_database(&self, other: &DatabaseUrl) -> bool {
        self.config.get_hosts() == other.config.get_hosts()
            && self.config.get_ports() == other.config.get_ports()
            && self.database_name() == other.database_name()
    }

    /// The URL as given (with its password), for programs refract starts (the seed command).
    pub fn to_url(&self) -> String {
        self.url.text()
    }

    pub fn database_name(&self) -> &str {
        self.config.get_dbname().unwrap_or("postgres")
    }

    /// The user the URL connects as, if it names one.
    pub fn user(&self) -> Option<&str> {
        self.config.get_user()
    }

    /// Where the URL connects, for messages: `db.example.com:5432`, `[::1]:5432`,
    /// `socket /run/postgresql/.s.PGSQL.5432`; several hosts are listed with commas.
    pub fn host_description(&self) -> String {
        let hosts = self.config.get_hosts();
        let addrs = self.config.get_hostaddrs();
        let ports = self.config.get_ports();
        let count = hosts.len().max(addrs.len());
        if count == 0 {
            return "no host".into();
        }
        (0..count)
            .map(|i| {
                let port = ports.get(i).or(ports.first()).copied().unwrap_or(5432);
                let tcp =
                    |name: &str| if name.contains(':') { format!("[{name}]:{port}") } else { format!("{name}:{port}") };
                match (hosts.get(i), addrs.get(i)) {
                    (Some(Host::Tcp(name)), _) => tcp(name),
                    (Some(Host::Unix(dir)), _) => format!("socket {}", dir.join(format!(".s.PGSQL.{port}")).display()),
                    (None, Some(addr)) => tcp(&addr.to_string()),
                    (None, None) => unreachable!("count is the longer list's length"),
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// How long one connection attempt waits for the server (`None`: for ever).
    pub fn connect_timeout(&self) -> Option<Duration> {
        self.config.get_connect_timeout().copied()
    }

    /// The URL's TLS settings: the `sslmode` and what a connection checks.
    pub fn tls(&self) -> &TlsSettings {
        &self.tls
    }

    /// The longest a whole connection (TCP, TLS, start-up) may take: the driver applies
    /// `connect_timeout` to the TCP connection alone, so a server that accepts and then says nothing
    /// (a wrong port, a stuck proxy) would otherwise hang refract.
    fn deadline(&self) -> Option<Duration> {
        let per_host = self.connect_timeout()?;
        let hosts = self.config.get_hosts().len().max(self.config.get_hostaddrs().len()).max(1) as u32;
        Some(per_host * hosts + Duration::from_secs(1))
    }

    /// A failed connection in words: what happened, where, and what to do. Never the password.
    fn explain(&self, failure: Failure) -> String {
        let host = self.host_description();
        let error = match failure {
            Failure::Deadline(waited) => {
                return format!(
                    "{host} accepted the connection but did not answer as PostgreSQL within {} s (connect_timeout): \
                     check the host and port",
                    waited.as_secs()
                );
            }
            Failure::Lost => return format!("the connection attempt to {host} stopped without an answer"),
            Failure::Postgres(error) => error,
        };
        if let Some(db) = error.as_db_error() {
            let mut message = crate::error::postgres_message(&error);
            let text = db.message();
            if text.contains("client certificate") {
                message.push_str(
                    "\n  hint: pass the client certificate and its key: sslcert=client.crt&sslkey=client.key",
                );
            } else if text.contains("no pg_hba.conf entry") && text.contains("no encryption") {
                message.push_str("\n  hint: the server may accept only encrypted connections: use sslmode=require");
            }
            return message;
        }
        if let Some(tls_error) = tls::find_tls_error(&error) {
            return tls::explain(tls_error, &self.tls, &host);
        }
        let timeout = self.connect_timeout().map_or(0, |t| t.as_secs());
        if let Some(io) = find_io_error(&error) {
            match io.kind() {
                std::io::ErrorKind::TimedOut => {
                    return format!(
                        "no answer from {host} within {timeout} s (connect_timeout; set it in the URL to wait longer): \
                         check the host and port, that the server is up, and that a firewall lets this machine through"
                    );
                }
                std::io::ErrorKind::ConnectionRefused => {
                    return format!(
                        "{host} refused the connection: is PostgreSQL running there and listening on that port?"
                    );
                }
                _ => {}
            }
        }
        let message = crate::error::postgres_message(&error);
        if message.contains("server does not support TLS") {
            return format!(
                "{host} does not offer TLS, which {} requires: enable ssl on the server, or use sslmode=prefer \
                 (or disable) to connect unencrypted",
                self.tls.describe()
            );
        }
        format!("{host}: {message}")
    }
}

enum Failure {
    Postgres(postgres::Error),
    /// The whole attempt outlasted the deadline.
    Deadline(Duration),
    /// The connecting thread ended without a result.
    Lost,
}

/// Connects on a thread of its own when there is a deadline, and gives up waiting at the deadline
/// (the thread finishes or fails on its own; a command ends soon after anyway).
fn connect_within<T>(config: Config, tls: T, deadline: Option<Duration>) -> Result<Client, Failure>
where
    T: MakeTlsConnect<Socket> + 'static + Send,
    T::TlsConnect: Send,
    T::Stream: Send,
    <T::TlsConnect as TlsConnect<Socket>>::Future: Send,
{
    let Some(deadline) = deadline else {
        return config.connect(tls).map_err(Failure::Postgres);
    };
    let (sender, receiver) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new().name("refract-connect".into()).spawn(move || {
        let _ = sender.send(config.connect(tls));
    });
    if spawned.is_err() {
        return Err(Failure::Lost);
    }
    match receiver.recv_timeout(deadline) {
        Ok(result) => result.map_err(Failure::Postgres),
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Err(Failure::Deadline(deadline)),
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => Err(Failure::Lost),
    }
}

fn find_io_error(error: &postgres::Error) -> Option<&std::io::Error> {
    let mut current: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(error);
    while let Some(e) = current {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            return Some(io);
        }
        current = e.source();
    }
    None
}

/// Whether every host of the URL is a Unix socket folder.
fn is_unix_socket(config: &Config) -> bool {
    let hosts = config.get_hosts();
    !hosts.is_empty() && config.get_hostaddrs().is_empty() && hosts.iter().all(|h| matches!(h, Host::Unix(_)))
}

/// A database of its own, created for the duration of one command (to replay a migration history or
/// build a schema, as Prisma's shadow database does) and dropped when this value goes away.
pub struct ScratchDatabase {
    pub url: DatabaseUrl,
    server: DatabaseUrl,
    name: String,
}

impl ScratchDatabase {
    /// A new database on `server`'s server; or, for a shadow database the user gave
    /// ([`DatabaseUrl::as_shadow_database`]), that database emptied.
    pub fn create(server: &DatabaseUrl) -> Result<ScratchDatabase, EngineError> {
        if server.shadow_database {
            empty_shadow_database(server)?;
            return Ok(ScratchDatabase { url: server.clone(), server: server.clone(), name: String::new() });
        }
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

/// Everything in the user's shadow database dropped (every schema but PostgreSQL's own, with what is in
/// it, extensions included), and the managed schema made again: as Prisma resets its shadow database.
fn empty_shadow_database(url: &DatabaseUrl) -> Result<(), EngineError> {
    let mut client = url.connect()?;
    let sql = "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'";
    let rows = client
        .query(sql, &[])
        .map_err(|e| EngineError::database("listing the schemas of the shadow database to empty it", sql, &e))?;
    let mut script = String::new();
    for row in rows {
        let name: String = row.get(0);
        script.push_str(&format!("DROP SCHEMA {} CASCADE;\n", refract_ir::quote_identifier(&name)));
    }
    script.push_str(&format!("CREATE SCHEMA IF NOT EXISTS {};\n", refract_ir::quote_identifier(&url.namespace)));
    if url.namespace != "public" {
        script.push_str("CREATE SCHEMA IF NOT EXISTS \"public\";\n");
    }
    client.batch_execute(&script).map_err(|e| {
        EngineError::database(
            &format!("emptying the shadow database {} (everything in it is dropped before each use)", url.redacted),
            &script,
            &e,
        )
    })
}

impl Drop for ScratchDatabase {
    fn drop(&mut self) {
        if self.server.shadow_database {
            let _ = empty_shadow_database(&self.server);
            return;
        }
        if let Ok(mut admin) = self.server.connect() {
            let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn connect_error(url: &DatabaseUrl) -> String {
        match url.connect() {
            Ok(_) => panic!("{} connected", url.redacted),
            Err(e) => e.to_string(),
        }
    }

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

    #[test]
    fn accessors_describe_the_server() {
        let url = DatabaseUrl::parse("postgresql://app:secret@db.example.com/shop").unwrap();
        assert_eq!(url.host_description(), "db.example.com:5432");
        assert_eq!(url.user(), Some("app"));
        assert_eq!(url.connect_timeout(), Some(DEFAULT_CONNECT_TIMEOUT));
        assert_eq!(url.tls().mode(), tls::SslMode::Prefer);
        let url = DatabaseUrl::parse("postgres://[::1]:6000,db2/x?connect_timeout=0").unwrap();
        assert_eq!(url.host_description(), "[::1]:6000, db2:5432");
        assert_eq!(url.connect_timeout(), None);
        let url = DatabaseUrl::parse("postgres:///postgres?host=/tmp/pg&port=5433&user=postgres").unwrap();
        assert_eq!(url.host_description(), "socket /tmp/pg/.s.PGSQL.5433");
        assert!(is_unix_socket(&url.config));
        assert_eq!(url.config.get_ssl_mode(), postgres::config::SslMode::Disable);
        let url = DatabaseUrl::parse("postgres:///d?hostaddr=192.0.2.10&port=5433").unwrap();
        assert_eq!(url.host_description(), "192.0.2.10:5433");
        assert_eq!(url.config.get_hosts(), &[Host::Tcp("192.0.2.10".into())]);
        let url = DatabaseUrl::parse("postgres://u@h/d?sslmode=verify-full&connect_timeout=12").unwrap();
        assert_eq!(url.config.get_ssl_mode(), postgres::config::SslMode::Require);
        assert_eq!(url.connect_timeout(), Some(Duration::from_secs(12)));
    }

    #[test]
    fn secrets_never_show() {
        let url = DatabaseUrl::parse(
            "postgres://app:pw-in-authority@127.0.0.1:1/shop?password=pw-in-query&sslidentity_unused=1\
             &sslcert=c.pem&sslkey=k.pem&sslpassword=pw-of-key&sslmode=require",
        )
        .unwrap();
        assert_eq!(
            url.redacted,
            "postgres://app:***@127.0.0.1:1/shop?password=***&sslidentity_unused=1&sslcert=c.pem&sslkey=***\
             &sslpassword=***&sslmode=require"
        );
        let debug = format!("{url:?}");
        let message = connect_error(&url);
        let scratch = url.with_database("other");
        for text in [&url.redacted, &debug, &message, &scratch.redacted, &format!("{scratch:?}")] {
            assert!(!text.contains("pw-") && !text.contains("k.pem"), "{text}");
        }
        // The certificate files are missing, and the message names the parameter.
        assert!(message.contains("sslcert=c.pem: no such file"), "{message}");
        // A password containing `@` and `/`, percent-encoded as it must be.
        let url = DatabaseUrl::parse("postgres://app:p%40ss%2Fword@db/x?sslmode=disable").unwrap();
        assert_eq!(url.redacted, "postgres://app:***@db/x?sslmode=disable");
    }

    #[test]
    fn a_refused_connection_names_the_host_and_port() {
        let port = {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            listener.local_addr().unwrap().port()
        };
        let url = DatabaseUrl::parse(&format!("postgres://app:hunter2@127.0.0.1:{port}/x?sslmode=require")).unwrap();
        let message = connect_error(&url);
        assert!(message.contains(&format!("127.0.0.1:{port} refused the connection")), "{message}");
        assert!(!message.contains("hunter2"), "{message}");
    }

    #[test]
    fn a_server_that_says_nothing_is_given_up_on_at_the_deadline() {
        // A listener that never accepts: the kernel completes the TCP handshake, then nothing answers.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let url = DatabaseUrl::parse(&format!("postgres://app@127.0.0.1:{port}/x?connect_timeout=1")).unwrap();
        let started = std::time::Instant::now();
        let message = connect_error(&url);
        let waited = started.elapsed();
        assert!(waited >= Duration::from_secs(2) && waited < Duration::from_secs(4), "{waited:?}");
        assert!(message.contains(&format!("127.0.0.1:{port} accepted the connection but did not answer")), "{message}");
        drop(listener);
    }
}
