//! The fault matrix of docs/reliability.md, one table-driven test per fault, run for every command
//! that talks to a cluster: explain-placement, why-not-scheduled, snapshot, rollout status (one
//! status and watching), rollout history, rollout undo, diff-revision, validate --live, and the
//! completion protocol's dynamic candidates.
//!
//! Each failing command must exit 3 (1 where the matrix says so) with a message naming what was
//! attempted, the server and the context; reads are retried on 429/5xx a bounded number of times,
//! writes never; no token appears in any output; nothing is written when something failed.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::support::{
    FAKEAPI_TOKEN, FakeApi, FaultProxy, UntrustedTls, example, free_port, is_watch,
    write_kubeconfig,
};
use crate::util::{Run, kubectl_ds};

/// One live command and the request the matrix injects its faults into.
struct Cmd {
    args: Vec<String>,
    /// Regex of the request path that gets the fault (a request this command makes).
    path: &'static str,
    /// How messages describe that request.
    call: &'static str,
    /// The `kubectl auth can-i` line a 403 suggests.
    can_i: &'static str,
}

fn manifest(dir: &Path) -> PathBuf {
    let f = dir.join("agent.yaml");
    std::fs::write(
        &f,
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent, namespace: logging}\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec:\n      containers: [{name: a, image: agent:1}]\n",
    )
    .unwrap();
    f
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

/// Every live command except completion (tested on its own: it must stay silent).
fn commands(dir: &Path) -> Vec<Cmd> {
    let ds = r#"get daemonsets.apps "fluentd" in namespace "logging""#;
    let ds_can = "kubectl auth can-i get daemonsets.apps -n logging";
    let mut validate = s(&["validate", "--live", "-f"]);
    validate.push(manifest(dir).display().to_string());
    vec![
        Cmd {
            args: s(&["explain-placement", "logging/fluentd"]),
            path: "daemonsets/fluentd$",
            call: ds,
            can_i: ds_can,
        },
        Cmd {
            args: s(&["why-not", "worker-1"]),
            path: "^/api/v1/nodes/worker-1$",
            call: r#"get nodes "worker-1" (cluster-scoped)"#,
            can_i: "kubectl auth can-i get nodes",
        },
        Cmd {
            args: s(&["snapshot"]),
            path: "^/api/v1/nodes$",
            call: "list nodes (cluster-scoped)",
            can_i: "kubectl auth can-i list nodes",
        },
        Cmd {
            args: s(&["rollout", "status", "logging/fluentd", "--watch=false"]),
            path: "daemonsets/fluentd$",
            call: ds,
            can_i: ds_can,
        },
        Cmd {
            // Watching: the fault hits the WATCH request (the initial read is a GET by name).
            args: s(&["rollout", "status", "logging/fluentd", "--timeout=20s"]),
            path: "^/apis/apps/v1/namespaces/logging/daemonsets$",
            call: r#"watch daemonsets.apps in namespace "logging""#,
            can_i: "kubectl auth can-i watch daemonsets.apps -n logging",
        },
        Cmd {
            args: s(&["rollout", "history", "logging/fluentd"]),
            path: "daemonsets/fluentd$",
            call: ds,
            can_i: ds_can,
        },
        Cmd {
            args: s(&["rollout", "undo", "logging/fluentd"]),
            path: "daemonsets/fluentd$",
            call: ds,
            can_i: ds_can,
        },
        Cmd {
            args: s(&["diff-revision", "logging/fluentd"]),
            path: "controllerrevisions$",
            call: r#"list controllerrevisions.apps in namespace "logging""#,
            can_i: "kubectl auth can-i list controllerrevisions.apps -n logging",
        },
        Cmd {
            args: validate,
            path: "^/api/v1/pods$",
            call: "list pods in all namespaces",
            can_i: "kubectl auth can-i list pods -A",
        },
    ]
}

