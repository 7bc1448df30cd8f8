//! `rollout status DS`: kubectl's messages and semantics (spec §2), a progress bar on a terminal,
//! and — on stderr, so stdout stays kubectl's — the nodes that hold the rollout back and why.
//! OnDelete DaemonSets get a report instead of kubectl's refusal.

use std::cell::RefCell;
use std::time::Duration;

use k8s_openapi::api::apps::v1::DaemonSet;

use crate::cli::rollout::status::StatusArgs;
use crate::cluster::{Around, ClusterState, DaemonSetEvent, NodeSet, Read, Session};
use crate::commands::Ctx;
use crate::error::{Error, Outcome, Result};
use crate::model::semantics::{Requested, Semantics};
use crate::placement::state::ClusterIndex;
use crate::render::OutputFormat;
use crate::render::fleet::{FleetStatus, Progress};
use crate::rollout::{self, Holdup, Status, StatusReport, StatusSink};

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
        let (session, ds) = self.daemonset(ctx).await?;
        let first = first_status(&session, &ds, ctx.now, &ctx.requested).await?;
        let status = first.status.map_err(Error::Refused)?;
        Ok(StatusReport::new(&ds, status, first.holdup, first.caveats))
    }

    /// The status, the blockers when it is not done, then (unless `--watch=false`) each change
    /// until done, deleted or `--timeout`, all through `sink`.
    pub async fn run(&self, ctx: &Ctx, sink: &mut dyn StatusSink) -> Result<Outcome> {
        let (session, ds) = self.daemonset(ctx).await?;
        let first_read = first_status(&session, &ds, ctx.now, &ctx.requested).await?;
        let first = match first_read.status {
            Ok(status) => status,
            Err(refusal) => {
                sink.caveats(&first_read.caveats);
                return Err(Error::Refused(refusal));
            }
        };
        sink.status(&first)?;
        if first.done {
            return Ok(Outcome::Ok);
        }
        sink.blockers(&first_read.holdup);
        sink.caveats(&first_read.caveats);
        if !self.watch {
            return Ok(Outcome::Ok);
        }
        let finished = {
            // The watch and the blocker refresh run in this one task: the sink and the latest
            // DaemonSet are shared through RefCells, never borrowed across an await.
            let sink = RefCell::new(&mut *sink);
            let latest = RefCell::new(ds.clone());
            let watch = session.watch_daemonset(&ds, |event| match event {
                DaemonSetEvent::Applied(now) => {
                    let status = rollout::follow(now, &first).map_err(Error::Refused)?;
                    *latest.borrow_mut() = now.clone();
                    sink.borrow_mut().progress(now, &status)?;
                    Ok(status.done)
                }
                DaemonSetEvent::Deleted => Err(Error::Refused("object has been deleted".into())),
                DaemonSetEvent::Lost { error, down } => {
                    sink.borrow_mut().lost(error, down);
                    Ok(false)
                }
                DaemonSetEvent::Restored { down } => {
                    sink.borrow_mut().restored(down);
                    Ok(false)
                }
            });
            let refresh = refresh_blockers(&session, &latest, &sink, &ctx.requested);
            let watch = async {
                tokio::select! {
                    watched = watch => watched,
                    never = refresh => match never {},
                }
            };
            match self.timeout {
                Some(limit) => tokio::time::timeout(limit, watch).await.ok(),
                None => Some(watch.await),
            }
        };
        match finished {
            Some(watched) => watched.map(|()| Outcome::Ok),
            None => timed_out(&session, &ds, sink, &ctx.requested).await,
        }
    }

    /// One cluster of a fleet run: the status with its blockers (what `-o json` gives), and,
    /// when watching a rollout that is not done (human output), its changes told to `progress`
    /// until it is done or `--timeout` passes; then the blockers as they are at that moment.
    pub async fn fleet(&self, ctx: &Ctx, progress: &Progress) -> Result<FleetStatus> {
        let (session, ds) = self.daemonset(ctx).await?;
        let first_read = first_status(&session, &ds, ctx.now, &ctx.requested).await?;
        let first = first_read.status.map_err(Error::Refused)?;
        let machine = matches!(self.format, OutputFormat::Json | OutputFormat::Yaml);
        if first.done || !self.watch || machine {
            let report = StatusReport::new(&ds, first, first_read.holdup, first_read.caveats);
            return Ok(FleetStatus::new(report, false));
        }
        let context = ctx.context.as_deref().unwrap_or("");
        progress.changed(context, &first.message);
        let mut last: Option<(DaemonSet, Status)> = None;
        let finished = {
            let watch = session.watch_daemonset(&ds, |event| match event {
                DaemonSetEvent::Applied(now) => {
                    let status = rollout::follow(now, &first).map_err(Error::Refused)?;
                    let shown = last.as_ref().map_or(&first, |(_, s)| s);
                    if shown.message != status.message {
                        progress.changed(context, &status.message);
                    }
                    let done = status.done;
                    last = Some((now.clone(), status));
                    Ok(done)
                }
                DaemonSetEvent::Deleted => Err(Error::Refused("object has been deleted".into())),
                DaemonSetEvent::Lost { error, down } => {
                    progress.changed(context, &crate::render::rollout::lost(error, down));
                    Ok(false)
                }
                DaemonSetEvent::Restored { down } => {
                    progress.changed(context, &crate::render::rollout::restored(down));
                    Ok(false)
                }
            });
            match self.timeout {
                Some(limit) => tokio::time::timeout(limit, watch).await.ok(),
                None => Some(watch.await),
            }
        };
        let (now, status) = last.unwrap_or_else(|| (ds.clone(), first.clone()));
        if let Some(watched) = finished {
            watched?;
            return Ok(FleetStatus::new(
                StatusReport::new(&now, status, Holdup::default(), Vec::new()),
                false,
            ));
        }
        // --timeout passed: who holds the rollout back now.
        let ns = now.metadata.namespace.as_deref();
        let name = now.metadata.name.as_deref().unwrap_or("");
        let current = session.daemonset(ns, name).await.unwrap_or(now);
        let again = first_status(
            &session,
            &current,
            jiff::Timestamp::now().as_second(),
            &ctx.requested,
        )
        .await?;
        let status = again.status.map_err(Error::Refused)?;
        let report = StatusReport::new(&current, status, again.holdup, again.caveats);
        Ok(FleetStatus::new(report, true))
    }

    /// The DaemonSet alone: the one object the answer needs (kubectl's GET).
    async fn daemonset(&self, ctx: &Ctx) -> Result<(Session, DaemonSet)> {
        let (session, namespace, name) = super::open(ctx, &self.daemonset).await?;
        let ds = session.daemonset(namespace.as_deref(), &name).await?;
        Ok((session, ds))
    }
}

