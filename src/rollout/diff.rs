//! What changed between two pod templates: normalisation (so server-side noise does not show),
//! a path-level change list (list items matched by `name`), and a unified diff of their YAML.
//!
//! ```
//! use kubectl_ds::rollout::diff::{changes, normalize};
//! use serde_json::json;
//! let a = normalize(&json!({"spec": {"containers": [{"name": "agent", "image": "v1"}]}}));
//! let b = normalize(&json!({"spec": {"containers": [{"name": "agent", "image": "v2"}]}}));
//! assert_eq!(changes(&a, &b)[0].line(), "spec.containers[agent].image: v1 → v2");
//! ```

use serde::Serialize;
use serde_json::Value;

use crate::model::daemonset::{GENERATION_LABEL, HASH_LABEL, strip_nulls};

/// Drop `$patch`, the controller's hash/generation labels, nulls and empty objects.
pub fn normalize(template: &Value) -> Value {
    let mut t = template.clone();
    if let Some(o) = t.as_object_mut() {
        o.remove("$patch");
    }
    if let Some(labels) = t
        .pointer_mut("/metadata/labels")
        .and_then(Value::as_object_mut)
    {
        labels.remove(HASH_LABEL);
        labels.remove(GENERATION_LABEL);
    }
    if let Some(meta) = t.pointer_mut("/metadata").and_then(Value::as_object_mut) {
        meta.remove("creationTimestamp");
    }
    strip_nulls(t)
}

/// One changed path.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub path: String,
    pub from: Option<Value>,
    pub to: Option<Value>,
}

fn show(v: &Option<Value>) -> String {
    match v {
        None => "<none>".into(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

impl Change {
    /// `path: from → to`.
    pub fn line(&self) -> String {
        let (from, to) = self.sides();
        format!("{}: {from} → {to}", self.path)
    }

    /// The old and new values as shown in [`Change::line`] (`<none>` for an absent side).
    pub fn sides(&self) -> (String, String) {
        (show(&self.from), show(&self.to))
    }
}

/// Every changed leaf path between `a` and `b`. Lists whose items all carry a `name` are matched
/// by name (`containers[agent]`); other lists by index.
pub fn changes(a: &Value, b: &Value) -> Vec<Change> {
    let mut out = Vec::new();
    walk("", Some(a), Some(b), &mut out);
    out
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn named(list: &[Value]) -> bool {
    !list.is_empty()
        && list
            .iter()
            .all(|v| v.get("name").and_then(Value::as_str).is_some())
}

fn walk(path: &str, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<Change>) {
    match (a, b) {
        (Some(x), Some(y)) if x == y => {}
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                walk(&join(path, k), x.get(k), y.get(k), out);
            }
        }
        (Some(Value::Array(x)), Some(Value::Array(y))) if named(x) && named(y) => {
            let name = |v: &Value| v["name"].as_str().unwrap_or("").to_string();
            let mut names: Vec<String> = x.iter().map(name).collect();
            for n in y.iter().map(name) {
                if !names.contains(&n) {
                    names.push(n);
                }
            }
            for n in names {
                let xi = x.iter().find(|v| name(v) == n);
                let yi = y.iter().find(|v| name(v) == n);
                walk(&format!("{path}[{n}]"), xi, yi, out);
            }
        }
        (Some(Value::Array(x)), Some(Value::Array(y)))
            if x.iter().chain(y).all(|v| !v.is_object() && !v.is_array()) =>
        {
            out.push(Change {
                path: path.to_string(),
                from: a.cloned(),
                to: b.cloned(),
            });
        }
        (Some(Value::Array(x)), Some(Value::Array(y))) => {
            for i in 0..x.len().max(y.len()) {
                walk(&format!("{path}[{i}]"), x.get(i), y.get(i), out);
            }
        }
        _ => out.push(Change {
            path: path.to_string(),
            from: a.cloned(),
            to: b.cloned(),
        }),
    }
}

/// YAML text of a value, for line diffs.
pub fn to_yaml(v: &Value) -> String {
    serde_saphyr::to_string(v).unwrap_or_else(|_| v.to_string())
}

/// A unified diff of the two templates' YAML with `context` lines around each change.
pub fn unified(a: &Value, b: &Value, a_name: &str, b_name: &str, context: usize) -> String {
    let (ya, yb) = (to_yaml(a), to_yaml(b));
    similar::TextDiff::from_lines(&ya, &yb)
        .unified_diff()
        .context_radius(context)
        .header(a_name, b_name)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn normalisation_drops_server_noise() {
        let t = json!({"$patch":"replace","metadata":{"creationTimestamp":null,"labels":{"app":"a","controller-revision-hash":"5d"}},"spec":{"x":null}});
        assert_eq!(normalize(&t), json!({"metadata":{"labels":{"app":"a"}}}));
    }

    #[test]
    fn change_paths_match_list_items_by_name() {
        let a = json!({"spec":{"containers":[{"name":"a","image":"1","args":["x"]},{"name":"b","image":"2"}]}});
        let b = json!({"spec":{"containers":[{"name":"b","image":"3"},{"name":"a","image":"1","args":["x","y"]}],"hostNetwork":true}});
        let lines: Vec<String> = changes(&a, &b).iter().map(Change::line).collect();
        assert_eq!(
            lines,
            vec![
                "spec.containers[a].args: [\"x\"] → [\"x\",\"y\"]",
                "spec.containers[b].image: 2 → 3",
                "spec.hostNetwork: <none> → true",
            ]
        );
    }

    #[test]
    fn unified_diff_has_headers_and_hunks() {
        let d = unified(
            &json!({"a":1,"b":2}),
            &json!({"a":1,"b":3}),
            "revision 1",
            "revision 2",
            3,
        );
        assert!(
            d.contains("--- revision 1")
                && d.contains("+++ revision 2")
                && d.contains("-b: 2")
                && d.contains("+b: 3"),
            "{d}"
        );
    }
}
