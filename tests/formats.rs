//! Every shape a Daily Papers page is saved in, each read as exactly the
//! papers on the page: no menu item, link, count or date taken for a
//! paper; titles and abstracts clean; the arXiv ids the page links.

use paperboy::digest::{Digest, Format, Input};

fn read(name: &str) -> Digest {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    Digest::load(&[Input::Path(path)])
}

fn titles(d: &Digest) -> Vec<&str> {
    (0..d.len()).map(|i| d.title(i)).collect()
}

fn ids(d: &Digest) -> Vec<Option<&str>> {
    (0..d.len()).map(|i| d.facts(i).arxiv.as_deref()).collect()
}

/// What no title or abstract of any shape may hold once read.
fn assert_clean(d: &Digest) {
    for i in 0..d.len() {
        let v = d.get(i);
        let abs = v.abstract_text();
        for text in [v.title, &*abs] {
            assert!(!text.contains("]("), "link syntax left in {text:?}");
            assert!(!text.contains('\\'), "a backslash left in {text:?}");
            assert!(
                !text.contains("  "),
                "white space not collapsed in {text:?}"
            );
            assert!(
                !text.contains(char::is_control),
                "a control character in {text:?}"
            );
            assert_eq!(text.trim(), text, "untrimmed {text:?}");
        }
        assert!(
            !v.title.starts_with("http"),
            "a link read as a title: {:?}",
            v.title
        );
        assert!(
            paperboy::digest::grammar::date_text(v.title).is_none(),
            "a date read as a title"
        );
    }
}

#[test]
fn a_text_export_with_links_on_their_own_lines() {
    let d = read("text-export.txt");
    assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
    assert_eq!(
        titles(&d),
        [
            "Dr. Kernel: Reinforcement Learning Done Right for Triton Kernel Generations",
            "GUI vs. CLI: Which Interface Should Computer-Use Agents Prefer?",
            "Shape of Thought: 3D Shape Foundation Models",
            "Exploration v.s. Exploitation: Rethinking RLVR through Clipping, Entropy, and Spurious Reward",
            "Can Small Models Reason? A Study of Distillation at Scale",
        ]
    );
    assert_eq!(
        ids(&d),
        [
            Some("2410.05434"),
            Some("2410.02012"),
            Some("2410.03001"),
            Some("2410.04002"),
            Some("2410.05999")
        ]
    );
    assert_clean(&d);
    // Short abstracts stand where abstracts stand.
    assert_eq!(d.get(2).abstract_text(), "3D Shape foundation model");
    assert_eq!(
        d.get(3).abstract_text(),
        "Project page: https://rlvr-explore.github.io"
    );
    // Per-paper dates are the papers' own; the page's section is Oct 7.
    assert!((0..d.len()).all(|i| d.get(i).date == Some("Oct 7")));
    let gui = d.facts(1);
    assert_eq!(
        (gui.author_count, gui.upvotes, gui.comments),
        (Some(8), Some(117), Some(3))
    );
    assert_eq!(gui.published.as_deref(), Some("Oct 4, 2024"));
    assert_eq!(d.facts(0).published.as_deref(), Some("Oct 7, 2024"));
}

#[test]
fn a_markdown_capture_with_link_text_abstracts_and_a_wrapped_title() {
    let d = read("capture.md");
    assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
    assert_eq!(
        titles(&d),
        [
            "Scaling Laws for Sparsely-Connected Foundation Models Trained on Everything at Once",
            "Kolmogorov-Arnold Networks Meet Graphs",
            "Tiny Titles",
        ],
        "the page lists the first paper twice: one paper"
    );
    assert_eq!(
        ids(&d),
        [Some("2502.18001"), Some("2502.18002"), Some("2502.18003")]
    );
    assert_clean(&d);
    assert!(d.get(0).abstract_text().starts_with(
        "We explore the impact of parameter sparsity on the scaling behavior of Transformers trained on massive datasets (i.e., \"foundation models\"), in both"
    ));
    assert!(d.get(1).abstract_text().contains("show & explain"));
    assert_eq!(d.get(2).abstract_text(), "Short one.");
    // The page's date (front matter), not the cards' own.
    assert!((0..d.len()).all(|i| d.get(i).date == Some("2025-02-27")));
    assert_eq!(d.facts(1).published.as_deref(), Some("Feb 26, 2025"));
    assert_eq!(d.facts(0).author_count, Some(3));
    assert_eq!(
        d.facts(0).github.as_deref(),
        Some("https://github.com/google/sparse-scaling")
    );
    assert_eq!(d.papers()[0].also.len(), 1);
}

