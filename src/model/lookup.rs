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
            // With a namespace, a close name is written as it would be typed with that
            // namespace; across namespaces, with its namespace.
            let close: Vec<String> = in_scope
                .iter()
                .filter(|d| {
                    close
                        .iter()
                        .any(|c| Some(c.as_str()) == d.metadata.name.as_deref())
                })
                .map(|d| {
                    let n = d.metadata.name.as_deref().unwrap_or("");
                    match namespace {
                        Some(_) => n.to_string(),
                        None => format!("{}/{n}", ns_of(d)),
                    }
                })
                .collect();
            let elsewhere: Vec<String> = state
                .daemonsets
                .iter()
                .filter(|d| d.metadata.name.as_deref() == Some(name))
                .map(|d| format!("{}/{name}", ns_of(d)))
                .collect();
            Err(daemonset_not_found(name, namespace, &elsewhere, &close))
        }
        many => Err(Error::usage(format!(
            "daemonset \"{name}\" exists in several namespaces ({}); pick one with -n NAMESPACE or NAMESPACE/{name}",
            many.iter().map(|d| ns_of(d)).collect::<Vec<_>>().join(", ")
        ))),
    }
}

/// kubectl's `daemonsets.apps "NAME" not found in namespace "NS"`, and what the user may have
/// meant: the same name in other namespaces first (`logging/fluentd`: the usual mistake is the
/// namespace), then close names. One wording for snapshots and the live path.
///
/// ```
/// use kubectl_ds::model::lookup::daemonset_not_found;
/// let e = daemonset_not_found("fluentd", Some("default"), &["logging/fluentd".into()], &[]);
/// assert_eq!(
///     e.to_string(),
///     "daemonsets.apps \"fluentd\" not found in namespace \"default\"; did you mean logging/fluentd?"
/// );
/// ```
pub fn daemonset_not_found(
    name: &str,
    namespace: Option<&str>,
    elsewhere: &[String],
    close: &[String],
) -> Error {
    let scope = namespace.map_or("in any namespace".to_string(), |ns| {
        format!("in namespace \"{ns}\"")
    });
    let mut suggestions: Vec<String> = elsewhere.to_vec();
    suggestions.extend(close.iter().filter(|c| !elsewhere.contains(c)).cloned());
    not_found(
        &format!("daemonsets.apps \"{name}\" not found {scope}"),
        &suggestions,
    )
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
