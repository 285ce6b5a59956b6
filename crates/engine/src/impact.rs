//! What a plan's warnings mean for the rows a database holds: each warning's count query run, so a
//! report says "drops 1,204 rows" instead of "may lose data", and a step that cannot succeed on the
//! existing rows (a required column on a non-empty table, duplicates under a new unique index, ...)
//! is refused before anything runs.

use postgres::GenericClient;
use refract_plan::{Plan, Warning, WarningKind};

/// A warning, with the rows it concerns when a count applies.
#[derive(Debug, Clone)]
pub struct Impact {
    pub warning: Warning,
    pub rows: Option<i64>,
}

impl Impact {
    /// The warning's message, precise when the rows were counted.
    pub fn message(&self) -> String {
        match self.rows {
            Some(rows) => self.warning.message_with_rows(rows),
            None => self.warning.message(),
        }
    }

    /// The step cannot run on the existing rows.
    pub fn blocks(&self) -> bool {
        self.rows.is_some_and(|rows| self.warning.blocks(rows))
    }

    /// Running the step would lose data that exists (or might: no count says otherwise).
    pub fn loses_data(&self) -> bool {
        let lossy = matches!(
            self.warning.kind,
            WarningKind::DropTable { .. }
                | WarningKind::DropColumn { .. }
                | WarningKind::RecreateColumn { .. }
                | WarningKind::CastColumn { .. }
                | WarningKind::RemoveEnumValues { .. }
        );
        lossy && self.rows.is_none_or(|rows| rows > 0)
    }
}

/// Counts the rows behind each warning of `plan` in the database `client` is connected to.
/// A count that cannot run (a table the plan renames first, say) leaves the warning as it is.
pub fn assess(client: &mut impl GenericClient, plan: &Plan) -> Vec<Impact> {
    plan.warnings
        .iter()
        .map(|warning| Impact { warning: warning.clone(), rows: count(client, warning.count_sql.as_deref()) })
        .collect()
}

/// Counts the rows (or values) each of `losses` would destroy in the database `client` is connected
/// to, before the statements run. A count that cannot run (a table an earlier statement of the run
/// would rename first) gives `None`: the loss cannot be ruled out.
pub fn count_losses(
    client: &mut impl GenericClient,
    losses: Vec<refract_script::effects::Loss>,
) -> Vec<(refract_script::effects::Loss, Option<i64>)> {
    losses
        .into_iter()
        .map(|loss| {
            let rows = count(client, loss.count_sql.as_deref());
            (loss, rows)
        })
        .collect()
}

/// The one `bigint` a count query returns; `None` without a query or when it cannot run.
fn count(client: &mut impl GenericClient, sql: Option<&str>) -> Option<i64> {
    client.query_one(sql?, &[]).ok().and_then(|row| row.try_get::<_, i64>(0).ok())
}
