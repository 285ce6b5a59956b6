//! The connection settings of a schema's `datasource` block (`url`, `directUrl`, `shadowDatabaseUrl`),
//! read without validating the rest of the schema: commands that only talk to a database (deploy,
//! status, resolve) need the URL, not the IR.

use refract_diagnostics::{SourceSet, Span};

use crate::ast::{BlockKind, Expr, Member, SchemaAst, TopItem};
use crate::{parse, parse_files};

/// How a datasource gives one URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlSetting {
    /// `url = "postgresql://..."`
    Literal(String),
    /// `url = env("DATABASE_URL")`: the variable's name.
    Env(String),
}

/// One `key = value` line of the datasource, with where it is, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlProperty {
    pub setting: UrlSetting,
    /// The value (`env("X")` or the string), so a message can point at it.
    pub span: Span,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DatasourceUrls {
    /// The datasource block's name (`db`), for messages.
    pub name: Option<String>,
    /// Where the block is (in a folder schema, which file holds it).
    pub block: Option<Span>,
    pub url: Option<UrlProperty>,
    /// Prisma Migrate connects with this one when it is set (it bypasses connection poolers).
    pub direct_url: Option<UrlProperty>,
    pub shadow_database_url: Option<UrlProperty>,
}

/// The URLs the first datasource block gives. A value that is neither a string nor `env("...")` is
/// left out here; validation reports it.
pub fn datasource_urls(text: &str) -> DatasourceUrls {
    urls_of(&parse(text).ast)
}

/// [`datasource_urls`] of a schema made of several files (a folder): the first datasource block of
/// any of them; spans point into [`SourceSet::text`].
pub fn datasource_urls_in(sources: &SourceSet) -> DatasourceUrls {
    urls_of(&parse_files(sources.text(), sources.starts()).ast)
}

fn urls_of(ast: &SchemaAst<'_>) -> DatasourceUrls {
    let mut out = DatasourceUrls::default();
    let Some(block) = ast.items.iter().find_map(|item| match item {
        TopItem::Block(b) if b.kind == BlockKind::Datasource => Some(b),
        _ => None,
    }) else {
        return out;
    };
    out.name = Some(block.name.name.to_string());
    out.block = Some(block.span);
    for member in &block.members {
        let Member::Property(p) = member else { continue };
        let setting = match &p.value {
            Expr::String(s) => UrlSetting::Literal(s.value.to_string()),
            Expr::Function(f) if f.name.name == "env" => match &*f.arguments.items {
                [arg] if arg.name.is_none() => match &arg.value {
                    Expr::String(s) => UrlSetting::Env(s.value.to_string()),
                    _ => continue,
                },
                _ => continue,
            },
            _ => continue,
        };
        let property = Some(UrlProperty { setting, span: p.value.span() });
        match p.name.name {
            "url" => out.url = property,
            "directUrl" => out.direct_url = property,
            "shadowDatabaseUrl" => out.shadow_database_url = property,
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_literals_and_env_calls() {
        let text = "datasource main {\n  provider = \"postgresql\"\n  url = env(\"POSTGRES_PRISMA_URL\")\n  directUrl = \"postgres://direct/db\"\n}\nmodel A { id Int @id }\n";
        let urls = datasource_urls(text);
        assert_eq!(urls.name.as_deref(), Some("main"));
        let url = urls.url.unwrap();
        assert_eq!(url.setting, UrlSetting::Env("POSTGRES_PRISMA_URL".into()));
        assert_eq!(&text[url.span.range()], "env(\"POSTGRES_PRISMA_URL\")");
        assert_eq!(urls.direct_url.unwrap().setting, UrlSetting::Literal("postgres://direct/db".into()));
        assert!(urls.shadow_database_url.is_none());
    }

    #[test]
    fn a_schema_without_datasource_gives_nothing() {
        assert_eq!(datasource_urls("model A { id Int @id }"), DatasourceUrls::default());
        let open = datasource_urls("datasource db {");
        assert_eq!(open, DatasourceUrls { name: Some("db".into()), block: open.block, ..Default::default() });
    }

    #[test]
    fn reads_the_datasource_of_whichever_file_holds_it() {
        use refract_diagnostics::{SourceFile, Sources};
        let sources = SourceSet::new(
            "prisma/schema",
            vec![
                SourceFile::new("prisma/schema/a.prisma", "model A { id Int @id }\n"),
                SourceFile::new(
                    "prisma/schema/b.prisma",
                    "datasource db {\n  provider = \"postgresql\"\n  url = env(\"B_URL\")\n}\n",
                ),
            ],
        );
        let urls = datasource_urls_in(&sources);
        assert_eq!(urls.url.as_ref().unwrap().setting, UrlSetting::Env("B_URL".into()));
        assert_eq!(sources.index_at(urls.block.unwrap().start()), 1);
        let (file, at) = sources.position(urls.url.unwrap().span.start());
        assert_eq!((file, at.line, at.column), ("prisma/schema/b.prisma", 3, 9));
    }
}
