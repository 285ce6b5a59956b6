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
    let compact = squeeze(&all);
    assert!(
        compact.contains(&squeeze(
            "const INSERT_COLUMNS: [OrderIden; 3] = [OrderIden::CustomerId, OrderIden::Type, OrderIden::UpdatedAt];"
        )),
        "{all}"
    );
    assert!(
        compact.contains(&squeeze("self.r#type.clone().into(), ::refract::chrono::Utc::now().naive_utc().into()")),
        "{all}"
    );
}

/// Customers and their orders, a join table, and fields whose constants would collide.
const RELATED: &str = r#"{
  "enums": {},
  "tables": {
    "customers": {"name": "customers", "model": "Customer", "columns": {
      "id": {"name": "id", "field": "id", "type": "Integer", "nullable": false, "autoincrement": true},
      "email": {"name": "email", "field": "email", "type": "Text", "nullable": false},
      "table": {"name": "table", "field": "table", "type": "Text", "nullable": true},
      "updated_at": {"name": "updated_at", "field": "updatedAt", "type": {"Timestamp": 3}, "nullable": false,
        "generated_by_client": "updated_at"}
    },
    "primary_key": {"name": "customers_pkey", "columns": [{"name": "id"}]},
    "indexes": [{"name": "customers_email_key", "columns": [{"name": "email"}], "unique": true}],
    "relations": [
      {"field": "orders", "target": "orders", "kind": {"held_by": {"columns": ["customer_id"], "referenced": ["id"], "many": true}}},
      {"field": "tags", "target": "tags", "kind": {"many_to_many": {"join": "_CustomerToTag", "own": "A", "other": "B", "id": "id", "target_id": "id"}}}
    ]},
    "orders": {"name": "orders", "model": "Order", "columns": {
      "id": {"name": "id", "field": "id", "type": "BigInt", "nullable": false, "autoincrement": true},
      "customer_id": {"name": "customer_id", "field": "customerId", "type": "Integer", "nullable": true}
    },
    "primary_key": {"name": "orders_pkey", "columns": [{"name": "id"}]},
    "relations": [
      {"field": "customer", "target": "customers", "kind": {"holds": {"columns": ["customer_id"], "referenced": ["id"]}}}
    ]},
    "tags": {"name": "tags", "model": "Tag", "columns": {
      "id": {"name": "id", "field": "id", "type": "Integer", "nullable": false, "autoincrement": true}
    },
    "primary_key": {"name": "tags_pkey", "columns": [{"name": "id"}]}},
    "_CustomerToTag": {"name": "_CustomerToTag", "columns": {
      "A": {"name": "A", "field": "A", "type": "Integer", "nullable": false},
      "B": {"name": "B", "field": "B", "type": "Integer", "nullable": false}
    }}
  }
}"#;

fn related() -> String {
    let generated = generate(&ir(RELATED), Options::all());
    let file: syn::File = syn::parse2(generated.tokens).expect("generated code parses");
    prettyplease::unparse(&file)
}

#[test]
fn typed_columns_are_constants_named_by_the_rule() {
    let code = related();
    let compact = squeeze(&code);
    assert!(
        compact.contains(&squeeze(
            r#"pub const EMAIL: ::refract::Column<Customer, String> = ::refract::Column::new("customers", "email");"#
        )),
        "{code}"
    );
    // `TABLE` is taken by the table's name: the field `table` gets `_2`.
    assert!(
        compact.contains(&squeeze("pub const TABLE_2: ::refract::Column<Customer, ::std::option::Option<String>>")),
        "{code}"
    );
    assert!(compact.contains(&squeeze("pub const TABLE: &'static str = \"customers\";")), "{code}");
}

#[test]
fn relations_are_constants_with_one_query_each() {
    let code = related();
    let compact = squeeze(&code);
    assert!(
        compact
            .contains(&squeeze("pub const ORDERS: ::refract::Relation<Customer, Order, ::refract::relation::ToMany>")),
        "{code}"
    );
    assert!(
        compact
            .contains(&squeeze("pub const CUSTOMER: ::refract::Relation<Order, Customer, ::refract::relation::ToOne>")),
        "{code}"
    );
    assert!(
        compact
            .contains(&squeeze("pub const TAGS: ::refract::Relation<Customer, Tag, ::refract::relation::ManyToMany>")),
        "{code}"
    );
    // The keys go as arrays, the join table's columns as Prisma names them.
    let back = r#"SELECT \"t\".\"id\", \"t\".\"customer_id\", \"k\".\"i\" AS \"__refract_position\" FROM unnest(CAST($1 AS INTEGER[]), CAST($2 AS INTEGER[])) AS \"k\"(\"i\", \"c0\") JOIN \"orders\" AS \"t\" ON \"t\".\"customer_id\" = \"k\".\"c0\" ORDER BY \"k\".\"i\", \"t\".\"id\""#;
    assert!(compact.contains(&squeeze(back)), "{code}");
    let through = r#"JOIN \"_CustomerToTag\" AS \"j\" ON \"j\".\"A\" = \"k\".\"c0\" JOIN \"tags\" AS \"t\" ON \"t\".\"id\" = \"j\".\"B\""#;
    assert!(compact.contains(&squeeze(through)), "{code}");
    // A NULL key loads nothing: the row is left out of the arrays.
    assert!(
        compact.contains(&squeeze("let ::std::option::Option::Some(v0) = &row.customer_id else { continue; };")),
        "{code}"
    );
}

#[test]
fn upserts_update_the_other_columns_but_never_the_id() {
    let code = related();
    let compact = squeeze(&code);
    // By the unique email: the other inserted columns and @updatedAt; the autoincrement id is not inserted.
    assert!(
        compact.contains(&squeeze("pub fn upsert_by_email(&self) -> ::refract::sea_query::InsertStatement")),
        "{code}"
    );
    assert!(
        compact.contains(&squeeze("OnConflict::columns([CustomerIden::Email]) .update_columns([CustomerIden::TableColumn, CustomerIden::UpdatedAt])")),
        "{code}"
    );
    // The insert type does not hold the primary key: no upsert_by_id.
    assert!(!compact.contains(&squeeze("upsert_by_id")), "{code}");
    assert!(compact.contains(&squeeze("pub fn insert_many<R: ::std::borrow::Borrow<Self>>")), "{code}");
}

/// `text` without whitespace nor trailing commas, as the generated code is compared (prettyplease
/// decides the line breaks).
fn squeeze(text: &str) -> String {
    let joined: String = text.split_whitespace().collect();
    joined.replace(",]", "]").replace(",)", ")").replace(",}", "}").replace(",>", ">").replace(";}", "}")
}
