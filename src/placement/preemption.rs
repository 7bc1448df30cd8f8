//! What the default scheduler's preemption (the `DefaultPreemption` PostFilter plugin) would do
//! for a wanted daemon pod that does not fit its node.
//!
//! DaemonSet pods usually run at `system-node-critical` priority, so on a full node the
//! scheduler evicts lower-priority pods and binds the daemon pod: "does not fit" alone would
//! mislead exactly when it matters. Upstream as read at kubernetes master (the 1.36/1.37
//! line); checking each older release's copy is part of the per-release semantics work (issue
//! 13 item 2):
//!
//! * `Evaluator.Preempt` (`pkg/scheduler/framework/preemption/preemption.go`) first asks
//!   `PodEligibleToPreemptOthers` (`plugins/defaultpreemption/default_preemption.go`): a pod with
//!   `preemptionPolicy: Never` may not preempt; a pod nominated to a node where a lower-priority
//!   pod is still terminating *because of a preemption* (`podTerminatingByPreemption`:
//!   deletionTimestamp and condition DisruptionTarget=True/PreemptionByScheduler) waits for it.
//! * `findCandidates` considers only nodes whose filter status is `Unschedulable`; the filters
//!   that return `UnschedulableAndUnresolvable` — NodeName, NodeUnschedulable, TaintToleration,
//!   NodeAffinity, NodeResourcesFit when a request exceeds the node's allocatable itself (and
//!   InterPodAffinity for the pod's own required affinity) — can never be helped. The daemon
//!   pod's node pin (NodeAffinity PreFilter) leaves its one node as the only candidate.
//! * `SelectVictimsOnNode`: remove every pod of lower priority (equal priority is never a
//!   victim); if the pod still does not fit — with nominated pods of equal or higher priority
//!   counted (`RunFilterPluginsWithNominatedPods`) — the node is no candidate. Otherwise sort the
//!   removed pods by `MoreImportantPod` (higher priority first, then the earlier start time),
//!   split them into those whose eviction would violate a PodDisruptionBudget and the rest
//!   (`filterPodsWithPDBViolation`, budgets counted down in that order), and reprieve — add back —
//!   each pod that still lets the daemon pod fit, violating ones first. The pods not reprieved
//!   are the victims; the violating ones among them are counted.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::Node;
use serde::Serialize;

use super::fit::{NodeUsage, Resources, allocatable_of, find_port_conflicts, resource_headroom};
use super::{Check, CheckName};
use crate::model::pod::HostPort;
use crate::model::policy::{PodDisruptionBudget, ResolvedPriority};

/// The `preemption` member of a node verdict (DESIGN.md).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Preemption {
    /// Preemption would make room and the pod would then be bound here.
    pub helps: bool,
    /// `ns/name` of the pods the scheduler would evict, most important first.
    pub victims: Vec<String>,
    /// How many victims' eviction violates a PodDisruptionBudget.
    pub pdb_violations: usize,
    /// `would preempt 2 pods: ns/a (priority 0), …` or `preemption cannot help: …`.
    pub message: String,
}

/// The pod that wants the node.
#[derive(Clone, Debug)]
pub struct Preemptor<'a> {
    pub priority: &'a ResolvedPriority,
    pub requests: &'a Resources,
    pub host_ports: &'a [HostPort],
    /// The node the pending daemon pod was nominated for by an earlier preemption.
    pub nominated_node: Option<&'a str>,
}

/// A pod bound to the node (a possible victim) or nominated to it.
#[derive(Clone, Debug, Default)]
pub struct NodePod {
    /// `ns/name`.
    pub key: String,
    /// Identifies its host ports in [`NodeUsage::ports`] together with `key`.
    pub uid: String,
    pub namespace: String,
    pub name: String,
    pub priority: i32,
    /// Seconds since the epoch; `None`: not started yet (counts as now).
    pub start_time: Option<i64>,
    pub requests: Resources,
    pub host_ports: Vec<HostPort>,
    pub labels: BTreeMap<String, String>,
    pub terminating_by_preemption: bool,
}

/// The filters preemption can never help (their status is `UnschedulableAndUnresolvable`).
fn unresolvable(check: CheckName) -> bool {
    matches!(
        check,
        CheckName::NodeName
            | CheckName::NodeAffinity
            | CheckName::TaintToleration
            | CheckName::NodeUnschedulable
            | CheckName::NodeDeclaredFeatures
    )
}

