//! How the passes over every firm spread their work over Bevy's compute pool.
//!
//! A pass takes each table's components as whole slices (`Query::contiguous_iter_mut`), cuts
//! them into batches and runs a batch per task: the loop over a batch is plain code over
//! slices, which the compiler inlines and keeps in registers. (Bevy's `par_iter_mut` calls the
//! system's closure once per firm, which cost the passes up to half their time: README,
//! "Performance".) Every write goes to the firm's own element and every sum is in fixed
//! point, so no output depends on the number of threads or where the batches fall.

use std::ops::Range;

/// Batches per thread of the pool: several, so that a thread slowed by the machine does not
/// leave the others idle at the end of a pass.
const BATCHES_PER_THREAD: usize = 16;
/// No batch is cut smaller: below this, a task costs more than it saves.
const MIN_BATCH: usize = 2048;

/// Rows of a table that share one stream of a rare draw's positions (inspection, standards:
/// [`crate::rng::successes`]); the passes that draw them cut their batches at multiples of it.
pub const DRAW_BLOCK: usize = 1024;

/// The expectation of a firm query's contiguous iteration: firm components are stored in
/// tables (Bevy's default storage), so a query over them is dense.
pub const DENSE: &str = "firm components are stored in tables, so firm queries are dense";

fn batch_len(len: usize, threads: usize) -> usize {
    len.div_ceil(threads * BATCHES_PER_THREAD).max(MIN_BATCH)
}

fn threads() -> usize {
    crate::threads::workers()
}

/// Runs `f(start, batch)` on each batch of `out`, where `start` is the batch's first index in
/// `out`, and returns the results in batch order. On a one-thread pool (sweeps) it runs `f`
/// once, on the whole slice, on the calling thread.
pub fn for_batches_mut<T: Send, R: Send + 'static>(
    out: &mut [T],
    f: impl Fn(usize, &mut [T]) -> R + Sync,
) -> Vec<R> {
    for_aligned_batches_mut(out, 1, f)
}

/// [`for_batches_mut`] with every batch starting at a multiple of `block` (see
/// [`for_aligned_batches`]).
pub fn for_aligned_batches_mut<T: Send, R: Send + 'static>(
    out: &mut [T],
    block: usize,
    f: impl Fn(usize, &mut [T]) -> R + Sync,
) -> Vec<R> {
    let threads = threads();
    if threads <= 1 || out.len() <= MIN_BATCH {
        return vec![f(0, out)];
    }
    let n = batch_len(out.len(), threads).next_multiple_of(block.max(1));
    let f = &f;
    bevy_tasks::ComputeTaskPool::get().scope(|s| {
        for (k, batch) in out.chunks_mut(n).enumerate() {
            s.spawn(async move { f(k * n, batch) });
        }
    })
}

/// Runs `f(range)` on each batch of the indices `0..len` and returns the results in batch
/// order: the read-only twin of [`for_batches_mut`].
pub fn for_batches<R: Send + 'static>(len: usize, f: impl Fn(Range<usize>) -> R + Sync) -> Vec<R> {
    for_aligned_batches(len, 1, f)
}

/// [`for_batches`] with every batch starting at a multiple of `block`, so that work done block
/// by block (each block with its own random stream) does not depend on where batches fall.
pub fn for_aligned_batches<R: Send + 'static>(
    len: usize,
    block: usize,
    f: impl Fn(Range<usize>) -> R + Sync,
) -> Vec<R> {
    let threads = threads();
    if threads <= 1 || len <= MIN_BATCH {
        return vec![f(0..len)];
    }
    let n = batch_len(len, threads).next_multiple_of(block.max(1));
    let f = &f;
    bevy_tasks::ComputeTaskPool::get().scope(|s| {
        for start in (0..len).step_by(n) {
            s.spawn(async move { f(start..(start + n).min(len)) });
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_cover_every_index_once_in_order() {
        crate::threads::init(Some(2));
        for len in [0, 1, MIN_BATCH, MIN_BATCH + 1, 100_000, 123_457] {
            for block in [1, 1000, 1024] {
                let mut v = vec![0u32; len];
                let starts = for_aligned_batches_mut(&mut v, block, |at, b| {
                    for (k, x) in b.iter_mut().enumerate() {
                        *x += (at + k) as u32;
                    }
                    at
                });
                assert!(v.iter().enumerate().all(|(k, x)| *x == k as u32), "{len}");
                assert!(starts.windows(2).all(|w| w[0] < w[1]), "{len}: {starts:?}");
                assert!(starts.iter().all(|s| s % block == 0), "{len}: {starts:?}");
            }
            for block in [1, 1000, 1024] {
                let ranges = for_aligned_batches(len, block, |r| r);
                let mut next = 0;
                for r in ranges {
                    assert_eq!(r.start, next, "{len}");
                    assert_eq!(r.start % block, 0, "{len} {block}");
                    next = r.end;
                }
                assert_eq!(next, len);
            }
        }
    }
}
