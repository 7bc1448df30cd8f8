//! The live source: kubeconfig → kube client → a fixed set of paginated LISTs/GETs per [`Query`].
//!
//! Pods are decoded straight into the slim [`Pod`] (no full `core/v1` Pod is built), pods are
//! narrowed server-side with field selectors (`spec.nodeName=NODE` for one node, non-terminal
//! phases otherwise), and every call carries a timeout so a slow server never hangs a command.

use std::time::Duration;

use k8s_openapi::api::apps::v1::{ControllerRevision, DaemonSet};
use k8s_openapi::api::core::v1::Node;
use kube::api::{Api, ListParams};
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::{Client, Config};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::objects::{Event, Namespace};
use super::{ClusterState, Pod, Query};
use crate::cli::GlobalArgs;
use crate::error::{Error, Result, close_names};

/// Page size for LIST calls (kubectl uses 500 too).
const PAGE: u32 = 500;
/// Per-request timeout when `--request-timeout` is not given.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Read retries for 429/5xx answers.
const READ_RETRIES: u32 = 3;

/// A connected client and the facts needed to word errors and resolve namespaces.
#[derive(Clone)]
pub struct LiveClient {
    pub client: Client,
    /// `-n`, else the context's namespace, else `default`.
    pub namespace: String,
    pub context: String,
    pub server: String,
    pub timeout: Option<Duration>,
    pub verbose: bool,
}

/// kubectl's `--request-timeout`: `0` (no limit), a bare number of seconds, or a Go duration
/// (`500ms`, `30s`, `1m`, `1h`, `1m30s`).
pub fn parse_duration(s: &str) -> Result<Option<Duration>> {
    let bad = || {
        Error::usage(format!(
            "invalid --request-timeout {s:?}: use e.g. 30s, 1m, 500ms or 0"
        ))
    };
    let s = s.trim();
    if s == "0" {
        return Ok(None);
    }
    if let Ok(secs) = s.parse::<u64>() {
        return Ok(Some(Duration::from_secs(secs)));
    }
    let mut total = Duration::ZERO;
    let mut rest = s;
    while !rest.is_empty() {
        let n_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .ok_or_else(bad)?;
        let n: f64 = rest[..n_end].parse().map_err(|_| bad())?;
        rest = &rest[n_end..];
        let u_end = rest
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(rest.len());
        let unit = match &rest[..u_end] {
            "ms" => 0.001,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            _ => return Err(bad()),
        };
        total += Duration::from_secs_f64(n * unit);
        rest = &rest[u_end..];
    }
    Ok(if total.is_zero() { None } else { Some(total) })
}

/// Build a client the way kubectl would: `--kubeconfig`, else `KUBECONFIG` (several paths merged,
/// first value wins), else `~/.kube/config`; `--context` overrides the current context.
pub async fn connect(global: &GlobalArgs) -> Result<LiveClient> {
    let timeout = match &global.request_timeout {
        Some(t) => parse_duration(t)?,
        None => Some(DEFAULT_TIMEOUT),
    };
    let kubeconfig = match &global.kubeconfig {
        Some(p) => Kubeconfig::read_from(p)
            .map_err(|e| Error::cluster(format!("cannot read kubeconfig {}: {e}", p.display())))?,
        None => Kubeconfig::read().map_err(|e| {
            Error::cluster(format!(
                "no usable kubeconfig (KUBECONFIG or ~/.kube/config): {e}; pass --kubeconfig or --snapshot"
            ))
        })?,
    };
    let context = global
        .context
        .clone()
        .or_else(|| kubeconfig.current_context.clone())
        .unwrap_or_default();
    if let Some(ctx) = &global.context
        && !kubeconfig.contexts.iter().any(|c| &c.name == ctx)
    {
        let known: Vec<&str> = kubeconfig
            .contexts
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        return Err(Error::cluster(format!(
            "context \"{ctx}\" not found in kubeconfig (contexts: {})",
            known.join(", ")
        )));
    }
    let options = KubeConfigOptions {
        context: global.context.clone(),
        ..Default::default()
    };
    let mut config = Config::from_custom_kubeconfig(kubeconfig, &options)
        .await
        .map_err(|e| Error::cluster(format!("kubeconfig context \"{context}\": {e}")))?;
    config.connect_timeout = timeout.or(Some(DEFAULT_TIMEOUT));
    config.read_timeout = timeout;
    let server = config.cluster_url.to_string();
    let namespace = global
        .namespace
        .clone()
        .unwrap_or_else(|| config.default_namespace.clone());
    let client = Client::try_from(config).map_err(|e| {
        Error::cluster(format!(
            "cannot build a client for {server} (context \"{context}\"): {e}"
        ))
    })?;
    Ok(LiveClient {
        client,
        namespace,
        context,
        server,
        timeout,
        verbose: global.verbose.is_some(),
    })
}

#[derive(Deserialize)]
#[serde(bound = "T: DeserializeOwned")]
struct SlimList<T> {
    #[serde(default)]
    items: Vec<T>,
    #[serde(default)]
    metadata: SlimListMeta,
}

