//! Whole objects for `kubectl ds snapshot`, in a fixed number of LISTs (plus pagination).
//!
//! The snapshot must answer offline what the live source answers, so it holds what [`super::load`]
//! would read for any query in scope: every node and namespace, the DaemonSets and
//! ControllerRevisions of the scope, the pods that use node resources (non-terminal ones
//! everywhere) plus every pod of the scope (so failed daemon pods are kept), and the events the
//! evaluator and rollout commands read (FailedScheduling on pods, anything on DaemonSets), and
//! what preemption reads (PriorityClasses, PodDisruptionBudgets; best effort).

use std::collections::HashSet;

use kube::api::ListParams;
use serde_json::Value;

use super::{LiveClient, Resource};
use crate::error::Result;

/// Objects of the scope (`ns` = one namespace, `None` = all), each with `apiVersion` and `kind`.
pub async fn dump(lc: &LiveClient, ns: Option<&str>) -> Result<Vec<Value>> {
    let all = ListParams::default;
    let mut out = Vec::new();
    // Optional context, as for the live source: a namespace-scoped user may not list them.
    if let Some(items) = lc
        .list_if_allowed(Resource::Namespaces, None, all())
        .await?
    {
        push(&mut out, Resource::Namespaces, items);
    }
    push(
        &mut out,
        Resource::Nodes,
        lc.list(Resource::Nodes, None, all()).await?,
    );
    push(
        &mut out,
        Resource::DaemonSets,
        lc.list(Resource::DaemonSets, ns, all()).await?,
    );
    let revisions = lc.list(Resource::ControllerRevisions, ns, all()).await?;
    push(&mut out, Resource::ControllerRevisions, revisions);
    let mut pods: Vec<Value> = lc.list(Resource::Pods, ns, all()).await?;
    if ns.is_some() {
        let running = ListParams::default().fields("status.phase!=Succeeded,status.phase!=Failed");
        pods.extend(lc.list::<Value>(Resource::Pods, None, running).await?);
    }
    push(&mut out, Resource::Pods, pods);
    let pending = ListParams::default().fields("involvedObject.kind=Pod,reason=FailedScheduling");
    let mut events: Vec<Value> = lc.list(Resource::Events, ns, pending).await?;
    let on_daemonsets = ListParams::default().fields("involvedObject.kind=DaemonSet");
    events.extend(
        lc.list::<Value>(Resource::Events, ns, on_daemonsets)
            .await?,
    );
    push(&mut out, Resource::Events, events);
    push_policy(lc, &mut out).await?;
    Ok(out)
}

/// PriorityClasses and PodDisruptionBudgets of every namespace (a preemption victim may be any
/// pod on a node, as the non-terminal pods kept from every namespace are), best effort.
async fn push_policy(lc: &LiveClient, out: &mut Vec<Value>) -> Result<()> {
    let all = ListParams::default;
    if let Some(items) = lc
        .list_if_allowed(Resource::PriorityClasses, None, all())
        .await?
    {
        push(out, Resource::PriorityClasses, items);
    }
    if let Some(items) = lc
        .list_if_allowed(Resource::PodDisruptionBudgets, None, all())
        .await?
    {
        push(out, Resource::PodDisruptionBudgets, items);
    }
    if let Some(items) = super::device_classes(lc).await? {
        push(out, Resource::DeviceClasses, items);
    }
    Ok(())
}

/// Append objects with their type set (list items come without it), managedFields dropped (bulk
/// nobody reads), and duplicates (by uid) removed.
fn push(out: &mut Vec<Value>, resource: Resource, items: Vec<Value>) {
    let mut seen = HashSet::new();
    for mut item in items {
        if let Some(uid) = item.pointer("/metadata/uid").and_then(Value::as_str)
            && !seen.insert(uid.to_string())
        {
            continue;
        }
        if let Some(obj) = item.as_object_mut() {
            obj.insert("apiVersion".into(), resource.api_version().into());
            obj.insert("kind".into(), resource.kind().into());
            if let Some(Value::Object(meta)) = obj.get_mut("metadata") {
                meta.remove("managedFields");
            }
        }
        out.push(item);
    }
}
