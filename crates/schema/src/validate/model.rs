//! A model's fields and attributes, checked and resolved into a [`ModelInfo`].

use std::borrow::Cow;

use refract_diagnostics::{Diagnostic, Span};
use refract_ir::{
    ClientDefault, ColumnDefault, ColumnType, IndexColumn, IndexMethod, MAX_IDENTIFIER_BYTES, ReferentialAction,
    SortOrder,
};

use super::args::{Args, expect_constant, expect_list, expect_string};
use super::scalars::{DefaultTarget, Scalar, default_value, native_type};
use super::{Decls, EnumInfo, docs_before};
use crate::ast::{Arity, Attribute, Block, Expr, Field, Member, TypeName};

#[derive(Debug)]
pub(crate) enum FieldKind<'a> {
    Scalar(Scalar),
    /// By the enum's name in the schema.
    Enum(&'a str),
    /// By the target model's name.
    Relation(&'a str),
    Unsupported(String),
}

/// A field, resolved: what the checks of its model and of the relations need. What only its column
/// needs is in [`ColumnParts`].
#[derive(Debug)]
pub(crate) struct FieldInfo<'a> {
    pub ast: &'a Field<'a>,
    /// The database name (the field name or its `@map`), borrowed from the tree unless cut to 63 bytes.
    pub column: Cow<'a, str>,
    pub kind: FieldKind<'a>,
    pub arity: Arity,
    /// Boxed: most fields have none, and a large schema holds tens of thousands of these at once.
    pub relation: Option<Box<RelationArgs<'a>>>,
}

/// The parts of a field's column that nothing but the column needs. They are kept apart from the
/// [`FieldInfo`]s and moved into the IR when the table is built, so a large schema's records shrink as
/// its IR grows instead of holding the same data twice at the peak.
#[derive(Debug)]
pub(crate) struct ColumnParts {
    /// The resolved column type (meaningless for relation fields).
    pub ty: ColumnType,
    pub default: Option<ColumnDefault>,
    pub client_default: Option<ClientDefault>,
    pub autoincrement: bool,
    pub doc: Option<String>,
}

impl<'a> FieldInfo<'a> {
    /// The field's name (read from the tree, not kept twice: a large schema has tens of thousands).
    pub fn name(&self) -> &'a str {
        self.ast.name.name
    }

    pub fn is_relation(&self) -> bool {
        matches!(self.kind, FieldKind::Relation(_))
    }

    pub fn is_required(&self) -> bool {
        self.arity == Arity::Required
    }

    pub fn is_list(&self) -> bool {
        self.arity == Arity::List
    }
}

/// `@relation(...)` as written.
#[derive(Debug, Default)]
pub(crate) struct RelationArgs<'a> {
    pub name: Option<String>,
    pub fields: Option<Vec<(&'a str, Span)>>,
    pub references: Option<Vec<(&'a str, Span)>>,
    pub on_delete: Option<ReferentialAction>,
    pub on_update: Option<ReferentialAction>,
    pub map: Option<String>,
    pub span: Option<Span>,
}

/// A primary key, unique constraint or index as declared, before names are computed.
#[derive(Debug)]
pub(crate) struct KeyDef {
    /// Indexes into `ModelInfo::fields`, with sort and operator class.
    pub fields: Vec<(usize, SortOrder, Option<String>)>,
    pub map: Option<String>,
    pub method: IndexMethod,
    pub predicate: Option<String>,
    pub span: Span,
    /// Declared on a field (`@unique`), not on the model (`@@unique`, `@@index`, `@@id`).
    pub on_field: bool,
}

#[derive(Debug)]
pub(crate) struct CheckDef {
    /// The SQL as written in the schema until [`resolve_checks`] rewrites it with column names.
    pub expression: String,
    /// The string literal as written (quotes and escapes included), to point into it.
    pub literal: String,
    /// Database names of the columns the expression uses (filled by [`resolve_checks`]).
    pub columns: Vec<String>,
    pub map: Option<String>,
    /// The column of a field-level `@check`, which PostgreSQL uses in the default name.
    pub field_column: Option<String>,
    pub span: Span,
}

#[derive(Debug)]
pub(crate) struct ModelInfo<'a> {
    pub block: &'a Block<'a>,
    pub name: &'a str,
    pub table: String,
    pub namespace: Option<String>,
    pub ignored: bool,
    pub fields: Vec<FieldInfo<'a>>,
    /// One per field, in the same order; taken (left empty) when the table is built.
    pub columns: Vec<ColumnParts>,
    pub id: Option<KeyDef>,
    pub uniques: Vec<KeyDef>,
    pub indexes: Vec<KeyDef>,
    pub checks: Vec<CheckDef>,
    pub doc: Option<String>,
}

