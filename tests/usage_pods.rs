//! Pods no DaemonSet can own are kept reduced to their node usage for the placement commands
//! (`Query::foreign_pods_as_usage`). These tests check the answers are the same as with every
//! pod read in full.

use std::io::Write;
use std::path::PathBuf;

use kubectl_ds::cluster::Query;
use kubectl_ds::cluster::snapshot::{load, load_for};
use kubectl_ds::model::ClusterState;
use kubectl_ds::placement::state::ClusterIndex;

use crate::util::kubectl_ds;

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/demo-cluster.yaml");

fn usage_query() -> Query {
    Query {
        pods: true,
        foreign_pods_as_usage: true,
        ..Default::default()
    }
}

/// Every DaemonSet explained on every node, as JSON.
fn explain_all(state: &ClusterState) -> Vec<serde_json::Value> {
    let index = ClusterIndex::new(state, 1_800_000_000);
    state
        .daemonsets
        .iter()
        .map(|ds| serde_json::to_value(index.explain(ds, |_| true)).unwrap())
        .collect()
}

fn write_temp(text: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new().suffix(".yaml").tempfile().unwrap();
    f.write_all(text.as_bytes()).unwrap();
    f
}

/// A node with one DaemonSet wanting a host port and cpu, beside foreign pods that hold the
/// port, use cpu, are terminal, are read twice, and one that is not bound.
const CLUSTER: &str = r#"
apiVersion: v1
kind: Node
metadata: {name: n1}
status: {allocatable: {cpu: "1", memory: 1Gi, pods: "4", example.com/dongle: "2"}}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: ops, uid: ds-uid}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
      - name: a
        image: agent:1
        ports: [{containerPort: 9100, hostPort: 9100}]
        resources: {requests: {cpu: 300m, example.com/dongle: "1"}}
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata:
    name: web-1
    namespace: ops
    uid: w1
    labels: {app: agent}
    ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web, uid: rs1, controller: true}]
  spec:
    nodeName: n1
    containers: [{name: c, image: x, ports: [{containerPort: 9100, hostPort: 9100}], resources: {requests: {cpu: 500m}}}]
- apiVersion: v1
  kind: Pod
  metadata:
    name: job-1
    namespace: ops
    uid: j1
    ownerReferences: [{apiVersion: batch/v1, kind: Job, name: job, uid: job1, controller: true}]
  spec: {nodeName: n1, containers: [{name: c, image: x, resources: {requests: {cpu: 900m}}}]}
  status: {phase: Succeeded}
- apiVersion: v1
  kind: Pod
  metadata:
    name: pending-1
    namespace: ops
    ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web, uid: rs1, controller: true}]
  spec: {containers: [{name: c, image: x, resources: {requests: {cpu: 900m}}}]}
- apiVersion: v1
  kind: Pod
  metadata:
    name: agent-abc
    namespace: ops
    uid: a1
    labels: {app: agent}
    ownerReferences: [{apiVersion: apps/v1, kind: DaemonSet, name: agent, uid: ds-uid, controller: true}]
  spec: {nodeName: n1, containers: [{name: a, image: agent:1, resources: {requests: {cpu: 300m}}}]}
  status: {phase: Running, conditions: [{type: Ready, status: "True"}]}
---
apiVersion: v1
kind: Pod
metadata:
  name: web-1
  namespace: ops
  uid: w1
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web, uid: rs1, controller: true}]
spec:
  nodeName: n1
  containers: [{name: c, image: x, ports: [{containerPort: 9100, hostPort: 9100}], resources: {requests: {cpu: 500m}}}]
"#;

#[test]
fn demo_cluster_answers_are_the_same_with_usage_pods() {
    let paths = [PathBuf::from(DEMO)];
    let full = load(&paths).unwrap();
    let slim = load_for(&paths, &usage_query()).unwrap();
    assert!(full.usage_pods.is_empty());
    assert_eq!(
        full.pods.len(),
        slim.pods.len() + slim.usage_pods.len(),
        "every pod is kept one way or the other"
    );
    assert_eq!(explain_all(&full), explain_all(&slim));
}

#[test]
fn foreign_pods_count_for_usage_ports_and_pod_count() {
    let f = write_temp(CLUSTER);
    let paths = [f.path().to_path_buf()];
    let full = load(&paths).unwrap();
    let slim = load_for(&paths, &usage_query()).unwrap();
    // web-1 (read twice, kept once), job-1, pending-1 are foreign; agent-abc is the daemon pod.
    assert_eq!(slim.usage_pods.len(), 3);
    assert_eq!(slim.pods.len(), 1);
    let (a, b) = (explain_all(&full), explain_all(&slim));
    assert_eq!(a, b);
    let checks = a[0]["nodes"][0]["checks"].as_array().unwrap();
    let fit = |name: &str| checks.iter().find(|c| c["name"] == name).unwrap().clone();
    assert_eq!(fit("NodePorts")["passed"], false);
    assert!(
        fit("NodePorts")["message"]
            .as_str()
            .unwrap()
            .contains("ops/web-1"),
        "{checks:?}"
    );
    // 500m used by web-1 (job-1 is terminal, pending-1 unbound, the DaemonSet's own pod excluded).
    assert!(
        fit("NodeResourcesFit")["message"]
            .as_str()
            .unwrap()
            .contains("cpu: requests 300m, 500m free of 1000m allocatable"),
        "{checks:?}"
    );
}

