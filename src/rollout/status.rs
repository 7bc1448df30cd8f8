//! DaemonSet rollout logic, separate from command plumbing (as kubectl separates its
//! `polymorphichelpers` from `cmd/rollout`): kubectl's status messages, and what holds a rollout
//! back, node by node.

use k8s_openapi::api::apps::v1::DaemonSet;
use serde::Serialize;

use crate::error::Result;
use crate::model::ClusterState;
use crate::model::daemonset::template_generation;
use crate::model::semantics::Semantics;
use crate::placement::state::{ClusterIndex, current_hash, daemon_pods_by_node, is_pod_updated};
use crate::placement::{DsRef, Explanation, NodeVerdict, PodState};

/// kubectl's error for non-RollingUpdate strategies.
pub const ONLY_ROLLING_UPDATE: &str =
    "rollout status is only available for RollingUpdate strategy type";

/// One status evaluation: kubectl's message (without the trailing newline) and whether the
/// rollout is done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Status {
    pub message: String,
    pub done: bool,
}

fn counts(ds: &DaemonSet) -> (i64, i64, i32, i32, i32) {
    let generation = ds.metadata.generation.unwrap_or(0);
    let s = ds.status.clone().unwrap_or_default();
    (
        generation,
        s.observed_generation.unwrap_or(0),
        s.desired_number_scheduled,
        s.updated_number_scheduled.unwrap_or(0),
        s.number_available.unwrap_or(0),
    )
}

/// The strategy type as written (`None` when missing).
pub fn strategy(ds: &DaemonSet) -> Option<&str> {
    ds.spec.as_ref()?.update_strategy.as_ref()?.type_.as_deref()
}

/// kubectl's `DaemonSetStatusViewer.Status`, in its order of checks (spec §2.1).
pub fn status(ds: &DaemonSet) -> Result<Status, String> {
    if strategy(ds) != Some("RollingUpdate") {
        return Err(ONLY_ROLLING_UPDATE.to_string());
    }
    let name = ds.metadata.name.as_deref().unwrap_or("");
    let (generation, observed, desired, updated, available) = counts(ds);
    if generation <= observed {
        if updated < desired {
            return Ok(Status {
                message: format!(
                    "Waiting for daemon set {name:?} rollout to finish: {updated} out of {desired} new pods have been updated..."
                ),
                done: false,
            });
        }
        if available < desired {
            return Ok(Status {
                message: format!(
                    "Waiting for daemon set {name:?} rollout to finish: {available} of {desired} updated pods are available..."
                ),
                done: false,
            });
        }
        return Ok(Status {
            message: format!("daemon set {name:?} successfully rolled out"),
            done: true,
        });
    }
    Ok(Status {
        message: "Waiting for daemon set spec update to be observed...".into(),
        done: false,
    })
}

/// The OnDelete report kubectl refuses to give: pods on the current revision, and the nodes whose
/// old pods must be deleted by hand. Done when every wanted node runs a current, available pod.
pub fn on_delete_status(ds: &DaemonSet, e: &Explanation) -> Status {
    let name = ds.metadata.name.as_deref().unwrap_or("");
    let s = &e.summary;
    let old: Vec<&str> = e
        .nodes
        .iter()
        .filter(|v| v.should_run && v.pod.as_ref().is_some_and(|p| !p.updated))
        .map(|v| v.node.as_str())
        .collect();
    let done = s.updated == s.desired && s.available == s.desired;
    let message = if done {
        format!(
            "daemon set {name:?} (OnDelete) runs the current revision on all {} nodes",
            s.desired
        )
    } else if old.is_empty() {
        format!(
            "Waiting for daemon set {name:?} (OnDelete): {} of {} pods on the current revision, {} available...",
            s.updated, s.desired, s.available
        )
    } else {
        format!(
            "daemon set {name:?} uses OnDelete: {} of {} pods run the current revision; delete the old pods on {} to update them",
            s.updated,
            s.desired,
            old.join(", ")
        )
    };
    Status { message, done }
}

/// A node that holds the rollout back, and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Blocker {
    pub node: String,
    pub state: PodState,
    pub pod: Option<String>,
    pub reason: String,
}

/// Wanted nodes whose pod is not current-and-ready, with the reason from the evaluator.
pub fn blockers(e: &Explanation) -> Vec<Blocker> {
    e.nodes
        .iter()
        .filter(|v| {
            v.should_run
                && !(v.state == PodState::Running && v.pod.as_ref().is_some_and(|p| p.updated))
        })
        .map(|v| Blocker {
            node: v.node.clone(),
            state: v.state,
            pod: v.pod.as_ref().map(|p| p.name.clone()),
            reason: blocker_reason(v),
        })
        .collect()
}

