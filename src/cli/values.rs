//! Typed flag values, parsed by clap: a bad value is a usage error (exit 2) at parse time,
//! whatever else is on the command line and whether or not the value would be used.

use std::time::Duration;

use crate::rollout::rollback::DryRun;

/// A parsed `--request-timeout` / `--timeout`: `None` means no limit (`0`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit(pub Option<Duration>);

/// [`duration`] for clap.
pub fn limit(s: &str) -> Result<Limit, String> {
    duration(s).map(Limit)
}

/// A Go-style duration as kubectl takes it for `--request-timeout` and `--timeout`: `0` (no
/// limit), a bare number of seconds, or units (`500ms`, `30s`, `1m`, `1h`, `1m30s`).
/// `None` means no limit.
///
/// ```
/// use std::time::Duration;
/// use kubectl_ds::cli::values::duration;
/// assert_eq!(duration("0"), Ok(None));
/// assert_eq!(duration("90"), Ok(Some(Duration::from_secs(90))));
/// assert_eq!(duration("1m30s"), Ok(Some(Duration::from_secs(90))));
/// assert!(duration("soon").is_err());
/// ```
pub fn duration(s: &str) -> Result<Option<Duration>, String> {
    let bad = || "use e.g. 30s, 1m, 500ms or 0".to_string();
    let s = s.trim();
    if s == "0" {
        return Ok(None);
    }
    if let Ok(secs) = s.parse::<u64>() {
        return Ok(Some(Duration::from_secs(secs)));
    }
    let mut total = Duration::ZERO;
    let mut rest = s;
    while !rest.is_empty() {
        let n_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .ok_or_else(bad)?;
        let n: f64 = rest[..n_end].parse().map_err(|_| bad())?;
        rest = &rest[n_end..];
        let u_end = rest
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(rest.len());
        let unit = match &rest[..u_end] {
            "ns" => 1e-9,
            "us" | "µs" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            _ => return Err(bad()),
        };
        let part = n * unit;
        if !part.is_finite() || part > 1e9 {
            return Err(bad());
        }
        total += Duration::from_secs_f64(part);
        rest = &rest[u_end..];
    }
    Ok(if total.is_zero() { None } else { Some(total) })
}

/// `--max-concurrency`'s default: a fleet run waits on the network far more than it computes
/// (one core decodes a cluster's answer in milliseconds), so concurrency is limited by the memory
/// of the answers held at once rather than by cores: 32 clusters in flight, 50 in two rounds.
pub const MAX_CONCURRENCY: u16 = 32;

/// A `--context-selector` regular expression.
#[derive(Clone, Debug)]
pub struct Pattern(pub regex::Regex);

/// [`Pattern`] for clap: a bad expression is a usage error naming what is wrong with it.
///
/// ```
/// use kubectl_ds::cli::values::regex;
/// assert!(regex("^prod-").unwrap().0.is_match("prod-eu-1"));
/// assert!(regex("(").is_err());
/// ```
pub fn regex(s: &str) -> Result<Pattern, String> {
    regex::Regex::new(s)
        .map(Pattern)
        .map_err(|e| format!("not a regular expression: {e}"))
}

/// kubectl's `--dry-run` values: `none`, `client`, `server`, and the deprecated booleans
/// (`true` = client, `false` = none).
///
/// ```
/// use kubectl_ds::cli::values::dry_run;
/// use kubectl_ds::rollout::rollback::DryRun;
/// assert_eq!(dry_run("server"), Ok(DryRun::Server));
/// assert_eq!(dry_run("true"), Ok(DryRun::Client));
/// assert!(dry_run("maybe").is_err());
/// ```
pub fn dry_run(s: &str) -> Result<DryRun, String> {
    match s {
        "none" | "false" => Ok(DryRun::None),
        "client" | "true" => Ok(DryRun::Client),
        "server" => Ok(DryRun::Server),
        other => Err(format!(
            "Invalid dry-run value ({other}). Must be \"none\", \"server\", or \"client\"."
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_like_kubectl() {
        assert_eq!(duration("0").unwrap(), None);
        assert_eq!(duration("30").unwrap(), Some(Duration::from_secs(30)));
        assert_eq!(duration("30s").unwrap(), Some(Duration::from_secs(30)));
        assert_eq!(duration("500ms").unwrap(), Some(Duration::from_millis(500)));
        assert_eq!(duration("1m30s").unwrap(), Some(Duration::from_secs(90)));
        assert_eq!(duration("1.5h").unwrap(), Some(Duration::from_secs(5400)));
        assert!(duration("soon").is_err());
        assert!(duration("5x").is_err());
        assert!(duration("s").is_err());
        assert!(duration("99999999999999h").is_err());
    }
}
