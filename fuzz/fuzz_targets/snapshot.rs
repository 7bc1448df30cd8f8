//! Snapshot parsing on arbitrary bytes (JSON or YAML: single objects, `List`s, bare arrays,
//! multi-document YAML, concatenated JSON), then everything the commands compute from a
//! snapshot: placement for every DaemonSet on every node, rollout status and blockers, revision
//! history, undo target and the revision diff.
//!
//! Asserts: nothing panics; an error names the input; reading pods reduced to their node usage
//! (the placement commands' path) accepts whatever the full read accepts and keeps every pod.
#![no_main]

use kubectl_ds::cluster::{Query, snapshot};
use kubectl_ds::model::ClusterState;
use kubectl_ds::model::revisions;
use kubectl_ds::rollout::{diff, history, rollback};
use kubectl_ds::{placement, rollout};
use libfuzzer_sys::fuzz_target;

/// A fixed "now" (2026-12-01T00:00:00Z): availability depends on it, runs must not.
const NOW: i64 = 1_796_083_200;

fuzz_target!(|data: &[u8]| {
    let mut raw = ClusterState::default();
    let full = snapshot::load_bytes("fuzz.yaml", data, &mut raw);
    if let Err(e) = &full {
        let msg = e.to_string();
        assert!(msg.starts_with("snapshot fuzz.yaml"), "{msg}");
    }

    let usage = snapshot::load_bytes_for(
        "fuzz.yaml",
        data,
        &Query {
            foreign_pods_as_usage: true,
            ..Default::default()
        },
    );
    match (&full, &usage) {
        (Ok(()), Err(e)) => panic!("full read succeeded, reduced read failed: {e}"),
        (Ok(()), Ok(reduced)) => {
            let deduped = snapshot::load_bytes_for("fuzz.yaml", data, &Query::default()).unwrap();
            assert!(deduped.pods.len() <= raw.pods.len());
            // Every pod is kept once, in full or reduced. (Usage pods are keyed `ns/name`, so
            // names with a `/`, which no API server accepts, may collide.)
            let slash = raw
                .pods
                .iter()
                .any(|p| p.metadata.name.contains('/') || p.metadata.namespace.contains('/'));
            if !slash {
                assert_eq!(
                    reduced.pods.len() + reduced.usage_pods.len(),
                    deduped.pods.len()
                );
            }
            exercise(&deduped);
            exercise(reduced);
        }
        _ => {}
    }
});

/// What the commands compute from a loaded state.
fn exercise(state: &ClusterState) {
    for ds in state.daemonsets.iter().take(4) {
        let e = placement::explain_daemonset(state, ds, NOW);
        let _ = serde_json::to_string(&e.nodes);
        let _ = rollout::status(ds);
        let _ = rollout::on_delete_status(ds, &e);
        let _ = rollout::blockers(&e);
        let owned = revisions::owned(ds, &state.revisions);
        let current = revisions::current(ds, &owned);
        for rev in owned.iter().take(4) {
            let _ = revisions::hash(rev);
            let _ = revisions::change_cause(rev);
            let _ = history::template_at(ds, rev);
            if let Some(t) = revisions::stored_template(rev) {
                let _ = history::images(&t);
                if let Some(live) = revisions::live_template(ds) {
                    let (a, b) = (diff::normalize(&t), diff::normalize(&live));
                    let _ = diff::changes(&a, &b);
                    let _ = diff::unified(&a, &b, "a", "b", 3);
                }
            }
        }
        let _ = current.map(revisions::hash);
        let _ = rollback::undo_target(&owned, 0);
        let _ = rollback::kubectl_patch_bytes(ds);
    }
}
