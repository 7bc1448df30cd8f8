//! One line per DaemonSet (`kubectl ds list`): the controller's counters from the evaluation,
//! the rollout state, and the most common reason wanted nodes are not covered.

use std::collections::HashMap;

use serde::Serialize;

use super::{CheckName, DsRef, Explanation, PodState};

/// The rollout state of a DaemonSet, in one word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RolloutState {
    /// Every wanted node runs the current revision, ready.
    Complete,
    /// RollingUpdate still replacing or starting pods.
    Progressing,
    /// OnDelete: pods of an old revision wait to be deleted by hand.
    Outdated,
    /// The state cannot be told (no strategy known, no current revision found).
    Unknown,
}

/// `list`'s line for one DaemonSet (DESIGN.md "JSON shapes", `list`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Overview {
    pub daemon_set: DsRef,
    pub desired: usize,
    pub ready: usize,
    pub up_to_date: usize,
    pub available: usize,
    pub unavailable: usize,
    pub misscheduled: usize,
    pub rollout: RolloutState,
    /// The most common first-failing reason among wanted nodes not running up to date and
    /// ready (`Check: message`, with its node count), `None` when every wanted node is.
    pub top_reason: Option<String>,
}

impl Overview {
    /// Needs a look: something unavailable, misscheduled, or a rollout not complete.
    pub fn has_problems(&self) -> bool {
        self.unavailable > 0 || self.misscheduled > 0 || self.rollout != RolloutState::Complete
    }
}

/// Summarise an explanation; `strategy` is `spec.updateStrategy.type` (`None` when unset).
pub fn overview(e: &Explanation, strategy: Option<&str>) -> Overview {
    let s = &e.summary;
    let behind = s.updated < s.desired || s.available < s.desired;
    let rollout = match strategy {
        _ if s.desired == 0 => RolloutState::Complete,
        Some("RollingUpdate") if behind => RolloutState::Progressing,
        Some("OnDelete") if s.updated < s.desired => RolloutState::Outdated,
        Some("OnDelete") if behind => RolloutState::Progressing,
        Some("RollingUpdate" | "OnDelete") => RolloutState::Complete,
        _ => RolloutState::Unknown,
    };
    let mut reasons: HashMap<String, usize> = HashMap::new();
    for v in e
        .nodes
        .iter()
        .filter(|v| v.should_run && v.state.needs_action())
    {
        *reasons.entry(reason_key(v)).or_default() += 1;
    }
    let top_reason = reasons
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map(|(reason, n)| format!("{reason} ({n} node{})", if n == 1 { "" } else { "s" }));
    Overview {
        daemon_set: e.daemon_set.clone(),
        desired: s.desired,
        ready: s.ready,
        up_to_date: s.updated,
        available: s.available,
        unavailable: s.desired.saturating_sub(s.available),
        misscheduled: s.misscheduled,
        rollout,
        top_reason,
    }
}

/// A node's reason in a form shared by the nodes that have it: the pod state and its reason
/// (`NotReady (CrashLoopBackOff)`, `Outdated`) rather than each pod's own sentence, and a
/// scheduler check's message up to its node-specific details (`NodeResourcesFit: Insufficient
/// cpu`, not how much is free on each node).
fn reason_key(v: &super::NodeVerdict) -> String {
    // What the cluster said, where it tells more than the prediction (a quota's FailedCreate is
    // the same event on every node still missing its pod).
    if let Some(e) = super::evidence::telling(v) {
        return format!("{}: {}", e.reason, e.message);
    }
    match v.first_failure() {
        Some(c) if c.name == CheckName::PodStatus => {
            match v.pod.as_ref().and_then(|p| p.reason.as_deref()) {
                Some(r) => format!("{} ({r})", v.state.as_str()),
                None => v.state.as_str().to_string(),
            }
        }
        Some(c) => {
            let message = c.message.to_string();
            let head = match c.name {
                CheckName::NodeResourcesFit => message.split(": requests").next(),
                _ => message.split("; ").next(),
            };
            format!("{}: {}", c.name.as_str(), head.unwrap_or(&message))
        }
        None if v.state == PodState::Missing => "Missing: no daemon pod yet".into(),
        None => v.state.as_str().to_string(),
    }
}

/// `list` JSON: `{"items": [...]}`, problems first, then by namespace and name.
#[derive(Clone, Debug, Serialize)]
pub struct ListReport {
    pub items: Vec<Overview>,
    /// Where the DaemonSets were looked for (`namespace "x"` or all namespaces), for the
    /// "nothing found" line.
    #[serde(skip)]
    pub scope: String,
    /// Show the NAMESPACE column (`-A`).
    #[serde(skip)]
    pub all_namespaces: bool,
    /// What could not be read and what that leaves unknown; omitted from JSON when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub caveats: Vec<String>,
}
