//! Lowering: checked relations into the IR's foreign keys (on their tables) and implicit many-to-many
//! join tables.

use refract_diagnostics::Diagnostic;
use refract_ir::{
    Column, ColumnType, ForeignKey, Index, IndexColumn, IndexMethod, PrimaryKey, ReferentialAction, Schema, Table,
    constraint_name,
};

use super::pairing::{Relation, id_field};
use crate::validate::records::{Decls, ModelInfo, NameRegistry, qualify};

/// Foreign keys onto their tables, and join tables for implicit many-to-many relations.
pub(crate) fn lower(
    rels: &[Relation],
    models: &[ModelInfo<'_>],
    decls: &Decls<'_>,
    schema: &mut Schema,
    names: &mut NameRegistry,
    diags: &mut Vec<Diagnostic>,
) {
    // Each table's foreign keys, counted first so its list is allocated once at its size.
    let mut foreign_keys_of = vec![0; models.len()];
    for rel in rels {
        if let Relation::ForeignKey { model, .. } = rel {
            foreign_keys_of[*model] += 1;
        }
    }
    for rel in rels {
        match rel {
            Relation::ForeignKey { model, columns, target, referenced, on_delete, on_update, map, span, .. } => {
                if decls.datasource.relation_mode_prisma {
                    continue;
                }
                let m = &models[*model];
                let t = &models[*target];
                // A relation to or from a view is the application's: no constraint in the database.
                if m.view || t.view {
                    continue;
                }
                let key = qualify(m.namespace.as_deref(), &m.table);
                let cols: Vec<String> = columns.iter().map(|c| m.fields[*c].column.to_string()).collect();
                let name = map.clone().unwrap_or_else(|| {
                    constraint_name(&m.table, &cols.iter().map(String::as_str).collect::<Vec<_>>(), "fkey")
                });
                names.constraint(&key, &name, *span, diags);
                if let Some(table) = schema.tables.get_mut(&key) {
                    if table.foreign_keys.is_empty() {
                        table.foreign_keys.reserve_exact(foreign_keys_of[*model]);
                    }
                    table.foreign_keys.push(ForeignKey {
                        name,
                        columns: cols,
                        referenced_table: qualify(t.namespace.as_deref(), &t.table),
                        referenced_columns: referenced.iter().map(|c| t.fields[*c].column.to_string()).collect(),
                        on_delete: *on_delete,
                        on_update: *on_update,
                    });
                }
            }
            Relation::ManyToMany { table, a, b, .. } => {
                let (ma, mb) = (&models[*a], &models[*b]);
                let mut t = Table::new(table.clone());
                // Prisma puts the join table in the schema of the first model.
                t.namespace = ma.namespace.clone();
                for (col, m) in [("A", ma), ("B", mb)] {
                    // The type of the model's id column, as its table already has it.
                    let id_column = &id_field(m).column;
                    let ty = schema
                        .tables
                        .get(&qualify(m.namespace.as_deref(), &m.table))
                        .and_then(|t| t.columns.get(id_column.as_ref()))
                        .map_or(ColumnType::Text, |c| c.ty.clone());
                    t.columns.insert(
                        col.to_string(),
                        Column {
                            name: col.to_string(),
                            field: col.to_string(),
                            ty,
                            array: false,
                            nullable: false,
                            default: None,
                            autoincrement: false,
                            generated_by_client: None,
                            comment: None,
                        },
                    );
                }
                let key = qualify(t.namespace.as_deref(), table);
                let span = ma.block.name.span;
                let pk = constraint_name(table, &["AB"], "pkey");
                names.index_like(t.namespace.as_deref(), &pk, table, span, diags);
                names.constraint(&key, &pk, span, diags);
                t.primary_key =
                    Some(PrimaryKey { name: pk, columns: vec![IndexColumn::plain("A"), IndexColumn::plain("B")] });
                let idx = constraint_name(table, &["B"], "index");
                names.index_like(t.namespace.as_deref(), &idx, table, span, diags);
                t.indexes.push(Index {
                    name: idx,
                    unique: false,
                    columns: vec![IndexColumn::plain("B")],
                    method: IndexMethod::BTree,
                    predicate: None,
                    client_name: None,
                });
                if !decls.datasource.relation_mode_prisma {
                    for (col, m) in [("A", ma), ("B", mb)] {
                        t.foreign_keys.push(ForeignKey {
                            name: constraint_name(table, &[col], "fkey"),
                            columns: vec![col.to_string()],
                            referenced_table: qualify(m.namespace.as_deref(), &m.table),
                            referenced_columns: vec![id_field(m).column.to_string()],
                            on_delete: ReferentialAction::Cascade,
                            on_update: ReferentialAction::Cascade,
                        });
                    }
                }
                if schema.tables.contains_key(&key) {
                    diags.push(Diagnostic::error(
                        "duplicate-table",
                        span,
                        format!(
                            "the join table `{table}` of an implicit many-to-many relation clashes with another table"
                        ),
                    ));
                    continue;
                }
                schema.tables.insert(key, t);
            }
        }
    }
}
