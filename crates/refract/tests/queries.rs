//! The query API of every day, against the PostgreSQL at `DATABASE_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`), with both drivers: typed column filters, relations
//! loaded for many rows in one query (keys with an enum column among them), implicit many-to-many
//! links, upserts and batch inserts, on `tests/queries/schema.prisma` (every relation kind). Each test
//! has a database of its own, built from the SQL the planner writes for the schema, and dropped
//! afterwards.
//!
//! Queries are counted by the server's side of the wire: each driver connects through a small proxy
//! (below) that counts the `Execute` messages it passes on, one per statement run. A driver looks up
//! the types of a statement's columns the first time it meets them (enum types, arrays), with queries
//! of its own that it caches; so each `load` is counted on its second run, once those are known.

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use refract::chrono::{DateTime, TimeZone, Utc};
use refract::exec::{postgres as pg, sqlx as sx};
use refract::rust_decimal::Decimal;
use refract::sea_query::{Condition, Order as Sort, PostgresQueryBuilder, Query};
use refract::sqlx::postgres::{PgConnectOptions, PgSslMode};
use refract::sqlx::{ConnectOptions, Connection, PgConnection};
use refract::tokio_postgres::{self, NoTls};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

refract::models!("tests/queries/schema.prisma");

// ---------------------------------------------------------------------------------------------------
// A database per test, and a proxy that counts statements.

/// The `Execute` messages a proxy has passed on.
#[derive(Clone, Default)]
struct Counter(Arc<AtomicUsize>);

impl Counter {
    fn get(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

/// Listens on a free local port and relays every connection to `upstream`, counting the client's
/// `Execute` messages (the extended protocol's "run this statement"; both drivers use it for every
/// statement with parameters).
async fn counting_proxy(upstream: String) -> (u16, Counter) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let counter = Counter::default();
    let count = counter.clone();
    tokio::spawn(async move {
        loop {
            let Ok((client, _)) = listener.accept().await else { return };
            let server = TcpStream::connect(&upstream).await.unwrap();
            let count = count.clone();
            tokio::spawn(async move {
                let (mut client_read, mut client_write) = client.into_split();
                let (mut server_read, mut server_write) = server.into_split();
                tokio::spawn(async move {
                    let _ = tokio::io::copy(&mut server_read, &mut client_write).await;
                });
                let _ = relay_counting(&mut client_read, &mut server_write, &count).await;
            });
        }
    });
    (port, counter)
}

async fn relay_counting(
    from: &mut (impl AsyncReadExt + Unpin),
    to: &mut (impl AsyncWriteExt + Unpin),
    count: &Counter,
) -> std::io::Result<()> {
    // The start-up message (and an SSL or GSS request before it) has no type byte.
    loop {
        let len = from.read_u32().await?;
        let mut body = vec![0; len as usize - 4];
        from.read_exact(&mut body).await?;
        to.write_u32(len).await?;
        to.write_all(&body).await?;
        let code = u32::from_be_bytes(body[..4].try_into().unwrap());
        if code != 80877103 && code != 80877104 {
            break;
        }
    }
    loop {
        let kind = from.read_u8().await?;
        let len = from.read_u32().await?;
        let mut body = vec![0; len as usize - 4];
        from.read_exact(&mut body).await?;
        if kind == b'E' {
            count.0.fetch_add(1, Ordering::SeqCst);
        }
        to.write_u8(kind).await?;
        to.write_u32(len).await?;
        to.write_all(&body).await?;
    }
}

struct TestDb {
    pg: tokio_postgres::Config,
    sqlx: PgConnectOptions,
}

impl TestDb {
    /// A tokio-postgres client through a counting proxy.
    async fn client(&self) -> (tokio_postgres::Client, Counter) {
        let host = format!("{}:{}", host(&self.pg), self.pg.get_ports().first().copied().unwrap_or(5432));
        let (port, counter) = counting_proxy(host).await;
        // `host` and `port` add to a config's lists: a new one, so that the proxy is the only address.
        let mut config = tokio_postgres::Config::new();
        config.host("127.0.0.1").port(port).dbname(self.pg.get_dbname().unwrap());
        if let Some(user) = self.pg.get_user() {
            config.user(user);
        }
        if let Some(password) = self.pg.get_password() {
            config.password(password);
        }
        let (client, connection) = config.connect(NoTls).await.unwrap();
        tokio::spawn(async move {
            let _ = connection.await;
        });
        (client, counter)
    }

