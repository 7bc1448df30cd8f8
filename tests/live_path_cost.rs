//! What `rollout status` costs, counted in the server's request log: a complete rollout costs
//! what kubectl's costs (one GET of the DaemonSet, whatever the cluster's size); an incomplete
//! one reads only what its blockers need (its own pods by selector, the nodes concerned, the pods
//! on a node only where a fit check is needed); watching does not read pods again per event.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::{FakeApi, kubectl};
use crate::util::kubectl_ds;
use serde_json::{Value, json};

/// A cluster of `n` nodes `n0..` and RollingUpdate DaemonSet `default/agent`: the first
/// `outdated` nodes run its old revision, the last `missing` nodes have no pod of it; every node
/// also runs a web pod (namespace `apps`) that uses CPU.
fn cluster(dir: &Path, n: usize, outdated: usize, missing: usize) -> PathBuf {
    let with_pod = n - missing;
    let mut items = vec![json!({"apiVersion":"apps/v1","kind":"DaemonSet",
        "metadata":{"name":"agent","namespace":"default","uid":"ds-uid","generation":2,"resourceVersion":"10"},
        "spec":{"selector":{"matchLabels":{"app":"agent"}},
                "updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":1}},
                "template":{"metadata":{"labels":{"app":"agent"}},
                            "spec":{"containers":[{"name":"a","image":"agent:2",
                                "resources":{"requests":{"cpu":"100m"}}}]}}},
        "status":{"observedGeneration":2,"desiredNumberScheduled":n,"currentNumberScheduled":with_pod,
                  "updatedNumberScheduled":with_pod - outdated,"numberAvailable":with_pod,
                  "numberReady":with_pod,"numberMisscheduled":0}})];
    items.push(json!({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"default"}}));
    for i in 0..n {
        items.push(
            json!({"apiVersion":"v1","kind":"Node","metadata":{"name":format!("n{i}")},
            "status":{"allocatable":{"cpu":"4","memory":"8Gi","pods":"110"},
                      "conditions":[{"type":"Ready","status":"True"}]}}),
        );
        if i < with_pod {
            let (hash, created) = if i < outdated {
                ("old", "2026-01-01T00:00:00Z")
            } else {
                ("new", "2026-02-01T00:00:00Z")
            };
            items.push(json!({"apiVersion":"v1","kind":"Pod",
                "metadata":{"name":format!("agent-{i}"),"namespace":"default","uid":format!("agent-uid-{i}"),
                            "creationTimestamp":created,
                            "labels":{"app":"agent","controller-revision-hash":hash},
                            "ownerReferences":[{"apiVersion":"apps/v1","kind":"DaemonSet","name":"agent","uid":"ds-uid","controller":true}]},
                "spec":{"nodeName":format!("n{i}"),"containers":[{"name":"a","image":"agent:2"}]},
                "status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}));
        }
        items.push(json!({"apiVersion":"v1","kind":"Pod",
            "metadata":{"name":format!("web-{i}"),"namespace":"apps","uid":format!("web-uid-{i}")},
            "spec":{"nodeName":format!("n{i}"),"containers":[{"name":"w","image":"web:1",
                "resources":{"requests":{"cpu":"1"}}}]},
            "status":{"phase":"Running"}}));
    }
    let path = dir.join(format!("agent-{n}-{outdated}-{missing}.json"));
    std::fs::write(
        &path,
        json!({"apiVersion":"v1","kind":"List","items":items}).to_string(),
    )
    .unwrap();
    path
}

/// `METHOD PATH?fieldSelector` of every API request (discovery and watches included).
fn calls(api: &FakeApi) -> Vec<String> {
    api.requests()
        .iter()
        .map(|r| {
            let mut s = format!(
                "{} {}",
                r["method"].as_str().unwrap_or(""),
                r["path"].as_str().unwrap_or("")
            );
            for key in ["fieldSelector", "watch"] {
                if let Some(v) = r["query"][key].as_str() {
                    s.push_str(&format!(" {key}={v}"));
                }
            }
            s
        })
        .collect()
}

fn status(api: &FakeApi, extra: &[&str]) -> (i32, String, String) {
    let o = kubectl_ds()
        .args(["rollout", "status", "default/agent", "--kubeconfig"])
        .arg(&api.kubeconfig)
        .args(extra)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

const GET_DS: &str = "GET /apis/apps/v1/namespaces/default/daemonsets/agent";

#[test]
fn a_complete_rollout_costs_one_get_at_any_size() {
    let dir = tempfile::tempdir().unwrap();
    for n in [3, 120] {
        let api = FakeApi::start(&cluster(dir.path(), n, 0, 0));
        for extra in [&["--watch=false"][..], &[], &["-o", "json"]] {
            api.clear_log();
            let (code, out, err) = status(&api, extra);
            assert_eq!(code, 0, "{err}");
            assert!(out.contains("successfully rolled out"), "{out}");
            assert_eq!(calls(&api), [GET_DS], "{n} nodes, {extra:?}");
        }
    }
}

/// kubectl v1.37 on the same server: a GET of the DaemonSet (the same request as ours), then a
/// one-object watch its answer comes from; never more than that, and never less from us.
#[test]
fn a_complete_rollout_costs_no_more_than_kubectls() {
    let dir = tempfile::tempdir().unwrap();
    let api = FakeApi::start(&cluster(dir.path(), 40, 0, 0));
    let home = tempfile::tempdir().unwrap();
    let kubectl_calls = |args: &[&str]| {
        // Discovery is cached in HOME after the first run: count the second.
        for _ in 0..2 {
            api.clear_log();
            let o = Command::new(kubectl())
                .args(args)
                .env("KUBECONFIG", &api.kubeconfig)
                .env("HOME", home.path())
                .output()
                .unwrap();
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        }
        calls(&api)
    };
    for watch in ["--watch=false", "--watch=true"] {
        let theirs = kubectl_calls(&["rollout", "status", "ds/agent", watch]);
        assert_eq!(theirs.len(), 2, "{theirs:?}");
        assert_eq!(theirs[0], GET_DS);
        assert!(theirs[1].ends_with("watch=true"), "{theirs:?}");
        api.clear_log();
        let (code, _, err) = status(&api, &[watch]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(calls(&api), [GET_DS]);
    }
}

/// Two nodes with an old pod: the DaemonSet, its own pods, its revisions, its namespace, those
/// two nodes and the server's version — the same requests at 3 and at 120 nodes, and no pod list
/// beyond its own.
#[test]
fn an_incomplete_rollout_reads_its_own_pods_and_the_nodes_concerned() {
    let dir = tempfile::tempdir().unwrap();
    let mut seen = Vec::new();
    for n in [3, 120] {
        let api = FakeApi::start(&cluster(dir.path(), n, 2, 0));
        let (code, out, err) = status(&api, &["--watch=false"]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(
            out,
            format!(
                "Waiting for daemon set \"agent\" rollout to finish: {} out of {n} new pods have been updated...\n",
                n - 2
            )
        );
        assert!(err.contains("2 node(s) hold the rollout back:"), "{err}");
        assert!(err.contains("n0 ") && err.contains("n1 "), "{err}");
        let mut c = calls(&api);
        c.sort();
        assert_eq!(
            c,
            [
                "GET /api/v1/namespaces/default",
                "GET /api/v1/namespaces/default/pods",
                "GET /api/v1/nodes/n0",
                "GET /api/v1/nodes/n1",
                // Which release to mirror for the blockers' fit (discovery, best effort; sent
                // beside the node reads, so no extra round trip).
                "GET /apis",
                "GET /apis/apps/v1/namespaces/default/controllerrevisions",
                GET_DS,
                "GET /version",
            ]
        );
        seen.push(c);
    }
    assert_eq!(seen[0], seen[1]);
}

/// A wanted node without a pod: finding it takes the node list; its fit, the pods bound to that
/// node alone (by field selector), never the cluster's pod list.
#[test]
fn a_missing_pod_reads_the_nodes_and_only_that_nodes_pods() {
    let dir = tempfile::tempdir().unwrap();
    let api = FakeApi::start(&cluster(dir.path(), 120, 0, 1));
    let (code, out, err) = status(&api, &["--watch=false", "-o", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["blockingNodes"],
        json!([{"node":"n119","state":"Missing","pod":null,"reason":"no daemon pod yet"}])
    );
    let c = calls(&api);
    assert_eq!(
        c.iter()
            .filter(|c| c.starts_with("GET /api/v1/nodes"))
            .count(),
        1,
        "{c:?}"
    );
    assert!(c.contains(&"GET /api/v1/nodes".to_string()), "{c:?}");
    let pods: Vec<&String> = c
        .iter()
        .filter(|c| c.starts_with("GET /api/v1/pods"))
        .collect();
    assert_eq!(
        pods,
        [
            "GET /api/v1/pods fieldSelector=spec.nodeName=n119,status.phase!=Succeeded,status.phase!=Failed"
        ]
    );
}

/// The fit check on the missing node uses what the other pods there request.
#[test]
fn a_missing_pod_that_does_not_fit_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let api = FakeApi::start(&cluster(dir.path(), 5, 0, 1));
    // Fill n4: with web-4 (1 CPU), 50m of its 4 CPUs are left.
    let (code, body) = api.call(
        "POST",
        "/api/v1/namespaces/apps/pods",
        "application/json",
        &json!({"apiVersion":"v1","kind":"Pod","metadata":{"name":"hog","namespace":"apps","uid":"hog"},
            "spec":{"nodeName":"n4","containers":[{"name":"h","image":"h","resources":{"requests":{"cpu":"2950m"}}}]},
            "status":{"phase":"Running"}})
        .to_string(),
    );
    assert!(code < 300, "{body}");
    let (code, _, err) = status(&api, &["--watch=false"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("n4   Missing   NodeResourcesFit: Insufficient cpu"),
        "{err}"
    );
}

/// Watching an incomplete rollout: its pods and nodes are read once, not on each change of the
/// DaemonSet.
#[test]
fn watching_does_not_read_pods_again_on_each_change() {
    let dir = tempfile::tempdir().unwrap();
    let api = FakeApi::start(&cluster(dir.path(), 10, 3, 0));
    let kc = api.kubeconfig.clone();
    let handle = std::thread::spawn(move || {
        kubectl_ds()
            .args([
                "rollout",
                "status",
                "default/agent",
                "--timeout=60s",
                "--kubeconfig",
            ])
            .arg(&kc)
            .timeout(Duration::from_secs(90))
            .output()
            .unwrap()
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    while !calls(&api)
        .iter()
        .any(|c| c.ends_with("watch=true") || c.ends_with("watch=1"))
    {
        assert!(Instant::now() < deadline, "no watch: {:?}", calls(&api));
        std::thread::sleep(Duration::from_millis(50));
    }
    for updated in [8, 9, 10] {
        let status = json!({"observedGeneration": 2, "desiredNumberScheduled": 10,
            "currentNumberScheduled": 10, "updatedNumberScheduled": updated, "numberAvailable": 10,
            "numberReady": 10, "numberMisscheduled": 0});
        api.set_daemonset_status("default", "agent", status);
        std::thread::sleep(Duration::from_millis(300));
    }
    let out = handle.join().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.ends_with("daemon set \"agent\" successfully rolled out\n"),
        "{stdout}"
    );
    assert!(stdout.contains("8 out of 10"), "{stdout}");
    let c = calls(&api);
    let pod_reads = c.iter().filter(|c| c.contains("/pods")).count();
    let node_reads = c.iter().filter(|c| c.contains("/nodes")).count();
    assert_eq!((pod_reads, node_reads), (1, 3), "{c:?}");
}

/// `--chunk-size`, kubectl's flag: the page size of every LIST (default 500, as kubectl's);
/// 0 reads each list in one request. Given, it also makes the pods of other workloads a
/// consistent, paged read; by default they come from the watch cache (`resourceVersion=0`) in
/// one request. Same answer every way.
#[test]
fn chunk_size_sets_the_page_size_of_lists() {
    let dir = tempfile::tempdir().unwrap();
    let api = FakeApi::start(&cluster(dir.path(), 12, 0, 0));
    let kc = api.kubeconfig.to_str().unwrap().to_string();
    let answer = |extra: &[&str]| {
        api.clear_log();
        let mut cmd = kubectl_ds();
        cmd.args([
            "explain-placement",
            "default/agent",
            "-o",
            "json",
            "--kubeconfig",
            &kc,
        ]);
        cmd.args(extra);
        let v = cmd.json();
        let of = |path: &str| -> Vec<Value> {
            api.lists()
                .into_iter()
                .filter(|r| r["path"] == path)
                .collect()
        };
        (v, of("/api/v1/nodes"), of("/api/v1/pods"))
    };
    let (default, lists, pods) = answer(&[]);
    assert_eq!(lists.len(), 1, "{lists:?}");
    assert_eq!(lists[0]["query"]["limit"], "500", "{lists:?}");
    assert_eq!(pods.len(), 1, "{pods:?}");
    assert_eq!(pods[0]["query"]["resourceVersion"], "0", "{pods:?}");
    assert!(pods[0]["query"].get("limit").is_none(), "{pods:?}");
    let (small, lists, pods) = answer(&["--chunk-size", "5"]);
    assert_eq!(lists.len(), 3, "12 nodes in pages of 5: {lists:?}");
    assert!(
        lists.iter().all(|r| r["query"]["limit"] == "5"),
        "{lists:?}"
    );
    assert_eq!(pods.len(), 5, "24 running pods in pages of 5: {pods:?}");
    assert!(
        pods.iter()
            .all(|r| r["query"]["limit"] == "5" && r["query"].get("resourceVersion").is_none()),
        "{pods:?}"
    );
    let (whole, lists, pods) = answer(&["--chunk-size", "0"]);
    assert_eq!(lists.len(), 1, "{lists:?}");
    assert!(lists[0]["query"].get("limit").is_none(), "{lists:?}");
    assert_eq!(pods.len(), 1, "{pods:?}");
    assert!(
        pods[0]["query"].get("resourceVersion").is_none(),
        "{pods:?}"
    );
    assert_eq!(default, small);
    assert_eq!(default, whole);
}
