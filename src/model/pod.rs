//! A slim projection of `core/v1` Pod: only the fields the evaluator, the state report and the
//! rollout commands read.
//!
//! Why not `k8s_openapi::api::core::v1::Pod`: a 150,000-pod snapshot spends most of its time
//! allocating fields nobody reads (volumes, env, probes, managedFields). These structs ignore
//! everything else while parsing, which keeps `explain-placement` on big snapshots fast and small.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{NodeSelector, PodAffinityTerm};
use serde::{Deserialize, Deserializer, Serialize};

/// A list decoded to its exact length. serde grows a vector to four slots for its first element,
/// and a pod's containers, conditions and owner references are mostly one: live explain-placement
/// over 150,000 pods peaked at 657 MB with the spare slots, 479 MB without (`/usr/bin/time`).
fn exact<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let mut v = Vec::<T>::deserialize(d)?;
    v.shrink_to_fit();
    Ok(v)
}

/// A pod, as far as kubectl-ds cares.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct Pod {
    pub metadata: PodMeta,
    pub spec: PodSpecLite,
    pub status: PodStatusLite,
}

/// Object metadata of a pod (no managedFields, no annotations).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct PodMeta {
    pub name: String,
    pub namespace: String,
    pub uid: String,
    pub labels: BTreeMap<String, String>,
    #[serde(deserialize_with = "exact")]
    pub owner_references: Vec<OwnerRef>,
    pub creation_timestamp: Option<String>,
    pub deletion_timestamp: Option<String>,
}

/// An owner reference; `controller: true` marks the managing controller.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct OwnerRef {
    pub api_version: String,
    pub kind: String,
    pub name: String,
    pub uid: String,
    pub controller: Option<bool>,
}

/// The scheduling-relevant part of a PodSpec.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct PodSpecLite {
    pub node_name: Option<String>,
    pub host_network: Option<bool>,
    #[serde(deserialize_with = "exact")]
    pub containers: Vec<ContainerLite>,
    #[serde(deserialize_with = "exact")]
    pub init_containers: Vec<ContainerLite>,
    pub overhead: BTreeMap<String, QuantityStr>,
    /// Pod-level resources (PodLevelResources feature).
    pub resources: Option<ResourcesLite>,
    pub affinity: Option<AffinityLite>,
    /// `spec.priority`, set by the Priority admission plugin on every created pod.
    pub priority: Option<i32>,
    pub priority_class_name: Option<String>,
    /// `PreemptLowerPriority` (the default) or `Never`.
    pub preemption_policy: Option<String>,
    /// `false`: the pod runs in a user namespace (a NodeDeclaredFeatures requirement with
    /// `hostNetwork`).
    pub host_users: Option<bool>,
}

/// Required node affinity (it carries the controller's node pin, `matchFields`) and required
/// inter-pod (anti-)affinity (the InterPodAffinity filter); preferred terms only score.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct AffinityLite {
    pub node_affinity: Option<NodeAffinityLite>,
    pub pod_affinity: Option<PodAffinityLite>,
    pub pod_anti_affinity: Option<PodAffinityLite>,
}

/// `requiredDuringSchedulingIgnoredDuringExecution` of podAffinity / podAntiAffinity.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct PodAffinityLite {
    pub required_during_scheduling_ignored_during_execution: Vec<PodAffinityTerm>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct NodeAffinityLite {
    pub required_during_scheduling_ignored_during_execution: Option<NodeSelector>,
}

/// A container's name, resources and ports; `restartPolicy: Always` on an init container makes it a
/// sidecar, which counts like a regular container for resources and host ports.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct ContainerLite {
    pub name: String,
    pub image: String,
    pub resources: ResourcesLite,
    #[serde(deserialize_with = "exact")]
    pub ports: Vec<PortLite>,
    pub restart_policy: Option<String>,
    /// `restartPolicyRules` (ContainerRestartRules): only the actions are read.
    pub restart_policy_rules: Vec<RestartRuleLite>,
}

/// A container restart rule; an action `RestartAllContainers` needs the node to declare
/// `RestartAllContainersOnContainerExits` (NodeDeclaredFeatures).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct RestartRuleLite {
    pub action: String,
}

/// Requests and limits as the API spells them (quantity strings).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct ResourcesLite {
    pub requests: BTreeMap<String, QuantityStr>,
    pub limits: BTreeMap<String, QuantityStr>,
}

/// A quantity as written in the object (`"100m"`, `"1Gi"`, or a bare number in YAML).
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct QuantityStr(pub String);

