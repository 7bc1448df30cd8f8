//! Where cluster state comes from, behind one shape: [`ClusterState`].
//!
//! Two sources fill it: [`snapshot`] (files, directories, stdin) and [`live`] (the API server via
//! kubeconfig). Commands describe what they need with a [`Query`]; the live source turns that into
//! a fixed number of LIST/GET calls, the snapshot source filters what it read. Everything after
//! loading is pure and works the same on both.

pub mod live;
pub mod raw;
pub mod redact;
pub mod snapshot;

pub use crate::model::ClusterState;

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

use std::path::PathBuf;

use crate::cli::GlobalArgs;
use crate::error::Result;

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
