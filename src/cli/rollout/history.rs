//! Arguments of `rollout history` (clap).

use clap::Args;

pub const EXAMPLES: &str = "Examples:
  # Revisions and change causes, like kubectl
  kubectl ds rollout history fluentd -n logging

  # Plus images, age and which revision is live
  kubectl ds rollout history fluentd -n logging -o wide

  # The pod template of revision 3
  kubectl ds rollout history logging/fluentd --revision 3";

#[derive(Clone, Debug, Args)]
pub struct HistoryArgs {
    /// The DaemonSet: NAME, NAMESPACE/NAME, daemonset/NAME, or kubectl's `daemonset NAME`.
    #[arg(value_name = "DS")]
    pub daemonset: String,
    /// The name, when DS was a resource type (`daemonset NAME`, as kubectl accepts).
    #[arg(value_name = "NAME", hide = true)]
    pub name: Option<String>,
    /// Show the pod template of this revision.
    #[arg(
        long,
        default_value_t = 0,
        allow_negative_numbers = true,
        value_name = "N"
    )]
    pub revision: i64,
}
