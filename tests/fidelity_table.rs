//! Table-driven fidelity cases (issue 13): preemption (and, as they land, per-release semantics),
//! run the way outside acceptance runs them — each case becomes a snapshot file and goes through
//! `kubectl ds why-not NODE default/agent --snapshot F -o json`.
//!
//! Every `tests/data/fidelity/*.yaml` file holds `cases:`; each case is compact:
//!
//! ```yaml
//! - name: what the case shows
//!   source: upstream test it is derived from (documentation only)
//!   ds:       # PodSpec fields merged into the DaemonSet's template spec; shorthands:
//!             # `requests: {cpu: 300m}` / `hostPorts: [...]` on the first container
//!   node:     # allocatable (default {cpu: 500m, memory: "500", pods: "110"}), taints,
//!             # unschedulable, labels
//!   pods:     # name, namespace (default), node (default node-1; "" = unbound), priority,
//!             # priorityClassName, requests, hostPorts, labels, start (RFC 3339 startTime),
//!             # deleting, preempted (DisruptionTarget=True/PreemptionByScheduler),
//!             # nominated (status.nominatedNodeName), daemon (the DaemonSet's own pod),
//!             # phase, spec/status (raw merges)
//!   nodes:    # more nodes: [{name, labels, allocatable, taints}] (each also gets its
//!             # kubernetes.io/hostname label)
//!   namespaces: [{name, labels}]
//!   events:   # [{kind (default DaemonSet), name (default agent), reason, message, time,
//!             #   count, type (default Warning)}]
//!   priorityClasses: [{name, value, globalDefault, preemptionPolicy}]
//!   pdbs:     # [{name, namespace, matchLabels, allowed, disrupted: [pod names]}]
//!   namespace: # annotations of the DaemonSet's Namespace (default)
//!   deviceClasses: [{name, extendedResourceName}]
//!   recorded: # annotations of the snapshot List (kubectl-ds.io/server-version, …/distribution)
//!   args:     # extra command-line arguments (--kube-version, --feature-gates, --distribution)
//!   expect:   # shouldRun, shouldContinueRunning, fits, failing (first failing check or null),
//!             # preemption (null, or {helps, victims (ordered), pdbViolations}),
//!             # preemptionContains (a substring of preemption.message), checkContains (a
//!             # substring of the first failing check's message), messageContains (a substring
//!             # of the first failing check's message, else of NodeResourcesFit's),
//!             # caveatsContains / caveatsContain (a substring of one of the verdict's caveats /
//!             # of the document's caveats), caveats (the verdict's caveats, exactly), evidence
//!             # ([{source, reason, agrees}], newest first), semantics (the JSON member)
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::util::kubectl_ds;
use crate::util::{host_ports, merge};
use serde_json::{Map, Value, json};

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fidelity")
}

/// A PodSpec from the compact form: `requests`, `hostPorts` go to the first container.
fn spec(compact: Option<&Value>, base: Value) -> Value {
    let mut spec = base;
    let mut fields: Map<String, Value> = compact
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let requests = fields.remove("requests");
    let ports = fields.remove("hostPorts");
    merge(&mut spec, &Value::Object(fields));
    let first = &mut spec["containers"][0];
    if let Some(r) = requests {
        first["resources"] = json!({"requests": r});
    }
    if let Some(p) = ports {
        first["ports"] = host_ports(&p);
    }
    spec
}

fn daemonset(case: &Value) -> Value {
    let template_spec = spec(
        case.get("ds"),
        json!({"containers": [{"name": "agent", "image": "agent:1"}]}),
    );
    json!({
        "apiVersion": "apps/v1", "kind": "DaemonSet",
        "metadata": {"name": "agent", "namespace": "default", "uid": "ds-uid"},
        "spec": {"selector": {"matchLabels": {"app": "agent"}},
                 "template": {"metadata": {"labels": {"app": "agent"}}, "spec": template_spec}}
    })
}

fn node(case: &Value) -> Value {
    node_named(case.get("node").cloned().unwrap_or(json!({})), "node-1")
}

fn node_named(c: Value, name: &str) -> Value {
    let mut n = json!({
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": name, "labels": {"kubernetes.io/hostname": name}},
        "spec": {},
        "status": {"allocatable": {"cpu": "500m", "memory": "500", "pods": "110"},
                   "conditions": [{"type": "Ready", "status": "True"}]}
    });
    if let Some(a) = c.get("allocatable") {
        n["status"]["allocatable"] = a.clone();
    }
    for k in ["taints", "unschedulable"] {
        if let Some(v) = c.get(k) {
            n["spec"][k] = v.clone();
        }
    }
    if let Some(l) = c.get("labels") {
        merge(&mut n["metadata"]["labels"], l);
    }
    if let Some(f) = c.get("declaredFeatures") {
        n["status"]["declaredFeatures"] = f.clone();
    }
    n
}

