//! Reading lists through the real binary: concurrency, crashes, corruption,
//! read-only dirs, and exports that other tools can read back.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use paperboy::digest::PaperId;
use paperboy::store::{Entry, Store};

fn paperboy(cfg: &Path, args: &[&str]) -> Output {
    common::binary(cfg, &cfg.join("data"), args)
        .output()
        .unwrap()
}

const ABS: &str =
    "We propose a method that works well on many tasks and beats every baseline we tried.";

/// A digest of `titles`, written to `dir/name`; returns its path and the ids.
fn digest(dir: &Path, name: &str, titles: &[String]) -> (PathBuf, Vec<String>) {
    let text: String = std::iter::once("Daily Papers\n\nJul 29\n\n".to_owned())
        .chain(titles.iter().map(|t| format!("{t}\n\n{ABS}\n\n")))
        .collect();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let ids = titles
        .iter()
        .map(|t| PaperId::from_title(t).to_string())
        .collect();
    (path, ids)
}

fn numbered(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| format!("Paper Number {i} on Something"))
        .collect()
}

#[test]
fn save_unsave_lists_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("cfg");
    let (d, ids) = digest(dir.path(), "d.txt", &numbered(3));
    let d = d.to_str().unwrap();
    let o = paperboy(&cfg, &["save", "--digest", d, &ids[0], &ids[1]]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "saved 2 to bookmarks (2 now)\n"
    );
    assert!(
        paperboy(&cfg, &["save", "--list", "cite", "--digest", d, &ids[2]])
            .status
            .success()
    );
    let lists = paperboy(&cfg, &["lists"]);
    assert_eq!(
        String::from_utf8_lossy(&lists.stdout),
        "bookmarks\t2\ncite\t1\n"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&paperboy(&cfg, &["lists", "--json"]).stdout).unwrap();
    assert_eq!(
        json,
        serde_json::json!([{"name": "bookmarks", "count": 2}, {"name": "cite", "count": 1}])
    );
    assert!(paperboy(&cfg, &["unsave", &ids[0]]).status.success());
    assert_eq!(Store::open(&cfg).snapshot().list("bookmarks").len(), 1);
}

#[test]
fn unknown_id_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("cfg");
    let (d, ids) = digest(dir.path(), "d.txt", &numbered(2));
    let o = paperboy(
        &cfg,
        &[
            "save",
            "--digest",
            d.to_str().unwrap(),
            &ids[0],
            "zzzzzzzzzz",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "paperboy: unknown id zzzzzzzzzz; nothing saved\n"
    );
    assert!(!cfg.join("lists.json").exists());
}

#[test]
fn default_digest_is_the_sample() {
    let dir = tempfile::tempdir().unwrap();
    let o = paperboy(dir.path(), &["save", "hzd1hs7v0q"]);
    assert!(o.status.success());
    let s = Store::open(dir.path());
    assert!(
        s.snapshot().list("bookmarks")[0]
            .title
            .starts_with("LRP-QViT")
    );
    assert_eq!(
        s.snapshot().list("bookmarks")[0].source,
        "daily-papers-jul-29.txt (sample)"
    );
}

