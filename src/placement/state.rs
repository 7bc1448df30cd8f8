//! What is observed: which pods belong to a DaemonSet (controller claiming rules), which node each
//! targets, the per-node pod state, and the controller's status counters (spec §5.1, §5.4, §6).

use std::collections::{BTreeMap, HashMap};

use k8s_openapi::api::apps::v1::{ControllerRevision, DaemonSet};
use k8s_openapi::api::core::v1::Node;
use kube::core::SelectorExt;
use serde::Serialize;

use super::fit::NodeUsage;
use super::interpod::{AntiPod, ExistingPod, Incoming, InterPod, Outcome, anti_pods};
use super::preemption::{InterPodBlock, NodePod, NodePods, Preemption, Preemptor, preempt};
use super::{Check, CheckName, DaemonSetProfile, DsRef, EvalContext, Message, NodeVerdict};
use crate::model::ClusterState;
use crate::model::daemonset::{
    GENERATION_LABEL, HASH_LABEL, ds_selector, parse_time, template_generation,
};
use crate::model::pod::{Pod, UsagePod};
use crate::model::policy::{PriorityClass, ResolvedPriority, priority_value, resolve_priority};

/// The observed state of the DaemonSet's pod on a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, PartialOrd, Ord, Hash)]
pub enum PodState {
    /// Up to date and ready.
    Running,
    /// Ready, but on an old revision.
    Outdated,
    NotReady,
    Pending,
    Failed,
    Terminating,
    /// Wanted, no pod.
    Missing,
    NotWanted,
    /// A pod on a node where the controller would not create one.
    Misscheduled,
}

impl PodState {
    pub fn as_str(self) -> &'static str {
        match self {
            PodState::Running => "Running",
            PodState::Outdated => "Outdated",
            PodState::NotReady => "NotReady",
            PodState::Pending => "Pending",
            PodState::Failed => "Failed",
            PodState::Terminating => "Terminating",
            PodState::Missing => "Missing",
            PodState::NotWanted => "NotWanted",
            PodState::Misscheduled => "Misscheduled",
        }
    }

    /// Healthy for the operator: nothing to explain.
    pub fn is_healthy(self) -> bool {
        matches!(self, PodState::Running | PodState::NotWanted)
    }

    /// Wanted, but not running up to date and ready: the nodes an operator acts on
    /// (`--problems`).
    pub fn needs_action(self) -> bool {
        self.urgency() <= 1
    }

    /// The order rows are read in at 3 a.m.: what needs action first — broken (NotReady,
    /// Pending, Failed, Missing, Terminating) 0, then Outdated 1 (waiting for the rollout) —
    /// then Misscheduled 2, Running 3, NotWanted 4.
    pub fn urgency(self) -> u8 {
        match self {
            PodState::Outdated => 1,
            PodState::Misscheduled => 2,
            PodState::Running => 3,
            PodState::NotWanted => 4,
            _ => 0,
        }
    }
}

/// The daemon pod shown for a node (the one the controller's status looks at).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodSummary {
    pub name: String,
    pub phase: String,
    pub ready: bool,
    pub revision_hash: Option<String>,
    pub updated: bool,
    pub restarts: i32,
    pub reason: Option<String>,
}

/// `IsPodUpdated`: the hash label equals the current hash, or the legacy generation label
/// equals the template generation.
pub fn is_pod_updated(pod: &Pod, hash: Option<&str>, generation: Option<i64>) -> bool {
    let labels = &pod.metadata.labels;
    hash.is_some_and(|h| !h.is_empty() && labels.get(HASH_LABEL).map(String::as_str) == Some(h))
        || generation.is_some_and(|g| {
            labels.get(GENERATION_LABEL).map(String::as_str) == Some(&g.to_string())
        })
}

/// `Available`: ready, and ready for longer than minReadySeconds.
pub fn is_pod_available(pod: &Pod, min_ready_seconds: i64, now: i64) -> bool {
    if !pod.is_ready() {
        return false;
    }
    if min_ready_seconds <= 0 {
        return true;
    }
    pod.ready_condition()
        .and_then(|c| c.last_transition_time.as_deref())
        .and_then(parse_time)
        .is_some_and(|t| t + min_ready_seconds < now)
}

/// Upstream `podByCreationTimestampAndPhase`: bound first, then oldest, then by name.
pub fn sort_pods(pods: &mut [&Pod]) {
    pods.sort_by(|a, b| {
        b.is_bound()
            .cmp(&a.is_bound())
            .then_with(|| {
                let ta = a
                    .metadata
                    .creation_timestamp
                    .as_deref()
                    .and_then(parse_time);
                let tb = b
                    .metadata
                    .creation_timestamp
                    .as_deref()
                    .and_then(parse_time);
                ta.cmp(&tb)
            })
            .then_with(|| a.metadata.name.cmp(&b.metadata.name))
    });
}