fn pod(c: &Value, i: usize, ds: &Value) -> Value {
    let daemon = c.get("daemon") == Some(&json!(true));
    let name = c["name"]
        .as_str()
        .map_or(format!("pod-{i}"), str::to_string);
    let base = if daemon {
        ds["spec"]["template"]["spec"].clone()
    } else {
        json!({"containers": [{"name": "app", "image": "app:1"}]})
    };
    let compact: Map<String, Value> = ["requests", "hostPorts"]
        .iter()
        .filter_map(|k| c.get(*k).map(|v| (k.to_string(), v.clone())))
        .collect();
    let mut s = spec(Some(&Value::Object(compact)), base);
    let node = match c.get("node") {
        Some(Value::String(n)) => n.clone(),
        _ => "node-1".into(),
    };
    if !node.is_empty() {
        s["nodeName"] = json!(node);
    } else if daemon {
        s["affinity"] = json!({"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution":
            {"nodeSelectorTerms": [{"matchFields": [
                {"key": "metadata.name", "operator": "In", "values": ["node-1"]}]}]}}});
    }
    for k in ["priority", "priorityClassName", "preemptionPolicy"] {
        if let Some(v) = c.get(k) {
            s[k] = v.clone();
        }
    }
    if let Some(raw) = c.get("spec") {
        merge(&mut s, raw);
    }
    let phase = c["phase"].as_str().unwrap_or(if node.is_empty() {
        "Pending"
    } else {
        "Running"
    });
    let mut status = json!({"phase": phase, "conditions": []});
    if let Some(t) = c.get("start") {
        status["startTime"] = t.clone();
    }
    if let Some(n) = c.get("nominated") {
        status["nominatedNodeName"] = n.clone();
    }
    if c.get("preempted") == Some(&json!(true)) {
        status["conditions"] = json!([{"type": "DisruptionTarget", "status": "True",
            "reason": "PreemptionByScheduler"}]);
    }
    if let Some(raw) = c.get("status") {
        merge(&mut status, raw);
    }
    let mut labels = if daemon {
        json!({"app": "agent"})
    } else {
        json!({})
    };
    if let Some(l) = c.get("labels") {
        merge(&mut labels, l);
    }
    let mut meta = json!({
        "name": name, "namespace": c["namespace"].as_str().unwrap_or("default"),
        "uid": format!("uid-{name}"), "labels": labels,
        "creationTimestamp": "2024-01-01T00:00:00Z"
    });
    if daemon {
        meta["ownerReferences"] = json!([{"apiVersion": "apps/v1", "kind": "DaemonSet",
            "name": "agent", "uid": "ds-uid", "controller": true}]);
    } else {
        meta["ownerReferences"] = json!([{"apiVersion": "apps/v1", "kind": "ReplicaSet",
            "name": "rs", "uid": "rs-uid", "controller": true}]);
    }
    if c.get("deleting") == Some(&json!(true)) || c.get("preempted") == Some(&json!(true)) {
        meta["deletionTimestamp"] = json!("2024-01-01T00:30:00Z");
    }
    json!({"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": s, "status": status})
}

