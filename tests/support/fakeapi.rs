//! fakeapi (`shared/tools/fakeapi`), the local API-compatible server, seeded from a fixture: its
//! kubeconfig, its request log, fault injection; stopped on drop.
//!
//! fakeapi is found at `$FAKEAPI_DIR`, else `../shared/tools/fakeapi` beside the repository (where
//! CI keeps the shared directory). It runs on [`super::python::python`].

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::wait_until;

/// The token in every kubeconfig fakeapi writes; it must never show up in any output.
pub const FAKEAPI_TOKEN: &str = "rig-secret-token-do-not-print";

/// A running fakeapi. Killed on drop.
pub struct FakeApi {
    pid: u32,
    pub port: u16,
    /// kubeconfig (context `rig`, namespace `default`, bearer token [`FAKEAPI_TOKEN`]).
    pub kubeconfig: PathBuf,
    pub log: PathBuf,
    pub dir: tempfile::TempDir,
}

fn fakeapi_dir() -> PathBuf {
    std::env::var_os("FAKEAPI_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/fakeapi"))
}

/// A port nobody listens on right now (bind to 0, read it, release it).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One HTTP/1.0 exchange with the server (no client dependencies in tests): status and body.
fn http(port: u16, method: &str, path: &str, body: &str) -> std::io::Result<(u16, String)> {
    http_typed(port, method, path, "application/json", body)
}

fn http_typed(
    port: u16,
    method: &str,
    path: &str,
    ctype: &str,
    body: &str,
) -> std::io::Result<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(
        s,
        "{method} {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )?;
    let mut reply = String::new();
    s.read_to_string(&mut reply)?;
    let code = reply
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = reply
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    Ok((code, body))
}

impl FakeApi {
    /// Send a raw request (e.g. a concurrent PATCH) and return status code and body.
    pub fn call(&self, method: &str, path: &str, ctype: &str, body: &str) -> (u16, String) {
        http_typed(self.port, method, path, ctype, body).expect("request to fakeapi")
    }

    /// Write DaemonSet `ns/name`'s status as the controller would (fakeapi runs no controller):
    /// a merge patch of the status subresource with `status`; panics unless it is stored.
    pub fn set_daemonset_status(&self, ns: &str, name: &str, status: Value) {
        let (code, text) = self.call(
            "PATCH",
            &format!("/apis/apps/v1/namespaces/{ns}/daemonsets/{name}/status"),
            "application/merge-patch+json",
            &serde_json::json!({ "status": status }).to_string(),
        );
        assert_eq!(code, 200, "{text}");
    }

    /// The demo's `logging/fluentd` as the controller reports a rollout of its generation 2:
    /// `updated` of `desired` pods on the new revision, `available` of them available (and ready).
    pub fn set_fluentd_status(&self, updated: i64, available: i64, desired: i64) {
        let status = serde_json::json!({"observedGeneration": 2, "desiredNumberScheduled": desired,
            "currentNumberScheduled": desired, "updatedNumberScheduled": updated,
            "numberAvailable": available, "numberReady": available, "numberMisscheduled": 0});
        self.set_daemonset_status("logging", "fluentd", status);
    }

    /// Every stored object (the server's `/__ctl/objects`).
    pub fn objects(&self) -> Vec<Value> {
        let (_, body) = http(self.port, "GET", "/__ctl/objects", "").expect("objects");
        serde_json::from_str(&body).unwrap_or_default()
    }

    /// The stored object of `kind` named `name`.
    pub fn object(&self, kind: &str, name: &str) -> Value {
        self.objects()
            .into_iter()
            .find(|o| o["kind"] == kind && o["metadata"]["name"] == name)
            .unwrap_or(Value::Null)
    }

    /// Start a server seeded from `fixture` (YAML/JSON file) and wait until it answers.
    pub fn start(fixture: &Path) -> FakeApi {
        FakeApi::start_with(fixture, &[])
    }

