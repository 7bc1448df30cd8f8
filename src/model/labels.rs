//! Kubernetes name and label syntax (apimachinery `util/validation`), with the upstream error
//! texts. Shared by the placement evaluator (a node-selector term with a bad key or value never
//! matches) and by `validate` (which reports the texts).
//!
//! ```
//! use kubectl_ds::model::labels::{is_qualified_name, label_value_errors};
//! assert!(is_qualified_name("node-role.kubernetes.io/control-plane"));
//! assert!(!is_qualified_name("a/b/c"));
//! assert!(label_value_errors("-1")[0].starts_with("a valid label must be"));
//! ```

const QUALIFIED_NAME_FMT: &str = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const QUALIFIED_NAME_MSG: &str = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT: &str = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
const LABEL_VALUE_MSG: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const DNS1123_LABEL_FMT: &str = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_LABEL_MSG: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_FMT: &str =
    "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
const DNS1123_SUBDOMAIN_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

/// Upstream `RegexError`: message, examples (joined with `',  or '` — two spaces, as upstream),
/// and the regex.
fn regex_error(msg: &str, fmt: &str, examples: &[&str]) -> String {
    let mut s = msg.to_string();
    if !examples.is_empty() {
        s.push_str(" (e.g. '");
        s.push_str(&examples.join("',  or '"));
        s.push_str("', regex used for validation is '");
    } else {
        s.push_str(" (regex used for validation is '");
    }
    s.push_str(fmt);
    s.push_str("')");
    s
}

fn max_len_error(n: usize) -> String {
    format!("must be no more than {n} bytes")
}

/// `[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?` (the qualified-name part and non-empty label values).
fn is_alnum_dash_dot_underscore(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
}

fn is_dns1123_label_syntax(s: &str) -> bool {
    let b = s.as_bytes();
    let ok = |c: &u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    !b.is_empty() && ok(&b[0]) && ok(&b[b.len() - 1]) && b.iter().all(|c| ok(c) || *c == b'-')
}

/// Errors for a qualified name (label key, annotation key, selector key): optional DNS-1123
/// subdomain prefix and `/`, then a name of 1–63 characters.
pub fn qualified_name_errors(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    let parts: Vec<&str> = value.split('/').collect();
    let name = match parts.as_slice() {
        [name] => *name,
        [prefix, name] => {
            if prefix.is_empty() {
                errs.push("prefix part must be non-empty".to_string());
            } else {
                for e in dns1123_subdomain_errors(prefix) {
                    errs.push(format!("prefix part {e}"));
                }
            }
            *name
        }
        _ => {
            return vec![format!(
                "a qualified name {} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
                regex_error(
                    QUALIFIED_NAME_MSG,
                    QUALIFIED_NAME_FMT,
                    &["MyName", "my.name", "123-abc"]
                )
            )];
        }
    };
    if name.is_empty() {
        errs.push("name part must be non-empty".to_string());
    } else if name.len() > 63 {
        errs.push(format!("name part {}", max_len_error(63)));
    }
    if !name.is_empty() && !is_alnum_dash_dot_underscore(name) {
        errs.push(format!(
            "name part {}",
            regex_error(
                QUALIFIED_NAME_MSG,
                QUALIFIED_NAME_FMT,
                &["MyName", "my.name", "123-abc"]
            )
        ));
    }
    errs
}

/// True when `value` is a valid qualified name.
pub fn is_qualified_name(value: &str) -> bool {
    qualified_name_errors(value).is_empty()
}

/// Errors for a label value: empty, or ≤63 characters of `[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?`.
pub fn label_value_errors(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > 63 {
        errs.push(max_len_error(63));
    }
    if !value.is_empty() && !is_alnum_dash_dot_underscore(value) {
        errs.push(regex_error(
            LABEL_VALUE_MSG,
            LABEL_VALUE_FMT,
            &["MyValue", "my_value", "12345"],
        ));
    }
    errs
}

/// True when `value` is a valid label value.
pub fn is_label_value(value: &str) -> bool {
    label_value_errors(value).is_empty()
}

/// Errors for an RFC 1123 label (container names, namespaces): ≤63, lower-case alphanumerics and `-`.
pub fn dns1123_label_errors(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > 63 {
        errs.push(max_len_error(63));
    }
    if !is_dns1123_label_syntax(value) {
        errs.push(regex_error(
            DNS1123_LABEL_MSG,
            DNS1123_LABEL_FMT,
            &["my-name", "123-abc"],
        ));
    }
    errs
}

/// Errors for an RFC 1123 subdomain (object names, label-key prefixes): ≤253, dot-separated labels.
pub fn dns1123_subdomain_errors(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > 253 {
        errs.push(max_len_error(253));
    }
    if value.is_empty() || !value.split('.').all(is_dns1123_label_syntax) {
        errs.push(regex_error(
            DNS1123_SUBDOMAIN_MSG,
            DNS1123_SUBDOMAIN_FMT,
            &["example.com"],
        ));
    }
    errs
}

/// Go's `strconv.ParseInt(s, 10, 64)`: optional sign, ASCII digits (leading zeros allowed),
/// nothing else.
pub fn parse_go_int64(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<i64>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualified_names() {
        for ok in [
            "a",
            "A_b.c-D",
            "example.com/MyName",
            "k8s.io/a",
            &"x".repeat(63),
        ] {
            assert!(is_qualified_name(ok), "{ok}");
        }
        assert_eq!(
            qualified_name_errors("/a"),
            vec!["prefix part must be non-empty"]
        );
        assert_eq!(
            qualified_name_errors("a/"),
            vec!["name part must be non-empty"]
        );
        assert!(qualified_name_errors("a/b/c")[0].starts_with("a qualified name must consist"));
        assert!(qualified_name_errors(&"x".repeat(64))[0].contains("no more than 63"));
        assert!(qualified_name_errors("-a")[0].contains("',  or 'my.name',  or '123-abc'"));
        assert!(
            qualified_name_errors("Upper.Case/x")[0]
                .starts_with("prefix part a lowercase RFC 1123 subdomain")
        );
    }

    #[test]
    fn label_values() {
        assert!(is_label_value(""));
        assert!(is_label_value("0206"));
        assert!(!is_label_value("-1"));
        assert!(!is_label_value("invalid value: ___@#$%^"));
        assert!(!is_label_value(&"v".repeat(64)));
    }

    #[test]
    fn dns_names() {
        assert!(dns1123_label_errors("agent").is_empty());
        assert!(dns1123_label_errors("a.b")[0].starts_with("a lowercase RFC 1123 label"));
        assert!(dns1123_subdomain_errors("a.b").is_empty());
        assert!(!dns1123_subdomain_errors("a..b").is_empty());
    }

    #[test]
    fn go_ints() {
        assert_eq!(parse_go_int64("0206"), Some(206));
        assert_eq!(parse_go_int64("-1"), Some(-1));
        assert_eq!(parse_go_int64("+5"), Some(5));
        assert_eq!(parse_go_int64("1.0"), None);
        assert_eq!(parse_go_int64(" 1"), None);
        assert_eq!(parse_go_int64(""), None);
        assert_eq!(parse_go_int64("99999999999999999999"), None);
    }
}
