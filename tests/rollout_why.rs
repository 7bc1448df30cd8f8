//! `rollout status` says why a rollout waits when the controller's update budget explains it
//! (issue 11 item 12): the controller's arithmetic of upstream `rollingUpdate`, replayed on a
//! snapshot, for maxUnavailable and for maxSurge, and nothing when the rollout progresses.

use serde_json::{Value, json};

use crate::util::kubectl_ds;

/// A pod of the DaemonSet `agent` on `node` with revision `hash`; `waiting` makes it not ready.
fn pod(node: &str, hash: &str, created: &str, waiting: Option<&str>) -> Value {
    let ready = waiting.is_none();
    let mut status = json!({
        "phase": "Running",
        "conditions": [{"type": "Ready", "status": if ready {"True"} else {"False"},
                        "lastTransitionTime": "2026-01-01T00:00:00Z"}],
        "containerStatuses": [{"name": "agent", "ready": ready, "restartCount": 0, "image": "agent",
                               "imageID": "", "state": {"running": {}}}],
    });
    if let Some(reason) = waiting {
        status["containerStatuses"][0]["state"] = json!({"waiting": {"reason": reason}});
        status["containerStatuses"][0]["restartCount"] = json!(7);
    }
    json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": format!("agent-{hash}-{node}"), "namespace": "ops",
                     "uid": format!("uid-{hash}-{node}"), "creationTimestamp": created,
                     "labels": {"app": "agent", "controller-revision-hash": hash},
                     "ownerReferences": [{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": "agent",
                                          "uid": "uid-agent", "controller": true}]},
        "spec": {"nodeName": node, "containers": [{"name": "agent", "image": "agent"}]},
        "status": status,
    })
}

fn node(name: &str) -> Value {
    json!({"apiVersion": "v1", "kind": "Node", "metadata": {"name": name, "labels": {"kubernetes.io/hostname": name}},
           "status": {"allocatable": {"cpu": "4", "memory": "8Gi", "pods": "110"},
                      "conditions": [{"type": "Ready", "status": "True"}]}})
}

/// Three nodes; `rolling` is the DaemonSet's rollingUpdate; `pods` its pods.
fn snapshot(dir: &std::path::Path, rolling: Value, pods: Vec<Value>, updated: i64) -> String {
    let ds = json!({
        "apiVersion": "apps/v1", "kind": "DaemonSet",
        "metadata": {"name": "agent", "namespace": "ops", "uid": "uid-agent", "generation": 2},
        "spec": {"selector": {"matchLabels": {"app": "agent"}},
                 "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": rolling},
                 "template": {"metadata": {"labels": {"app": "agent"}},
                              "spec": {"containers": [{"name": "agent", "image": "agent:2"}]}}},
        "status": {"observedGeneration": 2, "desiredNumberScheduled": 3, "currentNumberScheduled": 3,
                   "updatedNumberScheduled": updated, "numberAvailable": 2, "numberReady": 2,
                   "numberMisscheduled": 0},
    });
    let mut items = vec![
        json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "ops"}}),
        ds,
        node("w1"),
        node("w2"),
        node("w3"),
    ];
    items.extend(pods);
    let path = dir.join("snap.json");
    std::fs::write(
        &path,
        json!({"apiVersion": "v1", "kind": "List", "items": items}).to_string(),
    )
    .unwrap();
    path.to_string_lossy().into_owned()
}

const OLD: &str = "2026-01-01T00:00:00Z";
const NEW: &str = "2026-01-02T00:00:00Z";

fn status(snap: &str, json: bool) -> (String, String) {
    let mut cmd = kubectl_ds();
    cmd.args([
        "rollout",
        "status",
        "ops/agent",
        "--watch=false",
        "--snapshot",
        snap,
    ]);
    if json {
        cmd.args(["-o", "json"]);
    }
    let run = cmd.run();
    run.expect_code(0);
    (run.stdout.clone(), run.stderr.clone())
}

#[test]
fn max_unavailable_spent_by_a_crash_looping_new_pod() {
    let dir = tempfile::tempdir().unwrap();
    let snap = snapshot(
        dir.path(),
        json!({"maxUnavailable": 1, "maxSurge": 0}),
        vec![
            pod("w1", "new", NEW, Some("CrashLoopBackOff")),
            pod("w2", "old", OLD, None),
            pod("w3", "old", OLD, None),
        ],
        1,
    );
    let (_, err) = status(&snap, false);
    assert!(
        err.contains("waiting: the new pod on w1 is CrashLoopBackOff; with maxUnavailable 1 no further node is updated until it is available"),
        "{err}"
    );
    let (out, _) = status(&snap, true);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["why"],
        "the new pod on w1 is CrashLoopBackOff; with maxUnavailable 1 no further node is updated until it is available"
    );
}