#[test]
fn a_reference_link_capture_in_a_fence() {
    let d = read("capture-refs.md");
    assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
    assert_eq!(
        titles(&d),
        [
            "LLaVA-Mini: Efficient Image and Video Large Multimodal Models with One Vision Token",
            "Sketch It, Then Solve It: Planning with Diagrams",
            "Plain Headings Read Too",
        ]
    );
    assert_eq!(ids(&d), [Some("2503.00012"), None, None]);
    assert_clean(&d);
    assert!(
        d.get(0)
            .abstract_text()
            .contains("models understand vision tokens")
    );
    assert_eq!(d.facts(0).author_count, Some(9));
    assert_eq!(d.get(0).line, 6);
}

#[test]
fn the_apis_json_and_json_lines() {
    for name in ["daily.json", "daily.jsonl"] {
        let d = read(name);
        assert_eq!(
            titles(&d),
            [
                "Dr. Kernel: Reinforcement Learning Done Right for Triton Kernel Generations",
                "GUI vs. CLI: Which Interface Should Computer-Use Agents Prefer?",
                "Shape of Thought: 3D Shape Foundation Models",
            ],
            "{name}"
        );
        assert_eq!(
            ids(&d),
            [Some("2410.05434"), Some("2410.02012"), Some("2410.03002")]
        );
        assert_clean(&d);
        let f = d.facts(0);
        assert_eq!(f.authors, ["Wei Liu", "Ada O'Connor", "Ramón García"]);
        assert_eq!((f.upvotes, f.comments), (Some(117), Some(3)));
        assert_eq!(f.published.as_deref(), Some("2024-10-04"));
        assert_eq!(
            d.get(0).date,
            Some("2024-10-07"),
            "the day it was on the page"
        );
        assert_eq!(
            f.github.as_deref(),
            Some("https://github.com/example/dr-kernel")
        );
        assert_eq!(
            d.get(1).abstract_text(),
            "We compare graphical and command-line interfaces for computer-use agents & find that each wins somewhere."
        );
        assert_eq!(
            d.facts(1).project.as_deref(),
            Some("https://gui-vs-cli.github.io")
        );
    }
    // The broken item is a warning naming its line; the others are read.
    let d = read("daily.json");
    let msgs: Vec<String> = d.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(msgs.len(), 1);
    assert!(msgs[0].ends_with("daily.json:48: warning: item skipped: invalid type: string \"not a list\", expected a sequence"), "{msgs:?}");
}

#[test]
fn an_archive_of_short_abstracts_and_punctuated_titles_reads_exactly() {
    let d = read("archive-shapes.txt");
    assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
    let got: Vec<(&str, String)> = (0..d.len())
        .map(|i| (d.title(i), d.get(i).abstract_text().into_owned()))
        .collect();
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/archive-shapes.txt"),
    )
    .unwrap();
    // Read independently: after each date line, paragraphs alternate.
    let mut expected = Vec::new();
    let mut title = None;
    for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        if para == "Daily Papers" || paperboy::digest::grammar::date_text(para).is_some() {
            continue;
        }
        match title.take() {
            None => title = Some(para),
            Some(t) => expected.push((t, para.to_owned())),
        }
    }
    assert_eq!(got, expected);
    assert_eq!(
        d.get(5).abstract_text(),
        "https://mrbench.github.io/leaderboard"
    );
}

#[test]
fn a_forced_format_reads_as_told() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/capture.md");
    let as_text = Digest::load_with(
        &[Input::Path(path)],
        paperboy::digest::Keep::Everything,
        Some(Format::Text),
    );
    let formats: Vec<_> = as_text.formats().map(|(_, f)| f).collect();
    assert_eq!(formats, [Some(Format::Text)]);
}