    /// A sqlx connection through a counting proxy.
    async fn connection(&self) -> (PgConnection, Counter) {
        let host = format!("{}:{}", self.sqlx.get_host(), self.sqlx.get_port());
        let (port, counter) = counting_proxy(host).await;
        let options = self.sqlx.clone().host("127.0.0.1").port(port).ssl_mode(PgSslMode::Disable);
        (options.connect().await.unwrap(), counter)
    }
}

fn host(config: &tokio_postgres::Config) -> String {
    match config.get_hosts().first() {
        Some(tokio_postgres::config::Host::Tcp(h)) => h.clone(),
        _ => "127.0.0.1".to_string(),
    }
}

/// The tables of the test schema, as the planner writes them from nothing.
fn schema_sql() -> String {
    let text = include_str!("queries/schema.prisma");
    let checked = refract_schema::check(text);
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    let plan = refract_plan::plan(&Default::default(), &checked.schema, &Default::default());
    plan.to_sql()
}

/// Runs `test` on a database of its own (see `support`).
async fn with_db<F, Fut>(label: &str, test: F)
where
    F: FnOnce(TestDb) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    support::with_database(&format!("queries_{label}"), &schema_sql(), |pg, sqlx| test(TestDb { pg, sqlx })).await;
}

// ---------------------------------------------------------------------------------------------------
// The rows every test starts from.

fn at(month: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, month, 1, 12, 0, 0).unwrap()
}

fn new_customer(email: &str, name: &str, nickname: Option<&str>, visits: i32) -> NewCustomer {
    NewCustomer {
        email: email.into(),
        name: name.into(),
        nickname: nickname.map(Into::into),
        tags: if nickname.is_some() { vec!["vip".into()] } else { vec![] },
        visits,
    }
}

/// Inserts the rows with the driver `$m` on `$ex` (evaluated afresh for each statement) and returns
/// them as a `Seed`.
macro_rules! seed {
    ($m:ident, $ex:expr) => {{
        let mut customers: Vec<Customer> = Vec::new();
        for c in [
            new_customer("ada@example.com", "Ada", Some("countess"), 3),
            new_customer("bob@example.com", "Bob", None, 0),
            new_customer("cy@example.com", "Cy", None, 10),
            new_customer("dee@example.com", "Dee", None, 7),
        ] {
            customers.push($m::fetch_one($ex, c.insert().returning_all()).await.unwrap());
        }
        // Statuses other than the default.
        customers[1].status = Status::Draft;
        customers[2].status = Status::Archived;
        for c in &customers[1..3] {
            $m::execute($ex, &c.update()).await.unwrap();
        }
        let customers: Vec<Customer> =
            $m::fetch_all($ex, Customer::find().order_by(Customer::ID, Sort::Asc)).await.unwrap();
        let profile: Profile = $m::fetch_one(
            $ex,
            NewProfile { customer_id: customers[0].id, bio: Some("Analyst".into()) }.insert().returning_all(),
        )
        .await
        .unwrap();

        let mut orders: Vec<Order> = Vec::new();
        for (customer, total, status, note, month) in [
            (0, Decimal::new(1000, 2), Status::Active, Some("gift"), 1),
            (0, Decimal::new(2550, 2), Status::Archived, None, 2),
            (1, Decimal::new(500, 2), Status::Draft, None, 3),
        ] {
            let new = NewOrder {
                customer_id: customers[customer].id,
                total,
                status,
                note: note.map(Into::into),
                placed_at: at(month),
            };
            orders.push($m::fetch_one($ex, new.insert().returning_all()).await.unwrap());
        }
        let mut lines: Vec<OrderLine> = Vec::new();
        for (order, sku, qty) in [(0, "A", 1), (0, "B", 2), (1, "A", 3)] {
            let new = NewOrderLine { order_id: orders[order].id, sku: sku.into(), qty };
            lines.push($m::fetch_one($ex, new.insert().returning_all()).await.unwrap());
        }
        let mut shipments: Vec<Shipment> = Vec::new();
        for (line, carrier) in [(0, "post"), (0, "dhl"), (2, "ups")] {
            let new =
                NewShipment { order_id: lines[line].order_id, sku: lines[line].sku.clone(), carrier: carrier.into() };
            shipments.push($m::fetch_one($ex, new.insert().returning_all()).await.unwrap());
        }
        let mut employees: Vec<Employee> = Vec::new();
        for (name, manager) in [("boss", None), ("mid", Some(0)), ("low1", Some(1)), ("low2", Some(1))] {
            let new = NewEmployee { name: name.into(), manager_id: manager.map(|m: usize| employees[m].id) };
            employees.push($m::fetch_one($ex, new.insert().returning_all()).await.unwrap());
        }
        let mut products: Vec<Product> = Vec::new();
        for name in ["p1", "p2", "p3"] {
            products.push($m::fetch_one($ex, NewProduct { name: name.into() }.insert().returning_all()).await.unwrap());
        }
        let mut tags: Vec<Tag> = Vec::new();
        for label in ["t1", "t2"] {
            tags.push($m::fetch_one($ex, NewTag { label: label.into() }.insert().returning_all()).await.unwrap());
        }
        // Links from either side.
        $m::execute($ex, &Product::TAGS.connect(&products[0], &tags[0])).await.unwrap();
        $m::execute($ex, &Tag::PRODUCTS.connect(&tags[1], &products[0])).await.unwrap();
        $m::execute($ex, &Product::TAGS.connect(&products[1], &tags[0])).await.unwrap();
        let mut people: Vec<Person> = Vec::new();
        for name in ["x", "y", "z"] {
            people.push($m::fetch_one($ex, NewPerson { name: name.into() }.insert().returning_all()).await.unwrap());
        }
        // x follows y and z; y follows x.
        $m::execute($ex, &Person::FOLLOWING.connect(&people[0], &people[1])).await.unwrap();
        $m::execute($ex, &Person::FOLLOWING.connect(&people[0], &people[2])).await.unwrap();
        $m::execute($ex, &Person::FOLLOWERS.connect(&people[0], &people[1])).await.unwrap();
        Seed { customers, profile, orders, lines, shipments, employees, products, tags, people }
    }};
}

