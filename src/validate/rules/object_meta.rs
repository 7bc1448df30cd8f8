//! ObjectMeta (M1–M8): name, namespace, labels, annotations.

use super::tree::{child, get, idx, list, pos_of, s, str_of, string_map};
use super::{V, q};
use crate::model::labels::{
    dns1123_label_errors, dns1123_subdomain_errors, label_value_errors, qualified_name_errors,
};
use crate::validate::yaml::{Node, Pos};

pub(super) fn object_meta(v: &mut V, meta: &Node, path: &str, pos: Pos) {
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
pub(super) fn labels(v: &mut V, n: Option<&Node>, path: &str) {
    for (k, val, pos) in string_map(n) {
        for m in qualified_name_errors(k) {
            v.invalid(pos, path, &q(k), &m);
        }
        for m in label_value_errors(val) {
            v.invalid(pos, path, &q(val), &m);
        }
    }
}

pub(super) fn annotations(v: &mut V, n: Option<&Node>, path: &str) {
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
