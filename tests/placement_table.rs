//! Table-driven tests for the placement evaluator.
//!
//! Every `tests/data/placement/*.yaml` file holds `cases:`; each case is expanded from a compact
//! form into real Kubernetes objects (a DaemonSet, one or more Nodes, Pods, a Namespace and a
//! ControllerRevision), run through the public library API (`explain_daemonset`, which calls
//! `evaluate` per node), and compared with `expect`. Every failing case of a file is reported
//! with file and case name, not just the first.
//!
//! Case format (all keys optional except `name` and `expect`):
//!
//! ```yaml
//! - name: what the case shows
//!   source: upstream test it is derived from (documentation only)
//!   ds:          # PodSpec fields merged into spec.template.spec of the boilerplate DaemonSet;
//!                # shorthands: `requests: {cpu: 1}` / `limits:` / `hostPorts: [...]` set the
//!                # first container's requests / limits / ports; `terms: [...]` sets the
//!                # required node-affinity nodeSelectorTerms
//!   daemonset:   # raw fields deep-merged into the whole DaemonSet object (metadata, spec)
//!   node:        # name (node-1), labels, taints, unschedulable, allocatable (replaces the
//!                # default {cpu: 4, memory: 8Gi, pods: 110}), conditions (default Ready=True)
//!   nodes: [...] # further nodes (same compact form), for summary cases
//!   pods:        # name, node (default: the case node; "" = unbound), daemon (owned by the DS,
//!                # template spec and labels copied), owner (uid of another controller),
//!                # orphan (template labels, no owner), labels, phase, ready, readySince,
//!                # created, deleting, hash, pinned (node pin via matchFields), requests,
//!                # hostPorts, waiting (container waiting reason), spec/status (raw merges)
//!   namespace:   # annotations / labels of the DaemonSet's Namespace
//!   currentHash: # creates a ControllerRevision for the live template with this hash
//!   now:         # RFC 3339 evaluation time (default 2024-01-01T01:00:00Z)
//!   semantics:   # {kubernetes: "1.33", distribution: openshift, featureGates: {Name: bool}}:
//!                # the release mirrored (default: the newest modelled, upstream Kubernetes)
//!   expect:      # shouldRun, shouldContinueRunning, fits (null|bool), failing (null|check
//!                # name), state, reason, podName, otherPods (names of the node's other daemon
//!                # pods), messageContains, checks {Name: passed},
//!                # summary {desired, scheduled, ready, updated, available, misscheduled,
//!                # unschedulable, nodes}
//!   expectNodes: # {node-name: {same keys as expect}} for further nodes
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::util::{host_ports, merge};
use k8s_openapi::api::apps::v1::{ControllerRevision, DaemonSet};
use k8s_openapi::api::core::v1::Node;
use kubectl_ds::model::daemonset::parse_time;
use kubectl_ds::model::pod::Pod;
use kubectl_ds::model::semantics::{
    Distribution, Gate, Requested, Semantics, ServerFacts, parse_release,
};
use kubectl_ds::model::{ClusterState, Namespace};
use kubectl_ds::placement::state::ClusterIndex;
use kubectl_ds::placement::{NodeVerdict, explain_daemonset};
use serde_json::{Map, Value, json};

const DS_UID: &str = "ds-uid-1";
const DEFAULT_NOW: &str = "2024-01-01T01:00:00Z";
const DEFAULT_CREATED: &str = "2024-01-01T00:00:00Z";

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/placement")
}

fn obj(v: &Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap_or_default()
}

fn s(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str).map(str::to_string)
}

/// Apply the container shorthands (`requests`, `limits`, `hostPorts`) of a compact pod spec.
fn expand_spec(compact: &Value, base: &Value) -> Value {
    let mut spec = base.clone();
    let mut fields = obj(compact);
    let requests = fields.remove("requests");
    let limits = fields.remove("limits");
    let ports = fields.remove("hostPorts");
    if let Some(terms) = fields.remove("terms") {
        fields.insert(
            "affinity".into(),
            json!({"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution":
                {"nodeSelectorTerms": terms}}}),
        );
    }
    merge(&mut spec, &Value::Object(fields));
    let containers = spec["containers"].as_array_mut().expect("containers");
    if containers.is_empty() {
        containers.push(json!({"name": "main", "image": "img"}));
    }
    let first = &mut containers[0];
    if let Some(r) = requests {
        first["resources"]["requests"] = r;
    }
    if let Some(l) = limits {
        first["resources"]["limits"] = l;
    }
    if let Some(p) = ports {
        first["ports"] = host_ports(&p);
    }
    spec
}

