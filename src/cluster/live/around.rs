//! The narrow reads around one DaemonSet already read ([`crate::cluster::Around`]): what a
//! rollout's blockers need, asked for together, each best effort.
//!
//! The cost follows what is asked, not the cluster: the DaemonSet's own pods and revisions by its
//! selector in its namespace; a few nodes by name (GET each, at most [`CONCURRENT`] at a time) or,
//! past [`FEW_NODES`], one LIST; the pods on a few nodes by `spec.nodeName` (one LIST per node)
//! or, past [`FEW_USAGE_NODES`], one cluster-wide LIST of non-terminal pods, from the watch
//! cache as the scheduler reads it ([`LiveClient::list_cached`]).

use futures::{StreamExt, TryStreamExt};
use k8s_openapi::api::apps::v1::DaemonSet;
use k8s_openapi::api::core::v1::Node;
use kube::api::ListParams;

use super::errors::Call;
use super::{LiveClient, Resource, optional, selector_string};
use crate::cluster::{Around, ClusterState, Gathered, NodeSet, Read, Refused};
use crate::error::Result;
use crate::model::{Event, Namespace, Pod};

/// Requests of one read in flight at once (nodes by name, pods per node).
pub const CONCURRENT: usize = 8;
/// Up to this many nodes are read by name (GET each); more, with one LIST of all nodes.
pub const FEW_NODES: usize = 16;
/// Up to this many nodes get their pods listed one node at a time (`spec.nodeName=NODE`); more,
/// with one cluster-wide LIST of non-terminal pods.
pub const FEW_USAGE_NODES: usize = 8;

/// Non-terminal pods only: a Succeeded or Failed pod uses nothing on its node.
const NON_TERMINAL: &str = "status.phase!=Succeeded,status.phase!=Failed";

/// Read what `a` asks for around `ds`, all reads at once; a 403 on any of them is a
/// [`Refused`], any other failure fails.
pub async fn around(lc: &LiveClient, ds: &DaemonSet, a: &Around) -> Result<Gathered> {
    let ns = ds.metadata.namespace.as_deref().unwrap_or("default");
    let selector = selector_string(ds)?;
    let by_selector = || match &selector {
        Some(s) => ListParams::default().labels(s),
        None => ListParams::default(),
    };
    let own_pods = async {
        if !a.own_pods {
            return Ok(Ok(Vec::new()));
        }
        let what = Call::new("list", Resource::Pods, Some(ns), None).describe();
        optional(
            lc,
            what,
            lc.list::<Pod>(Resource::Pods, Some(ns), by_selector()),
        )
        .await
    };
    let revisions = async {
        if !a.revisions {
            return Ok(Ok(Vec::new()));
        }
        let what = Call::new("list", Resource::ControllerRevisions, Some(ns), None).describe();
        optional(
            lc,
            what,
            lc.list(Resource::ControllerRevisions, Some(ns), by_selector()),
        )
        .await
    };
    let namespace = async {
        if !a.namespace {
            return Ok(Ok(None));
        }
        let what = Call::new("get", Resource::Namespaces, None, Some(ns)).describe();
        optional(
            lc,
            what,
            lc.get::<Namespace>(Resource::Namespaces, None, ns),
        )
        .await
    };
    let nodes = async {
        match &a.nodes {
            None => Ok(Ok(Vec::new())),
            Some(set) => nodes(lc, set).await,
        }
    };
    let usage = async {
        match &a.usage_on {
            None => Ok(Ok(Vec::new())),
            Some(set) => pods_on(lc, set).await,
        }
    };
    let events = async {
        if !a.events {
            return Ok(Ok(Vec::new()));
        }
        let lp = ListParams::default().fields("involvedObject.kind=Pod,reason=FailedScheduling");
        let what = Call::new("list", Resource::Events, Some(ns), None).describe();
        optional(lc, what, lc.list::<Event>(Resource::Events, Some(ns), lp)).await
    };
    let server = async {
        if a.server {
            super::server_facts(lc).await
        } else {
            Ok(Default::default())
        }
    };
    let (own_pods, revisions, namespace, nodes, usage, events, server) =
        futures::try_join!(own_pods, revisions, namespace, nodes, usage, events, server)?;

    let mut refused = Vec::new();
    fn take<T: Default>(
        refused: &mut Vec<Refused>,
        read: Read,
        r: std::result::Result<T, String>,
    ) -> T {
        r.unwrap_or_else(|why| {
            refused.push(Refused { read, why });
            T::default()
        })
    }
    let mut state = ClusterState::default();
    let r = &mut refused;
    let mut pods: Vec<Pod> = take(r, Read::OwnPods, own_pods);
    state.revisions = take(r, Read::Revisions, revisions);
    state.namespaces = take(r, Read::Namespace, namespace).into_iter().collect();
    state.nodes = take(r, Read::Nodes, nodes);
    pods.extend(take(r, Read::UsagePods, usage));
    state.events = take(r, Read::Events, events);
    let mut seen = std::collections::HashSet::new();
    pods.retain(|p| p.metadata.uid.is_empty() || seen.insert(p.metadata.uid.clone()));
    state.pods = pods;
    state.server = server;
    Ok(Gathered { state, refused })
}

/// The nodes of `set`: a few by name, concurrently (a node that is gone is left out), else one
/// LIST kept to the set.
async fn nodes(lc: &LiveClient, set: &NodeSet) -> Result<std::result::Result<Vec<Node>, String>> {
    match set {
        NodeSet::Named(names) if names.len() <= FEW_NODES => {
            let what = Call::new("get", Resource::Nodes, None, None).describe();
            let read = futures::stream::iter(names.iter())
                .map(|n| lc.get::<Node>(Resource::Nodes, None, n))
                .buffered(CONCURRENT)
                .try_filter_map(|n| async move { Ok(n) })
                .try_collect::<Vec<Node>>();
            optional(lc, what, read).await
        }
        _ => {
            let what = Call::new("list", Resource::Nodes, None, None).describe();
            let read = lc.list::<Node>(Resource::Nodes, None, ListParams::default());
            Ok(optional(lc, what, read).await?.map(|mut all| {
                all.retain(|n| set.has(n.metadata.name.as_deref().unwrap_or("")));
                all
            }))
        }
    }
}

/// The non-terminal pods bound to the nodes of `set`: per node when there are few, else one
/// cluster-wide LIST kept to the set.
async fn pods_on(lc: &LiveClient, set: &NodeSet) -> Result<std::result::Result<Vec<Pod>, String>> {
    let what = Call::new("list", Resource::Pods, None, None).describe();
    match set {
        NodeSet::Named(names) if names.len() <= FEW_USAGE_NODES => {
            let read = futures::stream::iter(names.iter())
                .map(|n| {
                    let lp =
                        ListParams::default().fields(&format!("spec.nodeName={n},{NON_TERMINAL}"));
                    lc.list::<Pod>(Resource::Pods, None, lp)
                })
                .buffered(CONCURRENT)
                .try_concat();
            optional(lc, what, read).await
        }
        _ => {
            let lp = ListParams::default().fields(NON_TERMINAL);
            let read = lc.list_cached::<Pod>(Resource::Pods, None, lp);
            Ok(optional(lc, what, read).await?.map(|mut all| {
                all.retain(|p| {
                    p.spec
                        .node_name
                        .as_deref()
                        .is_some_and(|n| !n.is_empty() && set.has(n))
                });
                all
            }))
        }
    }
}
