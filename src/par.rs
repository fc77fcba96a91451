//! The one way paperboy works in parallel: scoped threads that take work in
//! turn, with the calling thread as one of them, and panics carried back to
//! the caller (a helper's panic is never mistaken for a result).
//!
//! A thread the system will not start is not an error: the threads that did
//! start (at least the caller) take its share.

use std::panic::resume_unwind;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The cores to work on; never zero, whatever the machine reports.
pub fn cores() -> usize {
    cores_from(std::thread::available_parallelism().ok().map(|n| n.get()))
}

/// At least one, whatever the machine says (or when it says nothing).
fn cores_from(said: Option<usize>) -> usize {
    said.unwrap_or(1).max(1)
}

/// Runs `work` on `threads` threads at once (the caller's included) and
/// returns what each returned. If any of them panics, the panic is resumed
/// here once all have stopped.
pub fn workers<R: Send>(threads: usize, work: impl Fn() -> R + Sync) -> Vec<R> {
    if threads <= 1 {
        return vec![work()];
    }
    std::thread::scope(|s| {
        let work = &work;
        let handles: Vec<_> = (1..threads)
            .filter_map(|_| {
                std::thread::Builder::new()
                    .name("paperboy-helper".into())
                    .spawn_scoped(s, work)
                    .ok()
            })
            .collect();
        let mut out = vec![work()];
        for h in handles {
            match h.join() {
                Ok(r) => out.push(r),
                Err(panic) => resume_unwind(panic),
            }
        }
        out
    })
}

/// `f` over every item, on up to `threads` threads that take the items in
/// turn (so one slow item does not leave a core idle); results in the
/// items' order.
pub fn map<T: Send, R: Send>(items: Vec<T>, threads: usize, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let n = items.len();
    if threads <= 1 || n <= 1 {
        return items.into_iter().map(f).collect();
    }
    let slots: Vec<Mutex<Option<T>>> = items.into_iter().map(|t| Mutex::new(Some(t))).collect();
    let next = AtomicUsize::new(0);
    let done = workers(threads.min(n), || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(slot) = slots.get(i) else {
                return done;
            };
            let item = slot.lock().unwrap_or_else(|e| e.into_inner()).take();
            if let Some(item) = item {
                done.push((i, f(item)));
            }
        }
    });
    let mut out: Vec<Option<R>> = (0..n).map(|_| None).collect();
    for (i, r) in done.into_iter().flatten() {
        out[i] = Some(r);
    }
    // Every index was taken by exactly one worker, and none panicked.
    out.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_keeps_the_order_of_the_items() {
        let out = map((0..100).collect(), 4, |i: u64| i * i);
        assert_eq!(out, (0..100).map(|i| i * i).collect::<Vec<_>>());
        assert_eq!(map(Vec::<u8>::new(), 4, |x| x), Vec::<u8>::new());
    }

    #[test]
    fn workers_all_run() {
        let ran = AtomicUsize::new(0);
        let out = workers(3, || ran.fetch_add(1, Ordering::SeqCst));
        assert_eq!(out.len(), 3);
        assert_eq!(ran.load(Ordering::SeqCst), 3);
    }

    #[test]
    fn a_helpers_panic_reaches_the_caller() {
        let caught = std::panic::catch_unwind(|| {
            map((0..8).collect(), 2, |i: u32| {
                if i == 5 {
                    panic!("helper failed on {i}");
                }
                i
            })
        });
        let msg = caught.expect_err("the panic is not swallowed");
        assert_eq!(msg.downcast_ref::<String>().unwrap(), "helper failed on 5");
    }

    #[test]
    fn cores_is_never_zero_even_when_the_machine_says_nothing() {
        // The fallback when the core count cannot be had is one, not zero.
        assert!(cores() >= 1);
        assert_eq!(cores_from(None), 1);
        assert_eq!(cores_from(Some(0)), 1);
        assert_eq!(cores_from(Some(6)), 6);
    }
}
