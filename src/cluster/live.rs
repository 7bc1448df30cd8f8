//! The live source: kubeconfig → kube client → a fixed set of paginated LISTs/GETs per [`Query`].
//!
//! The number of requests depends on the query, never on the cluster's size (pagination aside):
//! pods are narrowed server-side with field selectors (`spec.nodeName=NODE` for one node,
//! non-terminal phases otherwise) and label selectors (a DaemonSet's own pods), events with a
//! field selector, and pods are decoded straight into the slim [`Pod`]. Every call carries a
//! timeout, so a slow server never hangs a command.
//!
//! ```no_run
//! # async fn demo() -> kubectl_ds::error::Result<()> {
//! use kubectl_ds::cluster::{Query, live};
//! let client = live::connect(&live::LiveSpec::default()).await?;
//! let state = live::load(&client, &Query { node: Some("node-3".into()), pods: true, ..Default::default() }).await?;
//! println!("{} pods on node-3", state.pods.len());
//! # Ok(()) }
//! ```

mod around;
mod dump;
mod errors;
mod kubeconfig;
mod stream;
mod transport;
mod watch;

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use k8s_openapi::api::apps::v1::DaemonSet;
use kube::api::{ListParams, Patch};
use kube::config::KubeConfigOptions;
use kube::{Client, Config};

pub use around::around;
pub use dump::dump;
pub use transport::{PAGE, READ_RETRIES, Resource, Written};

use errors::Call;

use super::{ClusterState, Query, RevisionHistory};
use crate::error::{ApiErrorKind, Error, Result, close_names};
use crate::model::Pod;

/// Per-request limit when `--request-timeout` is not given (kubectl has none; a plugin run in the
/// middle of an incident must not hang on a wedged API server).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// TCP/TLS connect limit, also with `--request-timeout 0`.
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(30);

/// How to reach a live cluster: kubectl's flags, resolved.
#[derive(Clone, Debug, Default)]
pub struct LiveSpec {
    /// `--kubeconfig`; `None`: `KUBECONFIG`, else `~/.kube/config`.
    pub kubeconfig: Option<std::path::PathBuf>,
    /// `--context`; `None`: the current context.
    pub context: Option<String>,
    /// `-n`; `None`: the context's namespace, else `default`.
    pub namespace: Option<String>,
    /// Per-request limit; `None` = no limit (`--request-timeout 0`).
    pub request_timeout: Option<Duration>,
    /// `--chunk-size`: objects per page of a LIST (0 = one request per list). `None`: kubectl's
    /// 500, and the pods of other workloads read from the watch cache
    /// ([`LiveClient::list_cached`]); given, every LIST is consistent and paged by it.
    pub chunk_size: Option<u32>,
    /// `-v`: log each request to stderr (never credentials).
    pub verbose: bool,
    /// One of several clusters of a fleet run: `-v` lines name the context
    /// (`[kubectl-ds eu-1] GET …`), since the clusters' lines interleave.
    pub fleet: bool,
}

/// A connected client and the facts needed to word errors and resolve namespaces.
#[derive(Clone)]
pub struct LiveClient {
    pub client: Client,
    /// `-n`, else the context's namespace, else `default`.
    pub namespace: String,
    /// The kubeconfig context in use (for messages).
    pub context: String,
    /// The API server URL.
    pub server: String,
    /// Per-request limit; `None` = `--request-timeout 0`.
    pub timeout: Option<Duration>,
    /// Objects per page of a LIST; 0 = unpaginated (`--chunk-size`).
    pub chunk_size: u32,
    /// `--chunk-size` not given: [`LiveClient::list_cached`] reads from the watch cache.
    pub cache_reads: bool,
    /// Rarely read facts, shared so the client stays small to move around.
    private: Arc<Private>,
}

