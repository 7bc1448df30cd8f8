//! rollout status / history / undo and diff-revision: kubectl parity checked side by side against
//! a real kubectl v1.37 on the same local API server, safe writes, and the snapshot path.

use std::process::Command;

use crate::support::{FakeApi, example, is_watch, kubectl};
use crate::util::{Run, TestCommand, kubectl_ds};
use predicates::prelude::*;
use serde_json::{Value, json};

fn demo() -> std::path::PathBuf {
    example("demo-cluster.yaml")
}

/// (exit code, stdout, stderr) of kubectl and of kubectl-ds for the same arguments.
fn both(api: &FakeApi, args: &[&str]) -> ((i32, String, String), (i32, String, String)) {
    let k = TestCommand::new(kubectl())
        .args(args)
        .env("KUBECONFIG", &api.kubeconfig)
        .run();
    let ours = kubectl_ds()
        .args(args)
        .arg("--kubeconfig")
        .arg(&api.kubeconfig)
        .run();
    let t = |r: Run| (r.code, r.stdout, r.stderr);
    (t(k), t(ours))
}

#[test]
fn read_commands_print_exactly_what_kubectl_prints() {
    let api = FakeApi::start(&demo());
    for args in [
        vec!["rollout", "history", "ds/fluentd", "-n", "logging"],
        vec![
            "rollout",
            "history",
            "daemonset/fluentd",
            "-n",
            "logging",
            "--revision",
            "1",
        ],
        vec![
            "rollout",
            "history",
            "ds/fluentd",
            "-n",
            "logging",
            "--revision=2",
        ],
        vec!["rollout", "history", "ds/kube-proxy", "-n", "kube-system"],
        vec![
            "rollout",
            "status",
            "ds/fluentd",
            "-n",
            "logging",
            "--watch=false",
        ],
        vec![
            "rollout",
            "status",
            "ds/kube-proxy",
            "-n",
            "kube-system",
            "--watch=false",
        ],
        vec![
            "rollout",
            "status",
            "ds/nvidia-device-plugin",
            "-n",
            "gpu-operator",
            "--watch=false",
        ],
        vec![
            "rollout",
            "undo",
            "ds/fluentd",
            "-n",
            "logging",
            "--dry-run=client",
        ],
        vec![
            "rollout",
            "undo",
            "ds/fluentd",
            "-n",
            "logging",
            "--to-revision=2",
            "--dry-run=client",
        ],
        vec![
            "rollout",
            "undo",
            "ds/fluentd",
            "-n",
            "logging",
            "--to-revision=2",
        ],
        vec![
            "rollout",
            "undo",
            "ds/fluentd",
            "-n",
            "logging",
            "--to-revision=2",
            "--dry-run=server",
        ],
    ] {
        let ((kc, kout, kerr), (oc, oout, _)) = both(&api, &args);
        assert_eq!(kc, 0, "kubectl failed on {args:?}: {kerr}");
        assert_eq!(oc, 0, "{args:?}");
        assert_eq!(oout, kout, "stdout differs for {args:?}");
    }
}

#[test]
fn error_messages_match_kubectl() {
    let api = FakeApi::start(&demo());
    for args in [
        vec![
            "rollout",
            "undo",
            "ds/fluentd",
            "-n",
            "logging",
            "--to-revision=7",
        ],
        vec!["rollout", "undo", "ds/kube-proxy", "-n", "kube-system"],
        vec![
            "rollout",
            "history",
            "ds/fluentd",
            "-n",
            "logging",
            "--revision=9",
        ],
    ] {
        let ((kc, _, kerr), (oc, _, oerr)) = both(&api, &args);
        assert_ne!(kc, 0);
        assert_ne!(oc, 0);
        assert_eq!(oerr.trim_end(), kerr.trim_end(), "{args:?}");
    }
}

#[test]
fn undo_leaves_the_same_object_as_kubectl() {
    let ours = FakeApi::start(&demo());
    let theirs = FakeApi::start(&demo());
    let k = Command::new(kubectl())
        .args(["rollout", "undo", "ds/fluentd", "-n", "logging"])
        .env("KUBECONFIG", &theirs.kubeconfig)
        .output()
        .unwrap();
    assert!(k.status.success());
    kubectl_ds()
        .args([
            "rollout",
            "undo",
            "ds/fluentd",
            "-n",
            "logging",
            "--kubeconfig",
        ])
        .arg(&ours.kubeconfig)
        .assert()
        .success()
        .stdout("daemonset.apps/fluentd rolled back\n")
        .stderr(predicate::str::contains(
            "spec.containers[fluentd].image: fluent/fluentd:v1.17-1 → fluent/fluentd:v1.16-1",
        ));
    let a = ours.object("DaemonSet", "fluentd");
    let b = theirs.object("DaemonSet", "fluentd");
    assert_eq!(a["spec"], b["spec"]);
    assert_eq!(
        a["spec"]["template"]["spec"]["containers"][0]["image"],
        "fluent/fluentd:v1.16-1"
    );
    // The PATCH carried the resourceVersion precondition and the revision's data.
    let patch = ours
        .writes()
        .into_iter()
        .find(|r| r["method"] == "PATCH")
        .unwrap();
    assert_eq!(patch["ctype"], "application/strategic-merge-patch+json");
    let body: Value = serde_json::from_str(patch["body"].as_str().unwrap()).unwrap();
    assert!(body["metadata"]["resourceVersion"].as_str().is_some());
    assert_eq!(body["spec"]["template"]["$patch"], "replace");
}

