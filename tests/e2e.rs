//! End to end: the real binary in a real pseudo-terminal (tmux), typing keys
//! and reading the screen. `.ci/run` installs tmux when it is missing.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use paperboy::store::Store;

mod common;

use common::{Reply, Server, api_days};

/// How long a wait for the screen may take: 20 s, or
/// `$PAPERBOY_E2E_TIMEOUT` seconds on a machine slower than that.
fn patience() -> Duration {
    let secs = std::env::var("PAPERBOY_E2E_TIMEOUT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    Duration::from_secs(secs)
}

/// One tmux server (its own socket) running paperboy in a shell that reports
/// the exit code and then stays, so the pane can be inspected afterwards.
struct Tmux {
    socket: String,
    config: PathBuf,
    _dir: Option<tempfile::TempDir>,
}

impl Tmux {
    fn start(name: &str, args: &str, w: u16, h: u16) -> Tmux {
        Tmux::start_with(name, "", args, w, h)
    }

    fn start_with(name: &str, env: &str, args: &str, w: u16, h: u16) -> Tmux {
        Tmux::start_after(name, env, args, (w, h), |_| {})
    }

    /// Starts paperboy after `setup` has been given its config directory
    /// (and the directory it runs in, the config's parent).
    fn start_after(
        name: &str,
        env: &str,
        args: &str,
        size: (u16, u16),
        setup: impl FnOnce(&Path),
    ) -> Tmux {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        std::fs::create_dir_all(&config).unwrap();
        setup(&config);
        let mut t = Tmux::start_in(dir.path(), name, env, args, size);
        t._dir = Some(dir);
        t
    }

    /// Starts paperboy in `home`: its config in `home/config`, its library
    /// in `home/data`.
    fn start_in(home: &Path, name: &str, env: &str, args: &str, (w, h): (u16, u16)) -> Tmux {
        let config = home.join("config");
        let socket = format!("paperboy-e2e-{name}-{}", std::process::id());
        let cmd = format!(
            "cd {home}; PAPERBOY_CONFIG_DIR={} PAPERBOY_DATA_DIR={home}/data NO_COLOR= {env} {} {args}; echo EXIT:$?; sleep 600",
            config.display(),
            env!("CARGO_BIN_EXE_paperboy"),
            home = home.display(),
        );
        let ok = Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null", "new-session", "-d"])
            .args(["-x", &w.to_string(), "-y", &h.to_string()])
            .args(["sh", "-c", &cmd])
            .status()
            .expect("tmux is needed for the end-to-end tests (.ci/run installs it)");
        assert!(ok.success());
        let t = Tmux {
            socket,
            config,
            _dir: None,
        };
        t.tmux(&["set-option", "-g", "escape-time", "0"]);
        t
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p"])
    }

    /// The screen with its colours and attributes as escape sequences.
    fn styled_screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-e"])
    }

    /// Waits until the screen shows `text`; panics with the screen if not.
    fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |s| s.contains(text))
    }

    /// Waits until the screen passes `ok` (`what` names it if it never
    /// does); panics with the screen if not.
    fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            if start.elapsed() > patience() {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Types keys; each is a tmux key name or literal text.
    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", k]);
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn literal(&self, text: &str) {
        self.tmux(&["send-keys", "-l", text]);
    }

    /// `#{alternate_on} #{cursor_flag}` once the program has exited.
    fn terminal_state(&self) -> String {
        self.tmux(&["display-message", "-p", "#{alternate_on} #{cursor_flag}"])
            .trim()
            .to_owned()
    }

    /// The pid of paperboy, a child of the pane's shell.
    fn child_pid(&self) -> String {
        let shell = self.tmux(&["display-message", "-p", "#{pane_pid}"]);
        let shell = shell.trim();
        let children =
            std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).unwrap();
        children.split_whitespace().next().unwrap().to_owned()
    }

    fn config(&self) -> &Path {
        &self.config
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

/// Rows of the list pane (the left `width` columns, between its borders)
/// that hold a paper.
fn list_rows(screen: &str, width: usize) -> Vec<String> {
    screen
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with('└'))
        .map(|l| l.chars().skip(1).take(width - 2).collect::<String>())
        .filter(|l| !l.trim().is_empty())
        .collect()
}

