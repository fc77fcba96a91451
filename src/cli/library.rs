//! The commands on the library: `fetch`, `import`, `days`.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use super::{BAD_INPUT, CmdResult, Dirs, Error, FAIL, FetchArgs, TopArgs, plural, stdout};
use crate::day::{Day, Span};
use crate::digest::{Keep, Source, sanitize};
use crate::library::Library;
use crate::library::fetch::{self, Outcome, Settings};
use crate::store::shown::Shown;

pub(super) const NO_DATA_DIR: &str =
    "no data directory could be found; set PAPERBOY_DATA_DIR to choose one";

fn library(dirs: &Dirs) -> Result<Library, Error> {
    dirs.library()
        .ok_or_else(|| Error::Asked(NO_DATA_DIR.into()))
}

/// The data directory, or the error that there is none.
pub(super) fn data_dir(dirs: &Dirs) -> Result<&std::path::Path, Error> {
    dirs.data
        .as_deref()
        .ok_or_else(|| Error::Asked(NO_DATA_DIR.into()))
}

/// A day given on the command line.
fn day_arg(s: &str, today: Day) -> Result<Day, Error> {
    match s {
        "today" => Ok(today),
        "yesterday" => Ok(today.plus(-1)),
        _ => Day::parse(s)
            .ok_or_else(|| Error::Unusable(format!("{s:?} is not a date; give YYYY-MM-DD"))),
    }
}

/// The most days one fetch asks for: ten years.
const MOST_DAYS: i64 = 3653;

/// How far back a fetch of today looks for a day with papers.
const LOOK_BACK: i64 = 7;

/// The days, today's included, whose numbers a plain `fetch` brings up to
/// date.
const LIVE_DAYS: i64 = 7;

/// A week or a month, as the command line names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    Week,
    Month,
}

/// The week or month `arg` names (`2026-W48`, `2026-11`), or today's when
/// it is empty.
fn span_arg(unit: Unit, arg: &str, today: Day) -> Result<Span, Error> {
    let arg = arg.trim();
    let span = match (unit, arg.is_empty()) {
        (Unit::Week, true) => Some(Span::week_of(today)),
        (Unit::Month, true) => Some(Span::month_of(today)),
        (Unit::Week, false) => Span::parse_week(arg),
        (Unit::Month, false) => Span::parse_month(arg),
    };
    span.ok_or_else(|| {
        let want = match unit {
            Unit::Week => "a week; give YYYY-Www (2026-W48)",
            Unit::Month => "a month; give YYYY-MM (2026-11)",
        };
        Error::Unusable(format!("{arg:?} is not {want}"))
    })
}

/// The week or month `--week` or `--month` asked for (clap lets only one
/// be given).
fn span_asked(a: &FetchArgs) -> Option<(Unit, &str)> {
    match (&a.week, &a.month) {
        (Some(w), _) => Some((Unit::Week, w)),
        (None, Some(m)) => Some((Unit::Month, m)),
        (None, None) => None,
    }
}

/// The days `a` names, newest first (none: the latest).
fn asked_days(a: &FetchArgs, today: Day) -> Result<Vec<Day>, Error> {
    let mut asked = Vec::new();
    if let Some((unit, arg)) = span_asked(a) {
        // Day by day: the days the library holds are not asked again.
        let span = span_arg(unit, arg, today)?;
        let (first, last) = (span.days().start().0, span.days().end().0.min(today.0));
        asked.extend((first..=last).map(Day));
    }
    for d in &a.dates {
        asked.push(day_arg(d, today)?);
    }
    if let Some(n) = a.days {
        if i64::from(n) > MOST_DAYS {
            return Err(Error::Unusable(format!(
                "--days {n} is more than ten years ({MOST_DAYS} days)"
            )));
        }
        asked.extend((0..n as i64).map(|k| today.plus(-k)));
    }
    if let Some(s) = &a.since {
        let from = day_arg(s, today)?;
        if today.0 - from.0 > MOST_DAYS {
            return Err(Error::Unusable(format!(
                "--since {s} is more than ten years ago ({MOST_DAYS} days)"
            )));
        }
        asked.extend((0..=(today.0 - from.0)).map(|k| today.plus(-k)));
    }
    asked.sort_unstable_by(|a, b| b.cmp(a));
    asked.dedup();
    Ok(asked)
}

