//! The rollout commands' output: kubectl's lines and tables byte for byte on stdout; what this
//! plugin adds (blockers, changes, the progress bar) on stderr, so stdout stays kubectl's.

use std::io::Write;
use std::time::Duration;

use k8s_openapi::api::apps::v1::DaemonSet;

use super::placement::state_tone;
use super::{OutputFormat, Report, Style, Styles, Tone, change_line, diff_line, io_err};
use crate::error::{Outcome, Result};
use crate::rollout::diff::DiffReport;
use crate::rollout::history::{HistoryReport, RevisionEntry, Shown};
use crate::rollout::rollback::{Rollback, UndoReport, Undone};
use crate::rollout::{Blocker, Holdup, Status, StatusReport, StatusSink};

/// Blockers and changes listed before "… and N more".
const SHOWN: usize = 20;

/// `daemonset.apps/NAME` — kubectl's name printer.
fn name_of(name: &str) -> String {
    format!("daemonset.apps/{name}")
}

/// `rollout status -o json|yaml`; its human form is the status line.
impl Report for StatusReport {
    fn human(&self, out: &mut dyn Write, _: OutputFormat, styles: &Styles) -> Result<()> {
        writeln!(out, "{}", self.message).map_err(io_err)?;
        super::placement::notes(&self.caveats, styles)
    }
}

/// `rollout status` as it goes: status lines on stdout, blockers and a progress bar (on a
/// terminal that takes escape sequences, with stdout on a terminal too, since status lines are
/// printed above it) on stderr. The bar appears once watching starts and is cleared when the
/// rollout is done, before blockers, and when the view is dropped.
pub struct StatusView {
    /// Blockers and the bar go to stderr, so stderr decides their colour.
    style: Style,
    animate: bool,
    bar: Option<indicatif::ProgressBar>,
    /// The last status line printed (a line is printed again only when it changes).
    last: Option<String>,
    /// The bar's tail: the nodes behind, from the last refresh of the blockers.
    behind: String,
    /// The DaemonSet as last watched (the bar's counts, redrawn on a refresh).
    watched: Option<DaemonSet>,
}

impl StatusView {
    pub fn new(styles: &Styles) -> Self {
        StatusView {
            style: styles.err,
            animate: styles.err.animate() && styles.out.terminal,
            bar: None,
            last: None,
            behind: String::new(),
            watched: None,
        }
    }

    fn finish(&mut self) {
        if let Some(b) = self.bar.take() {
            b.finish_and_clear();
        }
    }
}

impl Drop for StatusView {
    fn drop(&mut self) {
        self.finish();
    }
}

impl StatusSink for StatusView {
    fn status(&mut self, status: &Status) -> Result<()> {
        writeln!(std::io::stdout().lock(), "{}", status.message).map_err(io_err)?;
        self.last = Some(status.message.clone());
        Ok(())
    }

    fn blockers(&mut self, holdup: &Holdup) {
        self.finish();
        let mut err = std::io::stderr().lock();
        if let Some(why) = &holdup.why {
            let _ = writeln!(err, "{} {why}", self.style.paint("waiting:", Tone::Warn));
        }
        if !holdup.nodes.is_empty() {
            write_blockers(&mut err, &self.style, &holdup.nodes);
        }
    }

    fn caveats(&mut self, caveats: &[String]) {
        self.finish();
        let mut err = std::io::stderr().lock();
        for c in caveats {
            let _ = writeln!(err, "{} {c}", self.style.paint("note:", Tone::Warn));
        }
    }

    fn refreshes(&self) -> bool {
        self.animate
    }

    fn refresh(&mut self, holdup: &Holdup) {
        self.behind = behind(holdup);
        if let (Some(b), Some(ds)) = (&self.bar, &self.watched) {
            update_bar(b, ds, &self.behind);
        }
    }

