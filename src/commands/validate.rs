//! `validate -f PATH...`: offline validation of DaemonSet manifests — what the API server would
//! reject (upstream field paths and messages), plus DaemonSet-specific warnings; optionally a
//! placement preview against a snapshot (`--snapshot`) or the live cluster (`--live`).

use k8s_openapi::api::apps::v1::DaemonSet;
use serde::Serialize;

use super::Ctx;
use crate::cli::validate::ValidateArgs;
use crate::error::{Error, Outcome, Result, close_names};
use crate::input::{self, Reader};
use crate::render::OutputFormat;
use crate::validate::{self, Finding, Options, Severity};

/// `-o json` for validate (DESIGN.md).
#[derive(Debug, Serialize)]
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
}

/// Every rule id `--ignore` accepts.
pub fn known_rule_ids() -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = validate::lints::RULES.iter().map(|r| r.id).collect();
    ids.push(validate::rule::UNKNOWN_FIELD);
    ids.extend(PREVIEW_RULES);
    ids
}

const NO_NODES: &str = "placement-no-nodes";
const DOES_NOT_FIT: &str = "placement-does-not-fit";
const PREVIEW_RULES: [&str; 2] = [NO_NODES, DOES_NOT_FIT];

pub async fn run(args: &ValidateArgs, ctx: &Ctx) -> Result<Outcome> {
    // complete
    let format = match ctx.output.unwrap_or(OutputFormat::Text) {
        OutputFormat::Table => OutputFormat::Text,
        f @ (OutputFormat::Text
        | OutputFormat::Json
        | OutputFormat::Yaml
        | OutputFormat::Junit
        | OutputFormat::Sarif) => f,
        OutputFormat::Wide => {
            return Err(Error::usage(
                "output format \"wide\" is not supported by validate; use text, json, yaml, junit or sarif",
            ));
        }
    };
    if args.live && ctx.source.is_snapshot() {
        return Err(Error::usage(
            "--live and --snapshot cannot be used together",
        ));
    }
    let known = known_rule_ids();
    for r in &args.ignore {
        if !known.contains(&r.as_str()) {
            let hint = close_names(r, known.iter().copied());
            let mut msg = format!("--ignore: unknown rule {r:?}");
            if !hint.is_empty() {
                msg.push_str(&format!("; did you mean {}?", hint.join(" or ")));
            }
            msg.push_str(" (the API server's own errors cannot be ignored)");
            return Err(Error::usage(msg));
        }
    }
    let opts = Options {
        strict: args.strict,
        ignore: args.ignore.clone(),
        keep_valid: args.live || ctx.source.is_snapshot(),
    };

    // run
    let mut report = ValidateReport {
        valid: true,
        files: 0,
        documents: 0,
        findings: Vec::new(),
        daemonsets: 0,
    };
    let mut previews = Vec::new();
    // Each input is validated as it is read: one file in memory at a time.
    Reader::new(input::VALIDATE).walk(&args.filenames, &mut |name, bytes| {
        let r = validate::validate_bytes(name, bytes, &opts);
        report.files += 1;
        report.documents += r.documents;
        report.daemonsets += r.daemonsets;
        report.findings.extend(r.findings);
        for (doc, id, json) in r.valid_daemonsets {
            previews.push((name.to_string(), doc, id, json));
        }
        Ok(())
    })?;
    if (args.live || ctx.source.is_snapshot()) && !previews.is_empty() {
        let found = preview(&previews, ctx, &opts).await?;
        report.findings.extend(found);
    }
    report.findings.sort_by(|a, b| {
        (&a.file, a.document, a.line, a.column).cmp(&(&b.file, b.document, b.line, b.column))
    });
    report.valid = report.count(Severity::Error) == 0;
    let style = ctx.styles.out;
    crate::render::validate::render(&report, format, &style)?;
    Ok(if report.valid {
        Outcome::Ok
    } else {
        Outcome::Found
    })
}

