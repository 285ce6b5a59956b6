//! Where a command finds the project: the schema file, the migrations folder and the database, from
//! flags, then `refract.toml`, then the environment, then the defaults.

use std::path::{Path, PathBuf};

use refract_engine::{DatabaseUrl, MigrationsDir};

use crate::config::Config;
use crate::database::{self, Embedded, Inputs, Located, NotFound, Work};
use crate::environment::Environment;
use crate::layout::Layout;

#[derive(clap::Args, Debug, Clone, Default)]
pub struct ProjectArgs {
    /// The schema: a file, or a folder of `.prisma` files (default: refract.toml's `schema`, else
    /// prisma.config.ts's, else package.json's `prisma.schema`, else schema/schema.prisma,
    /// prisma/schema.prisma, prisma/schema/, schema.prisma).
    #[arg(long, value_name = "PATH")]
    pub schema: Option<PathBuf>,
    /// The migrations folder (default: refract.toml's `migrations`, else prisma.config.ts's
    /// `migrations.path`, else beside the schema as Prisma has it).
    #[arg(long, value_name = "DIR")]
    pub migrations: Option<PathBuf>,
    /// The database (default: the schema datasource's directUrl or url, else prisma.config.ts, else
    /// refract.toml's `[db] url`, else DATABASE_URL; see the README).
    #[arg(long, visible_alias = "url", value_name = "URL")]
    pub database_url: Option<String>,
    /// Use the embedded development database (target/refract/pg), even for commands that do not
    /// start it on their own.
    #[arg(long, conflicts_with = "database_url")]
    pub dev_db: bool,
    /// Prisma's config file (default: prisma.config.ts or .config/prisma.ts in the working directory).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

pub struct Project {
    pub layout: Layout,
    pub args: ProjectArgs,
    /// The migrations folder the configuration names, if any.
    migrations: Option<PathBuf>,
}

impl Project {
    pub fn load(args: &ProjectArgs) -> Result<Project, String> {
        let layout = Layout::load(args.config.as_deref())?;
        let migrations = match &args.migrations {
            Some(dir) => Some(dir.clone()),
            None => layout.migrations()?,
        };
        Ok(Project { layout, args: args.clone(), migrations })
    }

    /// refract.toml.
    pub fn config(&self) -> &Config {
        &self.layout.config
    }

    /// How migrations are planned here: refract.toml's `[migrate]` settings, safe mode when `online` or
    /// the settings ask for it. `migrate dev` plans a migration and its way back with the same options.
    pub fn plan_options(&self, online: bool) -> refract_plan::PlanOptions {
        let settings = &self.config().migrate;
        let mut options = refract_plan::PlanOptions {
            online: online || settings.online,
            comments: settings.comments,
            ..refract_plan::PlanOptions::default()
        };
        if let Some(t) = &settings.lock_timeout {
            options.lock_timeout = t.clone();
        }
        options
    }

    pub fn schema_path(&self) -> Result<PathBuf, String> {
        self.layout.schema(self.args.schema.as_deref())
    }

    /// Prisma keeps migrations beside the schema file (`prisma/migrations`), and for a folder schema
    /// beside the file holding the datasource (`prisma/schema/migrations` since Prisma 6.6, see
    /// [`super::folder_migrations`]); this project layout keeps them at the top (`migrations/` beside
    /// `schema/`).
    pub fn migrations(&self) -> MigrationsDir {
        if let Some(dir) = &self.migrations {
            return MigrationsDir::new(dir);
        }
        // A folder schema (multi-file): beside the file holding the datasource, Prisma 6.6+'s rule.
        if let Some(folder) = self.schema_path().ok().filter(|p| p.is_dir()) {
            return MigrationsDir::new(super::folder_migrations(&folder));
        }
        let schema_dir = self.schema_path().ok().and_then(|p| p.parent().map(Path::to_path_buf)).unwrap_or_default();
        if schema_dir.file_name().is_some_and(|n| n == "schema") {
            MigrationsDir::new(schema_dir.parent().unwrap_or(Path::new(".")).join("migrations"))
        } else {
            MigrationsDir::new(schema_dir.join("migrations"))
        }
    }

