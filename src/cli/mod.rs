//! Command-line definitions (clap derive): the kubectl-style global flags and the subcommands.
//!
//! kubectl does not forward flags written before the plugin name (`kubectl -n x ds …` is
//! rejected by kubectl itself), so every kubectl flag the plugin honours is defined here, global,
//! and accepted anywhere after `ds`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub mod completion;
pub mod diff_revision;
pub mod explain;
pub mod list;
pub mod rollout;
pub mod snapshot;
pub mod validate;
pub mod values;
pub mod what_if;
pub mod why_not;

/// `--version`: the crate version and the commit it was built from (build.rs), e.g.
/// `0.1.0 (0123456789ab 2026-12-03)`, `0.1.0 (0123456789ab)` from a packaged crate, or
/// `0.1.0 (commit unknown)`.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("KUBECTL_DS_COMMIT"),
    ")"
);

/// Understand and operate Kubernetes DaemonSets: where their pods run, why not, and how rollouts go.
#[derive(Debug, Parser)]
#[command(
    name = "kubectl-ds",
    bin_name = "kubectl ds",
    version = VERSION,
    propagate_version = true,
    max_term_width = 100,
    after_help = "Examples:\n  kubectl ds explain-placement fluentd -n kube-system\n  kubectl ds why-not node-3\n  kubectl ds explain-placement fluentd --snapshot cluster.yaml\n\nEvery read command works live (kubeconfig, like kubectl) or offline with --snapshot."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags shared by every command, spelled as kubectl spells them. `--help` lists them under
/// their own heading, after the command's own options.
#[derive(Clone, Debug, Default, Args)]
#[command(next_help_heading = "Global Options")]
pub struct GlobalArgs {
    /// Path to the kubeconfig file (default: $KUBECONFIG, several paths merged, else ~/.kube/config).
    #[arg(long, global = true, value_name = "PATH")]
    pub kubeconfig: Option<PathBuf>,
    /// The kubeconfig context to use. Repeat it or separate names with commas to ask several
    /// clusters at once (a fleet run: one answer per cluster, see docs/fleet.md).
    #[arg(long, global = true, value_name = "NAME", value_delimiter = ',')]
    pub context: Vec<String>,
    /// Ask every context of the kubeconfig (a fleet run).
    #[arg(long, global = true, conflicts_with = "context")]
    pub all_contexts: bool,
    /// Ask every context of the kubeconfig whose name matches this regular expression (a fleet
    /// run), e.g. '^prod-'.
    #[arg(long, global = true, value_name = "REGEX", conflicts_with = "context",
          value_parser = values::regex)]
    pub context_selector: Option<values::Pattern>,
    /// Fleet runs: how many clusters are asked at once (default 32: the work is waiting on
    /// the network, so 50 clusters take two rounds, while at most 32 clusters' state is held).
    #[arg(long, global = true, value_name = "N", default_value_t = values::MAX_CONCURRENCY,
          value_parser = clap::value_parser!(u16).range(1..))]
    pub max_concurrency: u16,
    /// Namespace scope (default: the context's namespace, else "default").
    #[arg(short = 'n', long, global = true, value_name = "NS")]
    pub namespace: Option<String>,
    /// Span all namespaces (where a command lists across namespaces).
    #[arg(short = 'A', long, global = true)]
    pub all_namespaces: bool,
    /// How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit).
    #[arg(long, global = true, value_name = "DURATION", value_parser = values::limit)]
    pub request_timeout: Option<values::Limit>,
    /// Return large lists in chunks of this many objects, as kubectl's --chunk-size (0 = one
    /// request per list) [default: 500]. Given, it also makes the pods of other workloads a
    /// consistent, paged read; by default they come from the API server's watch cache in one
    /// response (resourceVersion=0), as the scheduler's own informer reads them.
    #[arg(long, global = true, value_name = "N")]
    pub chunk_size: Option<u32>,
    /// Output format: table, wide, json, yaml, name (the listed objects, as kubectl names them),
    /// jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl's JSONPath over the JSON shape);
    /// validate also: text, junit, sarif.
    #[arg(short = 'o', long, global = true, value_name = "FORMAT", value_parser = values::OutputParser)]
    pub output: Option<crate::render::OutputFormat>,
    /// When to colour output: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Same as --color=never.
    #[arg(long, global = true)]
    pub no_color: bool,
    /// Read cluster state from a file, a directory (recursively, e.g. a `kubectl cluster-info
    /// dump`), or `-` for stdin, instead of a live cluster. Repeatable.
    #[arg(long, global = true, value_name = "PATH")]
    pub snapshot: Vec<PathBuf>,
    /// The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default:
    /// the live server's /version, else the version a snapshot recorded, else 1.37).
    #[arg(long, global = true, value_name = "MAJOR.MINOR", value_parser = values::kube_version)]
    pub kube_version: Option<crate::placement::semantics::Release>,
    /// Feature gates that differ from that release's defaults, spelled as the Kubernetes
    /// components spell them: Name=true,Other=false. Repeatable.
    #[arg(long, global = true, value_name = "GATES", value_parser = values::feature_gates)]
    pub feature_gates: Vec<values::FeatureGates>,
    /// The distribution whose controllers run: kubernetes or openshift (default: detected from
    /// the server's API groups, else recorded in the snapshot, else kubernetes).
    #[arg(long, global = true, value_name = "NAME", value_parser = values::distribution)]
    pub distribution: Option<crate::placement::semantics::Distribution>,
    /// Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed.
    #[arg(short = 'v', long = "verbose", global = true, value_name = "LEVEL",
          num_args = 0..=1, default_missing_value = "1", require_equals = true)]
    pub verbose: Option<u8>,
}

