//! Evaluator benchmark (`cargo bench --bench placement`): a plain binary (`harness = false`), not
//! a timed test. It never fails on a number; it prints them.
//!
//! The cluster is the scale case, 5,000 nodes and 150,000 pods: the snapshot named by
//! `KUBECTL_DS_BENCH_SNAPSHOT` (default `/tmp/big.json`, made by `shared/tools/gen_cluster.py
//! 5000 30 /tmp/big.json`) when it exists, else the same shape synthesized here in Rust (nodes,
//! pools, taints, four DaemonSets with revisions, 30 workload pods per node), so `cargo bench`
//! works anywhere. `KUBECTL_DS_BENCH_NODES` / `KUBECTL_DS_BENCH_PODS_PER_NODE` change the
//! synthesized size.
//!
//! Reported, per DaemonSet: `ClusterIndex::explain` per node (claiming daemon pods, current
//! revision, per-node usage on first use, evaluation and counters), and `placement::evaluate`
//! alone per node (profile, usage, daemon pods and the InterPodAffinity PreFilter state prepared
//! beforehand). The target for the evaluator alone is under 2 µs per node.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::PathBuf;
use std::rc::Rc;
use std::time::{Duration, Instant};

use kubectl_ds::cluster::Query;
use kubectl_ds::cluster::snapshot;
use kubectl_ds::model::ClusterState;
use kubectl_ds::model::daemonset::template_generation;
use kubectl_ds::placement::fit::NodeUsage;
use kubectl_ds::placement::state::{ClusterIndex, current_hash, daemon_pods_by_node};
use kubectl_ds::placement::{DaemonSetProfile, EvalContext, evaluate};

fn main() {
    // `cargo bench` passes `--bench`; a filter argument is accepted and ignored.
    let (state, source, load_time) = cluster();
    println!(
        "cluster: {} nodes, {} pods, {} daemonsets ({source}, loaded in {})",
        state.nodes.len(),
        state.pods.len() + state.usage_pods.len(),
        state.daemonsets.len(),
        ms(load_time)
    );
    let now = 1_800_000_000;
    let t = Instant::now();
    let index = ClusterIndex::new(&state, now);
    println!("ClusterIndex::new: {}", ms(t.elapsed()));

    println!(
        "\n{:<36} {:>8} {:>16} {:>16} {:>16}",
        "daemonset", "nodes", "explain ns/node", "explain (cold)", "evaluate ns/node"
    );
    for ds in &state.daemonsets {
        let name = format!(
            "{}/{}",
            ds.metadata.namespace.as_deref().unwrap_or("default"),
            ds.metadata.name.as_deref().unwrap_or("")
        );
        // explain: first call is cold (per-node usage not cached yet), then warm repeats.
        let fresh = ClusterIndex::new(&state, now);
        let t = Instant::now();
        let e = fresh.explain(ds, |_| true);
        let cold = t.elapsed();
        let n = e.nodes.len().max(1);
        black_box(e);
        let explain_ns = best_of(5, || {
            black_box(index.explain(ds, |_| true));
        })
        .as_nanos()
            / n as u128;

        // evaluate alone: everything it needs prepared outside the timed loop.
        let ns = ds.metadata.namespace.as_deref().unwrap_or("default");
        let profile = DaemonSetProfile::new(ds, state.namespace(ns));
        let by_node = daemon_pods_by_node(ds, &state.pods);
        let all: Vec<_> = by_node.values().flatten().copied().collect();
        let hash = current_hash(ds, &state.revisions, &all);
        let priority = kubectl_ds::model::policy::resolve_priority(
            profile.priority,
            profile.priority_class_name.as_deref(),
            profile.preemption_policy.as_deref(),
            state.priority_classes.as_deref(),
        );
        let ctx = EvalContext {
            now,
            inter_pod: index.inter_pod(&profile, &priority, hash.as_deref()),
            current_hash: hash,
            template_generation: template_generation(ds),
            scheduling_messages: BTreeMap::new(),
            device_classes: None,
        };
        let inputs: Vec<_> = state
            .nodes
            .iter()
            .map(|node| {
                let name = node.metadata.name.as_deref().unwrap_or("");
                let pods = by_node.get(name).cloned().unwrap_or_default();
                let usage: Rc<NodeUsage> = index.usage(name);
                (node, usage, pods)
            })
            .collect();
        let eval_ns = best_of(5, || {
            for (node, usage, pods) in &inputs {
                black_box(evaluate(&profile, node, usage, pods, &ctx));
            }
        })
        .as_nanos()
            / inputs.len().max(1) as u128;
        println!(
            "{name:<36} {n:>8} {explain_ns:>16} {:>16} {eval_ns:>16}",
            ms(cold)
        );
    }
}

fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn cluster() -> (ClusterState, String, Duration) {
    let path = PathBuf::from(
        std::env::var("KUBECTL_DS_BENCH_SNAPSHOT").unwrap_or_else(|_| "/tmp/big.json".into()),
    );
    if path.is_file() {
        let t = Instant::now();
        let state = snapshot::load_for(std::slice::from_ref(&path), &query())
            .expect("loading the snapshot");
        return (state, path.display().to_string(), t.elapsed());
    }
    let env = |k: &str, d: usize| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    let json = synthesize(
        env("KUBECTL_DS_BENCH_NODES", 5000),
        env("KUBECTL_DS_BENCH_PODS_PER_NODE", 30),
    );
    let file = std::env::temp_dir().join(format!("kubectl-ds-bench-{}.json", std::process::id()));
    std::fs::write(&file, json).expect("writing the synthetic snapshot");
    let t = Instant::now();
    let state = snapshot::load_for(std::slice::from_ref(&file), &query());
    let took = t.elapsed();
    let _ = std::fs::remove_file(&file);
    (
        state.expect("synthetic snapshot"),
        "synthesized".into(),
        took,
    )
}

/// What `explain-placement` asks the snapshot for.
fn query() -> Query {
    Query {
        pods: true,
        revisions: true,
        events: true,
        namespaces: true,
        foreign_pods_as_usage: true,
        ..Default::default()
    }
}

/// A small deterministic generator (xorshift), so every run sees the same cluster.
struct Rng(u64);
impl Rng {
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        &xs[(self.0 % xs.len() as u64) as usize]
    }
}