impl ModelInfo<'_> {
    /// Unique constraints and indexes in the order Prisma creates them: field `@unique`s, then
    /// `@@index`es, then `@@unique`s (each in declaration order). The flag says whether it is unique.
    pub fn indexes_in_prisma_order(&self) -> impl Iterator<Item = (&KeyDef, bool)> {
        let field_uniques = self.uniques.iter().filter(|d| d.on_field).map(|d| (d, true));
        let indexes = self.indexes.iter().map(|d| (d, false));
        let block_uniques = self.uniques.iter().filter(|d| !d.on_field).map(|d| (d, true));
        field_uniques.chain(indexes).chain(block_uniques)
    }
}

impl<'a> ModelInfo<'a> {
    pub fn field(&self, name: &str) -> Option<(usize, &FieldInfo<'a>)> {
        self.fields.iter().enumerate().find(|(_, f)| f.name() == name)
    }
}

/// The name PostgreSQL stores instead of `name` for a table, column or type, when it stores another one:
/// identifiers over 63 bytes are cut (at a character boundary) without an error. Prisma accepts such
/// names, so refract does too, with a warning, and the IR holds the name the database will really have,
/// so introspection matches it. `None`: the name is stored as it is (and the caller keeps it, with no
/// copy). (Default constraint names are derived from these names and cut at 63 bytes anyway, so cutting
/// the name first gives the same constraint names Prisma computes from the full one.)
pub(crate) fn truncated_name(name: &str, span: Span, what: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
    if name.len() <= MAX_IDENTIFIER_BYTES {
        return None;
    }
    let cut = refract_ir::truncate_to_bytes(name, MAX_IDENTIFIER_BYTES);
    diags.push(
        Diagnostic::warning(
            "name-truncated",
            span,
            format!(
                "the {what} name `{name}` is {} bytes long; PostgreSQL keeps only the first 63: `{cut}`",
                name.len()
            ),
        )
        .with_help("use a shorter name (or `@map`/`@@map` to a shorter database name)"),
    );
    Some(cut.to_string())
}

/// A constraint or index name given with `map:`. Prisma refuses names over 63 bytes: PostgreSQL would
/// cut them and they would never match again.
pub(crate) fn check_identifier_length(name: &str, span: Span, what: &str, diags: &mut Vec<Diagnostic>) {
    if name.len() > MAX_IDENTIFIER_BYTES {
        diags.push(
            Diagnostic::error(
                "name-too-long",
                span,
                format!("the {what} name `{name}` is {} bytes long; PostgreSQL allows at most 63", name.len()),
            )
            .with_help("choose a shorter name: PostgreSQL would cut this one, and it would never match again"),
        );
    }
}

