//! Why a RollingUpdate waits: the DaemonSet controller's own arithmetic (upstream
//! `pkg/controller/daemon/update.go`, `rollingUpdate`), replayed on the pods we read, so `rollout
//! status` can say "the new pod on worker-2 is CrashLoopBackOff; with maxUnavailable 1 no further
//! node is updated until it is available" instead of leaving the operator to work it out.
//!
//! Upstream, per node that has daemon pods (terminating pods ignored):
//! - without surge (`maxSurge` 0), a node counts as unavailable when its new pod is not available,
//!   when it has both an old and a new pod, none, or duplicates; an old pod that is not available
//!   is replaced at once (and counts); an available old pod is deleted only while fewer than
//!   `maxUnavailable` nodes are unavailable;
//! - with surge, a node whose new pod is not yet available (beside its old one) uses one of
//!   `maxSurge` slots; an old available pod gets a new pod beside it only while a slot is free.
//!
//! So the rollout stalls exactly when old available pods are left and the budget is spent. Both
//! budgets are scaled from `desiredNumberScheduled` rounding up, and a configuration with neither
//! is treated as `maxUnavailable: 1`, as upstream's `updatedDesiredNodeCounts` does.

use k8s_openapi::api::apps::v1::DaemonSet;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use crate::model::ClusterState;
use crate::model::daemonset::template_generation;
use crate::model::pod::Pod;
use crate::placement::Explanation;
use crate::placement::state::{
    current_hash, daemon_pods_by_node, is_pod_available, is_pod_updated,
};

/// Upstream's `GetScaledValueFromIntOrPercent(v, total, roundUp=true)`; `None` for a malformed
/// percentage (the API server rejects those, so a snapshot is the only source).
fn scaled(v: &IntOrString, total: i64) -> Option<i64> {
    match v {
        IntOrString::Int(i) => Some(i64::from(*i)),
        IntOrString::String(s) => {
            let p: i64 = s.strip_suffix('%')?.parse().ok()?;
            Some((p * total + 99) / 100)
        }
    }
}

/// `(maxSurge, maxUnavailable)` as the controller resolves them for `desired` nodes.
fn budgets(ds: &DaemonSet, desired: i64) -> Option<(i64, i64)> {
    let ru = ds
        .spec
        .as_ref()?
        .update_strategy
        .as_ref()?
        .rolling_update
        .as_ref();
    let surge = match ru.and_then(|r| r.max_surge.as_ref()) {
        Some(v) => scaled(v, desired)?,
        None => 0,
    };
    // The API server defaults maxUnavailable to 1; an object read without defaults gets the same.
    let unavailable = match ru.map(|r| r.max_unavailable.as_ref()) {
        Some(Some(v)) => scaled(v, desired)?,
        Some(None) => 1,
        None => 0,
    };
    if desired > 0 && surge == 0 && unavailable == 0 {
        return Some((0, 1));
    }
    Some((surge, unavailable))
}

/// Why the rollout of `ds` makes no progress right now, when the controller's budget explains it;
/// `None` when it is progressing (old pods are being replaced), done, or not a RollingUpdate.
pub fn why_waiting(
    ds: &DaemonSet,
    state: &ClusterState,
    e: &Explanation,
    now: i64,
) -> Option<String> {
    if super::strategy(ds) != Some("RollingUpdate") {
        return None;
    }
    let (max_surge, max_unavailable) = budgets(ds, e.summary.desired as i64)?;
    let min_ready = i64::from(ds.spec.as_ref()?.min_ready_seconds.unwrap_or(0));
    let by_node = daemon_pods_by_node(ds, &state.pods);
    let all: Vec<&Pod> = by_node.values().flatten().copied().collect();
    let hash = current_hash(ds, &state.revisions, &all);
    let generation = template_generation(ds);
    let reason = |pod: &Pod| pod_reason(e, pod);

    let mut waiting: Vec<String> = Vec::new();
    let mut candidates = 0usize;
    for (node, pods) in &by_node {
        let live: Vec<&Pod> = pods
            .iter()
            .copied()
            .filter(|p| !p.is_terminating())
            .collect();
        let (new, old): (Vec<&Pod>, Vec<&Pod>) = live
            .iter()
            .partition(|p| is_pod_updated(p, hash.as_deref(), generation));
        let available = |p: &Pod| is_pod_available(p, min_ready, now);
        match (new.as_slice(), old.as_slice()) {
            ([], [old]) if available(old) => candidates += 1,
            ([], [old]) if max_surge == 0 => {
                waiting.push(format!("the old pod on {node} is {}", reason(old)));
            }
            ([], [_]) => {}
            ([new], []) if !available(new) && max_surge == 0 => {
                waiting.push(format!("the new pod on {node} is {}", reason(new)));
            }
            ([_], []) => {}
            ([new], [_]) if max_surge > 0 && !available(new) => waiting.push(format!(
                "the new pod on {node} is {} (the old pod keeps running)",
                reason(new)
            )),
            ([_], [_]) if max_surge > 0 => {}
            ([], []) if max_surge > 0 => {}
            ([], []) => waiting.push(format!("the pod on {node} is terminating")),
            ([_], [_]) => waiting.push(format!(
                "{node} has an old and a new pod until the controller deletes one"
            )),
            _ => waiting.push(format!(
                "{node} has {} daemon pods the controller is still sorting out",
                live.len()
            )),
        }
    }
    let (budget, name) = if max_surge > 0 {
        (max_surge, "maxSurge")
    } else {
        (max_unavailable, "maxUnavailable")
    };
    if candidates == 0 || (waiting.len() as i64) < budget || waiting.is_empty() {
        return None;
    }
    Some(sentence(&waiting, budget, name))
}

/// "the new pod on worker-2 is CrashLoopBackOff; with maxUnavailable 1 no further node is updated
/// until it is available", or the plural form naming the first few nodes.
fn sentence(waiting: &[String], budget: i64, name: &str) -> String {
    const NAMED: usize = 3;
    if let [one] = waiting {
        return format!(
            "{}; with {name} {budget} no further node is updated until it is available",
            one
        );
    }
    let named: Vec<&str> = waiting.iter().take(NAMED).map(String::as_str).collect();
    let more = match waiting.len().saturating_sub(NAMED) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    format!(
        "{} nodes wait for a pod to become available ({}{more}); with {name} {budget} no further node is updated until one of them is",
        waiting.len(),
        named.join("; ")
    )
}

/// The pod's state as the verdict saw it: its reason (CrashLoopBackOff, ImagePullBackOff, …),
/// else its phase, else "not ready".
fn pod_reason(e: &Explanation, pod: &Pod) -> String {
    let name = pod.metadata.name.as_str();
    let summary = e
        .nodes
        .iter()
        .flat_map(|v| v.pod.iter().chain(v.other_pods.iter()))
        .find(|p| p.name == name);
    match summary {
        Some(p) if p.reason.is_some() => p.reason.clone().unwrap_or_default(),
        Some(p) if p.phase != "Running" && !p.phase.is_empty() => p.phase.clone(),
        _ => "not ready".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_up_like_upstream() {
        let p = |s: &str| IntOrString::String(s.into());
        assert_eq!(scaled(&p("10%"), 15), Some(2));
        assert_eq!(scaled(&p("0%"), 15), Some(0));
        assert_eq!(scaled(&p("100%"), 3), Some(3));
        assert_eq!(scaled(&IntOrString::Int(2), 15), Some(2));
        assert_eq!(scaled(&p("ten"), 15), None);
    }
}
