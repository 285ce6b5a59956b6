//! Validation: the AST checked against the rules Prisma applies on PostgreSQL (and refract's
//! extensions), and lowered into the [`refract_ir::Schema`].
//!
//! The order matters and is fixed: declarations (names of models and enums) → datasource → enums →
//! models (fields, attributes) → relations (which need every model) → unique criteria → IR with computed
//! names → name clashes. Each step reports what it finds and carries on, so one run lists every error.

mod args;
mod attribute_args;
mod block_attributes;
mod check;
mod config;
mod docs;
mod enums;
mod field_attributes;
mod fields;
mod index_ops;
mod model;
mod namespaces;
mod naming;
mod records;
mod relations;
mod scalars;
mod views;

pub(crate) use scalars::spelling;

use indexmap::IndexMap;
use refract_diagnostics::{Diagnostic, Span};
use refract_ir::{Check, Column, Index, PrimaryKey, Schema, Table, constraint_name, postgres_check_name};

use crate::ast::{Block, BlockKind, Member, SchemaAst, TopItem};
use config::Datasource;
use docs::top_docs_before;
use model::index_column;
use records::{ColumnParts, Decls, KeyDef, ModelInfo, NameRegistry, qualify};

/// Schemas with at least this many models check their models and build their tables on two threads.
const PARALLEL_MODELS: usize = 500;