pub(crate) fn model<'a>(block: &'a Block<'a>, decls: &Decls<'a>, diags: &mut Vec<Diagnostic>) -> ModelInfo<'a> {
    // Exactly one record per field: the records of a large schema are all alive until its IR is built.
    let field_count = block.members.iter().filter(|m| matches!(m, Member::Field(_))).count();
    let mut info = ModelInfo {
        block,
        name: block.name.name,
        table: block.name.name.to_string(),
        namespace: None,
        ignored: false,
        fields: Vec::with_capacity(field_count),
        columns: Vec::with_capacity(field_count),
        id: None,
        uniques: Vec::new(),
        indexes: Vec::new(),
        checks: Vec::new(),
        doc: None,
    };

    // Fields first: block attributes refer to them.
    let mut field_attrs: Vec<Vec<&'a Attribute<'a>>> = Vec::with_capacity(field_count);
    for (i, member) in block.members.iter().enumerate() {
        match member {
            Member::Field(f) => {
                if let Some(previous) = info.fields.iter().find(|p| p.name() == f.name.name) {
                    let _ = previous;
                    diags.push(Diagnostic::error(
                        "duplicate-field",
                        f.name.span,
                        format!("field `{}` is already defined in model `{}`", f.name.name, info.name),
                    ));
                    continue;
                }
                if let Some((fi, parts)) = field(f, docs_before(&block.members, i), decls, diags) {
                    field_attrs.push(f.attributes.iter().collect());
                    info.fields.push(fi);
                    info.columns.push(parts);
                }
            }
            Member::Property(p) => diags.push(Diagnostic::error(
                "syntax",
                p.span,
                "`key = value` lines belong in a datasource or generator, not in a model",
            )),
            _ => {}
        }
    }

    // Field attributes that need the whole model (unique, id, check, default on enums).
    for (idx, attrs) in field_attrs.into_iter().enumerate() {
        for attr in attrs {
            field_attribute(&mut info, idx, attr, decls, diags);
        }
    }

    let mut seen_block_attrs: Vec<&str> = Vec::new();
    for member in &block.members {
        if let Member::Attribute(attr) = member {
            let n = attr.name.name;
            if matches!(n, "map" | "ignore" | "schema" | "id") && seen_block_attrs.contains(&n) {
                diags.push(Diagnostic::error(
                    "duplicate-attribute",
                    attr.span,
                    format!("`@@{n}` can only be used once per model"),
                ));
                continue;
            }
            seen_block_attrs.push(n);
            block_attribute(&mut info, attr, decls, diags);
        }
    }

    if let Some(cut) = truncated_name(&info.table, block.name.span, "table", diags) {
        info.table = cut;
    }
    for f in info.fields.iter_mut().filter(|f| !f.is_relation()) {
        if let Some(cut) = truncated_name(&f.column, f.ast.name.span, "column", diags) {
            f.column = Cow::Owned(cut);
        }
    }

    // Column names must be unique after @map.
    for (i, f) in info.fields.iter().enumerate() {
        if f.is_relation() {
            continue;
        }
        if let Some(other) = info.fields[..i].iter().find(|o| !o.is_relation() && o.column == f.column) {
            diags.push(Diagnostic::error(
                "duplicate-column",
                f.ast.span,
                format!(
                    "field `{}` maps to column `{}`, which field `{}` already uses",
                    f.name(),
                    f.column,
                    other.name()
                ),
            ));
        }
    }

    // Alive until the IR is built, with every other model's: no spare room (see `table`).
    info.uniques.shrink_to_fit();
    info.indexes.shrink_to_fit();
    info.checks.shrink_to_fit();
    info
}

fn field<'a>(
    f: &'a Field<'a>,
    doc: Option<String>,
    decls: &Decls<'a>,
    diags: &mut Vec<Diagnostic>,
) -> Option<(FieldInfo<'a>, ColumnParts)> {
    let Some(ty) = &f.ty else {
        diags.push(
            Diagnostic::error("missing-type", f.name.span, format!("field `{}` has no type", f.name.name))
                .with_help("write it as `name Type`, for example `email String`"),
        );
        return None;
    };
    if ty.arity == Arity::OptionalList {
        diags.push(
            Diagnostic::error("optional-list", ty.span, "optional lists are not supported")
                .with_help("use either `Type[]` or `Type?`"),
        );
        return None;
    }
    let kind = match &ty.name {
        TypeName::Unsupported(s) => FieldKind::Unsupported(s.value.to_string()),
        TypeName::Named(n) => {
            if let Some(s) = Scalar::from_name(n.name) {
                FieldKind::Scalar(s)
            } else if decls.enums.contains_key(n.name) {
                FieldKind::Enum(n.name)
            } else if decls.models.contains_key(n.name) {
                FieldKind::Relation(n.name)
            } else {
                let mut d = Diagnostic::error(
                    "unknown-type",
                    n.span,
                    format!("type `{}` is neither a built-in type nor a model or enum of this schema", n.name),
                );
                if let Some(s) = closest(
                    n.name,
                    Scalar::ALL.iter().copied().chain(decls.models.keys().copied()).chain(decls.enums.keys().copied()),
                ) {
                    d = d.with_help(format!("did you mean `{s}`?"));
                }
                diags.push(d);
                return None;
            }
        }
    };
    let ty_ir = match &kind {
        FieldKind::Scalar(s) => s.default_column_type(),
        FieldKind::Enum(e) => ColumnType::Enum(decls.enums[e].qualified_name()),
        FieldKind::Relation(_) => ColumnType::Text,
        FieldKind::Unsupported(s) => ColumnType::Unsupported(s.clone()),
    };
    let parts = ColumnParts { ty: ty_ir, default: None, client_default: None, autoincrement: false, doc };
    Some((FieldInfo { ast: f, column: Cow::Borrowed(f.name.name), kind, arity: ty.arity, relation: None }, parts))
}