/// The arXiv categories to fetch: `--arxiv`'s (then only those), else
/// `[fetch] arxiv` of config.toml (beside the Daily Papers).
fn arxiv_asked(dirs: &Dirs, flag: Option<&str>) -> Result<(Vec<String>, bool), Error> {
    if let Some(list) = flag {
        return match crate::library::arxiv::categories(std::slice::from_ref(&list)) {
            Ok(c) if c.is_empty() => Err(Error::Unusable(
                "--arxiv names no category; give some, as in cs.LG,cs.CL".into(),
            )),
            Ok(c) => Ok((c, true)),
            Err(why) => Err(Error::Unusable(format!("--arxiv: {why}"))),
        };
    }
    // A bad [fetch] setting was reported where the config is checked;
    // here it fetches nothing.
    let config = dirs.config.as_deref().map(crate::config::load);
    Ok((
        config.map(|c| c.config.fetch.arxiv).unwrap_or_default(),
        false,
    ))
}

pub(super) fn fetch(dirs: &Dirs, a: &FetchArgs) -> CmdResult {
    let (lib, today) = (library(dirs)?, super::today());
    let asked = asked_days(a, today)?;
    let (categories, arxiv_only) = arxiv_asked(dirs, a.arxiv.as_deref())?;
    let mut code = None;
    let mut results = Vec::new();
    if !arxiv_only {
        let settings = Settings::from_env();
        if asked.is_empty() {
            let (latest, fetched) = fetch_latest(&lib, &settings, today, a.refresh);
            refresh_week(&lib, &settings, today, &fetched);
            code = Some(latest);
        } else {
            results = fetch_reporting(asked.len(), Source::Hf, |report| {
                fetch::fetch_all(&lib, &settings, asked.clone(), a.refresh, today, report)
            });
        }
    }
    if !categories.is_empty() {
        let ax = crate::library::arxiv::Arxiv::from_env(categories);
        let days = if asked.is_empty() { vec![today] } else { asked };
        results.extend(fetch_reporting(days.len(), Source::Arxiv, |report| {
            crate::library::arxiv::fetch_all(&lib, &ax, days.clone(), a.refresh, today, report)
        }));
    }
    let failed = results.iter().filter(|(_, o)| !o.had()).count();
    if results.len() > 1 && failed > 0 {
        // What a partial fetch did: the exit code says it failed.
        eprintln!(
            "paperboy: {failed} of {} days failed; the rest are in the library",
            results.len()
        );
    }
    let of_days = (!results.is_empty()).then(|| exit_code(&results));
    // 0 when every source had every day, 2 when none had any, else 1.
    let code = match (code, of_days) {
        (Some(hf), Some(days)) if hf == days => hf,
        (Some(_), Some(_)) => FAIL,
        (hf, days) => hf.or(days).unwrap_or(0),
    };
    Ok(ExitCode::from(code))
}

/// Today's papers, else the latest earlier day's (at most a week back);
/// also the days it asked the server for.
fn fetch_latest(lib: &Library, s: &Settings, today: Day, refresh: bool) -> (u8, Vec<Day>) {
    let mut asked = Vec::new();
    for back in 0..=LOOK_BACK {
        let day = today.plus(-back);
        let results = fetch_reporting(1, Source::Hf, |report| {
            fetch::fetch_all(lib, s, vec![day], refresh, today, report)
        });
        if results[0].1 != Outcome::Kept {
            asked.push(day);
        }
        match &results[0].1 {
            Outcome::NoPapers if back == 0 => {
                let _ = writeln!(
                    std::io::stdout(),
                    "no papers for today yet; looking for the latest day that has them"
                );
            }
            Outcome::NoPapers => {}
            _ => return (exit_code(&results), asked),
        }
    }
    let _ = writeln!(
        std::io::stdout(),
        "no papers in the last {} days",
        LOOK_BACK + 1
    );
    (FAIL, asked)
}

