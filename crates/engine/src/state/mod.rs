//! What a migrations folder builds, known without a database when its state files account for it.
//!
//! Each migration refract writes gets a `state.json` in its own folder (see
//! `refract_plan::state_file`): its state as a change onto the state it was planned after. Reading
//! them in folder order gives the state of the whole history ([`walk`]), also after git merged,
//! rebased or cherry-picked branches that each added migrations, as long as the branches changed
//! different things. Otherwise (a migration written by hand or by Prisma, one edited since, two
//! branches that changed one table's same part, a state file that cannot be read) the state is
//! rebuilt by replaying the history, and the user is told why in one line.
//!
//! The engine owns the folder: this module reads and writes the state files; the planner only turns
//! their text into values.
//!
//! Architecture invariant: a state file is only trusted for the exact migrations it accounts for;
//! anything else costs a replay, never a plan from a wrong state.

mod cache;
mod walk;

use std::path::{Path, PathBuf};

use refract_ir::Schema;
use refract_plan::state_file::{Accounted, LEGACY_FILE, Recorded, STATE_FILE, State, StateFile, json};
use refract_plan::{PlanOptions, plan};

pub use cache::{ReplayCache, schema_digest};
pub use walk::{Found, Unknown, Walked};

use crate::{EngineError, LocalMigration};

/// How a state the state files do not hold was learnt, for the line that says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rebuilt {
    /// The history was replayed in a scratch (or shadow) database by this command.
    Replayed,
    /// This machine's cache of an earlier replay of the same migrations held it: nothing was replayed.
    Cached,
}

/// The state of a migrations folder, as far as its state files tell.
#[derive(Debug)]
pub struct HistoryState {
    local: Vec<LocalMigration>,
    found: Vec<Found>,
    walked: Walked,
}

fn accounted(m: &LocalMigration) -> Accounted {
    Accounted { name: m.name.clone(), checksum: m.checksum.clone() }
}

