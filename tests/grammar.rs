//! The grammar against the sample digest and every real-world variation of it.

use paperboy::digest::{Digest, Severity};

const SAMPLE: &str = include_str!("../assets/daily-papers-jul-29.txt");

/// (title, abstract, date, line) of every paper.
fn papers(d: &Digest) -> Vec<(String, String, Option<String>, u32)> {
    (0..d.len())
        .map(|i| {
            let v = d.get(i);
            (
                v.title.to_owned(),
                v.abstract_text().into_owned(),
                v.date.map(str::to_owned),
                v.line,
            )
        })
        .collect()
}

/// The same without line numbers, for variants that move lines.
fn content(d: &Digest) -> Vec<(String, String, Option<String>)> {
    papers(d)
        .into_iter()
        .map(|(t, a, d, _)| (t, a, d))
        .collect()
}

/// The sample read independently of the grammar: after the 12 header lines,
/// non-blank lines alternate title, abstract.
fn expected_sample() -> Vec<(String, String, Option<String>, u32)> {
    let lines: Vec<&str> = SAMPLE.lines().collect();
    let mut out = Vec::new();
    let mut pending: Option<(String, u32)> = None;
    for (n, l) in lines.iter().enumerate().skip(12) {
        if l.is_empty() {
            continue;
        }
        match pending.take() {
            None => pending = Some((l.to_string(), n as u32 + 1)),
            Some((t, line)) => out.push((t, l.to_string(), Some("Jul 29".into()), line)),
        }
    }
    out
}

#[test]
fn sample_reads_exactly() {
    let d = Digest::parse("s.txt", SAMPLE);
    assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
    let got = papers(&d);
    assert_eq!(got.len(), 121);
    assert_eq!(got[0].3, 13);
    assert_eq!(got, expected_sample());
}

#[test]
fn line_endings_bom_spaces_and_blank_runs_change_nothing() {
    let base = papers(&Digest::parse("s.txt", SAMPLE));
    let variants = [
        ("crlf", SAMPLE.replace('\n', "\r\n")),
        ("cr", SAMPLE.replace('\n', "\r")),
        ("bom", format!("\u{feff}{SAMPLE}")),
        ("no final newline", SAMPLE.trim_end().to_owned()),
        (
            "trailing spaces",
            SAMPLE
                .lines()
                .map(|l| format!("{l}  \t"))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
    ];
    for (what, text) in variants {
        let d = Digest::parse("v.txt", &text);
        assert_eq!(papers(&d), base, "{what}");
        assert!(
            d.diagnostics
                .iter()
                .all(|x| x.severity == Severity::Warning),
            "{what}"
        );
    }
    // These move lines, so compare everything but line numbers.
    let base = content(&Digest::parse("s.txt", SAMPLE));
    let blank_runs = SAMPLE.replace("\n\n", "\n\n\n\n");
    let headerless = SAMPLE.lines().skip(10).collect::<Vec<_>>().join("\n");
    assert_eq!(content(&Digest::parse("v", &blank_runs)), base);
    assert_eq!(content(&Digest::parse("v", &headerless)), base);
    let no_header_no_date = SAMPLE.lines().skip(12).collect::<Vec<_>>().join("\n");
    let d = Digest::parse("v", &no_header_no_date);
    assert_eq!(d.len(), 121);
    assert_eq!(d.get(0).date, None);
}

const ABS: &str =
    "We propose a method that works well on many tasks and beats every baseline we tried.";

#[test]
fn each_paper_takes_its_sections_date() {
    let text = format!(
        "Daily Papers\n\nJul 29\n\nFirst Paper\n\n{ABS}\n\nJul 28\n\nSecond Paper\n\n{ABS}\n"
    );
    let d = Digest::parse("d.txt", &text);
    assert_eq!(d.get(0).date, Some("Jul 29"));
    assert_eq!(d.get(1).date, Some("Jul 28"));
    assert_eq!(d.get(1).line, 11);
}

#[test]
fn page_furniture_is_skipped() {
    let text = format!(
        "new\nGet trending papers in your email inbox!\nSubscribe\nDaily Papers\nbyAK and the research community\nJul 29\n\n\
         Upvote\n42\nFirst Paper\nSubmitted by akhaliq\n· 8 authors\n\n{ABS}\nGitHub 11.3k\n\n\
         Published on Jul 28\n- 3 authors\nSecond Paper\n\n123\n\n{ABS}\n"
    );
    let d = Digest::parse("d.txt", &text);
    assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
    let got = content(&d);
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].0, "First Paper");
    assert_eq!(got[0].1, ABS);
    assert_eq!(got[1].0, "Second Paper");
    assert_eq!(got[1].1, ABS);
}