/// The command that watches (its faults hit the WATCH request).
fn watching(cmd: &Cmd) -> bool {
    cmd.args.iter().any(|a| a.starts_with("--timeout"))
}

/// Run `args` with `-v` against `kubeconfig`; no token, no auth header, no panic in any output.
fn run_with(kubeconfig: &Path, args: &[String], extra: &[&str]) -> Run {
    let run = kubectl_ds()
        .args(args)
        .args(extra)
        .args(["-v", "--kubeconfig"])
        .arg(kubeconfig)
        .timeout(Duration::from_secs(60))
        .run();
    for text in [&run.stdout, &run.stderr] {
        for leak in [FAKEAPI_TOKEN, "s3cr3t", "Bearer", "Authorization"] {
            assert!(!text.contains(leak), "{args:?}: {leak} leaked: {text}");
        }
        assert!(!text.contains("panicked"), "{args:?}: {text}");
    }
    run
}

fn run(api: &FakeApi, args: &[String], extra: &[&str]) -> Run {
    run_with(&api.kubeconfig, args, extra)
}

/// Requests whose path matches `re` (a tiny subset of regex: optional `^` and `$` anchors).
fn hits(api: &FakeApi, re: &str) -> usize {
    let anchored_start = re.starts_with('^');
    let anchored_end = re.ends_with('$');
    let core = re.trim_start_matches('^').trim_end_matches('$');
    api.requests()
        .iter()
        .filter(|r| r["method"] == "GET")
        .filter(|r| {
            let p = r["path"].as_str().unwrap_or("");
            match (anchored_start, anchored_end) {
                (true, true) => p == core,
                (true, false) => p.starts_with(core),
                (false, true) => p.ends_with(core),
                (false, false) => p.contains(core),
            }
        })
        .count()
}

/// No write reached the server except server-side dry runs, and the DaemonSet is as seeded.
fn unchanged(api: &FakeApi) {
    for w in api.writes() {
        assert_eq!(w["query"]["dryRun"], "All", "mutating request: {w}");
    }
    assert_eq!(
        api.object("DaemonSet", "fluentd")["spec"]["template"]["spec"]["containers"][0]["image"],
        "fluent/fluentd:v1.17-1"
    );
}

fn complete(kubeconfig: &Path) -> (i32, String, String, Duration) {
    let run = kubectl_ds()
        .args(["__complete", "rollout", "status", "--kubeconfig"])
        .arg(kubeconfig)
        .arg("")
        .timeout(Duration::from_secs(30))
        .run();
    (run.code, run.stdout, run.stderr, run.took)
}

/// Completion under a fault: no candidates, no words on stderr (they would land in the user's
/// prompt), exit 0, quickly.
fn completion_is_silent(kubeconfig: &Path) {
    let (code, stdout, stderr, took) = complete(kubeconfig);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, ":4\n");
    assert_eq!(stderr, "");
    assert!(took < Duration::from_secs(10), "{took:?}");
}

#[test]
fn unauthorized_401_names_user_context_and_request_and_is_not_retried() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    let dir = tempfile::tempdir().unwrap();
    for cmd in commands(dir.path()) {
        api.clear_log();
        api.fault("GET", cmd.path, 401, 1, 0.0);
        let r = run(&api, &cmd.args, &[]);
        assert_eq!(r.code, 3, "{:?}: {}", cmd.args, r.stderr);
        r.says(&[
            "rejected the credentials of user \"rig\" (401 Unauthorized)",
            "context \"rig\"",
            &api.url(),
            cmd.call,
            "log in again or refresh the kubeconfig",
        ]);
        assert_eq!(
            hits(&api, cmd.path),
            1,
            "{:?}: 401 is not retried",
            cmd.args
        );
    }
    unchanged(&api);
    api.fault("GET", ".", 401, 10, 0.0);
    completion_is_silent(&api.kubeconfig);
}

