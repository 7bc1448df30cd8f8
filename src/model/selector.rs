//! Label-selector strings as kubectl's `-l` takes them (`k=v`, `k==v`, `k!=v`, `k in (a,b)`,
//! `k notin (a,b)`, `k`, `!k`), parsed into `kube::core::Selector` for matching.
//!
//! kube-core provides the selector type and its matching but no string parser, hence this module.
//!
//! ```
//! use kubectl_ds::model::selector::parse;
//! use kube::core::SelectorExt;
//! let s = parse("pool in (gpu,highmem),!control-plane,zone=a").unwrap();
//! let labels = [("pool".to_string(), "gpu".to_string()), ("zone".into(), "a".into())].into();
//! assert!(s.matches(&labels));
//! ```

use kube::core::{Expression, Selector};

use crate::model::labels::{is_label_value, is_qualified_name};

/// Parse a selector string; the error says which part is wrong.
pub fn parse(input: &str) -> Result<Selector, String> {
    let mut exprs = Vec::new();
    for part in split_top_level(input) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        exprs.push(parse_one(part)?);
    }
    Ok(Selector::from_iter(exprs))
}

/// Split on commas that are not inside parentheses.
fn split_top_level(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0usize);
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

fn key(k: &str, whole: &str) -> Result<String, String> {
    let k = k.trim();
    if is_qualified_name(k) {
        Ok(k.to_string())
    } else {
        Err(format!(
            "invalid label selector {whole:?}: {k:?} is not a valid label key"
        ))
    }
}

fn value(v: &str, whole: &str) -> Result<String, String> {
    let v = v.trim();
    if is_label_value(v) {
        Ok(v.to_string())
    } else {
        Err(format!(
            "invalid label selector {whole:?}: {v:?} is not a valid label value"
        ))
    }
}

fn parse_one(part: &str) -> Result<Expression, String> {
    if let Some(k) = part.strip_prefix('!') {
        return Ok(Expression::DoesNotExist(key(k, part)?));
    }
    if let Some((k, v)) = part.split_once("!=") {
        return Ok(Expression::NotEqual(key(k, part)?, value(v, part)?));
    }
    if let Some((k, v)) = part.split_once("==").or_else(|| part.split_once('=')) {
        return Ok(Expression::Equal(key(k, part)?, value(v, part)?));
    }
    for (op, notin) in [(" notin ", true), (" in ", false)] {
        if let Some((k, rest)) = part.split_once(op) {
            let rest = rest.trim();
            let inner = rest
                .strip_prefix('(')
                .and_then(|r| r.strip_suffix(')'))
                .ok_or_else(|| {
                    format!(
                        "invalid label selector {part:?}: expected a (list) after {}",
                        op.trim()
                    )
                })?;
            let values = inner
                .split(',')
                .map(|v| value(v, part))
                .collect::<Result<std::collections::BTreeSet<_>, _>>()?;
            let k = key(k, part)?;
            return Ok(if notin {
                Expression::NotIn(k, values)
            } else {
                Expression::In(k, values)
            });
        }
    }
    Ok(Expression::Exists(key(part, part)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use kube::core::SelectorExt;

    fn labels(pairs: &[(&str, &str)]) -> std::collections::BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn all_forms() {
        let l = labels(&[("a", "1"), ("b", "2")]);
        for (sel, want) in [
            ("a=1", true),
            ("a==1", true),
            ("a!=1", false),
            ("c!=1", true),
            ("a in (1,3)", true),
            ("a notin (1)", false),
            ("a", true),
            ("!a", false),
            ("!c", true),
            ("a=1,b=3", false),
            ("", true),
        ] {
            assert_eq!(parse(sel).unwrap().matches(&l), want, "{sel}");
        }
    }

    #[test]
    fn bad_selectors_say_why() {
        assert!(parse("a in 1").unwrap_err().contains("expected a (list)"));
        assert!(
            parse("a b=c")
                .unwrap_err()
                .contains("not a valid label key")
        );
        assert!(
            parse("a=b c")
                .unwrap_err()
                .contains("not a valid label value")
        );
    }
}
