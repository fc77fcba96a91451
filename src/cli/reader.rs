//! `paperboy [PATH...]`: the reader.

use std::io;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use std::collections::HashSet;

use super::{Cli, CmdResult, Dirs, Error, NO_CONFIG_DIR, Sources};
use crate::config;
use crate::digest::{Digest, Keep, PaperId};
use crate::filter::Engine;
use crate::rank::Index;
use crate::store::Store;
use crate::store::shown::Shown;
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;
use crate::tui::{self, Background, Indexer, Reader, Session, app::App};

/// Opens the reader on digests, the library or the sample, or on a saved
/// list.
pub fn reader(args: &Cli, dirs: &Dirs) -> CmdResult {
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() {
        return Err(Error::Unusable(
            "the reader needs a terminal; `paperboy list` prints papers instead".into(),
        ));
    }
    if std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
        // No cursor movement, no alternate screen: the reader would be garbage.
        return Err(Error::Unusable(
            "this terminal (TERM=dumb) cannot show the reader; `paperboy list` prints papers instead"
                .into(),
        ));
    }
    let (reader, session) = open_reader(args, dirs)?;
    tui::run(reader, session)?;
    Ok(ExitCode::SUCCESS)
}

/// Everything the reader needs before its first frame (what `paperboy`
/// does before it takes the terminal; the benches time it).
pub fn open_reader(args: &Cli, dirs: &Dirs) -> Result<(Reader, Session), Error> {
    let dir = dirs
        .config
        .as_deref()
        .ok_or_else(|| Error::Asked(NO_CONFIG_DIR.into()))?;
    let (app, session, keys) = open(args, dirs, dir)?;
    // The real size comes with the terminal.
    Ok((Reader::new(app, keys, (80, 24)), session))
}

/// What the reader opens first, and what it reads after.
struct Opening {
    digest: Digest,
    label: String,
    background: Option<Background>,
    indexer: Indexer,
}

/// Reads what the reader shows first: a library's newest day (the rest is
/// read in the background), or the PATHs given, or the sample.
fn first(sources: &Sources, dirs: &Dirs) -> Result<Opening, Error> {
    if let Some(lib) = sources.library(dirs) {
        let digest = lib.load_newest();
        let reader = lib.clone();
        let background: Background = Box::new(move || {
            let engine = Engine::new(Arc::new(reader.load(Keep::Everything)));
            crate::mem::give_back();
            Arc::new(engine)
        });
        return Ok(Opening {
            digest,
            label: "library".into(),
            background: Some(background),
            // The library's index is cached beside it; one with a day
            // folded in is built whole again, for next time.
            indexer: Box::new(move |d| {
                let (index, made) = lib.index_made(d);
                if matches!(made, crate::rank::cache::Made::Folded(_)) {
                    lib.index_in_background();
                }
                crate::mem::give_back();
                index
            }),
        });
    }
    let paths = sources.paths.as_slice();
    // A large archive takes a moment to read: say so rather than hang.
    let bytes: u64 = paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    if bytes > 64 << 20 {
        // Progress, not failure: said where it happens.
        eprintln!("paperboy: reading {} MB of digests…", bytes >> 20);
    }
    let digest = sources.load(Keep::Everything, dirs)?;
    let label = match paths {
        [] => crate::digest::SAMPLE_NAME.to_owned(),
        [one] if one.as_os_str() == "-" => "<stdin>".to_owned(),
        [one] => one.display().to_string(),
        many => format!("{} digests", many.len()),
    };
    Ok(Opening {
        digest,
        label,
        background: None,
        indexer: Box::new(Index::of_digest),
    })
}

/// Reads the digests, the reading lists, the shown papers and the config:
/// the app to run, what runs beside it, and the key table.
fn open(args: &Cli, dirs: &Dirs, dir: &Path) -> Result<(App, Session, Keymap), Error> {
    let Opening {
        digest,
        label,
        background,
        indexer,
    } = first(&args.sources, dirs)?;
    let warnings: Vec<String> = digest.diagnostics.iter().map(ToString::to_string).collect();
    let loaded = config::load(dir);
    let config = loaded.config;
    let theme = Theme::with_colors(std::env::var_os("NO_COLOR").as_deref(), &config.colors);
    let mut store = Store::open(dir);
    let notices = store.take_notices();
    let shown = Shown::open(dir);
    let seen: HashSet<PaperId> = shown.ids().keys().copied().collect();
    let library = background.is_some();
    let engine = Arc::new(Engine::new(Arc::new(digest)));
    let mut app = App::new(engine, store.snapshot().clone(), label, theme)
        .with_options(config.options)
        .with_seen(Arc::new(seen))
        .with_searches(&config.searches, Some(dir.to_path_buf()))
        .with_data_dir(dirs.data.clone());
    if library {
        app.open_on_newest_day();
    }
    if args.new {
        app.show_only_new();
    }
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
    if let Some(name) = &args.list {
        if !app.lists().has_list(name) {
            return Err(super::no_list(name.as_str()));
        }
        app.show_list(name);
    }
    let session = Session {
        store,
        shown: Some(shown),
        background,
        indexer: Some(indexer),
    };
    Ok((app, session, config.keys))
}
