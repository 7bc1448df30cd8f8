//! `what-if` live over HTTP (fakeapi seeded with examples/demo-cluster.yaml): the same answers
//! as from the snapshot file, and nothing written to the cluster.

use std::collections::BTreeMap;

use crate::support::{FakeApi, example};
use crate::util::run_json;
use serde_json::Value;

fn effects(report: &Value) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for ds in report["daemonSets"].as_array().unwrap() {
        for n in ds["nodes"].as_array().unwrap() {
            out.insert(
                format!("{} {}", ds["daemonSet"]["name"], n["node"]),
                n["effect"].to_string(),
            );
        }
    }
    out
}

#[test]
fn live_gives_the_snapshot_answer_and_writes_nothing() {
    let demo = example("demo-cluster.yaml");
    let api = FakeApi::start(&demo);
    let kc = api.kubeconfig.to_str().unwrap().to_string();
    let questions: &[&[&str]] = &[
        &["-l", "pool=gpu", "--taint", "dedicated=ml:NoExecute"],
        &[
            "--nodes",
            "worker-1,small-1",
            "--unlabel",
            "kubernetes.io/os",
            "--taint",
            "x=y:NoSchedule",
        ],
        &["logging/fluentd", "--nodes", "worker-2", "--remove"],
    ];
    for q in questions {
        let live = run_json(&[&["what-if", "--kubeconfig", &kc, "-o", "json"], *q].concat());
        let offline = run_json(
            &[
                &[
                    "what-if",
                    "--snapshot",
                    demo.to_str().unwrap(),
                    "-o",
                    "json",
                ],
                *q,
            ]
            .concat(),
        );
        assert_eq!(live, offline, "{q:?}");
        assert!(
            !effects(&live).is_empty(),
            "{q:?}: a question with no answer proves nothing"
        );
    }
    assert!(
        api.writes().is_empty(),
        "what-if changed the cluster: {:?}",
        api.writes()
    );
}
