//! What the query API costs and saves, on the PostgreSQL at `DATABASE_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`, in a scratch database made and dropped here):
//!
//! - mapping 100,000 rows to models through `refract::exec::postgres::fetch_all` beside a hand-written
//!   tokio-postgres loop (`client.query` and `row.get(i)` per column);
//! - the customers of 10,000 orders: `load(&client, &orders, Order::CUSTOMER)` (one query) beside a
//!   loop of `Customer::find_by_id` (one query per order);
//! - 100,000 rows inserted: `NewOrder::insert_many` beside a loop of single `insert()`s and `COPY`
//!   (each in one transaction);
//! - `cargo check` of a crate with the models of `gen-schema N` (the query API included), built against
//!   this tree and against the tree before the query API (`--before REV`; by default the parent of the
//!   commit that added `crates/refract/src/column.rs`), as `bench-codegen` times a crate.
//!
//! The runtime figures come from a release build of a small crate written under
//! `target/refract-bench-queries` (xtask itself builds no driver), which prints them.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, bail};

const SCHEMA: &str = r#"datasource db {
  provider = "postgresql"
}

enum Status {
  PENDING
  PAID
  SHIPPED
}

model Customer {
  id        Int      @id @default(autoincrement())
  email     String   @unique
  name      String
  visits    Int
  createdAt DateTime @default(now()) @map("created_at") @db.Timestamptz(6)
  orders    Order[]
}

model Order {
  id         BigInt   @id @default(autoincrement())
  customerId Int      @map("customer_id")
  total      Decimal  @db.Decimal(12, 2)
  status     Status
  note       String?
  placedAt   DateTime @map("placed_at") @db.Timestamptz(6)
  customer   Customer @relation(fields: [customerId], references: [id])
}
"#;

const MAIN: &str = r##"
refract::models!("schema.prisma");

use std::time::Instant;

use futures_util::SinkExt;
use refract::chrono::{TimeZone, Utc};
use refract::exec::postgres::{execute, fetch_all, fetch_optional, load};
use refract::rust_decimal::Decimal;
use refract::tokio_postgres::{self, NoTls};

