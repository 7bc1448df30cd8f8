//! `-o name`, `-o jsonpath=…` and `-o jsonpath-as-json=…` on the read commands: kubectl's names,
//! and kubectl's JSONPath dialect — checked against the real kubectl on the same JSON.

use serde_json::Value;

use crate::support::{FakeApi, example, kubectl};
use crate::util::{TestCommand, kubectl_ds};

fn demo() -> String {
    example("demo-cluster.yaml").display().to_string()
}

fn stdout(args: &[&str]) -> String {
    kubectl_ds().args(args).run().expect_code(0).stdout.clone()
}

#[test]
fn name_lists_the_nodes_of_explain_placement() {
    let all = stdout(&[
        "explain-placement",
        "fluentd",
        "-n",
        "logging",
        "--snapshot",
        &demo(),
        "-o",
        "name",
    ]);
    let json: Value = kubectl_ds()
        .args([
            "explain-placement",
            "fluentd",
            "-n",
            "logging",
            "--snapshot",
            &demo(),
            "-o",
            "json",
        ])
        .json();
    let want: Vec<String> = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| format!("node/{}", n["node"].as_str().unwrap()))
        .collect();
    assert_eq!(all.lines().collect::<Vec<_>>(), want);
    // --problems narrows the names as it narrows the table
    let problems = stdout(&[
        "explain-placement",
        "fluentd",
        "-n",
        "logging",
        "--snapshot",
        &demo(),
        "-o",
        "name",
        "--problems",
    ]);
    assert!(problems.lines().count() < all.lines().count(), "{problems}");
    assert!(
        problems.lines().all(|l| l.starts_with("node/")),
        "{problems}"
    );
}

#[test]
fn name_lists_daemonsets_and_revisions_as_kubectl_names_them() {
    let list = stdout(&["list", "-A", "--snapshot", &demo(), "-o", "name"]);
    assert_eq!(
        list.lines().collect::<Vec<_>>(),
        [
            "daemonset.apps/csi-node",
            "daemonset.apps/kube-proxy",
            "daemonset.apps/fluentd",
            "daemonset.apps/node-exporter",
            "daemonset.apps/nvidia-device-plugin"
        ]
    );
    let why = stdout(&["why-not", "cp-1", "--snapshot", &demo(), "-o", "name"]);
    assert!(
        !why.is_empty() && why.lines().all(|l| l.starts_with("daemonset.apps/")),
        "{why}"
    );
    let history = stdout(&[
        "rollout",
        "history",
        "fluentd",
        "-n",
        "logging",
        "--snapshot",
        &demo(),
        "-o",
        "name",
    ]);
    assert_eq!(
        history.lines().collect::<Vec<_>>(),
        [
            "controllerrevision.apps/fluentd-7d9c5b6f8",
            "controllerrevision.apps/fluentd-5f6d8c7b9"
        ]
    );
}

#[test]
fn name_is_refused_where_nothing_is_listed() {
    kubectl_ds()
        .args([
            "what-if",
            "--snapshot",
            &demo(),
            "--cordon",
            "--nodes",
            "cp-1",
            "-o",
            "name",
        ])
        .run()
        .expect_code(2)
        .says(&["output format \"name\" is not supported"]);
    kubectl_ds()
        .args(["snapshot", "--snapshot", &demo(), "-o", "jsonpath={.items}"])
        .run()
        .expect_code(2)
        .says(&["snapshot writes yaml or json"]);
}

#[test]
fn jsonpath_ranges_over_the_json_shape() {
    let out = stdout(&[
        "list",
        "-A",
        "--snapshot",
        &demo(),
        "-o",
        r#"jsonpath={range .items[*]}{.daemonSet.namespace}/{.daemonSet.name}{"\t"}{.desired}{"\n"}{end}"#,
    ]);
    assert_eq!(out.lines().next(), Some("kube-system/csi-node\t5"), "{out}");
    assert_eq!(out.lines().count(), 5, "{out}");
    let as_json = stdout(&[
        "list",
        "-A",
        "--snapshot",
        &demo(),
        "-o",
        "jsonpath-as-json={.items[*].daemonSet.name}",
    ]);
    let names: Vec<String> = serde_json::from_str(&as_json).unwrap();
    assert_eq!(names.len(), 5);
    assert!(as_json.starts_with("[\n    \""), "{as_json}");
}

#[test]
fn a_bad_template_is_a_usage_error_before_anything_is_read() {
    // parse errors: at parse time, whatever the source (no snapshot file exists here)
    kubectl_ds()
        .args([
            "list",
            "--snapshot",
            "/nonexistent",
            "-o",
            "jsonpath={.items",
        ])
        .run()
        .expect_code(2)
        .says(&["error parsing jsonpath {.items, unclosed action"]);
    kubectl_ds()
        .args(["list", "--snapshot", "/nonexistent", "-o", "jsonpath="])
        .run()
        .expect_code(2)
        .says(&["template format specified but no template given"]);
    // a template that does not fit the data: kubectl's message, exit 2
    kubectl_ds()
        .args([
            "list",
            "-A",
            "--snapshot",
            &demo(),
            "-o",
            "jsonpath={.items[9]}",
        ])
        .run()
        .expect_code(2)
        .says(&["array index out of bounds: index 9, length 5"]);
}