#[test]
fn forbidden_403_names_verb_resource_namespace_and_the_can_i_check() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    let dir = tempfile::tempdir().unwrap();
    for cmd in commands(dir.path()) {
        api.clear_log();
        api.fault("GET", cmd.path, 403, 1, 0.0);
        let r = run(&api, &cmd.args, &[]);
        assert_eq!(r.code, 3, "{:?}: {}", cmd.args, r.stderr);
        r.says(&[
            "forbidden: RBAC does not allow user \"rig\" (context \"rig\")",
            cmd.call,
            "403 Forbidden",
            cmd.can_i,
        ]);
        assert_eq!(
            hits(&api, cmd.path),
            1,
            "{:?}: 403 is not retried",
            cmd.args
        );
    }
    unchanged(&api);
    api.fault("GET", ".", 403, 10, 0.0);
    completion_is_silent(&api.kubeconfig);
}

#[test]
fn not_found_404_names_the_object_and_close_names() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    let dir = tempfile::tempdir().unwrap();
    // Objects that do not exist: the message names them and suggests what does.
    let missing_ds =
        "daemonsets.apps \"fluentbit\" not found in namespace \"logging\"; did you mean fluentd?";
    let cases: Vec<(Vec<String>, &str)> = vec![
        (s(&["explain-placement", "logging/fluentbit"]), missing_ds),
        (
            s(&["why-not", "worker-9"]),
            "nodes \"worker-9\" not found; did you mean worker-1",
        ),
        (
            s(&["rollout", "status", "logging/fluentbit", "--watch=false"]),
            missing_ds,
        ),
        (s(&["rollout", "status", "logging/fluentbit"]), missing_ds),
        (s(&["rollout", "history", "logging/fluentbit"]), missing_ds),
        (s(&["rollout", "undo", "logging/fluentbit"]), missing_ds),
        (s(&["diff-revision", "logging/fluentbit"]), missing_ds),
    ];
    for (args, words) in cases {
        let r = run(&api, &args, &[]);
        assert_eq!(r.code, 3, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(words), "{args:?}: {}", r.stderr);
    }
    // Commands that only list: a 404 on a collection means the server is not what it seems.
    for cmd in commands(dir.path())
        .into_iter()
        .filter(|c| c.args[0] == "snapshot" || c.args[0] == "validate")
    {
        api.fault("GET", cmd.path, 404, 1, 0.0);
        let r = run(&api, &cmd.args, &[]);
        assert_eq!(r.code, 3, "{:?}: {}", cmd.args, r.stderr);
        assert!(
            r.stderr.contains("does not serve")
                && r.stderr.contains("is it a Kubernetes API server?"),
            "{:?}: {}",
            cmd.args,
            r.stderr
        );
    }
    unchanged(&api);
}

#[test]
fn server_errors_and_throttling_are_retried_three_times_then_reported() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    let dir = tempfile::tempdir().unwrap();
    for (status, reason) in [(500, "500"), (429, "429")] {
        for cmd in commands(dir.path()).into_iter().filter(|c| !watching(c)) {
            api.clear_log();
            // Exactly 1 try + 3 retries fail: a fourth retry would succeed and exit 0.
            api.fault("GET", cmd.path, status, 4, 0.0);
            let r = run(&api, &cmd.args, &[]);
            assert_eq!(r.code, 3, "{:?}: {}", cmd.args, r.stderr);
            let words = format!("answered {reason} InjectedFault to {}", cmd.call);
            assert!(
                r.stderr.contains(&words),
                "{:?}: {words}: {}",
                cmd.args,
                r.stderr
            );
            assert!(r.stderr.contains("4 times"), "{:?}: {}", cmd.args, r.stderr);
            assert_eq!(hits(&api, cmd.path), 4, "{:?}: 1 try + 3 retries", cmd.args);
            // 200 + 400 + 800 ms of backoff, not more.
            assert!(
                r.took < Duration::from_secs(15),
                "{:?}: {:?}",
                cmd.args,
                r.took
            );
        }
    }
    unchanged(&api);
    api.fault("GET", ".", 500, 100, 0.0);
    completion_is_silent(&api.kubeconfig);
}

