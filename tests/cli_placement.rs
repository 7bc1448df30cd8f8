//! CLI tests: the real binary on the bundled demo snapshot — exit codes, JSON and table output.

use predicates::prelude::*;
use serde_json::Value;

use crate::util::kubectl_ds as ds;

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/demo-cluster.yaml");

fn json(args: &[&str]) -> Value {
    ds().args(args)
        .args(["--snapshot", DEMO, "-o", "json"])
        .json()
}

fn node<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["node"] == name)
        .unwrap()
}

fn first_failure(v: &Value) -> Option<&str> {
    v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["passed"] == false)
        .map(|c| c["name"].as_str().unwrap())
}

#[test]
fn explain_placement_reports_every_node_with_state_and_summary() {
    let v = json(&["explain-placement", "logging/fluentd"]);
    assert_eq!(v["daemonSet"]["name"], "fluentd");
    assert_eq!(v["nodes"].as_array().unwrap().len(), 8);
    assert_eq!(node(&v, "cp-1")["state"], "Running");
    assert_eq!(node(&v, "worker-1")["state"], "Outdated");
    let crash = node(&v, "worker-2");
    assert_eq!(crash["state"], "NotReady");
    assert_eq!(crash["pod"]["reason"], "CrashLoopBackOff");
    assert_eq!(crash["pod"]["restarts"], 14);
    let gpu = node(&v, "gpu-1");
    assert_eq!(
        (
            gpu["shouldRun"].as_bool(),
            gpu["shouldContinueRunning"].as_bool()
        ),
        (Some(false), Some(true))
    );
    assert_eq!(gpu["fits"], Value::Null);
    assert_eq!(first_failure(gpu), Some("TaintToleration"));
    // Unreachable node: NoSchedule unreachable taint is not tolerated by default, NoExecute is.
    let w4 = node(&v, "worker-4");
    assert_eq!(w4["state"], "Misscheduled");
    assert_eq!(w4["shouldContinueRunning"], true);
    let s = &v["summary"];
    assert_eq!(
        (
            s["nodes"].as_u64(),
            s["desired"].as_u64(),
            s["scheduled"].as_u64(),
            s["ready"].as_u64(),
            s["updated"].as_u64(),
            s["misscheduled"].as_u64()
        ),
        (Some(8), Some(5), Some(5), Some(4), Some(2), Some(1))
    );
}

#[test]
fn host_port_conflict_names_the_pod_holding_the_port() {
    let v = json(&["why-not", "worker-1", "monitoring/node-exporter"]);
    let r = &v["results"][0];
    assert_eq!(r["fits"], false);
    assert_eq!(first_failure(r), Some("NodePorts"));
    let msg = r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "NodePorts")
        .unwrap()["message"]
        .as_str()
        .unwrap();
    assert!(
        msg.contains("9100") && msg.contains("monitoring/legacy-exporter-0"),
        "{msg}"
    );
    assert_eq!(r["state"], "Pending");
}

#[test]
fn insufficient_cpu_reports_request_and_free() {
    let v = json(&["why-not", "small-1", "kube-system/csi-node"]);
    let r = &v["results"][0];
    assert_eq!(first_failure(r), Some("NodeResourcesFit"));
    let msg = r["checks"][5]["message"].as_str().unwrap();
    assert!(
        msg.contains("Insufficient cpu") && msg.contains("500m") && msg.contains("100m free"),
        "{msg}"
    );
}

#[test]
fn why_not_without_ds_lists_only_unhealthy_daemonsets_unless_all() {
    let v = json(&["why-not", "worker-1"]);
    let names: Vec<&str> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["daemonSet"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["nvidia-device-plugin", "fluentd", "node-exporter"]);
    let all = json(&["why-not", "worker-1", "--all"]);
    assert_eq!(all["results"].as_array().unwrap().len(), 5);
    let ns = json(&["why-not", "worker-1", "-n", "monitoring"]);
    assert_eq!(ns["results"].as_array().unwrap().len(), 1);
}

#[test]
fn table_output_is_aligned_and_colourless_when_piped() {
    ds().args(["explain-placement", "fluentd", "--snapshot", DEMO])
        .assert()
        .success()
        .stdout(predicate::str::contains("NODE").and(predicate::str::contains("CrashLoopBackOff")))
        .stdout(predicate::str::contains("\u{1b}[").not())
        .stdout(predicate::str::contains(
            "daemonset logging/fluentd: 8 nodes, desired 5",
        ));
    ds().args([
        "explain-placement",
        "fluentd",
        "--snapshot",
        DEMO,
        "--color=always",
    ])
    .assert()
    .success()
    .stdout(predicate::str::contains("\u{1b}["));
}

#[test]
fn node_filters_narrow_the_nodes() {
    let v = json(&["explain-placement", "fluentd", "-l", "pool=gpu"]);
    assert_eq!(v["nodes"].as_array().unwrap().len(), 2);
    let v = json(&["explain-placement", "fluentd", "--node", "worker-1,cp-1"]);
    assert_eq!(v["summary"]["nodes"], 2);
}

