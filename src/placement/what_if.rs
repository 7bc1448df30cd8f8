//! `what-if`: placement before and after a change that is not made yet — node taints, labels,
//! cordons and removals, and DaemonSet manifests.
//!
//! The changes are applied to a copy of the chosen nodes; every DaemonSet × chosen node is then
//! evaluated twice with the same evaluator as `explain-placement` ([`ClusterIndex::explain`]),
//! before and after, and the difference is classified as an [`Effect`]:
//!
//! | effect | before → after | what happens |
//! |---|---|---|
//! | `evict` | may run → may not continue running | the running pod is removed: an untolerated NoExecute taint (the taint manager), a nodeSelector or affinity that no longer matches (the DaemonSet controller deletes it), a removed node; or a NoExecute taint tolerated only for `tolerationSeconds` (removed after that many seconds) |
//! | `lose` | wanted → not wanted, may stay | an untolerated NoSchedule taint: a running pod stays, but is not recreated |
//! | `gain` | not wanted → wanted and fits | the controller creates a pod |
//! | `unfit` | (not wanted, or wanted and fits) → wanted, does not fit | the new pod would stay Pending |
//! | `fit` | wanted, does not fit → wanted and fits | a pod that did not fit now would |
//!
//! Upstream's controller (`NodeShouldRunDaemonPod`) answers `shouldContinueRunning = false` when
//! the nodeSelector or required node affinity stops matching, and `podsShouldBeOnNode` then
//! deletes the daemon pods: a label change that unselects a node evicts, it does not merely
//! lose the node.
//!
//! A cordon (`spec.unschedulable`, and the `node.kubernetes.io/unschedulable:NoSchedule` taint the
//! node lifecycle controller adds) affects only DaemonSets whose pods do not tolerate that taint;
//! the controller adds the toleration to every daemon pod, so in practice a cordon changes no
//! DaemonSet's placement.
//!
//! ```
//! use kubectl_ds::placement::what_if::{Decision, Effect, classify};
//! let wanted = Decision { should_run: true, should_continue_running: true, fits: Some(true) };
//! let stays = Decision { should_run: false, should_continue_running: true, fits: None };
//! let gone = Decision { should_run: false, should_continue_running: false, fits: None };
//! assert_eq!(classify(wanted, stays), Some(Effect::Lose));
//! assert_eq!(classify(wanted, gone), Some(Effect::Evict));
//! assert_eq!(classify(gone, wanted), Some(Effect::Gain));
//! assert_eq!(classify(wanted, wanted), None);
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::str::FromStr;

use k8s_openapi::api::apps::v1::DaemonSet;
use k8s_openapi::api::core::v1::{Node, Taint, Toleration};
use serde::Serialize;

use super::state::ClusterIndex;
use super::taints::{describe_taint, first_untolerated, tolerates};
use super::{CheckName, DaemonSetProfile, DsRef, NodeVerdict};
use crate::model::ClusterState;
use crate::model::labels::{label_value_errors, qualified_name_errors};

/// The taint the node lifecycle controller puts on a cordoned node.
pub const UNSCHEDULABLE_TAINT: &str = "node.kubernetes.io/unschedulable";

/// One change to a node, as `kubectl taint`, `kubectl label`, `kubectl cordon` and node
/// deletion would make it.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeChange {
    /// Add the taint, or replace the value of the one with the same key and effect (what
    /// `kubectl taint --overwrite` does).
    Taint(Taint),
    /// Remove the taints with this key (and effect, when given).
    Untaint(TaintKey),
    /// Set a label.
    Label(LabelSpec),
    /// Remove a label.
    Unlabel(String),
    /// `kubectl cordon`: `spec.unschedulable` and the `node.kubernetes.io/unschedulable:NoSchedule`
    /// taint.
    Cordon,
    /// `kubectl uncordon`: both removed.
    Uncordon,
    /// The node is deleted (and its pods with it).
    Remove,
}

/// `KEY[:EFFECT]` of `--untaint` (kubectl's `KEY[:EFFECT]-`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaintKey {
    pub key: String,
    pub effect: Option<String>,
}

/// `KEY=VALUE` of `--label`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelSpec {
    pub key: String,
    pub value: String,
}

const EFFECTS: [&str; 3] = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

fn check_effect(spec: &str, effect: &str) -> Result<(), String> {
    if EFFECTS.contains(&effect) {
        Ok(())
    } else {
        Err(format!(
            "invalid taint spec {spec:?}: effect {effect:?} is not one of NoSchedule, PreferNoSchedule, NoExecute"
        ))
    }
}

fn check_key(spec: &str, key: &str) -> Result<(), String> {
    match qualified_name_errors(key).as_slice() {
        [] => Ok(()),
        errs => Err(format!("invalid key in {spec:?}: {}", errs.join("; "))),
    }
}

fn check_value(spec: &str, value: &str) -> Result<(), String> {
    match label_value_errors(value).as_slice() {
        [] => Ok(()),
        errs => Err(format!("invalid value in {spec:?}: {}", errs.join("; "))),
    }
}

