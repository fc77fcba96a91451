//! What a source may say about a paper beyond its title and abstract: its
//! arXiv id, authors, upvotes, dates and links. Page text rarely says
//! more than the id (from its links); the API's JSON says nearly all.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::sanitize;

/// A paper's facts; every field may be unknown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// `2410.05434` or `hep-th/9901001`, without a version.
    pub arxiv: Option<String>,
    /// Names, in order; empty when unknown.
    pub authors: Vec<String>,
    /// How many authors the page said there are ("8 authors").
    pub author_count: Option<u32>,
    pub upvotes: Option<u32>,
    /// The paper's own date, where the source shows it.
    pub published: Option<String>,
    pub comments: Option<u32>,
    pub github: Option<String>,
    pub project: Option<String>,
    /// arXiv categories, the primary one first (`cs.CL`, `cs.AI`).
    pub categories: Vec<String>,
    /// arXiv's "Comments:" (`12 pages, 4 figures`).
    pub arxiv_comments: Option<String>,
    pub journal_ref: Option<String>,
    pub doi: Option<String>,
    /// The arXiv version read (`v2`).
    pub version: Option<String>,
    /// How arXiv announced it: `new`, `cross`, `replace` or `replace-cross`.
    pub announce: Option<String>,
    /// An AI-written summary a source carries beside the abstract.
    pub summary: Option<String>,
    /// arXiv's "Report-no:".
    pub report_no: Option<String>,
    /// The licence's URL, as arXiv gives it.
    pub license: Option<String>,
    /// The site's keywords for it (`ai_keywords`), in its order.
    pub keywords: Vec<String>,
    /// The GitHub stars of its code (`githubStars`).
    pub stars: Option<u32>,
    /// The organisation it was submitted for (`organization.fullname`).
    pub organization: Option<String>,
    /// Its images, http(s) URLs: the teaser figures (`mediaUrls`), then the
    /// thumbnail.
    pub media: Vec<String>,
}

/// What [`Facts::clean`] did.
#[derive(Debug, Default, PartialEq)]
pub struct Cleaning {
    /// Control characters and escape sequences removed.
    pub removed: usize,
    /// Links dropped as not web URLs (cleaned, for a message).
    pub dropped: Vec<String>,
    /// An arXiv id dropped as not one.
    pub bad_arxiv: Option<String>,
}

/// Where a paper can be read, as URLs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Links {
    /// The Hugging Face paper page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paper: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arxiv: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pdf: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub github: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
}

impl Facts {
    pub fn is_empty(&self) -> bool {
        *self == Facts::default()
    }

    /// Takes in what another copy of the paper says: known beats unknown,
    /// author names beat a count.
    pub fn merge(&mut self, other: &Facts) {
        fn keep<T: Clone>(mine: &mut Option<T>, theirs: &Option<T>) {
            if mine.is_none() {
                mine.clone_from(theirs);
            }
        }
        fn keep_some<T: Clone>(mine: &mut Option<T>, theirs: &Option<T>) {
            if theirs.is_some() {
                mine.clone_from(theirs);
            }
        }
        keep(&mut self.arxiv, &other.arxiv);
        if self.authors.is_empty() {
            self.authors.clone_from(&other.authors);
        }
        keep(&mut self.author_count, &other.author_count);
        if !self.authors.is_empty() {
            self.author_count = Some(self.authors.len() as u32);
        }
        self.upvotes = self.upvotes.max(other.upvotes);
        keep(&mut self.published, &other.published);
        self.comments = self.comments.max(other.comments);
        keep(&mut self.github, &other.github);
        keep(&mut self.project, &other.project);
        if self.categories.is_empty() {
            self.categories.clone_from(&other.categories);
        }
        keep(&mut self.arxiv_comments, &other.arxiv_comments);
        keep(&mut self.journal_ref, &other.journal_ref);
        keep(&mut self.doi, &other.doi);
        // The later version is the one to read.
        if version_number(&other.version) > version_number(&self.version) {
            self.version.clone_from(&other.version);
        }
        // A paper announced new in one listing is new (a cross-listing
        // elsewhere says less).
        if self.announce.is_none() || other.announce.as_deref() == Some("new") {
            keep_some(&mut self.announce, &other.announce);
        }
        keep(&mut self.summary, &other.summary);
        keep(&mut self.report_no, &other.report_no);
        keep(&mut self.license, &other.license);
        if self.keywords.is_empty() {
            self.keywords.clone_from(&other.keywords);
        }
        self.stars = self.stars.max(other.stars);
        keep(&mut self.organization, &other.organization);
        if self.media.is_empty() {
            self.media.clone_from(&other.media);
        }
    }