/// Colour policy.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

impl GlobalArgs {
    /// The colour policy of `--color` and `--no-color` together.
    pub fn color_policy(&self) -> crate::render::ColorPolicy {
        use crate::render::ColorPolicy;
        match (self.no_color, self.color) {
            (true, _) | (_, ColorChoice::Never) => ColorPolicy::Never,
            (false, ColorChoice::Always) => ColorPolicy::Always,
            (false, ColorChoice::Auto) => ColorPolicy::Auto,
        }
    }
}

/// The colour clap uses for `--help` and usage errors, from the same flags as the commands'
/// output: clap prints those before our flags are parsed, so the raw arguments are scanned.
/// `--no-color` and `--color=never` win, then `--color=always`; otherwise auto, where clap
/// honours a terminal, `NO_COLOR` and `TERM=dumb` itself.
///
/// ```
/// use kubectl_ds::cli::help_color;
/// let c = |a: &[&str]| help_color(&a.iter().map(|s| s.to_string()).collect::<Vec<_>>());
/// assert_eq!(c(&["kubectl-ds", "--help"]), clap::ColorChoice::Auto);
/// assert_eq!(c(&["kubectl-ds", "rollout", "--help", "--no-color"]), clap::ColorChoice::Never);
/// assert_eq!(c(&["kubectl-ds", "--color", "always", "x"]), clap::ColorChoice::Always);
/// assert_eq!(c(&["kubectl-ds", "--color=always", "--no-color"]), clap::ColorChoice::Never);
/// assert_eq!(c(&["kubectl-ds", "--", "--no-color"]), clap::ColorChoice::Auto);
/// ```
pub fn help_color(args: &[String]) -> clap::ColorChoice {
    let mut choice = clap::ColorChoice::Auto;
    let mut never = false;
    let mut words = args.iter().skip(1);
    while let Some(a) = words.next() {
        let value = match a.as_str() {
            "--" => break,
            "--no-color" => {
                never = true;
                continue;
            }
            "--color" => words.next().map(String::as_str),
            other => other.strip_prefix("--color="),
        };
        match value {
            Some("never") => never = true,
            Some("always") => choice = clap::ColorChoice::Always,
            Some("auto") => choice = clap::ColorChoice::Auto,
            _ => {}
        }
    }
    if never {
        clap::ColorChoice::Never
    } else {
        choice
    }
}

