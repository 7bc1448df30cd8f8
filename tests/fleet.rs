//! Fleet runs (`--context a,b`, `--all-contexts`, `--context-selector`): several local API
//! servers, each with its own context name, merged through `KUBECONFIG=a:b:c` as kubectl merges
//! them — healthy, lagging, forbidden, down and hanging clusters; the JSON shape; exit codes;
//! one context exactly as before.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Value, json};

use crate::support::{FAKEAPI_TOKEN, FakeApi, example, free_port, write_kubeconfig};
use crate::util::{Run, kubectl_ds};

fn demo() -> PathBuf {
    example("demo-cluster.yaml")
}

/// A demo cluster whose kubeconfig context is `name`.
fn cluster(name: &str) -> FakeApi {
    FakeApi::start_with(&demo(), &["--context-name", name])
}

/// A kubeconfig whose context `name` points at a port nobody listens on.
fn down(dir: &Path, name: &str) -> PathBuf {
    let server = format!("http://127.0.0.1:{}", free_port());
    write_kubeconfig(
        &dir.join(format!("{name}.yaml")),
        &server,
        FAKEAPI_TOKEN,
        &[(name, Some("default"))],
        Some(name),
    )
}

/// `KUBECONFIG` for these files, merged like kubectl merges them.
fn merged(files: &[&Path]) -> std::ffi::OsString {
    std::env::join_paths(files).unwrap()
}

fn ds(kubeconfig: &std::ffi::OsStr, args: &[&str]) -> Run {
    kubectl_ds()
        .env("KUBECONFIG", kubeconfig)
        .args(args)
        .timeout(Duration::from_secs(60))
        .run()
}

