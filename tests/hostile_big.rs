//! A 200 MB snapshot: read in bounded time and memory with a clear outcome — the answer when the
//! file is whole, an error naming the file and document when it is cut short.
//!
//! The file is generated here, into a temporary directory, so nothing large is committed. It is
//! what `kubectl get nodes,pods,ds,cm -A -o json` gives on a big cluster: 1,000 nodes, a DaemonSet
//! with a pod on each, 10,000 other pods, and ConfigMaps holding the bulk of the bytes (which
//! the snapshot reader skips without keeping). Peak memory is the child's own, from wait4(2)
//! ([`crate::util::Run::peak_rss`]): the other tests' children, run meanwhile, do not count.
//!
//! Bounds (debug build, 2 shared cores): under 60 s each, peak RSS under twice the file size. On
//! this machine it takes about 4 s and 230 MB (docs/reliability.md).

use std::io::Write;
use std::time::Duration;

use crate::util::kubectl_ds;

const TARGET: usize = 200 << 20;

/// Write the snapshot; return its size. `cut` drops the closing `]}`.
fn write_snapshot(path: &std::path::Path, cut: bool) -> usize {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut n = 0usize;
    let put = |f: &mut std::io::BufWriter<std::fs::File>, n: &mut usize, s: &str| {
        f.write_all(s.as_bytes()).unwrap();
        *n += s.len();
    };
    put(
        &mut f,
        &mut n,
        r#"{"apiVersion":"v1","kind":"List","items":["#,
    );
    put(
        &mut f,
        &mut n,
        r#"{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"agent","namespace":"default","uid":"ds-uid","generation":1},"spec":{"selector":{"matchLabels":{"app":"agent"}},"template":{"metadata":{"labels":{"app":"agent"}},"spec":{"containers":[{"name":"a","image":"agent:1","resources":{"requests":{"cpu":"100m"}}}]}}},"status":{"desiredNumberScheduled":1000,"currentNumberScheduled":1000,"numberReady":1000,"updatedNumberScheduled":1000,"numberAvailable":1000,"observedGeneration":1}}"#,
    );
    for i in 0..1000 {
        put(
            &mut f,
            &mut n,
            &format!(
                r#",{{"apiVersion":"v1","kind":"Node","metadata":{{"name":"n{i}","labels":{{"kubernetes.io/hostname":"n{i}","zone":"z{}"}}}},"status":{{"allocatable":{{"cpu":"8","memory":"32Gi","pods":"110"}},"conditions":[{{"type":"Ready","status":"True"}}]}}}}"#,
                i % 3
            ),
        );
        put(
            &mut f,
            &mut n,
            &format!(
                r#",{{"apiVersion":"v1","kind":"Pod","metadata":{{"name":"agent-{i}","namespace":"default","uid":"a{i}","labels":{{"app":"agent","controller-revision-hash":"5d8f7c9b6"}},"ownerReferences":[{{"apiVersion":"apps/v1","kind":"DaemonSet","name":"agent","uid":"ds-uid","controller":true}}]}},"spec":{{"nodeName":"n{i}","containers":[{{"name":"a","image":"agent:1"}}]}},"status":{{"phase":"Running","conditions":[{{"type":"Ready","status":"True"}}]}}}}"#
            ),
        );
        for j in 0..10 {
            put(
                &mut f,
                &mut n,
                &format!(
                    r#",{{"apiVersion":"v1","kind":"Pod","metadata":{{"name":"web-{i}-{j}","namespace":"apps","uid":"w{i}-{j}","ownerReferences":[{{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web","uid":"rs","controller":true}}]}},"spec":{{"nodeName":"n{i}","containers":[{{"name":"w","image":"web:1","resources":{{"requests":{{"cpu":"200m","memory":"256Mi"}}}}}}]}},"status":{{"phase":"Running"}}}}"#
                ),
            );
        }
    }
    let blob = "x".repeat(1 << 20);
    let mut k = 0;
    while n < TARGET {
        put(
            &mut f,
            &mut n,
            &format!(
                r#",{{"apiVersion":"v1","kind":"ConfigMap","metadata":{{"name":"cm-{k}","namespace":"apps"}},"data":{{"blob":"{blob}"}}}}"#
            ),
        );
        k += 1;
    }
    if !cut {
        put(&mut f, &mut n, "]}");
    }
    f.flush().unwrap();
    n
}

#[test]
fn a_200_mb_snapshot_is_answered_or_refused_in_bounded_time_and_memory() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.json");

    // Whole: the answer.
    let size = write_snapshot(&file, false);
    assert!(size >= TARGET);
    let run = kubectl_ds()
        .args([
            "why-not",
            "n999",
            "default/agent",
            "-o",
            "json",
            "--snapshot",
        ])
        .arg(&file)
        .timeout(Duration::from_secs(120))
        .run();
    let (took, peak) = (run.took, run.peak_rss);
    let stderr = &run.stderr;
    assert_eq!(run.code, 0, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["results"][0]["state"], "Running", "{v}");
    eprintln!(
        "200 MB snapshot: {size} bytes, {:.1} s, peak RSS {} MB",
        took.as_secs_f64(),
        peak >> 20
    );
    assert!(took < Duration::from_secs(60), "{took:?}");
    assert!(
        peak < 2 * size as u64,
        "peak RSS {peak} bytes for a {size}-byte file"
    );

    // Cut short at the very end: an error naming the file and the document, same bounds.
    write_snapshot(&file, true);
    let run = kubectl_ds()
        .args(["why-not", "n999", "--snapshot"])
        .arg(&file)
        .timeout(Duration::from_secs(120))
        .run();
    let (took, peak) = (run.took, run.peak_rss);
    let stderr = &run.stderr;
    assert_eq!(run.code, 3, "{stderr}");
    assert!(
        stderr.contains("big.json") && stderr.contains("document 1") && stderr.contains("EOF"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));
    assert!(took < Duration::from_secs(60), "{took:?}");
    assert!(peak < 2 * size as u64);
}