/// `KEY[=VALUE]:EFFECT`, as `kubectl taint` parses a taint to add.
///
/// ```
/// use kubectl_ds::placement::what_if::parse_taint;
/// let t = parse_taint("dedicated=ml:NoSchedule").unwrap();
/// assert_eq!((t.key.as_str(), t.value.as_deref(), t.effect.as_str()), ("dedicated", Some("ml"), "NoSchedule"));
/// assert_eq!(parse_taint("gpu:NoExecute").unwrap().value, None);
/// assert!(parse_taint("dedicated=ml").is_err());          // no effect
/// assert!(parse_taint("dedicated=ml:Sometimes").is_err()); // not an effect
/// ```
pub fn parse_taint(spec: &str) -> Result<Taint, String> {
    let Some((kv, effect)) = spec.split_once(':') else {
        return Err(format!(
            "invalid taint spec {spec:?}: use KEY[=VALUE]:EFFECT, e.g. dedicated=ml:NoSchedule"
        ));
    };
    if effect.contains(':') {
        return Err(format!(
            "invalid taint spec {spec:?}: use KEY[=VALUE]:EFFECT"
        ));
    }
    check_effect(spec, effect)?;
    let (key, value) = match kv.split_once('=') {
        Some((_, v)) if v.contains('=') => {
            return Err(format!(
                "invalid taint spec {spec:?}: use KEY[=VALUE]:EFFECT"
            ));
        }
        Some((k, v)) => (k, Some(v)),
        None => (kv, None),
    };
    check_key(spec, key)?;
    if let Some(v) = value {
        check_value(spec, v)?;
    }
    Ok(Taint {
        key: key.to_string(),
        value: value.filter(|v| !v.is_empty()).map(str::to_string),
        effect: effect.to_string(),
        time_added: None,
    })
}

/// `KEY[:EFFECT]`, also written as kubectl's removal form `KEY-` / `KEY:EFFECT-` (a value, as in
/// `KEY=VALUE:EFFECT-`, is accepted and ignored, as kubectl ignores it).
///
/// ```
/// use kubectl_ds::placement::what_if::parse_untaint;
/// assert_eq!(parse_untaint("dedicated-").unwrap().effect, None);
/// assert_eq!(parse_untaint("dedicated:NoSchedule").unwrap().effect.as_deref(), Some("NoSchedule"));
/// assert!(parse_untaint("dedicated:Never").is_err());
/// ```
pub fn parse_untaint(spec: &str) -> Result<TaintKey, String> {
    let body = spec.strip_suffix('-').unwrap_or(spec);
    let (kv, effect) = match body.split_once(':') {
        Some((_, e)) if e.contains(':') => {
            return Err(format!("invalid taint spec {spec:?}: use KEY[:EFFECT]"));
        }
        Some((kv, e)) => {
            check_effect(spec, e)?;
            (kv, Some(e.to_string()))
        }
        None => (body, None),
    };
    let key = match kv.split_once('=') {
        Some((k, v)) if effect.is_some() && !v.contains('=') => k,
        Some(_) => {
            return Err(format!("invalid taint spec {spec:?}: use KEY[:EFFECT]"));
        }
        None => kv,
    };
    check_key(spec, key)?;
    Ok(TaintKey {
        key: key.to_string(),
        effect,
    })
}

/// `KEY=VALUE`, as `kubectl label` takes it.
///
/// ```
/// use kubectl_ds::placement::what_if::parse_label;
/// assert_eq!(parse_label("pool=gpu").unwrap().value, "gpu");
/// assert_eq!(parse_label("example.com/tier=").unwrap().value, "");
/// assert!(parse_label("pool").is_err());
/// assert!(parse_label("pool=a b").is_err());
/// ```
pub fn parse_label(spec: &str) -> Result<LabelSpec, String> {
    let Some((key, value)) = spec.split_once('=') else {
        return Err(format!(
            "invalid label {spec:?}: use KEY=VALUE (remove a label with --unlabel KEY)"
        ));
    };
    check_key(spec, key)?;
    check_value(spec, value)?;
    Ok(LabelSpec {
        key: key.to_string(),
        value: value.to_string(),
    })
}

/// `KEY` (or kubectl's `KEY-`).
///
/// ```
/// use kubectl_ds::placement::what_if::parse_unlabel;
/// assert_eq!(parse_unlabel("pool-").unwrap(), "pool");
/// assert!(parse_unlabel("pool=gpu").is_err());
/// ```
pub fn parse_unlabel(spec: &str) -> Result<String, String> {
    let key = spec.strip_suffix('-').unwrap_or(spec);
    if key.contains('=') {
        return Err(format!(
            "invalid label key {spec:?}: --unlabel takes KEY only"
        ));
    }
    check_key(spec, key)?;
    Ok(key.to_string())
}

fn taint_matches(t: &Taint, k: &TaintKey) -> bool {
    t.key == k.key && k.effect.as_ref().is_none_or(|e| *e == t.effect)
}

impl NodeChange {
    /// The verb and argument, the way kubectl would be asked for it: `taint x=y:NoExecute`,
    /// `untaint x:NoExecute`, `label pool=gpu`, `unlabel pool`, `cordon`, `uncordon`, `remove`.
    pub fn describe(&self) -> String {
        match self {
            NodeChange::Taint(t) => format!("taint {}", describe_taint(t)),
            NodeChange::Untaint(k) => match &k.effect {
                Some(e) => format!("untaint {}:{e}", k.key),
                None => format!("untaint {}", k.key),
            },
            NodeChange::Label(l) => format!("label {}={}", l.key, l.value),
            NodeChange::Unlabel(k) => format!("unlabel {k}"),
            NodeChange::Cordon => "cordon".into(),
            NodeChange::Uncordon => "uncordon".into(),
            NodeChange::Remove => "remove".into(),
        }
    }

