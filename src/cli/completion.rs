//! Arguments of `completion` (clap).

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

pub const EXAMPLES: &str = "Examples:
  # Completion through kubectl (kubectl >= 1.26): put kubectl_complete-ds beside the plugin
  kubectl ds completion install

  # Completion for the kubectl-ds binary itself
  source <(kubectl ds completion bash)
  kubectl ds completion zsh > \"${fpath[1]}/_kubectl-ds\"
  kubectl ds completion fish > ~/.config/fish/completions/kubectl-ds.fish";

/// Arguments of `completion`.
#[derive(Clone, Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct CompletionArgs {
    /// The shell to generate a script for.
    #[arg(value_enum)]
    pub shell: Option<Shell>,
    #[command(subcommand)]
    pub action: Option<CompletionAction>,
}

#[derive(Clone, Debug, Subcommand)]
pub enum CompletionAction {
    /// Put `kubectl_complete-ds` on PATH (beside this binary) so kubectl completes plugin arguments.
    Install {
        /// Directory to install into (default: the directory of this binary).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

/// The executable name kubectl looks for.
pub const KUBECTL_COMPLETER: &str = "kubectl_complete-ds";

/// The completion script for `shell` (also what `completions/` holds).
pub fn script(shell: Shell) -> String {
    let mut cmd = <super::Cli as clap::CommandFactory>::command().bin_name("kubectl-ds");
    let shell = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "kubectl-ds", &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}
