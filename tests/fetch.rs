//! `paperboy fetch` against a Daily Papers API that the test runs on
//! 127.0.0.1: retries, timeouts, bad answers, re-fetches, two fetches at
//! once. No test here touches the network.

mod common;

use std::path::Path;
use std::process::{Output, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{Reply, Server, api_days, command, digests, err, files, out, page_of, param};

/// Runs paperboy on `home` (config in `home/config`, library in
/// `home/data`) against `api`, on the day `today`.
fn paperboy(home: &Path, api: &str, today: &str, args: &[&str]) -> Output {
    command(home, api, today, args).output().unwrap()
}

#[test]
fn a_day_is_fetched_and_read_from_the_library() {
    let days = api_days(1, 12, "2024-10-07");
    let body = days["2024-10-07"].clone();
    let served = body.clone();
    let api = Server::start(move |_, _| Reply::Json(served.clone()));
    let home = tempfile::tempdir().unwrap();
    let o = paperboy(home.path(), &api.url, "2024-10-07", &["fetch"]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(out(&o).trim(), "2024-10-07  12 papers, saved");
    assert_eq!(files(home.path()), ["2024-10-07.json"]);
    let kept = std::fs::read(digests(home.path()).join("2024-10-07.json")).unwrap();
    assert_eq!(kept, body, "the JSON as received");
    let seen = api.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(
        seen[0].target, "/api/daily_papers?date=2024-10-07&limit=50&p=0",
        "12 papers: one short page"
    );
    let agent = &seen[0].headers["user-agent"];
    assert!(agent.starts_with("paperboy/"), "{agent}");

    // With no PATH, the commands read the library.
    let o = paperboy(home.path(), &api.url, "2024-10-07", &["list"]);
    assert_eq!(out(&o).lines().count(), 12, "{}", err(&o));
    let o = paperboy(home.path(), &api.url, "2024-10-07", &["days", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v,
        serde_json::json!([{"date": "2024-10-07", "papers": 12, "new": 12, "sources": {"hf": 12}, "replaced": 0}])
    );
}

#[test]
fn a_day_of_120_papers_served_50_a_page_lands_whole() {
    let days = api_days(1, 120, "2024-10-07");
    let body = days["2024-10-07"].clone();
    let served = body.clone();
    let api = Server::start_targets(move |target, _| page_of(&served, target, 50));
    let home = tempfile::tempdir().unwrap();
    let o = paperboy(home.path(), &api.url, "2024-10-07", &["fetch"]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(out(&o).trim(), "2024-10-07  120 papers, saved");
    let pages: Vec<String> = api
        .seen()
        .iter()
        .map(|s| param(&s.target, "p").unwrap())
        .collect();
    assert_eq!(
        pages,
        ["0", "1", "2"],
        "50 + 50 + 20: the short page ends it"
    );
    let kept: serde_json::Value = serde_json::from_slice(
        &std::fs::read(digests(home.path()).join("2024-10-07.json")).unwrap(),
    )
    .unwrap();
    let sent: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(kept, sent, "every item, in the site's order");
    let o = paperboy(home.path(), &api.url, "2024-10-07", &["days"]);
    assert_eq!(out(&o), "2024-10-07\t120 papers\t120 new\thf 120\n");

    // A day of exactly 100 ends on an empty page, which adds nothing.
    let days = api_days(1, 100, "2024-10-08");
    let served = days["2024-10-08"].clone();
    let api = Server::start_targets(move |target, _| page_of(&served, target, 50));
    let o = paperboy(
        home.path(),
        &api.url,
        "2024-10-08",
        &["fetch", "2024-10-08"],
    );
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(api.seen().len(), 3);
    assert!(
        out(&o).contains("2024-10-08  100 papers, saved"),
        "{}",
        out(&o)
    );
}

#[test]
fn a_page_that_fails_leaves_no_file() {
    let days = api_days(1, 120, "2024-10-07");
    let served = days["2024-10-07"].clone();
    let api = Server::start_targets(move |target, _| match param(target, "p").as_deref() {
        Some("1") => Reply::Status(500),
        _ => page_of(&served, target, 50),
    });
    let home = tempfile::tempdir().unwrap();
    let o = paperboy(
        home.path(),
        &api.url,
        "2024-10-07",
        &["fetch", "2024-10-07"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert_eq!(
        err(&o).trim(),
        "2024-10-07  failed: page 2: HTTP 500 Internal Server Error (after 3 retries)"
    );
    assert!(files(home.path()).is_empty(), "{:?}", files(home.path()));
    let asked = api.seen();
    assert!(
        asked
            .iter()
            .all(|s| param(&s.target, "p").as_deref() != Some("2")),
        "no page after the failed one"
    );
}

#[test]
fn a_week_of_days_each_failing_its_own_way() {
    let week = api_days(7, 5, "2024-10-14");
    let served = week.clone();
    let api = Server::start(move |date, n| {
        let json = served[date].clone();
        match date {
            "2024-10-14" if n < 2 => Reply::Status(500),
            "2024-10-13" if n < 1 => Reply::RetryAfter(1),
            "2024-10-12" => Reply::Html,
            "2024-10-11" => Reply::Hang,
            "2024-10-10" => Reply::Cut(json),
            _ => Reply::Json(json),
        }
    });
    let home = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let o = paperboy(
        home.path(),
        &api.url,
        "2024-10-14",
        &["fetch", "--days", "7"],
    );
    let took = started.elapsed();
    assert_eq!(o.status.code(), Some(1), "some days failed: {}", err(&o));
    assert_eq!(
        files(home.path()),
        [
            "2024-10-08.json",
            "2024-10-09.json",
            "2024-10-13.json",
            "2024-10-14.json"
        ],
        "only whole, valid days are kept, and no temp file is left"
    );
    for f in files(home.path()) {
        let kept = std::fs::read(digests(home.path()).join(&f)).unwrap();
        assert_eq!(kept, week[f.trim_end_matches(".json")], "{f}");
    }
    let e = err(&o);
    let line = |day: &str| {
        let lines: Vec<&str> = e.lines().filter(|l| l.starts_with(day)).collect();
        assert_eq!(lines.len(), 1, "one line for {day}: {e}");
        lines[0].to_owned()
    };
    assert!(
        line("2024-10-12").contains("not JSON: the server sent an HTML page"),
        "{e}"
    );
    assert!(line("2024-10-11").contains("within 2 s"), "{e}");
    assert!(line("2024-10-10").contains("cut short"), "{e}");
    assert!(
        e.ends_with("paperboy: 3 of 7 days failed; the rest are in the library\n"),
        "{e}"
    );
    assert_eq!(e.lines().count(), 4, "errors only for the failed days: {e}");
    let o_text = out(&o);
    assert!(o_text.contains("2024-10-14  7 papers, saved"), "{o_text}");

    assert_eq!(api.seen_for("2024-10-14").len(), 3, "500 twice, then 200");
    let asked = api.seen_for("2024-10-13");
    assert_eq!(asked.len(), 2);
    let waited = asked[1].at - asked[0].at;
    assert!(
        waited >= Duration::from_millis(950),
        "Retry-After honoured: {waited:?}"
    );
    assert_eq!(
        api.seen_for("2024-10-12").len(),
        1,
        "a 200 that is not JSON is not retried"
    );
    assert!(
        took < Duration::from_secs(15),
        "four at once, timeouts kept: {took:?}"
    );

    // The library reads; the two papers carried from the missing 12th
    // onto the 13th's page are on their first day.
    let o = paperboy(home.path(), &api.url, "2024-10-14", &["days"]);
    let text = out(&o);
    let listed: Vec<&str> = text
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(
        listed,
        [
            "2024-10-14",
            "2024-10-13",
            "2024-10-12",
            "2024-10-09",
            "2024-10-08"
        ],
        "{}",
        out(&o)
    );
    assert!(
        out(&o).contains("2024-10-12\t2 papers\t2 new"),
        "{}",
        out(&o)
    );
}

#[test]
fn a_day_already_kept_is_not_fetched_again_and_same_bytes_are_not_rewritten() {
    let days = api_days(2, 4, "2024-10-08");
    let served = days.clone();
    let api = Server::start(move |date, _| Reply::Json(served[date].clone()));
    let home = tempfile::tempdir().unwrap();
    let fetch = |args: &[&str]| paperboy(home.path(), &api.url, "2024-10-08", args);
    let o = fetch(&["fetch", "2024-10-07", "2024-10-08"]);
    assert!(o.status.success(), "{}", err(&o));
    let today = digests(home.path()).join("2024-10-08.json");
    let stamp = |p: &Path| {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(p).unwrap();
        (m.ino(), m.modified().unwrap())
    };
    let before = stamp(&today);
    std::thread::sleep(Duration::from_millis(20));
    let o = fetch(&["fetch", "2024-10-07", "2024-10-08"]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        out(&o).contains("2024-10-07  in the library already"),
        "{}",
        out(&o)
    );
    assert!(
        out(&o).contains("2024-10-08  6 papers, unchanged"),
        "{}",
        out(&o)
    );
    assert_eq!(stamp(&today), before, "today's file untouched");
    assert_eq!(api.seen_for("2024-10-07").len(), 1, "a past day is kept");
    assert_eq!(api.seen_for("2024-10-08").len(), 2, "today may still grow");
    let o = fetch(&["fetch", "--refresh", "2024-10-07"]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(
        api.seen_for("2024-10-07").len(),
        2,
        "--refresh fetches again"
    );
}

#[test]
fn today_without_papers_looks_back_for_the_latest_day() {
    let days = api_days(1, 3, "2024-10-11");
    let served = days.clone();
    let api = Server::start(move |date, _| match served.get(date) {
        Some(json) => Reply::Json(json.clone()),
        None => Reply::Json(b"[]".to_vec()),
    });
    let home = tempfile::tempdir().unwrap();
    let o = paperboy(home.path(), &api.url, "2024-10-14", &["fetch"]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("no papers for today yet"), "{}", out(&o));
    assert!(
        out(&o).contains("2024-10-11  3 papers, saved"),
        "{}",
        out(&o)
    );
    assert_eq!(files(home.path()), ["2024-10-11.json"]);
    let asked: Vec<String> = api.seen().into_iter().map(|s| s.date).collect();
    assert_eq!(
        asked,
        ["2024-10-14", "2024-10-13", "2024-10-12", "2024-10-11"]
    );
}

#[test]
fn nothing_to_be_had_exits_2_with_one_line() {
    // A port with nothing listening.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://127.0.0.1:{}", closed.local_addr().unwrap().port());
    drop(closed);
    let home = tempfile::tempdir().unwrap();
    let o = paperboy(home.path(), &url, "2024-10-14", &["fetch", "2024-10-14"]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    let e = err(&o);
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(
        e.starts_with("2024-10-14  failed: cannot connect to 127.0.0.1"),
        "{e}"
    );
    assert!(files(home.path()).is_empty());

    let api = Server::start(|_, _| Reply::Status(404));
    let o = paperboy(
        home.path(),
        &api.url,
        "2024-10-14",
        &["fetch", "2024-10-14"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("HTTP 404"), "{}", err(&o));
    let o = paperboy(
        home.path(),
        &api.url,
        "2024-10-14",
        &["fetch", "2024-13-01"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("not a date"), "{}", err(&o));
}

#[test]
fn the_proxy_comes_from_the_environment() {
    let days = api_days(1, 2, "2024-10-07");
    let served = days["2024-10-07"].clone();
    let proxy = Server::start(move |_, _| Reply::Json(served.clone()));
    let home = tempfile::tempdir().unwrap();
    for var in ["HTTPS_PROXY", "ALL_PROXY"] {
        let o = command(
            home.path(),
            "http://papers.invalid",
            "2024-10-07",
            &["fetch", "--refresh"],
        )
        .env(var, &proxy.url)
        .output()
        .unwrap();
        assert!(o.status.success(), "{var}: {}", err(&o));
    }
    let seen = proxy.seen();
    assert_eq!(seen.len(), 2);
    for s in seen {
        assert_eq!(s.tunnel.as_deref(), Some("papers.invalid:80"));
        assert_eq!(s.target, "/api/daily_papers?date=2024-10-07&limit=50&p=0");
    }
}

#[test]
fn two_fetches_at_once_leave_a_valid_library() {
    let days = Arc::new(api_days(5, 6, "2024-10-14"));
    let served = Arc::clone(&days);
    // Each answer differs (its upvotes), so both processes write.
    let api = Server::start(move |date, n| {
        std::thread::sleep(Duration::from_millis(5 * (n as u64 % 3)));
        let mut v: serde_json::Value = serde_json::from_slice(&served[date]).unwrap();
        v[0]["paper"]["upvotes"] = serde_json::json!(n);
        Reply::Json(serde_json::to_vec(&v).unwrap())
    });
    let home = tempfile::tempdir().unwrap();
    for _ in 0..3 {
        let mut a = command(
            home.path(),
            &api.url,
            "2024-10-14",
            &["fetch", "--refresh", "--days", "5"],
        );
        let mut b = command(
            home.path(),
            &api.url,
            "2024-10-14",
            &["fetch", "--refresh", "--days", "5"],
        );
        let (a, b) = (
            a.stdout(Stdio::null()).spawn().unwrap(),
            b.stdout(Stdio::null()).spawn().unwrap(),
        );
        assert!(a.wait_with_output().unwrap().status.success());
        assert!(b.wait_with_output().unwrap().status.success());
    }
    assert_eq!(files(home.path()).len(), 5, "{:?}", files(home.path()));
    for f in files(home.path()) {
        let bytes = std::fs::read(digests(home.path()).join(&f)).unwrap();
        let v: serde_json::Value =
            serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{f}: {e}"));
        let first = f == "2024-10-10.json";
        let expected = if first {
            6
        } else {
            6 + paperboy::synth::CARRIED
        };
        assert_eq!(v.as_array().unwrap().len(), expected, "{f}");
    }
    let o = paperboy(home.path(), &api.url, "2024-10-14", &["check"]);
    assert!(o.status.success(), "{}", err(&o));
}

#[test]
fn a_plain_fetch_brings_the_last_week_up_to_date_rewriting_only_what_changed() {
    use std::os::unix::fs::MetadataExt;
    use std::sync::atomic::{AtomicBool, Ordering};
    let days = api_days(9, 4, "2024-10-14");
    let later = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&later);
    // Later on, two days of the week have gained upvotes.
    let api = Server::start(move |date, _| {
        let mut v: serde_json::Value = serde_json::from_slice(&days[date]).unwrap();
        if flag.load(Ordering::SeqCst) && (date == "2024-10-12" || date == "2024-10-09") {
            v[0]["paper"]["upvotes"] = serde_json::json!(999);
        }
        Reply::Json(serde_json::to_vec(&v).unwrap())
    });
    let home = tempfile::tempdir().unwrap();
    let fetch = |args: &[&str]| paperboy(home.path(), &api.url, "2024-10-14", args);
    let o = fetch(&["fetch", "--days", "9"]);
    assert!(o.status.success(), "{}", err(&o));
    let stamps = || -> Vec<(String, (u64, std::time::SystemTime))> {
        files(home.path())
            .into_iter()
            .map(|f| {
                let m = std::fs::metadata(digests(home.path()).join(&f)).unwrap();
                (f, (m.ino(), m.modified().unwrap()))
            })
            .collect()
    };
    let before = stamps();
    assert_eq!(before.len(), 9);
    // A rewrite would show in the mtime even on a coarse clock.
    std::thread::sleep(Duration::from_millis(20));
    later.store(true, Ordering::SeqCst);
    let asked_before = api.seen().len();
    let o = fetch(&["fetch"]);
    assert!(o.status.success(), "{}", err(&o));
    let mut asked: Vec<String> = api.seen()[asked_before..]
        .iter()
        .map(|s| s.date.clone())
        .collect();
    asked.sort();
    assert_eq!(
        asked,
        [
            "2024-10-08",
            "2024-10-09",
            "2024-10-10",
            "2024-10-11",
            "2024-10-12",
            "2024-10-13",
            "2024-10-14"
        ],
        "today, and the six days before it: once each"
    );
    let after = stamps();
    for ((name, old), (_, new)) in before.iter().zip(&after) {
        let changed = name == "2024-10-12.json" || name == "2024-10-09.json";
        assert_eq!(old != new, changed, "{name}: {old:?} -> {new:?}");
    }
    let text = out(&o);
    assert!(text.contains("2024-10-12  6 papers, saved"), "{text}");
    assert!(text.contains("2024-10-11  6 papers, unchanged"), "{text}");
    // The upvote order uses the latest numbers.
    let o = fetch(&["list", "--json", "--sort", "upvotes"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["upvotes"], 999, "{}", err(&o));
    assert_eq!(v[1]["upvotes"], 999);
}

/// A day of the API's JSON: (arXiv id, title, upvotes) per paper.
fn day_of(date: &str, papers: &[(&str, &str, u32)]) -> Vec<u8> {
    let items: Vec<serde_json::Value> = papers
        .iter()
        .map(|(id, title, up)| {
            serde_json::json!({"paper": {
                "id": id, "title": title, "summary": format!("About {title}."),
                "upvotes": up, "submittedOnDailyAt": format!("{date}T08:00:00.000Z")
            }})
        })
        .collect();
    serde_json::to_vec(&items).unwrap()
}

#[test]
fn a_week_is_filled_in_day_by_day_and_top_ranks_it_by_the_latest_upvotes() {
    let days: std::collections::HashMap<&str, Vec<u8>> = [
        (
            "2024-10-07",
            day_of(
                "2024-10-07",
                &[("2410.00001", "One", 5), ("2410.00002", "Two", 50)],
            ),
        ),
        (
            // One is on the page again two days on, with more upvotes.
            "2024-10-09",
            day_of(
                "2024-10-09",
                &[("2410.00003", "Three", 20), ("2410.00001", "One", 9)],
            ),
        ),
        (
            "2024-10-14",
            day_of("2024-10-14", &[("2410.00004", "Four", 100)]),
        ),
    ]
    .into_iter()
    .collect();
    let api = Server::start(move |date, _| {
        Reply::Json(days.get(date).cloned().unwrap_or_else(|| b"[]".to_vec()))
    });
    let home = tempfile::tempdir().unwrap();
    let run = |today: &str, args: &[&str]| paperboy(home.path(), &api.url, today, args);
    let o = run("2024-10-14", &["fetch", "2024-10-09"]);
    assert!(o.status.success(), "{}", err(&o));
    let o = run("2024-10-14", &["fetch", "--week", "2024-W41"]);
    assert!(o.status.success(), "{}", err(&o));
    let mut asked: Vec<String> = api.seen().iter().map(|s| s.date.clone()).collect();
    asked.sort();
    assert_eq!(
        asked,
        [
            "2024-10-07",
            "2024-10-08",
            "2024-10-09",
            "2024-10-10",
            "2024-10-11",
            "2024-10-12",
            "2024-10-13"
        ],
        "Oct 7-13, the 9th once: it was in the library"
    );
    assert_eq!(files(home.path()), ["2024-10-07.json", "2024-10-09.json"]);
    let o = run("2024-10-14", &["fetch", "--month"]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(files(home.path()).len(), 3, "October up to today");

    let titles = |o: &Output| -> Vec<String> {
        out(o)
            .lines()
            .map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                format!("{} {}", f[2], f[3])
            })
            .collect()
    };
    let o = run("2024-10-10", &["top"]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(titles(&o), ["Two 50", "Three 20", "One 9"]);
    let o = run("2024-10-10", &["top", "--week", "--limit", "2"]);
    assert_eq!(titles(&o), ["Two 50", "Three 20"]);
    let o = run("2024-10-31", &["top", "--month", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let got: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap())
        .collect();
    assert_eq!(got, ["Four", "Two", "Three", "One"]);
    let o = run("2024-11-20", &["top"]);
    assert!(out(&o).is_empty());
    assert!(
        err(&o).contains("no papers of week 47, 2024 (Nov 18–24)"),
        "{}",
        err(&o)
    );
    let o = run("2024-10-14", &["fetch", "--week", "2025-W53"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("\"2025-W53\" is not a week"),
        "{}",
        err(&o)
    );
}