    /// What arXiv says of the paper, a line each, as `show` and the pane
    /// print it: categories, version and how it was announced; comments;
    /// journal; DOI.
    pub fn arxiv_lines(&self) -> Vec<String> {
        let mut head = Vec::new();
        if !self.categories.is_empty() {
            head.push(self.categories.join(" "));
        }
        head.extend(self.version.clone());
        head.extend(self.announce.as_deref().map(|a| match a {
            "new" => "new".to_owned(),
            "cross" => "cross-listed".to_owned(),
            "replace" => "replaced".to_owned(),
            "replace-cross" => "replaced, cross-listed".to_owned(),
            other => other.to_owned(),
        }));
        let mut out = Vec::new();
        if !head.is_empty() {
            out.push(head.join(" · "));
        }
        let labelled = [
            ("Comments", &self.arxiv_comments),
            ("Journal", &self.journal_ref),
            ("DOI", &self.doi),
        ];
        for (label, value) in labelled {
            if let Some(v) = value {
                out.push(format!("{label}: {v}"));
            }
        }
        out
    }

    /// The primary arXiv category (the first one).
    pub fn primary_category(&self) -> Option<&str> {
        self.categories.first().map(String::as_str)
    }

    /// The teaser image: the first image, when it is a web link.
    pub fn teaser(&self) -> Option<&str> {
        self.media
            .first()
            .map(String::as_str)
            .filter(|u| is_web_url(u))
    }

    pub fn links(&self) -> Links {
        let id = self.arxiv.as_deref();
        Links {
            paper: id.map(|id| format!("https://huggingface.co/papers/{id}")),
            arxiv: id.map(|id| format!("https://arxiv.org/abs/{id}")),
            pdf: id.map(|id| format!("https://arxiv.org/pdf/{id}")),
            github: self.github.clone(),
            project: self.project.clone(),
        }
    }

    /// Makes the facts safe to print and to open, after the source was
    /// decoded: what [`sanitize`] removes goes from every text (counted),
    /// a link that is not a web URL with a host is dropped (and named), an
    /// arXiv id that is not one is dropped.
    pub fn clean(&mut self) -> Cleaning {
        let mut c = Cleaning::default();
        let mut text = |s: &mut String| {
            // Printable ASCII (nearly every fact) has nothing to remove
            // and no line break: one pass the compiler vectorises.
            if sanitize::is_printable_ascii(s.as_bytes()) {
                return;
            }
            let (clean, n) = sanitize::clean_counted(s);
            if n > 0 || memchr::memchr2(b'\n', b'\r', s.as_bytes()).is_some() {
                let mut one = String::with_capacity(clean.len());
                sanitize::collapse_into(&mut one, &clean);
                *s = one;
                c.removed += n;
            }
        };
        self.authors.iter_mut().for_each(&mut text);
        self.authors.retain(|a| !a.is_empty());
        self.published.iter_mut().for_each(&mut text);
        self.categories.iter_mut().for_each(&mut text);
        self.categories.retain(|c| !c.is_empty());
        self.keywords.iter_mut().for_each(&mut text);
        self.keywords.retain(|k| !k.is_empty());
        self.organization.iter_mut().for_each(&mut text);
        self.media.iter_mut().for_each(&mut text);
        let (kept, dropped): (Vec<String>, Vec<String>) = std::mem::take(&mut self.media)
            .into_iter()
            .partition(|u| sanitize::web_url(u).is_some());
        self.media = kept;
        c.dropped.extend(dropped);
        for t in [
            &mut self.arxiv_comments,
            &mut self.journal_ref,
            &mut self.doi,
            &mut self.version,
            &mut self.announce,
            &mut self.summary,
            &mut self.report_no,
            &mut self.license,
        ] {
            t.iter_mut().for_each(&mut text);
        }
        for link in [&mut self.github, &mut self.project] {
            link.iter_mut().for_each(&mut text);
            if let Some(url) = link.take_if(|u| sanitize::web_url(u).is_none()) {
                c.dropped.push(url);
            }
        }
        self.arxiv.iter_mut().for_each(&mut text);
        c.bad_arxiv = self.arxiv.take_if(|a| !is_arxiv_id(a));
        c
    }

    /// The authors for a line of text at most `width` characters long:
    /// names while they fit, then `et al.`; the count when no names are
    /// known.
    pub fn authors_line(&self, width: usize) -> Option<String> {
        if self.authors.is_empty() {
            return self.author_count.map(|n| match n {
                1 => "1 author".to_owned(),
                n => format!("{n} authors"),
            });
        }
        let mut out = String::new();
        for (k, name) in self.authors.iter().enumerate() {
            let more = self.authors.len() - k - 1;
            let sep = if k == 0 { "" } else { ", " };
            let tail = if more > 0 { " et al." } else { "" };
            if k > 0 && out.chars().count() + sep.len() + name.chars().count() + tail.len() > width
            {
                out.push_str(" et al.");
                break;
            }
            let _ = write!(out, "{sep}{name}");
        }
        Some(out)
    }
}

