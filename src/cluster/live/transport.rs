//! One API read: timeout, bounded retries, `-v` request log, and failures worded for operators.
//!
//! Requests go through [`kube::Client::send`] rather than kube's typed `Api`, so the real HTTP
//! status is seen (for the `-v` log and for `Retry-After`), bodies decode straight into the slim
//! types the caller asks for, and every failure is turned into an [`Error`] that says what was
//! attempted, against which server and context, and what to do next — scrubbed of every credential
//! the kubeconfig holds.

use std::time::{Duration, Instant};

use kube::api::ListParams;
use kube::client::Body;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::LiveClient;
use crate::error::{Error, Result};

/// Page size for LIST calls (kubectl uses 500 too).
pub const PAGE: u32 = 500;
/// Retries after the first attempt for 429/5xx answers to reads.
pub const READ_RETRIES: u32 = 3;
/// Longest wait between retries, whatever `Retry-After` asks for.
const MAX_BACKOFF: Duration = Duration::from_secs(5);

/// The resource types the live source reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resource {
    Nodes,
    Pods,
    DaemonSets,
    ControllerRevisions,
    Events,
    Namespaces,
}

impl Resource {
    /// `apiVersion` of the objects (written on each item by `snapshot`).
    pub fn api_version(self) -> &'static str {
        match self {
            Resource::DaemonSets | Resource::ControllerRevisions => "apps/v1",
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
        }
    }

    /// The name RBAC and kubectl use: `daemonsets.apps`, `nodes`.
    pub fn display(self) -> String {
        match self.api_version().split_once('/') {
            Some((group, _)) => format!("{}.{group}", self.plural()),
            None => self.plural().to_string(),
        }
    }

    fn namespaced(self) -> bool {
        !matches!(self, Resource::Nodes | Resource::Namespaces)
    }

    fn collection_path(self, ns: Option<&str>) -> String {
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

/// One read, as words for logs and messages.
struct Call<'a> {
    verb: &'static str,
    resource: Resource,
    namespace: Option<&'a str>,
    name: Option<&'a str>,
    /// A 403 is an answer ("not allowed to see these"), not a failure.
    optional: bool,
}

impl<'a> Call<'a> {
    /// A watch of `resource` (in `ns`).
    fn watch(resource: Resource, namespace: Option<&'a str>) -> Self {
        Call {
            verb: "watch",
            resource,
            namespace,
            name: None,
            optional: false,
        }
    }

    fn is_write(&self) -> bool {
        !matches!(self.verb, "get" | "list" | "watch")
    }

    fn scope(&self) -> String {
        match (self.resource.namespaced(), self.namespace) {
            (false, _) => "(cluster-scoped)".to_string(),
            (true, Some(ns)) => format!("in namespace \"{ns}\""),
            (true, None) => "in all namespaces".to_string(),
        }
    }

    fn describe(&self) -> String {
        match self.name {
            Some(n) => format!(
                "{} {} \"{n}\" {}",
                self.verb,
                self.resource.display(),
                self.scope()
            ),
            None => format!("{} {} {}", self.verb, self.resource.display(), self.scope()),
        }
    }

    /// The `kubectl auth can-i` line that checks the same permission.
    fn can_i(&self) -> String {
        let scope = match (self.resource.namespaced(), self.namespace) {
            (false, _) => String::new(),
            (true, Some(ns)) => format!(" -n {ns}"),
            (true, None) => " -A".to_string(),
        };
        format!(
            "kubectl auth can-i {} {}{scope}",
            self.verb,
            self.resource.display()
        )
    }
}

#[derive(Deserialize)]
#[serde(bound = "T: DeserializeOwned")]
struct Page<T> {
    #[serde(default)]
    items: Vec<T>,
    #[serde(default)]
    metadata: PageMeta,
}

#[derive(Deserialize, Default)]
struct PageMeta {
    #[serde(rename = "continue", default)]
    continue_: Option<String>,
}

/// What a PATCH gave back.
#[derive(Debug)]
pub enum Written {
    /// 2xx: the object as the server stored it (or would have, in a dry run).
    Applied(Vec<u8>),
    /// 409: a precondition failed (someone changed the object); the server's message.
    Conflict(String),
}

