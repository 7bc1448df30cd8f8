//! kubectl's `ObjectRestarter` for DaemonSets (`polymorphichelpers/objectrestarter.go`): set the
//! pod template annotation `kubectl.kubernetes.io/restartedAt` to the current time, which
//! changes the template and so rolls every pod.

use serde::Serialize;
use serde_json::{Value, json};

use super::rollback::DryRun;

/// The annotation kubectl's `rollout restart` writes on the pod template.
pub const RESTARTED_AT: &str = "kubectl.kubernetes.io/restartedAt";

/// The strategic-merge patch kubectl sends: only the annotation, the rest of the template is
/// untouched. (The session adds the resourceVersion precondition to every write, so a restart
/// never overwrites a change made in between.)
///
/// ```
/// use kubectl_ds::rollout::restart::patch;
/// let p = patch("2026-12-05T22:00:00Z");
/// assert_eq!(p["spec"]["template"]["metadata"]["annotations"]["kubectl.kubernetes.io/restartedAt"], "2026-12-05T22:00:00Z");
/// ```
pub fn patch(restarted_at: &str) -> Value {
    json!({"spec": {"template": {"metadata": {"annotations": {RESTARTED_AT: restarted_at}}}}})
}

/// Go's `time.Now().Format(time.RFC3339)` for `seconds` since the epoch in UTC: `Z`, no
/// fraction — the text kubectl writes into the annotation.
///
/// ```
/// use kubectl_ds::rollout::restart::rfc3339;
/// assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
/// ```
pub fn rfc3339(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds)
        .map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

/// `rollout restart`'s answer: kubectl's one line.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RestartReport {
    /// The DaemonSet's name.
    pub daemon_set: String,
    pub namespace: String,
    /// The annotation's value.
    pub restarted_at: String,
    pub dry_run: DryRun,
}
