//! Synthetic digests for benchmarks and scale tests: deterministic, shaped
//! like the sample (titles of about 80 characters, abstracts of about 1,650,
//! a date section every day's worth of papers), with words drawn from the
//! sample's own vocabulary so matching behaves as it does on real text.

use std::io::{self, Write};
use std::path::Path;

use crate::day::Day;

use crate::digest::{SAMPLE, grammar};

/// The next of a small deterministic sequence (Marsaglia's xorshift, 13,
/// 7, 17): the one generator tests and benches draw with, so their draws
/// are the same every run.
pub fn xorshift(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

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

/// One generated paper.
struct Made<'a> {
    title: &'a str,
    abstract_: &'a str,
    /// 0-based day of the archive it is on.
    day: usize,
    index: usize,
    authors: usize,
}

/// Generates `papers` papers, handing each to `write`. The same `papers`
/// always gives the same papers.
fn generate(papers: usize, write: impl FnMut(&Made) -> io::Result<()>) -> io::Result<()> {
    generate_days(papers, 120, write)
}

/// As [`generate`], `per_day` papers a day.
fn generate_days(
    papers: usize,
    per_day: usize,
    mut write: impl FnMut(&Made) -> io::Result<()>,
) -> io::Result<()> {
    let (tw, aw) = vocabulary();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut title = String::with_capacity(256);
    let mut line = String::with_capacity(2048);
    for i in 0..papers {
        // Draw again in the rare case the words happen to read as a sentence.
        loop {
            title.clear();
            let n = 6 + rng.below(8);
            for k in 0..n {
                if k > 0 {
                    title.push(' ');
                }
                title.push_str(tw[rng.below(tw.len())]);
            }
            if !grammar::is_long(&title) && !grammar::reads_as_sentences(&title) {
                break;
            }
        }
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
        let authors = 1 + rng.below(12);
        write(&Made {
            title: &title,
            abstract_: &line,
            day: i / per_day.max(1),
            index: i,
            authors,
        })?;
    }
    Ok(())
}

/// The `day`th day of the archive, as `(month name, month, day of month)`.
fn day_of(day: usize) -> (&'static str, usize, usize) {
    let m = (day / 28) % 12;
    (MONTHS[m], m + 1, 1 + day % 28)
}

/// An arXiv-shaped id for the `i`th paper.
fn arxiv_id(i: usize) -> String {
    format!(
        "{:02}{:02}.{:05}",
        24 + i / 1_200_000 % 5,
        1 + i / 100_000 % 12,
        i % 100_000
    )
}

/// Writes a digest of `papers` papers to `out`, as the page's text. The
/// same `papers` always gives the same bytes.
pub fn write_digest(out: &mut impl Write, papers: usize) -> io::Result<()> {
    writeln!(out, "Daily Papers\n\nbyAK and the research community\n")?;
    generate(papers, |p| {
        if p.index % 120 == 0 {
            let (name, _, d) = day_of(p.day);
            writeln!(out, "{name} {d}\n")?;
        }
        writeln!(out, "{}\n\n{}\n", p.title, p.abstract_)
    })
}

/// The same papers as a Markdown capture: front matter, a heading per
/// day, `### [Title](…/papers/ID)`, the abstract as link text, the card's
/// author count and date.
pub fn write_markdown(out: &mut impl Write, papers: usize) -> io::Result<()> {
    writeln!(
        out,
        "---\ntitle: Daily Papers - Hugging Face\n---\n\n# Daily Papers\n"
    )?;
    generate(papers, |p| {
        let (name, _, d) = day_of(p.day);
        if p.index % 120 == 0 {
            writeln!(out, "## {name} {d}\n")?;
        }
        let url = format!("https://huggingface.co/papers/{}", arxiv_id(p.index));
        writeln!(out, "### [{}]({url})\n", md_escape(p.title))?;
        writeln!(out, "[{}]({url})\n", md_escape(p.abstract_))?;
        writeln!(out, "[- {} authors]({url}#authors)\n", p.authors)?;
        writeln!(out, "{name} {d}, 2025\n")
    })
}

