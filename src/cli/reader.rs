//! `paperboy [PATH...]`: the reader.

use std::io;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use super::{BAD_INPUT, FAIL, NO_CONFIG_DIR, Sources};
use crate::config;
use crate::digest::Keep;
use crate::filter::Engine;
use crate::store::Store;
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;
use crate::tui::{self, Failure, Reader, app::App};

/// Opens the reader on digests (or the sample), or on a saved list.
pub fn reader(sources: &Sources, list: Option<&str>, config: Option<&Path>) -> ExitCode {
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() {
        eprintln!("paperboy: the reader needs a terminal; `paperboy list` prints papers instead");
        return ExitCode::from(BAD_INPUT);
    }
    let Some(dir) = config else {
        eprintln!("paperboy: {NO_CONFIG_DIR}");
        return ExitCode::from(FAIL);
    };
    let (app, store, keys) = match open(sources, list, dir) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    match tui::run(Reader::new(app, keys, (80, 24)), store) {
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

/// Reads the digests, the reading lists and the config: the app to run,
/// the store for its worker, and the key table.
fn open(
    sources: &Sources,
    list: Option<&str>,
    dir: &Path,
) -> Result<(App, Store, Keymap), ExitCode> {
    let paths = sources.paths.as_slice();
    // A large archive takes a moment to read: say so rather than hang.
    let bytes: u64 = paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    if bytes > 64 << 20 {
        eprintln!("paperboy: reading {} MB of digests…", bytes >> 20);
    }
    let d = sources.load(Keep::Everything)?;
    let warnings: Vec<String> = d.diagnostics.iter().map(ToString::to_string).collect();
    let label = match paths {
        [] => crate::digest::SAMPLE_NAME.to_owned(),
        [one] if one.as_os_str() == "-" => "<stdin>".to_owned(),
        [one] => one.display().to_string(),
        many => format!("{} digests", many.len()),
    };
    let loaded = config::load(dir);
    let config = loaded.config;
    let theme = Theme::with_colors(std::env::var_os("NO_COLOR").as_deref(), &config.colors);
    let mut store = Store::open(dir);
    let notices = store.take_notices();
    let engine = Arc::new(Engine::new(Arc::new(d)));
    let mut app =
        App::new(engine, store.snapshot().clone(), label, theme).with_options(config.options);
    if let Some(first) = warnings.first() {
        app.error(format!(
            "{} warning(s) while reading, first: {first} (paperboy check lists them)",
            warnings.len()
        ));
    }
    app.notify(notices);
    // The config's problems last: the one the user just made shows.
    if let Some(first) = loaded.problems.first() {
        let more = match loaded.problems.len() {
            1 => String::new(),
            n => format!(" (+{} more: paperboy config --check)", n - 1),
        };
        app.error(format!("{}{more}", first.text));
    }
    if let Some(name) = list {
        if !app.lists().has_list(name) {
            eprintln!("paperboy: no list named {name:?} (`paperboy lists` shows them)");
            return Err(ExitCode::from(FAIL));
        }
        app.show_list(name);
    }
    Ok((app, store, config.keys))
}
