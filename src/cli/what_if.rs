//! Arguments of `what-if` (clap). Every change is a typed value: a malformed taint, label or
//! effect is a usage error (exit 2) at parse time.

use std::path::PathBuf;

use clap::{ArgGroup, Args, ValueEnum};
use k8s_openapi::api::core::v1::Taint;

use crate::placement::what_if::{
    Effect, LabelSpec, TaintKey, parse_label, parse_taint, parse_unlabel, parse_untaint,
};

pub const EXAMPLES: &str = "Examples:
  # Which DaemonSets stop covering the gpu pool if it is tainted, and which pods are evicted
  kubectl ds what-if -l pool=gpu --taint dedicated=ml:NoExecute

  # Does the CNI still land if these nodes lose a label?
  kubectl ds what-if kube-system/calico-node --nodes node-3,node-4 --unlabel kubernetes.io/os

  # A new fluent-bit manifest: where will it gain, lose, evict or sit Pending?
  kubectl ds what-if -f fluent-bit.yaml

  # CI guard: exit 1 if the change would leave any node without a pod it has now
  kubectl ds what-if -f fluent-bit.yaml --fail-on lose,evict,unfit --snapshot cluster.yaml -o json";

/// An effect `--fail-on` can name (what each means: [`Effect`]; no doc comments on the
/// variants, which would turn `--help` into clap's long form).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EffectArg {
    Gain,
    Lose,
    Evict,
    Unfit,
    Fit,
}

impl From<EffectArg> for Effect {
    fn from(e: EffectArg) -> Self {
        match e {
            EffectArg::Gain => Effect::Gain,
            EffectArg::Lose => Effect::Lose,
            EffectArg::Evict => Effect::Evict,
            EffectArg::Unfit => Effect::Unfit,
            EffectArg::Fit => Effect::Fit,
        }
    }
}

/// Arguments of `what-if`.
#[derive(Clone, Debug, Args)]
#[command(group(ArgGroup::new("targets").args(["nodes", "selector"]).multiple(true)))]
pub struct WhatIfArgs {
    /// DaemonSets to evaluate: NAME or NAMESPACE/NAME (default: every DaemonSet in scope, all
    /// namespaces unless -n; with only -f, the manifest's DaemonSet).
    #[arg(value_name = "DS")]
    pub daemonsets: Vec<String>,
    /// The nodes to change (repeatable, or comma-separated). Only the chosen nodes are evaluated.
    #[arg(
        long = "nodes",
        alias = "node",
        value_name = "NAME",
        value_delimiter = ','
    )]
    pub nodes: Vec<String>,
    /// The nodes to change, by label selector (e.g. pool=gpu); with --nodes, both must match.
    #[arg(short = 'l', long = "selector", value_name = "SELECTOR")]
    pub selector: Option<String>,
    /// Add a taint, kubectl taint syntax (e.g. dedicated=ml:NoSchedule, gpu:NoExecute); replaces
    /// the value of a taint with the same key and effect. Repeatable.
    #[arg(long, value_name = "KEY[=VALUE]:EFFECT", value_parser = parse_taint, requires = "targets")]
    pub taint: Vec<Taint>,
    /// Remove the taints with KEY (only those with EFFECT, when given); kubectl's KEY- and
    /// KEY:EFFECT- are accepted. Repeatable.
    #[arg(long, value_name = "KEY[:EFFECT]", value_parser = parse_untaint, requires = "targets")]
    pub untaint: Vec<TaintKey>,
    /// Set a node label. Repeatable.
    #[arg(long, value_name = "KEY=VALUE", value_parser = parse_label, requires = "targets")]
    pub label: Vec<LabelSpec>,
    /// Remove a node label (KEY, or kubectl's KEY-). Repeatable.
    #[arg(long, value_name = "KEY", value_parser = parse_unlabel, requires = "targets")]
    pub unlabel: Vec<String>,
    /// Cordon the nodes (spec.unschedulable and the node.kubernetes.io/unschedulable:NoSchedule
    /// taint). Daemon pods tolerate it by default.
    #[arg(long, conflicts_with = "uncordon", requires = "targets")]
    pub cordon: bool,
    /// Uncordon the nodes.
    #[arg(long, requires = "targets")]
    pub uncordon: bool,
    /// Remove the nodes from the cluster (their pods go with them).
    #[arg(long, requires = "targets",
          conflicts_with_all = ["taint", "untaint", "label", "unlabel", "cordon", "uncordon"])]
    pub remove: bool,
    /// A DaemonSet manifest (YAML/JSON file, or - for stdin) compared with the DaemonSet of the
    /// same namespace/name (or with nothing, when it is new).
    #[arg(short = 'f', long = "filename", value_name = "MANIFEST")]
    pub filename: Option<PathBuf>,
    /// Exit 1 when any of these effects occurs (comma-separated, e.g. lose,evict,unfit).
    #[arg(
        long = "fail-on",
        value_name = "EFFECT",
        value_enum,
        value_delimiter = ','
    )]
    pub fail_on: Vec<EffectArg>,
}

impl WhatIfArgs {
    /// Whether any node change flag is given.
    pub fn changes_nodes(&self) -> bool {
        !self.taint.is_empty()
            || !self.untaint.is_empty()
            || !self.label.is_empty()
            || !self.unlabel.is_empty()
            || self.cordon
            || self.uncordon
            || self.remove
    }
}