/// Pods the controller counts as the DaemonSet's (claim/adopt rules of `ClaimPods`), grouped by
/// target node, without terminal pods that are being deleted. Pods without a target are dropped.
pub fn daemon_pods_by_node<'a>(
    ds: &DaemonSet,
    pods: impl IntoIterator<Item = &'a Pod>,
) -> BTreeMap<String, Vec<&'a Pod>> {
    let ns = ds.metadata.namespace.as_deref().unwrap_or("default");
    let uid = ds.metadata.uid.as_deref().unwrap_or("");
    let selector = ds_selector(ds);
    let mut out: BTreeMap<String, Vec<&Pod>> = BTreeMap::new();
    for pod in pods {
        if pod.metadata.namespace != ns {
            continue;
        }
        let matches = selector
            .as_ref()
            .is_some_and(|s| s.matches(&pod.metadata.labels));
        let claimed = match pod.controller_ref() {
            Some(r) => !uid.is_empty() && r.uid == uid && matches,
            None => matches && !pod.is_terminating(),
        };
        if !claimed || (pod.is_terminal() && pod.is_terminating()) {
            continue;
        }
        if let Some(node) = pod.target_node() {
            out.entry(node.to_string()).or_default().push(pod);
        }
    }
    for v in out.values_mut() {
        sort_pods(v);
    }
    out
}

/// The current revision's hash: the owned ControllerRevision whose stored template equals the
/// live template (compared as JSON values, nulls dropped), else the newest daemon pod's hash.
pub fn current_hash(
    ds: &DaemonSet,
    revisions: &[ControllerRevision],
    daemon_pods: &[&Pod],
) -> Option<String> {
    // The revision history logic lives in `revisions`; the hash is read, never recomputed.
    let owned = crate::model::revisions::owned(ds, revisions);
    if let Some(rev) = crate::model::revisions::current(ds, &owned) {
        return Some(crate::model::revisions::hash(rev));
    }
    daemon_pods
        .iter()
        .filter(|p| p.metadata.labels.contains_key(HASH_LABEL))
        .max_by(|a, b| {
            a.metadata
                .creation_timestamp
                .cmp(&b.metadata.creation_timestamp)
        })
        .and_then(|p| p.metadata.labels.get(HASH_LABEL).cloned())
}

pub(super) struct Observed {
    pub state: PodState,
    pub pod: Option<PodSummary>,
    pub other_pods: Vec<PodSummary>,
    pub check: Option<Check>,
}

/// The pod that decides the node's state: the first (the one the controller's status counts),
/// unless that one is on an old revision and an up-to-date pod beside it is not yet available —
/// a surge replacement that is stuck (ImagePullBackOff, CrashLoopBackOff, Pending). Then that
/// pod is what holds the node back, and hiding it behind "old pod not yet replaced" would send
/// the operator the wrong way.
fn deciding_pod(pods: &[&Pod], profile: &DaemonSetProfile, ctx: &EvalContext) -> usize {
    let updated = |p: &Pod| is_pod_updated(p, ctx.current_hash.as_deref(), ctx.template_generation);
    match pods.first() {
        Some(first) if !updated(first) => pods
            .iter()
            .position(|p| {
                updated(p)
                    && !p.is_terminating()
                    && !is_pod_available(p, profile.min_ready_seconds, ctx.now)
            })
            .unwrap_or(0),
        _ => 0,
    }
}

/// The summary line of a daemon pod.
fn summary(pod: &Pod, ctx: &EvalContext) -> PodSummary {
    PodSummary {
        name: pod.metadata.name.clone(),
        phase: pod.status.phase.clone().unwrap_or_else(|| "Unknown".into()),
        ready: pod.is_ready(),
        revision_hash: pod.metadata.labels.get(HASH_LABEL).cloned(),
        updated: is_pod_updated(pod, ctx.current_hash.as_deref(), ctx.template_generation),
        restarts: pod.restarts(),
        reason: pod.problem_reason(),
    }
}

fn node_not_ready(node: &Node) -> bool {
    node.status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .and_then(|c| c.iter().find(|c| c.type_ == "Ready"))
        .is_some_and(|c| c.status != "True")
}

