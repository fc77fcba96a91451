//! Where papers came from (the Daily Papers, arXiv), and which sources a
//! paper and a day of a digest hold.

use super::{Digest, Format};
use crate::day::Day;

/// Where a day's papers came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// The Daily Papers of Hugging Face (and pages of them).
    Hf,
    /// arXiv's listings, feeds and e-mails.
    Arxiv,
}

impl Source {
    /// As a person reads it: `hf`, `arXiv`.
    pub fn label(self) -> &'static str {
        match self {
            Source::Hf => "hf",
            Source::Arxiv => "arXiv",
        }
    }

    /// As JSON and the query's `src:` name it: `hf`, `arxiv`.
    pub fn key(self) -> &'static str {
        match self {
            Source::Hf => "hf",
            Source::Arxiv => "arxiv",
        }
    }

    /// The source of papers read in `format`.
    pub fn of_format(format: Format) -> Source {
        match format.family() {
            "arxiv" => Source::Arxiv,
            _ => Source::Hf,
        }
    }

    /// Sources as a day's or a paper's line says them: `hf + arXiv`.
    pub fn line(sources: &[Source]) -> String {
        let labels: Vec<&str> = sources.iter().map(|s| s.label()).collect();
        labels.join(" + ")
    }
}

impl Digest {
    /// The source of each file read, by the format it was read as.
    fn source_of(&self, source: u32) -> Source {
        self.format_of(source).map_or(Source::Hf, Source::of_format)
    }

    /// The sources paper `i` came from, each once, the Daily Papers first.
    pub fn sources_of(&self, i: usize) -> Vec<Source> {
        let p = &self.papers[i];
        let mut out: Vec<Source> = std::iter::once(p.origin)
            .chain(p.also.iter().copied())
            .map(|o| self.source_of(o.source))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The sources of the files named for the day of `key` (as the library
    /// names them: `2026-01-21.json`, `2026-01-21.arxiv.xml`), each once.
    pub fn sources_on(&self, key: u32) -> Vec<Source> {
        let mut out: Vec<Source> = (0..self.sources.len() as u32)
            .filter(|&s| {
                let name = &self.sources[s as usize];
                let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
                Day::parse(file).is_some_and(|d| d.key() == key)
            })
            .map(|s| self.source_of(s))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Whether the files read hold papers of more than one source (only
    /// then do the reader's lines name sources).
    pub fn has_many_sources(&self) -> bool {
        let mut all = (0..self.sources.len() as u32).map(|s| self.source_of(s));
        all.next()
            .is_some_and(|first| all.any(|other| other != first))
    }

    /// Whether paper `i` is only a replacement: arXiv announced a new
    /// version of it (`replace`, `replace-cross`) and no other source had
    /// it. A replacement is marked, and never counted as new.
    pub fn is_replacement(&self, i: usize) -> bool {
        let replaced = self.papers[i]
            .facts
            .as_ref()
            .and_then(|f| f.announce.as_deref())
            .is_some_and(|a| a.starts_with("replace"));
        replaced && self.sources_of(i) == [Source::Arxiv]
    }
}
