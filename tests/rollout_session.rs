//! The rollout commands read through `cluster::Session` alone: history of a DaemonSet is
//! kubectl's two calls, a missing one is looked up once (one GET, one LIST for close names,
//! one kubeconfig read), and a snapshot's status does not wait for changes that cannot come.

use crate::support::{FakeApi, example};
use crate::util::kubectl_ds;

fn run(api: &FakeApi, args: &[&str]) -> (i32, String, String) {
    let out = kubectl_ds()
        .args(args)
        .args(["-v", "--kubeconfig"])
        .arg(&api.kubeconfig)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn paths(api: &FakeApi) -> Vec<String> {
    api.requests()
        .iter()
        .map(|r| {
            format!(
                "{} {}",
                r["method"].as_str().unwrap_or(""),
                r["path"].as_str().unwrap_or("")
            )
        })
        .collect()
}

#[test]
fn history_is_kubectls_two_calls() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    let (code, stdout, stderr) = run(&api, &["rollout", "history", "logging/fluentd"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("daemonset.apps/fluentd \nREVISION"),
        "{stdout}"
    );
    assert_eq!(
        paths(&api),
        [
            "GET /apis/apps/v1/namespaces/logging/daemonsets/fluentd",
            "GET /apis/apps/v1/namespaces/logging/controllerrevisions",
        ]
    );
    let lists = api.lists();
    assert!(
        lists[0]["query"]["labelSelector"]
            .as_str()
            .is_some_and(|s| !s.is_empty()),
        "revisions are listed by the DaemonSet's selector: {lists:?}"
    );
}

#[test]
fn a_missing_daemonset_is_looked_up_once() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    for args in [
        ["rollout", "history", "logging/fluentbit"],
        ["rollout", "undo", "logging/fluentbit"],
        ["diff-revision", "logging/fluentbit", "1"],
    ] {
        api.clear_log();
        let (code, stdout, stderr) = run(&api, &args);
        assert_eq!(code, 3, "{args:?}: {stderr}");
        assert_eq!(stdout, "");
        assert!(
            stderr.contains(
                "daemonsets.apps \"fluentbit\" not found in namespace \"logging\"; did you mean fluentd?"
            ),
            "{args:?}: {stderr}"
        );
        // The GET, then at once the close names in the namespace and the same name anywhere
        // (concurrent, so in either order).
        let mut asked = paths(&api);
        asked[1..].sort();
        assert_eq!(
            asked,
            [
                "GET /apis/apps/v1/namespaces/logging/daemonsets/fluentbit",
                "GET /apis/apps/v1/daemonsets",
                "GET /apis/apps/v1/namespaces/logging/daemonsets",
            ],
            "{args:?}"
        );
        // The session is opened once: one kubeconfig line in the -v log.
        assert_eq!(
            stderr.matches("[kubectl-ds] kubeconfig ").count(),
            1,
            "{stderr}"
        );
    }
}

#[test]
fn status_from_a_snapshot_reports_once_and_does_not_wait() {
    let snap = example("demo-cluster.yaml");
    let out = kubectl_ds()
        .args(["rollout", "status", "logging/fluentd", "--snapshot"])
        .arg(&snap)
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Waiting for daemon set \"fluentd\" rollout to finish: 2 out of 5 new pods have been updated...\n"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("4 node(s) hold the rollout back:"));
}