struct Seed {
    customers: Vec<Customer>,
    profile: Profile,
    orders: Vec<Order>,
    lines: Vec<OrderLine>,
    shipments: Vec<Shipment>,
    employees: Vec<Employee>,
    products: Vec<Product>,
    tags: Vec<Tag>,
    people: Vec<Person>,
}

// ---------------------------------------------------------------------------------------------------
// Filters.

/// The names of the customers `condition` selects, by id.
macro_rules! names_where {
    ($m:ident, $ex:expr, $condition:expr) => {{
        let found: Vec<Customer> =
            $m::fetch_all($ex, Customer::find().cond_where($condition).order_by(Customer::ID, Sort::Asc))
                .await
                .unwrap();
        found.into_iter().map(|c| c.name).collect::<Vec<String>>()
    }};
}

macro_rules! filters {
    ($m:ident, $ex:expr, $seed:expr) => {{
        let seed: &Seed = $seed;
        // Comparisons, with values `Into` the field's type.
        assert_eq!(names_where!($m, $ex, Customer::VISITS.eq(3)), ["Ada"]);
        assert_eq!(names_where!($m, $ex, Customer::VISITS.ne(3)), ["Bob", "Cy", "Dee"]);
        assert_eq!(names_where!($m, $ex, Customer::VISITS.lt(3)), ["Bob"]);
        assert_eq!(names_where!($m, $ex, Customer::VISITS.le(3)), ["Ada", "Bob"]);
        assert_eq!(names_where!($m, $ex, Customer::VISITS.gt(3)), ["Cy", "Dee"]);
        assert_eq!(names_where!($m, $ex, Customer::VISITS.ge(7)), ["Cy", "Dee"]);
        assert_eq!(names_where!($m, $ex, Customer::VISITS.eq(3i16)), ["Ada"], "an i16 is Into<i32>");
        assert_eq!(names_where!($m, $ex, Customer::EMAIL.eq("bob@example.com")), ["Bob"]);
        // Lists of values.
        assert_eq!(names_where!($m, $ex, Customer::VISITS.is_in([0, 10])), ["Bob", "Cy"]);
        assert_eq!(names_where!($m, $ex, Customer::VISITS.is_not_in(vec![0, 10])), ["Ada", "Dee"]);
        assert_eq!(names_where!($m, $ex, Customer::VISITS.is_in(Vec::<i32>::new())), Vec::<String>::new());
        assert_eq!(names_where!($m, $ex, Customer::VISITS.is_not_in([0i32; 0])), ["Ada", "Bob", "Cy", "Dee"]);
        // Optional columns: NULL tests, and comparisons with the inner type.
        assert_eq!(names_where!($m, $ex, Customer::NICKNAME.is_null()), ["Bob", "Cy", "Dee"]);
        assert_eq!(names_where!($m, $ex, Customer::NICKNAME.is_not_null()), ["Ada"]);
        assert_eq!(names_where!($m, $ex, Customer::NICKNAME.eq("countess")), ["Ada"]);
        // Text patterns.
        assert_eq!(names_where!($m, $ex, Customer::NAME.like("%e%")), ["Dee"]);
        assert_eq!(names_where!($m, $ex, Customer::NAME.ilike("%D%")), ["Ada", "Dee"]);
        assert_eq!(names_where!($m, $ex, Customer::NICKNAME.like("count%")), ["Ada"]);
        // Enums compare with their values (sent cast to the database enum).
        assert_eq!(names_where!($m, $ex, Customer::STATUS.eq(Status::Draft)), ["Bob"]);
        assert_eq!(names_where!($m, $ex, Customer::STATUS.ne(Status::Active)), ["Bob", "Cy"]);
        assert_eq!(
            names_where!($m, $ex, Customer::STATUS.is_in([Status::Active, Status::Archived])),
            ["Ada", "Cy", "Dee"]
        );
        // A list column compares with a list.
        assert_eq!(names_where!($m, $ex, Customer::TAGS.eq(vec!["vip".to_string()])), ["Ada"]);
        // Conditions combine as sea-query's do.
        assert_eq!(
            names_where!($m, $ex, Condition::any().add(Customer::VISITS.gt(8)).add(Customer::NICKNAME.is_not_null())),
            ["Ada", "Cy"]
        );

        // Decimals, timestamps, foreign keys; ordering by a typed column.
        let ada = &seed.customers[0];
        let orders: Vec<Order> = $m::fetch_all(
            $ex,
            Order::find()
                .and_where(Order::CUSTOMER_ID.eq(ada.id))
                .and_where(Order::TOTAL.gt(Decimal::new(500, 2)))
                .order_by(Order::PLACED_AT, Sort::Desc),
        )
        .await
        .unwrap();
        assert_eq!(orders, [seed.orders[1].clone(), seed.orders[0].clone()]);
        let before_march: Vec<Order> =
            $m::fetch_all($ex, Order::find().and_where(Order::PLACED_AT.lt(at(3))).order_by(Order::ID, Sort::Asc))
                .await
                .unwrap();
        assert_eq!(before_march, seed.orders[..2]);
        let enum_and_null: Vec<Order> = $m::fetch_all(
            $ex,
            Order::find().and_where(Order::STATUS.eq(Status::Active)).and_where(Order::NOTE.eq("gift")),
        )
        .await
        .unwrap();
        assert_eq!(enum_and_null, [seed.orders[0].clone()]);
        let profile: Option<Profile> =
            $m::fetch_optional($ex, Profile::find().and_where(Profile::ID.eq(seed.profile.id))).await.unwrap();
        assert_eq!(profile.as_ref(), Some(&seed.profile));
    }};
}