fn cannot(message: String) -> Preemption {
    Preemption {
        helps: false,
        victims: Vec::new(),
        pdb_violations: 0,
        message: format!("preemption cannot help: {message}"),
    }
}

/// Put `p` on the node in `u` (a reprieve, a nominated pod).
pub(super) fn add(u: &mut NodeUsage, p: &NodePod) {
    u.pod_count += 1;
    for (k, v) in &p.requests {
        match u.requested.get_mut(k) {
            Some(e) => *e = e.saturating_add(*v),
            None => {
                u.requested.insert(k.clone(), *v);
            }
        }
    }
    for hp in &p.host_ports {
        u.ports.push((hp.clone(), p.key.clone(), p.uid.clone()));
    }
}

/// Take `p` off the node in `u` (a victim).
fn remove(u: &mut NodeUsage, p: &NodePod) {
    u.pod_count = u.pod_count.saturating_sub(1);
    for (k, v) in &p.requests {
        if let Some(e) = u.requested.get_mut(k) {
            *e = e.saturating_sub(*v);
        }
    }
    if !p.host_ports.is_empty() {
        u.ports
            .retain(|(_, holder, uid)| !(holder == &p.key && uid == &p.uid));
    }
}

fn fits(
    pre: &Preemptor,
    node: &Node,
    usage: &NodeUsage,
    blockers: &std::collections::BTreeSet<&str>,
    elsewhere: &[String],
) -> Result<(), Vec<String>> {
    let mut failures = Vec::new();
    if !blockers.is_empty() {
        failures.push(format!(
            "inter-pod anti-affinity with {}",
            blockers.iter().copied().collect::<Vec<_>>().join(", ")
        ));
    }
    if !elsewhere.is_empty() {
        failures.push(format!(
            "inter-pod anti-affinity with {} on other nodes of the topology domain (preemption removes pods from this node only)",
            elsewhere.join(", ")
        ));
    }
    if let Err(f) = find_port_conflicts(pre.host_ports, usage) {
        failures.extend(f);
    }
    if let Err(f) = resource_headroom(pre.requests, |n| allocatable_of(node, n), usage) {
        failures.extend(f);
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures)
    }
}

/// `MoreImportantPod`: higher priority first, then the earlier start (no start time = now).
fn more_important(a: &NodePod, b: &NodePod, now: i64) -> std::cmp::Ordering {
    b.priority.cmp(&a.priority).then_with(|| {
        a.start_time
            .unwrap_or(now)
            .cmp(&b.start_time.unwrap_or(now))
    })
}

/// What the caller gives [`preempt`] about the node.
pub struct NodePods<'a> {
    /// What every pod bound to the node uses, the DaemonSet's own pods left out (the usage the
    /// fit check used).
    pub base: &'a NodeUsage,
    /// The pods of `base` with a lower priority than the daemon pod (others are ignored): the
    /// possible victims. Building a [`NodePod`] for the rest is wasted work.
    pub lower: &'a [NodePod],
    /// Other pods nominated to the node by earlier preemptions.
    pub nominated: &'a [NodePod],
    /// The pods that keep the daemon pod off the node through inter-pod (anti-)affinity.
    pub inter_pod: InterPodBlock<'a>,
}

/// What the InterPodAffinity filter found on the node (see [`super::interpod`]): preemption
/// re-runs every filter with the victims removed (the plugin's `RemovePod`/`AddPod`), so a
/// lower-priority pod whose presence violates anti-affinity can be preempted away; pods on
/// other nodes of the topology domain cannot, and the pod's own required affinity is
/// `UnschedulableAndUnresolvable`.
#[derive(Clone, Copy, Debug, Default)]
pub struct InterPodBlock<'a> {
    /// `ns/name` of the pods on this node that keep the pod off it.
    pub here: &'a [String],
    /// `ns/name` of such pods on other nodes of the domain.
    pub elsewhere: &'a [String],
    /// The pod's own required affinity failed.
    pub unresolvable: bool,
}

