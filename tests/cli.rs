//! The command line, run as a real process.

use std::path::Path;
use std::process::Output;

mod common;

use common::run_in as paperboy_in;

fn run(args: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    paperboy_in(dir.path(), args, None)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn list_prints_the_sample() {
    let o = run(&["list"]);
    assert!(o.status.success());
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 121);
    assert_eq!(
        lines[0],
        "hzd1hs7v0q\tJul 29\tLRP-QViT: Mixed-Precision Vision Transformer Quantization via Layer-wise Relevance Propagation"
    );
    for l in &lines {
        assert_eq!(l.split('\t').count(), 3, "{l}");
    }
}

#[test]
fn list_json_has_the_fields() {
    let o = run(&["list", "--json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 121);
    let first = &arr[0];
    for field in ["id", "title", "abstract", "date", "source", "line"] {
        assert!(first.get(field).is_some(), "{field}");
    }
    assert_eq!(first["line"], 13);
    assert_eq!(first["date"], "Jul 29");
    assert!(
        first["abstract"]
            .as_str()
            .unwrap()
            .starts_with("Vision transformers (ViTs)")
    );
}

#[test]
fn list_query_matches_every_token_best_first() {
    let o = run(&["list", "--query", "quantiz"]);
    let out = stdout(&o);
    let titles: Vec<&str> = out.lines().map(|l| l.split('\t').nth(2).unwrap()).collect();
    assert_eq!(titles.len(), 11);
    assert!(titles.iter().all(|t| t.to_lowercase().contains("quantiz")));
    // Fuzzy: "vision" also matches "Di-vision"; real vision papers rank first.
    let two = stdout(&run(&["list", "--query", "quantiz vision"]));
    let top: Vec<&str> = two.lines().take(2).collect();
    assert!(top.iter().all(|l| l.contains("Vision")), "{two}");
    assert!(stdout(&run(&["list", "--query", "zzzzqqq"])).is_empty());
}

#[test]
fn list_of_a_large_file_read_in_windows_matches_the_whole_read() {
    // `list` keeps only titles and reads a file through small windows on
    // every core; `list --json` reads it whole. Both must agree on a file of
    // many windows (with a control character to report in the middle).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    let mut text = paperboy::synth::digest(6000);
    let mid = text.len() / 2;
    let at = mid + text[mid..].find("\n\n").unwrap() + 2;
    text.insert_str(at, "Bell\u{7} Title\n\n");
    std::fs::write(&path, &text).unwrap();
    assert!(text.len() > 8 << 20, "several windows: {}", text.len());
    let p = path.to_str().unwrap();
    let tsv = run(&["list", p]);
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["list", "--json", p]).stdout).unwrap();
    let from_json: Vec<String> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            format!(
                "{}\t{}\t{}",
                v["id"].as_str().unwrap(),
                v["date"].as_str().unwrap_or(""),
                v["title"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(stdout(&tsv).lines().collect::<Vec<_>>(), from_json);
    assert!(stderr(&tsv).contains("warning"), "{}", stderr(&tsv));
    let check = stdout(&run(&["check", p]));
    assert!(check.contains("removed 1 control characters"), "{check}");
    assert!(
        check.contains("title with no abstract: Bell Title"),
        "{check}"
    );
    let query = stdout(&run(&["list", "--query", "quantiz", p]));
    let query_json = run(&["list", "--json", "--query", "quantiz", p]);
    let hits: serde_json::Value = serde_json::from_slice(&query_json.stdout).unwrap();
    assert_eq!(query.lines().count(), hits.as_array().unwrap().len());
    assert!(query.lines().count() > 10);
}

#[test]
fn list_scope_all_adds_abstract_matches_after_title_matches() {
    let title = stdout(&run(&["list", "--query", "quantiz"]));
    let all = stdout(&run(&["list", "--query", "quantiz", "--scope", "all"]));
    assert!(all.lines().count() > title.lines().count());
    // Title matches first, in the same order.
    let n = title.lines().count();
    assert_eq!(
        all.lines().take(n).collect::<Vec<_>>(),
        title.lines().collect::<Vec<_>>()
    );
}

#[test]
fn show_prints_the_whole_paper_wrapped() {
    let o = run(&["show", "hzd1hs7v0q"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(
        out.starts_with(
            "LRP-QViT: Mixed-Precision Vision Transformer Quantization via Layer-wise\n"
        )
    );
    assert!(out.contains("hzd1hs7v0q · Jul 29 · daily-papers-jul-29.txt (sample):13"));
    assert!(
        out.lines()
            .filter(|l| !l.starts_with("https://"))
            .all(|l| l.chars().count() <= 80)
    );
    assert!(out.contains("6-bit quantization."));
    // A unique prefix works too; an unknown id is an error.
    assert!(run(&["show", "hzd1h"]).status.success());
    let bad = run(&["show", "nope"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("no paper with id \"nope\""));
}

#[test]
fn stdin_and_directories_are_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let sample = include_str!("../assets/daily-papers-jul-29.txt");
    let o = paperboy_in(dir.path(), &["list", "-"], Some(sample.as_bytes()));
    assert_eq!(stdout(&o).lines().count(), 121);
    std::fs::create_dir(dir.path().join("d")).unwrap();
    std::fs::write(
        dir.path().join("d/b.txt"),
        "Jul 28\n\nPaper B\n\nWe show that B works well on every benchmark that we tried out.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("d/a.txt"),
        "Jul 29\n\nPaper A\n\nWe show that A works well on every benchmark that we tried out.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("d/cover.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    let o = paperboy_in(dir.path(), &["list", "d"], None);
    let titles: Vec<String> = stdout(&o)
        .lines()
        .map(|l| l.split('\t').nth(2).unwrap().to_owned())
        .collect();
    assert_eq!(titles, ["Paper A", "Paper B"]);
}

#[test]
fn check_clean_sample_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("s.txt"),
        include_str!("../assets/daily-papers-jul-29.txt"),
    )
    .unwrap();
    let o = paperboy_in(dir.path(), &["check", "s.txt"], None);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");
    assert_eq!(
        stderr(&o),
        "s.txt: page text, 121 papers\n121 papers, 0 warnings, 0 errors\n"
    );
}

/// Runs `check` on a file made by `make` in a fresh dir; returns exit code and output.
fn check_case(name: &str, make: impl FnOnce(&Path)) -> String {
    let dir = tempfile::tempdir().unwrap();
    make(dir.path());
    let o = paperboy_in(dir.path(), &["check", name], None);
    format!(
        "exit {}\n{}{}",
        o.status.code().unwrap_or(-1),
        stdout(&o),
        stderr(&o)
    )
}

const ABS: &str =
    "We propose a method that works well on many tasks and beats every baseline we tried.";

#[test]
fn check_reports_every_kind_of_bad_input() {
    let cases: Vec<(&str, String)> = vec![
        (
            "empty",
            check_case("e.txt", |d| std::fs::write(d.join("e.txt"), "").unwrap()),
        ),
        (
            "header only",
            check_case("h.txt", |d| {
                std::fs::write(
                    d.join("h.txt"),
                    "Daily Papers\n\nbyAK and the research community\n\nJul 29\n",
                )
                .unwrap()
            }),
        ),
        (
            "binary",
            check_case("b.txt", |d| {
                std::fs::write(d.join("b.txt"), b"\x7fELF\x02\x01\x01\x00\x00\x00").unwrap()
            }),
        ),
        (
            "invalid utf-8",
            check_case("u.txt", |d| {
                let mut bytes = format!("Jul 29\n\nA Title\n\n{ABS}\n\nCaf").into_bytes();
                bytes.extend_from_slice(b"\xe9 Paper\n\n");
                bytes.extend_from_slice(ABS.as_bytes());
                std::fs::write(d.join("u.txt"), bytes).unwrap()
            }),
        ),
        (
            "empty directory",
            check_case("dir", |d| std::fs::create_dir(d.join("dir")).unwrap()),
        ),
        ("missing", check_case("missing.txt", |_| {})),
        (
            "title without abstract",
            check_case("t.txt", |d| {
                std::fs::write(
                    d.join("t.txt"),
                    format!("Jul 29\n\nA Title\n\n{ABS}\n\nDangling Title\n"),
                )
                .unwrap()
            }),
        ),
        (
            "stray paragraph",
            check_case("p.txt", |d| {
                std::fs::write(
                    d.join("p.txt"),
                    format!("Jul 29\n\n{ABS}\n\nA Title\n\n{ABS}\n"),
                )
                .unwrap()
            }),
        ),
    ];
    let report: String = cases
        .iter()
        .map(|(k, v)| format!("## {k}\n{v}\n"))
        .collect();
    insta::assert_snapshot!(report);
}

#[test]
fn check_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("locked.txt");
    std::fs::write(&p, "Jul 29\n").unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads anything; a file whose read fails is then /proc/self/mem.
    let target = if std::fs::read(&p).is_ok() {
        "/proc/self/mem".to_owned()
    } else {
        p.display().to_string()
    };
    let o = paperboy_in(dir.path(), &["check", &target], None);
    assert_eq!(o.status.code(), Some(2));
    let out = stdout(&o);
    assert!(
        out.starts_with(&format!("{target}: error: cannot read: ")),
        "{out}"
    );
}

#[test]
fn list_on_bad_input_fails_with_the_message() {
    let o = run(&["list", "nowhere.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "nowhere.txt: error: cannot read: no such file or directory\n"
    );
    assert!(stdout(&o).is_empty());
}

#[test]
fn list_of_an_empty_feed_says_it_found_no_papers() {
    // A JSON Feed with no items is no error of the file's, but nothing to
    // list: said in one line, never a blank one.
    let feed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/empty-feed.json"
    );
    let o = run(&["list", feed]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "paperboy: no papers found\n");
    assert!(stdout(&o).is_empty());
}

#[test]
fn reader_without_a_terminal_says_so() {
    let o = run(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("the reader needs a terminal"));
}

#[test]
fn help_and_version() {
    let h = run(&["--help"]);
    assert!(h.status.success());
    for cmd in ["list", "show", "check", "save", "unsave", "lists", "export"] {
        assert!(stdout(&h).contains(cmd), "{cmd}");
    }
    // The commit after it is checked in tests/shell.rs.
    assert!(
        stdout(&run(&["--version"]))
            .starts_with(&format!("paperboy {}", env!("CARGO_PKG_VERSION")))
    );
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn list_json_carries_each_papers_identity() {
    let o = run(&["list", "--json", &fixture("daily.json")]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let p = &v[0];
    let fields: Vec<&str> = p.as_object().unwrap().keys().map(String::as_str).collect();
    for f in [
        "arxiv",
        "authors",
        "author_count",
        "upvotes",
        "published",
        "links",
    ] {
        assert!(fields.contains(&f), "{f} in {fields:?}");
    }
    assert_eq!(p["arxiv"], "2410.05434");
    assert_eq!(
        p["authors"],
        serde_json::json!(["Wei Liu", "Ada O'Connor", "Ramón García"])
    );
    assert_eq!(p["author_count"], 3);
    assert_eq!(p["upvotes"], 117);
    assert_eq!(p["published"], "2024-10-04");
    assert_eq!(
        p["links"],
        serde_json::json!({
            "paper": "https://huggingface.co/papers/2410.05434",
            "arxiv": "https://arxiv.org/abs/2410.05434",
            "pdf": "https://arxiv.org/pdf/2410.05434",
            "github": "https://github.com/example/dr-kernel"
        })
    );
    // The sample's page text says none of it.
    let s: serde_json::Value = serde_json::from_slice(&run(&["list", "--json"]).stdout).unwrap();
    assert_eq!(s[0]["arxiv"], serde_json::Value::Null);
    assert_eq!(s[0]["authors"], serde_json::json!([]));
    assert_eq!(s[0]["links"], serde_json::json!({}));
}

#[test]
fn list_json_carries_the_sites_facts() {
    let o = run(&["list", "--json", &fixture("api-2026-06-12.json")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let p = &v[5];
    assert_eq!(p["title"], "MiniMax Sparse Attention");
    assert_eq!(
        p["summary"],
        "MiniMax Sparse Attention enables efficient processing of ultra-long contexts in large \
         language models through blockwise sparsity and optimized GPU execution, achieving \
         significant speedups while maintaining performance."
    );
    assert_eq!(p["keywords"][0], "sparse attention");
    assert_eq!(p["keywords"].as_array().unwrap().len(), 9);
    assert_eq!(p["stars"], 251);
    assert_eq!(p["organization"], "MiniMax");
    assert_eq!(p["num_comments"], 4);
    // Unknown is null (an empty array for keywords), never left out.
    let q = &v[3];
    assert_eq!(q["stars"], serde_json::Value::Null);
    assert_eq!(q["organization"], serde_json::Value::Null);
    let s: serde_json::Value = serde_json::from_slice(&run(&["list", "--json"]).stdout).unwrap();
    assert_eq!(s[0]["summary"], serde_json::Value::Null);
    assert_eq!(s[0]["keywords"], serde_json::json!([]));
    assert_eq!(s[0]["num_comments"], serde_json::Value::Null);
}

#[test]
fn show_prints_the_identity_and_links() {
    let o = run(&["show", "2410.05434", &fixture("daily.json")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for want in [
        "arXiv 2410.05434 · published 2024-10-04 · 117 upvotes · 3 comments · NVIDIA\n",
        "Keywords: reinforcement learning, kernels\n",
        "Wei Liu, Ada O'Connor, Ramón García\n",
        "https://arxiv.org/abs/2410.05434 (arXiv)\n",
        "https://arxiv.org/pdf/2410.05434 (PDF)\n",
        "https://huggingface.co/papers/2410.05434 (Hugging Face)\n",
        "https://github.com/example/dr-kernel (code)\n",
    ] {
        assert!(out.contains(want), "{want:?} in\n{out}");
    }
}

#[test]
fn check_names_each_files_format_and_stdin_is_recognised() {
    let o = run(&[
        "check",
        &fixture("capture.md"),
        &fixture("daily.jsonl"),
        &fixture("text-export.txt"),
    ]);
    let err = stderr(&o);
    assert!(err.contains("capture.md: Markdown, 4 papers\n"), "{err}");
    assert!(err.contains("daily.jsonl: JSON, 3 papers\n"), "{err}");
    assert!(
        err.contains("text-export.txt: page text, 5 papers\n"),
        "{err}"
    );
    let dir = tempfile::tempdir().unwrap();
    let json = std::fs::read(fixture("daily.jsonl")).unwrap();
    let o = paperboy_in(dir.path(), &["list", "-"], Some(&json));
    assert_eq!(stdout(&o).lines().count(), 3, "{}", stderr(&o));
    // Forced: the Markdown read as page text finds other "papers".
    let forced = run(&["check", "--input-format", "text", &fixture("capture.md")]);
    assert!(
        stderr(&forced).contains("capture.md: page text, "),
        "{}",
        stderr(&forced)
    );
}

#[test]
fn list_query_speaks_the_query_language() {
    let daily = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/daily.json");
    let titles = |q: &str| {
        let o = run(&["list", daily, "--query", q]);
        assert!(o.status.success(), "{q}: {}", stderr(&o));
        stdout(&o)
            .lines()
            .map(|l| l.split('\t').nth(2).unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    let kernel = "Dr. Kernel: Reinforcement Learning Done Right for Triton Kernel Generations";
    let gui = "GUI vs. CLI: Which Interface Should Computer-Use Agents Prefer?";
    assert_eq!(titles("upvotes:>100"), [kernel]);
    assert_eq!(titles("au:garcía has:code"), [kernel]);
    assert_eq!(titles("upvotes:>=41 -kernel"), [gui]);
    assert_eq!(titles("kernel OR \"computer-use\""), [kernel, gui]);
    // A fault is an error that says where it is.
    let o = run(&["list", daily, "--query", "kernel upvotes:>x"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("query \"kernel upvotes:>x\" at 8: takes a number"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn alerts_print_what_is_new_to_each_search_once() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "[searches]\nkernels = \"kernel\"\nagents = \"upvotes:>=41 -kernel\"\n",
    )
    .unwrap();
    let daily = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/daily.json");
    let first = paperboy_in(dir.path(), &["alerts", daily], None);
    assert!(first.status.success(), "{}", stderr(&first));
    let out = stdout(&first);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "agents (upvotes:>=41 -kernel): 1 new paper");
    assert!(lines[1].contains("\tGUI vs. CLI: Which Interface"), "{out}");
    assert_eq!(lines[2], "");
    assert_eq!(lines[3], "kernels (kernel): 1 new paper");
    assert!(
        lines[4].contains("\tDr. Kernel: Reinforcement Learning"),
        "{out}"
    );
    assert!(
        lines[4].ends_with("\thttps://arxiv.org/abs/2410.05434"),
        "{out}"
    );
    assert_eq!(lines.len(), 5, "{out}");
    // The second run has nothing new to say, in either form.
    let second = paperboy_in(dir.path(), &["alerts", daily], None);
    assert!(second.status.success());
    assert_eq!(stdout(&second), "");
    let json = paperboy_in(dir.path(), &["alerts", "--json", daily], None);
    assert_eq!(stdout(&json).trim(), "[]");
    // A search added later starts with what matches it now.
    std::fs::write(
        config.join("config.toml"),
        "[searches]\nkernels = \"kernel\"\nall = \"upvotes:>=0\"\n",
    )
    .unwrap();
    let json = paperboy_in(dir.path(), &["alerts", "--json", daily], None);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v[0]["search"], "all");
    assert_eq!(
        v[0]["papers"].as_array().unwrap().len(),
        3,
        "every paper with upvotes"
    );
    assert!(dir.path().join("data/alerts.txt").exists());
    // list --search lists a search's matches, every time.
    let o = paperboy_in(dir.path(), &["list", daily, "--search", "kernels"], None);
    assert_eq!(stdout(&o).lines().count(), 1);
    let o = paperboy_in(dir.path(), &["list", daily, "--search", "nope"], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no saved search named \"nope\" (there are: all, kernels)"));
}

/// arXiv's facts in `list --json`, merged over two sources of one paper
/// (the listing e-mail and the API's answer), matched by the filter at
/// `all` scope, and in `show`.
#[test]
fn list_json_has_arxivs_facts_from_every_source() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mail = fixtures.join("arxiv-listing.txt");
    let api = fixtures.join("arxiv-api.xml");
    let (mail, api) = (mail.to_str().unwrap(), api.to_str().unwrap());
    let o = run(&["list", "--json", mail, api]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 5, "the API's two papers are the e-mail's");
    let p = &arr[0];
    assert_eq!(p["arxiv"], "2601.15305");
    assert_eq!(
        p["categories"],
        serde_json::json!(["cs.CL", "cs.AI", "cs.LG"])
    );
    assert_eq!(p["primary_category"], "cs.CL");
    assert_eq!(
        p["comments"],
        "12 pages, 4 figures; code at https://github.com/example/smore"
    );
    assert_eq!(
        p["journal_ref"],
        "Transactions on Machine Learning Research, 2026"
    );
    assert_eq!(p["doi"], "10.48550/arXiv.2601.15305");
    assert_eq!(
        (&p["version"], &p["announce"]),
        (&"v1".into(), &"new".into())
    );
    assert_eq!(
        p["sources"].as_array().unwrap().len(),
        2,
        "{}",
        p["sources"]
    );
    // The replacement: its version from the API, its announce type from the mail.
    let r = arr.iter().find(|p| p["arxiv"] == "2410.05434").unwrap();
    assert_eq!(
        (&r["version"], &r["announce"]),
        (&"v2".into(), &"replace".into())
    );
    let q = run(&["list", "--scope", "all", "--query", "cs.LO", mail]);
    assert_eq!(
        stdout(&q)
            .lines()
            .map(|l| l.split('\t').nth(2).unwrap())
            .collect::<Vec<_>>(),
        ["Graphs of Thought for Theorem Proving"]
    );
    let s = run(&["show", "2601.14001", mail]);
    let out = stdout(&s);
    assert!(
        out.contains("eess.AS cs.CL cs.SD · v1 · cross-listed"),
        "{out}"
    );
}

/// `comments` is arXiv's comments where a paper has them, and the site's
/// comment count where it has only that (the API's papers).
#[test]
fn list_json_comments_is_the_sites_count_for_the_daily_papers() {
    let api = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/api-2026-06-12.json");
    let o = run(&["list", "--json", api.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let p = v
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["arxiv"] == "2606.13392")
        .unwrap();
    assert_eq!((&p["comments"], &p["num_comments"]), (&4.into(), &4.into()));
}

#[test]
fn a_long_name_is_refused_only_where_a_list_is_made() {
    // At most 200 characters for a new list; a list an older paperboy
    // made with a longer name can still be named to look it up.
    let dir = tempfile::tempdir().unwrap();
    let long = "x".repeat(paperboy::store::MAX_NAME + 1);
    let save = paperboy_in(dir.path(), &["save", "--list", &long, "hzd1"], None);
    assert_eq!(save.status.code(), Some(2));
    assert!(
        stderr(&save).contains("at most 200 characters"),
        "{}",
        stderr(&save)
    );
    let export = paperboy_in(dir.path(), &["export", "--list", &long], None);
    assert_eq!(export.status.code(), Some(1), "{}", stderr(&export));
    assert!(
        stderr(&export).contains("no list named"),
        "{}",
        stderr(&export)
    );
}

#[test]
fn a_list_name_is_made_once_from_what_was_typed() {
    let dir = tempfile::tempdir().unwrap();
    let empty = paperboy_in(dir.path(), &["save", "--list", "", "hzd1"], None);
    assert_eq!(empty.status.code(), Some(2));
    assert!(
        stderr(&empty).contains("a list's name cannot be empty"),
        "{}",
        stderr(&empty)
    );
    // Escapes typed into a name are gone before it is saved or said.
    let o = paperboy_in(
        dir.path(),
        &["save", "--list", "to\x1b[31mread", "hzd1"],
        None,
    );
    assert_eq!(stdout(&o), "saved 1 to toread (1 now)\n");
    let lists = paperboy_in(dir.path(), &["lists"], None);
    assert_eq!(stdout(&lists), "bookmarks\t0\ntoread\t1\n");
    // Looked up, a name is cleaned the same way.
    let o = paperboy_in(dir.path(), &["export", "--list", "to\x1b[31mread"], None);
    assert!(o.status.success(), "{}", stderr(&o));
}
