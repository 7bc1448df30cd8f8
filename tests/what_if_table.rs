//! Table-driven tests for `what-if` over the library (`placement::what_if::what_if`).
//!
//! Every `tests/data/what-if/*.yaml` file holds `cases:`; each case builds a small cluster from a
//! compact form, applies the change, and compares every DaemonSet × node effect with `expect`.
//! All failing cases of a file are reported with file and case name.
//!
//! Case format:
//!
//! ```yaml
//! - name: what the case shows
//!   daemonsets:   # compact DaemonSets (namespace default, uid uid-NAME, selector app=NAME):
//!                 # name (default agent), and pod-spec fields merged into the template spec;
//!                 # shorthands: requests, hostPorts (first container), terms (required node
//!                 # affinity nodeSelectorTerms)
//!   nodes:        # name, labels, taints, unschedulable, allocatable (default cpu 4, 8Gi, 110 pods)
//!   pods:         # daemon: DS name (a running, ready pod owned by it, spec from its template),
//!                 # or a foreign pod with requests / hostPorts; node (required), name
//!   change:       # nodes: [names] (default: every node), taint: [...], untaint: [...],
//!                 # label: [...], unlabel: [...], cordon, uncordon, remove (booleans) — the
//!                 # strings are parsed as the command line parses them; manifest: a compact
//!                 # DaemonSet (as in `daemonsets`, without uid) replacing the one of that name
//!   expect:       # {DS/NODE: effect | none}; every pair with an effect must be listed
//!   reasons:      # {DS/NODE: substring of the reason}
//!   decisions:    # {DS/NODE: {before: {...}, after: {...}}} as in the JSON
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::util::merge;
use k8s_openapi::api::apps::v1::DaemonSet;
use k8s_openapi::api::core::v1::Node;
use kubectl_ds::model::ClusterState;
use kubectl_ds::model::pod::Pod;
use kubectl_ds::placement::what_if::{
    DaemonSetChange, NodeChange, Plan, check_conflicts, parse_label, parse_taint, parse_unlabel,
    parse_untaint, what_if,
};
use serde_json::{Map, Value, json};

const NOW: i64 = 1_704_070_800; // 2024-01-01T01:00:00Z

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/what-if")
}

fn obj(v: &Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap_or_default()
}

fn strs(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|x| x.as_str().map(str::to_string))
        .collect()
}

/// The pod spec of a compact DaemonSet or pod.
fn pod_spec(compact: &Value) -> Value {
    let mut fields = obj(compact);
    for k in ["name", "daemon", "node"] {
        fields.remove(k);
    }
    let requests = fields.remove("requests");
    let ports = fields.remove("hostPorts");
    if let Some(terms) = fields.remove("terms") {
        fields.insert(
            "affinity".into(),
            json!({"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution":
                {"nodeSelectorTerms": terms}}}),
        );
    }
    let mut container = json!({"name": "main", "image": "img:1"});
    if let Some(r) = requests {
        container["resources"] = json!({"requests": r});
    }
    if let Some(p) = ports {
        let ports: Vec<Value> = p
            .as_array()
            .expect("hostPorts is a list")
            .iter()
            .map(|p| json!({"containerPort": p, "hostPort": p, "protocol": "TCP"}))
            .collect();
        container["ports"] = Value::Array(ports);
    }
    let mut spec = json!({"containers": [container]});
    merge(&mut spec, &Value::Object(fields));
    spec
}

fn build_daemonset(compact: &Value, with_uid: bool) -> Value {
    let name = compact["name"].as_str().unwrap_or("agent").to_string();
    let mut meta = json!({"name": name, "namespace": "default"});
    if with_uid {
        meta["uid"] = json!(format!("uid-{name}"));
    }
    json!({
        "apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": meta,
        "spec": {
            "selector": {"matchLabels": {"app": name}},
            "template": {"metadata": {"labels": {"app": name}}, "spec": pod_spec(compact)}
        }
    })
}