fn snapshot(case: &Value) -> Value {
    let ds = daemonset(case);
    let mut items = vec![node(case), ds.clone()];
    for n in case["nodes"].as_array().into_iter().flatten() {
        items.push(node_named(
            n.clone(),
            n["name"].as_str().expect("nodes[].name"),
        ));
    }
    for n in case["namespaces"].as_array().into_iter().flatten() {
        items.push(json!({"apiVersion": "v1", "kind": "Namespace",
            "metadata": {"name": n["name"], "labels": n.get("labels").cloned().unwrap_or(json!({}))}}));
    }
    for (i, e) in case["events"].as_array().into_iter().flatten().enumerate() {
        let kind = e["kind"].as_str().unwrap_or("DaemonSet");
        let name = e["name"].as_str().unwrap_or("agent");
        items.push(json!({"apiVersion": "v1", "kind": "Event",
            "metadata": {"name": format!("{name}.{i}"), "namespace": "default"},
            "involvedObject": {"kind": kind, "namespace": "default", "name": name},
            "reason": e["reason"], "message": e["message"],
            "type": e["type"].as_str().unwrap_or("Warning"),
            "count": e["count"].as_i64().unwrap_or(1),
            "lastTimestamp": e["time"].as_str().unwrap_or("2024-01-01T01:00:00Z")}));
    }
    for (i, p) in case["pods"].as_array().into_iter().flatten().enumerate() {
        items.push(pod(p, i, &ds));
    }
    for c in case["priorityClasses"].as_array().into_iter().flatten() {
        let mut pc = json!({"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass",
            "metadata": {"name": c["name"]}, "value": c["value"]});
        for k in ["globalDefault", "preemptionPolicy"] {
            if let Some(v) = c.get(k) {
                pc[k] = v.clone();
            }
        }
        items.push(pc);
    }
    for p in case["pdbs"].as_array().into_iter().flatten() {
        let disrupted: Map<String, Value> = p["disrupted"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|n| {
                (
                    n.as_str().unwrap().to_string(),
                    json!("2024-01-01T00:00:00Z"),
                )
            })
            .collect();
        items.push(
            json!({"apiVersion": "policy/v1", "kind": "PodDisruptionBudget",
            "metadata": {"name": p["name"].as_str().unwrap_or("pdb"),
                         "namespace": p["namespace"].as_str().unwrap_or("default")},
            "spec": {"selector": {"matchLabels": p["matchLabels"].clone()}},
            "status": {"disruptionsAllowed": p["allowed"].as_i64().unwrap_or(0),
                       "disruptedPods": disrupted}}),
        );
    }
    if let Some(ns) = case.get("namespace") {
        items.push(json!({"apiVersion": "v1", "kind": "Namespace",
            "metadata": {"name": "default", "annotations": ns["annotations"].clone()}}));
    }
    for d in case["deviceClasses"].as_array().into_iter().flatten() {
        let mut dc = json!({"apiVersion": "resource.k8s.io/v1", "kind": "DeviceClass",
            "metadata": {"name": d["name"]}, "spec": {}});
        if let Some(e) = d.get("extendedResourceName") {
            dc["spec"]["extendedResourceName"] = e.clone();
        }
        items.push(dc);
    }
    let metadata = match case.get("recorded") {
        Some(a) => json!({"annotations": a}),
        None => json!({}),
    };
    json!({"apiVersion": "v1", "kind": "List", "metadata": metadata, "items": items})
}

const EXPECT_KEYS: [&str; 13] = [
    "shouldRun",
    "shouldContinueRunning",
    "fits",
    "failing",
    "preemption",
    "preemptionContains",
    "checkContains",
    "caveatsContains",
    "caveats",
    "evidence",
    "messageContains",
    "semantics",
    "caveatsContain",
];