/// State of the node's first daemon pod (the one the controller's status counts).
pub(super) fn observe(
    profile: &DaemonSetProfile,
    node: &Node,
    should_run: bool,
    pods: &[&Pod],
    ctx: &EvalContext,
) -> Observed {
    if pods.is_empty() {
        return Observed {
            state: if should_run {
                PodState::Missing
            } else {
                PodState::NotWanted
            },
            pod: None,
            other_pods: Vec::new(),
            check: None,
        };
    }
    let decider = if should_run {
        deciding_pod(pods, profile, ctx)
    } else {
        0
    };
    let pod = pods[decider];
    let other_pods = pods
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != decider)
        .map(|(_, p)| summary(p, ctx))
        .collect();
    let old = (decider != 0).then(|| pods[0]);
    let updated = is_pod_updated(pod, ctx.current_hash.as_deref(), ctx.template_generation);
    let ready = pod.is_ready();
    let phase = pod.status.phase.clone().unwrap_or_else(|| "Unknown".into());
    let mut reason = pod.problem_reason();
    let key = format!("{}/{}", pod.metadata.namespace, pod.metadata.name);
    let state = if !should_run {
        PodState::Misscheduled
    } else if pod.is_terminating() {
        PodState::Terminating
    } else if pod.is_terminal() {
        PodState::Failed
    } else if phase == "Pending" || !pod.is_bound() {
        if reason.is_none() {
            reason = pod
                .status
                .conditions
                .iter()
                .find(|c| c.type_ == "PodScheduled" && c.status == "False")
                .and_then(|c| c.reason.clone());
        }
        PodState::Pending
    } else if ready && updated {
        PodState::Running
    } else if ready {
        PodState::Outdated
    } else {
        PodState::NotReady
    };
    let available = is_pod_available(pod, profile.min_ready_seconds, ctx.now);
    let mut message = match state {
        PodState::Running => format!("pod {} is ready and up to date", pod.metadata.name),
        PodState::Outdated => format!(
            "pod {} is ready but runs revision {} (current {})",
            pod.metadata.name,
            pod.metadata
                .labels
                .get(HASH_LABEL)
                .map_or("?", String::as_str),
            ctx.current_hash.as_deref().unwrap_or("unknown")
        ),
        PodState::Misscheduled => format!(
            "pod {} runs where the controller would not place one",
            pod.metadata.name
        ),
        _ => format!(
            "pod {} is {}{}",
            pod.metadata.name,
            state.as_str(),
            reason
                .as_deref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default()
        ),
    };
    if state == PodState::Pending {
        let sched = ctx.scheduling_messages.get(&key).cloned().or_else(|| {
            pod.status
                .conditions
                .iter()
                .find(|c| c.type_ == "PodScheduled" && c.status == "False")
                .and_then(|c| c.message.clone())
        });
        if let Some(m) = sched {
            message.push_str(&format!(": {m}"));
        }
    }
    if ready && !available && state == PodState::Running {
        message.push_str(&format!(
            "; not yet available (minReadySeconds {})",
            profile.min_ready_seconds
        ));
    }
    if let Some(old) = old {
        message.push_str(&format!(
            "; the old pod {} (revision {}) keeps running until {} is available",
            old.metadata.name,
            old.metadata
                .labels
                .get(HASH_LABEL)
                .map_or("?", String::as_str),
            pod.metadata.name
        ));
    }
    if node_not_ready(node) && !ready {
        message.push_str("; node is NotReady");
    }
    let passed = matches!(state, PodState::Running) && available;
    Observed {
        state,
        pod: Some(PodSummary {
            phase,
            reason,
            ..summary(pod, ctx)
        }),
        other_pods,
        check: Some(Check {
            name: CheckName::PodStatus,
            passed,
            message: Message::Text(message),
        }),
    }
}

/// The controller's status counters over the evaluated nodes (spec §6), plus `unschedulable`:
/// wanted nodes where the pod would not fit.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    pub nodes: usize,
    pub desired: usize,
    pub scheduled: usize,
    pub ready: usize,
    pub updated: usize,
    pub available: usize,
    pub misscheduled: usize,
    pub unschedulable: usize,
}

/// `why-not` JSON: `{"node": "...", "results": [...]}`.
#[derive(Debug, serde::Serialize)]
pub struct WhyNotReport {
    /// The node asked about; empty (and omitted from JSON) when `-l` chose the nodes.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub node: String,
    /// `-l`: the label selector that chose the nodes (then `results` span them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selector: Option<String>,
    /// How many nodes the question covered (human output: "no nodes match").
    #[serde(skip)]
    pub matched: usize,
    pub results: Vec<NodeVerdict>,
    /// What could not be read and what that leaves unknown; omitted from JSON when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub caveats: Vec<String>,
    /// The Kubernetes release, gates and distribution mirrored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub semantics: Option<crate::model::semantics::SemanticsReport>,
    /// The node itself (human output's header line; not part of the JSON shape).
    #[serde(skip)]
    pub header: Option<super::node::NodeHeader>,
    /// How many DaemonSets were in scope (zero is "nothing found", not "all running").
    #[serde(skip)]
    pub in_scope: usize,
    /// Where they were looked for: `namespace "x"`, or all namespaces.
    #[serde(skip)]
    pub scope: String,
    /// True when one DaemonSet was asked for (all checks shown).
    #[serde(skip)]
    pub single: bool,
}

/// Everything `explain-placement` reports for one DaemonSet.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    pub daemon_set: DsRef,
    pub summary: Summary,
    pub nodes: Vec<NodeVerdict>,
    /// What could not be read and what that leaves unknown; omitted from JSON when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub caveats: Vec<String>,
    /// The Kubernetes release, gates and distribution mirrored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub semantics: Option<crate::model::semantics::SemanticsReport>,
    /// `nodes` holds only those that need action (`--problems`); the summary still counts all.
    #[serde(skip)]
    pub problems_only: bool,
    /// A `-f` manifest evaluated before it is applied: no pod can exist yet.
    #[serde(skip)]
    pub preview: bool,
}

