//! Rendering of placement results (`explain-placement`, `why-not-scheduled`).

use std::collections::HashMap;
use std::io::Write;

use comfy_table::Cell;

use super::{Report, Style, Styles, Tone, drop_to_fit, io_err, table, write_table};
use crate::error::Result;
use crate::placement::evidence::{self, Evidence};
use crate::placement::node::NodeHeader;
use crate::placement::{Explanation, NodeVerdict, PodState, WhyNotReport};
use crate::render::OutputFormat;

/// The controller's decision. "pod may stay" only where there is a pod to stay: on a node
/// without one it would suggest a pod that is not there.
fn wanted(v: &NodeVerdict) -> &'static str {
    match (v.should_run, v.should_continue_running) {
        (true, _) => "yes",
        (false, true) if v.pod.is_some() => "no (pod may stay)",
        (false, _) => "no",
    }
}

/// The colour of a pod state: green running, dim not wanted, yellow on its way, red broken.
pub fn state_tone(state: PodState) -> Tone {
    match state {
        PodState::Running => Tone::Good,
        PodState::NotWanted => Tone::Dim,
        PodState::Outdated | PodState::Pending | PodState::Terminating => Tone::Warn,
        _ => Tone::Bad,
    }
}

/// The state as painted text (outside tables).
fn state_text(v: &NodeVerdict, style: &Style) -> String {
    style.paint(v.state.as_str(), state_tone(v.state))
}

/// The state as a table cell.
fn state_cell(v: &NodeVerdict, style: &Style) -> Cell {
    style.cell(v.state.as_str(), state_tone(v.state))
}

/// The reason to show: the first failing check, `Check: message`. A node without a pod says
/// what will happen: live, the controller creates one; in a `-f` preview nothing exists yet, so
/// it is what would happen once applied.
pub fn reason(v: &NodeVerdict, preview: bool) -> String {
    if let Some(e) = evidence::telling(v) {
        return evidence_text(e);
    }
    match v.first_failure() {
        Some(c) => match &v.preemption {
            Some(p) => format!("{}: {} — {}", c.name.as_str(), c.message, p.message),
            None => format!("{}: {}", c.name.as_str(), c.message),
        },
        None if v.state == PodState::Missing && preview => {
            "would run here once applied (the pod fits)".into()
        }
        None if v.state == PodState::Missing => {
            "no daemon pod on the node yet; the controller creates one on its next sync".into()
        }
        None => String::new(),
    }
}

/// `FailedCreate: Error creating: … (event, 3 times, 2024-05-01T10:00:00Z)`, and where it
/// contradicts the prediction, says so.
pub fn evidence_text(e: &Evidence) -> String {
    let mut meta = vec![e.source.to_string()];
    if e.count > 1 {
        meta.push(format!("{} times", e.count));
    }
    if let Some(t) = &e.time {
        meta.push(t.clone());
    }
    let mut text = format!("{}: {} ({})", e.reason, e.message, meta.join(", "));
    if !e.agrees {
        text.push_str(" — the cluster contradicts the prediction that the pod fits");
    }
    text
}

/// The report's caveats, then each node verdict's (each once, with the rows it is about — by
/// `label` — when it is not every one).
fn all_caveats(
    report: &[String],
    rows: &[NodeVerdict],
    label: impl Fn(&NodeVerdict) -> String,
    many_rows: &str,
) -> Vec<String> {
    let mut out: Vec<String> = report.to_vec();
    let mut per: Vec<(String, Vec<String>)> = Vec::new();
    for v in rows {
        for c in &v.caveats {
            match per.iter_mut().find(|(t, _)| t == c) {
                Some((_, n)) => n.push(label(v)),
                None => per.push((c.clone(), vec![label(v)])),
            }
        }
    }
    for (c, n) in per {
        let text = match n.as_slice() {
            many if many.len() == rows.len() => c,
            [one] => format!("{c} ({one})"),
            many => format!("{c} ({} {many_rows})", many.len()),
        };
        if !out.contains(&text) {
            out.push(text);
        }
    }
    out
}