/// The templates kubectl users write, run by kubectl-ds on a report and by the real kubectl on
/// the same JSON (an object of a made-up kind, so kubectl prints it as it is): same bytes.
#[test]
fn jsonpath_prints_what_kubectl_prints_on_the_same_json() {
    let report = kubectl_ds()
        .args([
            "explain-placement",
            "fluentd",
            "-n",
            "logging",
            "--snapshot",
            &demo(),
            "-o",
            "json",
        ])
        .json();
    let mut object = report.clone();
    let obj = object.as_object_mut().unwrap();
    obj.insert("apiVersion".into(), "example.com/v1".into());
    obj.insert("kind".into(), "Report".into());
    obj.insert("metadata".into(), serde_json::json!({"name": "r"}));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.json");
    std::fs::write(&file, object.to_string()).unwrap();
    let templates = [
        "{.nodes[*].node}",
        r#"{range .nodes[*]}{.node}{"\t"}{.state}{"\t"}{.shouldRun}{"\n"}{end}"#,
        r#"{.nodes[?(@.state=="Running")].node}"#,
        r#"{.nodes[?(@.state!="Running")].pod.name}"#,
        "{.nodes[?(@.pod)].pod.restarts}",
        "{.summary}",
        "{.daemonSet.namespace}/{.daemonSet.name} has {.summary.desired} desired",
        "{.nodes[0]}",
        "{.nodes[-1:].checks[*].name}",
        "{..revisionHash}",
        "{.nodes[*]['node','state']}",
        "{.nodes[0:2].node}",
        "{.nodes[?(@.shouldRun==true)].node}",
        "{.missing}{.nodes[*].missing}",
        r#"{range .nodes[*]}{.node}:{range .checks[*]}{.name},{end}{"\n"}{end}"#,
    ];
    for t in templates {
        for form in ["jsonpath", "jsonpath-as-json"] {
            let format = format!("{form}={t}");
            let ours = stdout(&[
                "explain-placement",
                "fluentd",
                "-n",
                "logging",
                "--snapshot",
                &demo(),
                "-o",
                &format,
            ]);
            let theirs = TestCommand::new(kubectl())
                .env("KUBECONFIG", "/nonexistent")
                .args(["label", "--local", "-f"])
                .arg(&file)
                .args(["a=b", "-o", &format])
                .run()
                .expect_code(0)
                .stdout
                .clone();
            assert_eq!(ours, theirs, "-o {format}");
        }
    }
    // where kubectl refuses the template, so do we, with its words
    for (t, words) in [
        (
            "{.nodes[?(@.fits==false)].node}",
            "invalid type for comparison",
        ),
        (
            "{.nodes[?(@.pod==null)].node}",
            "unrecognized identifier null",
        ),
        ("{.nodes[99]}", "array index out of bounds: index 99"),
    ] {
        let format = format!("jsonpath={t}");
        kubectl_ds()
            .args([
                "explain-placement",
                "fluentd",
                "-n",
                "logging",
                "--snapshot",
                &demo(),
                "-o",
                &format,
            ])
            .run()
            .expect_code(2)
            .says(&[words]);
        TestCommand::new(kubectl())
            .env("KUBECONFIG", "/nonexistent")
            .args(["label", "--local", "-f"])
            .arg(&file)
            .args(["a=b", "-o", &format])
            .run()
            .expect_code(1)
            .says(&[words]);
    }
}

/// `rollout undo -o json|yaml|name` prints what kubectl prints: the DaemonSet as read before the
/// undo (kubectl's rollout_undo.go prints the builder's object, not the PATCH result), in every
/// dry-run mode, on the same server state (two servers from one fixture, one per tool).
#[test]
fn undo_prints_the_object_kubectl_prints() {
    let fixture =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/rollout/parity.yaml");
    let theirs = FakeApi::start(&fixture);
    let ours = FakeApi::start(&fixture);
    for ds in ["rich", "owners", "skip", "odd"] {
        for dry_run in ["client", "server", "none"] {
            for output in ["json", "yaml", "name"] {
                let args = [
                    "rollout",
                    "undo",
                    &format!("ds/{ds}"),
                    "-n",
                    "parity",
                    &format!("--dry-run={dry_run}"),
                    "-o",
                    output,
                ];
                let k = TestCommand::new(kubectl())
                    .env("KUBECONFIG", &theirs.kubeconfig)
                    .args(args)
                    .run();
                let o = kubectl_ds()
                    .arg("--kubeconfig")
                    .arg(&ours.kubeconfig)
                    .args(args)
                    .run();
                let case = format!("{ds} --dry-run={dry_run} -o {output}");
                assert_eq!(k.code, o.code, "{case}: {}\n{}", k.stderr, o.stderr);
                let parse = |s: &str| -> Value {
                    match output {
                        "json" => serde_json::from_str(s).unwrap(),
                        "yaml" => serde_saphyr::from_str(s).unwrap(),
                        _ => Value::String(s.to_string()),
                    }
                };
                if k.code == 0 {
                    assert_eq!(parse(&k.stdout), parse(&o.stdout), "{case}");
                }
            }
        }
    }
}

/// Nothing listed: stdout stays empty and stderr says so, as `kubectl get -o name` does.
#[test]
fn name_with_nothing_listed_says_so_on_stderr() {
    let run = kubectl_ds()
        .args([
            "why-not",
            "-l",
            "pool=none",
            "--snapshot",
            &demo(),
            "-o",
            "name",
        ])
        .run();
    run.expect_code(0);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "No resources found.\n");
}
