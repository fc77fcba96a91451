//! Reading throughput of arXiv's listing e-mails and of feeds (arXiv's RSS,
//! its API's Atom), on generated days of 5,000 entries each.

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

fn sources(c: &mut Criterion) {
    let mut g = c.benchmark_group("sources");
    g.sample_size(10);
    for (name, text) in [
        ("arXiv e-mail", listing()),
        ("arXiv RSS", rss()),
        ("arXiv API Atom", atom()),
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
