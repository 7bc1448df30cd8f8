//! Live path, what goes over the wire: a fixed number of requests whatever the cluster size,
//! narrow pod queries, paginated LISTs.

use crate::support::{FakeApi, example, synthetic_cluster};
use crate::util::run_json;
use serde_json::Value;

fn query<'a>(r: &'a Value, key: &str) -> &'a str {
    r["query"][key].as_str().unwrap_or("")
}

/// (GETs, LISTs) a command makes against clusters of 3 and 30 nodes.
fn calls_for(args: &[&str]) -> Vec<(usize, usize)> {
    let dir = tempfile::tempdir().unwrap();
    [3, 30]
        .into_iter()
        .map(|n| {
            let api = FakeApi::start(&synthetic_cluster(dir.path(), n));
            let kc = api.kubeconfig.to_str().unwrap().to_string();
            run_json(&[args, &["--kubeconfig", &kc, "-o", "json"]].concat());
            assert!(api.writes().is_empty(), "a read command wrote");
            (api.gets().len(), api.lists().len())
        })
        .collect()
}

#[test]
fn explain_placement_makes_the_same_calls_for_3_and_30_nodes() {
    let calls = calls_for(&["explain-placement", "agent"]);
    // GET the DaemonSet; LIST nodes, pods (non-terminal), the DaemonSet's own pods,
    // ControllerRevisions, FailedScheduling events, Warning events on DaemonSets (evidence),
    // namespaces, PriorityClasses, PDBs, DeviceClasses. (Discovery — /version, /apis — is
    // neither.)
    assert_eq!(calls, [(1, 10), (1, 10)]);
}

#[test]
fn why_not_makes_the_same_calls_for_3_and_30_nodes() {
    assert_eq!(calls_for(&["why-not", "n1"]), [(1, 10), (1, 10)]);
    assert_eq!(
        calls_for(&["why-not", "n1", "default/agent"]),
        [(2, 9), (2, 9)]
    );
}

#[test]
fn snapshot_makes_the_same_calls_for_3_and_30_nodes() {
    let calls = calls_for(&["snapshot"]);
    // namespaces, nodes, daemonsets, controllerrevisions, pods, 2 × events, priorityclasses,
    // poddisruptionbudgets, deviceclasses.
    assert_eq!(calls, [(0, 10), (0, 10)]);
}

#[test]
fn why_not_fetches_only_the_nodes_pods() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    let kc = api.kubeconfig.to_str().unwrap();
    run_json(&["why-not", "worker-1", "--kubeconfig", kc, "-o", "json"]);
    let pods: Vec<Value> = api
        .lists()
        .into_iter()
        .filter(|r| r["path"] == "/api/v1/pods")
        .collect();
    let selectors: Vec<&str> = pods.iter().map(|r| query(r, "fieldSelector")).collect();
    assert_eq!(selectors, ["spec.nodeName=worker-1", "spec.nodeName="]);
    assert_eq!(api.gets()[0]["path"], "/api/v1/nodes/worker-1");
    assert!(
        api.lists().iter().all(|r| r["path"] != "/api/v1/nodes"),
        "all nodes listed for a one-node question"
    );
}

#[test]
fn explain_placement_narrows_pods_and_events_server_side() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    let kc = api.kubeconfig.to_str().unwrap();
    run_json(&[
        "explain-placement",
        "logging/fluentd",
        "--kubeconfig",
        kc,
        "-o",
        "json",
    ]);
    let lists = api.lists();
    let find = |path: &str| {
        lists
            .iter()
            .find(|r| r["path"] == path)
            .unwrap_or_else(|| panic!("no LIST of {path} in {lists:#?}"))
    };
    assert_eq!(
        query(find("/api/v1/pods"), "fieldSelector"),
        "status.phase!=Succeeded,status.phase!=Failed"
    );
    assert!(!query(find("/api/v1/namespaces/logging/pods"), "labelSelector").is_empty());
    assert_eq!(
        query(find("/api/v1/namespaces/logging/events"), "fieldSelector"),
        "involvedObject.kind=Pod,reason=FailedScheduling"
    );
    // The pods of other workloads come from the watch cache in one response, as the
    // scheduler's informer reads them; every other LIST is consistent, in kubectl's pages.
    let everywhere = find("/api/v1/pods");
    assert_eq!(query(everywhere, "resourceVersion"), "0", "{everywhere:#?}");
    assert_eq!(query(everywhere, "limit"), "", "{everywhere:#?}");
    assert!(
        lists
            .iter()
            .filter(|r| r["path"] != "/api/v1/pods")
            .all(|r| query(r, "limit") == "500" && query(r, "resourceVersion").is_empty()),
        "{lists:#?}"
    );
}