/// What DefaultPreemption would do on `node` for `pre`, which failed `failing` there.
/// `pdbs`: `None` when PodDisruptionBudgets were not read.
pub fn preempt(
    pre: &Preemptor,
    failing: &Check,
    node: &Node,
    pods: &NodePods,
    pdbs: Option<&[PodDisruptionBudget]>,
    now: i64,
) -> Preemption {
    if unresolvable(failing.name)
        || (failing.name == CheckName::InterPodAffinity && pods.inter_pod.unresolvable)
    {
        return cannot(failing.message.to_string());
    }
    if pre.priority.preemption_never {
        return cannot("the pod's preemptionPolicy is Never: it waits for room instead".into());
    }
    let Some(priority) = pre.priority.value else {
        return Preemption {
            helps: false,
            victims: Vec::new(),
            pdb_violations: 0,
            message: format!(
                "preemption not evaluated: the pod's priority is unknown ({})",
                pre.priority.source
            ),
        };
    };
    if pods.inter_pod.unresolvable {
        return cannot(
            "the pod's required pod affinity is not met on this node (UnschedulableAndUnresolvable)"
                .into(),
        );
    }
    if !pods.inter_pod.elsewhere.is_empty() {
        return cannot(format!(
            "inter-pod anti-affinity with {} on other nodes of the topology domain (preemption removes pods from this node only)",
            pods.inter_pod.elsewhere.join(", ")
        ));
    }
    let over_allocatable: Vec<String> = pre
        .requests
        .iter()
        .filter(|(name, want)| **want > allocatable_of(node, name))
        .map(|(name, _)| name.clone())
        .collect();
    if failing.name == CheckName::NodeResourcesFit && !over_allocatable.is_empty() {
        return cannot(format!(
            "the pod requests more {} than the node's allocatable",
            over_allocatable.join(", ")
        ));
    }
    let node_name = node.metadata.name.as_deref().unwrap_or("");
    let mut potential: Vec<&NodePod> = pods
        .lower
        .iter()
        .filter(|p| p.priority < priority)
        .collect();
    if pre.nominated_node == Some(node_name)
        && let Some(t) = potential.iter().find(|p| p.terminating_by_preemption)
    {
        return cannot(format!(
            "pod {} (priority {}), preempted earlier for this pod, is still terminating; the pod is bound once it is gone",
            t.key, t.priority
        ));
    }
    if potential.is_empty() {
        return cannot(format!(
            "no pod on the node has a lower priority than the daemon pod ({priority})"
        ));
    }
    let mut usage = pods.base.clone();
    let blocking = |p: &NodePod| pods.inter_pod.here.contains(&p.key);
    let mut blockers: std::collections::BTreeSet<&str> =
        pods.inter_pod.here.iter().map(String::as_str).collect();
    let elsewhere = pods.inter_pod.elsewhere;
    for p in &potential {
        remove(&mut usage, p);
        blockers.remove(p.key.as_str());
    }
    for p in pods.nominated.iter().filter(|p| p.priority >= priority) {
        add(&mut usage, p);
    }
    if let Err(f) = fits(pre, node, &usage, &blockers, elsewhere) {
        return cannot(format!(
            "even without the {} lower-priority pod{} on the node: {}",
            potential.len(),
            if potential.len() == 1 { "" } else { "s" },
            f.join("; ")
        ));
    }
    potential.sort_by(|a, b| more_important(a, b, now));
    let (violating, non_violating) = split_by_pdb(&potential, pdbs.unwrap_or(&[]));
    let mut victims: Vec<&NodePod> = Vec::new();
    let mut pdb_violations = 0;
    for (group, counts) in [(&violating, true), (&non_violating, false)] {
        for p in group.iter() {
            add(&mut usage, p);
            if blocking(p) {
                blockers.insert(&p.key);
            }
            if fits(pre, node, &usage, &blockers, elsewhere).is_err() {
                remove(&mut usage, p);
                blockers.remove(p.key.as_str());
                victims.push(p);
                if counts {
                    pdb_violations += 1;
                }
            }
        }
    }
    if !violating.is_empty() && !non_violating.is_empty() {
        victims.sort_by(|a, b| more_important(a, b, now));
    }
    let list: Vec<String> = victims
        .iter()
        .map(|v| format!("{} (priority {})", v.key, v.priority))
        .collect();
    let mut message = format!(
        "would preempt {} pod{}: {}",
        victims.len(),
        if victims.len() == 1 { "" } else { "s" },
        list.join(", ")
    );
    if pdb_violations > 0 {
        message.push_str(&format!(
            "; {pdb_violations} of them violate{} a PodDisruptionBudget",
            if pdb_violations == 1 { "s" } else { "" }
        ));
    }
    Preemption {
        helps: true,
        victims: victims.iter().map(|v| v.key.clone()).collect(),
        pdb_violations,
        message,
    }
}