struct Private {
    /// How this client was made: [`LiveClient::reconnect`] makes it again.
    spec: LiveSpec,
    /// The user's credentials can change while we run (an exec plugin, a token file, an
    /// auth provider): loading them again after a 401 may help. Static ones cannot.
    refreshable: bool,
    /// The kubeconfig user entry of the context (for messages; never its credentials).
    user: String,
    /// `-v` given: log each request to stderr.
    verbose: bool,
    /// Credential strings from the kubeconfig, scrubbed from every message and log line.
    secrets: Vec<String>,
}

impl LiveClient {
    /// The kubeconfig user entry of the context in use (its name, never its credentials).
    pub fn user(&self) -> &str {
        &self.private.user
    }

    /// Whether the credentials come from somewhere that can hand out new ones (an exec plugin,
    /// a token file, an auth provider), so that [`LiveClient::reconnect`] may help after a 401.
    pub fn refreshable(&self) -> bool {
        self.private.refreshable
    }

    /// A new client for the same context, with the kubeconfig's credentials loaded again (an
    /// exec plugin run again, a token file re-read): what a long watch does after a 401.
    pub async fn reconnect(&self) -> Result<LiveClient> {
        let mut spec = self.private.spec.clone();
        spec.context = Some(self.context.clone());
        spec.namespace = Some(self.namespace.clone());
        connect(&spec).await
    }
}

/// Build a client the way kubectl would: `--kubeconfig`, else `KUBECONFIG` (several paths merged,
/// first value wins, missing files skipped), else `~/.kube/config`; `--context` overrides the
/// current context; `--request-timeout` bounds each request (default 30s).
pub async fn connect(spec: &LiveSpec) -> Result<LiveClient> {
    let timeout = spec.request_timeout;
    let loaded = kubeconfig::load(spec.kubeconfig.as_deref())?;
    let info = kubeconfig::context(&loaded.config, spec.context.as_deref(), &loaded.files)?;
    let secrets = kubeconfig::secrets(&loaded.config);
    let refreshable = loaded
        .config
        .auth_infos
        .iter()
        .find(|a| a.name == info.user)
        .and_then(|a| a.auth_info.as_ref())
        .is_some_and(|a| a.exec.is_some() || a.token_file.is_some() || a.auth_provider.is_some());
    let scrub = |text: String| {
        secrets
            .iter()
            .fold(text, |t, s| t.replace(s.as_str(), "<redacted>"))
    };
    let options = KubeConfigOptions {
        context: Some(info.context.clone()),
        ..Default::default()
    };
    let mut config = Config::from_custom_kubeconfig(loaded.config, &options)
        .await
        .map_err(|e| {
            Error::cluster(scrub(format!(
                "kubeconfig context \"{}\" (user \"{}\", cluster \"{}\") is not usable: {e}",
                info.context, info.user, info.cluster
            )))
        })?;
    // The whole exchange is bounded by `timeout` in the transport; kube's own read timeout would
    // only fire first with a vaguer message.
    config.connect_timeout = Some(
        timeout
            .unwrap_or(DEFAULT_CONNECT_TIMEOUT)
            .min(DEFAULT_CONNECT_TIMEOUT),
    );
    config.read_timeout = None;
    // kube retries 429/503/504 on its own (up to 15 times, writes included, invisible to the
    // `-v` log); the transport's bounded, read-only retries replace it.
    config.default_retry = false;
    let server = config.cluster_url.to_string();
    let namespace = spec
        .namespace
        .clone()
        .or(info.namespace)
        .unwrap_or_else(|| "default".to_string());
    let client = Client::try_from(config).map_err(|e| {
        Error::cluster(scrub(format!(
            "cannot build a client for {server} (context \"{}\"): {e}",
            info.context
        )))
    })?;
    let lc = LiveClient {
        client,
        namespace,
        context: info.context,
        server,
        timeout,
        chunk_size: spec.chunk_size.unwrap_or(PAGE),
        cache_reads: spec.chunk_size.is_none(),
        private: Arc::new(Private {
            spec: spec.clone(),
            refreshable,
            user: info.user,
            verbose: spec.verbose,
            secrets,
        }),
    };
    lc.debug(format!(
        "kubeconfig {}; context \"{}\", cluster \"{}\", user \"{}\", server {}, namespace \"{}\", request timeout {}",
        loaded
            .files
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(":"),
        lc.context,
        info.cluster,
        lc.user(),
        lc.server,
        lc.namespace,
        lc.timeout
            .map_or("none".to_string(), |t| format!("{t:?}"))
    ));
    Ok(lc)
}