/// Check the schema and build its IR. The IR is complete only when there are no errors; with errors it
/// holds what could be resolved.
pub fn validate<'a>(ast: &'a SchemaAst<'a>) -> (Schema, Vec<Diagnostic>) {
    let mut diags = Vec::new();

    // 1. Declarations.
    let mut datasources = Vec::new();
    let mut generators: Vec<&Block<'_>> = Vec::new();
    let mut preview_features: Vec<&str> = Vec::new();
    let mut model_blocks: IndexMap<&str, &Block<'_>> = IndexMap::new();
    let mut enum_blocks: Vec<(usize, &Block<'_>)> = Vec::new();
    let mut names: IndexMap<&str, (&str, Span)> = IndexMap::new();
    for (i, item) in ast.items.iter().enumerate() {
        let TopItem::Block(block) = item else { continue };
        let name = block.name.name;
        match block.kind {
            BlockKind::Datasource => {
                datasources.push(block);
                continue;
            }
            BlockKind::Generator => {
                if generators.iter().any(|g| g.name.name == name) {
                    diags.push(
                        Diagnostic::error(
                            "duplicate-generator",
                            block.name.span,
                            format!("generator `{name}` cannot be defined: a generator with that name already exists"),
                        )
                        .with_help("give each generator block its own name"),
                    );
                }
                generators.push(block);
                preview_features.extend(config::generator(block, &mut diags));
                continue;
            }
            BlockKind::Type => {
                diags.push(Diagnostic::error(
                    "unsupported-block",
                    block.name.span,
                    "composite types (`type`) are only supported on MongoDB",
                ));
                continue;
            }
            BlockKind::Model | BlockKind::View | BlockKind::Enum => {}
        }
        let kind = block.kind.keyword();
        if scalars::Scalar::from_name(name).is_some() || name == "Unsupported" {
            diags.push(Diagnostic::error(
                "reserved-name",
                block.name.span,
                format!("`{name}` is a built-in type and cannot be the name of a {kind}"),
            ));
            continue;
        }
        if let Some((other_kind, _)) = names.get(name) {
            diags.push(Diagnostic::error(
                "duplicate-name",
                block.name.span,
                format!("{kind} `{name}` cannot be defined: a {other_kind} with that name already exists"),
            ));
            continue;
        }
        names.insert(name, (kind, block.name.span));
        match block.kind {
            BlockKind::Model | BlockKind::View => {
                model_blocks.insert(name, block);
            }
            _ => enum_blocks.push((i, block)),
        }
    }

    // 2. Datasource.
    let datasource = match datasources.as_slice() {
        [] => {
            // Prisma accepts a schema without one; refract only speaks PostgreSQL, so nothing is ambiguous.
            diags.push(
                Diagnostic::warning(
                    "missing-datasource",
                    config::FILE_START,
                    "the schema has no datasource block; assuming PostgreSQL",
                )
                .with_help("add `datasource db {\n  provider = \"postgresql\"\n}`"),
            );
            Datasource::default()
        }
        [one, rest @ ..] => {
            for extra in rest {
                diags.push(Diagnostic::error(
                    "multiple-datasources",
                    extra.name.span,
                    "a schema can have only one datasource",
                ));
            }
            config::datasource(one, &mut diags)
        }
    };
    config::check_preview_features(&datasource, &preview_features, &mut diags);
    if !preview_features.iter().any(|f| f.eq_ignore_ascii_case("views")) {
        for block in model_blocks.values().filter(|b| b.kind == BlockKind::View) {
            diags.push(
                Diagnostic::error(
                    "preview-feature-required",
                    block.name.span,
                    "view blocks are only available with the `views` preview feature",
                )
                .with_help(
                    "add `previewFeatures = [\"views\"]` to the generator block (Prisma refuses the schema without it)",
                ),
            );
        }
    }

    // 3. Enums.
    let mut schema = Schema {
        extensions: datasource.extensions.clone(),
        namespaces: datasource.schemas.clone(),
        partial_indexes: preview_features.iter().any(|f| f.eq_ignore_ascii_case("partialIndexes")),
        ..Schema::default()
    };
    let mut enums = IndexMap::new();
    for (i, block) in enum_blocks {
        let (info, ir) = enums::enum_block(block, top_docs_before(&ast.items, i), &datasource, &mut diags);
        let key = info.qualified_name();
        if schema.enums.contains_key(&key) {
            diags.push(Diagnostic::error(
                "duplicate-name",
                block.name.span,
                format!("two enums map to the database type `{key}`"),
            ));
        }
        schema.enums.insert(key, ir);
        enums.insert(block.name.name, info);
    }

    let decls = Decls { models: model_blocks, enums, datasource };

    // 4. Models. Each model is checked on its own (against the shared declarations), so a large schema
    // is checked in two halves on two threads.
    let blocks: Vec<(usize, &Block<'_>)> = ast
        .items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| match item {
            TopItem::Block(block)
                if matches!(block.kind, BlockKind::Model | BlockKind::View)
                    && decls.models.get(block.name.name).is_some_and(|b| std::ptr::eq(*b, block)) =>
            {
                Some((i, block))
            }
            _ => None,
        })
        .collect();
    let mut models: Vec<ModelInfo<'a>> = Vec::with_capacity(blocks.len());
    for (info, mut found) in map_in_two_halves(blocks, |(i, block)| {
        let mut found = Vec::new();
        let mut info = model::model(block, &decls, &mut found);
        info.doc = top_docs_before(&ast.items, i);
        model::resolve_checks(&mut info, &mut found);
        (info, found)
    }) {
        models.push(info);
        diags.append(&mut found);
    }

    // 5. Relations.
    let rels = relations::resolve(&models, &decls, &mut diags);
    if decls.datasource.relation_mode_prisma {
        relations::check_action_cycles(&rels, &models, &mut diags);
    }

    // 6. Unique criteria.
    for m in &models {
        // A model whose `@id` was rejected already has an error on that line; this one would only repeat it.
        let declares_id = m.fields.iter().any(|f| f.ast.attributes.iter().any(|a| a.name.name == "id"))
            || m.block.members.iter().any(|x| matches!(x, Member::Attribute(a) if a.name.name == "id"));
        // A view needs none: it is read-only, and its `@unique`s are promises, not indexes.
        if m.view || m.ignored || m.id.is_some() || declares_id {
            continue;
        }
        let has_required_unique = m
            .uniques
            .iter()
            .any(|u| u.fields.iter().all(|(i, ..)| m.fields[*i].is_required()) && u.predicate.is_none());
        if !has_required_unique {
            diags.push(
                Diagnostic::error("missing-unique-criteria", m.block.name.span, format!("model `{}` has no unique criteria", m.name))
                    .with_help("mark a required field with `@id` or `@unique`, or add `@@id([...])` or `@@unique([...])` over required fields"),
            );
        }
    }

    // 7. IR. Tables are built independently (two threads for large schemas); their names are then
    // registered in model order, so clashes are reported the same way whatever the split.
    // Each model's column parts go with it, and are freed as soon as its table holds them.
    let parts: Vec<Vec<ColumnParts>> = models.iter_mut().map(|m| std::mem::take(&mut m.columns)).collect();
    let tables = map_in_two_halves(models.iter().zip(parts).collect(), |(m, parts)| table(m, parts));
    // Sized exactly (models, then join tables): a map grown by inserts holds up to twice its tables.
    let join_tables = rels.iter().filter(|r| matches!(r, relations::Relation::ManyToMany { .. })).count();
    schema.tables.reserve_exact(tables.len() + join_tables);
    let mut names = NameRegistry::default();
    for (m, table) in models.iter().zip(tables) {
        // A view's keys are no database objects: no names to register.
        if !m.view {
            register_names(m, &table, &mut names, &mut diags);
        }
        let key = qualify(m.namespace.as_deref(), &m.table);
        // Tables and views share one namespace in the database.
        let existing = schema.tables.get(&key).map(|t| ("model", t)).or(schema.views.get(&key).map(|t| ("view", t)));
        if let Some((kind, existing)) = existing {
            let what = if m.view { "view" } else { "model" };
            diags.push(Diagnostic::error(
                "duplicate-table",
                m.block.name.span,
                format!(
                    "{what} `{}` maps to {} `{key}`, which {kind} `{}` already uses",
                    m.name,
                    if kind == "model" { "table" } else { "view" },
                    existing.model.as_deref().unwrap_or("?")
                ),
            ));
            continue;
        }
        if m.view {
            schema.views.insert(key, table);
        } else {
            schema.tables.insert(key, table);
        }
    }
    relations::lower(&rels, &models, &decls, &mut schema, &mut names, &mut diags);
    relations::relation_fields(&rels, &models, &mut schema);
    // A `where:` on an index is a partial index the schema manages, as the preview feature says.
    schema.partial_indexes |= schema.tables.values().flat_map(|t| &t.indexes).any(|i| i.predicate.is_some());
    (schema, diags)
}

