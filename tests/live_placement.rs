//! Live path over real HTTP against the local API-compatible server: same answers as the
//! snapshot, a bounded number of requests, narrow pod queries, and clear failures.

mod support;

use predicates::prelude::*;
use serde_json::Value;
use support::{FakeApi, example, kubectl_ds};

fn run_json(args: &[&str]) -> Value {
    let out = kubectl_ds()
        .args(args)
        .args(["-o", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{:?}: {}",
        args,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn live_and_snapshot_give_the_same_answers() {
    let demo = example("demo-cluster.yaml");
    let api = FakeApi::start(&demo);
    let kc = api.kubeconfig.to_str().unwrap();
    let snap = demo.to_str().unwrap();
    for args in [
        vec!["explain-placement", "fluentd", "-n", "logging"],
        vec!["explain-placement", "kube-system/csi-node"],
        vec!["why-not", "worker-1"],
        vec!["why-not", "small-1", "kube-system/csi-node"],
        vec!["why-not", "worker-1", "monitoring/node-exporter"],
        vec!["why-not", "gpu-2", "--all"],
    ] {
        let live = run_json(&[&args[..], &["--kubeconfig", kc]].concat());
        let offline = run_json(&[&args[..], &["--snapshot", snap]].concat());
        assert_eq!(live, offline, "{args:?}");
    }
}

/// A fixture with `n` plain nodes, one DaemonSet and its pods.
fn fixture(dir: &std::path::Path, n: usize) -> std::path::PathBuf {
    let mut items = vec![
        serde_json::json!({"apiVersion":"apps/v1","kind":"DaemonSet",
        "metadata":{"name":"agent","namespace":"default","uid":"ds-uid"},
        "spec":{"selector":{"matchLabels":{"app":"agent"}},
                "template":{"metadata":{"labels":{"app":"agent"}},"spec":{"containers":[{"name":"a","image":"agent:1"}]}}}}),
    ];
    for i in 0..n {
        items.push(
            serde_json::json!({"apiVersion":"v1","kind":"Node","metadata":{"name":format!("n{i}")},
            "status":{"allocatable":{"cpu":"4","memory":"8Gi","pods":"110"}}}),
        );
        items.push(serde_json::json!({"apiVersion":"v1","kind":"Pod",
            "metadata":{"name":format!("agent-{i}"),"namespace":"default","labels":{"app":"agent"},
                        "ownerReferences":[{"apiVersion":"apps/v1","kind":"DaemonSet","name":"agent","uid":"ds-uid","controller":true}]},
            "spec":{"nodeName":format!("n{i}"),"containers":[{"name":"a","image":"agent:1"}]},
            "status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}));
    }
    let path = dir.join(format!("cluster-{n}.json"));
    std::fs::write(
        &path,
        serde_json::json!({"apiVersion":"v1","kind":"List","items":items}).to_string(),
    )
    .unwrap();
    path
}

#[test]
fn request_count_does_not_grow_with_the_node_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut counts = Vec::new();
    for n in [3, 30] {
        let api = FakeApi::start(&fixture(dir.path(), n));
        let v = run_json(&[
            "explain-placement",
            "agent",
            "--kubeconfig",
            api.kubeconfig.to_str().unwrap(),
        ]);
        assert_eq!(v["summary"]["nodes"], n);
        assert_eq!(v["summary"]["ready"], n);
        counts.push(api.requests().len());
    }
    assert_eq!(
        counts[0], counts[1],
        "requests for 3 vs 30 nodes: {counts:?}"
    );
    assert!(counts[0] <= 8, "{counts:?}");
}

#[test]
fn why_not_fetches_only_the_nodes_pods() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    run_json(&[
        "why-not",
        "worker-1",
        "--kubeconfig",
        api.kubeconfig.to_str().unwrap(),
    ]);
    let pod_lists: Vec<Value> = api
        .requests()
        .into_iter()
        .filter(|r| r["path"].as_str().unwrap().ends_with("/pods"))
        .collect();
    assert!(!pod_lists.is_empty());
    for r in &pod_lists {
        let fs = r["query"]["fieldSelector"].as_str().unwrap_or("");
        assert!(
            fs == "spec.nodeName=worker-1" || fs == "spec.nodeName=",
            "unexpected pod query {r}"
        );
    }
}

#[test]
fn pagination_is_followed() {
    let dir = tempfile::tempdir().unwrap();
    let api = FakeApi::start(&fixture(dir.path(), 600));
    let v = run_json(&[
        "explain-placement",
        "agent",
        "--kubeconfig",
        api.kubeconfig.to_str().unwrap(),
    ]);
    assert_eq!(v["summary"]["nodes"], 600);
    assert_eq!(v["summary"]["scheduled"], 600);
    let continued = api
        .requests()
        .iter()
        .filter(|r| r["query"]["continue"].is_string())
        .count();
    assert!(
        continued >= 2,
        "expected continue tokens for nodes and pods, saw {continued}"
    );
}

#[test]
fn context_namespace_and_kubeconfig_env_merge() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    let dir = tempfile::tempdir().unwrap();
    // A second kubeconfig whose current context points at the logging namespace of the same server.
    let server = format!("http://127.0.0.1:{}", api.port);
    let second = dir.path().join("second.yaml");
    std::fs::write(&second, format!(
        "apiVersion: v1\nkind: Config\nclusters: [{{name: c2, cluster: {{server: \"{server}\"}}}}]\nusers: [{{name: u2, user: {{token: t2}}}}]\ncontexts: [{{name: logs, context: {{cluster: c2, user: u2, namespace: logging}}}}]\n"
    )).unwrap();
    let merged = std::env::join_paths([api.kubeconfig.clone(), second.clone()]).unwrap();
    // `fluentd` is found without -n through the context's namespace.
    let out = kubectl_ds()
        .env("KUBECONFIG", &merged)
        .args([
            "explain-placement",
            "fluentd",
            "--context",
            "logs",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The first file's current context (namespace default) wins when no --context is given.
    kubectl_ds()
        .env("KUBECONFIG", &merged)
        .args(["explain-placement", "fluentd"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "not found in namespace \"default\"",
        ));
    kubectl_ds()
        .env("KUBECONFIG", &merged)
        .args(["explain-placement", "fluentd", "--context", "nope"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("context \"nope\" not found"));
}

#[test]
fn api_faults_give_exit_3_and_clear_words_without_secrets() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    let kc = api.kubeconfig.to_str().unwrap().to_string();
    let cases = [
        (401, 1, "rejected the credentials of user \"rig\""),
        (403, 1, "RBAC does not allow user \"rig\""),
        (500, 4, "answered 500"), // 1 try + 3 retries, then the error
    ];
    for (status, count, words) in cases {
        api.fault(serde_json::json!({"method": "GET", "path": "/apis/apps/v1/namespaces/logging/daemonsets/fluentd", "status": status, "count": count}));
        kubectl_ds()
            .args([
                "explain-placement",
                "logging/fluentd",
                "--kubeconfig",
                &kc,
                "-v",
            ])
            .assert()
            .code(3)
            .stderr(
                predicate::str::contains(words)
                    .and(predicate::str::contains("rig-secret-token").not()),
            );
    }
    // 404 on a DaemonSet: not found, with close names.
    kubectl_ds()
        .args([
            "explain-placement",
            "logging/fluentbit",
            "--kubeconfig",
            &kc,
        ])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("not found").and(predicate::str::contains("fluentd")));
}

#[test]
fn transient_server_errors_are_retried_for_reads() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    api.fault(
        serde_json::json!({"method": "GET", "path": "/api/v1/nodes$", "status": 503, "count": 2}),
    );
    kubectl_ds()
        .args([
            "explain-placement",
            "logging/fluentd",
            "--kubeconfig",
            api.kubeconfig.to_str().unwrap(),
        ])
        .assert()
        .success();
}

#[test]
fn slow_server_honours_request_timeout() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    api.fault(serde_json::json!({"method": "GET", "path": "/api/v1/nodes", "status": 200, "count": 5, "delay": 5}));
    let start = std::time::Instant::now();
    kubectl_ds()
        .args([
            "why-not",
            "worker-1",
            "--request-timeout",
            "1s",
            "--kubeconfig",
            api.kubeconfig.to_str().unwrap(),
        ])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("within"));
    assert!(start.elapsed().as_secs() < 5);
}

#[test]
fn connection_refused_names_the_server_and_context() {
    let dir = tempfile::tempdir().unwrap();
    let kc = dir.path().join("kc.yaml");
    std::fs::write(&kc, "apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: \"http://127.0.0.1:9\"}}]\nusers: [{name: u, user: {token: s3cr3t-token}}]\ncontexts: [{name: dead, context: {cluster: c, user: u}}]\ncurrent-context: dead\n").unwrap();
    kubectl_ds()
        .args(["why-not", "n1", "--kubeconfig"])
        .arg(&kc)
        .assert()
        .code(3)
        .stderr(
            predicate::str::contains("127.0.0.1:9")
                .and(predicate::str::contains("dead"))
                .and(predicate::str::contains("s3cr3t").not()),
        );
}