/// The number of a version (`v2` -> 2), 0 when unknown.
fn version_number(v: &Option<String>) -> u32 {
    v.as_deref()
        .and_then(|v| v.strip_prefix('v'))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// Splits an id as arXiv writes it (`2601.15305v2`) into the id and its
/// version (`v2`), when it is one.
pub fn split_version(id: &str) -> Option<(String, Option<String>)> {
    let bare = unversioned(id);
    is_arxiv_id(bare).then(|| {
        let v = &id[bare.len()..];
        (bare.to_owned(), (!v.is_empty()).then(|| v.to_owned()))
    })
}

/// Whether `url` is an http(s) link with a host (the gate's rule).
pub fn is_web_url(url: &str) -> bool {
    sanitize::web_url(url).is_some()
}

/// Whether `s` is an arXiv identifier: new style (`2410.05434`,
/// `0704.0001`) or old style (`hep-th/9901001`, `math.GT/0309136`).
pub fn is_arxiv_id(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |x: &[u8]| !x.is_empty() && x.iter().all(u8::is_ascii_digit);
    if let Some(dot) = s.find('.')
        && dot == 4
        && digits(&b[..4])
        && (4..=5).contains(&(b.len() - 5))
        && digits(&b[5..])
    {
        return true;
    }
    match s.split_once('/') {
        Some((archive, number)) => {
            number.len() == 7
                && digits(number.as_bytes())
                && archive.len() >= 2
                && archive
                    .bytes()
                    .all(|c| c.is_ascii_alphabetic() || c == b'-' || c == b'.')
                && archive.as_bytes()[0].is_ascii_lowercase()
        }
        None => false,
    }
}

/// Drops a version suffix (`v2`) from an id.
fn unversioned(id: &str) -> &str {
    match id.rfind('v') {
        Some(i) if i > 0 && id[i + 1..].bytes().all(|c| c.is_ascii_digit()) && i + 1 < id.len() => {
            &id[..i]
        }
        _ => id,
    }
}

/// The arXiv id a link names: `huggingface.co/papers/ID`,
/// `arxiv.org/abs/ID`, `arxiv.org/pdf/ID`, also when percent-encoded inside
/// another link (`login?next=%2Fpapers%2FID`).
pub fn arxiv_from_url(url: &str) -> Option<String> {
    let decoded;
    let url = if url.contains("%2F") || url.contains("%2f") {
        decoded = url.replace("%2F", "/").replace("%2f", "/");
        decoded.as_str()
    } else {
        url
    };
    for marker in ["/papers/", "arxiv.org/abs/", "arxiv.org/pdf/"] {
        let Some(at) = url.find(marker) else { continue };
        let rest = &url[at + marker.len()..];
        let end = rest
            .find(['?', '#', '&', ')', ' ', '"', '>'])
            .unwrap_or(rest.len());
        let id = rest[..end].trim_end_matches('/').trim_end_matches(".pdf");
        // Old-style ids hold one slash; new-style none.
        let id = unversioned(id);
        if is_arxiv_id(id) {
            return Some(id.to_owned());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_of_both_styles() {
        for ok in [
            "2410.05434",
            "0704.0001",
            "1501.00001",
            "hep-th/9901001",
            "math.GT/0309136",
        ] {
            assert!(is_arxiv_id(ok), "{ok}");
        }
        for bad in [
            "2410.054",
            "241.05434",
            "2410-05434",
            "papers",
            "hep-th/990100",
            "/9901001",
        ] {
            assert!(!is_arxiv_id(bad), "{bad}");
        }
    }

    #[test]
    fn ids_from_every_kind_of_link() {
        let id = |u: &str| arxiv_from_url(u);
        assert_eq!(
            id("https://huggingface.co/papers/2410.05434"),
            Some("2410.05434".into())
        );
        assert_eq!(
            id("https://huggingface.co/papers/2410.05434#community"),
            Some("2410.05434".into())
        );
        assert_eq!(
            id("https://arxiv.org/abs/2410.05434v3"),
            Some("2410.05434".into())
        );
        assert_eq!(
            id("https://arxiv.org/pdf/2410.05434v1.pdf"),
            Some("2410.05434".into())
        );
        assert_eq!(
            id("http://arxiv.org/abs/hep-th/9901001v2"),
            Some("hep-th/9901001".into())
        );
        assert_eq!(
            id("https://huggingface.co/login?next=%2Fpapers%2F2410.05434"),
            Some("2410.05434".into())
        );
        assert_eq!(id("https://huggingface.co/papers"), None);
        assert_eq!(id("https://huggingface.co/papers?date=2024-10-07"), None);
        assert_eq!(id("https://github.com/a/b"), None);
    }

    #[test]
    fn cleaning_removes_controls_and_drops_links_that_are_not_web_urls() {
        let mut f = Facts {
            arxiv: Some("2410.05434\u{1b}[2J".into()),
            authors: vec!["Ada\u{1b}]0;t\u{7} Lovelace".into(), "\u{202e}".into()],
            published: Some("Oct\u{9b}1m 7".into()),
            github: Some("--remote-debugging-port=9222/github.com".into()),
            project: Some("https://ok.org/p".into()),
            ..Facts::default()
        };
        let c = f.clean();
        assert_eq!(f.authors, ["Ada Lovelace"]);
        assert_eq!(f.published.as_deref(), Some("Oct 7"));
        assert_eq!(f.github, None);
        assert_eq!(f.project.as_deref(), Some("https://ok.org/p"));
        assert_eq!(f.arxiv.as_deref(), Some("2410.05434"));
        assert_eq!(c.removed, 4);
        assert_eq!(c.dropped, ["--remote-debugging-port=9222/github.com"]);
        assert_eq!(c.bad_arxiv, None);
        let mut file = Facts {
            arxiv: Some("../../etc".into()),
            project: Some("file:///etc/passwd".into()),
            github: Some("javascript:alert(1)".into()),
            ..Facts::default()
        };
        let c = file.clean();
        assert_eq!(
            (c.dropped.len(), c.bad_arxiv.as_deref()),
            (2, Some("../../etc"))
        );
        assert_eq!(file.arxiv, None);
        assert_eq!((file.project, file.github), (None, None));
    }

    #[test]
    fn merging_keeps_the_richest() {
        let mut a = Facts {
            author_count: Some(3),
            upvotes: Some(4),
            ..Facts::default()
        };
        let b = Facts {
            arxiv: Some("2410.05434".into()),
            authors: vec!["A".into(), "B".into(), "C".into()],
            upvotes: Some(9),
            ..Facts::default()
        };
        a.merge(&b);
        assert_eq!(a.authors.len(), 3);
        assert_eq!(a.author_count, Some(3));
        assert_eq!(a.upvotes, Some(9));
        assert_eq!(a.arxiv.as_deref(), Some("2410.05434"));
    }

    #[test]
    fn only_web_links_with_a_host() {
        for ok in ["https://a.b/c.png", "http://x", "https://h:8080/p?q#f"] {
            assert!(is_web_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "https://",
            "https:///path",
            "https://a b",
            "https://a\u{1b}[2J",
            "ftp://a.b/c",
            "//a.b/c",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
        let f = Facts {
            media: vec!["file:///x.png".into(), "https://a.b/t.png".into()],
            ..Facts::default()
        };
        assert_eq!(f.teaser(), None, "the first image, or none");
    }

    #[test]
    fn the_sites_facts_merge_known_over_unknown() {
        let mut a = Facts {
            stars: Some(3),
            ..Facts::default()
        };
        let b = Facts {
            summary: Some("S.".into()),
            keywords: vec!["k".into()],
            stars: Some(7),
            organization: Some("O".into()),
            media: vec!["https://a.b/t.png".into()],
            ..Facts::default()
        };
        a.merge(&b);
        assert_eq!(a, Facts { ..b.clone() });
        let mut c = b.clone();
        c.merge(&Facts {
            summary: Some("other".into()),
            ..Facts::default()
        });
        assert_eq!(c.summary.as_deref(), Some("S."), "the first known stays");
    }

    #[test]
    fn authors_are_shortened_to_fit() {
        let f = Facts {
            authors: vec![
                "Ada Lovelace".into(),
                "Alan Turing".into(),
                "Grace Hopper".into(),
            ],
            ..Facts::default()
        };
        assert_eq!(
            f.authors_line(80).unwrap(),
            "Ada Lovelace, Alan Turing, Grace Hopper"
        );
        assert_eq!(
            f.authors_line(32).unwrap(),
            "Ada Lovelace, Alan Turing et al."
        );
        assert_eq!(f.authors_line(31).unwrap(), "Ada Lovelace et al.");
        assert_eq!(f.authors_line(5).unwrap(), "Ada Lovelace et al.");
        let n = Facts {
            author_count: Some(8),
            ..Facts::default()
        };
        assert_eq!(n.authors_line(5).unwrap(), "8 authors");
    }
}