fn run_case(case: &Value, dir: &Path, i: usize) -> Result<(), Vec<String>> {
    let file = dir.join(format!("case-{i}.json"));
    std::fs::write(&file, serde_json::to_vec(&snapshot(case)).unwrap()).unwrap();
    let mut args: Vec<String> = vec![
        "why-not".into(),
        "node-1".into(),
        "default/agent".into(),
        "--snapshot".into(),
        file.to_string_lossy().into_owned(),
        "-o".into(),
        "json".into(),
    ];
    for a in case["args"].as_array().into_iter().flatten() {
        args.push(a.as_str().expect("args are strings").to_string());
    }
    let out = kubectl_ds().args(&args).output().unwrap();
    if !out.status.success() {
        return Err(vec![format!(
            "exit {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        )]);
    }
    let doc: Value = serde_json::from_slice(&out.stdout).map_err(|e| vec![e.to_string()])?;
    let v = &doc["results"][0];
    let expect = case["expect"].as_object().ok_or(vec!["no expect".into()])?;
    let mut errs = Vec::new();
    for k in expect.keys() {
        if !EXPECT_KEYS.contains(&k.as_str()) {
            errs.push(format!("unknown expect key {k:?}"));
        }
    }
    let failing = v["checks"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["passed"] == json!(false))
        .map(|c| c["name"].clone())
        .unwrap_or(Value::Null);
    let got = |k: &str| -> Value {
        match k {
            "failing" => failing.clone(),
            "preemption" => match &v["preemption"] {
                Value::Null => Value::Null,
                p => json!({"helps": p["helps"], "victims": p["victims"],
                            "pdbViolations": p["pdbViolations"]}),
            },
            other => v[other].clone(),
        }
    };
    let failing_message = v["checks"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["passed"] == json!(false))
        .and_then(|c| c["message"].as_str())
        .unwrap_or("");
    let caveats: Vec<&str> = v["caveats"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    for (k, want) in expect {
        if k == "messageContains" {
            let checks = v["checks"].as_array().cloned().unwrap_or_default();
            let check = checks
                .iter()
                .find(|c| c["passed"] == json!(false))
                .or_else(|| checks.iter().find(|c| c["name"] == "NodeResourcesFit"));
            let msg = check.and_then(|c| c["message"].as_str()).unwrap_or("");
            if !msg.contains(want.as_str().unwrap_or("")) {
                errs.push(format!("check message {msg:?} does not contain {want}"));
            }
            continue;
        }
        if k == "caveatsContain" {
            let caveats = doc["caveats"].as_array().cloned().unwrap_or_default();
            let w = want.as_str().unwrap_or("");
            if !caveats.iter().any(|c| c.as_str().unwrap_or("").contains(w)) {
                errs.push(format!("no caveat contains {want}: {caveats:?}"));
            }
            continue;
        }
        if k == "semantics" {
            if doc["semantics"] != *want {
                errs.push(format!(
                    "semantics: expected {want}, got {}",
                    doc["semantics"]
                ));
            }
            continue;
        }
        let want_str = want.as_str().unwrap_or("");
        match k.as_str() {
            "checkContains" => {
                if !failing_message.contains(want_str) {
                    errs.push(format!(
                        "failing check message {failing_message:?} does not contain {want}"
                    ));
                }
                continue;
            }
            "caveatsContains" => {
                if !caveats.iter().any(|c| c.contains(want_str)) {
                    errs.push(format!("no caveat in {caveats:?} contains {want}"));
                }
                continue;
            }
            "caveats" => {
                let got = v.get("caveats").cloned().unwrap_or(json!([]));
                if &got != want {
                    errs.push(format!("caveats: expected {want}, got {got}"));
                }
                continue;
            }
            "evidence" => {
                let got: Vec<Value> = v["evidence"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|e| json!({"source": e["source"], "reason": e["reason"], "agrees": e["agrees"]}))
                    .collect();
                if &Value::Array(got.clone()) != want {
                    errs.push(format!("evidence: expected {want}, got {got:?}"));
                }
                continue;
            }
            _ => {}
        }
        if k == "preemptionContains" {
            let msg = v["preemption"]["message"].as_str().unwrap_or("");
            if !msg.contains(want.as_str().unwrap_or("")) {
                errs.push(format!(
                    "preemption.message {msg:?} does not contain {want}"
                ));
            }
            continue;
        }
        let mut want = want.clone();
        if k == "preemption"
            && let Some(o) = want.as_object_mut()
        {
            o.entry("victims").or_insert(json!([]));
            o.entry("pdbViolations").or_insert(json!(0));
        }
        let g = got(k);
        if g != want {
            errs.push(format!("{k}: expected {want}, got {g}"));
        }
    }
    if errs.is_empty() {
        Ok(())
    } else {
        errs.push(format!("verdict: {v}"));
        Err(errs)
    }
}

fn run_file(file: &str) {
    let text = std::fs::read_to_string(data_dir().join(file)).expect(file);
    let doc: Value = serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
    let cases = doc["cases"].as_array().expect("cases");
    assert!(!cases.is_empty(), "{file}: no cases");
    let dir = tempfile::tempdir().unwrap();
    let mut seen = BTreeMap::new();
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let name = case["name"].as_str().unwrap_or("?").to_string();
        if seen.insert(name.clone(), i).is_some() {
            failures.push(format!("duplicate case name {name:?}"));
        }
        if let Err(e) = run_case(case, dir.path(), i) {
            failures.push(format!("{file}: case {name:?}:\n    {}", e.join("\n    ")));
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

/// Every data file has a test below.
#[test]
fn every_fidelity_file_is_tested() {
    let mut files: Vec<String> = std::fs::read_dir(data_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".yaml"))
        .collect();
    files.sort();
    let mut known: Vec<&str> = FILES.to_vec();
    known.sort();
    assert_eq!(files, known);
}

const FILES: [&str; 5] = [
    "evidence.yaml",
    "interpod.yaml",
    "preemption.yaml",
    "semantics.yaml",
    "unmodelled.yaml",
];

#[test]
fn interpod() {
    run_file("interpod.yaml");
}

#[test]
fn unmodelled() {
    run_file("unmodelled.yaml");
}

#[test]
fn evidence() {
    run_file("evidence.yaml");
}

#[test]
fn preemption() {
    run_file("preemption.yaml");
}

#[test]
fn semantics() {
    run_file("semantics.yaml");
}
