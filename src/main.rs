//! The `zeren` binary: see `cli`.

fn main() -> std::process::ExitCode {
    zeren::cli::main()
}
