//! `list`: one row per DaemonSet, problems first.

use std::io::Write;

use comfy_table::Cell;

use super::placement::notes;
use super::{OutputFormat, Report, Style, Styles, Tone, drop_to_fit, io_err, table, write_table};
use crate::error::Result;
use crate::placement::overview::{ListReport, RolloutState};

impl Report for ListReport {
    fn human(&self, out: &mut dyn Write, format: OutputFormat, styles: &Styles) -> Result<()> {
        let style = &styles.out;
        if self.items.is_empty() {
            writeln!(out, "No DaemonSets found in {}.", self.scope).map_err(io_err)?;
            return notes(&self.caveats, styles);
        }
        let (mut header, mut rows) = list_rows(self, style);
        if format != OutputFormat::Wide {
            drop_to_fit(style, &mut header, &mut rows, DROP_ORDER);
        }
        let mut t = table(style, &header);
        t.add_rows(rows);
        write_table(out, &mut t)?;
        notes(&self.caveats, styles)
    }

    /// Every DaemonSet listed, as `kubectl get ds -o name` names them.
    fn names(&self) -> Vec<String> {
        self.items
            .iter()
            .map(|o| format!("daemonset.apps/{}", o.daemon_set.name))
            .collect()
    }
}

/// Columns dropped first on a narrow terminal.
pub(super) const DROP_ORDER: &[&str] = &["misscheduled", "up-to-date", "ready"];

/// The header and one row per DaemonSet (also the fleet table's, after its CONTEXT column).
pub(super) fn list_rows(this: &ListReport, style: &Style) -> (Vec<&'static str>, Vec<Vec<Cell>>) {
    let mut header = vec![
        "namespace",
        "name",
        "desired",
        "ready",
        "up-to-date",
        "available",
        "unavailable",
        "misscheduled",
        "rollout",
        "top reason",
    ];
    if !this.all_namespaces {
        header.remove(0);
    }
    let mut rows = Vec::with_capacity(this.items.len());
    for o in &this.items {
        let tone = match o.rollout {
            RolloutState::Complete => Tone::Good,
            RolloutState::Progressing | RolloutState::Outdated => Tone::Warn,
            RolloutState::Unknown => Tone::Dim,
        };
        let bad = |n: usize| {
            if n > 0 {
                style.cell(&n.to_string(), Tone::Bad)
            } else {
                Cell::new(n)
            }
        };
        let mut row = Vec::with_capacity(header.len());
        if this.all_namespaces {
            row.push(Cell::new(&o.daemon_set.namespace));
        }
        row.extend([
            Cell::new(&o.daemon_set.name),
            Cell::new(o.desired),
            Cell::new(o.ready),
            Cell::new(o.up_to_date),
            Cell::new(o.available),
            bad(o.unavailable),
            bad(o.misscheduled),
            style.cell(rollout_word(o.rollout), tone),
            Cell::new(o.top_reason.as_deref().unwrap_or("-")),
        ]);
        rows.push(row);
    }
    (header, rows)
}

fn rollout_word(r: RolloutState) -> &'static str {
    match r {
        RolloutState::Complete => "complete",
        RolloutState::Progressing => "progressing",
        RolloutState::Outdated => "outdated",
        RolloutState::Unknown => "unknown",
    }
}
