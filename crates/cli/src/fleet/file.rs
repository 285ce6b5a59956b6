//! The fleet file (`--fleet FILE`, TOML) and the targets it names: URLs, `env:VAR`, and `[[sources]]`,
//! queries on a control database whose rows are schemas of that database or URLs.
//!
//! ```toml
//! parallel = 8               # targets migrated at once
//! canary = 1                 # the first N targets go alone, first; a failure there stops the run
//! on_error = "continue"      # or "stop" (the default): start no new target after a failure
//! targets = ["postgresql://app@db-eu/tenant_a", "env:TENANT_B_URL"]
//!
//! [[sources]]
//! url = "postgresql://app@db-eu/app"
//! schemas = "SELECT name FROM tenants WHERE active ORDER BY name"
//! # urls = "SELECT url FROM tenant_databases"
//! ```

use std::path::Path;

use refract_engine::DatabaseUrl;
use serde::Deserialize;

/// What to do after a target fails.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OnError {
    /// Start no new target (those running finish).
    #[default]
    Stop,
    Continue,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FleetFile {
    /// Targets migrated at once (default: [`default_parallel`]).
    pub parallel: Option<usize>,
    /// The first N targets run alone, one after the other; a failure among them stops the run.
    #[serde(default)]
    pub canary: usize,
    #[serde(default)]
    pub on_error: OnError,
    /// URLs, or `env:VAR` for the URL in a variable.
    #[serde(default)]
    pub targets: Vec<String>,
    #[serde(default)]
    pub sources: Vec<Source>,
}

/// Targets listed by a query on a control database.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The control database (a URL or `env:VAR`).
    pub url: String,
    /// Each row's first column is a schema of the control database: a target.
    pub schemas: Option<String>,
    /// Each row's first column is a target's URL.
    pub urls: Option<String>,
}

/// Enough workers to keep a server busy without crowding its connections.
pub fn default_parallel() -> usize {
    std::thread::available_parallelism().map_or(4, |n| (n.get() * 4).clamp(4, 16))
}

/// One database schema to migrate.
#[derive(Debug, Clone)]
pub struct Target {
    pub url: DatabaseUrl,
}

impl Target {
    /// How reports name it: the URL without its password, and the schema when it is not in the URL.
    pub fn label(&self) -> String {
        if self.url.redacted.contains("schema=") || self.url.namespace == "public" {
            self.url.redacted.clone()
        } else {
            format!("{} (schema {})", self.url.redacted, self.url.namespace)
        }
    }
}

/// Reads and checks a fleet file.
pub fn read(path: &Path) -> Result<FleetFile, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("cannot read the fleet file {}: {e}", path.display()))?;
    let file: FleetFile = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    if file.parallel == Some(0) {
        return Err(format!("{}: `parallel` must be at least 1", path.display()));
    }
    for (i, s) in file.sources.iter().enumerate() {
        if s.schemas.is_some() == s.urls.is_some() {
            return Err(format!(
                "{}: [[sources]] number {} needs exactly one of `schemas` (a query listing schemas of its database) and `urls` (a query listing URLs)",
                path.display(),
                i + 1
            ));
        }
    }
    Ok(file)
}

/// A URL from the file: as written, or `env:VAR`'s value (`lookup` reads the environment as the rest
/// of the command does, `.env` files included).
fn url_of(entry: &str, lookup: &dyn Fn(&str) -> Option<String>) -> Result<DatabaseUrl, String> {
    let text = match entry.strip_prefix("env:") {
        Some(var) => lookup(var.trim())
            .filter(|v| !v.is_empty())
            .ok_or_else(|| format!("the fleet names `{entry}`, but {} is not set", var.trim()))?,
        None => entry.to_string(),
    };
    DatabaseUrl::parse(&text).map_err(|e| e.to_string())
}

/// Every target the file names, each once (the same database and schema listed twice is one target),
/// in the order the file gives them: `targets` first, then each source's rows.
pub fn targets(file: &FleetFile, lookup: &dyn Fn(&str) -> Option<String>) -> Result<Vec<Target>, String> {
    let mut out: Vec<Target> = Vec::new();
    let mut push = |url: DatabaseUrl| {
        if !out.iter().any(|t| t.url.same_database(&url) && t.url.namespace == url.namespace) {
            out.push(Target { url });
        }
    };
    for entry in &file.targets {
        push(url_of(entry, lookup)?);
    }
    for source in &file.sources {
        let control = url_of(&source.url, lookup)?;
        let (query, schemas) = match (&source.schemas, &source.urls) {
            (Some(q), _) => (q, true),
            (None, Some(q)) => (q, false),
            (None, None) => unreachable!("checked when the file was read"),
        };
        let rows = list(&control, query)?;
        for row in rows {
            if schemas {
                let url = control.connection_string().with_param("schema", &row);
                push(DatabaseUrl::from_connection_string(url, None).map_err(|e| e.to_string())?);
            } else {
                push(DatabaseUrl::parse(&row).map_err(|e| format!("a URL {} listed: {e}", control.redacted))?);
            }
        }
    }
    Ok(out)
}

/// The first column of every row `query` returns on `control`, as text.
fn list(control: &DatabaseUrl, query: &str) -> Result<Vec<String>, String> {
    let mut client = control.connect().map_err(|e| format!("listing the fleet's targets: {e}"))?;
    let rows = client
        .simple_query(query)
        .map_err(|e| format!("listing the fleet's targets on {}: {e}\n  query: {query}", control.redacted))?;
    Ok(rows
        .into_iter()
        .filter_map(|m| match m {
            postgres::SimpleQueryMessage::Row(row) => row.get(0).map(str::to_string),
            _ => None,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_checked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fleet.toml");
        std::fs::write(&path, "parallel = 0\n").unwrap();
        assert!(read(&path).unwrap_err().contains("at least 1"));
        std::fs::write(&path, "[[sources]]\nurl = \"x\"\n").unwrap();
        assert!(read(&path).unwrap_err().contains("exactly one of"));
        std::fs::write(&path, "target = []\n").unwrap();
        assert!(read(&path).unwrap_err().contains("unknown field"));
        std::fs::write(&path, "on_error = \"continue\"\ncanary = 2\ntargets = [\"env:X\"]\n").unwrap();
        let file = read(&path).unwrap();
        assert_eq!((file.on_error, file.canary), (OnError::Continue, 2));
        let none = |_: &str| None;
        assert!(targets(&file, &none).unwrap_err().contains("X is not set"));
    }
}
