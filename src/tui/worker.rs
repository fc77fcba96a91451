//! Work off the UI thread: matching, and saving reading lists. The reader
//! hands each job over and goes on drawing and taking keys.
//!
//! - The search worker always works on the newest query (older ones still
//!   queued are skipped, a running one is abandoned between chunks) and
//!   answers with the query's sequence number, so the app can drop
//!   anything stale.
//! - The store worker owns the [`Store`]: it takes the lock (waiting as
//!   long as another paperboy holds it, and saying so), re-reads, applies
//!   and writes, and answers with the lists as they are on disk.
//!
//! A worker that panics says so through its `crashed` callback, and the
//! reader ends: nothing is left running half-broken.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use super::app::{SearchJob, StoreJob, StoreReply};
use crate::day::Day;
use crate::filter::{Engine, Query, Ranked, Session};
use crate::store::Store;
use crate::store::shown::Shown;

/// Called with what went wrong when a worker panics.
pub type Crashed = Arc<dyn Fn(String) + Send + Sync>;

/// Starts a named thread; a panic in it is reported through `crashed`
/// (with the panic's message) instead of ending the thread silently.
pub fn spawn_watched<T: Send + 'static>(
    name: &str,
    crashed: Crashed,
    body: impl FnOnce() -> T + Send + 'static,
) -> std::io::Result<JoinHandle<Option<T>>> {
    let label = name.trim_start_matches("paperboy-").to_owned();
    thread::Builder::new().name(name.into()).spawn(move || {
        match catch_unwind(AssertUnwindSafe(body)) {
            Ok(t) => Some(t),
            Err(panic) => {
                crashed(format!(
                    "the {label} worker failed: {}",
                    panic_message(&*panic)
                ));
                None
            }
        }
    })
}

/// The text of a panic's payload.
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic".to_owned()
    }
}

pub struct Worker {
    jobs: Sender<SearchJob>,
    latest: Arc<AtomicU64>,
}

impl Worker {
    /// A worker running the real engine, answering through `answer`.
    pub fn spawn(
        answer: impl Fn(u64, Ranked) + Send + 'static,
        crashed: Crashed,
    ) -> std::io::Result<Worker> {
        let mut session = Session::default();
        let mut current: Option<Arc<Engine>> = None;
        let search = move |job: &SearchJob, cancelled: &(dyn Fn() -> bool + Sync)| {
            test_fault(&job.query);
            if !current
                .as_ref()
                .is_some_and(|e| Arc::ptr_eq(e, &job.engine))
            {
                session.reset();
                current = Some(Arc::clone(&job.engine));
            }
            session.search(&job.engine, &job.query, job.within.as_ref(), cancelled)
        };
        Worker::spawn_with(search, answer, crashed)
    }

    /// A worker running any search function (tests use a slow fake).
    fn spawn_with<S, A>(mut search: S, answer: A, crashed: Crashed) -> std::io::Result<Worker>
    where
        S: FnMut(&SearchJob, &(dyn Fn() -> bool + Sync)) -> Option<Ranked> + Send + 'static,
        A: Fn(u64, Ranked) + Send + 'static,
    {
        let (jobs, rx): (Sender<SearchJob>, Receiver<SearchJob>) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let newest = Arc::clone(&latest);
        spawn_watched("paperboy-search", crashed, move || {
            while let Ok(mut job) = rx.recv() {
                // Only the newest queued query matters.
                while let Ok(newer) = rx.try_recv() {
                    job = newer;
                }
                let seq = job.seq;
                let cancelled = || newest.load(Ordering::Relaxed) != seq;
                if let Some(r) = search(&job, &cancelled) {
                    answer(seq, r);
                }
            }
        })?;
        Ok(Worker { jobs, latest })
    }

    pub fn submit(&self, job: SearchJob) {
        self.latest.store(job.seq, Ordering::Relaxed);
        // The worker only stops when the app does.
        let _ = self.jobs.send(job);
    }
}

/// Debug builds only: a query that makes a helper thread of the search
/// panic, so the end-to-end tests can check the reader ends cleanly.
fn test_fault(query: &Query) {
    if cfg!(debug_assertions)
        && std::env::var("PAPERBOY_TEST_PANIC_QUERY").is_ok_and(|q| q == query.text())
    {
        crate::par::workers(2, || {
            if thread::current().name() == Some("paperboy-helper") {
                panic!("test panic in a search helper (PAPERBOY_TEST_PANIC_QUERY)");
            }
        });
    }
}

