//! Where `refract validate` spends its time and memory: parse, then validate, on one file (a profiling
//! aid). `cargo run --release -p refract-schema --example phases -- FILE`
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

/// The system allocator, counting live and peak bytes.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(live, Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: phases FILE");
    let text = std::fs::read_to_string(&path).expect("read the file");
    for _ in 0..3 {
        let base = LIVE.load(Relaxed);
        PEAK.store(base, Relaxed);
        let t = Instant::now();
        let parsed = refract_schema::parse(&text);
        let parse = t.elapsed();
        let (tree, parse_peak) = (LIVE.load(Relaxed) - base, PEAK.load(Relaxed) - base);
        let t = Instant::now();
        let (schema, diags) = refract_schema::validate(&parsed.ast);
        let validate = t.elapsed();
        let ir = LIVE.load(Relaxed) - base - tree;
        println!(
            "parse {:>6.1} ms (tree {:.1} MB, peak {:.1} MB)  validate {:>6.1} ms (IR {:.1} MB, peak {:.1} MB)  {} tables, {} diagnostics",
            parse.as_secs_f64() * 1e3,
            mb(tree),
            mb(parse_peak),
            validate.as_secs_f64() * 1e3,
            mb(ir),
            mb(PEAK.load(Relaxed) - base),
            schema.tables.len(),
            diags.len() + parsed.diagnostics.len()
        );
    }
}
