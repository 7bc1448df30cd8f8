//! The scheduler's `InterPodAffinity` filter for the daemon pod, over model types only.
//!
//! Upstream: `pkg/scheduler/framework/plugins/interpodaffinity/filtering.go` (PreFilter builds
//! three topology-pair counts over every node's pods; Filter checks the node's labels against
//! them) and `pkg/scheduler/framework/types.go` (`AffinityTerm.Matches`). The controller itself
//! ignores inter-pod affinity (`shouldRun` is unaffected), so a failure here leaves the created pod
//! Pending. Filter order, first failure wins:
//!
//! 1. the pod's own required **affinity** (`UnschedulableAndUnresolvable`, preemption cannot help):
//!    every term's topologyKey must be a label of the node, and in that topology domain some
//!    existing pod must match *all* the terms — unless no pod in the cluster matches them and the
//!    pod matches its own terms (the first pod of a group that wants to be together);
//! 2. the pod's own required **anti-affinity** (`Unschedulable`): no existing pod matching a term
//!    in the node's domain of that term's topologyKey;
//! 3. existing pods' required **anti-affinity** (`Unschedulable`): no existing pod whose term
//!    matches this pod in any domain the node is in.
//!
//! A term selects pods in its `namespaces`, or in namespaces matched by its `namespaceSelector`
//! (`{}`: all), or — neither given — in its own pod's namespace; a nil `labelSelector` selects
//! nothing. Existing pods: bound, not terminal (the scheduler's pod informer skips terminal
//! pods). The DaemonSet's own pods on the evaluated node are left out, as for fit: the new pod
//! replaces them. Preemption removes pods only from the evaluated node, so a blocking pod on
//! another node of the domain can never be preempted away.

use std::collections::{BTreeMap, HashMap};

use k8s_openapi::api::core::v1::{Node, PodAffinityTerm};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use kube::core::{Selector, SelectorExt};

use crate::model::pod::Pod;

/// The scheduler's reasons (`ErrReason…` in filtering.go).
pub const AFFINITY_REASON: &str = "node(s) didn't match pod affinity rules";
pub const ANTI_AFFINITY_REASON: &str = "node(s) didn't match pod anti-affinity rules";
pub const EXISTING_ANTI_AFFINITY_REASON: &str =
    "node(s) didn't satisfy existing pods anti-affinity rules";

/// `framework.AffinityTerm`: a term with its namespaces resolved.
#[derive(Clone, Debug)]
struct Term {
    namespaces: Vec<String>,
    /// `None`: no namespaceSelector (matches no namespace by labels).
    namespace_selector: Option<Selector>,
    /// `None`: nil or unparsable labelSelector (matches nothing).
    selector: Option<Selector>,
    topology_key: String,
    /// `app=db` / `app in (a,b)` for messages.
    text: String,
}

impl Term {
    /// The term of a pod in `owner_ns`.
    fn new(t: &PodAffinityTerm, owner_ns: &str) -> Term {
        let namespace_selector = t
            .namespace_selector
            .clone()
            .map(|s| Selector::try_from(s).ok());
        let mut namespaces = t.namespaces.clone().unwrap_or_default();
        if namespaces.is_empty() && namespace_selector.is_none() {
            namespaces.push(owner_ns.to_string());
        }
        Term {
            namespaces,
            // An unparsable namespaceSelector matches nothing (the API server rejects it anyway).
            namespace_selector: namespace_selector.map(|s| s.unwrap_or_else(nothing)),
            selector: t
                .label_selector
                .clone()
                .and_then(|s| Selector::try_from(s).ok()),
            topology_key: t.topology_key.clone(),
            text: describe_selector(t.label_selector.as_ref()),
        }
    }

    /// `AffinityTerm.Matches`: the pod's namespace is selected (by name, or its labels by the
    /// namespaceSelector) and its labels match.
    fn matches(
        &self,
        ns: &str,
        labels: &BTreeMap<String, String>,
        ns_labels: &BTreeMap<String, String>,
    ) -> bool {
        let ns_ok = self.namespaces.iter().any(|n| n == ns)
            || self
                .namespace_selector
                .as_ref()
                .is_some_and(|s| s.matches(ns_labels));
        ns_ok && self.selector.as_ref().is_some_and(|s| s.matches(labels))
    }