/// The shape of `gen_cluster.py`: a kubectl `List` of nodes, DaemonSets, ControllerRevisions and
/// workload pods.
fn synthesize(nodes: usize, pods_per_node: usize) -> String {
    use serde_json::{Value, json};
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut items: Vec<Value> = Vec::new();
    let zones = ["us-east-1a", "us-east-1b", "us-east-1c"];
    let pools = ["general", "general", "general", "highmem", "gpu"];
    for i in 0..nodes {
        let pool = *rng.pick(&pools);
        let mut taints = Vec::new();
        if pool == "gpu" {
            taints
                .push(json!({"key": "nvidia.com/gpu", "value": "present", "effect": "NoSchedule"}));
        }
        if i % 97 == 0 {
            taints.push(json!({"key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule"}));
        }
        if i % 211 == 0 {
            taints.push(json!({"key": "node.kubernetes.io/not-ready", "effect": "NoExecute"}));
        }
        let cpu = *rng.pick(&[4, 8, 16, 32, 64]);
        let mem_gi = cpu * rng.pick(&[2, 4, 8]);
        let mut labels = json!({
            "kubernetes.io/hostname": format!("node-{i}"), "kubernetes.io/os": "linux",
            "kubernetes.io/arch": "amd64", "topology.kubernetes.io/zone": rng.pick(&zones),
            "pool": pool, "disktype": *rng.pick(&["ssd", "ssd", "hdd"]),
        });
        if i < 3 {
            labels["node-role.kubernetes.io/control-plane"] = json!("");
            taints.push(
                json!({"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}),
            );
        }
        items.push(json!({
            "apiVersion": "v1", "kind": "Node",
            "metadata": {"name": format!("node-{i}"), "uid": format!("uid-node-{i}"), "labels": labels},
            "spec": {"taints": taints, "unschedulable": i % 97 == 0},
            "status": {
                "allocatable": {"cpu": format!("{}m", cpu * 1000 - 100), "memory": format!("{}Mi", mem_gi * 1024 - 512),
                                "pods": "110", "ephemeral-storage": "95Gi"},
                "conditions": [{"type": "Ready", "status": if i % 211 == 0 { "False" } else { "True" }}]
            }
        }));
    }
    let dss = [
        (
            "kube-system",
            "kube-proxy",
            json!({"kubernetes.io/os": "linux"}),
            json!([{"operator": "Exists"}]),
            "100m",
            "128Mi",
            true,
        ),
        (
            "monitoring",
            "node-exporter",
            json!({"kubernetes.io/os": "linux"}),
            json!([{"operator": "Exists", "effect": "NoSchedule"}]),
            "50m",
            "64Mi",
            true,
        ),
        (
            "logging",
            "fluent-bit",
            json!({"disktype": "ssd"}),
            json!([]),
            "200m",
            "256Mi",
            false,
        ),
        (
            "gpu-operator",
            "nvidia-device-plugin",
            json!({"pool": "gpu"}),
            json!([{"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"}]),
            "10m",
            "32Mi",
            false,
        ),
    ];
    for (ns, name, sel, tol, cpu, mem, host_network) in dss {
        let uid = format!("uid-ds-{name}");
        let ports = if name == "node-exporter" {
            json!([{"containerPort": 9100, "hostPort": 9100}])
        } else {
            json!([])
        };
        let template = |image: String| {
            json!({"metadata": {"labels": {"app": name}}, "spec": {
                "nodeSelector": sel, "tolerations": tol, "hostNetwork": host_network,
                "containers": [{"name": name, "image": image, "ports": ports,
                                "resources": {"requests": {"cpu": cpu, "memory": mem}}}]}})
        };
        items.push(json!({
            "apiVersion": "apps/v1", "kind": "DaemonSet",
            "metadata": {"name": name, "namespace": ns, "uid": uid, "generation": 3,
                         "annotations": {"deprecated.daemonset.template.generation": "3"}},
            "spec": {"selector": {"matchLabels": {"app": name}},
                     "template": template(format!("registry.example/{name}:v3"))}
        }));
        for rev in 1..=3 {
            let hash = format!("{name}-h{rev}");
            items.push(json!({
                "apiVersion": "apps/v1", "kind": "ControllerRevision",
                "metadata": {"name": hash, "namespace": ns, "labels": {"app": name, "controller-revision-hash": hash},
                             "ownerReferences": [{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": name, "uid": uid, "controller": true}]},
                "data": {"spec": {"template": template(format!("registry.example/{name}:v{rev}"))}},
                "revision": rev
            }));
        }
    }
    for i in 0..nodes {
        for j in 0..pods_per_node {
            items.push(json!({
                "apiVersion": "v1", "kind": "Pod",
                "metadata": {"name": format!("app-{i}-{j}"), "namespace": format!("team-{}", j % 20),
                             "uid": format!("uid-pod-{i}-{j}"),
                             "labels": {"app": format!("svc-{}", j % 50), "pod-template-hash": "abc123"},
                             "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet",
                                                  "name": format!("svc-{}-abc123", j % 50), "uid": format!("rs-{}", j % 50), "controller": true}]},
                "spec": {"nodeName": format!("node-{i}"), "containers": [{"name": "main", "image": "registry.example/app:1",
                         "resources": {"requests": {"cpu": rng.pick(&["100m", "250m", "500m"]), "memory": rng.pick(&["128Mi", "512Mi", "1Gi"])}}}]},
                "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}
            }));
        }
    }
    json!({"apiVersion": "v1", "kind": "List", "items": items}).to_string()
}
