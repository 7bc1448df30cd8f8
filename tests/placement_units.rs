//! Unit-level tables straight against `placement::affinity` and `placement::taints`: every
//! node-selector operator and parse rule (spec §2.4), toleration matching (§2.5) and the default
//! daemon tolerations with their merge rule (§2.2). Each table reports every failing row.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, Taint, Toleration,
};
use kubectl_ds::placement::affinity::{
    match_node_selector, match_required, parse_field_requirement, parse_label_requirement,
};
use kubectl_ds::placement::taints::{
    default_daemon_tolerations, first_untolerated, is_scheduling_taint, tolerates,
    with_default_tolerations,
};

fn req(key: &str, op: &str, values: &[&str]) -> NodeSelectorRequirement {
    NodeSelectorRequirement {
        key: key.into(),
        operator: op.into(),
        values: if values.is_empty() {
            None
        } else {
            Some(values.iter().map(|v| v.to_string()).collect())
        },
    }
}

fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn report(failures: Vec<String>, total: usize) {
    assert!(
        failures.is_empty(),
        "{} of {total} rows failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// `labels.NewRequirement` validation as used by node-selector terms.
#[test]
fn label_requirement_parse_rules() {
    let long63 = "a".repeat(63);
    let long64 = "a".repeat(64);
    let prefix254 = format!("{}/x", "a".repeat(254));
    let rows: Vec<(&str, NodeSelectorRequirement, bool)> = vec![
        ("In one value", req("foo", "In", &["bar"]), true),
        ("In two values", req("foo", "In", &["bar", "baz"]), true),
        ("In no values", req("foo", "In", &[]), false),
        ("In empty value", req("foo", "In", &[""]), true),
        ("NotIn one value", req("foo", "NotIn", &["bar"]), true),
        ("NotIn no values", req("foo", "NotIn", &[]), false),
        (
            "NotIn invalid value",
            req("foo", "NotIn", &["invalid value: ___@#$%^"]),
            false,
        ),
        ("Exists no values", req("foo", "Exists", &[]), true),
        ("Exists with values", req("foo", "Exists", &["bar"]), false),
        (
            "DoesNotExist no values",
            req("foo", "DoesNotExist", &[]),
            true,
        ),
        (
            "DoesNotExist with values",
            req("foo", "DoesNotExist", &["bar"]),
            false,
        ),
        ("Gt integer", req("foo", "Gt", &["1"]), true),
        ("Gt leading zeros", req("foo", "Gt", &["0204"]), true),
        (
            "Gt -1 is not a label value",
            req("foo", "Gt", &["-1"]),
            false,
        ),
        (
            "Gt +1 is not a label value",
            req("foo", "Gt", &["+1"]),
            false,
        ),
        ("Gt decimal", req("foo", "Gt", &["1.5"]), false),
        ("Gt word", req("foo", "Gt", &["one"]), false),
        ("Gt two values", req("foo", "Gt", &["1", "2"]), false),
        ("Gt no values", req("foo", "Gt", &[]), false),
        (
            "Gt int64 overflow",
            req("foo", "Gt", &["9223372036854775808"]),
            false,
        ),
        (
            "Gt int64 max",
            req("foo", "Gt", &["9223372036854775807"]),
            true,
        ),
        ("Lt integer", req("foo", "Lt", &["7"]), true),
        ("Lt no values", req("foo", "Lt", &[]), false),
        ("lower-case operator", req("foo", "in", &["bar"]), false),
        ("operator Equals", req("foo", "Equals", &["bar"]), false),
        ("operator ==", req("foo", "==", &["bar"]), false),
        ("empty operator", req("foo", "", &["bar"]), false),
        ("key with space", req("invalid key", "Exists", &[]), false),
        ("empty key", req("", "Exists", &[]), false),
        ("key two slashes", req("a/b/c", "Exists", &[]), false),
        ("key empty prefix", req("/a", "Exists", &[]), false),
        ("key empty name", req("a/", "Exists", &[]), false),
        (
            "key upper-case prefix",
            req("Example.com/a", "Exists", &[]),
            false,
        ),
        ("key prefixed", req("example.com/a", "Exists", &[]), true),
        ("key upper-case name", req("GPU", "Exists", &[]), true),
        ("key 63 chars", req(&long63, "Exists", &[]), true),
        ("key 64 chars", req(&long64, "Exists", &[]), false),
        ("key prefix > 253", req(&prefix254, "Exists", &[]), false),
        ("key ends with dash", req("foo-", "Exists", &[]), false),
        ("value 63 chars", req("foo", "In", &[long63.as_str()]), true),
        (
            "value 64 chars",
            req("foo", "In", &[long64.as_str()]),
            false,
        ),
        ("value with slash", req("foo", "In", &["a/b"]), false),
        ("value starts with dot", req("foo", "In", &[".a"]), false),
        (
            "value inner dot dash underscore",
            req("foo", "In", &["a.b-c_d"]),
            true,
        ),
    ];
    let total = rows.len();
    let failures = rows
        .into_iter()
        .filter_map(|(name, r, ok)| {
            let got = parse_label_requirement(&r);
            (got.is_ok() != ok).then(|| format!("{name}: expected ok={ok}, got {got:?}"))
        })
        .collect();
    report(failures, total);
}

#[test]
fn field_requirement_parse_rules() {
    let rows: Vec<(&str, NodeSelectorRequirement, bool)> = vec![
        ("In one", req("metadata.name", "In", &["n1"]), true),
        ("NotIn one", req("metadata.name", "NotIn", &["n1"]), true),
        ("In two", req("metadata.name", "In", &["n1", "n2"]), false),
        ("In none", req("metadata.name", "In", &[]), false),
        (
            "NotIn two",
            req("metadata.name", "NotIn", &["a", "b"]),
            false,
        ),
        ("Exists", req("metadata.name", "Exists", &[]), false),
        (
            "DoesNotExist",
            req("metadata.name", "DoesNotExist", &[]),
            false,
        ),
        ("Gt", req("metadata.name", "Gt", &["1"]), false),
        ("Lt", req("metadata.name", "Lt", &["1"]), false),
        (
            "other key is not validated",
            req("spec.foo", "In", &["x"]),
            true,
        ),
        (
            "values not label-validated",
            req("metadata.name", "In", &["a b"]),
            true,
        ),
    ];
    let total = rows.len();
    let failures = rows
        .into_iter()
        .filter_map(|(name, r, ok)| {
            let got = parse_field_requirement(&r);
            (got.is_ok() != ok).then(|| format!("{name}: expected ok={ok}, got {got:?}"))
        })
        .collect();
    report(failures, total);
}

fn term(
    exprs: Vec<NodeSelectorRequirement>,
    fields: Vec<NodeSelectorRequirement>,
) -> NodeSelectorTerm {
    NodeSelectorTerm {
        match_expressions: (!exprs.is_empty()).then_some(exprs),
        match_fields: (!fields.is_empty()).then_some(fields),
    }
}

/// Operator semantics through `match_required` (one term per row unless stated).
#[test]
fn required_affinity_matching() {
    let node = labels(&[
        ("foo", "bar"),
        ("empty", ""),
        ("num", "0206"),
        ("neg", "-5"),
    ]);
    let one = |r| NodeSelector {
        node_selector_terms: vec![term(vec![r], vec![])],
    };
    let rows: Vec<(&str, NodeSelector, &str, bool)> = vec![
        ("In hit", one(req("foo", "In", &["x", "bar"])), "n1", true),
        ("In miss", one(req("foo", "In", &["x"])), "n1", false),
        (
            "In absent key",
            one(req("nope", "In", &["bar"])),
            "n1",
            false,
        ),
        ("In empty value", one(req("empty", "In", &[""])), "n1", true),
        ("NotIn hit", one(req("foo", "NotIn", &["bar"])), "n1", false),
        ("NotIn other", one(req("foo", "NotIn", &["x"])), "n1", true),
        (
            "NotIn absent key",
            one(req("nope", "NotIn", &["x"])),
            "n1",
            true,
        ),
        ("Exists", one(req("foo", "Exists", &[])), "n1", true),
        (
            "Exists empty value",
            one(req("empty", "Exists", &[])),
            "n1",
            true,
        ),
        (
            "Exists absent",
            one(req("nope", "Exists", &[])),
            "n1",
            false,
        ),
        (
            "DoesNotExist absent",
            one(req("nope", "DoesNotExist", &[])),
            "n1",
            true,
        ),
        (
            "DoesNotExist present",
            one(req("foo", "DoesNotExist", &[])),
            "n1",
            false,
        ),
        ("Gt numeric", one(req("num", "Gt", &["0204"])), "n1", true),
        ("Gt equal", one(req("num", "Gt", &["206"])), "n1", false),
        ("Gt absent", one(req("nope", "Gt", &["1"])), "n1", false),
        (
            "Gt non-int node value",
            one(req("foo", "Gt", &["1"])),
            "n1",
            false,
        ),
        (
            "Gt -1 parse error",
            one(req("num", "Gt", &["-1"])),
            "n1",
            false,
        ),
        (
            "Lt negative node value",
            one(req("neg", "Lt", &["0"])),
            "n1",
            true,
        ),
        ("Lt equal", one(req("num", "Lt", &["206"])), "n1", false),
        ("Lt absent", one(req("nope", "Lt", &["100"])), "n1", false),
        (
            "field In name",
            NodeSelector {
                node_selector_terms: vec![term(vec![], vec![req("metadata.name", "In", &["n1"])])],
            },
            "n1",
            true,
        ),
        (
            "field In other name",
            NodeSelector {
                node_selector_terms: vec![term(vec![], vec![req("metadata.name", "In", &["n2"])])],
            },
            "n1",
            false,
        ),
        (
            "field NotIn other name",
            NodeSelector {
                node_selector_terms: vec![term(
                    vec![],
                    vec![req("metadata.name", "NotIn", &["n2"])],
                )],
            },
            "n1",
            true,
        ),
        (
            "field on another key reads empty (In)",
            NodeSelector {
                node_selector_terms: vec![term(vec![], vec![req("metadata.uid", "In", &["n1"])])],
            },
            "n1",
            false,
        ),
        (
            "field on another key reads empty (In \"\")",
            NodeSelector {
                node_selector_terms: vec![term(vec![], vec![req("metadata.uid", "In", &[""])])],
            },
            "n1",
            true,
        ),
        (
            "empty field set skips matchFields (nameless node)",
            NodeSelector {
                node_selector_terms: vec![term(vec![], vec![req("metadata.name", "In", &["n2"])])],
            },
            "",
            true,
        ),
        (
            "empty term list",
            NodeSelector {
                node_selector_terms: vec![],
            },
            "n1",
            false,
        ),
        (
            "only empty terms",
            NodeSelector {
                node_selector_terms: vec![term(vec![], vec![]), term(vec![], vec![])],
            },
            "n1",
            false,
        ),
        (
            "broken term then matching term",
            NodeSelector {
                node_selector_terms: vec![
                    term(vec![req("num", "Gt", &["-1"])], vec![]),
                    term(vec![req("foo", "Exists", &[])], vec![]),
                ],
            },
            "n1",
            true,
        ),
        (
            "AND within a term",
            NodeSelector {
                node_selector_terms: vec![term(
                    vec![req("foo", "Exists", &[]), req("nope", "Exists", &[])],
                    vec![],
                )],
            },
            "n1",
            false,
        ),
        (
            "expressions and fields ANDed",
            NodeSelector {
                node_selector_terms: vec![term(
                    vec![req("foo", "In", &["bar"])],
                    vec![req("metadata.name", "In", &["n2"])],
                )],
            },
            "n1",
            false,
        ),
        (
            "broken field requirement breaks the term",
            NodeSelector {
                node_selector_terms: vec![term(
                    vec![req("foo", "In", &["bar"])],
                    vec![req("metadata.name", "In", &["n1", "n2"])],
                )],
            },
            "n1",
            false,
        ),
    ];
    let total = rows.len();
    let failures = rows
        .into_iter()
        .filter_map(|(name, sel, node_name, want)| {
            let got = match_required(&sel, node_name, &node);
            (got.is_ok() != want).then(|| format!("{name}: expected match={want}, got {got:?}"))
        })
        .collect();
    report(failures, total);
}

#[test]
fn node_selector_map_matching() {
    let node = labels(&[("foo", "bar"), ("empty", "")]);
    type Row<'a> = (&'a str, Vec<(&'a str, &'a str)>, bool);
    let rows: Vec<Row> = vec![
        ("empty selector", vec![], true),
        ("equal", vec![("foo", "bar")], true),
        ("different value", vec![("foo", "baz")], false),
        ("absent key", vec![("nope", "bar")], false),
        ("empty value present", vec![("empty", "")], true),
        ("empty value absent", vec![("nope", "")], false),
        ("case-sensitive value", vec![("foo", "Bar")], false),
        (
            "one of two missing",
            vec![("foo", "bar"), ("nope", "x")],
            false,
        ),
    ];
    let total = rows.len();
    let failures = rows
        .into_iter()
        .filter_map(|(name, sel, want)| {
            let got = match_node_selector(&labels(&sel), &node);
            (got.is_ok() != want).then(|| format!("{name}: expected match={want}, got {got:?}"))
        })
        .collect();
    report(failures, total);
}

fn taint(key: &str, value: &str, effect: &str) -> Taint {
    Taint {
        key: key.into(),
        value: (!value.is_empty()).then(|| value.into()),
        effect: effect.into(),
        time_added: None,
    }
}

fn tol(key: &str, op: &str, value: &str, effect: &str) -> Toleration {
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
    Toleration {
        key: opt(key),
        operator: opt(op),
        value: opt(value),
        effect: opt(effect),
        toleration_seconds: None,
    }
}

/// `Toleration.ToleratesTaint` (toleration_test.go TestTolerationToleratesTaint and more).
#[test]
fn toleration_matching() {
    let rows: Vec<(&str, Toleration, Taint, bool)> = vec![
        (
            "Exists same key+effect, taint without value",
            tol("foo", "Exists", "", "NoSchedule"),
            taint("foo", "", "NoSchedule"),
            true,
        ),
        (
            "Exists same key+effect, taint with value",
            tol("foo", "Exists", "", "NoSchedule"),
            taint("foo", "bar", "NoSchedule"),
            true,
        ),
        (
            "empty key Exists same effect",
            tol("", "Exists", "", "NoSchedule"),
            taint("foo", "bar", "NoSchedule"),
            true,
        ),
        (
            "empty key Exists other effect",
            tol("", "Exists", "", "NoSchedule"),
            taint("foo", "bar", "NoExecute"),
            false,
        ),
        (
            "empty key Exists empty effect",
            tol("", "Exists", "", ""),
            taint("foo", "bar", "NoExecute"),
            true,
        ),
        (
            "Equal same key, effect, value",
            tol("foo", "Equal", "bar", "NoSchedule"),
            taint("foo", "bar", "NoSchedule"),
            true,
        ),
        (
            "Equal different values",
            tol("foo", "Equal", "value1", "NoSchedule"),
            taint("foo", "value2", "NoSchedule"),
            false,
        ),
        (
            "Equal different effects",
            tol("foo", "Equal", "bar", "NoExecute"),
            taint("foo", "bar", "NoSchedule"),
            false,
        ),
        (
            "empty effect matches NoSchedule",
            tol("foo", "Equal", "bar", ""),
            taint("foo", "bar", "NoSchedule"),
            true,
        ),
        (
            "empty effect matches PreferNoSchedule",
            tol("foo", "Equal", "bar", ""),
            taint("foo", "bar", "PreferNoSchedule"),
            true,
        ),
        (
            "omitted operator is Equal (match)",
            tol("foo", "", "bar", "NoSchedule"),
            taint("foo", "bar", "NoSchedule"),
            true,
        ),
        (
            "omitted operator is Equal (mismatch)",
            tol("foo", "", "bar", "NoSchedule"),
            taint("foo", "baz", "NoSchedule"),
            false,
        ),
        (
            "omitted operator and value vs empty taint value",
            tol("foo", "", "", "NoSchedule"),
            taint("foo", "", "NoSchedule"),
            true,
        ),
        (
            "different key",
            tol("foo", "Exists", "", ""),
            taint("bar", "", "NoSchedule"),
            false,
        ),
        (
            "key case-sensitive",
            tol("Foo", "Exists", "", ""),
            taint("foo", "", "NoSchedule"),
            false,
        ),
        (
            "unknown operator",
            tol("foo", "exists", "", ""),
            taint("foo", "", "NoSchedule"),
            false,
        ),
        (
            "alpha Gt with gate off",
            tol("foo", "Gt", "1", ""),
            taint("foo", "5", "NoSchedule"),
            false,
        ),
        (
            "alpha Lt with gate off",
            tol("foo", "Lt", "10", ""),
            taint("foo", "5", "NoSchedule"),
            false,
        ),
    ];
    let total = rows.len();
    let failures = rows
        .into_iter()
        .filter_map(|(name, t, tn, want)| {
            let got = tolerates(&t, &tn);
            (got != want).then(|| format!("{name}: expected {want}, got {got}"))
        })
        .collect();
    report(failures, total);
}

#[test]
fn toleration_seconds_is_irrelevant() {
    let mut t = tol("foo", "Exists", "", "NoExecute");
    for secs in [None, Some(0), Some(300)] {
        t.toleration_seconds = secs;
        assert!(tolerates(&t, &taint("foo", "x", "NoExecute")), "{secs:?}");
    }
}

#[test]
fn scheduling_taint_filter_and_order() {
    assert!(is_scheduling_taint(&taint("a", "", "NoSchedule")));
    assert!(is_scheduling_taint(&taint("a", "", "NoExecute")));
    assert!(!is_scheduling_taint(&taint("a", "", "PreferNoSchedule")));
    assert!(!is_scheduling_taint(&taint("a", "", "")));
    let taints = vec![
        taint("pref", "", "PreferNoSchedule"),
        taint("tolerated", "", "NoSchedule"),
        taint("first", "1", "NoExecute"),
        taint("second", "2", "NoSchedule"),
    ];
    let tols = vec![tol("tolerated", "Exists", "", "")];
    let got = first_untolerated(&taints, &tols, is_scheduling_taint).map(|t| t.key.as_str());
    assert_eq!(got, Some("first"));
    let got =
        first_untolerated(&taints, &tols, |t| t.effect == "NoSchedule").map(|t| t.key.as_str());
    assert_eq!(got, Some("second"));
    assert!(
        first_untolerated(&taints, &[tol("", "Exists", "", "")], is_scheduling_taint).is_none()
    );
}

fn describe(t: &Toleration) -> String {
    format!(
        "{}/{}/{}/{}/{:?}",
        t.key.as_deref().unwrap_or(""),
        t.operator.as_deref().unwrap_or(""),
        t.value.as_deref().unwrap_or(""),
        t.effect.as_deref().unwrap_or(""),
        t.toleration_seconds
    )
}

/// `AddOrUpdateDaemonPodTolerations`: keys, effects and order.
#[test]
fn default_daemon_tolerations_in_order() {
    let want = [
        "node.kubernetes.io/not-ready/Exists//NoExecute/None",
        "node.kubernetes.io/unreachable/Exists//NoExecute/None",
        "node.kubernetes.io/disk-pressure/Exists//NoSchedule/None",
        "node.kubernetes.io/memory-pressure/Exists//NoSchedule/None",
        "node.kubernetes.io/pid-pressure/Exists//NoSchedule/None",
        "node.kubernetes.io/unschedulable/Exists//NoSchedule/None",
    ];
    let got: Vec<String> = default_daemon_tolerations(false)
        .iter()
        .map(describe)
        .collect();
    assert_eq!(got, want);
    let got: Vec<String> = default_daemon_tolerations(true)
        .iter()
        .map(describe)
        .collect();
    let mut with_net: Vec<String> = want.iter().map(|s| s.to_string()).collect();
    with_net.push("node.kubernetes.io/network-unavailable/Exists//NoSchedule/None".into());
    assert_eq!(got, with_net);
}

/// `AddOrUpdateTolerationInPodSpec`: identical (key, effect, operator, value) is replaced (its
/// tolerationSeconds dropped); anything differing is kept beside the default; order preserved.
#[test]
fn default_toleration_merge_rule() {
    let mut identical = tol("node.kubernetes.io/not-ready", "Exists", "", "NoExecute");
    identical.toleration_seconds = Some(5);
    let omitted_op = tol("node.kubernetes.io/unreachable", "", "", "NoExecute");
    let other = tol("dedicated", "Equal", "gpu", "NoSchedule");
    let merged = with_default_tolerations(&[other.clone(), identical, omitted_op], false);
    let got: Vec<String> = merged.iter().map(describe).collect();
    let want = vec![
        "dedicated/Equal/gpu/NoSchedule/None",
        "node.kubernetes.io/not-ready/Exists//NoExecute/None",
        "node.kubernetes.io/unreachable///NoExecute/None",
        "node.kubernetes.io/unreachable/Exists//NoExecute/None",
        "node.kubernetes.io/disk-pressure/Exists//NoSchedule/None",
        "node.kubernetes.io/memory-pressure/Exists//NoSchedule/None",
        "node.kubernetes.io/pid-pressure/Exists//NoSchedule/None",
        "node.kubernetes.io/unschedulable/Exists//NoSchedule/None",
    ];
    assert_eq!(got, want);
    // The network-unavailable default only for hostNetwork.
    assert!(
        !with_default_tolerations(&[], false)
            .iter()
            .any(|t| t.key.as_deref() == Some("node.kubernetes.io/network-unavailable"))
    );
    assert!(
        with_default_tolerations(&[], true)
            .iter()
            .any(|t| t.key.as_deref() == Some("node.kubernetes.io/network-unavailable"))
    );
    // A user toleration with a different effect is kept and the default appended.
    let merged = with_default_tolerations(
        &[tol(
            "node.kubernetes.io/not-ready",
            "Exists",
            "",
            "NoSchedule",
        )],
        false,
    );
    assert_eq!(
        merged
            .iter()
            .filter(|t| t.key.as_deref() == Some("node.kubernetes.io/not-ready"))
            .count(),
        2
    );
}