    /// Apply the change to `node`; `true` when the node changed. [`NodeChange::Remove`] changes
    /// nothing here: the caller drops the node.
    pub fn apply(&self, node: &mut Node) -> bool {
        let spec = node.spec.get_or_insert_with(Default::default);
        match self {
            NodeChange::Taint(t) => {
                let taints = spec.taints.get_or_insert_with(Vec::new);
                match taints
                    .iter_mut()
                    .find(|x| x.key == t.key && x.effect == t.effect)
                {
                    Some(x) if x.value == t.value => false,
                    Some(x) => {
                        x.value = t.value.clone();
                        true
                    }
                    None => {
                        taints.push(t.clone());
                        true
                    }
                }
            }
            NodeChange::Untaint(k) => {
                let taints = spec.taints.get_or_insert_with(Vec::new);
                let n = taints.len();
                taints.retain(|t| !taint_matches(t, k));
                taints.len() != n
            }
            NodeChange::Label(l) => {
                let labels = node.metadata.labels.get_or_insert_with(BTreeMap::new);
                labels.insert(l.key.clone(), l.value.clone()).as_ref() != Some(&l.value)
            }
            NodeChange::Unlabel(k) => node
                .metadata
                .labels
                .as_mut()
                .is_some_and(|l| l.remove(k).is_some()),
            NodeChange::Cordon => {
                let was = spec.unschedulable.replace(true) == Some(true);
                let taints = spec.taints.get_or_insert_with(Vec::new);
                let tainted = taints
                    .iter()
                    .any(|t| t.key == UNSCHEDULABLE_TAINT && t.effect == "NoSchedule");
                if !tainted {
                    taints.push(Taint {
                        key: UNSCHEDULABLE_TAINT.into(),
                        effect: "NoSchedule".into(),
                        value: None,
                        time_added: None,
                    });
                }
                !was || !tainted
            }
            NodeChange::Uncordon => {
                let was = spec.unschedulable.take() == Some(true);
                let taints = spec.taints.get_or_insert_with(Vec::new);
                let n = taints.len();
                taints.retain(|t| !(t.key == UNSCHEDULABLE_TAINT && t.effect == "NoSchedule"));
                was || taints.len() != n
            }
            NodeChange::Remove => false,
        }
    }
}

/// Refuse what kubectl refuses in one command: the same taint (key and effect) added twice, a
/// taint both added and removed, a label both set and removed or set twice, cordon with uncordon,
/// and removal together with any other change (there is no node left to change). With these
/// refused the changes commute, so the order of the flags does not matter.
pub fn check_conflicts(changes: &[NodeChange]) -> Result<(), String> {
    let mut taints: BTreeSet<(&str, &str)> = BTreeSet::new();
    let mut labels: BTreeSet<&str> = BTreeSet::new();
    for c in changes {
        match c {
            NodeChange::Taint(t) => {
                if !taints.insert((&t.key, &t.effect)) {
                    return Err(format!(
                        "taint {}:{} is given twice (the same key and effect)",
                        t.key, t.effect
                    ));
                }
                if let Some(NodeChange::Untaint(k)) = changes
                    .iter()
                    .find(|u| matches!(u, NodeChange::Untaint(k) if taint_matches(t, k)))
                {
                    return Err(format!(
                        "cannot both add and remove taint {} in the same what-if (--taint {} and --untaint {})",
                        t.key,
                        describe_taint(t),
                        NodeChange::Untaint(k.clone())
                            .describe()
                            .trim_start_matches("untaint ")
                    ));
                }
            }
            NodeChange::Label(l) => {
                if !labels.insert(&l.key) {
                    return Err(format!("label {} is given twice", l.key));
                }
                if changes
                    .iter()
                    .any(|u| matches!(u, NodeChange::Unlabel(k) if *k == l.key))
                {
                    return Err(format!(
                        "cannot both set and remove label {} in the same what-if",
                        l.key
                    ));
                }
            }
            _ => {}
        }
    }
    if changes.contains(&NodeChange::Cordon) && changes.contains(&NodeChange::Uncordon) {
        return Err("--cordon and --uncordon cannot be used together".into());
    }
    if changes.contains(&NodeChange::Remove) && changes.len() > 1 {
        return Err("--remove cannot be combined with other node changes".into());
    }
    Ok(())
}

/// The controller's decision and the scheduler's fit for one DaemonSet on one node (the
/// `before` / `after` members of the JSON).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Decision {
    pub should_run: bool,
    pub should_continue_running: bool,
    /// Whether the scheduler would bind the pod; `None` when it is not wanted.
    pub fits: Option<bool>,
}

impl Decision {
    /// No pod wanted, none may stay (a node that does not exist, a DaemonSet that does not).
    pub const NONE: Decision = Decision {
        should_run: false,
        should_continue_running: false,
        fits: None,
    };

    fn of(v: &NodeVerdict) -> Decision {
        Decision {
            should_run: v.should_run,
            should_continue_running: v.should_continue_running,
            fits: v.fits,
        }
    }