/// The closest of `candidates` to `name`, if it is close enough to be a typo.
pub(crate) fn closest<'c>(name: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    let lower = name.to_ascii_lowercase();
    candidates
        .map(|c| (edit_distance(&lower, &c.to_ascii_lowercase()), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

const FIELD_ATTRIBUTES: &[&str] = &["id", "default", "unique", "map", "relation", "updatedAt", "ignore", "check"];

fn field_attribute<'a>(
    info: &mut ModelInfo<'a>,
    idx: usize,
    attr: &'a Attribute<'a>,
    decls: &Decls<'a>,
    diags: &mut Vec<Diagnostic>,
) {
    let name = attr.name.name;
    let field = &info.fields[idx];
    // Every attribute but `@check` may appear once; repeats after the first are reported.
    let earlier = field.ast.attributes.iter().take_while(|a| !std::ptr::eq(*a, attr));
    if name != "check" && earlier.into_iter().any(|a| a.name.name == name) {
        diags.push(Diagnostic::error(
            "duplicate-attribute",
            attr.span,
            format!("`@{name}` can only be used once on a field"),
        ));
        return;
    }
    let native = name.split_once('.');
    if field.is_relation()
        && name != "relation"
        && name != "ignore"
        && (FIELD_ATTRIBUTES.contains(&name) || native.is_some())
    {
        diags.push(
            Diagnostic::error(
                "attribute-on-relation-field",
                attr.span,
                format!("`@{name}` cannot be used on relation field `{}`", field.name()),
            )
            .with_help("put it on the scalar field that holds the foreign key"),
        );
        return;
    }
    let mut args = Args::new(attr, "@");
    match (name, native) {
        ("map", _) => {
            if let Some(v) = args.named_or_positional("name").and_then(|e| expect_string(e, "`@map`", diags)) {
                info.fields[idx].column = Cow::Borrowed(v);
            } else if attr.args().is_empty() {
                diags.push(Diagnostic::error(
                    "invalid-map",
                    attr.span,
                    "`@map` needs the database name, like `@map(\"created_at\")`",
                ));
            }
        }
        ("ignore", _) => {}
        ("updatedAt", _) => {
            let f = &mut info.fields[idx];
            if !matches!(f.kind, FieldKind::Scalar(Scalar::DateTime)) || f.is_list() {
                diags.push(Diagnostic::error(
                    "invalid-updated-at",
                    attr.span,
                    "`@updatedAt` can only be used on `DateTime` fields (not lists)",
                ));
            } else {
                info.columns[idx].client_default = Some(ClientDefault::UpdatedAt);
            }
        }
        ("id", _) => {
            let sort = sort_arg(&mut args, diags);
            let map = map_arg(&mut args, "primary key", diags);
            reject_other_databases(&mut args, diags);
            let f = &info.fields[idx];
            if !f.is_required() {
                diags.push(Diagnostic::error(
                    "optional-id",
                    attr.span,
                    format!("`@id` field `{}` must be required: remove the `?`", f.name()),
                ));
            } else if f.is_list() {
                diags.push(Diagnostic::error("list-id", attr.span, "a list field cannot be an `@id`"));
            } else if info.id.is_some() {
                diags.push(Diagnostic::error(
                    "multiple-ids",
                    attr.span,
                    format!("model `{}` already has an `@id`; a compound key is written `@@id([a, b])`", info.name),
                ));
            } else {
                info.id = Some(KeyDef {
                    fields: vec![(idx, sort, None)],
                    map,
                    method: IndexMethod::BTree,
                    predicate: None,
                    span: attr.span,
                    on_field: true,
                });
            }
        }
        ("unique", _) => {
            let sort = sort_arg(&mut args, diags);
            let map = map_arg(&mut args, "unique constraint", diags);
            let predicate = where_arg(&mut args, diags);
            reject_other_databases(&mut args, diags);
            info.uniques.push(KeyDef {
                fields: vec![(idx, sort, None)],
                map,
                method: IndexMethod::BTree,
                predicate,
                span: attr.span,
                on_field: true,
            });
        }
        ("default", _) => {
            let f = &info.fields[idx];
            let target = match &f.kind {
                FieldKind::Scalar(s) => DefaultTarget::Scalar(*s, &info.columns[idx].ty),
                FieldKind::Enum(e) => {
                    let info: &EnumInfo = &decls.enums[e];
                    DefaultTarget::Enum(e, &info.values)
                }
                FieldKind::Unsupported(_) => DefaultTarget::Unsupported,
                FieldKind::Relation(_) => return,
            };
            let list = f.is_list();
            if let Some(v) = default_value(args, target, list, diags) {
                let c = &mut info.columns[idx];
                c.default = v.column;
                c.client_default = v.client.or(c.client_default);
                c.autoincrement = v.autoincrement;
            }
            return;
        }
        ("relation", _) => {
            if !info.fields[idx].is_relation() {
                diags.push(Diagnostic::error(
                    "relation-on-scalar",
                    attr.span,
                    format!(
                        "`@relation` can only be used on a field whose type is a model; `{}` is not one",
                        info.fields[idx].name()
                    ),
                ));
                return;
            }
            info.fields[idx].relation = Some(Box::new(relation_args(&mut args, attr.span, diags)));
        }
        ("check", _) => {
            let (expr, map) = check_args(&mut args, diags);
            if let Some(expr) = expr {
                let column = info.fields[idx].column.to_string();
                // Resolved once all @map names are known (see `resolve_checks`).
                info.checks.push(CheckDef {
                    expression: expr.value.to_string(),
                    literal: expr.raw.to_string(),
                    columns: Vec::new(),
                    map,
                    field_column: Some(column),
                    span: expr.span,
                });
            }
        }
        // Native type arguments are positional numbers, read by `native_type` itself.
        (_, Some((source, native_name))) => {
            if source != decls.datasource.name {
                diags.push(Diagnostic::error(
                    "unknown-attribute",
                    attr.name.span,
                    format!(
                        "`@{name}`: native types are written with the datasource's name, `@{}.{native_name}`",
                        decls.datasource.name
                    ),
                ));
                return;
            }
            let f = &info.fields[idx];
            match &f.kind {
                FieldKind::Scalar(s) => {
                    if let Some(t) = native_type(attr, native_name, *s, diags) {
                        info.columns[idx].ty = t;
                    }
                }
                _ => diags.push(Diagnostic::error(
                    "native-type-mismatch",
                    attr.span,
                    format!("native types apply to scalar fields; `{}` is not one", f.name()),
                )),
            }
            return;
        }
        _ => {
            let mut d =
                Diagnostic::error("unknown-attribute", attr.name.span, format!("unknown field attribute `@{name}`"));
            if let Some(s) = closest(name, FIELD_ATTRIBUTES.iter().copied()) {
                d = d.with_help(format!("did you mean `@{s}`?"));
            } else if name.starts_with('@') {
                d = d.with_help("block attributes like `@@index` go on their own line");
            }
            diags.push(d);
            return;
        }
    }
    args.finish(diags);
}

fn check_args<'a>(
    args: &mut Args<'a>,
    diags: &mut Vec<Diagnostic>,
) -> (Option<&'a crate::ast::StringLit<'a>>, Option<String>) {
    let map = map_arg(args, "check constraint", diags);
    let expr = match args.named_or_positional("expression") {
        Some(Expr::String(s)) => Some(&**s),
        Some(other) => {
            diags.push(Diagnostic::error(
                "argument-type",
                other.span(),
                "a CHECK expression is a string of SQL, like `@check(\"price > 0\")`",
            ));
            None
        }
        None => {
            diags.push(Diagnostic::error(
                "invalid-check",
                args.span(),
                format!("`{}` needs an SQL expression, like `(\"price > 0\")`", args.display_name()),
            ));
            None
        }
    };
    (expr, map)
}

