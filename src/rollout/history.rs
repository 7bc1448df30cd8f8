//! kubectl's history viewer for DaemonSets: what a revision held (images) and the DaemonSet as
//! it would be at a revision (`applyDaemonSetHistory`).

use k8s_openapi::api::apps::v1::{ControllerRevision, DaemonSet};
use k8s_openapi::api::core::v1::PodTemplateSpec;
use serde_json::Value;

use super::smp::strategic_merge;

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