// ---------------------------------------------------------------------------------------------------
// Relations loaded in one query.

/// Runs `load` twice (the drivers learn the statement's types on the first run) and checks the second
/// ran exactly one statement.
macro_rules! load_counted {
    ($m:ident, $ex:expr, $counter:expr, $rows:expr, $relation:expr) => {{
        $m::load($ex, $rows, $relation).await.unwrap();
        let before = $counter.get();
        let loaded = $m::load($ex, $rows, $relation).await.unwrap();
        assert_eq!($counter.get() - before, 1, "one query for {} rows", $rows.len());
        loaded
    }};
}

macro_rules! loads {
    ($m:ident, $ex:expr, $counter:expr, $seed:expr) => {{
        let s: &Seed = $seed;
        let c = |i: usize| s.customers[i].clone();
        // Forward (the row holds the key), with a duplicate: one entry per row, in order.
        let orders = [s.orders[0].clone(), s.orders[1].clone(), s.orders[2].clone(), s.orders[0].clone()];
        assert_eq!(
            load_counted!($m, $ex, $counter, &orders, Order::CUSTOMER),
            [Some(c(0)), Some(c(0)), Some(c(1)), Some(c(0))]
        );
        // Back (to-many), a row with none among them.
        assert_eq!(
            load_counted!($m, $ex, $counter, &s.customers[..3], Customer::ORDERS),
            [vec![s.orders[0].clone(), s.orders[1].clone()], vec![s.orders[2].clone()], vec![]]
        );
        // One-to-one, both sides.
        assert_eq!(
            load_counted!($m, $ex, $counter, &s.customers[..2], Customer::PROFILE),
            [Some(s.profile.clone()), None]
        );
        assert_eq!(load_counted!($m, $ex, $counter, std::slice::from_ref(&s.profile), Profile::CUSTOMER), [Some(c(0))]);
        // A self-relation, both sides; a NULL key loads nothing.
        let e = |i: usize| s.employees[i].clone();
        assert_eq!(
            load_counted!($m, $ex, $counter, &s.employees[..3], Employee::MANAGER),
            [None, Some(e(0)), Some(e(1))]
        );
        assert_eq!(
            load_counted!($m, $ex, $counter, &s.employees[..3], Employee::REPORTS),
            [vec![e(1)], vec![e(2), e(3)], vec![]]
        );
        // Implicit many-to-many, both sides.
        let (p, t) = (|i: usize| s.products[i].clone(), |i: usize| s.tags[i].clone());
        assert_eq!(
            load_counted!($m, $ex, $counter, &s.products, Product::TAGS),
            [vec![t(0), t(1)], vec![t(0)], vec![]]
        );
        assert_eq!(load_counted!($m, $ex, $counter, &s.tags, Tag::PRODUCTS), [vec![p(0), p(1)], vec![p(0)]]);
        // A self many-to-many, both sides.
        let x = |i: usize| s.people[i].clone();
        assert_eq!(
            load_counted!($m, $ex, $counter, &s.people, Person::FOLLOWING),
            [vec![x(1), x(2)], vec![x(0)], vec![]]
        );
        assert_eq!(
            load_counted!($m, $ex, $counter, &s.people, Person::FOLLOWERS),
            [vec![x(1)], vec![x(0)], vec![x(0)]]
        );
        // A composite key, both sides.
        let sh = |i: usize| s.shipments[i].clone();
        assert_eq!(
            load_counted!($m, $ex, $counter, &s.lines, OrderLine::SHIPMENTS),
            [vec![sh(0), sh(1)], vec![], vec![sh(2)]]
        );
        assert_eq!(
            load_counted!($m, $ex, $counter, &s.shipments, Shipment::LINE),
            [Some(s.lines[0].clone()), Some(s.lines[0].clone()), Some(s.lines[2].clone())]
        );
        // No rows: no query.
        let before = $counter.get();
        assert_eq!($m::load($ex, &[] as &[Order], Order::CUSTOMER).await.unwrap(), []);
        assert_eq!($counter.get(), before);
    }};
}

