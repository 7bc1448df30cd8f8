//! End to end through a real kubectl (v1.37 from PyPI via shared/tools/get-kubectl.sh): plugin
//! discovery, running commands as `kubectl ds …` on a snapshot and against the local API server,
//! and completion through kubectl's plugin completion protocol.

use std::path::{Path, PathBuf};

use crate::support::{FakeApi, example, kubectl};
use crate::util::TestCommand;

/// A PATH holding only kubectl-ds and kubectl_complete-ds (plus the system dirs).
fn plugin_path() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let exe = PathBuf::from(env!("CARGO_BIN_EXE_kubectl-ds"));
    std::os::unix::fs::symlink(&exe, dir.path().join("kubectl-ds")).unwrap();
    std::os::unix::fs::symlink(&exe, dir.path().join("kubectl_complete-ds")).unwrap();
    let path = format!("{}:/usr/local/bin:/usr/bin:/bin", dir.path().display());
    (dir, path)
}

fn run(
    kubectl: &Path,
    path: &str,
    args: &[&str],
    kubeconfig: Option<&Path>,
) -> (i32, String, String) {
    let mut c = TestCommand::new(kubectl);
    c.args(args)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .env("HOME", "/nonexistent");
    match kubeconfig {
        Some(k) => c.env("KUBECONFIG", k),
        None => c.env_remove("KUBECONFIG"),
    };
    let run = c.run();
    (run.code, run.stdout, run.stderr)
}

#[test]
fn kubectl_finds_the_plugin_and_runs_it() {
    let k = kubectl();
    let (_dir, path) = plugin_path();
    let (code, out, err) = run(&k, &path, &["plugin", "list"], None);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("kubectl-ds"), "{out}");
    assert!(!err.to_lowercase().contains("warning"), "{err}");

    let (code, out, _) = run(&k, &path, &["ds", "--help"], None);
    assert_eq!(code, 0);
    assert!(out.contains("Usage: kubectl ds"), "{out}");

    let demo = example("demo-cluster.yaml");
    let (code, out, err) = run(
        &k,
        &path,
        &[
            "ds",
            "explain-placement",
            "logging/fluentd",
            "--snapshot",
            demo.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("CrashLoopBackOff"), "{out}");

    let (code, _, err) = run(
        &k,
        &path,
        &[
            "ds",
            "why-not",
            "no-such-node",
            "--snapshot",
            demo.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code, 3, "{err}");
}

#[test]
fn kubectl_runs_the_plugin_against_the_api_server_and_completes_node_names() {
    let k = kubectl();
    let (_dir, path) = plugin_path();
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    let (code, out, err) = run(
        &k,
        &path,
        &["ds", "why-not", "worker-1", "-o", "json"],
        Some(&api.kubeconfig),
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["node"], "worker-1");

    let (code, out, err) = run(
        &k,
        &path,
        &["__complete", "ds", "why-not", ""],
        Some(&api.kubeconfig),
    );
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    for node in ["cp-1", "worker-1", "gpu-2", "small-1"] {
        assert!(lines.contains(&node), "{node} missing from {out}");
    }
    assert!(lines.last().unwrap().starts_with(':'), "{out}");
}
