//! Label selectors (`-l`) and label syntax on arbitrary strings.
//!
//! Input: `SELECTOR` or `SELECTOR\nLABELS`, where LABELS is `k=v` pairs separated by commas
//! (arbitrary text: whatever does not split that way is taken as is).
//!
//! Asserts, besides "never panics":
//! - a parsed selector holds only valid keys and values (what the API server would accept);
//! - printing a parsed selector and parsing it again gives the same selector;
//! - matching agrees with the label-selector semantics written out here, expression by
//!   expression, on the given labels;
//! - the labels module's yes/no checks agree with its error lists.
#![no_main]

use std::collections::BTreeMap;

use kube::core::{Expression, SelectorExt};
use kubectl_ds::model::labels;
use kubectl_ds::model::selector::parse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (sel_text, label_text) = text.split_once('\n').unwrap_or((&text, ""));

    let labels: BTreeMap<String, String> = label_text
        .split(',')
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (k.to_string(), v.to_string())
        })
        .collect();
    for (k, v) in &labels {
        check_label_syntax(k, v);
    }

    let Ok(selector) = parse(sel_text) else {
        return;
    };
    let printed = selector.to_string();
    let again = parse(&printed).unwrap_or_else(|e| panic!("{sel_text:?} -> {printed:?}: {e}"));
    assert_eq!(again, selector, "{sel_text:?} -> {printed:?}");

    let mut all = true;
    for expr in selector.clone() {
        let (key, values) = match &expr {
            Expression::In(k, v) | Expression::NotIn(k, v) => (k, v.iter().collect::<Vec<_>>()),
            Expression::Equal(k, v) | Expression::NotEqual(k, v) => (k, vec![v]),
            Expression::Exists(k) | Expression::DoesNotExist(k) => (k, vec![]),
        };
        assert!(labels::is_qualified_name(key), "{sel_text:?}: key {key:?}");
        for v in &values {
            assert!(labels::is_label_value(v), "{sel_text:?}: value {v:?}");
        }
        let got = labels.get(key.as_str());
        let want = match &expr {
            Expression::In(..) | Expression::Equal(..) => got.is_some_and(|g| values.contains(&g)),
            Expression::NotIn(..) | Expression::NotEqual(..) => {
                got.is_none_or(|g| !values.contains(&g))
            }
            Expression::Exists(_) => got.is_some(),
            Expression::DoesNotExist(_) => got.is_none(),
        };
        assert_eq!(expr.matches(&labels), want, "{expr:?} on {labels:?}");
        all &= want;
    }
    assert_eq!(selector.matches(&labels), all, "{sel_text:?} on {labels:?}");
});

fn check_label_syntax(key: &str, value: &str) {
    assert_eq!(
        labels::is_qualified_name(key),
        labels::qualified_name_errors(key).is_empty(),
        "{key:?}"
    );
    assert_eq!(
        labels::is_label_value(value),
        labels::label_value_errors(value).is_empty(),
        "{value:?}"
    );
    let _ = labels::dns1123_label_errors(key);
    let _ = labels::dns1123_subdomain_errors(key);
    if let Some(n) = labels::parse_go_int64(value) {
        assert_eq!(value.parse::<i64>().ok(), Some(n), "{value:?}");
    }
}