fn contexts(v: &Value) -> Vec<&str> {
    v["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["context"].as_str().unwrap())
        .collect()
}

#[test]
fn every_cluster_answers_and_a_dead_or_forbidden_one_is_a_row_with_its_error() {
    let healthy = cluster("eu-1");
    healthy.set_fluentd_status(5, 5, 5);
    let lagging = cluster("eu-2");
    let forbidden = cluster("us-1");
    forbidden.fault("GET", "daemonsets", 403, 100, 0.0);
    let tmp = tempfile::tempdir().unwrap();
    let dead = down(tmp.path(), "ap-2");
    let kc = merged(&[
        &healthy.kubeconfig,
        &lagging.kubeconfig,
        &forbidden.kubeconfig,
        &dead,
    ]);
    let args = [
        "rollout",
        "status",
        "logging/fluentd",
        "--watch=false",
        "--all-contexts",
    ];

    let run = ds(&kc, &args);
    run.expect_code(3);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let first_word = |l: &&str| l.split_whitespace().next().unwrap_or("").to_string();
    // one table, rows sorted by context, failures in place with their error
    assert_eq!(
        lines[..5].iter().map(first_word).collect::<Vec<_>>(),
        ["CONTEXT", "ap-2", "eu-1", "eu-2", "us-1"],
        "{run}"
    );
    assert!(
        lines[1].contains("error: cannot connect") && lines[1].contains("connection refused"),
        "{run}"
    );
    assert!(lines[2].contains("complete") && lines[2].contains("successfully rolled out"));
    assert!(lines[3].contains("progressing") && lines[3].contains("2 out of 5"));
    assert!(lines[4].contains("error: forbidden"), "{run}");
    // the lagging cluster's nodes, with their reasons
    assert!(
        run.stdout
            .contains("eu-2      worker-2   NotReady   pod fluentd-w5m2c is NotReady"),
        "{run}"
    );
    assert_eq!(
        lines.last().unwrap().trim(),
        "4 clusters: 1 complete, 1 progressing (eu-2: 4 nodes behind), 1 unreachable (ap-2), 1 forbidden (us-1)",
        "{run}"
    );
    assert!(!run.stdout.contains(FAKEAPI_TOKEN) && !run.stderr.contains(FAKEAPI_TOKEN));
    // piped: no progress line, nothing else on stderr
    assert_eq!(run.stderr, "", "{run}");

    // JSON: the documented shape, the single-cluster answer as `result`
    let mut json_args = args.to_vec();
    json_args.extend(["-o", "json"]);
    let run = ds(&kc, &json_args);
    run.expect_code(3);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(contexts(&v), ["ap-2", "eu-1", "eu-2", "us-1"]);
    let c = &v["clusters"];
    for entry in c.as_array().unwrap() {
        let keys: Vec<&str> = entry
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["context", "error", "result", "server"], "{entry}");
    }
    assert_eq!(c[0]["result"], Value::Null);
    assert_eq!(c[0]["error"]["exit"], 3);
    assert_eq!(c[1]["server"], healthy.url());
    assert_eq!(c[1]["error"], Value::Null);
    assert_eq!(c[1]["result"]["done"], true);
    assert_eq!(c[2]["result"]["done"], false);
    assert_eq!(c[2]["result"]["blockingNodes"].as_array().unwrap().len(), 4);
    assert!(
        c[3]["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("forbidden: ")
    );
    // each result is exactly what the cluster alone answers
    let alone = kubectl_ds()
        .env("KUBECONFIG", &kc)
        .args(["rollout", "status", "logging/fluentd", "--watch=false"])
        .args(["--context", "eu-2", "-o", "json"])
        .json();
    assert_eq!(c[2]["result"], alone);
}

#[test]
fn a_hanging_cluster_costs_its_request_timeout_and_nothing_more() {
    let fine = cluster("fine");
    let slow = FakeApi::start_with(&demo(), &["--context-name", "slow", "--latency", "4"]);
    let kc = merged(&[&fine.kubeconfig, &slow.kubeconfig]);
    let run = ds(
        &kc,
        &[
            "rollout",
            "history",
            "logging/fluentd",
            "--context",
            "fine,slow",
            "--request-timeout",
            "1s",
        ],
    );
    run.expect_code(3);
    assert!(run.took < Duration::from_secs(3), "{run}");
    assert!(run.stdout.contains("== fine ("), "{run}");
    assert!(run.stdout.contains("REVISION  CHANGE-CAUSE"), "{run}");
    assert!(
        run.stdout.contains("error: no answer from the API server")
            && run.stdout.contains("within 1s"),
        "{run}"
    );
    assert!(run.stdout.trim_end().ends_with("(slow)"), "{run}");
}

#[test]
fn exit_codes_are_the_worst_of_the_clusters() {
    let a = cluster("a");
    let b = cluster("b");
    a.set_fluentd_status(5, 5, 5);
    b.set_fluentd_status(5, 5, 5);
    let kc = merged(&[&a.kubeconfig, &b.kubeconfig]);
    let status = ["rollout", "status", "logging/fluentd", "--all-contexts"];
    let run = ds(&kc, &[&status[..], &["-v"]].concat());
    run.expect_code(0);
    assert!(run.stdout.ends_with("2 clusters: 2 complete\n"), "{run}");
    // -v: the clusters' lines interleave, so each names its context
    run.says(&[
        "[kubectl-ds a] GET http://127.0.0.1:",
        "[kubectl-ds b] GET http://127.0.0.1:",
    ]);

    // b lags: watching it until --timeout is a finding (1), not a failure to read (3)
    b.set_daemonset_status("logging", "fluentd", json!({"updatedNumberScheduled": 3}));
    let mut watch = status.to_vec();
    watch.extend(["--timeout", "1s"]);
    let run = ds(&kc, &watch);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("b: Waiting for daemon set \"fluentd\" rollout to finish: 3 out of 5"),
        "{run}"
    );
    assert!(
        run.stdout
            .ends_with("2 clusters: 1 complete, 1 not complete in time (b: 4 nodes behind)\n"),
        "{run}"
    );
}

#[test]
fn one_context_is_exactly_the_single_cluster_run() {
    let a = cluster("a");
    let b = cluster("b");
    let kc = merged(&[&a.kubeconfig, &b.kubeconfig]);
    for args in [
        vec!["explain-placement", "fluentd", "-n", "logging"],
        vec!["rollout", "status", "logging/fluentd", "--watch=false"],
        vec!["list", "-A", "-o", "json"],
    ] {
        let alone = kubectl_ds()
            .arg("--kubeconfig")
            .arg(&b.kubeconfig)
            .args(&args)
            .run();
        for extra in [["--context", "b"], ["--context", "b,b"]] {
            let run = ds(&kc, &[&args[..], &extra[..]].concat());
            assert_eq!(
                (run.code, &run.stdout, &run.stderr),
                (alone.code, &alone.stdout, &alone.stderr),
                "{run}"
            );
        }
    }
}

