//! Scheduling: tolerations, node and pod affinity, topology spread constraints.

use std::collections::HashSet;

use super::selector::label_selector;
use super::tree::{child, get, idx, int, list, map_of, pos_of, s, str_of};
use super::{V, q};
use crate::model::labels::{
    dns1123_label_errors, dns1123_subdomain_errors, label_value_errors, qualified_name_errors,
};
use crate::validate::yaml::Node;

pub(super) fn tolerations(v: &mut V, pod: &Node, path: &str) {
    for (i, t) in list(pod, "tolerations").iter().enumerate() {
        let p = idx(&child(path, "tolerations"), i);
        let k = s(t, "key");
        if !k.is_empty() {
            for m in qualified_name_errors(k) {
                v.invalid(pos_of(t, "key"), &child(&p, "key"), &q(k), &m);
            }
        }
        let op = s(t, "operator");
        if k.is_empty() && op != "Exists" {
            v.invalid(
                pos_of(t, "operator"),
                &child(&p, "operator"),
                &q(op),
                "operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
            );
        }
        let effect = s(t, "effect");
        if get(t, "tolerationSeconds").is_some() && effect != "NoExecute" {
            v.invalid(
                pos_of(t, "effect"),
                &child(&p, "effect"),
                &q(effect),
                "effect must be 'NoExecute' when `tolerationSeconds` is set",
            );
        }
        let value = s(t, "value");
        match op {
            "" | "Equal" => {
                for m in label_value_errors(value) {
                    v.invalid(pos_of(t, "value"), &child(&p, "value"), &q(value), &m);
                }
            }
            "Exists" => {
                if !value.is_empty() {
                    v.invalid(
                        pos_of(t, "operator"),
                        &child(&p, "operator"),
                        "core.Toleration{...}",
                        "value must be empty when `operator` is 'Exists'",
                    );
                }
            }
            other => v.not_supported(
                pos_of(t, "operator"),
                &child(&p, "operator"),
                &q(other),
                &["Equal", "Exists"],
            ),
        }
        if !effect.is_empty() && !matches!(effect, "NoSchedule" | "PreferNoSchedule" | "NoExecute")
        {
            v.not_supported(
                pos_of(t, "effect"),
                &child(&p, "effect"),
                &q(effect),
                &["NoExecute", "NoSchedule", "PreferNoSchedule"],
            );
        }
    }
}