    /// The variables of the process and the project's `.env` files.
    pub fn environment(&self) -> Result<Environment, String> {
        let schema = self.schema_path().ok();
        Environment::load(schema.as_deref().and_then(Path::parent))
    }

    /// The database the command works on (see [`database`] for the order), announced on stderr.
    /// `embedded` says whether the embedded development database may be started when none is
    /// configured; `--dev-db` asks for it explicitly.
    pub fn database(&self, embedded: Embedded, work: Work) -> Result<DatabaseUrl, String> {
        let located = self.locate(embedded, work)?;
        located.announce();
        Ok(located.url)
    }

    pub fn locate(&self, embedded: Embedded, work: Work) -> Result<Located, String> {
        if self.args.dev_db {
            let devdb = refract_engine::devdb::DevDb::new(&target_dir()).map_err(|e| e.to_string())?;
            let url = devdb.start().map_err(|e| e.to_string())?;
            return Ok(Located { url, source: database::Source::Embedded { why: "--dev-db".into() } });
        }
        let env = self.environment()?;
        let schema = self.schema_path().ok();
        database::locate(&self.inputs(schema.as_deref()), &env, embedded, work, &target_dir())
    }

    /// The database the configuration names, or why there is none (`migrate check` works without).
    pub fn configured_database(&self, work: Work) -> Result<Result<Located, NotFound>, String> {
        if self.args.dev_db {
            return self.locate(Embedded::Allowed, work).map(Ok);
        }
        let env = self.environment()?;
        let schema = self.schema_path().ok();
        database::locate_configured(&self.inputs(schema.as_deref()), &env, work)
    }

    /// The database a schema's datasource (or else the project's configuration) names, for `migrate
    /// diff --from-schema-datasource` and `--from-config-datasource`: never the embedded one.
    pub fn configured_database_of(&self, schema: &Path) -> Result<DatabaseUrl, String> {
        let env = Environment::load(schema.parent())?;
        let inputs = Inputs { flag: self.args.database_url.as_deref(), ..self.inputs(Some(schema)) };
        match database::locate_configured(&inputs, &env, Work::Read)? {
            Ok(located) => {
                located.announce();
                Ok(located.url)
            }
            Err(NotFound::VariableNotSet { message }) => Err(message),
            Err(NotFound::NothingConfigured) => Err(format!(
                "{} names no database (no datasource URL, prisma.config.ts datasource, [db] url or DATABASE_URL)",
                schema.display()
            )),
        }
    }

    /// Where histories are replayed and schemas built for comparison: the shadow database `flag` or
    /// the configuration names (emptied and reused, as Prisma does), else scratch databases on
    /// `server`. A shadow database that is `server`'s database itself is refused: it is emptied.
    pub fn shadow_server(&self, flag: Option<&str>, server: &DatabaseUrl) -> Result<DatabaseUrl, String> {
        let env = self.environment()?;
        let schema = self.schema_path().ok();
        let found = match flag {
            Some(url) => Some((url.to_string(), "--shadow-database-url".to_string())),
            None => database::configured_shadow(
                &self.inputs(schema.as_deref()),
                self.config().db.shadow_url.as_deref(),
                &env,
            )?,
        };
        let Some((url, from)) = found else { return Ok(server.clone()) };
        let shadow = DatabaseUrl::parse(&url).map_err(|e| e.to_string())?;
        if shadow.same_database(server) {
            return Err(format!(
                "the shadow database ({from}) is the database itself ({}): refract empties the shadow database before each use\n  help: point it at a database of its own, or remove it (refract then makes scratch databases on the server)",
                server.redacted
            ));
        }
        eprintln!("Shadow database: {} (from {from})", shadow.redacted);
        Ok(shadow.as_shadow_database())
    }

    fn inputs<'a>(&'a self, schema: Option<&'a Path>) -> Inputs<'a> {
        Inputs {
            flag: self.args.database_url.as_deref(),
            schema,
            toml_url: self.config().db.url.as_deref(),
            prisma: self.layout.prisma.as_ref(),
        }
    }
}

/// Cargo's target folder (CARGO_TARGET_DIR, else `target` in the working directory).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from)
}
