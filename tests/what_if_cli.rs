//! `what-if` through the binary on snapshots (examples/demo-cluster.yaml): the JSON shape, the
//! human tables, `--fail-on`, usage errors at parse time, and `-f` manifests.

use std::collections::BTreeMap;

use crate::support::example;
use crate::util::{kubectl_ds, run_json};
use serde_json::Value;

fn demo() -> String {
    example("demo-cluster.yaml").to_str().unwrap().to_string()
}

fn what_if(args: &[&str]) -> Value {
    let demo = demo();
    run_json(&[&["what-if", "--snapshot", &demo, "-o", "json"], args].concat())
}

/// `{"ns/ds node": effect}` of a what-if report.
fn effects(report: &Value) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for ds in report["daemonSets"].as_array().unwrap() {
        let name = format!(
            "{}/{}",
            ds["daemonSet"]["namespace"].as_str().unwrap(),
            ds["daemonSet"]["name"].as_str().unwrap()
        );
        for n in ds["nodes"].as_array().unwrap() {
            out.insert(
                format!("{name} {}", n["node"].as_str().unwrap()),
                n["effect"].as_str().unwrap().to_string(),
            );
        }
    }
    out
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn json_has_the_design_shape() {
    let r = what_if(&["-l", "pool=gpu", "--taint", "dedicated=ml:NoExecute"]);
    let keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["changes", "daemonSets", "summary"]);
    assert_eq!(
        r["changes"],
        serde_json::json!(["taint -l pool=gpu (2 nodes) dedicated=ml:NoExecute"])
    );
    let node = &r["daemonSets"][0]["nodes"][0];
    let keys: Vec<&str> = node
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["after", "before", "effect", "node", "reason"]);
    assert_eq!(
        node["before"],
        serde_json::json!({"shouldRun": true, "shouldContinueRunning": true, "fits": true})
    );
    assert_eq!(
        r["summary"],
        serde_json::json!({"gain": 0, "lose": 0, "evict": 2, "unfit": 0, "fit": 0})
    );
}

#[test]
fn noexecute_on_the_gpu_pool_evicts_only_the_pods_that_run_there() {
    let r = what_if(&["-l", "pool=gpu", "--taint", "dedicated=ml:NoExecute"]);
    // kube-proxy tolerates everything; the others never ran on the gpu pool (no pod to evict).
    assert_eq!(
        effects(&r),
        map(&[
            ("gpu-operator/nvidia-device-plugin gpu-1", "evict"),
            ("gpu-operator/nvidia-device-plugin gpu-2", "evict"),
        ])
    );
}

#[test]
fn noschedule_loses_nodes_and_keeps_the_pods() {
    let r = what_if(&[
        "--nodes",
        "worker-1,worker-2",
        "--taint",
        "dedicated=ml:NoSchedule",
    ]);
    let e = effects(&r);
    assert_eq!(e.len(), 6, "{e:?}");
    assert!(e.values().all(|v| v == "lose"), "{e:?}");
    assert!(!e.keys().any(|k| k.starts_with("kube-system/kube-proxy")));
}

#[test]
fn one_daemonset_argument_narrows_the_answer() {
    let r = what_if(&[
        "logging/fluentd",
        "--nodes",
        "worker-1",
        "--taint",
        "dedicated=ml:NoSchedule",
    ]);
    assert_eq!(effects(&r), map(&[("logging/fluentd worker-1", "lose")]));
}

#[test]
fn node_removal_evicts_every_daemon_pod_on_it() {
    let r = what_if(&["--nodes", "worker-1", "--remove"]);
    assert_eq!(
        effects(&r),
        map(&[
            ("kube-system/csi-node worker-1", "evict"),
            ("kube-system/kube-proxy worker-1", "evict"),
            ("logging/fluentd worker-1", "evict"),
            ("monitoring/node-exporter worker-1", "evict"),
        ])
    );
}

#[test]
fn a_cordon_changes_nothing_and_says_why() {
    let demo = demo();
    let out = kubectl_ds()
        .args([
            "what-if",
            "--snapshot",
            &demo,
            "--nodes",
            "worker-1",
            "--cordon",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("No placement changes (5 DaemonSets × 1 node evaluated)."),
        "{stdout}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("tolerate node.kubernetes.io/unschedulable"),
        "{stderr}"
    );
}

#[test]
fn a_label_that_selects_the_gpu_pool_gains_the_device_plugin() {
    let r = what_if(&["--nodes", "worker-1", "--label", "pool=gpu"]);
    assert_eq!(
        effects(&r),
        map(&[("gpu-operator/nvidia-device-plugin worker-1", "gain")])
    );
    let reason = r["daemonSets"][0]["nodes"][0]["reason"].as_str().unwrap();
    assert!(reason.contains("nodeSelector pool=gpu matches"), "{reason}");
}

#[test]
fn a_manifest_is_compared_with_the_live_daemonset() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("fluentd.yaml");
    std::fs::write(
        &manifest,
        "apiVersion: apps/v1
kind: DaemonSet
metadata: {name: fluentd, namespace: logging}
spec:
  selector: {matchLabels: {app: fluentd}}
  template:
    metadata: {labels: {app: fluentd}}
    spec:
      tolerations: [{operator: Exists, effect: NoSchedule}]
      containers:
      - name: fluentd
        image: fluentd:2
        resources: {requests: {cpu: '1', memory: 200Mi}}
",
    )
    .unwrap();
    let r = what_if(&["-f", manifest.to_str().unwrap()]);
    assert_eq!(
        effects(&r),
        map(&[
            ("logging/fluentd gpu-1", "gain"),
            ("logging/fluentd gpu-2", "gain"),
            ("logging/fluentd small-1", "unfit"),
            ("logging/fluentd worker-4", "gain"),
        ])
    );
    assert!(
        r["changes"][0]
            .as_str()
            .unwrap()
            .ends_with("daemonset logging/fluentd (replaces the one in the cluster)")
    );
}

