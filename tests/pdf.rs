//! `paperboy pdf` against a local server: whole PDFs only, never a partial
//! file, and nothing fetched twice.

mod common;

use common::{Reply, Server};

#[test]
fn pdfs_are_downloaded_whole_once_and_a_failure_leaves_no_file() {
    let home = tempfile::tempdir().unwrap();
    let daily = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/daily.json");
    let run = |server: &Server, args: &[&str]| {
        common::command(home.path(), &server.url, "2024-10-07", args)
            .env("PAPERBOY_PDF_URL", &server.url)
            .env("PAPERBOY_PDF_DELAY_MS", "10")
            .output()
            .unwrap()
    };
    let pdf = b"%PDF-1.7 a small test document".to_vec();
    let body = pdf.clone();
    // 2410.05434 is fine; 2410.02012 is cut short the first time, then fine.
    let server = Server::start(move |id, n| match (id, n) {
        ("2410.02012", 0) => Reply::Cut(body.clone()),
        _ => Reply::Json(body.clone()),
    });
    let saved = run(
        &server,
        &["save", "--digest", daily, "2410.05434", "2410.02012"],
    );
    assert!(saved.status.success());
    let dir = home.path().join("data/pdfs");
    let first = run(&server, &["pdf"]);
    assert_eq!(first.status.code(), Some(1), "one failed");
    let err = String::from_utf8_lossy(&first.stderr);
    assert!(
        err.contains("2410.02012: the download was cut short"),
        "{err}"
    );
    assert!(
        err.contains("1 PDF downloaded, 0 already on disk, 1 failed"),
        "{err}"
    );
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["2410.05434.pdf"],
        "no partial file of the failed one"
    );
    assert_eq!(std::fs::read(dir.join("2410.05434.pdf")).unwrap(), pdf);
    // The second run fetches only what is missing; the third nothing.
    let second = run(&server, &["pdf"]);
    assert!(
        second.status.success(),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    assert_eq!(server.seen_for("2410.05434").len(), 1);
    assert_eq!(server.seen_for("2410.02012").len(), 2);
    let before = server.seen().len();
    let third = run(&server, &["pdf"]);
    assert!(
        String::from_utf8_lossy(&third.stderr).contains("0 PDFs downloaded, 2 already on disk")
    );
    assert_eq!(server.seen().len(), before, "nothing fetched again");
    // `show` says where it is; `has:pdf` finds it.
    let show = run(&server, &["show", "2410.05434", daily]);
    let shown = String::from_utf8_lossy(&show.stdout);
    assert!(
        shown.contains("pdfs/2410.05434.pdf (the PDF, on disk)"),
        "{shown}"
    );
    let list = run(&server, &["list", daily, "--query", "has:pdf -kernel"]);
    assert_eq!(
        String::from_utf8_lossy(&list.stdout).lines().count(),
        1,
        "GUI vs. CLI only"
    );
    // Not a PDF (an HTML page) is refused, and leaves nothing either.
    let html = Server::start(|_, _| Reply::Html);
    std::fs::remove_file(dir.join("2410.05434.pdf")).unwrap();
    let o = run(&html, &["pdf", "2410.05434"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("2410.05434: not a PDF"));
    assert!(!dir.join("2410.05434.pdf").exists() && !dir.join("2410.05434.pdf.part").exists());
}
