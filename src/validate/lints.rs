//! DaemonSet-specific checks the API server does not make: configurations it accepts but that
//! make rollouts stick or agents fragile. Warnings (errors with `--strict`) and hints.
//!
//! Every rule has an id (listed in [`RULES`] and docs/validate.md) and can be silenced per object
//! with the annotation `kubectl-ds.io/ignore: id-a,id-b` or per run with `--ignore id-a,id-b`.

use super::yaml::{Node, Pos};
use super::{Severity, Sink};

/// A lint rule's id, severity and one-line summary (for docs and `--ignore` checking).
#[derive(Debug)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
}

pub const HOSTPORT_SURGE: &str = "hostport-surge";
pub const NO_REQUESTS: &str = "no-resource-requests";
pub const TEMPLATE_NODE_NAME: &str = "template-node-name";
pub const TOLERATES_EVERYTHING: &str = "tolerates-everything";
pub const MISSING_PRIORITY_CLASS: &str = "missing-priority-class";
pub const ON_DELETE: &str = "on-delete-strategy";
pub const MAX_UNAVAILABLE_ONE: &str = "max-unavailable-one";

pub const RULES: &[Rule] = &[
    Rule {
        id: HOSTPORT_SURGE,
        severity: Severity::Warning,
        summary: "a host port together with maxSurge > 0: the surge pod can never start beside the old one",
    },
    Rule {
        id: NO_REQUESTS,
        severity: Severity::Warning,
        summary: "a container without cpu/memory requests (or limits, which default them)",
    },
    Rule {
        id: TEMPLATE_NODE_NAME,
        severity: Severity::Warning,
        summary: "the pod template sets nodeName: every daemon pod is bound to that one node",
    },
    Rule {
        id: TOLERATES_EVERYTHING,
        severity: Severity::Warning,
        summary: "a toleration with operator Exists and no key: the pods also land on control-plane and cordoned-by-taint nodes",
    },
    Rule {
        id: MISSING_PRIORITY_CLASS,
        severity: Severity::Warning,
        summary: "a node-level agent (hostNetwork or privileged) without priorityClassName can be preempted or never scheduled on full nodes",
    },
    Rule {
        id: ON_DELETE,
        severity: Severity::Info,
        summary: "updateStrategy OnDelete: template changes reach a node only when its pod is deleted",
    },
    Rule {
        id: MAX_UNAVAILABLE_ONE,
        severity: Severity::Info,
        summary: "maxUnavailable 1 updates one node at a time: slow on large clusters",
    },
];

fn get<'a>(n: &'a Node, k: &str) -> Option<&'a Node> {
    n.get(k).filter(|v| !v.is_null())
}
fn pos_of(n: &Node, k: &str) -> Pos {
    get(n, k).map_or(n.pos, |v| v.pos)
}

