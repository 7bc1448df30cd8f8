//! Throughput of `validate` on realistic DaemonSet manifests (not a timed test).
//!
//! `cargo bench --bench validate` builds a multi-document stream from the agents under
//! tests/data/validate/valid/ (repeated to `VALIDATE_BENCH_DOCS` documents, default 20,000,
//! each with its own name), validates it on one thread, and prints documents per second.
//! With `VALIDATE_BENCH_WRITE=DIR` it also writes the stream as one file per document into DIR,
//! for whole-process comparisons (docs/performance.md).
//!
//! Two figures are printed per run: wall time, and the CPU time of the validating thread (from
//! `/proc/thread-self/schedstat`), which is what "on one core" means on a shared machine where
//! other processes take turns on the cores.

use std::path::Path;
use std::time::Instant;

use kubectl_ds::validate::{Options, Severity, validate_text};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/validate/valid");
    let mut sources: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    sources.sort();
    let n: usize = std::env::var("VALIDATE_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let mut docs = Vec::with_capacity(n);
    for i in 0..n {
        let (stem, text) = &sources[i % sources.len()];
        let name = format!("name: {stem}-{i}");
        // Give every document its own name (the first `name:` line is the DaemonSet's).
        let doc = text.replacen(&format!("name: {stem}"), &name, 1);
        docs.push(doc);
    }
    if let Ok(out) = std::env::var("VALIDATE_BENCH_WRITE") {
        std::fs::create_dir_all(&out).unwrap();
        for (i, d) in docs.iter().enumerate() {
            std::fs::write(Path::new(&out).join(format!("ds-{i:05}.yaml")), d).unwrap();
        }
    }
    let stream = docs.join("\n---\n");
    let bytes = stream.len();
    let opts = Options::default();
    // Warm up, then take the best of three runs.
    let _ = validate_text("bench.yaml", &stream, &opts);
    let mut best = f64::MAX;
    let mut best_cpu = f64::MAX;
    let mut report = None;
    for _ in 0..3 {
        let cpu0 = thread_cpu_seconds();
        let start = Instant::now();
        let r = validate_text("bench.yaml", &stream, &opts);
        best = best.min(start.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (cpu0, thread_cpu_seconds()) {
            best_cpu = best_cpu.min(b - a);
        }
        report = Some(r);
    }
    let r = report.unwrap();
    let errors = r
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    assert_eq!(r.daemonsets, n, "every document is a DaemonSet");
    assert_eq!(errors, 0, "the realistic agents validate clean");
    println!(
        "validate: {n} DaemonSet documents ({:.1} MiB) in {:.3} s on one thread: {:.0} documents/s, {:.1} MiB/s",
        bytes as f64 / (1 << 20) as f64,
        best,
        n as f64 / best,
        bytes as f64 / (1 << 20) as f64 / best
    );
    if best_cpu < f64::MAX {
        println!(
            "validate: CPU time of the validating thread {:.3} s: {:.0} documents per CPU-second, {:.1} MiB per CPU-second",
            best_cpu,
            n as f64 / best_cpu,
            bytes as f64 / (1 << 20) as f64 / best_cpu
        );
    }
}

/// CPU time this thread has run, in seconds (Linux: nanoseconds in `/proc/thread-self/schedstat`).
fn thread_cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns as f64 / 1e9)
}
