//! `what-if [DS…]`: placement before and after a change that is not made yet — node changes on
//! the nodes chosen by `--nodes` / `-l`, and/or a DaemonSet manifest (`-f`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use k8s_openapi::api::apps::v1::DaemonSet;
use kube::core::SelectorExt;

use super::Ctx;
use crate::cli::what_if::WhatIfArgs;
use crate::cluster::Query;
use crate::error::{Error, Result};
use crate::model::lookup::{resolve_daemonset, resolve_node, split_ns_name};
use crate::placement::what_if::{
    DaemonSetChange, NodeChange, Plan, WhatIfReport, check_conflicts, what_if_with,
};

/// What to pass when nothing is asked.
const NO_CHANGE: &str = "what-if needs a change to evaluate: node changes (--taint, --untaint, \
--label, --unlabel, --cordon, --uncordon or --remove) on the nodes chosen by --nodes NAME,… or \
-l SELECTOR, and/or a DaemonSet manifest with -f MANIFEST (see 'kubectl ds what-if --help')";

pub async fn run(args: &WhatIfArgs, ctx: &Ctx) -> Result<WhatIfReport> {
    // complete
    let node_changes = node_changes(args);
    // validate (before any I/O)
    if node_changes.is_empty() && args.filename.is_none() {
        return Err(Error::usage(NO_CHANGE));
    }
    check_conflicts(&node_changes).map_err(Error::usage)?;
    let node_selector = args
        .selector
        .as_deref()
        .map(crate::model::selector::parse)
        .transpose()
        .map_err(|e| {
            Error::usage(format!(
                "-l {}: {e}",
                args.selector.as_deref().unwrap_or("")
            ))
        })?;
    let manifests = args.filename.as_deref().map(read_manifests).transpose()?;

    // run
    let session = ctx.session().await?;
    let default_ns = session.namespace.clone();
    let scope = if ctx.all_namespaces {
        None
    } else {
        ctx.namespace.clone()
    };
    let only_manifest = node_changes.is_empty() && args.daemonsets.is_empty();
    let manifest_ns = |ds: &DaemonSet| {
        ds.metadata
            .namespace
            .clone()
            .or_else(|| default_ns.clone())
            .unwrap_or_else(|| "default".into())
    };
    // One namespace is enough when the manifests are all there is to evaluate.
    let query_ns = match (&scope, &manifests) {
        (Some(ns), _) => Some(ns.clone()),
        (None, Some(m)) if only_manifest => {
            let namespaces: BTreeSet<String> = m.iter().map(&manifest_ns).collect();
            (namespaces.len() == 1).then(|| namespaces.into_iter().next().unwrap_or_default())
        }
        _ => None,
    };
    let query = Query {
        namespace: query_ns,
        daemonset: None,
        node: (args.nodes.len() == 1).then(|| args.nodes[0].clone()),
        node_selector: args.selector.clone(),
        pods: true,
        foreign_pods_as_usage: true,
        revisions: false,
        events: false,
        namespaces: true,
        server: true,
        ..Default::default()
    };
    let state = session.load(&query).await?;
    let semantics = ctx.semantics(&state)?;

    // The chosen nodes.
    for n in &args.nodes {
        resolve_node(&state, n)?;
    }
    let selecting = !args.nodes.is_empty() || node_selector.is_some();
    let chosen: Option<BTreeSet<String>> = selecting.then(|| {
        state
            .nodes
            .iter()
            .filter(|n| {
                let name = n.metadata.name.as_deref().unwrap_or("");
                (args.nodes.is_empty() || args.nodes.iter().any(|a| a == name))
                    && node_selector.as_ref().is_none_or(|s| {
                        s.matches(n.metadata.labels.as_ref().unwrap_or(&Default::default()))
                    })
            })
            .filter_map(|n| n.metadata.name.clone())
            .collect()
    });
    if chosen.as_ref().is_some_and(BTreeSet::is_empty) {
        return Err(Error::not_found(format!(
            "no nodes match {}: nothing to change",
            target(args, 0).trim_end_matches(" (0 nodes)")
        )));
    }

    // The DaemonSets, before and after.
    let mut daemonsets: Vec<DaemonSetChange> = Vec::new();
    let mut changes: Vec<String> = Vec::new();
    let count = chosen.as_ref().map_or(state.nodes.len(), BTreeSet::len);
    let on = target(args, count);
    for c in &node_changes {
        let d = c.describe();
        changes.push(match d.split_once(' ') {
            Some((verb, arg)) => format!("{verb} {on} {arg}"),
            None => format!("{d} {on}"),
        });
    }
    let mut replaced: BTreeSet<(String, String)> = BTreeSet::new();
    let mut selector_changed: Vec<String> = Vec::new();
    let file = args.filename.as_deref().map(Path::display);
    for mut ds in manifests.into_iter().flatten() {
        let ns = manifest_ns(&ds);
        let name = ds.metadata.name.clone().unwrap_or_default();
        ds.metadata.namespace = Some(ns.clone());
        let live = state.daemonset(&ns, &name).cloned();
        if let Some(l) = &live
            && l.spec.as_ref().map(|s| &s.selector) != ds.spec.as_ref().map(|s| &s.selector)
        {
            selector_changed.push(format!(
                "the manifest's spec.selector differs from daemonset {ns}/{name}'s: the API server refuses the change (spec.selector is immutable), and the pods the live selector picks are not counted as the manifest's own"
            ));
        }
        changes.push(format!(
            "apply {}: daemonset {ns}/{name} ({})",
            file.as_ref().map(ToString::to_string).unwrap_or_default(),
            if live.is_some() {
                "replaces the one in the cluster"
            } else {
                "new"
            }
        ));
        replaced.insert((ns, name));
        daemonsets.push(DaemonSetChange::replace(live, ds));
    }
    let key = |d: &DaemonSet| {
        (
            d.metadata
                .namespace
                .clone()
                .unwrap_or_else(|| "default".into()),
            d.metadata.name.clone().unwrap_or_default(),
        )
    };
    let mut named: Vec<&DaemonSet> = Vec::new();
    if !args.daemonsets.is_empty() {
        for arg in &args.daemonsets {
            let (ns, name) = split_ns_name(arg);
            let ns = ns
                .map(String::from)
                .or_else(|| scope.clone())
                .or_else(|| default_ns.clone());
            named.push(resolve_daemonset(&state, ns.as_deref(), name)?);
        }
    } else if !only_manifest {
        named.extend(state.daemonsets.iter().filter(|d| {
            scope
                .as_deref()
                .is_none_or(|ns| d.metadata.namespace.as_deref().unwrap_or("default") == ns)
        }));
    }
    let mut seen = replaced;
    for ds in named {
        if seen.insert(key(ds)) {
            daemonsets.push(DaemonSetChange::unchanged(ds.clone()));
        }
    }

    let plan = Plan {
        node_changes,
        nodes: chosen,
        daemonsets,
        changes,
    };
    let mut report = what_if_with(state, &plan, ctx.now, &semantics);
    report.fail_on = args.fail_on.iter().map(|&e| e.into()).collect();
    report.caveats.extend(selector_changed);
    Ok(report)
}