#[test]
fn a_foreign_controller_uid_equal_to_a_daemonset_uid_reads_everything_in_full() {
    let text = CLUSTER.replace("uid: rs1", "uid: ds-uid");
    let f = write_temp(&text);
    let paths = [f.path().to_path_buf()];
    let slim = load_for(&paths, &usage_query()).unwrap();
    assert!(slim.usage_pods.is_empty());
    assert_eq!(explain_all(&load(&paths).unwrap()), explain_all(&slim));
}

#[test]
fn a_big_snapshot_reads_the_same_with_usage_pods() {
    // Over 4 MiB and 30,000 items: decoded on several threads where there are several cores.
    let mut items =
        vec![r#"{"apiVersion":"v1","kind":"Node","metadata":{"name":"n1"}}"#.to_string()];
    for i in 0..30_000 {
        items.push(format!(
            r#"{{"apiVersion":"v1","kind":"Pod","metadata":{{"name":"p{i}","namespace":"ns","ownerReferences":[{{"kind":"ReplicaSet","name":"r","uid":"r1","controller":true}}]}},"spec":{{"nodeName":"n1","containers":[{{"name":"c","resources":{{"requests":{{"cpu":"1m"}}}}}}]}},"status":{{"phase":"Running","padding":"{}"}}}}"#,
            "x".repeat(64)
        ));
    }
    let text = format!(
        r#"{{"apiVersion":"v1","kind":"List","items":[{}]}}"#,
        items.join(",")
    );
    assert!(text.len() > 4 << 20);
    let mut f = tempfile::Builder::new().suffix(".json").tempfile().unwrap();
    f.write_all(text.as_bytes()).unwrap();
    let paths = [f.path().to_path_buf()];
    let slim = load_for(&paths, &usage_query()).unwrap();
    assert_eq!((slim.nodes.len(), slim.usage_pods.len()), (1, 30_000));
    let full = load(&paths).unwrap();
    assert_eq!(full.pods.len(), 30_000);
    let index = ClusterIndex::new(&slim, 0);
    assert_eq!(index.usage("n1").pod_count, 30_000);
    assert_eq!(index.usage("n1").requested["cpu"], 30_000);
}

/// The full re-read above must not read stdin a second time (it is consumed by then): the same
/// snapshot piped to `--snapshot -` answers as the file does.
#[test]
fn the_full_re_read_works_from_stdin_too() {
    let text = CLUSTER.replace("uid: rs1", "uid: ds-uid");
    let f = write_temp(&text);
    let run = |args: &[&str], stdin: Option<&str>| {
        let mut cmd = kubectl_ds();
        cmd.args(["explain-placement", "ops/agent", "-o", "json"])
            .args(args);
        if let Some(s) = stdin {
            cmd.write_stdin(s);
        }
        cmd.run().expect_code(0).stdout.clone()
    };
    let from_file = run(&["--snapshot", f.path().to_str().unwrap()], None);
    let from_stdin = run(&["--snapshot", "-"], Some(&text));
    assert_eq!(from_file, from_stdin);
    assert!(from_stdin.contains("\"Running\""), "{from_stdin}");
}

/// A List big enough to be decoded on several threads (src/cluster/snapshot/parallel.rs)
/// answers as the same objects do one after another (concatenated JSON: read on one thread), and
/// a broken item in it is named as the one-thread read names it.
#[test]
fn a_list_decoded_on_several_threads_answers_as_one_thread_does() {
    let dir = tempfile::tempdir().unwrap();
    let list = crate::support::synthetic_cluster(dir.path(), 3_000);
    let text = std::fs::read_to_string(&list).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let items = value["items"].as_array().unwrap();
    assert!(items.len() > 9_000);
    let stream = dir.path().join("stream.json");
    let docs: Vec<String> = items.iter().map(|i| i.to_string()).collect();
    std::fs::write(&stream, docs.join("\n")).unwrap();
    let explain = |path: &std::path::Path| {
        kubectl_ds()
            .args([
                "explain-placement",
                "default/agent",
                "-o",
                "json",
                "--snapshot",
            ])
            .arg(path)
            .run()
            .expect_code(0)
            .stdout
            .clone()
    };
    let threads = explain(&list);
    assert_eq!(threads, explain(&stream));
    assert!(threads.contains("\"n2999\""), "every node answered");

    // Item 6,002 (the pod `agent-2000`) with a name that is not a string.
    let broken = dir.path().join("broken.json");
    std::fs::write(
        &broken,
        text.replacen(r#""name":"agent-2000""#, r#""name":7"#, 1),
    )
    .unwrap();
    let run = kubectl_ds()
        .args(["explain-placement", "default/agent", "--snapshot"])
        .arg(&broken)
        .run();
    run.expect_code(3);
    assert!(
        run.stderr.contains(
            "document 1: items[6002]: invalid type: integer `7`, expected a string at line 1 column"
        ),
        "{}",
        run.stderr
    );
}
