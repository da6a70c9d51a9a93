//! `docs/report.schema.json` is generated from the Rust types of the JSON contract.
//! Regenerate with `UPDATE_SCHEMA=1 cargo test -p storyline-model --test schema`.

use std::path::Path;

use storyline_model::report::Report;

#[test]
fn schema_file_matches_the_types() {
    let schema = schemars::schema_for!(Report);
    let generated = serde_json::to_string_pretty(&schema).expect("schema serialises") + "\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/report.schema.json");
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).expect("write schema");
    }
    let stored = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(stored == generated, "docs/report.schema.json is stale: run UPDATE_SCHEMA=1 cargo test -p storyline-model --test schema");
}
