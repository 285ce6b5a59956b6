//! Where a project keeps its schema, migrations and seed, read from the files a Prisma project
//! already has: refract.toml (refract's own, which wins), `prisma.config.ts` (Prisma 6.13+ and 7; Prisma
//! 7.10's `prisma7.config.ts` first, see `prisma_config::CONFIG_FILES`) and
//! package.json's `prisma` key (Prisma 5 and 6), then the defaults.
//!
//! | Setting    | refract.toml  | prisma.config.ts   | package.json    | default                              |
//! |------------|---------------|--------------------|-----------------|--------------------------------------|
//! | schema     | `schema`      | `schema`           | `prisma.schema` | schema/schema.prisma, prisma/schema.prisma, prisma/schema/, schema.prisma |
//! | migrations | `migrations`  | `migrations.path`  |                 | beside the schema                    |
//! | seed       | `[db] seed`   | `migrations.seed`  | `prisma.seed`   | none                                 |
//!
//! Paths in prisma.config.ts are relative to the file's folder, as Prisma reads them.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::prisma_config::{ConfigValue, PrismaConfig};

/// Schema locations tried in order when nothing names one. The first is this project's own layout;
/// the others are Prisma's.
const DEFAULT_SCHEMAS: &[&str] = &["schema/schema.prisma", "prisma/schema.prisma", "prisma/schema", "schema.prisma"];

/// The `prisma` key of package.json.
#[derive(Debug, Default, Clone)]
pub struct PackageJson {
    pub schema: Option<String>,
    pub seed: Option<String>,
}

impl PackageJson {
    fn load(dir: &Path) -> Result<PackageJson, String> {
        let path = dir.join("package.json");
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(PackageJson::default()),
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        let json: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: not valid JSON: {e}", path.display()))?;
        let field =
            |key: &str| json.get("prisma").and_then(|p| p.get(key)).and_then(|v| v.as_str()).map(str::to_string);
        Ok(PackageJson { schema: field("schema"), seed: field("seed") })
    }
}

#[derive(Debug)]
pub struct Layout {
    pub config: Config,
    pub prisma: Option<PrismaConfig>,
    pub package: PackageJson,
    /// The folder whose project files were read: `--config`'s (the project Prisma's config describes),
    /// else the working directory when it holds refract.toml, a Prisma config or package.json; `None`
    /// when there are none (the project is then found from its schema: `Project::root`).
    pub root: Option<PathBuf>,
}

impl Layout {
    /// The project's files in the working directory; `config` is `--config` (a prisma.config.ts
    /// elsewhere, which must exist).
    pub fn load(config: Option<&Path>) -> Result<Layout, String> {
        let dir = Path::new(".");
        let prisma = match config {
            Some(path) => Some(PrismaConfig::read(path)?),
            None => PrismaConfig::find(dir)?,
        };
        let root = match config {
            Some(path) => Some(config_root(path)),
            None if prisma.is_some()
                || dir.join(crate::config::CONFIG_FILE).is_file()
                || dir.join("package.json").is_file() =>
            {
                Some(dir.to_path_buf())
            }
            None => None,
        };
        Ok(Layout { config: Config::load(dir)?, prisma, package: PackageJson::load(dir)?, root })
    }

    /// A path setting of prisma.config.ts, relative to the file's folder.
    fn prisma_path(&self, key: &str) -> Result<Option<PathBuf>, String> {
        let Some(prisma) = &self.prisma else { return Ok(None) };
        match prisma.get(key) {
            None => Ok(None),
            Some(ConfigValue::String(p)) => {
                let base = prisma.path.parent().filter(|p| !p.as_os_str().is_empty());
                Ok(Some(base.map_or_else(|| PathBuf::from(p), |b| b.join(p))))
            }
            Some(other) => Err(unreadable(prisma, key, other, refract_toml_key(key))),
        }
    }