/// Abstracts of a year of real days, as the site had them (a trimmed copy
/// of days in the archive): only a URL, beginning with `[`, a lone `.`.
/// The page's own tidy shape shows no link furniture, so none is removed.
#[test]
fn real_days_keep_their_odd_abstracts() {
    let d = read("archive-slips.txt");
    assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
    let got: Vec<(&str, String)> = (0..d.len())
        .map(|i| (d.title(i), d.get(i).abstract_text().into_owned()))
        .collect();
    assert_eq!(
        got,
        [
            ("ERNIE 5.0 Technical Report", "good work".to_owned()),
            (
                "FASA: Frequency-aware Sparse Attention",
                "[ICLR26] A very interesting and effective work to speed up the inference of large models!".to_owned()
            ),
            (
                "Guidelines to Prompt Large Language Models for Code Generation: An Empirical Characterization",
                ".".to_owned()
            ),
            (
                "OpenDataArena: A Fair and Open Arena for Benchmarking Post-Training Dataset Value",
                "https://opendataarena.github.io/index.html".to_owned()
            ),
            (
                "Reverse Personalization",
                "https://github.com/hanweikung/reverse-personalization".to_owned()
            ),
        ]
    );
}

/// A hard-wrapped copy of the sample: the URL that ends an abstract, on a
/// line of its own, is the abstract's end, not page furniture.
#[test]
fn a_wrapped_abstract_keeps_the_url_it_ends_with() {
    let d = read("wrapped-digest.txt");
    assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
    assert_eq!(
        titles(&d),
        [
            "DNABERT-S: Learning Species-Aware DNA Embedding with Genome Foundation Models",
            "LoRA-Mixer: Coordinate Modular LoRA Experts Through Serial Attention Routing",
        ]
    );
    let abs = d.get(0).abstract_text();
    assert!(
        abs.ends_with("The code, data, and pre-trained model are publicly available at https://github.com/Zhihan1996/DNABERT_S."),
        "{abs}"
    );
    assert!(abs.starts_with("Effective DNA embedding remains crucial in genomic analysis,"));
}

/// The sample's first papers hard-wrapped at 72 columns (`fold -s`, the
/// spaces at line ends trimmed): titles run onto a second or third line,
/// and each is still one paper with its whole title.
#[test]
fn a_title_wrapped_onto_several_lines_is_one_title() {
    let d = read("wrapped-titles.txt");
    assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
    assert_eq!(
        titles(&d),
        [
            "LRP-QViT: Mixed-Precision Vision Transformer Quantization via Layer-wise Relevance Propagation",
            "VQ-Logits: Compressing the Output Bottleneck of Large Language Models via Vector Quantized Logits",
            "Bristle: Decentralized Federated Learning in Byzantine, Non-i.i.d. Environments",
            "SentenceVAE: Enable Next-sentence Prediction for Large Language Models with Faster Speed, Higher Accuracy and Longer Context",
            "Large Language Model Distilling Medication Recommendation Model",
            "A Neural Network Architecture Combining Gated Recurrent Unit (GRU) and Support Vector Machine (SVM) for Intrusion Detection in Network Traffic Data",
        ]
    );
    let first = d.get(0).abstract_text();
    assert!(
        first.starts_with("Vision transformers (ViTs) have demonstrated remarkable performance across various visual tasks."),
        "{first}"
    );
    assert!(
        first.ends_with("in the context of 4-bit and 6-bit quantization."),
        "{first}"
    );
    let last = d.get(5).abstract_text();
    assert!(last.ends_with("testing time in the study."), "{last}");
}

