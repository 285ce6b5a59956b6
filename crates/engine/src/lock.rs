//! Runs are serialised by a session advisory lock, the key Prisma Migrate uses, so refract and Prisma
//! exclude each other too.
//!
//! A fleet (`migrate deploy --fleet`) runs many targets of one database at once (schema per tenant):
//! each of its workers holds Prisma's key in shared mode and an exclusive key of its own target, so
//! workers never exclude each other, a second run on the same target waits, and a Prisma or plain
//! refract deploy (Prisma's key, exclusive) excludes them all and is excluded by any.
//!
//! The lock is taken by polling `pg_try_advisory_lock`: a session blocked in `pg_advisory_lock` holds a
//! virtual transaction id, and `CREATE INDEX CONCURRENTLY` in the holder waits for every such session,
//! so a blocking wait would deadlock the holder's migration against the waiter.

use std::time::{Duration, Instant};

use postgres::Client;

use crate::EngineError;

/// Prisma Migrate's advisory lock key.
pub const ADVISORY_LOCK_KEY: i64 = 72_707_369;

/// How a run takes the migration lock.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LockMode {
    /// Prisma's key, exclusive: one run per database, as Prisma.
    #[default]
    Exclusive,
    /// A fleet worker: Prisma's key shared, and `target` ([`target_key`]) exclusive.
    Fleet { target: i64 },
}

/// The fleet lock key of the target migrated in `namespace` (a PostgreSQL schema): a 64-bit FNV-1a hash
/// of the name, never Prisma's key.
pub fn target_key(namespace: &str) -> i64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in "refract-fleet-target\0".bytes().chain(namespace.bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    let key = hash as i64;
    if key == ADVISORY_LOCK_KEY { key.wrapping_add(1) } else { key }
}

/// The lock, held for the session of `client` until [`release`] or until the session ends (a killed
/// process loses its connection, and PostgreSQL frees the lock with it).
pub fn acquire(client: &mut Client, timeout: Duration) -> Result<(), EngineError> {
    acquire_as(client, LockMode::Exclusive, timeout)
}

/// [`acquire`] in `mode`. A fleet worker takes its target's key first, then Prisma's key shared; both
/// or neither are held when it returns.
pub fn acquire_as(client: &mut Client, mode: LockMode, timeout: Duration) -> Result<(), EngineError> {
    let started = Instant::now();
    let mut pause = Duration::from_millis(20);
    loop {
        let row = match mode {
            LockMode::Exclusive => {
                let sql = "SELECT pg_try_advisory_lock($1)";
                client
                    .query_one(sql, &[&ADVISORY_LOCK_KEY])
                    .map_err(|e| EngineError::database("taking the migration lock", sql, &e))?
            }
            LockMode::Fleet { target } => {
                // Both in one statement, so a refusal of either leaves neither held.
                let sql = "SELECT CASE WHEN pg_try_advisory_lock($2) THEN \
                             CASE WHEN pg_try_advisory_lock_shared($1) THEN true \
                             ELSE NOT pg_advisory_unlock($2) END \
                           ELSE false END";
                client
                    .query_one(sql, &[&ADVISORY_LOCK_KEY, &target])
                    .map_err(|e| EngineError::database("taking the migration lock (fleet)", sql, &e))?
            }
        };
        if row.get::<_, bool>(0) {
            return Ok(());
        }
        if started.elapsed() >= timeout {
            return Err(EngineError::LockTimeout { seconds: timeout.as_secs(), holder: holder(client) });
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(250));
    }
}

/// `PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK` set to anything but empty, `0` or `false`: runs are not
/// serialised (Prisma's escape hatch for servers that lack advisory locks). Said once per process.
pub fn disabled() -> bool {
    static WARNED: std::sync::Once = std::sync::Once::new();
    let disabled = std::env::var("PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK")
        .is_ok_and(|v| !matches!(v.trim().to_ascii_lowercase().as_str(), "" | "0" | "false"));
    if disabled {
        WARNED.call_once(|| {
            eprintln!(
                "warning: PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK is set: the migration lock is not taken, so two runs at once are not kept apart"
            )
        });
    }
    disabled
}

pub fn release(client: &mut Client) {
    release_as(client, LockMode::Exclusive);
}

/// [`release`] of what [`acquire_as`] took in `mode`.
pub fn release_as(client: &mut Client, mode: LockMode) {
    match mode {
        LockMode::Exclusive => {
            let _ = client.query("SELECT pg_advisory_unlock($1)", &[&ADVISORY_LOCK_KEY]);
        }
        LockMode::Fleet { target } => {
            let _ = client
                .query("SELECT pg_advisory_unlock_shared($1), pg_advisory_unlock($2)", &[&ADVISORY_LOCK_KEY, &target]);
        }
    }
}

/// Who holds the lock, from `pg_locks` and `pg_stat_activity`.
fn holder(client: &mut Client) -> String {
    // An advisory lock on a bigint key is stored as classid = high 32 bits, objid = low 32 bits.
    let sql = "SELECT a.pid, coalesce(a.application_name, ''), coalesce(a.usename::text, ''), \
               coalesce(a.client_addr::text, 'local socket'), coalesce(a.backend_start::text, ''), coalesce(a.state, '') \
               FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid \
               WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND l.objid = $1::bigint::oid AND l.objsubid = 1 LIMIT 1";
    match client.query_opt(sql, &[&ADVISORY_LOCK_KEY]) {
        Ok(Some(r)) => format!(
            "process {} (application `{}`, user `{}`, from {}, connected since {}, {})",
            r.get::<_, i32>(0),
            r.get::<_, String>(1),
            r.get::<_, String>(2),
            r.get::<_, String>(3),
            r.get::<_, String>(4),
            r.get::<_, String>(5)
        ),
        Ok(None) => "the holder has just released it".to_string(),
        Err(e) => format!("(cannot tell who: {})", crate::error::postgres_message(&e)),
    }
}
