//! The node itself, in one line: half of the answer to "why not on this node" at 3 a.m. is the
//! node's own condition — NotReady since when, cordoned, which taints, how full.

use k8s_openapi::api::core::v1::{Node, Taint};
use serde::Serialize;

use super::fit::{NodeUsage, allocatable_of};

/// What `why-not NODE` says about the node before the DaemonSets.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeHeader {
    pub name: String,
    /// The Ready condition: `Some(true)` Ready, `Some(false)` NotReady or Unknown, `None` when
    /// the node reports no Ready condition.
    pub ready: Option<bool>,
    /// When the Ready condition last changed (RFC 3339), when known. A timestamp, not an age:
    /// the same snapshot gives the same answer tomorrow.
    pub ready_since: Option<String>,
    /// `spec.unschedulable` (`kubectl cordon`).
    pub cordoned: bool,
    /// Taints as kubectl prints them: `key=value:Effect`, `key:Effect`.
    pub taints: Vec<String>,
    /// Pods counted against the node, and how many it allows.
    pub pods: usize,
    pub pods_allocatable: i64,
}

/// A taint as `kubectl taint` / `kubectl describe node` write it.
///
/// ```
/// use k8s_openapi::api::core::v1::Taint;
/// use kubectl_ds::placement::node::taint_text;
/// let t = |k: &str, v: Option<&str>, e: &str| Taint {
///     key: k.into(), value: v.map(Into::into), effect: e.into(), ..Default::default()
/// };
/// assert_eq!(taint_text(&t("dedicated", Some("gpu"), "NoSchedule")), "dedicated=gpu:NoSchedule");
/// assert_eq!(taint_text(&t("node.kubernetes.io/unreachable", None, "NoExecute")), "node.kubernetes.io/unreachable:NoExecute");
/// ```
pub fn taint_text(t: &Taint) -> String {
    super::taints::describe_taint(t)
}

/// The header for `node`, with `usage` its pod count.
pub fn header(node: &Node, usage: &NodeUsage) -> NodeHeader {
    let ready = node
        .status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .and_then(|c| c.iter().find(|c| c.type_ == "Ready"));
    NodeHeader {
        name: node.metadata.name.clone().unwrap_or_default(),
        ready: ready.map(|c| c.status == "True"),
        ready_since: ready
            .and_then(|c| c.last_transition_time.as_ref())
            .map(|t| t.0.to_string()),
        cordoned: node
            .spec
            .as_ref()
            .and_then(|s| s.unschedulable)
            .unwrap_or(false),
        taints: node
            .spec
            .as_ref()
            .and_then(|s| s.taints.as_ref())
            .into_iter()
            .flatten()
            .map(taint_text)
            .collect(),
        pods: usage.pod_count,
        pods_allocatable: allocatable_of(node, "pods"),
    }
}
