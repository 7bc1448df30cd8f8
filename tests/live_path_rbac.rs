//! Least privilege over real HTTP: the rollout commands need only kubectl's rights (the DaemonSet
//! and its ControllerRevisions in its namespace, + patch for undo). Every extra read refused with
//! 403 becomes a `note:` line (human) or a `caveats` entry (JSON) and the command still answers
//! with kubectl's message and exit code; explain-placement and why-not give what they can. A 401,
//! or a 403 on the object the answer needs, stays exit 3.

use std::process::Command;

use crate::support::{FakeApi, example, kubectl};
use crate::util::kubectl_ds;
use serde_json::Value;

struct Run {
    code: i32,
    out: String,
    err: String,
}

fn ours(api: &FakeApi, args: &[&str]) -> Run {
    let o = kubectl_ds()
        .args(args)
        .arg("--kubeconfig")
        .arg(&api.kubeconfig)
        .output()
        .unwrap();
    Run {
        code: o.status.code().unwrap_or(-1),
        out: String::from_utf8_lossy(&o.stdout).into_owned(),
        err: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn theirs(api: &FakeApi, home: &std::path::Path, args: &[&str]) -> Run {
    let o = Command::new(kubectl())
        .args(args)
        .env("KUBECONFIG", &api.kubeconfig)
        .env("HOME", home)
        .output()
        .unwrap();
    Run {
        code: o.status.code().unwrap_or(-1),
        out: String::from_utf8_lossy(&o.stdout).into_owned(),
        err: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn demo() -> FakeApi {
    FakeApi::start(&example("demo-cluster.yaml"))
}

/// Refuse every request whose path matches `re` (for the rest of the test).
fn forbid(api: &FakeApi, re: &str) {
    api.fault("GET", re, 403, 10_000, 0.0);
}

/// Notes on stderr, without the `note: ` prefix.
fn notes(err: &str) -> Vec<&str> {
    err.lines()
        .filter_map(|l| l.strip_prefix("note: "))
        .collect()
}

/// Everything a namespace-scoped deployer with kubectl's rollout rights may not read: every core
/// resource (pods, nodes, namespaces, events) — discovery (`/api`, `/api/v1`) stays open.
const CORE: &str = "^/api/v1/";

const FLUENTD_WAITING: &str = "Waiting for daemon set \"fluentd\" rollout to finish: 2 out of 5 new pods have been updated...\n";

#[test]
fn status_without_pod_rights_answers_with_a_note() {
    let api = demo();
    forbid(&api, "^/api/v1/namespaces/logging/pods$");
    let r = ours(
        &api,
        &["rollout", "status", "logging/fluentd", "--watch=false"],
    );
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(r.out, FLUENTD_WAITING);
    assert_eq!(
        notes(&r.err),
        ["blocking nodes not shown: may not list pods in namespace \"logging\""],
        "{}",
        r.err
    );
    assert!(!r.err.contains("hold the rollout back"), "{}", r.err);
}

#[test]
fn status_without_node_rights_answers_with_a_note() {
    let api = demo();
    forbid(&api, "^/api/v1/nodes");
    let r = ours(
        &api,
        &["rollout", "status", "logging/fluentd", "--watch=false"],
    );
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(r.out, FLUENTD_WAITING);
    assert_eq!(
        notes(&r.err),
        ["blocking nodes not shown: may not get nodes (cluster-scoped)"],
        "{}",
        r.err
    );
}

#[test]
fn status_without_the_namespace_still_shows_blockers() {
    let api = demo();
    forbid(&api, "^/api/v1/namespaces/logging$");
    let r = ours(
        &api,
        &["rollout", "status", "logging/fluentd", "--watch=false"],
    );
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(r.out, FLUENTD_WAITING);
    assert!(
        r.err.contains("4 node(s) hold the rollout back:"),
        "{}",
        r.err
    );
    assert_eq!(
        notes(&r.err),
        [
            "the namespace's default node selector is not applied to where pods are wanted: may not get namespaces \"logging\" (cluster-scoped)"
        ]
    );
}

#[test]
fn status_without_cluster_wide_pods_shows_the_blocker_without_its_fit() {
    let api = demo();
    forbid(&api, "^/api/v1/pods$");
    let r = ours(
        &api,
        &["rollout", "status", "kube-system/csi-node", "--watch=false"],
    );
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(
        r.out,
        "Waiting for daemon set \"csi-node\" rollout to finish: 4 of 5 updated pods are available...\n"
    );
    assert!(
        r.err.contains("1 node(s) hold the rollout back:"),
        "{}",
        r.err
    );
    assert!(r.err.contains("small-1"), "{}", r.err);
    // What other pods use on small-1 is unknown: no resource verdict is claimed for it.
    assert!(!r.err.contains("NodeResourcesFit"), "{}", r.err);
    assert_eq!(
        notes(&r.err),
        [
            "fit (resources, host ports) not checked on 1 node(s) without a daemon pod: may not list pods in all namespaces"
        ]
    );
}

#[test]
fn status_without_events_says_so_in_json() {
    let api = demo();
    forbid(&api, "^/api/v1/namespaces/kube-system/events$");
    let r = ours(
        &api,
        &[
            "rollout",
            "status",
            "kube-system/csi-node",
            "--watch=false",
            "-o",
            "json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.err);
    let v: Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(v["done"], false);
    assert_eq!(v["blockingNodes"][0]["node"], "small-1");
    assert_eq!(
        v["caveats"],
        serde_json::json!([
            "why pending pods wait (FailedScheduling events) not shown: may not list events in namespace \"kube-system\""
        ])
    );
}

#[test]
fn status_json_has_no_caveats_when_all_was_read() {
    let api = demo();
    let r = ours(
        &api,
        &[
            "rollout",
            "status",
            "logging/fluentd",
            "--watch=false",
            "-o",
            "json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.err);
    let v: Value = serde_json::from_str(&r.out).unwrap();
    assert!(v.get("caveats").is_none(), "{v}");
    assert_eq!(v["blockingNodes"].as_array().unwrap().len(), 4);
}

#[test]
fn on_delete_without_pod_rights_gives_kubectls_refusal_and_a_note() {
    let api = demo();
    let (code, body) = api.call(
        "PATCH",
        "/apis/apps/v1/namespaces/logging/daemonsets/fluentd",
        "application/merge-patch+json",
        r#"{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}"#,
    );
    assert_eq!(code, 200, "{body}");
    let r = ours(
        &api,
        &["rollout", "status", "logging/fluentd", "--watch=false"],
    );
    assert_eq!(r.code, 0, "the OnDelete report: {}", r.err);
    assert!(r.out.contains("uses OnDelete"), "{}", r.out);
    forbid(&api, "^/api/v1/namespaces/logging/pods$");
    let r = ours(
        &api,
        &["rollout", "status", "logging/fluentd", "--watch=false"],
    );
    assert_eq!(r.code, 1, "{}", r.err);
    assert_eq!(r.out, "");
    assert!(
        r.err
            .contains("error: rollout status is only available for RollingUpdate strategy type"),
        "{}",
        r.err
    );
    assert_eq!(
        notes(&r.err),
        ["blocking nodes not shown: may not list pods in namespace \"logging\""]
    );
}

/// A 401 on an extra read is not a refusal of that read: the credentials are bad, exit 3.
#[test]
fn unauthorized_on_an_extra_read_still_fails() {
    let api = demo();
    api.fault("GET", "^/api/v1/namespaces/logging/pods$", 401, 10, 0.0);
    let r = ours(
        &api,
        &["rollout", "status", "logging/fluentd", "--watch=false"],
    );
    assert_eq!(r.code, 3, "{}", r.err);
    assert!(r.err.contains("401 Unauthorized"), "{}", r.err);
}

/// A namespace-scoped deployer with exactly kubectl's rollout rights: the same stdout and exit
/// code as kubectl for status (one answer and watching), history and undo, plus notes.
#[test]
fn namespace_scoped_deployer_gets_kubectls_answers() {
    let api = demo();
    let home = tempfile::tempdir().unwrap();
    forbid(&api, CORE);
    let same = |args: &[&str], expect: i32| {
        let k = theirs(&api, home.path(), args);
        let o = ours(&api, args);
        assert_eq!(k.code, expect, "kubectl {args:?}: {}", k.err);
        assert_eq!(o.code, k.code, "{args:?}: {}", o.err);
        assert_eq!(o.out, k.out, "{args:?}");
        o
    };
    let o = same(
        &[
            "rollout",
            "status",
            "ds/fluentd",
            "-n",
            "logging",
            "--watch=false",
        ],
        0,
    );
    assert_eq!(
        notes(&o.err),
        ["blocking nodes not shown: may not list pods in namespace \"logging\""]
    );
    let o = same(
        &[
            "rollout",
            "status",
            "ds/nvidia-device-plugin",
            "-n",
            "gpu-operator",
        ],
        0,
    );
    assert!(
        notes(&o.err).is_empty(),
        "a complete rollout reads nothing more: {}",
        o.err
    );
    let o = same(
        &[
            "rollout",
            "status",
            "ds/fluentd",
            "-n",
            "logging",
            "--timeout=1s",
        ],
        1,
    );
    assert!(
        o.err.contains("timed out waiting for the condition"),
        "{}",
        o.err
    );
    assert!(
        notes(&o.err)
            .contains(&"blocking nodes not shown: may not list pods in namespace \"logging\""),
        "{}",
        o.err
    );
    same(&["rollout", "history", "ds/fluentd", "-n", "logging"], 0);
    same(
        &[
            "rollout",
            "history",
            "ds/fluentd",
            "-n",
            "logging",
            "--revision=1",
        ],
        0,
    );
    same(
        &[
            "rollout",
            "undo",
            "ds/fluentd",
            "-n",
            "logging",
            "--dry-run=server",
        ],
        0,
    );
    // kubectl-only concerns (no plugin equivalent): diff-revision answers too.
    let d = ours(&api, &["diff-revision", "logging/fluentd"]);
    assert_eq!(d.code, 0, "{}", d.err);
    assert!(d.out.contains("image"), "{}", d.out);
    // And the real undo, last (it changes the DaemonSet): kubectl's on a twin server.
    let twin = demo();
    forbid(&twin, CORE);
    let undo = ["rollout", "undo", "ds/fluentd", "-n", "logging"];
    let k = theirs(&twin, home.path(), &undo);
    let o = ours(&api, &undo);
    assert_eq!((o.code, &o.out), (k.code, &k.out), "{}", o.err);
    assert_eq!(o.out, "daemonset.apps/fluentd rolled back\n");
    assert!(
        api.requests()
            .iter()
            .filter(|r| r["path"].as_str().unwrap_or("").starts_with("/api/v1/"))
            .all(|r| r["method"] == "GET"),
        "only reads were refused"
    );
}

#[test]
fn explain_placement_without_cluster_wide_pods_shows_own_pods_and_no_fit() {
    let api = demo();
    forbid(&api, "^/api/v1/pods$");
    let r = ours(
        &api,
        &["explain-placement", "kube-system/csi-node", "-o", "json"],
    );
    assert_eq!(r.code, 0, "{}", r.err);
    let v: Value = serde_json::from_str(&r.out).unwrap();
    let caveats = v["caveats"].as_array().unwrap();
    assert_eq!(caveats.len(), 1, "{caveats:?}");
    assert!(
        caveats[0]
            .as_str()
            .unwrap()
            .contains("(may not list pods in all namespaces)"),
        "{caveats:?}"
    );
    let nodes = v["nodes"].as_array().unwrap();
    // The DaemonSet's own pods were read in its namespace: states are what they are.
    let small = nodes.iter().find(|n| n["node"] == "small-1").unwrap();
    assert_eq!(small["state"], "Pending");
    let ready = nodes.iter().filter(|n| n["state"] == "Running").count();
    assert_eq!(ready, 4, "{nodes:?}");
    // Fit is not claimed either way anywhere.
    for n in nodes {
        assert!(n["fits"].is_null(), "{n}");
        assert!(
            n["checks"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c["name"] != "NodeResourcesFit" && c["name"] != "NodePorts"),
            "{n}"
        );
    }
    assert_eq!(v["summary"]["unschedulable"], 0);
    // Human output: the table, then the note.
    let r = ours(&api, &["explain-placement", "kube-system/csi-node"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("small-1"), "{}", r.out);
    assert_eq!(notes(&r.err).len(), 1, "{}", r.err);
}

#[test]
fn why_not_for_one_daemonset_without_cluster_wide_pods_answers_from_its_own() {
    let api = demo();
    forbid(&api, "^/api/v1/pods$");
    let r = ours(
        &api,
        &["why-not", "worker-2", "logging/fluentd", "-o", "json"],
    );
    assert_eq!(r.code, 0, "{}", r.err);
    let v: Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(v["results"][0]["state"], "NotReady");
    assert_eq!(v["results"][0]["pod"]["reason"], "CrashLoopBackOff");
    assert!(v["results"][0]["fits"].is_null());
    assert!(
        v["caveats"][0]
            .as_str()
            .unwrap()
            .contains("may not list pods in all namespaces"),
        "{v}"
    );
}

#[test]
fn explain_placement_without_events_or_namespaces_notes_both() {
    let api = demo();
    forbid(&api, "^/api/v1/namespaces/kube-system/events$");
    forbid(&api, "^/api/v1/namespaces$");
    let r = ours(&api, &["explain-placement", "kube-system/csi-node"]);
    assert_eq!(r.code, 0, "{}", r.err);
    let n = notes(&r.err);
    assert_eq!(n.len(), 2, "{}", r.err);
    assert!(
        n[0].starts_with(
            "scheduler events not read (may not list events in namespace \"kube-system\")"
        ),
        "{n:?}"
    );
    assert!(
        n[1].starts_with("namespaces not read (may not list namespaces)"),
        "{n:?}"
    );
    // The fit verdicts need no events: still there.
    assert!(r.out.contains("NodeResourcesFit"), "{}", r.out);
}

/// The rows of explain-placement are nodes: without them there is no answer (exit 3).
#[test]
fn explain_placement_without_nodes_fails() {
    let api = demo();
    forbid(&api, "^/api/v1/nodes$");
    let r = ours(&api, &["explain-placement", "logging/fluentd"]);
    assert_eq!(r.code, 3, "{}", r.err);
    assert!(r.err.contains("kubectl auth can-i list nodes"), "{}", r.err);
}
