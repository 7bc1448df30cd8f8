//! Rendering: tables, JSON/YAML, colours. No business logic lives here — commands hand over
//! finished result structs.

pub mod completion;
pub mod fleet;
pub mod jsonpath;
pub mod list;
pub mod placement;
pub mod pod_template;
pub mod rollout;
pub mod snapshot;
pub mod validate;
pub mod what_if;

use std::io::{IsTerminal, Write};

use comfy_table::{
    Attribute, Cell, Color, ColumnConstraint, ContentArrangement, Table, Width, presets,
};
use serde::Serialize;

use crate::error::{Error, Outcome, Result};

/// Output decisions made once per run, for one output stream.
#[derive(Clone, Copy, Debug, Default)]
pub struct Style {
    /// Emit ANSI colours.
    pub color: bool,
    /// The stream is a terminal (tables fit its width; progress bars allowed).
    pub terminal: bool,
    /// `TERM=dumb`: the terminal takes no escape sequences (no colour in auto mode, no progress
    /// bar redrawing lines).
    pub dumb: bool,
    /// Columns of the terminal (its window size, else `COLUMNS`); `None` when not a terminal.
    pub width: Option<usize>,
}

/// The output stream a [`Style`] is for: colour is decided per stream, so a report on stderr is
/// not coloured into a log file just because stdout is a terminal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// When to colour (`--color`; `--no-color` is [`ColorPolicy::Never`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ColorPolicy {
    #[default]
    Auto,
    Always,
    Never,
}

/// Output formats (`-o`). Which ones a command accepts is its own business
/// (`commands::Ctx::format`): `jsonpath` and `jsonpath-as-json` run over the JSON shape, so a
/// command that prints `-o json` takes them too; `name` needs [`Report::names`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    Table,
    Wide,
    Json,
    Yaml,
    Text,
    Junit,
    Sarif,
    /// kubectl's `-o name`: `kind.group/name` per listed object.
    Name,
    /// `-o jsonpath=TEMPLATE` (kubectl's dialect, see [`jsonpath`]).
    JsonPath(jsonpath::Template),
    /// `-o jsonpath-as-json=TEMPLATE`: each action's results as an indented JSON array.
    JsonPathAsJson(jsonpath::Template),
}

impl OutputFormat {
    /// The name as typed on the command line.
    pub fn name(&self) -> &'static str {
        match self {
            OutputFormat::Table => "table",
            OutputFormat::Wide => "wide",
            OutputFormat::Json => "json",
            OutputFormat::Yaml => "yaml",
            OutputFormat::Text => "text",
            OutputFormat::Junit => "junit",
            OutputFormat::Sarif => "sarif",
            OutputFormat::Name => "name",
            OutputFormat::JsonPath(_) => "jsonpath",
            OutputFormat::JsonPathAsJson(_) => "jsonpath-as-json",
        }
    }

    /// Whether this is one of the forms computed from the JSON shape (json, yaml, jsonpath…).
    pub fn is_machine(&self) -> bool {
        matches!(
            self,
            OutputFormat::Json
                | OutputFormat::Yaml
                | OutputFormat::JsonPath(_)
                | OutputFormat::JsonPathAsJson(_)
        )
    }

    /// Parse a `-o` value: a format's name, or `jsonpath=…` / `jsonpath-as-json=…` with its
    /// template (kubectl also accepts the template quoted in `{}` only; any text works).
    ///
    /// ```
    /// use kubectl_ds::render::OutputFormat;
    /// assert_eq!(OutputFormat::parse("wide"), Ok(OutputFormat::Wide));
    /// assert!(matches!(OutputFormat::parse("jsonpath={.items[*].name}"), Ok(OutputFormat::JsonPath(_))));
    /// assert!(OutputFormat::parse("jsonpath={.x").is_err());
    /// assert!(OutputFormat::parse("xml").is_err());
    /// ```
    pub fn parse(s: &str) -> std::result::Result<OutputFormat, String> {
        let (kind, template) = match s.split_once('=') {
            Some((k, t)) => (k, Some(t)),
            None => (s, None),
        };
        let format = match (kind, template) {
            ("jsonpath", t) => OutputFormat::JsonPath(jsonpath::Template::parse(t.unwrap_or(""))?),
            ("jsonpath-as-json", t) => {
                OutputFormat::JsonPathAsJson(jsonpath::Template::parse(t.unwrap_or(""))?)
            }
            (_, Some(_)) => return Err(format!("{kind} takes no template")),
            ("table", None) => OutputFormat::Table,
            ("wide", None) => OutputFormat::Wide,
            ("json", None) => OutputFormat::Json,
            ("yaml", None) => OutputFormat::Yaml,
            ("text", None) => OutputFormat::Text,
            ("junit", None) => OutputFormat::Junit,
            ("sarif", None) => OutputFormat::Sarif,
            ("name", None) => OutputFormat::Name,
            _ => {
                return Err(format!(
                    "unknown output format {s:?}; use one of: {}",
                    OutputFormat::NAMES.join(", ")
                ));
            }
        };
        Ok(format)
    }

    /// Every `-o` value as completion offers it.
    pub const NAMES: [&'static str; 10] = [
        "table",
        "wide",
        "json",
        "yaml",
        "name",
        "jsonpath=",
        "jsonpath-as-json=",
        "text",
        "junit",
        "sarif",
    ];
}

