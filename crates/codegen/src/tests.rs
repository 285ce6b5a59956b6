use super::*;

/// The codegen crate does not depend on the schema crate, so the tests build the IR from its JSON
/// form, as `refract validate --print-ir` prints it.
fn ir(json: &str) -> Schema {
    serde_json::from_str(json).expect("test IR")
}

const SHOP: &str = r#"{
  "enums": {"OrderStatus": {"name": "OrderStatus", "schema_name": "OrderStatus",
    "values": [{"name": "pending", "schema_name": "PENDING"}, {"name": "in_transit", "schema_name": "IN_TRANSIT"}]}},
  "tables": {"orders": {"name": "orders", "model": "Order", "columns": {
    "id": {"name": "id", "field": "id", "type": "BigInt", "nullable": false, "autoincrement": true},
    "customer_id": {"name": "customer_id", "field": "customerId", "type": "Uuid", "nullable": false},
    "status": {"name": "status", "field": "status", "type": {"Enum": "OrderStatus"}, "nullable": false,
      "default": {"kind": "enum_value", "value": "pending"}},
    "type": {"name": "type", "field": "type", "type": "Text", "nullable": true},
    "search": {"name": "search", "field": "search", "type": {"Unsupported": "tsvector"}, "nullable": true},
    "updated_at": {"name": "updated_at", "field": "updatedAt", "type": {"Timestamp": 3}, "nullable": false,
      "generated_by_client": "updated_at"}
  }}}
}"#;

fn code(options: Options) -> (String, Vec<String>) {
    let generated = generate(&ir(SHOP), options);
    let file: syn::File = syn::parse2(generated.tokens).expect("generated code parses");
    (prettyplease::unparse(&file), generated.notes)
}

#[test]
fn models_have_snake_case_fields_and_fitting_types() {
    let (code, notes) = code(Options::default());
    assert!(code.contains("pub struct Order {"), "{code}");
    assert!(code.contains("pub customer_id: ::refract::uuid::Uuid,"), "{code}");
    assert!(code.contains("pub r#type: ::std::option::Option<String>,"), "{code}");
    assert!(code.contains("pub updated_at: ::refract::chrono::NaiveDateTime,"), "{code}");
    assert!(code.contains("pub const CUSTOMER_ID_COLUMN: &'static str = \"customer_id\";"), "{code}");
    // Unsupported columns are left out, with a note.
    assert!(!code.contains("pub search"), "{code}");
    assert_eq!(notes.len(), 1);
    assert!(notes[0].contains("`Order.search`"), "{notes:?}");
}

#[test]
fn the_insert_type_leaves_out_what_is_filled_for_it() {
    let (code, _) = code(Options::default());
    let new = &code[code.find("pub struct NewOrder {").unwrap()..];
    let new = &new[..new.find('}').unwrap()];
    assert!(new.contains("customer_id") && new.contains("r#type"), "{new}");
    for filled in ["pub id", "status", "updated_at"] {
        assert!(!new.contains(filled), "{filled} is filled for the caller: {new}");
    }
}

#[test]
fn enums_map_to_database_values() {
    let (code, _) = code(Options::default());
    assert!(code.contains("InTransit"), "{code}");
    assert!(code.contains("OrderStatus::InTransit => \"in_transit\""), "{code}");
}

#[test]
fn features_add_only_their_code() {
    let (plain, _) = code(Options::default());
    for absent in ["tokio_postgres", "sqlx", "serde", "sea_query"] {
        assert!(!plain.contains(absent), "{absent} without its feature");
    }
    let (all, _) = code(Options::all());
    for present in ["tokio_postgres::Row", "sqlx::FromRow", "serde::Serialize", "sea_query::Iden"] {
        assert!(all.contains(present), "{present} with every feature");
    }
    // The application fills @updatedAt on insert.
    assert!(all.contains("OrderIden::UpdatedAt, ::refract::chrono::Utc::now().naive_utc().into()"), "{all}");
}
