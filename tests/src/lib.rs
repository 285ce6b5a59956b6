//! Helpers for end-to-end tests: a scratch database per test, and the paths of the project's data.
//!
//! Tests talk to the PostgreSQL named by `DATABASE_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`). Each test creates its own database with a unique name
//! and drops it afterwards, so tests run in parallel without seeing each other.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use postgres::{Client, NoTls};
use refract_ir::Schema;
use refract_plan::{Plan, PlanOptions, Transaction};

pub fn server_url() -> String {
    std::env::var("DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_string())
}

/// `url` naming database `name` instead (the engine's one URL parser does it).
pub fn with_database(url: &str, name: &str) -> String {
    refract_engine::ConnectionString::parse(url).expect("the test server's URL parses").with_database(name).text()
}

/// A fresh, empty database that is dropped when this value goes out of scope.
pub struct TestDb {
    pub name: String,
    pub client: Client,
    admin_url: String,
}

impl TestDb {
    pub fn new(label: &str) -> TestDb {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let admin_url = server_url();
        let name = format!(
            "refract_test_{}_{}_{}",
            label
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' })
                .collect::<String>(),
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let mut admin = Client::connect(&admin_url, NoTls)
            .unwrap_or_else(|e| panic!("cannot reach PostgreSQL at {admin_url} (set DATABASE_URL): {e}"));
        // Two calls: a multi-statement batch is one transaction, which CREATE DATABASE refuses.
        admin.batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\"")).unwrap();
        admin.batch_execute(&format!("CREATE DATABASE \"{name}\"")).unwrap();
        let client = Client::connect(&with_database(&admin_url, &name), NoTls).unwrap();
        TestDb { name, client, admin_url }
    }
}

impl TestDb {
    /// Runs a migration the way the engine does: each group of transactional steps in one transaction,
    /// the others alone. The error names the step and carries PostgreSQL's message.
    pub fn apply(&mut self, plan: &Plan) -> Result<(), String> {
        for (transaction, steps) in plan.transaction_groups() {
            let statements: Vec<String> = steps.iter().flat_map(|s| s.statements()).collect();
            let result = if transaction == Transaction::None {
                // Outside a transaction: one statement at a time (a multi-statement batch is one transaction).
                statements.iter().try_for_each(|stmt| self.client.batch_execute(stmt))
            } else {
                self.client.batch_execute(&format!("BEGIN;\n{}\nCOMMIT;", statements.join("\n")))
            };
            if let Err(e) = result {
                let _ = self.client.batch_execute("ROLLBACK");
                let first = steps.first().map(|s| s.describe()).unwrap_or_default();
                return Err(format!("{first}: {}", e.as_db_error().map_or(e.to_string(), |d| d.message().to_string())));
            }
        }
        Ok(())
    }

    /// `SELECT` of one integer.
    /// The URL of this database, for the `refract` binary.
    pub fn url(&self) -> String {
        with_database(&self.admin_url, &self.name)
    }

    pub fn count(&mut self, sql: &str) -> i64 {
        self.client.query_one(sql, &[]).unwrap_or_else(|e| panic!("{sql}: {e}")).get(0)
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Ok(mut admin) = Client::connect(&self.admin_url, NoTls) {
            let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name));
        }
    }
}

/// The workspace root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ is inside the workspace").to_path_buf()
}

/// `../shared`, beside the project: the reference tools and acceptance data.
pub fn shared() -> PathBuf {
    root().parent().expect("the workspace has a parent").join("shared")
}