#[test]
fn fail_on_exits_1_only_when_a_listed_effect_occurs() {
    let demo = demo();
    let base = [
        "what-if",
        "--snapshot",
        demo.as_str(),
        "--nodes",
        "worker-1",
        "--taint",
        "dedicated=ml:NoSchedule",
    ];
    let out = kubectl_ds()
        .args(base)
        .args(["--fail-on", "lose,evict"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--fail-on: 3 lose"));
    let out = kubectl_ds()
        .args(base)
        .args(["--fail-on", "evict,unfit"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn human_output_has_a_header_a_table_per_effect_and_a_summary() {
    let demo = demo();
    let out = kubectl_ds()
        .args([
            "what-if",
            "--snapshot",
            &demo,
            "--nodes",
            "worker-1",
            "--remove",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "What if (nothing is changed):");
    assert_eq!(lines[1], "  remove worker-1");
    assert_eq!(lines[3], "EVICT 4: the running pod is removed");
    assert!(lines[4].starts_with("DAEMONSET "), "{text}");
    assert!(lines[4].contains("BEFORE → AFTER"), "{text}");
    assert_eq!(
        lines.last().unwrap(),
        &"4 evict, 0 lose, 0 unfit, 0 gain, 0 fit (5 DaemonSets × 1 node evaluated)"
    );
}

#[test]
fn no_change_is_a_usage_error_that_says_what_to_pass() {
    let demo = demo();
    let out = kubectl_ds()
        .args(["what-if", "--snapshot", &demo])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for flag in [
        "--taint",
        "--label",
        "--cordon",
        "--remove",
        "--nodes",
        "-l SELECTOR",
        "-f MANIFEST",
    ] {
        assert!(err.contains(flag), "{flag} missing from: {err}");
    }
}

#[test]
fn bad_change_values_are_usage_errors_at_parse_time() {
    for args in [
        &["--nodes", "worker-1", "--taint", "dedicated=ml"][..],
        &["--nodes", "worker-1", "--taint", "dedicated=ml:Sometimes"],
        &["--nodes", "worker-1", "--label", "pool"],
        &["--nodes", "worker-1", "--untaint", "a:b:c"],
        &["--nodes", "worker-1", "--cordon", "--fail-on", "boom"],
        &["--nodes", "worker-1", "--cordon", "--uncordon"],
        &["--nodes", "worker-1", "--remove", "--label", "a=b"],
        // node changes need to know which nodes
        &["--taint", "a=b:NoSchedule"],
    ] {
        // No snapshot either: parse-time errors come before any input is read.
        let out = kubectl_ds().arg("what-if").args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn contradictory_changes_are_refused_as_kubectl_refuses_them() {
    let demo = demo();
    let out = kubectl_ds()
        .args([
            "what-if",
            "--snapshot",
            &demo,
            "--nodes",
            "worker-1",
            "--taint",
            "a=b:NoSchedule",
            "--untaint",
            "a",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot both add and remove taint a"));
}

#[test]
fn unknown_nodes_and_empty_selections_are_not_an_all_clear() {
    let demo = demo();
    let out = kubectl_ds()
        .args([
            "what-if",
            "--snapshot",
            &demo,
            "--nodes",
            "worker-9",
            "--cordon",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("\"worker-9\" not found"));
    let out = kubectl_ds()
        .args([
            "what-if",
            "--snapshot",
            &demo,
            "-l",
            "pool=nope",
            "--taint",
            "a=b:NoExecute",
            "--fail-on",
            "evict",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no nodes match -l pool=nope"));
}

#[test]
fn a_manifest_with_another_selector_gets_a_caveat() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("fluentd.yaml");
    let next = std::fs::read_to_string(example("fluentd-next.yaml")).unwrap();
    std::fs::write(
        &manifest,
        next.replace("app.kubernetes.io/name: fluentd", "app: fluentd"),
    )
    .unwrap();
    let r = what_if(&["-f", manifest.to_str().unwrap()]);
    let caveats = r["caveats"].as_array().expect("caveats");
    assert!(
        caveats[0]
            .as_str()
            .unwrap()
            .contains("spec.selector is immutable"),
        "{caveats:?}"
    );
    // The example itself keeps the live selector: no caveat.
    let r = what_if(&["-f", example("fluentd-next.yaml").to_str().unwrap()]);
    assert!(r.get("caveats").is_none(), "{r}");
}