/// The first answer: kubectl's status from the DaemonSet alone; only when the rollout is not
/// done (or its strategy is OnDelete, whose report counts pods) the blockers, from the narrow
/// reads they need.
struct First {
    status: std::result::Result<Status, String>,
    holdup: Holdup,
    caveats: Vec<String>,
}

async fn first_status(
    session: &Session,
    ds: &DaemonSet,
    now: i64,
    requested: &Requested,
) -> Result<First> {
    let on_delete = rollout::strategy(ds) == Some("OnDelete");
    if !on_delete {
        let status = rollout::status(ds);
        if status.as_ref().map_or(true, |s| s.done) {
            return Ok(First {
                status,
                holdup: Holdup::default(),
                caveats: Vec::new(),
            });
        }
    }
    let (gathered, caveats) = gather(session, ds).await?;
    let Some(state) = gathered else {
        // Too little could be read to explain anything: kubectl's answer, and why.
        let status = if on_delete {
            Err(rollout::status::ONLY_ROLLING_UPDATE.to_string())
        } else {
            rollout::status(ds)
        };
        return Ok(First {
            status,
            holdup: Holdup::default(),
            caveats,
        });
    };
    let semantics = Semantics::resolve(requested, &state.server).map_err(Error::usage)?;
    let (status, holdup) = rollout::evaluate(ds, &state, now, &semantics);
    Ok(First {
        status,
        holdup,
        caveats,
    })
}