    fn progress(&mut self, ds: &DaemonSet, status: &Status) -> Result<()> {
        self.watched = Some(ds.clone());
        match &self.bar {
            Some(b) => update_bar(b, ds, &self.behind),
            None if self.animate => self.bar = Some(progress_bar(ds, &self.behind)),
            None => {}
        }
        if self.last.as_deref() != Some(status.message.as_str()) {
            match &self.bar {
                Some(b) => b.println(&status.message),
                None => writeln!(std::io::stdout().lock(), "{}", status.message).map_err(io_err)?,
            }
            self.last = Some(status.message.clone());
        }
        if status.done {
            self.finish();
        }
        Ok(())
    }

    fn lost(&mut self, error: &crate::error::Error, down: Duration) {
        self.note(&lost(error, down));
    }

    fn restored(&mut self, down: Duration) {
        self.note(&restored(down));
    }
}

impl StatusView {
    /// `note: …` on stderr, above the bar when there is one.
    fn note(&self, text: &str) {
        let line = format!("{} {text}", self.style.paint("note:", Tone::Warn));
        match &self.bar {
            Some(b) => b.suspend(|| {
                let _ = writeln!(std::io::stderr().lock(), "{line}");
            }),
            None => {
                let _ = writeln!(std::io::stderr().lock(), "{line}");
            }
        }
    }
}

/// What `rollout status` says when its watch is lost. kubectl rides out the outage too, and
/// client-go's reflector prints a klog line for every failed try; one line when the watch is
/// lost, one a minute while it stays lost and one when it is back say the same.
pub fn lost(error: &crate::error::Error, down: Duration) -> String {
    format!(
        "no watch for {}; reconnecting until it opens or --timeout passes: {error}",
        seconds(down)
    )
}

/// What `rollout status` says when a lost watch is open again.
pub fn restored(down: Duration) -> String {
    format!("watching again after {} without a watch", seconds(down))
}

/// An outage as kubectl writes an age (`45s`, `12m`).
fn seconds(down: Duration) -> String {
    super::age(i64::try_from(down.as_secs()).unwrap_or(i64::MAX))
}

/// `N node(s) hold the rollout back:`, then node, state and reason in aligned columns.
fn write_blockers(err: &mut dyn Write, style: &Style, blockers: &[Blocker]) {
    let _ = writeln!(
        err,
        "{}",
        style.paint(
            &format!("{} node(s) hold the rollout back:", blockers.len()),
            Tone::Warn
        )
    );
    let shown = &blockers[..blockers.len().min(SHOWN)];
    let node_w = shown.iter().map(|b| b.node.len()).max().unwrap_or(0);
    let state_w = shown
        .iter()
        .map(|b| b.state.as_str().len())
        .max()
        .unwrap_or(0);
    for b in shown {
        // Pad before painting: escape codes take no columns.
        let state = format!("{:<state_w$}", b.state.as_str());
        let _ = writeln!(
            err,
            "  {:<node_w$}   {}   {}",
            b.node,
            style.paint(&state, state_tone(b.state)),
            b.reason
        );
    }
    if blockers.len() > SHOWN {
        let _ = writeln!(
            err,
            "  … and {} more (kubectl ds explain-placement shows all)",
            blockers.len() - SHOWN
        );
    }
}

/// The bar's tail after a refresh: ` · behind: worker-2 NotReady, worker-5 Pending (+3)`, or
/// nothing when no node is behind.
fn behind(holdup: &Holdup) -> String {
    const NAMED: usize = 3;
    if holdup.nodes.is_empty() {
        return String::new();
    }
    // The nodes that need action first (a crash-looping pod before an old one not yet replaced).
    let mut nodes: Vec<&Blocker> = holdup.nodes.iter().collect();
    nodes.sort_by_key(|b| b.state.urgency());
    let named: Vec<String> = nodes
        .into_iter()
        .take(NAMED)
        .map(|b| format!("{} {}", b.node, b.state.as_str()))
        .collect();
    let more = holdup.nodes.len().saturating_sub(NAMED);
    let more = if more > 0 {
        format!(" (+{more})")
    } else {
        String::new()
    };
    format!(" · behind: {}{more}", named.join(", "))
}