fn sort_arg(args: &mut Args<'_>, diags: &mut Vec<Diagnostic>) -> SortOrder {
    match args.named("sort").and_then(|e| expect_constant(e, "`sort`", diags)) {
        Some("Desc") => SortOrder::Desc,
        Some("Asc") | None => SortOrder::Asc,
        Some(other) => {
            diags.push(Diagnostic::error(
                "invalid-sort",
                args.span(),
                format!("unknown sort order `{other}`: use `Asc` or `Desc`"),
            ));
            SortOrder::Asc
        }
    }
}

fn map_arg(args: &mut Args<'_>, what: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let e = args.named("map")?;
    let v = expect_string(e, "`map`", diags)?;
    if v.is_empty() {
        diags.push(Diagnostic::error("invalid-map", e.span(), "`map` cannot be empty"));
        return None;
    }
    check_identifier_length(v, e.span(), what, diags);
    Some(v.to_string())
}

/// `where: raw("...")`: a partial index (refract's extension).
fn where_arg(args: &mut Args<'_>, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let e = args.named("where")?;
    match e {
        Expr::Function(f) if f.name.name == "raw" => match &*f.arguments.items {
            [a] if a.name.is_none() => expect_string(&a.value, "the predicate", diags).map(str::to_string),
            _ => {
                diags.push(Diagnostic::error("argument-type", e.span(), "`where` takes `raw(\"SQL predicate\")`"));
                None
            }
        },
        _ => {
            diags.push(Diagnostic::error(
                "argument-type",
                e.span(),
                "`where` takes `raw(\"SQL predicate\")`, for example `where: raw(\"deleted_at IS NULL\")`",
            ));
            None
        }
    }
}

