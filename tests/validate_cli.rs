//! `kubectl-ds validate` through the built binary: inputs, exit codes, output formats, hostile
//! input, ignore lists and the placement preview.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::util::kubectl_ds;
use predicates::prelude::*;
use serde_json::Value;

fn data(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/validate")
        .join(p)
}

fn json_of(args: &[&str], code: i32) -> Value {
    let out = kubectl_ds()
        .arg("validate")
        .args(args)
        .args(["-o", "json"])
        .assert()
        .code(code)
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out)))
}

fn errors(v: &Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| f["field"].as_str().unwrap().to_string())
        .collect()
}

const BROKEN: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  selector: {matchLabels: {app: agent}}
  updateStrategy:
    rollingUpdate: {maxSurge: 1}
  template:
    metadata: {labels: {app: agent}}
    spec:
      restartPolicy: Never
      containers:
      - {name: agent, image: agent:1, resources: {requests: {cpu: 10m}}}
";

#[test]
fn realistic_agents_validate_with_no_errors() {
    let v = json_of(&["-f", data("valid").to_str().unwrap()], 0);
    assert_eq!(v["valid"], true);
    assert_eq!(v["files"], 6);
    assert_eq!(v["documents"], 6);
    assert!(errors(&v).is_empty(), "{v:#}");
}

#[test]
fn json_has_the_design_shape_with_positions() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("ds.yaml");
    std::fs::write(&f, BROKEN).unwrap();
    let v = json_of(&["-f", f.to_str().unwrap()], 1);
    assert_eq!(v["valid"], false);
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["documents", "files", "findings", "valid"]);
    let f0 = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == "spec.template.spec.restartPolicy")
        .unwrap();
    assert_eq!(f0["line"], 11);
    assert_eq!(f0["column"], 22);
    assert_eq!(f0["document"], 1);
    assert_eq!(f0["object"], "DaemonSet/kube-system/agent");
    assert_eq!(f0["severity"], "error");
    assert_eq!(f0["rule"], "api-not-supported");
    assert_eq!(
        f0["message"],
        "Unsupported value: \"Never\": supported values: \"Always\""
    );
    assert!(errors(&v).contains(&"spec.updateStrategy.rollingUpdate.maxSurge".to_string()));
}

#[test]
fn text_is_grouped_by_file_with_file_line_col() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("ds.yaml");
    std::fs::write(&f, BROKEN).unwrap();
    let shown = f.display().to_string();
    kubectl_ds()
        .args(["validate", "-f", &shown])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(format!("{shown}\n")))
        .stdout(predicate::str::contains(format!(
            "{shown}:11:22: error: spec.template.spec.restartPolicy: Unsupported value"
        )))
        .stdout(predicate::str::contains(
            "invalid: 1 file, 1 document (1 DaemonSet), 2 errors",
        ))
        .stdout(predicate::str::contains("\x1b[").not());
}

