//! Whole objects for `kubectl ds snapshot`, in a fixed number of LISTs (plus pagination), sent
//! together.
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
/// Every LIST is sent at once (the pages of each follow one another), so a remote control plane
/// costs the round trips of the longest list, not of all of them.
pub async fn dump(lc: &LiveClient, ns: Option<&str>) -> Result<Vec<Value>> {
    let all = ListParams::default;
    let pods = async {
        let mut pods: Vec<Value> = lc.list(Resource::Pods, ns, all()).await?;
        if ns.is_some() {
            let running =
                ListParams::default().fields("status.phase!=Succeeded,status.phase!=Failed");
            pods.extend(lc.list::<Value>(Resource::Pods, None, running).await?);
        }
        Ok(pods)
    };
    let events = async {
        let pending =
            ListParams::default().fields("involvedObject.kind=Pod,reason=FailedScheduling");
        let on_daemonsets = ListParams::default().fields("involvedObject.kind=DaemonSet");
        let (mut events, on_ds) = futures::try_join!(
            lc.list::<Value>(Resource::Events, ns, pending),
            lc.list::<Value>(Resource::Events, ns, on_daemonsets),
        )?;
        events.extend(on_ds);
        Ok(events)
    };
    let (namespaces, nodes, daemonsets, revisions, pods, events, policy) = futures::try_join!(
        // Optional context, as for the live source: a namespace-scoped user may not list them.
        lc.list_if_allowed::<Value>(Resource::Namespaces, None, all()),
        lc.list::<Value>(Resource::Nodes, None, all()),
        lc.list::<Value>(Resource::DaemonSets, ns, all()),
        lc.list::<Value>(Resource::ControllerRevisions, ns, all()),
        pods,
        events,
        policy(lc),
    )?;
    let mut out = Vec::new();
    if let Some(items) = namespaces {
        push(&mut out, Resource::Namespaces, items);
    }
    push(&mut out, Resource::Nodes, nodes);
    push(&mut out, Resource::DaemonSets, daemonsets);
    push(&mut out, Resource::ControllerRevisions, revisions);
    push(&mut out, Resource::Pods, pods);
    push(&mut out, Resource::Events, events);
    for (resource, items) in policy {
        if let Some(items) = items {
            push(&mut out, resource, items);
        }
    }
    Ok(out)
}

/// PriorityClasses and PodDisruptionBudgets of every namespace (a preemption victim may be any
/// pod on a node, as the non-terminal pods kept from every namespace are), and DeviceClasses;
/// best effort, at once.
async fn policy(lc: &LiveClient) -> Result<[(Resource, Option<Vec<Value>>); 3]> {
    let all = ListParams::default;
    let (classes, budgets, devices) = futures::try_join!(
        lc.list_if_allowed(Resource::PriorityClasses, None, all()),
        lc.list_if_allowed(Resource::PodDisruptionBudgets, None, all()),
        super::device_classes(lc),
    )?;
    Ok([
        (Resource::PriorityClasses, classes),
        (Resource::PodDisruptionBudgets, budgets),
        (Resource::DeviceClasses, devices),
    ])
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
