//! Enum and model blocks: fields with their attributes, then relation fields, then block attributes.

use std::collections::{HashMap, HashSet};

use refract_ir::{
    ClientDefault, Column, ColumnDefault, ColumnType, Index, IndexColumn, IndexMethod, SortOrder, Table,
    constraint_name,
};

use super::Printer;
use super::names::string;
use super::relations::RelationField;
use crate::validate::spelling;

impl Printer<'_> {
    pub(super) fn enum_block(&mut self, out: &mut String, key: &str, e: &refract_ir::Enum) {
        let name = &self.names.enums[key];
        doc(out, "", e.comment.as_deref());
        out.push_str(&format!("enum {name} {{\n"));
        for v in &e.values {
            let value_name = &self.names.enum_values[key][&v.name];
            out.push_str(&format!("  {value_name}"));
            if *value_name != v.name {
                out.push_str(&format!(" @map({})", string(&v.name)));
            }
            out.push('\n');
        }
        if *name != e.name {
            out.push_str(&format!("\n  @@map({})\n", string(&e.name)));
        }
        out.push_str("}\n");
    }

    pub(super) fn model_block(
        &mut self,
        out: &mut String,
        key: &str,
        table: &Table,
        relations: &HashMap<String, Vec<RelationField>>,
    ) {
        let model = &self.names.models[key];
        let previous = self.previous.and_then(|p| p.tables.get(key));
        doc(out, "", table.comment.as_deref());
        let ignored = !has_unique_criterion(table);
        if ignored {
            out.push_str("/// The underlying table has no unique identifier, so Prisma Client cannot handle it.\n");
        }
        out.push_str(&format!("model {model} {{\n"));
        let pk = table.primary_key.as_ref();
        let single_id = pk.filter(|pk| pk.columns.len() == 1 && plain(&pk.columns[0])).map(|pk| &pk.columns[0].name);
        // A single-column unique index Prisma writes as `@unique` on the field.
        let field_unique = |column: &str| {
            table.indexes.iter().position(|i| {
                i.unique
                    && i.predicate.is_none()
                    && i.method == IndexMethod::BTree
                    && i.columns.len() == 1
                    && i.columns[0].name == column
                    && plain(&i.columns[0])
            })
        };
        let mut inline_uniques = HashSet::new();
        for column in table.columns.values() {
            let field = self.names.field(key, &column.name);
            doc(out, "  ", column.comment.as_deref());
            let mut line = format!("  {field} {}", self.field_type(column));
            if single_id == Some(&column.name) {
                let pk = pk.expect("single_id comes from it");
                if pk.name == constraint_name(&table.name, &[], "pkey") {
                    line.push_str(" @id");
                } else {
                    line.push_str(&format!(" @id(map: {})", string(&pk.name)));
                }
            }
            let before = previous.and_then(|t| t.columns.get(&column.name));
            if let Some(default) = self.default(column, before) {
                line.push_str(&format!(" @default({default})"));
            }
            if before.and_then(|c| c.generated_by_client) == Some(ClientDefault::UpdatedAt) && column.default.is_none()
            {
                line.push_str(" @updatedAt");
            }
            if let Some(i) = field_unique(&column.name) {
                inline_uniques.insert(i);
                let index = &table.indexes[i];
                if index.name == constraint_name(&table.name, &[&column.name], "key") {
                    line.push_str(" @unique");
                } else {
                    line.push_str(&format!(" @unique(map: {})", string(&index.name)));
                }
            }
            map_and_native_type(&mut line, field, column);
            out.push_str(&line);
            out.push('\n');
        }
        relation_lines(out, relations.get(key));

        let mut block = Vec::new();
        if let Some(pk) = pk
            && single_id.is_none()
        {
            let mut args = vec![self.columns(key, &pk.columns)];
            if pk.name != constraint_name(&table.name, &[], "pkey") {
                args.push(format!("map: {}", string(&pk.name)));
            }
            block.push(format!("@@id({})", args.join(", ")));
        }
        for (i, index) in table.indexes.iter().enumerate() {
            if inline_uniques.contains(&i) {
                continue;
            }
            block.push(self.index(key, table, index));
        }
        for check in &table.checks {
            let expression = self.in_field_terms(key, &check.expression);
            block.push(format!("@@check({}, map: {})", string(&expression), string(&check.name)));
        }
        if *model != table.name {
            block.push(format!("@@map({})", string(&table.name)));
        }
        if ignored {
            self.notes.push(format!(
                "table `{}` has no primary key or unique index over required columns; its model is marked `@@ignore`",
                table.name
            ));
            block.push("@@ignore".to_string());
        }
        block_lines(out, block);
    }

    /// A CHECK expression as PostgreSQL prints it, with quoted column names (`"healthRatio"`) written as
    /// the bare field names a schema author writes; validation quotes them again.
    pub(super) fn in_field_terms(&self, key: &str, expression: &str) -> String {
        let fields = &self.names.fields[key];
        let mut out = String::with_capacity(expression.len());
        let mut rest = expression;
        while let Some(i) = rest.find(['\'', '"']) {
            let (before, from) = rest.split_at(i);
            out.push_str(before);
            let quote = from.as_bytes()[0] as char;
            // The closing quote; a doubled quote inside is an escaped one.
            let mut end = 1;
            loop {
                match from[end..].find(quote) {
                    Some(j) if from[end + j + 1..].starts_with(quote) => end += j + 2,
                    Some(j) => {
                        end += j + 1;
                        break;
                    }
                    None => {
                        end = from.len();
                        break;
                    }
                }
            }
            let token = &from[..end];
            let after_cast = out.trim_end().ends_with("::");
            match fields.get(token.trim_matches('"')) {
                Some(field) if quote == '"' && !after_cast && !token[1..end - 1].contains('"') => out.push_str(field),
                _ => out.push_str(token),
            }
            rest = &from[end..];
        }
        out.push_str(rest);
        out
    }

    /// `@@unique([...])` or `@@index([...])` with its arguments.
    pub(super) fn index(&self, key: &str, table: &Table, index: &Index) -> String {
        let mut args = vec![self.columns(key, &index.columns)];
        let cols: Vec<&str> = index.columns.iter().map(|c| c.name.as_str()).collect();
        let suffix = if index.unique { "key" } else { "idx" };
        if index.name != constraint_name(&table.name, &cols, suffix) {
            args.push(format!("map: {}", string(&index.name)));
        }
        if index.method != IndexMethod::BTree {
            args.push(format!("type: {}", method(index.method)));
        }
        if let Some(p) = &index.predicate {
            args.push(format!("where: raw({})", string(p)));
        }
        format!("@@{}({})", if index.unique { "unique" } else { "index" }, args.join(", "))
    }

    /// `[a, b(sort: Desc), c(ops: raw("text_pattern_ops"))]`.
    pub(super) fn columns(&self, key: &str, columns: &[IndexColumn]) -> String {
        let items: Vec<String> = columns
            .iter()
            .map(|c| {
                let field = self.names.field(key, &c.name);
                let mut args = Vec::new();
                if c.sort == SortOrder::Desc {
                    args.push("sort: Desc".to_string());
                }
                if let Some(ops) = &c.ops {
                    args.push(format!("ops: raw({})", string(ops)));
                }
                if args.is_empty() { field.to_string() } else { format!("{field}({})", args.join(", ")) }
            })
            .collect();
        format!("[{}]", items.join(", "))
    }

    pub(super) fn field_type(&self, column: &Column) -> String {
        let base = match &column.ty {
            ColumnType::Enum(key) => self.names.enums.get(key).cloned().unwrap_or_else(|| key.clone()),
            ColumnType::Unsupported(t) => format!("Unsupported({})", string(t)),
            ty => spelling(ty).expect("enums and Unsupported are matched above").0.name().to_string(),
        };
        let suffix = if column.array {
            "[]"
        } else if column.nullable {
            "?"
        } else {
            ""
        };
        format!("{base}{suffix}")
    }

    /// The `@default(...)` argument: the database's default, else a client-side one the previous
    /// schema declared.
    pub(super) fn default(&self, column: &Column, before: Option<&Column>) -> Option<String> {
        if column.autoincrement {
            return Some("autoincrement()".to_string());
        }
        match &column.default {
            Some(d) => Some(self.default_value(d, &column.ty)),
            None => match before.and_then(|c| c.generated_by_client)? {
                ClientDefault::Uuid => Some("uuid()".into()),
                ClientDefault::Cuid => Some("cuid()".into()),
                ClientDefault::Ulid => Some("ulid()".into()),
                ClientDefault::Nanoid => Some("nanoid()".into()),
                ClientDefault::UpdatedAt => None,
            },
        }
    }

    pub(super) fn default_value(&self, default: &ColumnDefault, ty: &ColumnType) -> String {
        match default {
            ColumnDefault::String(s) => string(s),
            ColumnDefault::Number(n) => n.clone(),
            ColumnDefault::Boolean(b) => b.to_string(),
            ColumnDefault::EnumValue(v) => match ty {
                ColumnType::Enum(key) => self.names.enum_values[key].get(v).cloned().unwrap_or_else(|| string(v)),
                _ => string(v),
            },
            ColumnDefault::Now => "now()".to_string(),
            ColumnDefault::DbGenerated(Some(e)) => format!("dbgenerated({})", string(e)),
            ColumnDefault::DbGenerated(None) => "dbgenerated()".to_string(),
            ColumnDefault::List(items) => {
                let items: Vec<String> = items.iter().map(|i| self.default_value(i, ty)).collect();
                format!("[{}]", items.join(", "))
            }
        }
    }
}

