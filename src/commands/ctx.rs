//! The run's context, built once from the global flags (ripgrep's `HiArgs::from_low_args`):
//! where state comes from, the namespace flags, the output format and the styles of both
//! streams, and the clock. Commands read this, never the flags; libraries see neither.

use crate::cli::GlobalArgs;
use crate::cluster::{DEFAULT_TIMEOUT, LiveSpec, Session, SourceSpec};
use crate::error::{Error, Result};
use crate::model::ClusterState;
use crate::model::semantics::{Requested, Semantics};
use crate::render::{OutputFormat, Styles};

/// Everything a command needs to know about this run, resolved.
#[derive(Clone, Debug)]
pub struct Ctx {
    /// Live (kubeconfig) or `--snapshot` paths.
    pub source: SourceSpec,
    /// `-n` as given (the session adds the context's namespace live).
    pub namespace: Option<String>,
    /// `-A`.
    pub all_namespaces: bool,
    /// `-o` as given; each command decides which formats it takes ([`Ctx::format`]).
    pub output: Option<OutputFormat>,
    /// stdout's and stderr's colour and width.
    pub styles: Styles,
    /// Seconds since the Unix epoch, read once (the evaluator's clock for minReadySeconds).
    pub now: i64,
    /// `--kube-version`, `--feature-gates`, `--distribution`: what to mirror, where the user
    /// said (the rest comes from the server or the snapshot, see [`Ctx::semantics`]).
    pub requested: Requested,
    /// Several contexts asked (`--context a,b`, `--all-contexts`, `--context-selector`): which,
    /// resolved against the kubeconfig by [`super::fleet::Fleet::resolve`]. `None`: one cluster,
    /// exactly as without these flags.
    pub fleet: Option<FleetSpec>,
    /// In a fleet run, the context this cluster's [`Ctx`] asks ([`Ctx::for_context`]).
    pub context: Option<String>,
}

/// The fleet flags as given.
#[derive(Clone, Debug)]
pub struct FleetSpec {
    /// `--context a,b` (duplicates removed, order kept); empty with `--all-contexts`.
    pub contexts: Vec<String>,
    /// `--all-contexts` or `--context-selector`: every context (matching the selector).
    pub all: bool,
    pub selector: Option<regex::Regex>,
    /// `--max-concurrency`.
    pub max_concurrency: usize,
}

impl Ctx {
    /// Resolve the global flags: the request timeout's default, the colour policy per stream.
    pub fn from_args(g: &GlobalArgs) -> Ctx {
        let mut contexts: Vec<String> = Vec::new();
        for c in &g.context {
            if !contexts.contains(c) {
                contexts.push(c.clone());
            }
        }
        let selector = g.context_selector.as_ref().map(|p| p.0.clone());
        let fleet =
            (contexts.len() > 1 || g.all_contexts || selector.is_some()).then(|| FleetSpec {
                contexts: if g.all_contexts || selector.is_some() {
                    Vec::new()
                } else {
                    contexts.clone()
                },
                all: g.all_contexts || selector.is_some(),
                selector,
                max_concurrency: usize::from(g.max_concurrency.max(1)),
            });
        let single = if fleet.is_none() {
            contexts.pop()
        } else {
            None
        };
        let source = if g.snapshot.is_empty() {
            SourceSpec::Live(LiveSpec {
                kubeconfig: g.kubeconfig.clone(),
                context: single,
                namespace: g.namespace.clone(),
                request_timeout: g.request_timeout.map_or(Some(DEFAULT_TIMEOUT), |l| l.0),
                chunk_size: g.chunk_size,
                verbose: g.verbose.is_some(),
                fleet: false,
            })
        } else {
            SourceSpec::Snapshot {
                paths: g.snapshot.clone(),
                namespace: g.namespace.clone(),
            }
        };
        Ctx {
            source,
            namespace: g.namespace.clone(),
            all_namespaces: g.all_namespaces,
            output: g.output.clone(),
            styles: Styles::new(g.color_policy()),
            now: jiff::Timestamp::now().as_second(),
            requested: Requested {
                release: g.kube_version,
                gates: g
                    .feature_gates
                    .iter()
                    .flat_map(|f| f.0.iter().map(|(k, v)| (*k, *v)))
                    .collect(),
                distribution: g.distribution,
            },
            fleet,
            context: None,
        }
    }

    /// This run's context for one cluster of a fleet: the same flags with kubeconfig context
    /// `context`, as if it alone had been given.
    pub fn for_context(&self, context: &str) -> Ctx {
        Ctx {
            source: self.source.with_context(context),
            fleet: None,
            context: Some(context.to_string()),
            ..self.clone()
        }
    }

    /// The semantics to mirror for `state`: the flags, else what the server or the snapshot
    /// said, else the newest modelled release. A gate the release does not have, or a GA gate
    /// set against its locked value, is a usage error.
    pub fn semantics(&self, state: &ClusterState) -> Result<Semantics> {
        Semantics::resolve(&self.requested, &state.server).map_err(Error::usage)
    }

    /// Open the source (connects when live).
    pub async fn session(&self) -> Result<Session> {
        Session::open(&self.source).await
    }

    /// The `-o` format if this command takes it (`default` when none was given), else a usage
    /// error that lists what it takes.
    /// A command that takes `json` takes `jsonpath=…` and `jsonpath-as-json=…` too (they run
    /// over the same shape).
    pub fn format(&self, default: OutputFormat, takes: &[OutputFormat]) -> Result<OutputFormat> {
        let f = self.output.clone().unwrap_or(default);
        let json = takes.contains(&OutputFormat::Json);
        if takes.contains(&f) || (json && f.is_machine()) {
            return Ok(f);
        }
        let mut names: Vec<&str> = takes.iter().map(|t| t.name()).collect();
        if json {
            names.extend(["jsonpath=TEMPLATE", "jsonpath-as-json=TEMPLATE"]);
        }
        Err(Error::usage(format!(
            "output format {:?} is not supported by this command; use {}",
            f.name(),
            join_or(&names)
        )))
    }

    /// The format of the table commands: table (default), wide, json, yaml.
    pub fn table_format(&self) -> Result<OutputFormat> {
        use OutputFormat::*;
        self.format(Table, &[Table, Wide, Json, Yaml])
    }

    /// The format of the read commands that list objects: the table formats and `name`.
    pub fn list_format(&self) -> Result<OutputFormat> {
        use OutputFormat::*;
        self.format(Table, &[Table, Wide, Json, Yaml, Name])
    }
}

/// `a, b, c or d`.
fn join_or(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}
