//! Test support: run the binary with a clean environment, and start the local API-compatible
//! server (`shared/tools/fakeapi`) seeded from a fixture — read its request log, inject faults,
//! stop it on drop.
//!
//! fakeapi is found at `$FAKEAPI_DIR`, else `../shared/tools/fakeapi` beside the repository (where
//! CI keeps the shared directory). It needs python3 with aiohttp and pyyaml.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// The binary under test, with a clean environment (no colour, no ambient kubeconfig).
pub fn kubectl_ds() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("kubectl-ds").unwrap();
    c.env_remove("KUBECONFIG")
        .env("NO_COLOR", "1")
        .env("HOME", "/nonexistent");
    c
}

/// Path of a file under `examples/`.
pub fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

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
                .arg(&script)
                .arg(port.to_string())
                .arg(fixture)
                .arg(&kubeconfig)
                .arg(&log)
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
                if matches!(http(port, "GET", "/version", ""), Ok((200, _)))
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

/// Run the binary, expect success, parse stdout as JSON.
pub fn run_json(args: &[&str]) -> Value {
    let out = kubectl_ds().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?} exited {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: stdout is not JSON ({e})"))
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
        let status = std::process::Command::new("bash")
            .arg(script)
            .arg(&dir)
            .status()
            .unwrap();
        assert!(status.success(), "could not fetch kubectl");
    }
    bin
}

/// A TLS server with a self-signed certificate nobody trusts (completes no request). Its port is
/// `.1`; killed on drop.
pub struct UntrustedTls(Child, pub u16);

impl UntrustedTls {
    pub fn start() -> UntrustedTls {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tls");
        let port = free_port();
        let script = format!(
            "import socket, ssl\n\
             ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)\n\
             ctx.load_cert_chain({:?}, {:?})\n\
             s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n\
             s.bind(('127.0.0.1', {port})); s.listen(16)\n\
             while True:\n    c, _ = s.accept()\n    try: ctx.wrap_socket(c, server_side=True).close()\n    except Exception: c.close()\n",
            data.join("untrusted.crt"),
            data.join("untrusted.key"),
        );
        let child = Command::new("python3")
            .args(["-c", &script])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3");
        wait_listening(port, "TLS test server");
        UntrustedTls(child, port)
    }
}

impl Drop for UntrustedTls {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn wait_listening(port: u16, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "{what} did not listen");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A proxy in front of a [`FakeApi`] for the faults fakeapi cannot inject (it answers by path
/// only, with no headers of its own), each once, passing everything else through:
/// - [`FaultProxy::watch_expiry`]: the first WATCH gets what a real API server sends when the
///   watch's resourceVersion is too old — HTTP 200 and one `ERROR` event with a 410 `Expired`
///   status. The watch is held until [`FaultProxy::release`], and [`FaultProxy::wait_for_watch`]
///   says when it has arrived, so a test can change the object meanwhile — a change only a fresh
///   read (the relist) can see.
/// - [`FaultProxy::continue_expiry`]: the first LIST carrying a `continue` token gets 410.
/// - [`FaultProxy::retry_after`]: the first LIST of nodes gets 429 with `Retry-After: 2`.
///
/// Killed on drop.
pub struct FaultProxy {
    child: Child,
    pub port: u16,
    dir: tempfile::TempDir,
}

impl FaultProxy {
    pub fn watch_expiry(api: &FakeApi) -> FaultProxy {
        Self::start(api, "watch")
    }

    pub fn continue_expiry(api: &FakeApi) -> FaultProxy {
        Self::start(api, "continue")
    }

    pub fn retry_after(api: &FakeApi) -> FaultProxy {
        Self::start(api, "retry-after")
    }

    fn start(api: &FakeApi, mode: &str) -> FaultProxy {
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let script = r#"
import asyncio, json, os, sys
from aiohttp import web, ClientSession
upstream, port, d, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
held = []
async def handle(req):
    if mode == 'retry-after' and req.method == 'GET' and req.path == '/api/v1/nodes' and not held:
        held.append(1)
        return web.json_response(status=429, headers={'Retry-After': '2'}, data={'kind': 'Status',
            'apiVersion': 'v1', 'metadata': {}, 'status': 'Failure', 'reason': 'TooManyRequests', 'code': 429,
            'message': 'too many requests, please try again later'})
    if mode == 'continue' and 'continue' in req.query and not held:
        held.append(1)
        return web.json_response(status=410, data={'kind': 'Status', 'apiVersion': 'v1', 'metadata': {},
            'status': 'Failure', 'reason': 'Expired', 'code': 410,
            'message': 'The provided continue parameter is too old to display a consistent list result.'})
    if mode == 'watch' and req.query.get('watch') in ('1', 'true') and not held:
        held.append(1)
        open(os.path.join(d, 'arrived'), 'w').close()
        while not os.path.exists(os.path.join(d, 'release')):
            await asyncio.sleep(0.05)
        resp = web.StreamResponse(headers={'Content-Type': 'application/json'})
        await resp.prepare(req)
        ev = {'type': 'ERROR', 'object': {'kind': 'Status', 'apiVersion': 'v1', 'metadata': {},
              'status': 'Failure', 'message': 'too old resource version: 1 (2)', 'reason': 'Expired', 'code': 410}}
        await resp.write((json.dumps(ev) + '\n').encode())
        await resp.write_eof()
        return resp
    body = await req.read()
    headers = {k: v for k, v in req.headers.items() if k.lower() not in ('host', 'content-length', 'transfer-encoding')}
    async with ClientSession(auto_decompress=False) as s:
        async with s.request(req.method, upstream + req.path_qs, data=body, headers=headers) as r:
            resp = web.StreamResponse(status=r.status, headers={'Content-Type': r.headers.get('Content-Type', 'application/json')})
            await resp.prepare(req)
            async for chunk in r.content.iter_any():
                await resp.write(chunk)
            await resp.write_eof()
            return resp
app = web.Application()
app.router.add_route('*', '/{tail:.*}', handle)
web.run_app(app, host='127.0.0.1', port=port, print=None)
"#;
        let child = Command::new("python3")
            .arg("-c")
            .arg(script)
            .arg(api.url())
            .arg(port.to_string())
            .arg(dir.path())
            .arg(mode)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3");
        wait_listening(port, "fault proxy");
        FaultProxy { child, port, dir }
    }

    /// Block until the first watch request has arrived (and is being held).
    pub fn wait_for_watch(&self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !self.dir.path().join("arrived").exists() {
            assert!(
                Instant::now() < deadline,
                "no watch request reached the proxy"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Answer the held watch with the 410 event.
    pub fn release(&self) {
        std::fs::write(self.dir.path().join("release"), "").unwrap();
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Remove SGR sequences (`ESC [ … m`): coloured output minus its colour.
pub fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(ch) = chars.next() {
        if ch == '\u{1b}' && chars.peek() == Some(&'[') {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(ch);
        }
    }
    out
}