    fn uses_namespace_selector(&self) -> bool {
        self.namespace_selector
            .as_ref()
            .is_some_and(|s| !s.selects_all())
    }
}

/// The term as the API server writes it into a created pod (pod strategy
/// `applyMatchLabelKeysAndMismatchLabelKeys`, gate MatchLabelKeysInPodAffinity): each key of
/// `matchLabelKeys` that the pod carries as a label adds `key in (value)` to the labelSelector,
/// each of `mismatchLabelKeys` adds `key notin (value)`; keys the pod lacks add nothing, and a
/// nil labelSelector stays nil (it matches nothing either way).
pub fn with_label_keys(t: &PodAffinityTerm, labels: &BTreeMap<String, String>) -> PodAffinityTerm {
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelectorRequirement;
    let mut out = t.clone();
    let Some(selector) = out.label_selector.as_mut() else {
        return out;
    };
    let keys = |keys: &Option<Vec<String>>, operator: &str| {
        keys.iter()
            .flatten()
            .filter_map(|k| {
                labels.get(k).map(|v| LabelSelectorRequirement {
                    key: k.clone(),
                    operator: operator.to_string(),
                    values: Some(vec![v.clone()]),
                })
            })
            .collect::<Vec<_>>()
    };
    let added: Vec<_> = keys(&t.match_label_keys, "In")
        .into_iter()
        .chain(keys(&t.mismatch_label_keys, "NotIn"))
        .collect();
    if !added.is_empty() {
        selector
            .match_expressions
            .get_or_insert_default()
            .extend(added);
    }
    out
}

/// The label every namespace carries (since 1.21): what is known of one that was not read.
fn name_label(ns: &str) -> BTreeMap<String, String> {
    [("kubernetes.io/metadata.name".to_string(), ns.to_string())].into()
}

fn nothing() -> Selector {
    // `k in ()` matches no label set.
    Selector::from_iter([kube::core::Expression::In(
        "kubectl-ds.io/nothing".into(),
        Default::default(),
    )])
}

/// `app=db,tier in (a,b)`, or `<nil>` for a nil selector (matches nothing).
pub fn describe_selector(s: Option<&LabelSelector>) -> String {
    let Some(s) = s else {
        return "<nil>".into();
    };
    let mut parts: Vec<String> = s
        .match_labels
        .iter()
        .flatten()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    for e in s.match_expressions.iter().flatten() {
        let values = e.values.clone().unwrap_or_default().join(",");
        parts.push(match e.operator.as_str() {
            "Exists" => e.key.clone(),
            "DoesNotExist" => format!("!{}", e.key),
            op => format!("{} {} ({values})", e.key, op.to_lowercase()),
        });
    }
    if parts.is_empty() {
        "<all>".into()
    } else {
        parts.join(",")
    }
}

/// An existing pod, as far as this filter reads it.
#[derive(Clone, Copy, Debug)]
pub struct ExistingPod<'a> {
    pub namespace: &'a str,
    pub name: &'a str,
    pub node: &'a str,
    pub labels: &'a BTreeMap<String, String>,
    /// Its required anti-affinity terms.
    pub anti_affinity: &'a [PodAffinityTerm],
}

/// An existing pod with required anti-affinity, its terms processed once for every DaemonSet
/// evaluated against the same state ([`anti_pods`]).
#[derive(Clone, Debug)]
pub struct AntiPod<'a> {
    pub pod: ExistingPod<'a>,
    terms: Vec<Term>,
}

/// The pods among `pods` with required anti-affinity, their terms processed.
pub fn anti_pods<'a>(pods: impl Iterator<Item = ExistingPod<'a>>) -> Vec<AntiPod<'a>> {
    pods.filter(|p| !p.anti_affinity.is_empty())
        .map(|pod| AntiPod {
            terms: pod
                .anti_affinity
                .iter()
                .map(|t| Term::new(t, pod.namespace))
                .collect(),
            pod,
        })
        .collect()
}

