//! Watching one DaemonSet until a condition holds (kubectl's `UntilWithSync`; kube-runtime's
//! `watcher` keeps the same rules): the condition first sees the state it starts from, then every
//! change; a watch the server ends is reopened, an expired resourceVersion is re-read, transient
//! failures back off.
//!
//! - 410 Gone (on the request or as an ERROR event): the resourceVersion is too old; GET the
//!   DaemonSet again (the relist), show it to the condition, and watch from its resourceVersion.
//! - 429, 5xx, transport failures and no answer: reconnect after a backoff that doubles from
//!   200 ms up to 5 s (`transport::MAX_BACKOFF`), for as long as it takes — an API server restarted by a
//!   control-plane upgrade is down for tens of seconds, and kubectl's `rollout status` waits it
//!   out the same way (client-go's reflector retries until the context ends, backing off from
//!   800 ms to 30 s). After [`READ_RETRIES`] failures in a row the condition is told the watch
//!   is [`DaemonSetEvent::Lost`] (again every [`REMIND`] while it stays lost) and, once a watch
//!   opens again, [`DaemonSetEvent::Restored`]. An event, or a watch that stayed open for 5 s,
//!   ends the row. `--timeout` (the caller's deadline) is what bounds an outage. Once a watch
//!   opens after a failure, the DaemonSet is read again (a GET) and shown to the condition, as
//!   kubectl's reflector lists again: a change made while no watch was open is not missed.
//! - 401 with credentials that can change (an exec plugin, a token file, an auth provider): they
//!   expired or were rotated: load them again (a new client runs the exec plugin again, re-reads
//!   the token file), as kubectl does on a 401, and go on; a second 401 before any event fails.
//!   With static credentials (a token, a certificate) a 401 fails at once: loading them again
//!   gives the same ones.
//! - 403, 404 and other refusals: fail at once; retrying cannot help.
//! - Opening a watch is bounded by the request timeout; a stream that goes quiet for longer than
//!   the server's own watch timeout plus that is dropped and reopened.
//!
//! The watch itself never ends otherwise: an overall deadline (`--timeout`) is the caller's, by
//! dropping the future, as kubectl cancels its context.

use std::time::Duration;

use futures::StreamExt;
use k8s_openapi::api::apps::v1::DaemonSet;
use kube::api::{Api, WatchEvent, WatchParams};

use super::errors::Call;
use super::transport::{READ_RETRIES, Resource, backoff};
use super::{DEFAULT_TIMEOUT, LiveClient};
use crate::cluster::DaemonSetEvent;
use crate::error::{Error, Result};

/// Seconds the server keeps one watch open (it then ends it and we reopen).
const WATCH_SECONDS: u32 = 25;

/// How long a watch must have stayed open for the failures before it to stop counting.
const STABLE: Duration = Duration::from_secs(5);

/// How often a watch that stays lost says so again.
pub const REMIND: Duration = Duration::from_secs(60);

/// Failures in a row so far, and what of them the condition was told.
#[derive(Default)]
struct Outage {
    /// Failures since the last event (or watch that stayed open); the backoff grows with them.
    failures: u32,
    /// When the first of them happened.
    since: Option<std::time::Instant>,
    /// When the condition was last told the watch is lost.
    told: Option<std::time::Instant>,
    /// It was told, and not yet that the watch is back.
    unrestored: bool,
}

impl Outage {
    /// The wait before the next try: none before the first, then as a read's retries
    /// ([`backoff`]: 200 ms, doubling, at most 5 s).
    fn backoff(&self) -> Duration {
        match self.failures {
            0 => Duration::ZERO,
            n => backoff(n),
        }
    }

    /// One more failure; `Some(down)` when the condition should be told now.
    fn failed(&mut self) -> Option<Duration> {
        let now = std::time::Instant::now();
        self.failures += 1;
        let since = *self.since.get_or_insert(now);
        let due = self.failures > READ_RETRIES && self.told.is_none_or(|t| t.elapsed() >= REMIND);
        due.then(|| {
            self.told = Some(now);
            self.unrestored = true;
            now - since
        })
    }

    /// A watch opened: `Some(down)` when the condition was told it was lost.
    fn opened(&mut self) -> Option<Duration> {
        let since = self.since?;
        std::mem::take(&mut self.unrestored).then(|| since.elapsed())
    }

    /// An event, or a watch that stayed open: the row of failures is over.
    fn over(&mut self) {
        *self = Outage::default();
    }
}

