//! Arguments of `snapshot` (clap).

use std::path::PathBuf;

use clap::Args;

pub const EXAMPLES: &str = "Examples:
  # Everything the other commands read, all namespaces, redacted, as YAML
  kubectl ds snapshot --file cluster.yaml

  # Then ask questions offline
  kubectl ds why-not node-3 --snapshot cluster.yaml

  # One namespace's DaemonSets (nodes and the pods using them are always included), as JSON
  kubectl ds snapshot -n logging -o json --file logging.json

  # Redact an existing dump before attaching it to a ticket
  kubectl get nodes,pods,ds,controllerrevisions -A -o yaml > raw.yaml
  kubectl ds snapshot --snapshot raw.yaml --file clean.yaml";

/// Arguments of `snapshot`.
#[derive(Clone, Debug, Args)]
pub struct SnapshotArgs {
    /// Write to PATH instead of stdout (created with mode 0600, replaced only once complete).
    #[arg(long = "file", value_name = "PATH")]
    pub file: Option<PathBuf>,
    /// Keep env values, credential-looking annotations and flags, and last-applied configuration.
    #[arg(long)]
    pub no_redact: bool,
}
