//! Containers of every kind: names, images, ports (host ports unique across containers),
//! volume mounts.

use std::collections::HashSet;

use super::env::{env, env_from};
use super::pod_spec::PodCtx;
use super::resources::resources;
use super::security::container_security_context;
use super::tree::{child, flag, idx, int, list, map_of, pos_of, s, str_of};
use super::volumes::local_path;
use super::{V, q};
use crate::model::labels::{dns1123_label_errors, dns1123_subdomain_errors};
use crate::validate::yaml::Node;

pub(super) fn container_common(v: &mut V, c: &Node, p: &str, ctx: &PodCtx) {
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
pub(super) fn port_name_errors(name: &str) -> Vec<String> {
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

pub(super) const PORT_RANGE: &str = "must be between 1 and 65535, inclusive";

pub(super) fn ports(v: &mut V, c: &Node, path: &str) {
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
pub(super) fn unique_host_ports(v: &mut V, containers: &[Node], path: &str) {
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

#[cfg(test)]
mod tests {
    use super::*;
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
