//! `kubectl ds snapshot`: what it writes (one List, typed items, the scope's objects), what it
//! hides (env values, credential-looking annotations and flags, last-applied), where it writes
//! (atomically, privately), and that the other commands read it back with the same answers.

use crate::support::FakeApi;
use crate::util::{kubectl_ds, run_json};
use predicates::prelude::*;
use serde_json::Value;

fn fixture() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/snapshot/with-secrets.yaml")
}

/// Run `snapshot` with `args`, expect success, parse the YAML or JSON it printed.
fn snapshot(args: &[&str]) -> (String, Value) {
    let text = kubectl_ds()
        .arg("snapshot")
        .args(args)
        .run()
        .expect_code(0)
        .stdout
        .clone();
    let value: Value = if text.starts_with('{') {
        serde_json::from_str(&text).unwrap()
    } else {
        serde_saphyr::from_str(&text).unwrap()
    };
    (text, value)
}

fn names(list: &Value, kind: &str) -> Vec<String> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == kind)
        .map(|i| {
            let ns = i["metadata"]["namespace"].as_str().unwrap_or("");
            let name = i["metadata"]["name"].as_str().unwrap();
            if ns.is_empty() {
                name.to_string()
            } else {
                format!("{ns}/{name}")
            }
        })
        .collect()
}

#[test]
fn live_snapshot_is_one_list_of_typed_items() {
    let api = FakeApi::start(&fixture());
    let (_, list) = snapshot(&["--kubeconfig", api.kubeconfig.to_str().unwrap()]);
    assert_eq!(list["kind"], "List");
    assert_eq!(list["apiVersion"], "v1");
    for item in list["items"].as_array().unwrap() {
        assert!(
            item["apiVersion"].is_string() && item["kind"].is_string(),
            "{item}"
        );
        assert!(item["metadata"]["managedFields"].is_null());
    }
    assert_eq!(names(&list, "Namespace"), ["apps", "logging"]);
    assert_eq!(names(&list, "Node"), ["node-a", "node-b"]);
    assert_eq!(names(&list, "DaemonSet"), ["logging/shipper"]);
    assert_eq!(names(&list, "ControllerRevision"), ["logging/shipper-7d9f"]);
    assert_eq!(
        names(&list, "Pod"),
        [
            "apps/job-done",
            "apps/web",
            "logging/shipper-a",
            "logging/shipper-b"
        ]
    );
    // Labels that look like other YAML types stay strings.
    let node_a = &list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["metadata"]["name"] == "node-a")
        .unwrap();
    assert_eq!(node_a["metadata"]["labels"]["flag"], "true");
}

#[test]
fn secrets_are_redacted_by_default_and_kept_with_no_redact() {
    let api = FakeApi::start(&fixture());
    let kc = api.kubeconfig.to_str().unwrap();
    let (text, list) = snapshot(&["--kubeconfig", kc]);
    assert!(!text.contains("LEAK"), "a secret value leaked:\n{text}");
    assert!(text.contains("REDACTED"));
    // What the commands read is untouched: references, names, images, change-cause, paths.
    for kept in [
        "secretKeyRef",
        "shipper:2",
        "upgrade to 2",
        "/var/run/token",
        "--verbose",
    ] {
        assert!(text.contains(kept), "{kept} missing");
    }
    let ds = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "DaemonSet")
        .unwrap();
    let applied: Value = serde_json::from_str(
        ds["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"]
            .as_str()
            .unwrap(),
    )
    .expect("last-applied stays JSON");
    assert_eq!(applied["metadata"]["name"], "shipper");

    let (raw, _) = snapshot(&["--kubeconfig", kc, "--no-redact", "-o", "json"]);
    for leak in [
        "LEAK-env",
        "LEAK-pod",
        "LEAK-revision",
        "LEAK-applied",
        "LEAK-webhook",
        "LEAK-arg",
        "LEAK-node-token",
    ] {
        assert!(raw.contains(leak), "--no-redact dropped {leak}");
    }
}

