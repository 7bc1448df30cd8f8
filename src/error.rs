//! Typed failures and the exit codes they map to (docs/exit-codes.md).
//!
//! Library code returns [`Error`]; `main.rs` prints it kubectl-style (`error: …` on stderr) and
//! exits with [`Error::exit_code`]. A command that ran and found what the user asked about
//! (validation errors, rollout not complete, undo refused) returns [`Outcome::Found`] instead of
//! an error, so it can still print its report.

use std::fmt;

/// Exit code: success.
pub const EXIT_OK: i32 = 0;
/// Exit code: the command ran and found problems (validation errors, timeout, refused undo).
pub const EXIT_FOUND: i32 = 1;
/// Exit code: bad flags or arguments.
pub const EXIT_USAGE: i32 = 2;
/// Exit code: the environment failed us (cluster unreachable, forbidden, not found, unreadable input).
pub const EXIT_ENV: i32 = 3;
/// Exit code: kubectl-ds itself failed (a panic, i.e. a bug); BSD's `EX_SOFTWARE`.
pub const EXIT_PANIC: i32 = 70;

/// How a command that ran to the end wants the process to exit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Ok,
    /// Exit 1: the command answered, and the answer is "there is a problem".
    Found,
}

impl Outcome {
    pub fn exit_code(self) -> i32 {
        match self {
            Outcome::Ok => EXIT_OK,
            Outcome::Found => EXIT_FOUND,
        }
    }
}

/// A failure that stops a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad flags or arguments (exit 2).
    #[error("{0}")]
    Usage(String),
    /// An object the user named does not exist (exit 3).
    #[error("{0}")]
    NotFound(String),
    /// Input could not be read or parsed (exit 3).
    #[error("{0}")]
    Input(String),
    /// The cluster could not be reached or refused us (exit 3).
    #[error("{0}")]
    Cluster(String),
    /// The command ran and refused to act (exit 1), e.g. undo hit a concurrent change.
    #[error("{0}")]
    Refused(String),
    /// stdout was closed under us (`… | head`): stop quietly.
    #[error("output closed")]
    BrokenPipe,
}

impl Error {
    /// The process exit code for this failure.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => EXIT_USAGE,
            Error::Refused(_) => EXIT_FOUND,
            Error::BrokenPipe => EXIT_OK,
            Error::NotFound(_) | Error::Input(_) | Error::Cluster(_) => EXIT_ENV,
        }
    }

    pub fn usage(msg: impl fmt::Display) -> Self {
        Error::Usage(msg.to_string())
    }
    pub fn not_found(msg: impl fmt::Display) -> Self {
        Error::NotFound(msg.to_string())
    }
    pub fn input(msg: impl fmt::Display) -> Self {
        Error::Input(msg.to_string())
    }
    pub fn cluster(msg: impl fmt::Display) -> Self {
        Error::Cluster(msg.to_string())
    }
}

/// Result alias for library code.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Up to three known names closest to `wanted` (edit distance), for "did you mean" hints.
pub fn close_names<'a>(wanted: &str, known: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut scored: Vec<(usize, &str)> = known
        .into_iter()
        .map(|k| (edit_distance(wanted, k), k))
        .filter(|(d, k)| *d <= wanted.len().max(k.len()) / 2 || k.contains(wanted))
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored
        .into_iter()
        .take(3)
        .map(|(_, k)| k.to_string())
        .collect()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_names_ranks_by_distance() {
        let known = ["node-1", "node-2", "node-10", "gpu-1"];
        assert_eq!(
            close_names("node-3", known),
            vec!["node-1", "node-2", "node-10"]
        );
        assert!(close_names("zzzzzzzz", known).is_empty());
    }

    #[test]
    fn exit_codes_follow_the_design() {
        assert_eq!(Error::usage("x").exit_code(), 2);
        assert_eq!(Error::not_found("x").exit_code(), 3);
        assert_eq!(Error::Refused("x".into()).exit_code(), 1);
        assert_eq!(Outcome::Found.exit_code(), 1);
    }
}
