//! The objects `kubectl ds snapshot` writes, from either source: live, one paginated LIST per
//! kind (`live::dump`); from snapshot files, everything they hold of the kinds read, narrowed to
//! the same namespace scope.

use serde_json::Value;

use super::{Session, Source, live, raw};
use crate::error::Result;

/// A snapshot document: one `kind: List` holding the objects, as `kubectl get -o yaml` writes
/// lists, so every reader of `--snapshot` (and kubectl itself) takes it back.
#[derive(Debug, serde::Serialize)]
#[serde(transparent)]
pub struct Snapshot {
    list: Value,
}

impl Snapshot {
    /// Wrap `objects` in a `v1` List.
    pub fn new(objects: Vec<Value>) -> Snapshot {
        Snapshot {
            list: serde_json::json!({"apiVersion": "v1", "kind": "List", "metadata": {}, "items": objects}),
        }
    }

    /// How many objects it holds.
    pub fn len(&self) -> usize {
        self.list["items"].as_array().map_or(0, Vec::len)
    }

    /// It holds no objects.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Session {
    /// Every object of the kinds the other commands read, as JSON, within `namespace` (see
    /// [`in_scope`]); `None` = all namespaces.
    pub async fn export(&self, namespace: Option<&str>) -> Result<Vec<Value>> {
        match &self.source {
            Source::Live(client) => live::dump(client, namespace).await,
            Source::Snapshot(paths) => Ok(raw::read(paths)?
                .into_iter()
                .filter(|v| in_scope(v, namespace))
                .collect()),
        }
    }
}

/// What a snapshot of namespace `ns` keeps, the same rule as the live dump: cluster-scoped objects
/// always, the namespace's objects, and non-terminal pods everywhere (they use node resources).
pub fn in_scope(v: &Value, ns: Option<&str>) -> bool {
    let Some(ns) = ns else { return true };
    let s = |p: &str| v.pointer(p).and_then(Value::as_str);
    match s("/kind") {
        // Preemption may evict a pod of any namespace: keep every budget and class.
        Some("Node" | "Namespace" | "PriorityClass" | "PodDisruptionBudget") => true,
        Some("Pod") if s("/metadata/namespace").unwrap_or("default") != ns => {
            !matches!(s("/status/phase"), Some("Succeeded" | "Failed"))
        }
        _ => s("/metadata/namespace").unwrap_or("default") == ns,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn namespace_scope_keeps_what_placement_needs() {
        let obj = |kind: &str, ns: &str, phase: &str| json!({"kind": kind, "metadata": {"name": "x", "namespace": ns}, "status": {"phase": phase}});
        let node = json!({"kind": "Node", "metadata": {"name": "n"}});
        assert!(in_scope(&node, Some("logging")));
        let class = json!({"kind": "PriorityClass", "metadata": {"name": "high"}});
        assert!(in_scope(&class, Some("logging")));
        assert!(in_scope(&obj("DaemonSet", "logging", ""), Some("logging")));
        assert!(!in_scope(&obj("DaemonSet", "other", ""), Some("logging")));
        assert!(in_scope(&obj("Pod", "other", "Running"), Some("logging")));
        assert!(!in_scope(
            &obj("Pod", "other", "Succeeded"),
            Some("logging")
        ));
        assert!(in_scope(&obj("Pod", "logging", "Failed"), Some("logging")));
        assert!(!in_scope(&obj("Event", "other", ""), Some("logging")));
        assert!(in_scope(&obj("Event", "other", ""), None));
    }
}