/// What to do after a watch failed (see [`LiveClient::watch_failure`]).
#[derive(Debug)]
pub enum WatchFailure {
    /// 410 Gone: the resourceVersion is too old; list (GET) again and watch from there.
    Gone,
    /// Worth another try (429, 5xx, transport); the error to report when the tries run out.
    Retry(Error),
    /// Retrying cannot help (401, 403, 404, …).
    Fatal(Error),
    /// Not a failure: the server ended the watch (its timeout) or it went quiet; open it again.
    Reopen,
}

/// What an answered request gave back.
enum Reply {
    Body(Vec<u8>),
    NotFound,
    /// 403 on an optional call.
    Forbidden,
    /// 410: for a LIST, the `continue` token expired; the server's body.
    Gone(Vec<u8>),
}

impl LiveClient {
    /// LIST `resource` (in `ns`, or everywhere when `None`) across all pages, decoding each item
    /// as `T` (a slim type, a k8s-openapi type, or `serde_json::Value`).
    pub async fn list<T: DeserializeOwned>(
        &self,
        resource: Resource,
        ns: Option<&str>,
        lp: ListParams,
    ) -> Result<Vec<T>> {
        let list = self.list_pages(resource, ns, lp, false).await?;
        Ok(list.unwrap_or_default())
    }

    /// Like [`Self::list`], but `None` when RBAC does not allow it: for optional context such as
    /// namespaces, which a namespace-scoped user often may not list. Other failures still fail.
    pub async fn list_if_allowed<T: DeserializeOwned>(
        &self,
        resource: Resource,
        ns: Option<&str>,
        lp: ListParams,
    ) -> Result<Option<Vec<T>>> {
        self.list_pages(resource, ns, lp, true).await
    }