/// Every context of the kubeconfig (`--kubeconfig`, else `KUBECONFIG` merged, else
/// `~/.kube/config`), in its order, with the server of the cluster each names.
pub fn contexts(explicit: Option<&std::path::Path>) -> Result<Vec<super::Member>> {
    let loaded = kubeconfig::load(explicit)?;
    let cfg = &loaded.config;
    Ok(cfg
        .contexts
        .iter()
        .map(|named| {
            let cluster = named.context.as_ref().map(|c| c.cluster.as_str());
            let server = cfg
                .clusters
                .iter()
                .find(|c| Some(c.name.as_str()) == cluster)
                .and_then(|c| c.cluster.as_ref())
                .and_then(|c| c.server.clone())
                .unwrap_or_default();
            super::Member {
                context: named.name.clone(),
                server,
            }
        })
        .collect())
}

/// Load what `q` asks for with a fixed number of calls (plus pagination):
/// DaemonSets (1), nodes (1), pods (2), ControllerRevisions (1), events (2), namespaces (1).
///
/// Two rounds: first the objects the answer is about (the DaemonSet(s), the node of `q.node`),
/// together; a failure there fails the command before anything else is asked. Then every other
/// read at once (each LIST still pages sequentially), so a remote control plane costs round
/// trips, not requests.
pub async fn load(lc: &LiveClient, q: &Query) -> Result<ClusterState> {
    let ns = q.namespace.as_deref();
    let the_node = async {
        let Some(name) = &q.node else {
            return Ok(None);
        };
        match lc.get(Resource::Nodes, None, name).await? {
            Some(n) => Ok(Some(n)),
            None => Err(node_not_found(lc, name).await),
        }
    };
    let (daemonsets, node) = futures::try_join!(load_daemonsets(lc, q), the_node)?;
    let mut caveats = Vec::new();
    let nodes = async {
        if let Some(n) = node {
            return Ok(vec![n]);
        }
        let lp = match &q.node_selector {
            Some(sel) => ListParams::default().labels(sel),
            None => ListParams::default(),
        };
        lc.list(Resource::Nodes, None, lp).await
    };
    let pods = async {
        if q.pods {
            load_pods(lc, q, &daemonsets).await.map(Some)
        } else {
            Ok(None)
        }
    };
    let revisions = async {
        if q.revisions {
            lc.list(Resource::ControllerRevisions, ns, ListParams::default())
                .await
        } else {
            Ok(Vec::new())
        }
    };
    let events = async {
        if !q.events {
            return Ok(Ok(Vec::new()));
        }
        // Only the events that explain a placement are read, narrowed server-side so a busy
        // cluster's event stream stays off the wire: FailedScheduling on pods (why a Pending pod
        // waits), and Warning events on DaemonSets (FailedCreate: quota, admission webhooks;
        // FailedDaemonPod: a kubelet rejection) — the evidence of a node verdict.
        let lp = ListParams::default().fields("involvedObject.kind=Pod,reason=FailedScheduling");
        let mut on_ds = "involvedObject.kind=DaemonSet,type=Warning".to_string();
        if let Some(name) = &q.daemonset {
            on_ds.push_str(&format!(",involvedObject.name={name}"));
        }
        let what = Call::new("list", Resource::Events, ns, None).describe();
        let read = async {
            let (mut pods, on_ds) = futures::try_join!(
                lc.list::<crate::model::Event>(Resource::Events, ns, lp),
                lc.list(Resource::Events, ns, ListParams::default().fields(&on_ds)),
            )?;
            pods.extend(on_ds);
            Ok(pods)
        };
        if q.best_effort {
            optional(lc, what, read).await
        } else {
            read.await.map(Ok)
        }
    };
    let namespaces = async {
        if !q.namespaces {
            return Ok(Some(Vec::new()));
        }
        // Optional context (default node selectors): a namespace-scoped user may not list them.
        lc.list_if_allowed(Resource::Namespaces, None, ListParams::default())
            .await
    };
    let server = async {
        if q.server {
            Ok(server_facts(lc).await?)
        } else {
            Ok(Default::default())
        }
    };
    let policy = async {
        if q.policy {
            load_policy(lc).await.map(Some)
        } else {
            Ok(None)
        }
    };
    let (nodes, pods, revisions, events, namespaces, server, policy) =
        futures::try_join!(nodes, pods, revisions, events, namespaces, server, policy)?;
    let mut state = ClusterState {
        daemonsets,
        nodes,
        revisions,
        server,
        ..Default::default()
    };
    if let Some(pods) = pods {
        state.pods = pods.pods;
        if let Some(why) = pods.refused {
            state.usage_unread = true;
            caveats.push(format!(
                "pods of other workloads not read ({why}): only the DaemonSet's own pods are known, so fit (resources, host ports) is not evaluated"
            ));
        }
    }
    match events {
        Ok(events) => state.events = events,
        Err(why) => caveats.push(format!(
            "scheduler events not read ({why}): a Pending pod's FailedScheduling message is not shown, nor the DaemonSet's FailedCreate/FailedDaemonPod events (no evidence from events)"
        )),
    }
    match namespaces {
        Some(namespaces) => state.namespaces = namespaces,
        None => caveats.push(format!(
            "namespaces not read (may not list namespaces): a namespace's default node selector ({}) is not applied",
            "scheduler.alpha.kubernetes.io/node-selector"
        )),
    }
    if q.pods {
        state.pods_only_on = q.node.clone();
    }
    if let Some(policy) = policy {
        (state.priority_classes, state.pdbs, state.device_classes) = policy;
    }
    state.caveats = caveats;
    Ok(state)
}