    /// `wanted`, `wanted, does not fit`, `not wanted, may stay`, `not wanted`.
    pub fn describe(&self) -> &'static str {
        match (self.should_run, self.should_continue_running, self.fits) {
            (true, _, Some(false)) => "wanted, does not fit",
            (true, _, _) => "wanted",
            (false, true, _) => "not wanted, may stay",
            (false, false, _) => "not wanted",
        }
    }
}

/// What a change does to one DaemonSet on one node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Effect {
    /// The running pod is removed.
    Evict,
    /// No longer wanted; the running pod stays but is not recreated.
    Lose,
    /// Wanted, but the new pod would not fit.
    Unfit,
    /// A pod will be created.
    Gain,
    /// A pod that did not fit now would.
    Fit,
}

impl Effect {
    /// Every effect, in the order a report shows them (what breaks first).
    pub const ALL: [Effect; 5] = [
        Effect::Evict,
        Effect::Lose,
        Effect::Unfit,
        Effect::Gain,
        Effect::Fit,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Evict => "evict",
            Effect::Lose => "lose",
            Effect::Unfit => "unfit",
            Effect::Gain => "gain",
            Effect::Fit => "fit",
        }
    }
}

impl fmt::Display for Effect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Effect {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Effect::ALL
            .into_iter()
            .find(|e| e.as_str() == s)
            .ok_or_else(|| format!("unknown effect {s:?}: use gain, lose, evict, unfit or fit"))
    }
}

/// [`classify`], where a pod must exist to be evicted: without a daemon pod on the node, a
/// node that may no longer keep one loses nothing if the pod was not wanted there anyway, and
/// is a `lose` if it was wanted (a pod that would have been created will not be).
///
/// ```
/// use kubectl_ds::placement::what_if::{Decision, Effect, effect_of};
/// let stays = Decision { should_run: false, should_continue_running: true, fits: None };
/// let wanted = Decision { should_run: true, should_continue_running: true, fits: Some(true) };
/// assert_eq!(effect_of(stays, Decision::NONE, true), Some(Effect::Evict));
/// assert_eq!(effect_of(stays, Decision::NONE, false), None);
/// assert_eq!(effect_of(wanted, Decision::NONE, false), Some(Effect::Lose));
/// ```
pub fn effect_of(before: Decision, after: Decision, pod_before: bool) -> Option<Effect> {
    match classify(before, after) {
        Some(Effect::Evict) if !pod_before => before.should_run.then_some(Effect::Lose),
        e => e,
    }
}

/// The effect of going from `before` to `after` on the decisions alone (the tolerationSeconds
/// eviction, which leaves the decisions as they were, is [`eviction_delay`]'s business).
pub fn classify(before: Decision, after: Decision) -> Option<Effect> {
    if before.should_continue_running && !after.should_continue_running {
        return Some(Effect::Evict);
    }
    match (before.should_run, after.should_run) {
        (true, false) => Some(Effect::Lose),
        (false, true) if after.fits == Some(false) => Some(Effect::Unfit),
        (false, true) => Some(Effect::Gain),
        (true, true) => match (before.fits, after.fits) {
            (Some(false), Some(true)) => Some(Effect::Fit),
            (Some(true) | None, Some(false)) => Some(Effect::Unfit),
            _ => None,
        },
        (false, false) => None,
    }
}

/// When the taint manager evicts a pod with `tolerations` from a node with `taints` (upstream
/// `NoExecuteTaintManager.processPodOnNode`): `None` never (no NoExecute taint, or every one
/// tolerated without `tolerationSeconds`); `Some(0)` at once (an untolerated NoExecute taint, or
/// `tolerationSeconds` ≤ 0); `Some(n)` after the smallest `tolerationSeconds` among the
/// tolerations that matched (for each taint the first matching toleration, as
/// `GetMatchingTolerations` picks it). Also returns the taint that sets the delay.
///
/// ```
/// use k8s_openapi::api::core::v1::{Taint, Toleration};
/// use kubectl_ds::placement::what_if::eviction_delay;
/// let taint = Taint { key: "x".into(), value: Some("y".into()), effect: "NoExecute".into(), time_added: None };
/// let tol = Toleration { key: Some("x".into()), operator: Some("Exists".into()),
///                        toleration_seconds: Some(300), ..Default::default() };
/// assert_eq!(eviction_delay(&[tol], std::slice::from_ref(&taint)).map(|d| d.0), Some(300));
/// assert_eq!(eviction_delay(&[], std::slice::from_ref(&taint)).map(|d| d.0), Some(0));
/// ```
pub fn eviction_delay<'t>(
    tolerations: &[Toleration],
    taints: &'t [Taint],
) -> Option<(i64, &'t Taint)> {
    let mut min: Option<(i64, &Taint)> = None;
    for t in taints.iter().filter(|t| t.effect == "NoExecute") {
        let Some(tol) = tolerations.iter().find(|tol| tolerates(tol, t)) else {
            return Some((0, t));
        };
        if let Some(secs) = tol.toleration_seconds {
            let secs = secs.max(0);
            if min.is_none_or(|(m, _)| secs < m) {
                min = Some((secs, t));
            }
        }
    }
    min
}

/// One DaemonSet × node whose placement changes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NodeEffect {
    pub node: String,
    pub before: Decision,
    pub after: Decision,
    pub effect: Effect,
    pub reason: String,
    /// The node is removed by the change (human output says so instead of "not wanted").
    #[serde(skip)]
    pub removed: bool,
}

