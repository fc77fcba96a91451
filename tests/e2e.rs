//! End to end: the real binary in a real pseudo-terminal (tmux), typing keys
//! and reading the screen. `.ci/run` installs tmux when it is missing.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use paperboy::store::Store;

/// One tmux server (its own socket) running paperboy in a shell that reports
/// the exit code and then stays, so the pane can be inspected afterwards.
struct Tmux {
    socket: String,
    config: PathBuf,
    _dir: tempfile::TempDir,
}

impl Tmux {
    fn start(name: &str, args: &str, w: u16, h: u16) -> Tmux {
        Tmux::start_with(name, "", args, w, h)
    }

    fn start_with(name: &str, env: &str, args: &str, w: u16, h: u16) -> Tmux {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        let socket = format!("paperboy-e2e-{name}-{}", std::process::id());
        let cmd = format!(
            "cd {}; PAPERBOY_CONFIG_DIR={} NO_COLOR= {env} {} {args}; echo EXIT:$?; sleep 600",
            dir.path().display(),
            config.display(),
            env!("CARGO_BIN_EXE_paperboy"),
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
            _dir: dir,
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

    /// Waits until the screen shows `text`; panics with the screen if not.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("timed out waiting for {text:?}; screen:\n{s}");
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
    let saved = store.list("bookmarks");
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
    assert_eq!(Store::open(t.config()).list("cite").len(), 1);
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
    let t = Tmux::start_with("panic", "PAPERBOY_TEST_PANIC_KEY=Z", "", 100, 30);
    t.wait_for("121/121");
    t.keys(&["Z"]);
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