fn node_selector_term(v: &mut V, term: &Node, path: &str) {
    for (j, rq) in list(term, "matchExpressions").iter().enumerate() {
        let p = idx(&child(path, "matchExpressions"), j);
        let op = s(rq, "operator");
        let n = list(rq, "values").len();
        match op {
            "In" | "NotIn" => {
                if n == 0 {
                    v.required(
                        pos_of(rq, "values"),
                        &child(&p, "values"),
                        "must be specified when `operator` is 'In' or 'NotIn'",
                    );
                }
            }
            "Exists" | "DoesNotExist" => {
                if n > 0 {
                    v.forbidden(
                        pos_of(rq, "values"),
                        &child(&p, "values"),
                        "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                    );
                }
            }
            "Gt" | "Lt" => {
                if n != 1 {
                    v.required(
                        pos_of(rq, "values"),
                        &child(&p, "values"),
                        "must be specified single value when `operator` is 'Lt' or 'Gt'",
                    );
                }
            }
            _ => v.invalid(
                pos_of(rq, "operator"),
                &child(&p, "operator"),
                &q(op),
                "not a valid selector operator",
            ),
        }
        let k = s(rq, "key");
        for m in qualified_name_errors(k) {
            v.invalid(pos_of(rq, "key"), &child(&p, "key"), &q(k), &m);
        }
    }
    for (j, rq) in list(term, "matchFields").iter().enumerate() {
        let p = idx(&child(path, "matchFields"), j);
        let op = s(rq, "operator");
        let values = list(rq, "values");
        match op {
            "In" | "NotIn" => {
                if values.len() != 1 {
                    v.required(
                        pos_of(rq, "values"),
                        &child(&p, "values"),
                        "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
                    );
                }
            }
            _ => v.invalid(
                pos_of(rq, "operator"),
                &child(&p, "operator"),
                &q(op),
                "not a valid selector operator",
            ),
        }
        let k = s(rq, "key");
        if k != "metadata.name" {
            v.invalid(
                pos_of(rq, "key"),
                &child(&p, "key"),
                &q(k),
                "not a valid field selector key",
            );
        } else {
            for (i, val) in values.iter().enumerate() {
                let sv = val.as_str().unwrap_or("");
                for m in dns1123_subdomain_errors(sv) {
                    v.invalid(val.pos, &idx(&child(&p, "values"), i), &q(sv), &m);
                }
            }
        }
    }
}

fn weight(v: &mut V, n: &Node, path: &str) {
    let w = int(n, "weight").map_or(0, |(w, _)| w);
    if !(1..=100).contains(&w) {
        v.invalid(
            pos_of(n, "weight"),
            &child(path, "weight"),
            &w.to_string(),
            "must be in the range 1-100",
        );
    }
}

fn pod_affinity_term(v: &mut V, term: &Node, path: &str) {
    for k in ["labelSelector", "namespaceSelector"] {
        if let Some(sel) = map_of(term, k) {
            label_selector(v, sel, &child(path, k));
        }
    }
    for (i, ns) in list(term, "namespaces").iter().enumerate() {
        let n = ns.as_str().unwrap_or("");
        for m in dns1123_label_errors(n) {
            v.invalid(ns.pos, &idx(&child(path, "namespaces"), i), &q(n), &m);
        }
    }
    let tk = s(term, "topologyKey");
    if tk.is_empty() {
        v.required(
            pos_of(term, "topologyKey"),
            &child(path, "topologyKey"),
            "can not be empty",
        );
    } else {
        for m in qualified_name_errors(tk) {
            v.invalid(
                pos_of(term, "topologyKey"),
                &child(path, "topologyKey"),
                &q(tk),
                &m,
            );
        }
    }
}

pub(super) fn affinity(v: &mut V, aff: &Node, path: &str) {
    const REQ: &str = "requiredDuringSchedulingIgnoredDuringExecution";
    const PREF: &str = "preferredDuringSchedulingIgnoredDuringExecution";
    if let Some(na) = map_of(aff, "nodeAffinity") {
        let np = child(path, "nodeAffinity");
        if let Some(req) = map_of(na, REQ) {
            let rp = child(&np, REQ);
            let terms = list(req, "nodeSelectorTerms");
            if terms.is_empty() {
                v.required(
                    pos_of(req, "nodeSelectorTerms"),
                    &child(&rp, "nodeSelectorTerms"),
                    "must have at least one node selector term",
                );
            }
            for (i, t) in terms.iter().enumerate() {
                node_selector_term(v, t, &idx(&child(&rp, "nodeSelectorTerms"), i));
            }
        }
        for (i, pref) in list(na, PREF).iter().enumerate() {
            let pp = idx(&child(&np, PREF), i);
            weight(v, pref, &pp);
            if let Some(t) = map_of(pref, "preference") {
                node_selector_term(v, t, &child(&pp, "preference"));
            }
        }
    }
    for kind in ["podAffinity", "podAntiAffinity"] {
        let Some(pa) = map_of(aff, kind) else {
            continue;
        };
        let kp = child(path, kind);
        for (i, t) in list(pa, REQ).iter().enumerate() {
            pod_affinity_term(v, t, &idx(&child(&kp, REQ), i));
        }
        for (i, w) in list(pa, PREF).iter().enumerate() {
            let wp = idx(&child(&kp, PREF), i);
            weight(v, w, &wp);
            if let Some(t) = map_of(w, "podAffinityTerm") {
                pod_affinity_term(v, t, &child(&wp, "podAffinityTerm"));
            }
        }
    }
}

pub(super) fn topology_spread(v: &mut V, pod: &Node, path: &str) {
    let mut seen: HashSet<(&str, &str)> = HashSet::new();
    for (i, c) in list(pod, "topologySpreadConstraints").iter().enumerate() {
        let p = idx(&child(path, "topologySpreadConstraints"), i);
        let skew = int(c, "maxSkew").map_or(0, |(x, _)| x);
        if skew <= 0 {
            v.invalid(
                pos_of(c, "maxSkew"),
                &child(&p, "maxSkew"),
                &skew.to_string(),
                "must be greater than zero",
            );
        }
        let tk = s(c, "topologyKey");
        if tk.is_empty() {
            v.required(
                pos_of(c, "topologyKey"),
                &child(&p, "topologyKey"),
                "can not be empty",
            );
        }
        let wu = s(c, "whenUnsatisfiable");
        if !matches!(wu, "DoNotSchedule" | "ScheduleAnyway") {
            v.not_supported(
                pos_of(c, "whenUnsatisfiable"),
                &child(&p, "whenUnsatisfiable"),
                &q(wu),
                &["DoNotSchedule", "ScheduleAnyway"],
            );
        }
        if !seen.insert((tk, wu)) {
            v.duplicate(
                pos_of(c, "whenUnsatisfiable"),
                &child(&p, "{topologyKey, whenUnsatisfiable}"),
                &format!("{{{tk}, {wu}}}"),
            );
        }
        if let Some((md, pos)) = int(c, "minDomains")
            && md <= 0
        {
            v.invalid(
                pos,
                &child(&p, "minDomains"),
                &md.to_string(),
                "must be greater than 0",
            );
        }
        for k in ["nodeAffinityPolicy", "nodeTaintsPolicy"] {
            if let Some((pol, pos)) = str_of(c, k)
                && !matches!(pol, "Honor" | "Ignore")
            {
                v.not_supported(pos, &child(&p, k), &q(pol), &["Honor", "Ignore"]);
            }
        }
        if let Some(sel) = map_of(c, "labelSelector") {
            label_selector(v, sel, &child(&p, "labelSelector"));
        }
    }
}