/// The affected nodes of one DaemonSet.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DaemonSetEffects {
    pub daemon_set: DsRef,
    pub nodes: Vec<NodeEffect>,
}

/// How many DaemonSet × node pairs have each effect.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct EffectSummary {
    pub gain: usize,
    pub lose: usize,
    pub evict: usize,
    pub unfit: usize,
    pub fit: usize,
}

impl EffectSummary {
    pub fn get(&self, e: Effect) -> usize {
        match e {
            Effect::Gain => self.gain,
            Effect::Lose => self.lose,
            Effect::Evict => self.evict,
            Effect::Unfit => self.unfit,
            Effect::Fit => self.fit,
        }
    }

    fn add(&mut self, e: Effect) {
        *match e {
            Effect::Gain => &mut self.gain,
            Effect::Lose => &mut self.lose,
            Effect::Evict => &mut self.evict,
            Effect::Unfit => &mut self.unfit,
            Effect::Fit => &mut self.fit,
        } += 1;
    }
}

/// The `what-if` answer (DESIGN.md's JSON shape: `changes`, `daemonSets`, `summary`; `caveats`
/// only when something was not read).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WhatIfReport {
    pub changes: Vec<String>,
    pub daemon_sets: Vec<DaemonSetEffects>,
    pub summary: EffectSummary,
    /// What could not be read and what that leaves unknown; omitted from JSON when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub caveats: Vec<String>,
    /// Side remarks for people (e.g. why a cordon changes nothing); not part of the JSON.
    #[serde(skip)]
    pub notes: Vec<String>,
    /// How many DaemonSets and nodes were evaluated (zero effects over zero nodes is not an
    /// all-clear).
    #[serde(skip)]
    pub evaluated: (usize, usize),
    /// `--fail-on`: the effects that make the outcome "found" (exit 1).
    #[serde(skip)]
    pub fail_on: Vec<Effect>,
}

impl WhatIfReport {
    /// The `--fail-on` effects that occur.
    pub fn failing(&self) -> Vec<Effect> {
        Effect::ALL
            .into_iter()
            .filter(|e| self.fail_on.contains(e) && self.summary.get(*e) > 0)
            .collect()
    }
}

/// A DaemonSet before and after: the live one, and the manifest that replaces it (`-f`). Both
/// the same object when only nodes change; `before` is `None` for a DaemonSet that does not
/// exist yet.
#[derive(Clone, Debug)]
pub struct DaemonSetChange {
    pub before: Option<DaemonSet>,
    pub after: DaemonSet,
}

impl DaemonSetChange {
    /// A DaemonSet that only the node changes affect.
    pub fn unchanged(ds: DaemonSet) -> Self {
        DaemonSetChange {
            before: Some(ds.clone()),
            after: ds,
        }
    }

    /// `manifest` replacing `live` (or created, when `live` is `None`). The manifest takes the
    /// live object's UID, so the pods the live DaemonSet owns are its own: their requests and
    /// host ports make room for the replacement (a rolling update replaces them) instead of
    /// counting against it.
    pub fn replace(live: Option<DaemonSet>, mut manifest: DaemonSet) -> Self {
        if let Some(live) = &live {
            manifest.metadata.uid = live.metadata.uid.clone();
        }
        DaemonSetChange {
            before: live,
            after: manifest,
        }
    }
}

/// What to evaluate: node changes for the `nodes` named (all nodes of the state when `None`),
/// DaemonSet changes, and the change lines for the report.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub node_changes: Vec<NodeChange>,
    /// The chosen nodes: node changes apply to them, and only they are evaluated.
    pub nodes: Option<BTreeSet<String>>,
    pub daemonsets: Vec<DaemonSetChange>,
    /// The report's `changes`, as the command words them.
    pub changes: Vec<String>,
}

fn ds_ref(ds: &DaemonSet) -> DsRef {
    DsRef {
        namespace: ds
            .metadata
            .namespace
            .clone()
            .unwrap_or_else(|| "default".into()),
        name: ds.metadata.name.clone().unwrap_or_default(),
    }
}

fn taints_of(node: &Node) -> &[Taint] {
    node.spec
        .as_ref()
        .and_then(|s| s.taints.as_deref())
        .unwrap_or(&[])
}

/// Evaluate `plan` on `state` at time `now`. Takes the state by value: the chosen nodes are
/// changed in place between the two evaluations, so the pods (most of a big cluster) are never
/// copied.
pub fn what_if(state: ClusterState, plan: &Plan, now: i64) -> WhatIfReport {
    what_if_with(
        state,
        plan,
        now,
        &crate::model::semantics::Semantics::default(),
    )
}