fn blocker_reason(v: &NodeVerdict) -> String {
    let failing = v
        .checks
        .iter()
        .find(|c| !c.passed && c.name != crate::placement::CheckName::PodStatus);
    let pod_msg = v
        .checks
        .iter()
        .find(|c| c.name == crate::placement::CheckName::PodStatus)
        .map(|c| c.message.to_string());
    match (v.state, failing) {
        (PodState::Outdated, _) => {
            let pod = v.pod.as_ref();
            format!(
                "old pod {} (revision {}) not yet replaced",
                pod.map_or("?", |p| p.name.as_str()),
                pod.and_then(|p| p.revision_hash.as_deref()).unwrap_or("?")
            )
        }
        (_, Some(c)) => format!("{}: {}", c.name.as_str(), c.message),
        (PodState::Missing, None) => "no daemon pod yet".into(),
        _ => pod_msg.unwrap_or_else(|| v.state.as_str().to_string()),
    }
}

/// What holds a rollout back: the nodes, and — when the controller's update budget explains
/// the wait — why no further node is updated ([`super::stall`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Holdup {
    pub nodes: Vec<Blocker>,
    pub why: Option<String>,
}

/// The status of `ds` in `state` (kubectl's, or the OnDelete report) and what holds its rollout
/// back, under the Kubernetes release `semantics` mirrors; the status is kubectl's refusal for other strategies.
pub fn evaluate(
    ds: &DaemonSet,
    state: &ClusterState,
    now: i64,
    semantics: &Semantics,
) -> (Result<Status, String>, Holdup) {
    let e = ClusterIndex::new(state, now)
        .with_semantics(semantics.clone())
        .explain(ds, |_| true);
    let status = match strategy(ds) {
        Some("OnDelete") => Ok(on_delete_status(ds, &e)),
        _ => status(ds),
    };
    let done = status.as_ref().is_ok_and(|s| s.done);
    let holdup = Holdup {
        nodes: blockers(&e),
        why: if done {
            None
        } else {
            super::stall::why_waiting(ds, state, &e, now)
        },
    };
    (status, holdup)
}

/// The nodes whose verdict can hold `ds`'s rollout back, from its own pods and revisions in
/// `state`: those where one of its pods is not up to date and ready. `None` when some wanted node
/// may have no pod at all (fewer nodes with a pod than desired, or a spec change the controller
/// has not observed yet): finding those takes every node.
pub fn nodes_to_read(ds: &DaemonSet, state: &ClusterState) -> Option<Vec<String>> {
    let (generation, observed, desired, _, _) = counts(ds);
    let st = ds.status.clone().unwrap_or_default();
    let by_node = daemon_pods_by_node(ds, &state.pods);
    let with_pod = by_node.len() as i64 - i64::from(st.number_misscheduled);
    if generation > observed
        || st.current_number_scheduled < desired
        || with_pod < i64::from(desired)
        || strategy(ds) != Some("RollingUpdate")
    {
        return None;
    }
    let all: Vec<_> = by_node.values().flatten().copied().collect();
    let hash = current_hash(ds, &state.revisions, &all);
    let generation = template_generation(ds);
    Some(
        by_node
            .into_iter()
            .filter(|(_, pods)| {
                pods.iter()
                    .any(|p| !(p.is_ready() && is_pod_updated(p, hash.as_deref(), generation)))
            })
            .map(|(node, _)| node)
            .collect(),
    )
}

/// Wanted nodes of `e` where no pod of `ds` is bound yet (Missing, or Pending unscheduled): the
/// only blockers whose reason can be the scheduler's fit, so the only nodes whose other pods need
/// reading.
pub fn nodes_needing_fit(ds: &DaemonSet, state: &ClusterState, e: &Explanation) -> Vec<String> {
    let by_node = daemon_pods_by_node(ds, &state.pods);
    e.nodes
        .iter()
        .filter(|v| v.should_run)
        .filter(|v| {
            !by_node
                .get(&v.node)
                .is_some_and(|pods| pods.iter().any(|p| p.is_bound() && !p.is_terminal()))
        })
        .map(|v| v.node.clone())
        .collect()
}

/// Some pod of `ds` in `state` waits for the scheduler (why is in its FailedScheduling events).
pub fn has_unscheduled_pods(ds: &DaemonSet, state: &ClusterState) -> bool {
    daemon_pods_by_node(ds, &state.pods)
        .values()
        .flatten()
        .any(|p| !p.is_bound() && !p.is_terminal())
}

/// The status of `ds` as it changes while watched: kubectl's for RollingUpdate; an OnDelete
/// DaemonSet keeps its `first` report (the watch sees the DaemonSet only, not its pods).
pub fn follow(ds: &DaemonSet, first: &Status) -> Result<Status, String> {
    match strategy(ds) {
        Some("OnDelete") => Ok(first.clone()),
        _ => status(ds),
    }
}

/// `rollout status -o json|yaml`: one evaluation, with the blockers.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusReport {
    pub daemon_set: DsRef,
    pub strategy: Option<String>,
    pub message: String,
    pub done: bool,
    pub desired: i32,
    pub updated: i32,
    pub available: i32,
    pub blocking_nodes: Vec<Blocker>,
    /// Why no further node is updated right now (the update budget is spent); omitted otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
    /// What could not be read for the blockers, and what that leaves unknown; omitted when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub caveats: Vec<String>,
}