/// Indexes over a [`ClusterState`] shared by every DaemonSet evaluated against it.
pub struct ClusterIndex<'a> {
    pub state: &'a ClusterState,
    pods_by_node: HashMap<&'a str, Vec<&'a Pod>>,
    usage_pods_by_node: HashMap<&'a str, Vec<&'a UsagePod>>,
    /// Unbound pods by the node a preemption nominated them for.
    nominated_by_node: HashMap<&'a str, Vec<PodRef<'a>>>,
    usage: std::cell::RefCell<HashMap<String, std::rc::Rc<NodeUsage>>>,
    scheduling: BTreeMap<String, String>,
    /// Node labels by name (topology domains for InterPodAffinity).
    node_labels: HashMap<&'a str, &'a BTreeMap<String, String>>,
    /// Some bound pod has required pod anti-affinity.
    any_anti_affinity: bool,
    /// The pods with required anti-affinity, their terms processed (on first use).
    anti_pods: std::cell::OnceCell<Vec<AntiPod<'a>>>,
    pub now: i64,
    /// The release, gates and distribution mirrored.
    pub semantics: crate::model::semantics::Semantics,
}

impl<'a> ClusterIndex<'a> {
    /// Index pods (full and [`UsagePod`]s) by bound node and collect the latest FailedScheduling message per pod.
    pub fn new(state: &'a ClusterState, now: i64) -> Self {
        let mut pods_by_node: HashMap<&str, Vec<&Pod>> = HashMap::new();
        for p in &state.pods {
            if let Some(n) = p.spec.node_name.as_deref().filter(|n| !n.is_empty()) {
                pods_by_node.entry(n).or_default().push(p);
            }
        }
        let mut usage_pods_by_node: HashMap<&str, Vec<&UsagePod>> = HashMap::new();
        for p in &state.usage_pods {
            if !p.node.is_empty() {
                usage_pods_by_node.entry(&p.node).or_default().push(p);
            }
        }
        let mut nominated_by_node: HashMap<&str, Vec<PodRef>> = HashMap::new();
        for p in &state.pods {
            if let Some(n) = p.status.nominated_node_name.as_deref()
                && !n.is_empty()
                && !p.is_bound()
                && !p.is_terminal()
            {
                nominated_by_node
                    .entry(n)
                    .or_default()
                    .push(PodRef::Full(p));
            }
        }
        for p in &state.usage_pods {
            if let Some(n) = p.preemption.nominated_node.as_deref()
                && p.node.is_empty()
                && !p.terminal
            {
                nominated_by_node
                    .entry(n)
                    .or_default()
                    .push(PodRef::Usage(p));
            }
        }
        let mut latest: BTreeMap<String, (&str, String)> = BTreeMap::new();
        for e in &state.events {
            if e.involved_object.kind == "Pod" && e.reason.as_deref() == Some("FailedScheduling") {
                let key = format!("{}/{}", e.involved_object.namespace, e.involved_object.name);
                let when = e.when();
                if latest.get(&key).is_none_or(|(w, _)| *w <= when) {
                    latest.insert(key, (when, e.message.clone().unwrap_or_default()));
                }
            }
        }
        let node_labels = state
            .nodes
            .iter()
            .filter_map(|n| Some((n.metadata.name.as_deref()?, n.metadata.labels.as_ref()?)))
            .collect();
        let any_anti_affinity = state
            .pods
            .iter()
            .any(|p| !p.required_anti_affinity_terms().is_empty())
            || state.usage_pods.iter().any(|p| !p.anti_affinity.is_empty());
        ClusterIndex {
            state,
            pods_by_node,
            usage_pods_by_node,
            nominated_by_node,
            usage: Default::default(),
            scheduling: latest.into_iter().map(|(k, (_, m))| (k, m)).collect(),
            node_labels,
            any_anti_affinity,
            anti_pods: Default::default(),
            now,
            semantics: Default::default(),
        }
    }

    /// Mirror release `semantics` (the newest modelled release otherwise).
    pub fn with_semantics(mut self, semantics: crate::model::semantics::Semantics) -> Self {
        self.semantics = semantics;
        self.usage.borrow_mut().clear();
        self
    }

    /// What the pods bound to `node` use (computed on first request, then cached).
    pub fn usage(&self, node: &str) -> std::rc::Rc<NodeUsage> {
        if let Some(u) = self.usage.borrow().get(node) {
            return u.clone();
        }
        let mut u = NodeUsage::default();
        for p in self.pods_by_node.get(node).into_iter().flatten() {
            u.add_pod_with(p, &self.semantics);
        }
        for p in self.usage_pods_by_node.get(node).into_iter().flatten() {
            u.add_usage_pod_with(p, &self.semantics);
        }
        let u = std::rc::Rc::new(u);
        self.usage.borrow_mut().insert(node.to_string(), u.clone());
        u
    }

