//! One module per subcommand. Each resolves its inputs, loads state through
//! [`crate::cluster::Session`], computes a plain result with the library, and hands it to
//! [`crate::render`]. Nothing here prints directly.

pub mod completion;
pub mod diff_revision;
pub mod explain;
pub mod rollout;
pub mod snapshot;
pub mod why_not;

use crate::cli::{Cli, Command, OutputFormat};
use crate::error::{Error, Outcome, Result};

/// Run the parsed command line.
pub async fn run(cli: Cli) -> Result<Outcome> {
    match &cli.command {
        Command::ExplainPlacement(args) => explain::run(args, &cli.global).await,
        Command::WhyNotScheduled(args) => why_not::run(args, &cli.global).await,
        Command::Snapshot(args) => snapshot::run(args, &cli.global).await,
        Command::Rollout(args) => rollout::run(args, &cli.global).await,
        Command::DiffRevision(args) => diff_revision::run(args, &cli.global).await,
        Command::Completion(args) => completion::run(args).await,
    }
}

/// The output format for table-style commands: table (default), wide, json, yaml.
pub fn table_format(o: Option<OutputFormat>) -> Result<OutputFormat> {
    match o.unwrap_or(OutputFormat::Table) {
        f
        @ (OutputFormat::Table | OutputFormat::Wide | OutputFormat::Json | OutputFormat::Yaml) => {
            Ok(f)
        }
        other => Err(Error::usage(format!(
            "output format {:?} is not supported by this command; use table, wide, json or yaml",
            format!("{other:?}").to_lowercase()
        ))),
    }
}

/// Seconds since the Unix epoch (the evaluator's clock for minReadySeconds).
pub fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}