#[test]
fn transient_server_errors_are_absorbed_by_the_retries() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    let dir = tempfile::tempdir().unwrap();
    for cmd in commands(dir.path()) {
        // Watching needs a rollout that finishes; its retries are covered by the 5xx test.
        if cmd.args.iter().any(|a| a.starts_with("--timeout")) {
            continue;
        }
        api.clear_log();
        api.fault("GET", cmd.path, 503, 2, 0.0);
        let extra: &[&str] = if cmd.args.get(1).is_some_and(|a| a == "undo") {
            &["--dry-run=server"]
        } else {
            &[]
        };
        let r = run(&api, &cmd.args, extra);
        assert!(r.code == 0 || r.code == 1, "{:?}: {}", cmd.args, r.stderr);
        assert_eq!(hits(&api, cmd.path), 3, "{:?}", cmd.args);
        assert!(
            r.stderr.contains("503 Service Unavailable") && r.stderr.contains("retry 1 of 3"),
            "{:?}: -v shows the retries: {}",
            cmd.args,
            r.stderr
        );
    }
}

#[test]
fn a_slow_server_is_cut_off_by_request_timeout() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    let dir = tempfile::tempdir().unwrap();
    // A watch that gets no answer is reopened until --timeout: a_lost_watch_is_reopened_….
    for cmd in commands(dir.path()).into_iter().filter(|c| !watching(c)) {
        api.fault("GET", cmd.path, 0, 1, 4.0);
        let r = run(&api, &cmd.args, &["--request-timeout", "1s"]);
        assert_eq!(r.code, 3, "{:?}: {}", cmd.args, r.stderr);
        r.says(&[
            "no answer from the API server",
            &api.url(),
            "context \"rig\"",
            "within 1s",
            cmd.call,
            "raise --request-timeout",
        ]);
        // Below the 4 s the server holds each request: cut off, not answered late.
        assert!(
            r.took < Duration::from_millis(3500),
            "{:?}: {:?}",
            cmd.args,
            r.took
        );
        // Let the held requests finish before the next command.
        std::thread::sleep(Duration::from_millis(4200).saturating_sub(r.took));
    }
    unchanged(&api);
    // Completion has its own short limit (2s) so a prompt never hangs.
    api.fault("GET", ".", 0, 100, 10.0);
    completion_is_silent(&api.kubeconfig);
}

#[test]
fn without_request_timeout_every_call_is_bounded_by_30s() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    let dir = tempfile::tempdir().unwrap();
    for cmd in commands(dir.path()) {
        let r = run(&api, &cmd.args, &["--request-timeout", "bogus"]);
        assert_eq!(r.code, 2, "{:?}: {}", cmd.args, r.stderr);
        assert!(
            r.stderr
                .contains("invalid value 'bogus' for '--request-timeout"),
            "{}",
            r.stderr
        );
        let args: Vec<String> = cmd
            .args
            .iter()
            .map(|a| a.replace("--timeout=20s", "--watch=false"))
            .collect();
        let extra: &[&str] = if args.get(1).is_some_and(|a| a == "undo") {
            &["--dry-run=server"]
        } else {
            &[]
        };
        let r = run(&api, &args, extra);
        assert!(
            r.stderr.contains("request timeout 30s"),
            "{args:?}: {}",
            r.stderr
        );
    }
    unchanged(&api);
}

fn dead_kubeconfig(dir: &Path, server: &str, context: &str) -> PathBuf {
    write_kubeconfig(
        &dir.join(format!("{context}.yaml")),
        server,
        "s3cr3t-token-value",
        &[(context, None)],
        Some(context),
    )
}

