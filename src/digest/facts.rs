//! What a source may say about a paper beyond its title and abstract: its
//! arXiv id, authors, upvotes, dates and links. Page text rarely says
//! more than the id (from its links); the API's JSON says nearly all.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

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
    /// arXiv categories, the primary first.
    pub categories: Vec<String>,
    /// An AI summary of the paper.
    pub summary: Option<String>,
    pub keywords: Vec<String>,
    /// The code repository's stars.
    pub stars: Option<u32>,
    pub organization: Option<String>,
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
        keep(&mut self.summary, &other.summary);
        if self.keywords.is_empty() {
            self.keywords.clone_from(&other.keywords);
        }
        self.stars = self.stars.max(other.stars);
        keep(&mut self.organization, &other.organization);
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