/// The table of `m`, its columns made of `parts` (the model's [`ColumnParts`], moved in, not copied).
fn table(m: &ModelInfo<'_>, parts: Vec<ColumnParts>) -> Table {
    let mut t = Table::new(m.table.clone());
    t.model = Some(m.name.to_string());
    t.namespace = m.namespace.clone();
    t.comment = m.doc.clone();
    // Sized up front: growing the map copies every column built so far (6% of `migrate diff` on
    // gen-schema 3000). `with_capacity`, not `reserve`: `reserve` rounds the column list up to the hash
    // table's capacity, a third more than a typical table needs (5 MB of an IR at 3000 models).
    t.columns = IndexMap::with_capacity(m.fields.iter().filter(|f| !f.is_relation()).count());
    for (f, parts) in m.fields.iter().zip(parts) {
        if f.is_relation() {
            continue;
        }
        t.columns.insert(
            f.column.to_string(),
            Column {
                name: f.column.to_string(),
                field: f.name().to_string(),
                ty: parts.ty,
                array: f.is_list(),
                // A list column is NOT NULL only when required; Prisma writes `TEXT[]` for `String[]`.
                nullable: !f.is_required(),
                default: parts.default,
                autoincrement: parts.autoincrement,
                generated_by_client: parts.client_default,
                comment: parts.doc,
            },
        );
    }
    let cols = |def: &KeyDef| def.fields.iter().map(|c| m.fields[c.0].column.as_ref()).collect::<Vec<_>>();
    if let Some(id) = &m.id {
        let name = id.map.clone().unwrap_or_else(|| constraint_name(&m.table, &[], "pkey"));
        t.primary_key = Some(PrimaryKey { name, columns: id.fields.iter().map(|c| index_column(m, c)).collect() });
    }
    // Lists grown by pushes hold up to four entries where one was needed; a large IR has thousands.
    t.indexes.reserve_exact(m.uniques.len() + m.indexes.len());
    t.checks.reserve_exact(m.checks.len());
    for (def, unique) in m.indexes_in_prisma_order() {
        let suffix = if unique { "key" } else { "idx" };
        let name = def.map.clone().unwrap_or_else(|| constraint_name(&m.table, &cols(def), suffix));
        t.indexes.push(Index {
            name,
            unique,
            columns: def.fields.iter().map(|c| index_column(m, c)).collect(),
            method: def.method,
            predicate: def.predicate.clone(),
            client_name: def.client_name.clone(),
        });
    }
    for c in &m.checks {
        let name = match &c.map {
            Some(n) => n.clone(),
            None => {
                // PostgreSQL's rule: a field's check, or a model check that uses one column, is
                // `{table}_{column}_check`; otherwise `{table}_check`.
                let column = c.field_column.as_deref().or(match c.columns.as_slice() {
                    [one] => Some(one.as_str()),
                    _ => None,
                });
                postgres_check_name(&m.table, column, |n| t.checks.iter().any(|x| x.name == n))
            }
        };
        t.checks.push(Check { name, expression: c.expression.clone() });
    }
    t
}

