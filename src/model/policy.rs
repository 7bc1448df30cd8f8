//! Slim PriorityClass (`scheduling.k8s.io/v1`) and PodDisruptionBudget (`policy/v1`), and the
//! two readings the placement evaluator makes of them: a pod's priority as the Priority
//! admission plugin resolves it, and whether a PDB selects a pod as the scheduler's preemption
//! decides it.

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use kube::core::{Selector, SelectorExt};
use serde::{Deserialize, Serialize};

/// `system-node-critical`: built into every API server (`scheduling.SystemCriticalPriority + 1000`).
pub const SYSTEM_NODE_CRITICAL: i32 = 2_000_001_000;
/// `system-cluster-critical`: built into every API server (`scheduling.SystemCriticalPriority`).
pub const SYSTEM_CLUSTER_CRITICAL: i32 = 2_000_000_000;

/// A PriorityClass: its value, whether it is the cluster default, and its preemption policy.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct PriorityClass {
    pub metadata: NameOnly,
    pub value: i32,
    pub global_default: bool,
    /// `PreemptLowerPriority` (default) or `Never`.
    pub preemption_policy: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct NameOnly {
    pub name: String,
    pub namespace: String,
}

/// A PodDisruptionBudget: its selector and how many disruptions it allows now.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct PodDisruptionBudget {
    pub metadata: NameOnly,
    pub spec: PdbSpec,
    pub status: PdbStatus,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct PdbSpec {
    pub selector: Option<LabelSelector>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct PdbStatus {
    pub disruptions_allowed: i32,
    /// Pods (by name) whose eviction the API server has already processed.
    pub disrupted_pods: BTreeMap<String, serde_json::Value>,
}

impl PodDisruptionBudget {
    /// Whether this budget covers a pod of `namespace` with `labels`, as the scheduler's
    /// preemption decides (`filterPodsWithPDBViolation`): same namespace, a pod with labels, a
    /// valid selector that is neither nil nor empty (those match nothing there) and matches.
    pub fn selects(&self, namespace: &str, labels: &BTreeMap<String, String>) -> bool {
        if self.metadata.namespace != namespace || labels.is_empty() {
            return false;
        }
        let Some(sel) = &self.spec.selector else {
            return false;
        };
        match Selector::try_from(sel.clone()) {
            Ok(s) => !s.selects_all() && s.matches(labels),
            Err(_) => false,
        }
    }
}

/// A pod's priority and preemption policy, and where they came from.
#[derive(Clone, Debug, PartialEq)]
pub struct ResolvedPriority {
    /// `None` when the pod names a PriorityClass that was not read (or does not exist).
    pub value: Option<i32>,
    /// `Never` stops the pod from preempting.
    pub preemption_never: bool,
    /// `priority N (spec.priority)`, `PriorityClass x`, `default 0 (no globalDefault class)`, …
    pub source: String,
}

/// Resolve a pod's priority as the Priority admission plugin does
/// (`plugin/pkg/admission/priority`): `spec.priority` when set (admission has already run);
/// else the named PriorityClass (the two built-in system classes are known without reading);
/// without a name, the `globalDefault` class with the lowest value, else 0. The class's
/// preemptionPolicy wins over the pod's (admission rejects a pod that disagrees). `classes` is
/// `None` when PriorityClasses were not read.
pub fn resolve_priority(
    priority: Option<i32>,
    class_name: Option<&str>,
    policy: Option<&str>,
    classes: Option<&[PriorityClass]>,
) -> ResolvedPriority {
    let class_name = class_name.filter(|n| !n.is_empty());
    let class = |name: &str| classes.and_then(|cs| cs.iter().find(|c| c.metadata.name == name));
    let class_policy = class_name
        .and_then(class)
        .and_then(|c| c.preemption_policy.as_deref());
    let never = |p: Option<&str>| p == Some("Never");
    let preemption_never = never(class_policy.or(policy));
    if let Some(p) = priority {
        return ResolvedPriority {
            value: Some(p),
            preemption_never,
            source: "spec.priority".into(),
        };
    }
    match class_name {
        Some(name) => match (class(name), name) {
            (Some(c), _) => ResolvedPriority {
                value: Some(c.value),
                preemption_never,
                source: format!("PriorityClass {name}"),
            },
            (None, "system-node-critical") => ResolvedPriority {
                value: Some(SYSTEM_NODE_CRITICAL),
                preemption_never,
                source: "PriorityClass system-node-critical".into(),
            },
            (None, "system-cluster-critical") => ResolvedPriority {
                value: Some(SYSTEM_CLUSTER_CRITICAL),
                preemption_never,
                source: "PriorityClass system-cluster-critical".into(),
            },
            (None, _) => ResolvedPriority {
                value: None,
                preemption_never,
                source: match classes {
                    Some(_) => format!("PriorityClass {name} does not exist"),
                    None => format!("PriorityClass {name} was not read"),
                },
            },
        },
        None => {
            let default = classes.and_then(|cs| {
                cs.iter()
                    .filter(|c| c.global_default)
                    .min_by_key(|c| c.value)
            });
            match (default, classes) {
                (Some(c), _) => ResolvedPriority {
                    value: Some(c.value),
                    preemption_never: never(c.preemption_policy.as_deref().or(policy)),
                    source: format!("globalDefault PriorityClass {}", c.metadata.name),
                },
                (None, Some(_)) => ResolvedPriority {
                    value: Some(0),
                    preemption_never,
                    source: "no PriorityClass: default 0".into(),
                },
                (None, None) => ResolvedPriority {
                    value: Some(0),
                    preemption_never,
                    source: "no PriorityClass: 0 unless a globalDefault class exists (PriorityClasses were not read)".into(),
                },
            }
        }
    }
}

/// [`resolve_priority`]'s value alone, without allocating its explanation: what the scheduler
/// counts for an existing pod (the hot path of preemption's candidate scan).
pub fn priority_value(
    priority: Option<i32>,
    class_name: Option<&str>,
    classes: Option<&[PriorityClass]>,
) -> Option<i32> {
    if priority.is_some() {
        return priority;
    }
    match class_name.filter(|n| !n.is_empty()) {
        Some(name) => classes
            .and_then(|cs| cs.iter().find(|c| c.metadata.name == name))
            .map(|c| c.value)
            .or(match name {
                "system-node-critical" => Some(SYSTEM_NODE_CRITICAL),
                "system-cluster-critical" => Some(SYSTEM_CLUSTER_CRITICAL),
                _ => None,
            }),
        None => Some(
            classes
                .and_then(|cs| {
                    cs.iter()
                        .filter(|c| c.global_default)
                        .min_by_key(|c| c.value)
                })
                .map_or(0, |c| c.value),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(name: &str, value: i32, default: bool, policy: Option<&str>) -> PriorityClass {
        PriorityClass {
            metadata: NameOnly {
                name: name.into(),
                namespace: String::new(),
            },
            value,
            global_default: default,
            preemption_policy: policy.map(Into::into),
        }
    }

    #[test]
    fn priority_resolves_as_admission_does() {
        let classes = vec![
            class("high", 1000, false, Some("Never")),
            class("d1", 5, true, None),
            class("d2", 3, true, None),
        ];
        let cs = Some(classes.as_slice());
        assert_eq!(resolve_priority(Some(7), None, None, cs).value, Some(7));
        let r = resolve_priority(None, Some("high"), None, cs);
        assert_eq!((r.value, r.preemption_never), (Some(1000), true));
        // The lowest globalDefault wins.
        assert_eq!(resolve_priority(None, None, None, cs).value, Some(3));
        assert_eq!(resolve_priority(None, None, None, Some(&[])).value, Some(0));
        assert_eq!(
            resolve_priority(None, Some("system-node-critical"), None, None).value,
            Some(SYSTEM_NODE_CRITICAL)
        );
        assert_eq!(resolve_priority(None, Some("nope"), None, cs).value, None);
        assert!(resolve_priority(None, None, Some("Never"), cs).preemption_never);
        for (p, c) in [
            (Some(7), None),
            (None, Some("high")),
            (None, None),
            (None, Some("system-node-critical")),
            (None, Some("nope")),
        ] {
            assert_eq!(
                priority_value(p, c, cs),
                resolve_priority(p, c, None, cs).value
            );
        }
    }

    #[test]
    fn empty_or_nil_pdb_selectors_match_nothing() {
        let labels: BTreeMap<String, String> = [("app".to_string(), "db".to_string())].into();
        let mut pdb = PodDisruptionBudget {
            metadata: NameOnly {
                name: "p".into(),
                namespace: "ns".into(),
            },
            ..Default::default()
        };
        assert!(!pdb.selects("ns", &labels));
        pdb.spec.selector = Some(LabelSelector::default());
        assert!(!pdb.selects("ns", &labels));
        pdb.spec.selector = Some(LabelSelector {
            match_labels: Some([("app".to_string(), "db".to_string())].into()),
            ..Default::default()
        });
        assert!(pdb.selects("ns", &labels));
        assert!(!pdb.selects("other", &labels));
        assert!(!pdb.selects("ns", &BTreeMap::new()));
    }
}