#[test]
fn two_processes_saving_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("cfg");
    let (d, ids) = digest(dir.path(), "d.txt", &numbered(300));
    let d = d.to_str().unwrap().to_owned();
    let workers: Vec<_> = ids
        .chunks(150)
        .map(|chunk| {
            let (cfg, d, chunk) = (cfg.clone(), d.clone(), chunk.to_vec());
            std::thread::spawn(move || {
                for id in chunk {
                    let o = paperboy(&cfg, &["save", "--digest", &d, &id]);
                    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let s = Store::open(&cfg);
    assert_eq!(s.snapshot().list("bookmarks").len(), 300);
    for id in &ids {
        assert!(s.snapshot().contains("bookmarks", id));
    }
}

#[test]
fn killing_save_at_random_moments_never_loses_a_finished_save() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("cfg");
    let (d, ids) = digest(dir.path(), "d.txt", &numbered(60));
    // Kill at a random moment within about twice what a whole save takes
    // here, so some saves finish and some are cut short whatever the load.
    let start = std::time::Instant::now();
    let o = paperboy(&cfg, &["save", "--digest", d.to_str().unwrap(), &ids[0]]);
    assert!(o.status.success());
    let full = start.elapsed().as_micros().max(1000) as u64;
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut done = vec![ids[0].clone()];
    for id in &ids[1..] {
        paperboy::synth::xorshift(&mut seed);
        let mut child = Command::new(env!("CARGO_BIN_EXE_paperboy"))
            .args(["save", "--digest", d.to_str().unwrap(), id])
            .env("PAPERBOY_CONFIG_DIR", &cfg)
            .env("PAPERBOY_DATA_DIR", cfg.join("data"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(seed % (2 * full)));
        let _ = child.kill(); // SIGKILL
        if child.wait().unwrap().success() {
            done.push(id.clone());
        }
        let mut s = Store::open(&cfg);
        let notices = s.take_notices();
        assert!(
            notices.is_empty(),
            "the store must always load: {notices:?}"
        );
        for id in &done {
            assert!(
                s.snapshot().contains("bookmarks", id),
                "a save that exited 0 was lost"
            );
        }
    }
    // Some saves must have been killed and some must have finished, or the
    // test proved nothing.
    assert!(
        done.len() > 1 && done.len() < ids.len(),
        "{} of {} finished",
        done.len(),
        ids.len()
    );
    let leftovers: Vec<_> = std::fs::read_dir(&cfg)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    // A killed writer may leave its temp file; it is never the store itself.
    assert!(leftovers.iter().all(|n| n.starts_with(".lists.json.tmp-")));
}

#[test]
fn corrupt_store_is_moved_aside_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("lists.json"),
        "{\"version\": 1, \"lists\": [oops",
    )
    .unwrap();
    let o = paperboy(dir.path(), &["lists"]);
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("could not be read") && err.contains("moved it aside to"),
        "{err}"
    );
    let aside: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("lists.json.corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        std::fs::read_to_string(&aside[0]).unwrap(),
        "{\"version\": 1, \"lists\": [oops"
    );
    assert!(
        paperboy(dir.path(), &["save", "hzd1hs7v0q"])
            .status
            .success()
    );
}

/// Makes `dir` unwritable, even for root (immutable attribute) when needed.
/// Returns a guard that undoes it.
fn read_only(dir: &Path) -> impl Drop {
    use std::os::unix::fs::PermissionsExt;
    struct Undo(PathBuf, bool);
    impl Drop for Undo {
        fn drop(&mut self) {
            if self.1 {
                let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
            }
            let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o755));
        }
    }
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let probe = dir.join(".probe");
    let mut chattr = false;
    if std::fs::write(&probe, "x").is_ok() {
        let _ = std::fs::remove_file(&probe);
        chattr = Command::new("chattr")
            .arg("+i")
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success());
        assert!(chattr, "cannot make a read-only directory here");
    }
    Undo(dir.to_path_buf(), chattr)
}

#[test]
fn read_only_config_dir_gives_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("cfg");
    std::fs::create_dir(&cfg).unwrap();
    let _guard = read_only(&cfg);
    let o = paperboy(&cfg, &["save", "hzd1hs7v0q"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with(&format!(
            "paperboy: cannot save reading lists to {}",
            cfg.display()
        )),
        "{err}"
    );
    // Reading still works.
    assert!(paperboy(&cfg, &["lists"]).status.success());
}

fn tricky_titles() -> Vec<String> {
    vec![
        "Braces {in} a Title and } Unbalanced { Ones".into(),
        "100% Accuracy & More: snake_case #1 $x^2$ ~ \\Backslash".into(),
        "Über Café: 量子化 Models, \"Quoted\" 🚀".into(),
        "Commas, Semicolons; and\tTabs".into(),
    ]
}

