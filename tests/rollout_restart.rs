//! `rollout restart`: kubectl's annotation and message, one guarded PATCH, nothing written on a
//! dry run or to a snapshot.

use crate::support::{FakeApi, example};
use crate::util::kubectl_ds;

fn restart(api: &FakeApi, extra: &[&str]) -> crate::util::Run {
    kubectl_ds()
        .args(["rollout", "restart", "logging/fluentd", "--kubeconfig"])
        .arg(&api.kubeconfig)
        .args(extra)
        .run()
}

#[test]
fn restart_sets_the_annotation_with_a_precondition_and_says_kubectls_line() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    let run = restart(&api, &[]);
    run.expect_code(0);
    assert_eq!(run.stdout, "daemonset.apps/fluentd restarted\n");
    let writes = api.writes();
    assert_eq!(writes.len(), 1, "{writes:#?}");
    let w = &writes[0];
    assert_eq!(w["method"], "PATCH");
    let body: serde_json::Value = serde_json::from_str(w["body"].as_str().unwrap()).unwrap();
    assert!(body["metadata"]["resourceVersion"].is_string(), "{body}");
    let at =
        body["spec"]["template"]["metadata"]["annotations"]["kubectl.kubernetes.io/restartedAt"]
            .as_str()
            .unwrap();
    assert!(at.len() == 20 && at.ends_with('Z'), "{at}");
    let ds = api.object("DaemonSet", "fluentd");
    assert_eq!(
        ds["spec"]["template"]["metadata"]["annotations"]["kubectl.kubernetes.io/restartedAt"],
        at
    );
}

#[test]
fn a_client_dry_run_writes_nothing_and_a_snapshot_cannot_be_restarted() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    let run = restart(&api, &["--dry-run=client"]);
    run.expect_code(0);
    assert_eq!(run.stdout, "daemonset.apps/fluentd restarted (dry run)\n");
    assert!(api.writes().is_empty());
    let run = kubectl_ds()
        .args(["rollout", "restart", "logging/fluentd", "--snapshot"])
        .arg(example("demo-cluster.yaml"))
        .run();
    run.expect_code(2).says(&["needs a live cluster"]);
}

#[test]
fn a_server_dry_run_asks_the_server_and_stores_nothing() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    let run = restart(&api, &["--dry-run=server"]);
    run.expect_code(0);
    assert_eq!(
        run.stdout,
        "daemonset.apps/fluentd restarted (server dry run)\n"
    );
    let writes = api.writes();
    assert_eq!(writes.len(), 1);
    assert!(
        writes[0]["query"].to_string().contains("dryRun"),
        "{:#?}",
        writes[0]
    );
    let ds = api.object("DaemonSet", "fluentd");
    assert!(
        ds["spec"]["template"]["metadata"]["annotations"]["kubectl.kubernetes.io/restartedAt"]
            .is_null()
    );
}
