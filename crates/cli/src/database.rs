//! Which database a command talks to, found as Prisma finds it:
//!
//! 1. `--database-url` / `--url`;
//! 2. `prisma.config.ts` (or `prisma7.config.ts`): `datasource.directUrl`, else `datasource.url`.
//!    Prisma 7 keeps URLs there and refuses them in the schema; Prisma 6's classic engine lets them
//!    override the schema's. So the config wins over a `url` the schema still carries;
//! 3. the schema's datasource: `directUrl` when it has one (Prisma Migrate connects there, past
//!    PgBouncer, Supavisor or Accelerate), else `url`; each a literal or `env("X")`;
//! 4. refract.toml: `[db] url`;
//! 5. `DATABASE_URL`, when nothing above names a database;
//! 6. the embedded development database, for development commands only.
//!
//! Variables come from the process environment, then `.env` files ([`Environment`]).
//!
//! Architecture invariant: a command that changes or reports on a real database (deploy, status,
//! resolve, check, db execute, db pull) never lands on the embedded database by default. A variable the
//! schema names but the environment lacks is an error there (Prisma's P1012), never a fallback: a
//! silent fallback once let `migrate deploy` apply production migrations to the embedded database and
//! exit 0.

use std::fmt;
use std::path::{Path, PathBuf};

use refract_diagnostics::{Diagnostic, SourceSet, Sources, render_as_message};
use refract_engine::pooler;
use refract_engine::{ConnectionString, DatabaseUrl};
use refract_schema::{DatasourceUrls, UrlProperty, UrlSetting, datasource_urls_in};

use crate::environment::{Environment, Origin};
use crate::prisma_config::{ConfigValue, PrismaConfig};

/// Whether a command may start the embedded development database when no database is configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Embedded {
    /// `migrate dev`, `migrate reset`, `db push`, `db seed`, `cargo xtask migrate`.
    Allowed,
    /// Everything that works on a real database: refuse instead.
    Refused,
}

/// What a command does with the connection: migration commands run DDL and hold a session
/// advisory lock, which a transaction pooler cannot give them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work {
    Migrate,
    Read,
}

/// Where the URL came from, said in the first line every database command prints.
#[derive(Debug, Clone)]
pub enum Source {
    Flag,
    Schema {
        property: &'static str,
        place: String,
        variable: Option<(String, Origin)>,
    },
    PrismaConfig {
        key: &'static str,
        path: PathBuf,
        variable: Option<(String, Origin)>,
        /// The schema datasource's own URL property, which the config's overrides (its place).
        over_schema: Option<(&'static str, String)>,
    },
    RefractToml,
    DatabaseUrl(Origin),
    /// No database configured: the embedded one, and why.
    Embedded {
        why: String,
    },
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let variable = |f: &mut fmt::Formatter<'_>, v: &Option<(String, Origin)>| match v {
            Some((name, Origin::Process)) => write!(f, ", {name} from the environment"),
            Some((name, Origin::DotEnv(file))) => write!(f, ", {name} from {}", file.display()),
            None => Ok(()),
        };
        match self {
            Source::Flag => write!(f, "--database-url"),
            Source::Schema { property, place, variable: v } => {
                write!(f, "`{property}` of the datasource in {place}")?;
                variable(f, v)
            }
            Source::PrismaConfig { key, path, variable: v, over_schema } => {
                write!(f, "`{key}` in {}", path.display())?;
                variable(f, v)?;
                match over_schema {
                    Some((property, place)) => {
                        write!(f, "; the datasource's `{property}` at {place} is not used, as in Prisma 7")
                    }
                    None => Ok(()),
                }
            }
            Source::RefractToml => write!(f, "`[db] url` in refract.toml"),
            Source::DatabaseUrl(Origin::Process) => write!(f, "DATABASE_URL from the environment"),
            Source::DatabaseUrl(Origin::DotEnv(file)) => write!(f, "DATABASE_URL from {}", file.display()),
            Source::Embedded { why } => write!(f, "{why}"),
        }
    }
}

/// A database found, with where it came from.
pub struct Located {
    pub url: DatabaseUrl,
    pub source: Source,
}

impl Located {
    /// The line every database command starts with (stderr, so stdout stays data).
    pub fn announce(&self) {
        match &self.source {
            Source::Embedded { .. } => {
                eprintln!("Database: the embedded development database at {} ({})", self.url.redacted, self.source)
            }
            _ => eprintln!("Database: {}, schema \"{}\" (from {})", self.url.redacted, self.url.namespace, self.source),
        }
    }
}

