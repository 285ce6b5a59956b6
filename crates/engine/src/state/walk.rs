//! The state a folder's migrations build, from their state files alone: in folder order, each file's
//! change is applied onto the state it was planned after.
//!
//! In a straight history each migration was planned after all the ones before it, and its change
//! applies onto the running state. After a merge, a migration from the other branch was planned after
//! fewer (its `after` heads and what they were planned after): its own state is its change onto the
//! state after its parent, and the running state takes what it changed by a three-way merge (base: the
//! state it was planned after). Two branches that changed the same object (one table's list of
//! indexes, one column), or whose merged state does not hold together (a key on a dropped table), are
//! not merged: the state is unknown from there, and the caller replays the history. A whole state
//! that accounts for exactly the migrations before it makes the state known again.
//!
//! Architecture invariant: a state is only derived for migrations whose files account for them with
//! matching checksums; anything else is unknown (a replay), never a guess.

use std::collections::BTreeSet;

use refract_plan::state_file::{Accounted, Recorded, State, StateFile, holds_together, json};
use serde_json::Value;

use crate::LocalMigration;

/// Why the state of a migration is not known from the files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unknown {
    /// No state file: written by hand or by Prisma.
    NoFile,
    /// Its state file cannot be read (the message says why).
    Unreadable(String),
    /// Its migration.sql changed after the state file was written.
    Edited,
    /// Its state file was written after a migration the folder no longer holds as it was, or one that
    /// sorts after it, or one whose own state is unknown.
    After(String),
    /// Its branch and the branch merged before it changed the same thing (or the merge does not hold
    /// together): only a replay tells what the two build.
    Overlap,
    /// Planned after a migration whose state is unknown (for one of the reasons above).
    Follows(String),
}

/// A migration's state file, as found.
#[derive(Debug, Clone)]
pub enum Found {
    File(StateFile),
    Missing,
    Unreadable(String),
}

/// The result of a walk.
#[derive(Debug, Default)]
pub struct Walked {
    /// The encoded state after every migration, when known.
    pub state: Option<Value>,
    /// Why migrations' states are unknown, for each one that is (folder order).
    pub unknown: Vec<(String, Unknown)>,
    /// The branch heads (no later migration was planned after them) and each one's own state, where
    /// known: after a merge, what each branch left.
    pub heads: Vec<(String, Option<Value>)>,
}

fn same(file: &Accounted, local: &LocalMigration) -> bool {
    file.name == local.name && (file.checksum == local.checksum || local.matches_checksum(&file.checksum))
}

