//! `why-not-scheduled NODE [DS]` (alias `why-not`): the node-centric question — which DaemonSets
//! are not running (and ready) on this node, and why.

use super::Ctx;
use crate::cli::why_not::WhyNotArgs;
use crate::cluster::Query;
use crate::error::Result;
use crate::model::lookup::{resolve_daemonset, resolve_node, split_ns_name};
use crate::placement::WhyNotReport;
use crate::placement::node::header;
use crate::placement::state::ClusterIndex;

pub async fn run(args: &WhyNotArgs, ctx: &Ctx) -> Result<WhyNotReport> {
    let session = ctx.session().await?;
    let ds_arg = args.daemonset.as_deref().map(split_ns_name);
    // Without a DS: all namespaces unless -n; with one: its namespace, kubectl's default.
    let namespace = match ds_arg {
        Some((Some(ns), _)) => Some(ns.to_string()),
        Some((None, _)) => session.namespace.clone(),
        None => ctx.namespace.clone(),
    };
    let query = Query {
        namespace: namespace.clone(),
        daemonset: ds_arg.map(|(_, n)| n.to_string()),
        node: Some(args.node.clone()),
        pods: true,
        foreign_pods_as_usage: true,
        revisions: true,
        events: true,
        namespaces: true,
        best_effort: true,
        policy: true,
        server: true,
        ..Default::default()
    };
    let state = session.load(&query).await?;
    let node = resolve_node(&state, &args.node)?;
    let semantics = ctx.semantics(&state)?;
    let report = semantics.report();
    let index = ClusterIndex::new(&state, ctx.now).with_semantics(semantics);
    let only_node = |n: &k8s_openapi::api::core::v1::Node| n.metadata.name == node.metadata.name;

    let report = if let Some((_, name)) = ds_arg {
        let ds = resolve_daemonset(&state, namespace.as_deref(), name)?;
        let mut explanation = index.explain(ds, only_node);
        let mut verdict = explanation.nodes.remove(0);
        if state.usage_unread {
            super::explain::forget_fit(&mut verdict);
        }
        WhyNotReport {
            node: args.node.clone(),
            results: vec![verdict],
            header: None,
            caveats: explanation.caveats,
            semantics: Some(report),
            in_scope: 1,
            scope: String::new(),
            single: true,
        }
    } else {
        let dss = state.daemonsets_in(namespace.as_deref());
        let in_scope = dss.len();
        let mut caveats = state.caveats.clone();
        let mut results = Vec::new();
        for ds in dss {
            let e = index.explain(ds, only_node);
            // Each explanation repeats the state's caveats; keep every one once.
            for c in e.caveats {
                if !caveats.contains(&c) {
                    caveats.push(c);
                }
            }
            results.extend(
                e.nodes
                    .into_iter()
                    .filter(|v| args.all || v.state != crate::placement::PodState::Running),
            );
        }
        WhyNotReport {
            node: args.node.clone(),
            results,
            header: Some(header(node, &index.usage(&args.node))),
            caveats,
            semantics: Some(report),
            in_scope,
            scope: namespace.map_or("any namespace".into(), |ns| format!("namespace {ns:?}")),
            single: false,
        }
    };
    Ok(report)
}
