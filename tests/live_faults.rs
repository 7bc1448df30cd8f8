//! Live path, when the API misbehaves: every failure exits 3 with words an operator can act on
//! (what was attempted, against which server and context, what to do), reads are retried on
//! 429/5xx a bounded number of times, slow servers are cut off, and no credential ever shows.

use std::time::{Duration, Instant};

use crate::support::{FAKEAPI_TOKEN, FakeApi, UntrustedTls, example, free_port, write_kubeconfig};
use crate::util::kubectl_ds;
use predicates::prelude::*;

fn demo() -> FakeApi {
    FakeApi::start(&example("demo-cluster.yaml"))
}

/// Run `args` against `api`'s kubeconfig with `-v`; return (exit code, stderr).
fn run(api: &FakeApi, args: &[&str]) -> (i32, String) {
    let run = kubectl_ds()
        .args(args)
        .args(["-v", "--kubeconfig"])
        .arg(&api.kubeconfig)
        .run();
    let stderr = run.stderr;
    assert!(!stderr.contains(FAKEAPI_TOKEN), "token leaked: {stderr}");
    assert!(!stderr.contains("Bearer"), "auth header leaked: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    (run.code, stderr)
}

fn count(api: &FakeApi, path: &str) -> usize {
    api.requests().iter().filter(|r| r["path"] == path).count()
}

#[test]
fn unauthorized_names_the_user_and_context() {
    let api = demo();
    api.fault(
        "GET",
        "^/apis/apps/v1/namespaces/logging/daemonsets/fluentd$",
        401,
        1,
        0.0,
    );
    let (code, err) = run(&api, &["explain-placement", "logging/fluentd"]);
    assert_eq!(code, 3);
    assert!(
        err.contains("rejected the credentials of user \"rig\""),
        "{err}"
    );
    assert!(err.contains("context \"rig\""), "{err}");
    assert!(err.contains(&api.url()), "{err}");
    assert_eq!(
        count(&api, "/apis/apps/v1/namespaces/logging/daemonsets/fluentd"),
        1,
        "401 is not retried"
    );
}

#[test]
fn forbidden_names_verb_resource_and_namespace() {
    let api = demo();
    api.fault("GET", "^/api/v1/pods$", 403, 1, 0.0);
    let (code, err) = run(&api, &["why-not", "worker-1"]);
    assert_eq!(code, 3);
    assert!(err.contains("RBAC does not allow user \"rig\""), "{err}");
    assert!(err.contains("list pods in all namespaces"), "{err}");
    assert!(err.contains("kubectl auth can-i list pods -A"), "{err}");

    api.fault(
        "GET",
        "^/apis/apps/v1/namespaces/logging/controllerrevisions$",
        403,
        1,
        0.0,
    );
    let (code, err) = run(&api, &["explain-placement", "logging/fluentd"]);
    assert_eq!(code, 3);
    assert!(
        err.contains("list controllerrevisions.apps in namespace \"logging\""),
        "{err}"
    );
    assert!(err.contains("-n logging"), "{err}");
}

#[test]
fn not_found_names_the_object_and_close_names() {
    let api = demo();
    let (code, err) = run(&api, &["explain-placement", "logging/fluentbit"]);
    assert_eq!(code, 3);
    assert!(
        err.contains("daemonsets.apps \"fluentbit\" not found in namespace \"logging\""),
        "{err}"
    );
    assert!(err.contains("did you mean fluentd"), "{err}");
    let (code, err) = run(&api, &["why-not", "worker-9"]);
    assert_eq!(code, 3);
    assert!(
        err.contains("nodes \"worker-9\" not found; did you mean worker-1"),
        "{err}"
    );
}

#[test]
fn server_errors_are_retried_three_times_then_reported() {
    let api = demo();
    api.fault("GET", "^/api/v1/nodes/worker-1$", 500, 10, 0.0);
    let started = Instant::now();
    let (code, err) = run(&api, &["why-not", "worker-1"]);
    assert_eq!(code, 3);
    assert!(err.contains("answered 500"), "{err}");
    assert!(err.contains("4 times"), "{err}");
    assert_eq!(
        count(&api, "/api/v1/nodes/worker-1"),
        4,
        "1 try + 3 retries"
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "backoff is bounded"
    );
}

#[test]
fn transient_errors_and_throttling_recover() {
    let api = demo();
    api.fault("GET", "^/api/v1/nodes$", 503, 2, 0.0);
    api.fault(
        "GET",
        "^/apis/apps/v1/namespaces/logging/controllerrevisions$",
        429,
        1,
        0.0,
    );
    let (code, err) = run(
        &api,
        &["explain-placement", "logging/fluentd", "-o", "json"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(count(&api, "/api/v1/nodes"), 3);
    assert_eq!(
        count(&api, "/apis/apps/v1/namespaces/logging/controllerrevisions"),
        2
    );
    assert!(
        err.contains("503 Service Unavailable"),
        "-v shows the status: {err}"
    );
}

#[test]
fn slow_server_is_cut_off_by_request_timeout() {
    let api = demo();
    api.fault("GET", "^/api/v1/nodes/worker-1$", 0, 5, 5.0);
    let started = Instant::now();
    let (code, err) = run(&api, &["why-not", "worker-1", "--request-timeout", "1s"]);
    assert_eq!(code, 3);
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    assert!(err.contains("no answer from the API server"), "{err}");
    assert!(err.contains("within 1s"), "{err}");
    assert!(err.contains("--request-timeout"), "{err}");
    assert!(err.contains("context \"rig\""), "{err}");
}

#[test]
fn request_timeout_zero_waits_for_a_slow_server() {
    let api = demo();
    api.fault("GET", "^/api/v1/nodes/worker-1$", 0, 1, 1.5);
    let (code, err) = run(
        &api,
        &[
            "why-not",
            "worker-1",
            "--request-timeout",
            "0",
            "-o",
            "json",
        ],
    );
    assert_eq!(code, 0, "{err}");
}

#[test]
fn connection_refused_names_the_server_and_context() {
    let dir = tempfile::tempdir().unwrap();
    let server = format!("http://127.0.0.1:{}", free_port());
    let kc = write_kubeconfig(
        &dir.path().join("kc"),
        &server,
        "s3cr3t-token-value",
        &[("dead", None)],
        Some("dead"),
    );
    kubectl_ds()
        .args(["why-not", "n1", "--kubeconfig"])
        .arg(&kc)
        .assert()
        .code(3)
        .stderr(
            predicate::str::contains(&server)
                .and(predicate::str::contains("context \"dead\""))
                .and(predicate::str::contains("connection refused"))
                .and(predicate::str::contains("s3cr3t").not()),
        );
}

#[test]
fn unresolvable_host_names_the_server_and_context() {
    let dir = tempfile::tempdir().unwrap();
    let server = "https://api.kubectl-ds-test.invalid:6443";
    let kc = write_kubeconfig(
        &dir.path().join("kc"),
        server,
        "s3cr3t-token-value",
        &[("gone", None)],
        Some("gone"),
    );
    kubectl_ds()
        .args(["why-not", "n1", "--request-timeout", "10s", "--kubeconfig"])
        .arg(&kc)
        .assert()
        .code(3)
        .stderr(
            predicate::str::contains("cannot resolve the host")
                .and(predicate::str::contains(server))
                .and(predicate::str::contains("context \"gone\""))
                .and(predicate::str::contains("s3cr3t").not()),
        );
}

#[test]
fn untrusted_certificate_names_the_server_and_context() {
    let tls = UntrustedTls::start();
    let dir = tempfile::tempdir().unwrap();
    let server = format!("https://127.0.0.1:{}", tls.port);
    let kc = write_kubeconfig(
        &dir.path().join("kc"),
        &server,
        "s3cr3t-token-value",
        &[("tls", None)],
        Some("tls"),
    );
    kubectl_ds()
        .args(["why-not", "n1", "--kubeconfig"])
        .arg(&kc)
        .assert()
        .code(3)
        .stderr(
            predicate::str::contains("TLS with the API server")
                .and(predicate::str::contains(&server))
                .and(predicate::str::contains("context \"tls\""))
                .and(predicate::str::contains("certificate-authority"))
                .and(predicate::str::contains("s3cr3t").not()),
        );
}

#[test]
fn plain_http_server_behind_an_https_url_is_a_tls_failure() {
    let api = demo();
    let dir = tempfile::tempdir().unwrap();
    let server = api.url().replace("http://", "https://");
    let kc = write_kubeconfig(
        &dir.path().join("kc"),
        &server,
        "s3cr3t-token-value",
        &[("tls", None)],
        Some("tls"),
    );
    kubectl_ds()
        .args(["why-not", "n1", "--kubeconfig"])
        .arg(&kc)
        .assert()
        .code(3)
        .stderr(
            predicate::str::contains("TLS with the API server")
                .and(predicate::str::contains(&server)),
        );
}

#[test]
fn verbose_log_shows_each_request_but_no_credentials() {
    let api = demo();
    let (code, err) = run(&api, &["why-not", "worker-1", "-o", "json"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = err.lines().filter(|l| l.contains(" GET ")).collect();
    assert_eq!(
        lines.len(),
        api.requests().len(),
        "one log line per request: {err}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains(&format!("GET {}/api/v1/nodes/worker-1 200 OK", api.url()))),
        "{err}"
    );
    assert!(err.contains("context \"rig\""), "{err}");
}

#[test]
fn namespaces_forbidden_is_tolerated_but_namespaces_failing_is_not() {
    let api = demo();
    // A namespace-scoped user: namespaces are optional context (default node selectors).
    api.fault("GET", "^/api/v1/namespaces$", 403, 1, 0.0);
    let (code, err) = run(&api, &["why-not", "worker-1", "-o", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("not allowed to list namespaces"), "{err}");
    // A broken server is still an error, not silently less data.
    api.fault("GET", "^/api/v1/namespaces$", 500, 10, 0.0);
    let (code, err) = run(&api, &["why-not", "worker-1"]);
    assert_eq!(code, 3);
    assert!(err.contains("list namespaces"), "{err}");
}
