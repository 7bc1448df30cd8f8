//! Table-driven API-parity cases: every file under tests/data/validate/cases/ is one DaemonSet
//! with a header naming the rule (spec/rollout-validate.md §6), the exact error field paths the
//! API server reports (`# errors:`, with repeats), a message fragment, and optionally the
//! unknown-field warnings.

use std::path::Path;

use kubectl_ds::validate::{Options, Severity, validate_text};

struct Case {
    name: String,
    errors: Vec<String>,
    message: Option<String>,
    warnings: Option<Vec<String>>,
    text: String,
}

fn split_list(s: &str) -> Vec<String> {
    let mut v: Vec<String> = s
        .split(", ")
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(String::from)
        .collect();
    v.sort();
    v
}

fn load(path: &Path) -> Case {
    let text = std::fs::read_to_string(path).unwrap();
    let mut case = Case {
        name: path.file_name().unwrap().to_string_lossy().into_owned(),
        errors: Vec::new(),
        message: None,
        warnings: None,
        text: text.clone(),
    };
    let mut saw_errors = false;
    for line in text.lines().take_while(|l| l.starts_with('#')) {
        if let Some(e) = line.strip_prefix("# errors:") {
            case.errors = split_list(e);
            saw_errors = true;
        } else if let Some(m) = line.strip_prefix("# message: ") {
            case.message = Some(m.to_string());
        } else if let Some(w) = line.strip_prefix("# warnings:") {
            case.warnings = Some(split_list(w));
        }
    }
    assert!(saw_errors, "{}: no `# errors:` header", case.name);
    case
}

fn cases() -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/validate/cases");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files.iter().map(|p| load(p)).collect()
}

#[test]
fn every_case_reports_exactly_the_upstream_error_paths() {
    let cases = cases();
    assert!(cases.len() >= 80, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let report = validate_text(&c.name, &c.text, &Options::default());
        let mut got: Vec<String> = report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.field.clone())
            .collect();
        got.sort();
        if got != c.errors {
            failures.push(format!(
                "{}: errors {:?}, want {:?}\n    {:#?}",
                c.name,
                got,
                c.errors,
                report
                    .findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                    .map(|f| format!("{}: {}", f.field, f.message))
                    .collect::<Vec<_>>()
            ));
            continue;
        }
        if let Some(m) = &c.message
            && !report
                .findings
                .iter()
                .any(|f| f.message.contains(m.as_str()))
        {
            failures.push(format!(
                "{}: no message contains {m:?}: {:?}",
                c.name,
                report
                    .findings
                    .iter()
                    .map(|f| &f.message)
                    .collect::<Vec<_>>()
            ));
        }
        if let Some(w) = &c.warnings {
            let mut got: Vec<String> = report
                .findings
                .iter()
                .filter(|f| f.rule == "unknown-field")
                .map(|f| f.field.clone())
                .collect();
            got.sort();
            if &got != w {
                failures.push(format!("{}: unknown fields {got:?}, want {w:?}", c.name));
            }
        }
        // Every error points into the file.
        for f in &report.findings {
            assert!(f.line >= 1 && f.column >= 1, "{}: {f:?}", c.name);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn strict_turns_unknown_fields_into_errors() {
    let c = cases()
        .into_iter()
        .find(|c| c.name == "unknown-field.yaml")
        .unwrap();
    let strict = Options {
        strict: true,
        ..Default::default()
    };
    let report = validate_text(&c.name, &c.text, &strict);
    let errs: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.field.as_str())
        .collect();
    assert!(errs.contains(&"spec.serviceName"), "{errs:?}");
}
