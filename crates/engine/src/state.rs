//! What a migrations folder builds, known without a database when its snapshot accounts for it.
//!
//! The newest `snapshot.json` lists the migrations it accounts for (names and checksums). When that
//! list is exactly the folder's migrations, the snapshot is the state: no replay. Otherwise (a branch
//! merged in, a migration written by hand or by Prisma, one edited or removed after the snapshot was
//! written) the state is rebuilt by replaying the history, and the user is told why in one line.
//!
//! After a merge, each branch's newest migration still has its snapshot (the tips): when the rebuilt
//! state and the schema disagree on something the tips disagree on too, both branches changed it, and
//! [`HistoryState::conflicts`] says so.
//!
//! Architecture invariant: a snapshot is only trusted for the exact migrations it lists; anything
//! else costs a replay, never a wrong plan.

use std::path::PathBuf;

use refract_ir::Schema;
use refract_plan::snapshot::{self, Accounted, Snapshot};
use refract_plan::{PlanOptions, plan};
use sha2::{Digest, Sha256};

use crate::{EngineError, LocalMigration};

/// Why the newest snapshot does not stand for the history.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Divergence {
    /// Migrations in the folder the snapshot does not list, with whether each has a snapshot of its
    /// own (a branch's newest migration) or not (written by hand or by Prisma).
    pub not_accounted: Vec<(String, bool)>,
    /// Listed migrations whose migration.sql changed since.
    pub edited: Vec<String>,
    /// Listed migrations no longer in the folder.
    pub removed: Vec<String>,
}

/// The state of a migrations folder, as far as its snapshots tell.
#[derive(Debug, Clone)]
pub struct HistoryState {
    /// The newest snapshot and the folder it is in.
    pub newest: Option<(PathBuf, Snapshot)>,
    /// `None` when the newest snapshot accounts for every migration (or there are none).
    pub divergence: Option<Divergence>,
    /// Other snapshots still in the folder (other branches' newest migrations, or older ones a
    /// format-1 history kept).
    pub others: Vec<(PathBuf, Snapshot)>,
    /// The migrations in the folder, as accounted (for a new snapshot).
    pub lineage: Vec<Accounted>,
}

