//! DaemonSetSpec (S6–S9, D1–D11): selector against template labels, the template's restart
//! policy, `minReadySeconds`, `revisionHistoryLimit`, and the update strategy.

use super::object_meta::{annotations, labels};
use super::pod_spec::pod_spec;
use super::selector::{label_selector, selector_matches};
use super::tree::{child, get, go_map, list, map_of, pos_of, s, string_map};
use super::{V, q};
use crate::validate::yaml::{Node, Pos, Value};

pub(super) fn daemonset_spec(v: &mut V, spec: &Node, path: &str, spec_pos: Pos) {
    let sel = map_of(spec, "selector");
    let sel_ok = match sel {
        Some(sel) => label_selector(v, sel, &child(path, "selector")),
        None => true,
    };
    let tmpl_empty = Node {
        pos: pos_of(spec, "template"),
        value: Value::Map(Vec::new()),
    };
    let tmpl = map_of(spec, "template").unwrap_or(&tmpl_empty);
    let tmeta = map_of(tmpl, "metadata");
    let tlabels = string_map(tmeta.and_then(|m| get(m, "labels")));
    if sel_ok && !selector_matches(sel, &tlabels) {
        let lpos = tmeta.map_or(tmpl.pos, |m| pos_of(m, "labels"));
        v.invalid(
            lpos,
            &child(path, "template.metadata.labels"),
            &go_map(&tlabels),
            "`selector` does not match template `labels`",
        );
    }
    if let Some(sel) = sel
        && list(sel, "matchExpressions").is_empty()
        && string_map(get(sel, "matchLabels")).is_empty()
    {
        v.invalid(
            sel.pos,
            &child(path, "selector"),
            "&LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{},}",
            "empty selector is invalid for daemonset",
        );
    }
    // ValidatePodTemplateSpec
    let tpath = child(path, "template");
    labels(
        v,
        tmeta.and_then(|m| get(m, "labels")),
        &child(&tpath, "labels"),
    );
    annotations(
        v,
        tmeta.and_then(|m| get(m, "annotations")),
        &child(&tpath, "annotations"),
    );
    let pod_empty = Node {
        pos: pos_of(tmpl, "spec"),
        value: Value::Map(Vec::new()),
    };
    let pod = map_of(tmpl, "spec").unwrap_or(&pod_empty);
    let ppath = child(&tpath, "spec");
    pod_spec(v, pod, &ppath);
    if !list(pod, "ephemeralContainers").is_empty() {
        v.forbidden(
            pos_of(pod, "ephemeralContainers"),
            &child(&ppath, "ephemeralContainers"),
            "ephemeral containers not allowed in pod template",
        );
    }
    // D1: restartPolicy must be Always (after defaulting).
    let rp = restart_policy(pod);
    if rp != "Always" {
        v.not_supported(
            pos_of(pod, "restartPolicy"),
            &child(&ppath, "restartPolicy"),
            &q(rp),
            &["Always"],
        );
    }
    // D2
    if let Some(n) = get(pod, "activeDeadlineSeconds") {
        v.forbidden(
            n.pos,
            &child(&ppath, "activeDeadlineSeconds"),
            "activeDeadlineSeconds in DaemonSet is not Supported",
        );
    }
    // D3
    v.nonnegative(spec, "minReadySeconds", path);
    // D5–D10
    update_strategy(v, spec, path);
    // D11
    v.nonnegative(spec, "revisionHistoryLimit", path);
    let _ = spec_pos;
}

pub(super) fn restart_policy(pod: &Node) -> &str {
    match s(pod, "restartPolicy") {
        "" => "Always",
        other => other,
    }
}

/// An IntOrString value as written: `Ok(int)` or `Err(string)`.
pub(super) fn int_or_string(n: &Node) -> Option<Result<i64, &str>> {
    if n.is_null() {
        return None;
    }
    match &n.value {
        Value::Str(s) => Some(Err(s.as_str())),
        _ => n.as_i64().map(Ok),
    }
}

fn is_valid_percent(s: &str) -> bool {
    s.len() > 1 && s.ends_with('%') && s[..s.len() - 1].bytes().all(|b| b.is_ascii_digit())
}

