//! A replay's result kept on this machine (in the folder the CLI gives: the project's
//! `.refract/history`), keyed by the migrations' names and checksums, the SQL run before them and the
//! server's major version: a history whose state files do not account for it (Prisma's, a merge of
//! overlapping branches) costs one replay, not one per run.

use std::path::PathBuf;

use refract_ir::Schema;
use refract_plan::state_file::INTROSPECTED_BY;
use sha2::{Digest, Sha256};

use crate::LocalMigration;

/// A digest of a schema's IR, to key what was computed from it.
pub fn schema_digest(schema: &Schema) -> String {
    let json = serde_json::to_vec(schema).expect("the IR always serialises");
    hex::encode(Sha256::digest(&json))
}

/// Replays' results in a folder of this machine.
pub struct ReplayCache {
    dir: PathBuf,
}

impl ReplayCache {
    pub fn new(dir: PathBuf) -> ReplayCache {
        ReplayCache { dir }
    }

    pub fn key(migrations: &[LocalMigration], init: Option<&str>, namespace: &str, server_major: u32) -> String {
        let mut h = Sha256::new();
        h.update(format!(
            "refract-replay/1\0{}\0{server_major}\0{namespace}\0{}\0",
            INTROSPECTED_BY,
            init.unwrap_or("")
        ));
        for m in migrations {
            h.update(format!("{}\0{}\0", m.name, m.checksum));
        }
        hex::encode(h.finalize())
    }

    pub fn get(&self, key: &str) -> Option<Schema> {
        let text = std::fs::read_to_string(self.dir.join(format!("{key}.json"))).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Best effort: a cache that cannot be written costs the next run a replay, nothing else.
    pub fn put(&self, key: &str, schema: &Schema) {
        if std::fs::create_dir_all(&self.dir).is_ok()
            && let Ok(text) = serde_json::to_string(schema)
        {
            let tmp = self.dir.join(format!("{key}.json.{}", std::process::id()));
            if std::fs::write(&tmp, text).is_ok() {
                let _ = std::fs::rename(&tmp, self.dir.join(format!("{key}.json")));
            }
        }
    }
}