#[test]
fn a_concurrent_change_is_refused_and_survives() {
    // Hold our PATCH for a moment; meanwhile someone else edits the DaemonSet.
    let api2 = FakeApi::start(&demo());
    api2.fault("PATCH", "daemonsets/fluentd$", 0, 1, 2.0);
    let kc = api2.kubeconfig.clone();
    let handle = std::thread::spawn(move || {
        kubectl_ds()
            .args([
                "rollout",
                "undo",
                "ds/fluentd",
                "-n",
                "logging",
                "--kubeconfig",
            ])
            .arg(&kc)
            .output()
            .unwrap()
    });
    api2.wait_for_requests(1, "the held PATCH", |r| r["method"] == "PATCH");
    // The concurrent edit is a PUT (the injected delay only holds PATCHes).
    let mut edited = api2.object("DaemonSet", "fluentd");
    edited["metadata"]["labels"] = json!({"edited-by": "someone-else"});
    edited["spec"]["template"]["spec"]["containers"][0]["image"] = json!("fluent/fluentd:v1.18-0");
    let (code, body) = api2.call(
        "PUT",
        "/apis/apps/v1/namespaces/logging/daemonsets/fluentd",
        "application/json",
        &edited.to_string(),
    );
    assert_eq!(code, 200, "{body}");
    let out = handle.join().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("changed by someone else") && err.contains("nothing was applied"),
        "{err}"
    );
    let ds = api2.object("DaemonSet", "fluentd");
    assert_eq!(ds["metadata"]["labels"]["edited-by"], "someone-else");
    assert_eq!(
        ds["spec"]["template"]["spec"]["containers"][0]["image"],
        "fluent/fluentd:v1.18-0"
    );
}

#[test]
fn dry_runs_never_write() {
    let api = FakeApi::start(&demo());
    for mode in ["--dry-run=client", "--dry-run=server", "--dry-run"] {
        kubectl_ds()
            .args([
                "rollout",
                "undo",
                "ds/fluentd",
                "-n",
                "logging",
                mode,
                "--kubeconfig",
            ])
            .arg(&api.kubeconfig)
            .assert()
            .success();
    }
    for w in api.writes() {
        assert_eq!(
            w["query"]["dryRun"], "All",
            "mutating request without dryRun: {w}"
        );
    }
    assert_eq!(
        api.object("DaemonSet", "fluentd")["spec"]["template"]["spec"]["containers"][0]["image"],
        "fluent/fluentd:v1.17-1"
    );
    kubectl_ds()
        .args([
            "rollout",
            "undo",
            "ds/fluentd",
            "-n",
            "logging",
            "--dry-run=maybe",
            "--kubeconfig",
        ])
        .arg(&api.kubeconfig)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Invalid dry-run value (maybe)"));
}

#[test]
fn status_follows_updates_to_completion() {
    let api = FakeApi::start(&demo());
    let kc = api.kubeconfig.clone();
    let handle = std::thread::spawn(move || {
        kubectl_ds()
            .args([
                "rollout",
                "status",
                "ds/fluentd",
                "-n",
                "logging",
                "--timeout=20s",
                "--kubeconfig",
            ])
            .arg(&kc)
            .output()
            .unwrap()
    });
    // Changes reach a watch only once it is open (fakeapi replays nothing); the changes that
    // follow queue up on the open watch, in order.
    api.wait_for_requests(1, "the watch", is_watch);
    for (u, a) in [(3, 4), (5, 4), (5, 5)] {
        api.set_fluentd_status(u, a, 5);
    }
    let out = handle.join().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        stdout,
        "Waiting for daemon set \"fluentd\" rollout to finish: 2 out of 5 new pods have been updated...\n\
         Waiting for daemon set \"fluentd\" rollout to finish: 3 out of 5 new pods have been updated...\n\
         Waiting for daemon set \"fluentd\" rollout to finish: 4 of 5 updated pods are available...\n\
         daemon set \"fluentd\" successfully rolled out\n"
    );
    // The nodes holding it back were named on stderr.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("worker-2") && stderr.contains("CrashLoopBackOff"),
        "{stderr}"
    );
}

#[test]
fn status_times_out_with_kubectls_message_and_the_blockers() {
    let api = FakeApi::start(&demo());
    let start = std::time::Instant::now();
    kubectl_ds()
        .args([
            "rollout",
            "status",
            "ds/fluentd",
            "-n",
            "logging",
            "--timeout=2s",
            "--kubeconfig",
        ])
        .arg(&api.kubeconfig)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("error: timed out waiting for the condition")
                .and(predicate::str::contains("worker-1")),
        );
    assert!(start.elapsed().as_secs() < 10);
}