/// A pod counted in a topology pair.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Holder {
    key: String,
    node: String,
}

type Pair = (String, String);
type Counts = HashMap<Pair, Vec<Holder>>;

/// The daemon pod as this filter reads it.
pub struct Incoming<'a> {
    pub namespace: &'a str,
    pub labels: &'a BTreeMap<String, String>,
    pub affinity: &'a [PodAffinityTerm],
    pub anti_affinity: &'a [PodAffinityTerm],
}

/// PreFilter's state for one DaemonSet's pod: built once, then [`InterPod::filter`] per node.
#[derive(Clone, Debug, Default)]
pub struct InterPod {
    existing_anti: Counts,
    affinity_terms: Vec<Term>,
    anti_terms: Vec<Term>,
    /// For each pair, the pods matching *all* affinity terms (counted once per term).
    affinity_counts: Counts,
    anti_counts: Counts,
    /// [`Self::anti_counts`] and [`Self::existing_anti`] of the pods nominated to a node, each
    /// counted on that node alone ([`InterPod::add_nominated`]).
    nominated_anti: Counts,
    nominated_existing: Counts,
    /// The pod matches all its own affinity terms.
    self_match: bool,
    /// What this filter could not read, per DaemonSet.
    pub caveats: Vec<String>,
}

/// The outcome on one node.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub result: Result<String, String>,
    /// The pod's own affinity failed: preemption cannot help.
    pub unresolvable: bool,
    /// Pods on this node that keep the pod off it (preemption may remove them).
    pub blockers_here: Vec<String>,
    /// Pods on other nodes of the domain that keep it off (preemption cannot remove them).
    pub blockers_elsewhere: Vec<String>,
}

impl InterPod {
    /// PreFilter: `pods` are every existing pod the state holds, `node_labels` the labels of
    /// every node read, `ns_labels` a namespace's labels (`None`: not read).
    /// `anti_pods` are those of `pods` with required anti-affinity ([`anti_pods`]).
    pub fn new<'a>(
        incoming: &Incoming,
        pods: impl Iterator<Item = ExistingPod<'a>>,
        anti_pods: &[AntiPod<'a>],
        node_labels: &HashMap<&str, &BTreeMap<String, String>>,
        ns_labels: &dyn Fn(&str) -> Option<BTreeMap<String, String>>,
    ) -> InterPod {
        let mut out = InterPod {
            affinity_terms: incoming
                .affinity
                .iter()
                .map(|t| Term::new(t, incoming.namespace))
                .collect(),
            anti_terms: incoming
                .anti_affinity
                .iter()
                .map(|t| Term::new(t, incoming.namespace))
                .collect(),
            ..Default::default()
        };
        let mut unread_ns = false;
        let mut labels_of = |ns: &str| match ns_labels(ns) {
            Some(l) => l,
            None => {
                unread_ns = true;
                name_label(ns)
            }
        };
        let own_ns_labels = labels_of(incoming.namespace);
        let mut ns_selector_used = false;
        // 3. existing pods' anti-affinity against the incoming pod.
        for AntiPod { pod: p, terms } in anti_pods {
            let Some(labels) = node_labels.get(p.node) else {
                continue;
            };
            for term in terms {
                ns_selector_used |= term.uses_namespace_selector();
                if term.matches(incoming.namespace, incoming.labels, &own_ns_labels)
                    && let Some(v) = labels.get(&term.topology_key)
                {
                    push(&mut out.existing_anti, &term.topology_key, v, p);
                }
            }
        }
        // 1, 2. the incoming pod's terms against every existing pod.
        if !out.affinity_terms.is_empty() || !out.anti_terms.is_empty() {
            ns_selector_used |= out
                .affinity_terms
                .iter()
                .chain(&out.anti_terms)
                .any(Term::uses_namespace_selector);
            let mut cache: HashMap<String, BTreeMap<String, String>> = HashMap::new();
            for p in pods {
                let Some(labels) = node_labels.get(p.node) else {
                    continue;
                };
                if !cache.contains_key(p.namespace) {
                    cache.insert(p.namespace.to_string(), labels_of(p.namespace));
                }
                let pl = &cache[p.namespace];
                if !out.affinity_terms.is_empty()
                    && out
                        .affinity_terms
                        .iter()
                        .all(|t| t.matches(p.namespace, p.labels, pl))
                {
                    for t in &out.affinity_terms {
                        if let Some(v) = labels.get(&t.topology_key) {
                            push(&mut out.affinity_counts, &t.topology_key, v, &p);
                        }
                    }
                }
                for t in &out.anti_terms {
                    if t.matches(p.namespace, p.labels, pl)
                        && let Some(v) = labels.get(&t.topology_key)
                    {
                        push(&mut out.anti_counts, &t.topology_key, v, &p);
                    }
                }
            }
            out.self_match = !out.affinity_terms.is_empty()
                && out
                    .affinity_terms
                    .iter()
                    .all(|t| t.matches(incoming.namespace, incoming.labels, &own_ns_labels));
        }
        if unread_ns && ns_selector_used {
            out.caveats.push(
                "namespaces not read: inter-pod affinity terms with a namespaceSelector were matched on namespace names only".into(),
            );
        }
        out
    }

