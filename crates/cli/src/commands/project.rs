//! Where a command finds the project: the schema file, the migrations folder and the database, from
//! flags, then `refract.toml`, then the environment, then the defaults.

use std::path::{Path, PathBuf};

use refract_engine::devdb::DevDb;
use refract_engine::{DatabaseUrl, MigrationsDir};

use crate::config::Config;

#[derive(clap::Args, Debug, Clone, Default)]
pub struct ProjectArgs {
    /// The schema file (default: refract.toml's `schema`, else schema/schema.prisma, else prisma/schema.prisma).
    #[arg(long, value_name = "PATH")]
    pub schema: Option<PathBuf>,
    /// The migrations folder (default: refract.toml's `migrations`, else beside the schema as Prisma has it).
    #[arg(long, value_name = "DIR")]
    pub migrations: Option<PathBuf>,
    /// The database (default: DATABASE_URL, else a .env file's DATABASE_URL, else the embedded database).
    #[arg(long, value_name = "URL")]
    pub database_url: Option<String>,
}

pub struct Project {
    pub config: Config,
    pub args: ProjectArgs,
}

impl Project {
    pub fn load(args: &ProjectArgs) -> Result<Project, String> {
        Ok(Project { config: Config::load(Path::new("."))?, args: args.clone() })
    }

    pub fn schema_path(&self) -> Result<PathBuf, String> {
        crate::SchemaArg { schema: self.args.schema.clone() }.resolve()
    }

    /// Prisma keeps migrations beside the schema (`prisma/migrations`); this project layout keeps them
    /// at the top (`migrations/` beside `schema/`).
    pub fn migrations(&self) -> MigrationsDir {
        if let Some(dir) = self.args.migrations.as_ref().or(self.config.migrations.as_ref()) {
            return MigrationsDir::new(dir);
        }
        let schema_dir = self.schema_path().ok().and_then(|p| p.parent().map(Path::to_path_buf)).unwrap_or_default();
        if schema_dir.file_name().is_some_and(|n| n == "schema") {
            MigrationsDir::new(schema_dir.parent().unwrap_or(Path::new(".")).join("migrations"))
        } else {
            MigrationsDir::new(schema_dir.join("migrations"))
        }
    }

    /// The database URL, or the embedded database (started if needed) when none is configured.
    pub fn database(&self) -> Result<DatabaseUrl, String> {
        match configured_url(self.args.database_url.as_deref()) {
            Some(url) => DatabaseUrl::parse(&url).map_err(|e| e.to_string()),
            None => {
                let devdb = DevDb::new(&target_dir()).map_err(|e| e.to_string())?;
                let url = devdb.start().map_err(|e| e.to_string())?;
                eprintln!(
                    "Using the embedded development database in {} (set DATABASE_URL to use another)",
                    devdb.root.display()
                );
                Ok(url)
            }
        }
    }
}

/// The flag, else `DATABASE_URL`, else `DATABASE_URL` in `./.env`.
pub fn configured_url(flag: Option<&str>) -> Option<String> {
    if let Some(url) = flag {
        return Some(url.to_string());
    }
    if let Ok(url) = std::env::var("DATABASE_URL")
        && !url.is_empty()
    {
        return Some(url);
    }
    let dotenv = std::fs::read_to_string(".env").ok()?;
    dotenv.lines().find_map(|line| {
        let line = line.trim().strip_prefix("export ").unwrap_or(line.trim());
        let (key, value) = line.split_once('=')?;
        (key.trim() == "DATABASE_URL").then(|| value.trim().trim_matches(|c| c == '"' || c == '\'').to_string())
    })
}

/// Cargo's target folder (CARGO_TARGET_DIR, else `target` in the working directory).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from)
}