impl StatusReport {
    pub fn new(ds: &DaemonSet, status: Status, holdup: Holdup, caveats: Vec<String>) -> Self {
        let st = ds.status.clone().unwrap_or_default();
        StatusReport {
            daemon_set: DsRef {
                namespace: ds.metadata.namespace.clone().unwrap_or_default(),
                name: ds.metadata.name.clone().unwrap_or_default(),
            },
            strategy: strategy(ds).map(String::from),
            message: status.message,
            done: status.done,
            desired: st.desired_number_scheduled,
            updated: st.updated_number_scheduled.unwrap_or(0),
            available: st.number_available.unwrap_or(0),
            blocking_nodes: holdup.nodes,
            why: holdup.why,
            caveats,
        }
    }
}

/// Where `rollout status` reports as it goes (render implements it: kubectl's status lines on
/// stdout; the blockers and the progress bar on stderr, so stdout stays kubectl's).
pub trait StatusSink {
    /// The status line.
    fn status(&mut self, status: &Status) -> Result<()>;
    /// Why the rollout waits (when the update budget explains it), then the nodes that hold it
    /// back (nothing when there are none).
    fn blockers(&mut self, holdup: &Holdup);
    /// What could not be read for the blockers (nothing when all was read).
    fn caveats(&mut self, caveats: &[String]);
    /// Whether the blockers are worth re-reading while watching: only where someone watches
    /// the progress (a terminal), since each refresh costs reads.
    fn refreshes(&self) -> bool;
    /// The blockers re-read while watching.
    fn refresh(&mut self, holdup: &Holdup);
    /// The DaemonSet as watched: progress, and the status line when it changed.
    fn progress(&mut self, ds: &DaemonSet, status: &Status) -> Result<()>;
    /// The watch is lost (`down` since its first failure, `error` the latest) and being
    /// reopened until `--timeout`.
    fn lost(&mut self, error: &crate::error::Error, down: std::time::Duration);
    /// The watch is open again after [`StatusSink::lost`].
    fn restored(&mut self, down: std::time::Duration);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ds(strategy: Option<&str>, generation: i64, status: serde_json::Value) -> DaemonSet {
        let mut spec = json!({"selector":{"matchLabels":{"a":"b"}},"template":{}});
        if let Some(s) = strategy {
            spec["updateStrategy"] = json!({"type": s});
        }
        serde_json::from_value(json!({"apiVersion":"apps/v1","kind":"DaemonSet",
            "metadata":{"name":"foo","generation":generation},"spec":spec,"status":status}))
        .unwrap()
    }

    #[test]
    fn kubectl_status_table() {
        // Upstream TestDaemonSetStatusViewerStatus cases.
        let st = |g, s| status(&ds(Some("RollingUpdate"), g, s)).unwrap();
        let s = st(
            0,
            json!({"observedGeneration":1,"updatedNumberScheduled":0,"numberAvailable":1,"desiredNumberScheduled":1,"currentNumberScheduled":1,"numberMisscheduled":0,"numberReady":0}),
        );
        assert_eq!(
            s.message,
            "Waiting for daemon set \"foo\" rollout to finish: 0 out of 1 new pods have been updated..."
        );
        assert!(!s.done);
        let s = st(
            1,
            json!({"observedGeneration":1,"updatedNumberScheduled":2,"numberAvailable":1,"desiredNumberScheduled":2,"currentNumberScheduled":2,"numberMisscheduled":0,"numberReady":0}),
        );
        assert_eq!(
            s.message,
            "Waiting for daemon set \"foo\" rollout to finish: 1 of 2 updated pods are available..."
        );
        let s = st(
            1,
            json!({"observedGeneration":1,"updatedNumberScheduled":2,"numberAvailable":2,"desiredNumberScheduled":2,"currentNumberScheduled":2,"numberMisscheduled":0,"numberReady":0}),
        );
        assert_eq!(
            (s.message.as_str(), s.done),
            ("daemon set \"foo\" successfully rolled out", true)
        );
        let s = st(
            2,
            json!({"observedGeneration":1,"updatedNumberScheduled":2,"numberAvailable":2,"desiredNumberScheduled":2,"currentNumberScheduled":2,"numberMisscheduled":0,"numberReady":0}),
        );
        assert_eq!(
            (s.message.as_str(), s.done),
            (
                "Waiting for daemon set spec update to be observed...",
                false
            )
        );
        // No observedGeneration == 0 guard; desired 0 is done.
        let s = st(
            0,
            json!({"desiredNumberScheduled":0,"currentNumberScheduled":0,"numberMisscheduled":0,"numberReady":0}),
        );
        assert!(s.done);
    }

    #[test]
    fn strategy_check_comes_first() {
        for s in [Some("OnDelete"), None, Some("rollingupdate")] {
            assert_eq!(
                status(&ds(
                    s,
                    5,
                    json!({"desiredNumberScheduled":0,"currentNumberScheduled":0,"numberMisscheduled":0,"numberReady":0})
                )),
                Err(ONLY_ROLLING_UPDATE.to_string())
            );
        }
    }
}