    /// Pods a preemption nominated to a node (`ExistingPod::node`), of the daemon pod's priority
    /// or higher — the caller picks them. The scheduler adds them to that node before it filters
    /// it (framework `addGENominatedPods`, the plugin's `AddPod`), so on that node alone they
    /// count as existing pods for both anti-affinity checks. Pod affinity stays as without them:
    /// a pod must pass both ways, and for affinity "without" is the stricter.
    pub fn add_nominated<'a>(
        &mut self,
        incoming: &Incoming,
        pods: impl Iterator<Item = ExistingPod<'a>>,
        node_labels: &HashMap<&str, &BTreeMap<String, String>>,
        ns_labels: &dyn Fn(&str) -> Option<BTreeMap<String, String>>,
    ) {
        // A namespace not read has only its name label.
        let labels_of = |ns: &str| ns_labels(ns).unwrap_or_else(|| name_label(ns));
        let own_ns_labels = labels_of(incoming.namespace);
        for p in pods {
            let Some(labels) = node_labels.get(p.node) else {
                continue;
            };
            let pod_ns_labels = labels_of(p.namespace);
            for t in &self.anti_terms {
                if t.matches(p.namespace, p.labels, &pod_ns_labels)
                    && let Some(v) = labels.get(&t.topology_key)
                {
                    push(&mut self.nominated_anti, &t.topology_key, v, &p);
                }
            }
            for t in p.anti_affinity.iter().map(|t| Term::new(t, p.namespace)) {
                if t.matches(incoming.namespace, incoming.labels, &own_ns_labels)
                    && let Some(v) = labels.get(&t.topology_key)
                {
                    push(&mut self.nominated_existing, &t.topology_key, v, &p);
                }
            }
        }
    }

    /// Something can fail on `node`: the pod has required pod (anti-)affinity, or an existing
    /// pod's required anti-affinity matches it in a topology domain the node is in. Otherwise
    /// the check is left out of the verdict (so a verdict does not depend on how many other
    /// nodes' pods were read).
    pub fn applies(&self, node: &Node) -> bool {
        if !self.affinity_terms.is_empty() || !self.anti_terms.is_empty() {
            return true;
        }
        let name = node.metadata.name.as_deref().unwrap_or("");
        if self
            .nominated_existing
            .values()
            .flatten()
            .any(|h| h.node == name)
        {
            return true;
        }
        if self.existing_anti.is_empty() {
            return false;
        }
        node.metadata
            .labels
            .iter()
            .flatten()
            .any(|(k, v)| self.existing_anti.contains_key(&(k.clone(), v.clone())))
    }

    /// Filter on `node`; `own` are the DaemonSet's pods targeting it (left out: replaced).
    pub fn filter(&self, node: &Node, own: &[&Pod]) -> Outcome {
        let name = node.metadata.name.as_deref().unwrap_or("");
        let empty = BTreeMap::new();
        let labels = node.metadata.labels.as_ref().unwrap_or(&empty);
        let counted = |h: &&Holder| {
            !(h.node == name
                && own.iter().any(|p| {
                    h.key.split_once('/') == Some((&p.metadata.namespace, &p.metadata.name))
                }))
        };
        let live = |c: &Counts, k: &str, v: &str| -> Vec<Holder> {
            c.get(&(k.to_string(), v.to_string()))
                .into_iter()
                .flatten()
                .filter(counted)
                .cloned()
                .collect()
        };
        // The pods nominated to this node, in pair (k, v).
        let nominated_here = |c: &Counts, k: &str, v: &str| -> Vec<Holder> {
            let mut here = live(c, k, v);
            here.retain(|h| h.node == name);
            here
        };
        const NOMINATED: &str = "nominated to this node by a preemption";
        let mut passed = Vec::new();
        // 1. own affinity.
        if !self.affinity_terms.is_empty() {
            let mut missing = Vec::new();
            for t in &self.affinity_terms {
                match labels.get(&t.topology_key) {
                    None => {
                        return Outcome {
                            result: Err(format!(
                                "{AFFINITY_REASON}: the node has no label {} (topologyKey of the pod's required affinity to {})",
                                t.topology_key, t.text
                            )),
                            unresolvable: true,
                            blockers_here: Vec::new(),
                            blockers_elsewhere: Vec::new(),
                        };
                    }
                    Some(v) if live(&self.affinity_counts, &t.topology_key, v).is_empty() => {
                        missing.push(format!("{} in {}={v}", t.text, t.topology_key));
                    }
                    Some(v) => passed.push(format!(
                        "a pod matching the pod's required affinity ({}) runs in {}={v}",
                        t.text, t.topology_key
                    )),
                }
            }
            if !missing.is_empty() {
                let none_anywhere = self
                    .affinity_counts
                    .values()
                    .flatten()
                    .all(|h| !counted(&h));
                if none_anywhere && self.self_match {
                    passed.clear();
                    passed.push(
                        "no pod matches the pod's required affinity yet and the pod matches its own terms (the first of its group)".to_string(),
                    );
                } else {
                    return Outcome {
                        result: Err(format!(
                            "{AFFINITY_REASON}: no pod matching {}",
                            missing.join("; ")
                        )),
                        unresolvable: true,
                        blockers_here: Vec::new(),
                        blockers_elsewhere: Vec::new(),
                    };
                }
            }
        }
        // 2. own anti-affinity, 3. existing pods' anti-affinity.
        let mut blockers: Vec<Holder> = Vec::new();
        let mut reasons = Vec::new();
        for t in &self.anti_terms {
            if let Some(v) = labels.get(&t.topology_key) {
                for h in live(&self.anti_counts, &t.topology_key, v) {
                    reasons.push(format!(
                        "pod {} ({}) matches the pod's required anti-affinity to {} in {}={v}",
                        h.key,
                        where_(&h, name),
                        t.text,
                        t.topology_key
                    ));
                    blockers.push(h);
                }
                for h in nominated_here(&self.nominated_anti, &t.topology_key, v) {
                    reasons.push(format!(
                        "pod {} ({NOMINATED}) matches the pod's required anti-affinity to {} in {}={v}",
                        h.key, t.text, t.topology_key
                    ));
                    blockers.push(h);
                }
            }
        }
        let mut reason = ANTI_AFFINITY_REASON;
        if blockers.is_empty() {
            if !self.anti_terms.is_empty() {
                passed.push("no pod matches the pod's required anti-affinity here".into());
            }
            reason = EXISTING_ANTI_AFFINITY_REASON;
            if !self.existing_anti.is_empty() || !self.nominated_existing.is_empty() {
                for (k, v) in labels {
                    for h in live(&self.existing_anti, k, v) {
                        reasons.push(format!(
                            "pod {} ({}) has required anti-affinity against this pod in {k}={v}",
                            h.key,
                            where_(&h, name)
                        ));
                        blockers.push(h);
                    }
                    for h in nominated_here(&self.nominated_existing, k, v) {
                        reasons.push(format!(
                            "pod {} ({NOMINATED}) has required anti-affinity against this pod in {k}={v}",
                            h.key
                        ));
                        blockers.push(h);
                    }
                }
                if blockers.is_empty() {
                    passed.push(
                        "no existing pod's required anti-affinity matches this pod here".into(),
                    );
                }
            }
        }
        if blockers.is_empty() {
            return Outcome {
                result: Ok(passed.join("; ")),
                unresolvable: false,
                blockers_here: Vec::new(),
                blockers_elsewhere: Vec::new(),
            };
        }
        let (here, elsewhere): (Vec<Holder>, Vec<Holder>) =
            blockers.into_iter().partition(|h| h.node == name);
        let keys = |v: Vec<Holder>| {
            let mut k: Vec<String> = v.into_iter().map(|h| h.key).collect();
            k.sort();
            k.dedup();
            k
        };
        Outcome {
            result: Err(format!("{reason}: {}", reasons.join("; "))),
            unresolvable: false,
            blockers_here: keys(here),
            blockers_elsewhere: keys(elsewhere),
        }
    }
}

