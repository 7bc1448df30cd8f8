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
    /// PriorityClasses and PodDisruptionBudgets (what preemption reads); best effort live.
    pub policy: bool,
}

use std::path::PathBuf;

use k8s_openapi::api::apps::v1::{ControllerRevision, DaemonSet};

pub use live::{DEFAULT_TIMEOUT, LiveSpec, Written};

use crate::error::{Error, Result};
use crate::model::lookup::resolve_daemonset;

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

/// Where state comes from for this run (behind [`Session`]: commands never look at it).
enum Source {
    /// `--snapshot` files, read once.
    Snapshot(Vec<PathBuf>),
    /// A live API server from kubeconfig.
    Live(live::LiveClient),
}

/// A DaemonSet and its ControllerRevisions (all those in the scope read; ownership is decided by
/// [`crate::model::revisions::owned`]).
pub struct RevisionHistory {
    pub daemonset: DaemonSet,
    pub revisions: Vec<ControllerRevision>,
}

/// What a watch of a DaemonSet shows its condition.
pub enum DaemonSetEvent<'a> {
    /// The DaemonSet as it is now (the state the watch starts from, then each change).
    Applied(&'a DaemonSet),
    /// It was deleted; the watch ends.
    Deleted,
}

/// The one interface to cluster state: a resolved source plus kubectl's namespace default.
/// Commands ask it for what they need; whether that is read from files or from an API server is
/// its business.
pub struct Session {
    source: Source,
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

    /// DaemonSet `name` (in `namespace`, else wherever a snapshot has it) and its revisions —
    /// what history, undo and diff-revision need. Live: kubectl's two calls.
    pub async fn history(&self, namespace: Option<&str>, name: &str) -> Result<RevisionHistory> {
        if let (Source::Live(client), Some(ns)) = (&self.source, namespace) {
            return live::history(client, ns, name).await;
        }
        let query = Query {
            namespace: namespace.map(String::from),
            daemonset: Some(name.to_string()),
            revisions: true,
            ..Default::default()
        };
        let mut state = self.load(&query).await?;
        let daemonset = resolve_daemonset(&state, namespace, name)?.clone();
        Ok(RevisionHistory {
            daemonset,
            revisions: std::mem::take(&mut state.revisions),
        })
    }

    /// The `data` of ControllerRevision `namespace/name` exactly as the API server sends it
    /// (kubectl's rollback skip rule compares bytes); `None` from a snapshot, which keeps no
    /// server bytes, or when the revision is gone.
    pub async fn revision_data(&self, namespace: &str, name: &str) -> Result<Option<String>> {
        match &self.source {
            Source::Snapshot(_) => Ok(None),
            Source::Live(client) => live::revision_data(client, namespace, name).await,
        }
    }

    /// PATCH DaemonSet `namespace/name` with strategic-merge `body`, on the condition that it is
    /// still at `resource_version`; `dry_run` asks the server to check without storing. Sent once.
    /// A snapshot cannot be changed: a usage error.
    pub async fn patch_daemonset(
        &self,
        namespace: &str,
        name: &str,
        body: serde_json::Value,
        resource_version: &str,
        dry_run: bool,
    ) -> Result<Written> {
        match &self.source {
            Source::Snapshot(_) => Err(Error::usage(
                "a --snapshot cannot be changed; changing a DaemonSet needs a live cluster",
            )),
            Source::Live(client) => {
                live::patch_daemonset(client, namespace, name, body, resource_version, dry_run)
                    .await
            }
        }
    }

    /// Show `start`, then each change of it, to `until` until it returns `true` (kubectl's
    /// `UntilWithSync`). A snapshot does not change: nothing to wait for, it returns at once
    /// (the state already read is all there is). Live, it returns only through `until`, a
    /// deletion or an error; bound it with a timeout.
    pub async fn watch_daemonset(
        &self,
        start: &DaemonSet,
        until: impl FnMut(DaemonSetEvent<'_>) -> Result<bool>,
    ) -> Result<()> {
        match &self.source {
            Source::Snapshot(_) => Ok(()),
            Source::Live(client) => client.watch_daemonset(start, until).await,
        }
    }

    /// A `-v` log line on stderr (live only; a snapshot makes no requests to log).
    pub fn debug(&self, line: impl FnOnce() -> String) {
        if let Source::Live(client) = &self.source {
            client.debug(line());
        }
    }
}
