//! Typed failures and the exit codes they map to (docs/exit-codes.md).
//!
//! Library code returns [`Error`]; `main.rs` prints it kubectl-style (`error: …` on stderr) and
//! exits with [`Error::exit_code`]. A command that ran and found what the user asked about
//! (validation errors, rollout not complete, undo refused) returns [`Outcome::Found`] instead of
//! an error, so it can still print its report.

use std::fmt;
use std::path::PathBuf;

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
    /// Exit 3: the command printed what it could, but some of it could not be read (a fleet run
    /// where a cluster failed: the other clusters' answers are never withheld).
    Unread,
}

impl Outcome {
    pub fn exit_code(self) -> i32 {
        match self {
            Outcome::Ok => EXIT_OK,
            Outcome::Found => EXIT_FOUND,
            Outcome::Unread => EXIT_ENV,
        }
    }
}

/// A failure that stops a command, typed by its cause (kube-rs style: the cause is kept as
/// `#[source]`, the message is what the operator reads). The exit code is a method,
/// [`Error::exit_code`], so the cause decides it once.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad flags or arguments (exit 2).
    #[error("{0}")]
    Usage(String),
    /// An object the user named does not exist (exit 3).
    #[error("{0}")]
    NotFound(String),
    /// Input could be read but not understood: a snapshot or manifest that does not parse, output
    /// that cannot be encoded (exit 3).
    #[error("{0}")]
    Input(String),
    /// A file (or stdin, `-`) could not be read or written (exit 3).
    #[error("{message}")]
    Io {
        path: PathBuf,
        message: String,
        #[source]
        source: std::io::Error,
    },
    /// The kubeconfig gives no usable client: missing, unreadable, no such context (exit 3).
    #[error("{0}")]
    Config(String),
    /// The API server could not be reached, or answered with a failure (exit 3). `kind` says
    /// which, so callers can match (a 403 on optional context is a caveat, not a failure).
    #[error("{message}")]
    Api {
        kind: ApiErrorKind,
        /// What was attempted, against which server and context, and what to do; scrubbed of
        /// every kubeconfig credential.
        message: String,
        /// The client's own error, when there is one (never for credential-plugin failures,
        /// whose text may hold a secret and is not scrubbed).
        #[source]
        source: Option<Box<kube::Error>>,
    },
    /// The command ran and refused to act (exit 1), e.g. undo hit a concurrent change.
    #[error("{0}")]
    Refused(String),
    /// stdout was closed under us (`… | head`): stop quietly.
    #[error("output closed")]
    BrokenPipe,
}

/// Why an API call failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApiErrorKind {
    /// 401: the credentials were rejected.
    Unauthorized,
    /// 403: RBAC does not allow it.
    Forbidden,
    /// 404: the server does not serve the resource.
    NotFound,
    /// 410: a list's continue token or a watch's resourceVersion expired, and reading again did
    /// not help.
    Gone,
    /// No answer within the request timeout.
    Timeout,
    /// No connection: refused, unresolvable host, reset.
    Unreachable,
    /// The TLS handshake failed (certificate authority, certificate, protocol).
    Tls,
    /// The kubeconfig's credentials could not be obtained (exec plugin, token file).
    Credentials,
    /// An answer that is not what the API promises (does not decode).
    Decode,
    /// Any other HTTP status (429, 5xx, …).
    Server { status: u16 },
}

impl ApiErrorKind {
    /// The kind an HTTP status stands for.
    pub fn from_status(status: u16) -> Self {
        match status {
            401 => ApiErrorKind::Unauthorized,
            403 => ApiErrorKind::Forbidden,
            404 => ApiErrorKind::NotFound,
            410 => ApiErrorKind::Gone,
            status => ApiErrorKind::Server { status },
        }
    }
}

impl Error {
    /// The same failure, its message followed by what the source could not tell (`; the
    /// snapshot holds no …`), so an error caused by missing data says so. Only the
    /// message-carrying causes change; the exit class stays.
    pub fn with_caveats(self, caveats: &[String]) -> Error {
        if caveats.is_empty() {
            return self;
        }
        let add = |m: String| format!("{m}; {}", caveats.join("; "));
        match self {
            Error::Usage(m) => Error::Usage(add(m)),
            Error::NotFound(m) => Error::NotFound(add(m)),
            Error::Input(m) => Error::Input(add(m)),
            Error::Refused(m) => Error::Refused(add(m)),
            other => other,
        }
    }
    /// The process exit code for this failure.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => EXIT_USAGE,
            Error::Refused(_) => EXIT_FOUND,
            Error::BrokenPipe => EXIT_OK,
            Error::NotFound(_)
            | Error::Input(_)
            | Error::Io { .. }
            | Error::Config(_)
            | Error::Api { .. } => EXIT_ENV,
        }
    }

    /// The API failure's kind, when this is one.
    pub fn api_kind(&self) -> Option<ApiErrorKind> {
        match self {
            Error::Api { kind, .. } => Some(*kind),
            _ => None,
        }
    }

    /// The same failure with `prefix` before its message, for the API failures and refusals of a
    /// step the caller names (`failed restoring revision 3: …`); other failures already name
    /// their object and stay as they are.
    pub fn prefixed(self, prefix: &str) -> Self {
        match self {
            Error::Api {
                kind,
                message,
                source,
            } => Error::Api {
                kind,
                message: format!("{prefix}{message}"),
                source,
            },
            Error::Refused(m) => Error::Refused(format!("{prefix}{m}")),
            other => other,
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
    /// Reading or writing `path` failed; `message` is the whole line the operator reads.
    pub fn io(
        path: impl Into<PathBuf>,
        message: impl fmt::Display,
        source: std::io::Error,
    ) -> Self {
        Error::Io {
            path: path.into(),
            message: message.to_string(),
            source,
        }
    }
    /// No usable cluster client ([`Error::Config`]).
    pub fn cluster(msg: impl fmt::Display) -> Self {
        Error::Config(msg.to_string())
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
        let io = Error::io(
            "/x",
            "cannot read /x: gone",
            std::io::Error::from(std::io::ErrorKind::NotFound),
        );
        assert_eq!(
            (io.exit_code(), io.to_string()),
            (3, "cannot read /x: gone".into())
        );
        assert!(std::error::Error::source(&io).is_some());
    }

    #[test]
    fn api_failures_are_matchable_and_prefixed_in_place() {
        let e = Error::Api {
            kind: ApiErrorKind::from_status(403),
            message: "forbidden: …".into(),
            source: None,
        };
        assert_eq!(e.api_kind(), Some(ApiErrorKind::Forbidden));
        let e = e.prefixed("failed restoring revision 2: ");
        assert_eq!(e.to_string(), "failed restoring revision 2: forbidden: …");
        assert_eq!(e.exit_code(), 3);
        assert_eq!(
            ApiErrorKind::from_status(503),
            ApiErrorKind::Server { status: 503 }
        );
        let nf = Error::not_found("x").prefixed("p: ");
        assert_eq!(nf.to_string(), "x");
    }
}
