// The schema front end allocates many small nodes; mimalloc is markedly faster than the system
// allocator at that and returns memory to the OS sooner.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    refract_cli::main()
}