#[derive(Deserialize, Default)]
struct SlimListMeta {
    #[serde(rename = "continue", default)]
    continue_: Option<String>,
}

impl LiveClient {
    /// Say what failed in words an operator can act on (no credentials in any of it).
    pub fn explain(&self, what: &str, e: kube::Error) -> Error {
        let at = format!("{} (context \"{}\")", self.server, self.context);
        match e {
            kube::Error::Api(s) => match s.code {
                401 => Error::cluster(format!(
                    "{what}: the server {at} rejected the credentials of this context (401 Unauthorized)"
                )),
                403 => Error::cluster(format!("{what}: forbidden by RBAC at {at}: {}", s.message)),
                404 => Error::not_found(format!("{what}: {}", s.message)),
                code => Error::cluster(format!(
                    "{what}: {at} answered {code} {}: {}",
                    s.reason, s.message
                )),
            },
            other => Error::cluster(format!(
                "{what}: cannot reach {at}: {}",
                error_chain(&other)
            )),
        }
    }

    fn debug(&self, line: impl AsRef<str>) {
        if self.verbose {
            eprintln!("[kubectl-ds] {}", line.as_ref());
        }
    }

    /// Run one read with the timeout and bounded retries on 429/5xx.
    async fn read<T, F, Fut>(&self, what: &str, f: F) -> Result<T>
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = Result<T, kube::Error>>,
    {
        let mut attempt = 0;
        loop {
            attempt += 1;
            self.debug(format!("request: {what} (attempt {attempt})"));
            let res = match self.timeout {
                Some(t) => match tokio::time::timeout(t, f()).await {
                    Ok(r) => r,
                    Err(_) => {
                        return Err(Error::cluster(format!(
                            "{what}: no answer from {} (context \"{}\") within {:?} (--request-timeout)",
                            self.server, self.context, t
                        )));
                    }
                },
                None => f().await,
            };
            match res {
                Ok(v) => return Ok(v),
                Err(kube::Error::Api(s))
                    if (s.code == 429 || s.code >= 500) && attempt <= READ_RETRIES =>
                {
                    self.debug(format!("{what}: {} {}, retrying", s.code, s.reason));
                    tokio::time::sleep(Duration::from_millis(200 * 2u64.pow(attempt - 1))).await;
                }
                Err(e) => return Err(self.explain(what, e)),
            }
        }
    }

    /// LIST a typed resource across all pages.
    async fn list_typed<K>(&self, api: Api<K>, what: &str, lp: ListParams) -> Result<Vec<K>>
    where
        K: kube::Resource + Clone + DeserializeOwned + std::fmt::Debug,
    {
        let mut out = Vec::new();
        let mut lp = lp.limit(PAGE);
        loop {
            let page = self.read(what, || api.list(&lp)).await?;
            out.extend(page.items);
            match page.metadata.continue_.filter(|c| !c.is_empty()) {
                Some(c) => lp = lp.continue_token(&c),
                None => return Ok(out),
            }
        }
    }

    /// LIST a resource into a slim type (raw request; only the needed fields are decoded).
    async fn list_slim<T: DeserializeOwned>(
        &self,
        path: &str,
        what: &str,
        lp: ListParams,
    ) -> Result<Vec<T>> {
        let mut out = Vec::new();
        let mut lp = lp.limit(PAGE);
        loop {
            let page: SlimList<T> = self
                .read(what, || async {
                    let req = kube::core::Request::new(path)
                        .list(&lp)
                        .map_err(kube::Error::BuildRequest)?;
                    self.client.request::<SlimList<T>>(req).await
                })
                .await?;
            out.extend(page.items);
            match page.metadata.continue_.filter(|c| !c.is_empty()) {
                Some(c) => lp = lp.continue_token(&c),
                None => return Ok(out),
            }
        }
    }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(inner) = src {
        let t = inner.to_string();
        if !s.contains(&t) {
            s.push_str(": ");
            s.push_str(&t);
        }
        src = inner.source();
    }
    s
}

fn ns_path(ns: Option<&str>, group_path: &str, resource: &str) -> String {
    match ns {
        Some(ns) => format!("{group_path}/namespaces/{ns}/{resource}"),
        None => format!("{group_path}/{resource}"),
    }
}