/// The styles of the two output streams, decided once per run.
#[derive(Clone, Copy, Debug, Default)]
pub struct Styles {
    pub out: Style,
    pub err: Style,
}

impl Styles {
    /// Both streams under one colour policy.
    pub fn new(policy: ColorPolicy) -> Self {
        Styles {
            out: Style::for_stream(policy, Stream::Stdout),
            err: Style::for_stream(policy, Stream::Stderr),
        }
    }
}

/// The colour policy, as a pure function of its inputs: `--no-color` and `--color=never` win,
/// then `--color=always`; in auto mode colour needs a terminal, no `NO_COLOR` (any non-empty
/// value, see no-color.org) and a `TERM` other than `dumb`.
///
/// ```
/// use kubectl_ds::render::{ColorPolicy, wants_color};
/// assert!(wants_color(ColorPolicy::Auto, true, None, Some("xterm")));
/// assert!(!wants_color(ColorPolicy::Auto, false, None, Some("xterm")));
/// assert!(!wants_color(ColorPolicy::Auto, true, Some("1"), Some("xterm")));
/// assert!(!wants_color(ColorPolicy::Auto, true, None, Some("dumb")));
/// assert!(wants_color(ColorPolicy::Always, false, Some("1"), Some("dumb")));
/// assert!(!wants_color(ColorPolicy::Never, true, None, None));
/// ```
pub fn wants_color(
    choice: ColorPolicy,
    terminal: bool,
    no_color_env: Option<&str>,
    term: Option<&str>,
) -> bool {
    if choice == ColorPolicy::Never {
        return false;
    }
    if choice == ColorPolicy::Always {
        return true;
    }
    terminal && no_color_env.is_none_or(str::is_empty) && term != Some("dumb")
}

impl Style {
    /// Colour and width for `stream`, from the flags, the environment and the stream itself.
    pub fn for_stream(policy: ColorPolicy, stream: Stream) -> Self {
        let terminal = match stream {
            Stream::Stdout => std::io::stdout().is_terminal(),
            Stream::Stderr => std::io::stderr().is_terminal(),
        };
        let no_color = std::env::var("NO_COLOR").ok();
        let term = std::env::var("TERM").ok();
        let color = wants_color(policy, terminal, no_color.as_deref(), term.as_deref());
        let width = terminal
            .then(|| {
                let size = match stream {
                    Stream::Stdout => terminal_size::terminal_size_of(std::io::stdout()),
                    Stream::Stderr => terminal_size::terminal_size_of(std::io::stderr()),
                };
                size.map(|(w, _)| usize::from(w.0))
                    .filter(|w| *w > 0)
                    .or_else(columns_env)
            })
            .flatten();
        Style {
            color,
            terminal,
            dumb: term.as_deref() == Some("dumb"),
            width,
        }
    }

    /// Whether a redrawing progress bar makes sense: a terminal that takes escape sequences.
    pub fn animate(&self) -> bool {
        self.terminal && !self.dumb
    }

    /// Paint `text` with a colour when colour is on.
    pub fn paint(&self, text: &str, tone: Tone) -> String {
        use owo_colors::OwoColorize;
        if !self.color {
            return text.to_string();
        }
        match tone {
            Tone::Good => text.green().to_string(),
            Tone::Warn => text.yellow().to_string(),
            Tone::Bad => text.red().to_string(),
            Tone::Dim => text.dimmed().to_string(),
            Tone::Bold => text.bold().to_string(),
        }
    }