/// [`what_if`], mirroring release `semantics`.
pub fn what_if_with(
    mut state: ClusterState,
    plan: &Plan,
    now: i64,
    semantics: &crate::model::semantics::Semantics,
) -> WhatIfReport {
    let chosen = |n: &Node| {
        plan.nodes.as_ref().is_none_or(|set| {
            n.metadata
                .name
                .as_deref()
                .is_some_and(|name| set.contains(name))
        })
    };
    let evaluated_nodes = state.nodes.iter().filter(|n| chosen(n)).count();

    // Before: the state as it is.
    let before: Vec<Option<Vec<NodeVerdict>>> = {
        let index = ClusterIndex::new(&state, now).with_semantics(semantics.clone());
        plan.daemonsets
            .iter()
            .map(|c| c.before.as_ref().map(|ds| index.explain(ds, chosen).nodes))
            .collect()
    };
    // The chosen nodes' taints before the change (for tolerationSeconds evictions).
    let before_taints: HashMap<String, Vec<Taint>> = if plan.node_changes.is_empty() {
        HashMap::new()
    } else {
        state
            .nodes
            .iter()
            .filter(|n| chosen(n))
            .map(|n| {
                (
                    n.metadata.name.clone().unwrap_or_default(),
                    taints_of(n).to_vec(),
                )
            })
            .collect()
    };

    // Apply the node changes to the chosen nodes.
    let removing = plan.node_changes.contains(&NodeChange::Remove);
    let mut removed: BTreeSet<String> = BTreeSet::new();
    if removing {
        state.nodes.retain(|n| {
            let keep = !chosen(n);
            if !keep {
                removed.insert(n.metadata.name.clone().unwrap_or_default());
            }
            keep
        });
    } else if !plan.node_changes.is_empty() {
        for node in state.nodes.iter_mut().filter(|n| chosen(n)) {
            for c in &plan.node_changes {
                c.apply(node);
            }
        }
    }

    // After, and the difference.
    let index = ClusterIndex::new(&state, now).with_semantics(semantics.clone());
    let after_nodes: HashMap<&str, &Node> = state
        .nodes
        .iter()
        .filter(|n| chosen(n))
        .filter_map(|n| Some((n.metadata.name.as_deref()?, n)))
        .collect();
    let mut summary = EffectSummary::default();
    let mut daemon_sets = Vec::new();
    for (change, before) in plan.daemonsets.iter().zip(before) {
        let after = index.explain(&change.after, chosen).nodes;
        let ns = change
            .after
            .metadata
            .namespace
            .as_deref()
            .unwrap_or("default");
        let tolerations =
            DaemonSetProfile::with_semantics(&change.after, state.namespace(ns), semantics)
                .tolerations;
        let after_by_node: HashMap<&str, &NodeVerdict> =
            after.iter().map(|v| (v.node.as_str(), v)).collect();
        let before_by_node: HashMap<&str, &NodeVerdict> = before
            .iter()
            .flatten()
            .map(|v| (v.node.as_str(), v))
            .collect();
        let mut names: BTreeSet<&str> = after_by_node.keys().copied().collect();
        names.extend(before_by_node.keys().copied());
        let mut nodes = Vec::new();
        for name in names {
            let b = before_by_node.get(name).copied();
            let a = after_by_node.get(name).copied();
            let after_node = after_nodes.get(name).copied();
            let pair = Pair {
                before: b,
                after: a,
                new_daemonset: change.before.is_none(),
                removed: removed.contains(name),
                tolerations: &tolerations,
                after_node,
            };
            let bd = b.map_or(Decision::NONE, Decision::of);
            let ad = a.map_or(Decision::NONE, Decision::of);
            let found = match effect_of(bd, ad, pair.pod().is_some()) {
                Some(effect) => Some((effect, reason(effect, &pair))),
                None => toleration_seconds_eviction(
                    bd,
                    ad,
                    &tolerations,
                    before_taints.get(name).map(Vec::as_slice),
                    a,
                    after_node,
                ),
            };
            if let Some((effect, reason)) = found {
                summary.add(effect);
                nodes.push(NodeEffect {
                    node: name.to_string(),
                    before: bd,
                    after: ad,
                    effect,
                    reason,
                    removed: pair.removed,
                });
            }
        }
        if !nodes.is_empty() {
            daemon_sets.push(DaemonSetEffects {
                daemon_set: ds_ref(&change.after),
                nodes,
            });
        }
    }
    daemon_sets.sort_by(|a, b| a.daemon_set.cmp(&b.daemon_set));

    let mut notes = Vec::new();
    if plan
        .node_changes
        .iter()
        .any(|c| matches!(c, NodeChange::Cordon | NodeChange::Uncordon))
    {
        notes.push(format!(
            "a cordon affects only DaemonSets whose pods do not tolerate {UNSCHEDULABLE_TAINT}:NoSchedule; the DaemonSet controller adds that toleration to every daemon pod, so their pods still run on cordoned nodes"
        ));
    }
    WhatIfReport {
        changes: plan.changes.clone(),
        daemon_sets,
        summary,
        caveats: state.caveats.clone(),
        notes,
        evaluated: (plan.daemonsets.len(), evaluated_nodes),
        fail_on: Vec::new(),
    }
}

/// One DaemonSet on one node, before and after.
struct Pair<'a> {
    before: Option<&'a NodeVerdict>,
    after: Option<&'a NodeVerdict>,
    new_daemonset: bool,
    removed: bool,
    /// The after-DaemonSet's tolerations (defaults merged).
    tolerations: &'a [Toleration],
    /// The node after the change (`None` when removed).
    after_node: Option<&'a Node>,
}

