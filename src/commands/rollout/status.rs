//! `rollout status DS`: kubectl's messages and semantics (spec §2), a progress bar on a terminal,
//! and — on stderr, so stdout stays kubectl's — the nodes that hold the rollout back and why.
//! OnDelete DaemonSets get a report instead of kubectl's refusal.

use std::io::Write;
use std::time::{Duration, Instant};

use futures::StreamExt;
use k8s_openapi::api::apps::v1::DaemonSet;
use kube::api::{Api, WatchEvent, WatchParams};
use serde::Serialize;

use super::load;
use crate::cli::rollout::status::StatusArgs;
use crate::cluster::live::{self, LiveClient, READ_RETRIES, Resource, WatchFailure};
use crate::cluster::{ClusterState, Query, Source};
use crate::commands::Ctx;
use crate::error::{Error, Outcome, Result};
use crate::placement::{DsRef, state::ClusterIndex};
use crate::render::OutputFormat;
use crate::render::placement::state_tone;
use crate::render::{Style, Tone, io_err, write_json, write_yaml};
use crate::rollout::{self, Blocker, Status};

/// `rollout status -o json`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusReport {
    pub daemon_set: DsRef,
    pub strategy: Option<String>,
    pub message: String,
    pub done: bool,
    pub desired: i32,
    pub updated: i32,
    pub available: i32,
    pub blocking_nodes: Vec<Blocker>,
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

fn evaluate(
    ds: &DaemonSet,
    state: &ClusterState,
    now: i64,
) -> (Result<Status, String>, Vec<Blocker>) {
    let e = ClusterIndex::new(state, now).explain(ds, |_| true);
    let status = match rollout::strategy(ds) {
        Some("OnDelete") => Ok(rollout::on_delete_status(ds, &e)),
        _ => rollout::status(ds),
    };
    (status, rollout::blockers(&e))
}

pub async fn run(args: &StatusArgs, ctx: &Ctx) -> Result<Outcome> {
    if args.revision < 0 {
        return Err(Error::usage(format!(
            "revision must be a positive integer: {}",
            args.revision
        )));
    }
    let timeout = args.timeout.0;
    let format = ctx.table_format()?;
    // Blockers and the progress bar go to stderr, so stderr decides their colour; the bar also
    // needs stdout on the same terminal (status lines are printed above it).
    let style = ctx.styles.err;
    let bar = style.animate() && ctx.styles.out.terminal;
    let loaded = load(
        ctx,
        &super::target(&args.daemonset, args.name.as_deref())?,
        blocker_query(),
    )
    .await?;
    let (status, blockers) = evaluate(&loaded.ds, &loaded.state, ctx.now);

    if matches!(format, OutputFormat::Json | OutputFormat::Yaml) {
        let status = status.map_err(Error::Refused)?;
        let st = loaded.ds.status.clone().unwrap_or_default();
        let report = StatusReport {
            daemon_set: DsRef {
                namespace: loaded.ds.metadata.namespace.clone().unwrap_or_default(),
                name: loaded.ds.metadata.name.clone().unwrap_or_default(),
            },
            strategy: rollout::strategy(&loaded.ds).map(String::from),
            message: status.message,
            done: status.done,
            desired: st.desired_number_scheduled,
            updated: st.updated_number_scheduled.unwrap_or(0),
            available: st.number_available.unwrap_or(0),
            blocking_nodes: blockers,
        };
        let mut out = std::io::stdout().lock();
        if format == OutputFormat::Json {
            write_json(&mut out, &report)?
        } else {
            write_yaml(&mut out, &report)?
        }
        return Ok(Outcome::Ok);
    }

    let status = status.map_err(Error::Refused)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", status.message).map_err(io_err)?;
    drop(out);
    if status.done {
        return Ok(Outcome::Ok);
    }
    report_blockers(&style, &blockers);
    let Source::Live(lc) = &loaded.session.source else {
        // A snapshot does not change: one status, like --watch=false.
        return Ok(Outcome::Ok);
    };
    if !args.watch {
        return Ok(Outcome::Ok);
    }
    watch(lc, &loaded.ds, timeout, &style, bar, &status, ctx).await
}

