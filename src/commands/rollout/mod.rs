//! `rollout status | history | undo DS`: kubectl parity for DaemonSets, plus the nodes that hold a
//! rollout back. Each subcommand is kubectl's Options phases: complete and validate its flags
//! (`new`), then run against the [`Session`], returning a report that render prints.

pub mod history;
pub mod restart;
pub mod status;
pub mod undo;

use crate::cli::rollout::{RolloutAction, RolloutArgs};
use crate::cluster::Session;
use crate::commands::Ctx;
use crate::error::{Error, Outcome, Result};
use crate::model::lookup::{DS_TYPES, split_ns_name};
use crate::render::rollout::{ObjectReport, StatusView, write_changes};
use crate::render::{OutputFormat, emit};

pub async fn run(args: &RolloutArgs, ctx: &Ctx) -> Result<Outcome> {
    match &args.action {
        RolloutAction::Status(a) => {
            let status = status::Options::new(a, ctx)?;
            if status.format.is_machine() {
                emit(
                    &status.report(ctx).await?,
                    status.format.clone(),
                    &ctx.styles,
                )
            } else {
                status.run(ctx, &mut StatusView::new(&ctx.styles)).await
            }
        }
        RolloutAction::History(a) => {
            let history = history::Options::new(a, ctx)?;
            emit(
                &history.run(ctx).await?,
                history.format.clone(),
                &ctx.styles,
            )
        }
        RolloutAction::Undo(a) => {
            let undo = undo::Options::new(a, ctx)?;
            let plan = undo.plan(ctx).await?;
            // What changes goes to stderr before anything is applied, so it is there even when
            // the write fails; stdout keeps kubectl's one line.
            write_changes(&ctx.styles.err, &plan.rollback);
            if undo.format == OutputFormat::Text {
                return emit(&undo.apply(plan).await?, OutputFormat::Text, &ctx.styles);
            }
            // -o json|yaml|name|jsonpath: kubectl prints the DaemonSet as read, once the undo
            // has succeeded
            let object = ObjectReport(plan.object());
            undo.apply(plan).await?;
            emit(&object, undo.format.clone(), &ctx.styles)
        }
        RolloutAction::Restart(a) => {
            let restart = restart::Options::new(a, ctx)?;
            emit(&restart.run(ctx).await?, OutputFormat::Text, &ctx.styles)
        }
    }
}

/// Open the session, and resolve the DaemonSet argument `arg` to its namespace (the argument's,
/// else kubectl's default from the session) and name.
pub async fn open(ctx: &Ctx, arg: &str) -> Result<(Session, Option<String>, String)> {
    let (arg_ns, name) = parse_target(arg);
    let session = ctx.session().await?;
    let namespace = arg_ns.or_else(|| session.namespace.clone());
    Ok((session, namespace, name))
}

/// `NAME`, `NS/NAME`, or kubectl's `daemonset/NAME` / `ds/NAME` / `daemonset.apps/NAME`
/// ([`split_ns_name`], the one parser every command uses).
pub fn parse_target(arg: &str) -> (Option<String>, String) {
    let (ns, name) = split_ns_name(arg);
    (ns.map(String::from), name.to_string())
}

/// The DaemonSet argument from kubectl's two forms: `DS` alone, or `TYPE NAME` where TYPE names
/// DaemonSets (`daemonset`, `daemonsets`, `ds`, `daemonset.apps`, `daemonsets.apps`).
pub fn target(first: &str, second: Option<&str>) -> Result<String> {
    match second {
        None => Ok(first.to_string()),
        Some(name) if DS_TYPES.contains(&first) => Ok(name.to_string()),
        Some(_) => Err(Error::usage(format!(
            "{first:?} is not a DaemonSet resource type: give the DaemonSet as NAME, NAMESPACE/NAME, daemonset/NAME or `daemonset NAME`"
        ))),
    }
}

/// `--revision` must not be negative (kubectl's check and words).
fn check_revision(revision: i64) -> Result<()> {
    if revision < 0 {
        return Err(Error::usage(format!(
            "revision must be a positive integer: {revision}"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_accept_kubectl_forms() {
        assert_eq!(parse_target("fluentd"), (None, "fluentd".into()));
        assert_eq!(
            parse_target("logging/fluentd"),
            (Some("logging".into()), "fluentd".into())
        );
        assert_eq!(parse_target("daemonset/fluentd"), (None, "fluentd".into()));
        assert_eq!(parse_target("ds/fluentd"), (None, "fluentd".into()));
        assert_eq!(
            parse_target("daemonset.apps/fluentd"),
            (None, "fluentd".into())
        );
        assert_eq!(target("daemonset", Some("fluentd")).unwrap(), "fluentd");
        assert_eq!(target("ds", Some("fluentd")).unwrap(), "fluentd");
        assert_eq!(target("logging/fluentd", None).unwrap(), "logging/fluentd");
        assert!(target("deployment", Some("web")).is_err());
    }
}