fn name_of(folder: &std::path::Path) -> String {
    folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// The lineage of `migrations`: what a snapshot written now accounts for.
pub fn lineage(migrations: &[LocalMigration]) -> Vec<Accounted> {
    migrations.iter().map(|m| Accounted { name: m.name.clone(), checksum: m.checksum.clone() }).collect()
}

/// Reads the folder's snapshots and holds the newest against `local` (the folder's migrations).
pub fn read(migrations_dir: &std::path::Path, local: &[LocalMigration]) -> Result<HistoryState, EngineError> {
    let mut all = snapshot::all(migrations_dir).map_err(|e| EngineError::Usage(e.to_string()))?;
    let newest = all.pop();
    let lineage = lineage(local);
    let divergence = match &newest {
        None if local.is_empty() => None,
        // A history without snapshots (Prisma's): everything is to be replayed.
        None => Some(Divergence {
            not_accounted: local.iter().map(|m| (m.name.clone(), false)).collect(),
            ..Divergence::default()
        }),
        Some((folder, s)) => {
            let with_snapshot = |name: &str| all.iter().any(|(f, _)| name_of(f) == name);
            let accounted: Vec<Accounted> = match &s.migrations {
                Some(list) => list.clone(),
                // Format 1: its own folder and everything before it, as the files are now.
                None => {
                    let own = name_of(folder);
                    local
                        .iter()
                        .filter(|m| m.name <= own)
                        .map(|m| Accounted { name: m.name.clone(), checksum: m.checksum.clone() })
                        .collect()
                }
            };
            let mut d = Divergence::default();
            for m in local {
                match accounted.iter().find(|a| a.name == m.name) {
                    None => d.not_accounted.push((m.name.clone(), with_snapshot(&m.name))),
                    Some(a) if !m.matches_checksum(&a.checksum) => d.edited.push(m.name.clone()),
                    Some(_) => {}
                }
            }
            d.removed =
                accounted.iter().filter(|a| !local.iter().any(|m| m.name == a.name)).map(|a| a.name.clone()).collect();
            (d != Divergence::default()).then_some(d)
        }
    };
    Ok(HistoryState { newest, divergence, others: all, lineage })
}

impl HistoryState {
    /// The state in the schema's terms, when the newest snapshot accounts for exactly the folder's
    /// migrations (the empty schema for an empty folder).
    pub fn schema(&self) -> Option<Schema> {
        if self.divergence.is_some() {
            return None;
        }
        Some(self.newest.as_ref().map(|(_, s)| s.schema.clone()).unwrap_or_default())
    }

    /// What `applied` build, as PostgreSQL `server_major` reports it, when the snapshot has it for
    /// exactly those migrations.
    pub fn database(&self, applied: &[LocalMigration], server_major: u32) -> Option<Schema> {
        if self.divergence.is_some() {
            return None;
        }
        let (_, s) = self.newest.as_ref()?;
        let listed = s.migrations.as_ref()?;
        let same = listed.len() == applied.len()
            && listed.iter().zip(applied).all(|(a, m)| a.name == m.name && m.matches_checksum(&a.checksum));
        let database = s
            .database
            .as_ref()
            .filter(|d| d.server_major == server_major && d.introspected_by == snapshot::INTROSPECTED_BY)?;
        same.then(|| database.schema.clone())
    }

    /// Whether a snapshot should be written again (to record a rebuilt state, or to bring a format-1
    /// history to one snapshot with its lineage).
    pub fn needs_rewrite(&self) -> bool {
        self.divergence.is_some()
            || !self.others.is_empty()
            || self.newest.as_ref().is_some_and(|(_, s)| s.migrations.is_none())
    }

    /// One line saying why the state was rebuilt from the history, if it was.
    pub fn rebuild_note(&self) -> Option<String> {
        let d = self.divergence.as_ref()?;
        if self.newest.is_none() {
            return Some(format!(
                "The history has no refract snapshot (written by Prisma or by hand): its {} migrations were replayed to learn what they build.",
                d.not_accounted.len()
            ));
        }
        let mut parts = Vec::new();
        let branch: Vec<&str> = d.not_accounted.iter().filter(|(_, s)| *s).map(|(n, _)| n.as_str()).collect();
        let other: Vec<&str> = d.not_accounted.iter().filter(|(_, s)| !*s).map(|(n, _)| n.as_str()).collect();
        if !branch.is_empty() {
            parts.push(format!("{} from another branch ({})", count(branch.len()), branch.join(", ")));
        }
        if !other.is_empty() {
            parts.push(format!("{} written without refract ({})", count(other.len()), other.join(", ")));
        }
        if !d.edited.is_empty() {
            parts.push(format!("{} edited since ({})", count(d.edited.len()), d.edited.join(", ")));
        }
        if !d.removed.is_empty() {
            parts.push(format!("{} it lists removed ({})", count(d.removed.len()), d.removed.join(", ")));
        }
        Some(format!(
            "The last snapshot does not account for {}: the state was rebuilt from the history.",
            parts.join("; ")
        ))
    }

    /// After a merge: what both branches changed differently, where the history (`rebuilt`, in the
    /// schema's terms) and the schema disagree. One sentence per object.
    pub fn conflicts(&self, rebuilt: &Schema, schema: &Schema) -> Vec<String> {
        let Some(d) = &self.divergence else { return Vec::new() };
        // The branches' newest migrations: this snapshot's, and those of migrations it does not
        // account for that carry one.
        let tips: Vec<(String, &Schema)> = self
            .others
            .iter()
            .filter(|(f, _)| d.not_accounted.iter().any(|(n, s)| *s && *n == name_of(f)))
            .chain(self.newest.iter())
            .map(|(f, s)| (name_of(f), &s.schema))
            .collect();
        if tips.len() < 2 {
            return Vec::new();
        }
        let options = PlanOptions::default();
        // What each tip would still need to become the schema.
        let needs: Vec<(&str, Vec<String>)> = tips
            .iter()
            .map(|(n, tip)| (n.as_str(), plan(tip, schema, &options).steps.iter().map(|s| s.describe()).collect()))
            .collect();
        let mut out = Vec::new();
        for step in plan(rebuilt, schema, &options).steps {
            let described = step.describe();
            // A tip that needs the same step did not make the schema's change here; one that does not,
            // did. Both kinds at once: the branches changed it differently.
            let differing: Vec<&str> = needs.iter().filter(|(_, s)| s.contains(&described)).map(|(n, _)| *n).collect();
            let agreeing: Vec<&str> = needs.iter().filter(|(_, s)| !s.contains(&described)).map(|(n, _)| *n).collect();
            if !differing.is_empty() && !agreeing.is_empty() {
                out.push(format!(
                    "{described}: the branches changed this differently (the schema has what {} made, the history ends with what {} left); write the migration that settles it",
                    agreeing.join(", "),
                    differing.join(", ")
                ));
            }
        }
        out
    }
}

fn count(n: usize) -> String {
    if n == 1 { "1 migration".to_string() } else { format!("{n} migrations") }
}

/// A digest of a schema's IR, to key what was computed from it.
pub fn schema_digest(schema: &Schema) -> String {
    let json = serde_json::to_vec(schema).expect("the IR always serialises");
    Sha256::digest(&json).iter().map(|b| format!("{b:02x}")).collect()
}

/// A replay's result kept on this machine (under the target folder), keyed by the migrations'
/// names and checksums, the SQL run before them and the server's major version: a history without a
/// usable snapshot (Prisma's) costs one replay, not one per run.
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
            snapshot::INTROSPECTED_BY,
            init.unwrap_or("")
        ));
        for m in migrations {
            h.update(format!("{}\0{}\0", m.name, m.checksum));
        }
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
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
