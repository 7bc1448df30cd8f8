//! Fleet runs (several kubeconfig contexts): every cluster's answer, sorted by context, with a
//! CONTEXT column where the single-cluster answer is a table, a section per cluster where it is
//! not, and one summary line; a failed cluster is a row with its error, never a reason to
//! withhold the others. JSON/YAML: `{"clusters": [{"context", "server", "result", "error"}]}`.

use std::io::Write;

use comfy_table::Cell;
use serde::Serialize;

use super::{OutputFormat, Report, Style, Styles, Tone, drop_to_fit, io_err, table, write_table};
use crate::cluster::Member;
use crate::error::{ApiErrorKind, Error, Outcome, Result};
use crate::placement::overview::{ListReport, RolloutState};
use crate::placement::what_if::WhatIfReport;
use crate::placement::{Explanation, WhyNotReport};
use crate::rollout::StatusReport;
use crate::rollout::diff::{Change, DiffReport};
use crate::rollout::history::HistoryReport;
use crate::validate::ValidateReport;

/// What a fleet run answered, one entry per cluster, sorted by context.
#[derive(Debug, Serialize)]
pub struct FleetReport<R> {
    pub clusters: Vec<ClusterAnswer<R>>,
}

/// One cluster's answer: its single-cluster report, or why there is none.
#[derive(Debug, Serialize)]
pub struct ClusterAnswer<R> {
    pub context: String,
    pub server: String,
    pub result: Option<R>,
    pub error: Option<ClusterError>,
}

/// Why a cluster has no answer: the message the single-cluster run would print after `error:`,
/// and the exit code it would have had.
#[derive(Debug, Serialize)]
pub struct ClusterError {
    pub message: String,
    pub exit: i32,
    /// One or two words for the summary line (`unreachable`, `forbidden`, `timed out`, …).
    #[serde(skip)]
    pub what: &'static str,
}

impl ClusterError {
    pub fn new(e: &Error) -> Self {
        let what = match e {
            Error::Api { kind, .. } => match kind {
                ApiErrorKind::Unreachable | ApiErrorKind::Tls => "unreachable",
                ApiErrorKind::Timeout => "timed out",
                ApiErrorKind::Forbidden => "forbidden",
                ApiErrorKind::Unauthorized | ApiErrorKind::Credentials => "unauthorized",
                ApiErrorKind::NotFound => "not served",
                _ => "failed",
            },
            Error::NotFound(_) => "not found",
            Error::Config(_) => "not configured",
            Error::Refused(_) => "refused",
            _ => "failed",
        };
        ClusterError {
            message: e.to_string(),
            exit: e.exit_code(),
            what,
        }
    }
}

impl<R> ClusterAnswer<R> {
    pub fn new(member: Member, result: Result<R>) -> Self {
        let (result, error) = match result {
            Ok(r) => (Some(r), None),
            Err(e) => (None, Some(ClusterError::new(&e))),
        };
        ClusterAnswer {
            context: member.context,
            server: member.server,
            result,
            error,
        }
    }
}

/// How one cluster's answer reads in the summary line: a word (`complete`, `progressing`,
/// `ok`, `differs`) and, for answers worth naming, a detail (`4 nodes behind`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub word: String,
    pub detail: Option<String>,
}

impl Verdict {
    pub fn new(word: impl Into<String>, detail: Option<String>) -> Self {
        Verdict {
            word: word.into(),
            detail,
        }
    }
}

/// One table of a fleet answer, before the CONTEXT column is added.
pub struct Rows {
    pub header: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
    /// Columns to drop, least useful first, on a terminal too narrow for all of them.
    pub drop_order: &'static [&'static str],
}

/// A context and the detail the summary names it with.
type Named = (String, Option<String>);

/// What a single-cluster report must offer to be shown in a fleet.
pub trait FleetMember: Report {
    /// The summary line's word for this answer; by default from its exit status.
    fn verdict(&self) -> Verdict {
        match self.outcome() {
            Outcome::Ok => Verdict::new("ok", None),
            _ => Verdict::new("found", None),
        }
    }

    /// The answer as tables whose rows take a CONTEXT column (one fleet table per entry, every
    /// cluster's rows together); `None` (the default): the answer is printed as it is, under a
    /// heading naming the cluster.
    fn rows(&self, _format: OutputFormat, _style: &Style) -> Option<Vec<Rows>> {
        None
    }

