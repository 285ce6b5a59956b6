//! Where a command finds the project: the schema file, the migrations folder and the database, from
//! flags, then `refract.toml`, then the environment, then the defaults; and the project's own folder,
//! where this machine's files go (the replay cache, the embedded database).

use std::cell::OnceCell;
use std::path::{Path, PathBuf};

use refract_diagnostics::SourceSet;
use refract_engine::devdb::{DevDb, DevDbState};
use refract_engine::{DatabaseUrl, MigrationsDir};
use refract_schema::DatasourceUrls;

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
    /// Use the embedded development database (the project's .refract/pg), even for commands that do
    /// not start it on their own.
    #[arg(long, conflicts_with = "database_url")]
    pub dev_db: bool,
    /// Prisma's config file (default: prisma7.config.ts, prisma.config.ts or .config/prisma.ts in the
    /// working directory).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// The folder at the project's root where refract keeps what belongs to this machine: the replay
/// cache (`history/`) and the embedded database (`pg/`). It ignores itself for git (see
/// [`make_local_dir`]).
pub const LOCAL_DIR: &str = ".refract";

pub struct Project {
    pub layout: Layout,
    pub args: ProjectArgs,
    /// The migrations folder the configuration names, if any.
    migrations: Option<PathBuf>,
    /// The embedded database when this command started it only to replay a history in: stopped when
    /// the project is dropped, which every command does on its way out.
    scratch_devdb: OnceCell<ScratchDevDb>,
    /// The variables of the process and the `.env` files, read at the first lookup: a command reads
    /// `.env` once, however many URLs it looks up.
    environment: OnceCell<Environment>,
    /// The schema's files and its datasource's URLs, read at the first lookup: the database and the
    /// shadow database are found from one reading.
    datasource: OnceCell<Option<(SourceSet, DatasourceUrls)>>,
}

impl Project {
    pub fn load(args: &ProjectArgs) -> Result<Project, String> {
        let layout = Layout::load(args.config.as_deref())?;
        let migrations = match &args.migrations {
            Some(dir) => Some(dir.clone()),
            None => layout.migrations()?,
        };
        Ok(Project {
            layout,
            args: args.clone(),
            migrations,
            scratch_devdb: OnceCell::new(),
            environment: OnceCell::new(),
            datasource: OnceCell::new(),
        })
    }

    /// The project's root folder: the folder of the project files read (`--config`'s, else the
    /// working directory when it holds refract.toml, a Prisma config or package.json); else, found
    /// from the schema (or, without one, the migrations folder): the working directory when it lies
    /// inside it (refract run from the project, as `cargo xtask migrate` runs it), else the folder
    /// from which it is at a default location (`app` for `app/prisma/schema.prisma`, so running from
    /// `app` or from elsewhere with `--schema` gives the same folder), else the folder holding it.
    /// Never the working directory only because refract runs there.
    pub fn root(&self) -> Result<PathBuf, String> {
        if let Some(root) = &self.layout.root {
            return Ok(root.clone());
        }
        let schema = self.schema_path().ok().filter(|p| p.exists());
        let anchor = match schema {
            Some(schema) => schema,
            None => Some(self.migrations().path).filter(|p| p.exists()).ok_or_else(|| {
                "cannot tell which project this is: no refract.toml, prisma.config.ts or package.json in the working directory, and no schema\n  \
                 help: run refract in the project's folder, or pass --schema PATH"
                    .to_string()
            })?,
        };
        let canonical = |p: &Path| p.canonicalize().map_err(|e| format!("cannot resolve {}: {e}", p.display()));
        let cwd = std::env::current_dir().map_err(|e| format!("cannot read the working directory: {e}"))?;
        let (anchor, cwd) = (canonical(&anchor)?, canonical(&cwd)?);
        if anchor.starts_with(&cwd) {
            return Ok(PathBuf::from("."));
        }
        let home = crate::layout::default_schema_home(&anchor).or_else(|| anchor.parent());
        Ok(home.map_or_else(|| anchor.clone(), Path::to_path_buf))
    }

    /// [`LOCAL_DIR`] at the project's root (not made here: see [`make_local_dir`]).
    pub fn local_dir(&self) -> Result<PathBuf, String> {
        Ok(self.root()?.join(LOCAL_DIR))
    }

