//! One API call: timeout, bounded retries for reads, one attempt for writes, the `-v` request log.
//!
//! Requests go through [`kube::Client::send`] rather than kube's typed `Api`, so the real HTTP
//! status is seen (for the `-v` log and for `Retry-After`), bodies decode straight into the slim
//! types the caller asks for, and every failure becomes an [`Error`] worded in [`super::errors`].

use std::time::{Duration, Instant};

use kube::api::ListParams;
use kube::client::Body;
use serde::de::DeserializeOwned;

use super::LiveClient;
use super::errors::{Call, error_chain};
use super::stream;
use crate::error::{ApiErrorKind, Error, Result};

/// The default page size of LIST calls, kubectl's `--chunk-size` default (`--chunk-size` sets it).
pub const PAGE: u32 = 500;
/// Retries after the first attempt for 429/5xx answers to reads.
pub const READ_RETRIES: u32 = 3;
/// Longest wait between retries, whatever `Retry-After` asks for; also between two tries to
/// reopen a lost watch. Shorter than client-go's 30 s: one command's request every 5 s is no
/// load on a recovering server, and a watch sees the rollout again within 5 s of its return.
pub(super) const MAX_BACKOFF: Duration = Duration::from_secs(5);

/// The wait before the `nth` retry (from 1): 200 ms, doubling, at most [`MAX_BACKOFF`].
pub(super) fn backoff(nth: u32) -> Duration {
    Duration::from_millis(200 * 2u64.pow(nth.saturating_sub(1).min(5))).min(MAX_BACKOFF)
}

/// The resource types the live source reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resource {
    Nodes,
    Pods,
    DaemonSets,
    ControllerRevisions,
    Events,
    Namespaces,
    PriorityClasses,
    PodDisruptionBudgets,
    DeviceClasses,
}

impl Resource {
    /// `apiVersion` of the objects (written on each item by `snapshot`).
    pub fn api_version(self) -> &'static str {
        match self {
            Resource::DaemonSets | Resource::ControllerRevisions => "apps/v1",
            Resource::PriorityClasses => "scheduling.k8s.io/v1",
            Resource::PodDisruptionBudgets => "policy/v1",
            Resource::DeviceClasses => "resource.k8s.io/v1",
            _ => "v1",
        }
    }

    /// `kind` of the objects.
    pub fn kind(self) -> &'static str {
        match self {
            Resource::Nodes => "Node",
            Resource::Pods => "Pod",
            Resource::DaemonSets => "DaemonSet",
            Resource::ControllerRevisions => "ControllerRevision",
            Resource::Events => "Event",
            Resource::Namespaces => "Namespace",
            Resource::PriorityClasses => "PriorityClass",
            Resource::PodDisruptionBudgets => "PodDisruptionBudget",
            Resource::DeviceClasses => "DeviceClass",
        }
    }

    fn plural(self) -> &'static str {
        match self {
            Resource::Nodes => "nodes",
            Resource::Pods => "pods",
            Resource::DaemonSets => "daemonsets",
            Resource::ControllerRevisions => "controllerrevisions",
            Resource::Events => "events",
            Resource::Namespaces => "namespaces",
            Resource::PriorityClasses => "priorityclasses",
            Resource::PodDisruptionBudgets => "poddisruptionbudgets",
            Resource::DeviceClasses => "deviceclasses",
        }
    }

    /// The name RBAC and kubectl use: `daemonsets.apps`, `nodes`.
    pub fn display(self) -> String {
        match self.api_version().split_once('/') {
            Some((group, _)) => format!("{}.{group}", self.plural()),
            None => self.plural().to_string(),
        }
    }

    pub(super) fn namespaced(self) -> bool {
        !matches!(
            self,
            Resource::Nodes
                | Resource::Namespaces
                | Resource::PriorityClasses
                | Resource::DeviceClasses
        )
    }

    pub(super) fn collection_path(self, ns: Option<&str>) -> String {
        let base = match self.api_version() {
            "v1" => "/api/v1".to_string(),
            gv => format!("/apis/{gv}"),
        };
        match ns.filter(|_| self.namespaced()) {
            Some(ns) => format!("{base}/namespaces/{ns}/{}", self.plural()),
            None => format!("{base}/{}", self.plural()),
        }
    }
}

/// The whole body.
async fn collect(body: Body) -> std::result::Result<Vec<u8>, stream::Failure> {
    Ok(Vec::from(body.collect_bytes().await?))
}

/// A body as read: by the caller's reader (2xx), or collected (any other status).
enum Answer<B> {
    Read(B),
    Other(Vec<u8>),
}

/// What a PATCH gave back.
#[derive(Debug)]
pub enum Written {
    /// 2xx: the object as the server stored it (or would have, in a dry run).
    Applied(Vec<u8>),
    /// 409: a precondition failed (someone changed the object); the server's message.
    Conflict(String),
}