/// Connection refused, an unresolvable host and an untrusted certificate: every command names
/// the server URL and the kubeconfig context, exit 3, no write attempted.
#[test]
fn unreachable_servers_name_the_url_and_context() {
    let dir = tempfile::tempdir().unwrap();
    let tls = UntrustedTls::start();
    let refused = format!("http://127.0.0.1:{}", free_port());
    let untrusted = format!("https://127.0.0.1:{}", tls.port);
    let cases = [
        (
            refused.as_str(),
            "dead",
            "connection refused; is the cluster up and the server address in the kubeconfig right?",
        ),
        (
            "https://api.kubectl-ds-test.invalid:6443",
            "gone",
            "check the server address in the kubeconfig, DNS and VPN",
        ),
        (
            untrusted.as_str(),
            "tls",
            "check the cluster's certificate-authority in the kubeconfig",
        ),
    ];
    for (server, context, advice) in cases {
        let kc = dead_kubeconfig(dir.path(), server, context);
        for cmd in commands(dir.path()) {
            let r = run_with(&kc, &cmd.args, &["--request-timeout", "10s"]);
            assert_eq!(r.code, 3, "{:?} {server}: {}", cmd.args, r.stderr);
            r.says(&[server, &format!("(context \"{context}\")"), advice]);
        }
        completion_is_silent(&kc);
    }
}

/// Watch `rollout status` in the background against `kubeconfig`.
fn status_in_background(kubeconfig: &Path) -> std::thread::JoinHandle<std::process::Output> {
    let kc = kubeconfig.to_path_buf();
    std::thread::spawn(move || {
        kubectl_ds()
            .args([
                "rollout",
                "status",
                "logging/fluentd",
                "--timeout=15s",
                "-v",
                "--kubeconfig",
            ])
            .arg(&kc)
            .output()
            .unwrap()
    })
}

fn rolled_out(out: &std::process::Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .ends_with("daemon set \"fluentd\" successfully rolled out\n"),
        "{stderr}"
    );
    stderr
}

/// 410 Gone as a real API server sends it for an expired resourceVersion: HTTP 200 and an ERROR
/// event. The DaemonSet finishes its rollout while the watch is held; only a relist (a fresh GET)
/// can see that, since a watch resumed from the old resourceVersion never replays it.
#[test]
fn watch_410_gone_event_relists_and_continues() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    let proxy = FaultProxy::watch_expiry(&api);
    let kc = api.kubeconfig_with(
        "proxy.yaml",
        &format!("http://127.0.0.1:{}", proxy.port),
        FAKEAPI_TOKEN,
        &[("rig", None)],
        Some("rig"),
    );
    let handle = status_in_background(&kc);
    proxy.wait_for_watch();
    api.clear_log();
    api.set_fluentd_status(5, 5, 5);
    proxy.release();
    let stderr = rolled_out(&handle.join().unwrap());
    assert!(stderr.contains("410"), "{stderr}");
    let after: Vec<_> = api
        .requests()
        .into_iter()
        .filter(|r| r["method"] == "GET")
        .collect();
    assert!(
        after
            .iter()
            .any(|r| !is_watch(r)
                && r["path"] == "/apis/apps/v1/namespaces/logging/daemonsets/fluentd"),
        "the DaemonSet was read again after 410: {after:?}"
    );
}

/// The same when the server answers the watch request itself with HTTP 410.
#[test]
fn watch_410_gone_answer_relists_and_continues() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    api.fault(
        "GET",
        "^/apis/apps/v1/namespaces/logging/daemonsets$",
        410,
        1,
        3.0,
    );
    let handle = status_in_background(&api.kubeconfig);
    api.wait_for_requests(1, "a watch request", is_watch);
    api.set_fluentd_status(5, 5, 5);
    let stderr = rolled_out(&handle.join().unwrap());
    assert!(stderr.contains("410 Gone"), "{stderr}");
    assert_eq!(
        api.requests().iter().filter(|r| is_watch(r)).count(),
        1,
        "done after the relist, no second watch needed"
    );
}

