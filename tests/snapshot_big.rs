//! `kubectl ds snapshot` on a big input: objects are re-written one at a time, so the peak
//! memory stays a small multiple of the input (it was 27× the input: 2.5 GB for a 94 MB
//! cluster, docs/performance.md "snapshot memory"), and what comes out reads back whole.
//! Peak memory is measured by a small python parent (`getrusage(RUSAGE_CHILDREN)`): wait4 from
//! this test process would also count this process's own peak, which Linux folds into a
//! child's `ru_maxrss` when the child is spawned sharing its memory (vfork) and then execs.

use std::time::Duration;

use serde_json::Value;

use crate::support::synthetic_cluster;
use crate::util::{Run, TestCommand};

/// Run `kubectl-ds ARGS` under a python that reports the child's peak RSS (bytes).
fn measured(args: &[&std::ffi::OsStr]) -> (Run, u64) {
    const SCRIPT: &str = "import resource, subprocess, sys\n\
        code = subprocess.run(sys.argv[1:], env={'NO_COLOR': '1', 'HOME': '/nonexistent'}).returncode\n\
        print('maxrss', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n\
        sys.exit(code)\n";
    let run = TestCommand::new("python3")
        .args(["-c", SCRIPT, env!("CARGO_BIN_EXE_kubectl-ds")])
        .args(args)
        .timeout(Duration::from_secs(300))
        .run();
    let kb: u64 = run
        .stderr
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("maxrss "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no maxrss line from the measuring python: {}", run.stderr));
    (run, kb * 1024)
}

/// The debug binary's own floor (code, allocator, runtime), added to the bound.
const FLOOR: u64 = 48 << 20;

#[test]
fn a_big_snapshot_is_rewritten_in_a_small_multiple_of_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let input = synthetic_cluster(dir.path(), 20_000);
    let json_size = std::fs::metadata(&input).unwrap().len();
    let yaml = dir.path().join("out.yaml");
    let back = dir.path().join("back.json");

    // JSON in, redacted YAML out
    let (run, peak) = measured(&[
        "snapshot".as_ref(),
        "--snapshot".as_ref(),
        input.as_os_str(),
        "--file".as_ref(),
        yaml.as_os_str(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    eprintln!(
        "snapshot of {json_size} bytes of JSON: peak RSS {} MB",
        peak >> 20
    );
    assert!(
        peak < 3 * json_size + FLOOR,
        "peak RSS {peak} for a {json_size}-byte input"
    );

    // YAML in, JSON out
    let yaml_size = std::fs::metadata(&yaml).unwrap().len();
    let (run, peak) = measured(&[
        "snapshot".as_ref(),
        "-o".as_ref(),
        "json".as_ref(),
        "--no-redact".as_ref(),
        "--snapshot".as_ref(),
        yaml.as_os_str(),
        "--file".as_ref(),
        back.as_os_str(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    eprintln!(
        "snapshot of {yaml_size} bytes of YAML: peak RSS {} MB",
        peak >> 20
    );
    assert!(
        peak < 3 * yaml_size + FLOOR,
        "peak RSS {peak} for a {yaml_size}-byte input"
    );

    // every object made the round trip, redacted once, in kind order
    let original: Value = serde_json::from_slice(&std::fs::read(&input).unwrap()).unwrap();
    let written: Value = serde_json::from_slice(&std::fs::read(&back).unwrap()).unwrap();
    let items = written["items"].as_array().unwrap();
    assert_eq!(items.len(), original["items"].as_array().unwrap().len());
    assert_eq!(items[0]["kind"], "Node");
    assert_eq!(items.last().unwrap()["kind"], "Pod");
    let ds = items.iter().find(|o| o["kind"] == "DaemonSet").unwrap();
    let env = &ds["spec"]["template"]["spec"]["containers"][0]["env"][0]["value"];
    assert_ne!(env, "plain-env-secret", "{ds}");
}
