//! Typed flag values, parsed by clap: a bad value is a usage error (exit 2) at parse time,
//! whatever else is on the command line and whether or not the value would be used.

use std::time::Duration;

use crate::render::OutputFormat;
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

/// `-o`: a format name or `jsonpath=TEMPLATE` ([`OutputFormat::parse`]); a bad template is a
/// usage error at parse time. Completion offers [`OutputFormat::NAMES`].
#[derive(Clone, Copy, Debug)]
pub struct OutputParser;

impl clap::builder::TypedValueParser for OutputParser {
    type Value = OutputFormat;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<OutputFormat, clap::Error> {
        let text = value
            .to_str()
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidUtf8).with_cmd(cmd))?;
        OutputFormat::parse(text).map_err(|e| {
            let arg = arg.map_or("--output".to_string(), |a| a.to_string());
            clap::Error::raw(
                clap::error::ErrorKind::InvalidValue,
                format!("invalid value '{text}' for '{arg}': {e}\n"),
            )
            .with_cmd(cmd)
        })
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(OutputFormat::NAMES.iter().map(|n| {
            clap::builder::PossibleValue::new(*n).hide(n.ends_with('='))
        })))
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

/// `--kube-version MAJOR.MINOR` (a patch is taken too: `1.33.6`), within the releases modelled.
///
/// ```
/// use kubectl_ds::cli::values::kube_version;
/// assert_eq!(kube_version("1.33").unwrap().minor, 33);
/// assert!(kube_version("1.29").unwrap_err().contains("1.30 to 1.37"));
/// assert!(kube_version("latest").is_err());
/// ```
pub fn kube_version(s: &str) -> Result<crate::placement::semantics::Release, String> {
    use crate::placement::semantics::{NEWEST_MINOR, OLDEST_MINOR, parse_release};
    let r = parse_release(s)?;
    if !r.supported() {
        return Err(format!(
            "{s}: kubectl ds mirrors Kubernetes 1.{OLDEST_MINOR} to 1.{NEWEST_MINOR}"
        ));
    }
    Ok(r)
}

/// `--feature-gates Name=true,Other=false`: the gates kubectl ds models, as the components
/// spell them (an unknown gate is refused, as the components refuse it).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FeatureGates(pub std::collections::BTreeMap<crate::placement::semantics::Gate, bool>);

/// [`FeatureGates`] for clap.
pub fn feature_gates(s: &str) -> Result<FeatureGates, String> {
    crate::placement::semantics::parse_feature_gates(s).map(FeatureGates)
}

/// `--distribution kubernetes|openshift`.
pub fn distribution(s: &str) -> Result<crate::placement::semantics::Distribution, String> {
    crate::placement::semantics::Distribution::parse(s)
}