    /// The folder of the project's embedded database (where it is, or would be made): `.refract/pg`,
    /// or `target/refract/pg` when an earlier release made the cluster there (it keeps being used, so
    /// an existing user keeps the development data in it).
    fn embedded_cluster(&self) -> Result<PathBuf, String> {
        let root = self.root()?;
        let legacy = root.join("target").join("refract").join("pg");
        // A cluster, or the link to one kept elsewhere (made as root); an empty folder does not count.
        if std::fs::read_link(&legacy).is_ok() || legacy.join("data").join("PG_VERSION").is_file() {
            return Ok(legacy);
        }
        Ok(root.join(LOCAL_DIR).join("pg"))
    }

    /// The project's embedded database, as it is: nothing is made or started.
    pub fn embedded(&self) -> Result<DevDb, String> {
        DevDb::new(&self.embedded_cluster()?).map_err(|e| e.to_string())
    }

    /// The project's embedded database, ready to be started: its folder made when it goes in
    /// [`LOCAL_DIR`].
    fn embedded_to_start(&self) -> Result<DevDb, String> {
        let cluster = self.embedded_cluster()?;
        if let Some(local) = cluster.parent().filter(|p| p.ends_with(LOCAL_DIR)) {
            make_local_dir(local).map_err(|e| format!("cannot make {}: {e}", local.display()))?;
        }
        DevDb::new(&cluster).map_err(|e| e.to_string())
    }

    /// Starts the project's embedded database (when it is not running), the one place a command does:
    /// with whether this command started it, for a caller that stops it again ([`ScratchDevDb`]).
    pub fn start_embedded(&self) -> Result<(DevDb, DatabaseUrl, bool), String> {
        let devdb = self.embedded_to_start()?;
        let started = devdb.state() != DevDbState::Running;
        let url = devdb.start().map_err(|e| e.to_string())?;
        Ok((devdb, url, started))
    }

    /// The embedded database as the command's database, `why` said in the announcement.
    fn embedded_database(&self, why: String) -> Result<Located, String> {
        let (_, url, _) = self.start_embedded()?;
        Ok(Located { url, source: database::Source::Embedded { why } })
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

    /// The variables of the process and the project's `.env` files (read once per project).
    pub fn environment(&self) -> Result<&Environment, String> {
        if let Some(env) = self.environment.get() {
            return Ok(env);
        }
        let schema = self.schema_path().ok();
        let env = Environment::load(schema.as_deref().and_then(Path::parent))?;
        Ok(self.environment.get_or_init(|| env))
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
            return self.embedded_database("--dev-db".into());
        }
        let env = self.environment()?;
        let schema = self.schema_path().ok();
        let not_found = match database::locate_configured(&self.inputs(schema.as_deref()), env, work)? {
            Ok(located) => return Ok(located),
            Err(not_found) => not_found,
        };
        self.embedded_database(database::embedded_instead(not_found, embedded)?)
    }

    /// The database the configuration names, or why there is none (`migrate check` works without).
    pub fn configured_database(&self, work: Work) -> Result<Result<Located, NotFound>, String> {
        if self.args.dev_db {
            return self.locate(Embedded::Allowed, work).map(Ok);
        }
        let env = self.environment()?;
        let schema = self.schema_path().ok();
        database::locate_configured(&self.inputs(schema.as_deref()), env, work)
    }

    /// The database a schema's datasource (or else the project's configuration) names, for `migrate
    /// diff --from-schema-datasource` and `--from-config-datasource`: never the embedded one.
    pub fn configured_database_of(&self, schema: &Path) -> Result<DatabaseUrl, String> {
        // Another schema than the project's: its own `.env` and datasource.
        let env = Environment::load(schema.parent())?;
        let datasource = database::read_datasource(schema);
        let inputs = Inputs {
            flag: self.args.database_url.as_deref(),
            schema: Some(schema),
            datasource: datasource.as_ref(),
            toml_url: self.config().db.url.as_deref(),
            prisma: self.layout.prisma.as_ref(),
        };
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
        let Some((shadow, from)) = self.configured_shadow(flag)? else { return Ok(server.clone()) };
        if shadow.same_database(server) {
            return Err(format!(
                "the shadow database ({from}) is the database itself ({}): refract empties the shadow database before each use\n  help: point it at a database of its own, or remove it (refract then makes scratch databases on the server)",
                server.redacted
            ));
        }
        eprintln!("Shadow database: {} (from {from})", shadow.redacted);
        Ok(shadow.as_shadow_database())
    }

