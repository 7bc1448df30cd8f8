//! The objects `kubectl ds snapshot` writes, from either source: live, one paginated LIST per
//! kind (`live::dump`); from snapshot files, everything they hold of the kinds read, narrowed to
//! the same namespace scope.

use std::collections::HashMap;

use serde::ser::{SerializeMap, SerializeSeq};
use serde_json::Value;

use super::snapshot::{DISTRIBUTION_ANNOTATION, SERVER_VERSION_ANNOTATION};
use super::{Session, Source, live, raw, redact};
use crate::error::Result;
use crate::model::semantics::{Distribution, Origin, ServerFacts};

/// A snapshot document: one `kind: List` holding the objects, as `kubectl get -o yaml` writes
/// lists, so every reader of `--snapshot` (and kubectl itself) takes it back.
///
/// The objects are held as compact JSON, one string each, in output order, and become a tree
/// only one at a time while they are written: a 100 MB cluster is never a 100 MB-input ×
/// 6 tree of `serde_json::Value`s (docs/performance.md, "snapshot memory").
#[derive(Debug)]
pub struct Snapshot {
    items: Vec<Box<str>>,
    /// The List's annotations: the server's version and distribution, when known
    /// (`kubectl-ds.io/server-version`, `kubectl-ds.io/distribution`).
    annotations: serde_json::Map<String, Value>,
}

impl serde::Serialize for Snapshot {
    /// `{"apiVersion": "v1", "items": […], "kind": "List", "metadata": {}}` (keys in this
    /// order, as a sorted map would have them).
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        struct Items<'a>(&'a [Box<str>]);
        impl serde::Serialize for Items<'_> {
            fn serialize<S: serde::Serializer>(
                &self,
                s: S,
            ) -> std::result::Result<S::Ok, S::Error> {
                let mut seq = s.serialize_seq(Some(self.0.len()))?;
                for item in self.0 {
                    let v: Value = serde_json::from_str(item).map_err(serde::ser::Error::custom)?;
                    seq.serialize_element(&v)?;
                }
                seq.end()
            }
        }
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("apiVersion", "v1")?;
        m.serialize_entry("items", &Items(&self.items))?;
        m.serialize_entry("kind", "List")?;
        let mut metadata = serde_json::Map::new();
        if !self.annotations.is_empty() {
            metadata.insert(
                "annotations".into(),
                Value::Object(self.annotations.clone()),
            );
        }
        m.serialize_entry("metadata", &metadata)?;
        m.end()
    }
}

/// Builds a [`Snapshot`] from objects handed over one at a time: redacts each (unless told not
/// to) and keeps it as compact JSON; a later copy of the same kind, namespace and name replaces
/// an earlier one in its place; [`SnapshotBuilder::finish`] drops the objects out of scope and
/// orders the rest by kind, namespace and name (stable output that diffs well).
pub struct SnapshotBuilder {
    redact: bool,
    index: HashMap<String, usize>,
    entries: Vec<Entry>,
}

struct Entry {
    order: (usize, String, String),
    keep: bool,
    json: Box<str>,
}

impl SnapshotBuilder {
    pub fn new(redact: bool) -> SnapshotBuilder {
        SnapshotBuilder {
            redact,
            index: HashMap::new(),
            entries: Vec::new(),
        }
    }

    /// Take one object; `keep` is whether it is in the snapshot's namespace scope.
    pub fn add(&mut self, mut v: Value, keep: bool) -> Result<()> {
        if self.redact {
            redact::redact(&mut v);
        }
        let entry = Entry {
            order: order(&v),
            keep,
            json: serde_json::to_string(&v)
                .map_err(|e| crate::error::Error::input(e.to_string()))?
                .into_boxed_str(),
        };
        let key = raw::key(&v);
        match self.index.get(&key) {
            Some(&i) => self.entries[i] = entry,
            None => {
                self.index.insert(key, self.entries.len());
                self.entries.push(entry);
            }
        }
        Ok(())
    }

    /// The snapshot, recording what the server said about itself as the List's annotations.
    pub fn finish(self, server: &ServerFacts) -> Snapshot {
        let mut entries: Vec<Entry> = self.entries.into_iter().filter(|e| e.keep).collect();
        entries.sort_by(|a, b| a.order.cmp(&b.order));
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
        Snapshot {
            items: entries.into_iter().map(|e| e.json).collect(),
            annotations,
        }
    }
}

impl Snapshot {
    /// How many objects it holds.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// It holds no objects.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// Kinds in a fixed order, then namespace and name.
pub fn order(v: &Value) -> (usize, String, String) {
    let s = |p: &str| {
        v.pointer(p)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let kind = s("/kind");
    let rank = raw::KINDS
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(raw::KINDS.len());
    (rank, s("/metadata/namespace"), s("/metadata/name"))
}

impl Session {
    /// Hand every object of the kinds the other commands read to `f`, one at a time, with
    /// whether it is within `namespace` (see [`in_scope`]; `None` = all namespaces). Live: one
    /// paginated LIST per kind; snapshot files: streamed ([`raw::for_each`]), duplicates
    /// included for the caller to settle.
    pub async fn export_each(
        &self,
        namespace: Option<&str>,
        f: &mut dyn FnMut(Value, bool) -> Result<()>,
    ) -> Result<ServerFacts> {
        match &self.source {
            Source::Live(client) => {
                // Together; the objects' outcome first: a refusal or failure of the reads that
                // matter is the command's answer, whatever discovery said.
                let (objects, facts) =
                    futures::join!(live::dump(client, namespace), live::server_facts(client));
                objects?.into_iter().try_for_each(|v| f(v, true))?;
                facts
            }
            Source::Snapshot(paths) => {
                let recorded = raw::for_each(paths, &mut |v| {
                    let keep = in_scope(&v, namespace);
                    f(v, keep)
                })?;
                Ok(ServerFacts {
                    version: recorded.get(SERVER_VERSION_ANNOTATION).cloned(),
                    distribution: recorded
                        .get(DISTRIBUTION_ANNOTATION)
                        .and_then(|d| Distribution::parse(d).ok()),
                    from: Some(Origin::Snapshot),
                    unread: None,
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