fn saved(dir: &Path) -> (PathBuf, Vec<Entry>) {
    let cfg = dir.join("cfg");
    let (d, ids) = digest(dir, "d.txt", &tricky_titles());
    let mut args = vec!["save", "--digest", d.to_str().unwrap()];
    args.extend(ids.iter().map(String::as_str));
    let o = paperboy(&cfg, &args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let entries = Store::open(&cfg).snapshot().list("bookmarks").to_vec();
    assert_eq!(entries.len(), 4);
    (cfg, entries)
}

#[test]
fn json_export_parses_back_to_the_same_papers() {
    let dir = tempfile::tempdir().unwrap();
    let (cfg, entries) = saved(dir.path());
    let o = paperboy(&cfg, &["export", "--format", "json"]);
    let back: Vec<Entry> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(back, entries);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for f in ["id", "title", "abstract", "date", "source", "added"] {
        assert!(v[0].get(f).is_some(), "{f}");
    }
}

#[test]
fn bibtex_export_parses_with_a_bibtex_parser() {
    use biblatex::{Bibliography, ChunksExt};
    let dir = tempfile::tempdir().unwrap();
    let (cfg, entries) = saved(dir.path());
    let out = dir.path().join("refs.bib");
    let o = paperboy(
        &cfg,
        &["export", "--format", "bibtex", "-o", out.to_str().unwrap()],
    );
    assert!(o.status.success());
    let text = std::fs::read_to_string(&out).unwrap();
    let bib = Bibliography::parse(&text).unwrap();
    assert_eq!(bib.len(), entries.len());
    let mut keys: Vec<&str> = bib.iter().map(|e| e.key.as_str()).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), entries.len(), "keys are unique");
    for (e, b) in entries.iter().zip(bib.iter()) {
        // The tab became a space when the digest was read.
        assert_eq!(b.title().unwrap().format_verbatim(), e.title);
        assert_eq!(b.get("abstract").unwrap().format_verbatim(), e.abstract_);
        assert_eq!(
            b.get("url").unwrap().format_verbatim(),
            paperboy::digest::facts_view::paper_url(&e.title, e.arxiv.as_deref())
        );
    }
}

#[test]
fn csv_export_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let (cfg, entries) = saved(dir.path());
    let o = paperboy(&cfg, &["export", "--format", "csv"]);
    let mut r = csv::Reader::from_reader(o.stdout.as_slice());
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        paperboy::digest::facts_view::CSV_HEADER
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), entries.len());
    for (row, e) in rows.iter().zip(&entries) {
        assert_eq!(&row[0], e.id);
        assert_eq!(&row[1], e.title);
        assert_eq!(&row[2], e.abstract_);
        assert_eq!(&row[3], e.date.as_deref().unwrap_or(""));
    }
}

#[test]
fn markdown_export_is_a_checklist_and_unknown_lists_fail() {
    let dir = tempfile::tempdir().unwrap();
    let (cfg, entries) = saved(dir.path());
    let md = String::from_utf8(paperboy(&cfg, &["export"]).stdout).unwrap();
    assert!(md.starts_with("# bookmarks\n\n- [ ] ["));
    assert_eq!(md.matches("- [ ] [").count(), entries.len());
    assert!(md.contains("https://arxiv.org/search/?query="));
    let o = paperboy(&cfg, &["export", "--list", "nope"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn unsave_of_an_unknown_id_fails_and_leaves_the_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("cfg");
    let (d, ids) = digest(dir.path(), "d.txt", &numbered(2));
    assert!(
        paperboy(&cfg, &["save", "--digest", d.to_str().unwrap(), &ids[0]])
            .status
            .success()
    );
    let path = cfg.join("lists.json");
    let before = (
        std::fs::read(&path).unwrap(),
        std::fs::metadata(&path).unwrap().modified().unwrap(),
    );
    std::thread::sleep(Duration::from_millis(20));
    let o = paperboy(&cfg, &["unsave", &ids[0], "zzzzzzzzzz"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "paperboy: zzzzzzzzzz is not in bookmarks\npaperboy: nothing removed\n"
    );
    let after = (
        std::fs::read(&path).unwrap(),
        std::fs::metadata(&path).unwrap().modified().unwrap(),
    );
    assert_eq!(before, after, "not rewritten, even with a known id beside");
}

#[test]
fn a_newer_store_survives_every_command_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("cfg");
    std::fs::create_dir(&cfg).unwrap();
    let path = cfg.join("lists.json");
    let entry = serde_json::json!({
        "id": "hzd1hs7v0q", "title": "LRP-QViT", "abstract": "A.", "date": null,
        "source": "s", "line": 1, "added": "2030-01-01T00:00:00Z", "mood": "new field"
    });
    let text = format!(
        "{{\n  \"version\": 99,\n  \"lists\": {{\"bookmarks\": [{entry}]}},\n  \"tags\": {{}}\n}}\n"
    );
    std::fs::write(&path, &text).unwrap();
    let lists = paperboy(&cfg, &["lists"]);
    assert!(lists.status.success());
    assert_eq!(String::from_utf8_lossy(&lists.stdout), "bookmarks\t1\n");
    assert!(String::from_utf8_lossy(&lists.stderr).contains("newer paperboy"));
    for args in [
        &["save", "hzd1hs7v0q"][..],
        &["save", "--list", "cite", "ngqgvfhxsy"],
        &["unsave", "hzd1hs7v0q"],
    ] {
        let o = paperboy(&cfg, args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("not saved: "), "{args:?}: {err}");
        assert!(
            err.contains("written by a newer paperboy"),
            "{args:?}: {err}"
        );
    }
    assert!(paperboy(&cfg, &["export"]).status.success());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    let names: Vec<String> = std::fs::read_dir(&cfg)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains("corrupt")), "{names:?}");
}