/// Fetches again the library's days of the last week (but those in
/// `done`): their upvotes, stars and comments keep changing for days. A
/// day is rewritten only when its answer changed; one that cannot be had
/// now keeps what the library has, so it does not change the exit code.
fn refresh_week(lib: &Library, s: &Settings, today: Day, done: &[Day]) {
    let week = today.plus(1 - LIVE_DAYS)..=today;
    // Only the days fetch wrote: an imported digest stays as it was.
    let days: Vec<Day> = lib
        .files()
        .into_iter()
        .filter_map(|f| f.day.filter(|&d| f.path == lib.day_path(d)))
        .filter(|d| week.contains(d) && !done.contains(d))
        .collect();
    if !days.is_empty() {
        fetch_reporting(days.len(), Source::Hf, |report| {
            fetch::fetch_all(lib, s, days.clone(), true, today, report)
        });
    }
}

/// 0 when every day asked is in the library, 1 when some failed, 2 when
/// none could be had.
fn exit_code(results: &[(Day, Outcome)]) -> u8 {
    let had = results.iter().filter(|(_, o)| o.had()).count();
    match had {
        n if n == results.len() => 0,
        0 => BAD_INPUT,
        _ => FAIL,
    }
}

/// One line for what happened to a source's day (the Daily Papers' say
/// no source).
fn line(day: Day, source: Source, o: &Outcome) -> String {
    let from = match source {
        Source::Hf => String::new(),
        other => format!("{}: ", other.label()),
    };
    let what = match o {
        Outcome::Saved(n) => format!("{}, saved", plural(*n, "paper")),
        Outcome::Unchanged(n) => format!("{}, unchanged", plural(*n, "paper")),
        Outcome::Kept => "in the library already (--refresh fetches it again)".to_owned(),
        Outcome::NoPapers if source == Source::Arxiv => "no announcements".to_owned(),
        Outcome::NoPapers => "no papers".to_owned(),
        Outcome::Failed(why) => format!("failed: {why}"),
    };
    format!("{day}  {from}{what}")
}