/// Why no database was found.
#[derive(Debug)]
pub enum NotFound {
    /// Nothing names a database at all.
    NothingConfigured,
    /// The schema or the config names a variable the environment does not have.
    VariableNotSet { message: String },
}

/// What the resolution needs to know about the project.
pub struct Inputs<'a> {
    pub flag: Option<&'a str>,
    /// The schema file, when there is one.
    pub schema: Option<&'a Path>,
    /// The schema's files and its datasource's URLs, read once by the caller (`None` when there is no
    /// schema or it cannot be read): the URL and the shadow lookups each read them.
    pub datasource: Option<&'a (SourceSet, DatasourceUrls)>,
    /// refract.toml's `[db] url`.
    pub toml_url: Option<&'a str>,
    /// prisma.config.ts, when the project has one.
    pub prisma: Option<&'a PrismaConfig>,
}

/// The schema's files and its datasource's URLs, for [`Inputs::datasource`]; `None` when the schema
/// cannot be read (validation says why, not the database lookup). A folder schema (multi-file): the
/// datasource of whichever file holds it.
pub fn read_datasource(schema: &Path) -> Option<(SourceSet, DatasourceUrls)> {
    let sources = refract_schema::read_sources(schema).ok()?;
    let urls = datasource_urls_in(&sources);
    Some((sources, urls))
}

/// The configured database URL (steps 1 to 5), without starting anything.
pub fn configured(inputs: &Inputs<'_>, env: &Environment) -> Result<(String, Source), Result<NotFound, String>> {
    if let Some(url) = inputs.flag {
        return Ok((url.to_string(), Source::Flag));
    }
    let schema_url_property = inputs.datasource.and_then(|(sources, urls)| {
        let (property, setting) = match (&urls.direct_url, &urls.url) {
            (Some(direct), _) => ("directUrl", direct),
            (None, Some(url)) => ("url", url),
            (None, None) => return None,
        };
        Some((sources, property, setting))
    });
    let place = |sources: &SourceSet, setting: &UrlProperty| {
        let (file, at) = sources.position(setting.span.start());
        format!("{file}:{}:{}", at.line, at.column)
    };
    if let Some(config) = inputs.prisma {
        for key in ["datasource.directUrl", "datasource.url"] {
            let Some(value) = config.get(key) else { continue };
            let (url, variable) = config_url(config, key, value, env)?;
            let over_schema =
                schema_url_property.map(|(sources, property, setting)| (property, place(sources, setting)));
            return Ok((url, Source::PrismaConfig { key, path: config.path.clone(), variable, over_schema }));
        }
    }
    if let Some((sources, property, setting)) = schema_url_property {
        let url = schema_url(sources, property, setting, env)?;
        return Ok((url.0, Source::Schema { property, place: place(sources, setting), variable: url.1 }));
    }
    if let Some(url) = inputs.toml_url {
        return Ok((expand(url, env).map_err(Err)?, Source::RefractToml));
    }
    if let Some((url, origin)) = env.get("DATABASE_URL")
        && !url.is_empty()
    {
        return Ok((url, Source::DatabaseUrl(origin)));
    }
    Err(Ok(NotFound::NothingConfigured))
}

/// Prisma's shadow database, when the project names one (as the URL and where it was found):
/// prisma.config.ts's `datasource.shadowDatabaseUrl` (which wins, as its `datasource.url` does), else
/// the schema datasource's `shadowDatabaseUrl`, else refract.toml's `[db] shadow_url`. Without one,
/// comparison databases are scratch databases on the database's own server.
///
/// A setting whose variable is unset or empty is ignored, as Prisma ignores it: teams write
/// `shadowDatabaseUrl = env("SHADOW_DATABASE_URL")` and set the variable only where there is no
/// CREATEDB (CI on a managed server), and everywhere else it means "no shadow database".
pub fn configured_shadow(
    inputs: &Inputs<'_>,
    toml_shadow_url: Option<&str>,
    env: &Environment,
) -> Result<Option<(String, String)>, String> {
    // A variable's value when it is set and not empty; anything else means "no shadow database".
    let value_of = |name: &str| env.get(name).filter(|(value, _)| !value.trim().is_empty());
    if let Some(config) = inputs.prisma
        && let Some(value) = config.get("datasource.shadowDatabaseUrl")
        && !matches!(value, ConfigValue::Env(name) if value_of(name).is_none())
    {
        let key = "datasource.shadowDatabaseUrl";
        let (url, variable) = config_url(config, key, value, env).map_err(|e| match e {
            Ok(NotFound::VariableNotSet { message }) => message,
            Ok(NotFound::NothingConfigured) => "no shadow database URL".to_string(),
            Err(message) => message,
        })?;
        let path = config.path.display();
        let from = match variable {
            Some((name, _)) => format!("{name}, {key} in {path}"),
            None => format!("{key} in {path}"),
        };
        return Ok(Some((url, from)));
    }
    if let Some((sources, urls)) = inputs.datasource
        && let Some(setting) = &urls.shadow_database_url
    {
        let (file, at) = sources.position(setting.span.start());
        let at = format!("{file}:{}:{}", at.line, at.column);
        match &setting.setting {
            UrlSetting::Literal(url) => {
                return Ok(Some((url.clone(), format!("the datasource's shadowDatabaseUrl at {at}"))));
            }
            UrlSetting::Env(name) => {
                if let Some((url, _)) = value_of(name) {
                    return Ok(Some((url, format!("{name}, the datasource's shadowDatabaseUrl at {at}"))));
                }
            }
        }
    }
    match toml_shadow_url {
        Some(url) => Ok(Some((expand(url, env)?, "[db] shadow_url in refract.toml".to_string()))),
        None => Ok(None),
    }
}

