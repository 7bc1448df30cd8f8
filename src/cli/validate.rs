//! Arguments of `validate` (clap).

use std::path::PathBuf;

use clap::Args;

pub const EXAMPLES: &str = "Examples:
  # Validate one manifest; exit 1 when the API server would reject it
  kubectl ds validate -f agent.yaml

  # A whole directory (recursively: .yaml, .yml, .json), machine-readable
  kubectl ds validate -f deploy/ -o json

  # From a pipe (helm template, kustomize build), unknown fields and warnings as errors
  helm template charts/agent | kubectl ds validate -f - --strict

  # In CI: JUnit or SARIF reports
  kubectl ds validate -f deploy/ -o junit > validate.xml
  kubectl ds validate -f deploy/ -o sarif > validate.sarif

  # Silence a warning for this run (or per object: annotation kubectl-ds.io/ignore: rule-a,rule-b)
  kubectl ds validate -f agent.yaml --ignore tolerates-everything,no-resource-requests

  # Also preview placement on a cluster snapshot, or on the live cluster
  kubectl ds validate -f agent.yaml --snapshot cluster.yaml
  kubectl ds validate -f agent.yaml --live";

/// Arguments of `validate`.
#[derive(Clone, Debug, Args)]
pub struct ValidateArgs {
    /// Manifest file, directory (read recursively: .yaml, .yml, .json) or - for stdin. Repeatable.
    #[arg(short = 'f', long = "filename", value_name = "PATH", required = true)]
    pub filenames: Vec<PathBuf>,
    /// Treat unknown fields and DaemonSet warnings as errors (kubectl's strict field validation
    /// rejects unknown fields).
    #[arg(long)]
    pub strict: bool,
    /// Silence these warning rules for this run (comma-separated or repeated).
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Preview placement against the live cluster (kubeconfig): selector immutability for
    /// DaemonSets that already exist, nodes matched, nodes where the pod would not fit.
    #[arg(long)]
    pub live: bool,
}