    /// A table cell with a colour when colour is on. Cells, not pre-painted strings, so the
    /// table measures the visible text and columns stay aligned.
    pub fn cell(&self, text: &str, tone: Tone) -> Cell {
        let cell = Cell::new(text);
        if !self.color {
            return cell;
        }
        match tone {
            Tone::Good => cell.fg(Color::DarkGreen),
            Tone::Warn => cell.fg(Color::DarkYellow),
            Tone::Bad => cell.fg(Color::DarkRed),
            Tone::Dim => cell.add_attribute(Attribute::Dim),
            Tone::Bold => cell.add_attribute(Attribute::Bold),
        }
    }
}

/// `COLUMNS` when it holds a positive number (what shells export for the window width).
fn columns_env() -> Option<usize> {
    std::env::var("COLUMNS")
        .ok()?
        .trim()
        .parse()
        .ok()
        .filter(|w| *w > 0)
}

/// One changed field, `path: from → to`, the old value red and the new one green when colour is
/// on (`diff-revision --summary`, and the changes `rollout undo` shows before applying).
pub fn change_line(style: &Style, c: &crate::rollout::diff::Change) -> String {
    let (from, to) = c.sides();
    format!(
        "{}: {} → {}",
        c.path,
        style.paint(&from, Tone::Bad),
        style.paint(&to, Tone::Good)
    )
}

/// A line of a unified diff painted like `git diff --color`: file headers bold, hunk headers
/// dim, removed lines red, added lines green, context as is.
pub fn diff_line(style: &Style, line: &str) -> String {
    let tone = if line.starts_with("+++") || line.starts_with("---") {
        Tone::Bold
    } else if line.starts_with('+') {
        Tone::Good
    } else if line.starts_with('-') {
        Tone::Bad
    } else if line.starts_with("@@") {
        Tone::Dim
    } else {
        return line.to_string();
    };
    style.paint(line, tone)
}

/// Semantic colours.
#[derive(Clone, Copy, Debug)]
pub enum Tone {
    Good,
    Warn,
    Bad,
    Dim,
    Bold,
}

