//! Rendering of `what-if`: the changes, one table per effect (what breaks first), a summary line.

use std::io::Write;

use comfy_table::Cell;

use super::placement::notes;
use super::{OutputFormat, Report, Style, Styles, Tone, drop_to_fit, io_err, table, write_table};
use crate::error::{Outcome, Result};
use crate::placement::what_if::{Effect, NodeEffect, WhatIfReport};

fn tone(e: Effect) -> Tone {
    match e {
        Effect::Evict => Tone::Bad,
        Effect::Lose | Effect::Unfit => Tone::Warn,
        Effect::Gain | Effect::Fit => Tone::Good,
    }
}

/// What a table of one effect is headed with.
fn heading(e: Effect) -> &'static str {
    match e {
        Effect::Evict => "the running pod is removed",
        Effect::Lose => "no longer wanted; a running pod stays but is not recreated",
        Effect::Unfit => "wanted, but the new pod would not fit",
        Effect::Gain => "a pod will be created",
        Effect::Fit => "a pod that did not fit now would",
    }
}

fn before_after(n: &NodeEffect) -> String {
    let after = if n.removed {
        "node removed"
    } else {
        n.after.describe()
    };
    format!("{} → {after}", n.before.describe())
}

impl Report for WhatIfReport {
    fn human(&self, out: &mut dyn Write, _format: OutputFormat, styles: &Styles) -> Result<()> {
        what_if_tables(out, self, &styles.out)?;
        let mut side = self.notes.clone();
        side.extend(self.caveats.iter().cloned());
        notes(&side, styles)?;
        let failing = self.failing();
        if !failing.is_empty() {
            let counts: Vec<String> = failing
                .iter()
                .map(|e| format!("{} {e}", self.summary.get(*e)))
                .collect();
            let mut err = std::io::stderr().lock();
            writeln!(
                err,
                "{} --fail-on: {}",
                styles.err.paint("what-if:", Tone::Bad),
                counts.join(", ")
            )
            .map_err(io_err)?;
        }
        Ok(())
    }

    fn outcome(&self) -> Outcome {
        if self.failing().is_empty() {
            Outcome::Ok
        } else {
            Outcome::Found
        }
    }
}

fn what_if_tables(mut out: &mut dyn Write, r: &WhatIfReport, style: &Style) -> Result<()> {
    writeln!(
        out,
        "{}",
        style.paint("What if (nothing is changed):", Tone::Bold)
    )
    .map_err(io_err)?;
    for c in &r.changes {
        writeln!(out, "  {c}").map_err(io_err)?;
    }
    let (daemonsets, nodes) = r.evaluated;
    for effect in Effect::ALL {
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        for ds in &r.daemon_sets {
            for n in ds.nodes.iter().filter(|n| n.effect == effect) {
                rows.push(vec![
                    Cell::new(format!(
                        "{}/{}",
                        ds.daemon_set.namespace, ds.daemon_set.name
                    )),
                    Cell::new(&n.node),
                    Cell::new(before_after(n)),
                    Cell::new(&n.reason),
                ]);
            }
        }
        if rows.is_empty() {
            continue;
        }
        writeln!(
            out,
            "\n{} {}: {}",
            style.paint(&effect.as_str().to_uppercase(), tone(effect)),
            rows.len(),
            heading(effect)
        )
        .map_err(io_err)?;
        let mut header = vec!["daemonset", "node", "before → after", "reason"];
        drop_to_fit(style, &mut header, &mut rows, &["before → after"]);
        let mut t = table(style, &header);
        t.add_rows(rows);
        write_table(&mut out, &mut t)?;
    }
    let s = &r.summary;
    let scope = format!(
        "{daemonsets} DaemonSet{} × {nodes} node{} evaluated",
        if daemonsets == 1 { "" } else { "s" },
        if nodes == 1 { "" } else { "s" }
    );
    if daemonsets == 0 {
        return writeln!(out, "\nNo DaemonSets in scope: nothing to evaluate.").map_err(io_err);
    }
    if r.daemon_sets.is_empty() {
        return writeln!(out, "\nNo placement changes ({scope}).").map_err(io_err);
    }
    let counts: Vec<String> = Effect::ALL
        .iter()
        .map(|e| {
            let text = format!("{} {e}", s.get(*e));
            if s.get(*e) > 0 {
                style.paint(&text, tone(*e))
            } else {
                text
            }
        })
        .collect();
    writeln!(out, "\n{} ({scope})", counts.join(", ")).map_err(io_err)
}