#[test]
fn a_percentage_budget_rounds_up_and_a_free_slot_means_progress() {
    // 34% of 3 rounds up to 2: one unavailable node leaves a slot, so the rollout progresses and
    // there is no "waiting" line (the blockers are still listed).
    let dir = tempfile::tempdir().unwrap();
    let snap = snapshot(
        dir.path(),
        json!({"maxUnavailable": "34%", "maxSurge": 0}),
        vec![
            pod("w1", "new", NEW, Some("CrashLoopBackOff")),
            pod("w2", "old", OLD, None),
            pod("w3", "old", OLD, None),
        ],
        1,
    );
    let (_, err) = status(&snap, false);
    assert!(!err.contains("waiting:"), "{err}");
    assert!(err.contains("hold the rollout back"), "{err}");
    let (out, _) = status(&snap, true);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(v.get("why").is_none(), "{v}");
}

#[test]
fn max_surge_spent_by_a_new_pod_that_cannot_pull_its_image() {
    let dir = tempfile::tempdir().unwrap();
    let snap = snapshot(
        dir.path(),
        json!({"maxUnavailable": 0, "maxSurge": 1}),
        vec![
            pod("w1", "old", OLD, None),
            pod("w1", "new", NEW, Some("ImagePullBackOff")),
            pod("w2", "old", OLD, None),
            pod("w3", "old", OLD, None),
        ],
        1,
    );
    let (_, err) = status(&snap, false);
    assert!(
        err.contains("waiting: the new pod on w1 is ImagePullBackOff (the old pod keeps running); with maxSurge 1 no further node is updated until it is available"),
        "{err}"
    );
}

#[test]
fn several_unavailable_nodes_are_named_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let snap = snapshot(
        dir.path(),
        json!({"maxUnavailable": 2}),
        vec![
            pod("w1", "new", NEW, Some("CrashLoopBackOff")),
            pod("w2", "new", NEW, Some("ErrImagePull")),
            pod("w3", "old", OLD, None),
        ],
        2,
    );
    let (_, err) = status(&snap, false);
    assert!(
        err.contains("waiting: 2 nodes wait for a pod to become available (the new pod on w1 is CrashLoopBackOff; the new pod on w2 is ErrImagePull); with maxUnavailable 2 no further node is updated until one of them is"),
        "{err}"
    );
}

/// The blockers follow the Kubernetes release mirrored (issue 13): a template with pod-level
/// resources counts them from 1.34 (PodLevelResources on by default), the container sum before.
#[test]
fn blockers_follow_the_release_mirrored() {
    let dir = tempfile::tempdir().unwrap();
    let mut items = vec![
        json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "ops"}}),
        json!({"apiVersion": "apps/v1", "kind": "DaemonSet",
               "metadata": {"name": "agent", "namespace": "ops", "uid": "uid-agent", "generation": 2},
               "spec": {"selector": {"matchLabels": {"app": "agent"}},
                        "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1}},
                        "template": {"metadata": {"labels": {"app": "agent"}},
                                     "spec": {"resources": {"requests": {"cpu": "800m"}},
                                              "containers": [{"name": "agent", "image": "agent:2",
                                                              "resources": {"requests": {"cpu": "100m"}}}]}}},
               "status": {"observedGeneration": 2, "desiredNumberScheduled": 1, "currentNumberScheduled": 0,
                          "updatedNumberScheduled": 0, "numberAvailable": 0, "numberReady": 0,
                          "numberMisscheduled": 0}}),
    ];
    let mut n = node("w1");
    n["status"]["allocatable"]["cpu"] = json!("1");
    items.push(n);
    items.push(json!({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "batch", "namespace": "jobs", "uid": "uid-batch"},
        "spec": {"nodeName": "w1", "containers": [{"name": "b", "image": "b",
                 "resources": {"requests": {"cpu": "500m"}}}]},
        "status": {"phase": "Running"}}));
    let path = dir.path().join("snap.json");
    std::fs::write(
        &path,
        json!({"apiVersion": "v1", "kind": "List", "items": items}).to_string(),
    )
    .unwrap();
    let snap = path.to_string_lossy().into_owned();
    let blocker = |release: &str| -> Value {
        let run = kubectl_ds()
            .args([
                "rollout",
                "status",
                "ops/agent",
                "--watch=false",
                "-o",
                "json",
            ])
            .args(["--snapshot", &snap, "--kube-version", release])
            .run();
        run.expect_code(0);
        serde_json::from_str::<Value>(&run.stdout).unwrap()["blockingNodes"][0].clone()
    };
    let new = blocker("1.37");
    assert!(
        new["reason"]
            .as_str()
            .unwrap()
            .contains("Insufficient cpu: requests 800m"),
        "{new}"
    );
    let old = blocker("1.33");
    assert_eq!(old["reason"], "no daemon pod yet", "{old}");
}
