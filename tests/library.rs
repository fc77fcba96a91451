//! The library from the command line: import, days, and the commands that
//! read it when no PATH is given (list --new / --sort, show, save).

mod common;

use std::path::Path;
use std::process::Output;

use paperboy::day::Day;
use paperboy::digest::PaperId;
use paperboy::store::shown::Shown;

fn paperboy(home: &Path, args: &[&str]) -> Output {
    common::at_home(home, args).output().unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/daily-papers-jul-29.txt"
);

/// A library of three generated days (Oct 12 to 14, 2024).
fn library() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let last = Day::parse("2024-10-14").unwrap();
    let digests = home.path().join("data").join("digests");
    paperboy::synth::write_library(&digests, 3, 6, last).unwrap();
    home
}

#[test]
fn with_an_empty_library_commands_read_the_sample() {
    let home = tempfile::tempdir().unwrap();
    let o = paperboy(home.path(), &["list"]);
    assert_eq!(out(&o).lines().count(), 121, "{}", err(&o));
    let o = paperboy(home.path(), &["days"]);
    assert!(o.status.success());
    assert_eq!(out(&o), "");
    assert!(
        err(&o).contains("is empty; `paperboy fetch`"),
        "{}",
        err(&o)
    );
    let o = paperboy(home.path(), &["days", "--json"]);
    assert_eq!(out(&o).trim(), "[]");
}

