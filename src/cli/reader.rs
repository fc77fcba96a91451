//! `paperboy [PATH...]`: the reader.

use std::io;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use super::{BAD_INPUT, FAIL, NO_CONFIG_DIR, Sources};
use crate::digest::Keep;
use crate::filter::Engine;
use crate::store::Store;

/// Opens the reader on digests (or the sample), or on a saved list.
pub fn reader(sources: &Sources, list: Option<&str>, config: Option<&Path>) -> ExitCode {
    let paths = sources.paths.as_slice();
    use crate::tui::{self, Failure, Reader, app::App, keymap::Keymap, theme::Theme};
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() {
        eprintln!("paperboy: the reader needs a terminal; `paperboy list` prints papers instead");
        return ExitCode::from(BAD_INPUT);
    }
    let Some(dir) = config else {
        eprintln!("paperboy: {NO_CONFIG_DIR}");
        return ExitCode::from(FAIL);
    };
    // A large archive takes a moment to read: say so rather than hang.
    let bytes: u64 = paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    if bytes > 64 << 20 {
        eprintln!("paperboy: reading {} MB of digests…", bytes >> 20);
    }
    let d = match sources.load(Keep::Everything) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let warnings: Vec<String> = d.diagnostics.iter().map(ToString::to_string).collect();
    let label = match paths {
        [] => crate::digest::SAMPLE_NAME.to_owned(),
        [one] if one.as_os_str() == "-" => "<stdin>".to_owned(),
        [one] => one.display().to_string(),
        many => format!("{} digests", many.len()),
    };
    let mut store = Store::open(dir);
    let notices = store.take_notices();
    let engine = Arc::new(Engine::new(Arc::new(d)));
    let mut app = App::new(engine, store.snapshot().clone(), label, Theme::from_env());
    if let Some(first) = warnings.first() {
        app.error(format!(
            "{} warning(s) while reading, first: {first} (paperboy check lists them)",
            warnings.len()
        ));
    }
    app.notify(notices);
    if let Some(name) = list {
        if !app.lists().has_list(name) {
            eprintln!("paperboy: no list named {name:?} (`paperboy lists` shows them)");
            return ExitCode::from(FAIL);
        }
        app.show_list(name);
    }
    match tui::run(Reader::new(app, Keymap::default(), (80, 24)), store) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("paperboy: {e}");
            // A crash exits as a panic does.
            ExitCode::from(if matches!(e, Failure::Crashed(_)) {
                101
            } else {
                FAIL
            })
        }
    }
}
