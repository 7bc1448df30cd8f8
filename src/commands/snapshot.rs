//! `snapshot`: write the cluster state the other commands read as one `kind: List` file, for
//! offline use (`--snapshot FILE`), bug reports and incident notes.
//!
//! Redacted by default (env values, credential-looking annotations and flags, last-applied
//! configuration; see [`crate::cluster::redact`]) because snapshots get attached to tickets. With
//! `--snapshot IN` it re-writes its input, merged and redacted: the way to clean a raw
//! `kubectl get -o yaml` dump before sharing it.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::Ctx;
use crate::cli::snapshot::SnapshotArgs;
use crate::cluster::{SourceSpec, live, raw, redact};
use crate::error::{Error, Outcome, Result};
use crate::render;
use crate::render::OutputFormat;

pub async fn run(args: &SnapshotArgs, ctx: &Ctx) -> Result<Outcome> {
    // complete + validate
    let format = match ctx.output.unwrap_or(OutputFormat::Yaml) {
        f @ (OutputFormat::Yaml | OutputFormat::Json) => f,
        other => {
            return Err(Error::usage(format!(
                "snapshot writes yaml or json, not {}",
                format!("{other:?}").to_lowercase()
            )));
        }
    };
    if ctx.all_namespaces && ctx.namespace.is_some() {
        return Err(Error::usage(
            "-n and -A contradict each other; snapshot spans all namespaces unless -n is given",
        ));
    }
    let namespace = ctx.namespace.as_deref();

    // run
    let mut objects = match &ctx.source {
        SourceSpec::Live(spec) => {
            let client = live::connect(spec).await?;
            live::dump(&client, namespace).await?
        }
        SourceSpec::Snapshot { paths, .. } => raw::read(paths)?
            .into_iter()
            .filter(|v| in_scope(v, namespace))
            .collect(),
    };
    objects.sort_by_cached_key(order);
    if !args.no_redact {
        objects.iter_mut().for_each(redact::redact);
    }
    let list = json!({"apiVersion": "v1", "kind": "List", "metadata": {}, "items": objects});
    match &args.file {
        Some(path) => write_file(path, &list, format)?,
        None => write(&mut std::io::stdout().lock(), &list, format)?,
    }
    Ok(Outcome::Ok)
}

/// What a snapshot of namespace `ns` keeps, the same rule as the live dump: cluster-scoped objects
/// always, the namespace's objects, and non-terminal pods everywhere (they use node resources).
fn in_scope(v: &Value, ns: Option<&str>) -> bool {
    let Some(ns) = ns else { return true };
    let s = |p: &str| v.pointer(p).and_then(Value::as_str);
    match s("/kind") {
        Some("Node" | "Namespace") => true,
        Some("Pod") if s("/metadata/namespace").unwrap_or("default") != ns => {
            !matches!(s("/status/phase"), Some("Succeeded" | "Failed"))
        }
        _ => s("/metadata/namespace").unwrap_or("default") == ns,
    }
}

/// Kinds in a fixed order, then namespace and name: stable output that diffs well.
fn order(v: &Value) -> (usize, String, String) {
    let s = |p: &str| {
        v.pointer(p)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let kind = s("/kind");
    let rank = raw::KINDS
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(raw::KINDS.len());
    (rank, s("/metadata/namespace"), s("/metadata/name"))
}

fn write(out: &mut dyn Write, list: &Value, format: OutputFormat) -> Result<()> {
    match format {
        OutputFormat::Json => render::write_json(out, list),
        _ => render::write_yaml(out, list),
    }
}

/// Write next to the target and rename, so a failed run never leaves half a snapshot behind, and
/// keep it private to the user: even redacted, a snapshot maps the cluster.
fn write_file(path: &Path, list: &Value, format: OutputFormat) -> Result<()> {
    let fail = |e: std::io::Error| Error::input(format!("writing {}: {e}", path.display()));
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| Error::usage(format!("--file {}: not a file name", path.display())))?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let result = (|| {
        let file = options.open(&tmp).map_err(fail)?;
        let mut out = std::io::BufWriter::new(file);
        write(&mut out, list, format).map_err(|e| match e {
            Error::BrokenPipe => Error::input(format!("writing {}: broken pipe", path.display())),
            other => other,
        })?;
        let file = out.into_inner().map_err(|e| fail(e.into_error()))?;
        file.sync_all().map_err(fail)?;
        std::fs::rename(&tmp, path).map_err(fail)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespace_scope_keeps_what_placement_needs() {
        let obj = |kind: &str, ns: &str, phase: &str| json!({"kind": kind, "metadata": {"name": "x", "namespace": ns}, "status": {"phase": phase}});
        let node = json!({"kind": "Node", "metadata": {"name": "n"}});
        assert!(in_scope(&node, Some("logging")));
        assert!(in_scope(&obj("DaemonSet", "logging", ""), Some("logging")));
        assert!(!in_scope(&obj("DaemonSet", "other", ""), Some("logging")));
        assert!(in_scope(&obj("Pod", "other", "Running"), Some("logging")));
        assert!(!in_scope(
            &obj("Pod", "other", "Succeeded"),
            Some("logging")
        ));
        assert!(in_scope(&obj("Pod", "logging", "Failed"), Some("logging")));
        assert!(!in_scope(&obj("Event", "other", ""), Some("logging")));
        assert!(in_scope(&obj("Event", "other", ""), None));
    }

    #[test]
    fn output_is_ordered_by_kind_then_name() {
        let mut v = [
            json!({"kind": "Pod", "metadata": {"name": "b", "namespace": "a"}}),
            json!({"kind": "Node", "metadata": {"name": "z"}}),
            json!({"kind": "Pod", "metadata": {"name": "a", "namespace": "a"}}),
        ];
        v.sort_by_cached_key(order);
        let names: Vec<&str> = v
            .iter()
            .map(|o| o["metadata"]["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["z", "a", "b"]);
    }
}