/// The IR of a schema that must be valid.
pub fn schema_of_text(label: &str, text: &str) -> Schema {
    let checked = refract_schema::check(text);
    let errors: Vec<_> = checked.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{label} is not valid: {errors:#?}");
    checked.schema
}

pub fn schema_of(path: &Path) -> Schema {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    schema_of_text(&path.display().to_string(), &text)
}

pub fn plan(from: &Schema, to: &Schema) -> Plan {
    refract_plan::plan(from, to, &PlanOptions::default())
}

pub fn plan_online(from: &Schema, to: &Schema) -> Plan {
    refract_plan::plan(from, to, &PlanOptions { online: true, ..PlanOptions::default() })
}

/// The options a data-driven planner case (`crates/plan/tests/data/diff/<case>`) is planned with: its
/// `options.toml` (`comments = true`), else the defaults.
pub fn case_options(case: &Path) -> PlanOptions {
    let mut options = PlanOptions::default();
    let Ok(text) = std::fs::read_to_string(case.join("options.toml")) else { return options };
    let table: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", case.display()));
    for (key, value) in table {
        match (key.as_str(), value) {
            ("comments", toml::Value::Boolean(on)) => options.comments = on,
            (key, value) => panic!("{}/options.toml: unknown option {key} = {value:?}", case.display()),
        }
    }
    options
}

/// The enums a plan from `from` to `to` may leave with their values in another order than a fresh
/// build of `to` lists them: the planner compares enum values as a set (as Prisma does), so it neither
/// rebuilds a type whose values only changed order nor moves the values it keeps (values it adds go
/// before a value the type has). Those are the enums of `to` that existed in `from` (by database name,
/// else by schema name: a rename), lose no value (a removal rebuilds the type in the schema's order),
/// and list the values they keep in another order. Their `to` SQL names, qualified when namespaced.
pub fn reordered_enums(from: &Schema, to: &Schema) -> Vec<String> {
    let mut out = Vec::new();
    for (key, e) in &to.enums {
        let Some(before) = from
            .enums
            .get(key)
            .or_else(|| from.enums.values().find(|f| f.schema_name == e.schema_name && f.namespace == e.namespace))
        else {
            continue;
        };
        // A value of `from` is the `to` value with its database name, else with its schema name.
        let kept: Option<Vec<usize>> = before
            .values
            .iter()
            .map(|v| {
                e.values
                    .iter()
                    .position(|t| t.name == v.name)
                    .or_else(|| e.values.iter().position(|t| t.schema_name == v.schema_name))
            })
            .collect();
        let Some(kept) = kept else { continue };
        if kept.windows(2).any(|w| w[0] > w[1]) {
            let name = refract_ir::quote_identifier(&e.name);
            out.push(match &e.namespace {
                Some(ns) => format!("{}.{name}", refract_ir::quote_identifier(ns)),
                None => name,
            });
        }
    }
    out
}

/// SQL that puts the values of these enums (SQL names) in one canonical order (by label, bytewise), so
/// that `schema_equal` compares their values as a set; every other enum keeps its order and is still
/// compared as it is. It writes the catalog directly (`pg_enum.enumsortorder`, which `pg_dump` lists
/// the values by): the server's user must be a superuser, as the tests' is. `None` without enums.
pub fn sort_enum_values_sql(enums: &[String]) -> Option<String> {
    if enums.is_empty() {
        return None;
    }
    let mut sql = String::new();
    for name in enums {
        let regtype = format!("'{}'::regtype", name.replace('\'', "''"));
        // Two passes: pg_enum's (type, sort order) index is unique and checked row by row.
        for target in ["-1000000 - sorted.n", "sorted.n"] {
            sql.push_str(&format!(
                "WITH sorted AS (SELECT oid, row_number() OVER (ORDER BY enumlabel COLLATE \"C\") AS n \
                 FROM pg_enum WHERE enumtypid = {regtype}) \
                 UPDATE pg_enum e SET enumsortorder = {target} FROM sorted WHERE e.oid = sorted.oid;\n"
            ));
        }
    }
    Some(sql)
}

/// [`refract_plan::plan`] with these options.
pub fn plan_with(from: &Schema, to: &Schema, options: &PlanOptions) -> Plan {
    refract_plan::plan(from, to, options)
}

/// `../shared/tools/gen-schema` with these arguments.
pub fn gen_schema(args: &[&str]) -> String {
    let out = Command::new(shared().join("tools/gen-schema")).args(args).output().expect("gen-schema runs (python3)");
    assert!(out.status.success(), "gen-schema {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("gen-schema writes UTF-8")
}

/// A scratch folder for SQL files handed to the reference tools, removed when dropped.
pub struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    pub fn new(label: &str) -> Scratch {
        Scratch { dir: tempfile::Builder::new().prefix(&format!("refract-{label}-")).tempdir().unwrap() }
    }

    /// Writes `text` to `name` (a relative path; folders are created) and returns its path.
    pub fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, text).unwrap();
        path
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

/// `../shared/tools/schema-equal`: do the two builds (each a list of SQL files applied in order to a fresh
/// database) give the same schema? `Err` holds the tool's diff or failure.
pub fn schema_equal(a: &[&Path], b: &[&Path]) -> Result<(), String> {
    let join = |files: &[&Path]| files.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join("+");
    let out = Command::new(shared().join("tools/schema-equal"))
        .arg(join(a))
        .arg(join(b))
        .env("DATABASE_URL", server_url())
        .output()
        .expect("schema-equal runs (python3, psql, pg_dump)");
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn database_is_swapped_in_urls() {
        assert_eq!(super::with_database("postgres://u@h:5432/postgres", "x"), "postgres://u@h:5432/x");
        assert_eq!(
            super::with_database("postgres://u@h/postgres?sslmode=disable", "x"),
            "postgres://u@h/x?sslmode=disable"
        );
        assert_eq!(super::with_database("postgres://u@h:5432", "x"), "postgres://u@h:5432/x");
    }
}

/// The `refract` binary run as a user runs it in a project folder: a cleared environment (only PATH and
/// HOME kept, so no `DATABASE_URL` leaks in from the test's own), a short lock timeout, and the
/// variables the test gives. What refract keeps on the machine (the replay cache, the embedded
/// database) goes in the project's own `.refract/`, so tests never share it. `bin` is the test's
/// `env!("CARGO_BIN_EXE_refract")`.
#[derive(Debug, Clone)]
pub struct Cli {
    bin: PathBuf,
    dir: PathBuf,
    vars: Vec<(String, String)>,
}

impl Cli {
    pub fn new(bin: &str, dir: &Path) -> Cli {
        Cli { bin: PathBuf::from(bin), dir: dir.to_path_buf(), vars: Vec::new() }
    }

    /// The same, with one more environment variable.
    pub fn env(mut self, key: &str, value: &str) -> Cli {
        self.vars.push((key.to_string(), value.to_string()));
        self
    }

    pub fn run(&self, args: &[&str]) -> std::process::Output {
        self.run_with_stdin(args, None)
    }

    /// With `stdin` piped in (`db execute --stdin`); without, stdin is closed (no terminal).
    pub fn run_with_stdin(&self, args: &[&str], stdin: Option<&str>) -> std::process::Output {
        use std::io::Write;
        use std::process::Stdio;
        let mut command = Command::new(&self.bin);
        command.args(args).current_dir(&self.dir).env_clear();
        for key in ["PATH", "HOME"] {
            if let Some(v) = std::env::var_os(key) {
                command.env(key, v);
            }
        }
        command.env("REFRACT_LOCK_TIMEOUT", "20").envs(self.vars.iter().map(|(k, v)| (k, v)));
        command.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = command.spawn().expect("refract runs");
        if let Some(text) = stdin {
            child.stdin.take().expect("piped").write_all(text.as_bytes()).unwrap();
        }
        child.wait_with_output().unwrap()
    }

    /// Runs and asserts success; stdout then stderr.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "refract {} failed:\n{}", args.join(" "), output_text(&out));
        output_text(&out)
    }

    /// Runs and asserts failure; stdout then stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(!out.status.success(), "refract {} succeeded:\n{}", args.join(" "), output_text(&out));
        output_text(&out)
    }
}

/// A finished command's stdout then stderr, as one text for assertions and failure messages.
pub fn output_text(out: &std::process::Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}
