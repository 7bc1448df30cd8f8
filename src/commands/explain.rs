//! `explain-placement DS`: for every node, whether the DaemonSet's pod should run there, whether it
//! does, and why not.

use std::path::PathBuf;

use clap::Args;
use k8s_openapi::api::apps::v1::DaemonSet;
use kube::core::SelectorExt;

use crate::cli::GlobalArgs;
use crate::cluster::{Query, Session, resolve_daemonset, split_ns_name};
use crate::error::{Error, Outcome, Result};
use crate::placement::state::ClusterIndex;
use crate::render::{Style, placement as view};

pub const EXAMPLES: &str = "Examples:
  # Every node: wanted?, pod state, revision, readiness and the reason when not running
  kubectl ds explain-placement fluentd -n logging

  # The same from a snapshot file (kubectl get … -o yaml, or kubectl ds snapshot)
  kubectl ds explain-placement kube-system/node-exporter --snapshot cluster.yaml

  # Only GPU nodes, machine-readable
  kubectl ds explain-placement nvidia-device-plugin -n gpu -l pool=gpu -o json

  # Preview a DaemonSet that is not applied yet against the cluster
  kubectl ds explain-placement -f agent.yaml";

/// Arguments of `explain-placement`.
#[derive(Clone, Debug, Args)]
pub struct ExplainArgs {
    /// The DaemonSet: NAME or NAMESPACE/NAME.
    #[arg(value_name = "DS", required_unless_present = "filename")]
    pub daemonset: Option<String>,
    /// Preview a DaemonSet manifest (YAML/JSON file, or - for stdin) instead of one in the cluster.
    #[arg(short = 'f', long = "filename", value_name = "MANIFEST")]
    pub filename: Option<PathBuf>,
    /// Only nodes matching this label selector (e.g. pool=gpu,!node-role.kubernetes.io/control-plane).
    #[arg(short = 'l', long = "selector", value_name = "SELECTOR")]
    pub selector: Option<String>,
    /// Only these nodes (repeatable, or comma-separated).
    #[arg(long = "node", value_name = "NAME", value_delimiter = ',')]
    pub nodes: Vec<String>,
}

pub async fn run(args: &ExplainArgs, global: &GlobalArgs) -> Result<Outcome> {
    // complete
    let format = super::table_format(global.output)?;
    let style = Style::from_args(global);
    let node_selector = args
        .selector
        .as_deref()
        .map(crate::selector::parse)
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
    let session = Session::open(global).await?;
    let namespace = arg_ns.or_else(|| session.namespace.clone());

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
        crate::cluster::resolve_node(&state, n)?;
    }
    let index = ClusterIndex::new(&state, super::now());
    let explanation = index.explain(&ds, |node| {
        let name = node.metadata.name.as_deref().unwrap_or("");
        (args.nodes.is_empty() || args.nodes.iter().any(|n| n == name))
            && node_selector.as_ref().is_none_or(|s| {
                s.matches(node.metadata.labels.as_ref().unwrap_or(&Default::default()))
            })
    });
    view::explain(&explanation, format, &style)?;
    Ok(Outcome::Ok)
}

/// Read a DaemonSet manifest for preview (`-f`), naming the file on every failure.
fn read_manifest(path: &PathBuf) -> Result<DaemonSet> {
    let bytes = if path.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b)
            .map_err(|e| Error::input(format!("reading manifest from stdin: {e}")))?;
        b
    } else {
        std::fs::read(path)
            .map_err(|e| Error::input(format!("manifest {}: {e}", path.display())))?
    };
    let mut state = crate::cluster::ClusterState::default();
    crate::cluster::snapshot::load_bytes(&path.display().to_string(), &bytes, &mut state)?;
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
