//! Arguments of `diff-revision` (clap).

use clap::Args;

pub const EXAMPLES: &str = "Examples:
  # Previous revision vs the current one, as a coloured unified diff
  kubectl ds diff-revision fluentd -n logging

  # Revision 3 vs what is live now, one line per changed field
  kubectl ds diff-revision logging/fluentd 3 live --summary

  # In a script: exit 1 when two revisions differ
  kubectl ds diff-revision logging/fluentd 4 5 --exit-code -o json";

#[derive(Clone, Debug, Args)]
pub struct DiffRevisionArgs {
    /// The DaemonSet: NAME, NAMESPACE/NAME or daemonset/NAME.
    #[arg(value_name = "DS")]
    pub daemonset: String,
    /// The old side: a revision number or `live` (default: the revision before the current one).
    #[arg(value_name = "A")]
    pub a: Option<String>,
    /// The new side: a revision number or `live` (default: the current revision).
    #[arg(value_name = "B")]
    pub b: Option<String>,
    /// Lines of context around each change (`--context` is kubectl's kubeconfig-context flag,
    /// so this takes diff's and git's spelling).
    #[arg(short = 'U', long = "unified", default_value_t = 3, value_name = "N")]
    pub unified: usize,
    /// One line per changed field (`spec.containers[agent].image: v1 → v2`).
    #[arg(long)]
    pub summary: bool,
    /// Exit 1 when the templates differ (git's convention).
    #[arg(long)]
    pub exit_code: bool,
}