fn progress_bar(ds: &DaemonSet, behind: &str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} updated, {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    update_bar(&bar, ds, behind);
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

fn update_bar(bar: &indicatif::ProgressBar, ds: &DaemonSet, behind: &str) {
    let s = ds.status.clone().unwrap_or_default();
    bar.set_length(s.desired_number_scheduled.max(0) as u64);
    bar.set_position(s.updated_number_scheduled.unwrap_or(0).max(0) as u64);
    bar.set_message(format!(
        "{} available{behind}",
        s.number_available.unwrap_or(0)
    ));
}

/// `rollout history`: kubectl's REVISION / CHANGE-CAUSE table (byte-identical), `-o wide` adds
/// IMAGES, AGE and the current revision; `--revision N` shows that pod template as kubectl does.
impl Report for HistoryReport {
    fn human(&self, out: &mut dyn Write, format: OutputFormat, styles: &Styles) -> Result<()> {
        let style = &styles.out;
        let body = match &self.shown {
            Shown::Empty => "No rollout history found.".to_string(),
            Shown::Revision(template) => super::pod_template::describe(template),
            Shown::Table if format == OutputFormat::Wide => wide_table(
                &self.history.revisions,
                self.history.current,
                self.now,
                style,
            ),
            Shown::Table => table(&self.history.revisions, style),
        };
        let with_revision = self
            .revision
            .map_or(String::new(), |n| format!("with revision #{n}"));
        let name = name_of(&self.history.daemon_set.name);
        writeln!(
            out,
            "{} {with_revision}\n{body}",
            style.paint(&name, Tone::Bold)
        )
        .map_err(io_err)?;
        super::placement::notes(&self.history.caveats, styles)
    }

    /// The revisions' ControllerRevisions, as `kubectl rollout history -o name` prints them.
    fn names(&self) -> Vec<String> {
        self.history
            .revisions
            .iter()
            .map(|r| format!("controllerrevision.apps/{}", r.name))
            .collect()
    }
}

/// kubectl's tab-writer table: padding 2, last column unpadded. With colour on, the header row is
/// bold and a last cell `*` (the current revision in `-o wide`) green; the text is the same.
fn tabwrite(rows: &[Vec<String>], style: &Style) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
                + 2
        })
        .collect();
    let mut s = String::new();
    for (i, r) in rows.iter().enumerate() {
        let mut line = String::new();
        for (c, cell) in r.iter().enumerate() {
            if c + 1 == r.len() && i > 0 && cell == "*" {
                line.push_str(&style.paint(cell, Tone::Good));
            } else if c + 1 == r.len() {
                line.push_str(cell);
            } else {
                line.push_str(&format!("{cell:<w$}", w = widths[c]));
            }
        }
        if i == 0 {
            line = style.paint(&line, Tone::Bold);
        }
        s.push_str(&line);
        s.push('\n');
    }
    s
}

fn change_cause(r: &RevisionEntry) -> String {
    r.change_cause.clone().unwrap_or_else(|| "<none>".into())
}

fn table(revisions: &[RevisionEntry], style: &Style) -> String {
    let mut rows = vec![vec!["REVISION".to_string(), "CHANGE-CAUSE".to_string()]];
    for r in revisions {
        rows.push(vec![r.revision.to_string(), change_cause(r)]);
    }
    tabwrite(&rows, style)
}

fn wide_table(
    revisions: &[RevisionEntry],
    current: Option<i64>,
    now: i64,
    style: &Style,
) -> String {
    let mut rows = vec![
        ["REVISION", "CHANGE-CAUSE", "IMAGES", "AGE", "CURRENT"]
            .map(String::from)
            .to_vec(),
    ];
    for r in revisions {
        let age = r
            .created_at
            .map(|t| super::age(now - t))
            .unwrap_or_else(|| "<unknown>".into());
        let current = if current == Some(r.revision) { "*" } else { "" };
        rows.push(vec![
            r.revision.to_string(),
            change_cause(r),
            r.images.join(","),
            age,
            current.into(),
        ]);
    }
    tabwrite(&rows, style)
}