/// Walks `local` (the folder's migrations, in order) with `found[i]`, the state file of `local[i]`.
pub fn walk(local: &[LocalMigration], found: &[Found]) -> Walked {
    let n = local.len();
    let position = |a: &Accounted, before: usize| local[..before].iter().position(|m| same(a, m));
    // What each migration was planned after (its ancestors), and its direct parents.
    let mut ancestors: Vec<Option<BTreeSet<usize>>> = Vec::with_capacity(n);
    let mut parents: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut unknown: Vec<(usize, Unknown)> = Vec::new();
    for (i, m) in local.iter().enumerate() {
        let set = match &found[i] {
            Found::Missing => Err(Unknown::NoFile),
            Found::Unreadable(why) => Err(Unknown::Unreadable(why.clone())),
            Found::File(f) if !same(&f.migration, m) => Err(Unknown::Edited),
            Found::File(f) => {
                let (listed, transitive) = match &f.recorded {
                    Recorded::Change { after, .. } => (after, true),
                    Recorded::Whole { accounts_for, .. } => (accounts_for, false),
                };
                let mut set = BTreeSet::new();
                let (mut missing, mut follows) = (None, None);
                for a in listed {
                    match position(a, i) {
                        // A change is planned after its parents' whole lineage, which must be known.
                        Some(j) if transitive => match &ancestors[j] {
                            Some(theirs) => {
                                set.extend(theirs.iter().copied());
                                set.insert(j);
                                parents[i].push(j);
                            }
                            None => follows = Some(a.name.clone()),
                        },
                        Some(j) => {
                            set.insert(j);
                        }
                        None => missing = Some(a.name.clone()),
                    }
                }
                match (missing, follows) {
                    (Some(name), _) => Err(Unknown::After(name)),
                    (None, Some(name)) => Err(Unknown::Follows(name)),
                    (None, None) => Ok(set),
                }
            }
        };
        match set {
            Ok(set) => ancestors.push(Some(set)),
            Err(why) => {
                unknown.push((i, why));
                ancestors.push(None);
            }
        }
    }
    // Planned after exactly the migrations before it: its state is the running state's next one.
    let straight = |i: usize| ancestors[i].as_ref().is_some_and(|a| a.len() == i);
    // A head: no known migration was planned after it.
    let mut covered = vec![false; n];
    for set in ancestors.iter().flatten() {
        for &j in set {
            covered[j] = true;
        }
    }
    // Own states kept for later: a merged migration's parent (its merge base) and the heads.
    let mut keep = covered.iter().map(|c| !c).collect::<Vec<bool>>();
    for i in (0..n).filter(|&i| !straight(i)) {
        for &p in &parents[i] {
            keep[p] = true;
        }
    }

    let mut own: Vec<Option<Value>> = vec![None; n];
    let mut running: Option<Value> = Some(State::empty());
    for i in 0..n {
        let Found::File(file) = &found[i] else {
            running = None;
            continue;
        };
        if ancestors[i].is_none() {
            running = None;
            continue;
        }
        // Its own state: whole, or its change onto `base`, the state it was planned after.
        let own_state = |base: Option<Value>, unknown: &mut Vec<(usize, Unknown)>| match &file.recorded {
            Recorded::Whole { state, .. } => Some(state.clone()),
            Recorded::Change { change, .. } => applied(base, change, i, unknown),
        };
        let state = if straight(i) {
            // Planned after exactly the migrations before it: onto the running state (moved, not
            // copied: a long straight history costs one pass over its changes).
            let state = own_state(running.take(), &mut unknown);
            let own = if keep[i] { state.clone() } else { None };
            running = state;
            own
        } else {
            // From another branch: its own state is its change onto its parent's, and the running
            // state takes what it changed from there.
            let base: Option<Value> = match parents[i][..] {
                [p] => own[p].clone(),
                _ => None,
            };
            let state = own_state(base.clone(), &mut unknown);
            running = match (&base, &running, &state) {
                (Some(base), Some(running), Some(state)) => {
                    let merged = merge(base, running, state);
                    if merged.is_none() {
                        unknown.push((i, Unknown::Overlap));
                    }
                    merged
                }
                // Planned after a merge the folder does not hold as one (its migrations no longer
                // consecutive): only a replay knows that state.
                (None, Some(_), _) if parents[i].len() != 1 => {
                    unknown.push((i, Unknown::Overlap));
                    None
                }
                _ => None,
            };
            state.filter(|_| keep[i])
        };
        own[i] = state;
    }
    unknown.sort_by_key(|(i, _)| *i);
    Walked {
        state: running,
        unknown: unknown.into_iter().map(|(i, why)| (local[i].name.clone(), why)).collect(),
        heads: (0..n).filter(|&i| !covered[i]).map(|i| (local[i].name.clone(), own[i].take())).collect(),
    }
}

/// `change` applied onto `base` (when known); a change that does not apply makes migration `i`'s state
/// unknown, and says why.
fn applied(
    base: Option<Value>,
    change: &json_patch::Patch,
    i: usize,
    unknown: &mut Vec<(usize, Unknown)>,
) -> Option<Value> {
    let state = json::apply(base?, change);
    if state.is_none() {
        unknown.push((i, Unknown::Unreadable("its change does not apply to the state before it".into())));
    }
    state
}

