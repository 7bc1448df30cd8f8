//! Running a program under test: [`TestCommand`] builds the command line, [`Run`] is what came
//! out. Every expectation it checks itself ([`TestCommand::assert`], [`TestCommand::json`],
//! [`Run::expect_code`], [`Run::says`]) prints, when it fails, the command line, the exit code and
//! both streams: a failure says what was run and what it said.

use std::ffi::OsStr;
use std::fmt;
use std::io::{self, Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

/// The binary under test, with a clean environment: no colour, no ambient kubeconfig, no home.
pub fn kubectl_ds() -> TestCommand {
    let mut c = TestCommand::new(env!("CARGO_BIN_EXE_kubectl-ds"));
    c.env_remove("KUBECONFIG")
        .env("NO_COLOR", "1")
        .env("HOME", "/nonexistent");
    c
}

/// Deep-merge JSON for the table-driven fixtures: objects merge key by key; anything else
/// (arrays, scalars, null) replaces.
pub fn merge(base: &mut Value, overlay: &Value) {
    match (base, overlay) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(k) {
                    Some(slot) if slot.is_object() && v.is_object() => merge(slot, v),
                    _ => {
                        b.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (b, o) => *b = o.clone(),
    }
}

/// The fixtures' `hostPorts: [{hostPort: 9100, …}]` shorthand as container ports: each port's
/// containerPort defaults to its hostPort.
pub fn host_ports(list: &Value) -> Value {
    let ports = list
        .as_array()
        .expect("hostPorts is a list")
        .iter()
        .map(|p| {
            let mut port = serde_json::json!({"containerPort": p["hostPort"].clone()});
            merge(&mut port, p);
            port
        })
        .collect();
    Value::Array(ports)
}

/// Run the binary, expect success, parse stdout as JSON.
pub fn run_json(args: &[&str]) -> Value {
    kubectl_ds().args(args).json()
}

/// A command to run once its arguments are in place. Its stdin is a pipe that gives the bytes of
/// [`TestCommand::write_stdin`], then EOF (never the test's own stdin); stdout and stderr are
/// captured.
pub struct TestCommand {
    cmd: Command,
    stdin: Vec<u8>,
    timeout: Option<Duration>,
}

impl TestCommand {
    /// `program` with the test's environment (use [`kubectl_ds`] for the binary under test).
    pub fn new(program: impl AsRef<OsStr>) -> TestCommand {
        TestCommand {
            cmd: Command::new(program),
            stdin: Vec::new(),
            timeout: None,
        }
    }

    pub fn arg(&mut self, arg: impl AsRef<OsStr>) -> &mut TestCommand {
        self.cmd.arg(arg);
        self
    }

    pub fn args<I, A>(&mut self, args: I) -> &mut TestCommand
    where
        I: IntoIterator<Item = A>,
        A: AsRef<OsStr>,
    {
        self.cmd.args(args);
        self
    }

    pub fn env(&mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> &mut TestCommand {
        self.cmd.env(key, value);
        self
    }

    pub fn env_remove(&mut self, key: impl AsRef<OsStr>) -> &mut TestCommand {
        self.cmd.env_remove(key);
        self
    }

    pub fn current_dir(&mut self, dir: impl AsRef<Path>) -> &mut TestCommand {
        self.cmd.current_dir(dir);
        self
    }

    /// What the child reads on stdin before EOF.
    pub fn write_stdin(&mut self, input: impl Into<Vec<u8>>) -> &mut TestCommand {
        self.stdin = input.into();
        self
    }

    /// Kill the child if it runs longer than `limit` (its [`Run::code`] is then -1).
    pub fn timeout(&mut self, limit: Duration) -> &mut TestCommand {
        self.timeout = Some(limit);
        self
    }

    /// Run it and keep everything that came out.
    pub fn run(&mut self) -> Run {
        let started = Instant::now();
        let (output, peak_rss) = self
            .execute()
            .unwrap_or_else(|e| panic!("could not run {:?}: {e}", self.cmd));
        Run {
            command: format!("{:?}", self.cmd),
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            took: started.elapsed(),
            peak_rss,
        }
    }

    /// Run it; the raw output.
    pub fn output(&mut self) -> io::Result<Output> {
        self.execute().map(|(output, _)| output)
    }

    /// Run it and check the output with assert_cmd's predicates; a failed check prints the
    /// command line and both streams.
    pub fn assert(&mut self) -> assert_cmd::assert::Assert {
        let output = self
            .output()
            .unwrap_or_else(|e| panic!("could not run {:?}: {e}", self.cmd));
        assert_cmd::assert::Assert::new(output).append_context("command", format!("{:?}", self.cmd))
    }

    /// Run it, expect exit 0 and JSON on stdout.
    pub fn json(&mut self) -> Value {
        let run = self.run();
        run.expect_code(0);
        serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e})\n{run}"))
    }

    fn execute(&mut self) -> io::Result<(Output, u64)> {
        let mut child = self
            .cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let mut stdin = child.stdin.take().expect("piped stdin");
        let input = self.stdin.clone();
        // A child that exits without reading its input closes the pipe: not our failure.
        let writer = thread::spawn(move || drop(stdin.write_all(&input)));
        let stdout = drain(child.stdout.take().expect("piped stdout"));
        let stderr = drain(child.stderr.take().expect("piped stderr"));
        let (status, peak_rss) = wait(&child, self.timeout)?;
        let _ = writer.join();
        let output = Output {
            status,
            stdout: stdout.join().expect("stdout reader")?,
            stderr: stderr.join().expect("stderr reader")?,
        };
        Ok((output, peak_rss))
    }
}

fn drain(mut pipe: impl Read + Send + 'static) -> thread::JoinHandle<io::Result<Vec<u8>>> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        pipe.read_to_end(&mut bytes).map(|_| bytes)
    })
}

