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
    /// The reads beyond the objects the answer is about are best effort: when RBAC refuses the
    /// cluster-wide pod list (with one DaemonSet in scope: its own pods are read instead, and fit
    /// is not evaluated; see [`ClusterState::usage_unread`]) or the FailedScheduling events, the
    /// state says so in `caveats` instead of the load failing. The DaemonSets, nodes and
    /// ControllerRevisions stay required. (Namespaces are always optional.)
    pub best_effort: bool,
    /// PriorityClasses and PodDisruptionBudgets (what preemption reads) and DeviceClasses (which
    /// extended resources DRA serves); best effort live.
    pub policy: bool,
    /// The server's version and distribution (`/version`, discovery `/apis`; best effort live,
    /// what a snapshot recorded otherwise): which release's behaviour to mirror.
    pub server: bool,
}

/// Narrow reads around one DaemonSet already read — what explaining its rollout's blockers needs
/// and no more ([`Session::around`]). Every read is best effort: one RBAC refuses comes back in
/// [`Gathered::refused`], never as a failure; other failures (401, unreachable, 5xx) still fail.
#[derive(Clone, Debug, Default)]
pub struct Around {
    /// The DaemonSet's own pods: its namespace, its label selector.
    pub own_pods: bool,
    /// Its ControllerRevisions (its namespace, its selector): which revision is current.
    pub revisions: bool,
    /// Its namespace object (a default node selector changes where pods are wanted).
    pub namespace: bool,
    /// These nodes (`None`: no nodes).
    pub nodes: Option<NodeSet>,
    /// Non-terminal pods of every namespace bound to these nodes: what they use, for fit checks
    /// (`None`: none). The live source reads them per node when there are few, else in one
    /// cluster-wide LIST narrowed to non-terminal phases.
    pub usage_on: Option<NodeSet>,
    /// FailedScheduling events in its namespace (why a Pending pod waits).
    pub events: bool,
    /// What the server says about itself (`/version`, discovery): which release to mirror.
    /// Best effort; a snapshot gives what it recorded.
    pub server: bool,
}

/// Which nodes a read covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeSet {
    All,
    /// Only these (GET each when there are few, else a LIST kept to these).
    Named(Vec<String>),
}

impl NodeSet {
    /// The node `name` is in the set.
    pub fn has(&self, name: &str) -> bool {
        match self {
            NodeSet::All => true,
            NodeSet::Named(names) => names.iter().any(|n| n == name),
        }
    }
}

/// One read of [`Around`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Read {
    OwnPods,
    Revisions,
    Namespace,
    Nodes,
    UsagePods,
    Events,
}

/// A read RBAC refused, and in kubectl's words what was refused (`may not list pods in all
/// namespaces`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    pub read: Read,
    pub why: String,
}

/// What [`Session::around`] read, and what it was refused.
#[derive(Debug, Default)]
pub struct Gathered {
    pub state: ClusterState,
    pub refused: Vec<Refused>,
}

impl Gathered {
    /// Why `read` was refused, when it was.
    pub fn refused(&self, read: Read) -> Option<&str> {
        self.refused
            .iter()
            .find(|r| r.read == read)
            .map(|r| r.why.as_str())
    }

    /// Add what `more` read to this (a pod read twice kept once), and what it was refused.
    pub fn absorb(&mut self, more: Gathered) {
        let Gathered { state, refused } = more;
        let s = &mut self.state;
        s.nodes.extend(state.nodes);
        let key = |p: &crate::model::Pod| (p.metadata.namespace.clone(), p.metadata.name.clone());
        let seen: std::collections::HashSet<_> = s.pods.iter().map(key).collect();
        s.pods
            .extend(state.pods.into_iter().filter(|p| !seen.contains(&key(p))));
        s.revisions.extend(state.revisions);
        s.events.extend(state.events);
        s.namespaces.extend(state.namespaces);
        if state.server != Default::default() {
            s.server = state.server;
        }
        for c in state.caveats {
            if !s.caveats.contains(&c) {
                s.caveats.push(c);
            }
        }
        self.refused.extend(refused);
    }
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

    /// The same source with kubeconfig context `context` (a fleet run opens one session per
    /// context); a snapshot has no contexts and stays as it is.
    pub fn with_context(&self, context: &str) -> SourceSpec {
        match self {
            SourceSpec::Live(live) => SourceSpec::Live(LiveSpec {
                context: Some(context.to_string()),
                fleet: true,
                ..live.clone()
            }),
            snapshot => snapshot.clone(),
        }
    }

    /// Every context of the kubeconfig this source reads, in the kubeconfig's order, with its
    /// cluster's server (for a fleet run). A snapshot has none: a usage error.
    pub fn contexts(&self) -> Result<Vec<Member>> {
        match self {
            SourceSpec::Live(live) => live::contexts(live.kubeconfig.as_deref()),
            SourceSpec::Snapshot { .. } => Err(Error::usage(
                "a --snapshot has no kubeconfig contexts; several contexts need a live cluster",
            )),
        }
    }
}

