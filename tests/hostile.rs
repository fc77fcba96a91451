//! Hostile input, as an attacker would write it: every reader fed escape
//! sequences, bidi controls and bad links in every field (raw, and spelled
//! by the format's own escapes), huge and deep inputs. Nothing forbidden
//! may reach any output, no input may panic paperboy or exhaust memory.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use paperboy::digest::Digest;
use proptest::prelude::*;

/// The first character that must never leave paperboy: C0 controls but
/// line breaks and tabs, DEL, C1 controls, bidi controls and marks.
fn forbidden(s: &str) -> Option<char> {
    s.chars().find(|&c| {
        let u = c as u32;
        (u < 0x20 && !matches!(c, '\n' | '\r' | '\t'))
            || (0x7f..=0x9f).contains(&u)
            || (0x202a..=0x202e).contains(&u)
            || (0x2066..=0x2069).contains(&u)
            || matches!(u, 0x200e | 0x200f | 0x061c)
    })
}

fn assert_clean(what: &str, s: &str) {
    if let Some(c) = forbidden(s) {
        panic!("{what} carries {c:?}:\n{s:?}");
    }
}

/// Every string anywhere in a JSON value, decoded.
fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        serde_json::Value::Object(o) => {
            for (k, x) in o {
                out.push(k.clone());
                strings(x, out);
            }
        }
        _ => {}
    }
}

fn assert_clean_json(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    assert_clean(what, &text);
    let v: serde_json::Value = serde_json::from_slice(bytes)
        .unwrap_or_else(|e| panic!("{what} is not JSON ({e}): {text}"));
    let mut all = Vec::new();
    strings(&v, &mut all);
    for s in all {
        assert_clean(&format!("{what} (decoded)"), &s);
    }
}

mod common;

use common::run_in as run;

/// Payloads, as the decoded text would hold them.
const PAYLOADS: [&str; 9] = [
    "\u{1b}[2J",
    "\u{1b}]52;c;ZXZpbA==\u{7}",
    "\u{1b}]0;pwned\u{1b}\\",
    "\u{9b}31m",
    "\u{202e}",
    "\u{2066}",
    "\u{7}",
    "\u{0}",
    "\u{85}",
];

/// A field with payloads among its words.
fn hostile_field() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => "[A-Za-z]{1,8}".prop_map(|w| w),
            1 => (0..PAYLOADS.len()).prop_map(|i| PAYLOADS[i].to_owned()),
        ],
        2..8,
    )
    .prop_map(|w| w.join(" "))
}

/// A paper's fields, and its arXiv id.
fn hostile_paper() -> impl Strategy<Value = (String, String, String, u32)> {
    (
        hostile_field(),
        hostile_field(),
        hostile_field(),
        10000u32..99999,
    )
}

