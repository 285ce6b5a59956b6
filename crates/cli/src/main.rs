fn main() -> std::process::ExitCode {
    refract_cli::main()
}