#[test]
fn filter_bookmark_and_quit() {
    let t = Tmux::start("filter", "", 100, 30);
    t.wait_for("121/121");
    t.literal("/quantiz");
    let s = t.wait_for("11/121 /quantiz");
    let rows = list_rows(&s, 45); // the list is 45% of 100 columns
    assert_eq!(rows.len(), 11, "{s}");
    assert!(rows[0].contains("HiFi-Codec"), "{s}");
    assert!(!s.contains("Bristle"), "non-matching papers are gone:\n{s}");
    t.keys(&["Enter"]);
    t.wait_for("filter: quantiz");
    t.keys(&["j", "b"]);
    t.wait_for("bookmarked");
    t.keys(&["q"]);
    let s = t.wait_for("EXIT:");
    assert!(s.contains("EXIT:0"), "{s}");
    assert_eq!(
        t.terminal_state(),
        "0 1",
        "alternate screen left, cursor shown"
    );
    let store = Store::open(t.config());
    let saved = store.snapshot().list("bookmarks");
    assert_eq!(saved.len(), 1);
    assert!(
        saved[0].title.starts_with("VQ-Logits"),
        "{}",
        saved[0].title
    );
}

#[test]
fn lists_picker_remove_undo_and_view() {
    let t = Tmux::start("lists", "", 100, 30);
    t.wait_for("121/121");
    t.keys(&["a"]);
    t.wait_for("Add to list");
    t.literal("cite");
    t.keys(&["Enter"]);
    t.wait_for("added to cite");
    t.keys(&["L"]);
    t.wait_for("View list");
    t.literal("cite");
    t.keys(&["Enter"]);
    t.wait_for("List: cite");
    t.wait_for("1/1");
    t.keys(&["x"]);
    t.wait_for("0/0");
    t.keys(&["u"]);
    t.wait_for("1/1");
    t.keys(&["L"]);
    t.wait_for("121/121");
    t.keys(&["q"]);
    t.wait_for("EXIT:0");
    assert_eq!(Store::open(t.config()).snapshot().list("cite").len(), 1);
}

#[test]
fn sigterm_quits_cleanly() {
    let t = Tmux::start("sigterm", "", 100, 30);
    t.wait_for("121/121");
    let pid = t.child_pid();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let s = t.wait_for("EXIT:");
    assert!(s.contains("EXIT:0"), "{s}");
    assert_eq!(t.terminal_state(), "0 1");
}

#[test]
fn a_panic_restores_the_terminal() {
    // Debug builds (which the tests run) panic on this key when asked to.
    let t = Tmux::start_with("panic", "PAPERBOY_TEST_PANIC_KEY=%", "", 100, 30);
    t.wait_for("121/121");
    // A key no action has (Z sends to Zotero now).
    t.keys(&["%"]);
    let s = t.wait_for("EXIT:");
    assert!(s.contains("EXIT:101"), "{s}");
    assert!(s.contains("test panic"), "the message is readable:\n{s}");
    assert_eq!(
        t.terminal_state(),
        "0 1",
        "alternate screen left, cursor shown"
    );
}

#[test]
fn resize_and_tiny_terminal() {
    let t = Tmux::start("resize", "", 100, 30);
    t.wait_for("121/121");
    t.tmux(&["resize-window", "-x", "20", "-y", "5"]);
    t.wait_for("Terminal too");
    t.tmux(&["resize-window", "-x", "80", "-y", "24"]);
    t.wait_for("121/121");
    t.keys(&["q"]);
    t.wait_for("EXIT:0");
}

