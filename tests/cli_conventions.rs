//! Output conventions for every command: no escape codes when piped or with NO_COLOR, colour with
//! --color=always (where the command has human output), errors as `error: …` on stderr, data on
//! stdout. Terminal behaviour (auto colour, TERM=dumb, table width) is in `cli_terminal.rs`.

use std::path::PathBuf;

use crate::support::{FakeApi, example};
use crate::util::{kubectl_ds, strip_ansi};
use predicates::prelude::*;

/// One command as run for the colour checks.
struct Case {
    /// Arguments after `kubectl-ds`.
    args: Vec<String>,
    /// Its exit code on this input.
    code: i32,
    /// Whether `--color=always` colours it. Machine output (snapshot YAML/JSON, completion
    /// scripts) never is: it is read by programs, not people.
    colours: bool,
}

fn demo() -> String {
    example("demo-cluster.yaml").display().to_string()
}

fn validate_case(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/validate")
        .join(name)
        .display()
        .to_string()
}

fn case(args: &[&str], code: i32, colours: bool) -> Case {
    Case {
        args: args.iter().map(|a| a.to_string()).collect(),
        code,
        colours,
    }
}

/// Every command, each with the input that makes it print its human output.
fn commands(tmp: &std::path::Path) -> Vec<Case> {
    let snap = demo();
    let s = snap.as_str();
    let invalid = validate_case("cases/D1.yaml");
    let valid = validate_case("valid/fluentd.yaml");
    let install_dir = tmp.display().to_string();
    vec![
        case(
            &["explain-placement", "logging/fluentd", "--snapshot", s],
            0,
            true,
        ),
        case(
            &[
                "explain-placement",
                "logging/fluentd",
                "-o",
                "wide",
                "--snapshot",
                s,
            ],
            0,
            true,
        ),
        case(&["why-not", "worker-1", "--snapshot", s], 0, true),
        case(
            &[
                "why-not",
                "worker-1",
                "monitoring/node-exporter",
                "--snapshot",
                s,
            ],
            0,
            true,
        ),
        // stdout is kubectl's status line; the nodes holding the rollout back go to stderr.
        case(
            &["rollout", "status", "logging/fluentd", "--snapshot", s],
            0,
            true,
        ),
        case(
            &["rollout", "history", "logging/fluentd", "--snapshot", s],
            0,
            true,
        ),
        case(
            &[
                "rollout",
                "history",
                "logging/fluentd",
                "-o",
                "wide",
                "--snapshot",
                s,
            ],
            0,
            true,
        ),
        case(
            &[
                "rollout",
                "history",
                "logging/fluentd",
                "--revision",
                "1",
                "--snapshot",
                s,
            ],
            0,
            true,
        ),
        case(
            &[
                "rollout",
                "undo",
                "logging/fluentd",
                "--dry-run=client",
                "--snapshot",
                s,
            ],
            0,
            true,
        ),
        case(
            &["diff-revision", "logging/fluentd", "--snapshot", s],
            0,
            true,
        ),
        case(
            &[
                "diff-revision",
                "logging/fluentd",
                "--summary",
                "--snapshot",
                s,
            ],
            0,
            true,
        ),
        case(&["validate", "-f", &invalid], 1, true),
        case(&["validate", "-f", &valid], 0, true),
        case(&["snapshot", "--snapshot", s], 0, false),
        case(&["snapshot", "-o", "json", "--snapshot", s], 0, false),
        case(&["completion", "bash"], 0, false),
        case(&["completion", "zsh"], 0, false),
        case(&["completion", "fish"], 0, false),
        case(&["completion", "install", "--dir", &install_dir], 0, false),
    ]
}

const ESC: &str = "\u{1b}[";

/// stdout and stderr of one run, after checking its exit code.
fn run(args: &[String], extra: &[&str], no_color_env: bool, code: i32) -> String {
    let mut c = kubectl_ds();
    if !no_color_env {
        c.env_remove("NO_COLOR");
    }
    let run = c.args(args).args(extra).run();
    run.expect_code(code);
    format!("{}{}", run.stdout, run.stderr)
}

#[test]
fn piped_output_has_no_escape_codes() {
    let tmp = tempfile::tempdir().unwrap();
    for c in commands(tmp.path()) {
        // auto mode, no NO_COLOR: stdout and stderr are pipes here
        let all = run(&c.args, &[], false, c.code);
        assert!(!all.contains(ESC), "{:?} coloured a pipe:\n{all}", c.args);
        let all = run(&c.args, &["--color=auto"], false, c.code);
        assert!(!all.contains(ESC), "{:?} --color=auto:\n{all}", c.args);
    }
}