#[test]
fn status_watch_reconnects_after_the_server_drops_it() {
    let api = FakeApi::start(&demo());
    // The first watch request fails; the command must re-list and watch again.
    api.fault(
        "GET",
        "/apis/apps/v1/namespaces/logging/daemonsets$",
        500,
        1,
        0.0,
    );
    let kc = api.kubeconfig.clone();
    let handle = std::thread::spawn(move || {
        kubectl_ds()
            .args([
                "rollout",
                "status",
                "ds/fluentd",
                "-n",
                "logging",
                "--timeout=20s",
                "--kubeconfig",
            ])
            .arg(&kc)
            .output()
            .unwrap()
    });
    api.wait_for_requests(2, "the watch opened again after the failed one", is_watch);
    api.set_fluentd_status(5, 5, 5);
    let out = handle.join().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .ends_with("daemon set \"fluentd\" successfully rolled out\n")
    );
    let watches = api
        .requests()
        .iter()
        .filter(|r| {
            r["query"]["watch"]
                .as_str()
                .is_some_and(|w| w == "true" || w == "1")
        })
        .count();
    assert!(
        watches >= 2,
        "expected a second watch after the failure, saw {watches}"
    );
}

#[test]
fn snapshot_read_commands() {
    let snap = demo();
    kubectl_ds()
        .args(["rollout", "history", "logging/fluentd", "--snapshot"])
        .arg(&snap)
        .assert()
        .success()
        .stdout("daemonset.apps/fluentd \nREVISION  CHANGE-CAUSE\n1         kubectl apply --filename=fluentd.yaml\n2         kubectl set image ds/fluentd fluentd=fluent/fluentd:v1.17-1\n\n");
    let out = kubectl_ds()
        .args([
            "rollout",
            "history",
            "logging/fluentd",
            "-o",
            "json",
            "--snapshot",
        ])
        .arg(&snap)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["current"], 2);
    assert_eq!(v["revisions"][0]["images"][0], "fluent/fluentd:v1.16-1");
    assert_eq!(
        v["revisions"][1]["changeCause"],
        "kubectl set image ds/fluentd fluentd=fluent/fluentd:v1.17-1"
    );
    kubectl_ds()
        .args([
            "rollout",
            "history",
            "logging/fluentd",
            "-o",
            "wide",
            "--snapshot",
        ])
        .arg(&snap)
        .assert()
        .success()
        .stdout(
            predicate::str::contains("IMAGES")
                .and(predicate::str::contains("fluent/fluentd:v1.17-1")),
        );
    let out = kubectl_ds()
        .args([
            "rollout",
            "status",
            "logging/fluentd",
            "-o",
            "json",
            "--snapshot",
        ])
        .arg(&snap)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["done"], false);
    let blockers: Vec<&str> = v["blockingNodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["node"].as_str().unwrap())
        .collect();
    assert!(
        blockers.contains(&"worker-2") && blockers.contains(&"worker-1"),
        "{blockers:?}"
    );
    kubectl_ds()
        .args(["rollout", "undo", "logging/fluentd", "--snapshot"])
        .arg(&snap)
        .assert()
        .code(2);
    kubectl_ds()
        .args([
            "rollout",
            "history",
            "logging/fluentd",
            "--revision=-1",
            "--snapshot",
        ])
        .arg(&snap)
        .assert()
        .code(2)
        .stderr("error: revision must be a positive integer: -1\n");
}

#[test]
fn on_delete_reports_instead_of_refusing() {
    let text = std::fs::read_to_string(demo())
        .unwrap()
        .replace("type: RollingUpdate", "type: OnDelete");
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("ondelete.yaml");
    std::fs::write(&f, text).unwrap();
    kubectl_ds()
        .args([
            "rollout",
            "status",
            "logging/fluentd",
            "--watch=false",
            "--snapshot",
        ])
        .arg(&f)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "uses OnDelete: 2 of 5 pods run the current revision; delete the old pods on",
        ));
}

#[test]
fn diff_revision_previous_vs_current_and_exit_codes() {
    let snap = demo();
    kubectl_ds()
        .args([
            "diff-revision",
            "logging/fluentd",
            "--summary",
            "--snapshot",
        ])
        .arg(&snap)
        .assert()
        .success()
        .stdout(
            "spec.containers[fluentd].image: fluent/fluentd:v1.16-1 → fluent/fluentd:v1.17-1\n",
        );
    kubectl_ds()
        .args([
            "diff-revision",
            "logging/fluentd",
            "--exit-code",
            "--snapshot",
        ])
        .arg(&snap)
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("-  - image: fluent/fluentd:v1.16-1").and(
                predicate::str::contains("+  - image: fluent/fluentd:v1.17-1"),
            ),
        );
    kubectl_ds()
        .args([
            "diff-revision",
            "logging/fluentd",
            "2",
            "live",
            "--exit-code",
            "-o",
            "json",
            "--snapshot",
        ])
        .arg(&snap)
        .assert()
        .success()
        .stdout("[]\n");
    kubectl_ds()
        .args(["diff-revision", "logging/fluentd", "5", "--snapshot"])
        .arg(&snap)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("revisions: 1, 2"));
}