/// What the blockers of `ds` need, read in up to three rounds of concurrent requests, each only
/// as wide as the last one showed necessary:
/// 1. its own pods and revisions (its namespace, its selector) and its namespace;
/// 2. the nodes where one of its pods is not up to date and ready — every node only when some
///    wanted node may have no pod (or for OnDelete, whose report counts them all) — and, when a
///    pod waits for the scheduler, the namespace's FailedScheduling events;
/// 3. the pods bound to the wanted nodes that have no pod of it bound yet (their fit).
///
/// `None` when the pods or the nodes were refused (nothing can be explained), with the caveats
/// that say so.
async fn gather(session: &Session, ds: &DaemonSet) -> Result<(Option<ClusterState>, Vec<String>)> {
    let mut caveats = Vec::new();
    let first = Around {
        own_pods: true,
        revisions: true,
        namespace: true,
        ..Default::default()
    };
    let mut got = session.around(ds, &first).await?;
    if let Some(why) = got.refused(Read::OwnPods) {
        caveats.push(format!("blocking nodes not shown: {why}"));
        return Ok((None, caveats));
    }
    let nodes = match rollout::status::nodes_to_read(ds, &got.state) {
        Some(names) => NodeSet::Named(names),
        None => NodeSet::All,
    };
    let second = Around {
        nodes: Some(nodes),
        events: rollout::status::has_unscheduled_pods(ds, &got.state),
        server: true,
        ..Default::default()
    };
    got.absorb(session.around(ds, &second).await?);
    if let Some(why) = got.refused(Read::Nodes) {
        caveats.push(format!("blocking nodes not shown: {why}"));
        return Ok((None, caveats));
    }
    let e = ClusterIndex::new(&got.state, 0).explain(ds, |_| true);
    let unplaced = rollout::status::nodes_needing_fit(ds, &got.state, &e);
    if !unplaced.is_empty() {
        let third = Around {
            usage_on: Some(NodeSet::Named(unplaced.clone())),
            ..Default::default()
        };
        got.absorb(session.around(ds, &third).await?);
    }
    for r in &got.refused {
        let why = &r.why;
        caveats.push(match r.read {
            Read::Revisions => format!(
                "the current revision is taken from the newest pod, not the ControllerRevisions: {why}"
            ),
            Read::Namespace => format!(
                "the namespace's default node selector is not applied to where pods are wanted: {why}"
            ),
            Read::UsagePods => format!(
                "fit (resources, host ports) not checked on {} node(s) without a daemon pod: {why}",
                unplaced.len()
            ),
            Read::Events => {
                format!("why pending pods wait (FailedScheduling events) not shown: {why}")
            }
            Read::OwnPods | Read::Nodes => continue,
        });
    }
    let mut state = got.state;
    caveats.extend(std::mem::take(&mut state.caveats));
    Ok((Some(state), caveats))
}

/// How often the blockers are re-read while watching on a terminal: often enough to follow a
/// rollout node by node, rare enough that the reads (own pods, the nodes concerned) stay cheap.
const REFRESH: Duration = Duration::from_secs(5);

/// While watching on a terminal, every [`REFRESH`]: the blockers of the latest DaemonSet seen,
/// from fresh reads, to the sink (the progress bar names the nodes behind). Never returns;
/// where the sink does not refresh (piped output) it only waits, so nothing is read.
async fn refresh_blockers<'s, 'd>(
    session: &Session,
    latest: &RefCell<DaemonSet>,
    sink: &RefCell<&'s mut (dyn StatusSink + 'd)>,
    requested: &Requested,
) -> std::convert::Infallible {
    if !sink.borrow().refreshes() {
        return std::future::pending().await;
    }
    loop {
        tokio::time::sleep(REFRESH).await;
        let ds = latest.borrow().clone();
        if rollout::status(&ds).is_ok_and(|s| s.done) {
            continue;
        }
        // A failed refresh keeps the last blockers: the watch itself reports lost access.
        if let Ok((Some(state), _)) = gather(session, &ds).await
            && let Ok(semantics) = Semantics::resolve(requested, &state.server)
        {
            let now = jiff::Timestamp::now().as_second();
            let (_, holdup) = rollout::evaluate(&ds, &state, now, &semantics);
            sink.borrow_mut().refresh(&holdup);
        }
    }
}

/// `--timeout` passed: who still holds the rollout back, from fresh state (when it can be read),
/// then kubectl's error.
async fn timed_out(
    session: &Session,
    ds: &DaemonSet,
    sink: &mut dyn StatusSink,
    requested: &Requested,
) -> Result<Outcome> {
    let ns = ds.metadata.namespace.as_deref();
    let name = ds.metadata.name.as_deref().unwrap_or("");
    if let Ok(current) = session.daemonset(ns, name).await
        && let Ok((Some(state), caveats)) = gather(session, &current).await
        && let Ok(semantics) = Semantics::resolve(requested, &state.server)
    {
        let now = jiff::Timestamp::now().as_second();
        let (_, holdup) = rollout::evaluate(&current, &state, now, &semantics);
        sink.blockers(&holdup);
        sink.caveats(&caveats);
    }
    Err(Error::Refused("timed out waiting for the condition".into()))
}