/// The state file of `local[i]`: its `state.json`, else an earlier refract's `snapshot.json`.
fn find(local: &[LocalMigration], i: usize) -> Found {
    let m = &local[i];
    let read = |path: &Path| match std::fs::read_to_string(path) {
        Ok(text) => Some(Ok(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => Some(Err(e.to_string())),
    };
    if let Some(text) = read(&m.dir.join(STATE_FILE)) {
        return match text.and_then(|t| StateFile::parse(&t)) {
            Ok(file) => Found::File(file),
            Err(why) => Found::Unreadable(why),
        };
    }
    match read(&m.dir.join(LEGACY_FILE)) {
        None => Found::Missing,
        Some(text) => {
            let before: Vec<Accounted> = local[..i].iter().map(accounted).collect();
            match text.and_then(|t| StateFile::parse_legacy(&t, &accounted(m), &before)) {
                Ok(file) => Found::File(file),
                Err(why) => Found::Unreadable(why),
            }
        }
    }
}

/// The path of the state file `local`'s state comes from (the legacy one when only it exists).
fn file_of(m: &LocalMigration) -> PathBuf {
    let state = m.dir.join(STATE_FILE);
    if !state.exists() && m.dir.join(LEGACY_FILE).exists() { m.dir.join(LEGACY_FILE) } else { state }
}

/// Reads the state files of `local` (the folder's migrations, in order). A file that cannot be read
/// is treated as absent ([`HistoryState::unreadable_notes`] says so); nothing here fails.
pub fn read(local: &[LocalMigration]) -> HistoryState {
    let found: Vec<Found> = (0..local.len()).map(|i| find(local, i)).collect();
    let mut walked = walk::walk(local, &found);
    // Changes edited by hand can apply and still build something that is not a state.
    if let (Some(state), Some(newest)) = (&walked.state, local.last())
        && State::decode(state.clone()).is_err()
    {
        walked.state = None;
        walked
            .unknown
            .push((newest.name.clone(), Unknown::Unreadable("the state its changes build does not read".into())));
    }
    HistoryState { local: local.to_vec(), found, walked }
}

impl HistoryState {
    /// The state in the schema's terms, when the state files account for every migration (the empty
    /// schema for an empty folder).
    pub fn schema(&self) -> Option<Schema> {
        self.state().map(|s| s.schema)
    }

    fn state(&self) -> Option<State> {
        State::decode(self.walked.state.clone()?).ok()
    }

    /// The state after the folder's first `k` migrations, when the state files hold it.
    pub fn state_after(&self, k: usize) -> Option<State> {
        if k == self.local.len() {
            return self.state();
        }
        State::decode(walk::walk(self.local.get(..k)?, &self.found[..k]).state?).ok()
    }

    /// What `applied` build, as PostgreSQL `server_major` reports it, when the state files hold it:
    /// `applied` must be the folder's first migrations (in any order: an older migration merged from
    /// another branch applies after newer ones, as Prisma applies it).
    pub fn database(&self, applied: &[LocalMigration], server_major: u32) -> Option<Schema> {
        let k = applied.len();
        let prefix = self.local.get(..k)?;
        let all_there = applied.iter().all(|a| prefix.iter().any(|m| m.name == a.name && m.checksum == a.checksum));
        if !all_there {
            return None;
        }
        let database = self.state_after(k)?.database?;
        (database.server_major == server_major && database.introspected_by == refract_plan::state_file::INTROSPECTED_BY)
            .then_some(database.schema)
    }

    /// Whether `migrate dev` should write the newest migration's state file again: the state had to
    /// be rebuilt (a whole state there makes the next run need no replay), or a state file cannot be
    /// read.
    pub fn needs_repair(&self) -> bool {
        !self.local.is_empty()
            && (self.walked.state.is_none() || self.found.iter().any(|f| matches!(f, Found::Unreadable(_))))
    }

    /// One line per state file that cannot be read.
    pub fn unreadable_notes(&self) -> Vec<String> {
        self.local
            .iter()
            .zip(&self.found)
            .filter_map(|(m, f)| match f {
                Found::Unreadable(why) => Some(format!(
                    "note: {} could not be read ({why}): treated as absent, the state is rebuilt from the history; the next `refract migrate dev` writes it afresh",
                    file_of(m).display()
                )),
                _ => None,
            })
            .collect()
    }

    /// Why the state files do not tell what the history builds (so it must be replayed, or taken from
    /// this machine's cache of an earlier replay), as a clause; `None` when they do. Says nothing about
    /// a replay, which may not have happened yet (or may fail): see [`HistoryState::rebuild_note`].
    pub fn rebuild_reason(&self) -> Option<String> {
        if self.walked.state.is_some() {
            return None;
        }
        // Migrations unknown only because one before them is are not the reason.
        let unknown: Vec<&(String, Unknown)> =
            self.walked.unknown.iter().filter(|(_, why)| !matches!(why, Unknown::Follows(_))).collect();
        if !unknown.is_empty()
            && unknown.iter().all(|(_, why)| *why == Unknown::NoFile)
            && unknown.len() == self.local.len()
        {
            return Some("the history has no refract state files (written by Prisma or by hand)".to_string());
        }
        let group = |label: &str, test: &dyn Fn(&Unknown) -> bool| {
            let names: Vec<&str> = unknown.iter().filter(|(_, w)| test(w)).map(|(n, _)| n.as_str()).collect();
            (!names.is_empty()).then(|| format!("{} {label} ({})", count(names.len()), listed(&names)))
        };
        let parts: Vec<String> = [
            group("written without refract", &|w| *w == Unknown::NoFile),
            group("edited since their state was recorded", &|w| *w == Unknown::Edited),
            group("whose state file could not be read", &|w| matches!(w, Unknown::Unreadable(_))),
            group("from branches that changed the same objects", &|w| *w == Unknown::Overlap),
            group("recorded after migrations the folder no longer holds as they were", &|w| {
                matches!(w, Unknown::After(_))
            }),
        ]
        .into_iter()
        .flatten()
        .collect();
        Some(if parts.is_empty() {
            "the state files do not account for the history".to_string()
        } else {
            format!("the state files do not account for {}", parts.join("; "))
        })
    }

    /// One line saying why the state was rebuilt from the history and how (`how`: replayed just now,
    /// or read from this machine's cache of an earlier replay), if it was. Said once the state is
    /// known, so it never claims a replay that did not run.
    pub fn rebuild_note(&self, how: Rebuilt) -> Option<String> {
        let reason = self.rebuild_reason()?;
        let mut chars = reason.chars();
        let reason: String = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
        let (migrations, one) = (count(self.local.len()), self.local.len() == 1);
        Some(match how {
            Rebuilt::Replayed => format!(
                "{reason}: the {migrations} {} replayed to learn what {} build{}.",
                if one { "was" } else { "were" },
                if one { "it" } else { "they" },
                if one { "s" } else { "" },
            ),
            Rebuilt::Cached => format!(
                "{reason}: what the {migrations} build{} comes from this machine's cache of an earlier replay (nothing was replayed).",
                if one { "s" } else { "" },
            ),
        })
    }

    /// The schemas the history's state files declare: the state, else each branch head's own (for
    /// telling a hand-written CHECK from a declared one).
    pub fn declared(&self) -> Vec<Schema> {
        if let Some(schema) = self.schema() {
            return vec![schema];
        }
        self.heads().into_iter().map(|(_, s)| s).collect()
    }

    fn heads(&self) -> Vec<(String, Schema)> {
        self.walked
            .heads
            .iter()
            .filter_map(|(name, state)| Some((name.clone(), State::decode(state.clone()?).ok()?.schema)))
            .collect()
    }

    /// After a merge of branches that changed the same object: what they changed differently, where
    /// the history (`rebuilt`, in the schema's terms) and the schema disagree. One sentence per object.
    pub fn conflicts(&self, rebuilt: &Schema, schema: &Schema) -> Vec<String> {
        let tips = self.heads();
        if self.walked.state.is_some() || tips.len() < 2 {
            return Vec::new();
        }
        let options = PlanOptions::default();
        // What each branch head would still need to become the schema.
        let needs: Vec<(&str, Vec<String>)> = tips
            .iter()
            .map(|(n, tip)| (n.as_str(), plan(tip, schema, &options).steps.iter().map(|s| s.describe()).collect()))
            .collect();
        let mut out = Vec::new();
        for step in plan(rebuilt, schema, &options).steps {
            let described = step.describe();
            // A head that needs the same step did not make the schema's change here; one that does
            // not, did. Both kinds at once: the branches changed it differently.
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

fn listed(names: &[&str]) -> String {
    match names.len() {
        0..=3 => names.join(", "),
        n => format!("{}, and {} more", names[..3].join(", "), n - 3),
    }
}

/// Writes the state file of the folder's newest migration (`local`'s last): `state`, as a change onto
/// what the migrations before it build when their files tell, else whole. State files that cannot be
/// read are removed (the state they stood for is unknown either way). Returns the file written.
pub fn record(local: &[LocalMigration], state: &State) -> Result<Option<PathBuf>, EngineError> {
    let Some((newest, before)) = local.split_last() else { return Ok(None) };
    let mut removed = Vec::new();
    for (i, m) in before.iter().enumerate() {
        if let Found::Unreadable(_) = find(local, i) {
            let path = file_of(m);
            std::fs::remove_file(&path).map_err(|e| EngineError::io(&path, e))?;
            removed.push(path);
        }
    }
    let prior = read(before);
    let encoded = state.encode();
    let recorded = match &prior.walked.state {
        // The first migration's state is whole: the file keeps the database form compact.
        Some(base) if !before.is_empty() => Recorded::Change {
            after: prior
                .walked
                .heads
                .iter()
                .filter_map(|(n, _)| before.iter().find(|m| m.name == *n))
                .map(accounted)
                .collect(),
            change: json::diff(base, &encoded),
        },
        _ => Recorded::Whole { accounts_for: before.iter().map(accounted).collect(), state: encoded },
    };
    write(newest, &StateFile { migration: accounted(newest), recorded }).map(Some)
}

/// Writes `m`'s state file; an earlier refract's file in the same folder is superseded by it.
fn write(m: &LocalMigration, file: &StateFile) -> Result<PathBuf, EngineError> {
    let path = m.dir.join(STATE_FILE);
    std::fs::write(&path, file.to_text()).map_err(|e| EngineError::io(&path, e))?;
    let legacy = m.dir.join(LEGACY_FILE);
    if legacy.exists() {
        std::fs::remove_file(&legacy).map_err(|e| EngineError::io(&legacy, e))?;
    }
    Ok(path)
}

/// After `run` was squashed into the migration `squashed` of `local` (the folder as it is now): the
/// squashed migration's state file holds what the run built (`built`, when the run's state files gave
/// it), and later state files that name a migration of the run name the squashed one instead (what
/// they were planned after is the same state).
pub fn record_squash(
    local: &[LocalMigration],
    squashed: &str,
    run: &[Accounted],
    built: Option<&State>,
) -> Result<(), EngineError> {
    let Some(at) = local.iter().position(|m| m.name == squashed) else { return Ok(()) };
    if let Some(built) = built {
        record(&local[..=at], built)?;
    }
    let replacement = accounted(&local[at]);
    let rename = |list: &mut Vec<Accounted>| {
        let before = list.clone();
        let mut out: Vec<Accounted> = Vec::new();
        for a in list.drain(..) {
            let a = if run.iter().any(|r| r.name == a.name) { replacement.clone() } else { a };
            if !out.contains(&a) {
                out.push(a);
            }
        }
        *list = out;
        *list != before
    };
    for (k, m) in local.iter().enumerate().skip(at + 1) {
        let Found::File(mut file) = find(local, k) else { continue };
        let changed = match &mut file.recorded {
            Recorded::Change { after, .. } => rename(after),
            Recorded::Whole { accounts_for, .. } => rename(accounts_for),
        };
        if changed {
            write(m, &file)?;
        }
    }
    Ok(())
}
