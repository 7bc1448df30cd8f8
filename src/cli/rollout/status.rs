//! Arguments of `rollout status` (clap).

use clap::{ArgAction, Args};

pub const EXAMPLES: &str = "Examples:
  # Wait for the rollout; nodes holding it back are listed on stderr
  kubectl ds rollout status fluentd -n logging

  # One status line, no waiting (exit 0 even when not done, like kubectl)
  kubectl ds rollout status logging/fluentd --watch=false

  # Give up after 5 minutes (exit 1)
  kubectl ds rollout status logging/fluentd --timeout 5m

  # Machine-readable: done, counters and the blocking nodes
  kubectl ds rollout status logging/fluentd -o json";

#[derive(Clone, Debug, Args)]
pub struct StatusArgs {
    /// The DaemonSet: NAME, NAMESPACE/NAME, daemonset/NAME, or kubectl's `daemonset NAME`.
    #[arg(value_name = "DS")]
    pub daemonset: String,
    /// The name, when DS was a resource type (`daemonset NAME`, as kubectl accepts).
    #[arg(value_name = "NAME", hide = true)]
    pub name: Option<String>,
    /// Watch until the rollout finishes (--watch=false prints one status and exits 0).
    #[arg(short = 'w', long, action = ArgAction::Set, default_value_t = true, num_args = 0..=1,
          default_missing_value = "true", require_equals = true, value_name = "BOOL")]
    pub watch: bool,
    /// Give up after this long (e.g. 30s, 5m; 0 = wait forever).
    #[arg(long, default_value = "0", value_name = "DURATION", value_parser = super::super::values::limit)]
    pub timeout: super::super::values::Limit,
    /// Accepted for kubectl compatibility; ignored for DaemonSets (as in kubectl).
    #[arg(
        long,
        default_value_t = 0,
        allow_negative_numbers = true,
        value_name = "N"
    )]
    pub revision: i64,
}