/// Text escaped for Markdown, as a capture tool writes it.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if matches!(c, '\\' | '[' | ']' | '*' | '_' | '`' | '<' | '&' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The same papers as the daily papers API's JSON: an array of items.
pub fn write_json(out: &mut impl Write, papers: usize) -> io::Result<()> {
    write!(out, "[")?;
    generate(papers, |p| {
        let (_, m, d) = day_of(p.day);
        let item = api_item(p, &format!("2025-{m:02}-{d:02}T08:00:00.000Z"));
        if p.index > 0 {
            write!(out, ",")?;
        }
        writeln!(out)?;
        serde_json::to_writer(&mut *out, &item).map_err(io::Error::other)
    })?;
    writeln!(out, "\n]")
}

/// A paper as the API gives it, submitted at `date` (RFC 3339).
fn api_item(p: &Made, date: &str) -> serde_json::Value {
    let authors: Vec<serde_json::Value> = (0..p.authors)
        .map(|k| serde_json::json!({"_id": format!("a{k}"), "name": format!("Author {k} of {}", p.index), "hidden": false}))
        .collect();
    serde_json::json!({
        "paper": {
            "id": arxiv_id(p.index),
            "authors": authors,
            "publishedAt": date,
            "submittedOnDailyAt": date,
            "title": p.title,
            "summary": p.abstract_,
            "upvotes": p.index % 97,
            "discussionId": format!("d{}", p.index),
        },
        "publishedAt": date,
        "title": p.title,
        "summary": p.abstract_,
        "numComments": p.index % 5,
        "submittedBy": {"name": "akhaliq", "fullname": "AK", "type": "user"},
    })
}

/// Papers of a day that are on the next day's page too.
pub const CARRIED: usize = 2;

/// Generates a library: `days` days of the API's JSON, the last on `last`,
/// `per_day` new papers each plus the first [`CARRIED`] of the day before
/// (a paper stays on the page for days), one `YYYY-MM-DD.json` a day in
/// `dir`, as `fetch` writes them. Returns the bytes written.
pub fn write_library(dir: &Path, days: usize, per_day: usize, last: Day) -> io::Result<u64> {
    std::fs::create_dir_all(dir)?;
    let mut bytes = 0;
    let mut today: Vec<serde_json::Value> = Vec::new();
    let mut carried: Vec<serde_json::Value> = Vec::new();
    let mut flush =
        |items: &mut Vec<serde_json::Value>, carried: &mut Vec<serde_json::Value>, k: usize| {
            let day = last.plus(k as i64 + 1 - days as i64);
            let mut all = std::mem::take(carried);
            *carried = items.iter().take(CARRIED).cloned().collect();
            all.append(items);
            let body = serde_json::to_vec_pretty(&all).map_err(io::Error::other)?;
            bytes += body.len() as u64;
            std::fs::write(dir.join(format!("{day}.json")), body)
        };
    generate_days(days * per_day, per_day, |p| {
        let day = last.plus(p.day as i64 + 1 - days as i64);
        today.push(api_item(p, &format!("{day}T08:00:00.000Z")));
        if today.len() == per_day {
            flush(&mut today, &mut carried, p.day)?;
        }
        Ok(())
    })?;
    Ok(bytes)
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
    fn every_shape_holds_the_same_papers() {
        let mut md = Vec::new();
        write_markdown(&mut md, 300).unwrap();
        let mut json = Vec::new();
        write_json(&mut json, 300).unwrap();
        let text = Digest::parse("t", digest(300));
        let md = Digest::parse("m", &md);
        let json = Digest::parse("j", &json);
        for d in [&md, &json] {
            assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics.first());
            assert_eq!(d.len(), text.len());
            for i in 0..d.len() {
                assert_eq!(d.title(i), text.title(i));
                assert_eq!(d.get(i).abstract_text(), text.get(i).abstract_text());
            }
        }
        assert_eq!(
            json.facts(7).authors.len(),
            md.facts(7).author_count.unwrap() as usize
        );
    }

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
