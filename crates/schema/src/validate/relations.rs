//! Relations: every relation field paired with its opposite, checked, and lowered into foreign keys and
//! implicit many-to-many join tables.

use refract_diagnostics::{Diagnostic, Span};
use refract_ir::{
    Column, ColumnType, ForeignKey, Index, IndexColumn, IndexMethod, PrimaryKey, ReferentialAction, RelationField,
    RelationKind, Schema, Table, constraint_name,
};

use super::model::{FieldInfo, ModelInfo};
use super::naming::closest;
use super::{Decls, NameRegistry, qualify};

/// A checked relation.
pub(crate) enum Relation {
    /// One-to-one or one-to-many: `model.field` holds `fields`/`references`.
    ForeignKey {
        model: usize,
        /// The relation field holding the key, and its opposite on the target.
        field: usize,
        back: usize,
        columns: Vec<usize>,
        target: usize,
        referenced: Vec<usize>,
        on_delete: ReferentialAction,
        on_update: ReferentialAction,
        map: Option<String>,
        span: Span,
    },
    /// Both sides are lists, no `fields`: Prisma's implicit join table `_AToB`. `field_a` and
    /// `field_b` are the list fields on `a` and `b`.
    ManyToMany { table: String, a: usize, b: usize, field_a: usize, field_b: usize },
}

fn relation_name<'f>(f: &'f FieldInfo<'_>) -> Option<&'f str> {
    f.relation.as_ref().and_then(|r| r.name.as_deref())
}

