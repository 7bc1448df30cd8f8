//! API faults for the rollout commands and diff-revision: exit 3 with words an operator can act
//! on, no credentials in any output, no write when something failed.

use crate::support::{FakeApi, example};
use crate::util::kubectl_ds;
use predicates::prelude::*;

const TOKEN: &str = "rig-secret-token-do-not-print";

fn commands() -> Vec<Vec<&'static str>> {
    vec![
        vec!["rollout", "history", "logging/fluentd"],
        vec!["rollout", "status", "logging/fluentd", "--watch=false"],
        vec!["rollout", "undo", "logging/fluentd", "--dry-run=client"],
        vec!["diff-revision", "logging/fluentd"],
    ]
}

#[test]
fn unauthorized_and_forbidden_reads() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    for cmd in commands() {
        for (status, words) in [(401, "rejected"), (403, "forbidden")] {
            api.fault("GET", "daemonsets/fluentd$", status, 1, 0.0);
            kubectl_ds()
                .args(&cmd)
                .args(["-v", "--kubeconfig"])
                .arg(&api.kubeconfig)
                .assert()
                .code(3)
                .stderr(predicate::str::contains(words).and(predicate::str::contains(TOKEN).not()));
        }
    }
    assert!(api.writes().is_empty());
}

#[test]
fn missing_daemonset_names_close_ones() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    for cmd in commands() {
        let mut cmd: Vec<&str> = cmd.clone();
        let at = if cmd[0] == "rollout" { 2 } else { 1 };
        cmd[at] = "logging/fluentbit";
        kubectl_ds()
            .args(&cmd)
            .arg("--kubeconfig")
            .arg(&api.kubeconfig)
            .assert()
            .code(3)
            .stderr(predicate::str::contains("not found").and(predicate::str::contains("fluentd")));
    }
}

#[test]
fn server_errors_are_retried_then_reported() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    // Two failures are absorbed by the read retries.
    api.fault("GET", "controllerrevisions$", 503, 2, 0.0);
    kubectl_ds()
        .args(["rollout", "history", "logging/fluentd", "--kubeconfig"])
        .arg(&api.kubeconfig)
        .assert()
        .success();
    // Persistent failure: a clear error, exit 3.
    api.fault("GET", "controllerrevisions$", 500, 10, 0.0);
    kubectl_ds()
        .args(["rollout", "history", "logging/fluentd", "--kubeconfig"])
        .arg(&api.kubeconfig)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("500"));
}

#[test]
fn forbidden_patch_names_the_verb_and_changes_nothing() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    api.fault("PATCH", "daemonsets/fluentd$", 403, 1, 0.0);
    kubectl_ds()
        .args(["rollout", "undo", "logging/fluentd", "-v", "--kubeconfig"])
        .arg(&api.kubeconfig)
        .assert()
        .code(3)
        .stderr(
            predicate::str::contains(
                "RBAC does not allow user \"rig\" (context \"rig\") to patch daemonsets.apps \"fluentd\" in namespace \"logging\"",
            )
            .and(predicate::str::contains("nothing was applied"))
                .and(predicate::str::contains(TOKEN).not())
                .and(predicate::str::contains("Authorization").not()),
        );
    assert_eq!(
        api.object("DaemonSet", "fluentd")["spec"]["template"]["spec"]["containers"][0]["image"],
        "fluent/fluentd:v1.17-1"
    );
}

#[test]
fn unreachable_server_for_undo() {
    let dir = tempfile::tempdir().unwrap();
    let kc = dir.path().join("kc.yaml");
    std::fs::write(&kc, format!("apiVersion: v1\nkind: Config\nclusters: [{{name: c, cluster: {{server: \"http://127.0.0.1:9\"}}}}]\nusers: [{{name: u, user: {{token: {TOKEN}}}}}]\ncontexts: [{{name: prod, context: {{cluster: c, user: u}}}}]\ncurrent-context: prod\n")).unwrap();
    kubectl_ds()
        .args(["rollout", "undo", "logging/fluentd", "--kubeconfig"])
        .arg(&kc)
        .assert()
        .code(3)
        .stderr(
            predicate::str::contains("127.0.0.1:9")
                .and(predicate::str::contains("prod"))
                .and(predicate::str::contains(TOKEN).not()),
        );
}
