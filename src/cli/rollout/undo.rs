//! Arguments of `rollout undo` (clap).

use clap::Args;

pub const EXAMPLES: &str = "Examples:
  # Back to the previous revision (what would change is shown first)
  kubectl ds rollout undo fluentd -n logging

  # To a given revision, only showing what would be applied
  kubectl ds rollout undo logging/fluentd --to-revision 3 --dry-run=client

  # Let the API server validate the rollback without persisting it
  kubectl ds rollout undo logging/fluentd --dry-run=server";

#[derive(Clone, Debug, Args)]
pub struct UndoArgs {
    /// The DaemonSet: NAME, NAMESPACE/NAME, daemonset/NAME, or kubectl's `daemonset NAME`.
    #[arg(value_name = "DS")]
    pub daemonset: String,
    /// The name, when DS was a resource type (`daemonset NAME`, as kubectl accepts).
    #[arg(value_name = "NAME", hide = true)]
    pub name: Option<String>,
    /// The revision to roll back to (0 = the previous one).
    #[arg(
        long,
        default_value_t = 0,
        allow_negative_numbers = true,
        value_name = "N"
    )]
    pub to_revision: i64,
    /// none (apply), client (print what would be applied) or server (validate on the server).
    #[arg(long, value_name = "MODE", num_args = 0..=1, default_missing_value = "client",
          require_equals = true, default_value = "none", value_parser = super::super::values::dry_run)]
    pub dry_run: crate::rollout::rollback::DryRun,
}