    /// [`FakeApi::start`] with start.sh's extra options (`--context-name NAME`, `--latency S`,
    /// `--require-token-file PATH`, …).
    pub fn start_with(fixture: &Path, extra: &[&str]) -> FakeApi {
        let script = fakeapi_dir().join("start.sh");
        assert!(
            script.exists(),
            "fakeapi not found at {} (set FAKEAPI_DIR)",
            script.display()
        );
        // The port can be taken between free_port() and the server's bind: try a few times.
        for _ in 0..3 {
            let dir = tempfile::tempdir().unwrap();
            let kubeconfig = dir.path().join("kubeconfig.yaml");
            let log = dir.path().join("requests.log");
            let port = free_port();
            let out = Command::new("bash")
                .env("FAKEAPI_PY", super::python::python())
                .arg(&script)
                .arg(port.to_string())
                .arg(fixture)
                .arg(&kubeconfig)
                .arg(&log)
                .args(extra)
                .output()
                .expect("run fakeapi start.sh");
            let Ok(pid) = String::from_utf8_lossy(&out.stdout).trim().parse::<u32>() else {
                panic!(
                    "fakeapi did not start: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
            };
            let api = FakeApi {
                pid,
                port,
                kubeconfig,
                log,
                dir,
            };
            let deadline = Instant::now() + Duration::from_secs(20);
            while Instant::now() < deadline && api.alive() {
                // 401: up, and asking for the token of --require-token-file
                if matches!(http(port, "GET", "/version", ""), Ok((200 | 401, _)))
                    && api.kubeconfig.exists()
                {
                    api.clear_log();
                    return api;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        panic!(
            "fakeapi (fixture {}) never answered /version",
            fixture.display()
        );
    }

    fn alive(&self) -> bool {
        Path::new(&format!("/proc/{}", self.pid)).exists()
            || Command::new("kill")
                .args(["-0", &self.pid.to_string()])
                .status()
                .is_ok_and(|s| s.success())
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Every API request so far (test-control calls excluded), one JSON value per request:
    /// `method`, `path`, `query` (object), `ctype`, `body`.
    pub fn requests(&self) -> Vec<Value> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .filter(|r: &Value| !path_of(r).starts_with("/__ctl"))
            .collect()
    }

    /// LIST requests (GETs of a collection), in order.
    pub fn lists(&self) -> Vec<Value> {
        self.requests()
            .into_iter()
            .filter(|r| r["method"] == "GET" && is_collection(path_of(r)))
            .collect()
    }

    /// GET requests of one named object, in order.
    pub fn gets(&self) -> Vec<Value> {
        self.requests()
            .into_iter()
            .filter(|r| r["method"] == "GET" && is_object(path_of(r)))
            .collect()
    }

    /// Requests other than GET (writes).
    pub fn writes(&self) -> Vec<Value> {
        self.requests()
            .into_iter()
            .filter(|r| r["method"] != "GET")
            .collect()
    }

    /// Wait until the request log holds `count` requests for which `matches` holds: the server
    /// has received them (a request is logged on arrival, before any injected delay). Panics
    /// naming `what` after 30 s.
    pub fn wait_for_requests(&self, count: usize, what: &str, matches: impl Fn(&Value) -> bool) {
        wait_until(Duration::from_secs(30), what, || {
            self.requests().iter().filter(|r| matches(r)).count() >= count
        });
    }

    /// Forget the requests logged so far.
    pub fn clear_log(&self) {
        std::fs::write(&self.log, "").unwrap();
    }

    /// Make the next `count` requests matching `method` and the `path` regex fail with `status`
    /// (`0` = answer normally), each after `delay_s` seconds.
    pub fn fault(&self, method: &str, path: &str, status: u16, count: u32, delay_s: f64) {
        let mut spec =
            serde_json::json!({"method": method, "path": path, "count": count, "delay": delay_s});
        if status != 0 {
            spec["status"] = status.into();
        }
        let (code, body) = http(self.port, "POST", "/__ctl/fault", &spec.to_string())
            .expect("fault injection request");
        assert_eq!(code, 200, "fault injection failed: {body}");
    }

    /// Write a kubeconfig beside the server's: one context per `(name, namespace)`, all pointing
    /// at `server` with token `token`; `current` is the current context.
    pub fn kubeconfig_with(
        &self,
        file: &str,
        server: &str,
        token: &str,
        contexts: &[(&str, Option<&str>)],
        current: Option<&str>,
    ) -> PathBuf {
        write_kubeconfig(
            &self.dir.path().join(file),
            server,
            token,
            contexts,
            current,
        )
    }
}

/// Write a kubeconfig file: one cluster `c-NAME` and user `u-NAME` per context.
pub fn write_kubeconfig(
    path: &Path,
    server: &str,
    token: &str,
    contexts: &[(&str, Option<&str>)],
    current: Option<&str>,
) -> PathBuf {
    let mut clusters = Vec::new();
    let mut users = Vec::new();
    let mut ctxs = Vec::new();
    for (name, ns) in contexts {
        clusters
            .push(serde_json::json!({"name": format!("c-{name}"), "cluster": {"server": server}}));
        users.push(serde_json::json!({"name": format!("u-{name}"), "user": {"token": token}}));
        let mut c =
            serde_json::json!({"cluster": format!("c-{name}"), "user": format!("u-{name}")});
        if let Some(ns) = ns {
            c["namespace"] = (*ns).into();
        }
        ctxs.push(serde_json::json!({"name": name, "context": c}));
    }
    let mut cfg = serde_json::json!({"apiVersion": "v1", "kind": "Config",
        "clusters": clusters, "users": users, "contexts": ctxs});
    if let Some(c) = current {
        cfg["current-context"] = c.into();
    }
    // JSON is YAML: kubeconfig readers accept it.
    std::fs::write(path, cfg.to_string()).unwrap();
    path.to_path_buf()
}

/// A WATCH request (`?watch=true` or `?watch=1`).
pub fn is_watch(r: &Value) -> bool {
    matches!(r["query"]["watch"].as_str(), Some("true" | "1"))
}

fn path_of(r: &Value) -> &str {
    r["path"].as_str().unwrap_or("")
}

/// Segments after `/api/v1` or `/apis/GROUP/VERSION`.
fn resource_segments(path: &str) -> Option<Vec<&str>> {
    let segs: Vec<&str> = path.trim_matches('/').split('/').collect();
    match segs.first() {
        Some(&"api") if segs.len() >= 2 => Some(segs[2..].to_vec()),
        Some(&"apis") if segs.len() >= 3 => Some(segs[3..].to_vec()),
        _ => None,
    }
}

/// `/api/v1/nodes`, `/apis/apps/v1/namespaces/x/daemonsets` (not `/api/v1/namespaces/x`).
fn is_collection(path: &str) -> bool {
    resource_segments(path).is_some_and(|s| s.len() % 2 == 1)
}

fn is_object(path: &str) -> bool {
    resource_segments(path).is_some_and(|s| !s.is_empty() && s.len() % 2 == 0)
}

impl Drop for FakeApi {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg(self.pid.to_string()).status();
    }
}