/// Carries out one store job; `patience` is asked while the lock is busy
/// (see [`crate::store::atomic::Lock::acquire`]).
pub fn run_store_job(
    store: &mut Store,
    shown: Option<&mut Shown>,
    job: StoreJob,
    patience: &mut dyn FnMut(Duration) -> bool,
) -> StoreReply {
    let (seq, error) = match job {
        StoreJob::Record(ids) => {
            let recorded = match shown {
                Some(s) => s.record(&ids, Day::today()).map_err(std::sync::Arc::new),
                None => Ok(()),
            };
            return StoreReply::Recorded(recorded);
        }
        StoreJob::Apply { seq, ops } => (
            Some(seq),
            store
                .apply_waiting(&ops, patience)
                .err()
                .map(|e| e.to_string()),
        ),
        StoreJob::Reload => {
            store.reload();
            (None, None)
        }
    };
    StoreReply::Done {
        seq,
        snapshot: store.snapshot().clone(),
        error,
        notices: store.take_notices(),
    }
}

/// Saves reading lists off the UI thread, in order.
pub struct StoreWorker {
    jobs: Sender<StoreJob>,
    /// Once set, jobs waiting for the lock give up at this instant.
    deadline: Arc<Mutex<Option<Instant>>>,
}

impl StoreWorker {
    pub fn spawn(
        mut store: Store,
        mut shown: Option<Shown>,
        answer: impl Fn(StoreReply) + Send + 'static,
        crashed: Crashed,
    ) -> std::io::Result<StoreWorker> {
        let (jobs, rx) = mpsc::channel::<StoreJob>();
        let deadline = Arc::new(Mutex::new(None::<Instant>));
        let until = Arc::clone(&deadline);
        spawn_watched("paperboy-store", crashed, move || {
            while let Ok(job) = rx.recv() {
                let mut told = false;
                let mut patience = |waited: Duration| {
                    if !told && waited >= Duration::from_millis(200) {
                        answer(StoreReply::Waiting);
                        told = true;
                    }
                    let until = *until.lock().unwrap_or_else(|e| e.into_inner());
                    until.is_none_or(|t| Instant::now() < t)
                };
                let reply = run_store_job(&mut store, shown.as_mut(), job, &mut patience);
                answer(reply);
            }
        })?;
        Ok(StoreWorker { jobs, deadline })
    }

    pub fn submit(&self, job: StoreJob) {
        let _ = self.jobs.send(job);
    }

    /// Jobs still waiting for the lock give up after `patience` more.
    pub fn give_up_after(&self, patience: Duration) {
        *self.deadline.lock().unwrap_or_else(|e| e.into_inner()) = Some(Instant::now() + patience);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::Digest;
    use crate::filter::Scope;

    fn no_crash() -> Crashed {
        Arc::new(|why| panic!("unexpected crash: {why}"))
    }

    #[test]
    fn stale_queries_are_skipped_or_abandoned() {
        let engine = Arc::new(Engine::new(Arc::new(Digest::parse("t", "A\n\nB\n"))));
        let (tx, rx) = mpsc::channel();
        // A slow matcher: 50 ms, in 10 steps, giving up when cancelled.
        let worker = Worker::spawn_with(
            |job: &SearchJob, cancelled: &(dyn Fn() -> bool + Sync)| {
                for _ in 0..10 {
                    thread::sleep(Duration::from_millis(5));
                    if cancelled() {
                        return None;
                    }
                }
                Some(Ranked::all(job.seq as usize))
            },
            move |seq, r| tx.send((seq, r.len())).unwrap(),
            no_crash(),
        )
        .unwrap();
        for seq in 1..=5 {
            worker.submit(SearchJob {
                seq,
                query: Query::new("a", Scope::Title),
                engine: Arc::clone(&engine),
                within: None,
            });
            thread::sleep(Duration::from_millis(2));
        }
        let (seq, len) = rx.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!((seq, len), (5, 5), "only the newest query is answered");
        assert!(rx.recv_timeout(Duration::from_millis(200)).is_err());
    }

    #[test]
    fn a_panicking_search_is_reported_not_swallowed() {
        let engine = Arc::new(Engine::new(Arc::new(Digest::parse("t", "A\n\nB\n"))));
        let (tx, rx) = mpsc::channel();
        let worker = Worker::spawn_with(
            |_: &SearchJob, _: &(dyn Fn() -> bool + Sync)| -> Option<Ranked> {
                // In a helper thread, as the engine's fan-out would.
                crate::par::workers(2, || {
                    if thread::current().name() == Some("paperboy-helper") {
                        panic!("boom");
                    }
                });
                Some(Ranked::all(1))
            },
            |_, _| {},
            Arc::new(move |why| tx.send(why).unwrap()),
        )
        .unwrap();
        worker.submit(SearchJob {
            seq: 1,
            query: Query::new("a", Scope::Title),
            engine,
            within: None,
        });
        let why = rx.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!(why, "the search worker failed: boom");
    }
}