/// Record the names `table` gives out, reporting the ones already taken. `table` was built from `m`,
/// so its keys, indexes and checks are in the order of `m`'s declarations (for the spans).
fn register_names(m: &ModelInfo<'_>, t: &Table, names: &mut NameRegistry, diags: &mut Vec<Diagnostic>) {
    let key = qualify(m.namespace.as_deref(), &m.table);
    let namespace = m.namespace.as_deref();
    if let (Some(id), Some(pk)) = (&m.id, &t.primary_key) {
        names.index_like(namespace, &pk.name, &m.table, id.span, diags);
        names.constraint(&key, &pk.name, id.span, diags);
    }
    for ((def, _), index) in m.indexes_in_prisma_order().zip(&t.indexes) {
        names.index_like(namespace, &index.name, &m.table, def.span, diags);
    }
    for (def, check) in m.checks.iter().zip(&t.checks) {
        names.constraint(&key, &check.name, def.span, diags);
    }
}

/// `items.into_iter().map(f).collect()`, on two threads when there are enough items to pay for it (the
/// machine this runs on in CI has two cores). The order of the results is the order of `items`. Items
/// are taken by value, so what `f` consumes is freed as it goes.
fn map_in_two_halves<T: Send, R: Send>(mut items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    if items.len() < PARALLEL_MODELS {
        return items.into_iter().map(&f).collect();
    }
    let second = items.split_off(items.len() / 2);
    let (mut out, rest) = std::thread::scope(|scope| {
        let rest = scope.spawn(|| second.into_iter().map(&f).collect::<Vec<_>>());
        (items.into_iter().map(&f).collect::<Vec<_>>(), rest.join())
    });
    match rest {
        Ok(rest) => {
            out.extend(rest);
            out
        }
        // A panic in the worker is a bug, and its items are gone with it: report it as the panic it is.
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn doc_comments_become_table_column_and_enum_comments() {
        let text = "datasource db {\n  provider = \"postgresql\"\n}\n\n// not documentation\n/// A user.\n/// Second line.\nmodel User {\n  /// The key.\n  id Int @id\n  // plain\n  name String\n  role Role\n}\n\n/// Roles.\nenum Role {\n  A\n}\n";
        let checked = crate::check(text);
        assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
        let user = &checked.schema.tables["User"];
        assert_eq!(user.comment.as_deref(), Some("A user.\nSecond line."));
        assert_eq!(user.columns["id"].comment.as_deref(), Some("The key."));
        assert_eq!(user.columns["name"].comment, None);
        assert_eq!(checked.schema.enums["Role"].comment.as_deref(), Some("Roles."));
    }

    #[test]
    fn one_extension_may_be_written_without_brackets() {
        // Prisma reads a single value where it expects a list as a list of one.
        let text = "generator client {\n  provider = \"prisma-client-js\"\n  previewFeatures = [\"postgresqlExtensions\"]\n}\n\ndatasource db {\n  provider = \"postgresql\"\n  extensions = postgis(version: \"3.4\")\n}\n\nmodel A {\n  id Int @id\n}\n";
        let checked = crate::check(text);
        assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
        let ext = &checked.schema.extensions;
        assert_eq!((ext.len(), ext[0].name.as_str(), ext[0].version.as_deref()), (1, "postgis", Some("3.4")));
        let bare_text = text.replace("postgis(version: \"3.4\")", "pg_trgm");
        let bare = crate::check(&bare_text);
        assert!(!bare.has_errors(), "{:?}", bare.diagnostics);
        assert_eq!(bare.schema.extensions[0].name, "pg_trgm");
    }

    #[test]
    fn large_schemas_checked_on_two_threads_keep_order_and_every_error() {
        let mut text = String::from("datasource db {\n  provider = \"postgresql\"\n}\n");
        let n = super::PARALLEL_MODELS + 100;
        for i in 0..n {
            // The first and the last model each have an unknown type: one in each half.
            let ty = if i == 0 || i == n - 1 { "Strin" } else { "String" };
            text.push_str(&format!("model M{i} {{\n  id Int @id\n  name {ty}\n}}\n"));
        }
        let checked = crate::check(&text);
        let errors: Vec<_> = checked.diagnostics.iter().filter(|d| d.code == "unknown-type").collect();
        assert_eq!(errors.len(), 2, "{:?}", checked.diagnostics);
        let names: Vec<_> = checked.schema.tables.keys().cloned().collect();
        let expected: Vec<_> = (0..n).map(|i| format!("M{i}")).collect();
        assert_eq!(names, expected);
    }
}