/// What to do after a watch failed.
enum WatchFailure {
    /// 410 Gone: the resourceVersion is too old; read (GET) again and watch from there.
    Gone,
    /// Worth another try (429, 5xx, transport); the error to report when the tries run out.
    Retry(Error),
    /// Retrying cannot help (401, 403, 404, …).
    Fatal(Error),
    /// Not a failure: the server ended the watch (its timeout) or it went quiet; open it again.
    Reopen,
    /// 401: the credentials expired or were rotated; load them again once, then fail.
    Unauthorized(Error),
}

impl LiveClient {
    /// Show `start`, then every change of it, to `until` until it returns `true` (or fails);
    /// after a deletion, `until` has the last word and the watch ends.
    pub async fn watch_daemonset(
        &self,
        start: &DaemonSet,
        mut until: impl FnMut(DaemonSetEvent<'_>) -> Result<bool>,
    ) -> Result<()> {
        if until(DaemonSetEvent::Applied(start))? {
            return Ok(());
        }
        let ns = start.metadata.namespace.as_deref().unwrap_or("default");
        let name = start.metadata.name.as_deref().unwrap_or("");
        let call = Call::new("watch", Resource::DaemonSets, Some(ns), None);
        // Replaced when a 401 makes us load the credentials again.
        let mut lc = self.clone();
        let mut api: Api<DaemonSet> = Api::namespaced(lc.client.clone(), ns);
        // The credentials were loaded again since the last event: a second 401 is final.
        let mut reauthenticated = false;
        let mut version = start.metadata.resource_version.clone().unwrap_or_default();
        let wp = WatchParams::default()
            .fields(&format!("metadata.name={name}"))
            .timeout(WATCH_SECONDS);
        let request_limit = self.timeout.unwrap_or(DEFAULT_TIMEOUT);
        let idle_limit = Duration::from_secs(WATCH_SECONDS.into()) + request_limit;
        let mut outage = Outage::default();
        // The last watch failed: read the DaemonSet again once the next one is open.
        let mut relist = false;
        loop {
            tokio::time::sleep(outage.backoff()).await;
            lc.debug(format!(
                "WATCH daemonset {ns}/{name} from resourceVersion {version}"
            ));
            let failure = match tokio::time::timeout(request_limit, api.watch(&wp, &version)).await
            {
                Err(_) => WatchFailure::Retry(lc.timed_out(&call, request_limit)),
                Ok(Err(e)) => {
                    lc.debug(format!("watch failed: {e}"));
                    lc.watch_failure(&call, e)
                }
                Ok(Ok(stream)) => {
                    let opened = std::time::Instant::now();
                    if let Some(down) = outage.opened() {
                        until(DaemonSetEvent::Restored { down })?;
                    }
                    // kubectl's reflector lists again after a failed watch: a change made while
                    // no watch was open is seen even where the server's watch history does not
                    // reach back to our resourceVersion. Best effort: the server just answered,
                    // and the watch goes on either way.
                    if std::mem::take(&mut relist)
                        && let Ok(now) = lc
                            .get::<DaemonSet>(Resource::DaemonSets, Some(ns), name)
                            .await
                    {
                        let Some(now) = now else {
                            until(DaemonSetEvent::Deleted)?;
                            return Ok(());
                        };
                        if until(DaemonSetEvent::Applied(&now))? {
                            return Ok(());
                        }
                    }
                    futures::pin_mut!(stream);
                    let ended = loop {
                        let Ok(next) = tokio::time::timeout(idle_limit, stream.next()).await else {
                            lc.debug(format!("watch quiet for {idle_limit:?}; reopening"));
                            break None;
                        };
                        let event = match next {
                            None => break None, // the server ended the watch (its timeout): reopen
                            Some(Err(e)) => {
                                lc.debug(format!("watch stream error: {e}"));
                                break Some(lc.watch_failure(&call, e));
                            }
                            Some(Ok(ev)) => ev,
                        };
                        match event {
                            WatchEvent::Added(obj) | WatchEvent::Modified(obj) => {
                                outage.over();
                                reauthenticated = false;
                                version = obj.metadata.resource_version.clone().unwrap_or(version);
                                if until(DaemonSetEvent::Applied(&obj))? {
                                    return Ok(());
                                }
                            }
                            WatchEvent::Deleted(_) => {
                                until(DaemonSetEvent::Deleted)?;
                                return Ok(());
                            }
                            WatchEvent::Bookmark(b) => {
                                outage.over();
                                version = b.metadata.resource_version;
                            }
                            WatchEvent::Error(s) => {
                                lc.debug(format!("watch error event {} {}", s.code, s.message));
                                break Some(lc.watch_failure(&call, kube::Error::Api(s)));
                            }
                        }
                    };
                    // A watch that stayed open a while was a working connection: what failed
                    // before it no longer counts "in a row" (a quiet DaemonSet sends no events
                    // to reset the count, and a long watch meets many dropped connections).
                    if opened.elapsed() >= STABLE {
                        outage.over();
                        reauthenticated = false;
                    }
                    ended.unwrap_or(WatchFailure::Reopen)
                }
            };
            match failure {
                WatchFailure::Reopen => {}
                WatchFailure::Unauthorized(e) if !reauthenticated && lc.refreshable() => {
                    // kubectl (client-go) runs an exec credential plugin again when the server
                    // answers 401; kube-rs only when the token is near its expirationTimestamp.
                    // A new client loads the kubeconfig's credentials again.
                    lc.debug("401 Unauthorized: loading the kubeconfig's credentials again".into());
                    lc = match lc.reconnect().await {
                        Ok(fresh) => fresh,
                        Err(_) => return Err(e),
                    };
                    api = Api::namespaced(lc.client.clone(), ns);
                    reauthenticated = true;
                    relist = true;
                }
                WatchFailure::Unauthorized(e) => return Err(e),
                WatchFailure::Fatal(e) => return Err(e),
                WatchFailure::Retry(e) => {
                    relist = true;
                    if let Some(down) = outage.failed() {
                        until(DaemonSetEvent::Lost { error: &e, down })?;
                    }
                    lc.debug(format!(
                        "retry {} in {:?}: {e}",
                        outage.failures,
                        outage.backoff()
                    ));
                }
                WatchFailure::Gone => {
                    // Not an outage: the server answers, but keeps saying the version it was
                    // just given is too old. That cannot get better by waiting.
                    outage.failures += 1;
                    if outage.failures > READ_RETRIES {
                        return Err(lc.watch_gone(&call, outage.failures));
                    }
                    // The relist: the DaemonSet as it is now, then watch from there.
                    lc.debug("watch expired (410 Gone); getting the daemonset again".into());
                    let Some(now) = self
                        .get::<DaemonSet>(Resource::DaemonSets, Some(ns), name)
                        .await?
                    else {
                        until(DaemonSetEvent::Deleted)?;
                        return Ok(());
                    };
                    version = now.metadata.resource_version.clone().unwrap_or_default();
                    if until(DaemonSetEvent::Applied(&now))? {
                        return Ok(());
                    }
                }
            }
        }
    }

    /// How to go on after `call` failed with `e`: relist on 410 Gone, retry on 429, 5xx and
    /// transport failures, stop at once on anything else (401, 403, 404, …) — with the error
    /// worded like a read's.
    fn watch_failure(&self, call: &Call<'_>, e: kube::Error) -> WatchFailure {
        match &e {
            kube::Error::Api(s) if s.code == 410 => WatchFailure::Gone,
            kube::Error::Api(s) => {
                let (code, reason, message) = (s.code, s.reason.clone(), s.message.clone());
                let retry = code == 429 || code >= 500;
                let err = self.status_words(call, code, &reason, &message, 1, Some(e));
                if code == 401 {
                    WatchFailure::Unauthorized(err)
                } else if retry {
                    WatchFailure::Retry(err)
                } else {
                    WatchFailure::Fatal(err)
                }
            }
            kube::Error::Auth(_) => WatchFailure::Fatal(self.transport_error(call, e)),
            _ => WatchFailure::Retry(self.transport_error(call, e)),
        }
    }

    /// The watch kept answering 410 Gone even right after reading the object again.
    fn watch_gone(&self, call: &Call<'_>, times: u32) -> Error {
        self.api_error(
            crate::error::ApiErrorKind::Gone,
            format!(
                "the API server {} ({}) answered 410 Gone to {} {times} times in a row, even right after reading the object again; giving up",
                self.server,
                self.context_words(),
                call.describe()
            ),
            None,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backoff_doubles_from_200_ms_to_the_cap() {
        let mut outage = Outage::default();
        let mut waits = Vec::new();
        for _ in 0..8 {
            outage.failed();
            waits.push(outage.backoff().as_millis());
        }
        assert_eq!(waits, [200, 400, 800, 1600, 3200, 5000, 5000, 5000]);
    }

    #[test]
    fn a_lost_watch_is_told_once_after_the_fourth_failure_then_its_return() {
        let mut outage = Outage::default();
        let told: Vec<bool> = (0..6).map(|_| outage.failed().is_some()).collect();
        assert_eq!(told, [false, false, false, true, false, false]);
        assert!(outage.opened().is_some(), "its return is told");
        assert!(outage.opened().is_none(), "once");
        outage.over();
        assert_eq!(outage.failures, 0);
        assert!(outage.opened().is_none(), "nothing was lost");
    }

    #[test]
    fn a_watch_that_opens_after_short_blips_says_nothing() {
        let mut outage = Outage::default();
        outage.failed();
        outage.failed();
        assert!(outage.opened().is_none());
    }
}
