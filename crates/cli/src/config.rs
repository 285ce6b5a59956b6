//! `refract.toml`, the optional project settings at the working directory's root. Flags override it.
//!
//! ```toml
//! [migrate]
//! online = true          # plan in safe mode for busy tables (like --online)
//! lock_timeout = "5s"    # the lock_timeout safe-mode migrations set
//! ```

use std::path::Path;

use serde::Deserialize;

pub const CONFIG_FILE: &str = "refract.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub migrate: MigrateConfig,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MigrateConfig {
    #[serde(default)]
    pub online: bool,
    pub lock_timeout: Option<String>,
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