#[test]
fn node_label_selector_goes_to_the_server() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    let kc = api.kubeconfig.to_str().unwrap();
    let v = run_json(&[
        "explain-placement",
        "kube-system/kube-proxy",
        "-l",
        "pool=gpu",
        "--kubeconfig",
        kc,
        "-o",
        "json",
    ]);
    let nodes = api
        .lists()
        .into_iter()
        .find(|r| r["path"] == "/api/v1/nodes")
        .unwrap();
    assert_eq!(query(&nodes, "labelSelector"), "pool=gpu");
    assert!(v["nodes"].as_array().unwrap().len() < 8);
}

#[test]
fn pagination_is_followed_to_the_last_page() {
    let dir = tempfile::tempdir().unwrap();
    let api = FakeApi::start(&synthetic_cluster(dir.path(), 1100));
    let kc = api.kubeconfig.to_str().unwrap();
    let v = run_json(&[
        "explain-placement",
        "agent",
        "--kubeconfig",
        kc,
        "-o",
        "json",
    ]);
    assert_eq!(v["summary"]["nodes"], 1100);
    assert_eq!(v["summary"]["ready"], 1100);
    let node_pages: Vec<Value> = api
        .lists()
        .into_iter()
        .filter(|r| r["path"] == "/api/v1/nodes")
        .collect();
    assert_eq!(node_pages.len(), 3, "1100 nodes in pages of 500");
    assert!(node_pages[0]["query"]["continue"].is_null());
    assert!(!query(&node_pages[1], "continue").is_empty());
    assert_ne!(
        query(&node_pages[1], "continue"),
        query(&node_pages[2], "continue")
    );
}

/// Every read after the anchor (the DaemonSet; why-not's node) is sent in one round: with the
/// server holding one of them for 3 s, all the others — policy, discovery, events — have arrived
/// before it answers. Sent one after another, some would come only after the held one.
#[test]
fn every_read_after_the_anchor_is_sent_at_once() {
    for (args, held) in [
        (
            &["explain-placement", "logging/fluentd"][..],
            "/api/v1/pods",
        ),
        (
            &["why-not", "worker-1"][..],
            "/apis/apps/v1/controllerrevisions",
        ),
    ] {
        let api = FakeApi::start(&example("demo-cluster.yaml"));
        let kc = api.kubeconfig.to_str().unwrap().to_string();
        // A read of the second round that no other request shares a path with (the fault
        // would hold those too).
        api.fault("GET", &format!("^{held}$"), 0, 1, 3.0);
        let mut all = args.to_vec();
        all.extend(["--kubeconfig", kc.as_str(), "-o", "json"]);
        run_json(&all);
        let requests = api.requests();
        let at = |r: &Value| r["t"].as_f64().unwrap();
        let held_at = requests
            .iter()
            .find(|r| r["path"] == held)
            .map(at)
            .unwrap_or_else(|| panic!("no LIST of {held}: {requests:#?}"));
        let late: Vec<&Value> = requests.iter().filter(|r| at(r) > held_at + 2.0).collect();
        assert!(
            late.is_empty(),
            "{args:?}: sent after the held read answered: {late:#?}"
        );
        assert!(
            requests
                .iter()
                .any(|r| r["path"] == "/apis/scheduling.k8s.io/v1/priorityclasses"),
            "{requests:#?}"
        );
    }
}

/// `snapshot` sends its LISTs together: with the node LIST held 3 s, every other has arrived
/// before it answers; the file is the same as without the hold.
#[test]
fn snapshot_sends_its_lists_at_once() {
    let api = FakeApi::start(&example("demo-cluster.yaml"));
    let kc = api.kubeconfig.to_str().unwrap().to_string();
    let take = || {
        crate::util::kubectl_ds()
            .args(["snapshot", "-A", "--kubeconfig", kc.as_str(), "-o", "json"])
            .run()
            .expect_code(0)
            .stdout
            .clone()
    };
    let plain = take();
    api.clear_log();
    api.fault("GET", "^/api/v1/nodes$", 0, 1, 3.0);
    let held = take();
    let requests = api.requests();
    let at = |r: &Value| r["t"].as_f64().unwrap();
    let held_at = requests
        .iter()
        .find(|r| r["path"] == "/api/v1/nodes")
        .map(at)
        .unwrap();
    let late: Vec<&Value> = requests.iter().filter(|r| at(r) > held_at + 2.0).collect();
    assert!(
        late.is_empty(),
        "sent after the held LIST answered: {late:#?}"
    );
    assert!(requests.len() >= 10, "{requests:#?}");
    assert_eq!(plain, held);
}