    /// Explain one DaemonSet on the nodes accepted by `node_filter`.
    pub fn explain(&self, ds: &DaemonSet, node_filter: impl Fn(&Node) -> bool) -> Explanation {
        let ns = ds.metadata.namespace.as_deref().unwrap_or("default");
        let profile =
            DaemonSetProfile::with_semantics(ds, self.state.namespace(ns), &self.semantics);
        let by_node = daemon_pods_by_node(ds, &self.state.pods);
        let all_daemon: Vec<&Pod> = by_node.values().flatten().copied().collect();
        let hash = current_hash(ds, &self.state.revisions, &all_daemon);
        let priority = resolve_priority(
            profile.priority,
            profile.priority_class_name.as_deref(),
            profile.preemption_policy.as_deref(),
            self.state.priority_classes.as_deref(),
        );
        let inter_pod = self.inter_pod(&profile, &priority, hash.as_deref());
        let ctx = EvalContext {
            now: self.now,
            current_hash: hash,
            template_generation: template_generation(ds),
            scheduling_messages: self.scheduling.clone(),
            inter_pod: inter_pod.clone(),
            device_classes: self.state.device_classes.clone(),
        };
        let mut nodes: Vec<&Node> = self.state.nodes.iter().filter(|n| node_filter(n)).collect();
        nodes.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
        // Every node read (not only those evaluated): a FailedCreate naming another node stays
        // with that node.
        let node_names: Vec<&str> = self
            .state
            .nodes
            .iter()
            .filter_map(|n| n.metadata.name.as_deref())
            .collect();
        let daemon_keys: std::collections::HashSet<(&str, &str)> = if self.state.events.is_empty() {
            Default::default()
        } else {
            all_daemon
                .iter()
                .map(|p| (p.metadata.namespace.as_str(), p.metadata.name.as_str()))
                .collect()
        };
        let is_daemon_pod = |key: &str| {
            key.split_once('/')
                .is_some_and(|k| daemon_keys.contains(&k))
        };
        let events = super::evidence::gather(
            &self.state.events,
            &profile.namespace,
            &profile.name,
            &is_daemon_pod,
            &node_names,
        );
        let mut verdicts = Vec::with_capacity(nodes.len());
        let mut summary = Summary {
            nodes: nodes.len(),
            ..Default::default()
        };
        for node in nodes {
            let name = node.metadata.name.as_deref().unwrap_or("");
            let pods: &[&Pod] = by_node.get(name).map(Vec::as_slice).unwrap_or(&[]);
            // Pods a preemption nominated here, of the daemon pod's priority or higher: the
            // scheduler counts them on the node first.
            let ahead = self.nominated_ahead(name, &priority, pods);
            // Usage is only computed where the pod is wanted.
            let usage = || {
                let base = self.usage(name);
                if ahead.is_empty() {
                    return base;
                }
                let mut with = (*base).clone();
                for p in &ahead {
                    super::preemption::add(&mut with, p);
                }
                std::rc::Rc::new(with)
            };
            let mut v = super::evaluate_with(&profile, node, usage, pods, &ctx);
            if !ahead.is_empty() {
                counted_ahead(&mut v, &ahead);
            }
            if v.fits == Some(false) {
                let blocks = inter_pod
                    .as_deref()
                    .filter(|ip| ip.applies(node))
                    .map(|ip| ip.filter(node, pods));
                v.preemption =
                    self.preemption(&profile, &priority, node, pods, &v, blocks.as_ref());
            }
            v.evidence = events.for_node(&v, pods);
            count(&mut summary, &v, pods, &profile, &ctx);
            verdicts.push(v);
        }
        let mut caveats = self.state.caveats.clone();
        caveats.extend(self.semantics.caveats.iter().cloned());
        caveats.extend(preemption_caveats(self.state, &priority, &verdicts));
        if let Some(ip) = &inter_pod {
            caveats.extend(ip.caveats.iter().cloned());
        }
        caveats.extend(semantics_caveats(self.state, &profile, &verdicts));
        Explanation {
            daemon_set: DsRef {
                namespace: profile.namespace.clone(),
                name: profile.name.clone(),
            },
            summary,
            nodes: verdicts,
            caveats,
            semantics: Some(self.semantics.report()),
            problems_only: false,
            preview: false,
        }
    }
}

/// What preemption's answer rests on that was not read, where it matters: without PriorityClasses
/// a template that names no class is taken at 0 (a globalDefault class would change it); without
/// PodDisruptionBudgets, violations among the victims are not counted.
fn preemption_caveats(
    state: &ClusterState,
    priority: &ResolvedPriority,
    verdicts: &[NodeVerdict],
) -> Vec<String> {
    let mut out = Vec::new();
    if state.priority_classes.is_none()
        && priority.source.starts_with("no PriorityClass")
        && verdicts.iter().any(|v| v.preemption.is_some())
    {
        out.push(format!(
            "PriorityClasses not read: the daemon pod's priority is taken as {}",
            priority.value.unwrap_or(0)
        ));
    }
    if state.pdbs.is_none()
        && verdicts
            .iter()
            .any(|v| v.preemption.as_ref().is_some_and(|p| p.helps))
    {
        out.push("PodDisruptionBudgets not read: no victim counts as violating one".into());
    }
    out
}

