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

use k8s_openapi::api::apps::v1::{ControllerRevision, DaemonSet};
use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::model::daemonset::{GENERATION_LABEL, HASH_LABEL, strip_nulls};
use crate::model::revisions;

/// `diff-revision`: the changes between two templates, and the unified diff when a person asked
/// for one rather than the summary.
#[derive(Debug)]
pub struct DiffReport {
    pub changes: Vec<Change>,
    /// The unified diff text; `None` for `--summary` (one line per change).
    pub unified: Option<String>,
    /// `--exit-code`: changes are a finding (exit 1).
    pub fail_on_changes: bool,
}

/// JSON and YAML are the list of changes.
impl Serialize for DiffReport {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.changes.serialize(s)
    }
}

/// One side of a comparison: a revision's stored template, or the live one.
pub struct Side {
    /// `revision 3 (fluentd-5d8f7c)` or `live`, for the diff's headers.
    pub label: String,
    pub template: Value,
}

/// The two sides `diff-revision` compares when told `a` and `b` (either may be missing): both
/// given as is; `a` alone against the current revision (else `live`); neither: the revision
/// before the current one against the current one.
pub fn default_sides(
    a: Option<&str>,
    b: Option<&str>,
    ds: &DaemonSet,
    owned: &[&ControllerRevision],
) -> Result<(String, String)> {
    let name = ds.metadata.name.as_deref().unwrap_or("");
    match (a, b) {
        (Some(a), Some(b)) => Ok((a.to_string(), b.to_string())),
        (Some(a), None) => {
            let current = revisions::current(ds, owned)
                .map_or("live".to_string(), |r| r.revision.to_string());
            Ok((a.to_string(), current))
        }
        (None, _) => {
            let current = revisions::current(ds, owned).or(owned.last().copied());
            let Some(cur) = current else {
                return Err(Error::not_found(format!(
                    "daemonset {name} has no revision history"
                )));
            };
            // The revision before the current one; right after an undo, before the controller
            // renumbers the restored revision to the top, the current one is older than the
            // others, and "before" it is the newest other revision (what was live until now).
            let prev = owned
                .iter()
                .rev()
                .find(|r| r.revision < cur.revision)
                .or_else(|| owned.iter().rev().find(|r| r.revision != cur.revision))
                .ok_or_else(|| {
                Error::usage(format!(
                    "daemonset {name} has only one revision ({}); name two revisions, or a revision and `live`",
                    cur.revision
                ))
            })?;
            Ok((prev.revision.to_string(), cur.revision.to_string()))
        }
    }
}

/// The side `spec` names: `live`, or a revision number among `owned`.
pub fn side(spec: &str, ds: &DaemonSet, owned: &[&ControllerRevision]) -> Result<Side> {
    if spec == "live" {
        return Ok(Side {
            label: "live".into(),
            template: revisions::live_template(ds).unwrap_or_default(),
        });
    }
    let n: i64 = spec
        .parse()
        .map_err(|_| Error::usage(format!("{spec:?} is neither a revision number nor `live`")))?;
    let rev = owned.iter().find(|r| r.revision == n).ok_or_else(|| {
        let known: Vec<String> = owned.iter().map(|r| r.revision.to_string()).collect();
        Error::not_found(format!(
            "revision {n} not found in the history of daemonset {} (revisions: {})",
            ds.metadata.name.as_deref().unwrap_or(""),
            if known.is_empty() {
                "none".into()
            } else {
                known.join(", ")
            }
        ))
    })?;
    // The live template matches an older revision than the newest: a rollback the controller
    // has not renumbered yet. Say so, or the order of the two numbers misleads.
    let rolled_back = owned.last().is_some_and(|newest| newest.revision != n)
        && revisions::current(ds, owned).is_some_and(|c| c.revision == n);
    Ok(Side {
        label: format!(
            "revision {n} ({}{})",
            rev.metadata.name.as_deref().unwrap_or(""),
            if rolled_back {
                ", live after a rollback, not yet renumbered"
            } else {
                ""
            }
        ),
        template: revisions::stored_template(rev).unwrap_or_default(),
    })
}

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
