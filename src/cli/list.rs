//! Arguments of `list` (clap).

use clap::Args;

pub const EXAMPLES: &str = "Examples:
  # Every DaemonSet of the current namespace on one line, problems first
  kubectl ds list

  # Across all namespaces, from a snapshot
  kubectl ds ls -A --snapshot cluster.yaml

  # Machine-readable
  kubectl ds list -n kube-system -o json";

/// Arguments of `list` (the scope is `-n` / `-A`).
#[derive(Clone, Debug, Args)]
pub struct ListArgs {}