#[test]
fn import_names_days_by_their_date_and_the_library_reads_them_all() {
    let home = tempfile::tempdir().unwrap();
    let json = format!("{FIXTURES}/daily.json");
    let o = paperboy(home.path(), &["import", &json, SAMPLE]);
    assert!(o.status.success(), "{}", err(&o));
    let digests = home.path().join("data").join("digests");
    assert!(digests.join("2024-10-07.json").is_file(), "{}", out(&o));
    assert!(
        digests.join("daily-papers-jul-29.txt").is_file(),
        "undated: its own name"
    );
    let o = paperboy(home.path(), &["import", &json]);
    assert!(out(&o).contains("in the library already"), "{}", out(&o));
    let o = paperboy(home.path(), &["import", "/no/such/file.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("/no/such/file.json"), "{}", err(&o));

    // Dated days first, newest first; the undated sample after.
    let o = paperboy(home.path(), &["list"]);
    let lines: Vec<String> = out(&o).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 121 + 3, "{}", err(&o));
    assert!(lines[0].contains("\t2024-10-07\t"), "{}", lines[0]);
    assert!(lines[3].contains("\tJul 29\t"), "{}", lines[3]);
    let o = paperboy(home.path(), &["days", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v[0],
        serde_json::json!({"date": "2024-10-07", "papers": 3, "new": 3})
    );
    assert_eq!(v[1]["date"], "Jul 29");
}

#[test]
fn list_new_prints_only_papers_never_shown() {
    let home = library();
    let o = paperboy(home.path(), &["list"]);
    let all: Vec<String> = out(&o).lines().map(str::to_owned).collect();
    assert_eq!(all.len(), 18);
    // The reader showed the newest day's papers.
    let newest: Vec<PaperId> = all
        .iter()
        .filter(|l| l.contains("\t2024-10-14\t"))
        .map(|l| PaperId::parse(l.split('\t').next().unwrap()).unwrap())
        .collect();
    assert_eq!(newest.len(), 6);
    Shown::open(&home.path().join("config"))
        .record(&newest, Day::parse("2024-10-14").unwrap())
        .unwrap();
    let o = paperboy(home.path(), &["list", "--new"]);
    let text = out(&o);
    let new: Vec<&str> = text.lines().collect();
    assert_eq!(new.len(), 12);
    assert!(new.iter().all(|l| !l.contains("\t2024-10-14\t")));
    let o = paperboy(home.path(), &["list", "--new", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 12);
    let o = paperboy(home.path(), &["days", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v,
        serde_json::json!([
            {"date": "2024-10-14", "papers": 6, "new": 0},
            {"date": "2024-10-13", "papers": 6, "new": 6},
            {"date": "2024-10-12", "papers": 6, "new": 6},
        ])
    );
    let o = paperboy(home.path(), &["days"]);
    assert!(
        out(&o).starts_with("2024-10-14\t6 papers\t0 new\n"),
        "{}",
        out(&o)
    );
}

#[test]
fn list_sort_orders_by_page_upvotes_or_date() {
    let home = library();
    let upvotes = |o: &Output| -> Vec<u64> {
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|p| p["upvotes"].as_u64().unwrap())
            .collect()
    };
    let o = paperboy(home.path(), &["list", "--json", "--sort", "upvotes"]);
    let votes = upvotes(&o);
    assert_eq!(votes.len(), 18);
    assert!(votes.windows(2).all(|w| w[0] >= w[1]), "{votes:?}");
    let page = upvotes(&paperboy(
        home.path(),
        &["list", "--json", "--sort", "page"],
    ));
    assert_ne!(page, votes, "page order is not upvotes");
    let o = paperboy(home.path(), &["list", "--sort", "date", SAMPLE]);
    let dated = out(&o);
    let o = paperboy(home.path(), &["list", SAMPLE]);
    assert_eq!(dated, out(&o), "one day: date order is page order");
    let o = paperboy(home.path(), &["list", "--sort", "stars"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("page, upvotes, date"), "{}", err(&o));
    // A query ranks best first unless --sort says.
    let o = paperboy(
        home.path(),
        &["list", "--json", "--sort", "upvotes", "--query", "a"],
    );
    let votes = upvotes(&o);
    assert!(votes.windows(2).all(|w| w[0] >= w[1]), "{votes:?}");
}

#[test]
fn show_and_save_read_the_library_by_default() {
    let home = library();
    let o = paperboy(home.path(), &["list"]);
    let first = out(&o)
        .lines()
        .next()
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .to_owned();
    let o = paperboy(home.path(), &["show", &first]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("2024-10-14"), "{}", out(&o));
    let o = paperboy(home.path(), &["save", &first]);
    assert!(o.status.success(), "{}", err(&o));
    let o = paperboy(home.path(), &["lists"]);
    assert!(out(&o).contains("bookmarks\t1"), "{}", out(&o));
}

#[test]
fn rank_on_the_library_caches_its_index_beside_it() {
    let home = library();
    let o = paperboy(home.path(), &["list"]);
    let ids: Vec<String> = out(&o)
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_owned())
        .collect();
    let o = paperboy(home.path(), &["save", &ids[0], &ids[1], &ids[2]]);
    assert!(o.status.success(), "{}", err(&o));
    let o = paperboy(home.path(), &["rank", "--limit", "5"]);
    assert!(o.status.success(), "{}", err(&o));
    let cache = home.path().join("data").join("index.bin");
    let first = std::fs::metadata(&cache)
        .expect("the index is cached")
        .modified()
        .unwrap();
    let again = paperboy(home.path(), &["rank", "--limit", "5"]);
    assert_eq!(out(&again), out(&o), "the cached index ranks the same");
    assert_eq!(
        std::fs::metadata(&cache).unwrap().modified().unwrap(),
        first,
        "read, not rebuilt"
    );
    // A new day makes it stale.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let day = home.path().join("data/digests/2024-10-07.json");
    std::fs::copy(format!("{FIXTURES}/daily.json"), day).unwrap();
    let o = paperboy(home.path(), &["rank"]);
    assert_eq!(out(&o).lines().count(), 21);
    assert_ne!(
        std::fs::metadata(&cache).unwrap().modified().unwrap(),
        first,
        "rebuilt"
    );
    // A cache that is garbage is rebuilt, never trusted.
    std::fs::write(&cache, b"PBINDEX2 garbage").unwrap();
    let o = paperboy(home.path(), &["rank"]);
    assert!(o.status.success());
    assert_eq!(out(&o).lines().count(), 21);
}

/// Real page-text days as `import` keeps them (`2026-08-22.txt`), whose
/// date lines give no year (`Dec 4`, `Aug 22`): each takes its year from
/// its file's name, so the days follow the calendar, newest first.
#[test]
fn days_without_a_year_follow_the_calendar() {
    let home = tempfile::tempdir().unwrap();
    let digests = home.path().join("data").join("digests");
    std::fs::create_dir_all(&digests).unwrap();
    for day in ["2025-12-04", "2025-12-05", "2026-08-21", "2026-08-22"] {
        let name = format!("{day}.txt");
        std::fs::copy(
            Path::new(FIXTURES).join("library-days").join(&name),
            digests.join(&name),
        )
        .unwrap();
    }
    let o = paperboy(home.path(), &["days"]);
    assert!(o.status.success(), "{}", err(&o));
    let text = out(&o);
    let days: Vec<&str> = text
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(
        days,
        ["2026-08-22", "2026-08-21", "2025-12-05", "2025-12-04"]
    );
    // The library's papers, newest day first: Aug 22's first paper first.
    let o = paperboy(home.path(), &["list"]);
    let first = out(&o).lines().next().unwrap_or("").to_owned();
    assert!(
        first.ends_with("\tAug 22\tEnvHarness: Awakening Static Worlds for Agent Learning"),
        "{first}"
    );
    let last = out(&o).lines().last().unwrap_or("").to_owned();
    assert!(last.contains("\tDec 4\t"), "{last}");
}

/// Saved in the morning with the morning's numbers; exported after the
/// library fetched the day again, the export has the day's numbers now.
#[test]
fn an_export_has_the_upvotes_the_library_has_now() {
    let home = tempfile::tempdir().unwrap();
    let real = std::fs::read_to_string(format!("{FIXTURES}/api-2026-06-12.json")).unwrap();
    let morning = real
        .replace("\"upvotes\":103", "\"upvotes\":7")
        .replace("\"githubStars\":251", "\"githubStars\":2");
    let file = home.path().join("morning.json");
    std::fs::write(&file, morning).unwrap();
    let o = paperboy(
        home.path(),
        &["save", "--digest", file.to_str().unwrap(), "2606.13392"],
    );
    assert!(o.status.success(), "{}", err(&o));
    let exported = |home: &Path| {
        let o = paperboy(home, &["export", "--format", "json"]);
        assert!(o.status.success(), "{}", err(&o));
        let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        (j[0]["upvotes"].clone(), j[0]["stars"].clone())
    };
    assert_eq!(exported(home.path()), (7.into(), 2.into()), "as saved");
    let digests = home.path().join("data").join("digests");
    std::fs::create_dir_all(&digests).unwrap();
    std::fs::write(digests.join("2026-06-12.json"), real).unwrap();
    assert_eq!(exported(home.path()), (103.into(), 251.into()), "as now");
    let o = paperboy(home.path(), &["export", "--format", "csv"]);
    assert!(out(&o).contains(",103,"), "{}", out(&o));
}
