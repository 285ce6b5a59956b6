//! `refract.toml`, the optional project settings at the working directory's root. Flags override it.
//!
//! ```toml
//! schema = "schema/schema.prisma"   # the schema file
//! migrations = "migrations"         # the migrations folder
//!
//! [migrate]
//! online = true          # plan in safe mode for busy tables (like --online)
//! lock_timeout = "5s"    # the lock_timeout safe-mode migrations set
//! comments = true        # write `///` doc comments as COMMENT ON, and compare them (default: off)
//!
//! [db]
//! url = "postgres://app@db/app"   # the database, when neither flag nor schema names one (`${VAR}` expands)
//! seed = "cargo run -p demo --bin seed"   # what `db seed` and `migrate reset` run
//!
//! [check]
//! acknowledged = ["trigger User.audit"]  # hand-made objects migrate check need not list
//!
//! [generate]
//! out = "examples/demo/src/models.rs"       # where `migrate dev` regenerates models
//! features = ["postgres", "serde"]         # what the written models implement (default: all)
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

pub const CONFIG_FILE: &str = "refract.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub schema: Option<PathBuf>,
    pub migrations: Option<PathBuf>,
    #[serde(default)]
    pub migrate: MigrateConfig,
    #[serde(default)]
    pub db: DbConfig,
    #[serde(default)]
    pub generate: GenerateConfig,
    #[serde(default)]
    pub check: CheckConfig,
    #[serde(default)]
    pub lint: LintConfig,
}

/// `[lint]`: the migration linter (squawk's rules, see `refract_lint`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LintConfig {
    /// Rules turned off, by squawk's names (`"ban-drop-column"`).
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Rules refract leaves off by default, turned on (`"prefer-bigint-over-int"`).
    #[serde(default)]
    pub enable: Vec<String>,
    /// Whether `migrate check` lints the pending migrations (default: yes).
    #[serde(default = "yes")]
    pub check: bool,
}

fn yes() -> bool {
    true
}

impl Default for LintConfig {
    fn default() -> Self {
        LintConfig { ignore: Vec::new(), enable: Vec::new(), check: true }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckConfig {
    /// Objects the schema cannot express that `migrate check` should not even list, by name
    /// (`"UserRequest.mock_trigger"`) or kind and name (`"trigger UserRequest.mock_trigger"`).
    #[serde(default)]
    pub acknowledged: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MigrateConfig {
    #[serde(default)]
    pub online: bool,
    pub lock_timeout: Option<String>,
    /// `///` doc comments as database comments (`COMMENT ON`), written and compared. Off by default, as
    /// in Prisma: real schemas use `///` for client docs and generator annotations.
    #[serde(default)]
    pub comments: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DbConfig {
    /// The database URL, after `--database-url`, prisma.config.ts and the schema's datasource;
    /// `${VAR}` takes a variable from the environment or `.env`.
    pub url: Option<String>,
    /// Prisma's shadow database (after prisma.config.ts's and the datasource's `shadowDatabaseUrl`):
    /// histories are replayed in it, emptied first, instead of in scratch databases refract creates.
    pub shadow_url: Option<String>,
    /// A shell command that fills the database with seed data.
    pub seed: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GenerateConfig {
    /// Where `refract generate` and `migrate dev` write the models.
    pub out: Option<PathBuf>,
    /// The runtime crate's features the written code implements (`postgres`, `sqlx`, `serde`,
    /// `sea-query`); all of them when not set.
    pub features: Option<Vec<String>>,
    /// Extra derives for every model (`["Hash", "schemars::JsonSchema"]`).
    #[serde(default)]
    pub derives: Vec<String>,
    /// Extra attributes for every model, each the inside of `#[...]` (`["serde(rename_all = \"camelCase\")"]`).
    #[serde(default)]
    pub attributes: Vec<String>,
    /// Per model, by its schema name: `[generate.models.Order] derives = [...]`, `attributes = [...]`.
    #[serde(default)]
    pub models: std::collections::BTreeMap<String, ModelCustomization>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelCustomization {
    #[serde(default)]
    pub derives: Vec<String>,
    #[serde(default)]
    pub attributes: Vec<String>,
}

impl GenerateConfig {
    /// The derives and attributes to add, as the macro's arguments would give them.
    pub fn customize(&self) -> Result<refract_codegen::Customize, String> {
        let mut c = refract_codegen::Customize::default();
        c.add_text(None, &self.derives, &self.attributes)?;
        for (model, m) in &self.models {
            c.add_text(Some(model), &m.derives, &m.attributes)?;
        }
        Ok(c)
    }
}

impl Config {
    /// The settings in `dir/refract.toml`, or the defaults when there is no such file.
    pub fn load(dir: &Path) -> Result<Config, String> {
        let path = dir.join(CONFIG_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(format!("cannot read {}: {e}", path.display())),
        }
    }
}