/// What preemption and extended resources read, each `None` when it may not be read.
type Policy = (
    Option<Vec<crate::model::policy::PriorityClass>>,
    Option<Vec<crate::model::policy::PodDisruptionBudget>>,
    Option<Vec<crate::model::objects::DeviceClass>>,
);

/// PriorityClasses and PodDisruptionBudgets (all namespaces: a victim may be any pod on the
/// node) and DeviceClasses, at once, best effort: what may not be read stays `None`, which the
/// evaluator turns into a caveat where preemption needed it — never a failure.
async fn load_policy(lc: &LiveClient) -> Result<Policy> {
    let all = ListParams::default;
    futures::try_join!(
        lc.list_if_allowed(Resource::PriorityClasses, None, all()),
        lc.list_if_allowed(Resource::PodDisruptionBudgets, None, all()),
        device_classes(lc),
    )
}

/// DeviceClasses (`resource.k8s.io/v1`), best effort: `None` when RBAC refuses them or the
/// server does not serve the group (before 1.34).
pub(crate) async fn device_classes<T: serde::de::DeserializeOwned + Send + 'static>(
    lc: &LiveClient,
) -> Result<Option<Vec<T>>> {
    match lc
        .list_if_allowed(Resource::DeviceClasses, None, ListParams::default())
        .await
    {
        Err(e) if e.api_kind() == Some(ApiErrorKind::NotFound) => {
            lc.debug("resource.k8s.io/v1 DeviceClasses not served; left out".into());
            Ok(None)
        }
        other => other,
    }
}

