//! Paths that are not what they seem, for every reader of files — `--snapshot` (the placement and
//! rollout commands), `snapshot --snapshot` (the re-writer) and `validate -f`: a FIFO inside a
//! directory (opening it would wait forever), a file that vanished between listing and reading (a
//! dangling symlink stands in for the race, deterministically), a file that cannot be read (as
//! root, `chmod 000` does not stop a read, so a link to `/proc/self/mem` — whose first page is
//! never mapped, so reading it fails with EIO — stands in), a device that never ends, a directory
//! where a file is expected, and a stream that is cut off mid-document. Each ends with a message
//! naming the path, exit 3, in bounded time, never a panic.

use std::path::Path;
use std::time::Duration;

use crate::util::kubectl_ds;
use predicates::prelude::*;

const NODE: &str = "apiVersion: v1\nkind: Node\nmetadata: {name: n1}\n";

/// The three readers, each given `path` the way it takes input.
fn readers(path: &Path) -> Vec<Vec<String>> {
    let p = path.display().to_string();
    vec![
        vec![
            "why-not".into(),
            "n1".into(),
            "--snapshot".into(),
            p.clone(),
        ],
        vec!["snapshot".into(), "--snapshot".into(), p.clone()],
        vec!["validate".into(), "-f".into(), p],
    ]
}

/// Every reader fails on `path` with exit 3 and a message naming `names` and saying `words`.
fn all_fail(path: &Path, names: &str, words: &str) {
    for args in readers(path) {
        kubectl_ds()
            .args(&args)
            .timeout(Duration::from_secs(20))
            .assert()
            .code(3)
            .stderr(
                predicate::str::contains(names)
                    .and(predicate::str::contains(words))
                    .and(predicate::str::contains("panicked").not())
                    .and(predicate::str::contains("internal error").not()),
            );
    }
}

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(ok.success());
}

fn dump_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.yaml"), NODE).unwrap();
    dir
}

#[test]
fn a_fifo_inside_a_directory_is_refused_not_waited_on() {
    let dir = dump_dir();
    mkfifo(&dir.path().join("nodes.yaml"));
    all_fail(dir.path(), "nodes.yaml", "named pipe (FIFO)");
}

#[test]
fn a_file_that_vanished_after_listing_is_named() {
    // read_dir lists the entry; opening it finds nothing — the same as a file deleted between the
    // two steps, without depending on winning a race.
    let dir = dump_dir();
    std::os::unix::fs::symlink(dir.path().join("deleted.yaml"), dir.path().join("b.yaml")).unwrap();
    all_fail(dir.path(), "b.yaml", "which does not exist");
}

#[test]
fn a_file_that_cannot_be_read_is_named() {
    let dir = dump_dir();
    std::os::unix::fs::symlink("/proc/self/mem", dir.path().join("mem.yaml")).unwrap();
    all_fail(dir.path(), "mem.yaml", "cannot be read");
    // Where permissions apply (not as root), a chmod 000 file says so too.
    let probe = dir.path().join("probe");
    std::fs::write(&probe, "x").unwrap();
    std::fs::set_permissions(&probe, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    let root_reads_anyway = std::fs::read(&probe).is_ok();
    std::fs::remove_file(&probe).unwrap();
    if !root_reads_anyway {
        let locked = dump_dir();
        let f = locked.path().join("locked.yaml");
        std::fs::write(&f, NODE).unwrap();
        std::fs::set_permissions(&f, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
        all_fail(locked.path(), "locked.yaml", "ermission denied");
    }
}

#[test]
fn an_endless_device_is_refused() {
    all_fail(Path::new("/dev/zero"), "/dev/zero", "character device");
}

#[test]
fn a_directory_named_like_a_file_is_walked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("nodes.yaml");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(d.join("n1.yaml"), NODE).unwrap();
    for args in readers(dir.path()) {
        kubectl_ds()
            .args(&args)
            .timeout(Duration::from_secs(20))
            .assert()
            .success();
    }
}

#[test]
fn a_stream_cut_off_mid_document_names_the_input() {
    // A named pipe given explicitly is read (that is how `--snapshot <(kubectl get …)` works); here
    // its writer stops half-way through an object, as a file truncated mid-read would.
    for (i, args) in readers(Path::new("PIPE")).into_iter().enumerate() {
        let dir = tempfile::tempdir().unwrap();
        let pipe = dir.path().join(format!("cut-{i}.json"));
        mkfifo(&pipe);
        let writer = {
            let pipe = pipe.clone();
            std::thread::spawn(move || {
                std::fs::write(
                    &pipe,
                    br#"{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Node","metadata":{"na"#,
                )
            })
        };
        let args: Vec<String> = args
            .into_iter()
            .map(|a| {
                if a == "PIPE" {
                    pipe.display().to_string()
                } else {
                    a
                }
            })
            .collect();
        let out = kubectl_ds()
            .args(&args)
            .timeout(Duration::from_secs(20))
            .output()
            .unwrap();
        writer.join().unwrap().unwrap();
        let err = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let code = out.status.code();
        assert!(err.contains(&format!("cut-{i}.json")), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        if args[0] == "validate" {
            // validate reports broken documents as findings (exit 1), with the file and line.
            assert_eq!(code, Some(1), "{args:?}: {err}");
        } else {
            assert_eq!(code, Some(3), "{args:?}: {err}");
            assert!(err.contains("document 1"), "{err}");
        }
    }
}

#[test]
fn a_pipe_named_explicitly_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("live.yaml");
    mkfifo(&pipe);
    let writer = {
        let pipe = pipe.clone();
        std::thread::spawn(move || std::fs::write(&pipe, NODE))
    };
    kubectl_ds()
        .args(["why-not", "n1", "-o", "json", "--snapshot"])
        .arg(&pipe)
        .timeout(Duration::from_secs(20))
        .assert()
        .success()
        .stdout(predicate::str::contains("\"node\": \"n1\""));
    writer.join().unwrap().unwrap();
}

#[test]
fn an_input_over_4_gib_is_refused_before_it_is_read() {
    // A sparse file: 4 GiB + 1 byte long, no disk used, created instantly.
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.json");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len((4u64 << 30) + 1)
        .unwrap();
    for args in readers(&huge).into_iter().take(2) {
        let started = std::time::Instant::now();
        kubectl_ds()
            .args(&args)
            .timeout(Duration::from_secs(20))
            .assert()
            .code(3)
            .stderr(predicate::str::contains(
                "huge.json: 4294967297 bytes or more; the limit is 4294967296 bytes (4 GiB)",
            ));
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "refused without reading"
        );
    }
    // validate has its own, smaller limit (64 MiB), reported as a finding on the file.
    kubectl_ds()
        .args(["validate", "-o", "json", "-f"])
        .arg(&huge)
        .timeout(Duration::from_secs(20))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("the limit is 67108864 bytes"));
}