fn build_daemonset(case: &Value) -> Value {
    let mut ds = json!({
        "apiVersion": "apps/v1",
        "kind": "DaemonSet",
        "metadata": {"name": "agent", "namespace": "default", "uid": DS_UID, "generation": 1},
        "spec": {
            "selector": {"matchLabels": {"app": "agent"}},
            "template": {
                "metadata": {"labels": {"app": "agent"}},
                "spec": {"containers": [{"name": "agent", "image": "agent:1"}]}
            }
        }
    });
    if let Some(compact) = case.get("ds") {
        let spec = expand_spec(compact, &ds["spec"]["template"]["spec"]);
        ds["spec"]["template"]["spec"] = spec;
    }
    if let Some(raw) = case.get("daemonset") {
        merge(&mut ds, raw);
    }
    ds
}

fn build_node(compact: &Value) -> Value {
    let name = s(compact.get("name")).unwrap_or_else(|| "node-1".into());
    let mut node = json!({
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": {"name": name, "labels": {"kubernetes.io/hostname": name}},
        "spec": {},
        "status": {
            "allocatable": {"cpu": "4", "memory": "8Gi", "pods": "110"},
            "conditions": [{"type": "Ready", "status": "True"}]
        }
    });
    if let Some(l) = compact.get("labels") {
        merge(&mut node["metadata"]["labels"], l);
    }
    if let Some(t) = compact.get("taints") {
        node["spec"]["taints"] = t.clone();
    }
    if let Some(u) = compact.get("unschedulable") {
        node["spec"]["unschedulable"] = u.clone();
    }
    if let Some(a) = compact.get("allocatable") {
        node["status"]["allocatable"] = a.clone();
    }
    if let Some(c) = compact.get("capacity") {
        node["status"]["capacity"] = c.clone();
    }
    if let Some(c) = compact.get("conditions") {
        node["status"]["conditions"] = c.clone();
    }
    node
}