#[test]
fn namespace_scope_keeps_nodes_and_the_pods_that_use_them() {
    let api = FakeApi::start(&fixture());
    let (_, list) = snapshot(&[
        "-n",
        "apps",
        "-o",
        "json",
        "--kubeconfig",
        api.kubeconfig.to_str().unwrap(),
    ]);
    assert_eq!(names(&list, "Node"), ["node-a", "node-b"]);
    assert!(names(&list, "DaemonSet").is_empty());
    assert!(names(&list, "ControllerRevision").is_empty());
    // apps: every pod; elsewhere: running ones only (they hold node resources).
    assert_eq!(
        names(&list, "Pod"),
        [
            "apps/job-done",
            "apps/web",
            "logging/shipper-a",
            "logging/shipper-b"
        ]
    );
    let (_, list) = snapshot(&[
        "-n",
        "logging",
        "-o",
        "json",
        "--kubeconfig",
        api.kubeconfig.to_str().unwrap(),
    ]);
    assert_eq!(names(&list, "DaemonSet"), ["logging/shipper"]);
    assert_eq!(
        names(&list, "Pod"),
        ["apps/web", "logging/shipper-a", "logging/shipper-b"],
        "a Succeeded pod outside the scope is left out"
    );
}

#[test]
fn a_snapshot_input_is_rewritten_merged_and_redacted() {
    let dir = tempfile::tempdir().unwrap();
    let extra = dir.path().join("extra.yaml");
    std::fs::write(
        &extra,
        "apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: logging}\ndata: {password: TEVBSy1zZWNyZXQ=}\n---\n\
         apiVersion: v1\nkind: Node\nmetadata: {name: node-c, labels: {kubernetes.io/hostname: node-c}}\n\
         status: {allocatable: {cpu: '2', memory: 4Gi, pods: '110'}, conditions: [{type: Ready, status: 'True'}]}\n",
    )
    .unwrap();
    let input = fixture();
    let (text, list) = snapshot(&[
        "--snapshot",
        input.to_str().unwrap(),
        "--snapshot",
        extra.to_str().unwrap(),
    ]);
    assert!(!text.contains("LEAK") && !text.contains("TEVBSy"), "{text}");
    assert!(
        names(&list, "Secret").is_empty(),
        "Secrets are never written"
    );
    assert_eq!(names(&list, "Node"), ["node-a", "node-b", "node-c"]);
    // The rewrite answers placement questions exactly as its input does.
    let out = dir.path().join("clean.yaml");
    std::fs::write(&out, &text).unwrap();
    for q in [
        &["explain-placement", "logging/shipper"][..],
        &["why-not", "node-c"],
    ] {
        let from_input = run_json(
            &[
                q,
                &[
                    "-o",
                    "json",
                    "--snapshot",
                    input.to_str().unwrap(),
                    "--snapshot",
                    extra.to_str().unwrap(),
                ],
            ]
            .concat(),
        );
        let from_rewrite =
            run_json(&[q, &["-o", "json", "--snapshot", out.to_str().unwrap()]].concat());
        assert_eq!(from_input, from_rewrite, "{q:?}");
    }
}

#[test]
fn broken_snapshot_input_names_file_and_document() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, "kind: Node\nmetadata: {name: a}\n---\n- 1\n").unwrap();
    kubectl_ds()
        .args(["snapshot", "--snapshot"])
        .arg(&bad)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("bad.yaml").and(predicate::str::contains("document 2")));
}

#[cfg(unix)]
#[test]
fn file_is_private_and_replaced_only_when_complete() {
    use std::os::unix::fs::PermissionsExt;
    let api = FakeApi::start(&fixture());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("snap.yaml");
    kubectl_ds()
        .args(["snapshot", "--file"])
        .arg(&file)
        .arg("--kubeconfig")
        .arg(&api.kubeconfig)
        .assert()
        .success()
        .stdout("");
    let mode = std::fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let good = std::fs::read_to_string(&file).unwrap();
    assert!(good.contains("kind: List"));

    // A failing cluster leaves the previous file as it was, and no temporary file behind.
    api.fault("GET", "^/api/v1/pods$", 500, 10, 0.0);
    kubectl_ds()
        .args(["snapshot", "--file"])
        .arg(&file)
        .arg("--kubeconfig")
        .arg(&api.kubeconfig)
        .assert()
        .code(3);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), good);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn only_yaml_or_json_and_not_both_scopes() {
    let input = fixture();
    kubectl_ds()
        .args(["snapshot", "-o", "wide", "--snapshot"])
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("yaml or json"));
    kubectl_ds()
        .args(["snapshot", "-n", "x", "-A", "--snapshot"])
        .arg(&input)
        .assert()
        .code(2);
}
