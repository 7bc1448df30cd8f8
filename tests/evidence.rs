//! Evidence, inter-pod affinity and unmodelled-filter caveats through the CLI (issue 13 items 4
//! and 5): on a snapshot (human and JSON output) and live over fakeapi (the events are read with
//! server-side field selectors; a 403 on events becomes a caveat and the answer stands).

use std::path::PathBuf;

use serde_json::{Value, json};

use crate::support::FakeApi;
use crate::util::{kubectl_ds, run_json};

fn fixture() -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/evidence/cluster.yaml")
}

fn snap(args: &[&str]) -> crate::util::Run {
    let f = fixture();
    kubectl_ds().args(args).arg("--snapshot").arg(&f).run()
}

fn node<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["node"] == name)
        .unwrap_or_else(|| panic!("no node {name} in {doc}"))
}

#[test]
fn why_not_node_ds_lists_what_the_cluster_said() {
    let r = snap(&["why-not", "node-b", "default/agent"]);
    r.expect_code(0);
    let out = &r.stdout;
    assert!(out.contains("what the cluster said (newest first):"), "{r}");
    let row = out
        .lines()
        .find(|l| l.starts_with("event") && l.contains("FailedCreate"))
        .unwrap_or_else(|| panic!("no FailedCreate row\n{r}"));
    for word in [
        "2026-12-01T10:05:00Z",
        "14",
        "NO",
        "exceeded quota: pods-quota",
    ] {
        assert!(row.contains(word), "{word:?} missing in {row:?}");
    }
}

#[test]
fn evidence_is_newest_first_and_marks_the_contradiction() {
    let f = fixture();
    let doc = run_json(&[
        "why-not",
        "node-c",
        "default/agent",
        "--snapshot",
        f.to_str().unwrap(),
        "-o",
        "json",
    ]);
    let v = &doc["results"][0];
    assert_eq!(v["fits"], json!(true));
    assert_eq!(
        v["evidence"],
        json!([
            {"source": "event", "reason": "FailedDaemonPod",
             "message": "Found failed daemon pod default/agent-ccccc on node node-c, will try to kill it",
             "time": "2026-12-01T10:00:03Z", "count": 1, "agrees": true},
            {"source": "pod", "reason": "OutOfcpu",
             "message": "pod agent-ccccc failed: Pod was rejected: Node didn't have enough resource: cpu, requested: 100, used: 1950, capacity: 2000",
             "time": "2026-12-01T10:00:00Z", "count": 1, "agrees": false}
        ])
    );
}

#[test]
fn reason_column_shows_evidence_that_tells_more() {
    let r = snap(&["why-not", "node-b"]);
    r.expect_code(0);
    let agent = r
        .stdout
        .lines()
        .find(|l| l.starts_with("default/agent"))
        .unwrap_or_else(|| panic!("{r}"));
    assert!(
        agent.contains("FailedCreate: Error creating: pods \"agent-x7k2p\" is forbidden")
            && agent.contains("(event, 14 times, 2026-12-01T10:05:00Z)")
            && agent.contains("the cluster contradicts the prediction that the pod fits"),
        "{agent}"
    );
    // The prediction explains logger's row itself: no evidence needed.
    let logger = r
        .stdout
        .lines()
        .find(|l| l.starts_with("default/logger"))
        .unwrap_or_else(|| panic!("{r}"));
    assert!(
        logger.contains("InterPodAffinity: node(s) didn't satisfy existing pods anti-affinity rules: pod default/db-0 (on this node)"),
        "{logger}"
    );
    // The caveat of one DaemonSet names it.
    assert!(
        r.stderr.contains("note: volume filters (VolumeBinding, VolumeZone, VolumeRestrictions, NodeVolumeLimits) not evaluated: the pod uses persistentVolumeClaim logger-spool (daemonset default/logger)"),
        "{r}"
    );
}