/// Placement preview and update-only rules against a cluster or snapshot.
async fn preview(
    dss: &[(String, usize, String, serde_json::Value)],
    ctx: &Ctx,
    opts: &Options,
) -> Result<Vec<Finding>> {
    use crate::cluster::Query;
    let session = ctx.session().await?;
    let query = Query {
        namespace: None,
        pods: true,
        namespaces: true,
        ..Default::default()
    };
    let state = session.load(&query).await?;
    let default_ns = session
        .namespace
        .clone()
        .unwrap_or_else(|| "default".to_string());
    let index = crate::placement::state::ClusterIndex::new(&state, ctx.now);
    let mut out = Vec::new();
    for (file, doc, id, json) in dss {
        let Ok(mut ds) = serde_json::from_value::<DaemonSet>(json.clone()) else {
            continue;
        };
        let ns = ds
            .metadata
            .namespace
            .clone()
            .unwrap_or_else(|| default_ns.clone());
        ds.metadata.namespace = Some(ns.clone());
        let name = ds.metadata.name.clone().unwrap_or_default();
        let mk = |field: &str, sev: Severity, rule: &str, message: String| Finding {
            file: file.clone(),
            document: *doc,
            line: 1,
            column: 1,
            object: id.clone(),
            field: field.to_string(),
            severity: sev,
            rule: rule.to_string(),
            message,
        };
        let ignored = |rule: &str| {
            opts.ignore.iter().any(|r| r == rule)
                || ds
                    .metadata
                    .annotations
                    .as_ref()
                    .and_then(|a| a.get(validate::IGNORE_ANNOTATION))
                    .is_some_and(|v| v.split(',').any(|r| r.trim() == rule))
        };
        let warn = if opts.strict {
            Severity::Error
        } else {
            Severity::Warning
        };
        // Update-only rule: spec.selector is immutable.
        if let Some(existing) = state.daemonset(&ns, &name) {
            let old = serde_json::to_value(existing.spec.as_ref().map(|s| &s.selector))
                .unwrap_or_default();
            let new =
                serde_json::to_value(ds.spec.as_ref().map(|s| &s.selector)).unwrap_or_default();
            if crate::model::daemonset::strip_nulls(old)
                != crate::model::daemonset::strip_nulls(new)
            {
                out.push(mk(
                    "spec.selector",
                    Severity::Error,
                    "api-invalid",
                    format!(
                        "Invalid value: {}: field is immutable (DaemonSet {ns}/{name} already exists with another selector; delete and re-create it, or keep the selector)",
                        serde_json::to_string(&ds.spec.as_ref().map(|s| &s.selector))
                            .unwrap_or_default()
                    ),
                ));
            }
        }
        let explanation = index.explain(&ds, |_| true);
        let total = explanation.nodes.len();
        let wanted: Vec<_> = explanation.nodes.iter().filter(|v| v.should_run).collect();
        if wanted.is_empty() && !ignored(NO_NODES) {
            let reason = explanation
                .nodes
                .iter()
                .find_map(|v| v.first_failure())
                .map(|c| format!(" (e.g. {}: {})", c.name.as_str(), c.message))
                .unwrap_or_default();
            out.push(mk(
                "spec.template.spec",
                warn,
                NO_NODES,
                format!("would run on none of the {total} nodes{reason}"),
            ));
        }
        let unfit: Vec<_> = wanted.iter().filter(|v| v.fits == Some(false)).collect();
        if !unfit.is_empty() && !ignored(DOES_NOT_FIT) {
            let examples = unfit
                .iter()
                .take(3)
                .map(|v| {
                    let why = v
                        .first_failure()
                        .map(|c| format!("{}: {}", c.name.as_str(), c.message))
                        .unwrap_or_default();
                    format!("{} ({why})", v.node)
                })
                .collect::<Vec<_>>()
                .join("; ");
            out.push(mk(
                "spec.template.spec",
                warn,
                DOES_NOT_FIT,
                format!(
                    "wanted on {} of {total} nodes but would not fit on {} of them: {examples}",
                    wanted.len(),
                    unfit.len()
                ),
            ));
        }
    }
    Ok(out)
}