#[test]
fn a_real_answer_of_2026_gives_the_sites_facts() {
    // Six items of a whole answer of /api/daily_papers (2026-06-12), as
    // served; the expected facts were read off the file.
    let d = read("api-2026-06-12.json");
    assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
    assert_eq!(
        ids(&d),
        [
            Some("2606.00467"),
            Some("2606.12730"),
            Some("2606.11409"),
            Some("2606.12303"),
            Some("2606.13289"),
            Some("2606.13392"),
        ]
    );
    let thumb = |id: &str| {
        format!("https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/{id}.png")
    };
    let f = d.facts(0);
    assert_eq!(
        f.summary.as_deref(),
        Some(
            "Large language models exhibit limited ability to correct zero-shot errors through \
             prompting, with model performance more strongly linked to definition-specific \
             familiarity than text-level memorization metrics."
        )
    );
    assert_eq!(
        f.keywords,
        [
            "zero-shot annotation",
            "LLM-as-a-judge",
            "model-internalized priors",
            "decision stickiness",
            "toxicity detection",
            "dense models",
            "mixture-of-experts models",
            "rescue rate",
            "high-confidence errors",
            "misaligned task definitions",
            "Definition-Specific Familiarity",
            "ROUGE-L",
            "BERTScore",
            "embedding cosine similarity",
        ]
    );
    assert_eq!(f.stars, None, "no githubStars");
    assert_eq!(
        f.organization.as_deref(),
        Some("California institute of technology")
    );
    assert_eq!(f.comments, Some(2));
    assert_eq!(f.media, [thumb("2606.00467")], "only the thumbnail");

    let f = d.facts(1);
    assert_eq!((f.stars, f.comments), (Some(1), Some(3)));
    assert_eq!(f.organization, None, "no organization");
    assert_eq!(f.keywords.len(), 11);
    assert_eq!(f.keywords[3], "Theory of Planned Behavior");

    // A teaser figure comes before the thumbnail.
    let f = d.facts(2);
    assert_eq!(
        f.media,
        [
            "https://cdn-uploads.huggingface.co/production/uploads/63cacbc502ee13c2af9d6759/huBiURDQzAZU1eFYFd9fi.png".to_owned(),
            thumb("2606.11409"),
        ]
    );
    assert_eq!(f.organization.as_deref(), Some("r-three"));
    assert_eq!((f.stars, f.upvotes), (Some(1), Some(8)));

    let f = d.facts(3);
    assert_eq!((f.stars, f.organization.as_deref()), (None, None));
    assert_eq!(
        f.summary
            .as_deref()
            .map(|s| s.split(' ').take(4).collect::<Vec<_>>().join(" ")),
        Some("A multimodal image fusion".to_owned())
    );

    let f = d.facts(4);
    assert_eq!(f.organization.as_deref(), Some("Nanjing University"));
    assert_eq!(
        f.keywords.first().map(String::as_str),
        Some("Vision Transformer")
    );

    let f = d.facts(5);
    assert_eq!(d.title(5), "MiniMax Sparse Attention");
    assert_eq!(
        (f.stars, f.upvotes, f.comments, f.organization.as_deref()),
        (Some(251), Some(103), Some(4), Some("MiniMax"))
    );
    assert_eq!(
        f.github.as_deref(),
        Some("https://github.com/MiniMax-AI/MSA")
    );
    assert_eq!(f.keywords.len(), 9);
    assert_eq!(f.media, [thumb("2606.13392")]);
}

#[test]
fn one_paper_object_of_api_papers_id_reads_as_a_digest() {
    // The `paper` of an item, alone: what /api/papers/2606.13392 answers.
    let d = read("api-paper.json");
    assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
    assert_eq!(titles(&d), ["MiniMax Sparse Attention"]);
    let f = d.facts(0);
    assert_eq!(f.arxiv.as_deref(), Some("2606.13392"));
    assert_eq!((f.upvotes, f.stars), (Some(103), Some(251)));
    assert_eq!(f.organization.as_deref(), Some("MiniMax"));
    assert_eq!(f.keywords.len(), 9);
    assert!(
        f.summary
            .as_deref()
            .unwrap()
            .starts_with("MiniMax Sparse Attention enables")
    );
    assert!(
        d.abstract_raw(0)
            .starts_with("Ultra-long-context capability is becoming")
    );
}

/// A "Web source" capture (a trimmed copy of a real one): a heading and
/// `- URL:` lines, then the page in a ```` ```text ```` fence, its links
/// numbered references with no definitions.
#[test]
fn a_web_source_capture_in_a_fence_under_its_header() {
    let d = read("web-source.md");
    assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
    assert_eq!(
        titles(&d),
        [
            "MURMUR: An Efficient Inference System for Long-Form ASR",
            "Gemini 1.5: Unlocking multimodal understanding across millions of tokens of context",
        ]
    );
    let murmur = d.get(0).abstract_text();
    assert!(
        murmur.starts_with("Long-form automatic speech recognition (ASR) requires both high accuracy and low latency, but existing systems force a trade-off between the two."),
        "{murmur}"
    );
    assert!(
        murmur.ends_with("The code of Murmur is available at https://github.com/uw-syfi/Murmur."),
        "{murmur}"
    );
    let gemini = d.get(1).abstract_text();
    assert!(gemini.ends_with("learns to translate English to Kalamang at a similar level to a person who learned from the same content."), "{gemini}");
}

