//! IR snapshots: the same schema always gives the same bytes, and reading a snapshot gives back the IR.

use std::path::Path;

use refract_plan::snapshot;

fn trading_v2() -> refract_ir::Schema {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema/tests/data/prisma/trading-v2.prisma");
    refract_schema::check(&std::fs::read_to_string(path).unwrap()).schema
}

#[test]
fn snapshots_are_deterministic_and_read_back_to_the_same_ir() {
    let schema = trading_v2();
    let text = snapshot::to_string(&schema);
    assert_eq!(text, snapshot::to_string(&trading_v2()), "same schema, same bytes");
    assert!(text.starts_with("{\n  \"format\": \"refract-snapshot/2\""), "{}", &text[..80]);
    // One line per column, index or key (what fits in 120 columns), for review and small diffs.
    let columns: usize = schema.tables.values().map(|t| t.columns.len()).sum();
    assert!(text.lines().count() > columns, "{text}");
    assert!(text.lines().all(|l| l.len() <= 120 || !l.trim_start().starts_with('{')), "{text}");
    assert!(text.contains("\n          \"id\": {\"name\": \"id\""), "a column on one line:\n{text}");

    let dir = tempfile::tempdir().unwrap();
    let migration = dir.path().join("20240101000000_init");
    std::fs::create_dir(&migration).unwrap();
    std::fs::write(migration.join("migration.sql"), "").unwrap();
    snapshot::write(&migration, &snapshot::Snapshot::of(schema.clone())).unwrap();
    assert_eq!(snapshot::latest(dir.path()).unwrap(), schema);
}

#[test]
fn unreadable_snapshots_are_errors_that_say_why() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(snapshot::latest(dir.path()).unwrap(), refract_ir::Schema::default(), "no migration: empty");

    let migration = dir.path().join("001_init");
    std::fs::create_dir(&migration).unwrap();
    std::fs::write(migration.join("migration.sql"), "").unwrap();
    std::fs::write(
        migration.join(snapshot::SNAPSHOT_FILE),
        "{\"format\": \"other/9\", \"schema\": {\"enums\": {}, \"tables\": {}}}",
    )
    .unwrap();
    let e = snapshot::latest(dir.path()).unwrap_err().to_string();
    assert!(e.contains("unknown format `other/9`"), "{e}");
    std::fs::write(migration.join(snapshot::SNAPSHOT_FILE), "not json").unwrap();
    let e = snapshot::latest(dir.path()).unwrap_err().to_string();
    assert!(e.contains("is not a refract snapshot"), "{e}");
}
