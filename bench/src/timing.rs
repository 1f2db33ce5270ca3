//! Medians of interleaved samples, so that both sides of a ratio see the same machine load.

use std::time::Instant;

pub const SAMPLES: usize = 31;
const TARGET_SAMPLE_NANOS: f64 = 20_000_000.0;

/// Runs every routine in turn for `SAMPLES` rounds and returns each one's median time per call
/// in nanoseconds.
pub fn interleaved_medians<const N: usize>(routines: [&dyn Fn(); N]) -> [f64; N] {
    let iterations = routines.map(calibrate);
    let mut samples: [Vec<f64>; N] = std::array::from_fn(|_| Vec::with_capacity(SAMPLES));
    for _ in 0..SAMPLES {
        for (index, routine) in routines.iter().enumerate() {
            let start = Instant::now();
            for _ in 0..iterations[index] {
                routine();
            }
            samples[index].push(start.elapsed().as_nanos() as f64 / iterations[index] as f64);
        }
    }
    samples.map(|mut s| {
        s.sort_by(f64::total_cmp);
        s[s.len() / 2]
    })
}

/// How many calls make one sample of about 20 ms.
fn calibrate(routine: &dyn Fn()) -> u64 {
    let mut iterations = 1u64;
    loop {
        let start = Instant::now();
        for _ in 0..iterations {
            routine();
        }
        let elapsed = start.elapsed().as_nanos() as f64;
        if elapsed > TARGET_SAMPLE_NANOS / 10.0 {
            return ((iterations as f64) * TARGET_SAMPLE_NANOS / elapsed).max(1.0) as u64;
        }
        iterations *= 2;
    }
}