#[test]
fn a_healthy_node_shows_no_stale_evidence() {
    // node-a runs its pod: the quota FailedCreate is about nodes still missing one.
    let f = fixture();
    let doc = run_json(&[
        "explain-placement",
        "default/agent",
        "--snapshot",
        f.to_str().unwrap(),
        "-o",
        "json",
    ]);
    assert!(node(&doc, "node-a").get("evidence").is_none(), "{doc}");
    assert_eq!(
        node(&doc, "node-b")["evidence"][0]["reason"],
        json!("FailedCreate")
    );
}

#[test]
fn unmodelled_filters_are_caveats_on_every_wanted_node() {
    let f = fixture();
    let doc = run_json(&[
        "explain-placement",
        "default/logger",
        "--snapshot",
        f.to_str().unwrap(),
        "-o",
        "json",
    ]);
    for n in ["node-a", "node-b", "node-c"] {
        assert_eq!(
            node(&doc, n)["caveats"],
            json!([
                "volume filters (VolumeBinding, VolumeZone, VolumeRestrictions, NodeVolumeLimits) not evaluated: the pod uses persistentVolumeClaim logger-spool"
            ]),
            "{n}"
        );
    }
    let b = node(&doc, "node-b");
    assert_eq!(b["fits"], json!(false));
    assert_eq!(
        b["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["passed"] == json!(false))
            .unwrap()["name"],
        json!("InterPodAffinity")
    );
    assert_eq!(doc["summary"]["unschedulable"], json!(1));
    // Human: the caveat that holds for every node is said once, without a node list.
    let r = snap(&["explain-placement", "default/logger"]);
    r.expect_code(0);
    let notes: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.contains("volume filters"))
        .collect();
    assert_eq!(
        notes,
        [
            "note: volume filters (VolumeBinding, VolumeZone, VolumeRestrictions, NodeVolumeLimits) not evaluated: the pod uses persistentVolumeClaim logger-spool"
        ],
        "{r}"
    );
}

#[test]
fn live_evidence_matches_the_snapshot_and_is_read_narrowly() {
    let api = FakeApi::start(&fixture());
    let kc = api.kubeconfig.to_str().unwrap();
    let f = fixture();
    for q in [
        &["explain-placement", "default/agent", "-o", "json"][..],
        &["why-not", "node-c", "-o", "json"][..],
    ] {
        let mut live = run_json(&[q, &["--kubeconfig", kc]].concat());
        let mut offline = run_json(&[q, &["--snapshot", f.to_str().unwrap()]].concat());
        // Where the release came from differs by source (the server's /version, or the
        // default for a file that recorded none); everything else must not.
        assert_eq!(live["semantics"]["from"], "server", "{q:?}");
        assert_eq!(offline["semantics"]["from"], "default", "{q:?}");
        live["semantics"]["from"] = serde_json::Value::Null;
        offline["semantics"]["from"] = serde_json::Value::Null;
        assert_eq!(live, offline, "{q:?}");
    }
    let selectors: Vec<String> = api
        .lists()
        .iter()
        .filter(|r| r["path"] == "/api/v1/namespaces/default/events")
        .filter_map(|r| r["query"]["fieldSelector"].as_str().map(str::to_string))
        .collect();
    assert!(
        selectors.contains(
            &"involvedObject.kind=DaemonSet,type=Warning,involvedObject.name=agent".to_string()
        ),
        "{selectors:?}"
    );
    assert!(
        selectors.contains(&"involvedObject.kind=Pod,reason=FailedScheduling".to_string()),
        "{selectors:?}"
    );
}

#[test]
fn live_events_refused_is_a_caveat_and_the_pods_still_speak() {
    let api = FakeApi::start(&fixture());
    api.fault(
        "GET",
        "^/api/v1/namespaces/default/events$",
        403,
        10_000,
        0.0,
    );
    let doc = run_json(&[
        "explain-placement",
        "default/agent",
        "--kubeconfig",
        api.kubeconfig.to_str().unwrap(),
        "-o",
        "json",
    ]);
    let caveats = doc["caveats"].as_array().unwrap();
    assert!(
        caveats.iter().any(|c| c.as_str().unwrap().starts_with(
            "scheduler events not read (may not list events in namespace \"default\")"
        ) && c.as_str().unwrap().contains("FailedCreate/FailedDaemonPod")),
        "{doc}"
    );
    // No event evidence, but the kubelet's rejection is on the pod itself.
    assert!(node(&doc, "node-b").get("evidence").is_none(), "{doc}");
    assert_eq!(
        node(&doc, "node-c")["evidence"],
        json!([{"source": "pod", "reason": "OutOfcpu",
                "message": "pod agent-ccccc failed: Pod was rejected: Node didn't have enough resource: cpu, requested: 100, used: 1950, capacity: 2000",
                "time": "2026-12-01T10:00:00Z", "count": 1, "agrees": false}])
    );
}

