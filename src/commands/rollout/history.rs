//! `rollout history DS`: kubectl's REVISION / CHANGE-CAUSE table (byte-identical), `-o wide` adds
//! IMAGES, AGE and the current revision; `--revision N` prints that pod template as kubectl does;
//! `-o json|yaml` gives the documented shape.

use std::io::Write;

use serde::Serialize;

use super::{load_history, name_of};
use crate::cli::rollout::history::HistoryArgs;
use crate::commands::Ctx;
use crate::error::{Error, Outcome, Result};
use crate::model::revisions;
use crate::placement::DsRef;
use crate::render::OutputFormat;
use crate::render::{Style, Tone, io_err, pod_template, write_json, write_yaml};

/// `rollout history -o json`.
#[derive(Debug, Serialize)]
pub struct History {
    #[serde(rename = "daemonSet")]
    pub daemon_set: DsRef,
    /// The revision matching the live template, when one does.
    pub current: Option<i64>,
    pub revisions: Vec<RevisionEntry>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RevisionEntry {
    pub revision: i64,
    pub name: String,
    pub change_cause: Option<String>,
    pub images: Vec<String>,
    pub created: Option<String>,
}

pub async fn run(args: &HistoryArgs, ctx: &Ctx) -> Result<Outcome> {
    if args.revision < 0 {
        return Err(Error::usage(format!(
            "revision must be a positive integer: {}",
            args.revision
        )));
    }
    let format = ctx.table_format()?;
    let style = ctx.styles.out;
    let loaded = load_history(ctx, &super::target(&args.daemonset, args.name.as_deref())?).await?;
    let ds = &loaded.ds;
    let owned = revisions::owned(ds, &loaded.state.revisions);
    let current = revisions::current(ds, &owned).map(|r| r.revision);
    let mut out = std::io::stdout().lock();

    if matches!(format, OutputFormat::Json | OutputFormat::Yaml) {
        let history = History {
            daemon_set: DsRef {
                namespace: ds.metadata.namespace.clone().unwrap_or_default(),
                name: ds.metadata.name.clone().unwrap_or_default(),
            },
            current,
            revisions: owned
                .iter()
                .filter(|r| args.revision == 0 || r.revision == args.revision)
                .map(|r| RevisionEntry {
                    revision: r.revision,
                    name: r.metadata.name.clone().unwrap_or_default(),
                    change_cause: revisions::change_cause(r),
                    images: revisions::stored_template(r)
                        .map(|t| crate::rollout::history::images(&t))
                        .unwrap_or_default(),
                    created: r
                        .metadata
                        .creation_timestamp
                        .as_ref()
                        .map(|t| t.0.to_string()),
                })
                .collect(),
        };
        if args.revision > 0 && history.revisions.is_empty() {
            return Err(Error::not_found("unable to find the specified revision"));
        }
        return if format == OutputFormat::Json {
            write_json(&mut out, &history)
        } else {
            write_yaml(&mut out, &history)
        }
        .map(|_| Outcome::Ok);
    }

    let body = if owned.is_empty() {
        "No rollout history found.".to_string()
    } else if args.revision > 0 {
        let rev = owned
            .iter()
            .find(|r| r.revision == args.revision)
            .ok_or_else(|| Error::not_found("unable to find the specified revision"))?;
        let template = crate::rollout::history::template_at(ds, rev).ok_or_else(|| {
            Error::input(format!(
                "unable to parse history {}",
                rev.metadata.name.as_deref().unwrap_or("")
            ))
        })?;
        pod_template::describe(&template)
    } else if format == OutputFormat::Wide {
        wide_table(&owned, current, &style)
    } else {
        table(&owned, &style)
    };
    let with_revision = if args.revision > 0 {
        format!("with revision #{}", args.revision)
    } else {
        String::new()
    };
    writeln!(
        out,
        "{} {with_revision}\n{body}",
        style.paint(&name_of(ds), Tone::Bold)
    )
    .map_err(io_err)?;
    Ok(Outcome::Ok)
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

fn table(owned: &[&k8s_openapi::api::apps::v1::ControllerRevision], style: &Style) -> String {
    let mut rows = vec![vec!["REVISION".to_string(), "CHANGE-CAUSE".to_string()]];
    for r in owned {
        rows.push(vec![
            r.revision.to_string(),
            revisions::change_cause(r).unwrap_or_else(|| "<none>".into()),
        ]);
    }
    tabwrite(&rows, style)
}

fn wide_table(
    owned: &[&k8s_openapi::api::apps::v1::ControllerRevision],
    current: Option<i64>,
    style: &Style,
) -> String {
    let now = jiff::Timestamp::now();
    let mut rows = vec![
        ["REVISION", "CHANGE-CAUSE", "IMAGES", "AGE", "CURRENT"]
            .map(String::from)
            .to_vec(),
    ];
    for r in owned {
        let images = revisions::stored_template(r)
            .map(|t| crate::rollout::history::images(&t).join(","))
            .unwrap_or_default();
        let age = r
            .metadata
            .creation_timestamp
            .as_ref()
            .map(|t| crate::render::age(now.as_second() - t.0.as_second()))
            .unwrap_or_else(|| "<unknown>".into());
        rows.push(vec![
            r.revision.to_string(),
            revisions::change_cause(r).unwrap_or_else(|| "<none>".into()),
            images,
            age,
            if current == Some(r.revision) {
                "*".into()
            } else {
                String::new()
            },
        ]);
    }
    tabwrite(&rows, style)
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
