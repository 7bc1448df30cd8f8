//! [`DaemonSetProfile`]: everything about a DaemonSet the evaluator needs, computed once per
//! DaemonSet (the controller's simulated pod), so that evaluating a node is cheap.

use std::collections::BTreeMap;
use std::sync::Arc;

use k8s_openapi::api::apps::v1::DaemonSet;
use k8s_openapi::api::core::v1::{NodeSelector, PodAffinityTerm, PodSpec, Toleration};

use super::affinity::fmt_map;
use super::fit::{Resources, host_ports_free, host_ports_with, pod_requests_with};
use super::taints::with_default_tolerations;
use crate::model::Namespace;
use crate::model::pod::{HostPort, PodSpecLite};
use crate::model::semantics::Semantics;

/// The PodNodeSelector admission plugin's namespace annotation (upstream and OpenShift).
pub const POD_NODE_SELECTOR: &str = "scheduler.alpha.kubernetes.io/node-selector";
/// OpenShift's project node selector annotation.
pub const OPENSHIFT_NODE_SELECTOR: &str = "openshift.io/node-selector";

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
    /// A namespace node selector the *controller* honours (OpenShift's project node selector):
    /// a node that does not match is not wanted.
    pub namespace_selector: Option<NamespaceSelector>,
    /// A namespace node selector the PodNodeSelector *admission* plugin merges into the pod
    /// (upstream Kubernetes): the controller ignores it, so the pod is created, and then the
    /// scheduler leaves it Pending on a node that does not match (or admission rejects it).
    pub admission_selector: Option<NamespaceSelector>,
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
    /// `hostNetwork` with `hostUsers: false`, restart rules that restart all containers: what
    /// the NodeDeclaredFeatures filter infers the pod needs (see [`super::declared`]).
    pub required_features: Vec<&'static str>,
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
    /// The release, gates and distribution mirrored.
    pub semantics: Semantics,
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
    /// Build the profile of `ds` as the newest modelled release sees it; `namespace` (when
    /// known) contributes its default node selector.
    pub fn new(ds: &DaemonSet, namespace: Option<&Namespace>) -> Self {
        Self::with_semantics(ds, namespace, &Semantics::default())
    }

    /// Build the profile of `ds` as release `semantics` sees it.
    pub fn with_semantics(
        ds: &DaemonSet,
        namespace: Option<&Namespace>,
        semantics: &Semantics,
    ) -> Self {
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
        let (namespace_selector, admission_selector) = match namespace {
            None => (None, None),
            Some(ns) if semantics.openshift() => (openshift_selector(ns), None),
            Some(ns) => (None, namespace_selector(ns, &node_selector)),
        };
        let host_ports = host_ports_with(&lite, semantics);
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
            admission_selector,
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
            requests: pod_requests_with(&lite, semantics),
            host_ports,
            min_ready_seconds: spec.and_then(|s| s.min_ready_seconds).unwrap_or(0).into(),
            priority: lite.priority,
            priority_class_name: lite.priority_class_name.clone(),
            preemption_policy: lite.preemption_policy.clone(),
            required_features: if semantics.node_declared_features() {
                super::declared::required_features(&lite)
            } else {
                Vec::new()
            },
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
            semantics: semantics.clone(),
        }
    }
}

/// Read the namespace's PodNodeSelector annotation (`k=v,k2=v2`) and check it against the
/// pod's own nodeSelector as admission does (`labels.Conflicts`).
fn namespace_selector(
    ns: &Namespace,
    pod_selector: &BTreeMap<String, String>,
) -> Option<NamespaceSelector> {
    let annotation = POD_NODE_SELECTOR;
    let raw = ns.metadata.annotations.get(annotation)?;
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
                "namespace {} default node selector {raw:?} (annotation {annotation}) cannot be parsed ({bad:?} is not key=value): the PodNodeSelector admission plugin rejects every daemon pod the controller creates (FailedCreate)",
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
                "namespace {} default node selector {k}={v} (annotation {annotation}) conflicts with the template's nodeSelector {k}={pv}: the PodNodeSelector admission plugin rejects every daemon pod the controller creates (FailedCreate)",
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

/// Parse `k=v,k2==v2` (`labels.ConvertSelectorToLabelsMap`); `None` when a part is not `k=v`.
fn parse_selector(raw: &str) -> Option<BTreeMap<String, String>> {
    let mut selector = BTreeMap::new();
    for part in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=')?;
        let v = v.strip_prefix('=').unwrap_or(v);
        selector.insert(k.trim().to_string(), v.trim().to_string());
    }
    Some(selector)
}

/// What OpenShift's DaemonSet controller requires of a node, from the namespace (spec §4.7,
/// openshift/kubernetes `pkg/controller/daemon` `nodeSelectorMatches`): the PodNodeSelector
/// annotation when the namespace has one, else its `openshift.io/node-selector` annotation
/// (the cluster-wide defaults, which live in the cluster's scheduler configuration, are not
/// read). An empty annotation matches every node; an unparsable one is ignored.
fn openshift_selector(ns: &Namespace) -> Option<NamespaceSelector> {
    let annotations = &ns.metadata.annotations;
    let (annotation, raw) = match annotations.get(POD_NODE_SELECTOR) {
        Some(raw) => (POD_NODE_SELECTOR, raw),
        None => (
            OPENSHIFT_NODE_SELECTOR,
            annotations.get(OPENSHIFT_NODE_SELECTOR)?,
        ),
    };
    let selector = parse_selector(raw).filter(|s| !s.is_empty())?;
    Some(NamespaceSelector {
        annotation: annotation.to_string(),
        namespace: ns.metadata.name.clone(),
        selector,
        conflict: None,
    })
}
