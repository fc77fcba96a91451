//! paperboy: a terminal reader for research-paper digests.
//!
//! The modules are public so the integration tests and benchmarks can reach
//! them; the binary is a thin layer over [`cli`] and [`tui`].
//!
//! ```
//! use std::sync::Arc;
//! use paperboy::digest::Digest;
//! use paperboy::filter::{search_all, Engine, Query, Scope};
//!
//! let text = "Jul 29\n\nQuantized Vision Transformers\n\n\
//!             We quantize vision transformers to four bits and lose almost no accuracy at all.\n";
//! let digest = Digest::parse("today.txt", text);
//! assert_eq!(digest.get(0).title, "Quantized Vision Transformers");
//! assert_eq!(digest.get(0).date, Some("Jul 29"));
//! assert_eq!(digest.get(0).line, 3);
//!
//! let engine = Engine::new(Arc::new(digest));
//! let hits = search_all(&engine, &Query::new("quant vis", Scope::Title));
//! assert_eq!(hits.len(), 1);
//! ```

/// The version, with the commit it was built from when built from a
/// checkout (`0.1.0 (3f2a9c1d7e0b)`).
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), env!("PAPERBOY_GIT_SUFFIX"));

pub mod cli;
pub mod config;
pub mod day;
pub mod digest;
pub mod export;
pub mod filter;
pub mod fnv;
pub mod library;
pub mod mem;
pub mod par;
pub mod rank;
pub mod saved;
pub mod store;
pub mod synth;
pub mod tui;
pub mod wrap;
