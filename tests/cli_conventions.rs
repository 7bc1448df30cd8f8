//! Output conventions for every command: no escape codes when piped or with NO_COLOR, colour with
//! --color=always, errors as `error: …` on stderr, data on stdout.

mod support;

use predicates::prelude::*;
use support::{example, kubectl_ds};

/// Every read command that prints data, as run on the demo snapshot.
fn commands() -> Vec<Vec<String>> {
    let snap = example("demo-cluster.yaml").display().to_string();
    [
        vec!["explain-placement", "logging/fluentd"],
        vec!["why-not", "worker-1"],
        vec!["why-not", "worker-1", "monitoring/node-exporter"],
    ]
    .into_iter()
    .map(|c| {
        let mut v: Vec<String> = c.into_iter().map(String::from).collect();
        v.push("--snapshot".into());
        v.push(snap.clone());
        v
    })
    .collect()
}

const ESC: &str = "\u{1b}[";

#[test]
fn piped_output_has_no_escape_codes() {
    for cmd in commands() {
        let mut c = kubectl_ds();
        c.env_remove("NO_COLOR");
        c.args(&cmd)
            .assert()
            .success()
            .stdout(predicate::str::contains(ESC).not());
    }
}

#[test]
fn no_color_and_never_win_over_always() {
    for cmd in commands() {
        kubectl_ds()
            .args(&cmd)
            .arg("--color=always")
            .assert()
            .success()
            .stdout(predicate::str::contains(ESC));
        kubectl_ds()
            .args(&cmd)
            .args(["--color=always", "--no-color"])
            .assert()
            .success()
            .stdout(predicate::str::contains(ESC).not());
        kubectl_ds()
            .args(&cmd)
            .arg("--color=never")
            .assert()
            .success()
            .stdout(predicate::str::contains(ESC).not());
    }
}

#[test]
fn json_and_yaml_are_valid_and_colourless() {
    for cmd in commands() {
        let out = kubectl_ds()
            .args(&cmd)
            .args(["-o", "json", "--color=always"])
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(
            !String::from_utf8_lossy(&out.stdout).contains(ESC),
            "JSON must never be coloured"
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap();
        let out = kubectl_ds()
            .args(&cmd)
            .args(["-o", "yaml"])
            .output()
            .unwrap();
        assert!(out.status.success());
        serde_saphyr::from_slice::<serde_json::Value>(&out.stdout).unwrap();
    }
}

#[test]
fn errors_are_kubectl_style_on_stderr() {
    kubectl_ds()
        .args(["why-not", "nope", "--snapshot"])
        .arg(example("demo-cluster.yaml"))
        .assert()
        .code(3)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::starts_with("error: "));
}

#[test]
fn piped_tables_are_never_wrapped() {
    let out = kubectl_ds()
        .args(["explain-placement", "logging/fluentd", "--snapshot"])
        .arg(example("demo-cluster.yaml"))
        .env("COLUMNS", "40")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    // One line per node plus header, blank line and summary: no continuation lines.
    assert_eq!(text.lines().count(), 1 + 8 + 2, "{text}");
}