/// The WATCH request's path.
const WATCH: &str = "^/apis/apps/v1/namespaces/logging/daemonsets$";

/// An API server restarted under a watch (a control-plane upgrade): five 500s in a row, more
/// than a read is retried, 6 s of backoff. The watch is reopened until it opens, says it was
/// lost and that it is back, and sees the rollout finish — as kubectl's rollout status does.
#[test]
fn a_lost_watch_is_reopened_until_the_server_is_back() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    api.fault("GET", WATCH, 500, 5, 0.0);
    let handle = status_in_background(&api.kubeconfig);
    api.wait_for_requests(6, "the watch opened after five failures", is_watch);
    api.set_fluentd_status(5, 5, 5);
    let stderr = rolled_out(&handle.join().unwrap());
    for words in [
        "note: no watch for ",
        "reconnecting until it opens or --timeout passes: the API server",
        r#"answered 500 InjectedFault to watch daemonsets.apps in namespace "logging": injected fault"#,
        "note: watching again after ",
    ] {
        assert!(stderr.contains(words), "{words}: {stderr}");
    }
    assert_eq!(stderr.matches("note: no watch").count(), 1, "{stderr}");
}

/// A rollout that finishes while no watch is open is seen when the next one opens: the watch
/// request is held 2 s and then fails, the status changes meanwhile, and this server (as one
/// whose watch history no longer reaches back) does not replay it; the DaemonSet is read again
/// after the failed watch, as kubectl's reflector lists again.
#[test]
fn a_change_made_while_no_watch_was_open_is_seen() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    api.fault("GET", WATCH, 500, 1, 2.0);
    let handle = status_in_background(&api.kubeconfig);
    api.wait_for_requests(1, "the watch request being held", is_watch);
    api.set_fluentd_status(5, 5, 5);
    let started = std::time::Instant::now();
    rolled_out(&handle.join().unwrap());
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

/// A watch lost until `--timeout` passes ends as kubectl's does: the timeout, exit 1 — whether
/// the server answers 503 or not at all (cut off by --request-timeout).
#[test]
fn a_watch_lost_until_the_timeout_ends_in_the_timeout() {
    // Held 3 s and cut off after 1 s, a try takes 1 s: the fourth fails 5.4 s in.
    for (status, delay, timeout, says) in [
        (
            503,
            0.0,
            4,
            "answered 503 InjectedFault to watch daemonsets.apps",
        ),
        (0, 3.0, 9, "no answer from the API server"),
    ] {
        let args = vec![
            "rollout".to_string(),
            "status".into(),
            "logging/fluentd".into(),
            format!("--timeout={timeout}s"),
        ];
        // A server each: the fault outlasts the command.
        let api = FakeApi::start(&example("demo-cluster.yaml"));
        api.fault("GET", WATCH, status, 1000, delay);
        let r = run(&api, &args, &["--request-timeout", "1s"]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        r.says(&[
            "note: no watch for ",
            says,
            "error: timed out waiting for the condition",
        ]);
        assert!(r.took < Duration::from_secs(timeout + 8), "{:?}", r.took);
        let watches = api.requests().iter().filter(|r| is_watch(r)).count();
        assert!(watches > 4, "{watches} tries: more than a read's 4");
        unchanged(&api);
    }
}

/// A watch that keeps answering 410 even right after the relist gives up after 4 in a row.
#[test]
fn watch_410_gone_every_time_gives_up() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    api.fault(
        "GET",
        "^/apis/apps/v1/namespaces/logging/daemonsets$",
        410,
        100,
        0.0,
    );
    let r = run(&api, &s(&["rollout", "status", "logging/fluentd"]), &[]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(
        r.stderr.contains("answered 410 Gone to watch daemonsets.apps in namespace \"logging\" 4 times in a row, even right after reading the object again; giving up"),
        "{}",
        r.stderr
    );
    let watches = api.requests().iter().filter(|r| is_watch(r)).count();
    assert_eq!(watches, 4);
    let relists = api
        .requests()
        .iter()
        .filter(|r| r["path"] == "/apis/apps/v1/namespaces/logging/daemonsets/fluentd")
        .count();
    assert_eq!(
        relists,
        1 + 3,
        "the first read, then a GET after each of the first three 410s"
    );
}

/// 410 on the first page of a LIST (no continue token to blame): say so, exit 3.
#[test]
fn list_410_gone_on_the_first_page_asks_to_run_again() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    api.fault("GET", "^/api/v1/nodes$", 410, 1, 0.0);
    let r = run(&api, &s(&["snapshot"]), &[]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "answered 410 Gone to list nodes (cluster-scoped): injected fault; the list changed too much while it was read: run the command again"
        ),
        "{}",
        r.stderr
    );
}

