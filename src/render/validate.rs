//! Rendering of `validate` reports: text (grouped by file, `file:line:col`), JSON/YAML (the
//! DESIGN.md shape), JUnit XML and SARIF 2.1.0.

use std::collections::BTreeMap;
use std::io::Write;

use serde_json::json;

use super::{Report, Style, Styles, Tone, io_err, write_json};
use crate::error::{Outcome, Result};
use crate::render::OutputFormat;
use crate::validate::{Finding, Severity, ValidateReport};

/// Validate's human forms; JSON and YAML come from the report's serde shape ([`super::emit`]).
impl Report for ValidateReport {
    fn human(&self, out: &mut dyn Write, format: OutputFormat, styles: &Styles) -> Result<()> {
        match format {
            OutputFormat::Junit => out.write_all(junit(self).as_bytes()).map_err(io_err),
            OutputFormat::Sarif => write_json(out, &sarif(self)),
            _ => out
                .write_all(text(self, &styles.out).as_bytes())
                .map_err(io_err),
        }
    }

    /// Exit 1 when a finding is an error.
    fn outcome(&self) -> Outcome {
        if self.valid {
            Outcome::Ok
        } else {
            Outcome::Found
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Human text: findings grouped by file, each `file:line:col: severity: field: message [rule]`,
/// then a summary line.
pub fn text(report: &ValidateReport, style: &Style) -> String {
    let mut s = String::new();
    let mut by_file: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in &report.findings {
        by_file.entry(f.file.as_str()).or_default().push(f);
    }
    for (file, findings) in &by_file {
        if !s.is_empty() {
            s.push('\n');
        }
        s.push_str(&style.paint(file, Tone::Bold));
        s.push('\n');
        for f in findings {
            let (label, tone) = match f.severity {
                Severity::Error => ("error", Tone::Bad),
                Severity::Warning => ("warning", Tone::Warn),
                Severity::Info => ("info", Tone::Dim),
            };
            let location = format!("{}:{}:{}:", f.file, f.line, f.column);
            let mut line = format!(
                "{} {}:",
                style.paint(&location, Tone::Dim),
                style.paint(label, tone)
            );
            if !f.field.is_empty() {
                line.push(' ');
                line.push_str(&f.field);
                line.push(':');
            }
            line.push(' ');
            line.push_str(&f.message);
            line.push_str(&style.paint(&format!(" [{}]", f.rule), Tone::Dim));
            if !f.object.is_empty() {
                line.push_str(&style.paint(&format!(" ({})", f.object), Tone::Dim));
            }
            s.push_str(&line);
            s.push('\n');
        }
    }
    if !s.is_empty() {
        s.push('\n');
    }
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    let verdict = if errors == 0 {
        style.paint("valid", Tone::Good)
    } else {
        style.paint("invalid", Tone::Bad)
    };
    s.push_str(&format!(
        "{verdict}: {}, {} ({}), {}, {}\n",
        plural(report.files, "file"),
        plural(report.documents, "document"),
        plural(report.daemonsets, "DaemonSet"),
        plural(errors, "error"),
        plural(warnings, "warning"),
    ));
    s
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {
                out.push_str(&format!("&#x{:x};", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

fn one_line(f: &Finding) -> String {
    let field = if f.field.is_empty() {
        String::new()
    } else {
        format!("{}: ", f.field)
    };
    format!(
        "{}:{}:{}: {}: {field}{} [{}]",
        f.file,
        f.line,
        f.column,
        f.severity.as_str(),
        f.message,
        f.rule
    )
}

/// JUnit XML: one test suite per file, one test case per object (or per file-level problem);
/// errors are failures, warnings and hints go to `system-out`.
pub fn junit(report: &ValidateReport) -> String {
    let mut suites: BTreeMap<&str, BTreeMap<(usize, &str), Vec<&Finding>>> = BTreeMap::new();
    for f in &report.findings {
        suites
            .entry(f.file.as_str())
            .or_default()
            .entry((f.document, f.object.as_str()))
            .or_default()
            .push(f);
    }
    let total_failures = report.count(Severity::Error);
    let total_cases: usize = suites.values().map(BTreeMap::len).sum();
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str(&format!(
        "<testsuites name=\"kubectl-ds validate\" tests=\"{}\" failures=\"{total_failures}\">\n",
        total_cases.max(1)
    ));
    if suites.is_empty() {
        s.push_str(&format!(
            "  <testsuite name=\"validate\" tests=\"1\" failures=\"0\">\n    <testcase classname=\"validate\" name=\"{} valid\"/>\n  </testsuite>\n",
            plural(report.documents, "document")
        ));
    }
    for (file, cases) in &suites {
        let failures = cases
            .values()
            .filter(|fs| fs.iter().any(|f| f.severity == Severity::Error))
            .count();
        s.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\">\n",
            xml_escape(file),
            cases.len()
        ));
        for ((doc, object), fs) in cases {
            let name = if object.is_empty() {
                format!("document {doc}")
            } else {
                format!("document {doc}: {object}")
            };
            s.push_str(&format!(
                "    <testcase classname=\"{}\" name=\"{}\">\n",
                xml_escape(file),
                xml_escape(&name)
            ));
            let errors: Vec<&&Finding> = fs
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .collect();
            if let Some(first) = errors.first() {
                s.push_str(&format!(
                    "      <failure message=\"{}\" type=\"{}\">",
                    xml_escape(&first.message),
                    xml_escape(&first.rule)
                ));
                let body: Vec<String> = errors.iter().map(|f| xml_escape(&one_line(f))).collect();
                s.push_str(&body.join("\n"));
                s.push_str("</failure>\n");
            }
            let others: Vec<String> = fs
                .iter()
                .filter(|f| f.severity != Severity::Error)
                .map(|f| xml_escape(&one_line(f)))
                .collect();
            if !others.is_empty() {
                s.push_str(&format!(
                    "      <system-out>{}</system-out>\n",
                    others.join("\n")
                ));
            }
            s.push_str("    </testcase>\n");
        }
        s.push_str("  </testsuite>\n");
    }
    s.push_str("</testsuites>\n");
    s
}

/// SARIF 2.1.0 with one run, the rules that fired, and one result per finding.
pub fn sarif(report: &ValidateReport) -> serde_json::Value {
    let mut rules: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
    rules.sort();
    rules.dedup();
    let rule_objs: Vec<_> = rules
        .iter()
        .map(|r| {
            let summary = crate::validate::lints::RULES
                .iter()
                .find(|l| l.id == *r)
                .map_or_else(|| rule_summary(r).to_string(), |l| l.summary.to_string());
            json!({
                "id": r,
                "shortDescription": {"text": summary},
                "helpUri": "https://github.com/kubectl-ds/kubectl-ds/blob/main/docs/validate.md",
            })
        })
        .collect();
    let results: Vec<_> = report
        .findings
        .iter()
        .map(|f| {
            let level = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "note",
            };
            let mut logical = Vec::new();
            if !f.field.is_empty() {
                logical.push(json!({"fullyQualifiedName": format!("{}:{}", f.object, f.field), "kind": "member"}));
            }
            json!({
                "ruleId": f.rule,
                "ruleIndex": rules.iter().position(|r| *r == f.rule).unwrap_or(0),
                "level": level,
                "message": {"text": if f.field.is_empty() { f.message.clone() } else { format!("{}: {}", f.field, f.message) }},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.file.trim_start_matches("./")},
                        "region": {"startLine": f.line.max(1), "startColumn": f.column.max(1)},
                    },
                    "logicalLocations": logical,
                }],
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "kubectl-ds",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/kubectl-ds/kubectl-ds",
                "rules": rule_objs,
            }},
            "results": results,
        }],
    })
}

fn rule_summary(rule: &str) -> &'static str {
    match rule {
        "yaml-syntax" => "the input is not valid YAML/JSON",
        "yaml-duplicate-key" => "a mapping key is written twice",
        "unknown-field" => "a field the API does not know (rejected by strict field validation)",
        "type-mismatch" => {
            "a value of the wrong JSON type: the API server cannot decode the object"
        }
        "removed-api-version" => "a DaemonSet API version that current servers no longer serve",
        "placement-no-nodes" => "the DaemonSet would run on no node of the cluster",
        "placement-does-not-fit" => "the pod would not fit on some nodes that want it",
        r if r.starts_with("api-") => "the API server rejects this field (upstream validation)",
        _ => "validation finding",
    }
}
