//! Completion: generated scripts are current, and kubectl's plugin completion protocol answers
//! with candidates and a directive.

use crate::support::example;
use crate::util::kubectl_ds;
use predicates::prelude::*;

#[test]
fn committed_completion_scripts_are_current() {
    for shell in ["bash", "zsh", "fish"] {
        let out = kubectl_ds().args(["completion", shell]).output().unwrap();
        assert!(out.status.success());
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("completions/kubectl-ds.{shell}"));
        let committed = std::fs::read(&path).unwrap_or_default();
        assert!(
            committed == out.stdout,
            "{} is stale: regenerate with `cargo run -- completion {shell} > completions/kubectl-ds.{shell}`",
            path.display()
        );
    }
}

#[test]
fn complete_protocol_lists_nodes_and_daemonsets_from_a_snapshot() {
    let snap = example("demo-cluster.yaml");
    kubectl_ds()
        .args(["__complete", "why-not", "--snapshot"])
        .arg(&snap)
        .arg("gpu")
        .assert()
        .success()
        .stdout("gpu-1\ngpu-2\n:4\n");
    kubectl_ds()
        .args([
            "__complete",
            "-n",
            "logging",
            "explain-placement",
            "--snapshot",
        ])
        .arg(&snap)
        .arg("")
        .assert()
        .success()
        .stdout("fluentd\n:4\n");
    kubectl_ds()
        .args(["__complete", "expl"])
        .assert()
        .success()
        .stdout("explain-placement\n:4\n");
}

#[test]
fn invoked_as_kubectl_complete_ds_it_completes() {
    let dir = tempfile::tempdir().unwrap();
    kubectl_ds()
        .args(["completion", "install", "--dir"])
        .arg(dir.path())
        .assert()
        .success();
    let completer = dir.path().join("kubectl_complete-ds");
    assert!(completer.exists());
    let out = std::process::Command::new(&completer)
        .args(["why-not", "--snapshot"])
        .arg(example("demo-cluster.yaml"))
        .arg("small")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "small-1\n:4\n");
}

#[test]
fn completion_is_silent_when_the_cluster_is_unreachable() {
    let dir = tempfile::tempdir().unwrap();
    let kc = dir.path().join("kc.yaml");
    std::fs::write(&kc, "apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: \"http://127.0.0.1:9\"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n").unwrap();
    kubectl_ds()
        .args(["__complete", "why-not", "--kubeconfig"])
        .arg(&kc)
        .arg("")
        .assert()
        .success()
        .stdout(":4\n")
        .stderr(predicate::str::is_empty());
}
