//! Arguments of `rollout` (clap).

use clap::{Args, Subcommand};

pub mod history;
pub mod restart;
pub mod status;
pub mod undo;

pub const EXAMPLES: &str = "Examples:
  kubectl ds rollout status fluentd -n logging
  kubectl ds rollout history kube-system/kube-proxy
  kubectl ds rollout undo fluentd -n logging --to-revision 3 --dry-run=client
  kubectl ds rollout restart logging/fluentd";

/// Arguments of `rollout`.
#[derive(Clone, Debug, Args)]
pub struct RolloutArgs {
    #[command(subcommand)]
    pub action: RolloutAction,
}

#[derive(Clone, Debug, Subcommand)]
pub enum RolloutAction {
    /// Wait for a rollout to finish, showing progress and the nodes that hold it back.
    #[command(after_help = status::EXAMPLES)]
    Status(status::StatusArgs),
    /// List revisions (REVISION, CHANGE-CAUSE), or show one revision's pod template.
    #[command(after_help = history::EXAMPLES)]
    History(history::HistoryArgs),
    /// Roll back to a previous revision (guarded against concurrent edits).
    #[command(after_help = undo::EXAMPLES)]
    Undo(undo::UndoArgs),
    /// Restart every pod of the DaemonSet (kubectl's restartedAt template annotation).
    #[command(after_help = restart::EXAMPLES)]
    Restart(restart::RestartArgs),
}