/// The running state with a merged migration's change: `base` is what that migration was planned
/// after, `state` what it left. `None` when the two overlap or the result does not hold together.
fn merge(base: &Value, running: &Value, state: &Value) -> Option<Value> {
    // The schema forms must merge; the database forms only save a replay: one that does not merge
    // is dropped.
    let schema = json::merge3(&base["schema"], &running["schema"], &state["schema"])?;
    let schema_ir: refract_ir::Schema = serde_json::from_value(schema.clone()).ok()?;
    if !holds_together(&schema_ir) {
        return None;
    }
    let mut merged = serde_json::json!({ "schema": schema });
    let databases = [&base["database"], &running["database"], &state["database"]];
    let version = |d: &Value| (d["server_major"].clone(), d["introspected_by"].clone());
    if databases.iter().all(|d| d.is_object() && version(d) == version(databases[0]))
        && let Some(schema) =
            json::merge3(&base["database"]["schema"], &running["database"]["schema"], &state["database"]["schema"])
    {
        let mut database = running["database"].clone();
        database["schema"] = schema;
        merged["database"] = database;
    }
    Some(merged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use refract_ir::{Column, ColumnType, Schema, Table};

    fn migration(name: &str) -> LocalMigration {
        let script = format!("-- {name}\n");
        LocalMigration { name: name.into(), dir: name.into(), checksum: crate::migrations::checksum(&script), script }
    }

    fn accounted(m: &LocalMigration) -> Accounted {
        Accounted { name: m.name.clone(), checksum: m.checksum.clone() }
    }

    fn with_table(schema: &Schema, table: &str, columns: &[&str]) -> Schema {
        let mut schema = schema.clone();
        let mut t = Table::new(table);
        for c in columns {
            let column = Column {
                name: c.to_string(),
                field: c.to_string(),
                ty: ColumnType::Text,
                array: false,
                nullable: false,
                default: None,
                autoincrement: false,
                generated_by_client: None,
                comment: None,
            };
            t.columns.insert(c.to_string(), column);
        }
        schema.tables.insert(table.into(), t);
        schema
    }

    fn change(m: &LocalMigration, after: &[&LocalMigration], from: &Schema, to: &Schema) -> Found {
        Found::File(StateFile {
            migration: accounted(m),
            recorded: Recorded::Change {
                after: after.iter().map(|m| accounted(m)).collect(),
                change: json::diff(&State::of(from.clone()).encode(), &State::of(to.clone()).encode()),
            },
        })
    }

    fn schema_of(walked: &Walked) -> Option<Schema> {
        walked.state.clone().map(|v| State::decode(v).unwrap().schema)
    }

    #[test]
    fn branches_that_change_different_things_merge_and_overlapping_ones_do_not() {
        let [init, a, b] = ["1_init", "2_a", "3_b"].map(migration);
        let s0 = with_table(&Schema::default(), "User", &["id"]);
        let sa = with_table(&s0, "User", &["id", "nickname"]);
        let sb = with_table(&s0, "Post", &["id"]);
        let found = [
            change(&init, &[], &Schema::default(), &s0),
            change(&a, &[&init], &s0, &sa),
            change(&b, &[&init], &s0, &sb),
        ];
        let walked = walk(&[init.clone(), a.clone(), b.clone()], &found);
        assert_eq!(schema_of(&walked), Some(with_table(&sa, "Post", &["id"])), "{:?}", walked.unknown);
        assert_eq!(walked.heads.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), ["2_a", "3_b"]);

        // The next migration, planned after both heads, applies onto the merged state.
        let merged = schema_of(&walked).unwrap();
        let c = migration("4_c");
        let sc = with_table(&merged, "Tag", &["id"]);
        let mut more = found.to_vec();
        more.push(change(&c, &[&a, &b], &merged, &sc));
        let walked = walk(&[init.clone(), a.clone(), b.clone(), c], &more);
        assert_eq!(schema_of(&walked), Some(sc));

        // Both branches added a column to User: both ADD COLUMNs run, the merge has both.
        let sb2 = with_table(&s0, "User", &["id", "age"]);
        let two = [found[0].clone(), found[1].clone(), change(&b, &[&init], &s0, &sb2)];
        let walked = walk(&[init.clone(), a.clone(), b.clone()], &two);
        assert_eq!(schema_of(&walked), Some(with_table(&s0, "User", &["id", "nickname", "age"])));

        // Both added the same column differently: unknown, a replay decides.
        let mut sb3 = sa.clone();
        sb3.tables["User"].columns["nickname"].nullable = true;
        let found = [found[0].clone(), found[1].clone(), change(&b, &[&init], &s0, &sb3)];
        let walked = walk(&[init, a, b], &found);
        assert_eq!(walked.state, None);
        assert_eq!(walked.unknown, [("3_b".to_string(), Unknown::Overlap)]);
    }

    #[test]
    fn a_missing_or_edited_file_leaves_the_state_unknown_until_a_whole_one() {
        let [init, by_hand, next] = ["1_init", "2_by_hand", "3_next"].map(migration);
        let s0 = with_table(&Schema::default(), "User", &["id"]);
        let s2 = with_table(&s0, "Post", &["id"]);
        let local = [init.clone(), by_hand.clone(), next.clone()];
        let whole = Found::File(StateFile {
            migration: accounted(&next),
            recorded: Recorded::Whole {
                accounts_for: vec![accounted(&init), accounted(&by_hand)],
                state: State::of(s2.clone()).encode(),
            },
        });
        let first = change(&init, &[], &Schema::default(), &s0);
        let walked = walk(&local, &[first.clone(), Found::Missing, whole.clone()]);
        assert_eq!(schema_of(&walked), Some(s2.clone()));
        assert_eq!(walked.unknown, [("2_by_hand".to_string(), Unknown::NoFile)]);

        // Without the whole state: unknown. With the first migration edited: the whole state still
        // accounts for the files as they are (checksums) only if they match.
        let later = change(&next, &[&by_hand], &s0, &s2);
        assert_eq!(walk(&local, &[first.clone(), Found::Missing, later]).state, None);
        let mut edited = init.clone();
        edited.script.push_str("-- edited\n");
        edited.checksum = crate::migrations::checksum(&edited.script);
        let walked = walk(&[edited, by_hand, next], &[first, Found::Missing, whole]);
        assert_eq!(walked.state, None);
        assert_eq!(walked.unknown[0], ("1_init".to_string(), Unknown::Edited));
    }
}
