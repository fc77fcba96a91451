//! At home in the shell: the config file's commands, completions, the man
//! page, notes from the command line, and every way a digest arrives.

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn paperboy(cfg: &Path, args: &[&str]) -> Output {
    common::binary(cfg, &cfg.join("data"), args)
        .output()
        .unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/daily-papers-jul-29.txt"
);

#[test]
fn config_path_init_and_check() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("cfg");
    let file = cfg.join("config.toml");
    assert_eq!(
        out(&paperboy(&cfg, &["config", "--path"])),
        format!("{}\n", file.display())
    );
    let o = paperboy(&cfg, &["config", "--init"]);
    assert!(o.status.success(), "{}", err(&o));
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.contains("# next = [\"j\", \"down\"]"), "{written}");
    // Never over an existing file.
    std::fs::write(&file, "[keys]\nnext = [\"e\"]\n").unwrap();
    let again = paperboy(&cfg, &["config", "--init"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(err(&again).contains("already exists"), "{}", err(&again));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "[keys]\nnext = [\"e\"]\n"
    );
    assert!(paperboy(&cfg, &["config", "--check"]).status.success());
    std::fs::write(&file, "[options]\nscope = \"everything\"\nwidth = 3\n").unwrap();
    let check = paperboy(&cfg, &["config", "--check"]);
    assert_eq!(check.status.code(), Some(2));
    assert_eq!(
        out(&check),
        format!(
            "{f}:2: error: [options] scope: \"everything\" is not one of title, all (default kept)\n\
             {f}:3: warning: [options] unknown option \"width\"; ignored\n",
            f = file.display()
        )
    );
}

#[test]
fn completions_for_every_shell_and_bash_accepts_its_own() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = paperboy(dir.path(), &["completions", shell]);
        assert!(o.status.success(), "{shell}");
        let script = out(&o);
        assert!(
            script.contains("paperboy") && script.contains("export"),
            "{shell}"
        );
    }
    let path = dir.path().join("paperboy.bash");
    std::fs::write(&path, paperboy(dir.path(), &["completions", "bash"]).stdout).unwrap();
    let syntax = Command::new("bash").arg("-n").arg(&path).output().unwrap();
    assert!(syntax.status.success(), "{}", err(&syntax));
}

#[test]
fn the_man_page_is_valid_roff() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("paperboy.1");
    std::fs::write(&page, paperboy(dir.path(), &["man"]).stdout).unwrap();
    // .ci/run installs groff when it is missing.
    let o = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .arg(&page)
        .output()
        .expect("groff is needed for this test (.ci/run installs it)");
    assert!(o.status.success() && o.stderr.is_empty(), "{}", err(&o));
    // Rendered as plain text (no bold by overstriking or escapes).
    let text = Command::new("groff")
        .args(["-man", "-Tutf8", "-P", "-cbou"])
        .arg(&page)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    for want in ["paperboy", "SYNOPSIS", "list", "export", "completions"] {
        assert!(text.contains(want), "{want}");
    }
}

#[test]
fn the_version_names_the_commit_it_was_built_from() {
    let dir = tempfile::tempdir().unwrap();
    let v = out(&paperboy(dir.path(), &["--version"]));
    assert!(
        v.starts_with(&format!("paperboy {}", env!("CARGO_PKG_VERSION"))),
        "{v}"
    );
    let head = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output();
    if let Some(h) = head.ok().filter(|h| h.status.success()) {
        let commit = String::from_utf8_lossy(&h.stdout).trim().to_owned();
        assert_eq!(
            v,
            format!("paperboy {} ({commit})\n", env!("CARGO_PKG_VERSION"))
        );
    }
}

#[test]
fn a_note_from_the_command_line_reaches_every_export() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("cfg");
    assert!(paperboy(&cfg, &["save", "hzd1hs7v0q"]).status.success());
    let o = paperboy(
        &cfg,
        &["note", "hzd1h", "Read with the 50% {draft} in mind"],
    );
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(out(&o), "noted hzd1hs7v0q in bookmarks\n");
    let export = |format: &str| out(&paperboy(&cfg, &["export", "--format", format]));
    assert!(export("md").contains("  Note: Read with the 50% {draft} in mind\n"));
    let bib = biblatex::Bibliography::parse(&export("bibtex")).unwrap();
    let note = bib.iter().next().unwrap().get("note").unwrap();
    use biblatex::ChunksExt;
    assert_eq!(note.format_verbatim(), "Read with the 50% {draft} in mind");
    let json: serde_json::Value = serde_json::from_str(&export("json")).unwrap();
    assert_eq!(json[0]["note"], "Read with the 50% {draft} in mind");
    let csv = export("csv");
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        &r.records().next().unwrap().unwrap()[6],
        "Read with the 50% {draft} in mind"
    );
    // An empty note clears it; a paper not in the list is an error.
    assert!(paperboy(&cfg, &["note", "hzd1hs7v0q", ""]).status.success());
    assert!(!export("md").contains("Note:"));
    let missing = paperboy(&cfg, &["note", "--list", "cite", "hzd1hs7v0q", "x"]);
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn a_digest_arrives_through_process_substitution_and_pipes() {
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_paperboy");
    let o = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "{bin} list <(cat {SAMPLE}) && {bin} check <(cat {SAMPLE})"
        ))
        .env("PAPERBOY_CONFIG_DIR", dir.path())
        .env("PAPERBOY_DATA_DIR", dir.path().join("data"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(out(&o).lines().count(), 121);
    assert!(err(&o).contains("page text, 121 papers"), "{}", err(&o));
}

#[test]
fn an_endless_binary_device_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let start = Instant::now();
    let o = paperboy(dir.path(), &["list", "/dev/zero"]);
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        err(&o),
        "/dev/zero: error: binary file (NUL byte at offset 0); a digest is plain text\n"
    );
}

#[test]
fn a_gzip_digest_lists_like_the_plain_one() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let gz = dir.path().join("digest.txt.gz");
    let mut enc = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz).unwrap(),
        flate2::Compression::default(),
    );
    enc.write_all(&std::fs::read(SAMPLE).unwrap()).unwrap();
    enc.finish().unwrap();
    let plain = paperboy(dir.path(), &["list", SAMPLE]);
    let zipped = paperboy(dir.path(), &["list", gz.to_str().unwrap()]);
    assert!(zipped.status.success(), "{}", err(&zipped));
    assert_eq!(out(&zipped), out(&plain));
    let json = paperboy(dir.path(), &["list", "--json", gz.to_str().unwrap()]);
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&json.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        121
    );
    // Cut short: one clear error, naming the file.
    let bytes = std::fs::read(&gz).unwrap();
    std::fs::write(&gz, &bytes[..bytes.len() / 2]).unwrap();
    let cut = paperboy(dir.path(), &["list", gz.to_str().unwrap()]);
    assert_eq!(cut.status.code(), Some(2));
    assert!(
        err(&cut).starts_with(&format!(
            "{}: error: not a readable gzip file",
            gz.display()
        )),
        "{}",
        err(&cut)
    );
}
