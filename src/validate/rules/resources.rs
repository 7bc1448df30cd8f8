//! Container resources: resource names, quantities, requests against limits.

use super::tree::{child, key, map_of, milli, pos_of};
use super::{V, q};
use crate::model::labels::qualified_name_errors;
use crate::validate::yaml::{Node, Pos, Value};

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

pub(super) fn resources(v: &mut V, r: &Node, path: &str) {
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
