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
        | "imagePullSecrets"
        | "resourceClaims"
        | "schedulingGates" => Some("name"),
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
                    *existing = merge_keyed_list(existing, items, key);
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

/// A list merged by `key` the way Go's strategic merge orders it: items are merged by key
/// (`$patch: delete` items remove theirs), then the patch's items — in patch order — and the
/// server-only items — in server order — are interleaved (`mergeSortedSlice`): a server-only item
/// goes first only when both it and the next patch item exist on the server and it comes earlier
/// there.
fn merge_keyed_list(original: &[Value], patch: &[Value], key: &str) -> Vec<Value> {
    let id = |v: &Value| v.get(key).cloned();
    let server_index = |v: &Value| {
        let k = id(v)?;
        original.iter().position(|o| id(o).as_ref() == Some(&k))
    };
    let mut patch_items: Vec<Value> = Vec::new();
    let mut deleted: Vec<Value> = Vec::new();
    for item in patch {
        let k = id(item);
        if item.get("$patch").and_then(Value::as_str) == Some("delete") {
            deleted.extend(k);
            continue;
        }
        let mut merged = k
            .as_ref()
            .and_then(|k| original.iter().find(|o| id(o).as_ref() == Some(k)))
            .cloned()
            .unwrap_or(Value::Null);
        if merged.is_null() {
            let mut fresh = item.clone();
            if let Some(o) = fresh.as_object_mut() {
                o.retain(|name, _| !name.starts_with('$'));
            }
            merged = fresh;
        } else {
            strategic_merge(&mut merged, item);
        }
        // A repeated key in the patch merges into the item already taken.
        match patch_items.iter_mut().find(|p| k.is_some() && id(p) == k) {
            Some(existing) => strategic_merge(existing, item),
            None => patch_items.push(merged),
        }
    }
    let in_patch = |v: &Value| {
        let k = id(v);
        k.is_some()
            && (patch_items.iter().any(|p| id(p) == k) || deleted.contains(k.as_ref().unwrap()))
    };
    let server_only: Vec<Value> = original.iter().filter(|o| !in_patch(o)).cloned().collect();
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(server_only.len() + patch_items.len());
    while i < server_only.len() || j < patch_items.len() {
        let take_left = if i >= server_only.len() {
            false
        } else if j >= patch_items.len() {
            true
        } else {
            matches!(
                (server_index(&server_only[i]), server_index(&patch_items[j])),
                (Some(l), Some(r)) if l < r
            )
        };
        if take_left {
            out.push(server_only[i].clone());
            i += 1;
        } else {
            out.push(patch_items[j].clone());
            j += 1;
        }
    }
    out
}

/// JSON the way Go's `encoding/json` writes a generic map: compact, keys sorted byte-wise at
/// every depth, `<` `>` `&` U+2028 U+2029 escaped, other non-ASCII raw.
pub fn go_json(v: &Value) -> String {
    let mut out = String::new();
    write_go_json(v, &mut out);
    out
}

fn write_go_json(v: &Value, out: &mut String) {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_go_string(k, out);
                out.push(':');
                write_go_json(&m[k], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_go_json(item, out);
            }
            out.push(']');
        }
        Value::String(s) => write_go_string(s, out),
        other => out.push_str(&other.to_string()),
    }
}

fn write_go_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Map-typed fields of a pod template (Go `map[string]…` with `omitempty`: dropped when empty).
const MAP_FIELDS: [&str; 9] = [
    "labels",
    "annotations",
    "nodeSelector",
    "limits",
    "requests",
    "volumeAttributes",
    "options",
    "overhead",
    "matchLabels",
];

/// Whether Go drops this zero scalar: a value-typed (not pointer) `omitempty` field of the pod
/// template at its zero value. `parent` is the field holding the object (`csi`, `tolerations`…).
/// Pointer fields (`optional`, `defaultMode`, `runAsUser`, `allowPrivilegeEscalation`,
/// `hostPath.type`, `grpc.service`, `csi.readOnly`…) keep their zeros, as Go does.
fn omitted_zero(parent: &str, field: &str, v: &Value) -> bool {
    match v {
        Value::String(s) if s.is_empty() => match field {
            "key" | "operator" | "effect" => parent == "tolerations",
            "value" => parent != "httpHeaders",
            "secretName" => parent != "azureFile",
            "fsType" => parent != "csi",
            "image" => parent.ends_with("ontainers"),
            _ => [
                "workingDir",
                "terminationMessagePath",
                "terminationMessagePolicy",
                "imagePullPolicy",
                "protocol",
                "hostIP",
                "subPath",
                "subPathExpr",
                "prefix",
                "serviceAccountName",
                "serviceAccount",
                "nodeName",
                "hostname",
                "subdomain",
                "schedulerName",
                "priorityClassName",
                "dnsPolicy",
                "medium",
                "revision",
                "directory",
                "apiVersion",
                "containerName",
                "scheme",
                "host",
            ]
            .contains(&field),
        },
        Value::Bool(false) => match field {
            "readOnly" => parent != "csi",
            _ => [
                "stdin",
                "stdinOnce",
                "tty",
                "hostNetwork",
                "hostPID",
                "hostIPC",
            ]
            .contains(&field),
        },
        Value::Number(n) if n.as_f64() == Some(0.0) => [
            "hostPort",
            "initialDelaySeconds",
            "timeoutSeconds",
            "periodSeconds",
            "successThreshold",
            "failureThreshold",
            "partition",
        ]
        .contains(&field),
        _ => false,
    }
}

