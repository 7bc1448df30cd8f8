//! Node selection: `spec.nodeSelector` and required node affinity, mirroring
//! `component-helpers/scheduling/corev1/nodeaffinity` with the DaemonSet controller's **lazy**
//! per-term error handling: a term that fails to parse never matches, the others still count.
//!
//! Not `kube::core::Selector`: node-selector terms need `Gt`/`Lt`, `matchFields`, and per-term
//! parse errors, none of which a label-selector type models.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{NodeSelector, NodeSelectorRequirement, NodeSelectorTerm};

use crate::model::labels::{is_label_value, is_qualified_name, parse_go_int64};

/// Outcome of matching one selector part against a node: `Ok(why it matches)` or
/// `Err(why it does not)`, with concrete values for the report.
pub type MatchResult = Result<String, String>;

/// `nodeSelector`: every key present with an identical value (`""` requires presence).
pub fn match_node_selector(
    selector: &BTreeMap<String, String>,
    labels: &BTreeMap<String, String>,
) -> MatchResult {
    match_node_selector_quiet(selector, labels)?;
    if selector.is_empty() {
        Ok("no nodeSelector".into())
    } else {
        let mut msg = String::with_capacity(64);
        msg.push_str("nodeSelector ");
        push_map(&mut msg, selector);
        msg.push_str(" matches");
        Ok(msg)
    }
}

/// [`match_node_selector`] without the passing text (the evaluator shares that text across
/// nodes); the failure names the first label that does not match.
pub fn match_node_selector_quiet(
    selector: &BTreeMap<String, String>,
    labels: &BTreeMap<String, String>,
) -> Result<(), String> {
    for (k, want) in selector {
        match labels.get(k) {
            Some(have) if have == want => {}
            Some(have) => return Err(format!("nodeSelector {k}={want}: node has {k}={have}")),
            None => return Err(format!("nodeSelector {k}={want}: node has no label {k}")),
        }
    }
    Ok(())
}

/// `k1=v1,k2=v2`.
pub fn fmt_map(m: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    push_map(&mut out, m);
    out
}

fn push_map(out: &mut String, m: &BTreeMap<String, String>) {
    for (i, (k, v)) in m.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(k);
        out.push('=');
        out.push_str(v);
    }
}

/// Required node affinity (`requiredDuringSchedulingIgnoredDuringExecution`): terms ORed,
/// requirements within a term ANDed; a present selector with no (usable) terms matches nothing.
pub fn match_required(
    selector: &NodeSelector,
    node_name: &str,
    labels: &BTreeMap<String, String>,
) -> MatchResult {
    let mut why_not = Vec::new();
    for (i, term) in selector.node_selector_terms.iter().enumerate() {
        match match_term(term, node_name, labels) {
            Ok(()) => return Ok(format!("required node affinity term {i} matches")),
            Err(e) => why_not.push(format!("term {i}: {e}")),
        }
    }
    if selector.node_selector_terms.is_empty() {
        return Err("required node affinity has no terms, so it matches no node".into());
    }
    Err(format!(
        "no required node-affinity term matches: {}",
        why_not.join("; ")
    ))
}

/// One term: parse all requirements first (any parse error → the term never matches), then AND.
fn match_term(
    term: &NodeSelectorTerm,
    node_name: &str,
    labels: &BTreeMap<String, String>,
) -> Result<(), String> {
    let exprs = term.match_expressions.as_deref().unwrap_or(&[]);
    let fields = term.match_fields.as_deref().unwrap_or(&[]);
    if exprs.is_empty() && fields.is_empty() {
        return Err("empty term (no matchExpressions or matchFields) matches nothing".into());
    }
    for e in exprs {
        parse_label_requirement(e).map_err(|why| format!("invalid: {why}"))?;
    }
    for f in fields {
        parse_field_requirement(f).map_err(|why| format!("invalid: {why}"))?;
    }
    for e in exprs {
        match_label_requirement(e, labels)?;
    }
    // Quirk kept from upstream: a node without a name has an empty field set and skips fields.
    // The node's field set is `{metadata.name: <name>}`; any other key reads as "".
    if !node_name.is_empty() {
        for f in fields {
            let v = &f.values.as_deref().unwrap_or(&[])[0];
            let have = if f.key == "metadata.name" {
                node_name
            } else {
                ""
            };
            let ok = match f.operator.as_str() {
                "In" => have == v,
                _ => have != v,
            };
            if !ok {
                let node_side = if f.key == "metadata.name" {
                    format!("node is {node_name}")
                } else {
                    format!("node has no field {}", f.key)
                };
                return Err(format!(
                    "{} {} {v}: {node_side}",
                    f.key,
                    if f.operator == "In" { "=" } else { "!=" }
                ));
            }
        }
    }
    Ok(())
}

