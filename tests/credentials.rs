//! No credential ever reaches stdout, stderr or the `-v` log — not on success, not in an error,
//! not when the server echoes it back in its own error message — for every live command and
//! every kind of kubeconfig user: a bearer token with a client certificate and key, basic-auth
//! username and password, and an exec plugin whose secret environment leaks into its own
//! failure output.

use std::path::{Path, PathBuf};

use crate::support::{FakeApi, example};
use crate::util::kubectl_ds;

const TOKEN: &str = "tok-0123456789-do-not-print";
const PASSWORD: &str = "hunter2-password-do-not-print";
const EXEC_SECRET: &str = "exec-env-secret-do-not-print";

/// A kubeconfig user and every string that must never be printed.
struct User {
    kind: &'static str,
    kubeconfig: PathBuf,
    secrets: Vec<String>,
}

fn b64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The base64 lines inside a PEM file (each one is key or certificate material).
fn pem_lines(pem: &str) -> Vec<String> {
    pem.lines()
        .filter(|l| !l.starts_with("-----") && l.len() >= 16)
        .map(String::from)
        .collect()
}

fn users(api: &FakeApi, dir: &Path) -> Vec<User> {
    let tls = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tls");
    let crt = std::fs::read_to_string(tls.join("untrusted.crt")).unwrap();
    let key = std::fs::read_to_string(tls.join("untrusted.key")).unwrap();
    let write = |name: &str, user: serde_json::Value| {
        let path = dir.join(format!("{name}.json"));
        let cfg = serde_json::json!({
            "apiVersion": "v1", "kind": "Config", "current-context": "prod",
            "clusters": [{"name": "c", "cluster": {"server": api.url()}}],
            "users": [{"name": "ops", "user": user}],
            "contexts": [{"name": "prod", "context": {"cluster": "c", "user": "ops"}}],
        });
        std::fs::write(&path, cfg.to_string()).unwrap();
        path
    };
    let mut cert_secrets = vec![TOKEN.to_string(), b64(crt.as_bytes()), b64(key.as_bytes())];
    cert_secrets.extend(pem_lines(&key));
    cert_secrets.extend(pem_lines(&crt));
    vec![
        User {
            kind: "token and client certificate",
            kubeconfig: write(
                "cert",
                serde_json::json!({"token": TOKEN,
                    "client-certificate-data": b64(crt.as_bytes()),
                    "client-key-data": b64(key.as_bytes())}),
            ),
            secrets: cert_secrets,
        },
        User {
            kind: "basic auth",
            kubeconfig: write(
                "basic",
                serde_json::json!({"username": "admin", "password": PASSWORD}),
            ),
            secrets: vec![
                PASSWORD.to_string(),
                b64(format!("admin:{PASSWORD}").as_bytes()),
            ],
        },
        User {
            kind: "exec plugin",
            kubeconfig: write(
                "exec",
                serde_json::json!({"exec": {
                    "apiVersion": "client.authentication.k8s.io/v1",
                    "command": "sh",
                    "args": ["-c", "echo \"token is $PLUGIN_SECRET\" >&2; exit 1"],
                    "env": [{"name": "PLUGIN_SECRET", "value": EXEC_SECRET}],
                    "interactiveMode": "Never"}}),
            ),
            secrets: vec![EXEC_SECRET.to_string()],
        },
    ]
}

fn commands(dir: &Path) -> Vec<Vec<String>> {
    let manifest = dir.join("agent.yaml");
    std::fs::write(
        &manifest,
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent, namespace: logging}\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec:\n      containers: [{name: a, image: agent:1}]\n",
    )
    .unwrap();
    let m = manifest.display().to_string();
    [
        vec!["explain-placement", "logging/fluentd"],
        vec!["why-not", "worker-1"],
        vec!["snapshot"],
        vec!["rollout", "status", "logging/fluentd", "--watch=false"],
        vec!["rollout", "status", "logging/fluentd", "--timeout=1s"],
        vec!["rollout", "history", "logging/fluentd"],
        vec!["rollout", "undo", "logging/fluentd", "--dry-run=server"],
        vec!["diff-revision", "logging/fluentd"],
        vec!["validate", "--live", "-f", m.as_str()],
    ]
    .into_iter()
    .map(|c| c.into_iter().map(String::from).collect())
    .collect()
}

