//! The API server's validation of an apps/v1 DaemonSet (spec/rollout-validate.md §6), applied to
//! the positioned tree after apps/v1 defaulting.
//!
//! Defaulting is not written into the tree; every check reads the *effective* value through a
//! small accessor (`restartPolicy` absent or empty → `Always`, a port's protocol → `TCP`, …),
//! which has the same effect and keeps the positions of what the user wrote.
//!
//! Field paths use the API's `field.Path` syntax; messages are the bodies upstream's
//! `field.Error` prints (`Invalid value: "x": detail`, `Required value`, …). Where upstream
//! behaviour depends on a feature gate, the default of current releases is assumed, and where a
//! rule is uncertain it is left out: a manifest the API server accepts must not get an error.

use std::collections::{HashMap, HashSet};

use super::yaml::{Node, Pos, Value};
use super::{Severity, Sink};
use crate::model::labels::{
    dns1123_label_errors, dns1123_subdomain_errors, label_value_errors, qualified_name_errors,
};

/// Upstream `field.ErrorType`s, as rule ids.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Required,
    Invalid,
    NotSupported,
    Forbidden,
    Duplicate,
    TooLong,
    NotFound,
}

impl Kind {
    fn rule(self) -> &'static str {
        match self {
            Kind::Required => "api-required",
            Kind::Invalid => "api-invalid",
            Kind::NotSupported => "api-not-supported",
            Kind::Forbidden => "api-forbidden",
            Kind::Duplicate => "api-duplicate",
            Kind::TooLong => "api-too-long",
            Kind::NotFound => "api-not-found",
        }
    }
}

/// Every rule id this module can emit.
pub const RULE_IDS: &[&str] = &[
    "api-required",
    "api-invalid",
    "api-not-supported",
    "api-forbidden",
    "api-duplicate",
    "api-too-long",
    "api-not-found",
];

struct V<'s> {
    sink: &'s mut Sink,
}

/// Go's `%q` for the strings we show.
fn q(s: &str) -> String {
    format!("{s:?}")
}

impl V<'_> {
    fn emit(&mut self, kind: Kind, pos: Pos, path: &str, body: String) {
        self.sink
            .push(pos, path, Severity::Error, kind.rule(), body);
    }
    fn required(&mut self, pos: Pos, path: &str, detail: &str) {
        let body = if detail.is_empty() {
            "Required value".to_string()
        } else {
            format!("Required value: {detail}")
        };
        self.emit(Kind::Required, pos, path, body);
    }
    fn invalid(&mut self, pos: Pos, path: &str, shown: &str, detail: &str) {
        self.emit(
            Kind::Invalid,
            pos,
            path,
            format!("Invalid value: {shown}: {detail}"),
        );
    }
    fn not_supported(&mut self, pos: Pos, path: &str, shown: &str, valid: &[&str]) {
        let list = valid.iter().map(|v| q(v)).collect::<Vec<_>>().join(", ");
        self.emit(
            Kind::NotSupported,
            pos,
            path,
            format!("Unsupported value: {shown}: supported values: {list}"),
        );
    }
    fn forbidden(&mut self, pos: Pos, path: &str, detail: &str) {
        self.emit(Kind::Forbidden, pos, path, format!("Forbidden: {detail}"));
    }
    fn duplicate(&mut self, pos: Pos, path: &str, shown: &str) {
        self.emit(
            Kind::Duplicate,
            pos,
            path,
            format!("Duplicate value: {shown}"),
        );
    }
    fn too_long(&mut self, pos: Pos, path: &str, detail: &str) {
        self.emit(Kind::TooLong, pos, path, format!("Too long: {detail}"));
    }
    fn not_found(&mut self, pos: Pos, path: &str, shown: &str) {
        self.emit(Kind::NotFound, pos, path, format!("Not found: {shown}"));
    }
    fn nonnegative(&mut self, n: &Node, key: &str, path: &str) {
        if let Some((v, pos)) = int(n, key)
            && v < 0
        {
            self.invalid(
                pos,
                &child(path, key),
                &v.to_string(),
                "must be greater than or equal to 0",
            );
        }
    }
}

// ---- tree accessors (absent and null read the same; wrong types were reported by the schema) ----

// Paths are built for every field visited (not only for findings), so these avoid `format!`'s
// machinery: one exactly sized allocation each.
fn child(path: &str, name: &str) -> String {
    if path.is_empty() {
        return name.to_string();
    }
    let mut s = String::with_capacity(path.len() + 1 + name.len());
    s.push_str(path);
    s.push('.');
    s.push_str(name);
    s
}
fn idx(path: &str, i: usize) -> String {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = i;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let digits = &digits[at..];
    let mut s = String::with_capacity(path.len() + 2 + digits.len());
    s.push_str(path);
    s.push('[');
    s.extend(digits.iter().map(|&d| d as char));
    s.push(']');
    s
}
fn key(path: &str, k: &str) -> String {
    let mut s = String::with_capacity(path.len() + 2 + k.len());
    s.push_str(path);
    s.push('[');
    s.push_str(k);
    s.push(']');
    s
}

fn get<'a>(n: &'a Node, k: &str) -> Option<&'a Node> {
    n.get(k).filter(|v| !v.is_null())
}
/// A string field: value and position (empty strings included).
fn str_of<'a>(n: &'a Node, k: &str) -> Option<(&'a str, Pos)> {
    get(n, k).and_then(|v| v.as_str().map(|s| (s, v.pos)))
}
/// A string field, or "" when absent (Go's zero value).
fn s<'a>(n: &'a Node, k: &str) -> &'a str {
    str_of(n, k).map_or("", |(s, _)| s)
}
fn int(n: &Node, k: &str) -> Option<(i64, Pos)> {
    get(n, k).and_then(|v| v.as_i64().map(|i| (i, v.pos)))
}
fn flag(n: &Node, k: &str) -> bool {
    get(n, k).and_then(Node::as_bool).unwrap_or(false)
}
fn list<'a>(n: &'a Node, k: &str) -> &'a [Node] {
    get(n, k).map_or(&[], Node::items)
}
fn map_of<'a>(n: &'a Node, k: &str) -> Option<&'a Node> {
    get(n, k).filter(|v| matches!(v.value, Value::Map(_)))
}
fn pos_of(n: &Node, k: &str) -> Pos {
    get(n, k).map_or(n.pos, |v| v.pos)
}
/// String entries of a `map[string]string` (wrongly typed values were reported already).
fn string_map(n: Option<&Node>) -> Vec<(&str, &str, Pos)> {
    n.map(|m| {
        m.entries()
            .iter()
            .map(|(k, v)| (k.name.as_str(), v.as_str().unwrap_or(""), k.pos))
            .collect()
    })
    .unwrap_or_default()
}

/// Go's `%#v` of a `map[string]string` (keys sorted).
fn go_map(m: &[(&str, &str, Pos)]) -> String {
    let mut kv: Vec<(&str, &str)> = m.iter().map(|(k, v, _)| (*k, *v)).collect();
    kv.sort();
    let inner = kv
        .iter()
        .map(|(k, v)| format!("{}:{}", q(k), q(v)))
        .collect::<Vec<_>>()
        .join(", ");
    format!("map[string]string{{{inner}}}")
}

/// The quantity syntax the API server's decoder accepts.
pub fn quantity_ok(s: &str) -> bool {
    let t = s.trim();
    // The syntax part: '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$', then a known suffix.
    !t.is_empty() && crate::model::quantity::parse_milli(t).is_some()
}

fn milli(s: &str) -> Option<i64> {
    crate::model::quantity::parse_milli(s)
}

// ---- entry point ----

