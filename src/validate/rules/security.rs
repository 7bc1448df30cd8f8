//! Security contexts of the pod and its containers (user and group ids, seccomp), and
//! `hostUsers`.

use super::tree::{child, flag, get, idx, int, list, map_of, pos_of, s, str_of};
use super::{V, q};
use crate::validate::yaml::Node;

const ID_RANGE: &str = "must be between 0 and 2147483647, inclusive";

pub(super) fn ids(v: &mut V, sc: &Node, path: &str, keys: &[&str]) {
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

pub(super) fn pod_security_context(v: &mut V, pod: &Node, path: &str) {
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

pub(super) fn container_security_context(v: &mut V, sc: &Node, path: &str) {
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

pub(super) fn host_users(v: &mut V, pod: &Node, path: &str) {
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
