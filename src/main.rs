use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use paperboy::cli::{self, Cli};

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

fn main() -> ExitCode {
    let args = Cli::parse();
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
                // A closed standard error is no reason to panic.
                let _ = writeln!(std::io::stderr().lock(), "{e}");
            }
            e.exit_code()
        }
    }
}