/// Arguments that only mean something on other databases.
fn reject_other_databases(args: &mut Args<'_>, diags: &mut Vec<Diagnostic>) {
    for (arg, db) in [("length", "MySQL"), ("clustered", "SQL Server")] {
        if let Some(e) = args.named(arg) {
            diags.push(Diagnostic::error(
                "unsupported-argument",
                e.span(),
                format!("`{arg}:` is only supported on {db}, not PostgreSQL"),
            ));
        }
    }
}

fn relation_args<'a>(args: &mut Args<'a>, span: Span, diags: &mut Vec<Diagnostic>) -> RelationArgs<'a> {
    let mut r = RelationArgs { span: Some(span), ..RelationArgs::default() };
    r.name =
        args.named_or_positional("name").and_then(|e| expect_string(e, "the relation name", diags)).map(str::to_string);
    let field_list = |e: &'a Expr<'a>, what: &str, diags: &mut Vec<Diagnostic>| -> Option<Vec<(&'a str, Span)>> {
        let items = expect_list(e, what, diags)?;
        let mut out = Vec::new();
        for item in items {
            match item {
                Expr::Constant(c, s) => out.push((*c, *s)),
                other => {
                    diags.push(Diagnostic::error(
                        "argument-type",
                        other.span(),
                        format!("{what} lists field names, found {}", other.describe()),
                    ));
                    return None;
                }
            }
        }
        Some(out)
    };
    r.fields = args.named("fields").and_then(|e| field_list(e, "`fields`", diags));
    r.references = args.named("references").and_then(|e| field_list(e, "`references`", diags));
    r.on_delete = args.named("onDelete").and_then(|e| referential_action(e, diags));
    r.on_update = args.named("onUpdate").and_then(|e| referential_action(e, diags));
    r.map = map_arg(args, "foreign key", diags);
    r
}

fn referential_action(e: &Expr<'_>, diags: &mut Vec<Diagnostic>) -> Option<ReferentialAction> {
    let c = expect_constant(e, "a referential action", diags)?;
    Some(match c {
        "Cascade" => ReferentialAction::Cascade,
        "Restrict" => ReferentialAction::Restrict,
        "NoAction" => ReferentialAction::NoAction,
        "SetNull" => ReferentialAction::SetNull,
        "SetDefault" => ReferentialAction::SetDefault,
        other => {
            diags.push(
                Diagnostic::error(
                    "invalid-referential-action",
                    e.span(),
                    format!("unknown referential action `{other}`"),
                )
                .with_help("use Cascade, Restrict, NoAction, SetNull or SetDefault"),
            );
            return None;
        }
    })
}

const BLOCK_ATTRIBUTES: &[&str] = &["id", "unique", "index", "map", "ignore", "schema", "check"];

