//! Saved searches: a name and a query, as `[searches]` in config.toml
//! holds them (`diffusion = "kw:diffusion -cat:cs.CV"`), and the one way
//! the reader adds one to that file. Here rather than in `config.rs`, which
//! knows the reader's key table: the reader itself needs this.

use std::io;
use std::path::{Path, PathBuf};

use crate::store::atomic;

/// At most this many searches are read; the rest are reported.
pub const MAX_SEARCHES: usize = 64;
/// A search's name is at most this long (it shows in the list's rows).
pub const MAX_NAME: usize = 32;
/// A query is at most this long.
pub const MAX_QUERY: usize = 1000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Search {
    pub name: String,
    pub query: String,
}

/// Why a name cannot name a search.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BadName {
    #[error("a search needs a name")]
    Empty,
    #[error("a search's name is at most {MAX_NAME} characters")]
    TooLong,
    /// It holds more than a bare TOML key may (the name, quoted).
    #[error("{0:?}: a search's name is letters, digits, - and _")]
    NotBare(String),
}

/// Why a search was not added to config.toml.
#[derive(Debug, thiserror::Error)]
pub enum AddError {
    #[error(transparent)]
    Name(#[from] BadName),
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("{} is not valid TOML; fix it first", path.display())]
    NotToml { path: PathBuf },
    #[error("a search named {name} exists already")]
    Taken { name: String },
    /// `[searches]` is there, but not as a header paperboy can add under
    /// (an inline table, a dotted key).
    #[error(
        "{}: [searches] is written in a way paperboy cannot add to; add {name} by hand",
        path.display()
    )]
    NoHeader { path: PathBuf, name: String },
    #[error("cannot create {}: {source}", dir.display())]
    CreateDir { dir: PathBuf, source: io::Error },
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
}

/// Why `name` cannot name a search: a bare TOML key of letters, digits,
/// `-` and `_`, at most [`MAX_NAME`] long.
pub fn bad_name(name: &str) -> Option<BadName> {
    if name.is_empty() {
        return Some(BadName::Empty);
    }
    if name.chars().count() > MAX_NAME {
        return Some(BadName::TooLong);
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Some(BadName::NotBare(name.to_owned()));
    }
    None
}

/// Adds `name = "query"` to `[searches]` in `dir`'s config.toml (made when
/// missing), right under the section's header so the rest of the file is
/// kept as written; written to a temp file and renamed over the old one.
pub fn add(dir: &Path, name: &str, query: &str) -> Result<(), AddError> {
    if let Some(e) = bad_name(name) {
        return Err(e.into());
    }
    // config.toml (config.rs names it too, but it knows the reader's keys:
    // the reader asking it would make a circle).
    let path = dir.join("config.toml");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => String::new(),
        Err(source) => return Err(AddError::Read { path, source }),
    };
    let Ok(table) = text.parse::<toml::Table>() else {
        return Err(AddError::NotToml { path });
    };
    let taken = table
        .get("searches")
        .and_then(|s| s.as_table())
        .is_some_and(|s| s.contains_key(name));
    if taken {
        return Err(AddError::Taken {
            name: name.to_owned(),
        });
    }
    let line = format!("{name} = {}\n", toml::Value::String(query.to_owned()));
    let header = text
        .match_indices("[searches]")
        .find(|&(at, _)| at == 0 || text.as_bytes()[at - 1] == b'\n')
        .and_then(|(at, _)| text[at..].find('\n').map(|nl| at + nl + 1));
    let new = match header {
        Some(at) => format!("{}{line}{}", &text[..at], &text[at..]),
        None if table.contains_key("searches") => {
            return Err(AddError::NoHeader {
                path,
                name: name.to_owned(),
            });
        }
        None => {
            let sep = if text.is_empty() || text.ends_with("\n\n") {
                ""
            } else if text.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            format!("{text}{sep}[searches]\n{line}")
        }
    };
    std::fs::create_dir_all(dir).map_err(|source| AddError::CreateDir {
        dir: dir.to_owned(),
        source,
    })?;
    atomic::write(&path, new.as_bytes(), atomic::Mode::Shared)
        .map_err(|source| AddError::Write { path, source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_bare_keys() {
        assert_eq!(bad_name("diffusion_2-x"), None);
        assert!(bad_name("").is_some());
        assert!(bad_name("a b").is_some());
        assert!(bad_name("a\"").is_some());
        assert!(bad_name(&"x".repeat(33)).is_some());
    }

    #[test]
    fn added_under_the_header_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        add(dir.path(), "first", "kw:diffusion -cat:cs.CV").unwrap();
        let path = dir.path().join(crate::config::FILE);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "[searches]\nfirst = \"kw:diffusion -cat:cs.CV\"\n"
        );
        std::fs::write(
            &path,
            "[options]\nscope = \"all\"\n\n[searches]\nfirst = \"a\"\n\n[theme]\nnew = \"red\"\n",
        )
        .unwrap();
        add(dir.path(), "second", "au:\"Ada L\" OR x\\y").unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let loaded = crate::config::parse(&text, "c");
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let names: Vec<(&str, &str)> = loaded
            .config
            .searches
            .iter()
            .map(|s| (s.name.as_str(), s.query.as_str()))
            .collect();
        assert_eq!(names, [("first", "a"), ("second", "au:\"Ada L\" OR x\\y")]);
        assert!(
            text.contains("[searches]\nsecond = 'au:\"Ada L\" OR x\\y'\nfirst"),
            "{text}"
        );
        assert_eq!(
            add(dir.path(), "first", "b").unwrap_err().to_string(),
            "a search named first exists already"
        );
        std::fs::write(&path, "[keys\n").unwrap();
        assert!(
            add(dir.path(), "third", "b")
                .unwrap_err()
                .to_string()
                .contains("not valid TOML")
        );
    }
}
