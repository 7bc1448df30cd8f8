//! The placement evaluator: pure functions, no I/O, no async.
//!
//! For one DaemonSet and one node it answers what the DaemonSet controller decides
//! (`shouldRun`, `shouldContinueRunning`: template nodeName, nodeSelector + required node
//! affinity, taints vs tolerations incl. the default daemon tolerations), whether kube-scheduler
//! would then bind the pod (`fits`: host ports, resources, pod count), and what is observed on the
//! node (the daemon pod's state). Behaviour follows `shared/spec/placement.md`.
//!
//! ```
//! use kubectl_ds::placement::{evaluate, DaemonSetProfile, EvalContext, fit::NodeUsage};
//! use k8s_openapi::api::{apps::v1::DaemonSet, core::v1::Node};
//! let ds: DaemonSet = serde_json::from_value(serde_json::json!({
//!     "apiVersion": "apps/v1", "kind": "DaemonSet",
//!     "metadata": {"name": "agent", "namespace": "kube-system"},
//!     "spec": {"selector": {"matchLabels": {"app": "agent"}},
//!              "template": {"metadata": {"labels": {"app": "agent"}},
//!                           "spec": {"containers": [{"name": "a", "image": "agent:1"}]}}}
//! })).unwrap();
//! let node: Node = serde_json::from_value(serde_json::json!({
//!     "apiVersion": "v1", "kind": "Node", "metadata": {"name": "node-1"},
//!     "spec": {"taints": [{"key": "dedicated", "value": "gpu", "effect": "NoSchedule"}]},
//!     "status": {"allocatable": {"cpu": "4", "memory": "8Gi", "pods": "110"}}
//! })).unwrap();
//! let verdict = evaluate(&DaemonSetProfile::new(&ds, None), &node, &NodeUsage::default(), &[],
//!                        &EvalContext::default());
//! assert!(!verdict.should_run && verdict.should_continue_running);
//! assert_eq!(verdict.fits, None);
//! ```

pub mod affinity;
pub mod declared;
pub mod evidence;
pub mod fit;
pub mod interpod;
pub mod message;
pub mod node;
pub mod overview;
pub mod preemption;
pub mod profile;
pub mod state;
pub mod taints;
pub mod what_if;

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::Node;
use serde::Serialize;

use crate::model::pod::Pod;
pub use crate::model::semantics;
pub use message::Message;
pub use profile::DaemonSetProfile;
pub use state::{Explanation, PodState, PodSummary, Summary, WhyNotReport, explain_daemonset};

/// A check the evaluator reports, named as in the design's JSON contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum CheckName {
    NodeName,
    NodeAffinity,
    TaintToleration,
    NodeUnschedulable,
    NodeResourcesFit,
    NodePorts,
    InterPodAffinity,
    NodeDeclaredFeatures,
    PodStatus,
}

impl CheckName {
    pub fn as_str(self) -> &'static str {
        match self {
            CheckName::NodeName => "NodeName",
            CheckName::NodeAffinity => "NodeAffinity",
            CheckName::TaintToleration => "TaintToleration",
            CheckName::NodeUnschedulable => "NodeUnschedulable",
            CheckName::NodeResourcesFit => "NodeResourcesFit",
            CheckName::NodePorts => "NodePorts",
            CheckName::InterPodAffinity => "InterPodAffinity",
            CheckName::NodeDeclaredFeatures => "NodeDeclaredFeatures",
            CheckName::PodStatus => "PodStatus",
        }
    }
}

/// One check's outcome, with the concrete values that decided it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Check {
    pub name: CheckName,
    pub passed: bool,
    pub message: Message,
}

impl Check {
    fn new(name: CheckName, result: Result<Message, String>) -> Self {
        match result {
            Ok(message) => Check {
                name,
                passed: true,
                message,
            },
            Err(message) => Check {
                name,
                passed: false,
                message: Message::Text(message),
            },
        }
    }
}

/// `{"namespace", "name"}` of a DaemonSet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, PartialOrd, Ord)]
pub struct DsRef {
    pub namespace: String,
    pub name: String,
}