impl Pair<'_> {
    fn after_decision(&self) -> Decision {
        self.after.map_or(Decision::NONE, Decision::of)
    }

    /// `TaintToleration: untolerated taint K=V:NoExecute`, the taint that ends the pod's stay.
    fn no_execute(&self) -> String {
        let taints = self.after_node.map(taints_of).unwrap_or(&[]);
        match first_untolerated(taints, self.tolerations, |t| t.effect == "NoExecute") {
            Some(t) => format!(
                "{}: untolerated taint {}",
                CheckName::TaintToleration.as_str(),
                describe_taint(t)
            ),
            None => "no longer allowed to run here".into(),
        }
    }

    /// The daemon pod on the node before the change, by name.
    fn pod(&self) -> Option<&str> {
        self.before
            .and_then(|v| v.pod.as_ref())
            .map(|p| p.name.as_str())
    }

    /// `Check: message` of the after-state's failing check named `name`.
    fn failing(&self, names: &[CheckName]) -> Option<String> {
        self.after?
            .checks
            .iter()
            .find(|c| !c.passed && names.contains(&c.name))
            .map(|c| format!("{}: {}", c.name.as_str(), c.message))
    }

    /// `Check: message (was: message)` of the first check that failed before and passes after.
    fn now_passing(&self, names: &[CheckName]) -> Option<String> {
        let after = self.after?;
        after
            .checks
            .iter()
            .filter(|c| c.passed && names.contains(&c.name))
            .find_map(|c| {
                let was = self
                    .before?
                    .checks
                    .iter()
                    .find(|bc| bc.name == c.name && !bc.passed)?;
                Some(format!(
                    "{}: {} (was: {})",
                    c.name.as_str(),
                    c.message,
                    was.message
                ))
            })
    }
}

const CONTROLLER: [CheckName; 3] = [
    CheckName::NodeName,
    CheckName::NodeAffinity,
    CheckName::TaintToleration,
];
const FIT: [CheckName; 2] = [CheckName::NodeResourcesFit, CheckName::NodePorts];

/// Why the effect happens, and what it means for the pod.
fn reason(effect: Effect, p: &Pair) -> String {
    let pod = p.pod();
    match effect {
        Effect::Evict | Effect::Lose if p.removed => match pod {
            Some(pod) => format!("node removed: pod {pod} is deleted with it"),
            None => "node removed: the pod it was to get is not created".into(),
        },
        Effect::Evict | Effect::Lose if !p.after_decision().should_continue_running => {
            // A nodeSelector, affinity or nodeName that stops matching is the DaemonSet
            // controller's; an untolerated NoExecute taint is the taint manager's.
            let (why, by) = match p.failing(&[CheckName::NodeName, CheckName::NodeAffinity]) {
                Some(why) => (why, "the DaemonSet controller deletes"),
                None => (p.no_execute(), "the taint manager evicts"),
            };
            match pod {
                Some(pod) => format!("{why}; {by} pod {pod} at once"),
                None => format!("{why}; no pod is created"),
            }
        }
        Effect::Evict | Effect::Lose => {
            let why = p
                .failing(&CONTROLLER)
                .unwrap_or_else(|| "no longer wanted".into());
            match pod {
                Some(pod) => format!("{why}; pod {pod} keeps running but is not recreated"),
                None => format!("{why}; no pod is created"),
            }
        }
        Effect::Gain if p.new_daemonset => "new DaemonSet: the controller creates a pod".into(),
        Effect::Gain => {
            let why = p
                .now_passing(&CONTROLLER)
                .unwrap_or_else(|| "now wanted".into());
            match pod {
                Some(pod) => format!("{why}; pod {pod} is wanted again"),
                None => format!("{why}; the controller creates a pod"),
            }
        }
        Effect::Unfit => {
            let why = p
                .failing(&FIT)
                .unwrap_or_else(|| "the pod does not fit".into());
            format!("{why}; the new pod would stay Pending")
        }
        Effect::Fit => {
            let why = p.now_passing(&FIT).unwrap_or_else(|| "the pod fits".into());
            format!("{why}; the pod can now be scheduled")
        }
    }
}

