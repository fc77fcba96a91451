//! Build script: the git commit the binary is built from, for `--version`
//! (empty when not built from a checkout, as from a published crate), and
//! the stamp of the ranking's sources, which keys the cached index.

use std::process::Command;

#[path = "rank/stamp.rs"]
mod stamp;

fn main() {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
    };
    let suffix = match git(&["rev-parse", "--short=12", "HEAD"]) {
        Some(commit) if !commit.is_empty() => format!(" ({commit})"),
        _ => String::new(),
    };
    println!("cargo:rustc-env=PAPERBOY_GIT_SUFFIX={suffix}");
    // Build again when the commit moves (paths are from the package root).
    if let Some(dir) = git(&["rev-parse", "--git-dir"]) {
        println!("cargo:rerun-if-changed={dir}/HEAD");
        if let Some(head) = git(&["symbolic-ref", "-q", "HEAD"]) {
            println!("cargo:rerun-if-changed={dir}/{head}");
        }
    }
    let root = std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    println!("cargo:rustc-env=PAPERBOY_RANK_STAMP={}", stamp::of(&root));
    // A directory is watched whole: any file under it changed, added or
    // removed runs this again.
    println!("cargo:rerun-if-changed=src/rank");
    println!("cargo:rerun-if-changed=Cargo.lock");
    println!("cargo:rerun-if-changed=src/build.rs");
}