/// Markdown spells a character by an entity: `&#x1b;`.
fn entities(s: &str) -> String {
    s.chars()
        .map(|c| {
            if forbidden(&c.to_string()).is_some() {
                format!("&#x{:x};", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The papers written in one of the formats paperboy reads.
fn digest_in(format: usize, papers: &[(String, String, String, u32)]) -> (String, String) {
    match format {
        0 => {
            let items: Vec<serde_json::Value> = papers
                .iter()
                .map(|(t, a, au, id)| {
                    serde_json::json!({"paper": {
                        "id": format!("2401.{id}"),
                        "title": format!("Paper {id} {t}"),
                        "summary": a,
                        "authors": [{"name": au}],
                        "githubRepo": "--remote-debugging-port=9222/github.com",
                        "projectPage": format!("https://ok.org/{id}{}", PAYLOADS[0]),
                    }})
                })
                .collect();
            // serde writes controls as \u001b: decoding gives them back.
            ("d.json".into(), serde_json::to_string(&items).unwrap())
        }
        3 => {
            let lines: Vec<String> = papers
                .iter()
                .map(|(t, a, au, id)| {
                    serde_json::json!({"title": format!("Paper {id} {t}"), "summary": a,
                        "id": format!("2401.{id}"), "authors": [{"name": au}]})
                    .to_string()
                })
                .collect();
            ("d.jsonl".into(), lines.join("\n"))
        }
        1 => {
            let mut md = String::from("# Daily Papers\n\n## Jul 29\n\n");
            for (t, a, _, id) in papers {
                md.push_str(&format!(
                    "### [Paper {id} {}](https://huggingface.co/papers/2401.{id})\n\n{}\n\n[LINK: GitHub 1k](javascript:alert(1))\n\n",
                    entities(t),
                    entities(a)
                ));
            }
            ("d.md".into(), md)
        }
        _ => {
            let mut text = String::from("Daily Papers\n\nJul 29\n\n");
            // A raw NUL makes a file binary (refused whole): a BEL instead.
            let raw = |s: &str| s.replace('\0', "\u{7}");
            for (t, a, _, id) in papers {
                text.push_str(&format!("Paper {id} {}\n\n{}.\n\n", raw(t), raw(a)));
            }
            ("d.txt".into(), text)
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Any papers, in any format: no forbidden character in `list`,
    /// `list --json`, `show`, `check`, every export or the saved store.
    #[test]
    fn nothing_forbidden_reaches_any_output(
        format in 0usize..4,
        papers in prop::collection::vec(hostile_paper(), 1..4),
    ) {
        let home = tempfile::tempdir().unwrap();
        let (name, text) = digest_in(format, &papers);
        let file = home.path().join(&name);
        std::fs::write(&file, &text).unwrap();
        let f = file.to_str().unwrap();
        for args in [vec!["list", f], vec!["check", f], vec!["list", "--scope", "all", "-q", "paper", f]] {
            let o = run(home.path(), &args, None);
            assert_clean(&format!("{args:?} stdout"), &String::from_utf8_lossy(&o.stdout));
            assert_clean(&format!("{args:?} stderr"), &String::from_utf8_lossy(&o.stderr));
        }
        let o = run(home.path(), &["list", "--json", f], None);
        assert_clean_json("list --json", &o.stdout);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let ids: Vec<String> = v.as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap().to_owned()).collect();
        prop_assert!(!ids.is_empty());
        let show = run(home.path(), &["show", &ids[0], f], None);
        prop_assert!(show.status.success(), "{}", String::from_utf8_lossy(&show.stderr));
        assert_clean("show", &String::from_utf8_lossy(&show.stdout));
        let mut save = vec!["save", "--digest", f];
        save.extend(ids.iter().map(String::as_str));
        let o = run(home.path(), &save, None);
        prop_assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let note = format!("my note {}", PAYLOADS[1]);
        let o = run(home.path(), &["note", &ids[0], &note], None);
        prop_assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        for format in ["md", "bibtex", "csv"] {
            let o = run(home.path(), &["export", "--format", format], None);
            prop_assert!(o.status.success());
            assert_clean(&format!("export {format}"), &String::from_utf8_lossy(&o.stdout));
        }
        let o = run(home.path(), &["export", "--format", "json"], None);
        assert_clean_json("export json", &o.stdout);
        let store = std::fs::read(home.path().join("config/lists.json")).unwrap();
        assert_clean_json("lists.json", &store);
    }
}

#[test]
fn escapes_spelled_by_each_format_are_removed_after_decoding_and_counted() {
    let json = r#"[{"paper": {"id": "2401.00001", "title": "A \u001b[2Jclear \u202eevil\u202c title", "summary": "bell\u0007 and \u009b31m CSI", "authors": [{"name": "Ann \u001b]0;x\u0007Lee"}]}}]"#;
    let md = "# Daily Papers\n\n### [Title &#x9b;31m&#7;here &#x202e;](https://huggingface.co/papers/2401.00002)\n\nAbstract &#27;]52;c;ZXZpbA==&#7; text.\n\n### [Second](https://huggingface.co/papers/2401.00003)\n\nMore.\n";
    for (name, text, title) in [
        ("d.json", json, "A clear evil title"),
        ("d.md", md, "Title here"),
    ] {
        let d = Digest::parse(name, text);
        let v = d.get(0);
        assert_eq!(v.title, title, "{name}");
        for s in [v.title, v.abstract_raw]
            .into_iter()
            .chain(v.facts.authors.iter().map(String::as_str))
        {
            assert_clean(name, s);
        }
        let said: Vec<String> = d.diagnostics.iter().map(|x| x.to_string()).collect();
        assert!(
            said.iter()
                .any(|m| m.contains("removed") && m.starts_with(&format!("{name}:"))),
            "{name}: check says what it removed and where: {said:?}"
        );
    }
    let d = Digest::parse("d.json", json);
    assert_eq!(d.get(0).abstract_raw, "bell and CSI");
    assert_eq!(d.get(0).facts.authors, ["Ann Lee"]);
}

#[test]
fn only_web_links_with_a_host_are_kept_and_each_other_is_named() {
    let md = "# Daily Papers\n\n\
        ### [One](https://huggingface.co/papers/2401.00001)\n\nAbstract one.\n\n\
        [LINK: GitHub 1k](--remote-debugging-port=9222/github.com)\n\n\
        ### [Two](https://huggingface.co/papers/2401.00002)\n\nAbstract two.\n\n\
        [Project page](file:///etc/passwd)\n\n\
        ### [Three](https://huggingface.co/papers/2401.00003)\n\nAbstract three.\n\n\
        [LINK: GitHub 2k](https://github.com/real/repo)\n";
    let json = r#"[{"paper": {"id": "2401.00004", "title": "Four", "summary": "S.", "githubRepo": "javascript:alert(1)", "projectPage": "http://"}},
                   {"paper": {"id": "2401.00005", "title": "Five", "summary": "S.", "githubRepo": "https://github.com/a/b"}}]"#;
    let mut d = Digest::parse("d.md", md);
    d.absorb(Digest::parse("d.json", json));
    let links: Vec<(String, Option<String>, Option<String>)> = (0..d.len())
        .map(|i| {
            let f = d.get(i).facts;
            (
                d.get(i).title.to_owned(),
                f.github.clone(),
                f.project.clone(),
            )
        })
        .collect();
    for (title, github, project) in &links {
        for url in github.iter().chain(project) {
            assert!(url.starts_with("https://"), "{title}: {url}");
        }
    }
    let github = |t: &str| links.iter().find(|l| l.0 == t).and_then(|l| l.1.clone());
    assert_eq!(
        github("Three").as_deref(),
        Some("https://github.com/real/repo")
    );
    assert_eq!(github("Five").as_deref(), Some("https://github.com/a/b"));
    let said: Vec<String> = d.diagnostics.iter().map(|x| x.to_string()).collect();
    for bad in [
        "--remote-debugging-port",
        "file:///etc/passwd",
        "javascript:alert(1)",
    ] {
        assert!(
            said.iter()
                .any(|m| m.contains("dropped the link") && m.contains(bad)),
            "{bad} named: {said:?}"
        );
    }
}

#[test]
fn papers_of_different_arxiv_ids_are_never_merged() {
    let json = r#"[{"paper": {"id": "2401.00001", "title": "Attention Is All You Need", "summary": "First."}},
                   {"paper": {"id": "2401.00002", "title": "Attention is all you need", "summary": "Second."}},
                   {"paper": {"title": "Attention Is All You Need", "summary": ""}}]"#;
    let d = Digest::parse("d.json", json);
    assert_eq!(
        d.len(),
        2,
        "two ids, two papers; the copy with no id is one of them"
    );
    let (a, b) = (d.get(0), d.get(1));
    assert_ne!(a.id, b.id);
    assert_eq!(d.find(&a.id.to_string()), Some(0));
    assert_eq!(d.find(&b.id.to_string()), Some(1));
    assert_eq!(d.find("2401.00002"), Some(1));
    // Two copies with one title and no ids are still one paper.
    let text = "Daily Papers\n\nJul 29\n\nA Title\n\nAn abstract.\n\nJul 30\n\nA title\n\nAgain.\n";
    assert_eq!(Digest::parse("d.txt", text).len(), 1);
    // And `show` finds the second by its own id.
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("d.json");
    std::fs::write(&file, json).unwrap();
    let o = run(
        home.path(),
        &["show", &b.id.to_string(), file.to_str().unwrap()],
        None,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Second."));
}

#[test]
fn an_ambiguous_id_prefix_lists_the_papers_it_could_mean() {
    let home = tempfile::tempdir().unwrap();
    let o = run(home.path(), &["list"], None);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let ids: Vec<&str> = out.lines().map(|l| l.split('\t').next().unwrap()).collect();
    // A one-letter prefix that more than one of the sample's ids share.
    let prefix = (b'0'..=b'z')
        .map(|b| (b as char).to_string())
        .find(|p| ids.iter().filter(|i| i.starts_with(p.as_str())).count() >= 2)
        .unwrap();
    let o = run(home.path(), &["show", &prefix], None);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("could mean several papers"), "{err}");
    let listed = ids
        .iter()
        .filter(|i| i.starts_with(prefix.as_str()))
        .take(2);
    for id in listed {
        assert!(err.contains(id), "{id} listed in {err}");
    }
}

#[test]
fn json_nested_too_deeply_says_so_with_its_line() {
    let deep = format!("\n{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let d = Digest::parse("deep.json", deep.as_bytes());
    let said: Vec<String> = d.diagnostics.iter().map(|x| x.to_string()).collect();
    assert!(
        said.iter()
            .any(|m| m.starts_with("deep.json:2: error:") && m.contains("nested too deeply")),
        "{said:?}"
    );
    let objects = format!("{}1{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    let d = Digest::parse("deep.json", objects.as_bytes());
    assert!(
        d.diagnostics
            .iter()
            .any(|x| x.message.contains("nested too deeply")),
        "{:?}",
        d.diagnostics
    );
}

#[test]
fn a_gzip_bomb_of_spaces_is_refused_early() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("bomb.txt.gz");
    {
        let f = std::fs::File::create(&file).unwrap();
        let mut gz = flate2::write::GzEncoder::new(f, flate2::Compression::best());
        let spaces = vec![b' '; 1 << 20];
        for _ in 0..200 {
            gz.write_all(&spaces).unwrap();
        }
        gz.finish().unwrap();
    }
    let o = run(home.path(), &["list", file.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("only blank lines in its first 64 MiB"),
        "{err}"
    );
}

#[test]
fn an_endless_stream_of_junk_on_stdin_is_refused() {
    // `yes | paperboy list -`: lines that could never be a title.
    let mut child = Command::new(env!("CARGO_BIN_EXE_paperboy"))
        .args(["list", "-"])
        .env("PAPERBOY_CONFIG_DIR", "/nonexistent")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let chunk = b"y\n".repeat(1 << 16);
        // Ends when paperboy stops reading (a broken pipe).
        while input.write_all(&chunk).is_ok() {}
    });
    let o = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("could be a title"), "{err}");
}

#[test]
fn days_and_since_beyond_ten_years_are_refused_and_nothing_is_fetched() {
    let home = tempfile::tempdir().unwrap();
    for args in [
        vec!["fetch", "--days", "4294967295"],
        vec!["fetch", "--since", "1990-01-01"],
    ] {
        let o = Command::new(env!("CARGO_BIN_EXE_paperboy"))
            .args(&args)
            .env("PAPERBOY_CONFIG_DIR", home.path().join("config"))
            .env("PAPERBOY_DATA_DIR", home.path().join("data"))
            // Nothing listens here: a request would fail, not hang.
            .env("PAPERBOY_API_URL", "http://127.0.0.1:9")
            .env("PAPERBOY_TODAY", "2026-12-01")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("more than ten years"), "{err}");
        assert!(!home.path().join("data").exists());
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_in_place_of_any_file_is_refused_not_read() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    for name in ["lists.json", "config.toml"] {
        let made = Command::new("mkfifo").arg(config.join(name)).status();
        assert!(made.unwrap().success());
    }
    // Each would block forever on a FIFO's open or read: they must end.
    let (tx, rx) = std::sync::mpsc::channel();
    let dir = home.path().to_owned();
    std::thread::spawn(move || {
        let lists = run(&dir, &["lists"], None);
        let config = run(&dir, &["config", "--check"], None);
        let _ = tx.send((lists, config));
    });
    let (lists, config) = rx
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("a FIFO was opened and blocked");
    let err = String::from_utf8_lossy(&lists.stderr);
    assert!(err.contains("not a regular file"), "lists: {err}");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&config.stdout),
        String::from_utf8_lossy(&config.stderr)
    );
    assert!(said.contains("not a regular file"), "config: {said}");
}

/// A library of one day of `n` papers in `home/data`.
fn library(home: &Path, tag: &str, n: usize) {
    let dir = home.join("data/digests");
    std::fs::create_dir_all(&dir).unwrap();
    let mut text = String::from("Daily Papers\n\nNov 30\n\n");
    for i in 0..n {
        text.push_str(&format!(
            "Paper {tag}{i} on topic {} with w{}\n\nWe study topic {} using w{} and w{}.\n\n",
            i % 7,
            i % 13,
            i % 7,
            i % 13,
            i % 5
        ));
    }
    std::fs::write(dir.join("2026-11-30.txt"), text).unwrap();
}

#[test]
fn an_index_spliced_from_another_library_is_rebuilt_not_trusted() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    library(a.path(), "a", 300);
    library(b.path(), "b", 40);
    let first = |home: &Path| {
        let o = run(home, &["list"], None);
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .next()
            .unwrap()
            .split('\t')
            .next()
            .unwrap()
            .to_owned()
    };
    let id = first(b.path());
    let similar = |home: &Path, id: &str| run(home, &["similar", id, "--limit", "5"], None);
    let before = similar(b.path(), &id);
    assert!(before.status.success());
    assert!(similar(a.path(), &first(a.path())).status.success());
    // B's own header (magic and key), A's arrays.
    let (ia, ib) = (
        a.path().join("data/index.bin"),
        b.path().join("data/index.bin"),
    );
    let (xa, xb) = (std::fs::read(&ia).unwrap(), std::fs::read(&ib).unwrap());
    let spliced: Vec<u8> = xb[..16].iter().chain(&xa[16..]).copied().collect();
    std::fs::write(&ib, spliced).unwrap();
    let after = similar(b.path(), &id);
    assert!(
        after.status.success(),
        "{}",
        String::from_utf8_lossy(&after.stderr)
    );
    assert_eq!(
        after.stdout, before.stdout,
        "the same scores as before the splice"
    );
    // A FIFO in its place is passed over, not opened.
    #[cfg(unix)]
    {
        std::fs::remove_file(&ib).unwrap();
        assert!(Command::new("mkfifo").arg(&ib).status().unwrap().success());
        let (tx, rx) = std::sync::mpsc::channel();
        let home = b.path().to_owned();
        std::thread::spawn(move || {
            let _ = tx.send(run(&home, &["similar", &id, "--limit", "5"], None));
        });
        let o = rx
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("the FIFO was opened and blocked");
        assert_eq!(o.stdout, before.stdout);
    }
}