fn where_(h: &Holder, node: &str) -> String {
    if h.node == node {
        "on this node".into()
    } else {
        format!("on {}", h.node)
    }
}

fn push(c: &mut Counts, key: &str, value: &str, p: &ExistingPod) {
    let list = c.entry((key.to_string(), value.to_string())).or_default();
    let h = Holder {
        key: format!("{}/{}", p.namespace, p.name),
        node: p.node.to_string(),
    };
    if !list.contains(&h) {
        list.push(h);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(v: serde_json::Value) -> PodAffinityTerm {
        serde_json::from_value(v).unwrap()
    }

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn selectors_print_as_kubectl_writes_them() {
        let s: LabelSelector = serde_json::from_value(serde_json::json!({
            "matchLabels": {"app": "db"},
            "matchExpressions": [
                {"key": "tier", "operator": "In", "values": ["a", "b"]},
                {"key": "canary", "operator": "DoesNotExist"},
                {"key": "zone", "operator": "Exists"}
            ]
        }))
        .unwrap();
        assert_eq!(
            describe_selector(Some(&s)),
            "app=db,tier in (a,b),!canary,zone"
        );
        assert_eq!(describe_selector(None), "<nil>");
        assert_eq!(describe_selector(Some(&LabelSelector::default())), "<all>");
    }

    #[test]
    fn term_namespaces_default_to_the_owner_and_selectors_match_labels() {
        let pod = labels(&[("app", "db")]);
        let none = BTreeMap::new();
        let own = Term::new(
            &term(
                serde_json::json!({"labelSelector": {"matchLabels": {"app": "db"}},
                                     "topologyKey": "k"}),
            ),
            "shop",
        );
        assert!(own.matches("shop", &pod, &none));
        assert!(!own.matches("other", &pod, &none));
        let all = Term::new(
            &term(
                serde_json::json!({"labelSelector": {"matchLabels": {"app": "db"}},
                                     "namespaceSelector": {}, "topologyKey": "k"}),
            ),
            "shop",
        );
        assert!(all.matches("other", &pod, &none));
        assert!(!all.uses_namespace_selector());
        let team = Term::new(
            &term(
                serde_json::json!({"labelSelector": {"matchLabels": {"app": "db"}},
                                     "namespaceSelector": {"matchLabels": {"team": "a"}},
                                     "topologyKey": "k"}),
            ),
            "shop",
        );
        assert!(team.uses_namespace_selector());
        assert!(team.matches("x", &pod, &labels(&[("team", "a")])));
        assert!(!team.matches("shop", &pod, &labels(&[("team", "b")])));
        let nil = Term::new(&term(serde_json::json!({"topologyKey": "k"})), "shop");
        assert!(!nil.matches("shop", &pod, &none));
    }
}