/// The answer for one (DaemonSet, node) pair — the JSON shape of DESIGN.md.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeVerdict {
    pub node: String,
    pub daemon_set: DsRef,
    pub should_run: bool,
    pub should_continue_running: bool,
    /// Whether the scheduler would bind the pod; `None` when the pod is not wanted.
    pub fits: Option<bool>,
    pub state: PodState,
    /// The daemon pod that decides `state`.
    pub pod: Option<PodSummary>,
    /// The node's other daemon pods (a surge replacement beside the old pod, duplicates), so
    /// none is invisible. Omitted from JSON when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other_pods: Vec<PodSummary>,
    pub checks: Vec<Check>,
    /// What the default scheduler's preemption would do here; `null` unless the pod is wanted
    /// and does not fit (see [`preemption`]).
    pub preemption: Option<preemption::Preemption>,
    /// What the cluster itself said about this DaemonSet on this node, newest first (events,
    /// kubelet rejections); omitted from JSON when there is none. See [`evidence`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<evidence::Evidence>,
    /// What was not evaluated for this node and why (a scheduler filter that applies to this
    /// pod but is not modelled); omitted from JSON when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub caveats: Vec<String>,
}

impl NodeVerdict {
    /// The first failing check: the reason to show in a table.
    pub fn first_failure(&self) -> Option<&Check> {
        self.checks.iter().find(|c| !c.passed)
    }
}

/// Inputs that are not about the DaemonSet or the node: the clock, the current revision, and
/// FailedScheduling messages by pod (`ns/name`).
#[derive(Clone, Debug, Default)]
pub struct EvalContext {
    /// Seconds since the Unix epoch, for `minReadySeconds` availability.
    pub now: i64,
    /// The current revision's `controller-revision-hash`, when known.
    pub current_hash: Option<String>,
    /// `deprecated.daemonset.template.generation`, when set.
    pub template_generation: Option<i64>,
    pub scheduling_messages: BTreeMap<String, String>,
    /// The InterPodAffinity filter's state for this DaemonSet's pod (PreFilter, built once over
    /// the cluster's pods); `None`: no inter-pod affinity evaluated (nothing applies).
    pub inter_pod: Option<std::sync::Arc<interpod::InterPod>>,
    /// DeviceClasses, when read: extended resources they map are left to DRA (with the
    /// DRAExtendedResource gate) on nodes that do not list them in allocatable.
    pub device_classes: Option<Vec<crate::model::objects::DeviceClass>>,
}

/// The controller's decision: `(shouldRun, shouldContinueRunning)` plus the three checks.
pub fn controller_decision(profile: &DaemonSetProfile, node: &Node) -> (bool, bool, Vec<Check>) {
    let mut checks = Vec::with_capacity(3);
    let (should_run, should_continue) = controller_decision_into(profile, node, &mut checks);
    (should_run, should_continue, checks)
}

