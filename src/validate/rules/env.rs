//! Container environment: `env` (values, key references, the downward API) and `envFrom`.

use super::tree::{child, idx, list, map_of, pos_of, s, str_of};
use super::{V, q};
use crate::model::labels::{dns1123_subdomain_errors, qualified_name_errors};
use crate::validate::yaml::Node;

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

pub(super) fn env(v: &mut V, c: &Node, path: &str) {
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

pub(super) fn env_from(v: &mut V, c: &Node, path: &str) {
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