#[test]
fn live_why_not_says_pods_elsewhere_were_not_read_for_a_zone_term() {
    // A DaemonSet that keeps one pod per zone: live `why-not NODE` reads only that node's pods,
    // so the pod on node-b (same zone) is not seen there — the answer says so. The snapshot,
    // which has every pod, sees the conflict.
    let dir = tempfile::tempdir().unwrap();
    let node = |name: &str| {
        json!({"apiVersion": "v1", "kind": "Node",
               "metadata": {"name": name, "labels": {"kubernetes.io/hostname": name,
                                                     "topology.kubernetes.io/zone": "a"}},
               "status": {"allocatable": {"cpu": "2", "memory": "4Gi", "pods": "110"}}})
    };
    let anti = json!({"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
        {"labelSelector": {"matchLabels": {"app": "spread"}},
         "topologyKey": "topology.kubernetes.io/zone"}]}});
    let list = json!({"apiVersion": "v1", "kind": "List", "items": [
        node("node-a"), node("node-b"),
        {"apiVersion": "apps/v1", "kind": "DaemonSet",
         "metadata": {"name": "spread", "namespace": "default", "uid": "ds-spread"},
         "spec": {"selector": {"matchLabels": {"app": "spread"}},
                  "template": {"metadata": {"labels": {"app": "spread"}},
                               "spec": {"affinity": anti,
                                        "containers": [{"name": "c", "image": "c:1"}]}}}},
        {"apiVersion": "v1", "kind": "Pod",
         "metadata": {"name": "spread-b", "namespace": "default", "uid": "p-b",
                      "labels": {"app": "spread"},
                      "ownerReferences": [{"apiVersion": "apps/v1", "kind": "DaemonSet",
                                           "name": "spread", "uid": "ds-spread", "controller": true}]},
         "spec": {"nodeName": "node-b", "affinity": anti,
                  "containers": [{"name": "c", "image": "c:1"}]},
         "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}}
    ]});
    let file = dir.path().join("spread.json");
    std::fs::write(&file, list.to_string()).unwrap();
    let q = ["why-not", "node-a", "default/spread", "-o", "json"];
    let offline = run_json(&[&q[..], &["--snapshot", file.to_str().unwrap()]].concat());
    assert_eq!(offline["results"][0]["fits"], json!(false), "{offline}");
    let only = |doc: &Value| {
        doc["caveats"].as_array().into_iter().flatten().any(|c| {
            c.as_str()
                .unwrap()
                .starts_with("only the pods on node node-a were read")
        })
    };
    assert!(!only(&offline), "{offline}");

    let api = FakeApi::start(&file);
    let live = run_json(&[&q[..], &["--kubeconfig", api.kubeconfig.to_str().unwrap()]].concat());
    assert!(only(&live), "{live}");
}

#[test]
fn list_top_reason_takes_the_telling_evidence() {
    let f = fixture();
    let doc = run_json(&[
        "list",
        "-A",
        "--snapshot",
        f.to_str().unwrap(),
        "-o",
        "json",
    ]);
    let agent = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["daemonSet"]["name"] == "agent")
        .unwrap();
    let top = agent["topReason"].as_str().unwrap();
    // node-b (FailedCreate) and node-c (OutOfcpu) each contradict the prediction: the
    // cluster's word, not "Missing" or "Failed"; a tie goes to the first by name.
    assert_eq!(
        top,
        "FailedCreate: Error creating: pods \"agent-x7k2p\" is forbidden: exceeded quota: pods-quota, requested: pods=1, used: pods=20, limited: pods=20 (1 node)"
    );
}