/// Load what `q` asks for with a fixed number of calls (plus pagination).
pub async fn load(lc: &LiveClient, q: &Query) -> Result<ClusterState> {
    let mut state = ClusterState::default();
    let ns = q.namespace.as_deref();
    let c = lc.client.clone();

    // DaemonSets
    let ds_api: Api<DaemonSet> = match ns {
        Some(n) => Api::namespaced(c.clone(), n),
        None => Api::all(c.clone()),
    };
    match (&q.daemonset, ns) {
        (Some(name), Some(n)) => {
            let got = lc
                .read(&format!("get daemonset {n}/{name}"), || {
                    ds_api.get_opt(name)
                })
                .await?;
            match got {
                Some(ds) => state.daemonsets.push(ds),
                None => {
                    let all = lc
                        .list_typed(ds_api.clone(), "list daemonsets", ListParams::default())
                        .await?;
                    let names: Vec<&str> = all
                        .iter()
                        .filter_map(|d| d.metadata.name.as_deref())
                        .collect();
                    let close = close_names(name, names);
                    let mut msg =
                        format!("daemonsets.apps \"{name}\" not found in namespace \"{n}\"");
                    if !close.is_empty() {
                        msg.push_str(&format!("; did you mean {}?", close.join(", ")));
                    }
                    return Err(Error::not_found(msg));
                }
            }
        }
        _ => {
            state.daemonsets = lc
                .list_typed(ds_api.clone(), "list daemonsets", ListParams::default())
                .await?
        }
    }

    // Nodes
    let node_api: Api<Node> = Api::all(c.clone());
    match &q.node {
        Some(name) => match lc
            .read(&format!("get node {name}"), || node_api.get_opt(name))
            .await?
        {
            Some(n) => state.nodes.push(n),
            None => {
                let all = lc
                    .list_typed(node_api.clone(), "list nodes", ListParams::default())
                    .await?;
                let close =
                    close_names(name, all.iter().filter_map(|n| n.metadata.name.as_deref()));
                let mut msg = format!("nodes \"{name}\" not found");
                if !close.is_empty() {
                    msg.push_str(&format!("; did you mean {}?", close.join(", ")));
                }
                return Err(Error::not_found(msg));
            }
        },
        None => {
            let mut lp = ListParams::default();
            if let Some(sel) = &q.node_selector {
                lp = lp.labels(sel);
            }
            state.nodes = lc.list_typed(node_api.clone(), "list nodes", lp).await?;
        }
    }

    // Pods: everything bound to the nodes in scope (for fit), plus unbound daemon pods.
    if q.pods {
        match &q.node {
            Some(node) => {
                let lp = ListParams::default().fields(&format!("spec.nodeName={node}"));
                state.pods = lc
                    .list_slim("/api/v1/pods", "list pods on the node", lp)
                    .await?;
                let lp = ListParams::default().fields("spec.nodeName=");
                let unbound: Vec<Pod> = lc
                    .list_slim("/api/v1/pods", "list unscheduled pods", lp)
                    .await?;
                // Unbound pods only matter when pinned to this node by the controller.
                state.pods.extend(
                    unbound
                        .into_iter()
                        .filter(|p| p.target_node() == Some(node.as_str())),
                );
            }
            None => {
                let lp =
                    ListParams::default().fields("status.phase!=Succeeded,status.phase!=Failed");
                state.pods = lc.list_slim("/api/v1/pods", "list pods", lp).await?;
                // The DaemonSet's own failed pods too (they are part of its state).
                if let (Some(ds), Some(n)) = (state.daemonsets.first(), ns)
                    && q.daemonset.is_some()
                {
                    let sel = ds
                        .spec
                        .as_ref()
                        .and_then(|s| s.selector.match_labels.as_ref())
                        .map(|m| {
                            m.iter()
                                .map(|(k, v)| format!("{k}={v}"))
                                .collect::<Vec<_>>()
                                .join(",")
                        });
                    if let Some(sel) = sel.filter(|s| !s.is_empty()) {
                        let lp = ListParams::default()
                            .labels(&sel)
                            .fields("status.phase=Failed");
                        let path = format!("/api/v1/namespaces/{n}/pods");
                        let failed: Vec<Pod> =
                            lc.list_slim(&path, "list failed daemon pods", lp).await?;
                        state.pods.extend(failed);
                    }
                }
            }
        }
    }

    if q.revisions {
        let api: Api<ControllerRevision> = match ns {
            Some(n) => Api::namespaced(c.clone(), n),
            None => Api::all(c.clone()),
        };
        state.revisions = lc
            .list_typed(api, "list controllerrevisions", ListParams::default())
            .await?;
    }
    if q.events {
        let lp = ListParams::default().fields("involvedObject.kind=Pod,reason=FailedScheduling");
        let path = ns_path(ns, "/api/v1", "events");
        state.events = lc.list_slim(&path, "list events", lp).await?;
    }
    if q.namespaces {
        // Optional context (default node selectors): a namespace-scoped user may not list them.
        match lc
            .list_slim::<Namespace>(
                "/api/v1/namespaces",
                "list namespaces",
                ListParams::default(),
            )
            .await
        {
            Ok(list) => state.namespaces = list,
            Err(e) => lc.debug(format!(
                "namespaces not readable, skipping default node selectors: {e}"
            )),
        }
    }
    let _: Option<&Event> = None;
    Ok(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_like_kubectl() {
        assert_eq!(parse_duration("0").unwrap(), None);
        assert_eq!(parse_duration("30").unwrap(), Some(Duration::from_secs(30)));
        assert_eq!(
            parse_duration("30s").unwrap(),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_duration("500ms").unwrap(),
            Some(Duration::from_millis(500))
        );
        assert_eq!(
            parse_duration("1m30s").unwrap(),
            Some(Duration::from_secs(90))
        );
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("5x").is_err());
    }
}
