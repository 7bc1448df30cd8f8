//! Label selectors (S1–S7): `ValidateLabelSelector`, and whether a selector matches labels.

use super::object_meta::labels;
use super::tree::{child, get, idx, list, pos_of, s, string_map};
use super::{V, q};
use crate::model::labels::{label_value_errors, qualified_name_errors};
use crate::validate::yaml::{Node, Pos};

/// `ValidateLabelSelector`; returns true when the selector converts without error.
pub(super) fn label_selector(v: &mut V, sel: &Node, path: &str) -> bool {
    let before = v.sink.raw.len();
    for (i, e) in list(sel, "matchExpressions").iter().enumerate() {
        let p = idx(&child(path, "matchExpressions"), i);
        let op = s(e, "operator");
        let values = list(e, "values");
        match op {
            "In" | "NotIn" => {
                if values.is_empty() {
                    v.required(
                        pos_of(e, "values"),
                        &child(&p, "values"),
                        "must be specified when `operator` is 'In' or 'NotIn'",
                    );
                }
            }
            "Exists" | "DoesNotExist" => {
                if !values.is_empty() {
                    v.forbidden(
                        pos_of(e, "values"),
                        &child(&p, "values"),
                        "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                    );
                }
            }
            _ => v.invalid(
                pos_of(e, "operator"),
                &child(&p, "operator"),
                &q(op),
                "not a valid selector operator",
            ),
        }
        let k = s(e, "key");
        for m in qualified_name_errors(k) {
            v.invalid(pos_of(e, "key"), &child(&p, "key"), &q(k), &m);
        }
        for (j, val) in values.iter().enumerate() {
            let sv = val.as_str().unwrap_or("");
            for m in label_value_errors(sv) {
                v.invalid(val.pos, &idx(&child(&p, "values"), j), &q(sv), &m);
            }
        }
    }
    labels(v, get(sel, "matchLabels"), &child(path, "matchLabels"));
    v.sink.raw.len() == before
}

/// Does a (valid) selector match these labels? A missing selector matches nothing.
pub(super) fn selector_matches(sel: Option<&Node>, labels: &[(&str, &str, Pos)]) -> bool {
    let Some(sel) = sel else { return false };
    let get_label = |k: &str| {
        labels
            .iter()
            .find(|(lk, _, _)| *lk == k)
            .map(|(_, v, _)| *v)
    };
    for (k, val, _) in string_map(get(sel, "matchLabels")) {
        if get_label(k) != Some(val) {
            return false;
        }
    }
    for e in list(sel, "matchExpressions") {
        let k = s(e, "key");
        let vals: Vec<&str> = list(e, "values").iter().filter_map(Node::as_str).collect();
        let have = get_label(k);
        let ok = match s(e, "operator") {
            "In" => have.is_some_and(|h| vals.contains(&h)),
            "NotIn" => have.is_none_or(|h| !vals.contains(&h)),
            "Exists" => have.is_some(),
            "DoesNotExist" => have.is_none(),
            _ => false,
        };
        if !ok {
            return false;
        }
    }
    true
}