/// Run the lints on a DaemonSet that passed the structural checks.
pub fn daemonset(obj: &Node, sink: &mut Sink) {
    let Some(spec) = get(obj, "spec") else { return };
    let pod = get(spec, "template").and_then(|t| get(t, "spec"));
    let Some(pod) = pod else { return };
    let containers = get(pod, "containers").map_or(&[][..], Node::items);
    let inits = get(pod, "initContainers").map_or(&[][..], Node::items);
    let host_network = get(pod, "hostNetwork").and_then(Node::as_bool) == Some(true);
    let base = "spec.template.spec";

    // Effective update strategy.
    let us = get(spec, "updateStrategy");
    let ty = us
        .and_then(|u| get(u, "type"))
        .and_then(Node::as_str)
        .filter(|t| !t.is_empty())
        .unwrap_or("RollingUpdate");
    let ru = us.and_then(|u| get(u, "rollingUpdate"));
    let surge = ru.and_then(|r| get(r, "maxSurge"));
    let unavailable = ru.and_then(|r| get(r, "maxUnavailable"));
    let nonzero = |n: Option<&Node>| match n {
        None => false,
        Some(n) => match n.as_str() {
            Some(s) => s.trim_end_matches('%').parse::<i64>().is_ok_and(|v| v != 0),
            None => n.as_i64().is_some_and(|v| v != 0),
        },
    };

    if ty == "RollingUpdate" && nonzero(surge) {
        // Host ports, explicit or (with hostNetwork) implied by containerPort.
        let mut host_ports = Vec::new();
        for (i, c) in containers.iter().enumerate() {
            for (j, p) in get(c, "ports")
                .map_or(&[][..], Node::items)
                .iter()
                .enumerate()
            {
                let hp = get(p, "hostPort").and_then(Node::as_i64).unwrap_or(0);
                let cp = get(p, "containerPort").and_then(Node::as_i64).unwrap_or(0);
                let port = if hp != 0 {
                    hp
                } else if host_network {
                    cp
                } else {
                    0
                };
                if port != 0 {
                    host_ports.push((port, format!("{base}.containers[{i}].ports[{j}]")));
                }
            }
        }
        if let Some((port, at)) = host_ports.first() {
            let s = surge.expect("nonzero implies present");
            sink.push(
                s.pos,
                "spec.updateStrategy.rollingUpdate.maxSurge",
                Severity::Warning,
                HOSTPORT_SURGE,
                format!(
                    "maxSurge is non-zero but the pod uses host port {port} ({at}{}): the surge pod cannot start on a node while the old pod holds the port, so the rollout never progresses; use maxSurge: 0 with maxUnavailable",
                    if host_network { ", hostNetwork" } else { "" }
                ),
            );
        }
    }

    let pod_requests = get(pod, "resources").is_some_and(|r| {
        get(r, "requests").is_some_and(|q| !q.entries().is_empty())
            || get(r, "limits").is_some_and(|q| !q.entries().is_empty())
    });
    if !pod_requests {
        for (i, c) in containers.iter().enumerate() {
            let r = get(c, "resources");
            let has = |k: &str| {
                r.and_then(|r| get(r, k)).is_some_and(|q| {
                    q.entries()
                        .iter()
                        .any(|(k, _)| k.name == "cpu" || k.name == "memory")
                })
            };
            if !has("requests") && !has("limits") {
                let name = get(c, "name").and_then(Node::as_str).unwrap_or("");
                sink.push(
                    r.map_or(c.pos, |r| r.pos),
                    &format!("{base}.containers[{i}].resources"),
                    Severity::Warning,
                    NO_REQUESTS,
                    format!(
                        "container {name:?} has no cpu or memory requests: the scheduler counts it as zero, so the daemon pod can be placed on (and later evicted from) nodes without room for it"
                    ),
                );
            }
        }
    }

    if let Some(n) = get(pod, "nodeName") {
        sink.push(
            n.pos,
            &format!("{base}.nodeName"),
            Severity::Warning,
            TEMPLATE_NODE_NAME,
            "the template sets nodeName: every daemon pod is bound to that one node, and pods for other nodes fail (use nodeSelector or node affinity instead)".to_string(),
        );
    }

    for (i, t) in get(pod, "tolerations")
        .map_or(&[][..], Node::items)
        .iter()
        .enumerate()
    {
        let key = get(t, "key").and_then(Node::as_str).unwrap_or("");
        let op = get(t, "operator").and_then(Node::as_str).unwrap_or("");
        let effect = get(t, "effect").and_then(Node::as_str).unwrap_or("");
        if key.is_empty() && op == "Exists" && effect.is_empty() {
            sink.push(
                t.pos,
                &format!("{base}.tolerations[{i}]"),
                Severity::Warning,
                TOLERATES_EVERYTHING,
                "tolerates every taint (operator Exists without key): the pods also run on control-plane nodes and on nodes tainted to keep workloads off (maintenance, NoExecute evictions); tolerate the taints you mean, or silence this rule for agents that must run everywhere".to_string(),
            );
            break;
        }
    }

    let privileged = containers.iter().chain(inits).any(|c| {
        get(c, "securityContext")
            .and_then(|s| get(s, "privileged"))
            .and_then(Node::as_bool)
            == Some(true)
    });
    let has_pc = get(pod, "priorityClassName")
        .and_then(Node::as_str)
        .is_some_and(|s| !s.is_empty());
    if (host_network || privileged) && !has_pc {
        let why = if host_network {
            "hostNetwork"
        } else {
            "privileged"
        };
        sink.push(
            pos_of(pod, "priorityClassName"),
            &format!("{base}.priorityClassName"),
            Severity::Warning,
            MISSING_PRIORITY_CLASS,
            format!(
                "a node-level agent ({why}) without priorityClassName: on a full node its pod waits or is preempted; set e.g. system-node-critical"
            ),
        );
    }

    if ty == "OnDelete" {
        sink.push(
            us.map_or(spec.pos, |u| pos_of(u, "type")),
            "spec.updateStrategy.type",
            Severity::Info,
            ON_DELETE,
            "OnDelete: a new template reaches a node only when its pod is deleted; `rollout status` does not track it".to_string(),
        );
    } else if ty == "RollingUpdate" && !nonzero(surge) {
        let one = match unavailable {
            None => true,
            Some(n) => n.as_i64() == Some(1) || n.as_str() == Some("1"),
        };
        if one {
            sink.push(
                unavailable.map_or(ru.map_or(spec.pos, |r| r.pos), |n| n.pos),
                "spec.updateStrategy.rollingUpdate.maxUnavailable",
                Severity::Info,
                MAX_UNAVAILABLE_ONE,
                "maxUnavailable is 1: a rollout replaces one node's pod at a time, which takes long on large clusters; a percentage (e.g. 10%) scales with the cluster".to_string(),
            );
        }
    }
}