fn ready_cell(v: &NodeVerdict) -> String {
    match &v.pod {
        Some(p) if p.ready => "true".into(),
        Some(_) => "false".into(),
        None => "-".into(),
    }
}

/// Rows that need action first, then Misscheduled, Running and NotWanted
/// ([`PodState::urgency`]); within each, grouped by reason, biggest group first, then by name.
fn ordered(nodes: &[NodeVerdict]) -> Vec<&NodeVerdict> {
    let mut group_size: HashMap<String, usize> = HashMap::new();
    for v in nodes {
        if let Some(c) = v.first_failure() {
            *group_size
                .entry(format!("{}: {}", c.name.as_str(), c.message))
                .or_default() += 1;
        }
    }
    let mut out: Vec<&NodeVerdict> = nodes.iter().collect();
    out.sort_by(|a, b| {
        let ka = reason(a, false);
        let kb = reason(b, false);
        let sa = group_size.get(&ka).copied().unwrap_or(0);
        let sb = group_size.get(&kb).copied().unwrap_or(0);
        a.state
            .urgency()
            .cmp(&b.state.urgency())
            .then_with(|| sb.cmp(&sa))
            .then_with(|| ka.cmp(&kb))
            .then_with(|| a.node.cmp(&b.node))
    });
    out
}

/// `explain-placement`: one row per node, problems first, then the summary line.
impl Report for Explanation {
    fn human(&self, out: &mut dyn Write, format: OutputFormat, styles: &Styles) -> Result<()> {
        explain_table(out, self, format, &styles.out)?;
        let label = |v: &NodeVerdict| format!("node {}", v.node);
        notes(
            &all_caveats(&self.caveats, &self.nodes, label, "nodes"),
            styles,
        )
    }

    /// The listed nodes (after `-l`, `--node`, `--problems`), as kubectl names them.
    fn names(&self) -> Vec<String> {
        self.nodes
            .iter()
            .map(|v| format!("node/{}", v.node))
            .collect()
    }
}

/// Caveats as `note:` lines on stderr, after the answer (stdout stays the table).
pub fn notes(caveats: &[String], styles: &Styles) -> Result<()> {
    let mut err = std::io::stderr().lock();
    for c in caveats {
        writeln!(err, "{} {c}", styles.err.paint("note:", Tone::Warn)).map_err(io_err)?;
    }
    Ok(())
}

fn explain_table(
    mut out: &mut dyn Write,
    e: &Explanation,
    format: OutputFormat,
    style: &Style,
) -> Result<()> {
    let (mut header, mut rows) = explain_rows(e, format.clone(), style);
    if format != OutputFormat::Wide {
        drop_to_fit(style, &mut header, &mut rows, EXPLAIN_DROP_ORDER);
    }
    let mut t = table(style, &header);
    t.add_rows(rows);
    if e.nodes.is_empty() && e.problems_only {
        writeln!(out, "No node needs action.").map_err(io_err)?;
    } else if e.nodes.is_empty() {
        writeln!(out, "No nodes matched.").map_err(io_err)?;
    } else {
        write_table(&mut out, &mut t)?;
    }
    let s = &e.summary;
    writeln!(
        out,
        "\n{}: {} nodes, desired {}, scheduled {}, ready {}, up-to-date {}, available {}, misscheduled {}, unschedulable {}",
        style.paint(&format!("daemonset {}/{}{}", e.daemon_set.namespace, e.daemon_set.name, if e.preview { " (preview, not applied)" } else { "" }), Tone::Bold),
        s.nodes, s.desired, s.scheduled, s.ready, s.updated, s.available, s.misscheduled, s.unschedulable
    )
    .map_err(io_err)?;
    if format == OutputFormat::Wide
        && let Some(sem) = &e.semantics
    {
        writeln!(out, "{}", sem.describe()).map_err(io_err)?;
    }
    Ok(())
}

/// Columns dropped first on a narrow terminal.
pub(super) const EXPLAIN_DROP_ORDER: &[&str] = &["revision", "ready", "wanted", "pod"];

