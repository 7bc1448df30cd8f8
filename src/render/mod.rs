//! Rendering: tables, JSON/YAML, colours. No business logic lives here — commands hand over
//! finished result structs.

pub mod placement;
pub mod pod_template;

use std::io::{IsTerminal, Write};

use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

use crate::cli::{ColorChoice, GlobalArgs};
use crate::error::{Error, Result};

/// Output decisions made once per run.
#[derive(Clone, Copy, Debug, Default)]
pub struct Style {
    /// Emit ANSI colours.
    pub color: bool,
    /// stdout is a terminal (tables may fit to its width; progress bars allowed).
    pub terminal: bool,
}

impl Style {
    /// Colour only on a terminal, unless forced: `--no-color`/`--color=never` win, then
    /// `--color=always`, then NO_COLOR (any non-empty value) and TERM=dumb switch it off.
    pub fn from_args(g: &GlobalArgs) -> Self {
        let terminal = std::io::stdout().is_terminal();
        let color = if g.no_color || g.color == ColorChoice::Never {
            false
        } else if g.color == ColorChoice::Always {
            true
        } else {
            terminal
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
        };
        Style { color, terminal }
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

/// A kubectl-looking table: no borders, upper-case headers, 3 spaces between columns. Fits the
/// terminal width on a terminal; never wraps when piped.
pub fn table(style: &Style, header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_style(presets::NOTHING);
    t.set_header(header.iter().map(|h| h.to_uppercase()));
    t.set_content_arrangement(if style.terminal {
        ContentArrangement::Dynamic
    } else {
        ContentArrangement::Disabled
    });
    if !style.terminal {
        t.force_no_tty();
    }
    for col in t.column_iter_mut() {
        col.set_padding((0, 3));
    }
    t
}

/// Print a table without trailing spaces on each line.
pub fn write_table(out: &mut dyn Write, t: &Table) -> Result<()> {
    for line in t.lines() {
        writeln!(out, "{}", line.trim_end()).map_err(io_err)?;
    }
    Ok(())
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
pub fn write_yaml<T: Serialize>(out: &mut dyn Write, value: &T) -> Result<()> {
    let text = serde_saphyr::to_string(value).map_err(|e| Error::input(e.to_string()))?;
    out.write_all(text.as_bytes()).map_err(io_err)
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
