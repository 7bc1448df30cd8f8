//! The rollout domain for DaemonSets — kubectl's polymorphichelpers for the kind: status and the
//! nodes that hold a rollout back ([`status`]), revision history ([`history`]), the undo decision
//! ([`rollback`]), strategic merge ([`smp`]), Go's JSON encoding ([`gojson`]) and template diffs
//! ([`diff`]). Pure functions over [`crate::model`] and [`crate::placement`]; no I/O.

pub mod diff;
pub mod gojson;
pub mod history;
pub mod restart;
pub mod rollback;
pub mod smp;
pub mod stall;
pub mod status;

pub use status::{
    Blocker, Holdup, Status, StatusReport, StatusSink, blockers, evaluate, follow,
    on_delete_status, status, strategy,
};

#[cfg(test)]
mod tests {
    use super::gojson::*;
    use super::history::*;
    use super::rollback::*;
    use super::smp::*;
    use crate::model::revisions::*;
    use k8s_openapi::api::apps::v1::{ControllerRevision, DaemonSet};
    use serde_json::Value;
    use serde_json::json;

    fn ds() -> DaemonSet {
        serde_json::from_value(json!({"apiVersion":"apps/v1","kind":"DaemonSet",
            "metadata":{"name":"d","namespace":"ns","uid":"u1"},
            "spec":{"selector":{"matchLabels":{"app":"d"}},
                    "template":{"metadata":{"labels":{"app":"d"}},"spec":{"containers":[{"name":"c","image":"v2"}]}}}}))
        .unwrap()
    }

    fn rev(name: &str, n: i64, image: &str, owner: &str, labels: Value) -> ControllerRevision {
        serde_json::from_value(json!({"apiVersion":"apps/v1","kind":"ControllerRevision",
            "metadata":{"name":name,"namespace":"ns","labels":labels,
                "ownerReferences":[{"apiVersion":"apps/v1","kind":"DaemonSet","name":"d","uid":owner,"controller":true}]},
            "revision":n,
            "data":{"spec":{"template":{"$patch":"replace","metadata":{"creationTimestamp":null,"labels":{"app":"d"}},
                "spec":{"containers":[{"name":"c","image":image}]}}}}}))
        .unwrap()
    }

    #[test]
    fn ownership_needs_uid_and_selector() {
        let revs = vec![
            rev("d-1", 1, "v1", "u1", json!({"app":"d"})),
            rev("d-2", 2, "v2", "u1", json!({"app":"d"})),
            rev("other", 3, "v3", "u2", json!({"app":"d"})),
            rev("relabelled", 4, "v4", "u1", json!({"app":"x"})),
        ];
        let d = ds();
        let owned = owned(&d, &revs);
        assert_eq!(
            owned.iter().map(|r| r.revision).collect::<Vec<_>>(),
            vec![1, 2]
        );
        assert_eq!(
            current(&d, &owned).unwrap().metadata.name.as_deref(),
            Some("d-2")
        );
        assert_eq!(undo_target(&owned, 0).unwrap().revision, 1);
        assert_eq!(undo_target(&owned, 2).unwrap().revision, 2);
        assert_eq!(undo_target(&owned, 7), Err(UndoTargetError::NotFound(7)));
        assert_eq!(undo_target(&owned, -1), Err(UndoTargetError::NotFound(-1)));
        assert_eq!(
            undo_target(&owned[..1], 0),
            Err(UndoTargetError::NoLastRevision)
        );
    }

    #[test]
    fn template_at_replaces_with_patch_replace_and_merges_otherwise() {
        let d = ds();
        let r = rev("d-1", 1, "v1", "u1", json!({"app":"d"}));
        let t = template_at(&d, &r).unwrap();
        assert_eq!(t.spec.unwrap().containers[0].image.as_deref(), Some("v1"));
        let mut target = json!({"spec":{"containers":[{"name":"a","image":"x"},{"name":"b","image":"y"}],"dnsPolicy":"ClusterFirst"}});
        strategic_merge(
            &mut target,
            &json!({"spec":{"containers":[{"name":"b","image":"z"}],"dnsPolicy":null}}),
        );
        assert_eq!(
            target,
            json!({"spec":{"containers":[{"name":"a","image":"x"},{"name":"b","image":"z"}]}})
        );
    }