    /// Where a command that has no database (`migrate check`, `migrate diff --from-migrations`)
    /// replays a history: the shadow database `flag` or the configuration names, else the embedded
    /// database, started for this command only. A server this command started is stopped again when
    /// the project is dropped, whatever the way out (an error included); one that was running
    /// already is left running.
    pub fn replay_server_without_database(&self, flag: Option<&str>) -> Result<DatabaseUrl, String> {
        if let Some((shadow, from)) = self.configured_shadow(flag)? {
            eprintln!("Shadow database: {} (from {from})", shadow.redacted);
            return Ok(shadow.as_shadow_database());
        }
        if let Some(scratch) = self.scratch_devdb.get() {
            return Ok(scratch.url.clone());
        }
        let (devdb, url, started) = self.start_embedded()?;
        // Where the history would be replayed (a cache of an earlier replay may make it unneeded).
        if started {
            eprintln!(
                "Replays: in the embedded development database ({}), started for this command and stopped when it ends",
                devdb.root.display()
            );
        } else {
            eprintln!(
                "Replays: in the embedded development database ({}), running already (left running)",
                devdb.root.display()
            );
        }
        Ok(self.scratch_devdb.get_or_init(|| ScratchDevDb { devdb, url, started }).url.clone())
    }

    /// The shadow database `flag` or the configuration names, parsed, with where it was found.
    fn configured_shadow(&self, flag: Option<&str>) -> Result<Option<(DatabaseUrl, String)>, String> {
        let found = match flag {
            Some(url) => Some((url.to_string(), "--shadow-database-url".to_string())),
            None => {
                let env = self.environment()?;
                let schema = self.schema_path().ok();
                database::configured_shadow(
                    &self.inputs(schema.as_deref()),
                    self.config().db.shadow_url.as_deref(),
                    env,
                )?
            }
        };
        let Some((url, from)) = found else { return Ok(None) };
        let shadow = DatabaseUrl::parse(&url).map_err(|e| format!("{e} (the shadow database, from {from})"))?;
        Ok(Some((shadow, from)))
    }

    /// What the database lookups read of the project; `schema` is [`Project::schema_path`]'s.
    fn inputs<'a>(&'a self, schema: Option<&'a Path>) -> Inputs<'a> {
        let datasource = self.datasource.get_or_init(|| schema.and_then(database::read_datasource));
        Inputs {
            flag: self.args.database_url.as_deref(),
            schema,
            datasource: datasource.as_ref(),
            toml_url: self.config().db.url.as_deref(),
            prisma: self.layout.prisma.as_ref(),
        }
    }
}

/// Makes [`LOCAL_DIR`] (`dir`) and the `.gitignore` of `*` in it, each when missing, as ruff's and
/// pytest's caches do: the folder ignores itself, so it never shows in `git status` whatever the
/// repository's own `.gitignore` says (JavaScript projects do not ignore `target/`). A `.gitignore`
/// already there is left as it is.
pub fn make_local_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let ignore = dir.join(".gitignore");
    match std::fs::OpenOptions::new().write(true).create_new(true).open(&ignore) {
        Ok(mut file) => std::io::Write::write_all(
            &mut file,
            b"# Made by refract: this machine's replay cache and embedded database. Not for git.\n*\n",
        ),
        // Made before, or by a run beside this one.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// The embedded database started by a command only as a place to replay a history in. Dropping it
/// stops the server when this command started it, so `migrate check` leaves no server behind.
struct ScratchDevDb {
    devdb: DevDb,
    url: DatabaseUrl,
    /// Whether this command started it (else it was running already, and stays running).
    started: bool,
}

impl Drop for ScratchDevDb {
    fn drop(&mut self) {
        if !self.started {
            return;
        }
        if let Err(e) = self.devdb.stop() {
            eprintln!(
                "warning: the embedded development database this command started ({}) did not stop: {e}\n  help: `refract dev-db stop`",
                self.devdb.root.display()
            );
        }
    }
}
