//! The objects `kubectl ds snapshot` writes, from either source: live, one paginated LIST per
//! kind (`live::dump`); from snapshot files, everything they hold of the kinds read, narrowed to
//! the same namespace scope.

use serde_json::Value;

use super::snapshot::{DISTRIBUTION_ANNOTATION, SERVER_VERSION_ANNOTATION};
use super::{Session, Source, live, raw};
use crate::error::Result;
use crate::model::semantics::{Distribution, Origin, ServerFacts};

/// A snapshot document: one `kind: List` holding the objects, as `kubectl get -o yaml` writes
/// lists, so every reader of `--snapshot` (and kubectl itself) takes it back.
#[derive(Debug, serde::Serialize)]
#[serde(transparent)]
pub struct Snapshot {
    list: Value,
}

impl Snapshot {
    /// Wrap `objects` in a `v1` List, recording the server's version and distribution as its
    /// annotations (`kubectl-ds.io/server-version`, `kubectl-ds.io/distribution`) when known.
    pub fn new(objects: Vec<Value>, server: &ServerFacts) -> Snapshot {
        let mut annotations = serde_json::Map::new();
        if let Some(v) = &server.version {
            annotations.insert(
                SERVER_VERSION_ANNOTATION.into(),
                v.trim_start_matches('v').into(),
            );
        }
        if let Some(d) = server.distribution {
            annotations.insert(DISTRIBUTION_ANNOTATION.into(), d.as_str().into());
        }
        let metadata = if annotations.is_empty() {
            serde_json::json!({})
        } else {
            serde_json::json!({ "annotations": annotations })
        };
        Snapshot {
            list: serde_json::json!({"apiVersion": "v1", "kind": "List", "metadata": metadata, "items": objects}),
        }
    }
}

/// What [`Session::export`] gives: the objects, and what the server said about itself.
pub struct Exported {
    pub objects: Vec<Value>,
    pub server: ServerFacts,
}

impl Session {
    /// Every object of the kinds the other commands read, as JSON, within `namespace` (see
    /// [`in_scope`]); `None` = all namespaces. With the server's version and distribution (live:
    /// `/version` and discovery, best effort; snapshots: what they recorded).
    pub async fn export(&self, namespace: Option<&str>) -> Result<Exported> {
        match &self.source {
            Source::Live(client) => {
                // After the objects: a refusal or failure of the reads that matter comes first.
                let objects = live::dump(client, namespace).await?;
                let server = live::server_facts(client).await?;
                Ok(Exported { objects, server })
            }
            Source::Snapshot(paths) => {
                let (objects, recorded) = raw::read_recorded(paths)?;
                let server = ServerFacts {
                    version: recorded.get(SERVER_VERSION_ANNOTATION).cloned(),
                    distribution: recorded
                        .get(DISTRIBUTION_ANNOTATION)
                        .and_then(|d| Distribution::parse(d).ok()),
                    from: Some(Origin::Snapshot),
                    unread: None,
                };
                Ok(Exported {
                    objects: objects
                        .into_iter()
                        .filter(|v| in_scope(v, namespace))
                        .collect(),
                    server,
                })
            }
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
        Some("Node" | "Namespace" | "PriorityClass" | "PodDisruptionBudget" | "DeviceClass") => {
            true
        }
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