fn block_attribute<'a>(
    info: &mut ModelInfo<'a>,
    attr: &'a Attribute<'a>,
    decls: &Decls<'a>,
    diags: &mut Vec<Diagnostic>,
) {
    let name = attr.name.name;
    let mut args = Args::new(attr, "@@");
    match name {
        "map" => {
            if let Some(v) = args.named_or_positional("name").and_then(|e| expect_string(e, "`@@map`", diags)) {
                info.table = v.to_string();
            }
        }
        "ignore" => info.ignored = true,
        "schema" => {
            if let Some(v) = args.named_or_positional("name").and_then(|e| expect_string(e, "`@@schema`", diags)) {
                if !decls.datasource.schemas.iter().any(|s| s == v) {
                    diags.push(
                        Diagnostic::error(
                            "unknown-schema",
                            attr.span,
                            format!("schema `{v}` is not listed in the datasource"),
                        )
                        .with_help(format!("add it to `schemas = [...]` in datasource `{}`", decls.datasource.name)),
                    );
                }
                info.namespace = Some(v.to_string());
            }
        }
        "id" | "unique" | "index" => {
            let fields = args.named_or_positional("fields");
            // For @@id and @@unique, `name:` is the client's name for the compound key; for @@index it
            // is the legacy spelling of `map:`.
            let client_name = args.named("name");
            let mut map = map_arg(
                &mut args,
                if name == "index" {
                    "index"
                } else if name == "id" {
                    "primary key"
                } else {
                    "unique constraint"
                },
                diags,
            );
            if name == "index"
                && let Some(n) = client_name.and_then(|e| expect_string(e, "`name`", diags))
            {
                if map.is_some() {
                    diags.push(
                        Diagnostic::error(
                            "duplicate-argument",
                            attr.span,
                            "`@@index` takes `name` as a legacy alias of `map`, not both",
                        )
                        .with_help("keep only `map:`"),
                    );
                }
                check_identifier_length(n, attr.span, "index", diags);
                map = map.or(Some(n.to_string()));
            }
            let method = if name == "index" { index_method(&mut args, diags) } else { IndexMethod::BTree };
            let predicate = if name == "id" { None } else { where_arg(&mut args, diags) };
            reject_other_databases(&mut args, diags);
            let Some(fields) = fields else {
                diags.push(Diagnostic::error(
                    "missing-fields",
                    attr.span,
                    format!("`@@{name}` needs a list of fields, like `@@{name}([a, b])`"),
                ));
                return;
            };
            let Some(columns) = key_fields(info, fields, &format!("@@{name}"), diags) else {
                args.finish(diags);
                return;
            };
            let def = KeyDef { fields: columns, map, method, predicate, span: attr.span, on_field: false };
            match name {
                "id" => {
                    if let Some((i, ..)) = def.fields.iter().find(|(i, ..)| !info.fields[*i].is_required()) {
                        diags.push(Diagnostic::error(
                            "optional-id",
                            attr.span,
                            format!("`@@id` field `{}` must be required", info.fields[*i].name()),
                        ));
                    } else if info.id.is_some() {
                        diags.push(Diagnostic::error(
                            "multiple-ids",
                            attr.span,
                            format!("model `{}` has both `@id` and `@@id`; use one", info.name),
                        ));
                    } else {
                        info.id = Some(def);
                    }
                }
                "unique" => info.uniques.push(def),
                _ => info.indexes.push(def),
            }
        }
        "check" => {
            let (expr, map) = check_args(&mut args, diags);
            if let Some(expr) = expr {
                info.checks.push(CheckDef {
                    expression: expr.value.to_string(),
                    literal: expr.raw.to_string(),
                    columns: Vec::new(),
                    map,
                    field_column: None,
                    span: expr.span,
                });
            }
        }
        "fulltext" => {
            diags.push(
                Diagnostic::error(
                    "unsupported-attribute",
                    attr.name.span,
                    "`@@fulltext` is not supported on PostgreSQL",
                )
                .with_help("use `@@index([...], type: Gin)` with an operator class instead"),
            );
            return;
        }
        _ => {
            let mut d =
                Diagnostic::error("unknown-attribute", attr.name.span, format!("unknown block attribute `@@{name}`"));
            if let Some(s) = closest(name, BLOCK_ATTRIBUTES.iter().copied()) {
                d = d.with_help(format!("did you mean `@@{s}`?"));
            }
            diags.push(d);
            return;
        }
    }
    args.finish(diags);
}

fn index_method(args: &mut Args<'_>, diags: &mut Vec<Diagnostic>) -> IndexMethod {
    match args.named("type").and_then(|e| expect_constant(e, "`type`", diags)) {
        None | Some("BTree") => IndexMethod::BTree,
        Some("Hash") => IndexMethod::Hash,
        Some("Gist") => IndexMethod::Gist,
        Some("Gin") => IndexMethod::Gin,
        Some("SpGist") => IndexMethod::SpGist,
        Some("Brin") => IndexMethod::Brin,
        Some(other) => {
            diags.push(
                Diagnostic::error("invalid-index-type", args.span(), format!("unknown index type `{other}`"))
                    .with_help("use BTree, Hash, Gist, Gin, SpGist or Brin"),
            );
            IndexMethod::BTree
        }
    }
}