impl<'de> Deserialize<'de> for QuantityStr {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // YAML and hand-written JSON may give numbers; the API always gives strings.
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            S(String),
            I(i64),
            F(f64),
        }
        Ok(QuantityStr(match Raw::deserialize(d)? {
            Raw::S(s) => s,
            Raw::I(i) => i.to_string(),
            Raw::F(f) => f.to_string(),
        }))
    }
}

/// A container port; only `hostPort > 0` matters for scheduling.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct PortLite {
    pub name: Option<String>,
    pub container_port: i32,
    pub host_port: Option<i32>,
    #[serde(rename = "hostIP")]
    pub host_ip: Option<String>,
    pub protocol: Option<String>,
}

/// Pod status: phase, conditions and per-container states (for reasons like CrashLoopBackOff).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct PodStatusLite {
    pub phase: Option<String>,
    pub reason: Option<String>,
    pub message: Option<String>,
    /// The node a preemption nominated this (unbound) pod for.
    pub nominated_node_name: Option<String>,
    /// When the kubelet started the pod (RFC 3339): preemption's tie-break among equal priorities.
    pub start_time: Option<String>,
    #[serde(deserialize_with = "exact")]
    pub conditions: Vec<PodConditionLite>,
    #[serde(deserialize_with = "exact")]
    pub container_statuses: Vec<ContainerStatusLite>,
    #[serde(deserialize_with = "exact")]
    pub init_container_statuses: Vec<ContainerStatusLite>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct PodConditionLite {
    #[serde(rename = "type")]
    pub type_: String,
    pub status: String,
    pub reason: Option<String>,
    pub message: Option<String>,
    pub last_transition_time: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct ContainerStatusLite {
    pub name: String,
    pub ready: bool,
    pub restart_count: i32,
    pub image: Option<String>,
    pub state: ContainerStateLite,
    /// What the runtime reports as configured (in-place resize: the actuated requests).
    pub resources: Option<ResourcesLite>,
    /// What the kubelet admitted (in-place resize: the allocated requests).
    pub allocated_resources: BTreeMap<String, QuantityStr>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct ContainerStateLite {
    pub waiting: Option<StateDetail>,
    pub terminated: Option<StateDetail>,
    pub running: Option<serde_json::Value>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct StateDetail {
    pub reason: Option<String>,
    pub message: Option<String>,
    pub exit_code: Option<i32>,
}

impl Pod {
    /// The node this pod is bound to or pinned to: `spec.nodeName`, else the single value of the
    /// first `metadata.name In [x]` field requirement of its required node affinity — the
    /// DaemonSet controller's `GetTargetNodeName`.
    pub fn target_node(&self) -> Option<&str> {
        if let Some(n) = self.spec.node_name.as_deref().filter(|n| !n.is_empty()) {
            return Some(n);
        }
        let req = self
            .spec
            .affinity
            .as_ref()?
            .node_affinity
            .as_ref()?
            .required_during_scheduling_ignored_during_execution
            .as_ref()?;
        for term in &req.node_selector_terms {
            for f in term.match_fields.iter().flatten() {
                if f.key == "metadata.name" && f.operator == "In" {
                    return match f.values.as_deref() {
                        Some([one]) => Some(one.as_str()),
                        _ => None,
                    };
                }
            }
        }
        None
    }

    /// Bound to a node (`spec.nodeName` set).
    pub fn is_bound(&self) -> bool {
        self.spec
            .node_name
            .as_deref()
            .is_some_and(|n| !n.is_empty())
    }

    /// `Succeeded` or `Failed`.
    pub fn is_terminal(&self) -> bool {
        matches!(self.status.phase.as_deref(), Some("Succeeded" | "Failed"))
    }

    /// Has a deletionTimestamp.
    pub fn is_terminating(&self) -> bool {
        self.metadata.deletion_timestamp.is_some()
    }

    /// The `Ready` condition is `True`.
    pub fn is_ready(&self) -> bool {
        self.ready_condition().is_some_and(|c| c.status == "True")
    }

    /// The `Ready` condition, if reported.
    pub fn ready_condition(&self) -> Option<&PodConditionLite> {
        self.status.conditions.iter().find(|c| c.type_ == "Ready")
    }

    /// The controller owner reference, if any.
    pub fn controller_ref(&self) -> Option<&OwnerRef> {
        self.metadata
            .owner_references
            .iter()
            .find(|o| o.controller == Some(true))
    }

    /// Sum of container restarts.
    pub fn restarts(&self) -> i32 {
        self.status
            .container_statuses
            .iter()
            .map(|c| c.restart_count)
            .sum()
    }

    /// The most telling reason the pod is not healthy: a waiting container reason
    /// (CrashLoopBackOff, ImagePullBackOff, …), a terminated reason, else the pod's own reason.
    pub fn problem_reason(&self) -> Option<String> {
        let statuses = self
            .status
            .init_container_statuses
            .iter()
            .chain(self.status.container_statuses.iter());
        for cs in statuses.clone() {
            if let Some(r) = cs.state.waiting.as_ref().and_then(|w| w.reason.clone())
                && r != "PodInitializing"
            {
                return Some(r);
            }
        }
        for cs in statuses {
            if let Some(t) = &cs.state.terminated
                && t.exit_code.unwrap_or(0) != 0
            {
                return t.reason.clone().or(Some("Error".into()));
            }
        }
        self.status.reason.clone()
    }
}

/// A pod no DaemonSet can own, reduced to what it takes from its node.
///
/// A pod whose controller is not a DaemonSet (a ReplicaSet, Job, StatefulSet, a Node for mirror
/// pods, …) is never claimed by a DaemonSet — claiming needs the controller reference to carry the
/// DaemonSet's UID — so the placement commands read such pods only for the node's usage: pod
/// count, requests and host ports. On a big cluster these are nearly all pods; keeping them in
/// this form instead of a [`Pod`] cuts memory several-fold (see docs/performance.md).
///
/// ```
/// use kubectl_ds::model::pod::Pod;
/// use kubectl_ds::placement::fit::usage_pod;
/// let pod: Pod = serde_json::from_value(serde_json::json!({
///   "metadata": {"name": "web-1", "namespace": "shop", "uid": "u1",
///                "ownerReferences": [{"kind": "ReplicaSet", "name": "web", "uid": "rs", "controller": true}]},
///   "spec": {"nodeName": "node-1", "containers": [{"name": "c", "resources": {"requests": {"cpu": "250m"}}}]}
/// })).unwrap();
/// assert!(pod.is_foreign());
/// let u = usage_pod(pod);
/// assert_eq!((u.key.as_str(), u.node.as_str()), ("shop/web-1", "node-1"));
/// assert_eq!(&*u.requests, [("cpu".into(), 250)]);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UsagePod {
    /// `namespace/name`.
    pub key: String,
    pub uid: String,
    /// `spec.nodeName`; empty when unbound (then it uses nothing anywhere).
    pub node: String,
    /// Succeeded or Failed: uses nothing.
    pub terminal: bool,
    /// Effective requests (the scheduler's, see `placement::fit::pod_requests`), by resource name.
    /// Shared: the pods of one workload request the same, and a snapshot's loader keeps one copy
    /// per distinct list ([`intern`]) — at 150,000 pods, 12 MB of small lists otherwise.
    pub requests: Requests,
    /// Host ports it holds (see `placement::fit::host_ports`).
    pub host_ports: Vec<HostPort>,
    /// What the default scheduler's preemption reads of it.
    pub preemption: PreemptionFacts,
    /// Its required pod anti-affinity terms (InterPodAffinity: they may keep another pod off
    /// its node's topology domain); empty for nearly every pod.
    pub anti_affinity: Vec<PodAffinityTerm>,
    /// The pod itself, kept only when what it uses depends on the Kubernetes release mirrored
    /// (pod-level resources, sidecars, an in-place resize in progress): `requests` and
    /// `host_ports` above are the newest release's reading, recomputed from this for others.
    pub full: Option<Box<Pod>>,
}

/// A pod's effective requests by resource name (zeroes left out), shared between the pods that
/// request the same.
pub type Requests = std::sync::Arc<[(std::borrow::Cow<'static, str>, i64)]>;

/// The copy of `value` already in `seen` (`value` is dropped), else `value`, remembered.
pub fn intern<T: ?Sized + Eq + std::hash::Hash>(
    value: std::sync::Arc<T>,
    seen: &mut std::collections::HashSet<std::sync::Arc<T>>,
) -> std::sync::Arc<T> {
    if let Some(known) = seen.get(&*value) {
        return known.clone();
    }
    seen.insert(value.clone());
    value
}

/// A pod's labels, shared between the pods that carry the same set.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Labels(pub std::sync::Arc<BTreeMap<String, String>>);

impl std::ops::Deref for Labels {
    type Target = BTreeMap<String, String>;

    fn deref(&self) -> &BTreeMap<String, String> {
        &self.0
    }
}

impl Labels {
    /// The copy of this set already in `seen` (this one is dropped), else this one, remembered.
    pub fn intern(
        self,
        seen: &mut std::collections::HashSet<std::sync::Arc<BTreeMap<String, String>>>,
    ) -> Labels {
        Labels(intern(self.0, seen))
    }
}

/// What DefaultPreemption reads of a pod beyond its usage: priority, the labels its
/// PodDisruptionBudgets select by, its start time, whether a preemption is already terminating
/// it, and (for a pending pod) the node a preemption nominated it for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PreemptionFacts {
    /// `spec.priority` (set by the Priority admission plugin on every created pod).
    pub priority: Option<i32>,
    /// `spec.priorityClassName`, for objects without `spec.priority` (hand-made snapshots).
    pub priority_class_name: Option<String>,
    /// Shared: the pods of one workload carry the same labels, and a snapshot's loader keeps one
    /// copy per distinct set ([`Labels::intern`]) — at 150,000 pods, 82 MB of maps otherwise.
    pub labels: Labels,
    /// `status.startTime` in seconds since the epoch; `None`: not started (counts as "now").
    pub start_time: Option<i64>,
    /// Has a deletionTimestamp.
    pub terminating: bool,
    /// Terminating, with condition `DisruptionTarget=True` reason `PreemptionByScheduler`.
    pub terminating_by_preemption: bool,
    /// `status.nominatedNodeName` (pending pods only).
    pub nominated_node: Option<String>,
}

impl Pod {
    /// The facts preemption reads (labels copied).
    pub fn preemption_facts(&self) -> PreemptionFacts {
        self.preemption_facts_with(Labels(std::sync::Arc::new(self.metadata.labels.clone())))
    }

    /// The facts preemption reads, with `labels` given (a loader moves them out of the pod
    /// rather than copy them).
    pub fn preemption_facts_with(&self, labels: Labels) -> PreemptionFacts {
        PreemptionFacts {
            priority: self.spec.priority,
            priority_class_name: self.spec.priority_class_name.clone(),
            labels,
            start_time: self
                .status
                .start_time
                .as_deref()
                .and_then(crate::model::daemonset::parse_time),
            terminating: self.is_terminating(),
            terminating_by_preemption: self.is_terminating_by_preemption(),
            nominated_node: self
                .status
                .nominated_node_name
                .clone()
                .filter(|n| !n.is_empty()),
        }
    }

    /// Terminating because the scheduler preempted it: a deletionTimestamp and the condition
    /// `DisruptionTarget=True` with reason `PreemptionByScheduler` (upstream
    /// `defaultpreemption.podTerminatingByPreemption`).
    pub fn is_terminating_by_preemption(&self) -> bool {
        self.is_terminating()
            && self
                .status
                .conditions
                .iter()
                .find(|c| c.type_ == "DisruptionTarget")
                .is_some_and(|c| {
                    c.status == "True" && c.reason.as_deref() == Some("PreemptionByScheduler")
                })
    }

    /// Its required pod affinity terms (`spec.affinity.podAffinity.required…`).
    pub fn required_affinity_terms(&self) -> &[PodAffinityTerm] {
        self.spec
            .affinity
            .as_ref()
            .and_then(|a| a.pod_affinity.as_ref())
            .map_or(&[], |a| {
                &a.required_during_scheduling_ignored_during_execution
            })
    }

    /// Its required pod anti-affinity terms (`spec.affinity.podAntiAffinity.required…`).
    pub fn required_anti_affinity_terms(&self) -> &[PodAffinityTerm] {
        self.spec
            .affinity
            .as_ref()
            .and_then(|a| a.pod_anti_affinity.as_ref())
            .map_or(&[], |a| {
                &a.required_during_scheduling_ignored_during_execution
            })
    }

    /// `PodResizePending` with reason `Infeasible` (upstream `IsPodResizeInfeasible`).
    pub fn is_resize_infeasible(&self) -> bool {
        self.status
            .conditions
            .iter()
            .find(|c| c.type_ == "PodResizePending")
            .is_some_and(|c| c.reason.as_deref() == Some("Infeasible"))
    }

    /// Controlled by something other than a DaemonSet, so no DaemonSet can own it.
    pub fn is_foreign(&self) -> bool {
        self.controller_ref().is_some_and(|r| r.kind != "DaemonSet")
    }
}

/// A host port a pod holds: (hostIP, protocol, port), with `""` → `0.0.0.0` and protocol
/// defaulting to TCP.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostPort {
    pub ip: String,
    pub protocol: String,
    pub port: i32,
}

impl std::fmt::Display for HostPort {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}:{}", self.protocol, self.ip, self.port)
    }
}

impl HostPort {
    /// Same protocol and port, and either side on 0.0.0.0 or the same IP.
    pub fn conflicts(&self, other: &HostPort) -> bool {
        self.protocol == other.protocol
            && self.port == other.port
            && (self.ip == "0.0.0.0" || other.ip == "0.0.0.0" || self.ip == other.ip)
    }
}
