//! Probes and lifecycle hooks: their handlers (exec, HTTP, TCP, gRPC, sleep) and timings.

use super::containers::{PORT_RANGE, port_name_errors};
use super::daemonset_spec::int_or_string;
use super::pod_spec::PodCtx;
use super::tree::{child, get, idx, int, list, map_of, pos_of, s, str_of};
use super::{V, q};
use crate::validate::yaml::Node;

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

pub(super) fn probe(v: &mut V, c: &Node, k: &str, cpath: &str, success_must_be_one: bool) {
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

pub(super) fn lifecycle(v: &mut V, c: &Node, cpath: &str, ctx: &PodCtx) {
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