#[test]
fn opens_a_saved_list_from_the_command_line() {
    let t = Tmux::start("savedlist", "--list nope", 100, 30);
    let s = t.wait_for("EXIT:");
    assert!(s.contains("no list named \"nope\""), "{s}");
    assert!(s.contains("EXIT:1"), "{s}");
}

/// SGR parameters in a captured screen that set a colour (30-37, 38;…,
/// 40-47, 48;…, 90-97, 100-107).
fn colour_codes(styled: &str) -> Vec<String> {
    let mut found = Vec::new();
    for seq in styled.split("\x1b[").skip(1) {
        let Some(end) = seq.find('m') else { continue };
        let params = &seq[..end];
        if !params.bytes().all(|b| b.is_ascii_digit() || b == b';') {
            continue;
        }
        for p in params.split(';') {
            if let Ok(n) = p.parse::<u32>()
                && matches!(n, 30..=38 | 40..=48 | 90..=97 | 100..=107)
            {
                found.push(params.to_owned());
            }
        }
    }
    found
}

#[test]
fn no_color_from_the_environment_turns_colour_off() {
    let coloured = Tmux::start("colour", "", 100, 30);
    coloured.wait_for("121/121");
    assert!(
        !colour_codes(&coloured.styled_screen()).is_empty(),
        "colours without NO_COLOR"
    );
    let plain = Tmux::start_with("nocolor", "NO_COLOR=1", "", 100, 30);
    plain.wait_for("121/121");
    let styled = plain.styled_screen();
    assert_eq!(colour_codes(&styled), Vec::<String>::new(), "{styled}");
    // The selection is still visible: reverse video (SGR 7).
    assert!(
        styled.contains("\x1b[7m") || styled.contains(";7m"),
        "{styled}"
    );
}

#[test]
fn a_held_lock_never_freezes_the_reader() {
    use paperboy::store::atomic::Lock;
    let t = Tmux::start("lock", "", 100, 30);
    t.wait_for("121/121");
    std::fs::create_dir_all(t.config()).unwrap();
    // Another paperboy is saving, for 3 seconds.
    let lock = Lock::try_acquire(&t.config().join("lists.lock")).unwrap();
    let held = Instant::now();
    t.keys(&["b", "j"]);
    // j moves the selection at once, while the bookmark waits for the lock.
    let s = t.wait_for("another paperboy is saving");
    assert!(held.elapsed() < Duration::from_secs(2), "{s}");
    let rows = list_rows(&s, 45);
    assert!(rows[0].starts_with('★'), "the bookmark shows at once:\n{s}");
    assert!(
        !Store::open(t.config())
            .snapshot()
            .contains("bookmarks", "hzd1hs7v0q"),
        "and is not saved yet"
    );
    std::thread::sleep(Duration::from_secs(3).saturating_sub(held.elapsed()));
    drop(lock);
    let start = Instant::now();
    while !Store::open(t.config())
        .snapshot()
        .contains("bookmarks", "hzd1hs7v0q")
    {
        assert!(start.elapsed() < patience(), "the bookmark landed");
        std::thread::sleep(Duration::from_millis(50));
    }
    t.keys(&["q"]);
    t.wait_for("EXIT:0");
}

#[test]
fn a_worker_panic_ends_the_reader_cleanly() {
    let t = Tmux::start_with("workerpanic", "PAPERBOY_TEST_PANIC_QUERY=zzq", "", 100, 30);
    t.wait_for("121/121");
    t.literal("/zzq");
    let s = t.wait_for("EXIT:");
    assert!(s.contains("EXIT:101"), "{s}");
    assert!(
        s.contains("paperboy: the search worker failed: test panic in a search helper"),
        "the message is shown:\n{s}"
    );
    assert_eq!(
        t.terminal_state(),
        "0 1",
        "alternate screen left, cursor shown"
    );
}