    /// A string setting of prisma.config.ts, as written.
    fn prisma_string(&self, key: &str) -> Result<Option<String>, String> {
        let Some(prisma) = &self.prisma else { return Ok(None) };
        match prisma.get(key) {
            None => Ok(None),
            Some(ConfigValue::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(unreadable(prisma, key, other, refract_toml_key(key))),
        }
    }

    /// The schema: the flag, refract.toml, prisma.config.ts, package.json, then the defaults (a file or
    /// a folder of `.prisma` files).
    pub fn schema(&self, flag: Option<&Path>) -> Result<PathBuf, String> {
        if let Some(p) = flag {
            return Ok(p.to_path_buf());
        }
        if let Some(p) = &self.config.schema {
            return Ok(p.clone());
        }
        if let Some(p) = self.prisma_path("schema")? {
            return Ok(p);
        }
        if let Some(p) = &self.package.schema {
            return Ok(PathBuf::from(p));
        }
        DEFAULT_SCHEMAS.iter().map(Path::new).find(|p| p.exists()).map(Path::to_path_buf).ok_or_else(|| {
            format!(
                "no schema found: looked for {}; pass --schema PATH (or set `schema` in refract.toml or prisma.config.ts)",
                DEFAULT_SCHEMAS.join(", ")
            )
        })
    }

    /// The migrations folder named by refract.toml or prisma.config.ts, if any (else it is beside the
    /// schema: see `Project::migrations`).
    pub fn migrations(&self) -> Result<Option<PathBuf>, String> {
        if let Some(dir) = &self.config.migrations {
            return Ok(Some(dir.clone()));
        }
        self.prisma_path("migrations.path")
    }

    /// The seed command: refract.toml's `[db] seed`, prisma.config.ts's `migrations.seed`, package.json's
    /// `prisma.seed`.
    pub fn seed(&self) -> Result<Option<String>, String> {
        if let Some(seed) = &self.config.db.seed {
            return Ok(Some(seed.clone()));
        }
        if let Some(seed) = self.prisma_string("migrations.seed")? {
            return Ok(Some(seed));
        }
        Ok(self.package.seed.clone())
    }

    /// SQL prisma.config.ts asks to run in a shadow database before a history is replayed there
    /// (`migrations.initShadowDb`: tables the migrations expect but do not create).
    pub fn init_shadow_db(&self) -> Result<Option<String>, String> {
        self.prisma_string("migrations.initShadowDb")
    }
}

/// The folder in which `schema` sits at one of the default locations (`app` for
/// `app/prisma/schema.prisma`): where refract, run there, finds this schema with no flag. `None` for a
/// schema elsewhere.
pub fn default_schema_home(schema: &Path) -> Option<&Path> {
    DEFAULT_SCHEMAS.iter().map(Path::new).find(|d| schema.ends_with(d)).and_then(|d| {
        let depth = d.components().count();
        schema.ancestors().nth(depth)
    })
}

/// The project folder of a Prisma config file: its own folder, or the one above `.config/` for
/// `.config/prisma.ts` (Prisma's other place for it).
fn config_root(path: &Path) -> PathBuf {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    match folder.file_name() {
        Some(name) if name == ".config" => {
            folder.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf()
        }
        _ => folder.to_path_buf(),
    }
}

/// The refract.toml setting that replaces a prisma.config.ts key refract cannot read.
fn refract_toml_key(key: &str) -> &'static str {
    match key {
        "schema" => "`schema = \"...\"`",
        "migrations.path" => "`migrations = \"...\"`",
        "migrations.seed" => "`seed = \"...\"` under `[db]`",
        _ => "the matching setting",
    }
}

fn unreadable(config: &PrismaConfig, key: &str, value: &ConfigValue, instead: &str) -> String {
    let text = match value {
        ConfigValue::Unreadable(text) => format!("`{text}`"),
        ConfigValue::Env(name) => format!("env(\"{name}\")"),
        ConfigValue::Object(_) => "an object".into(),
        ConfigValue::String(s) => format!("{s:?}"),
    };
    format!(
        "cannot read `{key}` in {} without running it: {text}\n  help: write it as a string, or set {instead} in refract.toml (which wins over prisma.config.ts)",
        config.path.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_schema_at_a_default_location_belongs_to_the_folder_it_is_found_from() {
        let home = |p: &str| default_schema_home(Path::new(p)).map(|h| h.to_string_lossy().into_owned());
        assert_eq!(home("/w/app/prisma/schema.prisma").as_deref(), Some("/w/app"));
        assert_eq!(home("/w/app/prisma/schema").as_deref(), Some("/w/app"));
        assert_eq!(home("/w/app/schema/schema.prisma").as_deref(), Some("/w/app"));
        assert_eq!(home("/w/app/db/schema.prisma").as_deref(), Some("/w/app/db"));
        assert_eq!(home("/w/app/db/main.prisma"), None);
    }

    #[test]
    fn a_config_in_dot_config_belongs_to_the_folder_above() {
        assert_eq!(config_root(Path::new("prisma.config.ts")), Path::new("."));
        assert_eq!(config_root(Path::new("../app/prisma7.config.ts")), Path::new("../app"));
        assert_eq!(config_root(Path::new("/w/app/.config/prisma.ts")), Path::new("/w/app"));
        assert_eq!(config_root(Path::new(".config/prisma.ts")), Path::new("."));
    }
}
