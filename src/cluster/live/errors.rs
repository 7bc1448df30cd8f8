//! Failures of API calls worded for operators: what was attempted ([`Call`]), against which
//! server and context, and what to do next — typed by cause ([`ApiErrorKind`]) and scrubbed of
//! every credential the kubeconfig holds.

use std::time::Duration;

use super::LiveClient;
use super::transport::Resource;
use crate::error::{ApiErrorKind, Error};

/// One call, as words for logs and messages.
pub(super) struct Call<'a> {
    pub verb: &'static str,
    pub resource: Resource,
    pub namespace: Option<&'a str>,
    pub name: Option<&'a str>,
    /// A 403 is an answer ("not allowed to see these"), not a failure.
    pub optional: bool,
}

impl<'a> Call<'a> {
    /// A call of `verb` on `resource` (in `namespace`), named when `name` is given.
    pub fn new(
        verb: &'static str,
        resource: Resource,
        namespace: Option<&'a str>,
        name: Option<&'a str>,
    ) -> Self {
        Call {
            verb,
            resource,
            namespace,
            name,
            optional: false,
        }
    }

    pub fn is_write(&self) -> bool {
        !matches!(self.verb, "get" | "list" | "watch")
    }

    fn scope(&self) -> String {
        match (self.resource.namespaced(), self.namespace) {
            (false, _) => "(cluster-scoped)".to_string(),
            (true, Some(ns)) => format!("in namespace \"{ns}\""),
            (true, None) => "in all namespaces".to_string(),
        }
    }

    pub fn describe(&self) -> String {
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

impl LiveClient {
    pub(super) fn context_words(&self) -> String {
        format!("context \"{}\"", self.context)
    }

    /// `call` got no answer within `limit`; a write may have been applied all the same.
    pub(super) fn timed_out(&self, call: &Call<'_>, limit: Duration) -> Error {
        let sent = if call.is_write() {
            "; the request was sent and may or may not have been applied: look at the object before running the command again"
        } else {
            ""
        };
        self.api_error(
            ApiErrorKind::Timeout,
            format!(
                "no answer from the API server {} ({}) within {limit:?} to {}{sent}; raise --request-timeout (0 = no limit) if the server is just slow",
                self.server,
                self.context_words(),
                call.describe()
            ),
            None,
        )
    }

    /// A non-success answer whose body is a `Status` (or anything, quoted in part).
    pub(super) fn status_error(
        &self,
        call: &Call<'_>,
        code: u16,
        body: &[u8],
        attempts: u32,
    ) -> Error {
        let status: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
        let message = status["message"]
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| String::from_utf8_lossy(&body[..body.len().min(200)]).into_owned());
        let reason = status["reason"].as_str().unwrap_or("");
        self.status_words(call, code, reason, &message, attempts, None)
    }

    /// A non-success answer as an operator-facing error: who was refused what, where, and what to
    /// do. Writes say whether anything was applied; a write refused as invalid is exit 1.
    pub(super) fn status_words(
        &self,
        call: &Call<'_>,
        code: u16,
        reason: &str,
        message: &str,
        attempts: u32,
        source: Option<kube::Error>,
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
            429 | 500..=599 if attempts <= 1 => format!(
                "the API server {at} answered {code} {reason} to {}: {message}",
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
        self.api_error(ApiErrorKind::from_status(code), msg, source)
    }

    /// The request never got an answer: credentials, connection, DNS, TLS, timeout.
    pub(super) fn transport_error(&self, call: &Call<'_>, e: kube::Error) -> Error {
        let chain = error_chain(&e);
        let low = chain.to_lowercase();
        let at = format!("{} ({})", self.server, self.context_words());
        let (kind, msg) = if let kube::Error::Auth(_) = e {
            // A credential plugin's text may hold a secret: words only, no source.
            let msg = format!(
                "cannot get credentials for user \"{}\" ({}): {chain}",
                self.user(),
                self.context_words()
            );
            return self.api_error(ApiErrorKind::Credentials, msg, None);
        } else if has_io_kind(&e, std::io::ErrorKind::ConnectionRefused)
            || low.contains("connection refused")
        {
            (
                ApiErrorKind::Unreachable,
                format!(
                    "cannot connect to the API server {at}: connection refused; is the cluster up and the server address in the kubeconfig right?"
                ),
            )
        } else if low.contains("dns error")
            || low.contains("failed to lookup address")
            || low.contains("name or service not known")
            || low.contains("no such host")
        {
            (
                ApiErrorKind::Unreachable,
                format!(
                    "cannot resolve the host of the API server {at}: {chain}; check the server address in the kubeconfig, DNS and VPN"
                ),
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
            (
                ApiErrorKind::Tls,
                format!(
                    "TLS with the API server {at} failed: {chain}; check the cluster's certificate-authority in the kubeconfig"
                ),
            )
        } else if low.contains("error reading a body") {
            // Answered, then cut off: the server was reached, the answer is incomplete.
            (
                ApiErrorKind::Unreachable,
                format!(
                    "the connection to the API server {at} broke while the answer to {} was read: {chain}; run the command again",
                    call.describe()
                ),
            )
        } else if has_io_kind(&e, std::io::ErrorKind::TimedOut) || low.contains("timed out") {
            return self.timed_out(call, self.timeout.unwrap_or(super::DEFAULT_CONNECT_TIMEOUT));
        } else {
            (
                ApiErrorKind::Unreachable,
                format!(
                    "cannot reach the API server {at} to {}: {chain}",
                    call.describe()
                ),
            )
        };
        self.api_error(kind, msg, Some(e))
    }

    /// The answer to `call` did not decode.
    pub(super) fn decode_error(&self, call: &Call<'_>, e: serde_json::Error) -> Error {
        self.api_error(
            ApiErrorKind::Decode,
            format!(
                "cannot decode the answer of {} ({}) to {}: {e}",
                self.server,
                self.context_words(),
                call.describe()
            ),
            None,
        )
    }

    /// An API failure, its message scrubbed of every credential in the kubeconfig.
    pub(super) fn api_error(
        &self,
        kind: ApiErrorKind,
        message: String,
        source: Option<kube::Error>,
    ) -> Error {
        Error::Api {
            kind,
            message: self.scrub(message),
            source: source.map(Box::new),
        }
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
pub(super) fn error_chain(e: &dyn std::error::Error) -> String {
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
    fn calls_are_described_with_scope_and_can_i() {
        let c = Call::new("list", Resource::ControllerRevisions, Some("logging"), None);
        assert_eq!(
            c.describe(),
            "list controllerrevisions.apps in namespace \"logging\""
        );
        assert_eq!(
            c.can_i(),
            "kubectl auth can-i list controllerrevisions.apps -n logging"
        );
        let n = Call::new("get", Resource::Nodes, None, Some("n1"));
        assert_eq!(n.describe(), "get nodes \"n1\" (cluster-scoped)");
        assert_eq!(n.can_i(), "kubectl auth can-i get nodes");
    }
}
