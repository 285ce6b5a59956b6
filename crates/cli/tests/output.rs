//! How commands end, for the tools that read them: with `--format json`, a failure is one JSON
//! document naming the error (CI reads it); and a reader that goes away early (`| head`) ends the
//! command quietly, as it ends any Unix tool, never with a panic.

use std::io::Read;
use std::process::{Command, Stdio};

use refract_e2e::{Cli, Scratch, output_text};

const SCHEMA: &str = "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n\nmodel User {\n  id    Int    @id\n  email String @unique\n}\n";

#[test]
fn failures_are_one_json_document_with_format_json() {
    let scratch = Scratch::new("json-failures");
    scratch.file("prisma/schema.prisma", SCHEMA);
    scratch.file("prisma/migrations/20240101000000_init/migration.sql", "CREATE TABLE \"User\" (id int);\n");
    // Nothing listens on port 1.
    let cli = Cli::new(env!("CARGO_BIN_EXE_refract"), scratch.path())
        .env("DATABASE_URL", "postgresql://postgres@127.0.0.1:1/postgres?connect_timeout=2");
    for command in ["status", "check", "deploy"] {
        let out = cli.run(&["migrate", command, "--format", "json"]);
        assert!(!out.status.success(), "{command}: {}", output_text(&out));
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{command}: one JSON document ({e}):\n{}", output_text(&out)));
        assert_eq!(doc["ok"], false, "{command}: {doc}");
        let error = doc["error"].as_str().unwrap_or_default();
        assert!(error.contains("127.0.0.1:1"), "{command} names what failed: {doc}");
    }
}

#[test]
fn a_reader_that_closes_early_ends_the_command_quietly() {
    let scratch = Scratch::new("closed-pipe");
    let schema = scratch.file("schema.prisma", &refract_e2e::gen_schema(&["300"]));
    let schema = schema.to_str().unwrap();
    for args in [
        vec!["migrate", "diff", "--from-empty", "--to-schema", schema, "--script"],
        vec!["validate", "--schema", schema, "--print-ir"],
        vec!["format", "--schema", schema, "--check"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_refract"))
            .args(&args)
            .current_dir(scratch.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read a little, then go away, as `head -5` does.
        let mut first = [0u8; 64];
        let _ = child.stdout.as_mut().unwrap().read(&mut first);
        drop(child.stdout.take());
        let mut stderr = String::new();
        child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
        let status = child.wait().unwrap();
        assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "{args:?}: {stderr}");
        assert_ne!(status.code(), Some(101), "{args:?} did not panic: {stderr}");
    }
}
