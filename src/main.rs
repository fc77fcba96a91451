use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use paperboy::cli::{self, Cli};

/// The store directory: `$PAPERBOY_CONFIG_DIR`, else the platform's config
/// dir for paperboy. The only place that asks.
fn config_dir() -> Option<PathBuf> {
    match std::env::var_os("PAPERBOY_CONFIG_DIR") {
        Some(d) if !d.is_empty() => Some(PathBuf::from(d)),
        _ => {
            directories::ProjectDirs::from("", "", "paperboy").map(|p| p.config_dir().to_path_buf())
        }
    }
}

fn main() -> ExitCode {
    let args = Cli::parse();
    let config = config_dir();
    match args.command {
        Some(command) => cli::run(command, config.as_deref()),
        None => cli::reader(&args.sources, args.list.as_deref(), config.as_deref()),
    }
}