/// What the server says about itself, best effort (two GETs at once): its version (`/version`)
/// and its distribution (OpenShift when discovery `/apis` lists an OpenShift-only group). What
/// could not be read is said in `unread`; the command goes on.
pub async fn server_facts(lc: &LiveClient) -> Result<crate::model::semantics::ServerFacts> {
    use crate::model::semantics::{Distribution, Origin, ServerFacts};
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Version {
        #[serde(default)]
        git_version: String,
        #[serde(default)]
        major: String,
        #[serde(default)]
        minor: String,
    }
    #[derive(serde::Deserialize)]
    struct Groups {
        #[serde(default)]
        groups: Vec<Group>,
    }
    #[derive(serde::Deserialize)]
    struct Group {
        #[serde(default)]
        name: String,
    }
    let (version, groups) = futures::join!(
        lc.discover::<Version>("/version"),
        lc.discover::<Groups>("/apis")
    );
    let mut facts = ServerFacts {
        from: Some(Origin::Server),
        ..Default::default()
    };
    match version {
        Ok(v) if !v.git_version.is_empty() => facts.version = Some(v.git_version),
        // Some servers report only major/minor (`1`, `31+`).
        Ok(v) if !v.major.is_empty() => {
            facts.version = Some(format!("{}.{}", v.major, v.minor.trim_end_matches('+')))
        }
        Ok(_) => facts.unread = Some("/version reports no version".into()),
        Err(why) => facts.unread = Some(why),
    }
    if let Ok(g) = groups {
        facts.distribution = Some(Distribution::from_api_groups(
            g.groups.iter().map(|g| g.name.as_str()),
        ));
    }
    Ok(facts)
}

/// `read`, with a 403 turned into `Err(words)` (`may not list pods in all namespaces`): for the
/// reads an answer can do without. Every other failure still fails.
async fn optional<T>(
    lc: &LiveClient,
    what: String,
    read: impl std::future::Future<Output = Result<T>>,
) -> Result<std::result::Result<T, String>> {
    match read.await {
        Ok(v) => Ok(Ok(v)),
        Err(e) if e.api_kind() == Some(ApiErrorKind::Forbidden) => {
            lc.debug(format!("not allowed to {what}; left out"));
            Ok(Err(format!("may not {what}")))
        }
        Err(e) => Err(e),
    }
}

/// DaemonSet `ns/name`: one GET; when it is not there, one LIST for close names.
pub async fn daemonset(lc: &LiveClient, ns: &str, name: &str) -> Result<DaemonSet> {
    match lc.get(Resource::DaemonSets, Some(ns), name).await? {
        Some(ds) => Ok(ds),
        None => Err(daemonset_not_found(lc, ns, name).await),
    }
}

async fn load_daemonsets(lc: &LiveClient, q: &Query) -> Result<Vec<DaemonSet>> {
    let ns = q.namespace.as_deref();
    let (Some(name), Some(n)) = (&q.daemonset, ns) else {
        return lc
            .list(Resource::DaemonSets, ns, ListParams::default())
            .await;
    };
    match lc.get(Resource::DaemonSets, ns, name).await? {
        Some(ds) => Ok(vec![ds]),
        None => Err(daemonset_not_found(lc, n, name).await),
    }
}

/// DaemonSet `name` is not in namespace `ns`: two more LISTs at once, only to suggest what the
/// user may have meant — close names in `ns`, and the same name in other namespaces (a field
/// selector on the name, best effort: an account that may not list across namespaces still gets
/// the close names).
async fn daemonset_not_found(lc: &LiveClient, ns: &str, name: &str) -> Error {
    let here = lc.list::<DaemonSet>(Resource::DaemonSets, Some(ns), ListParams::default());
    let by_name = ListParams::default().fields(&format!("metadata.name={name}"));
    let everywhere = lc.list::<DaemonSet>(Resource::DaemonSets, None, by_name);
    let (here, everywhere) = tokio::join!(here, everywhere);
    let all = match here {
        Ok(all) => all,
        Err(e) => return e,
    };
    let close = close_names(name, all.iter().filter_map(|d| d.metadata.name.as_deref()));
    let elsewhere: Vec<String> = everywhere
        .unwrap_or_default()
        .iter()
        .filter(|d| d.metadata.name.as_deref() == Some(name))
        .filter_map(|d| d.metadata.namespace.as_deref())
        .filter(|other| *other != ns)
        .map(|other| format!("{other}/{name}"))
        .collect();
    crate::model::lookup::daemonset_not_found(name, Some(ns), &elsewhere, &close)
}

