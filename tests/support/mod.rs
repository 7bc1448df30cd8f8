//! Test support: start the local API-compatible server (`shared/tools/fakeapi`) seeded from a
//! fixture, read its request log, inject faults, and stop it on drop.
#![allow(dead_code)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A running fakeapi. Killed on drop.
pub struct FakeApi {
    pid: u32,
    pub port: u16,
    pub kubeconfig: PathBuf,
    pub log: PathBuf,
    _dir: tempfile::TempDir,
}

fn fakeapi_dir() -> PathBuf {
    std::env::var_os("FAKEAPI_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/fakeapi"))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl FakeApi {
    /// Start a server seeded from `fixture` (YAML/JSON file).
    pub fn start(fixture: &Path) -> FakeApi {
        let dir = tempfile::tempdir().unwrap();
        let kubeconfig = dir.path().join("kubeconfig.yaml");
        let log = dir.path().join("requests.log");
        let port = free_port();
        let out = Command::new("bash")
            .arg(fakeapi_dir().join("start.sh"))
            .arg(port.to_string())
            .arg(fixture)
            .arg(&kubeconfig)
            .arg(&log)
            .output()
            .expect("start fakeapi");
        let pid: u32 = String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .unwrap_or_else(|_| {
                panic!(
                    "fakeapi did not start: {}",
                    String::from_utf8_lossy(&out.stderr)
                )
            });
        let api = FakeApi {
            pid,
            port,
            kubeconfig,
            log,
            _dir: dir,
        };
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() && api.kubeconfig.exists()
            {
                return api;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("fakeapi on port {port} never became ready");
    }

    /// Every request so far, one JSON value per request.
    pub fn requests(&self) -> Vec<serde_json::Value> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .filter(|r: &serde_json::Value| !r["path"].as_str().unwrap_or("").starts_with("/__ctl"))
            .collect()
    }

    /// Forget the requests logged so far.
    pub fn clear_log(&self) {
        std::fs::write(&self.log, "").unwrap();
    }

    /// Inject a fault (`{"method","path","status","count","delay"}`).
    pub fn fault(&self, spec: serde_json::Value) {
        let body = spec.to_string();
        let out = Command::new("curl")
            .args([
                "-sf",
                "-X",
                "POST",
                "-H",
                "Content-Type: application/json",
                "-d",
                &body,
            ])
            .arg(format!("http://127.0.0.1:{}/__ctl/fault", self.port))
            .output()
            .unwrap();
        assert!(out.status.success(), "fault injection failed");
    }
}

impl Drop for FakeApi {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg(self.pid.to_string()).status();
    }
}

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
