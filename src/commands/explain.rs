//! `explain-placement DS`: for every node, whether the DaemonSet's pod should run there, whether it
//! does, and why not.

use std::path::PathBuf;

use k8s_openapi::api::apps::v1::DaemonSet;
use kube::core::SelectorExt;

use super::Ctx;
use crate::cli::explain::ExplainArgs;
use crate::cluster::Query;
use crate::error::{Error, Result};
use crate::model::lookup::{resolve_daemonset, resolve_node, split_ns_name};
use crate::placement::state::ClusterIndex;
use crate::placement::{CheckName, Explanation, NodeVerdict};

/// No DaemonSet, no manifest and no node filter: the question is "how are they all doing".
pub fn is_overview(args: &ExplainArgs) -> bool {
    args.daemonset.is_none()
        && args.filename.is_none()
        && args.selector.is_none()
        && args.nodes.is_empty()
        && !args.problems
}

pub async fn run(args: &ExplainArgs, ctx: &Ctx) -> Result<Explanation> {
    // complete
    let node_selector = args
        .selector
        .as_deref()
        .map(crate::model::selector::parse)
        .transpose()
        .map_err(Error::usage)?;
    let manifest = args.filename.as_ref().map(read_manifest).transpose()?;
    let (arg_ns, name) = match (&manifest, &args.daemonset) {
        (Some(ds), _) => (
            ds.metadata.namespace.clone(),
            ds.metadata.name.clone().unwrap_or_default(),
        ),
        (None, Some(arg)) => {
            let (ns, n) = split_ns_name(arg);
            (ns.map(String::from), n.to_string())
        }
        (None, None) => return Err(Error::usage("a DaemonSet name or -f MANIFEST is required")),
    };
    let session = ctx.session().await?;
    // -A: the DaemonSet of that name in any namespace (kubectl's habit); an ambiguous name is a
    // usage error that lists the namespaces.
    let namespace = match arg_ns {
        Some(ns) => Some(ns),
        None if ctx.all_namespaces && manifest.is_none() => None,
        None => session.namespace.clone(),
    };

    // run
    let query = Query {
        namespace: namespace.clone(),
        daemonset: manifest.is_none().then(|| name.clone()),
        node: (args.nodes.len() == 1).then(|| args.nodes[0].clone()),
        node_selector: args.selector.clone(),
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
    let ds: DaemonSet = match manifest {
        Some(mut ds) => {
            ds.metadata.namespace = Some(namespace.unwrap_or_else(|| "default".into()));
            ds
        }
        None => resolve_daemonset(&state, namespace.as_deref(), &name)?.clone(),
    };
    for n in &args.nodes {
        resolve_node(&state, n)?;
    }
    let semantics = ctx.semantics(&state)?;
    let index = ClusterIndex::new(&state, ctx.now).with_semantics(semantics);
    let mut explanation = index.explain(&ds, |node| {
        let name = node.metadata.name.as_deref().unwrap_or("");
        (args.nodes.is_empty() || args.nodes.iter().any(|n| n == name))
            && node_selector.as_ref().is_none_or(|s| {
                s.matches(node.metadata.labels.as_ref().unwrap_or(&Default::default()))
            })
    });
    if state.usage_unread {
        explanation.nodes.iter_mut().for_each(forget_fit);
        explanation.summary.unschedulable = 0;
    }
    explanation.preview = args.filename.is_some();
    if args.problems {
        explanation.nodes.retain(|v| v.state.needs_action());
        explanation.problems_only = true;
    }
    Ok(explanation)
}

/// Fit was not evaluated (the pods that use the node could not all be read, a caveat says why):
/// the verdict claims nothing about it — `fits` null, no resource, host-port or inter-pod
/// affinity check, and so no evidence contradicts it.
pub(super) fn forget_fit(v: &mut NodeVerdict) {
    v.fits = None;
    v.preemption = None;
    v.checks.retain(|c| {
        !matches!(
            c.name,
            CheckName::NodePorts | CheckName::NodeResourcesFit | CheckName::InterPodAffinity
        )
    });
    for e in &mut v.evidence {
        e.agrees = true;
    }
}

/// Read a DaemonSet manifest for preview (`-f`) through the guarded reader, naming the file on
/// every failure.
fn read_manifest(path: &PathBuf) -> Result<DaemonSet> {
    let mut state = crate::cluster::snapshot::load_manifests(std::slice::from_ref(path))?;
    match state.daemonsets.len() {
        1 => Ok(state.daemonsets.remove(0)),
        0 => Err(Error::input(format!(
            "manifest {}: no DaemonSet in it",
            path.display()
        ))),
        n => Err(Error::usage(format!(
            "manifest {}: {n} DaemonSets in it; pass a file with exactly one",
            path.display()
        ))),
    }
}