type Resolved = (String, Option<(String, Origin)>);

/// A datasource property's URL, or Prisma's P1012 for a variable that is missing or empty.
fn schema_url(
    file: &SourceSet,
    property: &str,
    setting: &UrlProperty,
    env: &Environment,
) -> Result<Resolved, Result<NotFound, String>> {
    let name = match &setting.setting {
        UrlSetting::Literal(url) => return Ok((url.clone(), None)),
        UrlSetting::Env(name) => name,
    };
    let problem = match env.get(name) {
        Some((value, origin)) if !value.trim().is_empty() => return Ok((value, Some((name.clone(), origin)))),
        Some(_) => format!("environment variable `{name}` is empty"),
        None => format!("environment variable not found: `{name}`"),
    };
    let diagnostic = Diagnostic::error("env-not-found", setting.span, format!("{problem} (datasource `{property}`)"))
        .with_help(format!("set {name} to the database's URL (looked in {}), or pass --database-url", env.searched()));
    let message = render_as_message(file, &diagnostic);
    match env.get(name) {
        None => Err(Ok(NotFound::VariableNotSet { message })),
        Some(_) => Err(Err(message)),
    }
}

fn config_url(
    config: &PrismaConfig,
    key: &str,
    value: &ConfigValue,
    env: &Environment,
) -> Result<Resolved, Result<NotFound, String>> {
    let path = config.path.display();
    match value {
        ConfigValue::String(url) => Ok((url.clone(), None)),
        ConfigValue::Env(name) => match env.get(name) {
            Some((value, origin)) if !value.trim().is_empty() => Ok((value, Some((name.clone(), origin)))),
            Some(_) => Err(Err(format!("environment variable `{name}` is empty (`{key}` in {path})"))),
            None => Err(Ok(NotFound::VariableNotSet {
                message: format!(
                    "environment variable not found: `{name}` (`{key}` in {path})\n  help: set {name} (looked in {}), or pass --database-url",
                    env.searched()
                ),
            })),
        },
        ConfigValue::Unreadable(text) => Err(Err(format!(
            "cannot read `{key}` in {path} without running it: `{text}`\n  help: write it as a string, `env(\"VAR\")` or `process.env.VAR`, or set `url` under `[db]` in refract.toml (or pass --database-url)"
        ))),
        ConfigValue::Object(_) => Err(Err(format!("`{key}` in {path} is an object, not a URL"))),
    }
}