/// The DaemonSet and its ControllerRevisions in kubectl's own two calls: GET the DaemonSet, then
/// LIST the revisions with its selector (no nodes, no other DaemonSets' revisions on the wire).
pub async fn history(lc: &LiveClient, ns: &str, name: &str) -> Result<RevisionHistory> {
    let Some(daemonset) = lc
        .get::<DaemonSet>(Resource::DaemonSets, Some(ns), name)
        .await?
    else {
        return Err(daemonset_not_found(lc, ns, name).await);
    };
    // An unconvertible selector lists them all: ownership ([`crate::model::revisions`])
    // decides which belong to the DaemonSet either way.
    let lp = match crate::model::daemonset::ds_selector(&daemonset).map(|s| s.to_string()) {
        Some(sel) if !sel.is_empty() => ListParams::default().labels(&sel),
        _ => ListParams::default(),
    };
    let revisions = lc.list(Resource::ControllerRevisions, Some(ns), lp).await?;
    Ok(RevisionHistory {
        daemonset,
        revisions,
        caveats: Vec::new(),
    })
}

/// A ControllerRevision with its `data` kept as the exact bytes the server sent.
#[derive(serde::Deserialize)]
struct RawRevision {
    data: Option<Box<serde_json::value::RawValue>>,
}

/// The `data` of ControllerRevision `name`, byte for byte as the server sends it (kubectl's
/// rollback skip rule compares bytes); `None` when the revision or its data is gone.
pub async fn revision_data(lc: &LiveClient, ns: &str, name: &str) -> Result<Option<String>> {
    let raw: Option<RawRevision> = lc
        .get(Resource::ControllerRevisions, Some(ns), name)
        .await?;
    Ok(raw.and_then(|r| r.data).map(|d| d.get().to_string()))
}

/// PATCH DaemonSet `ns/name` with strategic-merge `body`, on the condition that it is still at
/// `resource_version` (a concurrent edit is a 409, [`Written::Conflict`], not an overwrite).
/// Sent once, never retried (see [`LiveClient::patch`]).
pub async fn patch_daemonset(
    lc: &LiveClient,
    ns: &str,
    name: &str,
    mut body: serde_json::Value,
    resource_version: &str,
    dry_run: bool,
) -> Result<Written> {
    if let Some(obj) = body.as_object_mut() {
        obj.insert(
            "metadata".into(),
            serde_json::json!({"resourceVersion": resource_version}),
        );
    }
    lc.debug(format!(
        "PATCH daemonset {ns}/{name} (strategic merge, resourceVersion {resource_version}){}",
        if dry_run { " (server dry run)" } else { "" }
    ));
    let patch = Patch::Strategic(body);
    lc.patch(Resource::DaemonSets, ns, name, &patch, dry_run)
        .await
}

async fn node_not_found(lc: &LiveClient, name: &str) -> Error {
    let lp = ListParams::default();
    let all: Vec<k8s_openapi::api::core::v1::Node> = match lc.list(Resource::Nodes, None, lp).await
    {
        Ok(all) => all,
        Err(e) => return e,
    };
    let close = close_names(name, all.iter().filter_map(|n| n.metadata.name.as_deref()));
    let mut msg = format!("nodes \"{name}\" not found");
    if !close.is_empty() {
        msg.push_str(&format!("; did you mean {}?", close.join(", ")));
    }
    Error::not_found(msg)
}

/// Pods read for a [`Query`], and the words of a refusal when only some could be read.
struct Pods {
    pods: Vec<Pod>,
    refused: Option<String>,
}

