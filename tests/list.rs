//! `list` (alias `ls`, and `explain-placement` without a DaemonSet): one line per DaemonSet,
//! problems first; nothing in scope is said as such.

use serde_json::Value;

use crate::support::example;
use crate::util::kubectl_ds;

fn demo() -> String {
    example("demo-cluster.yaml").display().to_string()
}

#[test]
fn list_all_namespaces_puts_problems_first() {
    let out = kubectl_ds()
        .args(["list", "-A", "--snapshot", &demo()])
        .run()
        .expect_code(0)
        .stdout
        .clone();
    let names: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().nth(1).unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "csi-node",
            "kube-proxy",
            "fluentd",
            "node-exporter",
            "nvidia-device-plugin"
        ],
        "{out}"
    );
    let fluentd = out.lines().find(|l| l.contains(" fluentd ")).unwrap();
    assert!(
        fluentd.contains("progressing") && fluentd.ends_with("Outdated (3 nodes)"),
        "{fluentd}"
    );
    let nvidia = out
        .lines()
        .find(|l| l.contains("nvidia-device-plugin"))
        .unwrap();
    assert!(
        nvidia.contains("complete") && nvidia.ends_with('-'),
        "{nvidia}"
    );
}

#[test]
fn list_json_has_the_documented_shape() {
    let v: Value = kubectl_ds()
        .args(["ls", "-n", "logging", "-o", "json", "--snapshot", &demo()])
        .json();
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    let f = &items[0];
    assert_eq!(f["daemonSet"]["name"], "fluentd");
    assert_eq!(
        (
            f["desired"].as_u64(),
            f["ready"].as_u64(),
            f["upToDate"].as_u64()
        ),
        (Some(5), Some(4), Some(2))
    );
    assert_eq!(
        (f["available"].as_u64(), f["unavailable"].as_u64()),
        (Some(4), Some(1))
    );
    assert_eq!(f["misscheduled"], 1);
    assert_eq!(f["rollout"], "progressing");
    assert_eq!(f["topReason"], "Outdated (3 nodes)");
}

#[test]
fn an_empty_scope_says_nothing_was_found() {
    let run = kubectl_ds()
        .args(["list", "-n", "nope", "--snapshot", &demo()])
        .run();
    run.expect_code(0);
    assert_eq!(run.stdout, "No DaemonSets found in namespace \"nope\".\n");
    let v: Value = kubectl_ds()
        .args(["list", "-n", "nope", "-o", "json", "--snapshot", &demo()])
        .json();
    assert_eq!(v["items"].as_array().unwrap().len(), 0);
}

#[test]
fn explain_placement_without_a_daemonset_is_the_overview() {
    let list = kubectl_ds()
        .args(["list", "-A", "--snapshot", &demo()])
        .run()
        .stdout
        .clone();
    let explain = kubectl_ds()
        .args(["explain-placement", "-A", "--snapshot", &demo()])
        .run()
        .stdout
        .clone();
    assert_eq!(list, explain);
}