/// Inject a fault whose server message repeats `echo` (a server that quotes what it was sent).
fn fault_echoing(api: &FakeApi, status: u16, count: u32, echo: &str) {
    let spec = serde_json::json!({"method": "GET", "path": ".", "status": status, "count": count,
        "message": format!("request from ops with credentials {echo} refused")});
    let (code, body) = api.call(
        "POST",
        "/__ctl/fault",
        "application/json",
        &spec.to_string(),
    );
    assert_eq!(code, 200, "{body}");
}

fn assert_clean(user: &User, what: &str, stdout: &str, stderr: &str) {
    for (stream, text) in [("stdout", stdout), ("stderr", stderr)] {
        for s in &user.secrets {
            assert!(
                !text.contains(s.as_str()),
                "{} ({what}): {s:?} leaked on {stream}: {text}",
                user.kind
            );
        }
        for header in ["Authorization", "Bearer ", "Basic "] {
            assert!(
                !text.contains(header),
                "{} ({what}): {header:?} on {stream}: {text}",
                user.kind
            );
        }
    }
}

#[test]
fn no_credential_in_any_output_of_any_live_command() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    let dir = tempfile::tempdir().unwrap();
    for user in users(&api, dir.path()) {
        let echo = user.secrets.join(" ");
        for cmd in commands(dir.path()) {
            // Success (or, for the exec user, the plugin's failure), then 401 and 403 answers that
            // quote the credentials back.
            for fault in [None, Some(401), Some(403)] {
                if let Some(status) = fault {
                    // snapshot reads namespaces first and may be refused them (they are optional
                    // context); the second request (nodes) gets the fault then.
                    let count = if cmd[0] == "snapshot" && status == 403 {
                        2
                    } else {
                        1
                    };
                    fault_echoing(&api, status, count, &echo);
                }
                let out = kubectl_ds()
                    .args(&cmd)
                    .args(["-v", "--kubeconfig"])
                    .arg(&user.kubeconfig)
                    .timeout(std::time::Duration::from_secs(60))
                    .output()
                    .unwrap();
                let stdout = String::from_utf8_lossy(&out.stdout);
                let stderr = String::from_utf8_lossy(&out.stderr);
                let what = format!("{cmd:?} fault {fault:?}");
                assert_clean(&user, &what, &stdout, &stderr);
                if user.kind == "exec plugin" {
                    assert_eq!(out.status.code(), Some(3), "{what}: {stderr}");
                    assert!(stderr.contains("<redacted>"), "{what}: {stderr}");
                } else if fault.is_some() {
                    assert_eq!(out.status.code(), Some(3), "{what}: {stderr}");
                    assert!(stderr.contains("user \"ops\""), "{what}: {stderr}");
                }
                // A fault the command did not consume (exec fails before any request) must not
                // leak into the next run.
                if fault.is_some() && user.kind == "exec plugin" {
                    let _ = kubectl_ds()
                        .args(["why-not", "worker-1", "--kubeconfig"])
                        .arg(&api.kubeconfig)
                        .output();
                }
            }
        }
        // The completion protocol prints candidates only.
        let out = kubectl_ds()
            .args(["__complete", "rollout", "status", "--kubeconfig"])
            .arg(&user.kubeconfig)
            .arg("")
            .output()
            .unwrap();
        assert_clean(
            &user,
            "completion",
            &String::from_utf8_lossy(&out.stdout),
            &String::from_utf8_lossy(&out.stderr),
        );
    }
    assert!(
        api.writes().iter().all(|w| w["query"]["dryRun"] == "All"),
        "only server dry runs were sent"
    );
}