/// `explain-placement default/agent -o json` through `proxy` in front of `api`.
fn explain_through(api: &FakeApi, proxy: &FaultProxy) -> Run {
    let kc = api.kubeconfig_with(
        "proxy.yaml",
        &format!("http://127.0.0.1:{}", proxy.port),
        FAKEAPI_TOKEN,
        &[("rig", None)],
        Some("rig"),
    );
    run_with(
        &kc,
        &s(&["explain-placement", "default/agent", "-o", "json"]),
        &[],
    )
}

/// 410 on a later page (the continue token expired, sent the way a server sends it, by a proxy:
/// fakeapi's faults cannot tell pages apart): list again from the start in one request, as
/// client-go's pager does, and answer.
#[test]
fn list_410_gone_on_a_later_page_lists_again_whole() {
    let dir = tempfile::tempdir().unwrap();
    let api = FakeApi::start(&crate::support::synthetic_cluster(dir.path(), 600));
    let proxy = FaultProxy::continue_expiry(&api);
    let r = explain_through(&api, &proxy);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["nodes"].as_array().unwrap().len(), 600);
    assert!(r.stderr.contains("continue token expired"), "{}", r.stderr);
    let node_lists: Vec<_> = api
        .requests()
        .into_iter()
        .filter(|q| q["path"] == "/api/v1/nodes")
        .collect();
    // Page 1 reached the server, page 2 was refused by the proxy, then one whole LIST.
    assert_eq!(node_lists.len(), 2, "{node_lists:?}");
    assert_eq!(node_lists[0]["query"]["limit"], "500", "{node_lists:?}");
    assert!(
        node_lists[1]["query"].get("limit").is_none(),
        "{node_lists:?}"
    );
}