pub(crate) fn resolve(models: &[ModelInfo<'_>], decls: &Decls<'_>, diags: &mut Vec<Diagnostic>) -> Vec<Relation> {
    let prisma_mode = decls.datasource.relation_mode_prisma;
    let by_name: std::collections::HashMap<&str, usize> = models.iter().enumerate().map(|(i, m)| (m.name, i)).collect();
    let index_of = |name: &str| by_name.get(name).copied();
    let mut out = Vec::new();
    for (mi, m) in models.iter().enumerate() {
        for (fi, f) in m.fields.iter().enumerate() {
            let super::model::FieldKind::Relation(target_name) = &f.kind else { continue };
            let Some(ti) = index_of(target_name) else { continue };
            let target = &models[ti];
            let name = relation_name(f);
            if target.ignored && !m.ignored && !f.ast.attributes.iter().any(|a| a.name.name == "ignore") {
                diags.push(
                    Diagnostic::error(
                        "relation-to-ignored",
                        f.ast.name.span,
                        format!(
                            "relation field `{}` on {} `{}` points at {} `{}`, which is marked `@@ignore`",
                            f.name(),
                            m.block.kind.keyword(),
                            m.name,
                            target.block.kind.keyword(),
                            target.name
                        ),
                    )
                    .with_help("mark the field `@ignore` too, or remove the `@@ignore`"),
                );
            }

            // Fields on this model pointing at the same target with the same relation name.
            let same_side: Vec<usize> = m
                .fields
                .iter()
                .enumerate()
                .filter(|(_, g)| {
                    matches!(&g.kind, super::model::FieldKind::Relation(t) if t == target_name)
                        && relation_name(g) == name
                })
                .map(|(i, _)| i)
                .collect();
            let self_relation = mi == ti;
            if (!self_relation && same_side.len() > 1) || (self_relation && same_side.len() > 2) {
                // Reported once, on the first of the fields.
                if same_side[0] == fi {
                    diags.push(
                        Diagnostic::error(
                            "ambiguous-relation",
                            f.ast.name.span,
                            format!(
                                "ambiguous relation: fields {} in model `{}` all refer to `{}`",
                                same_side
                                    .iter()
                                    .map(|i| format!("`{}`", m.fields[*i].name()))
                                    .collect::<Vec<_>>()
                                    .join(", "),
                                m.name,
                                target.name
                            ),
                        )
                        .with_help("give each relation its own name, like `@relation(\"author\")`, on both sides"),
                    );
                }
                continue;
            }
            // The opposite field.
            let opposite: Vec<usize> = if self_relation {
                same_side.iter().copied().filter(|i| *i != fi).collect()
            } else {
                target
                    .fields
                    .iter()
                    .enumerate()
                    .filter(|(_, g)| {
                        matches!(&g.kind, super::model::FieldKind::Relation(t) if *t == m.name)
                            && relation_name(g) == name
                    })
                    .map(|(i, _)| i)
                    .collect()
            };
            let oi = match opposite.as_slice() {
                [one] => *one,
                [] => {
                    if self_relation
                        && f.relation.as_ref().is_some_and(|r| r.fields.is_some())
                        && !f.is_list()
                        && name.is_none()
                    {
                        // A self-relation whose other side is missing.
                    }
                    diags.push(
                        Diagnostic::error(
                            "missing-back-relation",
                            f.ast.name.span,
                            format!(
                                "relation field `{}` on model `{}` has no opposite relation field on model `{}`",
                                f.name(),
                                m.name,
                                target.name
                            ),
                        )
                        .with_help(format!(
                            "add a field of type `{}` or `{}[]` to model `{}`{}",
                            m.name,
                            m.name,
                            target.name,
                            name.map(|n| format!(" with `@relation(\"{n}\")`")).unwrap_or_default()
                        )),
                    );
                    continue;
                }
                _ => {
                    diags.push(
                        Diagnostic::error(
                            "ambiguous-relation",
                            f.ast.name.span,
                            format!("ambiguous relation: model `{}` has several fields that could be the opposite of `{}.{}`", target.name, m.name, f.name()),
                        )
                        .with_help("give each relation its own name with `@relation(\"name\")` on both sides"),
                    );
                    continue;
                }
            };
            let g = &target.fields[oi];
            // Handle each pair once: from the side that holds `fields`, or (for lists both sides / 1:1
            // without fields) from the first side in a stable order.
            let f_has = f.relation.as_ref().is_some_and(|r| r.fields.is_some() || r.references.is_some());
            let g_has = g.relation.as_ref().is_some_and(|r| r.fields.is_some() || r.references.is_some());
            let first = (mi, fi) < (ti, oi);
            match (f.is_list(), g.is_list()) {
                (true, true) => {
                    if f_has {
                        diags.push(
                            Diagnostic::error(
                                "invalid-relation",
                                f.relation.as_ref().and_then(|r| r.span).unwrap_or(f.ast.span),
                                "an implicit many-to-many relation cannot have `fields` or `references`",
                            )
                            .with_help("remove them, or model the join table explicitly"),
                        );
                        continue;
                    }
                    if !first {
                        continue;
                    }
                    if m.view || target.view {
                        for (model, field) in [(m, f), (target, g)] {
                            diags.push(
                                Diagnostic::error(
                                    "view-many-to-many",
                                    field.ast.name.span,
                                    format!(
                                        "`{}.{}`: implicit many-to-many relations are not supported for views",
                                        model.name,
                                        field.name()
                                    ),
                                )
                                .with_help("model the join table explicitly, with a relation on each side"),
                            );
                        }
                        continue;
                    }
                    for (model, field) in [(m, f), (target, g)] {
                        if single_id(model).is_none() {
                            diags.push(Diagnostic::error(
                                "many-to-many-needs-id",
                                field.ast.name.span,
                                format!("model `{}` needs a single-field `@id` to be part of the implicit many-to-many relation `{}`", model.name, field.name()),
                            ).with_help("add an `@id` field, or model the join table explicitly"));
                        }
                    }
                    if single_id(m).is_none() || single_id(target).is_none() {
                        continue;
                    }
                    let table = match name {
                        Some(n) => format!("_{n}"),
                        None => {
                            let (x, y) =
                                if m.name <= target.name { (m.name, target.name) } else { (target.name, m.name) };
                            format!("_{x}To{y}")
                        }
                    };
                    let table =
                        super::naming::truncated_name(&table, f.ast.name.span, "join table", diags).unwrap_or(table);
                    let (a, b, field_a, field_b) =
                        if m.name <= target.name { (mi, ti, fi, oi) } else { (ti, mi, oi, fi) };
                    out.push(Relation::ManyToMany { table, a, b, field_a, field_b });
                }
                (true, false) | (false, true) => {
                    let (list_side, holder, hm, hi, tm) =
                        if f.is_list() { (f, g, ti, oi, mi) } else { (g, f, mi, fi, ti) };
                    if list_side.relation.as_ref().is_some_and(|r| r.fields.is_some() || r.references.is_some()) {
                        diags.push(Diagnostic::error(
                            "invalid-relation",
                            list_side.ast.span,
                            format!("the list side of a one-to-many relation (`{}`) cannot have `fields` or `references`", list_side.name()),
                        ).with_help(format!("put them on `{}`", holder.name())));
                        continue;
                    }
                    // Report once, from the holding side.
                    if (mi, fi) != (hm, hi) {
                        continue;
                    }
                    let back = if f.is_list() { fi } else { oi };
                    if let Some(r) = foreign_key(models, (hm, hi), (tm, back), false, prisma_mode, diags) {
                        out.push(r);
                    }
                }
                (false, false) => match (f_has, g_has) {
                    (true, true) => {
                        if first {
                            diags.push(Diagnostic::error("invalid-relation", f.ast.span, format!("only one side of the one-to-one relation between `{}` and `{}` may have `fields` and `references`", m.name, target.name)));
                        }
                    }
                    (false, false) => {
                        if first {
                            diags.push(
                                    Diagnostic::error("invalid-relation", f.ast.name.span, format!("the one-to-one relation between `{}.{}` and `{}.{}` does not say which side holds the foreign key", m.name, f.name(), target.name, g.name()))
                                        .with_help("add `@relation(fields: [...], references: [...])` to one side"),
                                );
                        }
                    }
                    (true, false) => {
                        if let Some(r) = foreign_key(models, (mi, fi), (ti, oi), true, prisma_mode, diags) {
                            out.push(r);
                        }
                    }
                    (false, true) => {}
                },
            }
        }
    }
    out
}

fn id_field<'m>(m: &'m ModelInfo<'_>) -> &'m FieldInfo<'m> {
    &m.fields[single_id(m).expect("checked in resolve")]
}