/// A field line's `@map` (when the field is not named after its column) and `@db.*` native type.
pub(super) fn map_and_native_type(line: &mut String, field: &str, column: &Column) {
    if field != column.name {
        line.push_str(&format!(" @map({})", string(&column.name)));
    }
    if let Some((_, Some(native))) = spelling(&column.ty) {
        line.push_str(&format!(" @db.{native}"));
    }
}

/// The relation fields of a block, after a blank line.
pub(super) fn relation_lines(out: &mut String, relations: Option<&Vec<RelationField>>) {
    let Some(relations) = relations else { return };
    out.push('\n');
    for r in relations {
        out.push_str(&format!("  {} {}", r.name, r.ty));
        if let Some(a) = &r.attribute {
            out.push(' ');
            out.push_str(a);
        }
        out.push('\n');
    }
}

/// The block attributes (after a blank line, when there are any) and the closing brace.
pub(super) fn block_lines(out: &mut String, block: Vec<String>) {
    if !block.is_empty() {
        out.push('\n');
        for b in block {
            out.push_str(&format!("  {b}\n"));
        }
    }
    out.push_str("}\n");
}

/// `///` lines for a comment.
pub(super) fn doc(out: &mut String, indent: &str, comment: Option<&str>) {
    for line in comment.into_iter().flat_map(str::lines) {
        out.push_str(&format!("{indent}/// {line}\n"));
    }
}

pub(super) fn plain(c: &IndexColumn) -> bool {
    c.sort == SortOrder::Asc && c.ops.is_none()
}

/// Prisma needs a primary key or a unique index over required columns to handle a model.
pub(super) fn has_unique_criterion(table: &Table) -> bool {
    table.primary_key.is_some()
        || table.indexes.iter().any(|i| {
            i.unique
                && i.predicate.is_none()
                && i.columns.iter().all(|c| table.columns.get(&c.name).is_some_and(|col| !col.nullable && !col.array))
        })
}

pub(super) fn method(m: IndexMethod) -> &'static str {
    match m {
        IndexMethod::BTree => "BTree",
        IndexMethod::Hash => "Hash",
        IndexMethod::Gist => "Gist",
        IndexMethod::Gin => "Gin",
        IndexMethod::SpGist => "SpGist",
        IndexMethod::Brin => "Brin",
    }
}