/// A kubectl-looking table: no borders, upper-case headers, 3 spaces between columns. On a
/// terminal it fits the terminal's width (long cells wrap inside their column); when piped it is
/// never wrapped: one line per row, whatever `COLUMNS` says, so `grep` and `awk` see whole rows.
/// Colours come from [`Style::cell`] and only when the style says so (comfy-table's own
/// terminal detection is switched off: `NO_COLOR` and `--color` decide).
pub fn table(style: &Style, header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_style(presets::NOTHING);
    t.set_header(header.iter().map(|h| h.to_uppercase()));
    t.force_no_tty();
    if style.color {
        t.enforce_styling().style_text_only();
    }
    match style.width {
        Some(w) if style.terminal => {
            t.set_content_arrangement(ContentArrangement::Dynamic);
            t.set_width(u16::try_from(w).unwrap_or(u16::MAX));
        }
        _ => {
            t.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    let columns = header.len();
    for (i, col) in t.column_iter_mut().enumerate() {
        col.set_padding((
            0,
            if i + 1 < columns {
                COLUMN_GAP as u16
            } else {
                0
            },
        ));
    }
    t
}

/// Print a table without trailing spaces on each line.
///
/// On a terminal narrower than the table, see [`column_widths`]: identifiers are never split,
/// the last column (free text) wraps at spaces.
pub fn write_table(out: &mut dyn Write, t: &mut Table) -> Result<()> {
    if let Some(width) = t.width() {
        let content = t.column_max_content_widths();
        let mut longest = vec![0usize; content.len()];
        for row in t.header().into_iter().chain(t.row_iter()) {
            for (i, cell) in row.cell_iter().enumerate().take(longest.len()) {
                let word = cell
                    .content()
                    .split_whitespace()
                    .map(|w| w.chars().count())
                    .max()
                    .unwrap_or(0);
                longest[i] = longest[i].max(word);
            }
        }
        let content: Vec<usize> = content.into_iter().map(usize::from).collect();
        let widths = column_widths(&content, &longest, COLUMN_GAP, usize::from(width));
        for (col, w) in t.column_iter_mut().zip(widths) {
            // comfy-table's absolute widths include the column's padding
            let w = u16::try_from(w).unwrap_or(u16::MAX);
            let w = w.saturating_add(col.padding_width());
            col.set_constraint(ColumnConstraint::Absolute(Width::Fixed(w)));
        }
    }
    for line in t.lines() {
        writeln!(out, "{}", line.trim_end()).map_err(io_err)?;
    }
    Ok(())
}

/// The room the last (free-text) column should get on a terminal before other columns are
/// dropped for it ([`drop_to_fit`]).
const REASON_ROOM: usize = 40;

/// On a terminal too narrow for every column, drop the columns named in `drop_order` (least
/// useful first) until the last, free-text column has room for its longest word and for
/// [`REASON_ROOM`] characters (or all of its text, when shorter). kubectl's printers keep to
/// the essentials on narrow screens the same way; piped output and `-o wide` keep everything.
pub fn drop_to_fit(
    style: &Style,
    header: &mut Vec<&str>,
    rows: &mut [Vec<Cell>],
    drop_order: &[&str],
) {
    let Some(width) = style.width.filter(|_| style.terminal) else {
        return;
    };
    let chars = |s: &str| s.chars().count();
    let fits = |header: &[&str], rows: &[Vec<Cell>]| {
        let n = header.len();
        let col = |i: usize| {
            rows.iter()
                .map(|r| r.get(i).map_or(0, |c| chars(&c.content())))
                .chain([chars(header[i])])
                .max()
                .unwrap_or(0)
        };
        let last_words = rows
            .iter()
            .filter_map(|r| r.get(n - 1))
            .flat_map(|c| {
                c.content()
                    .split_whitespace()
                    .map(chars)
                    .collect::<Vec<_>>()
            })
            .max()
            .unwrap_or(0);
        let others: usize = (0..n - 1).map(col).sum::<usize>() + COLUMN_GAP * (n - 1);
        let want = col(n - 1).min(REASON_ROOM).max(last_words);
        others + want <= width
    };
    for name in drop_order {
        if header.is_empty() || fits(header, rows) {
            return;
        }
        if let Some(i) = header.iter().position(|h| h == name) {
            header.remove(i);
            for r in rows.iter_mut() {
                if i < r.len() {
                    r.remove(i);
                }
            }
        }
    }
}

/// Spaces between table columns (kubectl's tab writer uses 3 for `get`).
const COLUMN_GAP: usize = 3;

/// The narrowest the last (free-text) column gets before the table overflows instead.
const MIN_LAST_COLUMN: usize = 12;

/// Column widths (text only, gaps excluded) that fit `width`, given each column's widest cell
/// (`content`) and longest word (`longest`). Everything fits: content widths. Otherwise every
/// column but the last keeps its content width, except that columns holding several words (like
/// `no (pod may stay)`) give up space down to their longest word, widest saving first, until the
/// last column has what is left — at least [`MIN_LAST_COLUMN`] and its longest word, or its own
/// content when smaller; below that the table overflows the width rather than split a name.
///
/// ```
/// use kubectl_ds::render::column_widths;
/// // fits: unchanged
/// assert_eq!(column_widths(&[4, 10], &[4, 3], 3, 80), vec![4, 10]);
/// // too wide: the last column wraps into what is left (30 - 4 - 3)
/// assert_eq!(column_widths(&[4, 60], &[4, 9], 3, 30), vec![4, 23]);
/// // a multi-word column gives up space before the last gets too narrow
/// assert_eq!(column_widths(&[17, 60], &[5, 9], 3, 30), vec![15, 12]);
/// ```
pub fn column_widths(content: &[usize], longest: &[usize], gap: usize, width: usize) -> Vec<usize> {
    let n = content.len();
    let total = |w: &[usize]| w.iter().sum::<usize>() + gap * n.saturating_sub(1);
    let mut w = content.to_vec();
    if n == 0 || total(&w) <= width {
        return w;
    }
    let last = n - 1;
    // never narrower than its longest word: a name is never split, the table overflows instead
    let want_last = content[last].min(MIN_LAST_COLUMN.max(longest[last]));
    // what is left for the last column after the others and their gaps
    let room = |w: &[usize]| width.saturating_sub(w[..last].iter().sum::<usize>() + gap * last);
    // shrink multi-word columns towards their longest word, biggest saving first
    let mut order: Vec<usize> = (0..last).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(content[i].saturating_sub(longest[i])));
    for i in order {
        let short = room(&w);
        if short >= want_last {
            break;
        }
        let give = (want_last - short).min(w[i].saturating_sub(longest[i].max(1)));
        w[i] -= give;
    }
    w[last] = room(&w).max(want_last).min(content[last]);
    w
}

/// Print a failure kubectl-style (`error: …` on stderr) and return its exit code; a closed
/// stdout (`… | head`) is not a failure worth a word.
pub fn error(e: &Error) -> i32 {
    if !matches!(e, Error::BrokenPipe) {
        eprintln!("error: {e}");
    }
    e.exit_code()
}

/// The panic hook's message: one line, where, and that it is a bug (no backtrace dump).
pub fn internal_error(at: Option<&std::panic::Location<'_>>) {
    let at = at
        .map(|l| format!(" at {}:{}", l.file(), l.line()))
        .unwrap_or_default();
    eprintln!(
        "error: kubectl-ds hit an internal error{at}. This is a bug; please report it with the command you ran."
    );
}

/// What render needs of a report a command returns: its JSON/YAML shape (serde, the documented
/// structure) and its human form. The command computes, render shows — commands never print.
pub trait Report: Serialize {
    /// The human form (`table`, `wide`, `text`, or a command's own formats such as junit) on
    /// `out`, styled for stdout; side notes go to stderr through [`Styles::err`].
    fn human(&self, out: &mut dyn Write, format: OutputFormat, styles: &Styles) -> Result<()>;

    /// The exit status the answer implies: [`Outcome::Found`] when the command found what the
    /// user asked about (validation errors, differences with `--exit-code`, …).
    fn outcome(&self) -> Outcome {
        Outcome::Ok
    }

    /// `-o name`: the objects the report lists, as kubectl names them (`node/NAME`,
    /// `daemonset.apps/NAME`, …); only called for commands that accept `-o name`.
    fn names(&self) -> Vec<String> {
        Vec::new()
    }
}

/// Print `report` on stdout in `format` (JSON and YAML from its serde shape, the rest from
/// [`Report::human`]), buffered and flushed once, and return its outcome.
pub fn emit<R: Report>(report: &R, format: OutputFormat, styles: &Styles) -> Result<Outcome> {
    buffered_stdout(|out| match format {
        OutputFormat::Json => write_json(out, report),
        OutputFormat::Yaml => write_yaml(out, report),
        OutputFormat::Name => {
            let names = report.names();
            // kubectl's `get -o name` says so on stderr when nothing is listed (stdout stays
            // empty for scripts).
            if names.is_empty() {
                let _ = writeln!(std::io::stderr().lock(), "No resources found.");
            }
            for name in names {
                writeln!(out, "{name}").map_err(io_err)?;
            }
            Ok(())
        }
        OutputFormat::JsonPath(t) => write_jsonpath(out, report, &t, false),
        OutputFormat::JsonPathAsJson(t) => write_jsonpath(out, report, &t, true),
        other => report.human(out, other, styles),
    })?;
    Ok(report.outcome())
}

/// kubectl's `-o jsonpath` over the report's JSON shape. A template that does not fit the data
/// (an index out of range, a comparison of different types) is a usage error, as kubectl's
/// message says.
pub fn write_jsonpath<T: Serialize>(
    out: &mut dyn Write,
    value: &T,
    template: &jsonpath::Template,
    as_json: bool,
) -> Result<()> {
    let data = serde_json::to_value(value).map_err(|e| Error::input(e.to_string()))?;
    let text = template.render(&data, as_json).map_err(Error::usage)?;
    out.write_all(text.as_bytes()).map_err(io_err)
}

/// Run `f` on a buffered stdout and flush it: thousands of rows (or pretty JSON) would otherwise
/// cost a write per line.
pub fn buffered_stdout(f: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    f(&mut out)?;
    out.flush().map_err(io_err)
}

/// Pretty JSON followed by a newline.
pub fn write_json<T: Serialize>(out: &mut dyn Write, value: &T) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(|e| match e.io_error_kind() {
        Some(std::io::ErrorKind::BrokenPipe) => Error::BrokenPipe,
        _ => Error::input(format!("writing output: {e}")),
    })?;
    writeln!(out).map_err(io_err)
}

/// YAML of the same structure as the JSON output.
/// Streamed into `out` (a snapshot's YAML is never one string in memory).
pub fn write_yaml<T: Serialize>(out: &mut dyn Write, value: &T) -> Result<()> {
    let mut out = out;
    serde_saphyr::to_io_writer(&mut out, value).map_err(|e| match e {
        serde_saphyr::SerializeError::IO { error } => io_err(error),
        other => Error::input(other.to_string()),
    })
}

/// Writing to stdout failed (e.g. a closed pipe): not worth a stack trace.
pub fn io_err(e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return Error::BrokenPipe;
    }
    Error::input(format!("writing output: {e}"))
}

/// kubectl's short age: `45s`, `12m`, `5h`, `3d`, `2y`.
pub fn age(seconds: i64) -> String {
    let s = seconds.max(0);
    match s {
        0..=119 => format!("{s}s"),
        120..=7199 => format!("{}m", s / 60),
        7200..=172_799 => format!("{}h", s / 3600),
        172_800..=63_071_999 => format!("{}d", s / 86_400),
        _ => format!("{}y", s / 31_536_000),
    }
}