/// The words to complete when kubectl runs us for completion: invoked as
/// `kubectl_complete-ds ARGS…` (kubectl ≥ 1.26 looks for that name on PATH), or through the
/// hidden `kubectl-ds __complete ARGS…` entry point.
pub fn completion_words(argv: &[std::ffi::OsString]) -> Option<Vec<String>> {
    // Lossy for dispatch decisions only; clap parses the OS strings themselves.
    let argv: Vec<String> = argv
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let invoked_as = std::path::Path::new(argv.first()?)
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    if invoked_as.starts_with(completion::KUBECTL_COMPLETER) {
        Some(argv[1..].to_vec())
    } else if argv.get(1).map(String::as_str) == Some("__complete") {
        Some(argv[2..].to_vec())
    } else {
        None
    }
}

/// Parse the command line; on `--help`, `--version` or a usage error clap prints (in the colour
/// the flags ask for) and the exit code is returned instead: 0, or 2 for a usage error.
pub fn parse(argv: Vec<std::ffi::OsString>) -> Result<Cli, i32> {
    use clap::{CommandFactory, FromArgMatches};
    let lossy: Vec<String> = argv
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    Cli::command()
        .color(help_color(&lossy))
        .try_get_matches_from(clap_args(argv))
        .and_then(|m| Cli::from_arg_matches(&m))
        .map_err(|e| {
            let _ = e.print();
            if e.use_stderr() { 2 } else { 0 }
        })
}

/// The arguments for clap. `kubectl ds help CMD --no-color` would be refused by clap's `help`
/// subcommand, which takes command names only; the colour flags there have already been read by
/// [`help_color`], so they are dropped.
pub fn clap_args(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    if args.get(1).is_none_or(|a| a != "help") {
        return args;
    }
    let mut out = Vec::with_capacity(args.len());
    let mut words = args.into_iter();
    while let Some(a) = words.next() {
        if a == "--no-color" || a.to_str().is_some_and(|s| s.starts_with("--color=")) {
            continue;
        }
        if a == "--color" {
            words.next();
            continue;
        }
        out.push(a);
    }
    out
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show, for every node, whether a DaemonSet's pod should run there, whether it does, and why not.
    #[command(after_help = explain::EXAMPLES)]
    ExplainPlacement(explain::ExplainArgs),
    /// Every DaemonSet in scope on one line: counters, rollout state, the most common reason nodes are not covered.
    #[command(visible_alias = "ls", after_help = list::EXAMPLES)]
    List(list::ListArgs),
    /// Explain why DaemonSets are not running (or not ready) on a node.
    #[command(visible_alias = "why-not", after_help = why_not::EXAMPLES)]
    WhyNotScheduled(why_not::WhyNotArgs),
    /// Write the cluster state the other commands read to one YAML/JSON file (redacted), for --snapshot.
    #[command(after_help = snapshot::EXAMPLES)]
    Snapshot(snapshot::SnapshotArgs),
    /// Rollout status, history and undo for DaemonSets.
    #[command(after_help = rollout::EXAMPLES)]
    Rollout(rollout::RolloutArgs),
    /// Show what changed between two revisions of a DaemonSet (or a revision and the live template).
    #[command(after_help = diff_revision::EXAMPLES)]
    DiffRevision(diff_revision::DiffRevisionArgs),
    /// Shell completion: scripts for bash, zsh, fish, or `install` for completion through kubectl.
    #[command(after_help = completion::EXAMPLES)]
    Completion(completion::CompletionArgs),
    /// Validate DaemonSet manifests offline: what the API server would reject, and DaemonSet pitfalls.
    #[command(after_help = validate::EXAMPLES)]
    Validate(validate::ValidateArgs),
    /// Placement before and after a change not made yet: node taints, labels, cordons, removals, manifests.
    #[command(after_help = what_if::EXAMPLES)]
    WhatIf(what_if::WhatIfArgs),
}
