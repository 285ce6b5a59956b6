// The schema front end allocates many small nodes; mimalloc is markedly faster than the system
// allocator at that and returns memory to the OS sooner.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    // A reader that goes away (`refract migrate diff --script | head -5`) ends the process quietly, as
    // it ends every Unix tool: Rust ignores SIGPIPE, so `println!` would panic on the broken pipe.
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of one signal before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    refract_cli::main()
}