fn build_node(compact: &Value) -> Value {
    let name = compact["name"].as_str().expect("node name").to_string();
    let mut node = json!({
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": name, "labels": {"kubernetes.io/hostname": name}},
        "spec": {},
        "status": {"allocatable": {"cpu": "4", "memory": "8Gi", "pods": "110"},
                   "conditions": [{"type": "Ready", "status": "True"}]}
    });
    if let Some(l) = compact.get("labels") {
        merge(&mut node["metadata"]["labels"], l);
    }
    for k in ["taints", "unschedulable"] {
        if let Some(v) = compact.get(k) {
            node["spec"][k] = v.clone();
        }
    }
    if let Some(a) = compact.get("allocatable") {
        node["status"]["allocatable"] = a.clone();
    }
    node
}

fn build_pod(compact: &Value, i: usize, daemonsets: &BTreeMap<String, Value>) -> Value {
    let node = compact["node"].as_str().expect("pod node");
    let (name, labels, owners, mut spec) = match compact["daemon"].as_str() {
        Some(ds) => {
            let d = daemonsets
                .get(ds)
                .unwrap_or_else(|| panic!("pod of unknown DaemonSet {ds}"));
            (
                format!("{ds}-{node}"),
                d["spec"]["template"]["metadata"]["labels"].clone(),
                json!([{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": ds,
                        "uid": format!("uid-{ds}"), "controller": true}]),
                d["spec"]["template"]["spec"].clone(),
            )
        }
        None => (
            format!("other-{i}"),
            json!({"app": "other"}),
            json!([{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "rs",
                    "uid": "uid-rs", "controller": true}]),
            pod_spec(compact),
        ),
    };
    spec["nodeName"] = json!(node);
    json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": compact["name"].as_str().map_or(name, str::to_string),
                     "namespace": "default", "uid": format!("uid-pod-{i}"),
                     "labels": labels, "ownerReferences": owners,
                     "creationTimestamp": "2024-01-01T00:00:00Z"},
        "spec": spec,
        "status": {"phase": "Running",
                   "conditions": [{"type": "Ready", "status": "True",
                                   "lastTransitionTime": "2024-01-01T00:00:00Z"}]}
    })
}

fn node_changes(change: &Value) -> Result<Vec<NodeChange>, String> {
    let mut out = Vec::new();
    for s in strs(change.get("untaint")) {
        out.push(NodeChange::Untaint(parse_untaint(&s)?));
    }
    for s in strs(change.get("taint")) {
        out.push(NodeChange::Taint(parse_taint(&s)?));
    }
    for s in strs(change.get("unlabel")) {
        out.push(NodeChange::Unlabel(parse_unlabel(&s)?));
    }
    for s in strs(change.get("label")) {
        out.push(NodeChange::Label(parse_label(&s)?));
    }
    for (k, c) in [
        ("cordon", NodeChange::Cordon),
        ("uncordon", NodeChange::Uncordon),
        ("remove", NodeChange::Remove),
    ] {
        if change.get(k).and_then(Value::as_bool) == Some(true) {
            out.push(c);
        }
    }
    check_conflicts(&out)?;
    Ok(out)
}

