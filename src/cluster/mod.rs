//! Where cluster state comes from, behind one shape: [`ClusterState`].
//!
//! Two sources fill it: [`snapshot`] (files, directories, stdin) and [`live`] (the API server via
//! kubeconfig). Commands describe what they need with a [`Query`]; the live source turns that into
//! a fixed number of LIST/GET calls, the snapshot source filters what it read. Everything after
//! loading is pure and works the same on both.

pub mod export;
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

use crate::error::Result;

/// Where state is to come from, before anything is opened (built once from the flags).
#[derive(Clone, Debug)]
pub enum SourceSpec {
    /// `--snapshot` paths and `-n` as given.
    Snapshot {
        paths: Vec<PathBuf>,
        namespace: Option<String>,
    },
    /// A live cluster through kubeconfig.
    Live(live::LiveSpec),
}

impl SourceSpec {
    /// Reads snapshot files rather than a live cluster.
    pub fn is_snapshot(&self) -> bool {
        matches!(self, SourceSpec::Snapshot { .. })
    }
}

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
    /// Open the source: read nothing yet from snapshots, connect (kubeconfig) when live.
    pub async fn open(spec: &SourceSpec) -> Result<Session> {
        let live = match spec {
            SourceSpec::Snapshot { paths, namespace } => {
                return Ok(Session {
                    source: Source::Snapshot(paths.clone()),
                    namespace: namespace.clone(),
                });
            }
            SourceSpec::Live(live) => live,
        };
        let client = live::connect(live).await?;
        Ok(Session {
            namespace: Some(client.namespace.clone()),
            source: Source::Live(client),
        })
    }

    /// Load what `query` asks for.
    pub async fn load(&self, query: &Query) -> Result<ClusterState> {
        match &self.source {
            Source::Snapshot(paths) => {
                let mut state = snapshot::load_for(paths, query)?;
                state.caveats = snapshot::absent_kinds(query, &state);
                Ok(state)
            }
            Source::Live(client) => live::load(client, query).await,
        }
    }
}
