//! On a real terminal: the binary runs on a pseudo-terminal (posix_openpt) with a set window size.
//! Auto colour is on there and off with TERM=dumb or NO_COLOR; tables fit the window; colour is
//! decided per stream (stderr reports follow stderr). Piped, tables are never wrapped.

use std::fs::File;
use std::io::Read;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};

use crate::support::example;
use crate::util::{kubectl_ds, strip_ansi};

const ESC: &str = "\u{1b}[";

/// Which of the child's streams are the terminal (the others are pipes).
#[derive(Clone, Copy)]
struct OnTty {
    stdout: bool,
    stderr: bool,
}

const BOTH: OnTty = OnTty {
    stdout: true,
    stderr: true,
};

/// What came out: the terminal's text (`\r\n` turned back into `\n`), and the piped streams.
struct Run {
    tty: String,
    stdout: String,
    stderr: String,
    code: Option<i32>,
}

/// A pseudo-terminal of 50 rows and `cols` columns: its master and slave. Both descriptors are
/// close-on-exec from the start (unlike openpty(3)'s): other tests spawn children from other
/// threads meanwhile, and one holding a copy of the slave would keep the master from seeing the
/// end of ours.
fn pty(cols: u16) -> (File, OwnedFd) {
    let fail = |what: &str| -> ! { panic!("{what}: {}", std::io::Error::last_os_error()) };
    // SAFETY: posix_openpt returns a new descriptor, owned here only.
    let master = unsafe { libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC) };
    if master < 0 {
        fail("posix_openpt");
    }
    // SAFETY: just opened, owned by nobody else.
    let master = unsafe { File::from_raw_fd(master) };
    let fd = master.as_raw_fd();
    let mut name = [0 as libc::c_char; 128];
    // SAFETY: grantpt/unlockpt act on the master; ptsname_r writes at most `name.len()` bytes.
    unsafe {
        if libc::grantpt(fd) != 0 || libc::unlockpt(fd) != 0 {
            fail("grantpt/unlockpt");
        }
        if libc::ptsname_r(fd, name.as_mut_ptr(), name.len()) != 0 {
            fail("ptsname_r");
        }
    }
    // SAFETY: `name` is the NUL-terminated path ptsname_r wrote.
    let slave = unsafe {
        libc::open(
            name.as_ptr(),
            libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC,
        )
    };
    if slave < 0 {
        fail("opening the pty slave");
    }
    // SAFETY: just opened, owned by nobody else.
    let slave = unsafe { OwnedFd::from_raw_fd(slave) };
    let size = libc::winsize {
        ws_row: 50,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCSWINSZ reads the winsize we hand it.
    if unsafe { libc::ioctl(slave.as_raw_fd(), libc::TIOCSWINSZ, &size) } != 0 {
        fail("setting the window size");
    }
    (master, slave)
}

