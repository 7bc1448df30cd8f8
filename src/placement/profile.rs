//! [`DaemonSetProfile`]: everything about a DaemonSet the evaluator needs, computed once per
//! DaemonSet (the controller's simulated pod), so that evaluating a node is cheap.

use std::collections::BTreeMap;
use std::sync::Arc;

use k8s_openapi::api::apps::v1::DaemonSet;
use k8s_openapi::api::core::v1::{NodeSelector, PodAffinityTerm, PodSpec, Toleration};

use super::affinity::fmt_map;
use super::fit::{Resources, host_ports, host_ports_free, pod_requests};
use super::taints::with_default_tolerations;
use crate::model::Namespace;
use crate::model::pod::{HostPort, PodSpecLite};

/// Namespace annotations that carry a default node selector merged into every pod of the namespace.
pub const NAMESPACE_SELECTOR_ANNOTATIONS: [&str; 2] = [
    "scheduler.alpha.kubernetes.io/node-selector",
    "openshift.io/node-selector",
];

/// A namespace default node selector (PodNodeSelector admission or an OpenShift project).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NamespaceSelector {
    /// The annotation it came from.
    pub annotation: String,
    pub namespace: String,
    pub selector: BTreeMap<String, String>,
    /// Set when the namespace selector and the pod's nodeSelector disagree on a key: admission
    /// rejects every pod, so no node qualifies.
    pub conflict: Option<String>,
}

/// The controller's view of one DaemonSet's pod.
#[derive(Clone, Debug, Default)]
pub struct DaemonSetProfile {
    pub namespace: String,
    pub name: String,
    pub uid: String,
    /// `template.spec.nodeName`, when set.
    pub node_name: Option<String>,
    /// The template's own `nodeSelector`.
    pub node_selector: BTreeMap<String, String>,
    pub namespace_selector: Option<NamespaceSelector>,
    pub required_affinity: Option<NodeSelector>,
    /// User tolerations merged with the default daemon tolerations.
    pub tolerations: Vec<Toleration>,
    pub host_network: bool,
    pub requests: Resources,
    pub host_ports: Vec<HostPort>,
    pub min_ready_seconds: i64,
    /// The template's `priority`, `priorityClassName` and `preemptionPolicy`, as written
    /// (resolved against the PriorityClasses by [`crate::model::policy::resolve_priority`]).
    pub priority: Option<i32>,
    pub priority_class_name: Option<String>,
    pub preemption_policy: Option<String>,
    /// Passing check texts that are the same on every node, built once.
    pub messages: SharedMessages,
    /// The template's labels (the created pod's, before the controller adds its hash labels).
    pub labels: BTreeMap<String, String>,
    /// Required pod affinity / anti-affinity terms of the template (InterPodAffinity).
    pub pod_affinity: Vec<PodAffinityTerm>,
    pub pod_anti_affinity: Vec<PodAffinityTerm>,
    /// Scheduler filters that apply to this pod and are not modelled: each verdict where the
    /// pod is wanted carries them as caveats instead of a silent "fits" (see [`unmodelled`]).
    pub unmodelled: Vec<String>,
}

/// Node-independent check texts of one DaemonSet (see [`super::message`]).
#[derive(Clone, Debug, Default)]
pub struct SharedMessages {
    /// `nodeSelector k=v matches`.
    pub node_selector_matches: Arc<str>,
    /// `host ports free: TCP/0.0.0.0:9100, …`.
    pub host_ports_free: Arc<str>,
}

impl DaemonSetProfile {
    /// Build the profile of `ds`; `namespace` (when known) contributes its default node selector.
    pub fn new(ds: &DaemonSet, namespace: Option<&Namespace>) -> Self {
        let spec = ds.spec.as_ref();
        let pod_spec = spec.and_then(|s| s.template.spec.as_ref());
        let lite: PodSpecLite = pod_spec
            .and_then(|p| serde_json::to_value(p).ok())
            .and_then(|v| serde_json::from_value(v).ok())
            .unwrap_or_default();
        let host_network = pod_spec.and_then(|p| p.host_network).unwrap_or(false);
        let node_selector = pod_spec
            .and_then(|p| p.node_selector.clone())
            .unwrap_or_default();
        let namespace_selector = namespace.and_then(|ns| namespace_selector(ns, &node_selector));
        let host_ports = host_ports(&lite);
        let messages = SharedMessages {
            node_selector_matches: format!("nodeSelector {} matches", fmt_map(&node_selector))
                .into(),
            host_ports_free: host_ports_free(&host_ports).into(),
        };
        DaemonSetProfile {
            namespace: ds
                .metadata
                .namespace
                .clone()
                .unwrap_or_else(|| "default".into()),
            name: ds.metadata.name.clone().unwrap_or_default(),
            uid: ds.metadata.uid.clone().unwrap_or_default(),
            node_name: pod_spec
                .and_then(|p| p.node_name.clone())
                .filter(|n| !n.is_empty()),
            node_selector,
            namespace_selector,
            required_affinity: pod_spec
                .and_then(|p| p.affinity.as_ref())
                .and_then(|a| a.node_affinity.as_ref())
                .and_then(|na| {
                    na.required_during_scheduling_ignored_during_execution
                        .clone()
                }),
            tolerations: with_default_tolerations(
                pod_spec
                    .and_then(|p| p.tolerations.as_deref())
                    .unwrap_or(&[]),
                host_network,
            ),
            host_network,
            requests: pod_requests(&lite),
            host_ports,
            min_ready_seconds: spec.and_then(|s| s.min_ready_seconds).unwrap_or(0).into(),
            priority: lite.priority,
            priority_class_name: lite.priority_class_name.clone(),
            preemption_policy: lite.preemption_policy.clone(),
            messages,
            labels: spec
                .and_then(|s| s.template.metadata.as_ref())
                .and_then(|m| m.labels.clone())
                .unwrap_or_default(),
            pod_affinity: lite
                .affinity
                .as_ref()
                .and_then(|a| a.pod_affinity.as_ref())
                .map(|a| {
                    a.required_during_scheduling_ignored_during_execution
                        .clone()
                })
                .unwrap_or_default(),
            pod_anti_affinity: lite
                .affinity
                .as_ref()
                .and_then(|a| a.pod_anti_affinity.as_ref())
                .map(|a| {
                    a.required_during_scheduling_ignored_during_execution
                        .clone()
                })
                .unwrap_or_default(),
            unmodelled: pod_spec.map(unmodelled).unwrap_or_default(),
        }
    }
}

