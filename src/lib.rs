//! paperboy: a terminal reader for research-paper digests.
//!
//! The modules are public so the integration tests and benchmarks can reach
//! them; the binary is a thin layer over [`cli`] and [`tui`].

pub mod cli;
pub mod digest;
pub mod export;
pub mod filter;
pub mod store;
pub mod synth;
pub mod tui;
pub mod wrap;