const DDL: &str = r#"
CREATE TYPE "Status" AS ENUM ('PENDING', 'PAID', 'SHIPPED');
CREATE TABLE "Customer" (id SERIAL PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL, visits INTEGER NOT NULL,
    created_at TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE "Order" (id BIGSERIAL PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES "Customer"(id),
    total DECIMAL(12,2) NOT NULL, status "Status" NOT NULL, note TEXT, placed_at TIMESTAMPTZ(6) NOT NULL);
"#;

fn new_order(n: usize, customers: &[Customer]) -> NewOrder {
    NewOrder {
        customer_id: customers[n % customers.len()].id,
        total: Decimal::new((n % 10_000) as i64 * 100 + 99, 2),
        status: [Status::Pending, Status::Paid, Status::Shipped][n % 3],
        note: (n % 2 == 0).then(|| format!("order {n}")),
        placed_at: Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap() + refract::chrono::Duration::seconds(n as i64),
    }
}

/// The hand-written mapping the generated one is compared with.
fn by_hand(row: &tokio_postgres::Row) -> Order {
    Order {
        id: row.get(0),
        customer_id: row.get(1),
        total: row.get(2),
        status: row.get(3),
        note: row.get(4),
        placed_at: row.get(5),
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

async fn insert_orders(client: &mut tokio_postgres::Client, customers: &[Customer], rows: usize, how: &str) -> f64 {
    client.batch_execute("TRUNCATE \"Order\"").await.unwrap();
    let orders: Vec<NewOrder> = (0..rows).map(|n| new_order(n, customers)).collect();
    let t = Instant::now();
    let tx = client.transaction().await.unwrap();
    match how {
        "insert_many" => {
            for statement in NewOrder::insert_many(&orders) {
                execute(&tx, &statement).await.unwrap();
            }
        }
        "single" => {
            for order in &orders {
                execute(&tx, &order.insert()).await.unwrap();
            }
        }
        _ => {
            let sink = tx
                .copy_in("COPY \"Order\" (customer_id, total, status, note, placed_at) FROM STDIN")
                .await
                .unwrap();
            let mut sink = std::pin::pin!(sink);
            let mut text = String::new();
            for o in &orders {
                use std::fmt::Write;
                let note = o.note.as_deref().unwrap_or("\\N");
                writeln!(text, "{}\t{}\t{}\t{}\t{}", o.customer_id, o.total, o.status.as_str(), note, o.placed_at.to_rfc3339()).unwrap();
            }
            sink.send(refract::bytes::Bytes::from(text)).await.unwrap();
            sink.as_mut().finish().await.unwrap();
        }
    }
    tx.commit().await.unwrap();
    let elapsed = t.elapsed().as_secs_f64();
    let count = client.query_one("SELECT count(*) FROM \"Order\"", &[]).await.unwrap().get::<_, i64>(0);
    assert_eq!(count as usize, rows);
    elapsed
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let url = std::env::var("DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let runs: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(5);
    let admin_config: tokio_postgres::Config = url.parse().unwrap();
    let (admin, conn) = admin_config.connect(NoTls).await.unwrap();
    tokio::spawn(conn);
    let db = "refract_bench_queries";
    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)")).await.unwrap();
    admin.batch_execute(&format!("CREATE DATABASE {db}")).await.unwrap();
    let mut config = admin_config.clone();
    config.dbname(db);
    let (mut client, conn) = config.connect(NoTls).await.unwrap();
    tokio::spawn(conn);
    client.batch_execute(DDL).await.unwrap();

    let mut customers: Vec<Customer> = Vec::new();
    let news: Vec<NewCustomer> = (0..1_000)
        .map(|n| NewCustomer { email: format!("c{n}@example.com"), name: format!("Customer {n}"), visits: n })
        .collect();
    for statement in NewCustomer::insert_many(&news) {
        customers.extend(fetch_all::<Customer>(&client, statement.clone().returning_all()).await.unwrap());
    }

    // 1. Mapping 100,000 rows.
    insert_orders(&mut client, &customers, 100_000, "insert_many").await;
    let find = Order::find();
    let (sql, _) = find.build(refract::sea_query::PostgresQueryBuilder);
    let (mut generated, mut hand) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let t = Instant::now();
        let orders: Vec<Order> = fetch_all(&client, &find).await.unwrap();
        generated.push(t.elapsed().as_secs_f64());
        assert_eq!(orders.len(), 100_000);
        let t = Instant::now();
        let orders: Vec<Order> = client.query(&sql, &[]).await.unwrap().iter().map(by_hand).collect();
        hand.push(t.elapsed().as_secs_f64());
        assert_eq!(orders.len(), 100_000);
    }
    let (generated, hand) = (median(generated), median(hand));
    println!("mapping 100,000 rows (median of {runs}):");
    println!("  fetch_all (generated TryFrom<&Row>)   {:>8.1} ms", generated * 1e3);
    println!("  hand-written row.get(i) loop          {:>8.1} ms", hand * 1e3);
    println!("  generated / hand-written              {:>8.3}x", generated / hand);

    // 2. The customers of 10,000 orders.
    let orders: Vec<Order> = fetch_all(&client, Order::find().limit(10_000)).await.unwrap();
    let (mut loaded, mut looped) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let t = Instant::now();
        let customers_of = load(&client, &orders, Order::CUSTOMER).await.unwrap();
        loaded.push(t.elapsed().as_secs_f64());
        assert!(customers_of.iter().all(Option::is_some));
        let t = Instant::now();
        let mut one_by_one = Vec::with_capacity(orders.len());
        for order in &orders {
            one_by_one.push(fetch_optional::<Customer>(&client, &Customer::find_by_id(order.customer_id)).await.unwrap());
        }
        looped.push(t.elapsed().as_secs_f64());
        assert_eq!(one_by_one, customers_of);
    }
    let (loaded, looped) = (median(loaded), median(looped));
    println!("the customers of 10,000 orders (median of {runs}):");
    println!("  load(&client, &orders, Order::CUSTOMER) {:>8.1} ms (1 query)", loaded * 1e3);
    println!("  loop of Customer::find_by_id          {:>8.1} ms (10,000 queries)", looped * 1e3);
    println!("  speed-up                              {:>8.1}x", looped / loaded);

    // 3. 100,000 rows inserted.
    let insert_runs = runs.min(3);
    let mut figures = Vec::new();
    for how in ["insert_many", "single", "copy"] {
        let mut times = Vec::new();
        for _ in 0..insert_runs {
            times.push(insert_orders(&mut client, &customers, 100_000, how).await);
        }
        figures.push((how, median(times)));
    }
    println!("inserting 100,000 rows, in one transaction (median of {insert_runs}):");
    for (how, t) in &figures {
        let label = match *how {
            "insert_many" => "NewOrder::insert_many (5 statements)",
            "single" => "loop of NewOrder::insert (100,000)",
            _ => "COPY … FROM STDIN (text)",
        };
        println!("  {label:<38}{:>8.1} ms", t * 1e3);
    }
    drop(client);
    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)")).await.unwrap();
}
"##;

