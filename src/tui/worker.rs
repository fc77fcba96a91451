//! Matching off the UI thread. The reader hands each query to the worker and
//! goes on drawing and taking keys; the worker always works on the newest
//! query (older ones still queued are skipped, a running one is abandoned
//! between chunks) and answers with the query's sequence number, so the app
//! can drop anything stale.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use crate::filter::{Engine, Query, Ranked, Session};

pub struct Job {
    pub seq: u64,
    pub query: Query,
    pub engine: Arc<Engine>,
}

pub struct Worker {
    jobs: Sender<Job>,
    latest: Arc<AtomicU64>,
}

impl Worker {
    /// A worker running the real engine, answering through `answer`.
    pub fn spawn(answer: impl Fn(u64, Ranked) + Send + 'static) -> std::io::Result<Worker> {
        let mut session = Session::default();
        let mut current: Option<Arc<Engine>> = None;
        Worker::spawn_with(
            move |job: &Job, cancelled: &(dyn Fn() -> bool + Sync)| {
                if !current
                    .as_ref()
                    .is_some_and(|e| Arc::ptr_eq(e, &job.engine))
                {
                    session.reset();
                    current = Some(Arc::clone(&job.engine));
                }
                session.search(&job.engine, &job.query, cancelled)
            },
            answer,
        )
    }

    /// A worker running any search function (tests use a slow fake).
    pub fn spawn_with<S, A>(mut search: S, answer: A) -> std::io::Result<Worker>
    where
        S: FnMut(&Job, &(dyn Fn() -> bool + Sync)) -> Option<Ranked> + Send + 'static,
        A: Fn(u64, Ranked) + Send + 'static,
    {
        let (jobs, rx): (Sender<Job>, Receiver<Job>) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let newest = Arc::clone(&latest);
        thread::Builder::new()
            .name("paperboy-search".into())
            .spawn(move || {
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

    pub fn submit(&self, job: Job) {
        self.latest.store(job.seq, Ordering::Relaxed);
        // The worker only stops when the app does.
        let _ = self.jobs.send(job);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::Digest;
    use crate::filter::Scope;
    use std::time::Duration;

    #[test]
    fn stale_queries_are_skipped_or_abandoned() {
        let engine = Arc::new(Engine::new(Arc::new(Digest::parse("t", "A\n\nB\n"))));
        let (tx, rx) = mpsc::channel();
        // A slow matcher: 50 ms, in 10 steps, giving up when cancelled.
        let worker = Worker::spawn_with(
            |job: &Job, cancelled: &(dyn Fn() -> bool + Sync)| {
                for _ in 0..10 {
                    thread::sleep(Duration::from_millis(5));
                    if cancelled() {
                        return None;
                    }
                }
                Some(Ranked::all(job.seq as usize))
            },
            move |seq, r| tx.send((seq, r.len())).unwrap(),
        )
        .unwrap();
        for seq in 1..=5 {
            worker.submit(Job {
                seq,
                query: Query::new("a", Scope::Title),
                engine: Arc::clone(&engine),
            });
            thread::sleep(Duration::from_millis(2));
        }
        let (seq, len) = rx.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!((seq, len), (5, 5), "only the newest query is answered");
        assert!(rx.recv_timeout(Duration::from_millis(200)).is_err());
    }
}