/// Validate a DaemonSet (create): ObjectMeta, then the spec.
pub fn daemonset(obj: &Node, sink: &mut Sink) {
    let mut v = V { sink };
    let empty = Node {
        pos: obj.pos,
        value: Value::Map(Vec::new()),
    };
    let meta = map_of(obj, "metadata").unwrap_or(&empty);
    object_meta(&mut v, meta, "metadata", pos_of(obj, "metadata"));
    template_generation(&mut v, meta);
    let spec_pos = pos_of(obj, "spec");
    let spec = map_of(obj, "spec").unwrap_or(&empty);
    daemonset_spec(&mut v, spec, "spec", spec_pos);
}

fn template_generation(v: &mut V, meta: &Node) {
    const ANN: &str = "deprecated.daemonset.template.generation";
    if let Some(ann) = map_of(meta, "annotations")
        && let Some((val, pos)) = str_of(ann, ANN)
        && crate::model::labels::parse_go_int64(val).is_none()
    {
        v.sink.push(
            pos,
            &key("metadata.annotations", ANN),
            Severity::Error,
            super::rule::CONVERSION,
            format!(
                "strconv.ParseInt: parsing {}: invalid syntax (the API server cannot convert this DaemonSet)",
                q(val)
            ),
        );
    }
}

// ---- ObjectMeta (M1–M8) ----

fn object_meta(v: &mut V, meta: &Node, path: &str, pos: Pos) {
    let name = str_of(meta, "name");
    let generate = str_of(meta, "generateName");
    if let Some((g, gpos)) = generate.filter(|(g, _)| !g.is_empty()) {
        // A trailing '-' is allowed in a prefix.
        let masked = match g.strip_suffix('-') {
            Some(rest) if !rest.is_empty() => format!("{rest}a"),
            _ => g.to_string(),
        };
        for m in dns1123_subdomain_errors(&masked) {
            v.invalid(gpos, &child(path, "generateName"), &q(g), &m);
        }
    }
    match name {
        Some((n, npos)) if !n.is_empty() => {
            for m in dns1123_subdomain_errors(n) {
                v.invalid(npos, &child(path, "name"), &q(n), &m);
            }
        }
        _ => {
            if generate.is_none_or(|(g, _)| g.is_empty()) {
                v.required(
                    name.map_or(pos, |(_, p)| p),
                    &child(path, "name"),
                    "name or generateName is required",
                );
            }
        }
    }
    if let Some((ns, npos)) = str_of(meta, "namespace")
        && !ns.is_empty()
    {
        for m in dns1123_label_errors(ns) {
            v.invalid(npos, &child(path, "namespace"), &q(ns), &m);
        }
    }
    v.nonnegative(meta, "generation", path);
    labels(v, get(meta, "labels"), &child(path, "labels"));
    annotations(v, get(meta, "annotations"), &child(path, "annotations"));
    for (i, f) in list(meta, "finalizers").iter().enumerate() {
        if let Some(name) = f.as_str() {
            for m in qualified_name_errors(name) {
                v.invalid(f.pos, &child(path, "finalizers"), &q(name), &m);
            }
            let _ = i;
        }
    }
    for (i, o) in list(meta, "ownerReferences").iter().enumerate() {
        let p = idx(&child(path, "ownerReferences"), i);
        for f in ["apiVersion", "kind", "name", "uid"] {
            if s(o, f).is_empty() {
                v.invalid(
                    pos_of(o, f),
                    &child(&p, f),
                    "\"\"",
                    &format!("{f} must not be empty"),
                );
            }
        }
    }
}

/// `ValidateLabels`: errors on the map's path, without the key.
fn labels(v: &mut V, n: Option<&Node>, path: &str) {
    for (k, val, pos) in string_map(n) {
        for m in qualified_name_errors(k) {
            v.invalid(pos, path, &q(k), &m);
        }
        for m in label_value_errors(val) {
            v.invalid(pos, path, &q(val), &m);
        }
    }
}

fn annotations(v: &mut V, n: Option<&Node>, path: &str) {
    let mut total = 0usize;
    let entries = string_map(n);
    for (k, val, pos) in &entries {
        for m in qualified_name_errors(&k.to_lowercase()) {
            v.invalid(*pos, path, &q(k), &m);
        }
        total += k.len() + val.len();
    }
    if total > 256 * 1024 {
        v.too_long(
            n.map_or(Pos::default(), |n| n.pos),
            path,
            "must have at most 262144 bytes",
        );
    }
}

// ---- label selectors (S1–S7) ----