pub fn run(models: usize, runs: usize, before: Option<String>) -> anyhow::Result<()> {
    let root = crate::root();
    let bench = root.join("target/refract-bench-queries");
    let refract = root.join("crates/refract");

    // The runtime figures.
    let dir = bench.join("runtime");
    std::fs::create_dir_all(dir.join("src"))?;
    std::fs::write(dir.join("schema.prisma"), SCHEMA)?;
    std::fs::write(dir.join("src/main.rs"), MAIN)?;
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"bench-queries\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n[dependencies]\n\
             refract = {{ path = {:?}, features = [\"postgres\", \"sea-query\"] }}\n\
             tokio = {{ version = \"1\", features = [\"rt\", \"macros\"] }}\n\
             tokio-postgres = \"0.7\"\n\
             futures-util = {{ version = \"0.3\", features = [\"sink\"] }}\n\n[workspace]\n",
            refract.display().to_string()
        ),
    )?;
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"))?;
    eprintln!("building the runtime bench (release) ...");
    let status = Command::new(env!("CARGO"))
        .args(["run", "--release", "--quiet", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .arg("--")
        .arg(runs.to_string())
        .env("CARGO_TARGET_DIR", bench.join("target"))
        .status()
        .context("running the runtime bench")?;
    if !status.success() {
        bail!("the runtime bench failed");
    }

    // cargo check before and after.
    let before = match before {
        Some(rev) => rev,
        None => {
            let out = Command::new("git")
                .args(["log", "--diff-filter=A", "--format=%H", "--", "crates/refract/src/column.rs"])
                .current_dir(&root)
                .output()?;
            let added = String::from_utf8(out.stdout)?.lines().last().map(str::to_string);
            format!("{}^", added.context("no commit adds crates/refract/src/column.rs: pass --before REV")?)
        }
    };
    let tree = bench.join("before-tree");
    let _ = std::fs::remove_dir_all(&tree);
    std::fs::create_dir_all(&tree)?;
    let archive = Command::new("sh")
        .arg("-c")
        .arg(format!("git archive {before} | tar -x -C {:?}", tree.display().to_string()))
        .current_dir(&root)
        .status()?;
    if !archive.success() {
        bail!("git archive {before} failed");
    }
    let schema_text = crate::bench_codegen::generated_schema(models)?;
    for (name, path) in [("before", tree.join("crates/refract")), ("after", refract.clone())] {
        let lib = "refract::models!(\"schema.prisma\");\n";
        crate::bench_codegen::write_check_crate(
            &bench.join(format!("check-{name}")),
            &format!("bench-check-{name}"),
            &path,
            &schema_text,
            lib,
        )?;
    }
    // One target folder: the dependencies are built once, the two trees' refract crates apart.
    let target = bench.join("target-check");
    let check = |name: &str| crate::bench_codegen::check_time(&bench.join(format!("check-{name}")), &target);
    eprintln!("building the dependencies of the cargo check crates once ...");
    copy_lock(&root, &bench.join("check-after"))?;
    copy_lock(&tree, &bench.join("check-before"))?;
    check("before")?;
    check("after")?;
    let (mut before_times, mut after_times) = (Vec::new(), Vec::new());
    for _ in 0..runs.max(1) {
        before_times.push(check("before")?);
        after_times.push(check("after")?);
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (b, a) = (median(before_times), median(after_times));
    println!("cargo check of a crate with the models of gen-schema {models} (median of {runs}):");
    println!("  before the query API ({before})  {b:>7.2} s");
    println!("  with typed columns, relations, upserts, insert_many  {a:>7.2} s");
    println!("  after / before  {:>7.2}x", a / b);
    Ok(())
}

fn copy_lock(tree: &Path, dir: &Path) -> anyhow::Result<()> {
    std::fs::copy(tree.join("Cargo.lock"), dir.join("Cargo.lock"))?;
    Ok(())
}