/// Runs a fetch of `days` days of `source`, with a progress bar on a
/// terminal, a plain line a day otherwise (errors on standard error).
fn fetch_reporting(
    days: usize,
    source: Source,
    run: impl FnOnce(&(dyn Fn(Day, &Outcome) + Sync)) -> Vec<(Day, Outcome)>,
) -> Vec<(Day, Outcome)> {
    let bar = (std::io::stderr().is_terminal() && days > 1).then(|| {
        let pb = indicatif::ProgressBar::new(days as u64);
        let template = format!("{{bar:30}} {{pos}}/{{len}} days {} {{msg}}", source.label());
        pb.set_style(
            indicatif::ProgressStyle::with_template(&template)
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        pb
    });
    let report = |day: Day, o: &Outcome| {
        // A failure may quote a server's words or a URL: cleaned as any
        // outside text before it reaches the terminal.
        let text = sanitize::clean(&line(day, source, o)).into_owned();
        match &bar {
            Some(pb) => {
                pb.println(&text);
                pb.inc(1);
            }
            // A day's failure is said as it comes; the fetch goes on.
            None if matches!(o, Outcome::Failed(_)) => eprintln!("{text}"),
            None => {
                let _ = writeln!(std::io::stdout(), "{text}");
            }
        }
    };
    let results = run(&report);
    if let Some(pb) = bar {
        pb.finish_and_clear();
    }
    results
}

pub(super) fn import(dirs: &Dirs, paths: &[PathBuf]) -> CmdResult {
    let lib = library(dirs)?;
    let mut failed = 0;
    let mut out = stdout();
    for p in paths {
        match lib.import(p) {
            // Each line names the file as typed (and where its name took
            // it): cleaned, as a downloaded file's name is anyone's.
            Ok(to) => {
                let line = match to {
                    Some(to) => format!("{} -> {}", p.display(), to.display()),
                    None => format!("{}: in the library already", p.display()),
                };
                writeln!(out, "{}", sanitize::clean(&line))?;
            }
            Err(why) => {
                out.flush()?;
                // Each file's failure as it comes; the others are imported.
                eprintln!("paperboy: {}", sanitize::clean(&why.to_string()));
                failed += 1;
            }
        }
    }
    out.flush()?;
    Ok(match failed {
        0 => ExitCode::SUCCESS,
        n if n == paths.len() => ExitCode::from(BAD_INPUT),
        _ => ExitCode::from(FAIL),
    })
}

/// `paperboy top`: the library's most upvoted papers of this week or month.
pub(super) fn top(dirs: &Dirs, args: &TopArgs) -> CmdResult {
    // `--week` is the default, said for symmetry with `--month`.
    let unit = if args.month { Unit::Month } else { Unit::Week };
    let lib = library(dirs)?;
    let span = span_arg(unit, "", super::today())?;
    let d = lib.load(Keep::Everything);
    let mut order: Vec<u32> = (0..d.len() as u32)
        .filter(|&i| Day::from_key(d.date_key(i as usize)).is_some_and(|day| span.contains(day)))
        .collect();
    crate::filter::Sort::Upvotes.apply(&d, &mut order);
    order.truncate(args.limit);
    let mut out = stdout();
    if order.is_empty() {
        // A hint, not a failure: an empty week prints nothing and exits 0.
        eprintln!(
            "paperboy: no papers of {} in the library; `paperboy fetch --{}` fills it in",
            span.label(),
            if unit == Unit::Week { "week" } else { "month" }
        );
    }
    if args.json {
        let papers: Vec<super::papers::PaperJson> = order
            .iter()
            .map(|&i| super::papers::PaperJson::new(&d, i as usize))
            .collect();
        serde_json::to_writer_pretty(&mut out, &papers)?;
        writeln!(out)?;
    } else {
        for &i in &order {
            let v = d.get(i as usize);
            let up = v.facts.upvotes.map(|n| n.to_string()).unwrap_or_default();
            writeln!(out, "{}\t{}\t{}\t{up}", v.id, v.date.unwrap_or(""), v.title)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct DayJson {
    date: String,
    papers: usize,
    new: usize,
    /// The day's papers by source (`hf`, `arxiv`); a paper of both counts
    /// for each.
    sources: BTreeMap<&'static str, usize>,
    /// arXiv's replacements among them: marked, never new.
    replaced: usize,
}

impl DayJson {
    /// `hf 12 + arXiv 600 (40 replaced)`.
    fn sources_line(&self) -> String {
        let parts: Vec<String> = [Source::Hf, Source::Arxiv]
            .iter()
            .filter_map(|s| {
                let n = *self.sources.get(s.key())?;
                let replaced = match (s, self.replaced) {
                    (Source::Arxiv, r) if r > 0 => format!(" ({r} replaced)"),
                    _ => String::new(),
                };
                Some(format!("{} {n}{replaced}", s.label()))
            })
            .collect();
        parts.join(" + ")
    }
}

pub(super) fn days(dirs: &Dirs, json: bool) -> CmdResult {
    let lib = library(dirs)?;
    let d = lib.load(Keep::Titles);
    let shown = dirs.config.as_deref().map(Shown::open).unwrap_or_default();
    // Each paper counts on its first day.
    let mut by_day: BTreeMap<u32, DayJson> = BTreeMap::new();
    for i in 0..d.len() {
        let v = d.get(i);
        let key = d.date_key(i);
        let e = by_day.entry(key).or_insert_with(|| DayJson {
            date: day_name(key, v.date),
            papers: 0,
            new: 0,
            sources: BTreeMap::new(),
            replaced: 0,
        });
        let replaced = d.is_replacement(i);
        e.papers += 1;
        e.new += usize::from(!shown.contains(v.id) && !replaced);
        e.replaced += usize::from(replaced);
        for s in d.sources_of(i) {
            *e.sources.entry(s.key()).or_default() += 1;
        }
    }
    let days: Vec<DayJson> = by_day.into_values().rev().collect();
    let mut out = stdout();
    if json {
        serde_json::to_writer_pretty(&mut out, &days)?;
        writeln!(out)?;
    } else {
        if days.is_empty() {
            // A hint, not a failure, as `top`'s.
            eprintln!(
                "paperboy: the library ({}) is empty; `paperboy fetch` downloads today's papers",
                lib.dir().display()
            );
        }
        for d in &days {
            writeln!(
                out,
                "{}\t{}\t{} new\t{}",
                d.date,
                plural(d.papers, "paper"),
                d.new,
                d.sources_line()
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// A day as `YYYY-MM-DD` when its year is known, else as written.
fn day_name(key: u32, written: Option<&str>) -> String {
    Day::from_key(key).map_or_else(
        || written.unwrap_or("undated").to_owned(),
        |d| d.to_string(),
    )
}
