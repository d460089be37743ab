//! The `zeren` binary: see `cli`.

fn main() -> std::process::ExitCode {
    zeren::cli::main()
}

/// mimalloc, not the system's malloc: see its line in Cargo.toml for why.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;
