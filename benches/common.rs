//! Shared by the benches: the generated digest, written once per run to a
//! temp file so loading goes through the real file path.

#![allow(dead_code)]

use std::path::PathBuf;

/// Papers in the big digest: 100,000 unless PAPERBOY_BENCH_PAPERS says.
pub fn papers() -> usize {
    std::env::var("PAPERBOY_BENCH_PAPERS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000)
}

/// The generated digest on disk, as page text (kept in the target dir
/// between runs).
pub fn big_digest() -> PathBuf {
    big_file("txt")
}

/// The same papers as a generated file in a format: `txt` (page text),
/// `md` (a Markdown capture) or `json` (the API's JSON).
pub fn big_file(ext: &str) -> PathBuf {
    let n = papers();
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(format!("synthetic-{n}.{ext}"));
    if !path.exists() {
        let tmp = dir.join(format!("synthetic-{n}.{ext}.part"));
        let mut f = std::io::BufWriter::new(std::fs::File::create(&tmp).unwrap());
        match ext {
            "md" => paperboy::synth::write_markdown(&mut f, n),
            "json" => paperboy::synth::write_json(&mut f, n),
            _ => paperboy::synth::write_digest(&mut f, n),
        }
        .unwrap();
        drop(f);
        std::fs::rename(&tmp, &path).unwrap();
    }
    path
}

/// Resident memory of this process, in bytes (Linux).
pub fn rss() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<usize>().ok())
        .map_or(0, |kb| kb * 1024)
}