#[test]
fn fleet_flags_are_checked_before_any_cluster_is_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let kc = merged(&[&down(tmp.path(), "a"), &down(tmp.path(), "b")]);
    let cases: [(&[&str], &str); 5] = [
        (
            &["list", "--all-contexts", "--snapshot", "x.yaml"],
            "--snapshot reads one cluster's state",
        ),
        (
            &["rollout", "undo", "ds/x", "--context", "a,b"],
            "rollout undo changes a cluster",
        ),
        (
            &["list", "--context-selector", "^z"],
            "no context of the kubeconfig matches --context-selector \"^z\" (contexts: a, b)",
        ),
        (
            &["list", "--context-selector", "("],
            "not a regular expression",
        ),
        (
            &["snapshot", "--all-contexts"],
            "writes one file per context: give a directory",
        ),
    ];
    for (args, says) in cases {
        ds(&kc, args).expect_code(2).says(&[says]);
    }
    ds(&kc, &["list", "--context", "a", "--all-contexts"])
        .expect_code(2)
        .says(&["cannot be used with"]);
}

#[test]
fn why_not_a_node_explains_it_where_it_exists() {
    let demo = cluster("demo");
    let tmp = tempfile::tempdir().unwrap();
    let other = FakeApi::start_with(
        &crate::support::synthetic_cluster(tmp.path(), 3),
        &["--context-name", "other"],
    );
    let kc = merged(&[&demo.kubeconfig, &other.kubeconfig]);
    let run = ds(&kc, &["why-not", "gpu-1", "--all-contexts", "-o", "json"]);
    run.expect_code(0);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(contexts(&v), ["demo", "other"]);
    assert_eq!(v["clusters"][0]["result"]["node"], "gpu-1");
    let missing = &v["clusters"][1]["error"];
    assert_eq!(missing["exit"], 0, "{run}");
    assert!(
        missing["message"]
            .as_str()
            .unwrap()
            .starts_with("nodes \"gpu-1\" not found"),
        "{run}"
    );
    // a node no cluster has is still a failure
    ds(&kc, &["why-not", "nowhere", "--all-contexts"]).expect_code(3);
}

#[test]
fn diff_revision_names_the_clusters_whose_template_differs_from_the_majority() {
    let apis: Vec<FakeApi> = ["c1", "c2", "c3"].iter().map(|n| cluster(n)).collect();
    let (code, body) = apis[2].call(
        "PATCH",
        "/apis/apps/v1/namespaces/logging/daemonsets/fluentd",
        "application/merge-patch+json",
        r#"{"spec": {"template": {"metadata": {"labels": {"tier": "canary"}}}}}"#,
    );
    assert_eq!(code, 200, "{body}");
    let kc = merged(
        &apis
            .iter()
            .map(|a| a.kubeconfig.as_path())
            .collect::<Vec<_>>(),
    );
    let run = ds(
        &kc,
        &[
            "diff-revision",
            "logging/fluentd",
            "--all-contexts",
            "--summary",
        ],
    );
    run.expect_code(0);
    assert!(
        run.stdout.contains(
            "live template differs from the majority's (1 change):\n  metadata.labels.tier"
        ),
        "{run}"
    );
    assert!(
        run.stdout
            .ends_with("3 clusters: 2 same template, 1 differ from the majority (c3: 1 change)\n"),
        "{run}"
    );
}

#[test]
fn snapshot_writes_one_file_per_context() {
    let a = cluster("prod/eu");
    let b = cluster("prod/us");
    let kc = merged(&[&a.kubeconfig, &b.kubeconfig]);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("snaps");
    let run = ds(
        &kc,
        &[
            "snapshot",
            "--all-contexts",
            "--file",
            dir.to_str().unwrap(),
        ],
    );
    run.expect_code(0);
    for name in ["prod_eu.yaml", "prod_us.yaml"] {
        let file = dir.join(name);
        assert!(run.stdout.contains(file.to_str().unwrap()), "{run}");
        // each file is a snapshot the other commands read
        kubectl_ds()
            .arg("--snapshot")
            .arg(&file)
            .args(["rollout", "status", "logging/fluentd", "--watch=false"])
            .run()
            .expect_code(0);
    }
}

