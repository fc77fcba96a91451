//! Gives freed heap back to the system after a large read or build.
//!
//! glibc keeps what a read's threads freed in their arenas; a reader that
//! holds a year's library would otherwise carry a fifth more than it uses
//! (1.76x its files instead of 2.10x, measured on the arXiv year).

/// Returns free heap pages to the system; cheap beside the read it follows.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim takes no pointers and only releases free memory.
    unsafe {
        libc::malloc_trim(0);
    }
}