    #[test]
    fn keyed_lists_merge_in_gos_order() {
        // Patch-only items come before server-only ones unless both sides know the order.
        let mut t = json!({"env":[{"name":"A","value":"1"}],"containers":[{"name":"main","image":"1"},{"name":"helper","image":"h"}]});
        strategic_merge(
            &mut t,
            &json!({"env":[{"name":"B","value":"2"}],"containers":[{"name":"main","image":"2"}]}),
        );
        assert_eq!(
            t,
            json!({"env":[{"name":"B","value":"2"},{"name":"A","value":"1"}],
                   "containers":[{"name":"main","image":"2"},{"name":"helper","image":"h"}]})
        );
        let mut t = json!({"volumes":[{"name":"a"},{"name":"b"}]});
        strategic_merge(&mut t, &json!({"volumes":[{"name":"a","$patch":"delete"}]}));
        assert_eq!(t, json!({"volumes":[{"name":"b"}]}));
    }

    #[test]
    fn go_json_is_compact_sorted_and_escapes_like_go() {
        assert_eq!(
            go_json(&json!({"b":1,"$patch":"replace","a":["x<y","&", "ü\u{2028}"]})),
            "{\"$patch\":\"replace\",\"a\":[\"x\\u003cy\",\"\\u0026\",\"ü\\u2028\"],\"b\":1}"
        );
    }

    #[test]
    fn skip_rule_compares_what_kubectl_encodes() {
        let d = ds();
        // A modern controller's data for the live template: Go adds `resources: {}`.
        let modern = r#"{"spec":{"template":{"$patch":"replace","metadata":{"labels":{"app":"d"}},"spec":{"containers":[{"image":"v2","name":"c","resources":{}}]}}}}"#;
        assert_eq!(kubectl_patch_bytes(&d), modern);
        let target = rev("d-1", 1, "v1", "u1", json!({"app":"d"}));
        let undo = |served: &str| rollback(&d, &target, 0, DryRun::None, Some(served.into()));
        let skipped = undo(modern).unwrap();
        assert!(matches!(skipped.action, Action::Skip) && skipped.changes.is_none());
        assert_eq!(skipped.skip_check, None);
        // An older controller wrote a null creationTimestamp: kubectl does not skip.
        let legacy = r#"{"spec":{"template":{"$patch":"replace","metadata":{"creationTimestamp":null,"labels":{"app":"d"}},"spec":{"containers":[{"image":"v2","name":"c","resources":{}}]}}}}"#;
        let patched = undo(legacy).unwrap();
        assert!(matches!(patched.action, Action::Patch { .. }));
        assert!(patched.skip_check.unwrap().contains("differ at byte 53"));
        // The image differs: the change is listed before anything is applied.
        assert_eq!(patched.changes.unwrap().len(), 1);
    }

    #[test]
    fn client_dry_run_previews_and_writes_say_which_revision_failed() {
        let mut d = ds();
        d.metadata.resource_version = Some("41".into());
        let target = rev("d-1", 1, "v1", "u1", json!({"app":"d"}));
        let preview = rollback(&d, &target, 1, DryRun::Client, None).unwrap();
        let Action::Preview(template) = &preview.action else {
            panic!("{preview:?}")
        };
        assert_eq!(
            template.spec.as_ref().unwrap().containers[0]
                .image
                .as_deref(),
            Some("v1")
        );
        let write = rollback(&d, &target, 1, DryRun::Server, None).unwrap();
        let Action::Patch {
            body,
            resource_version,
        } = &write.action
        else {
            panic!("{write:?}")
        };
        assert_eq!(resource_version, "41");
        assert_eq!(body, &target.data.as_ref().unwrap().0);
        let conflict = write.conflict(&d, "the object has been modified");
        assert!(conflict.to_string().starts_with(
            "failed restoring revision 1: daemonset ns/d was changed by someone else after it was read (resourceVersion 41)"
        ));
        assert_eq!(conflict.exit_code(), 1);
    }

    #[test]
    fn go_round_trip_drops_value_zeros_and_keeps_pointer_zeros() {
        let mut t = json!({"spec":{"containers":[{"name":"c","env":[{"name":"E","value":""}],
            "volumeMounts":[{"name":"v","mountPath":"/v","readOnly":false}],
            "resources":{"limits":{"cpu":"0.5"}},"securityContext":{"privileged":false}}],
            "volumes":[{"name":"s","secret":{"secretName":"s","optional":false}},
                       {"name":"c","csi":{"driver":"d","readOnly":false}}],
            "tolerations":[{"key":"","operator":"Exists"}],"nodeSelector":{}}});
        go_roundtrip(&mut t, None);
        assert_eq!(
            t,
            json!({"spec":{"containers":[{"name":"c","env":[{"name":"E"}],
                "volumeMounts":[{"name":"v","mountPath":"/v"}],
                "resources":{"limits":{"cpu":"500m"}},"securityContext":{"privileged":false}}],
                "volumes":[{"name":"s","secret":{"secretName":"s","optional":false}},
                           {"name":"c","csi":{"driver":"d","readOnly":false}}],
                "tolerations":[{"operator":"Exists"}]}})
        );
    }
}
