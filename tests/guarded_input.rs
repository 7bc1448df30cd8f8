//! `explain-placement -f` reads its manifest through the same guarded reader as `--snapshot` and
//! `validate -f`: a device that never ends and a FIFO found in a directory are refused with exit 3
//! and a message naming the file, in bounded time; a pipe named on the command line is read (as
//! `-f <(kubectl get ds -o yaml)` needs), a cut-off one reported; a file over the manifest limit
//! is refused before it is read.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::example;
use crate::util::kubectl_ds;
use predicates::prelude::*;

const AGENT: &str = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent, namespace: monitoring}\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec: {containers: [{name: a, image: agent:1}]}\n";

/// `explain-placement -f PATH` against the demo snapshot, bounded in time.
fn explain_f(path: &Path) -> assert_cmd::assert::Assert {
    kubectl_ds()
        .args(["explain-placement", "-o", "json", "-f"])
        .arg(path)
        .arg("--snapshot")
        .arg(example("demo-cluster.yaml"))
        .timeout(Duration::from_secs(20))
        .assert()
}

/// Refused with exit 3, a message naming `names` and saying `words`, never a panic.
fn refused(path: &Path, names: &str, words: &str) {
    explain_f(path).code(3).stderr(
        predicate::str::contains(names)
            .and(predicate::str::contains(words))
            .and(predicate::str::contains("panicked").not()),
    );
}

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(ok.success());
}

#[test]
fn an_endless_device_is_refused() {
    refused(
        Path::new("/dev/zero"),
        "manifest /dev/zero",
        "is a character device, not a regular file",
    );
}

#[test]
fn a_fifo_inside_a_directory_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.yaml"), AGENT).unwrap();
    mkfifo(&dir.path().join("b.yaml"));
    refused(dir.path(), "b.yaml", "named pipe (FIFO)");
}

#[test]
fn a_pipe_named_explicitly_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("agent.yaml");
    mkfifo(&pipe);
    let writer = {
        let pipe = pipe.clone();
        std::thread::spawn(move || std::fs::write(&pipe, AGENT))
    };
    explain_f(&pipe)
        .success()
        .stdout(predicate::str::contains("\"summary\""));
    writer.join().unwrap().unwrap();
}

#[test]
fn a_pipe_cut_off_mid_document_names_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("cut.json");
    mkfifo(&pipe);
    let writer = {
        let pipe = pipe.clone();
        std::thread::spawn(move || {
            std::fs::write(
                &pipe,
                br#"{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"na"#,
            )
        })
    };
    refused(&pipe, "cut.json", "document 1");
    writer.join().unwrap().unwrap();
}

#[test]
fn a_manifest_over_64_mib_is_refused_before_it_is_read() {
    // A sparse file: 4 GiB + 1 byte long, no disk used, created instantly.
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.yaml");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len((4u64 << 30) + 1)
        .unwrap();
    let started = Instant::now();
    refused(
        &huge,
        "manifest ",
        "huge.yaml: 4294967297 bytes or more; the limit is 67108864 bytes (64 MiB)",
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "refused without reading"
    );
}

#[test]
fn a_missing_manifest_is_named() {
    let dir = tempfile::tempdir().unwrap();
    refused(&dir.path().join("nope.yaml"), "nope.yaml", "does not exist");
}
