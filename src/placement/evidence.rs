//! What the cluster itself said about a DaemonSet on a node — events and kubelet rejections —
//! set beside the prediction, newest first, each marked `agrees: false` where it contradicts it.
//!
//! Sources, as upstream writes them:
//! * `FailedCreate` on the DaemonSet (`pkg/controller/controller_utils.go`, `RealPodControl`:
//!   `"Error creating: %v"` — a quota, an admission webhook, a PodSecurity rejection). The
//!   message names the pod (`pods "agent-" is forbidden: …`), hardly ever the node; the event is
//!   about the DaemonSet. It is attached to the node its message names as a word, else to every
//!   node where the pod is wanted and there is none (`Missing`): the nodes whose create failed.
//! * `FailedDaemonPod` on the DaemonSet (`pkg/controller/daemon/daemon_controller.go`,
//!   `podsShouldBeOnNode`: `"Found failed daemon pod NS/NAME on node NODE, will try to kill it"`):
//!   attached to NODE.
//! * `FailedScheduling` on the DaemonSet's pods (kube-scheduler): attached to the node the pod is
//!   pinned to, while the pod is still unbound (once bound, the event is history).
//! * A daemon pod in phase `Failed` with `status.reason` (kubelet admission: `OutOfcpu`,
//!   `OutOfmemory`, `OutOfpods`, `NodeAffinity`, `UnexpectedAdmissionError`, …; eviction:
//!   `Evicted`): source `pod`, attached to its node.
//!
//! `agrees`: FailedCreate, FailedScheduling and a kubelet *admission* rejection (`OutOf…`,
//! `NodeAffinity`, `NodePorts`, `NodeName`, `UnexpectedAdmissionError`, `InvalidNodeInfo`,
//! `UnexpectedPredicateFailureType` — `pkg/kubelet/lifecycle/predicate.go`) say the pod could
//! not be created, bound or admitted there: they contradict a prediction of `fits: true` and
//! agree with anything else. `FailedDaemonPod` and other failures (`Evicted`, `NodeShutdown`, …)
//! say a pod ran and then failed — no contradiction of where it fits, so they agree.

use std::collections::HashMap;

use serde::Serialize;

use super::NodeVerdict;
use super::state::PodState;
use crate::model::Event;
use crate::model::daemonset::parse_time;
use crate::model::pod::Pod;

/// One piece of evidence (DESIGN.md node verdict `evidence[]`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evidence {
    /// `event` or `pod`.
    pub source: &'static str,
    pub reason: String,
    pub message: String,
    /// RFC 3339, as the object gives it; `null` when it gives none.
    pub time: Option<String>,
    pub count: i64,
    /// `false` where it contradicts the prediction.
    pub agrees: bool,
}

/// The events that can become evidence for one DaemonSet, gathered once.
#[derive(Debug, Default)]
pub struct DsEvents<'a> {
    /// FailedCreate events: the node the message names, if any.
    create: Vec<(&'a Event, Option<String>)>,
    /// FailedDaemonPod events by the node they name.
    failed_pod: HashMap<String, Vec<&'a Event>>,
    /// FailedScheduling events by pod `ns/name`.
    scheduling: HashMap<String, Vec<&'a Event>>,
}

/// Gather the events about the DaemonSet `ns/name` (and its pods, `pod_keys`) from `events`;
/// `nodes` are the names of the nodes evaluated (to find the one a FailedCreate names).
pub fn gather<'a>(
    events: &'a [Event],
    ns: &str,
    name: &str,
    pod_keys: &dyn Fn(&str) -> bool,
    nodes: &[&str],
) -> DsEvents<'a> {
    let mut out = DsEvents::default();
    for e in events {
        let o = &e.involved_object;
        let ons = if o.namespace.is_empty() {
            e.metadata.namespace.as_str()
        } else {
            o.namespace.as_str()
        };
        let reason = e.reason.as_deref().unwrap_or("");
        let message = e.message.as_deref().unwrap_or("");
        if o.kind == "DaemonSet" && ons == ns && o.name == name {
            match reason {
                "FailedCreate" => {
                    let named = nodes
                        .iter()
                        .find(|n| names_word(message, n))
                        .map(|n| n.to_string());
                    out.create.push((e, named));
                }
                "FailedDaemonPod" => {
                    if let Some(node) = failed_pod_node(message) {
                        out.failed_pod.entry(node.to_string()).or_default().push(e);
                    }
                }
                _ => {}
            }
        } else if o.kind == "Pod" && reason == "FailedScheduling" {
            let key = format!("{ons}/{}", o.name);
            if pod_keys(&key) {
                out.scheduling.entry(key).or_default().push(e);
            }
        }
    }
    out
}

/// `… on node NODE, will try to kill it` → NODE.
fn failed_pod_node(message: &str) -> Option<&str> {
    let rest = message.split(" on node ").nth(1)?;
    let node = rest.split(',').next()?.trim();
    (!node.is_empty()).then_some(node)
}