/// Wait for `child` to exit, killing it once `limit` has passed: its status and its own peak
/// resident memory in bytes. wait4(2) gives this child's rusage alone, a figure that the other
/// children of this process (tests run in parallel threads) cannot raise.
fn wait(child: &Child, limit: Option<Duration>) -> io::Result<(ExitStatus, u64)> {
    let pid = child.id() as libc::pid_t;
    let (exited, watched) = mpsc::channel::<()>();
    let watchdog = limit.map(|limit| {
        thread::spawn(move || {
            if watched.recv_timeout(limit) == Err(mpsc::RecvTimeoutError::Timeout) {
                // SAFETY: kill only sends a signal. The child is not reaped before this thread
                // has ended (below), so the pid is still this child's.
                unsafe { libc::kill(pid, libc::SIGKILL) };
            }
        })
    });
    // Wait for the exit without reaping the child (WNOWAIT), so its pid cannot be reused while the
    // watchdog may still signal it.
    // SAFETY: waitid only writes the siginfo we hand it.
    let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
    retry(|| unsafe {
        libc::waitid(
            libc::P_PID,
            pid as libc::id_t,
            &mut info,
            libc::WEXITED | libc::WNOWAIT,
        )
    })?;
    drop(exited);
    if let Some(w) = watchdog {
        let _ = w.join();
    }
    let mut status = 0;
    // SAFETY: wait4 only writes the status and the rusage we hand it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    retry(|| unsafe { libc::wait4(pid, &mut status, 0, &mut usage) })?;
    Ok((ExitStatus::from_raw(status), usage.ru_maxrss as u64 * 1024))
}

/// Call `f` again while it fails with EINTR.
fn retry(mut f: impl FnMut() -> libc::c_int) -> io::Result<()> {
    loop {
        if f() >= 0 {
            return Ok(());
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
}

/// What one run of a [`TestCommand`] gave. Printed (`{run}`), it shows the command line, the exit
/// code and both streams.
pub struct Run {
    command: String,
    /// The exit code; -1 when a signal ended the child (or the time limit did).
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub took: Duration,
    /// The child's peak resident memory, in bytes.
    pub peak_rss: u64,
}

impl Run {
    /// Expect exit code `code`.
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(self.code, code, "unexpected exit code\n{self}");
        self
    }

    /// Expect stderr to contain every one of `words`.
    pub fn says(&self, words: &[&str]) -> &Run {
        for word in words {
            assert!(self.stderr.contains(word), "stderr lacks {word:?}\n{self}");
        }
        self
    }
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "command: {}\nexit code: {} after {:?}\n--- stdout\n{}\n--- stderr\n{}\n---",
            self.command, self.code, self.took, self.stdout, self.stderr
        )
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

/// Poll `ready` every 20 ms until it holds; panic naming `what` was awaited once `limit` has
/// passed.
pub fn wait_until(limit: Duration, what: &str, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !ready() {
        assert!(Instant::now() < deadline, "waited {limit:?} for {what}");
        thread::sleep(Duration::from_millis(20));
    }
}
