//! Synthetic digests for benchmarks and scale tests: deterministic, shaped
//! like the sample (titles of about 80 characters, abstracts of about 1,650,
//! a date section every day's worth of papers), with words drawn from the
//! sample's own vocabulary so matching behaves as it does on real text.

use std::io::{self, Write};

use crate::digest::{SAMPLE, grammar};

/// A small, fast, deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Title words and abstract words of the sample, in order of appearance.
fn vocabulary() -> (Vec<&'static str>, Vec<&'static str>) {
    let blocks: Vec<&str> = SAMPLE
        .lines()
        .skip(12)
        .filter(|l| !l.trim().is_empty())
        .collect();
    let mut titles = Vec::new();
    let mut abstracts = Vec::new();
    for (i, l) in blocks.iter().enumerate() {
        let words = l.split_whitespace();
        if i % 2 == 0 {
            titles.extend(words);
        } else {
            abstracts.extend(words);
        }
    }
    (titles, abstracts)
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Writes a digest of `papers` papers to `out`. The same `papers` always
/// gives the same bytes.
pub fn write_digest(out: &mut impl Write, papers: usize) -> io::Result<()> {
    let (tw, aw) = vocabulary();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    writeln!(out, "Daily Papers\n\nbyAK and the research community\n")?;
    let mut line = String::with_capacity(2048);
    for i in 0..papers {
        if i % 120 == 0 {
            let day = i / 120;
            writeln!(out, "{} {}\n", MONTHS[(day / 28) % 12], 1 + day % 28)?;
        }
        // Draw again in the rare case the words happen to read as a sentence.
        loop {
            line.clear();
            let n = 6 + rng.below(8);
            for k in 0..n {
                if k > 0 {
                    line.push(' ');
                }
                line.push_str(tw[rng.below(tw.len())]);
            }
            if !grammar::is_long(&line) && !grammar::reads_as_sentences(&line) {
                break;
            }
        }
        writeln!(out, "{line}\n")?;
        line.clear();
        // Abstracts run of consecutive sample words, so they read as prose.
        let target = 1400 + rng.below(500);
        while line.len() < target {
            let start = rng.below(aw.len());
            for w in aw[start..].iter().take(8 + rng.below(24)) {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(w);
            }
        }
        line.push('.');
        writeln!(out, "{line}\n")?;
    }
    Ok(())
}

/// The digest as a string.
pub fn digest(papers: usize) -> String {
    let mut v = Vec::new();
    let _ = write_digest(&mut v, papers);
    String::from_utf8(v).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::Digest;

    #[test]
    fn synthetic_digest_parses_cleanly() {
        let text = digest(500);
        let d = Digest::parse("synth", &text);
        assert!(d.diagnostics.is_empty(), "{:?}", &d.diagnostics[..1]);
        assert!(d.len() >= 495, "few duplicates: {}", d.len());
        let avg = text.len() / 500;
        assert!((1400..2100).contains(&avg), "{avg} bytes per paper");
        assert_eq!(digest(500), text, "deterministic");
    }
}