/// Relations over a composite key whose first column is an enum (`ItemKind`, its type and values
/// renamed): `load` sends the keys as text arrays cast to the enum's array type. Two items share a
/// code and differ by kind only, so a key that lost its enum column would mix their rows up.
macro_rules! enum_keys {
    ($m:ident, $ex:expr, $counter:expr) => {{
        let mut items: Vec<Item> = Vec::new();
        for (kind, code, title) in
            [(ItemKind::Book, "x1", "Dune"), (ItemKind::Film, "x1", "Dune (1984)"), (ItemKind::Book, "x2", "Emma")]
        {
            let new = NewItem { kind, code: code.into(), title: title.into() };
            items.push($m::fetch_one($ex, new.insert().returning_all()).await.unwrap());
        }
        assert_eq!(items[1].kind, ItemKind::Film);
        let mut reviews: Vec<Review> = Vec::new();
        for (item, stars) in [(0, 5), (1, 2), (0, 4)] {
            let new = NewReview { item_kind: items[item].kind, item_code: items[item].code.clone(), stars };
            reviews.push($m::fetch_one($ex, new.insert().returning_all()).await.unwrap());
        }
        // The enum key column filters as any enum column does.
        let stored: Vec<Review> =
            $m::fetch_all($ex, Review::find().and_where(Review::ITEM_KIND.eq(ItemKind::Film))).await.unwrap();
        assert_eq!(stored, [reviews[1].clone()]);

        let (i, r) = (|n: usize| items[n].clone(), |n: usize| reviews[n].clone());
        // To-one (the review holds the key), with a duplicate: one entry per row, in order.
        let rows = [r(0), r(1), r(2), r(1)];
        assert_eq!(
            load_counted!($m, $ex, $counter, &rows, Review::ITEM),
            [Some(i(0)), Some(i(1)), Some(i(0)), Some(i(1))]
        );
        // To-many (the item is referenced), an item with none among them, and the rows in another order.
        let rows = [i(2), i(1), i(0)];
        assert_eq!(load_counted!($m, $ex, $counter, &rows, Item::REVIEWS), [vec![], vec![r(1)], vec![r(0), r(2)]]);
        // A row whose key matches nothing (a kind and a code each found, not together): an empty entry.
        let rows = [Item { kind: ItemKind::Film, code: "x2".into(), title: "no such film".into() }, i(0)];
        assert_eq!(load_counted!($m, $ex, $counter, &rows, Item::REVIEWS), [vec![], vec![r(0), r(2)]]);
    }};
}

