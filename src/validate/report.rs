//! The result of one `validate` run over all its inputs: what `-o json` prints (DESIGN.md's
//! shape), and what render's text, JUnit and SARIF forms are made from.

use serde::Serialize;

use super::{FileReport, Finding, Severity};

/// Counts and findings of a run, findings in file, document and line order.
#[derive(Debug, Default, Serialize)]
pub struct ValidateReport {
    pub valid: bool,
    pub files: usize,
    pub documents: usize,
    pub findings: Vec<Finding>,
    /// DaemonSets among the documents (not serialized: the JSON shape is fixed).
    #[serde(skip)]
    pub daemonsets: usize,
}

impl ValidateReport {
    pub fn count(&self, sev: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == sev).count()
    }

    /// Count one input and take its findings.
    pub fn add(&mut self, file: FileReport) {
        self.files += 1;
        self.documents += file.documents;
        self.daemonsets += file.daemonsets;
        self.findings.extend(file.findings);
    }

    /// Put the findings in reading order and decide the verdict: valid when no finding is an
    /// error (warnings are errors only under `--strict`, which made them so).
    pub fn finish(mut self) -> Self {
        self.findings.sort_by(|a, b| {
            (&a.file, a.document, a.line, a.column).cmp(&(&b.file, b.document, b.line, b.column))
        });
        self.valid = self.count(Severity::Error) == 0;
        self
    }
}
