//! Arguments of `explain` (clap).

use std::path::PathBuf;

use clap::Args;

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
    /// The DaemonSet: NAME, NAMESPACE/NAME or daemonset/NAME (also ds/NAME, daemonset.apps/NAME).
    #[arg(value_name = "DS")]
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
    /// Only the nodes that need action: wanted but not running up to date and ready (NotReady,
    /// Pending, Failed, Missing, Terminating, Outdated). The summary still counts every node.
    #[arg(long)]
    pub problems: bool,
}