#[test]
fn colour_only_when_asked() {
    kubectl_ds()
        .args([
            "validate",
            "-f",
            data("cases/D9.yaml").to_str().unwrap(),
            "--color",
            "always",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\x1b["));
    kubectl_ds()
        .args([
            "validate",
            "-f",
            data("cases/D9.yaml").to_str().unwrap(),
            "--color",
            "always",
            "--no-color",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\x1b[").not());
}

#[test]
fn stdin_multi_document_lists_and_other_kinds() {
    let input = format!(
        "---\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c}}\n---\n{BROKEN}---\napiVersion: v1\nkind: List\nitems:\n- {{apiVersion: v1, kind: Service, metadata: {{name: s}}}}\n"
    );
    let out = kubectl_ds()
        .args(["validate", "-f", "-", "-o", "json"])
        .write_stdin(input)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["files"], 1);
    assert_eq!(v["documents"], 3);
    let f = &v["findings"][0];
    assert_eq!(f["file"], "<stdin>");
    // `---` opens document 1 (empty), the second `---` document 2 (the ConfigMap).
    assert_eq!(f["document"], 3);
}

#[test]
fn exit_codes_usage_and_unreadable() {
    kubectl_ds().args(["validate"]).assert().code(2);
    kubectl_ds()
        .args([
            "validate",
            "-f",
            "x.yaml",
            "--ignore",
            "tolerate-everything",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "did you mean tolerates-everything",
        ));
    kubectl_ds()
        .args(["validate", "-f", "/nonexistent/ds.yaml"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("does not exist"));
    kubectl_ds()
        .args([
            "validate",
            "-f",
            data("cases/D9.yaml").to_str().unwrap(),
            "-o",
            "wide",
        ])
        .assert()
        .code(2);
}

#[test]
fn warnings_do_not_fail_but_strict_does() {
    let f = data("cases/unknown-field.yaml");
    let v = json_of(&["-f", f.to_str().unwrap()], 0);
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "unknown-field" && f["severity"] == "warning")
    );
    let v = json_of(&["-f", f.to_str().unwrap(), "--strict"], 1);
    assert!(errors(&v).contains(&"spec.serviceName".to_string()));
}

#[test]
fn ignore_flag_and_annotation_silence_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("ds.yaml");
    let ds = "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: kube-system
  annotations: {ANN}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      tolerations: [{operator: Exists}]
      containers: [{name: agent, image: 'agent:1'}]
";
    std::fs::write(&f, ds.replace("{ANN}", "{}")).unwrap();
    let rules = |v: &Value| -> Vec<String> {
        let mut r: Vec<String> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] == "warning")
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect();
        r.sort();
        r
    };
    let path = f.to_str().unwrap();
    let v = json_of(&["-f", path], 0);
    assert_eq!(rules(&v), ["no-resource-requests", "tolerates-everything"]);
    let v = json_of(&["-f", path, "--ignore", "tolerates-everything"], 0);
    assert_eq!(rules(&v), ["no-resource-requests"]);
    std::fs::write(
        &f,
        ds.replace(
            "{ANN}",
            "{kubectl-ds.io/ignore: 'no-resource-requests, tolerates-everything'}",
        ),
    )
    .unwrap();
    let v = json_of(&["-f", path], 0);
    assert!(rules(&v).is_empty(), "{v:#}");
}

#[test]
fn hostport_with_surge_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("ds.yaml");
    std::fs::write(
        &f,
        "apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  selector: {matchLabels: {app: agent}}
  updateStrategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      priorityClassName: system-node-critical
      containers:
      - name: agent
        image: agent:1
        resources: {requests: {cpu: 10m, memory: 10Mi}}
        ports: [{containerPort: 9100, hostPort: 9100}]
",
    )
    .unwrap();
    let v = json_of(&["-f", f.to_str().unwrap()], 0);
    let w = &v["findings"][0];
    assert_eq!(w["rule"], "hostport-surge");
    assert_eq!(w["field"], "spec.updateStrategy.rollingUpdate.maxSurge");
    assert_eq!(w["line"], 6);
}

#[test]
fn directories_are_read_recursively_for_yaml_and_json_only() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
    std::fs::copy(data("cases/D9.yaml"), dir.path().join("a/b/ds.yml")).unwrap();
    std::fs::copy(data("cases/json-input.yaml"), dir.path().join("a/ds.json")).unwrap();
    std::fs::write(dir.path().join("a/notes.txt"), "not yaml: [").unwrap();
    let v = json_of(&["-f", dir.path().to_str().unwrap()], 1);
    assert_eq!(v["files"], 2);
}

