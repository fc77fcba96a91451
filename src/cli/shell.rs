//! At home in the shell: `config`, `completions`, `man`.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::CommandFactory;

use super::{BAD_INPUT, Cli, CmdResult, ConfigArgs, Error, FAIL, NO_CONFIG_DIR, stdout};
use crate::config;
use crate::digest::Severity;

pub(super) fn config(dir: Option<&Path>, args: &ConfigArgs) -> CmdResult {
    let dir = dir.ok_or_else(|| Error::Asked(NO_CONFIG_DIR.into()))?;
    let file = config::path(dir);
    if args.init {
        if file.exists() {
            return Err(Error::Asked(format!(
                "{} already exists; it is left as it is",
                file.display()
            )));
        }
        let write = std::fs::create_dir_all(dir).and_then(|()| {
            crate::store::atomic::write(
                &file,
                config::init_text().as_bytes(),
                crate::store::atomic::Mode::Shared,
            )
        });
        write.map_err(|e| Error::Asked(format!("cannot write {}: {e}", file.display())))?;
        writeln!(io::stdout(), "wrote {}", file.display())?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.check {
        let loaded = config::load(dir);
        for p in &loaded.problems {
            let kind = match p.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let (place, message) = p.text.split_once(": ").unwrap_or(("", &p.text));
            writeln!(io::stdout(), "{place}: {kind}: {message}")?;
        }
        // As `check`'s: the worst problem is the exit code.
        return Ok(match loaded.problems.iter().map(|p| p.severity).max() {
            Some(Severity::Error) => ExitCode::from(BAD_INPUT),
            Some(Severity::Warning) => ExitCode::from(FAIL),
            None => ExitCode::SUCCESS,
        });
    }
    // `--path` prints what is printed without a flag too.
    writeln!(io::stdout(), "{}", file.display())?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn completions(shell: clap_complete::Shell) -> CmdResult {
    let mut out = stdout();
    clap_complete::generate(shell, &mut Cli::command(), "paperboy", &mut out);
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn man() -> CmdResult {
    let mut out = stdout();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