/// Each of the newer readers, its first paper's title given escapes the
/// way its format spells them: an XML or HTML entity, quoted-printable, a
/// JSON escape, raw bytes. Every paper comes out clean, and still read.
#[test]
fn every_reader_hands_its_decoded_text_through_the_gate() {
    let fixture = |name: &str| {
        std::fs::read_to_string(format!(
            "{}/tests/fixtures/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    };
    let title = "Sparse Mixtures of Retrieval Experts";
    let cases = [
        (
            "arxiv-rss.xml",
            "Sparse Mixtures",
            "Sparse &#x9b;2J&#x202e;Mixtures",
        ),
        (
            "hf-papers-feed.json",
            "Sparse Mixtures",
            "Sparse \\u001b[2J\\u202eMixtures",
        ),
        (
            "hf-papers.html",
            "Sparse Mixtures",
            "Sparse \\u001b[2J&#x202e;Mixtures",
        ),
        (
            "hf-papers-cards.html",
            "Sparse Mixtures",
            "Sparse &#x1b;[2J&#x202e;Mixtures",
        ),
        (
            "arxiv-listing.eml",
            "Title: Sparse Mixtures",
            "Title: Sparse =1B[2J=E2=80=AEMixtures",
        ),
        (
            "script-digest.txt",
            "Sparse Mixtures",
            "Sparse \u{1b}]0;x\u{7}\u{202e}Mixtures",
        ),
    ];
    for (name, find, spelled) in cases {
        let text = fixture(name);
        assert!(text.contains(find), "{name}");
        let d = Digest::parse(name, text.replacen(find, spelled, 1));
        assert!(!d.is_empty(), "{name}: {:?}", d.diagnostics);
        assert!(
            (0..d.len()).any(|i| d.get(i).title.starts_with(title)),
            "{name}: the paper is still read: {:?}",
            (0..d.len()).map(|i| d.get(i).title).collect::<Vec<_>>()
        );
        for i in 0..d.len() {
            let v = d.get(i);
            let f = v.facts;
            let texts = [v.title, v.abstract_raw]
                .into_iter()
                .chain(f.authors.iter().map(String::as_str))
                .chain(f.categories.iter().map(String::as_str))
                .chain(f.summary.as_deref())
                .chain(f.arxiv_comments.as_deref());
            for s in texts {
                assert_clean(name, s);
            }
        }
    }
}

/// The recogniser looks at a file's first kilobytes for what it is (an
/// HTML page's `<html`, a JSON Feed's version): a character of several
/// bytes astride the end of what it looks at is no panic, whatever the
/// offset, and the file is still told for what it is.
#[test]
fn a_character_astride_the_recognisers_look_is_no_panic() {
    for pad in 2030..2060 {
        let page = format!(
            "<!DOCTYPE html><html><head><title>{}é日本</title></head><body></body></html>",
            "x".repeat(pad)
        );
        let d = Digest::parse("page.html", &page);
        assert_eq!(d.len(), 0);
        assert!(
            d.diagnostics.iter().any(|e| e.to_string().contains("HTML")),
            "{:?}",
            d.diagnostics
        );
    }
    for pad in 4080..4100 {
        let json = format!("{{\"title\": \"{}é日本\"}}", "x".repeat(pad));
        let d = Digest::parse("one.json", &json);
        assert!(!d.diagnostics.is_empty() || d.len() == 1);
    }
}

/// An argument paperboy or clap refuses is quoted back cleaned, whoever
/// refuses it: a list name of nothing but escapes, a format that is
/// none, an unknown flag, an id that names nothing, a file that is not
/// there. Also where clap colours its message (as on a terminal), when
/// it would pass escapes through. (A NUL cannot be in an argument.)
#[test]
fn refused_arguments_are_quoted_back_clean() {
    let home = tempfile::tempdir().unwrap();
    for payload in PAYLOADS.iter().filter(|p| !p.contains('\0')) {
        let cases: [(Vec<String>, &str); 5] = [
            (
                vec!["export".into(), "--list".into(), payload.to_string()],
                "a list's name cannot be empty",
            ),
            (
                vec!["export".into(), "--format".into(), format!("md{payload}")],
                "invalid value",
            ),
            (vec![format!("--x{payload}")], "unexpected argument"),
            (vec!["show".into(), format!("zz{payload}")], "zz"),
            (
                vec!["import".into(), format!("/no/such{payload}.json")],
                "/no/such",
            ),
        ];
        for ((args, says), colour) in cases.iter().flat_map(|c| [(c, "0"), (c, "1")]) {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let o = common::at_home(home.path(), &args)
                .env("CLICOLOR_FORCE", colour)
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&o.stderr);
            assert!(!o.status.success(), "{args:?}: {err}");
            assert!(err.contains(*says), "{args:?}: {err}");
            assert!(!o.stderr.contains(&0x1b), "{args:?}: ESC in {err:?}");
            assert_clean(&format!("{args:?}"), &err);
        }
    }
}

/// A file imported is named back cleaned, whether it is copied in or was
/// there already (a downloaded file's name is anyone's): the name, and
/// where it went when its own name names it there.
#[test]
fn an_imported_files_name_is_said_back_clean() {
    let home = tempfile::tempdir().unwrap();
    let digest = include_bytes!("fixtures/capture.md");
    for (n, payload) in PAYLOADS.iter().filter(|p| !p.contains('\0')).enumerate() {
        let path = home.path().join(format!("x{n}{payload}y.md"));
        std::fs::write(&path, digest).unwrap();
        let path = path.to_str().unwrap();
        for run in ["copied", "there already"] {
            let o = common::at_home(home.path(), &["import", path])
                .output()
                .unwrap();
            let out = String::from_utf8_lossy(&o.stdout);
            assert!(o.status.success(), "{run}: {out}");
            assert!(out.contains(&format!("x{n}")), "{run}: {out}");
            assert_clean(&format!("{payload:?} {run}"), &out);
        }
    }
}

/// A digest's file name is shown wherever its papers say where they were
/// read (`show`'s places, `check`'s summary, `list --json`'s sources):
/// cleaned, as a downloaded file's name is anyone's.
#[test]
fn a_digests_file_name_is_shown_clean() {
    let home = tempfile::tempdir().unwrap();
    let digest = include_bytes!("fixtures/daily.json");
    for (n, payload) in PAYLOADS.iter().filter(|p| !p.contains('\0')).enumerate() {
        let path = home.path().join(format!("x{n}{payload}y.json"));
        std::fs::write(&path, digest).unwrap();
        let path = path.to_str().unwrap();
        let run = |args: &[&str]| common::at_home(home.path(), args).output().unwrap();
        let o = run(&["show", "nz5dvjzqfk", path]);
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(out.contains(&format!("x{n}")), "{out}");
        assert_clean(&format!("show {payload:?}"), &out);
        let o = run(&["check", path]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(&format!("x{n}")), "{err}");
        assert_clean(&format!("check {payload:?}"), &err);
        let o = run(&["list", "--json", path]);
        assert_clean_json(&format!("list --json {payload:?}"), &o.stdout);
    }
}