#[test]
fn non_ascii_text_anywhere() {
    let abs = "我们提出了一种新的量化方法，它在许多任务上都表现良好。 Les résultats sont très bons 🚀 and we show that it works on many tasks.";
    let text = format!("Jul 29\n\n量子化: Über Café Models 🚀\n\n{abs}\n");
    let d = Digest::parse("d.txt", &text);
    assert_eq!(
        content(&d),
        vec![(
            "量子化: Über Café Models 🚀".into(),
            abs.into(),
            Some("Jul 29".into())
        )]
    );
}

#[test]
fn title_without_abstract_is_kept_with_a_warning() {
    let text = format!("Jul 29\n\nLonely Title\n\nSecond Paper\n\n{ABS}\n\nLast Title\n");
    let d = Digest::parse("d.txt", &text);
    let got = content(&d);
    assert_eq!(got.len(), 3);
    assert_eq!((got[0].0.as_str(), got[0].1.as_str()), ("Lonely Title", ""));
    assert_eq!(
        (got[1].0.as_str(), got[1].1.as_str()),
        ("Second Paper", ABS)
    );
    assert_eq!((got[2].0.as_str(), got[2].1.as_str()), ("Last Title", ""));
    let msgs: Vec<String> = d.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        msgs,
        [
            "d.txt:3: warning: title with no abstract: Lonely Title",
            "d.txt:9: warning: title with no abstract: Last Title"
        ]
    );
}

#[test]
fn hard_wrapped_abstract_is_one_paragraph() {
    let text = "A Title\n\nWe propose a method\nthat is wrapped over\nthree lines.\n\nNext Title\n\nShort\nwrapped abstract.\n";
    let d = Digest::parse("d.txt", text);
    let got = content(&d);
    assert_eq!(
        got[0].1,
        "We propose a method that is wrapped over three lines."
    );
    assert_eq!(got[1].1, "Short wrapped abstract.");
}

#[test]
fn control_characters_never_survive() {
    let text = format!(
        "Jul 29\n\nEvil\x1b]0;owned\x07 Title\u{202e}\n\n{}\x1b[2J\x1b[31m{ABS}\x07\u{9b}1m\n",
        "\x01"
    );
    let d = Digest::parse("d.txt", &text);
    let v = d.get(0);
    assert_eq!(v.title, "Evil Title");
    assert_eq!(v.abstract_text(), ABS);
    let msgs: Vec<String> = d.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        msgs,
        [
            "d.txt:3: warning: removed 7 control characters or escape sequences (the first on this line)"
        ]
    );
}

#[test]
fn ids_are_stable_across_files_and_endings() {
    let a = Digest::parse("a.txt", SAMPLE);
    let b = Digest::parse("b.txt", SAMPLE.replace('\n', "\r\n"));
    let ids = |d: &Digest| {
        d.papers()
            .iter()
            .map(|p| p.id.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&a), ids(&b));
    assert_eq!(ids(&a)[0], "hzd1hs7v0q");
    let mut unique = ids(&a);
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 121);
}

#[test]
fn the_same_paper_in_two_digests_is_one_paper() {
    let dir = tempfile::tempdir().unwrap();
    let p29 = dir.path().join("a-jul29.txt");
    let p28 = dir.path().join("b-jul28.txt");
    std::fs::write(
        &p29,
        format!("Jul 29\n\nShared Paper\n\n{ABS}\n\nOnly Here\n\n{ABS}\n"),
    )
    .unwrap();
    std::fs::write(&p28, format!("Jul 28\n\nshared  paper\n\n{ABS}\n")).unwrap();
    let d = Digest::load(&[paperboy::digest::Input::Path(dir.path().to_path_buf())]);
    assert_eq!(d.len(), 2);
    let p = &d.papers()[0];
    assert_eq!(d.get(0).date, Some("Jul 28"), "the earliest date wins");
    assert_eq!(d.source_name(p.origin), p29.display().to_string());
    assert_eq!(p.also.len(), 1);
    assert_eq!(d.source_name(p.also[0]), p28.display().to_string());
}