#[test]
fn a_newer_store_survives_the_reader_byte_for_byte() {
    let t = Tmux::start("newer", "", 100, 30);
    std::fs::create_dir_all(t.config()).unwrap();
    let path = t.config().join("lists.json");
    let text =
        "{\n  \"version\": 99,\n  \"lists\": {\"bookmarks\": []},\n  \"shelves\": [1, 2]\n}\n";
    std::fs::write(&path, text).unwrap();
    // The status bar may show the notice about the file instead of counts.
    t.wait_for("LRP-QViT");
    t.keys(&["b"]);
    t.wait_for("newer paperboy");
    t.keys(&["r", "q"]);
    t.wait_for("EXIT:");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_key_remapped_in_the_config_drives_the_reader() {
    let t = Tmux::start_after("remap", "", "", (100, 30), |cfg| {
        std::fs::write(
            cfg.join("config.toml"),
            "[keys]\nnext = [\"e\", \"down\"]\nquit = [\"ctrl-q\"]\n",
        )
        .unwrap();
    });
    t.wait_for("121/121");
    t.keys(&["e"]);
    // The abstract pane follows the selection to the second paper.
    t.wait_for("│VQ-Logits: Compressing");
    // Keys are read in order: if `q` had quit, the `e` after it would
    // never move the selection on.
    t.keys(&["q", "e"]);
    let s = t.wait_for("│Bristle: Decentralized");
    assert!(!s.contains("EXIT:"), "q no longer quits");
    t.keys(&["?"]);
    t.wait_for("e / ↓");
    t.keys(&["Escape", "C-q"]);
    t.wait_for("EXIT:0");
}

#[test]
fn a_bad_config_is_reported_and_the_reader_starts_anyway() {
    let t = Tmux::start_after("badconfig", "", "", (120, 30), |cfg| {
        std::fs::write(
            cfg.join("config.toml"),
            "[theme]\nselection = \"blurple\"\n",
        )
        .unwrap();
    });
    t.wait_for("selection: \"blurple\" is not a colour");
    t.keys(&["j", "q"]);
    t.wait_for("EXIT:0");
}

#[test]
fn notes_written_in_the_reader_are_saved() {
    let t = Tmux::start_after("notes", "", "", (100, 30), |cfg| {
        // An editor that writes a two-line note.
        let ed = cfg.parent().unwrap().join("ed.sh");
        std::fs::write(
            &ed,
            "#!/bin/sh\nprintf 'A longer note\\nover two lines\\n' > \"$1\"\n",
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&ed, std::fs::Permissions::from_mode(0o755)).unwrap();
    });
    t.wait_for("121/121");
    t.keys(&["e"]);
    t.wait_for("bookmark it first");
    t.keys(&["b", "e"]);
    t.wait_for("Note (bookmarks)");
    t.literal("worth a read");
    t.keys(&["Enter"]);
    t.wait_for("note saved");
    t.wait_for("✎ worth a read");
    let saved = || {
        let s = Store::open(t.config());
        s.snapshot()
            .list("bookmarks")
            .first()
            .and_then(|e| e.note.clone())
    };
    let start = Instant::now();
    while saved().as_deref() != Some("worth a read") {
        assert!(start.elapsed() < patience(), "{:?}", saved());
        std::thread::sleep(Duration::from_millis(50));
    }
    t.keys(&["q"]);
    t.wait_for("EXIT:0");
    // $EDITOR, for a long note; the reader comes back after it.
    let ed = t.config().parent().unwrap().join("ed.sh");
    let t2 = Tmux::start_after(
        "editor",
        &format!("EDITOR={}", ed.display()),
        "",
        (100, 30),
        |cfg| {
            std::fs::copy(t.config().join("lists.json"), cfg.join("lists.json")).unwrap();
        },
    );
    t2.wait_for("121/121");
    t2.keys(&["E"]);
    t2.wait_for("note saved");
    t2.wait_for("✎ A longer note over two lines");
    t2.keys(&["q"]);
    t2.wait_for("EXIT:0");
    let s = Store::open(t2.config());
    assert_eq!(
        s.snapshot().list("bookmarks")[0].note.as_deref(),
        Some("A longer note\nover two lines")
    );
}

/// Runs `paperboy fetch ARGS` for `home` against `api`, on the day `today`.
fn fetch_into(home: &Path, api: &Server, today: &str, args: &[&str]) {
    let mut fetch = vec!["fetch"];
    fetch.extend_from_slice(args);
    let mut c = common::command(home, &api.url, today, &fetch);
    let o = c.output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// The papers of a library by day, newest day first.
fn papers_by_day(home: &Path) -> Vec<Vec<paperboy::digest::PaperId>> {
    let lib = paperboy::library::Library::new(&home.join("data"));
    let d = lib.load(paperboy::digest::Keep::Titles);
    let mut days: Vec<(u32, Vec<_>)> = Vec::new();
    for i in 0..d.len() {
        match days.last_mut() {
            Some((key, ids)) if *key == d.date_key(i) => ids.push(d.papers()[i].id),
            _ => days.push((d.date_key(i), vec![d.papers()[i].id])),
        }
    }
    days.into_iter().map(|(_, ids)| ids).collect()
}

fn shown(home: &Path) -> paperboy::store::shown::Shown {
    paperboy::store::shown::Shown::open(&home.join("config"))
}

#[test]
fn a_fetched_day_opens_and_what_was_shown_is_not_new_next_time() {
    let days = api_days(2, 5, "2024-10-14");
    let api = Server::start(move |d, _| Reply::Json(days[d].clone()));
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("config")).unwrap();
    fetch_into(home.path(), &api, "2024-10-14", &["--days", "2"]);
    let t = Tmux::start_in(home.path(), "fetched", "", "", (120, 30));
    let s = t.wait_for("library · Oct 14, 2024 (1/2) · ● 5 new");
    assert_eq!(s.matches("│ ● ").count(), 5, "{s}");
    t.keys(&["q"]);
    t.wait_for("EXIT:0");
    let by_day = papers_by_day(home.path());
    let record = shown(home.path());
    assert_eq!(record.len(), 5);
    assert!(by_day[0].iter().all(|id| record.contains(*id)));
    drop(t);

    let t = Tmux::start_in(home.path(), "fetched-again", "", "", (120, 30));
    let s = t.wait_for("library · Oct 14, 2024 (1/2)");
    assert!(!s.contains("●"), "shown last time, so not new: {s}");
    t.keys(&["["]);
    let s = t.wait_for("Oct 13, 2024 (2/2) · ● 5 new");
    assert_eq!(s.matches("│ ● ").count(), 5, "{s}");
    t.keys(&["q"]);
    t.wait_for("EXIT:0");
    assert_eq!(shown(home.path()).len(), 10);
}

/// Every line of the record is whole: the header, then `id day` lines.
fn assert_record_whole(home: &Path) -> usize {
    let path = home.join("config").join("shown.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return 0;
    };
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("paperboy shown 1"), "{text}");
    let mut n = 0;
    for l in lines {
        let (id, day) = l
            .split_once(' ')
            .unwrap_or_else(|| panic!("bad line {l:?}"));
        assert!(paperboy::digest::PaperId::parse(id).is_some(), "{l:?}");
        assert!(paperboy::day::Day::parse(day).is_some(), "{l:?}");
        n += 1;
    }
    assert!(text.ends_with('\n'));
    n
}