/// The node changes in the order they are applied. The conflicts that would make the order
/// matter are refused ([`check_conflicts`]), so this order is as good as the command line's.
fn node_changes(args: &WhatIfArgs) -> Vec<NodeChange> {
    let mut out: Vec<NodeChange> = Vec::new();
    out.extend(args.untaint.iter().cloned().map(NodeChange::Untaint));
    out.extend(args.taint.iter().cloned().map(NodeChange::Taint));
    out.extend(args.unlabel.iter().cloned().map(NodeChange::Unlabel));
    out.extend(args.label.iter().cloned().map(NodeChange::Label));
    if args.cordon {
        out.push(NodeChange::Cordon);
    }
    if args.uncordon {
        out.push(NodeChange::Uncordon);
    }
    if args.remove {
        out.push(NodeChange::Remove);
    }
    out
}

/// The chosen nodes as a change line names them: `node-3`, `node-3,node-4`, `-l pool=gpu (12 nodes)`.
fn target(args: &WhatIfArgs, count: usize) -> String {
    let nodes = args.nodes.join(",");
    let plural = if count == 1 { "node" } else { "nodes" };
    match (&args.selector, nodes.is_empty()) {
        (Some(sel), true) => format!("-l {sel} ({count} {plural})"),
        (Some(sel), false) => format!("{nodes} -l {sel} ({count} {plural})"),
        (None, false) => nodes,
        (None, true) => format!("all {count} {plural}"),
    }
}

/// The DaemonSets of `-f` (file, directory or `-`), read through the guarded reader and parsed
/// as snapshot input is; other kinds in the file are ignored.
fn read_manifests(path: &Path) -> Result<Vec<DaemonSet>> {
    let path: PathBuf = path.to_path_buf();
    let state = crate::cluster::snapshot::load_manifests(std::slice::from_ref(&path))?;
    if state.daemonsets.is_empty() {
        return Err(Error::input(format!(
            "manifest {}: no DaemonSet in it",
            path.display()
        )));
    }
    Ok(state.daemonsets)
}