fn build_pod(compact: &Value, index: usize, ds: &Value, node: &str) -> Value {
    let daemon = compact.get("daemon").and_then(Value::as_bool) == Some(true);
    let orphan = compact.get("orphan").and_then(Value::as_bool) == Some(true);
    let name = s(compact.get("name")).unwrap_or_else(|| format!("pod-{index}"));
    let node_name = match compact.get("node") {
        Some(Value::String(n)) => n.clone(),
        Some(Value::Null) => String::new(),
        _ if compact.get("pinned").is_some() => String::new(),
        _ => node.to_string(),
    };
    let base_spec = if daemon || orphan {
        ds["spec"]["template"]["spec"].clone()
    } else {
        json!({"containers": [{"name": "app", "image": "app:1"}]})
    };
    let compact_spec = {
        let mut m = Map::new();
        for k in ["requests", "limits", "hostPorts"] {
            if let Some(v) = compact.get(k) {
                m.insert(k.into(), v.clone());
            }
        }
        Value::Object(m)
    };
    let mut spec = expand_spec(&compact_spec, &base_spec);
    if !node_name.is_empty() {
        spec["nodeName"] = json!(node_name);
    }
    if let Some(target) = compact.get("pinned") {
        spec["affinity"] = json!({"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution":
            {"nodeSelectorTerms": [{"matchFields": [
                {"key": "metadata.name", "operator": "In", "values": [target]}]}]}}});
    }
    if let Some(raw) = compact.get("spec") {
        merge(&mut spec, raw);
    }
    let mut labels = if daemon || orphan {
        ds["spec"]["template"]["metadata"]["labels"].clone()
    } else {
        json!({"app": "other"})
    };
    if let Some(h) = compact.get("hash") {
        labels["controller-revision-hash"] = h.clone();
    }
    if let Some(l) = compact.get("labels") {
        merge(&mut labels, l);
    }
    let mut owners = Vec::new();
    if daemon {
        owners.push(
            json!({"apiVersion": "apps/v1", "kind": "DaemonSet", "name": "agent",
            "uid": DS_UID, "controller": true, "blockOwnerDeletion": true}),
        );
    }
    if let Some(uid) = compact.get("owner") {
        owners.push(
            json!({"apiVersion": "apps/v1", "kind": "DaemonSet", "name": "someone-else",
            "uid": uid, "controller": true}),
        );
    }
    let bound = !node_name.is_empty();
    let phase = s(compact.get("phase")).unwrap_or_else(|| {
        if bound {
            "Running".into()
        } else {
            "Pending".into()
        }
    });
    let ready = compact
        .get("ready")
        .and_then(Value::as_bool)
        .unwrap_or(bound && phase == "Running");
    let since = s(compact.get("readySince")).unwrap_or_else(|| DEFAULT_CREATED.into());
    let mut status = json!({
        "phase": phase,
        "conditions": [{"type": "Ready", "status": if ready {"True"} else {"False"},
                        "lastTransitionTime": since}]
    });
    if let Some(w) = compact.get("waiting") {
        status["containerStatuses"] = json!([{"name": "agent", "ready": false, "restartCount": 3,
            "state": {"waiting": {"reason": w}}}]);
    }
    if let Some(raw) = compact.get("status") {
        merge(&mut status, raw);
    }
    let mut meta = json!({
        "name": name,
        "namespace": s(compact.get("namespace")).unwrap_or_else(|| "default".into()),
        "labels": labels,
        "ownerReferences": owners,
        "creationTimestamp": s(compact.get("created")).unwrap_or_else(|| DEFAULT_CREATED.into()),
    });
    if let Some(uid) = compact.get("uid") {
        meta["uid"] = uid.clone();
    }
    if compact.get("deleting").and_then(Value::as_bool) == Some(true) {
        meta["deletionTimestamp"] = json!("2024-01-01T00:30:00Z");
    }
    json!({"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec, "status": status})
}

fn build_revision(ds: &Value, hash: &str) -> Value {
    let mut template = ds["spec"]["template"].clone();
    template["$patch"] = json!("replace");
    json!({
        "apiVersion": "apps/v1",
        "kind": "ControllerRevision",
        "metadata": {
            "name": format!("agent-{hash}"),
            "namespace": "default",
            "labels": {"app": "agent", "controller-revision-hash": hash},
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": "agent",
                "uid": DS_UID, "controller": true}]
        },
        "revision": 1,
        "data": {"spec": {"template": template}}
    })
}

struct Built {
    state: ClusterState,
    ds: DaemonSet,
    main_node: String,
    now: i64,
}