/// One kubeconfig context of a fleet run: its name and its cluster's API server URL (empty when
/// the kubeconfig names no cluster for it: opening it then fails with kubectl's message).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub context: String,
    pub server: String,
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
    /// What the source could not tell (a snapshot without the DaemonSet's revisions).
    pub caveats: Vec<String>,
}

/// What a watch of a DaemonSet shows its condition.
pub enum DaemonSetEvent<'a> {
    /// The DaemonSet as it is now (the state the watch starts from, then each change).
    Applied(&'a DaemonSet),
    /// It was deleted; the watch ends.
    Deleted,
    /// The watch is lost — the server does not answer, or answers 429 or 5xx — and is being
    /// reopened; `error` is the latest failure, `down` how long since the first. Told once the
    /// first retries failed, then every minute while it lasts.
    Lost {
        error: &'a crate::error::Error,
        down: std::time::Duration,
    },
    /// A watch opened again after [`DaemonSetEvent::Lost`], `down` after the first failure.
    Restored { down: std::time::Duration },
}

/// The one interface to cluster state: a resolved source plus kubectl's namespace default.
/// Commands ask it for what they need; whether that is read from files or from an API server is
/// its business.
pub struct Session {
    source: Source,
    /// Snapshot only: what the last [`Session::daemonset`] / [`Session::around`] read (a
    /// snapshot is read once per DaemonSet, however many phases ask).
    around_cache: std::sync::Mutex<Option<(String, ClusterState)>>,
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
                    around_cache: Default::default(),
                    namespace: namespace.clone(),
                });
            }
            SourceSpec::Live(live) => live,
        };
        let client = live::connect(live).await?;
        Ok(Session {
            namespace: Some(client.namespace.clone()),
            source: Source::Live(client),
            around_cache: Default::default(),
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

    /// DaemonSet `name` (in `namespace`, else wherever a snapshot has it), alone. Live: one GET
    /// (and, when it is not there, one LIST of the namespace's DaemonSets to suggest close names).
    pub async fn daemonset(&self, namespace: Option<&str>, name: &str) -> Result<DaemonSet> {
        match (&self.source, namespace) {
            (Source::Live(client), Some(ns)) => live::daemonset(client, ns, name).await,
            _ => {
                let state = self.snapshot_around(namespace, name).await?;
                Ok(resolve_daemonset(&state, namespace, name)?.clone())
            }
        }
    }

    /// The narrow, best-effort reads `what` around `ds` (already read): see [`Around`]. Live,
    /// the independent reads go out together.
    pub async fn around(&self, ds: &DaemonSet, what: &Around) -> Result<Gathered> {
        if let Source::Live(client) = &self.source {
            return live::around(client, ds, what).await;
        }
        let ns = ds.metadata.namespace.as_deref();
        let name = ds.metadata.name.as_deref().unwrap_or("");
        let mut state = self.snapshot_around(ns, name).await?;
        let keep = |set: &Option<NodeSet>, node: &str| set.as_ref().is_some_and(|s| s.has(node));
        state.daemonsets.clear();
        state
            .nodes
            .retain(|n| keep(&what.nodes, n.metadata.name.as_deref().unwrap_or("")));
        if !what.own_pods && what.usage_on.is_none() {
            state.pods.clear();
            state.usage_pods.clear();
        }
        if !what.revisions {
            state.revisions.clear();
        }
        if !what.events {
            state.events.clear();
        }
        if !what.namespace {
            state.namespaces.clear();
        }
        Ok(Gathered {
            state,
            refused: Vec::new(),
        })
    }

    /// Snapshot: everything about DaemonSet `namespace/name`'s rollout, read once.
    async fn snapshot_around(&self, namespace: Option<&str>, name: &str) -> Result<ClusterState> {
        let key = format!("{}/{name}", namespace.unwrap_or(""));
        if let Some((k, state)) = &*self.around_cache.lock().unwrap_or_else(|e| e.into_inner())
            && *k == key
        {
            return Ok(state.clone());
        }
        let query = Query {
            namespace: namespace.map(String::from),
            daemonset: Some(name.to_string()),
            pods: true,
            revisions: true,
            events: true,
            namespaces: true,
            ..Default::default()
        };
        let state = self.load(&query).await?;
        *self.around_cache.lock().unwrap_or_else(|e| e.into_inner()) = Some((key, state.clone()));
        Ok(state)
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
        let revisions = std::mem::take(&mut state.revisions);
        // The controller writes a ControllerRevision for every DaemonSet it has synced, so a
        // snapshot without one left them out (`kubectl get ds` alone): absent data, not history.
        let caveats = if crate::model::revisions::owned(&daemonset, &revisions).is_empty() {
            vec![format!(
                "the snapshot holds no ControllerRevisions of {}/{}, and the controller keeps at least one for every DaemonSet it has synced: the history is missing from the file, not from the cluster (add `kubectl get controllerrevisions -n {} -o yaml`)",
                daemonset.metadata.namespace.as_deref().unwrap_or("default"),
                name,
                daemonset.metadata.namespace.as_deref().unwrap_or("default"),
            )]
        } else {
            Vec::new()
        };
        Ok(RevisionHistory {
            daemonset,
            revisions,
            caveats,
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