/// A notebook's text export of a search page (a trimmed copy of a real
/// one): link URLs on lines of their own, an organisation's name linked
/// to its page (`Google`), the page's title repeated under its heading.
/// None of them is a paper.
#[test]
fn a_text_export_lists_no_names_or_page_titles_as_papers() {
    let d = read("plain-urls.txt");
    let t = titles(&d);
    for furniture in [
        "Google",
        "AK",
        "Daily Papers - Hugging Face",
        "and the research community",
        "Get trending papers in your email inbox once a day!",
        // The search box's value, above the Daily / Weekly / Monthly tabs.
        "Intercode Bash",
    ] {
        assert!(
            !t.contains(&furniture),
            "{furniture:?} read as a paper: {t:?}"
        );
    }
    let papers: Vec<_> = (0..d.len())
        .filter_map(|i| Some((d.title(i), d.facts(i).arxiv.as_deref()?)))
        .collect();
    assert_eq!(
        papers,
        [
            (
                "Better than Your Teacher: LLM Agents that learn from Privileged AI Feedback",
                "2410.05434"
            ),
            ("Soft Instruction De-escalation Defense", "2510.21057"),
        ]
    );
    assert_eq!(d.len(), 2, "{t:?}");
    assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
    let soft = d.get(d.find("2510.21057").unwrap()).abstract_text();
    assert!(
        soft.starts_with("Large Language Models (LLMs) are increasingly deployed in agentic systems that interact with an external environment;"),
        "{soft}"
    );
}

#[test]
fn a_search_answer_of_api_papers_search_reads_as_a_digest() {
    // /api/papers/search?q=… answers an array of items, each a `paper`
    // with the item's own title, summary and comment count around it.
    let d = read("api-search.json");
    assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
    assert_eq!(
        titles(&d),
        [
            "Risk Under Pressure: Compute-Aware Evaluation of Adversarial Robustness in Language Models",
            "MiniMax Sparse Attention"
        ]
    );
    assert_eq!(ids(&d), [Some("2606.11409"), Some("2606.13392")]);
    let f = d.facts(1);
    assert_eq!(f.upvotes, Some(103));
    assert_eq!(f.comments, Some(4));
    assert_eq!(f.authors[..2], ["Xunhao Lai", "Weiqi Xu"]);
    assert!(
        f.summary
            .as_deref()
            .unwrap()
            .starts_with("MiniMax Sparse Attention enables")
    );
    assert_eq!(d.facts(0).upvotes, Some(8));
    assert!(
        d.abstract_raw(0)
            .starts_with("Adversarial robustness evaluations")
    );
}

/// Three real days of the archive (trimmed) whose odd abstracts looked
/// like the live page's furniture: a lone link to the site's collections
/// or datasets, and an arXiv id alone. In the page's tidy shape they are
/// the abstracts, as the site had them.
#[test]
fn odd_abstracts_of_real_days_are_kept_as_the_site_had_them() {
    for (file, title, abstract_) in [
        (
            "archive-odd/2026-01-14.txt",
            "A Rising Tide Lifts All Boats: MTQE Rewards for Idioms Improve General Translation Quality",
            "https://huggingface.co/collections/ishikaa/a-rising-tide-lifts-all-boats-mtqe-rewards-for-idioms",
        ),
        (
            "archive-odd/2026-03-19.txt",
            "Anticipatory Planning for Multimodal AI Agents",
            "2603.16777",
        ),
        (
            "archive-odd/2026-06-29.txt",
            "Ko-WideSearch: A Korean Breadth-Search Benchmark for Exhaustive Set Enumeration by Web Agents",
            "https://huggingface.co/datasets/Minbyul/Ko-widesearch",
        ),
    ] {
        let d = read(file);
        assert!(d.diagnostics.is_empty(), "{file}: {:?}", d.diagnostics);
        assert_eq!(d.len(), 3, "{file}: {:?}", titles(&d));
        assert_eq!(d.title(1), title, "{file}");
        assert_eq!(d.abstract_raw(1), abstract_, "{file}");
    }
}
