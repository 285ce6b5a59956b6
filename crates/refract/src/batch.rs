//! Batch inserts (feature `sea-query`): the statements behind the generated `NewM::insert_many(rows)`.

use sea_query::{InsertStatement, IntoIden, Query, SimpleExpr};

/// The most bind parameters one statement may carry: PostgreSQL's protocol counts them in 16 bits.
pub const MAX_PARAMETERS: usize = 65_535;

/// How many rows of `columns` values each fit in one statement.
pub const fn rows_per_statement(columns: usize) -> usize {
    match MAX_PARAMETERS.checked_div(columns) {
        Some(rows) => rows,
        None => 1,
    }
}

/// `INSERT INTO table (columns) VALUES …` for every row, as few statements as the parameter limit
/// allows (each row's values are one parameter per column, so each statement carries at most
/// [`MAX_PARAMETERS`]). No row, no statement.
pub fn insert_many<T, C, I, R>(table: T, columns: &[C], rows: I) -> Vec<InsertStatement>
where
    T: IntoIden + Clone + 'static,
    C: IntoIden + Clone + 'static,
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = SimpleExpr>,
{
    let per = rows_per_statement(columns.len());
    let mut out = Vec::new();
    let mut current: Option<InsertStatement> = None;
    let mut in_current = 0;
    for row in rows {
        if in_current == per {
            out.extend(current.take());
            in_current = 0;
        }
        let statement = current
            .get_or_insert_with(|| Query::insert().into_table(table.clone()).columns(columns.to_vec()).to_owned());
        statement.values_panic(row);
        in_current += 1;
    }
    out.extend(current);
    out
}
