//! Live path, same answers: every placement question gives the same JSON over HTTP as from the
//! equivalent snapshot file — the fixture itself, and what `kubectl ds snapshot` wrote from the
//! live server.

use crate::support::{FakeApi, example, synthetic_cluster};
use crate::util::{kubectl_ds, run_json};

/// Questions over the demo cluster: every DaemonSet shape it holds, node-scoped and not.
const QUESTIONS: &[&[&str]] = &[
    &["explain-placement", "fluentd", "-n", "logging"],
    &["explain-placement", "kube-system/csi-node"],
    &[
        "explain-placement",
        "kube-system/kube-proxy",
        "-l",
        "pool=gpu",
    ],
    &[
        "explain-placement",
        "kube-system/kube-proxy",
        "--node",
        "worker-2",
    ],
    &["why-not", "worker-1"],
    &["why-not", "worker-1", "--all", "-n", "kube-system"],
    &["why-not", "small-1", "kube-system/csi-node"],
    &["why-not", "worker-1", "monitoring/node-exporter"],
    &["why-not", "gpu-2", "--all"],
];

fn answers(source: &[&str]) -> Vec<serde_json::Value> {
    QUESTIONS
        .iter()
        .map(|q| run_json(&[q, source, &["-o", "json"]].concat()))
        .collect()
}

/// Where each answer's semantics came from (`server`, `snapshot`, `default`), taken out of the
/// answers: the one member that differs between the live and the offline answer by design.
fn origins(answers: &mut [serde_json::Value]) -> Vec<String> {
    answers
        .iter_mut()
        .map(|a| {
            let from = a["semantics"]["from"].as_str().unwrap_or("").to_string();
            a["semantics"]["from"] = serde_json::Value::Null;
            from
        })
        .collect()
}

#[test]
fn live_and_the_fixture_snapshot_give_the_same_answers() {
    let demo = example("demo-cluster.yaml");
    let api = FakeApi::start(&demo);
    let mut live = answers(&["--kubeconfig", api.kubeconfig.to_str().unwrap()]);
    let mut offline = answers(&["--snapshot", demo.to_str().unwrap()]);
    // The server reports 1.37.0; the fixture records no version, so the newest is mirrored.
    assert!(origins(&mut live).iter().all(|f| f == "server"));
    assert!(origins(&mut offline).iter().all(|f| f == "default"));
    for ((q, l), o) in QUESTIONS.iter().zip(&live).zip(&offline) {
        assert_eq!(l, o, "{q:?}");
    }
}

#[test]
fn live_and_a_written_snapshot_give_the_same_answers() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    let kc = api.kubeconfig.to_str().unwrap().to_string();
    let file = api.dir.path().join("snap.json");
    let file = file.to_str().unwrap();
    kubectl_ds()
        .args([
            "snapshot",
            "--kubeconfig",
            &kc,
            "-o",
            "json",
            "--file",
            file,
        ])
        .assert()
        .success();
    let mut live = answers(&["--kubeconfig", &kc]);
    let mut offline = answers(&["--snapshot", file]);
    assert!(origins(&mut live).iter().all(|f| f == "server"));
    assert!(origins(&mut offline).iter().all(|f| f == "snapshot"));
    for ((q, l), o) in QUESTIONS.iter().zip(&live).zip(&offline) {
        assert_eq!(l, o, "{q:?}");
    }
}

#[test]
fn a_failed_daemon_pod_is_seen_live_as_in_the_snapshot() {
    // The live source reads non-terminal pods cluster-wide; the DaemonSet's own failed pod must
    // still come through its label-selected LIST.
    let dir = tempfile::tempdir().unwrap();
    let base = synthetic_cluster(dir.path(), 3);
    let mut list: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&base).unwrap()).unwrap();
    let items = list["items"].as_array_mut().unwrap();
    let pod = items
        .iter_mut()
        .find(|i| i["metadata"]["name"] == "agent-1")
        .unwrap();
    pod["status"] = serde_json::json!({"phase": "Failed", "reason": "Evicted"});
    std::fs::write(&base, list.to_string()).unwrap();
    let api = FakeApi::start(&base);
    let q = ["explain-placement", "agent", "-o", "json"];
    let mut live =
        run_json(&[&q[..], &["--kubeconfig", api.kubeconfig.to_str().unwrap()]].concat());
    let mut offline = run_json(&[&q[..], &["--snapshot", base.to_str().unwrap()]].concat());
    origins(std::slice::from_mut(&mut live));
    origins(std::slice::from_mut(&mut offline));
    assert_eq!(live, offline);
    let n1 = live["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["node"] == "n1")
        .unwrap();
    assert_eq!(n1["state"], "Failed", "{n1}");
}