/// `filterPodsWithPDBViolation`: in the given order, each pod counts down the budgets that
/// select it (unless the budget already lists it as disrupted); a pod that takes a budget
/// below zero is violating. Order is kept within both groups.
fn split_by_pdb<'a>(
    pods: &[&'a NodePod],
    pdbs: &[PodDisruptionBudget],
) -> (Vec<&'a NodePod>, Vec<&'a NodePod>) {
    let mut allowed: Vec<i32> = pdbs.iter().map(|p| p.status.disruptions_allowed).collect();
    let mut violating = Vec::new();
    let mut non_violating = Vec::new();
    for p in pods {
        let mut violated = false;
        for (i, pdb) in pdbs.iter().enumerate() {
            if !pdb.selects(&p.namespace, &p.labels)
                || pdb.status.disrupted_pods.contains_key(&p.name)
            {
                continue;
            }
            allowed[i] -= 1;
            if allowed[i] < 0 {
                violated = true;
            }
        }
        if violated {
            violating.push(*p);
        } else {
            non_violating.push(*p);
        }
    }
    (violating, non_violating)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::placement::Message;

    fn node(cpu: &str) -> Node {
        serde_json::from_value(serde_json::json!({
            "metadata": {"name": "n1"},
            "status": {"allocatable": {"cpu": cpu, "memory": "8Gi", "pods": "110"}}
        }))
        .unwrap()
    }

    fn pod(name: &str, priority: i32, cpu: i64, start: i64) -> NodePod {
        NodePod {
            key: format!("ns/{name}"),
            namespace: "ns".into(),
            name: name.into(),
            priority,
            start_time: Some(start),
            requests: [("cpu".to_string(), cpu)].into(),
            labels: [("app".to_string(), name.to_string())].into(),
            ..Default::default()
        }
    }

    fn base_of(pods: &[NodePod]) -> NodeUsage {
        let mut u = NodeUsage::default();
        for p in pods {
            add(&mut u, p);
        }
        u
    }

    fn failing() -> Check {
        Check {
            name: CheckName::NodeResourcesFit,
            passed: false,
            message: Message::Static("Insufficient cpu"),
        }
    }

    #[test]
    fn lower_priority_pods_are_reprieved_most_important_first() {
        let prio = ResolvedPriority {
            value: Some(1000),
            preemption_never: false,
            source: "spec.priority".into(),
        };
        let req: Resources = [("cpu".to_string(), 1000)].into();
        let pre = Preemptor {
            priority: &prio,
            requests: &req,
            host_ports: &[],
            nominated_node: None,
        };
        // 4 cpu: 1 + 1 + 1 + 1 used; the daemon pod needs 1.
        let pods = vec![
            pod("high", 2000, 1000, 1),
            pod("old", 0, 1000, 1),
            pod("young", 0, 1000, 5),
            pod("mid", 10, 1000, 9),
        ];
        let base = base_of(&pods);
        let lower = pods.clone();
        let p = preempt(
            &pre,
            &failing(),
            &node("4"),
            &NodePods {
                base: &base,
                lower: &lower,
                nominated: &[],
                inter_pod: InterPodBlock::default(),
            },
            Some(&[]),
            100,
        );
        assert!(p.helps);
        // mid (10) and old (earlier start) are reprieved in turn: old fits back, young not.
        assert_eq!(p.victims, vec!["ns/young".to_string()]);
        assert_eq!(p.message, "would preempt 1 pod: ns/young (priority 0)");
    }

    #[test]
    fn equal_priority_is_never_a_victim() {
        let prio = ResolvedPriority {
            value: Some(0),
            preemption_never: false,
            source: "spec.priority".into(),
        };
        let req: Resources = [("cpu".to_string(), 1000)].into();
        let pre = Preemptor {
            priority: &prio,
            requests: &req,
            host_ports: &[],
            nominated_node: None,
        };
        let pods = [pod("a", 0, 1000, 1)];
        let p = preempt(
            &pre,
            &failing(),
            &node("1"),
            &NodePods {
                base: &base_of(&pods),
                lower: &pods,
                nominated: &[],
                inter_pod: InterPodBlock::default(),
            },
            None,
            0,
        );
        assert!(!p.helps);
        assert!(
            p.message
                .contains("no pod on the node has a lower priority")
        );
    }
}
