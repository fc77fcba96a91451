//! The config file, `config.toml` in paperboy's config directory: key
//! bindings, colours, options, saved searches and what `fetch` brings.
//!
//! The file is read with the toml crate's parser (which keeps where each
//! key stands) and each value with serde, one at a time, so a bad value
//! costs only itself: it is reported with its line and key, and its
//! default is kept. A file that is not TOML at all is reported once and
//! every default kept. Nothing here panics on any input.

use std::path::{Path, PathBuf};

use ratatui::style::Color;
use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use crate::digest::Severity;
use crate::filter::Scope;
use crate::filter::query;
use crate::saved::{self, MAX_QUERY, MAX_SEARCHES, Search};
use crate::tui::action::KeyMode;
use crate::tui::keymap::{Key, Keymap};
use crate::tui::options::{DateStyle, OpenPage, Options};
use crate::tui::theme::Colors;

pub const FILE: &str = "config.toml";

/// Everything the file sets, defaults where it is silent or wrong.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    pub keys: Keymap,
    pub colors: Colors,
    pub options: Options,
    /// `[searches]`, by name.
    pub searches: Vec<Search>,
    /// `[fetch]`.
    pub fetch: Fetch,
}

/// `[fetch]`: what a plain `paperboy fetch` brings beside the Daily Papers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fetch {
    /// arXiv's categories (`arxiv = ["cs.LG", "cs.CL"]`).
    pub arxiv: Vec<String>,
}

/// Something wrong with the file: an error (a value not used) or a
/// warning (a key paperboy does not know).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub text: String,
}

/// A config file read: the config, and what was wrong with it.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    pub config: Config,
    pub problems: Vec<Problem>,
}

/// Where the config file of a config directory is.
pub fn path(dir: &Path) -> PathBuf {
    dir.join(FILE)
}

/// Reads the config file in `dir`; none there means every default.
pub fn load(dir: &Path) -> Loaded {
    let file = path(dir);
    // A FIFO or a device there would block or never end.
    let read = crate::store::atomic::regular_or_absent(&file).and_then(|there| match there {
        true => std::fs::read_to_string(&file),
        false => Err(std::io::ErrorKind::NotFound.into()),
    });
    match read {
        Ok(text) => parse(&text, &file.display().to_string()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Loaded::default(),
        Err(e) => Loaded {
            config: Config::default(),
            problems: vec![Problem {
                severity: Severity::Error,
                text: format!("{}: cannot read: {e}; using the defaults", file.display()),
            }],
        },
    }
}

/// Reads a config file's text; `name` names it in messages.
pub fn parse(text: &str, name: &str) -> Loaded {
    let mut r = Reading {
        text,
        name,
        line_starts: std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect(),
        loaded: Loaded::default(),
    };
    let table = match DeTable::parse(text) {
        Ok(t) => t,
        Err(e) => {
            let at = e.span().map_or(0, |s| s.start);
            r.problem(
                Severity::Error,
                at,
                format!(
                    "not valid TOML ({}); using the defaults",
                    e.message().trim()
                ),
            );
            return r.loaded;
        }
    };
    for (section, value) in table.get_ref() {
        let at = section.span().start;
        let DeValue::Table(t) = value.get_ref() else {
            r.problem(
                Severity::Warning,
                at,
                format!("{:?} is not a section; ignored", section.get_ref()),
            );
            continue;
        };
        match section.get_ref().as_ref() {
            "keys" => r.keys(t),
            "theme" => r.theme(t),
            "options" => r.options(t),
            "searches" => r.searches(t),
            "fetch" => r.fetch(t),
            other => r.problem(
                Severity::Warning,
                at,
                format!("unknown section [{other}]; ignored"),
            ),
        }
    }
    r.loaded
}

struct Reading<'a> {
    text: &'a str,
    name: &'a str,
    /// Where each line starts, so a problem's line is found in log time
    /// (a file of many unknown keys is checked in linear time).
    line_starts: Vec<usize>,
    loaded: Loaded,
}