/// `[a, b(sort: Desc), c(ops: raw("text_pattern_ops"))]`, resolved to field positions.
fn key_fields(
    info: &ModelInfo<'_>,
    list: &Expr<'_>,
    attr: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<(usize, SortOrder, Option<String>)>> {
    let items = expect_list(list, "the fields", diags)?;
    if items.is_empty() {
        diags.push(Diagnostic::error("missing-fields", list.span(), format!("`{attr}` needs at least one field")));
        return None;
    }
    let mut out: Vec<(usize, SortOrder, Option<String>)> = Vec::new();
    let mut ok = true;
    for item in items {
        let (name, span, fargs) = match item {
            Expr::Constant(c, s) => (*c, *s, None),
            Expr::Function(f) => (f.name.name, f.name.span, Some(&f.arguments)),
            other => {
                diags.push(Diagnostic::error(
                    "argument-type",
                    other.span(),
                    format!("`{attr}` lists field names, found {}", other.describe()),
                ));
                ok = false;
                continue;
            }
        };
        let Some((idx, field)) = info.field(name) else {
            let mut d = Diagnostic::error(
                "unknown-field",
                span,
                format!("`{attr}` refers to `{name}`, which is not a field of model `{}`", info.name),
            );
            if let Some(s) = closest(name, info.fields.iter().map(|f| f.name())) {
                d = d.with_help(format!("did you mean `{s}`?"));
            }
            diags.push(d);
            ok = false;
            continue;
        };
        if field.is_relation() {
            diags.push(Diagnostic::error(
                "relation-field-in-index",
                span,
                format!("`{name}` is a relation field; `{attr}` must list the scalar fields that hold the key"),
            ));
            ok = false;
            continue;
        }
        let mut sort = SortOrder::Asc;
        let mut ops = None;
        if let Some(fargs) = fargs {
            for a in &fargs.items {
                match a.name.as_ref().map(|n| n.name) {
                    Some("sort") => match &a.value {
                        Expr::Constant(c, _) if *c == "Desc" => sort = SortOrder::Desc,
                        Expr::Constant(c, _) if *c == "Asc" => {}
                        other => {
                            diags.push(Diagnostic::error("invalid-sort", other.span(), "`sort` is `Asc` or `Desc`"));
                            ok = false;
                        }
                    },
                    Some("ops") => match &a.value {
                        Expr::Function(f) if f.name.name == "raw" && f.arguments.items.len() == 1 => match &f
                            .arguments
                            .items[0]
                            .value
                        {
                            Expr::String(s) => ops = Some(s.value.to_string()),
                            other => {
                                diags.push(Diagnostic::error("argument-type", other.span(), "`raw` takes a string"));
                                ok = false;
                            }
                        },
                        // Prisma's named operator classes: `JsonbPathOps` is `jsonb_path_ops`.
                        Expr::Constant(c, _) => ops = Some(snake_case(c)),
                        other => {
                            diags.push(Diagnostic::error(
                                "argument-type",
                                other.span(),
                                "`ops` is an operator class like `JsonbPathOps` or `raw(\"text_pattern_ops\")`",
                            ));
                            ok = false;
                        }
                    },
                    Some("length") => {
                        diags.push(Diagnostic::error(
                            "unsupported-argument",
                            a.span,
                            "`length:` is only supported on MySQL, not PostgreSQL",
                        ));
                        ok = false;
                    }
                    _ => {
                        diags.push(Diagnostic::error(
                            "unknown-argument",
                            a.span,
                            "a field in an index takes `sort:` and `ops:`",
                        ));
                        ok = false;
                    }
                }
            }
        }
        if out.iter().any(|(i, ..)| *i == idx) {
            diags.push(Diagnostic::error("duplicate-field", span, format!("`{name}` is listed twice in `{attr}`")));
            ok = false;
            continue;
        }
        out.push((idx, sort, ops));
    }
    ok.then_some(out)
}

fn snake_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    for (i, c) in s.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Resolve `@check`/`@@check` expressions now that every field's column name is known.
pub(crate) fn resolve_checks(info: &mut ModelInfo<'_>, diags: &mut Vec<Diagnostic>) {
    use super::check::{CheckColumn, rewrite};
    if info.checks.is_empty() {
        return;
    }
    let columns: Vec<CheckColumn<'_>> = info
        .fields
        .iter()
        .filter(|f| !f.is_relation())
        .map(|f| CheckColumn { field: f.name(), column: &f.column })
        .collect();
    let mut resolved = Vec::new();
    for mut check in std::mem::take(&mut info.checks) {
        if let Some(r) = rewrite(&check.expression, &check.literal, check.span.start(), info.name, &columns, diags) {
            check.expression = r.expression;
            check.columns = r.columns;
            resolved.push(check);
        }
    }
    info.checks = resolved;
}

pub(crate) fn index_column(info: &ModelInfo<'_>, (idx, sort, ops): &(usize, SortOrder, Option<String>)) -> IndexColumn {
    IndexColumn { name: info.fields[*idx].column.to_string(), sort: *sort, ops: ops.clone() }
}