/// The header and one row per node, problems first (also the fleet table's, after its CONTEXT
/// column).
pub(super) fn explain_rows(
    e: &Explanation,
    format: OutputFormat,
    style: &Style,
) -> (Vec<&'static str>, Vec<Vec<Cell>>) {
    let wide = format == OutputFormat::Wide;
    let mut header = vec![
        "node", "wanted", "state", "pod", "revision", "ready", "reason",
    ];
    if wide {
        header.splice(6..6, ["fits", "restarts"]);
    }
    let mut rows = Vec::with_capacity(e.nodes.len());
    for v in ordered(&e.nodes) {
        let pod = v.pod.as_ref();
        let mut row = vec![
            Cell::new(&v.node),
            Cell::new(wanted(v)),
            state_cell(v, style),
            Cell::new(pod.map_or("-", |p| p.name.as_str())),
            Cell::new(pod.and_then(|p| p.revision_hash.as_deref()).unwrap_or("-")),
            Cell::new(ready_cell(v)),
        ];
        if wide {
            row.push(Cell::new(match v.fits {
                Some(true) => "yes",
                Some(false) => "no",
                None => "-",
            }));
            row.push(Cell::new(
                pod.map_or("-".into(), |p| p.restarts.to_string()),
            ));
            let all: Vec<String> = v
                .checks
                .iter()
                .filter(|c| !c.passed)
                .map(|c| format!("{}: {}", c.name.as_str(), c.message))
                .collect();
            row.push(Cell::new(all.join(" | ")));
        } else {
            row.push(Cell::new(reason(v, e.preview)));
        }
        rows.push(row);
    }
    (header, rows)
}

/// `node worker-4: NotReady since 2024-05-01T09:00:00Z, cordoned, taints a=b:NoSchedule, c:NoExecute, 14/110 pods`.
fn node_line(h: &NodeHeader, style: &Style) -> String {
    let ready = match h.ready {
        Some(true) => style.paint("Ready", Tone::Good),
        Some(false) => style.paint("NotReady", Tone::Bad),
        None => style.paint("Ready unknown", Tone::Warn),
    };
    let mut parts = vec![match &h.ready_since {
        Some(t) if h.ready.is_some() => format!("{ready} since {t}"),
        _ => ready,
    }];
    if h.cordoned {
        parts.push(style.paint("cordoned", Tone::Warn));
    }
    parts.push(if h.taints.is_empty() {
        "no taints".into()
    } else {
        format!("taints {}", h.taints.join(", "))
    });
    parts.push(format!("{}/{} pods", h.pods, h.pods_allocatable));
    format!("node {}: {}", h.name, parts.join(", "))
}

/// `why-not-scheduled`: every check for one DaemonSet, or one row per DaemonSet.
impl Report for WhyNotReport {
    fn human(&self, out: &mut dyn Write, format: OutputFormat, styles: &Styles) -> Result<()> {
        why_not_table(out, self, format, &styles.out)?;
        let label =
            |v: &NodeVerdict| format!("daemonset {}/{}", v.daemon_set.namespace, v.daemon_set.name);
        notes(
            &all_caveats(&self.caveats, &self.results, label, "daemonsets"),
            styles,
        )
    }

    /// The DaemonSets listed (those not running and ready on the node; all with `--all`), as
    /// `kubectl get -o name` names them (no namespace, like kubectl's).
    fn names(&self) -> Vec<String> {
        self.results
            .iter()
            .map(|v| format!("daemonset.apps/{}", v.daemon_set.name))
            .collect()
    }
}

