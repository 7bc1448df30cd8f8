//! Test support: fakeapi and the servers around it, a real kubectl, fixtures.

mod fakeapi;
mod proxy;
mod python;

use std::path::{Path, PathBuf};

pub use fakeapi::{FAKEAPI_TOKEN, FakeApi, free_port, is_watch, write_kubeconfig};
pub use proxy::{FaultProxy, UntrustedTls};

/// Path of a file under `examples/`.
pub fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

/// A synthetic cluster as a `List` file: `n` nodes `n0..`, DaemonSet `default/agent` with a
/// ready pod on each node, and a web pod per node in namespace `apps` (so fit has work to do).
pub fn synthetic_cluster(dir: &Path, n: usize) -> PathBuf {
    let mut items = vec![
        serde_json::json!({"apiVersion":"apps/v1","kind":"DaemonSet",
        "metadata":{"name":"agent","namespace":"default","uid":"ds-uid","generation":1},
        "spec":{"selector":{"matchLabels":{"app":"agent"}},
                "template":{"metadata":{"labels":{"app":"agent"}},
                            "spec":{"containers":[{"name":"a","image":"agent:1",
                                "env":[{"name":"API_KEY","value":"plain-env-secret"}]}]}}}}),
    ];
    for i in 0..n {
        items.push(
            serde_json::json!({"apiVersion":"v1","kind":"Node","metadata":{"name":format!("n{i}")},
            "status":{"allocatable":{"cpu":"4","memory":"8Gi","pods":"110"},
                      "conditions":[{"type":"Ready","status":"True"}]}}),
        );
        items.push(serde_json::json!({"apiVersion":"v1","kind":"Pod",
            "metadata":{"name":format!("agent-{i}"),"namespace":"default","uid":format!("agent-uid-{i}"),
                        "labels":{"app":"agent"},
                        "ownerReferences":[{"apiVersion":"apps/v1","kind":"DaemonSet","name":"agent","uid":"ds-uid","controller":true}]},
            "spec":{"nodeName":format!("n{i}"),"containers":[{"name":"a","image":"agent:1"}]},
            "status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}));
        items.push(serde_json::json!({"apiVersion":"v1","kind":"Pod",
            "metadata":{"name":format!("web-{i}"),"namespace":"apps","uid":format!("web-uid-{i}")},
            "spec":{"nodeName":format!("n{i}"),"containers":[{"name":"w","image":"web:1",
                "resources":{"requests":{"cpu":"1"}}}]},
            "status":{"phase":"Running"}}));
    }
    let path = dir.join(format!("cluster-{n}.json"));
    std::fs::write(
        &path,
        serde_json::json!({"apiVersion":"v1","kind":"List","items":items}).to_string(),
    )
    .unwrap();
    path
}

/// A real kubectl (v1.37 via shared/tools/get-kubectl.sh), fetched once into target/kubectl-bin.
pub fn kubectl() -> PathBuf {
    static FETCH: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _once = FETCH.lock().unwrap_or_else(|e| e.into_inner());
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/kubectl-bin");
    let bin = dir.join("kubectl");
    if !bin.exists() {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/get-kubectl.sh");
        let mut fetch = std::process::Command::new("bash");
        fetch.arg(script).arg(&dir);
        // The script downloads with `python3 -m pip`: a python3 without pip (a bare system one)
        // gets fakeapi's venv, which has it, first on PATH.
        let has_pip = std::process::Command::new("python3")
            .args(["-m", "pip", "--version"])
            .output()
            .is_ok_and(|o| o.status.success());
        if !has_pip && let Some(bin) = python::python().parent() {
            let path = std::env::var("PATH").unwrap_or_default();
            fetch.env("PATH", format!("{}:{path}", bin.display()));
        }
        let status = fetch.status().unwrap();
        assert!(status.success(), "could not fetch kubectl");
    }
    bin
}