    /// What could not be read (printed as `note: CONTEXT: …` on stderr in table mode).
    fn notes(&self) -> &[String] {
        &[]
    }
}

impl<R: FleetMember> FleetReport<R> {
    /// Answers sorted by context.
    pub fn new(mut clusters: Vec<ClusterAnswer<R>>) -> Self {
        clusters.sort_by(|a, b| a.context.cmp(&b.context));
        FleetReport { clusters }
    }

    /// `12 clusters: 10 complete, 1 progressing (eu-3: 4 nodes behind), 1 unreachable (ap-2)`.
    pub fn summary(&self) -> String {
        // (word, is an error, contexts with their details), in order of first appearance,
        // answers before failures.
        let mut groups: Vec<(String, bool, Vec<Named>)> = Vec::new();
        for c in &self.clusters {
            let (word, failed, detail) = match (&c.result, &c.error) {
                (Some(r), _) => {
                    let v = r.verdict();
                    (v.word, false, v.detail)
                }
                (None, Some(e)) => (e.what.to_string(), true, None),
                (None, None) => ("failed".to_string(), true, None),
            };
            match groups.iter_mut().find(|g| g.0 == word && g.1 == failed) {
                Some(g) => g.2.push((c.context.clone(), detail)),
                None => groups.push((word, failed, vec![(c.context.clone(), detail)])),
            }
        }
        // fine answers first, then those with something to name, then the failures
        groups.sort_by_key(|g| (g.1, g.2.iter().any(|(_, d)| d.is_some())));
        let n = self.clusters.len();
        let parts: Vec<String> = groups
            .iter()
            .map(|(word, failed, members)| {
                let named: Vec<String> = members
                    .iter()
                    .filter(|(_, d)| *failed || d.is_some())
                    .map(|(ctx, d)| match d {
                        Some(d) => format!("{ctx}: {d}"),
                        None => ctx.clone(),
                    })
                    .collect();
                let shown = named.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
                let more = if named.len() > 3 {
                    format!(", {} more", named.len() - 3)
                } else {
                    String::new()
                };
                if named.is_empty() {
                    format!("{} {word}", members.len())
                } else {
                    format!("{} {word} ({shown}{more})", members.len())
                }
            })
            .collect();
        format!(
            "{n} cluster{}: {}",
            if n == 1 { "" } else { "s" },
            parts.join(", ")
        )
    }

    fn human_tables(
        &self,
        out: &mut dyn Write,
        format: OutputFormat,
        styles: &Styles,
        tables: Vec<Vec<(String, Rows)>>,
    ) -> Result<()> {
        let style = &styles.out;
        for (i, parts) in tables.into_iter().enumerate() {
            let Some(first) = parts.first() else {
                continue;
            };
            let mut header = vec!["context"];
            header.extend(first.1.header.iter().copied());
            let drop_order = first.1.drop_order;
            // In context order; in the first table, the clusters without an answer are rows
            // too, with their error in the last column.
            let mut rows = Vec::new();
            for c in &self.clusters {
                if let Some((_, part)) = parts.iter().find(|(ctx, _)| *ctx == c.context) {
                    for r in &part.rows {
                        let mut row = vec![Cell::new(&c.context)];
                        row.extend(r.iter().cloned());
                        rows.push(row);
                    }
                } else if let (0, Some(e)) = (i, &c.error) {
                    let mut row = vec![Cell::new(&c.context)];
                    row.extend((2..header.len()).map(|_| Cell::new("-")));
                    row.push(style.cell(&format!("error: {}", e.message), Tone::Bad));
                    rows.push(row);
                }
            }
            if rows.is_empty() {
                continue;
            }
            if i > 0 {
                writeln!(out).map_err(io_err)?;
            }
            if format != OutputFormat::Wide {
                drop_to_fit(style, &mut header, &mut rows, drop_order);
            }
            let mut t = table(style, &header);
            t.add_rows(rows);
            write_table(out, &mut t)?;
        }
        let mut err = std::io::stderr().lock();
        for c in &self.clusters {
            for note in c.result.as_ref().map_or(&[][..], |r| r.notes()) {
                writeln!(
                    err,
                    "{} {}: {note}",
                    styles.err.paint("note:", Tone::Warn),
                    c.context
                )
                .map_err(io_err)?;
            }
        }
        Ok(())
    }
}

