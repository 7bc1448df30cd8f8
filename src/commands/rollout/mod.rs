//! `rollout status | history | undo DS`: kubectl parity for DaemonSets, plus the nodes that hold a
//! rollout back. Each subcommand resolves its DaemonSet the same way (this module), then runs.

pub mod history;
pub mod status;
pub mod undo;

use k8s_openapi::api::apps::v1::DaemonSet;

use crate::cli::rollout::{RolloutAction, RolloutArgs};
use crate::commands::Ctx;
use kube::api::ListParams;

use crate::cluster::live::Resource;
use crate::cluster::{ClusterState, Query, Session, Source};
use crate::error::{Outcome, Result};
use crate::model::lookup::{resolve_daemonset, split_ns_name};

pub async fn run(args: &RolloutArgs, ctx: &Ctx) -> Result<Outcome> {
    match &args.action {
        RolloutAction::Status(a) => status::run(a, ctx).await,
        RolloutAction::History(a) => history::run(a, ctx).await,
        RolloutAction::Undo(a) => undo::run(a, ctx).await,
    }
}

/// `NAME`, `NS/NAME`, or kubectl's `daemonset/NAME` / `ds/NAME` / `daemonset.apps/NAME`.
pub fn parse_target(arg: &str) -> (Option<String>, String) {
    if let Some((prefix, name)) = arg.split_once('/')
        && DS_TYPES.contains(&prefix)
    {
        return (None, name.to_string());
    }
    let (ns, name) = split_ns_name(arg);
    (ns.map(String::from), name.to_string())
}

/// The DaemonSet argument from kubectl's two forms: `DS` alone, or `TYPE NAME` where TYPE names
/// DaemonSets (`daemonset`, `daemonsets`, `ds`, `daemonset.apps`, `daemonsets.apps`).
pub fn target(first: &str, second: Option<&str>) -> Result<String> {
    match second {
        None => Ok(first.to_string()),
        Some(name) if DS_TYPES.contains(&first) => Ok(name.to_string()),
        Some(_) => Err(crate::error::Error::usage(format!(
            "{first:?} is not a DaemonSet resource type: give the DaemonSet as NAME, NAMESPACE/NAME, daemonset/NAME or `daemonset NAME`"
        ))),
    }
}

const DS_TYPES: [&str; 5] = [
    "daemonset",
    "daemonsets",
    "ds",
    "daemonset.apps",
    "daemonsets.apps",
];

/// The session, the namespace in use, the state asked for, and the DaemonSet itself.
pub struct Loaded {
    pub session: Session,
    pub namespace: Option<String>,
    pub state: ClusterState,
    pub ds: DaemonSet,
}

/// Resolve and load the DaemonSet named by `arg` plus what `extra` asks for.
pub async fn load(ctx: &Ctx, arg: &str, extra: Query) -> Result<Loaded> {
    let (arg_ns, name) = parse_target(arg);
    let session = ctx.session().await?;
    let namespace = arg_ns.or_else(|| session.namespace.clone());
    let query = Query {
        namespace: namespace.clone(),
        daemonset: Some(name.clone()),
        ..extra
    };
    let state = session.load(&query).await?;
    let ds = resolve_daemonset(&state, namespace.as_deref(), &name)?.clone();
    Ok(Loaded {
        session,
        namespace,
        state,
        ds,
    })
}

/// The DaemonSet and its ControllerRevisions, nothing else — what history, undo and
/// diff-revision need. Live, that is kubectl's own two calls: GET the DaemonSet, then LIST the
/// revisions with its selector (no nodes, no other DaemonSets' revisions on the wire).
pub async fn load_history(ctx: &Ctx, arg: &str) -> Result<Loaded> {
    let (arg_ns, name) = parse_target(arg);
    let session = ctx.session().await?;
    let namespace = arg_ns.or_else(|| session.namespace.clone());
    if let (Source::Live(lc), Some(ns)) = (&session.source, namespace.as_deref())
        && let Some(ds) = lc
            .get::<DaemonSet>(Resource::DaemonSets, Some(ns), &name)
            .await?
    {
        let mut lp = ListParams::default();
        if let Some(sel) = crate::model::daemonset::ds_selector(&ds) {
            let sel = sel.to_string();
            if !sel.is_empty() {
                lp = lp.labels(&sel);
            }
        }
        let revisions = lc.list(Resource::ControllerRevisions, Some(ns), lp).await?;
        let state = ClusterState {
            daemonsets: vec![ds.clone()],
            revisions,
            ..Default::default()
        };
        return Ok(Loaded {
            session,
            namespace,
            state,
            ds,
        });
    }
    // Snapshots, and a DaemonSet that is not there (the generic path words that error).
    load(
        ctx,
        arg,
        Query {
            revisions: true,
            ..Default::default()
        },
    )
    .await
}

/// `daemonset.apps/NAME` — kubectl's name printer.
pub fn name_of(ds: &DaemonSet) -> String {
    format!(
        "daemonset.apps/{}",
        ds.metadata.name.as_deref().unwrap_or("")
    )
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
