//! Warnings and errors about a digest, each naming its file and line.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based; `None` when the problem is the whole file.
    pub line: Option<u32>,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn error(file: &str, line: Option<u32>, message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Error, file, line, message.into())
    }

    pub fn warning(file: &str, line: Option<u32>, message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Warning, file, line, message.into())
    }

    /// A file name or a message may quote input (a file named with an
    /// escape sequence, a dropped link): both are made one clean line.
    fn new(severity: Severity, file: &str, line: Option<u32>, message: String) -> Self {
        let message = match super::sanitize::clean_line(&message) {
            std::borrow::Cow::Borrowed(_) => message,
            c => c.into_owned(),
        };
        Diagnostic {
            file: super::sanitize::clean_line(file).into_owned(),
            line,
            severity,
            message,
        }
    }
}

/// `file:line: warning|error: message`, the form compilers use, so editors
/// can jump to it.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match self.line {
            Some(line) => write!(f, "{}:{}: {}: {}", self.file, line, kind, self.message),
            None => write!(f, "{}: {}: {}", self.file, kind, self.message),
        }
    }
}

/// Counts lines as the grammar sees them (LF, CRLF and lone CR each end one),
/// walking forward only, so numbering every paper costs one pass in total.
pub struct LineCounter<'a> {
    text: &'a [u8],
    pos: usize,
    line: u32,
}

impl<'a> LineCounter<'a> {
    pub fn new(text: &'a str) -> Self {
        Self::new_bytes(text.as_bytes())
    }

    pub fn new_bytes(text: &'a [u8]) -> Self {
        LineCounter {
            text,
            pos: 0,
            line: 1,
        }
    }

    /// The 1-based line holding byte `offset`; offsets must not go backwards.
    pub fn line_at(&mut self, offset: usize) -> u32 {
        let offset = offset.min(self.text.len());
        if offset > self.pos {
            let span = &self.text[self.pos..offset];
            for i in memchr::memchr2_iter(b'\n', b'\r', span) {
                let crlf = span[i] == b'\r' && self.text.get(self.pos + i + 1) == Some(&b'\n');
                if !crlf {
                    self.line += 1;
                }
            }
            self.pos = offset;
        }
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_with_and_without_line() {
        let w = Diagnostic::warning("a.txt", Some(3), "title with no abstract");
        assert_eq!(w.to_string(), "a.txt:3: warning: title with no abstract");
        let e = Diagnostic::error("b.txt", None, "empty file");
        assert_eq!(e.to_string(), "b.txt: error: empty file");
    }

    #[test]
    fn counts_every_line_ending() {
        let text = "a\nb\r\nc\rd";
        let mut c = LineCounter::new(text);
        assert_eq!(c.line_at(0), 1);
        assert_eq!(c.line_at(2), 2);
        assert_eq!(c.line_at(5), 3);
        assert_eq!(c.line_at(7), 4);
        // The CR of a CRLF pair split across two calls is counted once.
        let mut c = LineCounter::new("a\r\nb");
        assert_eq!(c.line_at(2), 1);
        assert_eq!(c.line_at(3), 2);
    }
}