/// A value with where it stands.
type Val<'i> = Spanned<DeValue<'i>>;

impl Reading<'_> {
    fn line(&self, at: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= at)
    }

    fn problem(&mut self, severity: Severity, at: usize, text: String) {
        let line = self.line(at);
        // The text may quote the file (a key's name): one clean line.
        let text = format!("{}:{line}: {text}", self.name);
        let text = crate::digest::sanitize::clean_line(&text).into_owned();
        self.loaded.problems.push(Problem { severity, text });
    }

    /// A value read with serde into `T`.
    fn value<T: for<'de> Deserialize<'de>>(&self, v: &Val<'_>) -> Result<T, String> {
        let raw = &self.text[v.span()];
        let de = ValueDeserializer::parse(raw).map_err(|e| e.message().trim().to_owned())?;
        T::deserialize(de).map_err(|e| e.message().trim().to_owned())
    }

    fn keys(&mut self, table: &toml::de::DeTable<'_>) {
        // The user's bindings first, to find a key given to two actions.
        let mut wanted: Vec<(&'static str, KeyMode, Vec<Key>, usize)> = Vec::new();
        let defaults = Keymap::default();
        for (name, v) in table {
            let at = name.span().start;
            let Some(row) = defaults
                .rows()
                .iter()
                .find(|b| b.name == name.get_ref().as_ref())
            else {
                self.problem(
                    Severity::Warning,
                    at,
                    format!(
                        "[keys] unknown action {:?}; ignored (the help shows the names)",
                        name.get_ref()
                    ),
                );
                continue;
            };
            let names: Vec<String> = match self
                .value::<Vec<String>>(v)
                .or_else(|_| self.value::<String>(v).map(|k| vec![k]))
            {
                Ok(n) => n,
                Err(e) => {
                    self.problem(Severity::Error, v.span().start, format!("[keys] {}: {e}; expected a list of keys such as [\"j\", \"down\"] (default kept)", row.name));
                    continue;
                }
            };
            let mut keys = Vec::new();
            let mut bad = None;
            for n in &names {
                match Key::parse(n) {
                    Ok(k) if !keys.contains(&k) => keys.push(k),
                    Ok(_) => {}
                    Err(e) => bad = Some(e),
                }
            }
            if let Some(e) = bad {
                self.problem(
                    Severity::Error,
                    v.span().start,
                    format!("[keys] {}: {e} (default kept)", row.name),
                );
                continue;
            }
            wanted.push((row.name, row.mode, keys, v.span().start));
        }
        self.bind(wanted);
    }

    /// Binds what the user asked for; a key asked of two actions in one
    /// mode is an error, and neither gets it.
    fn bind(&mut self, mut wanted: Vec<(&'static str, KeyMode, Vec<Key>, usize)>) {
        let mut clashes = Vec::new();
        for (i, a) in wanted.iter().enumerate() {
            for b in &wanted[i + 1..] {
                for k in a.2.iter().filter(|k| a.1 == b.1 && b.2.contains(k)) {
                    clashes.push((*k, a.0, b.0, b.3));
                }
            }
        }
        for (k, first, second, at) in clashes {
            self.problem(
                Severity::Error,
                at,
                format!(
                    "[keys] {:?} is bound to both {first} and {second}; neither gets it",
                    k.config_name()
                ),
            );
            for w in &mut wanted {
                w.2.retain(|x| *x != k);
            }
        }
        let quit = Key::parse("ctrl-c").ok();
        for (name, _, keys, at) in &mut wanted {
            let quits = Keymap::default()
                .rows()
                .iter()
                .any(|b| b.name == *name && b.action == crate::tui::action::Action::Quit);
            if !quits && quit.is_some_and(|q| keys.contains(&q)) {
                keys.retain(|k| Some(*k) != quit);
                let text = format!("[keys] {name}: ctrl-c always quits; not bound to {name}");
                self.problem(Severity::Warning, *at, text);
            }
        }
        for (name, _, keys, _) in wanted {
            // The names come from the table, so this cannot fail.
            let _ = self.loaded.config.keys.rebind(name, keys);
        }
    }

    fn theme(&mut self, table: &toml::de::DeTable<'_>) {
        for (role, v) in table {
            let role_name = role.get_ref().to_string();
            const ROLES: [&str; 6] = [
                "selection",
                "match",
                "marks",
                "new",
                "status_bar",
                "borders",
            ];
            if !ROLES.contains(&role_name.as_str()) {
                self.problem(
                    Severity::Warning,
                    role.span().start,
                    format!("[theme] unknown colour role {role_name:?}; ignored"),
                );
                continue;
            }
            let parsed = self.value::<String>(v).and_then(|s| {
                s.parse::<Color>()
                    .map_err(|_| format!("{s:?} is not a colour"))
            });
            let color = match parsed {
                Ok(c) => c,
                Err(e) => {
                    self.problem(Severity::Error, v.span().start, format!("[theme] {role_name}: {e}; expected a name such as \"blue\" or \"#rrggbb\" (default kept)"));
                    continue;
                }
            };
            let colors = &mut self.loaded.config.colors;
            let slot = match role_name.as_str() {
                "selection" => &mut colors.selection,
                "match" => &mut colors.hit,
                "marks" => &mut colors.marks,
                "new" => &mut colors.new,
                "status_bar" => &mut colors.status_bar,
                _ => &mut colors.borders,
            };
            *slot = Some(color);
        }
    }

    fn options(&mut self, table: &toml::de::DeTable<'_>) {
        for (key, v) in table {
            let at = v.span().start;
            let name = key.get_ref().to_string();
            let result = match name.as_str() {
                "scope" => self
                    .choice(v, &[("title", Scope::Title), ("all", Scope::All)])
                    .map(|s| self.loaded.config.options.scope = s),
                "open" => self
                    .choice(v, &OpenPage::NAMES)
                    .map(|o| self.loaded.config.options.open = o),
                "dates" => self
                    .choice(v, &DateStyle::NAMES)
                    .map(|d| self.loaded.config.options.dates = d),
                "show_date" => self
                    .value::<bool>(v)
                    .map(|b| self.loaded.config.options.show_date = b),
                "show_upvotes" => self
                    .value::<bool>(v)
                    .map(|b| self.loaded.config.options.show_upvotes = b),
                other => {
                    let other = other.to_owned();
                    self.problem(
                        Severity::Warning,
                        key.span().start,
                        format!("[options] unknown option {other:?}; ignored"),
                    );
                    continue;
                }
            };
            if let Err(e) = result {
                self.problem(
                    Severity::Error,
                    at,
                    format!("[options] {name}: {e} (default kept)"),
                );
            }
        }
    }

    /// Saved searches: each a name and a query; a bad one is reported with
    /// its line and left out.
    fn searches(&mut self, table: &toml::de::DeTable<'_>) {
        for (key, v) in table {
            let name = key.get_ref().to_string();
            let at = v.span().start;
            if self.loaded.config.searches.len() == MAX_SEARCHES {
                let text = format!(
                    "[searches] more than {MAX_SEARCHES} searches; {name} and the rest ignored"
                );
                return self.problem(Severity::Error, key.span().start, text);
            }
            let checked = match self.value::<String>(v) {
                Err(e) => Err(e),
                Ok(_) if let Some(bad) = saved::bad_name(&name) => Err(bad.to_string()),
                Ok(q) if q.chars().count() > MAX_QUERY => {
                    Err(format!("a query is at most {MAX_QUERY} characters"))
                }
                Ok(q) => match query::parse(&q).error {
                    Some(e) => Err(format!("query {e}")),
                    None if q.trim().is_empty() => Err("an empty query".to_owned()),
                    None => Ok(q),
                },
            };
            match checked {
                Ok(query) => self.loaded.config.searches.push(Search { name, query }),
                Err(e) => self.problem(
                    Severity::Error,
                    at,
                    format!("[searches] {name}: {e} (search ignored)"),
                ),
            }
        }
    }

    /// `[fetch]`: the arXiv categories a plain fetch brings too.
    fn fetch(&mut self, table: &toml::de::DeTable<'_>) {
        for (key, v) in table {
            let name = key.get_ref().to_string();
            if name != "arxiv" {
                let text = format!("[fetch] unknown setting {name:?}; ignored");
                self.problem(Severity::Warning, key.span().start, text);
                continue;
            }
            let read = self
                .value::<Vec<String>>(v)
                .map_err(|e| format!("{e}; expected a list such as [\"cs.LG\", \"cs.CL\"]"))
                .and_then(|list| {
                    crate::library::arxiv::categories(list.as_slice()).map_err(|e| e.to_string())
                });
            match read {
                Ok(list) => self.loaded.config.fetch.arxiv = list,
                Err(e) => self.problem(
                    Severity::Error,
                    v.span().start,
                    format!("[fetch] arxiv: {e} (none fetched)"),
                ),
            }
        }
    }

    /// A string that names one of `choices`.
    fn choice<T: Copy>(&self, v: &Val<'_>, choices: &[(&str, T)]) -> Result<T, String> {
        let s = self.value::<String>(v)?;
        let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
        choices
            .iter()
            .find(|(n, _)| *n == s)
            .map(|(_, t)| *t)
            .ok_or_else(|| format!("{s:?} is not one of {}", names.join(", ")))
    }
}

/// A commented config file of every default: what `paperboy config --init`
/// writes. Uncommenting any line changes nothing until its value is.
pub fn init_text() -> String {
    let mut out = String::from(
        "# paperboy's configuration (`paperboy config --path` shows where it lives).\n\
         # Every setting is optional: remove the `#` in front of one to change it.\n\
         # A bad value is reported and its default kept; NO_COLOR still wins.\n\n\
         [keys]\n\
         # Each action, by the name the help (?) shows, and the keys that trigger it.\n\
         # A key is a character (j, G, ?) or a name (down, pgdn, enter, esc, tab,\n\
         # space, backspace, f1..f12), after any of ctrl-, alt- and shift-. A key\n\
         # bound here is taken from any other action of its mode that had it.\n",
    );
    let keys = Keymap::default();
    for b in keys.rows() {
        let names: Vec<String> = b
            .keys
            .iter()
            .map(|k| format!("{:?}", k.config_name()))
            .collect();
        let line = format!("# {} = [{}]", b.name, names.join(", "));
        out.push_str(&format!("{line:<40} # {}\n", keys.help_of(b)));
    }
    out.push_str(
        "\n[theme]\n\
         # Colours of the roles: a name (red, lightblue, darkgray, …) or \"#rrggbb\".\n\
         # selection = \"blue\"              # the selected row's background\n\
         # match = \"yellow\"                # matched characters of the filter\n\
         # marks = \"yellow\"                # the ★ of bookmarks\n\
         # new = \"green\"                   # the ● of papers not seen before\n\
         # status_bar = \"#303030\"          # the status bar's background\n\
         # borders = \"cyan\"                # the focused pane's border\n\
         \n[options]\n\
         # scope = \"title\"                 # the filter's scope when the reader opens: title | all\n\
         # open = \"arxiv\"                  # the page `o` opens: arxiv | hf | pdf\n\
         # dates = \"auto\"                  # how dates show: auto (Oct 7, with the year across years) | as-written | iso | short\n\
         # show_date = true                # the list's date column\n\
         # show_upvotes = false            # the list's upvote column\n\
         \n[searches]\n\
         # Saved searches: a name, and a query in the filter's language. The reader\n\
         # marks new papers that match one; `paperboy alerts` prints them.\n\
         # diffusion = \"kw:diffusion -cat:cs.CV\"\n\
         \n[fetch]\n\
         # arXiv's categories a plain `paperboy fetch` brings beside the Daily Papers.\n\
         # arxiv = [\"cs.LG\", \"cs.CL\"]\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn uncommented(text: &str) -> String {
        text.lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(rest) if rest.contains(" = ") => {
                    rest.split(" # ").next().unwrap_or(rest).trim_end()
                }
                _ => l,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_defaults_file_round_trips() {
        let commented = parse(&init_text(), "c");
        assert!(commented.problems.is_empty(), "{:?}", commented.problems);
        assert_eq!(commented.config, Config::default());
        // Every line uncommented: the same config, every value read.
        let all = parse(&uncommented(&init_text()), "c");
        assert!(all.problems.is_empty(), "{:?}", all.problems);
        let expected = Config {
            colors: Colors {
                selection: Some(Color::Blue),
                hit: Some(Color::Yellow),
                marks: Some(Color::Yellow),
                new: Some(Color::Green),
                status_bar: Some(Color::Rgb(0x30, 0x30, 0x30)),
                borders: Some(Color::Cyan),
            },
            searches: vec![Search {
                name: "diffusion".into(),
                query: "kw:diffusion -cat:cs.CV".into(),
            }],
            fetch: Fetch {
                arxiv: vec!["cs.LG".into(), "cs.CL".into()],
            },
            ..Config::default()
        };
        assert_eq!(all.config, expected);
    }

    #[test]
    fn settings_are_read() {
        let l = parse(
            "[keys]\nnext = [\"e\", \"down\"]\nquit = \"ctrl-q\"\n\n[theme]\nselection = \"#112233\"\n\n\
             [options]\nscope = \"all\"\nopen = \"pdf\"\ndates = \"iso\"\nshow_date = false\nshow_upvotes = true\n",
            "c",
        );
        assert!(l.problems.is_empty(), "{:?}", l.problems);
        let k = &l.config.keys;
        let press = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(
            k.action_for(KeyMode::Normal, press('e')),
            Some(crate::tui::action::Action::Down)
        );
        assert_eq!(k.action_for(KeyMode::Normal, press('q')), None);
        assert_eq!(
            l.config.colors.selection,
            Some(Color::Rgb(0x11, 0x22, 0x33))
        );
        let o = l.config.options;
        assert_eq!(
            (o.scope, o.open, o.dates, o.show_date, o.show_upvotes),
            (Scope::All, OpenPage::Pdf, DateStyle::Iso, false, true)
        );
    }

    #[test]
    fn each_bad_value_says_where_and_keeps_its_default() {
        let cases: [(&str, &str); 14] = [
            (
                "[fetch]\narxiv = [\"cs.LG\", \"no such\"]",
                "c:2: [fetch] arxiv: \"no\" is not an arXiv category (such as cs.LG or hep-th) (none fetched)",
            ),
            (
                "[fetch]\narxiv = \"cs.LG\"",
                "c:2: [fetch] arxiv: invalid type: string \"cs.LG\", expected a sequence; expected a list such as [\"cs.LG\", \"cs.CL\"] (none fetched)",
            ),
            (
                "[searches]\nx = \"upvotes:>\"",
                "c:2: [searches] x: query at 1: takes a number, as in upvotes:>50 (or >=, <, <=, =) (search ignored)",
            ),
            (
                "[searches]\n\"a b\" = \"x\"",
                "c:2: [searches] a b: \"a b\": a search's name is letters, digits, - and _ (search ignored)",
            ),
            (
                "[searches]\nx = 3",
                "c:2: [searches] x: invalid type: integer `3`, expected a string (search ignored)",
            ),
            (
                "[keys]\nnext = [\"ctrl-?x\"]",
                "c:2: [keys] next: \"ctrl-?x\" is not a key (default kept)",
            ),
            (
                "[keys]\nnext = 7",
                "c:2: [keys] next: invalid type: integer `7`, expected a string; expected a list of keys such as [\"j\", \"down\"] (default kept)",
            ),
            (
                "[keys]\nnext = [\"x\"]\nprevious = [\"x\"]",
                "c:3: [keys] \"x\" is bound to both next and previous; neither gets it",
            ),
            (
                "[theme]\nselection = \"blurple\"",
                "c:2: [theme] selection: \"blurple\" is not a colour; expected a name such as \"blue\" or \"#rrggbb\" (default kept)",
            ),
            (
                "[options]\nscope = \"everything\"",
                "c:2: [options] scope: \"everything\" is not one of title, all (default kept)",
            ),
            (
                "[options]\nopen = \"web\"",
                "c:2: [options] open: \"web\" is not one of arxiv, hf, pdf (default kept)",
            ),
            (
                "[options]\ndates = 3",
                "c:2: [options] dates: invalid type: integer `3`, expected a string (default kept)",
            ),
            (
                "[options]\nshow_date = \"yes\"",
                "c:2: [options] show_date: invalid type: string \"yes\", expected a boolean (default kept)",
            ),
            (
                "[keys\nnext = 1",
                "c:1: not valid TOML (unclosed table, expected `]`); using the defaults",
            ),
        ];
        for (text, message) in cases {
            let l = parse(text, "c");
            let got: Vec<&str> = l.problems.iter().map(|p| p.text.as_str()).collect();
            assert_eq!(got, [message], "{text}");
            assert_eq!(l.problems[0].severity, Severity::Error);
            assert_eq!(l.config.colors, Colors::default());
            assert_eq!(l.config.options, Options::default());
            assert_eq!(l.config.fetch, Fetch::default());
        }
        // Neither action got the clashing key, and the rest of the file counts.
        let l = parse("[keys]\nnext = [\"~\", \"e\"]\nprevious = [\"~\"]", "c");
        let press = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(l.config.keys.action_for(KeyMode::Normal, press('~')), None);
        assert!(
            l.config
                .keys
                .action_for(KeyMode::Normal, press('e'))
                .is_some()
        );
    }

    #[test]
    fn ctrl_c_is_never_taken_from_quit() {
        let l = parse("[keys]\nquit = [\"x\"]\nnext = [\"ctrl-c\", \"j\"]\n", "c");
        let got: Vec<&str> = l.problems.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            got,
            ["c:3: [keys] next: ctrl-c always quits; not bound to next"]
        );
        let ctrl_c = crate::tui::keymap::Key::parse("ctrl-c").unwrap();
        let down = l
            .config
            .keys
            .rows()
            .iter()
            .find(|b| b.name == "next")
            .unwrap();
        assert!(!down.keys.contains(&ctrl_c));
    }

    #[test]
    fn many_unknown_keys_are_each_reported_on_their_line() {
        let text: String = std::iter::once("[keys]\n".to_owned())
            .chain((0..2000).map(|i| format!("nope{i} = \"x\"\n")))
            .collect();
        let l = parse(&text, "c");
        assert_eq!(l.problems.len(), 2000);
        for p in &l.problems {
            let n: usize = p
                .text
                .split("nope")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            assert!(p.text.starts_with(&format!("c:{}: ", n + 2)), "{}", p.text);
        }
    }

    #[test]
    fn unknown_keys_are_warnings() {
        let l = parse(
            "[keys]\nfly = [\"f\"]\n[colours]\nx = 1\n[options]\nwidth = 3\n",
            "c",
        );
        let got: Vec<(bool, &str)> = l
            .problems
            .iter()
            .map(|p| (p.severity == Severity::Error, p.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (false, "c:3: unknown section [colours]; ignored"),
                (
                    false,
                    "c:2: [keys] unknown action \"fly\"; ignored (the help shows the names)"
                ),
                (false, "c:6: [options] unknown option \"width\"; ignored"),
            ]
        );
    }
}