/// [`FakeApi::set_fluentd_status`]`(5, 5, 5)` on a server that asks for a bearer token.
fn complete_with_token(api: &FakeApi, token: &str) {
    use std::io::{Read, Write};
    let body = r#"{"status": {"observedGeneration": 2, "desiredNumberScheduled": 5, "currentNumberScheduled": 5, "updatedNumberScheduled": 5, "numberAvailable": 5, "numberReady": 5}}"#;
    let mut s = std::net::TcpStream::connect(("127.0.0.1", api.port)).unwrap();
    write!(
        s,
        "PATCH /apis/apps/v1/namespaces/logging/daemonsets/fluentd/status HTTP/1.0\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\nContent-Type: application/merge-patch+json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut reply = String::new();
    s.read_to_string(&mut reply).unwrap();
    assert!(
        reply.starts_with("HTTP/1.1 200") || reply.starts_with("HTTP/1.0 200"),
        "{reply}"
    );
}

/// A kubeconfig for `api` whose user gets its token from an exec credential plugin that prints
/// the content of `token` (no expirationTimestamp: kube-rs runs it once per client).
fn exec_kubeconfig(dir: &Path, name: &str, api: &FakeApi, token: &Path) -> PathBuf {
    let plugin = dir.join(format!("{name}-credential.sh"));
    std::fs::write(
        &plugin,
        format!(
            "#!/bin/sh\nprintf '{{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":\"ExecCredential\",\"status\":{{\"token\":\"%s\"}}}}' \"$(cat {})\"\n",
            token.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&plugin, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let cfg = json!({"apiVersion": "v1", "kind": "Config",
        "clusters": [{"name": name, "cluster": {"server": api.url()}}],
        "users": [{"name": name, "user": {"exec": {
            "apiVersion": "client.authentication.k8s.io/v1beta1",
            "command": plugin, "interactiveMode": "Never"}}}],
        "contexts": [{"name": name, "context": {"cluster": name, "user": name, "namespace": "default"}}],
        "current-context": name});
    let path = dir.join(format!("{name}.yaml"));
    std::fs::write(&path, cfg.to_string()).unwrap();
    path
}

#[test]
fn a_fleet_watch_survives_a_rotated_exec_token_and_ends_when_the_last_cluster_completes() {
    let tmp = tempfile::tempdir().unwrap();
    let token = tmp.path().join("token");
    std::fs::write(&token, "token-1").unwrap();
    let done = cluster("done");
    done.set_fluentd_status(5, 5, 5);
    let rotating = FakeApi::start_with(&demo(), &["--require-token-file", token.to_str().unwrap()]);
    let kc = merged(&[
        &done.kubeconfig,
        &exec_kubeconfig(tmp.path(), "rotating", &rotating, &token),
    ]);
    // The first watch of the rotating cluster is held 2 s, then fails (500): the token is
    // rotated meanwhile, so the reconnect meets a 401 and must run the plugin again.
    rotating.fault("GET", "daemonsets$", 500, 1, 2.0);
    let watch = std::thread::spawn(move || {
        ds(
            &kc,
            &[
                "rollout",
                "status",
                "logging/fluentd",
                "--all-contexts",
                "--timeout",
                "40s",
            ],
        )
    });
    rotating.wait_for_requests(1, "the first watch", crate::support::is_watch);
    std::fs::write(&token, "token-2").unwrap();
    rotating.wait_for_requests(
        3,
        "two watches after the rotation",
        crate::support::is_watch,
    );
    complete_with_token(&rotating, "token-2");
    let run = watch.join().unwrap();
    run.expect_code(0);
    assert!(
        run.stderr
            .contains("rotating: daemon set \"fluentd\" successfully rolled out"),
        "{run}"
    );
    assert!(run.stdout.ends_with("2 clusters: 2 complete\n"), "{run}");
}

/// Long flags (`--name`) in a text.
fn long_flags(text: &str) -> std::collections::BTreeSet<String> {
    let re = regex::Regex::new(r"(?:^|[^a-z0-9-])(--[a-z][a-z0-9-]*[a-z0-9])").unwrap();
    re.captures_iter(text).map(|c| c[1].to_string()).collect()
}

#[test]
fn the_fleet_page_explains_every_fleet_flag_and_names_only_real_ones() {
    let page = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/fleet.md"))
        .unwrap();
    let mentioned = long_flags(&page);
    for flag in [
        "--context",
        "--all-contexts",
        "--context-selector",
        "--max-concurrency",
    ] {
        assert!(
            mentioned.contains(flag),
            "docs/fleet.md does not explain {flag}"
        );
    }
    let mut known = std::collections::BTreeSet::new();
    for command in [
        "",
        "rollout status",
        "diff-revision",
        "validate",
        "snapshot",
        "explain-placement",
    ] {
        let out = kubectl_ds()
            .arg("help")
            .args(command.split_whitespace())
            .run();
        out.expect_code(0);
        known.extend(long_flags(&out.stdout));
    }
    let unknown: Vec<&String> = mentioned.difference(&known).collect();
    assert!(
        unknown.is_empty(),
        "docs/fleet.md names flags that do not exist: {unknown:?}"
    );
}