/// What an undo is about to change, on stderr before anything is applied (nothing for a skip).
pub fn write_changes(style: &Style, rollback: &Rollback) {
    let Some(changes) = &rollback.changes else {
        return;
    };
    let mut err = std::io::stderr().lock();
    let revision = rollback.revision;
    if changes.is_empty() {
        let _ = writeln!(
            err,
            "{}",
            style.paint(
                &format!("Rolling back to revision {revision}: no template changes"),
                Tone::Dim
            )
        );
        return;
    }
    let _ = writeln!(
        err,
        "{}",
        style.paint(
            &format!("Rolling back to revision {revision} changes:"),
            Tone::Bold
        )
    );
    for c in changes.iter().take(SHOWN) {
        let _ = writeln!(err, "  {}", change_line(style, c));
    }
    if changes.len() > SHOWN {
        let _ = writeln!(
            err,
            "  … and {} more (see kubectl ds diff-revision)",
            changes.len() - SHOWN
        );
    }
}

/// `rollout undo`: kubectl's one line.
/// `rollout restart`: kubectl's `daemonset.apps/NAME restarted`.
impl Report for crate::rollout::restart::RestartReport {
    fn human(&self, out: &mut dyn Write, _: OutputFormat, _: &Styles) -> Result<()> {
        writeln!(
            out,
            "{} restarted{}",
            name_of(&self.daemon_set),
            self.dry_run.suffix()
        )
        .map_err(io_err)
    }
}

/// A DaemonSet printed as kubectl prints an object with `-o json|yaml|name|jsonpath`
/// (`rollout undo -o …`).
#[derive(Debug, serde::Serialize)]
#[serde(transparent)]
pub struct ObjectReport(pub serde_json::Value);

impl Report for ObjectReport {
    /// Only the machine forms and `-o name` print an object; the human form is its name.
    fn human(&self, out: &mut dyn Write, _: OutputFormat, _: &Styles) -> Result<()> {
        for n in self.names() {
            writeln!(out, "{n}").map_err(io_err)?;
        }
        Ok(())
    }

    fn names(&self) -> Vec<String> {
        vec![format!(
            "daemonset.apps/{}",
            self.0["metadata"]["name"].as_str().unwrap_or_default()
        )]
    }
}

impl Report for UndoReport {
    fn human(&self, out: &mut dyn Write, _: OutputFormat, _: &Styles) -> Result<()> {
        let name = name_of(&self.daemon_set);
        let suffix = self.dry_run.suffix();
        match &self.result {
            Undone::WouldRollBack(template) => writeln!(
                out,
                "{name} will roll back to {}{suffix}",
                super::pod_template::describe(template)
            ),
            Undone::Skipped => writeln!(
                out,
                "{name} skipped rollback (current template already matches revision {}){suffix}",
                self.to_revision
            ),
            Undone::RolledBack => writeln!(out, "{name} rolled back{suffix}"),
        }
        .map_err(io_err)
    }
}

/// `diff-revision`: the unified diff painted like `git diff --color`, or one line per change.
impl Report for DiffReport {
    fn human(&self, out: &mut dyn Write, _: OutputFormat, styles: &Styles) -> Result<()> {
        let style = &styles.out;
        match &self.unified {
            Some(text) => {
                for line in text.lines() {
                    writeln!(out, "{}", diff_line(style, line)).map_err(io_err)?;
                }
            }
            None => {
                for c in &self.changes {
                    writeln!(out, "{}", change_line(style, c)).map_err(io_err)?;
                }
            }
        }
        Ok(())
    }

    fn outcome(&self) -> Outcome {
        if self.fail_on_changes && !self.changes.is_empty() {
            Outcome::Found
        } else {
            Outcome::Ok
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabwriter_matches_kubectl() {
        let rows = vec![
            vec!["REVISION".to_string(), "CHANGE-CAUSE".to_string()],
            vec!["1".into(), "<none>".into()],
        ];
        assert_eq!(
            tabwrite(&rows, &Style::default()),
            "REVISION  CHANGE-CAUSE\n1         <none>\n"
        );
    }
}
