//! A panic (a bug) ends the process with one short line asking for a report — no panic message
//! internals, no backtrace even when RUST_BACKTRACE asks for one — and exit code 70
//! (docs/exit-codes.md). The panic is provoked through `KUBECTL_DS_DEBUG_PANIC`, which exists
//! only in debug builds (the test binary); release builds cannot be made to panic this way.

use crate::util::kubectl_ds;

#[test]
fn a_panic_prints_a_short_bug_report_request_and_exits_70() {
    for backtrace in ["0", "1", "full"] {
        let out = kubectl_ds()
            .args([
                "why-not",
                "n1",
                "--snapshot",
                crate::support::example("demo-cluster.yaml")
                    .to_str()
                    .unwrap(),
            ])
            .env("KUBECTL_DS_DEBUG_PANIC", "1")
            .env("RUST_BACKTRACE", backtrace)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(70), "{err}");
        assert!(out.stdout.is_empty());
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 1, "one line only: {err}");
        assert!(
            lines[0].starts_with("error: kubectl-ds hit an internal error at src/main.rs:")
                && lines[0].ends_with("This is a bug; please report it with the command you ran."),
            "{err}"
        );
        for noise in ["panicked", "backtrace", "stack", "KUBECTL_DS_DEBUG_PANIC"] {
            assert!(!err.contains(noise), "{noise:?} in {err}");
        }
    }
}

#[test]
fn without_the_switch_the_same_command_answers() {
    kubectl_ds()
        .args([
            "why-not",
            "worker-1",
            "--snapshot",
            crate::support::example("demo-cluster.yaml")
                .to_str()
                .unwrap(),
        ])
        .assert()
        .success();
}