/// What Go's typed round trip (decode into `PodTemplateSpec`, encode again) does to the JSON a
/// server sent: empty `omitempty` lists and maps vanish, every container gets its
/// (never-omitted) `resources`, quantities are printed canonically.
fn go_roundtrip(v: &mut Value, key: Option<&str>) {
    match v {
        Value::Object(m) => {
            if matches!(
                key,
                Some("containers" | "initContainers" | "ephemeralContainers")
            ) {
                m.entry("resources")
                    .or_insert_with(|| Value::Object(Default::default()));
            }
            for (k, child) in m.iter_mut() {
                go_roundtrip(child, Some(k));
            }
            m.retain(|k, child| match child {
                Value::Array(a) => !a.is_empty() || k == "containers",
                Value::Object(o) => !o.is_empty() || !MAP_FIELDS.contains(&k.as_str()),
                Value::Null => false,
                scalar => !omitted_zero(key.unwrap_or(""), k, scalar),
            });
            if matches!(key, Some("limits" | "requests" | "overhead")) {
                for q in m.values_mut() {
                    if let Value::String(s) = q {
                        *s = crate::render::pod_template::canonical_quantity(s);
                    }
                }
            }
            for k in ["sizeLimit", "divisor"] {
                if let Some(Value::String(s)) = m.get_mut(k) {
                    *s = crate::render::pod_template::canonical_quantity(s);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                go_roundtrip(item, key);
            }
        }
        _ => {}
    }
}

/// The bytes kubectl compares with a revision's `data` before an undo (`getDaemonSetPatch`):
/// `{"spec":{"template":{"$patch":"replace",…}}}` from the live object, Go-encoded.
pub fn kubectl_patch_bytes(ds: &DaemonSet) -> String {
    let mut template = live_template(ds).unwrap_or_default();
    go_roundtrip(&mut template, None);
    if let Some(o) = template.as_object_mut() {
        o.insert("$patch".into(), Value::String("replace".into()));
    }
    go_json(&serde_json::json!({"spec": {"template": template}}))
}

/// kubectl's skip rule (spec §4.1 step 6): the live template, encoded as kubectl encodes it, is
/// byte-for-byte the revision's `data` as the server sent it. Byte equality is what kubectl
/// tests, so a revision written by another serializer (an older controller's
/// `"creationTimestamp":null`, other key order or escaping) is not skipped — by kubectl or here.
pub fn kubectl_would_skip(ds: &DaemonSet, data_bytes: &str) -> bool {
    kubectl_patch_bytes(ds) == data_bytes
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

    #[test]
    fn keyed_lists_merge_in_gos_order() {
        // Patch-only items come before server-only ones unless both sides know the order.
        let mut t = json!({"env":[{"name":"A","value":"1"}],"containers":[{"name":"main","image":"1"},{"name":"helper","image":"h"}]});
        strategic_merge(
            &mut t,
            &json!({"env":[{"name":"B","value":"2"}],"containers":[{"name":"main","image":"2"}]}),
        );
        assert_eq!(
            t,
            json!({"env":[{"name":"B","value":"2"},{"name":"A","value":"1"}],
                   "containers":[{"name":"main","image":"2"},{"name":"helper","image":"h"}]})
        );
        let mut t = json!({"volumes":[{"name":"a"},{"name":"b"}]});
        strategic_merge(&mut t, &json!({"volumes":[{"name":"a","$patch":"delete"}]}));
        assert_eq!(t, json!({"volumes":[{"name":"b"}]}));
    }

    #[test]
    fn go_json_is_compact_sorted_and_escapes_like_go() {
        assert_eq!(
            go_json(&json!({"b":1,"$patch":"replace","a":["x<y","&", "ü\u{2028}"]})),
            "{\"$patch\":\"replace\",\"a\":[\"x\\u003cy\",\"\\u0026\",\"ü\\u2028\"],\"b\":1}"
        );
    }

    #[test]
    fn skip_rule_compares_what_kubectl_encodes() {
        let d = ds();
        // A modern controller's data for the live template: Go adds `resources: {}`.
        let modern = r#"{"spec":{"template":{"$patch":"replace","metadata":{"labels":{"app":"d"}},"spec":{"containers":[{"image":"v2","name":"c","resources":{}}]}}}}"#;
        assert_eq!(kubectl_patch_bytes(&d), modern);
        assert!(kubectl_would_skip(&d, modern));
        // An older controller wrote a null creationTimestamp: kubectl does not skip.
        let legacy = r#"{"spec":{"template":{"$patch":"replace","metadata":{"creationTimestamp":null,"labels":{"app":"d"}},"spec":{"containers":[{"image":"v2","name":"c","resources":{}}]}}}}"#;
        assert!(!kubectl_would_skip(&d, legacy));
    }

    #[test]
    fn go_round_trip_drops_value_zeros_and_keeps_pointer_zeros() {
        let mut t = json!({"spec":{"containers":[{"name":"c","env":[{"name":"E","value":""}],
            "volumeMounts":[{"name":"v","mountPath":"/v","readOnly":false}],
            "resources":{"limits":{"cpu":"0.5"}},"securityContext":{"privileged":false}}],
            "volumes":[{"name":"s","secret":{"secretName":"s","optional":false}},
                       {"name":"c","csi":{"driver":"d","readOnly":false}}],
            "tolerations":[{"key":"","operator":"Exists"}],"nodeSelector":{}}});
        go_roundtrip(&mut t, None);
        assert_eq!(
            t,
            json!({"spec":{"containers":[{"name":"c","env":[{"name":"E"}],
                "volumeMounts":[{"name":"v","mountPath":"/v"}],
                "resources":{"limits":{"cpu":"500m"}},"securityContext":{"privileged":false}}],
                "volumes":[{"name":"s","secret":{"secretName":"s","optional":false}},
                           {"name":"c","csi":{"driver":"d","readOnly":false}}],
                "tolerations":[{"operator":"Exists"}]}})
        );
    }
}