/// Faults on the rollback PATCH: never retried (exactly one PATCH), the right exit code, and the
/// DaemonSet left as it was.
#[test]
fn undo_patch_faults_are_not_retried_and_say_what_was_applied() {
    let cases: [(u16, f64, i32, &str); 8] = [
        (
            401,
            0.0,
            3,
            "rejected the credentials of user \"rig\" (401 Unauthorized) when trying to patch daemonsets.apps \"fluentd\" in namespace \"logging\"; nothing was applied",
        ),
        (
            403,
            0.0,
            3,
            "RBAC does not allow user \"rig\" (context \"rig\") to patch daemonsets.apps \"fluentd\" in namespace \"logging\"",
        ),
        (
            404,
            0.0,
            3,
            "daemonsets.apps \"fluentd\" not found in namespace \"logging\": it was deleted after it was read; nothing was applied",
        ),
        (
            409,
            0.0,
            1,
            "was changed by someone else after it was read (resourceVersion",
        ),
        (
            422,
            0.0,
            1,
            "refused to patch daemonsets.apps \"fluentd\" in namespace \"logging\": 422 InjectedFault: injected fault; nothing was applied",
        ),
        (
            429,
            0.0,
            3,
            "answered 429 InjectedFault to patch daemonsets.apps \"fluentd\" in namespace \"logging\": injected fault; writes are not retried",
        ),
        (
            500,
            0.0,
            3,
            "answered 500 InjectedFault to patch daemonsets.apps \"fluentd\" in namespace \"logging\": injected fault; writes are not retried",
        ),
        (
            0,
            3.0,
            3,
            "within 1s to patch daemonsets.apps \"fluentd\" in namespace \"logging\"; the request was sent and may or may not have been applied",
        ),
    ];
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    for (status, delay, code, words) in cases {
        api.clear_log();
        api.fault("PATCH", "daemonsets/fluentd$", status, 1, delay);
        let r = run(
            &api,
            &s(&[
                "rollout",
                "undo",
                "logging/fluentd",
                "--request-timeout",
                "1s",
            ]),
            &[],
        );
        assert_eq!(r.code, code, "{status}: {}", r.stderr);
        assert!(r.stderr.contains(words), "{status}: {words}: {}", r.stderr);
        assert!(
            r.stderr.contains("failed restoring revision 0") || status == 404,
            "{}",
            r.stderr
        );
        let patches = api
            .requests()
            .iter()
            .filter(|r| r["method"] == "PATCH")
            .count();
        assert_eq!(patches, 1, "{status}: writes are never retried");
        assert_eq!(r.stdout, "", "{status}: no 'rolled back' line");
        if delay == 0.0 {
            // The delayed PATCH goes through in the end, as its message warns it may; no other
            // fault changes the DaemonSet.
            assert_eq!(
                api.object("DaemonSet", "fluentd")["spec"]["template"]["spec"]["containers"][0]["image"],
                "fluent/fluentd:v1.17-1"
            );
        }
    }
}

/// A snapshot that fails half-way (nodes listed, pods refused) writes nothing: no file, no
/// temporary file left beside it.
#[test]
fn a_failed_snapshot_leaves_no_file_behind() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("cluster.yaml");
    api.fault("GET", "^/api/v1/pods$", 500, 4, 0.0);
    let r = run(
        &api,
        &s(&["snapshot", "--file", target.to_str().unwrap()]),
        &[],
    );
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(
        r.stderr.contains("list pods in all namespaces"),
        "{}",
        r.stderr
    );
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

/// A 429 with `Retry-After: 2` is retried after the 2 s the server asked for, not the 200 ms
/// default backoff.
#[test]
fn throttling_honours_retry_after() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    let proxy = FaultProxy::retry_after(&api);
    let kc = api.kubeconfig_with(
        "proxy.yaml",
        &format!("http://127.0.0.1:{}", proxy.port),
        FAKEAPI_TOKEN,
        &[("rig", None)],
        Some("rig"),
    );
    let r = run_with(&kc, &s(&["snapshot"]), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("429 for list nodes (cluster-scoped): retry 1 of 3 in 2s"),
        "{}",
        r.stderr
    );
    assert!(r.took >= Duration::from_millis(1900), "{:?}", r.took);
}

/// A LIST answer that breaks off mid-body (the connection dropped after half of it), and one
/// that is not JSON at all (an HTML page behind a proxy): exit 3 naming the read, nothing on
/// stdout — never a partial table from the pods that did arrive.
#[test]
fn a_broken_list_body_fails_naming_the_read() {
    let dir = tempfile::tempdir().unwrap();
    let api = FakeApi::start(&crate::support::synthetic_cluster(dir.path(), 600));
    for (proxy, says) in [
        (
            FaultProxy::cut_pods(&api),
            "broke while the answer to list pods in all namespaces was read",
        ),
        (FaultProxy::html_pods(&api), "cannot decode the answer"),
    ] {
        let r = explain_through(&api, &proxy);
        assert_eq!(r.code, 3, "{}", r.stderr);
        assert!(r.stdout.is_empty(), "{}", r.stdout);
        assert!(r.stderr.contains(says), "{}", r.stderr);
        assert!(r.stderr.contains("pods"), "{}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    }
}