/// Read a namespace's default node selector (`k=v,k2=v2`) and check it against the pod's own.
fn namespace_selector(
    ns: &Namespace,
    pod_selector: &BTreeMap<String, String>,
) -> Option<NamespaceSelector> {
    let (annotation, raw) = NAMESPACE_SELECTOR_ANNOTATIONS
        .iter()
        .find_map(|a| ns.metadata.annotations.get(*a).map(|v| (*a, v)))?;
    let mut selector = BTreeMap::new();
    let mut unparsable = None;
    for part in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        // `labels.ConvertSelectorToLabelsMap`: only `key=value` pairs (`==` allowed).
        match part.split_once('=') {
            Some((k, v)) => {
                let v = v.strip_prefix('=').unwrap_or(v);
                selector.insert(k.trim().to_string(), v.trim().to_string());
            }
            None => unparsable = Some(part.to_string()),
        }
    }
    if let Some(bad) = unparsable {
        return Some(NamespaceSelector {
            annotation: annotation.to_string(),
            namespace: ns.metadata.name.clone(),
            selector,
            conflict: Some(format!(
                "namespace {} default node selector {raw:?} (annotation {annotation}) cannot be parsed ({bad:?} is not key=value): admission rejects the daemon pods, so no node qualifies",
                ns.metadata.name
            )),
        });
    }
    if selector.is_empty() {
        return None;
    }
    let conflict = selector.iter().find_map(|(k, v)| {
        pod_selector.get(k).filter(|pv| *pv != v).map(|pv| {
            format!(
                "namespace {} default node selector {k}={v} (annotation {annotation}) conflicts with the template's nodeSelector {k}={pv}: admission rejects the daemon pods, so no node qualifies",
                ns.metadata.name
            )
        })
    });
    Some(NamespaceSelector {
        annotation: annotation.to_string(),
        namespace: ns.metadata.name.clone(),
        selector,
        conflict,
    })
}

/// The scheduler filters that apply to a pod of this spec and that the evaluator does not model,
/// in words for a caveat: volume binding (PVCs, generic ephemeral volumes), topology spread with
/// `DoNotSchedule`, dynamic resource claims. The DaemonSet controller ignores all of them
/// (`NewPod` + `predicates` in pkg/controller/daemon), so the pod is created and may then wait
/// Pending; "fits" must not hide that.
pub fn unmodelled(spec: &PodSpec) -> Vec<String> {
    let mut out = Vec::new();
    let claims: Vec<String> = spec
        .volumes
        .iter()
        .flatten()
        .filter_map(|v| {
            if let Some(pvc) = &v.persistent_volume_claim {
                Some(format!("persistentVolumeClaim {}", pvc.claim_name))
            } else {
                v.ephemeral
                    .as_ref()
                    .map(|_| format!("ephemeral volume {}", v.name))
            }
        })
        .collect();
    if !claims.is_empty() {
        out.push(format!(
            "volume filters (VolumeBinding, VolumeZone, VolumeRestrictions, NodeVolumeLimits) not evaluated: the pod uses {}",
            claims.join(", ")
        ));
    }
    let spread: Vec<String> = spec
        .topology_spread_constraints
        .iter()
        .flatten()
        .filter(|c| c.when_unsatisfiable == "DoNotSchedule")
        .map(|c| format!("{} (maxSkew {})", c.topology_key, c.max_skew))
        .collect();
    if !spread.is_empty() {
        out.push(format!(
            "PodTopologySpread not evaluated: the pod has DoNotSchedule topologySpreadConstraints on {}",
            spread.join(", ")
        ));
    }
    let rc: Vec<String> = spec
        .resource_claims
        .iter()
        .flatten()
        .map(|c| c.name.clone())
        .collect();
    if !rc.is_empty() {
        out.push(format!(
            "DynamicResources not evaluated: the pod claims resources ({})",
            rc.join(", ")
        ));
    }
    out
}
