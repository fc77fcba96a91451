//! Reading throughput of arXiv's listing e-mails and of feeds (arXiv's RSS,
//! its API's Atom, a paper site's JSON Feed), on generated days of 5,000
//! entries each, through `Digest::parse` (recognising the format first).
//! The plain listing is the one measured before; the real-shaped one has
//! what real days have: every field, wrapped lines, affiliations, the
//! cross-listings and replacements sections.

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, Throughput};

use paperboy::digest::Digest;

const ENTRIES: usize = 5000;

const ABSTRACT: &str = "We study retrieval for long-context question answering. We route each
query to a sparse mixture of retrieval experts and show that three experts
suffice on four benchmarks, at a fraction of the cost of dense retrieval,
and we release the code and the data.";

fn listing() -> String {
    let mut s = String::from("Send any comments regarding submissions directly to submitter.\n");
    for k in 0..ENTRIES {
        let _ = writeln!(
            s,
            "------------------------------------------------------------------------------\n\\\\\narXiv:2601.{k:05}\nDate: Tue, 20 Jan 2026 18:59:58 GMT   (215kb)\n\nTitle: Sparse Mixtures of Retrieval Experts, part {k}, for Long-Context\n  Question Answering\nAuthors: Ada Lovelace, Alan Turing and Grace Hopper\nCategories: cs.CL cs.AI cs.LG\nComments: 12 pages, 4 figures\n\\\\\n  {ABSTRACT}\n\\\\ ( https://arxiv.org/abs/2601.{k:05} ,  215kb)\n"
        );
    }
    s
}

/// An entry of a real day: its fields as arXiv writes them, wrapped.
fn real_entry(s: &mut String, k: usize, head: &str, date: &str) {
    let _ = writeln!(
        s,
        "------------------------------------------------------------------------------\n\\\\\n{head}\n{date}\n\nTitle: Sparse Mixtures of Retrieval Experts, part {k}, for Long-Context\n  Question Answering\nAuthors: Ada Lovelace, Alan Turing (University of Manchester) and Grace\n  Hopper\nCategories: cs.CL cs.AI cs.LG\nComments: 12 pages, 4 figures; code at https://github.com/example/smore\nJournal-ref: Transactions on Machine Learning Research, 2026\nDOI: 10.48550/arXiv.2601.{k:05}\nReport-no: MAN-CS-2026-01\nLicense: http://creativecommons.org/licenses/by/4.0/\n\\\\\n  {ABSTRACT}\n\\\\ ( https://arxiv.org/abs/2601.{k:05} ,  215kb)"
    );
}

/// A real-shaped day: new entries, then cross-listings, then replacements.
fn real_listing() -> String {
    let mut s = String::from(
        "------------------------------------------------------------------------------\nSend any comments regarding submissions directly to submitter.\n------------------------------------------------------------------------------\nArchives at http://arxiv.org/\n Submissions to:\nComputation and Language\n received from  Mon 19 Jan 26 19:00:00 GMT  to  Tue 20 Jan 26 19:00:00 GMT\n",
    );
    let date = "Date: Tue, 20 Jan 2026 18:59:58 GMT   (215kb)";
    for k in 0..ENTRIES {
        match k {
            3000 => s.push_str("%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%\n"),
            4000 => s.push_str("%%%---%%%---%%%---%%%---%%%---%%%---%%%---%%%---%%%\n"),
            _ => {}
        }
        let (head, date) = match k {
            0..3000 => (format!("arXiv:2601.{k:05}"), date),
            3000..4000 => (format!("arXiv:2601.{k:05} (*cross-listing*)"), date),
            _ if k % 2 == 0 => (
                format!("arXiv:2601.{k:05}"),
                "replaced with revised version Tue, 20 Jan 2026 11:00:00 GMT   (300kb)",
            ),
            _ => (
                format!("arXiv:2601.{k:05} (*cross-listing*)"),
                "Date (revised v3): Tue, 20 Jan 2026 08:30:00 GMT   (45kb)",
            ),
        };
        real_entry(&mut s, k, &head, date);
    }
    s
}

