//! Live path, how the client is set up: kubeconfig files (KUBECONFIG merged like kubectl),
//! context selection, kubectl's namespace resolution, and `--request-timeout` syntax.

use crate::support::{FAKEAPI_TOKEN, FakeApi, example, free_port};
use crate::util::kubectl_ds;
use predicates::prelude::*;

/// The namespace in the path of the DaemonSet GET the command made.
fn daemonset_namespace(api: &FakeApi) -> String {
    let get = api
        .gets()
        .into_iter()
        .find(|r| r["path"].as_str().unwrap().contains("/daemonsets/"))
        .expect("a DaemonSet GET");
    let path = get["path"].as_str().unwrap();
    path.split('/').nth(5).unwrap().to_string()
}

#[test]
fn kubeconfig_env_merges_files_and_the_first_value_wins() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    let dead = format!("http://127.0.0.1:{}", free_port());
    // Second file: a `rig` context of its own (pointing nowhere), a `logs` context on the live
    // server, and a different current context. The first file's `rig` and current context win.
    let second = api.kubeconfig_with(
        "second.yaml",
        &dead,
        "second-file-token",
        &[("rig", Some("logging")), ("elsewhere", None)],
        Some("elsewhere"),
    );
    let third = api.kubeconfig_with(
        "third.yaml",
        &api.url(),
        "t3-token-abc",
        &[("logs", Some("logging"))],
        None,
    );
    let merged = std::env::join_paths([&api.kubeconfig, &second, &third]).unwrap();
    // Current context from the first file (`rig`, namespace default, the live server).
    kubectl_ds()
        .env("KUBECONFIG", &merged)
        .args(["explain-placement", "fluentd"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "daemonsets.apps \"fluentd\" not found in namespace \"default\"",
        ));
    // A context only the third file defines.
    api.clear_log();
    kubectl_ds()
        .env("KUBECONFIG", &merged)
        .args([
            "explain-placement",
            "fluentd",
            "--context",
            "logs",
            "-o",
            "json",
        ])
        .assert()
        .success();
    assert_eq!(daemonset_namespace(&api), "logging");
}

#[test]
fn missing_files_in_kubeconfig_env_are_skipped_like_kubectl() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    let missing = api.dir.path().join("gone.yaml");
    let merged = std::env::join_paths([&missing, &api.kubeconfig]).unwrap();
    kubectl_ds()
        .env("KUBECONFIG", &merged)
        .args(["why-not", "worker-1", "-o", "json"])
        .assert()
        .success();
    // Only missing files: a clear error, not a parse failure.
    kubectl_ds()
        .env("KUBECONFIG", &missing)
        .args(["why-not", "worker-1"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "none of the files in KUBECONFIG exist",
        ));
}

#[test]
fn kubeconfig_flag_wins_over_the_environment() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    let dead = format!("http://127.0.0.1:{}", free_port());
    let elsewhere = api.kubeconfig_with(
        "dead.yaml",
        &dead,
        "dead-token-xyz",
        &[("dead", None)],
        Some("dead"),
    );
    kubectl_ds()
        .env("KUBECONFIG", &elsewhere)
        .args(["why-not", "worker-1", "-o", "json", "--kubeconfig"])
        .arg(&api.kubeconfig)
        .assert()
        .success();
}

#[test]
fn namespace_is_the_flag_else_the_contexts_else_default() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    let kc = api.kubeconfig_with(
        "ns.yaml",
        &api.url(),
        "ns-token-123456",
        &[("logs", Some("logging")), ("plain", None)],
        Some("logs"),
    );
    let run = |extra: &[&str]| {
        api.clear_log();
        kubectl_ds()
            .args(["explain-placement", "fluentd", "--kubeconfig"])
            .arg(&kc)
            .args(extra)
            .output()
            .unwrap();
        daemonset_namespace(&api)
    };
    assert_eq!(run(&[]), "logging");
    assert_eq!(run(&["-n", "kube-system"]), "kube-system");
    assert_eq!(run(&["--context", "plain"]), "default");
    // NAMESPACE/NAME beats all of them.
    api.clear_log();
    kubectl_ds()
        .args([
            "explain-placement",
            "monitoring/node-exporter",
            "-n",
            "kube-system",
            "--kubeconfig",
        ])
        .arg(&kc)
        .assert()
        .success();
    assert_eq!(daemonset_namespace(&api), "monitoring");
}

#[test]
fn unknown_context_lists_the_known_ones() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    kubectl_ds()
        .args(["why-not", "worker-1", "--context", "prod", "--kubeconfig"])
        .arg(&api.kubeconfig)
        .assert()
        .code(3)
        .stderr(
            predicate::str::contains("context \"prod\" not found")
                .and(predicate::str::contains("contexts: rig"))
                .and(predicate::str::contains(FAKEAPI_TOKEN).not()),
        );
    assert!(api.requests().is_empty(), "no request without a context");
}

#[test]
fn no_current_context_asks_for_one() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    let kc = api.kubeconfig_with(
        "nocur.yaml",
        &api.url(),
        "tok-nocurrent",
        &[("a", None), ("b", None)],
        None,
    );
    kubectl_ds()
        .args(["why-not", "worker-1", "--kubeconfig"])
        .arg(&kc)
        .assert()
        .code(3)
        .stderr(
            predicate::str::contains("--context").and(predicate::str::contains("contexts: a, b")),
        );
}

#[test]
fn without_any_kubeconfig_the_error_points_to_snapshot() {
    kubectl_ds()
        .args(["why-not", "worker-1"])
        .assert()
        .code(3)
        .stderr(
            predicate::str::contains("no kubeconfig").and(predicate::str::contains("--snapshot")),
        );
}

#[test]
fn unparsable_kubeconfig_is_named_without_its_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let kc = dir.path().join("broken.yaml");
    std::fs::write(&kc, "users:\n- name: u\n  user:\n    token: eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQSECRETSECRETSECRET\n  - broken: [\n").unwrap();
    kubectl_ds()
        .args(["why-not", "worker-1", "--kubeconfig"])
        .arg(&kc)
        .assert()
        .code(3)
        .stderr(
            predicate::str::contains("cannot read kubeconfig")
                .and(predicate::str::contains("broken.yaml"))
                .and(predicate::str::contains("SECRETSECRET").not()),
        );
}

#[test]
fn request_timeout_uses_kubectl_duration_syntax() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    for ok in ["0", "30", "1m", "1m30s", "500ms"] {
        kubectl_ds()
            .args([
                "why-not",
                "worker-1",
                "-o",
                "json",
                "--request-timeout",
                ok,
                "--kubeconfig",
            ])
            .arg(&api.kubeconfig)
            .assert()
            .success();
    }
    kubectl_ds()
        .args([
            "why-not",
            "worker-1",
            "--request-timeout",
            "soon",
            "--kubeconfig",
        ])
        .arg(&api.kubeconfig)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--request-timeout"));
}
