//! Where `refract validate` spends its time and memory: parse, then validate, on one file (a profiling
//! aid). `cargo run --release -p refract-schema --example phases -- FILE [SECOND_FILE] [--memory]`;
//! counting memory slows the allocator down, so the times are only accurate without `--memory`.
use std::alloc::{GlobalAlloc, Layout};

use mimalloc::MiMalloc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

/// The CLI's allocator, counting live and peak bytes while `COUNTING` is on.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static COUNTING: AtomicBool = AtomicBool::new(false);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.load(Relaxed) {
            let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(live, Relaxed);
        }
        unsafe { MiMalloc.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if COUNTING.load(Relaxed) {
            LIVE.fetch_sub(layout.size(), Relaxed);
        }
        unsafe { MiMalloc.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn megabytes(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

/// ` (live MB, peak MB)` when counting, else nothing.
fn memory(live: usize, peak: usize) -> String {
    if COUNTING.load(Relaxed) {
        format!(" ({:.1} MB, peak {:.1} MB)", megabytes(live), megabytes(peak))
    } else {
        String::new()
    }
}

fn main() {
    // On before anything is allocated, so every free matches a counted allocation.
    COUNTING.store(std::env::args_os().any(|a| a == "--memory"), Relaxed);
    let path = std::env::args().nth(1).expect("usage: phases FILE [--memory]");
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
            "parse {:>6.1} ms{}  validate {:>6.1} ms{}  {} tables, {} diagnostics",
            parse.as_secs_f64() * 1e3,
            memory(tree, parse_peak),
            validate.as_secs_f64() * 1e3,
            memory(ir, PEAK.load(Relaxed) - base),
            schema.tables.len(),
            diags.len() + parsed.diagnostics.len()
        );
    }
    // With a second file: both read one after the other as `migrate diff` does (the first file's tree is
    // freed before the second is read, its IR is kept).
    if let Some(second) = std::env::args().nth(2).filter(|a| a != "--memory") {
        let second = std::fs::read_to_string(second).expect("read the second file");
        let base = LIVE.load(Relaxed);
        PEAK.store(base, Relaxed);
        let t = Instant::now();
        let first = refract_schema::check(&text).schema;
        let other = refract_schema::check(&second).schema;
        println!(
            "both files: {:.1} ms{}  {} + {} tables",
            t.elapsed().as_secs_f64() * 1e3,
            memory(LIVE.load(Relaxed) - base, PEAK.load(Relaxed) - base),
            first.tables.len(),
            other.tables.len()
        );
    }
}