/// [`controller_decision`], appending the checks to `checks`.
fn controller_decision_into(
    profile: &DaemonSetProfile,
    node: &Node,
    checks: &mut Vec<Check>,
) -> (bool, bool) {
    let name = node.metadata.name.as_deref().unwrap_or("");
    let empty = BTreeMap::new();
    let labels = node.metadata.labels.as_ref().unwrap_or(&empty);

    let name_check = match &profile.node_name {
        Some(want) if want != name => Err(format!(
            "template spec.nodeName is {want}, this node is {name}"
        )),
        Some(_) => Ok(Message::Static(
            "template spec.nodeName names this node (the pod bypasses the scheduler)",
        )),
        None => Ok(Message::Static("template sets no spec.nodeName")),
    };
    let affinity_check = node_affinity(profile, name, labels);
    let taints = node
        .spec
        .as_ref()
        .and_then(|s| s.taints.as_deref())
        .unwrap_or(&[]);
    let numeric = profile.semantics.comparison_operators();
    let untolerated = taints::first_untolerated_with(
        taints,
        &profile.tolerations,
        taints::is_scheduling_taint,
        numeric,
    );
    let taint_check = match untolerated {
        None => match taints
            .iter()
            .filter(|t| taints::is_scheduling_taint(t))
            .count()
        {
            0 => Ok(Message::Static("no NoSchedule/NoExecute taints")),
            n => Ok(Message::TaintsTolerated(n)),
        },
        Some(t) => Err(untolerated_message(t, &profile.tolerations)),
    };

    let (should_run, should_continue) = if name_check.is_err() || affinity_check.is_err() {
        (false, false)
    } else if untolerated.is_none() {
        (true, true)
    } else {
        let no_execute = taints::first_untolerated_with(
            taints,
            &profile.tolerations,
            |t| t.effect == "NoExecute",
            numeric,
        );
        (false, no_execute.is_none())
    };
    checks.extend([
        Check::new(CheckName::NodeName, name_check),
        Check::new(CheckName::NodeAffinity, affinity_check),
        Check::new(CheckName::TaintToleration, taint_check),
    ]);
    (should_run, should_continue)
}

fn untolerated_message(
    t: &k8s_openapi::api::core::v1::Taint,
    tolerations: &[k8s_openapi::api::core::v1::Toleration],
) -> String {
    let mut msg = format!("untolerated taint {}", taints::describe_taint(t));
    if let Some(near) = taints::near_miss(t, tolerations) {
        msg.push_str(&format!(
            "; the pod tolerates {} only",
            taints::describe_toleration(near)
        ));
    }
    msg
}

fn node_affinity(
    profile: &DaemonSetProfile,
    node_name: &str,
    labels: &BTreeMap<String, String>,
) -> Result<Message, String> {
    if profile.namespace_selector.is_none() && profile.required_affinity.is_none() {
        // The common case: only the template's nodeSelector, whose passing text is the same on
        // every node (built once in the profile).
        if profile.node_selector.is_empty() {
            return Ok(Message::Static("no nodeSelector or required node affinity"));
        }
        affinity::match_node_selector_quiet(&profile.node_selector, labels)?;
        return Ok(Message::Shared(
            profile.messages.node_selector_matches.clone(),
        ));
    }
    let mut passed = Vec::new();
    if let Some(conflict) = profile
        .namespace_selector
        .as_ref()
        .and_then(|ns| ns.conflict.as_ref())
    {
        return Err(conflict.clone());
    }
    let own = affinity::match_node_selector(&profile.node_selector, labels)?;
    if !profile.node_selector.is_empty() {
        passed.push(own);
    }
    if let Some(ns) = &profile.namespace_selector {
        match affinity::match_node_selector(&ns.selector, labels) {
            Ok(_) => passed.push(format!(
                "namespace {} node selector {} (annotation {}) matches",
                ns.namespace,
                affinity::fmt_map(&ns.selector),
                ns.annotation
            )),
            Err(e) => {
                return Err(format!(
                    "namespace {} node selector (annotation {}, honoured by OpenShift's DaemonSet controller): {}",
                    ns.namespace,
                    ns.annotation,
                    e.trim_start_matches("nodeSelector ")
                ));
            }
        }
    }
    if let Some(req) = &profile.required_affinity {
        passed.push(affinity::match_required(req, node_name, labels)?);
    }
    if passed.is_empty() {
        Ok(Message::Static("no nodeSelector or required node affinity"))
    } else {
        Ok(Message::Text(passed.join("; ")))
    }
}

/// The scheduler's filters for the pod the controller creates (its required affinity replaced by
/// the node pin): NodeUnschedulable, NodePorts, NodeResourcesFit, and — where they apply — the
/// namespace node selector the PodNodeSelector admission plugin merged into the pod
/// (NodeAffinity) and NodeDeclaredFeatures.
pub fn scheduler_checks(profile: &DaemonSetProfile, node: &Node, usage: &NodeUsage) -> Vec<Check> {
    let mut checks = Vec::with_capacity(3);
    scheduler_checks_into(profile, node, usage, &EvalContext::default(), &mut checks);
    checks
}

