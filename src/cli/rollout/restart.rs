//! Arguments of `rollout restart` (clap).

use clap::Args;

pub const EXAMPLES: &str = "Examples:
  # Restart every pod of the DaemonSet (kubectl's restartedAt annotation; the rollout replaces them)
  kubectl ds rollout restart fluentd -n logging

  # Then follow it
  kubectl ds rollout status logging/fluentd

  # Let the API server check the change without storing it
  kubectl ds rollout restart logging/fluentd --dry-run=server";

#[derive(Clone, Debug, Args)]
pub struct RestartArgs {
    /// The DaemonSet: NAME, NAMESPACE/NAME, daemonset/NAME, or kubectl's `daemonset NAME`.
    #[arg(value_name = "DS")]
    pub daemonset: String,
    /// The name, when DS was a resource type (`daemonset NAME`, as kubectl accepts).
    #[arg(value_name = "NAME", hide = true)]
    pub name: Option<String>,
    /// none (apply), client (print what would be done) or server (validate on the server).
    #[arg(long, value_name = "MODE", num_args = 0..=1, default_missing_value = "client",
          require_equals = true, default_value = "none", value_parser = super::super::values::dry_run)]
    pub dry_run: crate::rollout::rollback::DryRun,
}