// ---------------------------------------------------------------------------------------------------
// Links, upserts, batches.

macro_rules! links {
    ($m:ident, $ex:expr, $seed:expr) => {{
        let s: &Seed = $seed;
        let (p3, t2) = (&s.products[2], &s.tags[1]);
        assert_eq!($m::execute($ex, &Product::TAGS.connect(p3, t2)).await.unwrap(), 1);
        assert_eq!($m::execute($ex, &Product::TAGS.connect(p3, t2)).await.unwrap(), 0, "linking twice changes nothing");
        assert_eq!($m::execute($ex, &Tag::PRODUCTS.connect(t2, p3)).await.unwrap(), 0, "from the other side too");
        assert_eq!($m::load($ex, std::slice::from_ref(p3), Product::TAGS).await.unwrap(), [vec![t2.clone()]]);
        assert_eq!($m::execute($ex, &Tag::PRODUCTS.disconnect(t2, p3)).await.unwrap(), 1);
        assert_eq!($m::execute($ex, &Product::TAGS.disconnect(p3, t2)).await.unwrap(), 0);
        assert_eq!($m::load($ex, std::slice::from_ref(p3), Product::TAGS).await.unwrap(), [vec![]]);
    }};
}

macro_rules! upserts {
    ($m:ident, $ex:expr, $seed:expr) => {{
        let s: &Seed = $seed;
        let ada = &s.customers[0];
        // A single unique key: the row is updated, its id, creation time and defaults kept, @updatedAt moved.
        let again = new_customer("ada@example.com", "Ada Lovelace", None, 4);
        let updated: Customer = $m::fetch_one($ex, again.upsert_by_email().returning_all()).await.unwrap();
        assert_eq!((updated.id, updated.created_at, updated.status), (ada.id, ada.created_at, ada.status));
        assert_eq!((updated.name.as_str(), updated.nickname.as_deref(), updated.visits), ("Ada Lovelace", None, 4));
        assert!(updated.updated_at > ada.updated_at, "@updatedAt set to now");
        // A new key inserts.
        let fresh: Customer =
            $m::fetch_one($ex, new_customer("eve@example.com", "Eve", None, 1).upsert_by_email().returning_all())
                .await
                .unwrap();
        assert!(fresh.id > s.customers[3].id);
        // A composite unique key.
        let line = &s.lines[0];
        let new = NewOrderLine { order_id: line.order_id, sku: line.sku.clone(), qty: 9 };
        let upserted: OrderLine = $m::fetch_one($ex, new.upsert_by_order_id_and_sku().returning_all()).await.unwrap();
        assert_eq!(upserted, OrderLine { qty: 9, ..line.clone() });
        let other = NewOrderLine { order_id: line.order_id, sku: "C".into(), qty: 1 };
        let inserted: OrderLine = $m::fetch_one($ex, other.upsert_by_order_id_and_sku().returning_all()).await.unwrap();
        assert!(inserted.id > s.lines[2].id);
        // A unique key beside an id the application generates: the id stays.
        let profile = NewProfile { customer_id: ada.id, bio: None };
        let kept: Profile = $m::fetch_one($ex, profile.upsert_by_customer_id().returning_all()).await.unwrap();
        assert_eq!(kept, Profile { bio: None, ..s.profile.clone() });
        // The primary key, when the insert type holds it.
        let setting = NewSetting { key: "theme".into(), value: "dark".into() };
        let first: Setting = $m::fetch_one($ex, setting.upsert_by_id().returning_all()).await.unwrap();
        let setting = NewSetting { value: "light".into(), ..setting };
        let second: Setting = $m::fetch_one($ex, setting.upsert_by_id().returning_all()).await.unwrap();
        assert_eq!((second.key.as_str(), second.value.as_str()), ("theme", "light"));
        assert!(second.updated_at >= first.updated_at);
        assert_eq!($m::fetch_all::<Setting>($ex, &Setting::find()).await.unwrap().len(), 1);
    }};
}