/// `labels.NewRequirement` validation: qualified key, known operator, value count, valid values.
pub fn parse_label_requirement(r: &NodeSelectorRequirement) -> Result<(), String> {
    if !is_qualified_name(&r.key) {
        return Err(format!("key {:?} is not a valid label key", r.key));
    }
    let values = r.values.as_deref().unwrap_or(&[]);
    match r.operator.as_str() {
        "In" | "NotIn" => {
            if values.is_empty() {
                return Err(format!("{} {} needs at least one value", r.key, r.operator));
            }
        }
        "Exists" | "DoesNotExist" => {
            if !values.is_empty() {
                return Err(format!("{} {} takes no values", r.key, r.operator));
            }
        }
        "Gt" | "Lt" => {
            if values.len() != 1 {
                return Err(format!("{} {} needs exactly one value", r.key, r.operator));
            }
            if parse_go_int64(&values[0]).is_none() {
                return Err(format!(
                    "{} {} {:?}: value is not an integer",
                    r.key, r.operator, values[0]
                ));
            }
        }
        op => return Err(format!("operator {op:?} is not valid")),
    }
    if let Some(bad) = values.iter().find(|v| !is_label_value(v)) {
        return Err(format!("value {bad:?} is not a valid label value"));
    }
    Ok(())
}

/// `matchFields`: only `In`/`NotIn` with exactly one value.
pub fn parse_field_requirement(r: &NodeSelectorRequirement) -> Result<(), String> {
    let n = r.values.as_deref().map_or(0, <[String]>::len);
    match r.operator.as_str() {
        "In" | "NotIn" if n == 1 => Ok(()),
        "In" | "NotIn" => Err(format!(
            "matchFields {} {} needs exactly one value, has {n}",
            r.key, r.operator
        )),
        op => Err(format!("matchFields operator {op:?} is not supported")),
    }
}

/// Match a (valid) label requirement, explaining a mismatch with the node's value.
fn match_label_requirement(
    r: &NodeSelectorRequirement,
    labels: &BTreeMap<String, String>,
) -> Result<(), String> {
    let values = r.values.as_deref().unwrap_or(&[]);
    let have = labels.get(&r.key);
    let ok = match r.operator.as_str() {
        "In" => have.is_some_and(|h| values.contains(h)),
        "NotIn" => have.is_none_or(|h| !values.contains(h)),
        "Exists" => have.is_some(),
        "DoesNotExist" => have.is_none(),
        "Gt" | "Lt" => {
            let want = parse_go_int64(&values[0]).unwrap_or_default();
            match have.and_then(|h| parse_go_int64(h)) {
                Some(h) if r.operator == "Gt" => h > want,
                Some(h) => h < want,
                None => false,
            }
        }
        _ => false,
    };
    if ok {
        return Ok(());
    }
    let node_side = match have {
        Some(h) => format!("node has {}={h}", r.key),
        None => format!("node has no label {}", r.key),
    };
    let want = match r.operator.as_str() {
        "Exists" | "DoesNotExist" => format!("{} {}", r.key, r.operator),
        _ => format!("{} {} [{}]", r.key, r.operator, values.join(", ")),
    };
    Err(format!("{want}: {node_side}"))
}
