//! Taints and tolerations: upstream `ToleratesTaint`, `FindMatchingUntoleratedTaint`, and the
//! DaemonSet controller's default daemon tolerations (`AddOrUpdateDaemonPodTolerations`).

use k8s_openapi::api::core::v1::{Taint, Toleration};

fn s(o: &Option<String>) -> &str {
    o.as_deref().unwrap_or("")
}

/// Does `toleration` tolerate `taint`? Empty effect matches all effects, empty key (with
/// `Exists`) matches all keys, omitted operator means `Equal`; `tolerationSeconds` is irrelevant.
/// The alpha `Lt`/`Gt` operators (feature gate off by default) tolerate nothing; see
/// [`tolerates_with`].
pub fn tolerates(toleration: &Toleration, taint: &Taint) -> bool {
    tolerates_with(toleration, taint, false)
}

/// [`tolerates`], with `Lt`/`Gt` comparing integer values when `numeric`
/// (TaintTolerationComparisonOperators; upstream `ToleratesTaint`, `compareNumericValues`):
/// both values must be decimal integers, `Lt` tolerates a taint value below the toleration's,
/// `Gt` one above.
pub fn tolerates_with(toleration: &Toleration, taint: &Taint, numeric: bool) -> bool {
    let effect = s(&toleration.effect);
    if !effect.is_empty() && effect != taint.effect {
        return false;
    }
    let key = s(&toleration.key);
    if !key.is_empty() && key != taint.key {
        return false;
    }
    match s(&toleration.operator) {
        "" | "Equal" => s(&toleration.value) == s(&taint.value),
        "Exists" => true,
        op @ ("Lt" | "Gt") if numeric => {
            match (
                decimal_integer(s(&toleration.value)),
                decimal_integer(taint.value.as_deref().unwrap_or("")),
            ) {
                (Some(tol), Some(val)) if op == "Lt" => val < tol,
                (Some(tol), Some(val)) => val > tol,
                _ => false,
            }
        }
        _ => false,
    }
}

/// A decimal integer as `content.IsDecimalInteger` accepts it (an optional `-`, no leading
/// zeros, no `+`), within int64.
fn decimal_integer(v: &str) -> Option<i64> {
    let digits = v.strip_prefix('-').unwrap_or(v);
    if digits.is_empty()
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || (digits.len() > 1 && digits.starts_with('0'))
    {
        return None;
    }
    v.parse().ok()
}

/// The first taint (in node order) accepted by `filter` that no toleration tolerates.
pub fn first_untolerated<'a>(
    taints: &'a [Taint],
    tolerations: &[Toleration],
    filter: impl Fn(&Taint) -> bool,
) -> Option<&'a Taint> {
    first_untolerated_with(taints, tolerations, filter, false)
}

/// [`first_untolerated`], `Lt`/`Gt` tolerations comparing numbers when `numeric`.
pub fn first_untolerated_with<'a>(
    taints: &'a [Taint],
    tolerations: &[Toleration],
    filter: impl Fn(&Taint) -> bool,
    numeric: bool,
) -> Option<&'a Taint> {
    taints.iter().filter(|t| filter(t)).find(|t| {
        !tolerations
            .iter()
            .any(|tol| tolerates_with(tol, t, numeric))
    })
}

/// Only NoSchedule and NoExecute taints matter for placement.
pub fn is_scheduling_taint(t: &Taint) -> bool {
    t.effect == "NoSchedule" || t.effect == "NoExecute"
}

/// The tolerations the controller adds to every daemon pod, in upstream order.
pub fn default_daemon_tolerations(host_network: bool) -> Vec<Toleration> {
    let mut v = vec![
        ("node.kubernetes.io/not-ready", "NoExecute"),
        ("node.kubernetes.io/unreachable", "NoExecute"),
        ("node.kubernetes.io/disk-pressure", "NoSchedule"),
        ("node.kubernetes.io/memory-pressure", "NoSchedule"),
        ("node.kubernetes.io/pid-pressure", "NoSchedule"),
        ("node.kubernetes.io/unschedulable", "NoSchedule"),
    ];
    if host_network {
        v.push(("node.kubernetes.io/network-unavailable", "NoSchedule"));
    }
    v.into_iter()
        .map(|(key, effect)| Toleration {
            key: Some(key.into()),
            operator: Some("Exists".into()),
            effect: Some(effect.into()),
            ..Default::default()
        })
        .collect()
}

/// Merge the default daemon tolerations into `user` the way `AddOrUpdateTolerationInPodSpec`
/// does: a user toleration identical in key, effect, operator and value is replaced by the default
/// (dropping e.g. its tolerationSeconds); otherwise the default is appended.
pub fn with_default_tolerations(user: &[Toleration], host_network: bool) -> Vec<Toleration> {
    let mut out: Vec<Toleration> = user.to_vec();
    for d in default_daemon_tolerations(host_network) {
        let same = |t: &Toleration| {
            s(&t.key) == s(&d.key)
                && s(&t.effect) == s(&d.effect)
                && s(&t.operator) == s(&d.operator)
                && s(&t.value) == s(&d.value)
        };
        let mut replaced = false;
        for t in out.iter_mut() {
            if same(t) {
                *t = d.clone();
                replaced = true;
            }
        }
        if !replaced {
            out.push(d);
        }
    }
    out
}

/// `key=value:Effect` (`key:Effect` without a value): the way `kubectl taint` takes a taint
/// and `kubectl describe node` prints it, so it can be pasted back.
pub fn describe_taint(t: &Taint) -> String {
    match s(&t.value) {
        "" => format!("{}:{}", t.key, t.effect),
        v => format!("{}={v}:{}", t.key, t.effect),
    }
}

/// Does any toleration name this taint's key (for a hint like "a toleration for X exists but
/// only for NoExecute")?
pub fn near_miss<'a>(taint: &Taint, tolerations: &'a [Toleration]) -> Option<&'a Toleration> {
    tolerations.iter().find(|t| s(&t.key) == taint.key)
}

/// Describe a toleration compactly: `key=value:Effect` / `key:Exists:Effect` / `*` for all.
pub fn describe_toleration(t: &Toleration) -> String {
    let op = s(&t.operator);
    let mut out = if s(&t.key).is_empty() && op == "Exists" {
        "*".to_string()
    } else if op == "Exists" {
        format!("{} Exists", s(&t.key))
    } else {
        format!("{}={}", s(&t.key), s(&t.value))
    };
    if !s(&t.effect).is_empty() {
        out.push(':');
        out.push_str(s(&t.effect));
    }
    out
}