impl<R: FleetMember> Report for FleetReport<R> {
    fn human(&self, out: &mut dyn Write, format: OutputFormat, styles: &Styles) -> Result<()> {
        let style = &styles.out;
        // Tables when every answer is one; else a section per cluster.
        let mut tables: Option<Vec<Vec<(String, Rows)>>> = Some(Vec::new());
        for c in &self.clusters {
            let Some(r) = &c.result else { continue };
            match (r.rows(format.clone(), style), tables.as_mut()) {
                (Some(parts), Some(t)) => {
                    for (i, part) in parts.into_iter().enumerate() {
                        if t.len() <= i {
                            t.push(Vec::new());
                        }
                        t[i].push((c.context.clone(), part));
                    }
                }
                _ => tables = None,
            }
        }
        match tables {
            Some(t) if !t.is_empty() => self.human_tables(out, format.clone(), styles, t)?,
            _ => {
                for (i, c) in self.clusters.iter().enumerate() {
                    if i > 0 {
                        writeln!(out).map_err(io_err)?;
                    }
                    let heading = format!("== {} ({}) ==", c.context, c.server);
                    writeln!(out, "{}", style.paint(&heading, Tone::Bold)).map_err(io_err)?;
                    match (&c.result, &c.error) {
                        (Some(r), _) => r.human(out, format.clone(), styles)?,
                        (None, Some(e)) => {
                            writeln!(
                                out,
                                "{}",
                                style.paint(&format!("error: {}", e.message), Tone::Bad)
                            )
                            .map_err(io_err)?;
                        }
                        (None, None) => {}
                    }
                }
            }
        }
        writeln!(out, "\n{}", style.paint(&self.summary(), Tone::Bold)).map_err(io_err)
    }

    /// The most severe of the clusters' exit codes: 3 when one could not be read, else 1 when
    /// one found what was asked, else 0.
    fn outcome(&self) -> Outcome {
        let worst = self
            .clusters
            .iter()
            .map(|c| match (&c.result, &c.error) {
                (_, Some(e)) => e.exit,
                (Some(r), None) => r.outcome().exit_code(),
                (None, None) => crate::error::EXIT_ENV,
            })
            .max()
            .unwrap_or(0);
        match worst {
            0 => Outcome::Ok,
            1 => Outcome::Found,
            _ => Outcome::Unread,
        }
    }
}

/// `rollout status` in a fleet: the status report (its JSON is the single-cluster one), and
/// whether `--timeout` passed before the rollout was done (exit 1 for this cluster).
#[derive(Debug, Serialize)]
pub struct FleetStatus {
    #[serde(flatten)]
    pub report: StatusReport,
    #[serde(skip)]
    pub timed_out: bool,
}

impl FleetStatus {
    pub fn new(report: StatusReport, timed_out: bool) -> Self {
        FleetStatus { report, timed_out }
    }
}

impl Report for FleetStatus {
    fn human(&self, out: &mut dyn Write, format: OutputFormat, styles: &Styles) -> Result<()> {
        self.report.human(out, format, styles)
    }

    fn outcome(&self) -> Outcome {
        if self.timed_out {
            Outcome::Found
        } else {
            Outcome::Ok
        }
    }
}

impl FleetMember for FleetStatus {
    fn verdict(&self) -> Verdict {
        let r = &self.report;
        if r.done {
            return Verdict::new("complete", None);
        }
        let behind = if r.blocking_nodes.is_empty() {
            usize::try_from(r.desired - r.updated.min(r.available)).unwrap_or(0)
        } else {
            r.blocking_nodes.len()
        };
        let word = if self.timed_out {
            "not complete in time"
        } else {
            "progressing"
        };
        let detail = match behind {
            0 => None,
            1 => Some("1 node behind".to_string()),
            n => Some(format!("{n} nodes behind")),
        };
        Verdict::new(word, detail)
    }

