//! View blocks, as Prisma's `db pull` writes them (with the `views` preview feature): the columns the
//! database reports, and what only the schema being replaced knows kept from it.
//!
//! PostgreSQL says nothing of a view's keys, relations or nullability (every view column is nullable in
//! the catalog). So, as Prisma does, a field the previous schema declared required stays required,
//! its `@unique`/`@@unique` and its relation fields (both sides: in the view, and in models pointing at
//! it) are carried over as they were written, and a view left with no unique identifier is marked
//! `@@ignore` with Prisma's comment.

use std::collections::HashMap;

use refract_ir::{Column, Table};

use super::Printer;
use super::model::{block_lines, doc, map_and_native_type, relation_lines};
use super::names::string;
use super::relations::RelationField;
use crate::Checked;
use crate::ast::{Block, BlockKind, FieldType, Member, TopItem, TypeName};

/// Prisma's comment above a view it cannot give Prisma Client.
const NO_IDENTIFIER: &str = "The underlying view does not contain a valid unique identifier and can therefore currently not be handled by Prisma Client.";

/// What the schema being replaced wrote for its views, by view key, as text to carry over.
#[derive(Default)]
pub(super) struct KeptViews {
    /// View key to (column to the field's `@unique...` attribute as written).
    field_uniques: HashMap<String, HashMap<String, String>>,
    /// View key to its `@@unique(...)` lines as written.
    block_uniques: HashMap<String, Vec<String>>,
    /// Views marked `@@ignore`.
    ignored: Vec<String>,
    /// (model or view key, previous target name, field name, type as written, attributes as written):
    /// relation fields in views, and relation fields in models pointing at a view.
    relations: Vec<(String, String, String, String, String)>,
}

impl KeptViews {
    pub(super) fn new(previous: &Checked<'_>) -> KeptViews {
        let mut out = KeptViews::default();
        let schema = &previous.schema;
        let key_of = |block: &Block<'_>| -> Option<String> {
            let objects = if block.kind == BlockKind::View { &schema.views } else { &schema.tables };
            objects.iter().find(|(_, t)| t.model.as_deref() == Some(block.name.name)).map(|(k, _)| k.clone())
        };
        let views: Vec<&str> = schema.views.values().filter_map(|v| v.model.as_deref()).collect();
        let text = |span: refract_diagnostics::Span| previous.text[span.range()].to_string();
        for item in &previous.ast.items {
            let TopItem::Block(block) = item else { continue };
            if !matches!(block.kind, BlockKind::Model | BlockKind::View) {
                continue;
            }
            let Some(key) = key_of(block) else { continue };
            let is_view = block.kind == BlockKind::View;
            for member in &block.members {
                match member {
                    Member::Field(field) => {
                        let Some(FieldType { name: TypeName::Named(target), span, .. }) = &field.ty else { continue };
                        let relation = schema
                            .tables
                            .values()
                            .chain(schema.views.values())
                            .any(|t| t.model.as_deref() == Some(target.name));
                        if relation && (is_view || views.contains(&target.name)) {
                            let attributes: Vec<String> = field.attributes.iter().map(|a| text(a.span)).collect();
                            out.relations.push((
                                key.clone(),
                                target.name.to_string(),
                                field.name.name.to_string(),
                                text(*span),
                                attributes.join(" "),
                            ));
                            continue;
                        }
                        if !is_view {
                            continue;
                        }
                        if let Some(unique) = field.attributes.iter().find(|a| a.name.name == "unique") {
                            let column = schema.views[&key]
                                .columns
                                .values()
                                .find(|c| c.field == field.name.name)
                                .map(|c| c.name.clone());
                            if let Some(column) = column {
                                out.field_uniques.entry(key.clone()).or_default().insert(column, text(unique.span));
                            }
                        }
                    }
                    Member::Attribute(a) if is_view && a.name.name == "unique" => {
                        out.block_uniques.entry(key.clone()).or_default().push(text(a.span));
                    }
                    Member::Attribute(a) if is_view && a.name.name == "ignore" => out.ignored.push(key.clone()),
                    _ => {}
                }
            }
        }
        out
    }

    /// The carried relation fields, by the key of the model or view they go in, whose target is still
    /// printed (`printed_name`: a previous model or view name to the key it is printed under).
    pub(super) fn relation_fields(
        &self,
        printed_name: impl Fn(&str) -> Option<String>,
    ) -> HashMap<String, Vec<RelationField>> {
        let mut out: HashMap<String, Vec<RelationField>> = HashMap::new();
        for (key, target, field, ty, attributes) in &self.relations {
            let Some(target_name) = printed_name(target) else { continue };
            let ty = ty.replacen(target.as_str(), &target_name, 1);
            let attribute = (!attributes.is_empty()).then(|| attributes.clone());
            out.entry(key.clone()).or_default().push(RelationField { name: field.clone(), ty, attribute });
        }
        out
    }
}

impl Printer<'_> {
    pub(super) fn view_block(
        &mut self,
        out: &mut String,
        key: &str,
        view: &Table,
        relations: &HashMap<String, Vec<RelationField>>,
    ) {
        let name = &self.names.models[key];
        let previous = self.previous.and_then(|p| p.views.get(key));
        let kept = &self.kept_views;
        let field_uniques = kept.field_uniques.get(key);
        let block_uniques = kept.block_uniques.get(key).map(Vec::as_slice).unwrap_or_default();
        let ignored_before = kept.ignored.iter().any(|k| k == key);
        // A column stays required when the schema being replaced said so (the catalog cannot).
        let required = |column: &Column| {
            !column.array && previous.and_then(|p| p.columns.get(&column.name)).is_some_and(|c| !c.nullable)
        };
        let identifier = previous.is_some_and(|p| {
            p.indexes
                .iter()
                .any(|i| i.unique && i.columns.iter().all(|c| view.columns.get(&c.name).is_some_and(required)))
        });
        let ignored = ignored_before || (!identifier && !view.columns.is_empty());
        doc(out, "", view.comment.as_deref().or(previous.and_then(|p| p.comment.as_deref())));
        if !identifier && !ignored_before {
            out.push_str(&format!("/// {NO_IDENTIFIER}\n"));
        }
        out.push_str(&format!("view {name} {{\n"));
        for column in view.columns.values() {
            let field = self.names.field(key, &column.name);
            let mut column = column.clone();
            column.nullable &= !required(&column);
            doc(out, "  ", column.comment.as_deref());
            let mut line = format!("  {field} {}", self.field_type(&column));
            if let Some(default) = self.default(&column, None) {
                line.push_str(&format!(" @default({default})"));
            }
            if let Some(unique) = field_uniques.and_then(|u| u.get(&column.name)) {
                line.push(' ');
                line.push_str(unique);
            }
            map_and_native_type(&mut line, field, &column);
            out.push_str(&line);
            out.push('\n');
        }
        relation_lines(out, relations.get(key));
        let mut block: Vec<String> = block_uniques.to_vec();
        if *name != view.name {
            block.push(format!("@@map({})", string(&view.name)));
        }
        if ignored {
            if !ignored_before {
                self.notes.push(format!(
                    "view `{}` has no unique identifier the schema declares; it is marked `@@ignore` (give it `@unique` fields to use it)",
                    view.name
                ));
            }
            block.push("@@ignore".to_string());
        }
        block_lines(out, block);
    }
}