/// What the release-dependent checks rest on that was not read, where it matters: DeviceClasses
/// (an `Insufficient` extended resource may be DRA's to serve), OpenShift's cluster-wide default
/// node selector (applies to a namespace without node-selector annotations).
fn semantics_caveats(
    state: &ClusterState,
    profile: &DaemonSetProfile,
    verdicts: &[NodeVerdict],
) -> Vec<String> {
    let mut out = Vec::new();
    let sem = &profile.semantics;
    if sem.dra_extended_resources() && state.device_classes.is_none() {
        let extended: Vec<&String> = profile
            .requests
            .keys()
            .filter(|n| super::is_extended(n))
            .collect();
        let failed = verdicts.iter().any(|v| {
            v.checks.iter().any(|c| {
                c.name == CheckName::NodeResourcesFit
                    && !c.passed
                    && extended
                        .iter()
                        .any(|n| c.message.to_string().contains(&format!("Insufficient {n}")))
            })
        });
        if failed {
            out.push(format!(
                "DeviceClasses not read: with DRAExtendedResource ({}), an extended resource a DeviceClass maps is served by DRA on a node without it in allocatable, so an Insufficient {} may not stand",
                sem.release,
                extended.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
            ));
        }
    }
    if sem.openshift()
        && let Some(ns) = state.namespace(&profile.namespace)
        && !ns
            .metadata
            .annotations
            .contains_key(super::profile::POD_NODE_SELECTOR)
        && !ns
            .metadata
            .annotations
            .contains_key(super::profile::OPENSHIFT_NODE_SELECTOR)
    {
        out.push(format!(
            "namespace {} has no node-selector annotation: OpenShift applies the cluster's default node selector (the Scheduler config's defaultNodeSelector), which was not read; placement assumes none",
            profile.namespace
        ));
    }
    out
}

