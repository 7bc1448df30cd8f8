//! Strategic merge patch over JSON values, as far as a DaemonSet pod template needs it (the merge
//! keys of the PodSpec lists); kubectl applies a revision's data this way.

use serde_json::Value;

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
