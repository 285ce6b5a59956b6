//! How long planning takes, apart from reading the schemas (a profiling aid):
//! `cargo run --release -p refract-plan --example planning -- FROM.prisma TO.prisma`.
use std::time::Instant;

// The CLI's allocator, so the figures match `refract migrate diff`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut paths = std::env::args().skip(1);
    let (Some(from), Some(to)) = (paths.next(), paths.next()) else {
        eprintln!("usage: planning FROM.prisma TO.prisma");
        std::process::exit(1);
    };
    let from = std::fs::read_to_string(from).expect("read the first schema");
    let to = std::fs::read_to_string(to).expect("read the second schema");
    let from = refract_schema::check(&from).schema;
    let to = refract_schema::check(&to).schema;
    for _ in 0..5 {
        let start = Instant::now();
        let plan = refract_plan::plan(&from, &to, &refract_plan::PlanOptions::default());
        let planned = start.elapsed();
        let sql = plan.to_sql();
        println!(
            "plan {:>6.2} ms  render {:>6.2} ms  {} steps, {} bytes of SQL",
            planned.as_secs_f64() * 1e3,
            (start.elapsed() - planned).as_secs_f64() * 1e3,
            plan.steps.len(),
            sql.len()
        );
    }
}
