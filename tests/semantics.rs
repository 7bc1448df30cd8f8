//! Which Kubernetes release is mirrored, and where that comes from (issue 13 item 1): the flags
//! and their errors, the live server's `/version` (best effort), and the record `kubectl ds
//! snapshot` keeps of it. The per-release behaviours themselves are table cases
//! (`tests/data/fidelity/semantics.yaml`).

use crate::support::{FakeApi, example};
use crate::util::{kubectl_ds, run_json};
use serde_json::{Value, json};

fn demo() -> String {
    example("demo-cluster.yaml").display().to_string()
}

/// `why-not worker-1 -o json` on the demo snapshot with `extra` flags: exit code and stderr.
fn why_not_with(extra: &[&str]) -> crate::util::Run {
    let snap = demo();
    kubectl_ds()
        .args(["why-not", "worker-1", "--snapshot", &snap, "-o", "json"])
        .args(extra)
        .run()
}

#[test]
fn bad_semantics_flags_are_usage_errors_that_say_what_is_accepted() {
    for (extra, words) in [
        (
            &["--kube-version", "1.29"][..],
            &["--kube-version", "1.30 to 1.37"][..],
        ),
        (&["--kube-version", "2.0"], &["not a Kubernetes version"]),
        (&["--kube-version", "latest"], &["MAJOR.MINOR"]),
        (
            &["--feature-gates", "NoSuchGate=true"],
            &["unrecognized feature gate: NoSuchGate", "PodLevelResources"],
        ),
        (
            &["--feature-gates", "PodLevelResources=maybe"],
            &["PodLevelResources=maybe", "ParseBool"],
        ),
        (
            &[
                "--kube-version",
                "1.35",
                "--feature-gates",
                "InPlacePodVerticalScaling=false",
            ],
            &[
                "cannot set feature gate InPlacePodVerticalScaling to false",
                "locked",
            ],
        ),
        (
            &[
                "--kube-version",
                "1.33",
                "--feature-gates",
                "NodeDeclaredFeatures=true",
            ],
            &["NodeDeclaredFeatures", "first exists in 1.35"],
        ),
        (&["--distribution", "rancher"], &["kubernetes or openshift"]),
    ] {
        let run = why_not_with(extra);
        run.expect_code(2).says(words);
        assert!(run.stdout.is_empty(), "{run}");
    }
}

#[test]
fn flags_set_the_semantics_member_and_the_wide_line() {
    let v: Value = serde_json::from_str(
        &why_not_with(&[
            "--kube-version",
            "1.34.2",
            "--feature-gates",
            "PodLevelResources=false,DRAExtendedResource=false",
            "--distribution",
            "openshift",
        ])
        .expect_code(0)
        .stdout,
    )
    .unwrap();
    // Only the gates that differ from 1.34's defaults (DRAExtendedResource is off there already).
    assert_eq!(
        v["semantics"],
        json!({"kubernetes": "1.34", "from": "flag", "distribution": "openshift",
               "featureGates": {"PodLevelResources": false}})
    );
    let snap = demo();
    let out = kubectl_ds()
        .args(["explain-placement", "logging/fluentd", "--snapshot", &snap])
        .args(["-o", "wide", "--kube-version", "1.33"])
        .run();
    out.expect_code(0);
    assert!(
        out.stdout
            .lines()
            .last()
            .is_some_and(|l| l == "semantics: Kubernetes 1.33 (--kube-version), kubernetes"),
        "{out}"
    );
}

#[test]
fn a_gate_that_does_not_exist_in_the_release_is_refused_even_when_off() {
    why_not_with(&[
        "--kube-version",
        "1.34",
        "--feature-gates",
        "TaintTolerationComparisonOperators=false",
    ])
    .expect_code(2)
    .says(&["TaintTolerationComparisonOperators", "first exists in 1.35"]);
}

#[test]
fn the_live_server_version_is_mirrored() {
    let api = FakeApi::start_with(
        &example("demo-cluster.yaml"),
        &["--server-version", "1.33.4"],
    );
    let kc = api.kubeconfig.to_str().unwrap();
    let v = run_json(&["why-not", "worker-1", "--kubeconfig", kc, "-o", "json"]);
    assert_eq!(
        v["semantics"],
        json!({"kubernetes": "1.33", "from": "server", "distribution": "kubernetes", "featureGates": {}})
    );
    // The flag wins over the server.
    let v = run_json(&[
        "why-not",
        "worker-1",
        "--kubeconfig",
        kc,
        "-o",
        "json",
        "--kube-version",
        "1.36",
    ]);
    assert_eq!(v["semantics"]["kubernetes"], "1.36");
    assert_eq!(v["semantics"]["from"], "flag");
}