#[test]
fn the_shown_record_survives_kill_9() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("config")).unwrap();
    let last = paperboy::day::Day::parse("2024-10-14").unwrap();
    let digests = home.path().join("data").join("digests");
    paperboy::synth::write_library(&digests, 12, 60, last).unwrap();
    let mut kept = 0;
    for (round, wait_ms) in [0u64, 1300, 150, 700, 1100, 40].into_iter().enumerate() {
        let t = Tmux::start_in(home.path(), &format!("kill{round}"), "", "", (100, 30));
        t.wait_for("(1/12)");
        // A new day each round, paged through.
        let mut keys = vec!["["; round];
        keys.extend(["PageDown", "PageDown"]);
        t.keys(&keys);
        std::thread::sleep(Duration::from_millis(wait_ms));
        let pid = t.child_pid();
        assert!(
            Command::new("kill")
                .args(["-9", &pid])
                .status()
                .unwrap()
                .success()
        );
        t.wait_for("EXIT:137");
        let now = assert_record_whole(home.path());
        assert!(
            now >= kept,
            "round {round}: {now} < {kept}: marks were lost"
        );
        kept = now;
    }
    assert!(kept > 0, "marks made a second before the kill are kept");
    assert_eq!(shown(home.path()).len(), kept);
}

#[test]
fn two_readers_at_once_keep_each_others_marks() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("config")).unwrap();
    let last = paperboy::day::Day::parse("2024-10-14").unwrap();
    let digests = home.path().join("data").join("digests");
    paperboy::synth::write_library(&digests, 3, 60, last).unwrap();
    let by_day = papers_by_day(home.path());
    let a = Tmux::start_in(home.path(), "two-a", "", "", (100, 30));
    a.wait_for("(1/3)");
    let b = Tmux::start_in(home.path(), "two-b", "", "", (100, 30));
    b.wait_for("(1/3)");
    b.keys(&["["]);
    b.wait_for("(2/3)");
    // B's marks reach the disk; A has not read them.
    let start = Instant::now();
    while !by_day[1].iter().any(|id| shown(home.path()).contains(*id)) {
        assert!(start.elapsed() < patience(), "B never recorded");
        std::thread::sleep(Duration::from_millis(50));
    }
    a.keys(&["PageDown", "PageDown", "PageDown"]);
    for t in [&a, &b] {
        t.keys(&["q"]);
        t.wait_for("EXIT:0");
    }
    let record = shown(home.path());
    assert!(
        by_day[0].iter().all(|id| record.contains(*id)),
        "all of day 1 (A scrolled it)"
    );
    let of_b = by_day[1].iter().filter(|id| record.contains(**id)).count();
    assert!(of_b >= 20, "B's screen of day 2 kept: {of_b}");
    assert!(
        !by_day[2].iter().any(|id| record.contains(*id)),
        "day 3 never shown"
    );
}