fn single_id(m: &ModelInfo<'_>) -> Option<usize> {
    match m.id.as_ref().map(|id| id.fields.as_slice()) {
        Some([(i, ..)]) => Some(*i),
        _ => None,
    }
}

/// Check the `fields`/`references` of relation field `fi` on model `mi`, pointing at model `ti`.
fn foreign_key(
    models: &[ModelInfo<'_>],
    (mi, fi): (usize, usize),
    (ti, back): (usize, usize),
    one_to_one: bool,
    // `relationMode = "prisma"`: relations are kept by the client, not by foreign keys.
    prisma_mode: bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<Relation> {
    let m = &models[mi];
    let f = &m.fields[fi];
    let t = &models[ti];
    let r = f.relation.as_ref();
    let span = r.and_then(|r| r.span).unwrap_or(f.ast.span);
    let (Some(fields), Some(references)) = (r.and_then(|r| r.fields.as_ref()), r.and_then(|r| r.references.as_ref()))
    else {
        let missing = if r.and_then(|r| r.fields.as_ref()).is_none() { "fields" } else { "references" };
        diags.push(
            Diagnostic::error(
                "invalid-relation",
                span,
                format!("relation field `{}` on model `{}` must specify `{missing}`", f.name(), m.name),
            )
            .with_help("write `@relation(fields: [userId], references: [id])`"),
        );
        return None;
    };
    if fields.len() != references.len() || fields.is_empty() {
        diags.push(Diagnostic::error(
            "invalid-relation",
            span,
            format!(
                "`fields` and `references` of `{}.{}` must list the same, non-zero number of fields",
                m.name,
                f.name()
            ),
        ));
        return None;
    }
    let columns = scalar_fields(m, fields, "`fields` lists the scalar fields that hold the key", "fields", diags);
    let referenced =
        scalar_fields(t, references, &format!("`references` lists scalar fields of `{}`", t.name), "references", diags);
    let (Some(columns), Some(referenced)) = (columns, referenced) else {
        return None;
    };
    let mut ok = true;
    for (k, (&c, &rf)) in columns.iter().zip(&referenced).enumerate() {
        let (a, b) = (&m.fields[c], &t.fields[rf]);
        let same = match (&a.kind, &b.kind) {
            (super::model::FieldKind::Scalar(x), super::model::FieldKind::Scalar(y)) => x == y,
            (super::model::FieldKind::Enum(x), super::model::FieldKind::Enum(y)) => x == y,
            (super::model::FieldKind::Unsupported(x), super::model::FieldKind::Unsupported(y)) => x == y,
            _ => false,
        };
        if !same || a.is_list() != b.is_list() {
            diags.push(Diagnostic::error(
                "relation-type-mismatch",
                fields[k].1,
                format!(
                    "the type of `{}.{}` does not match the type of the referenced field `{}.{}`",
                    m.name,
                    a.name(),
                    t.name,
                    b.name()
                ),
            ));
            ok = false;
        }
    }
    // The referenced fields must be a unique criterion of the target.
    let mut wanted: Vec<usize> = referenced.clone();
    wanted.sort_unstable();
    let is_key = |def: &super::model::KeyDef| {
        let mut have: Vec<usize> = def.fields.iter().map(|c| c.0).collect();
        have.sort_unstable();
        have == wanted && def.predicate.is_none()
    };
    if !(t.id.as_ref().is_some_and(is_key) || t.uniques.iter().any(is_key)) {
        diags.push(
            Diagnostic::error(
                "references-not-unique",
                span,
                format!(
                    "`references` of `{}.{}` must be the `@id` or a `@unique` of model `{}`",
                    m.name,
                    f.name(),
                    t.name
                ),
            )
            .with_help(format!(
                "add `@unique` to `{}.{}`, or `@@unique([...])` over the referenced fields",
                t.name,
                t.fields[referenced[0]].name()
            )),
        );
        ok = false;
    }
    if one_to_one {
        let mut mine: Vec<usize> = columns.clone();
        mine.sort_unstable();
        let unique = |def: &super::model::KeyDef| {
            let mut have: Vec<usize> = def.fields.iter().map(|c| c.0).collect();
            have.sort_unstable();
            have == mine
        };
        if !(m.id.as_ref().is_some_and(unique) || m.uniques.iter().any(unique)) {
            diags.push(
                Diagnostic::error(
                    "one-to-one-not-unique",
                    span,
                    format!(
                        "a one-to-one relation must use unique fields on the side that holds them (`{}.{}`)",
                        m.name,
                        f.name()
                    ),
                )
                .with_help(if columns.len() == 1 {
                    format!("add `@unique` to `{}`, or make the other side a list", m.fields[columns[0]].name())
                } else {
                    "add `@@unique([...])` over the fields, or make the other side a list".to_string()
                }),
            );
            ok = false;
        }
    }
    let any_optional = columns.iter().any(|c| !m.fields[*c].is_required());
    if any_optional && f.is_required() {
        diags.push(
            Diagnostic::error(
                "relation-arity",
                f.ast.name.span,
                format!("relation field `{}` is required, but some of its fields are optional", f.name()),
            )
            .with_help(format!("make it optional: `{}?`", t.name)),
        );
        ok = false;
    }
    let r = r.expect("checked above");
    let on_delete = r.on_delete.map(|(a, _)| a).unwrap_or(if f.is_required() {
        ReferentialAction::Restrict
    } else {
        ReferentialAction::SetNull
    });
    let on_update = r.on_update.map(|(a, _)| a).unwrap_or(ReferentialAction::Cascade);
    // SET NULL sets every column of the key to NULL, so one required column is enough to make it fail.
    let any_required = columns.iter().any(|c| m.fields[*c].is_required());
    for (action, which) in [(r.on_delete, "onDelete"), (r.on_update, "onUpdate")] {
        let Some((action, action_span)) = action else { continue };
        if prisma_mode && matches!(action, ReferentialAction::NoAction | ReferentialAction::SetDefault) {
            // Prisma emulates only these three when it, not the database, keeps relations.
            let help = if action == ReferentialAction::NoAction {
                "use `Restrict`, which is what `NoAction` does without deferred constraints"
            } else {
                "use `Cascade`, `Restrict` or `SetNull`"
            };
            diags.push(
                Diagnostic::error(
                    "invalid-referential-action",
                    action_span,
                    format!("`{which}: {}` is not available with `relationMode = \"prisma\"`: Prisma emulates only `Cascade`, `Restrict` and `SetNull`", action_name(action)),
                )
                .with_help(help),
            );
            ok = false;
        }
        if action != ReferentialAction::SetNull || !any_required {
            continue;
        }
        let required_fields: Vec<String> = columns
            .iter()
            .filter(|c| m.fields[**c].is_required())
            .map(|c| format!("`{}`", m.fields[*c].name()))
            .collect();
        let required = match required_fields.as_slice() {
            [one] => format!("the required field {one}"),
            more => format!("the required fields {}", more.join(", ")),
        };
        if prisma_mode {
            // Prisma refuses it: with relationMode = "prisma" nothing in the database would stop the
            // client from writing the NULL the action asks for.
            diags.push(
                Diagnostic::error("set-null-on-required", action_span, format!("`{which}: SetNull` on `{}.{}` would set {required} to NULL: Prisma refuses that with `relationMode = \"prisma\"`", m.name, f.name()))
                    .with_help("make the fields optional, or choose another action"),
            );
            ok = false;
        } else {
            // Prisma accepts this, so refract does too, but PostgreSQL will refuse the update or delete.
            diags.push(
                Diagnostic::warning("set-null-on-required", span, format!("`{which}: SetNull` on `{}.{}` would set {required} to NULL: PostgreSQL will refuse the change with a NOT NULL violation", m.name, f.name()))
                    .with_help("make the fields optional, or choose another action"),
            );
        }
    }
    ok.then_some(Relation::ForeignKey {
        model: mi,
        field: fi,
        back,
        columns,
        target: ti,
        referenced,
        on_delete,
        on_update,
        map: r.map.clone(),
        span,
    })
}

/// The positions in `model` of the scalar fields named in `fields: [...]` or `references: [...]`
/// (`argument`), or `None` after reporting every name that is unknown or a relation field.
fn scalar_fields(
    model: &ModelInfo<'_>,
    names: &[(&str, Span)],
    relation_field_help: &str,
    argument: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<usize>> {
    let mut out = Vec::with_capacity(names.len());
    let mut ok = true;
    for (name, s) in names {
        match model.field(name) {
            Some((i, field)) if !field.is_relation() => out.push(i),
            Some(_) => {
                diags.push(Diagnostic::error(
                    "invalid-relation",
                    *s,
                    format!("`{name}` is a relation field; {relation_field_help}"),
                ));
                ok = false;
            }
            None => {
                let mut d = Diagnostic::error(
                    "unknown-field",
                    *s,
                    format!("`{argument}` refers to `{name}`, which is not a field of model `{}`", model.name),
                );
                if let Some(c) = closest(name, model.fields.iter().map(|f| f.name())) {
                    d = d.with_help(format!("did you mean `{c}`?"));
                }
                diags.push(d);
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

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

/// A referential action as it is written in the schema.
fn action_name(action: ReferentialAction) -> &'static str {
    match action {
        ReferentialAction::Cascade => "Cascade",
        ReferentialAction::Restrict => "Restrict",
        ReferentialAction::NoAction => "NoAction",
        ReferentialAction::SetNull => "SetNull",
        ReferentialAction::SetDefault => "SetDefault",
    }
}

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

/// Each model's relation fields onto its table (or view), for code generation.
pub(crate) fn relation_fields(rels: &[Relation], models: &[ModelInfo<'_>], schema: &mut Schema) {
    let key = |m: &ModelInfo<'_>| qualify(m.namespace.as_deref(), &m.table);
    let mut push = |m: &ModelInfo<'_>, field: RelationField| {
        let k = key(m);
        if let Some(t) = schema.tables.get_mut(&k).or(schema.views.get_mut(&k)) {
            t.relations.push(field);
        }
    };
    for rel in rels {
        match rel {
            Relation::ForeignKey { model, field, back, columns, target, referenced, .. } => {
                let (m, t) = (&models[*model], &models[*target]);
                let columns: Vec<String> = columns.iter().map(|c| m.fields[*c].column.to_string()).collect();
                let referenced: Vec<String> = referenced.iter().map(|c| t.fields[*c].column.to_string()).collect();
                push(
                    m,
                    RelationField {
                        field: m.fields[*field].name().to_string(),
                        target: key(t),
                        kind: RelationKind::Holds { columns: columns.clone(), referenced: referenced.clone() },
                    },
                );
                push(
                    t,
                    RelationField {
                        field: t.fields[*back].name().to_string(),
                        target: key(m),
                        kind: RelationKind::HeldBy { columns, referenced, many: t.fields[*back].is_list() },
                    },
                );
            }
            Relation::ManyToMany { table, a, b, field_a, field_b } => {
                let (ma, mb) = (&models[*a], &models[*b]);
                let join = qualify(ma.namespace.as_deref(), table);
                let (id_a, id_b) = (id_field(ma).column.to_string(), id_field(mb).column.to_string());
                for (m, field, t, own, other, id, target_id) in
                    [(ma, field_a, mb, "A", "B", &id_a, &id_b), (mb, field_b, ma, "B", "A", &id_b, &id_a)]
                {
                    push(
                        m,
                        RelationField {
                            field: m.fields[*field].name().to_string(),
                            target: key(t),
                            kind: RelationKind::ManyToMany {
                                join: join.clone(),
                                own: own.to_string(),
                                other: other.to_string(),
                                id: id.clone(),
                                target_id: target_id.clone(),
                            },
                        },
                    );
                }
            }
        }
    }
}
