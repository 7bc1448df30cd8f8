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
use k8s_openapi::api::core::v1::PodTemplateSpec;
use kube::core::SelectorExt;
use serde_json::Value;

use crate::placement::state::{HASH_LABEL, ds_selector, strip_nulls};

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

/// Container images of a template, init containers first.
pub fn images(template: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for key in ["initContainers", "containers"] {
        for c in template
            .pointer(&format!("/spec/{key}"))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(i) = c.get("image").and_then(Value::as_str) {
                out.push(i.to_string());
            }
        }
    }
    out
}

/// The DaemonSet as it would be at `rev`: the revision data strategic-merged onto the live object
/// (kubectl's `applyDaemonSetHistory`). Controller revisions carry `$patch: replace`, which makes
/// the result the stored template; other data is merged with strategic-merge rules.
pub fn template_at(ds: &DaemonSet, rev: &ControllerRevision) -> Option<PodTemplateSpec> {
    let mut current = serde_json::to_value(ds).ok()?;
    let patch = rev.data.as_ref()?.0.clone();
    strategic_merge(&mut current, &patch);
    serde_json::from_value(current.pointer("/spec/template")?.clone()).ok()
}

/// Merge keys of the PodSpec lists that strategic merge patch merges by key.
fn merge_key(field: &str) -> Option<&'static str> {
    match field {
        "containers"
        | "initContainers"
        | "ephemeralContainers"
        | "volumes"
        | "env"
        | "imagePullSecrets" => Some("name"),
        "ports" => Some("containerPort"),
        "volumeMounts" => Some("mountPath"),
        "volumeDevices" => Some("devicePath"),
        "hostAliases" => Some("ip"),
        "topologySpreadConstraints" => Some("topologyKey"),
        _ => None,
    }
}

/// A strategic merge patch over JSON values: maps merge recursively (`null` deletes,
/// `$patch: replace` replaces the map), lists with a known merge key merge by that key, other
/// lists are replaced.
pub fn strategic_merge(target: &mut Value, patch: &Value) {
    let Value::Object(p) = patch else {
        *target = patch.clone();
        return;
    };
    if p.get("$patch").and_then(Value::as_str) == Some("replace") {
        let mut replaced = p.clone();
        replaced.remove("$patch");
        *target = Value::Object(replaced);
        return;
    }
    if !target.is_object() {
        *target = Value::Object(Default::default());
    }
    let t = target.as_object_mut().expect("object");
    for (k, v) in p {
        if k.starts_with("$") {
            continue;
        }
        match v {
            Value::Null => {
                t.remove(k);
            }
            Value::Array(items) => match (merge_key(k), t.get_mut(k)) {
                (Some(key), Some(Value::Array(existing))) => {
                    for item in items {
                        let id = item.get(key);
                        match existing
                            .iter_mut()
                            .find(|e| id.is_some() && e.get(key) == id)
                        {
                            Some(e) => strategic_merge(e, item),
                            None => existing.push(item.clone()),
                        }
                    }
                }
                _ => {
                    t.insert(k.clone(), v.clone());
                }
            },
            Value::Object(_) => strategic_merge(t.entry(k.clone()).or_insert(Value::Null), v),
            _ => {
                t.insert(k.clone(), v.clone());
            }
        }
    }
}

/// Why an undo target could not be chosen (kubectl's messages).
#[derive(Debug, PartialEq, Eq)]
pub enum UndoTargetError {
    NoLastRevision,
    NotFound(i64),
}

impl std::fmt::Display for UndoTargetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UndoTargetError::NoLastRevision => f.write_str("no last revision to roll back to"),
            UndoTargetError::NotFound(n) => {
                write!(f, "unable to find specified revision {n} in history")
            }
        }
    }
}

/// kubectl's undo target: `to_revision == 0` → the second-highest revision; otherwise that
/// number. (Negative numbers are "not found", as upstream.)
pub fn undo_target<'a>(
    owned: &[&'a ControllerRevision],
    to_revision: i64,
) -> Result<&'a ControllerRevision, UndoTargetError> {
    if to_revision < 0 {
        return Err(UndoTargetError::NotFound(to_revision));
    }
    if to_revision == 0 {
        if owned.len() < 2 {
            return Err(UndoTargetError::NoLastRevision);
        }
        return Ok(owned[owned.len() - 2]);
    }
    owned
        .iter()
        .find(|r| r.revision == to_revision)
        .copied()
        .ok_or(UndoTargetError::NotFound(to_revision))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ds() -> DaemonSet {
        serde_json::from_value(json!({"apiVersion":"apps/v1","kind":"DaemonSet",
            "metadata":{"name":"d","namespace":"ns","uid":"u1"},
            "spec":{"selector":{"matchLabels":{"app":"d"}},
                    "template":{"metadata":{"labels":{"app":"d"}},"spec":{"containers":[{"name":"c","image":"v2"}]}}}}))
        .unwrap()
    }

    fn rev(name: &str, n: i64, image: &str, owner: &str, labels: Value) -> ControllerRevision {
        serde_json::from_value(json!({"apiVersion":"apps/v1","kind":"ControllerRevision",
            "metadata":{"name":name,"namespace":"ns","labels":labels,
                "ownerReferences":[{"apiVersion":"apps/v1","kind":"DaemonSet","name":"d","uid":owner,"controller":true}]},
            "revision":n,
            "data":{"spec":{"template":{"$patch":"replace","metadata":{"creationTimestamp":null,"labels":{"app":"d"}},
                "spec":{"containers":[{"name":"c","image":image}]}}}}}))
        .unwrap()
    }

    #[test]
    fn ownership_needs_uid_and_selector() {
        let revs = vec![
            rev("d-1", 1, "v1", "u1", json!({"app":"d"})),
            rev("d-2", 2, "v2", "u1", json!({"app":"d"})),
            rev("other", 3, "v3", "u2", json!({"app":"d"})),
            rev("relabelled", 4, "v4", "u1", json!({"app":"x"})),
        ];
        let d = ds();
        let owned = owned(&d, &revs);
        assert_eq!(
            owned.iter().map(|r| r.revision).collect::<Vec<_>>(),
            vec![1, 2]
        );
        assert_eq!(
            current(&d, &owned).unwrap().metadata.name.as_deref(),
            Some("d-2")
        );
        assert_eq!(undo_target(&owned, 0).unwrap().revision, 1);
        assert_eq!(undo_target(&owned, 2).unwrap().revision, 2);
        assert_eq!(undo_target(&owned, 7), Err(UndoTargetError::NotFound(7)));
        assert_eq!(undo_target(&owned, -1), Err(UndoTargetError::NotFound(-1)));
        assert_eq!(
            undo_target(&owned[..1], 0),
            Err(UndoTargetError::NoLastRevision)
        );
    }

    #[test]
    fn template_at_replaces_with_patch_replace_and_merges_otherwise() {
        let d = ds();
        let r = rev("d-1", 1, "v1", "u1", json!({"app":"d"}));
        let t = template_at(&d, &r).unwrap();
        assert_eq!(t.spec.unwrap().containers[0].image.as_deref(), Some("v1"));
        let mut target = json!({"spec":{"containers":[{"name":"a","image":"x"},{"name":"b","image":"y"}],"dnsPolicy":"ClusterFirst"}});
        strategic_merge(
            &mut target,
            &json!({"spec":{"containers":[{"name":"b","image":"z"}],"dnsPolicy":null}}),
        );
        assert_eq!(
            target,
            json!({"spec":{"containers":[{"name":"a","image":"x"},{"name":"b","image":"z"}]}})
        );
    }
}