    fn rows(&self, _: OutputFormat, style: &Style) -> Option<Vec<Rows>> {
        let r = &self.report;
        let (word, tone) = if r.done {
            ("complete", Tone::Good)
        } else {
            ("progressing", Tone::Warn)
        };
        let status = Rows {
            header: vec!["rollout", "updated", "available", "message"],
            rows: vec![vec![
                style.cell(word, tone),
                Cell::new(format!("{}/{}", r.updated, r.desired)),
                Cell::new(format!("{}/{}", r.available, r.desired)),
                Cell::new(&r.message),
            ]],
            drop_order: &["available", "updated"],
        };
        let blockers = Rows {
            header: vec!["node", "state", "reason"],
            rows: r
                .blocking_nodes
                .iter()
                .map(|b| {
                    vec![
                        Cell::new(&b.node),
                        style.cell(b.state.as_str(), super::placement::state_tone(b.state)),
                        Cell::new(&b.reason),
                    ]
                })
                .collect(),
            drop_order: &[],
        };
        Some(vec![status, blockers])
    }

    fn notes(&self) -> &[String] {
        &self.report.caveats
    }
}

/// `list` (and `explain-placement` without a DaemonSet) in a fleet: a CONTEXT column.
impl FleetMember for ListReport {
    fn verdict(&self) -> Verdict {
        if self.items.is_empty() {
            return Verdict::new("without DaemonSets", None);
        }
        let behind = self
            .items
            .iter()
            .filter(|o| o.rollout != RolloutState::Complete)
            .count();
        match behind {
            0 => Verdict::new("all complete", None),
            n => Verdict::new(
                "not all complete",
                Some(format!("{n} DaemonSet{} not complete", plural(n))),
            ),
        }
    }

    fn rows(&self, _: OutputFormat, style: &Style) -> Option<Vec<Rows>> {
        let (header, rows) = super::list::list_rows(self, style);
        Some(vec![Rows {
            header,
            rows,
            drop_order: super::list::DROP_ORDER,
        }])
    }

    fn notes(&self) -> &[String] {
        &self.caveats
    }
}

/// `explain-placement DS` in a fleet: every cluster's nodes under one CONTEXT column.
impl FleetMember for Explanation {
    fn verdict(&self) -> Verdict {
        let s = &self.summary;
        let short = s.desired.saturating_sub(s.available.min(s.updated)) + s.misscheduled;
        match short {
            0 => Verdict::new("placed", None),
            n => Verdict::new(
                "not placed",
                Some(format!("{n} node{} need action", plural(n))),
            ),
        }
    }

    fn rows(&self, format: OutputFormat, style: &Style) -> Option<Vec<Rows>> {
        let (header, rows) = super::placement::explain_rows(self, format, style);
        Some(vec![Rows {
            header,
            rows,
            drop_order: super::placement::EXPLAIN_DROP_ORDER,
        }])
    }

    fn notes(&self) -> &[String] {
        &self.caveats
    }
}

/// `why-not NODE` in a fleet: a section per cluster that has the node.
impl FleetMember for WhyNotReport {
    fn verdict(&self) -> Verdict {
        use crate::placement::PodState::{Misscheduled, Running};
        let need = self
            .results
            .iter()
            .filter(|v| (v.should_run && v.state != Running) || v.state == Misscheduled)
            .count();
        match need {
            0 => Verdict::new("fine", None),
            n => Verdict::new("need action", Some(format!("{n} DaemonSet{}", plural(n)))),
        }
    }
}

impl FleetMember for WhatIfReport {
    fn verdict(&self) -> Verdict {
        match self
            .daemon_sets
            .iter()
            .map(|d| d.nodes.len())
            .sum::<usize>()
        {
            0 => Verdict::new("unaffected", None),
            n => Verdict::new("affected", Some(format!("{n} node effect{}", plural(n)))),
        }
    }
}

impl FleetMember for ValidateReport {
    fn verdict(&self) -> Verdict {
        if self.valid {
            Verdict::new("valid", None)
        } else {
            let n = self.findings.len();
            Verdict::new("invalid", Some(format!("{n} finding{}", plural(n))))
        }
    }
}

/// `rollout history` in a fleet: clusters grouped by their current revision in the summary.
impl FleetMember for HistoryReport {
    fn verdict(&self) -> Verdict {
        match self.history.current {
            Some(n) => Verdict::new(format!("at revision {n}"), None),
            None => Verdict::new("at no recorded revision", None),
        }
    }
}

