//! One module per subcommand. Each resolves its inputs, loads state through
//! [`crate::cluster::Session`], computes a plain result with the library, and hands it to
//! [`crate::render`]. Nothing here prints directly.

pub mod completion;
pub mod ctx;
pub mod diff_revision;
pub mod explain;
pub mod fleet;
pub mod list;
pub mod rollout;
pub mod snapshot;
pub mod validate;
pub mod what_if;
pub mod why_not;

pub use ctx::Ctx;

use crate::cli::{Cli, Command};
use crate::error::{Outcome, Result};
use crate::render::snapshot::write_file;
use crate::render::{OutputFormat, emit};

/// kubectl's plugin completion protocol: print the candidates for `words`; always exit 0.
pub async fn complete(words: Vec<String>) -> i32 {
    crate::render::completion::print_candidates(&completion::complete(words).await);
    0
}

/// Run the parsed command line.
pub async fn run(cli: Cli) -> Result<Outcome> {
    let ctx = Ctx::from_args(&cli.global);
    if ctx.fleet.is_some() && !matches!(cli.command, Command::Completion(_)) {
        return fleet::run(&cli, &ctx).await;
    }
    match &cli.command {
        // Without a DaemonSet (or -f) and without node filters, explain-placement is the
        // overview of all of them; node filters without a DaemonSet stay a usage error.
        Command::ExplainPlacement(args) if explain::is_overview(args) => {
            let format = ctx.list_format()?;
            emit(&list::run(&ctx).await?, format, &ctx.styles)
        }
        Command::ExplainPlacement(args) => {
            let format = ctx.list_format()?;
            emit(&explain::run(args, &ctx).await?, format, &ctx.styles)
        }
        Command::List(_) => {
            let format = ctx.list_format()?;
            emit(&list::run(&ctx).await?, format, &ctx.styles)
        }
        Command::WhyNotScheduled(args) => {
            let format = ctx.list_format()?;
            emit(&why_not::run(args, &ctx).await?, format, &ctx.styles)
        }
        Command::Snapshot(args) => {
            let format = snapshot::format(&ctx)?;
            let snap = snapshot::run(args, &ctx).await?;
            match &args.file {
                Some(path) => write_file(path, &snap, format).map(|()| Outcome::Ok),
                None => emit(&snap, format, &ctx.styles),
            }
        }
        Command::Rollout(args) => rollout::run(args, &ctx).await,
        Command::DiffRevision(args) => {
            let diff = diff_revision::Options::new(args, &ctx)?;
            emit(&diff.run(&ctx).await?, diff.format.clone(), &ctx.styles)
        }
        // Scripts are text whatever -o says.
        Command::Completion(args) => emit(
            &completion::run(args).await?,
            OutputFormat::Table,
            &ctx.styles,
        ),
        Command::Validate(args) => {
            let format = validate::format(&ctx)?;
            emit(&validate::run(args, &ctx).await?, format, &ctx.styles)
        }
        Command::WhatIf(args) => {
            let format = ctx.table_format()?;
            emit(&what_if::run(args, &ctx).await?, format, &ctx.styles)
        }
    }
}
