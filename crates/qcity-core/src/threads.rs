//! The threads a process runs its worlds on: an explicit choice of the caller, made once,
//! before the first [`crate::sim::Sim`]. Neither choice changes a single output byte.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The threads a pass over the firms runs on, as chosen by [`init`] or [`init_for_sweeps`];
/// 0 when neither was called (the window, whose compute pool Bevy's plugins set up).
static WORKERS: AtomicUsize = AtomicUsize::new(0);

/// How many threads a pass over the firms may use: the calling thread and the compute pool's.
pub fn workers() -> usize {
    match WORKERS.load(Ordering::Relaxed) {
        0 => bevy_tasks::ComputeTaskPool::get().thread_num(),
        n => n,
    }
}

/// One world at a time, its heavy systems spread over `threads` workers of Bevy's compute
/// pool, and replicates spread over as many rayon workers (`None`: every core). What
/// `qcity run` does. Later calls keep the first setting.
pub fn init(threads: Option<usize>) {
    let n = threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    // The thread that runs a pass works on its batches too (Bevy's scope ticks the pool), so
    // the pool gets one thread fewer: `threads` busy threads, not one more than the cores
    // (12% faster at full scale on 2 cores, README "Performance").
    if WORKERS
        .compare_exchange(0, n.max(1), Ordering::Relaxed, Ordering::Relaxed)
        .is_ok()
    {
        bevy_tasks::ComputeTaskPool::get_or_init(|| {
            bevy_tasks::TaskPoolBuilder::new()
                .num_threads((n - 1).max(1))
                .build()
        });
    }
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build_global();
}

/// Many worlds at once (sweeps): every world runs on the thread that owns it (Bevy's compute
/// pool gets one thread, so parallel queries run serially), and the caller spreads worlds
/// over the cores.
pub fn init_for_sweeps() {
    let _ = WORKERS.compare_exchange(0, 1, Ordering::Relaxed, Ordering::Relaxed);
    bevy_tasks::ComputeTaskPool::get_or_init(|| {
        bevy_tasks::TaskPoolBuilder::new().num_threads(1).build()
    });
}

/// A one-thread compute pool when the caller chose none, so that a `Sim` built by a test or
/// a library user runs rather than panics.
pub(crate) fn ensure_pool() {
    bevy_tasks::ComputeTaskPool::get_or_init(|| {
        bevy_tasks::TaskPoolBuilder::new().num_threads(1).build()
    });
}
