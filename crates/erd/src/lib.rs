//! Pictures of a schema: an entity-relationship [`Diagram`] read from the IR, written as Mermaid
//! (`erDiagram`, which GitHub renders in Markdown), Graphviz dot, an SVG laid out in-process, or one
//! self-contained HTML page (the SVG with a search box and each model's fields on click).
//!
//! Pure: no database and no file system. The CLI reads and validates the schema and passes its IR; what
//! comes back is text.

mod dot;
mod html;
mod mermaid;
mod svg;

use std::collections::{BTreeSet, HashMap, VecDeque};

use refract_ir::{ColumnType, RelationKind, Schema, Table};

pub use svg::{Layout, layout};

/// The output formats of `refract erd`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Mermaid,
    Dot,
    Svg,
    Html,
}

/// What a rendering can fail on: a name the user gave that the schema does not have, or a layout the
/// layout library gave up on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// An entity-relationship picture of a schema: its models and views, the relations between them and
/// its enums, in schema order.
#[derive(Debug, Clone, Default)]
pub struct Diagram {
    pub entities: Vec<Entity>,
    pub relations: Vec<Relation>,
    pub enums: Vec<EnumInfo>,
}

/// A model (or view): its schema name, table and fields.
#[derive(Debug, Clone)]
pub struct Entity {
    /// The model's name in the schema (`User`).
    pub name: String,
    /// The table's (or view's) database name.
    pub table: String,
    /// Its `@@schema`, when the schema uses several.
    pub namespace: Option<String>,
    pub view: bool,
    pub fields: Vec<Field>,
    pub comment: Option<String>,
}

/// A scalar field (a column).
#[derive(Debug, Clone)]
pub struct Field {
    /// The field's name in the schema.
    pub name: String,
    /// The column's database name (differs with `@map`).
    pub column: String,
    /// The Prisma type (`String`, `Int`, an enum's name), without `?` or `[]`.
    pub ty: String,
    /// The column's SQL type (`VARCHAR(255)`).
    pub sql: String,
    pub array: bool,
    pub nullable: bool,
    pub primary: bool,
    pub foreign: bool,
    pub unique: bool,
}

/// How many rows one end of a relation holds for a row at the other end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cardinality {
    ExactlyOne,
    ZeroOrOne,
    ZeroOrMore,
}

/// A relation between two entities (indexes into [`Diagram::entities`]). `child` holds the foreign key
/// (or, for many-to-many, is the join table's `B` side); `parent` is referenced.
#[derive(Debug, Clone)]
pub struct Relation {
    pub parent: usize,
    pub child: usize,
    /// How many parents a child row has.
    pub parent_cardinality: Cardinality,
    /// How many children a parent row has.
    pub child_cardinality: Cardinality,
    /// The relation field on the parent (`posts`), when the schema declares it there.
    pub parent_field: Option<String>,
    /// The relation field on the child (`author`).
    pub child_field: Option<String>,
    /// The foreign key's columns on the child (empty for many-to-many).
    pub columns: Vec<String>,
    /// An implicit many-to-many relation: Prisma's join table (`_PostToTag`).
    pub join_table: Option<String>,
}

impl Relation {
    pub fn many_to_many(&self) -> bool {
        self.join_table.is_some()
    }