fn run_case(case: &Value) -> Result<(), Vec<String>> {
    let fail = |e: String| vec![e];
    let mut ds_values: BTreeMap<String, Value> = BTreeMap::new();
    for d in case["daemonsets"].as_array().into_iter().flatten() {
        let v = build_daemonset(d, true);
        ds_values.insert(v["metadata"]["name"].as_str().unwrap().to_string(), v);
    }
    let nodes: Vec<Node> = case["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|n| serde_json::from_value(build_node(n)).map_err(|e| format!("bad node: {e}")))
        .collect::<Result<_, _>>()
        .map_err(fail)?;
    let pods: Vec<Pod> = case["pods"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, p)| {
            serde_json::from_value(build_pod(p, i, &ds_values)).map_err(|e| format!("bad pod: {e}"))
        })
        .collect::<Result<_, _>>()
        .map_err(fail)?;
    let daemonsets: Vec<DaemonSet> = ds_values
        .values()
        .map(|v| serde_json::from_value(v.clone()).map_err(|e| format!("bad ds: {e}")))
        .collect::<Result<_, _>>()
        .map_err(fail)?;
    let change = &case["change"];
    let node_changes = node_changes(change).map_err(fail)?;
    let chosen = change
        .get("nodes")
        .map(|n| strs(Some(n)).into_iter().collect::<BTreeSet<_>>());
    let mut plan_ds = Vec::new();
    let manifest = match change.get("manifest") {
        Some(m) => Some(
            serde_json::from_value::<DaemonSet>(build_daemonset(m, false))
                .map_err(|e| fail(format!("bad manifest: {e}")))?,
        ),
        None => None,
    };
    let manifest_name = manifest.as_ref().and_then(|m| m.metadata.name.clone());
    if let Some(m) = manifest {
        let live = daemonsets
            .iter()
            .find(|d| d.metadata.name == m.metadata.name)
            .cloned();
        plan_ds.push(DaemonSetChange::replace(live, m));
    }
    for d in &daemonsets {
        if d.metadata.name != manifest_name {
            plan_ds.push(DaemonSetChange::unchanged(d.clone()));
        }
    }
    let state = ClusterState {
        nodes: nodes.clone(),
        pods,
        daemonsets,
        ..Default::default()
    };
    let plan = Plan {
        node_changes,
        nodes: chosen,
        daemonsets: plan_ds,
        changes: Vec::new(),
    };
    let report = what_if(state, &plan, NOW);

    let mut got: BTreeMap<String, &kubectl_ds::placement::what_if::NodeEffect> = BTreeMap::new();
    for d in &report.daemon_sets {
        for n in &d.nodes {
            got.insert(format!("{}/{}", d.daemon_set.name, n.node), n);
        }
    }
    let mut errs = Vec::new();
    let expect = obj(&case["expect"]);
    if expect.is_empty() {
        errs.push("case has no expect".into());
    }
    for (key, want) in &expect {
        let want = want.as_str().unwrap_or("?");
        let have = got.get(key).map_or("none", |n| n.effect.as_str());
        if want != have {
            errs.push(format!(
                "{key}: expected {want}, got {have}{}",
                got.get(key)
                    .map(|n| format!(" ({})", n.reason))
                    .unwrap_or_default()
            ));
        }
    }
    for (key, n) in &got {
        if !expect.contains_key(key) {
            errs.push(format!(
                "{key}: unexpected {} ({}) — list it in expect",
                n.effect, n.reason
            ));
        }
    }
    for (key, want) in obj(&case["reasons"]) {
        let want = want.as_str().unwrap_or("");
        match got.get(&key) {
            Some(n) if n.reason.contains(want) => {}
            Some(n) => errs.push(format!("{key}: reason {:?} lacks {want:?}", n.reason)),
            None => errs.push(format!("{key}: no effect, so no reason")),
        }
    }
    for (key, want) in obj(&case["decisions"]) {
        match got.get(&key) {
            Some(n) => {
                let have = json!({"before": n.before, "after": n.after});
                let mut expected = have.clone();
                merge(&mut expected, &want);
                if expected != have {
                    errs.push(format!("{key}: decisions {have} are not {want}"));
                }
            }
            None => errs.push(format!("{key}: no effect, so no decisions")),
        }
    }
    // The summary counts what is listed.
    let listed = got.len();
    let s = report.summary;
    if s.gain + s.lose + s.evict + s.unfit + s.fit != listed {
        errs.push(format!("summary {s:?} does not add up to {listed} rows"));
    }
    if errs.is_empty() { Ok(()) } else { Err(errs) }
}

#[test]
fn what_if_cases() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data_dir())
        .expect("tests/data/what-if")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let mut failures = Vec::new();
    let mut total = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let doc: Value =
            serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for case in doc["cases"].as_array().expect("cases") {
            total += 1;
            let name = case["name"].as_str().unwrap_or("?");
            if let Err(errs) = run_case(case) {
                failures.push(format!(
                    "{} / {name}:\n    {}",
                    file.file_name().unwrap().to_string_lossy(),
                    errs.join("\n    ")
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {total} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
