//! Preemption through the binary: human output (why-not's single view and the REASON column of
//! explain-placement), JSON, and the same answer live (PriorityClasses and PDBs read over HTTP)
//! as from the equivalent snapshot.

use std::path::{Path, PathBuf};

use crate::support::FakeApi;
use crate::util::{kubectl_ds, run_json};
use serde_json::{Value, json};

fn full_node() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/preemption/full-node.yaml")
}

fn stdout(args: &[&str]) -> String {
    let out = kubectl_ds().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

const EXPECTED: &str =
    "would preempt 1 pod: default/batch-8 (priority 0); 1 of them violates a PodDisruptionBudget";

#[test]
fn why_not_json_names_the_victims_and_budget_violations() {
    let f = full_node();
    let v = run_json(&[
        "why-not",
        "node-1",
        "kube-system/agent",
        "--snapshot",
        f.to_str().unwrap(),
        "-o",
        "json",
    ]);
    let r = &v["results"][0];
    assert_eq!(r["fits"], json!(false));
    assert_eq!(
        r["preemption"],
        json!({"helps": true, "victims": ["default/batch-8"], "pdbViolations": 1, "message": EXPECTED})
    );
    // Everything needed was read: no caveat about priorities or budgets.
    assert!(v.get("caveats").is_none(), "{v}");
}

#[test]
fn why_not_single_view_says_what_preemption_does() {
    let f = full_node();
    let out = stdout(&[
        "why-not",
        "node-1",
        "kube-system/agent",
        "--snapshot",
        f.to_str().unwrap(),
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "daemonset kube-system/agent on node node-1: wanted yes, state Missing, does not fit"
    );
    assert_eq!(lines[1], format!("fits: no — {EXPECTED}"));
    assert_eq!(
        lines[2],
        "semantics: Kubernetes 1.37 (the newest modelled; no version known), kubernetes"
    );
    assert_eq!(lines[3], "");
}

#[test]
fn explain_reason_carries_the_preemption_outcome() {
    let f = full_node();
    let out = stdout(&[
        "explain-placement",
        "kube-system/agent",
        "--snapshot",
        f.to_str().unwrap(),
        "--color",
        "never",
    ]);
    assert!(
        out.contains(&format!("NodeResourcesFit: Insufficient cpu: requests 500m, 100m free of 1000m allocatable — {EXPECTED}")),
        "{out}"
    );
}

#[test]
fn a_fitting_pod_has_a_null_preemption_member() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc: Value =
        serde_saphyr::from_str(&std::fs::read_to_string(full_node()).unwrap()).unwrap();
    doc["items"][0]["status"]["allocatable"]["cpu"] = json!("4");
    let f = dir.path().join("roomy.json");
    std::fs::write(&f, doc.to_string()).unwrap();
    let v = run_json(&[
        "why-not",
        "node-1",
        "kube-system/agent",
        "--snapshot",
        f.to_str().unwrap(),
        "-o",
        "json",
    ]);
    let r = &v["results"][0];
    assert_eq!(r["fits"], json!(true));
    assert!(r.as_object().unwrap().contains_key("preemption"));
    assert_eq!(r["preemption"], Value::Null);
}

#[test]
fn live_reads_priority_classes_and_budgets_and_agrees_with_the_snapshot() {
    let api = FakeApi::start(&full_node());
    let kc = api.kubeconfig.to_str().unwrap();
    let live = run_json(&[
        "why-not",
        "node-1",
        "kube-system/agent",
        "--kubeconfig",
        kc,
        "-o",
        "json",
    ]);
    assert_eq!(
        live["results"][0]["preemption"]["victims"],
        json!(["default/batch-8"])
    );
    assert_eq!(live["results"][0]["preemption"]["pdbViolations"], json!(1));
    let paths: Vec<String> = api
        .lists()
        .iter()
        .map(|r| r["path"].as_str().unwrap_or("").to_string())
        .collect();
    assert!(
        paths.contains(&"/apis/scheduling.k8s.io/v1/priorityclasses".to_string()),
        "{paths:?}"
    );
    assert!(
        paths.contains(&"/apis/policy/v1/poddisruptionbudgets".to_string()),
        "{paths:?}"
    );

    // The same cluster written by `snapshot` and read back gives the same verdict.
    let dir = tempfile::tempdir().unwrap();
    let snap = dir.path().join("snap.yaml");
    let out = kubectl_ds()
        .args(["snapshot", "--kubeconfig", kc, "-A", "-o", "yaml"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(&snap, &out.stdout).unwrap();
    let offline = run_json(&[
        "why-not",
        "node-1",
        "kube-system/agent",
        "--snapshot",
        snap.to_str().unwrap(),
        "-o",
        "json",
    ]);
    assert_eq!(offline["results"], live["results"]);
}

#[test]
fn forbidden_budgets_are_a_caveat_not_a_failure() {
    let api = FakeApi::start(&full_node());
    api.fault("GET", "poddisruptionbudgets", 403, 1, 0.0);
    let kc = api.kubeconfig.to_str().unwrap();
    let v = run_json(&[
        "why-not",
        "node-1",
        "kube-system/agent",
        "--kubeconfig",
        kc,
        "-o",
        "json",
    ]);
    // Without budgets nothing counts as violating: reprieve goes by importance alone (web,
    // then batch-7), so batch-8 is still the victim, with no violation counted.
    let p = &v["results"][0]["preemption"];
    assert_eq!(p["victims"], json!(["default/batch-8"]));
    assert_eq!(p["pdbViolations"], json!(0));
    let caveats = v["caveats"].to_string();
    assert!(caveats.contains("PodDisruptionBudgets not read"), "{v}");
}
