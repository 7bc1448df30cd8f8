//! Completion output: the shell script, the `completion install` note, and kubectl's plugin
//! completion protocol (one candidate per line, then `:<directive>`).

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use super::{OutputFormat, Report, Styles, io_err};
use crate::error::Result;

/// What `completion` did.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Completion {
    /// The script for a shell.
    Script(String),
    /// `completion install`: the link made, what it points at, and the directory.
    Installed {
        target: PathBuf,
        exe: PathBuf,
        dir: PathBuf,
    },
}

impl Report for Completion {
    fn human(&self, out: &mut dyn Write, _: OutputFormat, _: &Styles) -> Result<()> {
        match self {
            Completion::Script(s) => out.write_all(s.as_bytes()).map_err(io_err),
            Completion::Installed { target, exe, dir } => writeln!(
                out,
                "installed {} -> {}\nkubectl (>= 1.26) now completes `kubectl ds …` when {} is on PATH.",
                target.display(),
                exe.display(),
                dir.display()
            )
            .map_err(io_err),
        }
    }
}

/// Candidates for kubectl's plugin completion protocol, and Cobra's directive.
#[derive(Debug, PartialEq)]
pub struct Candidates {
    pub words: Vec<String>,
    pub directive: u8,
}

/// Print `c` as kubectl reads it. Errors are ignored: a shell that stopped listening is no
/// reason to fail.
pub fn print_candidates(c: &Candidates) {
    let mut out = std::io::stdout().lock();
    for w in &c.words {
        let _ = writeln!(out, "{w}");
    }
    let _ = writeln!(out, ":{}", c.directive);
}
