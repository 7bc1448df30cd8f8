//! Where cluster state comes from, behind one shape: [`ClusterState`].
//!
//! Two sources fill it: [`snapshot`] (files, directories, stdin) and [`live`] (the API server via
//! kubeconfig). Commands describe what they need with a [`Query`]; the live source turns that into
//! a fixed number of LIST/GET calls, the snapshot source filters what it read. Everything after
//! loading is pure and works the same on both.

pub mod live;
pub mod objects;
pub mod pod;
pub mod raw;
pub mod redact;
pub mod snapshot;

use k8s_openapi::api::apps::v1::{ControllerRevision, DaemonSet};
use k8s_openapi::api::core::v1::Node;

pub use objects::{Event, Namespace};
pub use pod::{Pod, UsagePod};

/// Everything a command may read, already narrowed to the query's scope.
#[derive(Clone, Debug, Default)]
pub struct ClusterState {
    pub nodes: Vec<Node>,
    pub pods: Vec<Pod>,
    /// Pods no DaemonSet can own, reduced to their node usage — filled instead of `pods` for them
    /// when the query sets [`Query::foreign_pods_as_usage`]; otherwise empty.
    pub usage_pods: Vec<UsagePod>,
    pub daemonsets: Vec<DaemonSet>,
    pub revisions: Vec<ControllerRevision>,
    pub events: Vec<Event>,
    pub namespaces: Vec<Namespace>,
}

/// What a command needs loaded. The live source maps each field to at most one paginated LIST
/// (or a GET), so the number of calls does not grow with the cluster.
#[derive(Clone, Debug, Default)]
pub struct Query {
    /// Namespace of the DaemonSets in scope; `None` = all namespaces.
    pub namespace: Option<String>,
    /// Only this DaemonSet (by name, within `namespace`).
    pub daemonset: Option<String>,
    /// Only this node (and the pods bound to it).
    pub node: Option<String>,
    /// Label selector for nodes (`-l`).
    pub node_selector: Option<String>,
    /// Load all non-terminal pods bound to the nodes in scope (needed for fit checks) and the
    /// daemon pods of the DaemonSets in scope.
    pub pods: bool,
    /// Pods controlled by something other than a DaemonSet matter only for what they use on
    /// their node: keep them as [`UsagePod`]s in `usage_pods` rather than as [`Pod`]s. For the
    /// placement commands, whose results are the same either way, on a fraction of the memory.
    pub foreign_pods_as_usage: bool,
    pub revisions: bool,
    pub events: bool,
    pub namespaces: bool,
}

impl ClusterState {
    /// Find a DaemonSet by namespace and name.
    pub fn daemonset(&self, namespace: &str, name: &str) -> Option<&DaemonSet> {
        self.daemonsets.iter().find(|d| {
            d.metadata.name.as_deref() == Some(name)
                && d.metadata.namespace.as_deref().unwrap_or("default") == namespace
        })
    }

    /// Find a node by name.
    pub fn node(&self, name: &str) -> Option<&Node> {
        self.nodes
            .iter()
            .find(|n| n.metadata.name.as_deref() == Some(name))
    }

    /// Find a namespace by name.
    pub fn namespace(&self, name: &str) -> Option<&Namespace> {
        self.namespaces.iter().find(|n| n.metadata.name == name)
    }
}

use std::path::PathBuf;

use crate::cli::GlobalArgs;
use crate::error::{Error, Result, close_names};

/// Where state comes from for this run.
pub enum Source {
    /// `--snapshot` files, read once.
    Snapshot(Vec<PathBuf>),
    /// A live API server from kubeconfig.
    Live(live::LiveClient),
}

/// A resolved source plus kubectl's namespace default.
pub struct Session {
    pub source: Source,
    /// `-n`, else (live) the context's namespace, else `default`; `None` for snapshots without
    /// `-n`, where a DaemonSet name is looked up across namespaces.
    pub namespace: Option<String>,
}

impl Session {
    /// Decide the source from the global flags.
    pub async fn open(global: &GlobalArgs) -> Result<Session> {
        if !global.snapshot.is_empty() {
            return Ok(Session {
                source: Source::Snapshot(global.snapshot.clone()),
                namespace: global.namespace.clone(),
            });
        }
        let client = live::connect(global).await?;
        Ok(Session {
            namespace: Some(client.namespace.clone()),
            source: Source::Live(client),
        })
    }

    /// Load what `query` asks for.
    pub async fn load(&self, query: &Query) -> Result<ClusterState> {
        match &self.source {
            Source::Snapshot(paths) => snapshot::load_for(paths, query),
            Source::Live(client) => live::load(client, query).await,
        }
    }
}

/// Split a `NAMESPACE/NAME` argument.
pub fn split_ns_name(arg: &str) -> (Option<&str>, &str) {
    match arg.split_once('/') {
        Some((ns, name)) => (Some(ns), name),
        None => (None, arg),
    }
}

/// Find the DaemonSet `name` in `namespace`, or — with no namespace — the only one of that name.
pub fn resolve_daemonset<'s>(
    state: &'s ClusterState,
    namespace: Option<&str>,
    name: &str,
) -> Result<&'s k8s_openapi::api::apps::v1::DaemonSet> {
    let ns_of = |d: &k8s_openapi::api::apps::v1::DaemonSet| {
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
            let mut msg = format!("daemonsets.apps \"{name}\" not found {scope}");
            if !close.is_empty() {
                msg.push_str(&format!("; did you mean {}?", close.join(", ")));
            }
            Err(Error::not_found(msg))
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
        let mut msg = format!("nodes \"{name}\" not found");
        if !close.is_empty() {
            msg.push_str(&format!("; did you mean {}?", close.join(", ")));
        }
        Error::not_found(msg)
    })
}