    async fn list_pages<T: DeserializeOwned>(
        &self,
        resource: Resource,
        ns: Option<&str>,
        lp: ListParams,
        optional: bool,
    ) -> Result<Option<Vec<T>>> {
        let call = Call {
            verb: "list",
            resource,
            namespace: ns,
            name: None,
            optional,
        };
        let path = resource.collection_path(ns);
        let mut out = Vec::new();
        let whole = lp.clone();
        let mut lp = lp.limit(PAGE);
        let mut restarted = false;
        loop {
            let req = kube::core::Request::new(&path)
                .list(&lp)
                .map_err(|e| Error::usage(format!("cannot {}: {e}", call.describe())))?;
            let bytes = match self.read(&call, req.uri().to_string()).await? {
                Reply::Body(bytes) => bytes,
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
                    return Err(self.fail(format!(
                        "the API server {} ({}) does not serve {} (404 for {path}); is it a Kubernetes API server?",
                        self.server,
                        self.context_words(),
                        resource.display()
                    )));
                }
            };
            let page: Page<T> = self.decode(&call, &bytes)?;
            out.extend(page.items);
            match page.metadata.continue_.filter(|c| !c.is_empty()) {
                Some(c) => lp = lp.continue_token(&c),
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
        let call = Call {
            verb: "get",
            resource,
            namespace: ns,
            name: Some(name),
            optional: false,
        };
        let path = format!("{}/{name}", resource.collection_path(ns));
        match self.read(&call, path).await? {
            Reply::Body(bytes) => self.decode(&call, &bytes).map(Some),
            Reply::NotFound | Reply::Forbidden => Ok(None),
            Reply::Gone(body) => Err(self.status_error(&call, 410, &body, 1)),
        }
    }

    fn decode<T: DeserializeOwned>(&self, call: &Call<'_>, bytes: &[u8]) -> Result<T> {
        serde_json::from_slice(bytes).map_err(|e| {
            self.fail(format!(
                "cannot decode the answer of {} ({}) to {}: {e}",
                self.server,
                self.context_words(),
                call.describe()
            ))
        })
    }

    /// Send one GET (`path_and_query` relative to the server), retrying 429/5xx with backoff.
    async fn read(&self, call: &Call<'_>, path_and_query: String) -> Result<Reply> {
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
                let body = Vec::from(res.into_body().collect_bytes().await?);
                Ok::<_, kube::Error>((status, retry_after, body))
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
                Err(e) => {
                    self.debug(format!("GET {path_and_query} failed: {}", error_chain(&e)));
                    return Err(self.transport_error(call, &e));
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
            if status.is_success() {
                return Ok(Reply::Body(body));
            }
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
                    .map(Duration::from_secs)
                    .unwrap_or(Duration::from_millis(200 * 2u64.pow(attempt - 1)))
                    .min(MAX_BACKOFF);
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
        let call = Call {
            verb: "patch",
            resource,
            namespace: Some(ns),
            name: Some(name),
            optional: false,
        };
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
                return Err(self.transport_error(&call, &e));
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

    /// How to go on after a watch of `resource` (in `ns`) failed with `e`: relist on 410 Gone,
    /// retry (a bounded number of times, the caller counts) on 429, 5xx and transport failures,
    /// stop at once on anything else (401, 403, 404, …) — with the error worded like a read's.
    pub fn watch_failure(
        &self,
        resource: Resource,
        ns: Option<&str>,
        e: &kube::Error,
    ) -> WatchFailure {
        let call = Call::watch(resource, ns);
        match e {
            kube::Error::Api(s) if s.code == 410 => WatchFailure::Gone,
            kube::Error::Api(s) => {
                let err = self.status_words(&call, s.code, &s.reason, &s.message, READ_RETRIES + 1);
                if s.code == 429 || s.code >= 500 {
                    WatchFailure::Retry(err)
                } else {
                    WatchFailure::Fatal(err)
                }
            }
            kube::Error::Auth(_) => WatchFailure::Fatal(self.transport_error(&call, e)),
            _ => WatchFailure::Retry(self.transport_error(&call, e)),
        }
    }

    /// Opening a watch of `resource` (in `ns`) got no answer within `limit`.
    pub fn watch_timed_out(&self, resource: Resource, ns: Option<&str>, limit: Duration) -> Error {
        let call = Call::watch(resource, ns);
        self.timed_out(&call, limit)
    }

    /// The watch kept answering 410 Gone even right after listing again.
    pub fn watch_gone(&self, resource: Resource, ns: Option<&str>, times: u32) -> Error {
        let call = Call::watch(resource, ns);
        self.fail(format!(
            "the API server {} ({}) answered 410 Gone to {} {times} times in a row, even right after reading the object again; giving up",
            self.server,
            self.context_words(),
            call.describe()
        ))
    }

    fn context_words(&self) -> String {
        format!("context \"{}\"", self.context)
    }

    fn timed_out(&self, call: &Call<'_>, limit: Duration) -> Error {
        let sent = if call.is_write() {
            "; the request was sent and may or may not have been applied: look at the object before running the command again"
        } else {
            ""
        };
        self.fail(format!(
            "no answer from the API server {} ({}) within {limit:?} to {}{sent}; raise --request-timeout (0 = no limit) if the server is just slow",
            self.server,
            self.context_words(),
            call.describe()
        ))
    }

    fn status_error(&self, call: &Call<'_>, code: u16, body: &[u8], attempts: u32) -> Error {
        let status: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
        let message = status["message"]
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| String::from_utf8_lossy(&body[..body.len().min(200)]).into_owned());
        let reason = status["reason"].as_str().unwrap_or("");
        self.status_words(call, code, reason, &message, attempts)
    }

    /// A non-success answer as an operator-facing error: who was refused what, where, and what to
    /// do. Writes say whether anything was applied; a write refused as invalid is exit 1.
    fn status_words(
        &self,
        call: &Call<'_>,
        code: u16,
        reason: &str,
        message: &str,
        attempts: u32,
    ) -> Error {
        let at = format!("{} ({})", self.server, self.context_words());
        let user = self.user();
        let write = call.is_write();
        let applied = if write { "; nothing was applied" } else { "" };
        let msg = match code {
            401 => format!(
                "the API server {at} rejected the credentials of user \"{user}\" (401 Unauthorized) when trying to {}{applied}; the token or client certificate is missing, expired or revoked: log in again or refresh the kubeconfig",
                call.describe()
            ),
            403 => format!(
                "forbidden: RBAC does not allow user \"{user}\" ({}) to {} (403 Forbidden at {}): {message}{applied}; check with `{}`",
                self.context_words(),
                call.describe(),
                self.server,
                call.can_i()
            ),
            410 if call.verb == "list" => format!(
                "the API server {at} answered 410 Gone to {}: {message}; the list changed too much while it was read: run the command again",
                call.describe()
            ),
            429 | 500..=599 if write => format!(
                "the API server {at} answered {code} {reason} to {}: {message}; writes are not retried, and it may or may not have been applied: look at the object before running the command again",
                call.describe()
            ),
            429 | 500..=599 => format!(
                "the API server {at} answered {code} {reason} to {} {attempts} times, giving up: {message}",
                call.describe()
            ),
            _ if write => {
                return Error::Refused(self.scrub(format!(
                    "the API server {at} refused to {}: {code} {reason}: {message}; nothing was applied",
                    call.describe()
                )));
            }
            _ => format!(
                "the API server {at} refused to {}: {code} {reason}: {message}",
                call.describe()
            ),
        };
        self.fail(msg)
    }

    fn transport_error(&self, call: &Call<'_>, e: &kube::Error) -> Error {
        let chain = error_chain(e);
        let low = chain.to_lowercase();
        let at = format!("{} ({})", self.server, self.context_words());
        let msg = if let kube::Error::Auth(_) = e {
            format!(
                "cannot get credentials for user \"{}\" ({}): {chain}",
                self.user(),
                self.context_words()
            )
        } else if has_io_kind(e, std::io::ErrorKind::ConnectionRefused)
            || low.contains("connection refused")
        {
            format!(
                "cannot connect to the API server {at}: connection refused; is the cluster up and the server address in the kubeconfig right?"
            )
        } else if low.contains("dns error")
            || low.contains("failed to lookup address")
            || low.contains("name or service not known")
            || low.contains("no such host")
        {
            format!(
                "cannot resolve the host of the API server {at}: {chain}; check the server address in the kubeconfig, DNS and VPN"
            )
        } else if [
            "certificate",
            "tls",
            "handshake",
            "corrupt message",
            "alert",
        ]
        .iter()
        .any(|w| low.contains(w))
        {
            format!(
                "TLS with the API server {at} failed: {chain}; check the cluster's certificate-authority in the kubeconfig"
            )
        } else if has_io_kind(e, std::io::ErrorKind::TimedOut) || low.contains("timed out") {
            return self.timed_out(call, self.timeout.unwrap_or(super::DEFAULT_CONNECT_TIMEOUT));
        } else {
            format!(
                "cannot reach the API server {at} to {}: {chain}",
                call.describe()
            )
        };
        self.fail(msg)
    }

    /// A cluster error, scrubbed of every credential in the kubeconfig.
    pub(super) fn fail(&self, msg: String) -> Error {
        Error::cluster(self.scrub(msg))
    }

    /// Replace every kubeconfig credential in `text` (for messages built outside this module).
    pub fn scrub(&self, mut text: String) -> String {
        for s in &self.private.secrets {
            if text.contains(s.as_str()) {
                text = text.replace(s.as_str(), "<redacted>");
            }
        }
        text
    }

    /// `-v` debug line on stderr (method, URL, status, time; never headers or bodies).
    pub fn debug(&self, line: String) {
        if self.private.verbose {
            eprintln!("[kubectl-ds] {}", self.scrub(line));
        }
    }
}

fn has_io_kind(e: &(dyn std::error::Error + 'static), kind: std::io::ErrorKind) -> bool {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        if let Some(io) = err.downcast_ref::<std::io::Error>()
            && io.kind() == kind
        {
            return true;
        }
        cur = err.source();
    }
    false
}

/// An error and its causes on one line, without repeating a cause already in the text.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(inner) = src {
        let t = inner.to_string();
        if !s.contains(&t) {
            s.push_str(": ");
            s.push_str(&t);
        }
        src = inner.source();
    }
    s
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

    #[test]
    fn calls_are_described_with_scope_and_can_i() {
        let c = Call {
            verb: "list",
            resource: Resource::ControllerRevisions,
            namespace: Some("logging"),
            name: None,
            optional: false,
        };
        assert_eq!(
            c.describe(),
            "list controllerrevisions.apps in namespace \"logging\""
        );
        assert_eq!(
            c.can_i(),
            "kubectl auth can-i list controllerrevisions.apps -n logging"
        );
        let n = Call {
            verb: "get",
            resource: Resource::Nodes,
            namespace: None,
            name: Some("n1"),
            optional: false,
        };
        assert_eq!(n.describe(), "get nodes \"n1\" (cluster-scoped)");
        assert_eq!(n.can_i(), "kubectl auth can-i get nodes");
    }
}