/// Run kubectl-ds with `args` on a fresh pseudo-terminal of `cols` columns (the session's
/// controlling terminal, as in a shell), with a clean environment plus `env`.
fn on_pty(args: &[&str], env: &[(&str, &str)], cols: u16, on: OnTty) -> Run {
    let (master, slave) = pty(cols);
    let tty = |yes: bool| -> Stdio {
        if yes {
            Stdio::from(slave.try_clone().unwrap())
        } else {
            Stdio::piped()
        }
    };
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kubectl-ds"));
    cmd.args(args)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", "/nonexistent")
        .envs(env.iter().copied())
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(tty(on.stdout))
        .stderr(tty(on.stderr));
    // SAFETY: only async-signal-safe calls between fork and exec: a new session whose
    // controlling terminal is the pty (stdin), as a login shell would have it.
    unsafe {
        cmd.pre_exec(|| {
            if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY as _, 0) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = cmd.spawn().unwrap();
    drop(cmd); // close our copies of the slave, so reading the master ends when the child exits
    drop(slave);
    let mut out_pipe = child.stdout.take();
    let mut err_pipe = child.stderr.take();
    let readers = std::thread::spawn(move || {
        let mut o = String::new();
        let mut e = String::new();
        if let Some(p) = out_pipe.as_mut() {
            p.read_to_string(&mut o).unwrap();
        }
        if let Some(p) = err_pipe.as_mut() {
            p.read_to_string(&mut e).unwrap();
        }
        (o, e)
    });
    let mut bytes = Vec::new();
    let mut buf = [0u8; 8192];
    let mut master = master;
    loop {
        match master.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => bytes.extend_from_slice(&buf[..n]),
            // Linux answers EIO once the last slave descriptor is closed.
            Err(e) if e.raw_os_error() == Some(libc::EIO) => break,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => panic!("reading the pty: {e}"),
        }
    }
    let status = child.wait().unwrap();
    let (stdout, stderr) = readers.join().unwrap();
    Run {
        tty: String::from_utf8_lossy(&bytes).replace("\r\n", "\n"),
        stdout,
        stderr,
        code: status.code(),
    }
}

/// The table part of explain-placement / why-not output: the lines before the first blank one.
/// The first table of the output; why-not's one-line node header before it is skipped.
fn table_lines(text: &str) -> Vec<String> {
    let text = strip_ansi(text);
    let body = match text.split_once("\n\n") {
        Some((first, rest)) if first.starts_with("node ") && !first.contains('\n') => rest,
        _ => text.as_str(),
    };
    body.lines()
        .take_while(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

fn demo() -> String {
    example("demo-cluster.yaml").display().to_string()
}

fn explain(extra: &[&str]) -> Vec<String> {
    let snap = demo();
    let mut a = vec!["explain-placement", "logging/fluentd", "--snapshot", &snap];
    a.extend_from_slice(extra);
    a.into_iter().map(String::from).collect()
}

fn args(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn assert_fits(lines: &[String], cols: usize, what: &str) {
    for l in lines {
        assert!(
            l.chars().count() <= cols,
            "{what}: line wider than {cols} columns ({}): {l:?}",
            l.chars().count()
        );
    }
}

#[test]
fn on_a_terminal_auto_colour_is_on_and_the_table_fits_the_window() {
    let a = explain(&[]);
    let r = on_pty(&args(&a), &[("TERM", "xterm-256color")], 110, BOTH);
    assert_eq!(r.code, Some(0), "{}", r.tty);
    assert!(r.tty.contains(ESC), "auto colour on a terminal:\n{}", r.tty);
    let lines = table_lines(&r.tty);
    assert_fits(&lines, 110, "explain-placement at 110 columns");
    // The long REASON cells wrapped inside their column: more lines than header + 8 nodes.
    assert!(lines.len() > 9, "{lines:#?}");
    // Identifiers are never split: every node, pod, state and hash is whole on one line, and
    // the reasons' words are all still there (wrapped at spaces).
    let joined = lines.join(" ");
    for word in [
        "worker-4",
        "fluentd-t3v9d",
        "Misscheduled",
        "NotWanted",
        "7d9c5b6f8",
        "REASON",
        "node.kubernetes.io/unreachable:NoSchedule;",
        "(CrashLoopBackOff)",
        "5f6d8c7b9)",
        "nvidia.com/gpu=present:NoSchedule",
    ] {
        assert!(
            lines
                .iter()
                .any(|l| l.split_whitespace().any(|w| w == word)),
            "{word} split or missing: {lines:#?}"
        );
        assert!(joined.contains(word));
    }
    // The same at a wider window is a different layout: the width comes from the terminal.
    let r = on_pty(&args(&a), &[("TERM", "xterm")], 240, BOTH);
    let wide = table_lines(&r.tty);
    assert_eq!(wide.len(), 9, "{wide:#?}");
    assert_fits(&wide, 240, "explain-placement at 240 columns");
}

#[test]
fn why_not_tables_fit_the_window_too() {
    let snap = demo();
    for a in [
        vec!["why-not", "worker-1", "--snapshot", &snap],
        vec![
            "why-not",
            "worker-1",
            "monitoring/node-exporter",
            "--snapshot",
            &snap,
        ],
        vec!["why-not", "worker-1", "-o", "wide", "--snapshot", &snap],
    ] {
        let r = on_pty(&a, &[("TERM", "xterm")], 100, BOTH);
        assert_eq!(r.code, Some(0), "{}", r.tty);
        let text = strip_ansi(&r.tty);
        // single-DaemonSet form: a sentence, a blank line, then the check table
        let table: Vec<String> = match text.split_once("\n\n") {
            Some((_, t)) if a.len() == 5 => t.lines().map(String::from).collect(),
            _ => table_lines(&r.tty),
        };
        assert!(table.len() > 1, "{text}");
        if a.contains(&"wide") {
            // -o wide keeps every column, as kubectl's does: it may overflow the window, but a
            // name is never split (issue 11 item 9).
            assert!(
                table.iter().any(|l| l
                    .split_whitespace()
                    .any(|w| w == "monitoring/legacy-exporter-0")),
                "{table:#?}"
            );
        } else {
            assert_fits(&table, 100, &format!("{a:?}"));
        }
        assert!(
            table
                .iter()
                .any(|l| l.contains("gpu-operator/nvidia-device-plugin"))
                || a.len() == 5,
            "{table:#?}"
        );
    }
}

#[test]
fn term_dumb_and_no_color_switch_auto_colour_off_on_a_terminal() {
    let a = explain(&[]);
    for env in [
        vec![("TERM", "dumb")],
        vec![("TERM", "xterm"), ("NO_COLOR", "1")],
    ] {
        let r = on_pty(&args(&a), &env, 100, BOTH);
        assert_eq!(r.code, Some(0));
        assert!(
            !r.tty.contains('\u{1b}'),
            "{env:?}: escape codes:\n{}",
            r.tty
        );
        // still a terminal: the table still fits the window
        assert_fits(&table_lines(&r.tty), 100, &format!("{env:?}"));
    }
    // An explicit --color=always still colours on a dumb terminal (the user asked), and
    // --color=never / --no-color win on a good one.
    let r = on_pty(
        &args(&explain(&["--color=always"])),
        &[("TERM", "dumb")],
        72,
        BOTH,
    );
    assert!(r.tty.contains(ESC));
    for flag in ["--color=never", "--no-color"] {
        let r = on_pty(&args(&explain(&[flag])), &[("TERM", "xterm")], 72, BOTH);
        assert!(!r.tty.contains('\u{1b}'), "{flag}:\n{}", r.tty);
    }
}

#[test]
fn colour_is_decided_per_stream() {
    let snap = demo();
    let a = ["rollout", "status", "logging/fluentd", "--snapshot", &snap];
    // stdout on the terminal, stderr into a pipe (a log file): the blockers are not coloured
    let r = on_pty(
        &a,
        &[("TERM", "xterm")],
        100,
        OnTty {
            stdout: true,
            stderr: false,
        },
    );
    assert_eq!(r.code, Some(0));
    assert!(r.stderr.contains("hold the rollout back"), "{}", r.stderr);
    assert!(!r.stderr.contains('\u{1b}'), "piped stderr: {:?}", r.stderr);
    assert!(r.tty.contains("Waiting for daemon set"), "{}", r.tty);
    // stdout piped, stderr on the terminal: the blockers are coloured, stdout is not
    let r = on_pty(
        &a,
        &[("TERM", "xterm")],
        100,
        OnTty {
            stdout: false,
            stderr: true,
        },
    );
    assert!(r.tty.contains(ESC), "stderr on a terminal: {:?}", r.tty);
    assert!(strip_ansi(&r.tty).contains("4 node(s) hold the rollout back"));
    assert_eq!(
        r.stdout,
        "Waiting for daemon set \"fluentd\" rollout to finish: 2 out of 5 new pods have been updated...\n"
    );
}

#[test]
fn columns_is_the_width_when_the_terminal_reports_none() {
    // A pty with a 0x0 window (e.g. a serial console): COLUMNS gives the width.
    let a = explain(&[]);
    let r = on_pty(&args(&a), &[("TERM", "xterm"), ("COLUMNS", "110")], 0, BOTH);
    assert_eq!(r.code, Some(0));
    let lines = table_lines(&r.tty);
    assert!(lines.len() > 9, "{lines:#?}");
    assert_fits(&lines, 110, "COLUMNS=110");
}

#[test]
fn piped_rows_are_never_wrapped_whatever_the_width() {
    let snap = demo();
    for (a, rows) in [
        (
            vec!["explain-placement", "logging/fluentd", "--snapshot", &snap],
            9,
        ),
        (
            vec![
                "explain-placement",
                "logging/fluentd",
                "-o",
                "wide",
                "--snapshot",
                &snap,
            ],
            9,
        ),
        (vec!["why-not", "worker-1", "--snapshot", &snap], 4),
    ] {
        for columns in ["20", "80"] {
            let out = kubectl_ds()
                .args(&a)
                .env("COLUMNS", columns)
                .output()
                .unwrap();
            assert!(out.status.success());
            let text = String::from_utf8(out.stdout).unwrap();
            let lines = table_lines(&text);
            assert_eq!(lines.len(), rows, "{a:?} COLUMNS={columns}:\n{text}");
            // each row holds its whole reason on its one line
            if a[0] == "explain-placement" {
                let worker2 = lines.iter().find(|l| l.starts_with("worker-2")).unwrap();
                assert!(
                    worker2.contains("pod fluentd-w5m2c is NotReady (CrashLoopBackOff)"),
                    "{worker2}"
                );
            }
        }
    }
}

#[test]
fn help_and_usage_errors_follow_the_colour_flags_on_a_terminal() {
    // clap styles help on a terminal (bold headings) in auto mode …
    let r = on_pty(&["rollout", "--help"], &[("TERM", "xterm")], 100, BOTH);
    assert_eq!(r.code, Some(0));
    assert!(r.tty.contains(ESC), "{}", r.tty);
    assert!(strip_ansi(&r.tty).contains("Usage: kubectl ds rollout"));
    // … and not with --no-color, --color=never, NO_COLOR or TERM=dumb
    for (args, env) in [
        (
            vec!["rollout", "--help", "--no-color"],
            vec![("TERM", "xterm")],
        ),
        (
            vec!["--color=never", "rollout", "--help"],
            vec![("TERM", "xterm")],
        ),
        (
            vec!["--color", "never", "rollout", "--help"],
            vec![("TERM", "xterm")],
        ),
        (
            vec!["rollout", "--help"],
            vec![("TERM", "xterm"), ("NO_COLOR", "1")],
        ),
        (vec!["rollout", "--help"], vec![("TERM", "dumb")]),
    ] {
        let r = on_pty(&args, &env, 100, BOTH);
        assert_eq!(r.code, Some(0), "{args:?}");
        assert!(!r.tty.contains('\u{1b}'), "{args:?} {env:?}:\n{}", r.tty);
    }
    // usage errors: kubectl's `error: …`, plain with --color=never, exit 2
    let r = on_pty(
        &["rollout", "--bogus", "--color=never"],
        &[("TERM", "xterm")],
        100,
        BOTH,
    );
    assert_eq!(r.code, Some(2));
    assert!(r.tty.starts_with("error: "), "{:?}", r.tty);
    assert!(!r.tty.contains('\u{1b}'));
    // and --color=always colours help even when piped
    let out = kubectl_ds()
        .args(["rollout", "--help", "--color=always"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains(ESC));
}

#[test]
fn at_80_columns_the_reason_gets_the_room_and_no_name_is_split() {
    let a = explain(&[]);
    let r = on_pty(&args(&a), &[("TERM", "xterm")], 80, BOTH);
    assert_eq!(r.code, Some(0), "{}", r.tty);
    let lines = table_lines(&r.tty);
    assert_fits(&lines, 80, "explain-placement at 80 columns");
    // Columns that matter least went; the reason column is wide enough to read.
    assert!(!lines[0].contains("REVISION"), "{lines:#?}");
    let reason_at = lines[0].find("REASON").unwrap();
    assert!(80 - reason_at >= 40, "{lines:#?}");
    for word in [
        "fluentd-w5m2c",
        "node.kubernetes.io/unreachable:NoSchedule;",
        "nvidia.com/gpu=present:NoSchedule",
        "(CrashLoopBackOff)",
    ] {
        assert!(
            lines
                .iter()
                .any(|l| l.split_whitespace().any(|w| w == word)),
            "{word} split or missing: {lines:#?}"
        );
    }
}

/// Pod LISTs of the fluentd namespace in `api`'s log: each blocker read lists its own pods.
fn own_pod_lists(api: &crate::support::FakeApi) -> usize {
    api.lists()
        .iter()
        .filter(|r| r["path"] == "/api/v1/namespaces/logging/pods")
        .count()
}

/// While `rollout status` watches on a terminal, the blockers are re-read every few seconds and
/// the progress bar names the nodes behind (issue 12); piped, nothing is re-read.
#[test]
fn watching_on_a_terminal_refreshes_the_blockers_and_piped_does_not() {
    use crate::support::{FakeApi, is_watch};
    let on_tty = FakeApi::start(&example("demo-cluster.yaml"));
    let piped = FakeApi::start(&example("demo-cluster.yaml"));
    let cmdline = |api: &FakeApi| -> Vec<String> {
        [
            "rollout",
            "status",
            "logging/fluentd",
            "--timeout=60s",
            "--kubeconfig",
        ]
        .iter()
        .map(|s| s.to_string())
        .chain([api.kubeconfig.to_string_lossy().into_owned()])
        .collect()
    };
    let tty_args = cmdline(&on_tty);
    let tty = std::thread::spawn(move || on_pty(&args(&tty_args), &[("TERM", "xterm")], 140, BOTH));
    let mut pipe = kubectl_ds();
    pipe.args(cmdline(&piped));
    let pipe = std::thread::spawn(move || pipe.run());

    on_tty.wait_for_requests(1, "the watch on a terminal", is_watch);
    piped.wait_for_requests(1, "the piped watch", is_watch);
    let (tty_first, pipe_first) = (own_pod_lists(&on_tty), own_pod_lists(&piped));
    assert!(
        tty_first >= 1 && pipe_first >= 1,
        "the first blockers read the pods"
    );
    // Refreshes: the pods are listed again while the watch stays open. The second one comes a
    // refresh period after the first, whose result the bar has drawn by then.
    crate::util::wait_until(
        std::time::Duration::from_secs(30),
        "two blocker refreshes on the terminal",
        || own_pod_lists(&on_tty) > tty_first + 1,
    );
    on_tty.set_fluentd_status(5, 5, 5);
    piped.set_fluentd_status(5, 5, 5);
    let (tty, pipe) = (tty.join().unwrap(), pipe.join().unwrap());
    assert_eq!(tty.code, Some(0), "{}", tty.tty);
    assert_eq!(pipe.code, 0, "{}", pipe.stderr);
    assert!(
        strip_ansi(&tty.tty).contains("behind: worker-2 NotReady"),
        "{}",
        tty.tty
    );
    assert_eq!(
        own_pod_lists(&piped),
        pipe_first,
        "piped output re-read the pods"
    );
}
