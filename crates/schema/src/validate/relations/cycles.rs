//! Cycles of referential actions, which Prisma refuses with `relationMode = "prisma"`.

use refract_diagnostics::{Diagnostic, Span};
use refract_ir::ReferentialAction;

use super::pairing::Relation;
use crate::validate::records::ModelInfo;

/// Prisma asks for `NoAction`, which it does not emulate on PostgreSQL in this mode: the way out is
/// another shape or real foreign keys.
const CYCLE_HELP: &str = "Prisma wants `NoAction` on one relation of the cycle but does not emulate it on PostgreSQL: remove a relation from the cycle, or use `relationMode = \"foreignKeys\"` (the default), where PostgreSQL enforces the actions";

/// With `relationMode = "prisma"`, Prisma emulates referential actions and refuses cycles of them
/// (as SQL Server does): in every cycle of relations (a self-relation is one), one relation must have
/// both `onDelete` and `onUpdate` set to `NoAction`. Reported on each relation of a cycle.
pub(crate) fn check_action_cycles(rels: &[Relation], models: &[ModelInfo<'_>], diags: &mut Vec<Diagnostic>) {
    // Edges: (holder model, target model, holder field, span) for relations with an action.
    let edges: Vec<(usize, usize, usize, Span)> = rels
        .iter()
        .filter_map(|r| match r {
            Relation::ForeignKey { model, field, target, on_delete, on_update, span, .. }
                if !(*on_delete == ReferentialAction::NoAction && *on_update == ReferentialAction::NoAction) =>
            {
                Some((*model, *target, *field, *span))
            }
            _ => None,
        })
        .collect();
    let name = |(m, f): (usize, usize)| format!("{}.{}", models[m].name, models[m].fields[f].name());
    for (i, &(from, to, field, span)) in edges.iter().enumerate() {
        if from == to {
            diags.push(
                Diagnostic::error(
                    "relation-cycle",
                    span,
                    format!(
                        "the self-relation `{}` needs `onDelete` and `onUpdate` set to `NoAction` in one of its `@relation` attributes: with `relationMode = \"prisma\"`, Prisma refuses cycles of referential actions",
                        name((from, field))
                    ),
                )
                .with_help(CYCLE_HELP),
            );
            continue;
        }
        // A path back from `to` to `from`, by breadth-first search over the other edges.
        let mut previous: Vec<Option<usize>> = vec![None; models.len()];
        let mut queue = std::collections::VecDeque::from([to]);
        let mut seen = vec![false; models.len()];
        seen[to] = true;
        let mut found = false;
        while let Some(m) = queue.pop_front() {
            if m == from {
                found = true;
                break;
            }
            for (j, &(a, b, ..)) in edges.iter().enumerate() {
                if j != i && a == m && a != b && !seen[b] {
                    seen[b] = true;
                    previous[b] = Some(j);
                    queue.push_back(b);
                }
            }
        }
        if !found {
            continue;
        }
        let mut path = vec![name((from, field))];
        let mut back = Vec::new();
        let mut m = from;
        while let Some(j) = previous[m] {
            back.push(name((edges[j].0, edges[j].2)));
            m = edges[j].0;
        }
        path.extend(back.into_iter().rev());
        diags.push(
            Diagnostic::error(
                "relation-cycle",
                span,
                format!(
                    "reference causes a cycle: {}; with `relationMode = \"prisma\"`, one `@relation` in it must have `onDelete` and `onUpdate` set to `NoAction`",
                    path.join(" → ")
                ),
            )
            .with_help(CYCLE_HELP),
        );
    }
}