/// The score a ranked row shows (`0.42`, the rightmost such number).
fn score_in(row: &str) -> Option<f32> {
    row.split_whitespace().rev().find_map(|w| {
        let (int, frac) = w.split_once('.')?;
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        (digits(int) && frac.len() == 2 && digits(frac))
            .then(|| w.parse().ok())
            .flatten()
    })
}

#[test]
fn more_like_this_and_for_you_in_the_real_reader() {
    let t = Tmux::start("rank", "", 120, 30);
    t.wait_for("121/121");
    // The index is built in the background; the list is usable meanwhile.
    let start = Instant::now();
    while t.screen().contains("indexing…") {
        assert!(start.elapsed() < patience(), "{}", t.screen());
        std::thread::sleep(Duration::from_millis(25));
    }
    t.keys(&["m"]);
    let s = t.wait_for("more like this: Esc goes back");
    assert!(s.contains("100/100"), "{s}");
    assert!(s.contains("why: "), "{s}");
    t.keys(&["Escape"]);
    t.wait_for("121/121");
    // Two papers from the bottom of the page: in page order they are far
    // below the first screen.
    let marked = |s: &str| {
        list_rows(s, 54)
            .iter()
            .filter(|r| r.starts_with('★'))
            .count()
    };
    t.keys(&["G", "b", "k", "b"]);
    t.wait_until("two bookmarks", |s| marked(s) == 2);
    t.keys(&["g"]);
    let s = t.wait_until("the top of the page", |s| marked(s) == 0);
    let page = list_rows(&s, 54);
    t.keys(&["f"]);
    let s = t.wait_for("ranked for you by bookmarks");
    assert!(s.contains("for you (bookmarks)"), "{s}");
    let rows = list_rows(&s, 54);
    // Ranked: both bookmarks come up among the first ten...
    let top: Vec<&String> = rows.iter().take(10).collect();
    assert_eq!(top.iter().filter(|r| r.starts_with('★')).count(), 2, "{s}");
    // ...every row on screen has a score, best first...
    let scores: Vec<f32> = rows.iter().map(|r| score_in(r).expect(r)).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}\n{s}");
    // ...and the papers not bookmarked are in a new order too, not the
    // first screen of the page with two rows moved up.
    let others = |rows: &[String]| -> Vec<String> {
        rows.iter()
            .filter(|r| !r.starts_with('★'))
            .take(8)
            .map(|r| r.chars().skip(3).take(30).collect())
            .collect()
    };
    assert_ne!(others(&rows), others(&page), "{s}");
    assert!(s.contains("like “"), "{s}");
    t.keys(&["q"]);
    t.wait_for("EXIT:0");
}

