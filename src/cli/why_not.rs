//! Arguments of `why-not` (clap).

use clap::Args;

pub const EXAMPLES: &str = "Examples:
  # Every DaemonSet (all namespaces) that is not running and ready on node-3, with the reason
  kubectl ds why-not node-3

  # Every check for one DaemonSet on one node, passed or failed, with the values
  kubectl ds why-not node-3 kube-system/fluentd

  # Only DaemonSets of one namespace, including the healthy ones
  kubectl ds why-not node-3 -n monitoring --all

  # Every node of a pool at once: each DaemonSet that is not running and ready there
  kubectl ds why-not -l pool=gpu

  # Offline, from a cluster-info dump
  kubectl ds why-not node-3 --snapshot ./cluster-dump -o json";

/// Arguments of `why-not-scheduled`.
#[derive(Clone, Debug, Args)]
pub struct WhyNotArgs {
    /// The node to explain (with -l: leave it out; a single argument is then the DaemonSet).
    #[arg(value_name = "NODE", required_unless_present = "selector")]
    pub node: Option<String>,
    /// Only this DaemonSet (NAME, NAMESPACE/NAME or daemonset/NAME): show every check, passed or failed.
    #[arg(value_name = "DS")]
    pub daemonset: Option<String>,
    /// Also list DaemonSets that are running and ready on the node.
    #[arg(long)]
    pub all: bool,
    /// Explain every node matching this label selector instead of one NODE (e.g. pool=gpu).
    #[arg(short = 'l', long = "selector", value_name = "SELECTOR")]
    pub selector: Option<String>,
}