#[test]
fn preview_of_an_unapplied_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("agent.yaml");
    std::fs::write(&f, "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent, namespace: monitoring}\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec:\n      nodeSelector: {pool: gpu}\n      containers: [{name: a, image: agent:1}]\n").unwrap();
    let out = ds()
        .args(["explain-placement", "-f"])
        .arg(&f)
        .args(["--snapshot", DEMO, "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    // GPU nodes match the selector but their taint is not tolerated; nothing else matches.
    assert_eq!(v["summary"]["desired"], 0);
    assert_eq!(first_failure(node(&v, "gpu-1")), Some("TaintToleration"));
    assert_eq!(first_failure(node(&v, "worker-1")), Some("NodeAffinity"));
}

#[test]
fn unknown_names_exit_3_with_close_names() {
    ds().args(["why-not", "worker-9", "--snapshot", DEMO])
        .assert()
        .code(3)
        .stderr(
            predicate::str::contains("nodes \"worker-9\" not found")
                .and(predicate::str::contains("did you mean")),
        );
    ds().args(["explain-placement", "fluentdd", "--snapshot", DEMO])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("logging/fluentd"));
}

#[test]
fn bad_input_exits_3_naming_file_and_document() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("broken.yaml");
    std::fs::write(&f, "apiVersion: v1\nkind: Node\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Node\nmetadata: {name: b, labels: [x]}\n").unwrap();
    ds().args(["why-not", "a", "--snapshot"])
        .arg(&f)
        .assert()
        .code(3)
        .stderr(
            predicate::str::contains("broken.yaml").and(predicate::str::contains("document 2")),
        );
    ds().args(["why-not", "a", "--snapshot", "/nonexistent/file.yaml"])
        .assert()
        .code(3);
    let bin = dir.path().join("garbage.json");
    std::fs::write(&bin, [0x7bu8, 0xff, 0x00, 0x13]).unwrap();
    ds().args(["why-not", "a", "--snapshot"])
        .arg(&bin)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn usage_errors_exit_2() {
    // Without a DaemonSet explain-placement is the overview (issue 11 item 14); node filters
    // without one are still a usage error.
    ds().args([
        "explain-placement",
        "--node",
        "worker-1",
        "--snapshot",
        DEMO,
    ])
    .assert()
    .code(2);
    ds().args([
        "explain-placement",
        "fluentd",
        "--snapshot",
        DEMO,
        "-o",
        "junit",
    ])
    .assert()
    .code(2);
    ds().args([
        "explain-placement",
        "fluentd",
        "--snapshot",
        DEMO,
        "-l",
        "a in b",
    ])
    .assert()
    .code(2);
    ds().args(["no-such-command"]).assert().code(2);
}

#[test]
fn cluster_info_dump_directories_are_read_recursively() {
    let dir = tempfile::tempdir().unwrap();
    let all: Value = {
        let text = std::fs::read_to_string(DEMO).unwrap();
        serde_saphyr::from_str(&text).unwrap()
    };
    let items = all["items"].as_array().unwrap();
    let pick = |kind: &str| serde_json::json!({"kind": format!("{kind}List"), "apiVersion": "v1", "items": items.iter().filter(|i| i["kind"] == kind).cloned().collect::<Vec<_>>()});
    std::fs::write(dir.path().join("nodes.json"), pick("Node").to_string()).unwrap();
    let ns = dir.path().join("logging");
    std::fs::create_dir(&ns).unwrap();
    std::fs::write(ns.join("pods.json"), pick("Pod").to_string()).unwrap();
    std::fs::write(ns.join("daemonsets.json"), pick("DaemonSet").to_string()).unwrap();
    std::fs::write(ns.join("logs.txt"), "not yaml: [").unwrap();
    let out = ds()
        .args([
            "explain-placement",
            "logging/fluentd",
            "-o",
            "json",
            "--snapshot",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["nodes"], 8);
    assert_eq!(node(&v, "worker-2")["state"], "NotReady");
}

#[test]
fn yaml_output_has_the_json_structure() {
    let out = ds()
        .args([
            "why-not",
            "gpu-1",
            "logging/fluentd",
            "--snapshot",
            DEMO,
            "-o",
            "yaml",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_saphyr::from_slice(&out.stdout).unwrap();
    assert_eq!(v["results"][0]["shouldRun"], false);
}

#[test]
fn help_and_version_work_without_a_cluster() {
    ds().arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("kubectl-ds "));
    ds().args(["why-not", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("kubectl ds why-not"));
    ds().args(["explain-placement", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"));
}

#[test]
fn yaml_syntax_error_names_file_and_document_and_exits_3() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.yaml");
    std::fs::write(&path, "apiVersion: v1\nkind: Node\n---\nkind: [\n").unwrap();
    ds().args(["why-not", "n1", "--snapshot"])
        .arg(&path)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("bad.yaml: document 2: line 4"))
        .stderr(predicate::str::contains("error: error:").not());
}
