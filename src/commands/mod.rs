//! One module per subcommand. Each resolves its inputs, loads state through
//! [`crate::cluster::Session`], computes a plain result with the library, and hands it to
//! [`crate::render`]. Nothing here prints directly.

pub mod completion;
pub mod ctx;
pub mod diff_revision;
pub mod explain;
pub mod rollout;
pub mod snapshot;
pub mod validate;
pub mod why_not;

pub use ctx::Ctx;

use crate::cli::{Cli, Command};
use crate::error::{Outcome, Result};
use crate::render::emit;

/// Run the parsed command line.
pub async fn run(cli: Cli) -> Result<Outcome> {
    let ctx = Ctx::from_args(&cli.global);
    match &cli.command {
        Command::ExplainPlacement(args) => {
            let format = ctx.table_format()?;
            emit(&explain::run(args, &ctx).await?, format, &ctx.styles)
        }
        Command::WhyNotScheduled(args) => {
            let format = ctx.table_format()?;
            emit(&why_not::run(args, &ctx).await?, format, &ctx.styles)
        }
        Command::Snapshot(args) => snapshot::run(args, &ctx).await,
        Command::Rollout(args) => rollout::run(args, &ctx).await,
        Command::DiffRevision(args) => {
            let diff = diff_revision::Options::new(args, &ctx)?;
            emit(&diff.run(&ctx).await?, diff.format, &ctx.styles)
        }
        Command::Completion(args) => completion::run(args).await,
        Command::Validate(args) => validate::run(args, &ctx).await,
    }
}