/// A pod in either of the forms the state keeps.
#[derive(Clone, Copy)]
enum PodRef<'a> {
    Full(&'a Pod),
    Usage(&'a UsagePod),
}

impl<'a> PodRef<'a> {
    /// The pod as InterPodAffinity reads it, placed on `node` (where it is nominated).
    fn existing_on(self, node: &'a str) -> ExistingPod<'a> {
        match self {
            PodRef::Full(p) => ExistingPod {
                namespace: &p.metadata.namespace,
                name: &p.metadata.name,
                node,
                labels: &p.metadata.labels,
                anti_affinity: p.required_anti_affinity_terms(),
            },
            PodRef::Usage(u) => {
                let (namespace, name) = u.key.split_once('/').unwrap_or(("", &u.key));
                ExistingPod {
                    namespace,
                    name,
                    node,
                    labels: &u.preemption.labels,
                    anti_affinity: &u.anti_affinity,
                }
            }
        }
    }

    /// `spec.priority`, else its class's value (see [`resolve_priority`]), else 0.
    fn priority(&self, classes: Option<&[PriorityClass]>) -> i32 {
        let (priority, class) = match self {
            PodRef::Full(p) => (p.spec.priority, p.spec.priority_class_name.as_deref()),
            PodRef::Usage(u) => (
                u.preemption.priority,
                u.preemption.priority_class_name.as_deref(),
            ),
        };
        priority_value(priority, class, classes).unwrap_or(0)
    }

    /// What preemption needs of the pod, its priority resolved against `classes`.
    fn node_pod(
        self,
        classes: Option<&[PriorityClass]>,
        sem: &crate::model::semantics::Semantics,
    ) -> NodePod {
        let priority = self.priority(classes);
        let uid = match self {
            PodRef::Full(p) => p.metadata.uid.clone(),
            PodRef::Usage(u) => u.uid.clone(),
        };
        let (key, facts, requests, host_ports) = match self {
            PodRef::Full(p) => (
                format!("{}/{}", p.metadata.namespace, p.metadata.name),
                p.preemption_facts(),
                super::fit::existing_pod_requests(p, sem),
                super::fit::host_ports_with(&p.spec, sem),
            ),
            PodRef::Usage(UsagePod {
                full: Some(p),
                key,
                preemption,
                ..
            }) => (
                key.clone(),
                preemption.clone(),
                super::fit::existing_pod_requests(p, sem),
                super::fit::host_ports_with(&p.spec, sem),
            ),
            PodRef::Usage(u) => (
                u.key.clone(),
                u.preemption.clone(),
                u.requests
                    .iter()
                    .map(|(k, v)| (k.to_string(), *v))
                    .collect(),
                u.host_ports.clone(),
            ),
        };
        let (namespace, name) = key.split_once('/').unwrap_or(("", &key));
        NodePod {
            namespace: namespace.to_string(),
            name: name.to_string(),
            key: key.clone(),
            uid,
            priority,
            start_time: facts.start_time,
            requests,
            host_ports,
            labels: (*facts.labels).clone(),
            terminating_by_preemption: facts.terminating_by_preemption,
        }
    }
}

impl<'a> ClusterIndex<'a> {
    /// Every bound, non-terminal pod (both forms), as InterPodAffinity reads it.
    fn existing_pods(&self) -> impl Iterator<Item = ExistingPod<'a>> + use<'a, '_> {
        let full = self
            .state
            .pods
            .iter()
            .filter(|p| p.is_bound() && !p.is_terminal())
            .map(|p| ExistingPod {
                namespace: &p.metadata.namespace,
                name: &p.metadata.name,
                node: p.spec.node_name.as_deref().unwrap_or(""),
                labels: &p.metadata.labels,
                anti_affinity: p.required_anti_affinity_terms(),
            });
        let reduced = self
            .state
            .usage_pods
            .iter()
            .filter(|p| !p.node.is_empty() && !p.terminal)
            .map(|p| {
                let (namespace, name) = p.key.split_once('/').unwrap_or(("", &p.key));
                ExistingPod {
                    namespace,
                    name,
                    node: &p.node,
                    labels: &p.preemption.labels,
                    anti_affinity: &p.anti_affinity,
                }
            });
        full.chain(reduced)
    }

    /// The InterPodAffinity PreFilter state for the DaemonSet's pod, when anything can apply:
    /// the pod has required pod (anti-)affinity, or some pod has required anti-affinity.
    pub fn inter_pod(
        &self,
        profile: &DaemonSetProfile,
        priority: &ResolvedPriority,
        hash: Option<&str>,
    ) -> Option<std::sync::Arc<InterPod>> {
        if profile.pod_affinity.is_empty()
            && profile.pod_anti_affinity.is_empty()
            && !self.any_anti_affinity
        {
            return None;
        }
        let mut labels = profile.labels.clone();
        if let Some(h) = hash {
            labels.insert(HASH_LABEL.to_string(), h.to_string());
        }
        // The terms as the created pod carries them.
        let created = |terms: &[k8s_openapi::api::core::v1::PodAffinityTerm]| {
            if profile.semantics.match_label_keys_in_pod_affinity() {
                terms
                    .iter()
                    .map(|t| super::interpod::with_label_keys(t, &labels))
                    .collect()
            } else {
                terms.to_vec()
            }
        };
        let (affinity, anti_affinity) = (
            created(&profile.pod_affinity),
            created(&profile.pod_anti_affinity),
        );
        let incoming = Incoming {
            namespace: &profile.namespace,
            labels: &labels,
            affinity: &affinity,
            anti_affinity: &anti_affinity,
        };
        let anti_pods = self
            .anti_pods
            .get_or_init(|| anti_pods(self.existing_pods()));
        let ns_labels = |ns: &str| self.state.namespace(ns).map(|n| n.metadata.labels.clone());
        let mut ip = InterPod::new(
            &incoming,
            self.existing_pods(),
            anti_pods,
            &self.node_labels,
            &ns_labels,
        );
        // Pods nominated to a node with the daemon pod's priority or higher count there first
        // (as for resources: see `nominated_ahead`).
        let classes = self.state.priority_classes.as_deref();
        if let Some(mine) = priority.value {
            let ahead = self.nominated_by_node.iter().flat_map(|(node, pods)| {
                pods.iter()
                    .filter(move |r| r.priority(classes) >= mine)
                    .map(move |r| r.existing_on(node))
            });
            ip.add_nominated(&incoming, ahead, &self.node_labels, &ns_labels);
        }
        if let Some(node) = &self.state.pods_only_on {
            let host = |t: &k8s_openapi::api::core::v1::PodAffinityTerm| {
                t.topology_key == "kubernetes.io/hostname"
            };
            let wide = !profile.pod_affinity.is_empty()
                || !profile.pod_anti_affinity.iter().all(host)
                || self
                    .state
                    .pods
                    .iter()
                    .flat_map(|p| p.required_anti_affinity_terms())
                    .chain(self.state.usage_pods.iter().flat_map(|p| &p.anti_affinity))
                    .any(|t| !host(t));
            if wide {
                ip.caveats.push(format!(
                    "only the pods on node {node} were read: inter-pod (anti-)affinity is evaluated against them alone, not against pods elsewhere in a wider topology domain (zone, region) — explain-placement reads every node"
                ));
            }
        }
        Some(std::sync::Arc::new(ip))
    }

    /// Pods nominated to `node` by a preemption, not the DaemonSet's own (`daemon_pods`), with a
    /// priority at least the daemon pod's: the scheduler puts them on the node before it runs
    /// the filters (framework `RunFilterPluginsWithNominatedPods`, `addGENominatedPods`: a pod
    /// must pass with them and without them; for resources, host ports and the pod count the
    /// first is the stricter). Empty when the daemon pod's priority is not known (its
    /// PriorityClass was not read; a caveat says so).
    fn nominated_ahead(
        &self,
        node: &str,
        priority: &ResolvedPriority,
        daemon_pods: &[&Pod],
    ) -> Vec<NodePod> {
        let Some(mine) = priority.value else {
            return Vec::new();
        };
        let classes = self.state.priority_classes.as_deref();
        let Some(nominated) = self.nominated_by_node.get(node) else {
            return Vec::new();
        };
        nominated
            .iter()
            .filter(|r| r.priority(classes) >= mine)
            .map(|r| r.node_pod(classes, &self.semantics))
            .filter(|p| !is_own(daemon_pods, &p.key))
            .collect()
    }

    /// What preemption would do for the DaemonSet's pod on `node`, where it does not fit;
    /// `blocks`: the InterPodAffinity outcome there, when that filter applies.
    fn preemption(
        &self,
        profile: &DaemonSetProfile,
        priority: &ResolvedPriority,
        node: &Node,
        daemon_pods: &[&Pod],
        verdict: &NodeVerdict,
        blocks: Option<&Outcome>,
    ) -> Option<Preemption> {
        let failing = verdict.first_failure()?;
        let name = node.metadata.name.as_deref().unwrap_or("");
        let classes = self.state.priority_classes.as_deref();
        let is_own = |key: &str| is_own(daemon_pods, key);
        // Only pods of lower priority are possible victims: the others stay in the base usage
        // and need no more than their priority read.
        let below = |r: &PodRef| {
            priority
                .value
                .is_some_and(|mine| r.priority(classes) < mine)
        };
        let full = self
            .pods_by_node
            .get(name)
            .into_iter()
            .flatten()
            .filter(|p| !p.is_terminal())
            .map(|p| PodRef::Full(p));
        let reduced = self
            .usage_pods_by_node
            .get(name)
            .into_iter()
            .flatten()
            .filter(|p| !p.terminal)
            .map(|p| PodRef::Usage(p));
        let lower: Vec<NodePod> = full
            .chain(reduced)
            .filter(below)
            .map(|r| r.node_pod(classes, &self.semantics))
            .filter(|p| !is_own(&p.key))
            .collect();
        let nominated: Vec<NodePod> = self
            .nominated_by_node
            .get(name)
            .into_iter()
            .flatten()
            .map(|r| r.node_pod(classes, &self.semantics))
            .filter(|p| !is_own(&p.key))
            .collect();
        // The base usage is read only when there are candidates (preempt answers before).
        let usage = if lower.is_empty() {
            std::rc::Rc::new(NodeUsage::default())
        } else {
            self.usage(name)
        };
        let base =
            if !lower.is_empty() && daemon_pods.iter().any(|p| !p.is_terminal() && p.is_bound()) {
                std::borrow::Cow::Owned(usage.without_with(daemon_pods, &self.semantics))
            } else {
                std::borrow::Cow::Borrowed(&*usage)
            };
        let pending = daemon_pods
            .iter()
            .find(|p| !p.is_bound() && !p.is_terminating() && !p.is_terminal());
        let pre = Preemptor {
            priority,
            requests: &profile.requests,
            host_ports: &profile.host_ports,
            nominated_node: pending.and_then(|p| p.status.nominated_node_name.as_deref()),
        };
        let pods = NodePods {
            base: &base,
            lower: &lower,
            nominated: &nominated,
            inter_pod: blocks.map_or_else(InterPodBlock::default, |o| InterPodBlock {
                here: &o.blockers_here,
                elsewhere: &o.blockers_elsewhere,
                unresolvable: o.unresolvable,
            }),
        };
        Some(preempt(
            &pre,
            failing,
            node,
            &pods,
            self.state.pdbs.as_deref(),
            self.now,
        ))
    }
}

fn count(
    s: &mut Summary,
    v: &NodeVerdict,
    pods: &[&Pod],
    profile: &DaemonSetProfile,
    ctx: &EvalContext,
) {
    if v.should_run {
        s.desired += 1;
        if v.fits == Some(false) {
            s.unschedulable += 1;
        }
        if let Some(first) = pods.first() {
            s.scheduled += 1;
            if first.is_ready() {
                s.ready += 1;
                if is_pod_available(first, profile.min_ready_seconds, ctx.now) {
                    s.available += 1;
                }
            }
            if is_pod_updated(first, ctx.current_hash.as_deref(), ctx.template_generation) {
                s.updated += 1;
            }
        }
    } else if !pods.is_empty() {
        s.misscheduled += 1;
    }
}

/// Explain `ds` on every node of `state` (convenience over [`ClusterIndex`]).
pub fn explain_daemonset(state: &ClusterState, ds: &DaemonSet, now: i64) -> Explanation {
    ClusterIndex::new(state, now).explain(ds, |_| true)
}

/// `ns/name` is one of the DaemonSet's own pods (left out of the node's usage: it is replaced).
fn is_own(daemon_pods: &[&Pod], key: &str) -> bool {
    daemon_pods
        .iter()
        .any(|p| key.split_once('/') == Some((&p.metadata.namespace, &p.metadata.name)))
}

/// Where the pods nominated ahead of the daemon pod make a resource, port or pod-count check
/// fail, its message says they were counted (the scheduler's message would not; without it the
/// numbers would not add up against the pods bound to the node).
fn counted_ahead(v: &mut NodeVerdict, ahead: &[NodePod]) {
    let names: Vec<&str> = ahead.iter().map(|p| p.key.as_str()).collect();
    for c in &mut v.checks {
        if !c.passed && matches!(c.name, CheckName::NodeResourcesFit | CheckName::NodePorts) {
            c.message = Message::Text(format!(
                "{}; counting {} pod(s) nominated to this node by a preemption, of the daemon pod's priority or higher: {}",
                c.message,
                names.len(),
                names.join(", ")
            ));
        }
    }
}
