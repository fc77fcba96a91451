//! A reading list's name: made once from what the user typed, then carried
//! as it is through the store, the command line and the reader.

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::digest::sanitize;

/// The list `b` bookmarks to, and every command's default.
pub const DEFAULT_LIST: &str = "bookmarks";

/// A name is at most this many characters: it shows in a pane's title
/// and a row of the picker.
pub const MAX_NAME: usize = 200;

/// The name of a reading list: one line of clean text, not empty, at most
/// [`MAX_NAME`] characters. Written to `lists.json` as the plain string.
/// Read from a file, it is made clean as [`ListName::from_file`] makes
/// it, so no way in skips the cleaning. (No `From<String>`: the command
/// line parses names with [`ListName::new`], which may refuse one.)
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct ListName(String);

impl<'de> Deserialize<'de> for ListName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ListName, D::Error> {
        Ok(ListName::from_file(&String::deserialize(d)?))
    }
}

/// Why what was typed is no list's name.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("a list's name cannot be empty")]
    Empty,
    #[error("a list's name is at most {MAX_NAME} characters")]
    TooLong,
}

static BOOKMARKS: LazyLock<ListName> = LazyLock::new(|| ListName(DEFAULT_LIST.to_owned()));

impl ListName {
    /// The name of `text` as the user typed it: cleaned as any text from
    /// outside (controls and escapes gone, line breaks made spaces).
    pub fn new(text: &str) -> Result<ListName, NameError> {
        let name = ListName::lookup(text)?;
        if name.0.chars().count() > MAX_NAME {
            return Err(NameError::TooLong);
        }
        Ok(name)
    }

    /// A name typed to look a list up (`export`, `rank`, `--list` of the
    /// reader): cleaned as [`ListName::new`] cleans it, but not held to
    /// its length, so a list an older paperboy made can still be named.
    pub fn lookup(text: &str) -> Result<ListName, NameError> {
        let name = sanitize::clean_line(text);
        if name.is_empty() {
            return Err(NameError::Empty);
        }
        Ok(ListName(name.into_owned()))
    }

    /// A name read from `lists.json`, made clean as one typed is; a file
    /// written by hand or by an older paperboy keeps its lists whatever
    /// their length.
    pub(super) fn from_file(text: &str) -> ListName {
        let name = sanitize::clean_line(text);
        if name.is_empty() {
            // Only escapes, or nothing: a name to see and rename.
            return ListName("unnamed".to_owned());
        }
        ListName(name.into_owned())
    }

    /// `bookmarks`.
    pub fn bookmarks() -> &'static ListName {
        &BOOKMARKS
    }

    pub fn is_bookmarks(&self) -> bool {
        self.0 == DEFAULT_LIST
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether a file's name would read back as it is.
    pub(super) fn is_clean(&self) -> bool {
        sanitize::is_clean_line(&self.0)
    }
}

/// Lookups by name take any string: one that is no list finds nothing.
impl AsRef<str> for ListName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for ListName {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ListName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How clap reads `--list NAME`.
impl FromStr for ListName {
    type Err = NameError;
    fn from_str(s: &str) -> Result<ListName, NameError> {
        ListName::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_cleaned_once_and_must_say_something() {
        let n = ListName::new("to\x1b[31m read\nsoon").unwrap();
        assert_eq!(n.as_str(), "to read soon");
        assert_eq!(ListName::new(""), Err(NameError::Empty));
        assert_eq!(ListName::new("\x1b[0m"), Err(NameError::Empty));
        let long = "x".repeat(MAX_NAME);
        assert_eq!(ListName::new(&long).unwrap().as_str(), long);
        assert_eq!(ListName::new(&format!("{long}é")), Err(NameError::TooLong));
        assert!(ListName::bookmarks().is_bookmarks());
        assert_eq!("cite".parse::<ListName>().unwrap().to_string(), "cite");
    }

    #[test]
    fn written_as_the_plain_string() {
        let n = ListName::new("cite").unwrap();
        assert_eq!(serde_json::to_string(&n).unwrap(), "\"cite\"");
        let back: ListName = serde_json::from_str("\"cite\"").unwrap();
        assert_eq!(back, n);
    }

    #[test]
    fn a_name_read_from_json_is_cleaned_as_any_other() {
        let dirty: ListName = serde_json::from_str("\"to\\u001b[2J read\"").unwrap();
        assert_eq!(dirty.as_str(), "to read");
        let only_escapes: ListName = serde_json::from_str("\"\\u001b[0m\"").unwrap();
        assert_eq!(only_escapes.as_str(), "unnamed");
    }
}