/// What an answered request gave back: `B`, the body of a 2xx answer as the caller reads it
/// (its bytes, or a LIST page decoded as it arrives).
enum Reply<B = Vec<u8>> {
    Body(B),
    NotFound,
    /// 403 on an optional call.
    Forbidden,
    /// 410: for a LIST, the `continue` token expired; the server's body.
    Gone(Vec<u8>),
}

impl LiveClient {
    /// LIST `resource` (in `ns`, or everywhere when `None`) across all pages, decoding each item
    /// as `T` (a slim type, a k8s-openapi type, or `serde_json::Value`).
    pub async fn list<T: DeserializeOwned + Send + 'static>(
        &self,
        resource: Resource,
        ns: Option<&str>,
        lp: ListParams,
    ) -> Result<Vec<T>> {
        let list = self.list_pages(resource, ns, lp, false, false).await?;
        Ok(list.unwrap_or_default())
    }

    /// Like [`Self::list`], but read from the API server's watch cache (`resourceVersion=0`, "any
    /// version"), in one response, unless `--chunk-size` was given (then as [`Self::list`]).
    ///
    /// For the pods of other workloads, which only feed the scheduler simulation: the scheduler
    /// and the DaemonSet controller decide from informer caches filled by exactly this kind of
    /// read, and an API server answers it from memory. No `limit` is sent because the watch
    /// cache ignores it for `resourceVersion=0` in every release mirrored (`shouldDelegateList`
    /// up to 1.32, `computeListLimit` from 1.33: "the limit is ignored for requests that set
    /// RV == 0"), so client-go's `resourceVersion=0&limit=500` gets one response too. A
    /// `continue` token, should a server send one anyway, is followed as a consistent read.
    pub async fn list_cached<T: DeserializeOwned + Send + 'static>(
        &self,
        resource: Resource,
        ns: Option<&str>,
        mut lp: ListParams,
    ) -> Result<Vec<T>> {
        if !self.cache_reads {
            return self.list(resource, ns, lp).await;
        }
        lp.resource_version = Some("0".into());
        let list = self.list_pages(resource, ns, lp, false, true).await?;
        Ok(list.unwrap_or_default())
    }

    /// Like [`Self::list`], but `None` when RBAC does not allow it: for optional context such as
    /// namespaces, which a namespace-scoped user often may not list. Other failures still fail.
    pub async fn list_if_allowed<T: DeserializeOwned + Send + 'static>(
        &self,
        resource: Resource,
        ns: Option<&str>,
        lp: ListParams,
    ) -> Result<Option<Vec<T>>> {
        self.list_pages(resource, ns, lp, true, false).await
    }

    /// Every page of one LIST. `cached`: `lp` asks the watch cache (`resourceVersion=0`), so no
    /// `limit` is added; a `continue` clears the resourceVersion, which the API server refuses
    /// beside a token (as client-go's pager does).
    async fn list_pages<T: DeserializeOwned + Send + 'static>(
        &self,
        resource: Resource,
        ns: Option<&str>,
        lp: ListParams,
        optional: bool,
        cached: bool,
    ) -> Result<Option<Vec<T>>> {
        let call = Call {
            optional,
            ..Call::new("list", resource, ns, None)
        };
        let path = resource.collection_path(ns);
        let mut out = Vec::new();
        let whole = lp.clone();
        let mut lp = match self.chunk_size {
            _ if cached => lp,
            0 => lp,
            n => lp.limit(n),
        };
        let mut restarted = false;
        loop {
            let req = kube::core::Request::new(&path)
                .list(&lp)
                .map_err(|e| Error::usage(format!("cannot {}: {e}", call.describe())))?;
            let uri = req.uri().to_string();
            let mut page = match self.read_with(&call, uri, stream::decode::<T>).await? {
                Reply::Body(page) => page,
                Reply::Forbidden => {
                    self.debug(format!("not allowed to {}; left out", call.describe()));
                    return Ok(None);
                }
                // The continue token expired (the list changed too much while paging): start
                // again in one unpaginated request, as client-go's pager does; once.
                Reply::Gone(_) if lp.continue_token.is_some() && !restarted => {
                    self.debug(format!(
                        "410 Gone while paging: the continue token expired; {} again in one request",
                        call.describe()
                    ));
                    out.clear();
                    restarted = true;
                    lp = whole.clone();
                    continue;
                }
                Reply::Gone(body) => return Err(self.status_error(&call, 410, &body, 1)),
                Reply::NotFound => {
                    return Err(self.api_error(
                        ApiErrorKind::NotFound,
                        format!(
                            "the API server {} ({}) does not serve {} (404 for {path}); is it a Kubernetes API server?",
                            self.server,
                            self.context_words(),
                            resource.display()
                        ),
                        None,
                    ));
                }
            };
            if out.is_empty() {
                out = page.items;
            } else {
                out.append(&mut page.items);
            }
            match page.continue_.filter(|c| !c.is_empty()) {
                Some(c) => {
                    lp = lp.continue_token(&c);
                    lp.resource_version = None;
                }
                None => return Ok(Some(out)),
            }
        }
    }

    /// GET one object; `None` when it does not exist.
    pub async fn get<T: DeserializeOwned>(
        &self,
        resource: Resource,
        ns: Option<&str>,
        name: &str,
    ) -> Result<Option<T>> {
        let call = Call::new("get", resource, ns, Some(name));
        let path = format!("{}/{name}", resource.collection_path(ns));
        match self.read(&call, path).await? {
            Reply::Body(bytes) => self.decode(&call, &bytes).map(Some),
            Reply::NotFound | Reply::Forbidden => Ok(None),
            Reply::Gone(body) => Err(self.status_error(&call, 410, &body, 1)),
        }
    }

    /// GET a discovery path (`/version`, `/apis`) once, best effort: the body, or in words why
    /// not (logged with `-v` like every request). Never retried, never a failure of the command.
    pub async fn discover<T: DeserializeOwned>(
        &self,
        path: &str,
    ) -> std::result::Result<T, String> {
        let started = Instant::now();
        let req = http::Request::get(path)
            .header(http::header::ACCEPT, "application/json")
            .body(Body::empty())
            .map_err(|e| e.to_string())?;
        let exchange = async {
            let res = self.client.send(req).await?;
            let status = res.status();
            let body = Vec::from(res.into_body().collect_bytes().await?);
            Ok::<_, kube::Error>((status, body))
        };
        let answered = match self.timeout {
            Some(limit) => tokio::time::timeout(limit, exchange)
                .await
                .map_err(|_| format!("GET {path} timed out after {limit:?}"))?,
            None => exchange.await,
        };
        let (status, body) = answered.map_err(|e| {
            let why = format!("GET {path} failed: {}", error_chain(&e));
            self.debug(why.clone());
            why
        })?;
        self.debug(format!(
            "GET {}{path} {status} in {} milliseconds",
            self.server.trim_end_matches('/'),
            started.elapsed().as_millis()
        ));
        if !status.is_success() {
            return Err(format!("GET {path}: {status}"));
        }
        serde_json::from_slice(&body).map_err(|e| format!("GET {path}: {e}"))
    }

    fn decode<T: DeserializeOwned>(&self, call: &Call<'_>, bytes: &[u8]) -> Result<T> {
        serde_json::from_slice(bytes).map_err(|e| self.decode_error(call, e))
    }

    /// Send one GET (`path_and_query` relative to the server), retrying 429/5xx with backoff.
    async fn read(&self, call: &Call<'_>, path_and_query: String) -> Result<Reply> {
        self.read_with(call, path_and_query, collect).await
    }

    /// [`Self::read`], with the body of a 2xx answer read by `success` (within the request's
    /// time limit); other answers' bodies are collected for their messages.
    async fn read_with<B, F, Fut>(
        &self,
        call: &Call<'_>,
        path_and_query: String,
        success: F,
    ) -> Result<Reply<B>>
    where
        F: Fn(Body) -> Fut,
        Fut: std::future::Future<Output = std::result::Result<B, stream::Failure>>,
    {
        let mut attempt = 0;
        loop {
            attempt += 1;
            let started = Instant::now();
            let req = http::Request::get(path_and_query.as_str())
                .header(http::header::ACCEPT, "application/json")
                .body(Body::empty())
                .map_err(|e| Error::usage(format!("cannot {}: {e}", call.describe())))?;
            let exchange = async {
                let res = self.client.send(req).await?;
                let status = res.status();
                let retry_after = res
                    .headers()
                    .get(http::header::RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse::<u64>().ok());
                if status.is_success() {
                    let read = success(res.into_body()).await?;
                    return Ok((status, retry_after, Answer::Read(read)));
                }
                let body = collect(res.into_body()).await?;
                Ok::<_, stream::Failure>((status, retry_after, Answer::Other(body)))
            };
            let answered = match self.timeout {
                Some(limit) => match tokio::time::timeout(limit, exchange).await {
                    Ok(r) => r,
                    Err(_) => {
                        self.debug(format!("GET {path_and_query} timed out after {limit:?}"));
                        return Err(self.timed_out(call, limit));
                    }
                },
                None => exchange.await,
            };
            let (status, retry_after, body) = match answered {
                Ok(x) => x,
                Err(stream::Failure::Transport(e)) => {
                    self.debug(format!("GET {path_and_query} failed: {}", error_chain(&e)));
                    return Err(self.transport_error(call, e));
                }
                Err(stream::Failure::Decode(e)) => {
                    self.debug(format!("GET {path_and_query}: undecodable answer: {e}"));
                    return Err(self.decode_error(call, e));
                }
            };
            self.debug(format!(
                "GET {}{} {} in {} milliseconds",
                self.server.trim_end_matches('/'),
                path_and_query.replacen("?&", "?", 1),
                status,
                started.elapsed().as_millis()
            ));
            let code = status.as_u16();
            let body = match body {
                Answer::Read(read) => return Ok(Reply::Body(read)),
                Answer::Other(body) => body,
            };
            if code == 404 {
                return Ok(Reply::NotFound);
            }
            if code == 410 {
                return Ok(Reply::Gone(body));
            }
            if code == 403 && call.optional {
                return Ok(Reply::Forbidden);
            }
            if (code == 429 || status.is_server_error()) && attempt <= READ_RETRIES {
                let wait = retry_after
                    .map(|s| Duration::from_secs(s).min(MAX_BACKOFF))
                    .unwrap_or_else(|| backoff(attempt));
                self.debug(format!(
                    "{code} for {}: retry {attempt} of {READ_RETRIES} in {wait:?}",
                    call.describe()
                ));
                tokio::time::sleep(wait).await;
                continue;
            }
            return Err(self.status_error(call, code, &body, attempt));
        }
    }

    /// PATCH one object, once: writes are never retried (a retried write can apply twice, or
    /// overwrite a change made in between). A 409 (the resourceVersion precondition failed) comes
    /// back as [`Written::Conflict`] for the caller to word; every other failure is an [`Error`]
    /// that says whether anything was applied.
    pub async fn patch(
        &self,
        resource: Resource,
        ns: &str,
        name: &str,
        patch: &kube::api::Patch<serde_json::Value>,
        dry_run: bool,
    ) -> Result<Written> {
        let call = Call::new("patch", resource, Some(ns), Some(name));
        let params = kube::api::PatchParams {
            dry_run,
            ..Default::default()
        };
        let req = kube::core::Request::new(resource.collection_path(Some(ns)))
            .patch(name, &params, patch)
            .map_err(|e| Error::usage(format!("cannot {}: {e}", call.describe())))?;
        let uri = format!(
            "{}{}",
            self.server.trim_end_matches('/'),
            req.uri().to_string().trim_end_matches('?')
        );
        let started = Instant::now();
        let exchange = async {
            let res = self.client.send(req.map(Body::from)).await?;
            let status = res.status();
            let body = Vec::from(res.into_body().collect_bytes().await?);
            Ok::<_, kube::Error>((status, body))
        };
        let answered = match self.timeout {
            Some(limit) => match tokio::time::timeout(limit, exchange).await {
                Ok(r) => r,
                Err(_) => {
                    self.debug(format!("PATCH {uri} timed out after {limit:?}"));
                    return Err(self.timed_out(&call, limit));
                }
            },
            None => exchange.await,
        };
        let (status, body) = match answered {
            Ok(x) => x,
            Err(e) => {
                self.debug(format!("PATCH {uri} failed: {}", error_chain(&e)));
                return Err(self.transport_error(&call, e));
            }
        };
        self.debug(format!(
            "PATCH {uri} {} in {} milliseconds",
            status,
            started.elapsed().as_millis()
        ));
        match status.as_u16() {
            200..=299 => Ok(Written::Applied(body)),
            409 => {
                let status: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
                let message = status["message"].as_str().unwrap_or("conflict").to_string();
                Ok(Written::Conflict(self.scrub(message)))
            }
            404 => Err(Error::not_found(self.scrub(format!(
                "{} \"{name}\" not found in namespace \"{ns}\": it was deleted after it was read; nothing was applied",
                resource.display()
            )))),
            code => Err(self.status_error(&call, code, &body, 1)),
        }
    }

    /// `-v` debug line on stderr (method, URL, status, time; never headers or bodies).
    pub fn debug(&self, line: String) {
        if self.private.verbose && self.private.spec.fleet {
            eprintln!("[kubectl-ds {}] {}", self.context, self.scrub(line));
        } else if self.private.verbose {
            eprintln!("[kubectl-ds] {}", self.scrub(line));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_names_match_the_api() {
        assert_eq!(
            Resource::DaemonSets.collection_path(Some("kube-system")),
            "/apis/apps/v1/namespaces/kube-system/daemonsets"
        );
        assert_eq!(Resource::Pods.collection_path(None), "/api/v1/pods");
        assert_eq!(Resource::Nodes.collection_path(Some("x")), "/api/v1/nodes");
        assert_eq!(Resource::DaemonSets.display(), "daemonsets.apps");
        assert_eq!(Resource::Events.display(), "events");
    }
}
