//! The threads a process runs its worlds on: an explicit choice of the caller, made once,
//! before the first [`crate::sim::Sim`]. Neither choice changes a single output byte.

/// One world at a time, its heavy systems spread over `threads` workers of Bevy's compute
/// pool, and replicates spread over as many rayon workers (`None`: every core). What
/// `qcity run` does. Later calls keep the first setting.
pub fn init(threads: Option<usize>) {
    let n = threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    bevy_tasks::ComputeTaskPool::get_or_init(|| {
        bevy_tasks::TaskPoolBuilder::new().num_threads(n).build()
    });
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build_global();
}

/// Many worlds at once (sweeps): every world runs on the thread that owns it (Bevy's compute
/// pool gets one thread, so parallel queries run serially), and the caller spreads worlds
/// over the cores.
pub fn init_for_sweeps() {
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
