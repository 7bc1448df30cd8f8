//! `validate -f PATH...`: offline validation of DaemonSet manifests — what the API server would
//! reject (upstream field paths and messages), plus DaemonSet-specific warnings; optionally a
//! placement preview against a snapshot (`--snapshot`) or the live cluster (`--live`).

use super::Ctx;
use crate::cli::validate::ValidateArgs;
use crate::cluster::Query;
use crate::error::{Error, Result, close_names};
use crate::input::{self, Reader};
use crate::render::OutputFormat;
use crate::validate::{self, Options, ValidateReport};

/// The `-o` format: text by default (and for the global default name `table`), json, yaml,
/// junit or sarif.
pub fn format(ctx: &Ctx) -> Result<OutputFormat> {
    match ctx.output.clone().unwrap_or(OutputFormat::Text) {
        OutputFormat::Table => Ok(OutputFormat::Text),
        f @ (OutputFormat::Text
        | OutputFormat::Json
        | OutputFormat::Yaml
        | OutputFormat::JsonPath(_)
        | OutputFormat::JsonPathAsJson(_)
        | OutputFormat::Junit
        | OutputFormat::Sarif) => Ok(f),
        f @ (OutputFormat::Wide | OutputFormat::Name) => Err(Error::usage(format!(
            "output format {:?} is not supported by validate; use text, json, yaml, junit, sarif or jsonpath=TEMPLATE",
            f.name()
        ))),
    }
}

/// Validate every input, then preview placement when a cluster or snapshot was given.
pub async fn run(args: &ValidateArgs, ctx: &Ctx) -> Result<ValidateReport> {
    validate_flags(args, ctx)?;
    let opts = complete(args, ctx);

    let mut report = ValidateReport::default();
    let mut candidates = Vec::new();
    // Each input is validated as it is read: one file in memory at a time.
    Reader::new(input::VALIDATE).walk(&args.filenames, &mut |name, bytes| {
        let mut file = validate::validate_bytes(name, bytes, &opts);
        candidates.append(&mut file.valid_daemonsets);
        report.add(file);
        Ok(())
    })?;
    if opts.keep_valid && !candidates.is_empty() {
        let session = ctx.session().await?;
        let query = Query {
            namespace: None,
            pods: true,
            namespaces: true,
            ..Default::default()
        };
        let state = session.load(&query).await?;
        let default_ns = session.namespace.as_deref().unwrap_or("default");
        // The release the cluster runs (or --kube-version), as explain-placement mirrors it.
        let semantics = ctx.semantics(&state)?;
        let found =
            validate::preview::preview(&candidates, &state, semantics, default_ns, ctx.now, &opts);
        report.findings.extend(found);
    }
    Ok(report.finish())
}

/// The flags that cannot go together, and `--ignore` names that are no rule.
fn validate_flags(args: &ValidateArgs, ctx: &Ctx) -> Result<()> {
    if args.live && ctx.source.is_snapshot() {
        return Err(Error::usage(
            "--live and --snapshot cannot be used together",
        ));
    }
    let known = validate::known_rule_ids();
    for r in &args.ignore {
        if !known.contains(&r.as_str()) {
            let hint = close_names(r, known.iter().copied());
            let mut msg = format!("--ignore: unknown rule {r:?}");
            if !hint.is_empty() {
                msg.push_str(&format!("; did you mean {}?", hint.join(" or ")));
            }
            msg.push_str(&format!(
                " (the API server's own errors cannot be ignored; --ignore takes: {})",
                known.join(", ")
            ));
            return Err(Error::usage(msg));
        }
    }
    Ok(())
}

/// What to check: strictness and ignores from the flags; the DaemonSets that pass are kept for
/// a preview when there is a cluster or snapshot to preview against.
fn complete(args: &ValidateArgs, ctx: &Ctx) -> Options {
    Options {
        strict: args.strict,
        ignore: args.ignore.clone(),
        keep_valid: args.live || ctx.source.is_snapshot(),
    }
}