#[test]
fn junit_and_sarif_reports() {
    let f = data("cases/D9.yaml");
    kubectl_ds()
        .args(["validate", "-f", f.to_str().unwrap(), "-o", "junit"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("<?xml"))
        .stdout(predicate::str::contains("<testsuites name=\"kubectl-ds validate\" tests=\"1\" failures=\"1\">"))
        .stdout(predicate::str::contains("<failure message=\"Invalid value: 1: may not be set when maxUnavailable is non-zero\" type=\"api-invalid\">"));
    let out = kubectl_ds()
        .args(["validate", "-f", f.to_str().unwrap(), "-o", "sarif"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let r = &v["runs"][0]["results"][0];
    assert_eq!(r["level"], "error");
    assert_eq!(r["ruleId"], "api-invalid");
    assert_eq!(
        r["locations"][0]["physicalLocation"]["region"]["startLine"],
        28
    );
}

fn hostile(bytes: &[u8]) -> (i32, Value, Duration) {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("in.yaml");
    std::fs::write(&f, bytes).unwrap();
    let start = Instant::now();
    let out = kubectl_ds()
        .args(["validate", "-f", f.to_str().unwrap(), "-o", "json"])
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let took = start.elapsed();
    assert!(
        String::from_utf8_lossy(&out.stderr).is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    (out.status.code().unwrap(), v, took)
}

fn first_rule(v: &Value) -> String {
    v["findings"][0]["rule"].as_str().unwrap_or("").to_string()
}

#[test]
fn hostile_inputs_become_findings_in_bounded_time() {
    let (code, v, _) = hostile(b"\x7fELF\x02\x01\x01\x00\x00\xff\xfe");
    assert_eq!((code, first_rule(&v).as_str()), (1, "input-encoding"));

    let (code, v, _) = hostile(b"");
    assert_eq!((code, first_rule(&v).as_str()), (0, "empty-input"));

    let (code, v, _) = hostile(b"apiVersion: apps/v1\nkind: DaemonSet\nspec: [unclosed\n");
    assert_eq!((code, first_rule(&v).as_str()), (1, "yaml-syntax"));

    // Billion laughs.
    let mut bomb =
        String::from("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
    let mut prev = 'a';
    for c in 'b'..='z' {
        bomb.push_str(&format!("{c}: &{c} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
        prev = c;
    }
    let (code, v, took) = hostile(bomb.as_bytes());
    assert_eq!((code, first_rule(&v).as_str()), (1, "yaml-syntax"));
    assert!(took < Duration::from_secs(10), "{took:?}");

    // Deep nesting, block and flow.
    let deep = "[".repeat(100_000);
    let (code, v, _) = hostile(deep.as_bytes());
    assert_eq!((code, first_rule(&v).as_str()), (1, "yaml-syntax"));
    let mut block = String::new();
    for i in 0..2000 {
        block.push_str(&" ".repeat(i));
        block.push_str("a:\n");
    }
    let (code, v, _) = hostile(block.as_bytes());
    assert_eq!((code, first_rule(&v).as_str()), (1, "yaml-syntax"));

    // Larger than the input limit.
    let huge = vec![b'#'; kubectl_ds::validate::MAX_INPUT_BYTES + 1];
    let (code, v, _) = hostile(&huge);
    assert_eq!((code, first_rule(&v).as_str()), (1, "input-too-large"));
}

/// `validate -f MANIFEST --snapshot demo-cluster.yaml EXTRA… -o json` (exit 0), and the manifest's
/// path (for runs of its own).
fn preview_on_demo(dir: &Path, manifest: &str, extra: &[&str]) -> (Value, PathBuf) {
    let f = dir.join("ds.yaml");
    std::fs::write(&f, manifest).unwrap();
    let snapshot = crate::support::example("demo-cluster.yaml");
    let mut args = vec![
        "-f",
        f.to_str().unwrap(),
        "--snapshot",
        snapshot.to_str().unwrap(),
    ];
    args.extend(extra);
    (json_of(&args, 0), f)
}

/// The first finding of rule `rule`'s message, if any.
fn finding(v: &Value, rule: &str) -> Option<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == rule)
        .map(|f| f["message"].as_str().unwrap().to_string())
}

#[test]
fn placement_preview_against_a_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let (v, f) = preview_on_demo(
        dir.path(),
        "apiVersion: apps/v1
kind: DaemonSet
metadata: {name: gpu-agent, namespace: kube-system}
spec:
  selector: {matchLabels: {app: gpu-agent}}
  template:
    metadata: {labels: {app: gpu-agent}}
    spec:
      priorityClassName: system-node-critical
      nodeSelector: {accelerator: none-such}
      containers:
      - {name: agent, image: 'agent:1', resources: {requests: {cpu: 10m, memory: 10Mi}}}
",
        &[],
    );
    let w = finding(&v, "placement-no-nodes").unwrap_or_else(|| panic!("{v:#}"));
    assert!(w.contains("none of the"), "{w}");
    let snapshot = crate::support::example("demo-cluster.yaml");
    kubectl_ds()
        .args([
            "validate",
            "-f",
            f.to_str().unwrap(),
            "--snapshot",
            snapshot.to_str().unwrap(),
            "--live",
        ])
        .assert()
        .code(2);
}

/// The preview places the DaemonSet as explain-placement does, for the release it mirrors:
/// pod-level requests (gate PodLevelResources, on from 1.34) of 64 cores fit no demo node, and
/// on 1.33 — the containers' sum, 10m — they fit.
#[test]
fn the_preview_mirrors_the_release_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let unfit = |release: &str| {
        let (v, _) = preview_on_demo(
            dir.path(),
            "apiVersion: apps/v1
kind: DaemonSet
metadata: {name: big-agent, namespace: kube-system}
spec:
  selector: {matchLabels: {app: big-agent}}
  template:
    metadata: {labels: {app: big-agent}}
    spec:
      resources: {requests: {cpu: '64'}}
      tolerations: [{operator: Exists}]
      containers:
      - {name: agent, image: 'agent:1', resources: {requests: {cpu: 10m}}}
",
            &["--kube-version", release],
        );
        finding(&v, "placement-does-not-fit")
    };
    let newer = unfit("1.34").expect("64 cores fit no demo node on 1.34");
    assert!(newer.contains("Insufficient cpu"), "{newer}");
    assert_eq!(unfit("1.33"), None, "1.33 counts the containers' 10m");
}