/// 50,000 lines: three columns each, so three statements.
fn batch(order: &Order) -> Vec<refract::sea_query::InsertStatement> {
    let rows: Vec<NewOrderLine> =
        (0..50_000).map(|n| NewOrderLine { order_id: order.id, sku: format!("S{n}"), qty: n % 7 + 1 }).collect();
    let statements = NewOrderLine::insert_many(&rows);
    assert_eq!(statements.len(), 3);
    for statement in &statements {
        let (_, values) = statement.build(PostgresQueryBuilder);
        assert!(values.0.len() <= refract::batch::MAX_PARAMETERS, "{} parameters", values.0.len());
    }
    assert!(NewOrderLine::insert_many(Vec::<NewOrderLine>::new()).is_empty());
    statements
}

fn count_lines(order: &Order) -> refract::sea_query::SelectStatement {
    OrderLine::find().and_where(OrderLine::ORDER_ID.eq(order.id)).to_owned()
}

// ---------------------------------------------------------------------------------------------------

#[tokio::test]
async fn postgres() {
    with_db("pg", |db| async move {
        let (mut client, counter) = db.client().await;
        let seed = seed!(pg, &client);
        filters!(pg, &client, &seed);
        loads!(pg, &client, counter, &seed);
        enum_keys!(pg, &client, counter);
        links!(pg, &client, &seed);
        upserts!(pg, &client, &seed);

        let order = &seed.orders[2];
        let tx = client.transaction().await.unwrap();
        let mut inserted = 0;
        for statement in batch(order) {
            inserted += pg::execute(&tx, &statement).await.unwrap();
        }
        tx.commit().await.unwrap();
        assert_eq!(inserted, 50_000);
        assert_eq!(pg::execute(&client, &count_lines(order)).await.unwrap(), 50_000);
    })
    .await;
}

#[tokio::test]
async fn sqlx() {
    with_db("sqlx", |db| async move {
        let (mut conn, counter) = db.connection().await;
        let seed = seed!(sx, &mut conn);
        filters!(sx, &mut conn, &seed);
        loads!(sx, &mut conn, counter, &seed);
        enum_keys!(sx, &mut conn, counter);
        links!(sx, &mut conn, &seed);
        upserts!(sx, &mut conn, &seed);

        let order = &seed.orders[2];
        let mut tx = conn.begin().await.unwrap();
        let mut inserted = 0;
        for statement in batch(order) {
            inserted += sx::execute(&mut *tx, &statement).await.unwrap();
        }
        tx.commit().await.unwrap();
        assert_eq!(inserted, 50_000);
        assert_eq!(sx::execute(&mut conn, &count_lines(order)).await.unwrap(), 50_000);
    })
    .await;
}

/// The typed columns write table-qualified SQL wherever sea-query takes a column.
#[test]
fn columns_are_qualified() {
    let query = Query::select()
        .column(Customer::EMAIL)
        .from(CustomerIden::Table)
        .and_where(Customer::STATUS.eq(Status::Active))
        .order_by(Customer::CREATED_AT, Sort::Desc)
        .to_owned();
    assert_eq!(
        query.to_string(PostgresQueryBuilder),
        r#"SELECT "customers"."email" FROM "customers" WHERE "customers"."status" = (CAST('active' AS "Status")) ORDER BY "customers"."created_at" DESC"#
    );
    assert_eq!((Customer::EMAIL.table(), Customer::EMAIL.name()), ("customers", "email"));
}