/// [`scheduler_checks`], appending to `checks`; `true` when all pass.
fn scheduler_checks_into(
    profile: &DaemonSetProfile,
    node: &Node,
    usage: &NodeUsage,
    ctx: &EvalContext,
    checks: &mut Vec<Check>,
) -> bool {
    let cordoned = node
        .spec
        .as_ref()
        .and_then(|s| s.unschedulable)
        .unwrap_or(false);
    let unsched = if cordoned {
        "node is cordoned (spec.unschedulable); daemon pods tolerate node.kubernetes.io/unschedulable by default"
    } else {
        "node is schedulable"
    };
    let mut ok = true;
    if let Some(ns) = &profile.admission_selector {
        let result = admission_selector(ns, node);
        ok &= result.is_ok();
        checks.push(Check::new(
            CheckName::NodeAffinity,
            result.map(Message::Text),
        ));
    }
    if !profile.required_features.is_empty() {
        let result = declared::check(&profile.required_features, node);
        ok &= result.is_ok();
        checks.push(Check::new(
            CheckName::NodeDeclaredFeatures,
            result.map(Message::Text),
        ));
    }
    let ports = if profile.host_ports.is_empty() {
        Ok(Message::Static("no host ports requested"))
    } else {
        fit::find_port_conflicts(&profile.host_ports, usage)
            .map(|()| Message::Shared(profile.messages.host_ports_free.clone()))
            .map_err(|f| f.join("; "))
    };
    let alloc = |name: &str| fit::allocatable_of(node, name);
    let deferred = dra_deferred(profile, ctx, &alloc);
    let resources = if deferred.is_empty() {
        fit::resource_headroom(&profile.requests, alloc, usage).map(Message::Fits)
    } else {
        let mut requests = profile.requests.clone();
        requests.retain(|name, _| !deferred.iter().any(|(d, _)| d == name));
        let left: Vec<String> = deferred
            .iter()
            .map(|(name, class)| format!("{name} (DeviceClass {class})"))
            .collect();
        fit::resource_headroom(&requests, alloc, usage).map(|h| {
            Message::Text(format!(
                "{h}; {} left to the DynamicResources plugin: the node lists none in allocatable, and whether a device is free is not evaluated",
                left.join(", ")
            ))
        })
    }
    .map_err(|f| f.join("; "));
    ok &= ports.is_ok() && resources.is_ok();
    checks.extend([
        Check::new(CheckName::NodeUnschedulable, Ok(Message::Static(unsched))),
        Check::new(CheckName::NodePorts, ports),
        Check::new(CheckName::NodeResourcesFit, resources),
    ]);
    ok
}

/// The extended resources the pod requests that DRA serves instead of NodeResourcesFit
/// (DRAExtendedResource): none in the node's allocatable, and a DeviceClass maps the name.
/// `(resource, class)`.
fn dra_deferred(
    profile: &DaemonSetProfile,
    ctx: &EvalContext,
    alloc: &impl Fn(&str) -> i64,
) -> Vec<(String, String)> {
    let Some(classes) = ctx.device_classes.as_deref() else {
        return Vec::new();
    };
    if !profile.semantics.dra_extended_resources() || classes.is_empty() {
        return Vec::new();
    }
    profile
        .requests
        .iter()
        .filter(|(name, want)| **want > 0 && is_extended(name) && alloc(name) == 0)
        .filter_map(|(name, _)| {
            classes
                .iter()
                .find(|c| c.serves(name))
                .map(|c| (name.clone(), c.metadata.name.clone()))
        })
        .collect()
}

/// An extended resource (upstream `IsExtendedResourceName`): a name with a domain that is not
/// `kubernetes.io`, or DRA's implicit `deviceclass.resource.kubernetes.io/<class>`.
pub fn is_extended(name: &str) -> bool {
    name.starts_with("deviceclass.resource.kubernetes.io/")
        || (name.contains('/')
            && !name.contains("kubernetes.io/")
            && !name.starts_with("requests."))
}