fn report_blockers(style: &Style, blockers: &[Blocker]) {
    if blockers.is_empty() {
        return;
    }
    let mut err = std::io::stderr().lock();
    let _ = writeln!(
        err,
        "{}",
        style.paint(
            &format!("{} node(s) hold the rollout back:", blockers.len()),
            Tone::Warn
        )
    );
    let shown = &blockers[..blockers.len().min(20)];
    let node_w = shown.iter().map(|b| b.node.len()).max().unwrap_or(0);
    let state_w = shown
        .iter()
        .map(|b| b.state.as_str().len())
        .max()
        .unwrap_or(0);
    for b in shown {
        // Pad before painting: escape codes take no columns.
        let state = format!("{:<state_w$}", b.state.as_str());
        let _ = writeln!(
            err,
            "  {:<node_w$}   {}   {}",
            b.node,
            style.paint(&state, state_tone(b.state)),
            b.reason
        );
    }
    if blockers.len() > 20 {
        let _ = writeln!(
            err,
            "  … and {} more (kubectl ds explain-placement shows all)",
            blockers.len() - 20
        );
    }
}

/// Watch the DaemonSet until done, deleted, or the timeout.
///
/// - 410 Gone (on the request or as an ERROR event): the resourceVersion is too old; GET the
///   DaemonSet again (the relist), report it, and watch from its resourceVersion.
/// - 429, 5xx and transport failures: reconnect after a backoff (200 ms, 400 ms, 800 ms), at most
///   [`READ_RETRIES`] times in a row, then fail with the last error (exit 3).
/// - 401, 403, 404 and other refusals: fail at once (exit 3); retrying cannot help.
/// - Opening a watch is bounded by the request timeout; a stream that goes quiet for longer than
///   the server's own watch timeout plus that is dropped and reopened.
async fn watch(
    lc: &LiveClient,
    ds: &DaemonSet,
    timeout: Option<Duration>,
    style: &Style,
    animate: bool,
    first: &Status,
    ctx: &Ctx,
) -> Result<Outcome> {
    let ns = ds
        .metadata
        .namespace
        .clone()
        .unwrap_or_else(|| "default".into());
    let name = ds.metadata.name.clone().unwrap_or_default();
    let api: Api<DaemonSet> = Api::namespaced(lc.client.clone(), &ns);
    let deadline = timeout.map(|t| Instant::now() + t);
    let left = || deadline.map(|d| d.saturating_duration_since(Instant::now()));
    let mut view = View {
        bar: animate.then(|| progress_bar(ds)),
        last: first.message.clone(),
        first: first.clone(),
    };
    let mut version = ds.metadata.resource_version.clone().unwrap_or_default();
    let mut latest = ds.clone();
    let wp = WatchParams::default()
        .fields(&format!("metadata.name={name}"))
        .timeout(WATCH_SECONDS);
    let request_limit = lc.timeout.unwrap_or(live::DEFAULT_TIMEOUT);
    let idle_limit = Duration::from_secs(WATCH_SECONDS.into()) + request_limit;
    // Failures since the last event; the backoff grows with them.
    let mut failures: u32 = 0;
    loop {
        if left() == Some(Duration::ZERO) {
            view.finish();
            return timed_out(lc, &latest, style, ctx).await;
        }
        if failures > 0 {
            let backoff = Duration::from_millis(200 * 2u64.pow(failures.min(5) - 1));
            tokio::time::sleep(left().map_or(backoff, |l| l.min(backoff))).await;
        }
        lc.debug(format!(
            "WATCH daemonset {ns}/{name} from resourceVersion {version}"
        ));
        let opened = tokio::time::timeout(
            left().map_or(request_limit, |l| l.min(request_limit)),
            api.watch(&wp, &version),
        )
        .await;
        let failure = match opened {
            Err(_) if left() == Some(Duration::ZERO) => continue,
            Err(_) => WatchFailure::Retry(lc.watch_timed_out(
                Resource::DaemonSets,
                Some(&ns),
                request_limit,
            )),
            Ok(Err(e)) => {
                lc.debug(format!("watch failed: {e}"));
                lc.watch_failure(Resource::DaemonSets, Some(&ns), &e)
            }
            Ok(Ok(stream)) => {
                futures::pin_mut!(stream);
                let ended = loop {
                    let wait = left().map_or(idle_limit, |l| l.min(idle_limit));
                    let next = match tokio::time::timeout(wait, stream.next()).await {
                        Ok(next) => next,
                        Err(_) if left() == Some(Duration::ZERO) => break None,
                        Err(_) => {
                            lc.debug(format!("watch quiet for {idle_limit:?}; reopening"));
                            break None;
                        }
                    };
                    let event = match next {
                        None => break None, // the server ended the watch (its timeout): reopen
                        Some(Err(e)) => {
                            lc.debug(format!("watch stream error: {e}"));
                            break Some(lc.watch_failure(Resource::DaemonSets, Some(&ns), &e));
                        }
                        Some(Ok(ev)) => ev,
                    };
                    match event {
                        WatchEvent::Added(obj) | WatchEvent::Modified(obj) => {
                            failures = 0;
                            version = obj.metadata.resource_version.clone().unwrap_or(version);
                            latest = obj;
                            if view.show(&latest)? {
                                return Ok(Outcome::Ok);
                            }
                        }
                        WatchEvent::Deleted(_) => {
                            view.finish();
                            return Err(Error::Refused("object has been deleted".into()));
                        }
                        WatchEvent::Bookmark(b) => {
                            failures = 0;
                            version = b.metadata.resource_version;
                        }
                        WatchEvent::Error(s) => {
                            lc.debug(format!("watch error event {} {}", s.code, s.message));
                            break Some(lc.watch_failure(
                                Resource::DaemonSets,
                                Some(&ns),
                                &kube::Error::Api(s),
                            ));
                        }
                    }
                };
                ended.unwrap_or(WatchFailure::Reopen)
            }
        };
        match failure {
            WatchFailure::Reopen => {}
            WatchFailure::Fatal(e) => {
                view.finish();
                return Err(e);
            }
            WatchFailure::Retry(e) => {
                failures += 1;
                if failures > READ_RETRIES {
                    view.finish();
                    return Err(e);
                }
                lc.debug(format!("retry {failures} of {READ_RETRIES}"));
            }
            WatchFailure::Gone => {
                failures += 1;
                if failures > READ_RETRIES {
                    view.finish();
                    return Err(lc.watch_gone(Resource::DaemonSets, Some(&ns), failures));
                }
                // The relist: the DaemonSet as it is now, then watch from there.
                lc.debug("watch expired (410 Gone); getting the daemonset again".into());
                let Some(now) = lc
                    .get::<DaemonSet>(Resource::DaemonSets, Some(&ns), &name)
                    .await?
                else {
                    view.finish();
                    return Err(Error::Refused("object has been deleted".into()));
                };
                version = now.metadata.resource_version.clone().unwrap_or_default();
                latest = now;
                if view.show(&latest)? {
                    return Ok(Outcome::Ok);
                }
            }
        }
    }
}