/// `${VAR}` and `$VAR` in a refract.toml URL, from the environment.
///
/// Not `shellexpand::env_with_context`: it reads the same two forms, but keeps an unclosed `${` as text
/// (here an error naming refract.toml), takes `${VAR:-default}` and non-ASCII letters in `$NAME`, so a
/// URL would change meaning, for a new dependency in place of these lines. dotenvy expands `${VAR}` only
/// inside the `.env` files it parses (from the process environment and that file's earlier lines), with
/// no function for a string of refract's; `Environment` also holds the other `.env` files.
fn expand(text: &str, env: &Environment) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(dollar) = rest.find('$') {
        out.push_str(&rest[..dollar]);
        let after = &rest[dollar + 1..];
        let (name, skip) = if let Some(inner) = after.strip_prefix('{') {
            let end = inner.find('}').ok_or_else(|| format!("refract.toml `[db] url`: unclosed `${{` in `{text}`"))?;
            (&inner[..end], end + 2)
        } else {
            let end = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
            (&after[..end], end)
        };
        if name.is_empty() {
            out.push('$');
            rest = after;
            continue;
        }
        let (value, _) = env.get(name).ok_or_else(|| {
            format!(
                "environment variable not found: `{name}` (refract.toml `[db] url`)\n  help: set it (looked in {})",
                env.searched()
            )
        })?;
        out.push_str(&value);
        rest = &after[skip..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Why the embedded development database stands in when no database is configured (`not_found`), or
/// the error when `embedded` refuses it. Starting it is `Project`'s alone, so one place knows whether
/// the command started the server (and stops it again when it should).
pub fn embedded_instead(not_found: NotFound, embedded: Embedded) -> Result<String, String> {
    match (not_found, embedded) {
        (NotFound::NothingConfigured, Embedded::Allowed) => Ok(
            "no database configured: no --database-url, datasource URL, prisma.config.ts, [db] url or DATABASE_URL"
                .to_string(),
        ),
        (NotFound::VariableNotSet { message }, Embedded::Allowed) => {
            Ok(message.lines().next().unwrap_or_default().to_string())
        }
        (NotFound::NothingConfigured, Embedded::Refused) => {
            Err("no database configured: this command works on a real database and does not start the embedded development database\n  \
                 help: pass --database-url, give the schema's datasource a `url` (`env(\"DATABASE_URL\")` reads DATABASE_URL), or set DATABASE_URL; \
                 to use the embedded development database, pass --dev-db"
                .to_string())
        }
        (NotFound::VariableNotSet { message }, Embedded::Refused) => Err(message),
    }
}

/// The configured database (steps 1 to 5), parsed and checked for poolers; `Ok(Err(..))` when none
/// is configured, `Err` when the configuration is wrong.
pub fn locate_configured(
    inputs: &Inputs<'_>,
    env: &Environment,
    work: Work,
) -> Result<Result<Located, NotFound>, String> {
    let (url, source) = match configured(inputs, env) {
        Ok(found) => found,
        Err(Err(message)) => return Err(message),
        Err(Ok(not_found)) => return Ok(Err(not_found)),
    };
    // Parsed once: the checks below and the connection read this one value.
    let url = ConnectionString::parse(&url).map_err(|e| format!("invalid database URL (from {source}): {e}"))?;
    if let Some(refusal) = accelerate(&url) {
        return Err(refusal);
    }
    let pooler = pooler::detect(&url);
    let schema_dir = inputs.schema.and_then(Path::parent);
    // Certificate paths are found from the schema's folder first, as Prisma finds them.
    let parsed = DatabaseUrl::from_connection_string(url, schema_dir).map_err(|e| format!("{e} (from {source})"))?;
    if let Some(pooler) = pooler {
        let advice = "set `directUrl = env(\"DIRECT_URL\")` in the datasource (Prisma 7: `datasource.url` in prisma.config.ts) \
                      to the direct connection, or pass --database-url with it";
        match work {
            Work::Migrate => {
                return Err(format!(
                    "the database URL ({source}) goes through {pooler}: migrations need a direct connection \
                     (a session advisory lock, DDL and prepared statements do not survive a transaction pooler)\n  help: {advice}"
                ));
            }
            Work::Read => {
                eprintln!("warning: the database URL ({source}) goes through {pooler}; if queries fail, {advice}")
            }
        }
    }
    Ok(Ok(Located { url: parsed, source }))
}

/// Prisma Accelerate and Prisma Postgres' `prisma://` URLs are not PostgreSQL connections.
fn accelerate(url: &ConnectionString) -> Option<String> {
    let scheme = url.scheme();
    matches!(scheme, "prisma" | "prisma+postgres").then(|| {
        format!(
            "a `{scheme}://` URL is Prisma Accelerate's, not a PostgreSQL connection: migrations need the database's own URL\n  \
             help: set `directUrl = env(\"DIRECT_URL\")` in the datasource to the postgresql:// URL of the database, or pass --database-url"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_variables_in_refract_toml_urls() {
        let env = Environment::default();
        // PATH is set in any test environment.
        let path = std::env::var("PATH").unwrap();
        assert_eq!(expand("a${PATH}b$PATH/c", &env).unwrap(), format!("a{path}b{path}/c"));
        assert_eq!(expand("postgres://x/$", &env).unwrap(), "postgres://x/$");
        assert!(
            expand("${REFRACT_SURELY_UNSET_VARIABLE}", &env).unwrap_err().contains("REFRACT_SURELY_UNSET_VARIABLE")
        );
    }
}
