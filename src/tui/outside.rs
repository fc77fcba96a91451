//! The outside world the reader reaches: the editor for long notes, the
//! browser for links, the desktop's opener for PDFs on disk, the clipboard
//! (OSC 52) for titles.

use std::io::{self, Write};
use std::path::Path;

use base64::Engine as _;

use super::terminal::{self, Term, restore_terminal};

/// Runs `$VISUAL` (else `$EDITOR`, else `vi`) on a temporary file holding
/// `text`, with the terminal given back to it meanwhile; returns what the
/// file holds after, made safe for the terminal like any digest text.
pub fn edit_in_editor(terminal: &mut Term, text: &str) -> io::Result<String> {
    // Created exclusively (a symlink planted there is never followed),
    // 0600, with a random name; removed when dropped.
    let mut file = tempfile::Builder::new()
        .prefix("paperboy-note-")
        .suffix(".txt")
        .tempfile()?;
    file.write_all(text.as_bytes())?;
    file.as_file().sync_all()?;
    let path = file.path().to_owned();
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|e| !e.trim().is_empty()))
        .unwrap_or_else(|| "vi".to_owned());
    restore_terminal();
    // Through the shell, as editors are often given with arguments.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(&path)
        .status();
    terminal::enter()?;
    terminal.clear()?;
    let written = std::fs::read(&path);
    drop(file);
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => return Err(io::Error::other(format!("{editor} exited with {s}"))),
        Err(e) => return Err(io::Error::other(format!("cannot run {editor}: {e}"))),
    }
    let bytes = written?;
    Ok(
        crate::digest::sanitize::clean(&String::from_utf8_lossy(&bytes))
            .trim_end()
            .to_owned(),
    )
}

/// Opens a web URL in `$BROWSER` (else the desktop's opener), through
/// `opener`. Only an http(s) URL with a host is ever handed over, as the
/// one argument, so it can never be read as an option
/// (`--remote-debugging-port=…`); detached, silent.
pub fn open_url(url: &str) -> io::Result<()> {
    let Some(url) = crate::digest::sanitize::web_url(url) else {
        return Err(io::Error::other("only http(s) links are opened"));
    };
    opener::open_browser(url).map_err(io::Error::other)
}

/// Opens a PDF on disk with the desktop's opener: only a regular file
/// (not a symlink planted there), as one absolute path, so it can never be
/// read as an option; detached, silent.
pub fn open_file(path: &Path) -> io::Result<()> {
    if !std::fs::symlink_metadata(path)?.is_file() {
        return Err(io::Error::other(format!(
            "{} is not a file",
            path.display()
        )));
    }
    opener::open(std::path::absolute(path)?).map_err(io::Error::other)
}

/// Puts `text` (made safe for the terminal) on the clipboard with OSC 52.
pub fn copy(out: &mut impl Write, text: &str) -> io::Result<()> {
    let text = crate::digest::sanitize::clean(text);
    write!(out, "{}", osc52(&text))?;
    out.flush()
}

/// The OSC 52 sequence that puts `text` on the clipboard.
fn osc52(text: &str) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{b64}\x07")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_is_standard_base64() {
        assert_eq!(osc52(""), "\x1b]52;c;\x07");
        assert_eq!(osc52("f"), "\x1b]52;c;Zg==\x07");
        assert_eq!(osc52("fo"), "\x1b]52;c;Zm8=\x07");
        assert_eq!(osc52("foo"), "\x1b]52;c;Zm9v\x07");
        assert_eq!(osc52("量"), "\x1b]52;c;6YeP\x07");
    }

    #[test]
    fn only_web_links_are_opened() {
        for bad in [
            "file:///etc/passwd",
            "--remote-debugging-port=9222",
            "javascript:x",
        ] {
            let e = open_url(bad).unwrap_err();
            assert_eq!(e.to_string(), "only http(s) links are opened", "{bad}");
        }
    }
}