/// `diff-revision` in a fleet: each cluster's diff, and whether its live template is the one
/// most clusters run (the "majority"); JSON keeps the single-cluster shape.
#[derive(Debug)]
pub struct FleetDiff {
    pub diff: DiffReport,
    /// The live pod template, normalised (what clusters are compared by).
    pub template: serde_json::Value,
    /// How the live template differs from the majority's; `None` when it is the majority's
    /// (or there is no majority to compare with).
    pub vs_majority: Option<Vec<Change>>,
}

impl Serialize for FleetDiff {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.diff.serialize(s)
    }
}

impl Report for FleetDiff {
    fn human(&self, out: &mut dyn Write, format: OutputFormat, styles: &Styles) -> Result<()> {
        self.diff.human(out, format, styles)?;
        if let Some(changes) = &self.vs_majority {
            let style = &styles.out;
            writeln!(
                out,
                "{}",
                style.paint(
                    &format!(
                        "live template differs from the majority's ({} change{}):",
                        changes.len(),
                        plural(changes.len())
                    ),
                    Tone::Warn
                )
            )
            .map_err(io_err)?;
            for c in changes {
                writeln!(out, "  {}", super::change_line(style, c)).map_err(io_err)?;
            }
        }
        Ok(())
    }

    fn outcome(&self) -> Outcome {
        self.diff.outcome()
    }
}

impl FleetMember for FleetDiff {
    fn verdict(&self) -> Verdict {
        match &self.vs_majority {
            None => Verdict::new("same template", None),
            Some(c) => Verdict::new(
                "differ from the majority",
                Some(format!("{} change{}", c.len(), plural(c.len()))),
            ),
        }
    }
}

/// `snapshot` in a fleet: the file written for each context.
#[derive(Debug, Serialize)]
pub struct Written {
    pub file: String,
    pub objects: usize,
}

impl Report for Written {
    fn human(&self, out: &mut dyn Write, _: OutputFormat, _: &Styles) -> Result<()> {
        writeln!(out, "{} ({} objects)", self.file, self.objects).map_err(io_err)
    }
}

impl FleetMember for Written {
    fn verdict(&self) -> Verdict {
        Verdict::new("written", None)
    }