#[test]
fn no_color_env_means_no_escape_codes() {
    let tmp = tempfile::tempdir().unwrap();
    for c in commands(tmp.path()) {
        let all = run(&c.args, &[], true, c.code);
        assert!(!all.contains(ESC), "{:?} with NO_COLOR:\n{all}", c.args);
    }
}

#[test]
fn color_always_colours_every_human_output() {
    let tmp = tempfile::tempdir().unwrap();
    for c in commands(tmp.path()) {
        let all = run(&c.args, &["--color=always"], false, c.code);
        assert_eq!(
            all.contains(ESC),
            c.colours,
            "{:?} --color=always (colour expected: {}):\n{all}",
            c.args,
            c.colours
        );
        // An explicit flag beats the NO_COLOR environment variable (no-color.org).
        let all = run(&c.args, &["--color=always"], true, c.code);
        assert_eq!(
            all.contains(ESC),
            c.colours,
            "{:?} NO_COLOR + --color=always",
            c.args
        );
    }
}

#[test]
fn no_color_and_never_win_over_always() {
    let tmp = tempfile::tempdir().unwrap();
    for c in commands(tmp.path()) {
        let all = run(&c.args, &["--color=always", "--no-color"], false, c.code);
        assert!(!all.contains(ESC), "{:?} --no-color:\n{all}", c.args);
        let all = run(&c.args, &["--color=never"], false, c.code);
        assert!(!all.contains(ESC), "{:?} --color=never:\n{all}", c.args);
    }
}

/// The coloured text is the piped text plus escape codes, nothing else: colour never changes what
/// a user (or kubectl parity) sees.
#[test]
fn colour_only_adds_escape_codes() {
    let tmp = tempfile::tempdir().unwrap();
    for c in commands(tmp.path()).into_iter().filter(|c| c.colours) {
        let plain = run(&c.args, &["--color=never"], false, c.code);
        let coloured = run(&c.args, &["--color=always"], false, c.code);
        assert_eq!(strip_ansi(&coloured), plain, "{:?}", c.args);
    }
}

/// `rollout undo` against a live server (not a dry run): the changes it shows on stderr are
/// coloured with --color=always and plain otherwise; stdout stays kubectl's line either way.
#[test]
fn live_undo_colours_its_change_list_only_when_asked() {
    for (flag, coloured) in [("--color=always", true), ("--color=auto", false)] {
        let api = FakeApi::start(&example("demo-cluster.yaml"));
        let mut c = kubectl_ds();
        c.env_remove("NO_COLOR");
        let out = c
            .args(["rollout", "undo", "logging/fluentd", flag, "--kubeconfig"])
            .arg(&api.kubeconfig)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "daemonset.apps/fluentd rolled back\n"
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.contains(ESC), coloured, "{flag}: {err}");
        assert!(
            strip_ansi(&err).contains(
                "spec.containers[fluentd].image: fluent/fluentd:v1.17-1 → fluent/fluentd:v1.16-1"
            ),
            "{err}"
        );
    }
}

/// Every read command that prints data, as run on the demo snapshot.
fn data_commands() -> Vec<Vec<String>> {
    let snap = demo();
    [
        vec!["explain-placement", "logging/fluentd"],
        vec!["why-not", "worker-1"],
        vec!["why-not", "worker-1", "monitoring/node-exporter"],
        vec!["rollout", "status", "logging/fluentd"],
        vec!["rollout", "history", "logging/fluentd"],
        vec!["diff-revision", "logging/fluentd"],
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

#[test]
fn json_and_yaml_are_valid_and_colourless() {
    for cmd in data_commands() {
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

/// `kubectl ds help CMD` takes the colour flags like `CMD --help` does (clap's `help` subcommand
/// alone would refuse them), and prints the same help.
#[test]
fn help_subcommand_accepts_colour_flags() {
    let help = |args: &[&str]| {
        let out = kubectl_ds().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let plain = help(&["validate", "--help", "--no-color"]);
    assert!(plain.contains("Usage:"), "{plain}");
    for flags in [
        &["--no-color"][..],
        &["--color=never"],
        &["--color", "never"],
    ] {
        let args: Vec<&str> = ["help", "validate"].iter().chain(flags).copied().collect();
        assert_eq!(help(&args), plain, "{args:?}");
    }
    let coloured = help(&["help", "validate", "--color=always"]);
    assert!(coloured.contains('\u{1b}'), "{coloured}");
}
