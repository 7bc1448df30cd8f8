//! `why-not-scheduled NODE [DS]` (alias `why-not`): the node-centric question — which DaemonSets
//! are not running (and ready) on this node, and why. With `-l SELECTOR` the same question for
//! every node the selector matches (kubectl's `-l`), in one table with a NODE column.

use k8s_openapi::api::core::v1::Node;

use super::Ctx;
use crate::cli::why_not::WhyNotArgs;
use crate::cluster::Query;
use crate::error::{Error, Result};
use crate::model::lookup::{resolve_daemonset, resolve_node, split_ns_name};
use crate::placement::node::header;
use crate::placement::state::ClusterIndex;
use crate::placement::{PodState, WhyNotReport};
use kube::core::{Selector, SelectorExt};

/// Which nodes the question is about: one by name, or those a label selector matches.
enum Nodes {
    One(String),
    Matching(String, Selector),
}

impl Nodes {
    fn includes(&self, node: &Node) -> bool {
        match self {
            Nodes::One(name) => node.metadata.name.as_deref() == Some(name.as_str()),
            Nodes::Matching(_, s) => {
                s.matches(node.metadata.labels.as_ref().unwrap_or(&Default::default()))
            }
        }
    }
}

pub async fn run(args: &WhyNotArgs, ctx: &Ctx) -> Result<WhyNotReport> {
    // complete: with -l the one positional argument is the DaemonSet.
    let (nodes, ds_arg) = match (&args.selector, &args.node, &args.daemonset) {
        (Some(_), Some(_), Some(_)) => {
            return Err(Error::usage(
                "with -l, name no NODE: the selector chooses the nodes (why-not -l SELECTOR [DS])",
            ));
        }
        (Some(text), node, _) => {
            let selector = crate::model::selector::parse(text).map_err(Error::usage)?;
            (Nodes::Matching(text.clone(), selector), node.as_deref())
        }
        (None, Some(node), ds) => (Nodes::One(node.clone()), ds.as_deref()),
        (None, None, _) => return Err(Error::usage("a NODE or -l SELECTOR is required")),
    };
    let ds_arg = ds_arg.map(split_ns_name);
    let session = ctx.session().await?;
    // Without a DS: all namespaces unless -n; with one: its namespace, kubectl's default.
    let namespace = match ds_arg {
        Some((Some(ns), _)) => Some(ns.to_string()),
        Some((None, _)) => session.namespace.clone(),
        None => ctx.namespace.clone(),
    };
    let query = Query {
        namespace: namespace.clone(),
        daemonset: ds_arg.map(|(_, n)| n.to_string()),
        node: match &nodes {
            Nodes::One(name) => Some(name.clone()),
            Nodes::Matching(..) => None,
        },
        node_selector: match &nodes {
            Nodes::One(_) => None,
            Nodes::Matching(text, _) => Some(text.clone()),
        },
        pods: true,
        foreign_pods_as_usage: true,
        revisions: true,
        events: true,
        namespaces: true,
        best_effort: true,
        policy: true,
        server: true,
    };
    let state = session.load(&query).await?;
    let one = match &nodes {
        Nodes::One(name) => Some(resolve_node(&state, name)?),
        Nodes::Matching(..) => None,
    };
    let semantics = ctx.semantics(&state)?;
    let semantics_report = semantics.report();
    let index = ClusterIndex::new(&state, ctx.now).with_semantics(semantics);
    let chosen = |n: &Node| nodes.includes(n);
    let matched = state.nodes.iter().filter(|n| chosen(n)).count();
    let (node, selector) = match &nodes {
        Nodes::One(name) => (name.clone(), None),
        Nodes::Matching(text, _) => (String::new(), Some(text.clone())),
    };

    if let (Some((_, name)), Some(_)) = (ds_arg, one) {
        let ds = resolve_daemonset(&state, namespace.as_deref(), name)?;
        let mut explanation = index.explain(ds, chosen);
        let mut verdict = explanation.nodes.remove(0);
        if state.usage_unread {
            super::explain::forget_fit(&mut verdict);
        }
        return Ok(WhyNotReport {
            node,
            selector,
            matched,
            results: vec![verdict],
            header: None,
            caveats: explanation.caveats,
            semantics: Some(semantics_report),
            in_scope: 1,
            scope: String::new(),
            single: true,
        });
    }
    let dss = match ds_arg {
        Some((_, name)) => vec![resolve_daemonset(&state, namespace.as_deref(), name)?],
        None => state.daemonsets_in(namespace.as_deref()),
    };
    let in_scope = dss.len();
    let mut caveats = state.caveats.clone();
    let mut results = Vec::new();
    for ds in dss {
        let e = index.explain(ds, chosen);
        // Each explanation repeats the state's caveats; keep every one once.
        for c in e.caveats {
            if !caveats.contains(&c) {
                caveats.push(c);
            }
        }
        results.extend(
            e.nodes
                .into_iter()
                .filter(|v| args.all || v.state != PodState::Running),
        );
    }
    if state.usage_unread {
        results.iter_mut().for_each(super::explain::forget_fit);
    }
    // Several nodes: the rows that need action first, then by node (explain-placement's order).
    if selector.is_some() {
        results.sort_by(|a, b| {
            (
                a.state.urgency(),
                &a.node,
                &a.daemon_set.namespace,
                &a.daemon_set.name,
            )
                .cmp(&(
                    b.state.urgency(),
                    &b.node,
                    &b.daemon_set.namespace,
                    &b.daemon_set.name,
                ))
        });
    }
    Ok(WhyNotReport {
        header: one.map(|n| header(n, &index.usage(&node))),
        node,
        selector,
        matched,
        results,
        caveats,
        semantics: Some(semantics_report),
        in_scope,
        scope: namespace.map_or("any namespace".into(), |ns| format!("namespace {ns:?}")),
        single: false,
    })
}