    fn rows(&self, _: OutputFormat, _: &Style) -> Option<Vec<Rows>> {
        Some(vec![Rows {
            header: vec!["objects", "file"],
            rows: vec![vec![Cell::new(self.objects), Cell::new(&self.file)]],
            drop_order: &[],
        }])
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// While a fleet run waits: `answered 7/20 clusters (waiting: eu-3, ap-2, …)` on stderr, redrawn,
/// on a terminal only (nothing when stderr is piped), cleared when done.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    waiting: std::cell::RefCell<Vec<String>>,
}

impl Progress {
    pub fn new(styles: &Styles, contexts: &[String]) -> Self {
        let bar = styles.err.animate().then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(contexts.len() as u64),
                indicatif::ProgressDrawTarget::stderr(),
            );
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} answered {pos}/{len} clusters {msg}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar.enable_steady_tick(std::time::Duration::from_millis(200));
            bar
        });
        let p = Progress {
            bar,
            waiting: std::cell::RefCell::new(contexts.to_vec()),
        };
        p.redraw();
        p
    }

    /// Cluster `context` answered (or failed).
    pub fn answered(&self, context: &str) {
        self.waiting.borrow_mut().retain(|c| c != context);
        if let Some(b) = &self.bar {
            b.inc(1);
        }
        self.redraw();
    }

    fn redraw(&self) {
        let Some(b) = &self.bar else { return };
        let waiting = self.waiting.borrow();
        let mut names: Vec<&str> = waiting.iter().take(3).map(String::as_str).collect();
        if waiting.len() > 3 {
            names.push("…");
        }
        b.set_message(if waiting.is_empty() {
            String::new()
        } else {
            format!("(waiting: {})", names.join(", "))
        });
    }

    /// A watched cluster's status changed: `CONTEXT: message` on stderr (above the bar on a
    /// terminal), as `rollout status` prints each change.
    pub fn changed(&self, context: &str, message: &str) {
        let line = format!("{context}: {message}");
        match &self.bar {
            Some(b) => b.println(line),
            None => {
                let _ = writeln!(std::io::stderr().lock(), "{line}");
            }
        }
    }

    /// Clear the line (before the answers are printed).
    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Answer(&'static str, Option<&'static str>);

    impl Report for Answer {
        fn human(&self, out: &mut dyn Write, _: OutputFormat, _: &Styles) -> Result<()> {
            writeln!(out, "{}", self.0).map_err(io_err)
        }
    }

    impl FleetMember for Answer {
        fn verdict(&self) -> Verdict {
            Verdict::new(self.0, self.1.map(String::from))
        }
    }

    fn member(name: &str) -> Member {
        Member {
            context: name.into(),
            server: format!("https://{name}"),
        }
    }

    fn unreachable() -> Error {
        Error::Api {
            kind: ApiErrorKind::Unreachable,
            message: "cannot reach".into(),
            source: None,
        }
    }

    #[test]
    fn summary_names_what_is_not_fine_and_sorts_by_context() {
        let report = FleetReport::new(vec![
            ClusterAnswer::new(
                member("eu-3"),
                Ok(Answer("progressing", Some("4 nodes behind"))),
            ),
            ClusterAnswer::new(member("ap-2"), Err(unreachable())),
            ClusterAnswer::new(member("eu-1"), Ok(Answer("complete", None))),
            ClusterAnswer::new(member("eu-2"), Ok(Answer("complete", None))),
        ]);
        let order: Vec<&str> = report.clusters.iter().map(|c| c.context.as_str()).collect();
        assert_eq!(order, ["ap-2", "eu-1", "eu-2", "eu-3"]);
        assert_eq!(
            report.summary(),
            "4 clusters: 2 complete, 1 progressing (eu-3: 4 nodes behind), 1 unreachable (ap-2)"
        );
        assert_eq!(report.outcome(), Outcome::Unread);
    }

    fn status(done: bool, updated: i32, blockers: usize) -> StatusReport {
        StatusReport {
            daemon_set: crate::placement::DsRef {
                namespace: "logging".into(),
                name: "fluentd".into(),
            },
            strategy: Some("RollingUpdate".into()),
            message: String::new(),
            done,
            desired: 5,
            updated,
            available: updated,
            blocking_nodes: (0..blockers)
                .map(|i| crate::rollout::Blocker {
                    node: format!("n{i}"),
                    state: crate::placement::PodState::Outdated,
                    pod: None,
                    reason: String::new(),
                })
                .collect(),
            why: None,
            caveats: Vec::new(),
        }
    }

    #[test]
    fn rollout_words_count_the_nodes_behind() {
        let v = |r, timed_out| FleetStatus::new(r, timed_out).verdict();
        assert_eq!(v(status(true, 5, 0), false), Verdict::new("complete", None));
        assert_eq!(
            v(status(false, 1, 4), false),
            Verdict::new("progressing", Some("4 nodes behind".into()))
        );
        // blockers not read (RBAC): the counters say how many
        assert_eq!(
            v(status(false, 4, 0), false),
            Verdict::new("progressing", Some("1 node behind".into()))
        );
        let late = FleetStatus::new(status(false, 3, 2), true);
        assert_eq!(late.outcome(), Outcome::Found);
        assert_eq!(
            late.verdict(),
            Verdict::new("not complete in time", Some("2 nodes behind".into()))
        );
    }

    #[test]
    fn the_worst_exit_wins() {
        let found = FleetReport::new(vec![
            ClusterAnswer::new(member("a"), Ok(Answer("complete", None))),
            ClusterAnswer::new(member("b"), Err(Error::Refused("timed out".into()))),
        ]);
        assert_eq!(found.outcome(), Outcome::Found);
        let fine: FleetReport<Answer> = FleetReport::new(vec![ClusterAnswer::new(
            member("a"),
            Ok(Answer("ok", None)),
        )]);
        assert_eq!(fine.outcome(), Outcome::Ok);
        assert_eq!(fine.summary(), "1 cluster: 1 ok");
    }

    #[test]
    fn errors_keep_their_message_and_exit_in_json() {
        let report: FleetReport<Answer> =
            FleetReport::new(vec![ClusterAnswer::new(member("a"), Err(unreachable()))]);
        let v = serde_json::to_value(&report).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"clusters": [{"context": "a", "server": "https://a",
                "result": null, "error": {"message": "cannot reach", "exit": 3}}]})
        );
    }
}
