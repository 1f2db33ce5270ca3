//! Prints the request-time table: validate-and-convert of a realistic request body against
//! plain `serde_json::from_slice` into the same struct, and server throughput with and without
//! the generated checks, as ratios measured in one run.
//!
//! It runs on the system allocator, what a service gets unless it chooses another, and in a
//! process of its own. Under mimalloc (the codegen binary's allocator), calls alternating
//! between the plain and the validated path made the validated one 2.5-3.4x slower in about
//! four processes of ten, and never under the system allocator; the cause, inside mimalloc's
//! handling of that pattern, was not found.

#[global_allocator]
static ALLOCATOR: std::alloc::System = std::alloc::System;

fn main() {
    bench::request_table();
}