/// Go's `strconv.Atoi`, 0 on failure.
fn atoi(s: &str) -> i64 {
    crate::model::labels::parse_go_int64(s).unwrap_or(0)
}

fn percent_value(v: &Result<i64, &str>) -> Option<i64> {
    match v {
        Err(s) if is_valid_percent(s) => Some(atoi(&s[..s.len() - 1])),
        _ => None,
    }
}

fn int_or_percent_value(v: &Result<i64, &str>) -> i64 {
    if let Some(p) = percent_value(v) {
        return p;
    }
    match v {
        Ok(i) => *i,
        Err(s) => atoi(s),
    }
}

const PERCENT_MSG: &str = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

fn update_strategy(v: &mut V, spec: &Node, path: &str) {
    let us_path = child(path, "updateStrategy");
    let us = map_of(spec, "updateStrategy");
    let ty = us.map_or("", |u| s(u, "type"));
    let ty = if ty.is_empty() { "RollingUpdate" } else { ty };
    match ty {
        "OnDelete" => {}
        "RollingUpdate" => {
            let ru = us.and_then(|u| map_of(u, "rollingUpdate"));
            let ru_path = child(&us_path, "rollingUpdate");
            let default_unavail: Result<i64, &str> = Ok(1);
            let default_surge: Result<i64, &str> = Ok(0);
            let read = |k: &str| ru.and_then(|r| get(r, k)).and_then(int_or_string);
            let pos = |k: &str| {
                ru.and_then(|r| get(r, k))
                    .map_or(ru.map_or(us.map_or(spec.pos, |u| u.pos), |r| r.pos), |n| {
                        n.pos
                    })
            };
            let mu = read("maxUnavailable").unwrap_or(default_unavail);
            let ms = read("maxSurge").unwrap_or(default_surge);
            for (k, val) in [("maxUnavailable", &mu), ("maxSurge", &ms)] {
                let p = child(&ru_path, k);
                match val {
                    Err(st) => {
                        if !is_valid_percent(st) {
                            v.invalid(pos(k), &p, st, PERCENT_MSG);
                        }
                    }
                    Ok(i) => {
                        if *i < 0 {
                            v.invalid(
                                pos(k),
                                &p,
                                &i.to_string(),
                                "must be greater than or equal to 0",
                            );
                        }
                    }
                }
            }
            for (k, val) in [("maxUnavailable", &mu), ("maxSurge", &ms)] {
                if let Some(pv) = percent_value(val)
                    && pv > 100
                {
                    let shown = match val {
                        Err(st) => st.to_string(),
                        Ok(i) => i.to_string(),
                    };
                    v.invalid(
                        pos(k),
                        &child(&ru_path, k),
                        &shown,
                        "must not be greater than 100%",
                    );
                }
            }
            let has_unavail = int_or_percent_value(&mu) != 0;
            let has_surge = int_or_percent_value(&ms) != 0;
            if has_unavail && has_surge {
                let shown = match &ms {
                    Err(st) => st.to_string(),
                    Ok(i) => i.to_string(),
                };
                v.invalid(
                    pos("maxSurge"),
                    &child(&ru_path, "maxSurge"),
                    &shown,
                    "may not be set when maxUnavailable is non-zero",
                );
            } else if !has_unavail && !has_surge {
                v.required(
                    pos("maxUnavailable"),
                    &child(&ru_path, "maxUnavailable"),
                    "cannot be 0 when maxSurge is 0",
                );
            }
        }
        other => {
            let pos = us.map_or(spec.pos, |u| pos_of(u, "type"));
            v.not_supported(pos, &us_path, &q(other), &["RollingUpdate", "OnDelete"]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn percents() {
        assert!(is_valid_percent("50%"));
        assert!(!is_valid_percent("%"));
        assert!(!is_valid_percent("5.5%"));
        assert_eq!(int_or_percent_value(&Err("abc")), 0);
        assert_eq!(int_or_percent_value(&Err("50")), 50);
        assert_eq!(int_or_percent_value(&Err("150%")), 150);
    }
}