/// Decisions unchanged, but a NoExecute taint is now tolerated only for `tolerationSeconds`:
/// the taint manager evicts the pod after that long, and the controller's replacement is
/// evicted again after the same time.
fn toleration_seconds_eviction(
    before: Decision,
    after: Decision,
    tolerations: &[Toleration],
    before_taints: Option<&[Taint]>,
    after_verdict: Option<&NodeVerdict>,
    after_node: Option<&Node>,
) -> Option<(Effect, String)> {
    let (before_taints, after_node) = (before_taints?, after_node?);
    if !(before.should_continue_running && after.should_continue_running) {
        return None;
    }
    if eviction_delay(tolerations, before_taints).is_some() {
        return None;
    }
    let (secs, taint) = eviction_delay(tolerations, taints_of(after_node))?;
    let when = if secs == 0 {
        "at once".to_string()
    } else {
        format!("after {secs}s")
    };
    let pod = after_verdict
        .and_then(|v| v.pod.as_ref())
        .map_or_else(|| "the pod".to_string(), |p| format!("pod {}", p.name));
    Some((
        Effect::Evict,
        format!(
            "TaintToleration: NoExecute taint {} is tolerated for {secs}s only (tolerationSeconds); the taint manager evicts {pod} {when}, and every replacement the controller creates {when} again",
            describe_taint(taint)
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(should_run: bool, scr: bool, fits: Option<bool>) -> Decision {
        Decision {
            should_run,
            should_continue_running: scr,
            fits,
        }
    }

    #[test]
    fn effects_follow_the_decisions() {
        let wanted = d(true, true, Some(true));
        let unfit = d(true, true, Some(false));
        let stays = d(false, true, None);
        let gone = Decision::NONE;
        let cases = [
            (wanted, gone, Some(Effect::Evict)),
            (stays, gone, Some(Effect::Evict)),
            (unfit, gone, Some(Effect::Evict)),
            (wanted, stays, Some(Effect::Lose)),
            (unfit, stays, Some(Effect::Lose)),
            (gone, wanted, Some(Effect::Gain)),
            (stays, wanted, Some(Effect::Gain)),
            (gone, unfit, Some(Effect::Unfit)),
            (wanted, unfit, Some(Effect::Unfit)),
            (unfit, wanted, Some(Effect::Fit)),
            (wanted, wanted, None),
            (unfit, unfit, None),
            (gone, stays, None),
            (gone, gone, None),
            (stays, stays, None),
        ];
        for (b, a, want) in cases {
            assert_eq!(classify(b, a), want, "{b:?} -> {a:?}");
        }
    }

    #[test]
    fn taint_specs_like_kubectl() {
        assert!(parse_taint("a=b=c:NoSchedule").is_err());
        assert!(parse_taint("a:b:NoSchedule").is_err());
        assert!(parse_taint("=b:NoSchedule").is_err());
        assert!(parse_taint("bad key!:NoSchedule").is_err());
        assert_eq!(parse_taint("a=:NoExecute").unwrap().value, None);
        let k = parse_untaint("a=b:NoExecute-").unwrap();
        assert_eq!(
            (k.key.as_str(), k.effect.as_deref()),
            ("a", Some("NoExecute"))
        );
        assert!(parse_untaint("a=b").is_err());
    }

    #[test]
    fn conflicting_changes_are_refused() {
        let t = NodeChange::Taint(parse_taint("a=b:NoSchedule").unwrap());
        let u = NodeChange::Untaint(parse_untaint("a").unwrap());
        let u_exec = NodeChange::Untaint(parse_untaint("a:NoExecute").unwrap());
        assert!(check_conflicts(&[t.clone(), u]).is_err());
        assert!(check_conflicts(&[t.clone(), u_exec]).is_ok());
        assert!(check_conflicts(&[t.clone(), t.clone()]).is_err());
        assert!(check_conflicts(&[t, NodeChange::Remove]).is_err());
        assert!(check_conflicts(&[NodeChange::Cordon, NodeChange::Uncordon]).is_err());
        let l = NodeChange::Label(parse_label("a=b").unwrap());
        assert!(check_conflicts(&[l.clone(), NodeChange::Unlabel("a".into())]).is_err());
        assert!(check_conflicts(&[l, NodeChange::Unlabel("b".into())]).is_ok());
    }

    #[test]
    fn changes_apply_like_kubectl() {
        let mut node = Node::default();
        let t = parse_taint("a=b:NoSchedule").unwrap();
        assert!(NodeChange::Taint(t.clone()).apply(&mut node));
        assert!(!NodeChange::Taint(t).apply(&mut node));
        assert!(NodeChange::Taint(parse_taint("a=c:NoSchedule").unwrap()).apply(&mut node));
        assert_eq!(taints_of(&node).len(), 1);
        assert_eq!(taints_of(&node)[0].value.as_deref(), Some("c"));
        assert!(NodeChange::Cordon.apply(&mut node));
        assert!(!NodeChange::Cordon.apply(&mut node));
        assert_eq!(taints_of(&node).len(), 2);
        assert!(NodeChange::Uncordon.apply(&mut node));
        assert_eq!(taints_of(&node).len(), 1);
        assert!(NodeChange::Untaint(parse_untaint("a").unwrap()).apply(&mut node));
        assert!(taints_of(&node).is_empty());
        assert!(NodeChange::Label(parse_label("p=q").unwrap()).apply(&mut node));
        assert!(NodeChange::Unlabel("p".into()).apply(&mut node));
        assert!(!NodeChange::Unlabel("p".into()).apply(&mut node));
    }

    #[test]
    fn eviction_delay_is_the_taint_managers() {
        let t = |k: &str| Taint {
            key: k.into(),
            effect: "NoExecute".into(),
            ..Default::default()
        };
        let tol = |k: &str, secs: Option<i64>| Toleration {
            key: Some(k.into()),
            operator: Some("Exists".into()),
            toleration_seconds: secs,
            ..Default::default()
        };
        let taints = [t("a"), t("b")];
        assert_eq!(
            eviction_delay(&[tol("a", None), tol("b", None)], &taints),
            None
        );
        assert_eq!(
            eviction_delay(&[tol("a", Some(60)), tol("b", None)], &taints).map(|d| d.0),
            Some(60)
        );
        assert_eq!(
            eviction_delay(&[tol("a", Some(60)), tol("b", Some(30))], &taints)
                .map(|d| d.1.key.as_str()),
            Some("b")
        );
        assert_eq!(
            eviction_delay(&[tol("a", None)], &taints).map(|d| d.0),
            Some(0)
        );
        assert_eq!(
            eviction_delay(&[tol("a", Some(-5)), tol("b", None)], &taints).map(|d| d.0),
            Some(0)
        );
        // The first matching toleration decides for its taint, as GetMatchingTolerations picks.
        assert_eq!(
            eviction_delay(
                &[tol("a", Some(10)), tol("a", None), tol("b", None)],
                &taints
            )
            .map(|d| d.0),
            Some(10)
        );
    }
}
