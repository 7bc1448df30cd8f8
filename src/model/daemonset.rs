//! What the DaemonSet controller writes on the objects it manages (the hash and generation labels)
//! and the small readings of a DaemonSet every library needs: its selector and template generation.

use k8s_openapi::api::apps::v1::DaemonSet;
use kube::core::Selector;

/// Label carrying a pod's revision hash.
pub const HASH_LABEL: &str = "controller-revision-hash";
/// Legacy label carrying the template generation.
pub const GENERATION_LABEL: &str = "pod-template-generation";
/// DaemonSet annotation with the legacy template generation.
pub const GENERATION_ANNOTATION: &str = "deprecated.daemonset.template.generation";

/// The DaemonSet's label selector; `None` when it cannot be converted (matches nothing).
pub fn ds_selector(ds: &DaemonSet) -> Option<Selector> {
    let sel = ds.spec.as_ref()?.selector.clone();
    Selector::try_from(sel).ok()
}

/// Drop JSON nulls and empty objects recursively, so serializer differences compare equal.
pub fn strip_nulls(v: serde_json::Value) -> serde_json::Value {
    match v {
        serde_json::Value::Object(m) => serde_json::Value::Object(
            m.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, strip_nulls(v)))
                .filter(|(_, v)| !matches!(v, serde_json::Value::Object(o) if o.is_empty()))
                .collect(),
        ),
        serde_json::Value::Array(a) => {
            serde_json::Value::Array(a.into_iter().map(strip_nulls).collect())
        }
        other => other,
    }
}

/// The template generation from the DaemonSet annotation.
pub fn template_generation(ds: &DaemonSet) -> Option<i64> {
    ds.metadata
        .annotations
        .as_ref()?
        .get(GENERATION_ANNOTATION)?
        .parse()
        .ok()
}

/// RFC 3339 → seconds since the epoch.
pub fn parse_time(s: &str) -> Option<i64> {
    s.parse::<jiff::Timestamp>().ok().map(|t| t.as_second())
}