fn why_not_table(
    mut out: &mut dyn Write,
    r: &WhyNotReport,
    format: OutputFormat,
    style: &Style,
) -> Result<()> {
    if r.single {
        let v = &r.results[0];
        writeln!(
            out,
            "daemonset {}/{} on node {}: wanted {}, state {}{}",
            v.daemon_set.namespace,
            v.daemon_set.name,
            v.node,
            wanted(v),
            state_text(v, style),
            match v.fits {
                Some(true) => ", fits",
                Some(false) => ", does not fit",
                None => "",
            }
        )
        .map_err(io_err)?;
        if let Some(p) = &v.preemption {
            let tone = if p.helps { Tone::Warn } else { Tone::Bad };
            writeln!(out, "fits: no — {}", style.paint(&p.message, tone)).map_err(io_err)?;
        }
        if let Some(sem) = &r.semantics {
            writeln!(out, "{}", sem.describe()).map_err(io_err)?;
        }
        writeln!(out).map_err(io_err)?;
        let mut t = table(style, &["check", "result", "detail"]);
        for c in &v.checks {
            let result = if c.passed {
                style.cell("pass", Tone::Good)
            } else {
                style.cell("FAIL", Tone::Bad)
            };
            t.add_row(vec![
                Cell::new(c.name.as_str()),
                result,
                Cell::new(&c.message),
            ]);
        }
        write_table(&mut out, &mut t)?;
        if !v.evidence.is_empty() {
            writeln!(out, "\nwhat the cluster said (newest first):").map_err(io_err)?;
            let mut t = table(
                style,
                &["source", "reason", "time", "count", "agrees", "message"],
            );
            for e in &v.evidence {
                t.add_row(vec![
                    Cell::new(e.source),
                    Cell::new(&e.reason),
                    Cell::new(e.time.as_deref().unwrap_or("-")),
                    Cell::new(e.count),
                    if e.agrees {
                        style.cell("yes", Tone::Good)
                    } else {
                        style.cell("NO", Tone::Bad)
                    },
                    Cell::new(&e.message),
                ]);
            }
            write_table(&mut out, &mut t)?;
        }
        return Ok(());
    }
    if let Some(h) = &r.header {
        writeln!(out, "{}\n", node_line(h, style)).map_err(io_err)?;
    }
    // One node by name, or the nodes `-l` chose (then every row names its node).
    let on = match &r.selector {
        Some(sel) => format!("the {} node(s) matching {sel}", r.matched),
        None => format!("node {}", r.node),
    };
    if let (Some(sel), 0) = (&r.selector, r.matched) {
        return writeln!(out, "No nodes match {sel}: nothing to explain.").map_err(io_err);
    }
    if r.in_scope == 0 {
        return writeln!(
            out,
            "No DaemonSets found in {}: nothing to explain on {on}.",
            r.scope
        )
        .map_err(io_err);
    }
    if r.results.is_empty() {
        return writeln!(
            out,
            "Every DaemonSet in scope ({}) is running and ready on {on}.",
            r.in_scope
        )
        .map_err(io_err);
    }
    let wide = format == OutputFormat::Wide;
    let by_node = r.selector.is_some();
    let mut header = vec!["daemonset", "wanted", "state", "pod", "reason"];
    if wide {
        header.insert(4, "fits");
    }
    if by_node {
        header.insert(0, "node");
    }
    let mut rows = Vec::with_capacity(r.results.len());
    for v in &r.results {
        let mut row = Vec::with_capacity(header.len());
        if by_node {
            row.push(Cell::new(&v.node));
        }
        row.extend([
            Cell::new(format!("{}/{}", v.daemon_set.namespace, v.daemon_set.name)),
            Cell::new(wanted(v)),
            state_cell(v, style),
            Cell::new(v.pod.as_ref().map_or("-", |p| p.name.as_str())),
        ]);
        if wide {
            row.push(Cell::new(match v.fits {
                Some(true) => "yes",
                Some(false) => "no",
                None => "-",
            }));
        }
        row.push(Cell::new(reason(v, false)));
        rows.push(row);
    }
    if !wide {
        drop_to_fit(style, &mut header, &mut rows, &["pod", "wanted"]);
    }
    let mut t = table(style, &header);
    t.add_rows(rows);
    write_table(&mut out, &mut t)?;
    if wide && let Some(sem) = &r.semantics {
        writeln!(out, "\n{}", sem.describe()).map_err(io_err)?;
    }
    Ok(())
}
