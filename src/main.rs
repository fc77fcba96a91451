use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use paperboy::cli::{self, Cli};
use paperboy::digest::sanitize;

/// The store directory: `$PAPERBOY_CONFIG_DIR`, else the platform's config
/// dir for paperboy. `main` is the only place that asks where things are.
fn config_dir() -> Option<PathBuf> {
    match std::env::var_os("PAPERBOY_CONFIG_DIR") {
        Some(d) if !d.is_empty() => Some(PathBuf::from(d)),
        _ => {
            directories::ProjectDirs::from("", "", "paperboy").map(|p| p.config_dir().to_path_buf())
        }
    }
}

/// The library's directory: `$PAPERBOY_DATA_DIR`, else the platform's
/// data dir for paperboy (`~/.local/share/paperboy` on Linux).
fn data_dir() -> Option<PathBuf> {
    match std::env::var_os("PAPERBOY_DATA_DIR") {
        Some(d) if !d.is_empty() => Some(PathBuf::from(d)),
        _ => directories::ProjectDirs::from("", "", "paperboy").map(|p| p.data_dir().to_path_buf()),
    }
}

/// A command line clap refuses: its message as clap prints it (coloured
/// on a terminal), unless an argument holds something a terminal would
/// act on, which clap would quote as typed ("invalid value '\x1b]52;…'"):
/// then plain, with that taken out.
fn refused(e: &clap::Error) -> ExitCode {
    let typed_clean = std::env::args_os().all(|a| sanitize::is_clean(a.as_encoded_bytes()));
    // Help and version (on standard output) quote nothing typed.
    if typed_clean || !e.use_stderr() {
        let _ = e.print();
    } else {
        let plain = e.render().to_string();
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "{}", sanitize::clean(&plain));
    }
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

fn main() -> ExitCode {
    let args = match Cli::try_parse() {
        Ok(args) => args,
        Err(e) => return refused(&e),
    };
    let dirs = cli::Dirs {
        config: config_dir(),
        data: data_dir(),
    };
    let result = match args.command {
        Some(command) => cli::run(command, &dirs),
        None => cli::reader(&args, &dirs),
    };
    // The one place a failure is printed and its exit code chosen.
    match result {
        Ok(code) => code,
        Err(e) => {
            if !e.is_quiet() {
                // An id, a path or a name typed may be quoted: cleaned, as
                // everything paperboy prints is. A closed standard error
                // is no reason to panic.
                let text = e.to_string();
                let _ = writeln!(std::io::stderr().lock(), "{}", sanitize::clean(&text));
            }
            e.exit_code()
        }
    }
}
