//! Finding what the user named in a [`ClusterState`], with kubectl's wording when it is not
//! there and "did you mean" suggestions.

use k8s_openapi::api::apps::v1::DaemonSet;
use k8s_openapi::api::core::v1::Node;

use super::ClusterState;
use crate::error::{Error, Result, close_names};

/// How kubectl names the DaemonSet resource type (`kubectl get TYPE/NAME`).
pub const DS_TYPES: [&str; 5] = [
    "daemonset",
    "daemonsets",
    "ds",
    "daemonset.apps",
    "daemonsets.apps",
];

/// The DaemonSet argument every command takes: `NAME`, `NAMESPACE/NAME`, or kubectl's
/// `TYPE/NAME` (`ds/NAME`, `daemonset/NAME`, `daemonset.apps/NAME`, …), which names no
/// namespace. One parser, so no command reads `ds/fluentd` as namespace "ds".
///
/// ```
/// use kubectl_ds::model::lookup::split_ns_name;
/// assert_eq!(split_ns_name("fluentd"), (None, "fluentd"));
/// assert_eq!(split_ns_name("logging/fluentd"), (Some("logging"), "fluentd"));
/// assert_eq!(split_ns_name("ds/fluentd"), (None, "fluentd"));
/// assert_eq!(split_ns_name("daemonsets.apps/fluentd"), (None, "fluentd"));
/// ```
pub fn split_ns_name(arg: &str) -> (Option<&str>, &str) {
    match arg.split_once('/') {
        Some((kind, name)) if DS_TYPES.contains(&kind) => (None, name),
        Some((ns, name)) => (Some(ns), name),
        None => (None, arg),
    }
}

/// Find the DaemonSet `name` in `namespace`, or — with no namespace — the only one of that name.
pub fn resolve_daemonset<'s>(
    state: &'s ClusterState,
    namespace: Option<&str>,
    name: &str,
) -> Result<&'s DaemonSet> {
    let ns_of = |d: &DaemonSet| {
        d.metadata
            .namespace
            .clone()
            .unwrap_or_else(|| "default".into())
    };
    let candidates: Vec<_> = state
        .daemonsets
        .iter()
        .filter(|d| d.metadata.name.as_deref() == Some(name))
        .filter(|d| namespace.is_none_or(|ns| ns_of(d) == ns))
        .collect();
    match candidates.as_slice() {
        [one] => Ok(one),
        [] => {
            let in_scope: Vec<_> = state
                .daemonsets
                .iter()
                .filter(|d| namespace.is_none_or(|ns| ns_of(d) == ns))
                .collect();
            let close = close_names(
                name,
                in_scope.iter().filter_map(|d| d.metadata.name.as_deref()),
            );
            let close: Vec<String> = in_scope
                .iter()
                .filter(|d| {
                    close
                        .iter()
                        .any(|c| Some(c.as_str()) == d.metadata.name.as_deref())
                })
                .map(|d| format!("{}/{}", ns_of(d), d.metadata.name.as_deref().unwrap_or("")))
                .collect();
            let scope = namespace.map_or("in any namespace".to_string(), |ns| {
                format!("in namespace \"{ns}\"")
            });
            Err(not_found(
                &format!("daemonsets.apps \"{name}\" not found {scope}"),
                &close,
            ))
        }
        many => Err(Error::usage(format!(
            "daemonset \"{name}\" exists in several namespaces ({}); pick one with -n NAMESPACE or NAMESPACE/{name}",
            many.iter().map(|d| ns_of(d)).collect::<Vec<_>>().join(", ")
        ))),
    }
}

/// Find a node or fail with close names.
pub fn resolve_node<'s>(state: &'s ClusterState, name: &str) -> Result<&'s Node> {
    state.node(name).ok_or_else(|| {
        let close = close_names(
            name,
            state
                .nodes
                .iter()
                .filter_map(|n| n.metadata.name.as_deref()),
        );
        not_found(&format!("nodes \"{name}\" not found"), &close)
    })
}

/// kubectl's not-found sentence (`nodes "x" not found`), plus `; did you mean a, b?` when there
/// are close names: one wording for every source (snapshot lookups here, live lookups in
/// `cluster::live`).
///
/// ```
/// use kubectl_ds::model::lookup::not_found;
/// let e = not_found("nodes \"node-3\" not found", &["node-1".into(), "node-2".into()]);
/// assert_eq!(e.to_string(), "nodes \"node-3\" not found; did you mean node-1, node-2?");
/// assert_eq!(e.exit_code(), 3);
/// ```
pub fn not_found(sentence: &str, close: &[String]) -> Error {
    if close.is_empty() {
        return Error::not_found(sentence);
    }
    Error::not_found(format!("{sentence}; did you mean {}?", close.join(", ")))
}