    /// The relation's name for people: its fields, the parent's first (`posts / author`).
    pub fn label(&self) -> String {
        match (&self.child_field, &self.parent_field) {
            (Some(c), Some(p)) => format!("{p} / {c}"),
            (Some(f), None) | (None, Some(f)) => f.clone(),
            (None, None) => String::new(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct EnumInfo {
    /// The enum's name in the schema.
    pub name: String,
    pub namespace: Option<String>,
    pub values: Vec<String>,
}

impl Diagram {
    /// The diagram of a validated schema: every model and view (implicit many-to-many join tables are
    /// relations, not entities), every relation once, every enum.
    pub fn from_schema(schema: &Schema) -> Diagram {
        let enum_names: HashMap<&str, &str> =
            schema.enums.values().map(|e| (e.name.as_str(), e.schema_name.as_str())).collect();
        let mut diagram = Diagram::default();
        let mut index: HashMap<&str, usize> = HashMap::new();
        let sources =
            schema.tables.iter().map(|(k, t)| (k, t, false)).chain(schema.views.iter().map(|(k, t)| (k, t, true)));
        let mut tables: Vec<&Table> = Vec::new();
        for (key, table, view) in sources {
            let Some(model) = &table.model else { continue };
            index.insert(key.as_str(), diagram.entities.len());
            tables.push(table);
            diagram.entities.push(Entity {
                name: model.clone(),
                table: table.name.clone(),
                namespace: table.namespace.clone(),
                view,
                fields: fields(table, &enum_names),
                comment: table.comment.clone(),
            });
        }
        for (child, table) in tables.iter().enumerate() {
            for relation in &table.relations {
                let Some(&other) = index.get(relation.target.as_str()) else { continue };
                match &relation.kind {
                    RelationKind::Holds { columns, referenced } => {
                        let nullable = columns.iter().any(|c| table.columns.get(c).is_none_or(|c| c.nullable));
                        let unique = is_unique(table, columns);
                        // The opposite field: the target's field held by these columns of this table.
                        let parent_field = tables[other].relations.iter().find_map(|r| match &r.kind {
                            RelationKind::HeldBy { columns: c, referenced: rf, .. }
                                if index.get(r.target.as_str()) == Some(&child) && c == columns && rf == referenced =>
                            {
                                Some(r.field.clone())
                            }
                            _ => None,
                        });
                        diagram.relations.push(Relation {
                            parent: other,
                            child,
                            parent_cardinality: if nullable { Cardinality::ZeroOrOne } else { Cardinality::ExactlyOne },
                            child_cardinality: if unique { Cardinality::ZeroOrOne } else { Cardinality::ZeroOrMore },
                            parent_field,
                            child_field: Some(relation.field.clone()),
                            columns: columns.clone(),
                            join_table: None,
                        });
                    }
                    // The A side names the relation once; its opposite is the B side's field.
                    RelationKind::ManyToMany { join, own, .. } if own == "A" => {
                        let opposite = tables[other].relations.iter().find_map(|r| match &r.kind {
                            RelationKind::ManyToMany { join: j, own: o, .. } if j == join && o == "B" => {
                                Some(r.field.clone())
                            }
                            _ => None,
                        });
                        let join_name = schema.tables.get(join).map_or(join.clone(), |t| t.name.clone());
                        diagram.relations.push(Relation {
                            parent: child,
                            child: other,
                            parent_cardinality: Cardinality::ZeroOrMore,
                            child_cardinality: Cardinality::ZeroOrMore,
                            parent_field: Some(relation.field.clone()),
                            child_field: opposite,
                            columns: Vec::new(),
                            join_table: Some(join_name),
                        });
                    }
                    _ => {}
                }
            }
        }
        diagram.enums = schema
            .enums
            .values()
            .map(|e| EnumInfo {
                name: e.schema_name.clone(),
                namespace: e.namespace.clone(),
                values: e.values.iter().map(|v| v.schema_name.clone()).collect(),
            })
            .collect();
        diagram
    }

    /// The entity named `name` (a model's name; else, ignoring case, a model's or a table's).
    pub fn find(&self, name: &str) -> Result<usize, Error> {
        if let Some(i) = self.entities.iter().position(|e| e.name == name) {
            return Ok(i);
        }
        if let Some(i) =
            self.entities.iter().position(|e| e.name.eq_ignore_ascii_case(name) || e.table.eq_ignore_ascii_case(name))
        {
            return Ok(i);
        }
        let mut near: Vec<(f64, &str)> = self
            .entities
            .iter()
            .map(|e| (strsim::jaro_winkler(&e.name.to_lowercase(), &name.to_lowercase()), e.name.as_str()))
            .filter(|(score, _)| *score > 0.7)
            .collect();
        near.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut message = format!("the schema has no model named `{name}`");
        if near.is_empty() {
            let some: Vec<&str> = self.entities.iter().take(8).map(|e| e.name.as_str()).collect();
            if !some.is_empty() {
                let more = if self.entities.len() > some.len() { ", ..." } else { "" };
                message.push_str(&format!(" (its models: {}{more})", some.join(", ")));
            }
        } else {
            let names: Vec<&str> = near.iter().take(5).map(|(_, n)| *n).collect();
            message.push_str(&format!("; did you mean {}?", names.join(", ")));
        }
        Err(Error(message))
    }

    /// The part of the diagram within `depth` relations of the model `name` (depth 0: the model alone).
    /// Enums the kept models use are kept.
    pub fn around(&self, name: &str, depth: usize) -> Result<Diagram, Error> {
        let start = self.find(name)?;
        let mut distance = vec![usize::MAX; self.entities.len()];
        distance[start] = 0;
        let mut queue = VecDeque::from([start]);
        while let Some(at) = queue.pop_front() {
            if distance[at] == depth {
                continue;
            }
            for r in &self.relations {
                let next = if r.parent == at {
                    r.child
                } else if r.child == at {
                    r.parent
                } else {
                    continue;
                };
                if distance[next] == usize::MAX {
                    distance[next] = distance[at] + 1;
                    queue.push_back(next);
                }
            }
        }
        let keep: BTreeSet<usize> = (0..self.entities.len()).filter(|&i| distance[i] != usize::MAX).collect();
        Ok(self.only(&keep))
    }

    /// The diagram of the entities whose table (database name) is in `tables`, with the relations
    /// between them and the enums they use.
    pub fn of_tables<'a>(&self, tables: impl IntoIterator<Item = &'a str>) -> Diagram {
        let tables: BTreeSet<&str> = tables.into_iter().collect();
        let keep: BTreeSet<usize> =
            (0..self.entities.len()).filter(|&i| tables.contains(self.entities[i].table.as_str())).collect();
        self.only(&keep)
    }

    fn only(&self, keep: &BTreeSet<usize>) -> Diagram {
        let mut renumber = HashMap::new();
        let mut diagram = Diagram::default();
        for &i in keep {
            renumber.insert(i, diagram.entities.len());
            diagram.entities.push(self.entities[i].clone());
        }
        for r in &self.relations {
            if let (Some(&parent), Some(&child)) = (renumber.get(&r.parent), renumber.get(&r.child)) {
                diagram.relations.push(Relation { parent, child, ..r.clone() });
            }
        }
        let used: BTreeSet<&str> =
            diagram.entities.iter().flat_map(|e| e.fields.iter().map(|f| f.ty.as_str())).collect();
        diagram.enums = self.enums.iter().filter(|e| used.contains(e.name.as_str())).cloned().collect();
        diagram
    }

    /// The namespaces the entities are in, in order of first appearance (`None`: no `@@schema`).
    pub fn namespaces(&self) -> Vec<Option<&str>> {
        let mut seen: Vec<Option<&str>> = Vec::new();
        for e in &self.entities {
            let ns = e.namespace.as_deref();
            if !seen.contains(&ns) {
                seen.push(ns);
            }
        }
        seen
    }

    /// For each entity, the entities one relation away.
    pub fn neighbours(&self) -> Vec<BTreeSet<usize>> {
        let mut out = vec![BTreeSet::new(); self.entities.len()];
        for r in &self.relations {
            out[r.parent].insert(r.child);
            out[r.child].insert(r.parent);
        }
        out
    }

    /// The diagram written in `format`.
    pub fn render(&self, format: Format) -> Result<String, Error> {
        Ok(match format {
            Format::Mermaid => mermaid::render(self),
            Format::Dot => dot::render(self),
            Format::Svg => svg::render(&svg::layout(self)?),
            Format::Html => html::render(self, &svg::layout(self)?),
        })
    }
}

fn is_unique(table: &Table, columns: &[String]) -> bool {
    let same = |cols: &mut dyn Iterator<Item = &str>| {
        let mut cols: Vec<&str> = cols.collect();
        let mut want: Vec<&str> = columns.iter().map(String::as_str).collect();
        cols.sort_unstable();
        want.sort_unstable();
        cols == want
    };
    table.primary_key.as_ref().is_some_and(|pk| same(&mut pk.columns.iter().map(|c| c.name.as_str())))
        || table
            .indexes
            .iter()
            .any(|i| i.unique && i.predicate.is_none() && same(&mut i.columns.iter().map(|c| c.name.as_str())))
}

fn fields(table: &Table, enums: &HashMap<&str, &str>) -> Vec<Field> {
    let pk: BTreeSet<&str> =
        table.primary_key.iter().flat_map(|pk| pk.columns.iter().map(|c| c.name.as_str())).collect();
    let foreign: BTreeSet<&str> = table
        .foreign_keys
        .iter()
        .flat_map(|fk| fk.columns.iter().map(String::as_str))
        .chain(table.relations.iter().flat_map(|r| match &r.kind {
            RelationKind::Holds { columns, .. } => columns.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        }))
        .collect();
    // A column unique on its own (`@unique`); compound uniques mark no single column.
    let unique: BTreeSet<&str> = table
        .indexes
        .iter()
        .filter(|i| i.unique && i.predicate.is_none() && i.columns.len() == 1)
        .map(|i| i.columns[0].name.as_str())
        .collect();
    table
        .columns
        .values()
        .map(|c| Field {
            name: c.field.clone(),
            column: c.name.clone(),
            ty: prisma_type(&c.ty, enums),
            sql: format!("{}{}", c.ty.sql().replace('"', ""), if c.array { "[]" } else { "" }),
            array: c.array,
            // A list is never NULL in Prisma's model (an empty list is), whatever the column says.
            nullable: c.nullable && !c.array,
            primary: pk.contains(c.name.as_str()),
            foreign: foreign.contains(c.name.as_str()),
            unique: unique.contains(c.name.as_str()),
        })
        .collect()
}

/// The type a schema writes for a column: its Prisma scalar, its enum, or `Unsupported`.
fn prisma_type(ty: &ColumnType, enums: &HashMap<&str, &str>) -> String {
    match ty {
        ColumnType::Enum(name) => {
            let short = name.rsplit('.').next().unwrap_or(name);
            enums.get(name.as_str()).or_else(|| enums.get(short)).map_or(short, |n| n).to_string()
        }
        ty => refract_schema::scalar_type_name(ty).unwrap_or("Unsupported").to_string(),
    }
}

impl Field {
    /// The type as the schema writes it: `String?`, `Int[]`.
    pub fn schema_type(&self) -> String {
        let suffix = if self.array {
            "[]"
        } else if self.nullable {
            "?"
        } else {
            ""
        };
        format!("{}{suffix}", self.ty)
    }

    /// `PK`, `FK`, `UK`, as many as apply, comma-separated (Mermaid's key list).
    pub fn keys(&self) -> Vec<&'static str> {
        let mut keys = Vec::new();
        if self.primary {
            keys.push("PK");
        }
        if self.foreign {
            keys.push("FK");
        }
        if self.unique && !self.primary {
            keys.push("UK");
        }
        keys
    }
}
