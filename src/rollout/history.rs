//! kubectl's history viewer for DaemonSets: the revisions of a DaemonSet, what each held
//! (images), and the DaemonSet as it would be at a revision (`applyDaemonSetHistory`).

use k8s_openapi::api::apps::v1::{ControllerRevision, DaemonSet};
use k8s_openapi::api::core::v1::PodTemplateSpec;
use serde::{Serialize, Serializer};
use serde_json::Value;

use super::smp::strategic_merge;
use crate::model::revisions;
use crate::placement::DsRef;

/// `rollout history -o json|yaml`: the documented shape.
#[derive(Debug, Serialize)]
pub struct History {
    #[serde(rename = "daemonSet")]
    pub daemon_set: DsRef,
    /// The revision matching the live template, when one does.
    pub current: Option<i64>,
    pub revisions: Vec<RevisionEntry>,
    /// What the source could not tell; omitted when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub caveats: Vec<String>,
}

/// One revision of the history.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RevisionEntry {
    pub revision: i64,
    pub name: String,
    pub change_cause: Option<String>,
    pub images: Vec<String>,
    /// When it was created (RFC 3339).
    pub created: Option<String>,
    /// The same, in seconds since the epoch (for ages).
    #[serde(skip)]
    pub created_at: Option<i64>,
}

impl History {
    /// The history of `ds` from its `owned` revisions (oldest first), those of `only` when given.
    pub fn new(ds: &DaemonSet, owned: &[&ControllerRevision], only: Option<i64>) -> Self {
        History {
            daemon_set: DsRef {
                namespace: ds.metadata.namespace.clone().unwrap_or_default(),
                name: ds.metadata.name.clone().unwrap_or_default(),
            },
            current: revisions::current(ds, owned).map(|r| r.revision),
            revisions: owned
                .iter()
                .filter(|r| only.is_none_or(|n| r.revision == n))
                .map(|r| RevisionEntry {
                    revision: r.revision,
                    name: r.metadata.name.clone().unwrap_or_default(),
                    change_cause: revisions::change_cause(r),
                    images: revisions::stored_template(r)
                        .map(|t| images(&t))
                        .unwrap_or_default(),
                    created: r
                        .metadata
                        .creation_timestamp
                        .as_ref()
                        .map(|t| t.0.to_string()),
                    created_at: r
                        .metadata
                        .creation_timestamp
                        .as_ref()
                        .map(|t| t.0.as_second()),
                })
                .collect(),
            caveats: Vec::new(),
        }
    }
}

/// `rollout history`: the history, and what the human form shows of it.
#[derive(Debug)]
pub struct HistoryReport {
    pub history: History,
    /// `--revision N` (kubectl's header names it even when there is no history).
    pub revision: Option<i64>,
    pub shown: Shown,
    /// The clock for ages (`-o wide`).
    pub now: i64,
}

/// What `rollout history` shows a person.
#[derive(Debug)]
pub enum Shown {
    /// The DaemonSet has no revisions.
    Empty,
    /// `--revision N`: the pod template at that revision.
    Revision(Box<PodTemplateSpec>),
    /// The table of revisions (`-o wide`: with images, ages and the current one).
    Table,
}

/// JSON and YAML are the [`History`] alone.
impl Serialize for HistoryReport {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.history.serialize(s)
    }
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