/// Pods the evaluator needs, in two LISTs sent together:
/// - with a node: every pod bound to it, plus unbound pods (a Pending daemon pod is pinned to its
///   node by affinity, not `spec.nodeName`), kept only when they target that node;
/// - without: every non-terminal pod (they use node resources and ports), plus — for a single
///   DaemonSet — its own pods by label selector, so its failed pods are seen too.
///
/// With [`Query::best_effort`] and one DaemonSet, a 403 on the cluster-wide lists leaves its own
/// pods (its namespace, its selector) as what is known.
async fn load_pods(lc: &LiveClient, q: &Query, daemonsets: &[DaemonSet]) -> Result<Pods> {
    let single = match (daemonsets, &q.daemonset) {
        ([ds], Some(_)) => Some(ds),
        _ => None,
    };
    let own = || async {
        let Some(ds) = single else {
            return Ok(Vec::new());
        };
        let Some(sel) = selector_string(ds)? else {
            return Ok(Vec::new());
        };
        let ns = ds.metadata.namespace.as_deref();
        lc.list::<Pod>(Resource::Pods, ns, ListParams::default().labels(&sel))
            .await
    };
    let everywhere = async {
        match &q.node {
            Some(node) => {
                let lp = ListParams::default().fields(&format!("spec.nodeName={node}"));
                let bound = lc.list::<Pod>(Resource::Pods, None, lp);
                let lp = ListParams::default().fields("spec.nodeName=");
                let unbound = lc.list::<Pod>(Resource::Pods, None, lp);
                let (mut pods, unbound) = futures::try_join!(bound, unbound)?;
                pods.extend(unbound.into_iter().filter(|p| {
                    // Its daemon pods, and pods a preemption nominated for the node.
                    p.target_node() == Some(node.as_str())
                        || p.status.nominated_node_name.as_deref() == Some(node.as_str())
                }));
                Ok(pods)
            }
            None => {
                // The scheduler's view: from the watch cache, as its informer reads it.
                let lp =
                    ListParams::default().fields("status.phase!=Succeeded,status.phase!=Failed");
                lc.list_cached::<Pod>(Resource::Pods, None, lp).await
            }
        }
    };
    let everywhere = async {
        let what = Call::new("list", Resource::Pods, None, None).describe();
        if q.best_effort && single.is_some() {
            optional(lc, what, everywhere).await
        } else {
            everywhere.await.map(Ok)
        }
    };
    let (mut pods, refused) = match &q.node {
        // Its own pods complete the cluster-wide list (failed ones), sent together.
        None => {
            let (own, everywhere) = futures::try_join!(own(), everywhere)?;
            match everywhere {
                Ok(mut pods) => {
                    pods.extend(own);
                    (pods, None)
                }
                Err(why) => (own, Some(why)),
            }
        }
        // The node's pods hold the DaemonSet's own: read them alone only when refused those,
        // keeping what targets the node.
        Some(node) => match everywhere.await? {
            Ok(pods) => (pods, None),
            Err(why) => {
                let mut own = own().await?;
                own.retain(|p| p.target_node() == Some(node.as_str()));
                (own, Some(why))
            }
        },
    };
    let mut seen = HashSet::new();
    pods.retain(|p| p.metadata.uid.is_empty() || seen.insert(p.metadata.uid.clone()));
    Ok(Pods { pods, refused })
}

/// The DaemonSet's `spec.selector` as a label-selector string (matchLabels and matchExpressions).
fn selector_string(ds: &DaemonSet) -> Result<Option<String>> {
    let Some(sel) = ds.spec.as_ref().map(|s| s.selector.clone()) else {
        return Ok(None);
    };
    let parsed = kube::core::Selector::try_from(sel).map_err(|e| {
        Error::input(format!(
            "daemonset {}/{} has an invalid selector: {e}",
            ds.metadata.namespace.as_deref().unwrap_or("default"),
            ds.metadata.name.as_deref().unwrap_or("")
        ))
    })?;
    let s = parsed.to_string();
    Ok((!s.is_empty()).then_some(s))
}
