//! ControllerRevision history of a DaemonSet, as kubectl's rollout history/undo and the
//! DaemonSet controller see it (spec/rollout-validate.md §3–§5).
//!
//! - Ownership: revisions whose labels match the DaemonSet's selector **and** whose controller
//!   owner reference has the DaemonSet's UID (orphans are not shown, as in kubectl).
//! - Order: by `.revision`; duplicate numbers collapse to the later one in list order.
//! - Current: the revision whose stored template equals the live template as JSON *values*
//!   (`$patch` and nulls dropped) — never by recomputing the hash, which is a Go struct dump.
//! - After an undo the controller re-numbers the matching old revision to the top, so numbers
//!   jump (`[1,2,3]` → `[1,3,4]`).

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::{ControllerRevision, DaemonSet};
use kube::core::SelectorExt;
use serde_json::Value;

use super::daemonset::{HASH_LABEL, ds_selector, strip_nulls};

/// The annotation kubectl records the change cause in.
pub const CHANGE_CAUSE: &str = "kubernetes.io/change-cause";

/// Revisions owned by `ds`, ascending by revision number, one per number.
pub fn owned<'a>(
    ds: &DaemonSet,
    revisions: &'a [ControllerRevision],
) -> Vec<&'a ControllerRevision> {
    let uid = ds.metadata.uid.as_deref().unwrap_or("");
    let ns = ds.metadata.namespace.as_deref().unwrap_or("default");
    let selector = ds_selector(ds);
    let mut by_number: BTreeMap<i64, &ControllerRevision> = BTreeMap::new();
    for r in revisions {
        if r.metadata.namespace.as_deref().unwrap_or("default") != ns {
            continue;
        }
        let labels = r.metadata.labels.clone().unwrap_or_default();
        if !selector.as_ref().is_some_and(|s| s.matches(&labels)) {
            continue;
        }
        let controller = r
            .metadata
            .owner_references
            .iter()
            .flatten()
            .find(|o| o.controller == Some(true));
        if controller.is_some_and(|o| !uid.is_empty() && o.uid == uid) {
            by_number.insert(r.revision, r);
        }
    }
    by_number.into_values().collect()
}

/// The stored pod template of a revision (`data.spec.template`, without `$patch`), as JSON.
pub fn stored_template(rev: &ControllerRevision) -> Option<Value> {
    let mut t = rev.data.as_ref()?.0.pointer("/spec/template")?.clone();
    if let Some(o) = t.as_object_mut() {
        o.remove("$patch");
    }
    Some(t)
}

/// The live template of the DaemonSet as JSON.
pub fn live_template(ds: &DaemonSet) -> Option<Value> {
    ds.spec
        .as_ref()
        .and_then(|s| serde_json::to_value(&s.template).ok())
}

/// Semantic equality of two templates: nulls and empty objects dropped at every depth.
pub fn same_template(a: &Value, b: &Value) -> bool {
    strip_nulls(a.clone()) == strip_nulls(b.clone())
}

/// The owned revision matching the live template (highest number when several match).
pub fn current<'a>(
    ds: &DaemonSet,
    owned: &[&'a ControllerRevision],
) -> Option<&'a ControllerRevision> {
    let live = live_template(ds)?;
    owned
        .iter()
        .rev()
        .find(|r| stored_template(r).is_some_and(|t| same_template(&t, &live)))
        .copied()
}

/// A revision's hash: its `controller-revision-hash` label, else its name (legacy revisions).
pub fn hash(rev: &ControllerRevision) -> String {
    rev.metadata
        .labels
        .as_ref()
        .and_then(|l| l.get(HASH_LABEL).cloned())
        .or_else(|| rev.metadata.name.clone())
        .unwrap_or_default()
}

/// The revision's change cause (`kubernetes.io/change-cause` on the revision itself).
pub fn change_cause(rev: &ControllerRevision) -> Option<String> {
    rev.metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(CHANGE_CAUSE).cloned())
        .filter(|c| !c.is_empty())
}