#[test]
fn a_server_that_hides_its_version_gets_the_newest_release_and_a_caveat() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    api.fault("GET", "^/version$", 403, 1, 0.0);
    let kc = api.kubeconfig.to_str().unwrap();
    let v = run_json(&["why-not", "worker-1", "--kubeconfig", kc, "-o", "json"]);
    assert_eq!(v["semantics"]["kubernetes"], "1.37");
    assert_eq!(v["semantics"]["from"], "default");
    let caveats = v["caveats"].to_string();
    assert!(
        caveats.contains("the server's version was not read"),
        "{caveats}"
    );
}

#[test]
fn a_server_outside_the_range_is_mirrored_as_the_nearest_release() {
    let api = FakeApi::start_with(
        &example("demo-cluster.yaml"),
        &["--server-version", "1.39.1"],
    );
    let kc = api.kubeconfig.to_str().unwrap();
    let v = run_json(&["why-not", "worker-1", "--kubeconfig", kc, "-o", "json"]);
    assert_eq!(v["semantics"]["kubernetes"], "1.37");
    assert_eq!(v["semantics"]["from"], "server");
    assert!(
        v["caveats"].to_string().contains("v1.39.1"),
        "{}",
        v["caveats"]
    );
}

#[test]
fn snapshot_records_the_server_and_the_record_round_trips() {
    let api = FakeApi::start_with(
        &example("demo-cluster.yaml"),
        &["--server-version", "1.33.4"],
    );
    let kc = api.kubeconfig.to_str().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.yaml");
    kubectl_ds()
        .args(["snapshot", "--kubeconfig", &kc, "--file"])
        .arg(&first)
        .run()
        .expect_code(0);
    let text = std::fs::read_to_string(&first).unwrap();
    assert!(
        text.contains("kubectl-ds.io/server-version: 1.33.4")
            || text.contains("kubectl-ds.io/server-version: '1.33.4'")
            || text.contains("kubectl-ds.io/server-version: \"1.33.4\""),
        "{}",
        &text[..text.len().min(400)]
    );
    assert!(text.contains("kubectl-ds.io/distribution: kubernetes"));
    // Read back: the recorded release is mirrored.
    let v = run_json(&[
        "why-not",
        "worker-1",
        "--snapshot",
        first.to_str().unwrap(),
        "-o",
        "json",
    ]);
    assert_eq!(
        v["semantics"],
        json!({"kubernetes": "1.33", "from": "snapshot", "distribution": "kubernetes", "featureGates": {}})
    );
    // Re-written from the file (JSON this time), the record stays.
    let second = dir.path().join("second.json");
    kubectl_ds()
        .args(["snapshot", "-o", "json", "--snapshot"])
        .arg(&first)
        .arg("--file")
        .arg(&second)
        .run()
        .expect_code(0);
    let list: Value = serde_json::from_str(&std::fs::read_to_string(&second).unwrap()).unwrap();
    assert_eq!(
        list["metadata"]["annotations"],
        json!({"kubectl-ds.io/server-version": "1.33.4", "kubectl-ds.io/distribution": "kubernetes"})
    );
}

#[test]
fn a_malformed_record_names_the_file_and_the_annotation() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("bad.json");
    std::fs::write(
        &f,
        r#"{"apiVersion":"v1","kind":"List","metadata":{"annotations":{"kubectl-ds.io/server-version":"one.two"}},"items":[]}"#,
    )
    .unwrap();
    kubectl_ds()
        .args(["why-not", "worker-1", "--snapshot"])
        .arg(&f)
        .run()
        .expect_code(3)
        .says(&["bad.json", "document 1", "kubectl-ds.io/server-version"]);
}

/// docs/semantics.md shows the tables the code holds (regenerate with `UPDATE_DOCS=1`).
#[test]
fn the_semantics_page_shows_the_tables_in_the_code() {
    use kubectl_ds::model::semantics::{behaviour_table, gate_table};
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/semantics.md");
    let page = std::fs::read_to_string(&path).unwrap();
    let mut fixed = page.clone();
    for (name, table) in [("gates", gate_table()), ("behaviours", behaviour_table())] {
        let start = format!("<!-- {name}:start -->\n");
        let end = format!("<!-- {name}:end -->");
        let (a, rest) = fixed.split_once(&start).expect("start marker");
        let (_, b) = rest.split_once(&end).expect("end marker");
        fixed = format!("{a}{start}{table}{end}{b}");
    }
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &fixed).unwrap();
        return;
    }
    assert!(
        page == fixed,
        "docs/semantics.md is not current: run UPDATE_DOCS=1 cargo test --test tests semantics::"
    );
}
