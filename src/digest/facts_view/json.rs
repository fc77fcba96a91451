//! The two JSON forms of a [`Record`]: the saved form (`export --format
//! json`) and the listed form (`list --json`, `similar`, `rank`, `top`,
//! `alerts`), sharing their common runs of fields.

use serde::Serialize;

use super::Record;
use crate::digest::{Digest, Links};

/// What both JSON forms begin with: the paper and where it was read.
#[derive(Serialize)]
struct Head<'r> {
    id: &'r str,
    title: &'r str,
    #[serde(rename = "abstract")]
    abstract_: &'r str,
    date: Option<&'r str>,
    source: &'r str,
    line: u32,
}

/// What both JSON forms say next: who wrote it, when, and where to read it.
#[derive(Serialize)]
struct Known<'r> {
    arxiv: Option<&'r str>,
    authors: &'r [String],
    author_count: Option<u32>,
    upvotes: Option<u32>,
    published: Option<&'r str>,
    links: Links,
}

/// What both JSON forms end with: what the site says of it.
#[derive(Serialize)]
struct SiteSays<'r> {
    /// The site's one-line summary.
    summary: Option<&'r str>,
    keywords: &'r [String],
    /// GitHub stars of the code.
    stars: Option<u32>,
    organization: Option<&'r str>,
    /// The Hugging Face comment count, always a number.
    num_comments: Option<u32>,
}

/// A saved paper as `export --format json` writes it (the fields
/// `lists.json` keeps, under the same names, left out as it leaves them).
#[derive(Serialize)]
struct Saved<'r> {
    #[serde(flatten)]
    head: Head<'r>,
    added: &'r str,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'r str>,
    #[serde(flatten)]
    known: Known<'r>,
    /// arXiv's categories, the primary one first.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    categories: &'r [String],
    /// arXiv's "Comments:".
    #[serde(skip_serializing_if = "Option::is_none")]
    comments: Option<&'r str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    journal_ref: Option<&'r str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    doi: Option<&'r str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<&'r str>,
    #[serde(flatten)]
    site: SiteSays<'r>,
    /// Image URLs (the teaser first).
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    media: &'r [String],
}

/// A paper as `list --json` writes it (and the items of `similar`, `rank`,
/// `top` and `alerts`): every field, `null` when unknown.
#[derive(Serialize)]
struct Listed<'r> {
    #[serde(flatten)]
    head: Head<'r>,
    /// Every file the paper was read from (more than one when duplicated).
    sources: &'r [String],
    #[serde(flatten)]
    known: Known<'r>,
    categories: &'r [String],
    primary_category: Option<&'r str>,
    /// arXiv's "Comments:" line where the paper has one, else the site's
    /// comment count: each issue that asked for `comments` gets its own.
    comments: Option<Comments<'r>>,
    journal_ref: Option<&'r str>,
    doi: Option<&'r str>,
    version: Option<&'r str>,
    /// `new`, `cross`, `replace` or `replace-cross`.
    announce: Option<&'r str>,
    #[serde(flatten)]
    site: SiteSays<'r>,
}

/// arXiv's comments (a string) or the site's comment count (a number).
#[derive(Serialize)]
#[serde(untagged)]
enum Comments<'r> {
    Text(&'r str),
    Count(u32),
}

impl Record<'_> {
    fn head(&self) -> Head<'_> {
        Head {
            id: &self.id,
            title: self.title,
            abstract_: &self.abstract_,
            date: self.date.as_deref(),
            source: self.source,
            line: self.line,
        }
    }

    fn known(&self) -> Known<'_> {
        let f = &self.facts;
        Known {
            arxiv: f.arxiv.as_deref(),
            authors: &f.authors,
            author_count: f.author_count,
            upvotes: f.upvotes,
            published: f.published.as_deref(),
            links: self.kept_links.cloned().unwrap_or_else(|| f.links()),
        }
    }

    fn site(&self) -> SiteSays<'_> {
        let f = &self.facts;
        SiteSays {
            summary: f.summary.as_deref(),
            keywords: &f.keywords,
            stars: f.stars,
            organization: f.organization.as_deref(),
            num_comments: f.comments,
        }
    }

    /// The saved form: what `export --format json` writes of a paper.
    pub fn saved_json(&self) -> impl Serialize + '_ {
        let f = &self.facts;
        Saved {
            head: self.head(),
            added: self.added.unwrap_or(""),
            note: self.note.as_deref(),
            known: self.known(),
            categories: &f.categories,
            comments: f.arxiv_comments.as_deref(),
            journal_ref: f.journal_ref.as_deref(),
            doi: f.doi.as_deref(),
            version: f.version.as_deref(),
            site: self.site(),
            media: &f.media,
        }
    }

    /// The listed form: what `list --json` writes of a paper.
    pub fn listed_json(&self) -> impl Serialize + '_ {
        let f = &self.facts;
        Listed {
            head: self.head(),
            sources: &self.places,
            known: self.known(),
            categories: &f.categories,
            primary_category: f.primary_category(),
            comments: f
                .arxiv_comments
                .as_deref()
                .map(Comments::Text)
                .or(f.comments.map(Comments::Count)),
            journal_ref: f.journal_ref.as_deref(),
            doi: f.doi.as_deref(),
            version: f.version.as_deref(),
            announce: f.announce.as_deref(),
            site: self.site(),
        }
    }
}

/// Paper `i` of a digest in its listed form (`list --json`), ready to be
/// written.
pub struct PaperJson<'a>(pub Record<'a>);

impl<'a> PaperJson<'a> {
    pub fn new(d: &'a Digest, i: usize) -> Self {
        PaperJson(Record::of_paper(d, i))
    }
}

impl Serialize for PaperJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.listed_json().serialize(s)
    }
}
