//! Pairing: each relation field with its opposite on the other model, the pair's shape checked (which
//! side holds the key, lists, views, many-to-many ids), and the holding side's `fields`/`references`
//! and referential actions checked, into a [`Relation`] each.

use refract_diagnostics::{Diagnostic, Span};
use refract_ir::ReferentialAction;

use crate::validate::naming::{closest, truncated_name};
use crate::validate::records::{Decls, FieldInfo, FieldKind, KeyDef, ModelInfo};

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
            let FieldKind::Relation(target_name) = &f.kind else { continue };
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
                    matches!(&g.kind, FieldKind::Relation(t) if t == target_name) && relation_name(g) == name
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
                        matches!(&g.kind, FieldKind::Relation(t) if *t == m.name) && relation_name(g) == name
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
                    let table = truncated_name(&table, f.ast.name.span, "join table", diags).unwrap_or(table);
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

pub(super) fn id_field<'m>(m: &'m ModelInfo<'_>) -> &'m FieldInfo<'m> {
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
            (FieldKind::Scalar(x), FieldKind::Scalar(y)) => x == y,
            (FieldKind::Enum(x), FieldKind::Enum(y)) => x == y,
            (FieldKind::Unsupported(x), FieldKind::Unsupported(y)) => x == y,
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
    let is_key = |def: &KeyDef| {
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
        let unique = |def: &KeyDef| {
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
