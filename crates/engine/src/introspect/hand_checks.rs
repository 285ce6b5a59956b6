//! CHECK constraints written by hand. Prisma cannot express CHECKs, so Prisma projects add them in
//! hand-written migrations, and Prisma never sees them. refract manages the CHECKs a schema declares
//! (`@check`, `@@check`); one that no schema declares is a team's integrity rule that refract must
//! neither drop nor call drift: it is set aside with the other objects the schema does not describe.

use std::collections::HashSet;

use refract_ir::Schema;

use super::{Introspection, Unmanaged};

/// Moves every CHECK of `introspection` that none of `declared` names (by table and constraint name)
/// to its unmanaged objects. `declared`: the schema, and the newest snapshot of the history (a check
/// refract wrote once is refract's to drop).
pub fn set_aside_hand_checks(introspection: &mut Introspection, declared: &[&Schema]) {
    let known: HashSet<(&str, &str)> = declared
        .iter()
        .flat_map(|s| s.tables.iter())
        .flat_map(|(key, t)| t.checks.iter().map(move |c| (key.as_str(), c.name.as_str())))
        .collect();
    let mut set_aside = Vec::new();
    for (key, table) in &mut introspection.schema.tables {
        if table.checks.iter().all(|c| known.contains(&(key.as_str(), c.name.as_str()))) {
            continue;
        }
        let (kept, hand): (Vec<_>, Vec<_>) = std::mem::take(&mut table.checks)
            .into_iter()
            .partition(|c| known.contains(&(key.as_str(), c.name.as_str())));
        table.checks = kept;
        set_aside
            .extend(hand.into_iter().map(|c| Unmanaged { kind: "check".into(), name: format!("{key}.{}", c.name) }));
    }
    introspection.unmanaged.extend(set_aside);
}
