//! Prints the codegen tables: `generate()` time and peak heap on real and synthetic specs, and
//! the generated crate's weight. Runs under mimalloc, the allocator `cargo xtask codegen` runs
//! `generate()` with. `cargo xtask bench` builds it in release mode, after the `requests`
//! binary has printed the request-time table.

mod areas;
mod codegen;
mod memory;
mod selection;
mod synthetic;
mod weight;

#[global_allocator]
static ALLOCATOR: memory::Counting = memory::Counting;

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf();
    if let Ok(request) = std::env::var("BENCH_WRITE_SPEC") {
        // `N:PATH` writes the synthetic spec of N entities, to generate and build it by hand.
        let (n, path) = request.split_once(':').expect("BENCH_WRITE_SPEC is N:PATH");
        std::fs::write(path, synthetic::spec(n.parse().expect("N is a number"))).unwrap();
        return;
    }
    if let Ok(n) = std::env::var("BENCH_PROFILE_ENTITIES") {
        codegen::profile(n.parse().unwrap_or(100));
        return;
    }
    codegen::table(&root);
    selection::table();
    weight::table(&root);
    areas::table(&root);
}