fn build(case: &Value) -> Result<Built, String> {
    let ds_json = build_daemonset(case);
    let ds: DaemonSet =
        serde_json::from_value(ds_json.clone()).map_err(|e| format!("bad daemonset: {e}"))?;
    // Round-trip so the template compares equal to what the evaluator serialises.
    let ds_json = serde_json::to_value(&ds).map_err(|e| e.to_string())?;
    let main = build_node(case.get("node").unwrap_or(&json!({})));
    let main_node = s(main["metadata"].get("name")).unwrap_or_default();
    let mut node_values = vec![main];
    for n in case
        .get("nodes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        node_values.push(build_node(n));
    }
    let nodes = node_values
        .into_iter()
        .map(|n| serde_json::from_value::<Node>(n).map_err(|e| format!("bad node: {e}")))
        .collect::<Result<Vec<_>, _>>()?;
    let pods = case
        .get("pods")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, p)| {
            serde_json::from_value::<Pod>(build_pod(p, i, &ds_json, &main_node))
                .map_err(|e| format!("bad pod {i}: {e}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut namespaces = Vec::new();
    if let Some(ns) = case.get("namespace") {
        let mut v = json!({"metadata": {"name": "default"}});
        merge(&mut v["metadata"], ns);
        namespaces.push(serde_json::from_value::<Namespace>(v).map_err(|e| e.to_string())?);
    }
    let mut revisions = Vec::new();
    if let Some(h) = case.get("currentHash").and_then(Value::as_str) {
        revisions.push(
            serde_json::from_value::<ControllerRevision>(build_revision(&ds_json, h))
                .map_err(|e| format!("bad revision: {e}"))?,
        );
    }
    let now_str = s(case.get("now")).unwrap_or_else(|| DEFAULT_NOW.into());
    let now = parse_time(&now_str).ok_or_else(|| format!("bad now {now_str}"))?;
    Ok(Built {
        state: ClusterState {
            nodes,
            pods,
            daemonsets: vec![ds.clone()],
            revisions,
            events: Vec::new(),
            namespaces,
            ..Default::default()
        },
        ds,
        main_node,
        now,
    })
}

const VERDICT_KEYS: [&str; 10] = [
    "shouldRun",
    "shouldContinueRunning",
    "fits",
    "failing",
    "state",
    "reason",
    "podName",
    "otherPods",
    "messageContains",
    "checks",
];

fn check_verdict(v: &NodeVerdict, expect: &Value, errs: &mut Vec<String>) {
    let e = obj(expect);
    for k in e.keys() {
        if !VERDICT_KEYS.contains(&k.as_str()) && k != "summary" {
            errs.push(format!("unknown expect key {k:?}"));
        }
    }
    let mut cmp = |what: &str, got: Value| {
        if let Some(want) = e.get(what)
            && *want != got
        {
            errs.push(format!("{what}: expected {want}, got {got}"));
        }
    };
    cmp("shouldRun", json!(v.should_run));
    cmp("shouldContinueRunning", json!(v.should_continue_running));
    cmp("fits", json!(v.fits));
    cmp(
        "failing",
        json!(v.first_failure().map(|c| c.name.as_str().to_string())),
    );
    cmp("state", json!(v.state.as_str()));
    cmp(
        "reason",
        json!(v.pod.as_ref().and_then(|p| p.reason.clone())),
    );
    cmp("podName", json!(v.pod.as_ref().map(|p| p.name.clone())));
    cmp(
        "otherPods",
        json!(
            v.other_pods
                .iter()
                .map(|p| p.name.clone())
                .collect::<Vec<_>>()
        ),
    );
    if let Some(want) = e.get("messageContains").and_then(Value::as_str) {
        let msg = match v.first_failure() {
            Some(c) => c.message.to_string(),
            None => v
                .checks
                .iter()
                .map(|c| c.message.to_string())
                .collect::<Vec<_>>()
                .join(" | "),
        };
        if !msg.contains(want) {
            errs.push(format!("message {msg:?} does not contain {want:?}"));
        }
    }
    if let Some(checks) = e.get("checks").and_then(Value::as_object) {
        for (name, want) in checks {
            let got = v
                .checks
                .iter()
                .find(|c| c.name.as_str() == name)
                .map(|c| json!(c.passed))
                .unwrap_or(Value::Null);
            if got != *want {
                errs.push(format!("check {name}: expected passed={want}, got {got}"));
            }
        }
    }
}

/// `semantics: {kubernetes: "1.33", distribution: openshift, featureGates: {Name: bool}}`, as
/// the flags would give them.
fn semantics(v: &Value) -> Result<Semantics, String> {
    let mut req = Requested::default();
    if let Some(k) = v.get("kubernetes").and_then(Value::as_str) {
        req.release = Some(parse_release(k)?);
    }
    if let Some(d) = v.get("distribution").and_then(Value::as_str) {
        req.distribution = Some(Distribution::parse(d)?);
    }
    for (name, on) in v
        .get("featureGates")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let gate = Gate::by_name(name).ok_or(format!("unknown gate {name}"))?;
        req.gates.insert(gate, on.as_bool().unwrap_or(false));
    }
    Semantics::resolve(&req, &ServerFacts::default())
}

fn run_case(case: &Value) -> Result<(), Vec<String>> {
    let built = build(case).map_err(|e| vec![e])?;
    let explanation = match case.get("semantics") {
        None => explain_daemonset(&built.state, &built.ds, built.now),
        Some(sem) => {
            let sem = semantics(sem).map_err(|e| vec![e])?;
            ClusterIndex::new(&built.state, built.now)
                .with_semantics(sem)
                .explain(&built.ds, |_| true)
        }
    };
    let mut errs = Vec::new();
    let mut expectations: Vec<(String, &Value)> = Vec::new();
    match case.get("expect") {
        Some(e) => expectations.push((built.main_node.clone(), e)),
        None => errs.push("case has no expect".into()),
    }
    if let Some(more) = case.get("expectNodes").and_then(Value::as_object) {
        for (node, e) in more {
            expectations.push((node.clone(), e));
        }
    }
    for (node, expect) in expectations {
        if obj(expect).is_empty() {
            errs.push(format!("empty expectation for {node}"));
            continue;
        }
        if obj(expect)
            .keys()
            .any(|k| VERDICT_KEYS.contains(&k.as_str()))
        {
            match explanation.nodes.iter().find(|v| v.node == node) {
                Some(v) => {
                    let mut node_errs = Vec::new();
                    check_verdict(v, expect, &mut node_errs);
                    if !node_errs.is_empty() {
                        let checks: Vec<String> = v
                            .checks
                            .iter()
                            .map(|c| format!("{}={} ({})", c.name.as_str(), c.passed, c.message))
                            .collect();
                        errs.extend(node_errs.into_iter().map(|e| format!("[{node}] {e}")));
                        errs.push(format!("[{node}] checks: {}", checks.join("; ")));
                    }
                }
                None => errs.push(format!("no verdict for node {node}")),
            }
        }
        if let Some(summary) = expect.get("summary").and_then(Value::as_object) {
            let got = serde_json::to_value(&explanation.summary).expect("summary serialises");
            for (k, want) in summary {
                match got.get(k) {
                    Some(g) if g == want => {}
                    Some(g) => errs.push(format!("summary.{k}: expected {want}, got {g}")),
                    None => errs.push(format!("summary has no field {k}")),
                }
            }
        }
    }
    if errs.is_empty() { Ok(()) } else { Err(errs) }
}

/// Run every case of one file; panic listing all failing cases.
fn run_file(file: &str) {
    let path = data_dir().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    let doc: Value = serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
    let cases = doc["cases"]
        .as_array()
        .unwrap_or_else(|| panic!("{file}: no `cases` list"));
    assert!(!cases.is_empty(), "{file}: no cases");
    let mut seen = BTreeMap::new();
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let name = s(case.get("name")).unwrap_or_else(|| format!("#{i}"));
        if seen.insert(name.clone(), i).is_some() {
            failures.push(format!("{file}: duplicate case name {name:?}"));
        }
        if let Err(errs) = run_case(case) {
            failures.push(format!(
                "{file}: case {name:?}:\n    {}",
                errs.join("\n    ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Every YAML file in the data directory has a test below (so none is silently skipped).
#[test]
fn every_data_file_is_tested() {
    let mut files: Vec<String> = std::fs::read_dir(data_dir())
        .expect("data dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".yaml"))
        .collect();
    files.sort();
    let mut known: Vec<String> = FILES.iter().map(|f| f.to_string()).collect();
    known.sort();
    assert_eq!(files, known);
}

const FILES: [&str; 11] = [
    "affinity.yaml",
    "node-selector.yaml",
    "taints.yaml",
    "default-tolerations.yaml",
    "node-name.yaml",
    "fit-resources.yaml",
    "fit-ports.yaml",
    "init-sidecar-overhead.yaml",
    "pod-state.yaml",
    "status-counters.yaml",
    "namespace-selector.yaml",
];

macro_rules! table {
    ($($test:ident => $file:literal),* $(,)?) => {
        $(#[test] fn $test() { run_file($file); })*
    };
}

table! {
    affinity => "affinity.yaml",
    node_selector => "node-selector.yaml",
    taints => "taints.yaml",
    default_tolerations => "default-tolerations.yaml",
    node_name => "node-name.yaml",
    fit_resources => "fit-resources.yaml",
    fit_ports => "fit-ports.yaml",
    init_sidecar_overhead => "init-sidecar-overhead.yaml",
    pod_state => "pod-state.yaml",
    status_counters => "status-counters.yaml",
    namespace_selector => "namespace-selector.yaml",
}
