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
    assert!(text.starts_with("{\n  \"format\": \"refract-snapshot/1\""), "{}", &text[..80]);
    assert!(text.lines().count() > 100, "pretty-printed, one value per line, for review");

    let dir = tempfile::tempdir().unwrap();
    let migration = dir.path().join("20240101000000_init");
    std::fs::create_dir(&migration).unwrap();
    std::fs::write(migration.join("migration.sql"), "").unwrap();
    snapshot::write(&migration, &schema).unwrap();
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