fn rss() -> String {
    let mut s = String::from(
        "<?xml version='1.0' encoding='UTF-8'?>\n<rss xmlns:arxiv=\"http://arxiv.org/schemas/atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" version=\"2.0\"><channel><title>cs.CL updates on arXiv.org</title><pubDate>Wed, 21 Jan 2026 00:00:00 -0500</pubDate>\n",
    );
    for k in 0..ENTRIES {
        let _ = writeln!(
            s,
            "<item><title>Sparse Mixtures of Retrieval Experts, part {k}</title><link>https://arxiv.org/abs/2601.{k:05}</link><description>arXiv:2601.{k:05}v1 Announce Type: new \nAbstract: {ABSTRACT}</description><guid isPermaLink=\"false\">oai:arXiv.org:2601.{k:05}v1</guid><category>cs.CL</category><category>cs.AI</category><pubDate>Wed, 21 Jan 2026 00:00:00 -0500</pubDate><arxiv:announce_type>new</arxiv:announce_type><dc:rights>http://creativecommons.org/licenses/by/4.0/</dc:rights><dc:creator>Ada Lovelace, Alan Turing, Grace Hopper</dc:creator></item>"
        );
    }
    s.push_str("</channel></rss>\n");
    s
}

fn atom() -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
    );
    for k in 0..ENTRIES {
        let _ = writeln!(
            s,
            "<entry><id>http://arxiv.org/abs/2601.{k:05}v1</id><published>2026-01-20T18:59:58Z</published><title>Sparse Mixtures of Retrieval Experts, part {k}</title><summary>{ABSTRACT}</summary><author><name>Ada Lovelace</name></author><author><name>Alan Turing</name></author><arxiv:comment xmlns:arxiv=\"http://arxiv.org/schemas/atom\">12 pages</arxiv:comment><link href=\"http://arxiv.org/abs/2601.{k:05}v1\" rel=\"alternate\" type=\"text/html\"/><arxiv:primary_category xmlns:arxiv=\"http://arxiv.org/schemas/atom\" term=\"cs.CL\"/><category term=\"cs.CL\"/><category term=\"cs.AI\"/></entry>"
        );
    }
    s.push_str("</feed>\n");
    s
}

fn json_feed() -> String {
    let mut s = String::from(
        "{\n  \"version\": \"https://jsonfeed.org/version/1.1\",\n  \"title\": \"Hugging Face Daily Papers\",\n  \"items\": [\n",
    );
    let abstract_ = ABSTRACT.replace('\n', " ");
    for k in 0..ENTRIES {
        let comma = if k + 1 < ENTRIES { "," } else { "" };
        let _ = writeln!(
            s,
            "    {{\"id\": \"https://huggingface.co/papers/2601.{k:05}\", \"url\": \"https://huggingface.co/papers/2601.{k:05}\", \"external_url\": \"https://arxiv.org/abs/2601.{k:05}v1\", \"title\": \"Sparse Mixtures of Retrieval Experts, part {k}\", \"content_text\": \"Abstract Three sparse retrieval experts answer long-context questions. Generated by Gemini 2.5 Flash {abstract_}\", \"date_published\": \"2026-01-20T00:00:00Z\", \"authors\": [{{\"name\": \"Ada Lovelace\"}}, {{\"name\": \"Alan Turing\"}}, {{\"name\": \"Grace Hopper\"}}], \"tags\": [\"cs.CL\", \"retrieval\"]}}{comma}"
        );
    }
    s.push_str("  ]\n}\n");
    s
}

fn sources(c: &mut Criterion) {
    let mut g = c.benchmark_group("sources");
    g.sample_size(10);
    for (name, text) in [
        ("arXiv e-mail", listing()),
        ("arXiv e-mail, real-shaped", real_listing()),
        ("arXiv RSS", rss()),
        ("arXiv API Atom", atom()),
        ("JSON Feed", json_feed()),
    ] {
        assert_eq!(Digest::parse("bench", &text).len(), ENTRIES, "{name}");
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(
            format!("{name}, {ENTRIES} entries ({} KiB)", text.len() >> 10),
            |b| b.iter(|| Digest::parse("bench", black_box(&text))),
        );
    }
    g.finish();
}

criterion::criterion_group!(benches, sources);
criterion::criterion_main!(benches);
