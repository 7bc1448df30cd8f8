//! Servers in front of or beside fakeapi, for the faults it cannot make itself: a TLS server
//! nobody trusts and a fault proxy.

use std::ffi::OsStr;
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::fakeapi::{FakeApi, free_port};
use super::python::python;
use crate::util::wait_until;

/// A python script serving on a port, with a directory of its own (its stderr is kept there);
/// killed on drop.
struct Script {
    child: Child,
    dir: tempfile::TempDir,
}

impl Script {
    /// Run `script` with `args` on `python` and wait until it listens on `port`. A script that
    /// ends before (a missing module, a port taken) fails the test at once with its stderr.
    fn serve(
        what: &str,
        python: &Path,
        script: &str,
        args: &[&OsStr],
        port: u16,
        dir: tempfile::TempDir,
    ) -> Script {
        let stderr = std::fs::File::create(dir.path().join("stderr")).unwrap();
        let child = Command::new(python)
            .arg("-c")
            .arg(script)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()
            .unwrap_or_else(|e| panic!("{what}: cannot run {}: {e}", python.display()));
        let mut server = Script { child, dir };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Some(status) = server.child.try_wait().unwrap() {
                let said = std::fs::read_to_string(server.dir.path().join("stderr"));
                panic!(
                    "{what} ({}) ended before it listened ({status}):\n{}",
                    python.display(),
                    said.unwrap_or_default()
                );
            }
            assert!(Instant::now() < deadline, "{what} did not listen");
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }
}

impl Drop for Script {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A TLS server with a self-signed certificate nobody trusts (completes no request); killed on
/// drop.
pub struct UntrustedTls {
    _server: Script,
    pub port: u16,
}

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
        // The standard library is enough here: any python3.
        let dir = tempfile::tempdir().unwrap();
        let server = Script::serve(
            "TLS test server",
            Path::new("python3"),
            &script,
            &[],
            port,
            dir,
        );
        UntrustedTls {
            _server: server,
            port,
        }
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
/// - [`FaultProxy::cut_pods`]: every cluster-wide LIST of pods answers 200 and sends half of
///   the real body, then drops the connection.
/// - [`FaultProxy::html_pods`]: every cluster-wide LIST of pods answers 200 with an HTML page
///   (what a misconfigured proxy or login portal sends).
///
/// Killed on drop.
pub struct FaultProxy {
    server: Script,
    pub port: u16,
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

    pub fn cut_pods(api: &FakeApi) -> FaultProxy {
        Self::start(api, "cut-pods")
    }

    pub fn html_pods(api: &FakeApi) -> FaultProxy {
        Self::start(api, "html-pods")
    }

    fn start(api: &FakeApi, mode: &str) -> FaultProxy {
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
    if mode == 'html-pods' and req.path == '/api/v1/pods':
        return web.Response(status=200, content_type='text/html', text='<html><body>Sign in to continue</body></html>')
    if mode == 'cut-pods' and req.path == '/api/v1/pods':
        async with ClientSession(auto_decompress=False) as s:
            async with s.get(upstream + req.path_qs, headers={'Authorization': req.headers.get('Authorization', '')}) as r:
                whole = await r.read()
        resp = web.StreamResponse(status=200, headers={'Content-Type': 'application/json'})
        await resp.prepare(req)
        await resp.write(whole[:len(whole) // 2])
        req.transport.close()
        return resp
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
        let dir = tempfile::tempdir().unwrap();
        let (url, port_arg) = (api.url(), port.to_string());
        let path = dir.path().to_path_buf();
        let args = [
            OsStr::new(&url),
            OsStr::new(&port_arg),
            path.as_os_str(),
            OsStr::new(mode),
        ];
        let server = Script::serve("fault proxy", python(), script, &args, port, dir);
        FaultProxy { server, port }
    }

    /// Block until the first watch request has arrived (and is being held).
    pub fn wait_for_watch(&self) {
        let arrived = self.server.dir.path().join("arrived");
        wait_until(
            Duration::from_secs(30),
            "a watch request to reach the proxy",
            || arrived.exists(),
        );
    }

    /// Answer the held watch with the 410 event.
    pub fn release(&self) {
        std::fs::write(self.server.dir.path().join("release"), "").unwrap();
    }
}