#[test]
fn a_save_waits_for_another_paperboys_lock() {
    use paperboy::store::atomic::Lock;
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("cfg");
    std::fs::create_dir(&cfg).unwrap();
    let lock = Lock::try_acquire(&cfg.join("lists.lock")).unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(1500));
        drop(lock);
    });
    let o = paperboy(&cfg, &["save", "hzd1hs7v0q"]);
    release.join().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "paperboy: another paperboy is saving; retrying\n"
    );
    assert!(
        Store::open(&cfg)
            .snapshot()
            .contains("bookmarks", "hzd1hs7v0q")
    );
}

#[test]
fn exports_carry_each_papers_identity() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("cfg");
    let daily = format!("{}/tests/fixtures/daily.json", env!("CARGO_MANIFEST_DIR"));
    let o = paperboy(
        &cfg,
        &["save", "--digest", &daily, "2410.05434", "2410.02012"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let export = |format: &str| {
        let o = paperboy(&cfg, &["export", "--format", format]);
        String::from_utf8(o.stdout).unwrap()
    };
    let bib = export("bibtex");
    for want in [
        "author = {Wei Liu and Ada O'Connor and Ramón García}",
        "year = {2024}",
        "eprint = {2410.05434}",
        "archivePrefix = {arXiv}",
        "url = {https://arxiv.org/abs/2410.05434}",
    ] {
        assert!(bib.contains(want), "{want} in\n{bib}");
    }
    assert_eq!(biblatex::Bibliography::parse(&bib).unwrap().len(), 2);
    let md = export("md");
    assert!(
        md.contains("](https://arxiv.org/abs/2410.05434)\n")
            && md
                .contains(" · 2024-10-07\n  arXiv 2410.05434 · published 2024-10-04 · 117 upvotes"),
        "{md}"
    );
    let json: serde_json::Value = serde_json::from_str(&export("json")).unwrap();
    assert_eq!(json[0]["arxiv"], "2410.05434");
    assert_eq!(json[0]["authors"][1], "Ada O'Connor");
    assert_eq!(json[1]["links"]["project"], "https://gui-vs-cli.github.io");
    let csv = export("csv");
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let row = r.records().next().unwrap().unwrap();
    let col = |name: &str| {
        paperboy::digest::facts_view::CSV_HEADER
            .iter()
            .position(|h| *h == name)
            .unwrap()
    };
    assert_eq!(&row[col("arxiv")], "2410.05434");
    assert_eq!(&row[col("authors")], "Wei Liu; Ada O'Connor; Ramón García");
    assert_eq!(&row[col("upvotes")], "117");
}