#[test]
fn ctrl_c_quits_whatever_the_config_binds() {
    let t = Tmux::start_after("ctrlc", "", "", (120, 30), |cfg| {
        std::fs::write(
            cfg.join("config.toml"),
            "[keys]\nquit = [\"x\"]\nnext = [\"ctrl-c\", \"q\", \"esc\"]\n",
        )
        .unwrap();
    });
    // Told, not obeyed.
    t.wait_for("ctrl-c always quits");
    t.keys(&["q"]);
    // `q` is next now: the pane follows the selection, and the reader stays.
    t.wait_for("│VQ-Logits: Compressing");
    t.keys(&["/", "C-c"]);
    t.wait_for("EXIT:0");
}

#[test]
fn a_dumb_terminal_is_refused_with_a_hint() {
    let t = Tmux::start_with("dumb", "TERM=dumb", "", 80, 24);
    let s = t.wait_for("EXIT:2");
    assert!(
        s.contains("TERM=dumb") && s.contains("paperboy list"),
        "{s}"
    );
}

#[test]
fn saved_searches_mark_new_papers_step_to_them_and_are_saved_from_the_reader() {
    let t = Tmux::start_after("searches", "", "", (100, 30), |cfg| {
        std::fs::write(
            cfg.join("config.toml"),
            "[searches]\nmoe = '\"Moirai-MoE\" OR au:nobody'\n",
        )
        .unwrap();
    });
    // The 19th paper of the sample is new and matches: marked with the name.
    let s = t.wait_for("[moe] Moirai-MoE");
    assert!(s.contains("1 for your searches (A)"), "{s}");
    t.keys(&["A"]);
    t.wait_for("│Moirai-MoE: Empowering Time Series");
    t.keys(&["A"]);
    t.wait_for("no paper below that a saved search marks");
    // The filter saved under a name goes into config.toml.
    t.literal("/vq-logits");
    t.keys(&["Enter", "+"]);
    t.wait_for("Save the search: vq-logits");
    t.literal("vq");
    t.keys(&["Enter"]);
    t.wait_for("saved the search vq: vq-logits");
    let config = std::fs::read_to_string(t.config().join("config.toml")).unwrap();
    assert_eq!(
        config,
        "[searches]\nvq = \"vq-logits\"\nmoe = '\"Moirai-MoE\" OR au:nobody'\n"
    );
    t.keys(&["Escape"]);
    t.wait_for("[vq] VQ-Logits");
    t.keys(&["q"]);
    t.wait_for("EXIT:0");
}