/// `text` contains `word` bounded by characters that cannot be part of a node name.
fn names_word(text: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    let part = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '.';
    text.match_indices(word).any(|(i, _)| {
        let before_ok = !text[..i].chars().next_back().is_some_and(part);
        let rest = &text[i + word.len()..];
        let after_ok = match rest.chars().next() {
            None => true,
            // A full stop ends a sentence; a dot followed by more name goes on the name.
            Some('.') => !rest[1..].chars().next().is_some_and(part),
            Some(c) => !part(c),
        };
        before_ok && after_ok
    })
}

impl DsEvents<'_> {
    /// The evidence for `verdict`, whose node has the DaemonSet's pods `pods`, newest first.
    pub fn for_node(&self, verdict: &NodeVerdict, pods: &[&Pod]) -> Vec<Evidence> {
        let contradicts = verdict.fits == Some(true);
        let mut out: Vec<Evidence> = Vec::new();
        let event = |e: &Event, agrees: bool| Evidence {
            source: "event",
            reason: e.reason.clone().unwrap_or_default(),
            message: e.message.clone().unwrap_or_default(),
            time: Some(e.when().to_string()).filter(|t| !t.is_empty()),
            count: e.count.unwrap_or(1).max(1),
            agrees,
        };
        for (e, named) in &self.create {
            let here = match named {
                Some(n) => *n == verdict.node,
                None => verdict.state == PodState::Missing,
            };
            if here {
                out.push(event(e, !contradicts));
            }
        }
        for e in self.failed_pod.get(&verdict.node).into_iter().flatten() {
            out.push(event(e, true));
        }
        for p in pods {
            let key = format!("{}/{}", p.metadata.namespace, p.metadata.name);
            if !p.is_bound() && !p.is_terminal() {
                for e in self.scheduling.get(&key).into_iter().flatten() {
                    out.push(event(e, !contradicts));
                }
            }
            if p.status.phase.as_deref() == Some("Failed")
                && let Some(reason) = p.status.reason.clone().filter(|r| !r.is_empty())
            {
                // When it failed: its latest condition change, else its start; its creation
                // is not when it failed, so without either the time is unknown.
                let time = p
                    .status
                    .conditions
                    .iter()
                    .filter_map(|c| c.last_transition_time.clone())
                    .max()
                    .or_else(|| p.status.start_time.clone());
                let agrees = !(contradicts && is_admission_rejection(&reason));
                out.push(Evidence {
                    source: "pod",
                    reason,
                    message: format!(
                        "pod {} failed: {}",
                        p.metadata.name,
                        p.status.message.as_deref().unwrap_or("(no message)")
                    ),
                    time,
                    count: 1,
                    agrees,
                });
            }
        }
        let when = |e: &Evidence| e.time.as_deref().and_then(parse_time);
        out.sort_by(|a, b| when(b).cmp(&when(a)).then_with(|| b.time.cmp(&a.time)));
        out
    }
}

/// A kubelet admission rejection reason (`pkg/kubelet/lifecycle/predicate.go`): the pod was
/// never admitted on the node.
pub fn is_admission_rejection(reason: &str) -> bool {
    reason.starts_with("OutOf")
        || matches!(
            reason,
            "NodeAffinity"
                | "NodePorts"
                | "NodeName"
                | "UnexpectedAdmissionError"
                | "InvalidNodeInfo"
                | "UnexpectedPredicateFailureType"
        )
}

/// The evidence worth showing in a REASON column instead of the prediction's own reason: the
/// newest piece that contradicts the prediction; else, where the prediction has no cause to give
/// (the pod is wanted and fits, yet not running and ready), the newest piece.
pub fn telling(v: &NodeVerdict) -> Option<&Evidence> {
    if let Some(e) = v.evidence.iter().find(|e| !e.agrees) {
        return Some(e);
    }
    let newest = v.evidence.first()?;
    let prediction_explains = v
        .checks
        .iter()
        .any(|c| !c.passed && c.name != super::CheckName::PodStatus);
    (!prediction_explains && !v.state.is_healthy()).then_some(newest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_names_are_found_as_words() {
        assert!(names_word("failed on node-1: x", "node-1"));
        assert!(names_word("node node-1.", "node-1"));
        assert!(!names_word("failed on node-10", "node-1"));
        assert!(!names_word("pods \"xnode-1\"", "node-1"));
        assert!(names_word("\"node-1\"", "node-1"));
    }

    #[test]
    fn failed_daemon_pod_names_its_node() {
        assert_eq!(
            failed_pod_node(
                "Found failed daemon pod kube-system/agent-x on node ip-10-0-0-1.ec2.internal, will try to kill it"
            ),
            Some("ip-10-0-0-1.ec2.internal")
        );
        assert_eq!(failed_pod_node("something else"), None);
    }
}