/// `ValidateLabelSelector`; returns true when the selector converts without error.
fn label_selector(v: &mut V, sel: &Node, path: &str) -> bool {
    let before = v.sink.raw.len();
    for (i, e) in list(sel, "matchExpressions").iter().enumerate() {
        let p = idx(&child(path, "matchExpressions"), i);
        let op = s(e, "operator");
        let values = list(e, "values");
        match op {
            "In" | "NotIn" => {
                if values.is_empty() {
                    v.required(
                        pos_of(e, "values"),
                        &child(&p, "values"),
                        "must be specified when `operator` is 'In' or 'NotIn'",
                    );
                }
            }
            "Exists" | "DoesNotExist" => {
                if !values.is_empty() {
                    v.forbidden(
                        pos_of(e, "values"),
                        &child(&p, "values"),
                        "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                    );
                }
            }
            _ => v.invalid(
                pos_of(e, "operator"),
                &child(&p, "operator"),
                &q(op),
                "not a valid selector operator",
            ),
        }
        let k = s(e, "key");
        for m in qualified_name_errors(k) {
            v.invalid(pos_of(e, "key"), &child(&p, "key"), &q(k), &m);
        }
        for (j, val) in values.iter().enumerate() {
            let sv = val.as_str().unwrap_or("");
            for m in label_value_errors(sv) {
                v.invalid(val.pos, &idx(&child(&p, "values"), j), &q(sv), &m);
            }
        }
    }
    labels(v, get(sel, "matchLabels"), &child(path, "matchLabels"));
    v.sink.raw.len() == before
}

/// Does a (valid) selector match these labels? A missing selector matches nothing.
fn selector_matches(sel: Option<&Node>, labels: &[(&str, &str, Pos)]) -> bool {
    let Some(sel) = sel else { return false };
    let get_label = |k: &str| {
        labels
            .iter()
            .find(|(lk, _, _)| *lk == k)
            .map(|(_, v, _)| *v)
    };
    for (k, val, _) in string_map(get(sel, "matchLabels")) {
        if get_label(k) != Some(val) {
            return false;
        }
    }
    for e in list(sel, "matchExpressions") {
        let k = s(e, "key");
        let vals: Vec<&str> = list(e, "values").iter().filter_map(Node::as_str).collect();
        let have = get_label(k);
        let ok = match s(e, "operator") {
            "In" => have.is_some_and(|h| vals.contains(&h)),
            "NotIn" => have.is_none_or(|h| !vals.contains(&h)),
            "Exists" => have.is_some(),
            "DoesNotExist" => have.is_none(),
            _ => false,
        };
        if !ok {
            return false;
        }
    }
    true
}

// ---- DaemonSetSpec (S6–S9, D1–D11) ----

fn daemonset_spec(v: &mut V, spec: &Node, path: &str, spec_pos: Pos) {
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

fn restart_policy(pod: &Node) -> &str {
    match s(pod, "restartPolicy") {
        "" => "Always",
        other => other,
    }
}

/// An IntOrString value as written: `Ok(int)` or `Err(string)`.
fn int_or_string(n: &Node) -> Option<Result<i64, &str>> {
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

// ---- PodSpec (P1–P19) ----

struct PodCtx<'a> {
    volumes: HashMap<&'a str, &'a Node>,
    host_network: bool,
    grace: i64,
}

fn pod_spec(v: &mut V, pod: &Node, path: &str) {
    let vols = volumes(v, pod, &child(path, "volumes"));
    let grace = int(pod, "terminationGracePeriodSeconds").map_or(30, |(g, _)| g);
    let ctx = PodCtx {
        volumes: vols,
        host_network: flag(pod, "hostNetwork"),
        grace,
    };
    let containers = list(pod, "containers");
    let inits = list(pod, "initContainers");
    let cpath = child(path, "containers");
    let ipath = child(path, "initContainers");
    // Regular containers.
    let mut names: HashSet<&str> = HashSet::new();
    for (i, c) in containers.iter().enumerate() {
        let p = idx(&cpath, i);
        container_common(v, c, &p, &ctx);
        let name = s(c, "name");
        if !names.insert(name) {
            v.duplicate(pos_of(c, "name"), &child(&p, "name"), &q(name));
        }
        lifecycle(v, c, &p, &ctx);
        probe(v, c, "livenessProbe", &p, true);
        probe(v, c, "readinessProbe", &p, false);
        probe(v, c, "startupProbe", &p, true);
        if get(c, "restartPolicy").is_some() {
            v.forbidden(
                pos_of(c, "restartPolicy"),
                &child(&p, "restartPolicy"),
                "may not be set for non-init containers",
            );
        }
    }
    unique_host_ports(v, containers, &cpath);
    if containers.is_empty() {
        v.required(pos_of(pod, "containers"), &cpath, "");
    }
    // Init containers: names unique against regular and each other.
    let mut init_names: HashSet<&str> = HashSet::new();
    for (i, c) in inits.iter().enumerate() {
        let p = idx(&ipath, i);
        let name = s(c, "name");
        if names.contains(name) || !init_names.insert(name) {
            v.duplicate(pos_of(c, "name"), &child(&p, "name"), &q(name));
        }
        container_common(v, c, &p, &ctx);
        let restartable = match str_of(c, "restartPolicy") {
            None => false,
            Some(("Always", _)) => true,
            Some((other, pos)) => {
                v.not_supported(pos, &child(&p, "restartPolicy"), &q(other), &["Always"]);
                false
            }
        };
        if restartable {
            lifecycle(v, c, &p, &ctx);
            probe(v, c, "livenessProbe", &p, true);
            probe(v, c, "readinessProbe", &p, false);
            probe(v, c, "startupProbe", &p, true);
        } else {
            for f in [
                "lifecycle",
                "livenessProbe",
                "readinessProbe",
                "startupProbe",
            ] {
                if let Some(n) = get(c, f) {
                    v.forbidden(
                        n.pos,
                        &child(&p, f),
                        "may not be set for init containers without restartPolicy=Always",
                    );
                }
            }
        }
    }
    unique_host_ports(v, inits, &ipath);
    // hostNetwork: a non-zero hostPort must equal containerPort.
    if ctx.host_network {
        for (list_path, cs) in [(&cpath, containers), (&ipath, inits)] {
            for (i, c) in cs.iter().enumerate() {
                for (j, port) in list(c, "ports").iter().enumerate() {
                    let cp = int(port, "containerPort").map_or(0, |(x, _)| x);
                    if let Some((hp, hpos)) = int(port, "hostPort")
                        && hp != 0
                        && hp != cp
                    {
                        v.invalid(
                            hpos,
                            &child(&idx(&child(&idx(list_path, i), "ports"), j), "hostPort"),
                            &hp.to_string(),
                            "must match `containerPort` when `hostNetwork` is true",
                        );
                    }
                }
            }
        }
    }
    // restartPolicy (P16)
    let rp = restart_policy(pod);
    if !matches!(rp, "Always" | "OnFailure" | "Never") {
        v.not_supported(
            pos_of(pod, "restartPolicy"),
            &child(path, "restartPolicy"),
            &q(rp),
            &["Always", "OnFailure", "Never"],
        );
    }
    // dnsPolicy (defaulted to ClusterFirst)
    let dns = match s(pod, "dnsPolicy") {
        "" => "ClusterFirst",
        d => d,
    };
    if !matches!(
        dns,
        "ClusterFirst" | "ClusterFirstWithHostNet" | "Default" | "None"
    ) {
        v.not_supported(
            pos_of(pod, "dnsPolicy"),
            &child(path, "dnsPolicy"),
            &q(dns),
            &["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"],
        );
    }
    labels(v, get(pod, "nodeSelector"), &child(path, "nodeSelector"));
    pod_security_context(v, pod, path);
    if let Some(aff) = map_of(pod, "affinity") {
        affinity(v, aff, &child(path, "affinity"));
    }
    dns_config(v, pod, dns, path);
    for (i, g) in list(pod, "readinessGates").iter().enumerate() {
        let ct = s(g, "conditionType");
        for m in qualified_name_errors(ct) {
            v.invalid(
                pos_of(g, "conditionType"),
                &child(&idx(&child(path, "readinessGates"), i), "conditionType"),
                &q(ct),
                &m,
            );
        }
    }
    topology_spread(v, pod, path);
    host_users(v, pod, path);
    for (f, check) in [
        (
            "serviceAccountName",
            dns1123_subdomain_errors as fn(&str) -> Vec<String>,
        ),
        ("nodeName", dns1123_subdomain_errors),
        ("hostname", dns1123_label_errors),
        ("subdomain", dns1123_label_errors),
        ("priorityClassName", dns1123_subdomain_errors),
        ("runtimeClassName", dns1123_subdomain_errors),
    ] {
        if let Some((val, pos)) = str_of(pod, f)
            && !val.is_empty()
        {
            for m in check(val) {
                v.invalid(pos, &child(path, f), &q(val), &m);
            }
        }
    }
    if let Some((ads, pos)) = int(pod, "activeDeadlineSeconds")
        && !(1..=i64::from(i32::MAX)).contains(&ads)
    {
        v.invalid(
            pos,
            &child(path, "activeDeadlineSeconds"),
            &ads.to_string(),
            "must be between 1 and 2147483647, inclusive",
        );
    }
    tolerations(v, pod, path);
    for (i, h) in list(pod, "hostAliases").iter().enumerate() {
        let p = idx(&child(path, "hostAliases"), i);
        let ip = s(h, "ip");
        if ip.parse::<std::net::IpAddr>().is_err() {
            v.invalid(
                pos_of(h, "ip"),
                &child(&p, "ip"),
                &q(ip),
                "must be valid IP address",
            );
        }
        for (j, hn) in list(h, "hostnames").iter().enumerate() {
            let name = hn.as_str().unwrap_or("");
            for m in dns1123_subdomain_errors(name) {
                v.invalid(hn.pos, &idx(&child(&p, "hostnames"), j), &q(name), &m);
            }
        }
    }
    if let Some((pp, pos)) = str_of(pod, "preemptionPolicy")
        && !matches!(pp, "PreemptLowerPriority" | "Never")
    {
        v.not_supported(
            pos,
            &child(path, "preemptionPolicy"),
            &q(pp),
            &["Never", "PreemptLowerPriority"],
        );
    }
    if let Some(os) = map_of(pod, "os")
        && s(os, "name").is_empty()
    {
        v.required(pos_of(os, "name"), &child(path, "os.name"), "");
    }
}

fn volumes<'a>(v: &mut V, pod: &'a Node, path: &str) -> HashMap<&'a str, &'a Node> {
    const SOURCES: &[&str] = &[
        "awsElasticBlockStore",
        "azureDisk",
        "azureFile",
        "cephfs",
        "cinder",
        "configMap",
        "csi",
        "downwardAPI",
        "emptyDir",
        "ephemeral",
        "fc",
        "flexVolume",
        "flocker",
        "gcePersistentDisk",
        "gitRepo",
        "glusterfs",
        "hostPath",
        "image",
        "iscsi",
        "nfs",
        "persistentVolumeClaim",
        "photonPersistentDisk",
        "portworxVolume",
        "projected",
        "quobyte",
        "rbd",
        "scaleIO",
        "secret",
        "storageos",
        "vsphereVolume",
    ];
    let mut out = HashMap::new();
    for (i, vol) in list(pod, "volumes").iter().enumerate() {
        let p = idx(path, i);
        // Sources in the order the volume lists them; a volume with none defaults to emptyDir.
        let mut n_sources = 0;
        for (k, src) in vol.entries() {
            if !SOURCES.contains(&k.name.as_str()) || src.is_null() {
                continue;
            }
            n_sources += 1;
            if n_sources > 1 {
                v.forbidden(
                    k.pos,
                    &child(&p, &k.name),
                    "may not specify more than 1 volume type",
                );
                continue;
            }
            volume_source(v, &k.name, src, &child(&p, &k.name));
        }
        let name = s(vol, "name");
        let npath = child(&p, "name");
        if name.is_empty() {
            v.required(pos_of(vol, "name"), &npath, "");
        } else {
            for m in dns1123_label_errors(name) {
                v.invalid(pos_of(vol, "name"), &npath, &q(name), &m);
            }
        }
        if out.contains_key(name) {
            v.duplicate(pos_of(vol, "name"), &npath, &q(name));
        } else {
            out.insert(name, vol);
        }
    }
    out
}

const FILE_MODE_MSG: &str = "must be a number between 0 and 0777 (octal), both inclusive";

fn file_mode(v: &mut V, n: &Node, k: &str, path: &str) {
    if let Some((m, pos)) = int(n, k)
        && !(0..=0o777).contains(&m)
    {
        v.invalid(pos, &child(path, k), &m.to_string(), FILE_MODE_MSG);
    }
}

/// `validateLocalNonReservedPath` / `validateLocalDescendingPath`.
fn local_path(v: &mut V, p: &str, pos: Pos, path: &str, non_reserved: bool) {
    if p.starts_with('/') {
        v.invalid(pos, path, &q(p), "must be a relative path");
    }
    if p.split(['/', '\\']).any(|seg| seg == "..") {
        v.invalid(pos, path, &q(p), "must not contain '..'");
    }
    if non_reserved && p.starts_with("..") {
        v.invalid(pos, path, &q(p), "must not start with '..'");
    }
}

fn key_to_paths(v: &mut V, src: &Node, path: &str) {
    for (i, it) in list(src, "items").iter().enumerate() {
        let p = idx(&child(path, "items"), i);
        if s(it, "key").is_empty() {
            v.required(pos_of(it, "key"), &child(&p, "key"), "");
        }
        let ip = s(it, "path");
        if ip.is_empty() {
            v.required(pos_of(it, "path"), &child(&p, "path"), "");
        } else {
            local_path(v, ip, pos_of(it, "path"), &child(&p, "path"), true);
        }
        file_mode(v, it, "mode", &p);
    }
}

fn volume_source(v: &mut V, kind: &str, src: &Node, path: &str) {
    match kind {
        "hostPath" => {
            let hp = s(src, "path");
            if hp.is_empty() {
                v.required(pos_of(src, "path"), &child(path, "path"), "");
            } else if hp.split('/').any(|seg| seg == "..") {
                v.invalid(
                    pos_of(src, "path"),
                    &child(path, "path"),
                    &q(hp),
                    "must not contain '..'",
                );
            }
            if let Some((t, pos)) = str_of(src, "type") {
                const TYPES: &[&str] = &[
                    "",
                    "BlockDevice",
                    "CharDevice",
                    "Directory",
                    "DirectoryOrCreate",
                    "File",
                    "FileOrCreate",
                    "Socket",
                ];
                if !TYPES.contains(&t) {
                    v.not_supported(pos, &child(path, "type"), &q(t), TYPES);
                }
            }
        }
        "secret" => {
            if s(src, "secretName").is_empty() {
                v.required(pos_of(src, "secretName"), &child(path, "secretName"), "");
            }
            file_mode(v, src, "defaultMode", path);
            key_to_paths(v, src, path);
        }
        "configMap" => {
            if s(src, "name").is_empty() {
                v.required(pos_of(src, "name"), &child(path, "name"), "");
            }
            file_mode(v, src, "defaultMode", path);
            key_to_paths(v, src, path);
        }
        "persistentVolumeClaim" if s(src, "claimName").is_empty() => {
            v.required(pos_of(src, "claimName"), &child(path, "claimName"), "");
        }
        "projected" => {
            file_mode(v, src, "defaultMode", path);
            for (i, ps) in list(src, "sources").iter().enumerate() {
                let p = idx(&child(path, "sources"), i);
                if let Some(t) = map_of(ps, "serviceAccountToken") {
                    let tp = child(&p, "serviceAccountToken");
                    let tpath = s(t, "path");
                    if tpath.is_empty() {
                        v.required(pos_of(t, "path"), &child(&tp, "path"), "");
                    }
                    if let Some((e, pos)) = int(t, "expirationSeconds") {
                        if e < 600 {
                            v.invalid(
                                pos,
                                &child(&tp, "expirationSeconds"),
                                &e.to_string(),
                                "may not specify a duration less than 10 minutes",
                            );
                        } else if e > 1 << 32 {
                            v.invalid(
                                pos,
                                &child(&tp, "expirationSeconds"),
                                &e.to_string(),
                                "may not specify a duration larger than 2^32 seconds",
                            );
                        }
                    }
                }
                for kind in ["secret", "configMap"] {
                    if let Some(src) = map_of(ps, kind) {
                        key_to_paths(v, src, &child(&p, kind));
                    }
                }
            }
        }
        "downwardAPI" => {
            file_mode(v, src, "defaultMode", path);
            for (i, it) in list(src, "items").iter().enumerate() {
                let p = idx(&child(path, "items"), i);
                let ip = s(it, "path");
                if ip.is_empty() {
                    v.required(pos_of(it, "path"), &child(&p, "path"), "");
                } else {
                    local_path(v, ip, pos_of(it, "path"), &child(&p, "path"), true);
                }
                file_mode(v, it, "mode", &p);
            }
        }
        "csi" if s(src, "driver").is_empty() => {
            v.required(pos_of(src, "driver"), &child(path, "driver"), "");
        }
        "nfs" => {
            if s(src, "server").is_empty() {
                v.required(pos_of(src, "server"), &child(path, "server"), "");
            }
            let np = s(src, "path");
            if np.is_empty() {
                v.required(pos_of(src, "path"), &child(path, "path"), "");
            } else if !np.starts_with('/') {
                v.invalid(
                    pos_of(src, "path"),
                    &child(path, "path"),
                    &q(np),
                    "must be an absolute path",
                );
            }
        }
        _ => {}
    }
}

fn container_common(v: &mut V, c: &Node, p: &str, ctx: &PodCtx) {
    let name = s(c, "name");
    if name.is_empty() {
        v.required(pos_of(c, "name"), &child(p, "name"), "");
    } else {
        for m in dns1123_label_message(name) {
            v.invalid(pos_of(c, "name"), &child(p, "name"), &q(name), &m);
        }
    }
    if s(c, "image").is_empty() {
        v.required(pos_of(c, "image"), &child(p, "image"), "");
    }
    if let Some((tmp, pos)) = str_of(c, "terminationMessagePolicy")
        && !tmp.is_empty()
        && !matches!(tmp, "File" | "FallbackToLogsOnError")
    {
        v.not_supported(
            pos,
            &child(p, "terminationMessagePolicy"),
            &q(tmp),
            &["File", "FallbackToLogsOnError"],
        );
    }
    ports(v, c, &child(p, "ports"));
    env(v, c, &child(p, "env"));
    env_from(v, c, &child(p, "envFrom"));
    volume_mounts(v, c, &child(p, "volumeMounts"), ctx);
    if let Some((pp, pos)) = str_of(c, "imagePullPolicy")
        && !pp.is_empty()
        && !matches!(pp, "Always" | "IfNotPresent" | "Never")
    {
        v.not_supported(
            pos,
            &child(p, "imagePullPolicy"),
            &q(pp),
            &["Always", "IfNotPresent", "Never"],
        );
    }
    if let Some(r) = map_of(c, "resources") {
        resources(v, r, &child(p, "resources"));
    }
    for (i, rp) in list(c, "resizePolicy").iter().enumerate() {
        let pp = idx(&child(p, "resizePolicy"), i);
        let rn = s(rp, "resourceName");
        if !matches!(rn, "cpu" | "memory") {
            v.not_supported(
                pos_of(rp, "resourceName"),
                &child(&pp, "resourceName"),
                &q(rn),
                &["cpu", "memory"],
            );
        }
        let pol = s(rp, "restartPolicy");
        if !matches!(pol, "NotRequired" | "RestartContainer") {
            v.not_supported(
                pos_of(rp, "restartPolicy"),
                &child(&pp, "restartPolicy"),
                &q(pol),
                &["NotRequired", "RestartContainer"],
            );
        }
    }
    if let Some(sc) = map_of(c, "securityContext") {
        container_security_context(v, sc, &child(p, "securityContext"));
    }
}

/// Container names: an RFC 1123 label; a valid subdomain with dots gets "must not contain dots".
fn dns1123_label_message(name: &str) -> Vec<String> {
    let errs = dns1123_label_errors(name);
    if errs.is_empty() {
        return errs;
    }
    if name.contains('.') && dns1123_subdomain_errors(name).is_empty() {
        let mut out: Vec<String> = errs
            .into_iter()
            .filter(|e| e.starts_with("must be no more than"))
            .collect();
        out.push("must not contain dots".to_string());
        return out;
    }
    errs
}

/// `IsValidPortName` messages.
fn port_name_errors(name: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if name.len() > 15 {
        errs.push("must be no more than 15 characters".to_string());
    }
    if !name
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        || name.is_empty()
    {
        errs.push(
            "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)".to_string(),
        );
    } else if !name.bytes().any(|b| b.is_ascii_lowercase()) {
        errs.push("must contain at least one letter (a-z)".to_string());
    }
    if name.contains("--") {
        errs.push("must not contain consecutive hyphens (-)".to_string());
    }
    if name.starts_with('-') || name.ends_with('-') {
        errs.push("must not begin or end with a hyphen (-)".to_string());
    }
    errs
}

const PORT_RANGE: &str = "must be between 1 and 65535, inclusive";

fn ports(v: &mut V, c: &Node, path: &str) {
    let mut names: HashSet<&str> = HashSet::new();
    for (i, port) in list(c, "ports").iter().enumerate() {
        let p = idx(path, i);
        if let Some((name, pos)) = str_of(port, "name")
            && !name.is_empty()
        {
            let errs = port_name_errors(name);
            if !errs.is_empty() {
                for m in errs {
                    v.invalid(pos, &child(&p, "name"), &q(name), &m);
                }
            } else if !names.insert(name) {
                v.duplicate(pos, &child(&p, "name"), &q(name));
            }
        }
        match int(port, "containerPort") {
            None | Some((0, _)) => v.required(
                pos_of(port, "containerPort"),
                &child(&p, "containerPort"),
                "",
            ),
            Some((cp, pos)) => {
                if !(1..=65535).contains(&cp) {
                    v.invalid(
                        pos,
                        &child(&p, "containerPort"),
                        &cp.to_string(),
                        PORT_RANGE,
                    );
                }
            }
        }
        if let Some((hp, pos)) = int(port, "hostPort")
            && hp != 0
            && !(1..=65535).contains(&hp)
        {
            v.invalid(pos, &child(&p, "hostPort"), &hp.to_string(), PORT_RANGE);
        }
        if let Some((proto, pos)) = str_of(port, "protocol")
            && !proto.is_empty()
            && !matches!(proto, "TCP" | "UDP" | "SCTP")
        {
            v.not_supported(
                pos,
                &child(&p, "protocol"),
                &q(proto),
                &["SCTP", "TCP", "UDP"],
            );
        }
    }
}

/// Host ports must be unique (per protocol and host IP) across a container list. Pod templates
/// do not default hostPort from containerPort under hostNetwork (since Kubernetes 1.28), so only
/// written host ports count.
fn unique_host_ports(v: &mut V, containers: &[Node], path: &str) {
    let mut seen: HashSet<String> = HashSet::new();
    for (i, c) in containers.iter().enumerate() {
        for (j, port) in list(c, "ports").iter().enumerate() {
            let hp = int(port, "hostPort").map_or(0, |(x, _)| x);
            if hp == 0 {
                continue;
            }
            let proto = match s(port, "protocol") {
                "" => "TCP",
                p => p,
            };
            let k = format!("{proto}/{}/{hp}", s(port, "hostIP"));
            if !seen.insert(k.clone()) {
                v.duplicate(
                    pos_of(port, "hostPort"),
                    &child(&idx(&child(&idx(path, i), "ports"), j), "hostPort"),
                    &q(&k),
                );
            }
        }
    }
}

fn env_name_errors(name: &str) -> Vec<String> {
    if name.bytes().all(|b| (32..=126).contains(&b) && b != b'=') {
        Vec::new()
    } else {
        vec!["a valid environment variable name must consist only of printable ASCII characters other than '='".to_string()]
    }
}

fn config_map_key_errors(k: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if k.len() > 253 {
        errs.push("must be no more than 253 bytes".to_string());
    }
    if !k
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    {
        errs.push("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')".to_string());
    }
    if k == "." {
        errs.push("must not be '.'".to_string());
    } else if k == ".." {
        errs.push("must not be '..'".to_string());
    } else if k.starts_with("..") {
        errs.push("must not start with '..'".to_string());
    }
    errs
}

fn key_selector(v: &mut V, sel: &Node, path: &str) {
    let name = s(sel, "name");
    for m in dns1123_subdomain_errors(name) {
        v.invalid(pos_of(sel, "name"), &child(path, "name"), &q(name), &m);
    }
    let k = s(sel, "key");
    if k.is_empty() {
        v.required(pos_of(sel, "key"), &child(path, "key"), "");
    } else {
        for m in config_map_key_errors(k) {
            v.invalid(pos_of(sel, "key"), &child(path, "key"), &q(k), &m);
        }
    }
}

const ENV_FIELD_PATHS: &[&str] = &[
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.serviceAccountName",
    "status.hostIP",
    "status.hostIPs",
    "status.podIP",
    "status.podIPs",
];
/// Field labels the downward API converts at all (others fail conversion).
const CONVERTIBLE_FIELD_PATHS: &[&str] = &[
    "metadata.annotations",
    "metadata.labels",
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.restartPolicy",
    "spec.serviceAccountName",
    "spec.schedulerName",
    "status.phase",
    "status.hostIP",
    "status.hostIPs",
    "status.podIP",
    "status.podIPs",
];

fn env(v: &mut V, c: &Node, path: &str) {
    for (i, e) in list(c, "env").iter().enumerate() {
        let p = idx(path, i);
        let name = s(e, "name");
        if name.is_empty() {
            v.required(pos_of(e, "name"), &child(&p, "name"), "");
        } else {
            for m in env_name_errors(name) {
                v.invalid(pos_of(e, "name"), &child(&p, "name"), &q(name), &m);
            }
        }
        let Some(vf) = map_of(e, "valueFrom") else {
            continue;
        };
        let vpath = child(&p, "valueFrom");
        let mut n = 0;
        if let Some(fr) = map_of(vf, "fieldRef") {
            n += 1;
            let fpath = child(&vpath, "fieldRef");
            let api = match s(fr, "apiVersion") {
                "" => "v1",
                a => a,
            };
            let fp = s(fr, "fieldPath");
            let pos = pos_of(fr, "fieldPath");
            if fp.is_empty() {
                v.required(pos, &child(&fpath, "fieldPath"), "");
            } else if api != "v1" {
                v.invalid(
                    pos,
                    &child(&fpath, "fieldPath"),
                    &q(fp),
                    &format!("error converting fieldPath: unsupported pod version: {api}"),
                );
            } else if let Some((base, sub)) = split_subscript(fp) {
                match base {
                    "metadata.annotations" => {
                        for m in qualified_name_errors(&sub.to_lowercase()) {
                            v.invalid(pos, &child(&fpath, "fieldPath"), &q(sub), &m);
                        }
                    }
                    "metadata.labels" => {
                        for m in qualified_name_errors(sub) {
                            v.invalid(pos, &child(&fpath, "fieldPath"), &q(sub), &m);
                        }
                    }
                    _ => v.invalid(
                        pos,
                        &child(&fpath, "fieldPath"),
                        &q(base),
                        "does not support subscript",
                    ),
                }
            } else if !CONVERTIBLE_FIELD_PATHS.contains(&fp) {
                v.invalid(
                    pos,
                    &child(&fpath, "fieldPath"),
                    &q(fp),
                    &format!("error converting fieldPath: field label not supported: {fp}"),
                );
            } else if !ENV_FIELD_PATHS.contains(&fp) {
                v.not_supported(pos, &child(&fpath, "fieldPath"), &q(fp), ENV_FIELD_PATHS);
            }
        }
        if let Some(rf) = map_of(vf, "resourceFieldRef") {
            n += 1;
            let rpath = child(&vpath, "resourceFieldRef");
            let res = s(rf, "resource");
            const RES: &[&str] = &[
                "limits.cpu",
                "limits.ephemeral-storage",
                "limits.memory",
                "requests.cpu",
                "requests.ephemeral-storage",
                "requests.memory",
            ];
            if res.is_empty() {
                v.required(pos_of(rf, "resource"), &child(&rpath, "resource"), "");
            } else if !RES.contains(&res)
                && !res.starts_with("limits.hugepages-")
                && !res.starts_with("requests.hugepages-")
            {
                v.not_supported(
                    pos_of(rf, "resource"),
                    &child(&rpath, "resource"),
                    &q(res),
                    RES,
                );
            }
        }
        for k in ["configMapKeyRef", "secretKeyRef"] {
            if let Some(sel) = map_of(vf, k) {
                n += 1;
                key_selector(v, sel, &child(&vpath, k));
            }
        }
        if map_of(vf, "fileKeyRef").is_some() {
            n += 1;
        }
        if n == 0 {
            v.invalid(
                vf.pos,
                &vpath,
                "\"\"",
                "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`",
            );
        } else if !s(e, "value").is_empty() {
            v.invalid(
                vf.pos,
                &vpath,
                "\"\"",
                "may not be specified when `value` is not empty",
            );
        } else if n > 1 {
            v.invalid(
                vf.pos,
                &vpath,
                "\"\"",
                "may not have more than one field specified at a time",
            );
        }
    }
}

/// `metadata.labels['key']` → (`metadata.labels`, `key`).
fn split_subscript(fp: &str) -> Option<(&str, &str)> {
    let open = fp.find("['")?;
    let rest = fp[open + 2..].strip_suffix("']")?;
    Some((&fp[..open], rest))
}

fn env_from(v: &mut V, c: &Node, path: &str) {
    for (i, e) in list(c, "envFrom").iter().enumerate() {
        let p = idx(path, i);
        if let Some((prefix, pos)) = str_of(e, "prefix")
            && !prefix.is_empty()
        {
            for m in env_name_errors(prefix) {
                v.invalid(pos, &child(&p, "prefix"), &q(prefix), &m);
            }
        }
        let mut n = 0;
        for k in ["configMapRef", "secretRef"] {
            if let Some(r) = map_of(e, k) {
                n += 1;
                let name = s(r, "name");
                for m in dns1123_subdomain_errors(name) {
                    v.invalid(
                        pos_of(r, "name"),
                        &child(&child(&p, k), "name"),
                        &q(name),
                        &m,
                    );
                }
            }
        }
        if n == 0 {
            v.invalid(
                e.pos,
                &p,
                "\"\"",
                "must specify one of: `configMapRef` or `secretRef`",
            );
        } else if n > 1 {
            v.invalid(
                e.pos,
                &p,
                "\"\"",
                "may not have more than one field specified at a time",
            );
        }
    }
}

fn volume_mounts(v: &mut V, c: &Node, path: &str, ctx: &PodCtx) {
    let privileged = map_of(c, "securityContext").is_some_and(|sc| flag(sc, "privileged"));
    let mut mount_points: HashSet<&str> = HashSet::new();
    for (i, m) in list(c, "volumeMounts").iter().enumerate() {
        let p = idx(path, i);
        let name = s(m, "name");
        if name.is_empty() {
            v.required(pos_of(m, "name"), &child(&p, "name"), "");
        }
        if !ctx.volumes.contains_key(name) {
            v.not_found(pos_of(m, "name"), &child(&p, "name"), &q(name));
        }
        let mp = s(m, "mountPath");
        if mp.is_empty() {
            v.required(pos_of(m, "mountPath"), &child(&p, "mountPath"), "");
        }
        if !mount_points.insert(mp) {
            v.invalid(
                pos_of(m, "mountPath"),
                &child(&p, "mountPath"),
                &q(mp),
                "must be unique",
            );
        }
        let sub = s(m, "subPath");
        if !sub.is_empty() {
            local_path(v, sub, pos_of(m, "subPath"), &child(&p, "subPath"), false);
        }
        let expr = s(m, "subPathExpr");
        if !expr.is_empty() {
            if !sub.is_empty() {
                v.invalid(
                    pos_of(m, "subPathExpr"),
                    &child(&p, "subPathExpr"),
                    &q(expr),
                    "subPathExpr and subPath are mutually exclusive",
                );
            }
            local_path(
                v,
                expr,
                pos_of(m, "subPathExpr"),
                &child(&p, "subPathExpr"),
                false,
            );
        }
        if let Some((prop, pos)) = str_of(m, "mountPropagation") {
            match prop {
                "None" | "HostToContainer" => {}
                "Bidirectional" => {
                    if !privileged {
                        v.forbidden(
                            pos,
                            &child(&p, "mountPropagation"),
                            "Bidirectional mount propagation is available only to privileged containers",
                        );
                    }
                }
                other => v.not_supported(
                    pos,
                    &child(&p, "mountPropagation"),
                    &q(other),
                    &["Bidirectional", "HostToContainer", "None"],
                ),
            }
        }
        if let Some((rro, pos)) = str_of(m, "recursiveReadOnly") {
            match rro {
                "Disabled" => {}
                "IfPossible" | "Enabled" => {
                    if !flag(m, "readOnly") {
                        v.forbidden(
                            pos,
                            &child(&p, "recursiveReadOnly"),
                            "may only be specified when readOnly is true",
                        );
                    }
                }
                other => v.not_supported(
                    pos,
                    &child(&p, "recursiveReadOnly"),
                    &q(other),
                    &["Disabled", "Enabled", "IfPossible"],
                ),
            }
        }
    }
}

fn is_native(res: &str) -> bool {
    !res.contains('/') || res.contains("kubernetes.io/")
}
fn overcommit_allowed(res: &str) -> bool {
    is_native(res) && !res.starts_with("hugepages-")
}

fn resource_name(v: &mut V, res: &str, pos: Pos, path: &str) {
    for m in qualified_name_errors(res) {
        v.invalid(pos, path, &q(res), &m);
    }
    if !res.contains('/') {
        if !matches!(res, "cpu" | "memory" | "ephemeral-storage") && !res.starts_with("hugepages-")
        {
            v.invalid(
                pos,
                path,
                &q(res),
                "must be a standard resource for containers",
            );
        }
    } else if !is_native(res)
        && (res.starts_with("requests.")
            || !qualified_name_errors(&format!("requests.{res}")).is_empty())
    {
        v.invalid(
            pos,
            path,
            &q(res),
            "doesn't follow extended resource name standard",
        );
    }
}

fn resources(v: &mut V, r: &Node, path: &str) {
    let lpath = child(path, "limits");
    let rpath = child(path, "requests");
    let limits: Vec<(&str, &Node, Pos)> = map_of(r, "limits")
        .map(|m| {
            m.entries()
                .iter()
                .map(|(k, n)| (k.name.as_str(), n, k.pos))
                .collect()
        })
        .unwrap_or_default();
    let requests: Vec<(&str, &Node, Pos)> = map_of(r, "requests")
        .map(|m| {
            m.entries()
                .iter()
                .map(|(k, n)| (k.name.as_str(), n, k.pos))
                .collect()
        })
        .unwrap_or_default();
    let qty = |n: &Node| -> Option<(String, i64)> {
        let text = match &n.value {
            Value::Str(s) => s.clone(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => f.to_string(),
            _ => return None,
        };
        let m = milli(&text)?;
        Some((text, m))
    };
    for (res, n, pos) in &limits {
        let p = key(&lpath, res);
        resource_name(v, res, *pos, &p);
        if let Some((text, m)) = qty(n) {
            if m < 0 {
                v.invalid(n.pos, &p, &q(&text), "must be greater than or equal to 0");
            }
            if !is_native(res) && m % 1000 != 0 {
                v.invalid(n.pos, &p, &q(&text), "must be an integer");
            }
        }
    }
    for (res, n, pos) in &requests {
        let p = key(&rpath, res);
        resource_name(v, res, *pos, &p);
        let Some((text, m)) = qty(n) else { continue };
        if m < 0 {
            v.invalid(n.pos, &p, &q(&text), "must be greater than or equal to 0");
        }
        if !is_native(res) && m % 1000 != 0 {
            v.invalid(n.pos, &p, &q(&text), "must be an integer");
        }
        match limits
            .iter()
            .find(|(l, _, _)| l == res)
            .and_then(|(_, ln, _)| qty(ln))
        {
            Some((ltext, lm)) => {
                if m != lm && !overcommit_allowed(res) {
                    v.invalid(
                        n.pos,
                        &rpath,
                        &q(&text),
                        &format!("must be equal to {res} limit of {ltext}"),
                    );
                } else if m > lm {
                    v.invalid(
                        n.pos,
                        &rpath,
                        &q(&text),
                        &format!("must be less than or equal to {res} limit of {ltext}"),
                    );
                }
            }
            None => {
                if !overcommit_allowed(res) && !limits.iter().any(|(l, _, _)| l == res) {
                    v.required(
                        pos_of(r, "limits"),
                        &lpath,
                        "Limit must be set for non overcommitable resources",
                    );
                }
            }
        }
    }
}

const ID_RANGE: &str = "must be between 0 and 2147483647, inclusive";

fn ids(v: &mut V, sc: &Node, path: &str, keys: &[&str]) {
    for k in keys {
        if let Some((id, pos)) = int(sc, k)
            && !(0..=i64::from(i32::MAX)).contains(&id)
        {
            v.invalid(pos, &child(path, k), &id.to_string(), ID_RANGE);
        }
    }
}

fn seccomp(v: &mut V, sc: &Node, path: &str) {
    let Some(sp) = map_of(sc, "seccompProfile") else {
        return;
    };
    let p = child(path, "seccompProfile");
    let t = s(sp, "type");
    let lp = str_of(sp, "localhostProfile");
    match t {
        "Localhost" => {
            if lp.is_none() {
                v.required(
                    pos_of(sp, "localhostProfile"),
                    &child(&p, "localhostProfile"),
                    "must be set when seccomp type is Localhost",
                );
            }
        }
        "RuntimeDefault" | "Unconfined" => {
            if let Some((l, pos)) = lp {
                v.invalid(
                    pos,
                    &child(&p, "localhostProfile"),
                    &q(l),
                    "can only be set when seccomp type is Localhost",
                );
            }
        }
        "" => v.required(pos_of(sp, "type"), &child(&p, "type"), ""),
        other => v.not_supported(
            pos_of(sp, "type"),
            &child(&p, "type"),
            &q(other),
            &["Localhost", "RuntimeDefault", "Unconfined"],
        ),
    }
}

fn pod_security_context(v: &mut V, pod: &Node, path: &str) {
    let Some(sc) = map_of(pod, "securityContext") else {
        return;
    };
    let p = child(path, "securityContext");
    ids(v, sc, &p, &["fsGroup", "runAsUser", "runAsGroup"]);
    for (i, g) in list(sc, "supplementalGroups").iter().enumerate() {
        if let Some(id) = g.as_i64()
            && !(0..=i64::from(i32::MAX)).contains(&id)
        {
            v.invalid(
                g.pos,
                &idx(&child(&p, "supplementalGroups"), i),
                &id.to_string(),
                ID_RANGE,
            );
        }
    }
    if flag(pod, "shareProcessNamespace") && flag(pod, "hostPID") {
        v.invalid(
            pos_of(pod, "shareProcessNamespace"),
            &child(&p, "shareProcessNamespace"),
            "true",
            "ShareProcessNamespace and HostPID cannot both be enabled",
        );
    }
    if let Some((pol, pos)) = str_of(sc, "fsGroupChangePolicy")
        && !matches!(pol, "OnRootMismatch" | "Always")
    {
        v.not_supported(
            pos,
            &child(&p, "fsGroupChangePolicy"),
            &q(pol),
            &["Always", "OnRootMismatch"],
        );
    }
    for (i, sy) in list(sc, "sysctls").iter().enumerate() {
        if s(sy, "name").is_empty() {
            v.required(
                pos_of(sy, "name"),
                &child(&idx(&child(&p, "sysctls"), i), "name"),
                "",
            );
        }
    }
    seccomp(v, sc, &p);
}

fn container_security_context(v: &mut V, sc: &Node, path: &str) {
    ids(v, sc, path, &["runAsUser", "runAsGroup"]);
    if let Some((pm, pos)) = str_of(sc, "procMount")
        && !matches!(pm, "Default" | "Unmasked")
    {
        v.not_supported(
            pos,
            &child(path, "procMount"),
            &q(pm),
            &["Default", "Unmasked"],
        );
    }
    seccomp(v, sc, path);
    if get(sc, "allowPrivilegeEscalation").and_then(Node::as_bool) == Some(false) {
        if flag(sc, "privileged") {
            v.invalid(
                sc.pos,
                path,
                "&SecurityContext{...}",
                "cannot set `allowPrivilegeEscalation` to false and `privileged` to true",
            );
        }
        let adds_sys_admin = map_of(sc, "capabilities").is_some_and(|c| {
            list(c, "add")
                .iter()
                .any(|a| a.as_str() == Some("CAP_SYS_ADMIN"))
        });
        if adds_sys_admin {
            v.invalid(
                sc.pos,
                path,
                "&SecurityContext{...}",
                "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN",
            );
        }
    }
}

/// `validatePortNumOrName`.
fn port_num_or_name(v: &mut V, n: &Node, k: &str, path: &str) {
    let p = child(path, k);
    match get(n, k).and_then(int_or_string) {
        None => v.invalid(pos_of(n, k), &p, "0", PORT_RANGE),
        Some(Ok(i)) => {
            if !(1..=65535).contains(&i) {
                v.invalid(pos_of(n, k), &p, &i.to_string(), PORT_RANGE);
            }
        }
        Some(Err(name)) => {
            for m in port_name_errors(name) {
                v.invalid(pos_of(n, k), &p, &q(name), &m);
            }
        }
    }
}

/// One handler (probe or lifecycle hook). `sleep_ok` for lifecycle hooks.
fn handler(v: &mut V, h: &Node, path: &str, lifecycle: bool, grace: i64) {
    let kinds: &[&str] = if lifecycle {
        &["exec", "httpGet", "tcpSocket", "sleep"]
    } else {
        &["exec", "httpGet", "tcpSocket", "grpc"]
    };
    let mut n = 0;
    for (k, val) in h.entries() {
        if !kinds.contains(&k.name.as_str()) || val.is_null() {
            continue;
        }
        n += 1;
        let p = child(path, &k.name);
        if n > 1 {
            v.forbidden(k.pos, &p, "may not specify more than 1 handler type");
            continue;
        }
        match k.name.as_str() {
            "exec" if list(val, "command").is_empty() => {
                v.required(pos_of(val, "command"), &child(&p, "command"), "");
            }
            "httpGet" => {
                port_num_or_name(v, val, "port", &p);
                if let Some((scheme, pos)) = str_of(val, "scheme")
                    && !scheme.is_empty()
                    && !matches!(scheme, "HTTP" | "HTTPS")
                {
                    v.not_supported(pos, &child(&p, "scheme"), &q(scheme), &["HTTP", "HTTPS"]);
                }
                for (i, hd) in list(val, "httpHeaders").iter().enumerate() {
                    let name = s(hd, "name");
                    if name.is_empty()
                        || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                    {
                        v.invalid(
                            pos_of(hd, "name"),
                            &child(&idx(&child(&p, "httpHeaders"), i), "name"),
                            &q(name),
                            "a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')",
                        );
                    }
                }
            }
            "tcpSocket" => port_num_or_name(v, val, "port", &p),
            "grpc" => {
                let port = int(val, "port").map_or(0, |(x, _)| x);
                if !(1..=65535).contains(&port) {
                    v.invalid(
                        pos_of(val, "port"),
                        &child(&p, "port"),
                        &port.to_string(),
                        PORT_RANGE,
                    );
                }
            }
            "sleep" => {
                if let Some((secs, pos)) = int(val, "seconds")
                    && (secs < 0 || secs > grace)
                {
                    v.invalid(
                        pos,
                        &child(&p, "seconds"),
                        &secs.to_string(),
                        &format!(
                            "must be non-negative and less than terminationGracePeriodSeconds ({grace})"
                        ),
                    );
                }
            }
            _ => {}
        }
    }
    if n == 0 {
        v.required(h.pos, path, "must specify a handler type");
    }
}

fn probe(v: &mut V, c: &Node, k: &str, cpath: &str, success_must_be_one: bool) {
    let Some(pr) = map_of(c, k) else { return };
    let p = child(cpath, k);
    handler(v, pr, &p, false, 0);
    for f in [
        "initialDelaySeconds",
        "timeoutSeconds",
        "periodSeconds",
        "successThreshold",
        "failureThreshold",
    ] {
        v.nonnegative(pr, f, &p);
    }
    if let Some((t, pos)) = int(pr, "terminationGracePeriodSeconds") {
        if !success_must_be_one {
            v.invalid(
                pos,
                &child(&p, "terminationGracePeriodSeconds"),
                &t.to_string(),
                "must not be set for readinessProbes",
            );
        } else if t <= 0 {
            v.invalid(
                pos,
                &child(&p, "terminationGracePeriodSeconds"),
                &t.to_string(),
                "must be greater than 0",
            );
        }
    }
    if success_must_be_one
        && let Some((st, pos)) = int(pr, "successThreshold")
        && st != 1
        && st != 0
    {
        v.invalid(
            pos,
            &child(&p, "successThreshold"),
            &st.to_string(),
            "must be 1",
        );
    }
}

fn lifecycle(v: &mut V, c: &Node, cpath: &str, ctx: &PodCtx) {
    let Some(lc) = map_of(c, "lifecycle") else {
        return;
    };
    let p = child(cpath, "lifecycle");
    for hook in ["postStart", "preStop"] {
        if let Some(h) = map_of(lc, hook) {
            handler(v, h, &child(&p, hook), true, ctx.grace);
        }
    }
}

fn tolerations(v: &mut V, pod: &Node, path: &str) {
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

fn affinity(v: &mut V, aff: &Node, path: &str) {
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

fn dns_config(v: &mut V, pod: &Node, dns: &str, path: &str) {
    let cfg = map_of(pod, "dnsConfig");
    let p = child(path, "dnsConfig");
    if dns == "None" && cfg.is_none() {
        v.required(
            pos_of(pod, "dnsConfig"),
            &p,
            "must provide `dnsConfig` when `dnsPolicy` is None",
        );
        return;
    }
    let Some(cfg) = cfg else { return };
    let ns = list(cfg, "nameservers");
    if dns == "None" && ns.is_empty() {
        v.required(
            pos_of(cfg, "nameservers"),
            &child(&p, "nameservers"),
            "must provide at least one DNS nameserver when `dnsPolicy` is None",
        );
    }
    if ns.len() > 3 {
        v.invalid(
            pos_of(cfg, "nameservers"),
            &child(&p, "nameservers"),
            "[...]",
            "must not have more than 3 nameservers",
        );
    }
    for (i, n) in ns.iter().enumerate() {
        let ip = n.as_str().unwrap_or("");
        if ip.parse::<std::net::IpAddr>().is_err() {
            v.invalid(
                n.pos,
                &idx(&child(&p, "nameservers"), i),
                &q(ip),
                "must be valid IP address",
            );
        }
    }
    if list(cfg, "searches").len() > 32 {
        v.invalid(
            pos_of(cfg, "searches"),
            &child(&p, "searches"),
            "[...]",
            "must not have more than 32 search paths",
        );
    }
    for (i, o) in list(cfg, "options").iter().enumerate() {
        if s(o, "name").is_empty() {
            v.required(
                pos_of(o, "name"),
                &child(&idx(&child(&p, "options"), i), "name"),
                "must not be empty",
            );
        }
    }
}

fn topology_spread(v: &mut V, pod: &Node, path: &str) {
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

fn host_users(v: &mut V, pod: &Node, path: &str) {
    if get(pod, "hostUsers").and_then(Node::as_bool) != Some(false) {
        return;
    }
    for f in ["hostNetwork", "hostPID", "hostIPC"] {
        if flag(pod, f) {
            v.forbidden(
                pos_of(pod, f),
                &child(path, f),
                "when `pod.Spec.HostUsers` is false",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_builders_match_format() {
        for i in [0usize, 7, 10, 99, 12345, usize::MAX] {
            assert_eq!(idx("spec.containers", i), format!("spec.containers[{i}]"));
        }
        assert_eq!(child("", "spec"), "spec");
        assert_eq!(child("spec", "template"), "spec.template");
        assert_eq!(key("metadata.labels", "app"), "metadata.labels[app]");
    }

    #[test]
    fn percents() {
        assert!(is_valid_percent("50%"));
        assert!(!is_valid_percent("%"));
        assert!(!is_valid_percent("5.5%"));
        assert_eq!(int_or_percent_value(&Err("abc")), 0);
        assert_eq!(int_or_percent_value(&Err("50")), 50);
        assert_eq!(int_or_percent_value(&Err("150%")), 150);
    }

    #[test]
    fn port_names() {
        assert!(port_name_errors("http-metrics").is_empty());
        assert_eq!(
            port_name_errors("8080"),
            vec!["must contain at least one letter (a-z)"]
        );
        assert_eq!(port_name_errors("a--b").len(), 1);
        assert_eq!(port_name_errors("this-is-way-too-long").len(), 1);
    }

    #[test]
    fn container_name_with_dots() {
        assert_eq!(dns1123_label_message("a.b"), vec!["must not contain dots"]);
        assert!(dns1123_label_message("A")[0].starts_with("a lowercase RFC 1123 label"));
    }
}
