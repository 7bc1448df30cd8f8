//! `rollout status DS`: kubectl's messages and semantics (spec §2), a progress bar on a terminal,
//! and — on stderr, so stdout stays kubectl's — the nodes that hold the rollout back and why.
//! OnDelete DaemonSets get a report instead of kubectl's refusal.

use std::time::Duration;

use k8s_openapi::api::apps::v1::DaemonSet;

use crate::cli::rollout::status::StatusArgs;
use crate::cluster::{ClusterState, DaemonSetEvent, Query, Session};
use crate::commands::Ctx;
use crate::error::{Error, Outcome, Result};
use crate::model::lookup::resolve_daemonset;
use crate::render::OutputFormat;
use crate::rollout::{self, StatusReport, StatusSink};

/// `rollout status`, completed and validated.
pub struct Options {
    daemonset: String,
    pub format: OutputFormat,
    watch: bool,
    timeout: Option<Duration>,
}

impl Options {
    pub fn new(args: &StatusArgs, ctx: &Ctx) -> Result<Self> {
        super::check_revision(args.revision)?;
        let format = ctx.table_format()?;
        Ok(Options {
            daemonset: super::target(&args.daemonset, args.name.as_deref())?,
            format,
            watch: args.watch,
            timeout: args.timeout.0,
        })
    }

    /// One evaluation (`-o json|yaml`).
    pub async fn report(&self, ctx: &Ctx) -> Result<StatusReport> {
        let (_, ds, state) = self.load(ctx).await?;
        let (status, blockers) = rollout::evaluate(&ds, &state, ctx.now);
        Ok(StatusReport::new(
            &ds,
            status.map_err(Error::Refused)?,
            blockers,
        ))
    }

    /// The status, the blockers when it is not done, then (unless `--watch=false`) each change
    /// until done, deleted or `--timeout`, all through `sink`.
    pub async fn run(&self, ctx: &Ctx, sink: &mut dyn StatusSink) -> Result<Outcome> {
        let (session, ds, state) = self.load(ctx).await?;
        let (status, blockers) = rollout::evaluate(&ds, &state, ctx.now);
        let first = status.map_err(Error::Refused)?;
        sink.status(&first)?;
        if first.done {
            return Ok(Outcome::Ok);
        }
        sink.blockers(&blockers);
        if !self.watch {
            return Ok(Outcome::Ok);
        }
        let finished = {
            let watch = session.watch_daemonset(&ds, |event| match event {
                DaemonSetEvent::Applied(now) => {
                    let status = rollout::follow(now, &first).map_err(Error::Refused)?;
                    sink.progress(now, &status)?;
                    Ok(status.done)
                }
                DaemonSetEvent::Deleted => Err(Error::Refused("object has been deleted".into())),
            });
            match self.timeout {
                Some(limit) => tokio::time::timeout(limit, watch).await.ok(),
                None => Some(watch.await),
            }
        };
        match finished {
            Some(watched) => watched.map(|()| Outcome::Ok),
            None => timed_out(&session, &ds, sink).await,
        }
    }

    /// The DaemonSet and everything needed to explain its blockers.
    async fn load(&self, ctx: &Ctx) -> Result<(Session, DaemonSet, ClusterState)> {
        let (session, namespace, name) = super::open(ctx, &self.daemonset).await?;
        let query = Query {
            namespace: namespace.clone(),
            daemonset: Some(name.clone()),
            ..blocker_query()
        };
        let state = session.load(&query).await?;
        let ds = resolve_daemonset(&state, namespace.as_deref(), &name)?.clone();
        Ok((session, ds, state))
    }
}

/// Everything needed to explain blockers: nodes, pods, events, namespaces.
fn blocker_query() -> Query {
    Query {
        pods: true,
        revisions: true,
        events: true,
        namespaces: true,
        ..Default::default()
    }
}

/// `--timeout` passed: who still holds the rollout back, from fresh state (when it can be read),
/// then kubectl's error.
async fn timed_out(
    session: &Session,
    ds: &DaemonSet,
    sink: &mut dyn StatusSink,
) -> Result<Outcome> {
    let query = Query {
        namespace: ds.metadata.namespace.clone(),
        daemonset: ds.metadata.name.clone(),
        ..blocker_query()
    };
    if let Ok(state) = session.load(&query).await {
        let current = state.daemonsets.first().unwrap_or(ds);
        let (_, blockers) = rollout::evaluate(current, &state, jiff::Timestamp::now().as_second());
        sink.blockers(&blockers);
    }
    Err(Error::Refused("timed out waiting for the condition".into()))
}
