//! The threads generation runs on: large stacks for deep specs, and the
//! emission of many files at once.

/// The stack of the threads generation runs on: deeply nested schemas
/// recurse deeply.
pub(crate) const LARGE_STACK: usize = 256 << 20;

/// Runs `work` on a thread with a 256 MiB stack (address space only: pages
/// are used as the recursion reaches them), or on this one if no thread can
/// be had.
pub(crate) fn on_large_stack<T: Send>(work: impl Fn() -> T + Sync) -> T {
    both_on_large_stacks(work, || ()).0
}

/// Runs `first` and `second` at once, each on a thread with a large stack
/// (see [`on_large_stack`]); on this thread, one after the other, if no
/// threads can be had.
pub(crate) fn both_on_large_stacks<A: Send, B: Send>(
    first: impl Fn() -> A + Sync,
    second: impl Fn() -> B + Sync,
) -> (A, B) {
    std::thread::scope(|scope| {
        let spawn = |name: &str| {
            std::thread::Builder::new()
                .name(name.to_owned())
                .stack_size(LARGE_STACK)
        };
        let a = spawn("openapi-client-gen").spawn_scoped(scope, &first);
        let b = spawn("openapi-client-gen-2").spawn_scoped(scope, &second);
        fn join<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
            handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        }
        let a = a.map_or_else(|_| first(), join);
        let b = b.map_or_else(|_| second(), join);
        (a, b)
    })
}
