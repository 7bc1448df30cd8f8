//! Shell completion: static scripts for `kubectl-ds` (clap_complete), and kubectl's plugin
//! completion protocol (kubectl ≥ 1.26 runs `kubectl_complete-ds ARGS…` and reads one candidate per
//! line, then an optional `:<directive>` line), with dynamic candidates for DaemonSets, nodes,
//! namespaces and revisions from `--snapshot` or the live cluster.

use std::path::PathBuf;

use crate::cli::completion::{CompletionAction, CompletionArgs};

use crate::cluster::{ClusterState, LiveSpec, Query, Session, SourceSpec};
use crate::error::{Error, Result};
use crate::render::completion::{Candidates, Completion};

/// `completion SHELL` (the script) or `completion install`.
pub async fn run(args: &CompletionArgs) -> Result<Completion> {
    match (&args.action, args.shell) {
        (Some(CompletionAction::Install { dir }), _) => install(dir.clone()),
        (None, Some(shell)) => Ok(Completion::Script(crate::cli::completion::script(shell))),
        (None, None) => Err(Error::usage("name a shell (bash, zsh, fish) or `install`")),
    }
}

fn install(dir: Option<PathBuf>) -> Result<Completion> {
    let exe = std::env::current_exe()
        .map_err(|e| Error::input(format!("cannot find this executable: {e}")))?;
    let dir = match dir {
        Some(d) => d,
        None => exe
            .parent()
            .map(PathBuf::from)
            .ok_or_else(|| Error::input("this executable has no parent directory"))?,
    };
    // kubectl finds the completer with Go's exec.LookPath, which on Windows only tries names
    // with a PATHEXT extension: `kubectl_complete-ds.exe` there, no suffix elsewhere.
    let target = dir.join(format!(
        "{}{}",
        crate::cli::completion::KUBECTL_COMPLETER,
        std::env::consts::EXE_SUFFIX
    ));
    if target.symlink_metadata().is_ok() {
        std::fs::remove_file(&target)
            .map_err(|e| Error::input(format!("cannot replace {}: {e}", target.display())))?;
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink(&exe, &target)
        .map_err(|e| Error::input(format!("cannot create {}: {e}", target.display())))?;
    #[cfg(not(unix))]
    std::fs::copy(&exe, &target)
        .map_err(|e| Error::input(format!("cannot create {}: {e}", target.display())))?;
    Ok(Completion::Installed { target, exe, dir })
}

/// Cobra's directives.
const NO_FILE_COMP: u8 = 4;
const DEFAULT_COMP: u8 = 0;

/// What the word being completed is.
#[derive(Debug, PartialEq)]
enum Want {
    Subcommands(Vec<&'static str>),
    DaemonSets,
    Nodes,
    Namespaces,
    /// Revision numbers; `live` too where it is accepted (diff-revision's sides, not
    /// `--revision` / `--to-revision`, which take numbers only).
    Revisions {
        live: bool,
    },
    Fixed(Vec<&'static str>),
    Files,
    Nothing,
}

const SUBCOMMANDS: [&str; 12] = [
    "explain-placement",
    "list",
    "ls",
    "why-not-scheduled",
    "why-not",
    "rollout",
    "diff-revision",
    "validate",
    "what-if",
    "snapshot",
    "completion",
    "help",
];
const FLAGS_WITH_VALUES: [&str; 22] = [
    "--kubeconfig",
    "--context",
    "--context-selector",
    "--max-concurrency",
    "-n",
    "--namespace",
    "--request-timeout",
    "-o",
    "--output",
    "--color",
    "--snapshot",
    "-f",
    "--filename",
    "-l",
    "--selector",
    "--node",
    "--nodes",
    "--taint",
    "--untaint",
    "--label",
    "--unlabel",
    "--fail-on",
];

/// Decide what to complete from the words after `kubectl ds` (the last one is being typed).
fn classify(words: &[String]) -> Want {
    let (prev, done) = match words.split_last() {
        Some((_, done)) => (done.last().map(String::as_str), done),
        None => return Want::Subcommands(SUBCOMMANDS.to_vec()),
    };
    match prev {
        Some("-n" | "--namespace") => return Want::Namespaces,
        Some("--node" | "--nodes") => return Want::Nodes,
        Some("--fail-on") => {
            return Want::Fixed(vec!["gain", "lose", "evict", "unfit", "fit"]);
        }
        Some("-o" | "--output") => {
            return Want::Fixed(vec![
                "table",
                "wide",
                "json",
                "yaml",
                "name",
                "jsonpath=",
                "jsonpath-as-json=",
            ]);
        }
        Some("--color") => return Want::Fixed(vec!["auto", "always", "never"]),
        Some("--revision" | "--to-revision") => return Want::Revisions { live: false },
        Some("--snapshot" | "--kubeconfig" | "-f" | "--filename") => return Want::Files,
        Some(f) if FLAGS_WITH_VALUES.contains(&f) => return Want::Nothing,
        _ => {}
    }
    // Positional words so far, skipping flags and their values.
    let mut positional = Vec::new();
    let mut skip = false;
    for w in done {
        if skip {
            skip = false;
            continue;
        }
        if w.starts_with('-') {
            skip = FLAGS_WITH_VALUES.contains(&w.as_str()) && !w.contains('=');
            continue;
        }
        positional.push(w.as_str());
    }
    match positional.as_slice() {
        [] => Want::Subcommands(SUBCOMMANDS.to_vec()),
        ["explain-placement"] => Want::DaemonSets,
        ["why-not" | "why-not-scheduled"] => Want::Nodes,
        ["why-not" | "why-not-scheduled", _] => Want::DaemonSets,
        ["rollout"] => Want::Fixed(vec!["status", "history", "undo", "restart"]),
        ["rollout", _] => Want::DaemonSets,
        ["diff-revision"] => Want::DaemonSets,
        ["diff-revision", _] | ["diff-revision", _, _] => Want::Revisions { live: true },
        ["completion"] => Want::Fixed(vec!["bash", "zsh", "fish", "install"]),
        ["help"] => Want::Subcommands(SUBCOMMANDS.to_vec()),
        ["validate", ..] => Want::Files,
        ["what-if", ..] => Want::DaemonSets,
        _ => Want::Nothing,
    }
}

/// The value of `flag` among `words` (`--flag v` or `--flag=v`).
fn flag_values(words: &[String], names: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        for n in names {
            if w == n {
                if let Some(v) = words.get(i + 1) {
                    out.push(v.clone());
                }
            } else if let Some(v) = w.strip_prefix(&format!("{n}=")) {
                out.push(v.to_string());
            }
        }
    }
    out
}

/// Run the completion protocol for `words` (everything after `kubectl ds`): the candidates
/// that start with the word being completed, and Cobra's directive.
pub async fn complete(words: Vec<String>) -> Candidates {
    let partial = words.last().cloned().unwrap_or_default();
    let done = &words[..words.len().saturating_sub(1)];
    let want = classify(&words);
    let (candidates, directive) = match want {
        Want::Subcommands(v) | Want::Fixed(v) => {
            (v.into_iter().map(String::from).collect(), NO_FILE_COMP)
        }
        Want::Files => (Vec::new(), DEFAULT_COMP),
        Want::Nothing => (Vec::new(), NO_FILE_COMP),
        other => (
            dynamic(&other, done).await.unwrap_or_default(),
            NO_FILE_COMP,
        ),
    };
    Candidates {
        words: candidates
            .into_iter()
            .filter(|c| c.starts_with(&partial))
            .collect(),
        directive,
    }
}

/// Candidates that need cluster state: from `--snapshot` when given, else live with a short timeout.
async fn dynamic(want: &Want, done: &[String]) -> Option<Vec<String>> {
    let namespace = flag_values(done, &["-n", "--namespace"]).pop();
    let snapshots: Vec<PathBuf> = flag_values(done, &["--snapshot"])
        .into_iter()
        .map(PathBuf::from)
        .collect();
    let spec = if snapshots.is_empty() {
        SourceSpec::Live(LiveSpec {
            kubeconfig: flag_values(done, &["--kubeconfig"])
                .pop()
                .map(PathBuf::from),
            // several contexts (`a,b`): complete from the last one named
            context: flag_values(done, &["--context"])
                .pop()
                .and_then(|c| c.rsplit(',').next().map(String::from)),
            namespace,
            request_timeout: Some(std::time::Duration::from_secs(2)),
            chunk_size: None,
            verbose: false,
            fleet: false,
        })
    } else {
        SourceSpec::Snapshot {
            paths: snapshots,
            namespace,
        }
    };
    let session = Session::open(&spec).await.ok()?;
    let namespace = session.namespace.clone();
    let query = Query {
        namespace: namespace.clone(),
        revisions: matches!(want, Want::Revisions { .. }),
        namespaces: *want == Want::Namespaces,
        ..Default::default()
    };
    let state: ClusterState = session.load(&query).await.ok()?;
    let in_ns = |ns: Option<&String>| {
        namespace
            .as_ref()
            .is_none_or(|want| ns.map(String::as_str).unwrap_or("default") == want)
    };
    let mut out: Vec<String> = match want {
        Want::Nodes => state
            .nodes
            .iter()
            .filter_map(|n| n.metadata.name.clone())
            .collect(),
        Want::DaemonSets => state
            .daemonsets
            .iter()
            .filter(|d| in_ns(d.metadata.namespace.as_ref()))
            .filter_map(|d| d.metadata.name.clone())
            .collect(),
        Want::Namespaces => {
            let mut v: Vec<String> = state
                .namespaces
                .iter()
                .map(|n| n.metadata.name.clone())
                .collect();
            v.extend(
                state
                    .daemonsets
                    .iter()
                    .filter_map(|d| d.metadata.namespace.clone()),
            );
            v
        }
        Want::Revisions { live } => {
            let mut v: Vec<String> = state
                .revisions
                .iter()
                .filter(|r| in_ns(r.metadata.namespace.as_ref()))
                .map(|r| r.revision.to_string())
                .collect();
            if *live {
                v.push("live".into());
            }
            v
        }
        _ => Vec::new(),
    };
    out.sort();
    out.dedup();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn classifies_positions_and_flag_values() {
        assert_eq!(classify(&w(&[""])), Want::Subcommands(SUBCOMMANDS.to_vec()));
        assert_eq!(classify(&w(&["why-not", ""])), Want::Nodes);
        assert_eq!(classify(&w(&["why-not", "node-1", ""])), Want::DaemonSets);
        assert_eq!(
            classify(&w(&["why-not", "-n", "kube-system", "node-1", ""])),
            Want::DaemonSets
        );
        assert_eq!(
            classify(&w(&["explain-placement", "-n", ""])),
            Want::Namespaces
        );
        assert_eq!(
            classify(&w(&["explain-placement", "--snapshot", ""])),
            Want::Files
        );
        assert_eq!(
            classify(&w(&["rollout", ""])),
            Want::Fixed(vec!["status", "history", "undo", "restart"])
        );
        assert_eq!(
            classify(&w(&["rollout", "undo", "ds", "--to-revision", ""])),
            Want::Revisions { live: false }
        );
        assert_eq!(
            classify(&w(&["rollout", "history", "ds", "--revision", ""])),
            Want::Revisions { live: false }
        );
        assert_eq!(
            classify(&w(&["diff-revision", "ds", ""])),
            Want::Revisions { live: true }
        );
        assert_eq!(
            classify(&w(&["explain-placement", "fluentd", ""])),
            Want::Nothing
        );
    }

    #[test]
    fn what_if_completes_daemonsets_nodes_and_effects() {
        assert_eq!(classify(&w(&["what-if", ""])), Want::DaemonSets);
        assert_eq!(
            classify(&w(&["what-if", "--taint", "a=b:NoSchedule", ""])),
            Want::DaemonSets
        );
        assert_eq!(classify(&w(&["what-if", "--nodes", ""])), Want::Nodes);
        assert_eq!(classify(&w(&["what-if", "--taint", ""])), Want::Nothing);
        assert_eq!(
            classify(&w(&["what-if", "--fail-on", ""])),
            Want::Fixed(vec!["gain", "lose", "evict", "unfit", "fit"])
        );
    }
}