/// Seconds the server keeps one watch open (it then ends it and we reopen).
const WATCH_SECONDS: u32 = 25;

/// What the watcher has shown: the progress bar and the last status line.
struct View {
    bar: Option<indicatif::ProgressBar>,
    last: String,
    first: Status,
}

impl View {
    /// Show `ds`'s status if it changed; `true` once the rollout is done.
    fn show(&mut self, ds: &DaemonSet) -> Result<bool> {
        let status = match rollout::strategy(ds) {
            Some("OnDelete") => Ok(self.first.clone()),
            _ => rollout::status(ds),
        };
        let status = status.map_err(|e| {
            self.finish();
            Error::Refused(e)
        })?;
        if let Some(b) = &self.bar {
            update_bar(b, ds);
        }
        if status.message != self.last {
            match &self.bar {
                Some(b) => b.println(&status.message),
                None => {
                    let mut out = std::io::stdout().lock();
                    writeln!(out, "{}", status.message).map_err(io_err)?;
                }
            }
            self.last = status.message.clone();
        }
        if status.done {
            self.finish();
        }
        Ok(status.done)
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

async fn timed_out(lc: &LiveClient, ds: &DaemonSet, style: &Style, ctx: &Ctx) -> Result<Outcome> {
    // Final report: who still holds the rollout back, from fresh state.
    let query = Query {
        namespace: ds.metadata.namespace.clone(),
        daemonset: ds.metadata.name.clone(),
        ..blocker_query()
    };
    if let Ok(state) = crate::cluster::live::load(lc, &query).await {
        let current = state
            .daemonsets
            .first()
            .cloned()
            .unwrap_or_else(|| ds.clone());
        let (_, blockers) = evaluate(&current, &state, jiff::Timestamp::now().as_second());
        report_blockers(style, &blockers);
    }
    let _ = ctx;
    Err(Error::Refused("timed out waiting for the condition".into()))
}

fn progress_bar(ds: &DaemonSet) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} updated, {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    update_bar(&bar, ds);
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

fn update_bar(bar: &indicatif::ProgressBar, ds: &DaemonSet) {
    let s = ds.status.clone().unwrap_or_default();
    bar.set_length(s.desired_number_scheduled.max(0) as u64);
    bar.set_position(s.updated_number_scheduled.unwrap_or(0).max(0) as u64);
    bar.set_message(format!("{} available", s.number_available.unwrap_or(0)));
}
