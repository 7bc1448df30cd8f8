//! Pod volumes: names, sources, file modes, local paths.

use std::collections::HashMap;

use super::tree::{child, idx, int, list, map_of, pos_of, s, str_of};
use super::{V, q};
use crate::model::labels::dns1123_label_errors;
use crate::validate::yaml::{Node, Pos};

pub(super) fn volumes<'a>(v: &mut V, pod: &'a Node, path: &str) -> HashMap<&'a str, &'a Node> {
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
pub(super) fn local_path(v: &mut V, p: &str, pos: Pos, path: &str, non_reserved: bool) {
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