/// The namespace node selector the PodNodeSelector admission plugin merges into the pod (upstream
/// Kubernetes, whose DaemonSet controller ignores it): the pod is created, then the scheduler's
/// NodeAffinity filter leaves it Pending on a node that does not match; a selector that conflicts
/// with the pod's own or cannot be parsed makes admission reject the pod (FailedCreate).
fn admission_selector(ns: &profile::NamespaceSelector, node: &Node) -> Result<String, String> {
    if let Some(conflict) = &ns.conflict {
        return Err(conflict.clone());
    }
    let empty = BTreeMap::new();
    let labels = node.metadata.labels.as_ref().unwrap_or(&empty);
    match affinity::match_node_selector(&ns.selector, labels) {
        Ok(_) => Ok(format!(
            "namespace {} node selector {} (annotation {}, merged into the pod by the PodNodeSelector admission plugin) matches",
            ns.namespace,
            affinity::fmt_map(&ns.selector),
            ns.annotation
        )),
        Err(e) => Err(format!(
            "namespace {} node selector (annotation {}, merged into the pod by the PodNodeSelector admission plugin): {}; the DaemonSet controller ignores it, so the pod is created and stays Pending",
            ns.namespace,
            ns.annotation,
            e.trim_start_matches("nodeSelector ")
        )),
    }
}

use fit::NodeUsage;

/// Evaluate one node for one DaemonSet. `usage` is what every pod bound to the node uses
/// (the DaemonSet's own pods are taken out here); `daemon_pods` are the DaemonSet's pods that
/// target this node, visible to the controller (terminal-and-deleted ones dropped).
pub fn evaluate(
    profile: &DaemonSetProfile,
    node: &Node,
    usage: &NodeUsage,
    daemon_pods: &[&Pod],
    ctx: &EvalContext,
) -> NodeVerdict {
    evaluate_with(profile, node, || usage, daemon_pods, ctx)
}

/// [`evaluate`], asking for the node's usage only when the pod is wanted there.
pub(crate) fn evaluate_with<U: std::ops::Deref<Target = NodeUsage>>(
    profile: &DaemonSetProfile,
    node: &Node,
    usage: impl FnOnce() -> U,
    daemon_pods: &[&Pod],
    ctx: &EvalContext,
) -> NodeVerdict {
    let mut checks = Vec::with_capacity(7);
    let (should_run, should_continue_running) =
        controller_decision_into(profile, node, &mut checks);
    let fits = if should_run {
        let usage = usage();
        // Only copy the usage when the DaemonSet's own pods are in it.
        let own_free;
        let free = if daemon_pods.iter().any(|p| !p.is_terminal() && p.is_bound()) {
            own_free = usage.without_with(daemon_pods, &profile.semantics);
            &own_free
        } else {
            &*usage
        };
        let mut fits = scheduler_checks_into(profile, node, free, ctx, &mut checks);
        if let Some(ip) = ctx.inter_pod.as_deref().filter(|ip| ip.applies(node)) {
            let outcome = ip.filter(node, daemon_pods);
            fits &= outcome.result.is_ok();
            checks.push(Check::new(
                CheckName::InterPodAffinity,
                outcome.result.map(Message::Text),
            ));
        }
        Some(fits)
    } else {
        None
    };
    let observed = state::observe(profile, node, should_run, daemon_pods, ctx);
    if let Some(check) = observed.check {
        checks.push(check);
    }
    NodeVerdict {
        node: node.metadata.name.clone().unwrap_or_default(),
        daemon_set: DsRef {
            namespace: profile.namespace.clone(),
            name: profile.name.clone(),
        },
        should_run,
        should_continue_running,
        fits,
        state: observed.state,
        pod: observed.pod,
        other_pods: observed.other_pods,
        checks,
        preemption: None,
        evidence: Vec::new(),
        caveats: if should_run {
            profile.unmodelled.clone()
        } else {
            Vec::new()
        },
    }
}
