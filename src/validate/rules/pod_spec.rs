//! PodSpec (P1–P19): the pod-level fields, and the walk into volumes, containers, security,
//! scheduling and DNS.

use std::collections::{HashMap, HashSet};

use super::containers::{container_common, unique_host_ports};
use super::daemonset_spec::restart_policy;
use super::object_meta::labels;
use super::probes::{lifecycle, probe};
use super::scheduling::{affinity, tolerations, topology_spread};
use super::security::{host_users, pod_security_context};
use super::tree::{child, flag, get, idx, int, list, map_of, pos_of, s, str_of};
use super::volumes::volumes;
use super::{V, q};
use crate::model::labels::{dns1123_label_errors, dns1123_subdomain_errors, qualified_name_errors};
use crate::validate::yaml::Node;

pub(super) struct PodCtx<'a> {
    pub(super) volumes: HashMap<&'a str, &'a Node>,
    pub(super) host_network: bool,
    pub(super) grace: i64,
}

pub(super) fn pod_spec(v: &mut V, pod: &Node, path: &str) {
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
