//! Kubernetes semantics by release: which scheduler and controller behaviour to mirror.
//!
//! The answer to "does the pod fit?" changed between releases 1.30 and 1.37: pod-level
//! resources, in-place resize accounting, sidecar host ports, numeric tolerations,
//! NodeDeclaredFeatures, DRA-backed extended resources. This module holds the table of those
//! behaviours (with each feature gate's default per release, and the upstream source of each
//! row), and [`Semantics`]: the release, gate overrides and distribution one evaluation mirrors.
//! It is a value passed into the evaluator, never a global.
//!
//! Sources read (kubernetes/kubernetes, copies reached through the project's search tools; per
//! row below): the versioned feature-gate tables (`pkg/features/kube_features.go`
//! `defaultVersionedKubernetesFeatureGates` with entries up to 1.35, and the scheduler gate table
//! of the master copy with entries up to 1.37), `staging/src/k8s.io/component-helpers/resource/helpers.go`
//! (two copies: per-container max, and master's max of sums), `staging/src/k8s.io/api/core/v1/toleration.go`
//! (`ToleratesTaint`, `compareNumericValues`), `pkg/scheduler/framework/plugins/nodedeclaredfeatures`,
//! `staging/src/k8s.io/component-helpers/nodedeclaredfeatures` and PRs #132040 / #133390
//! (NodePorts and restartable init containers), #140047 (resize footprint: max of sums).

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

/// The oldest and newest minor releases whose behaviour is modelled (1.30 … 1.37).
pub const OLDEST_MINOR: u32 = 30;
pub const NEWEST_MINOR: u32 = 37;

/// A Kubernetes release: `1.MINOR`, with the patch when it is known (a server's `/version`, a
/// snapshot's record, or `--kube-version 1.33.6`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Release {
    pub minor: u32,
    pub patch: Option<u32>,
}

impl Release {
    pub const NEWEST: Release = Release {
        minor: NEWEST_MINOR,
        patch: None,
    };

    /// Within 1.30 … 1.37.
    pub fn supported(self) -> bool {
        (OLDEST_MINOR..=NEWEST_MINOR).contains(&self.minor)
    }

    /// At least `1.minor.patch`; an unknown patch counts as the newest patch of its minor.
    pub fn at_least(self, minor: u32, patch: u32) -> bool {
        self.minor > minor || (self.minor == minor && self.patch.is_none_or(|p| p >= patch))
    }
}

impl fmt::Display for Release {
    /// `1.33` — the minor release, as the JSON `semantics.kubernetes` spells it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "1.{}", self.minor)
    }
}

/// Parse a Kubernetes version as servers, snapshots and users write it: `1.33`, `1.33.4`,
/// `v1.33.4`, `v1.33.4-eks-1234`, `v1.30.2+k3s1`, `1.31+` (some managed servers' `minor`).
///
/// ```
/// use kubectl_ds::model::semantics::{parse_release, Release};
/// assert_eq!(parse_release("1.33"), Ok(Release { minor: 33, patch: None }));
/// assert_eq!(parse_release("v1.33.4-eks-1234"), Ok(Release { minor: 33, patch: Some(4) }));
/// assert_eq!(parse_release("v1.30.2+k3s1"), Ok(Release { minor: 30, patch: Some(2) }));
/// assert!(parse_release("2.1").is_err());
/// assert!(parse_release("1.x").is_err());
/// ```
pub fn parse_release(s: &str) -> Result<Release, String> {
    let bad = || format!("{s:?} is not a Kubernetes version (use MAJOR.MINOR, e.g. 1.33)");
    let t = s.trim();
    let t = t.strip_prefix('v').unwrap_or(t);
    // Drop pre-release and build suffixes: `-eks-1234`, `+k3s1`, `-rc.1`.
    let core = t.split(['-', '+']).next().unwrap_or("");
    let mut parts = core.split('.');
    let major = parts.next().ok_or_else(bad)?;
    let minor = parts.next().ok_or_else(bad)?;
    let patch = parts.next();
    if parts.next().is_some() || major != "1" {
        return Err(bad());
    }
    let minor: u32 = minor.parse().map_err(|_| bad())?;
    let patch = match patch {
        None => None,
        Some(p) => Some(p.parse::<u32>().map_err(|_| bad())?),
    };
    Ok(Release { minor, patch })
}

/// Where the release (and distribution) mirrored came from, as `semantics.from` spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// The live API server's `/version` (and its API groups).
    Server,
    /// The `kubectl-ds.io/server-version` annotation of a snapshot `kubectl ds snapshot` wrote.
    Snapshot,
    /// `--kube-version`.
    Flag,
    /// Nothing said: the newest supported release.
    Default,
}

/// The distribution whose controllers run: upstream Kubernetes or OpenShift (whose DaemonSet
/// controller honours the project node selector).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Distribution {
    #[default]
    Kubernetes,
    OpenShift,
}

impl Distribution {
    pub fn as_str(self) -> &'static str {
        match self {
            Distribution::Kubernetes => "kubernetes",
            Distribution::OpenShift => "openshift",
        }
    }

    /// `kubernetes` or `openshift`.
    pub fn parse(s: &str) -> Result<Distribution, String> {
        match s {
            "kubernetes" => Ok(Distribution::Kubernetes),
            "openshift" => Ok(Distribution::OpenShift),
            _ => Err(format!(
                "unknown distribution {s:?}: use kubernetes or openshift"
            )),
        }
    }

    /// OpenShift when the server's API groups (discovery `/apis`) include one only OpenShift
    /// serves (`config.openshift.io`, `project.openshift.io`).
    pub fn from_api_groups<'a>(groups: impl IntoIterator<Item = &'a str>) -> Distribution {
        if groups
            .into_iter()
            .any(|g| g == "config.openshift.io" || g == "project.openshift.io")
        {
            Distribution::OpenShift
        } else {
            Distribution::Kubernetes
        }
    }
}

/// The feature gates whose state changes a placement answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Gate {
    PodLevelResources,
    InPlacePodVerticalScaling,
    SidecarContainers,
    NodeDeclaredFeatures,
    DRAExtendedResource,
    TaintTolerationComparisonOperators,
    MatchLabelKeysInPodAffinity,
}

/// One stage of a gate: from `minor` on, this default (and whether it is locked to it, as GA
/// gates are: setting it otherwise is refused by the components).
struct Stage {
    minor: u32,
    default: bool,
    locked: bool,
}

const fn st(minor: u32, default: bool, locked: bool) -> Stage {
    Stage {
        minor,
        default,
        locked,
    }
}

/// A gate's row: its stages and, when it was removed, the first release without it.
struct GateRow {
    gate: Gate,
    name: &'static str,
    stages: &'static [Stage],
    removed: Option<u32>,
    /// What it changes in a placement answer.
    effect: &'static str,
}

/// Each gate's default per release. Sources: `pkg/features/kube_features.go`
/// (`defaultVersionedKubernetesFeatureGates`, copy with entries to 1.35) and the scheduler
/// feature-gate table of kubernetes master (entries to 1.37).
const GATES: &[GateRow] = &[
    // PodLevelResources: {1.32 alpha false}, {1.34 beta true}; the master copy read has no GA entry.
    GateRow {
        gate: Gate::PodLevelResources,
        name: "PodLevelResources",
        stages: &[st(32, false, false), st(34, true, false)],
        removed: None,
        effect: "spec.resources (pod-level cpu, memory, hugepages) replaces the containers' sum, for the incoming and the existing pods",
    },
    // InPlacePodVerticalScaling: {1.27 alpha false}, {1.33 beta true}, {1.35 GA locked}.
    GateRow {
        gate: Gate::InPlacePodVerticalScaling,
        name: "InPlacePodVerticalScaling",
        stages: &[
            st(27, false, false),
            st(33, true, false),
            st(35, true, true),
        ],
        removed: None,
        effect: "an existing pod counts at the larger of its spec, status and allocated requests (status only when its resize is Infeasible)",
    },
    // SidecarContainers: {1.28 alpha false}, {1.29 beta true}, {1.33 GA locked}, removed in 1.36
    // ("GA in 1.33 remove in 1.36").
    GateRow {
        gate: Gate::SidecarContainers,
        name: "SidecarContainers",
        stages: &[
            st(28, false, false),
            st(29, true, false),
            st(33, true, true),
        ],
        removed: Some(36),
        effect: "init containers with restartPolicy Always run beside the containers (their requests add up); off, the API server drops the field",
    },
    // NodeDeclaredFeatures: {1.35 alpha false}, {1.36 beta true}, {1.37 GA locked}.
    GateRow {
        gate: Gate::NodeDeclaredFeatures,
        name: "NodeDeclaredFeatures",
        stages: &[
            st(35, false, false),
            st(36, true, false),
            st(37, true, true),
        ],
        removed: None,
        effect: "the scheduler filter NodeDeclaredFeatures: the node must declare every feature the pod needs (the controller does not check it)",
    },
    // DRAExtendedResource: {1.34 alpha false}, {1.36 beta true}, {1.37 GA locked}.
    GateRow {
        gate: Gate::DRAExtendedResource,
        name: "DRAExtendedResource",
        stages: &[
            st(34, false, false),
            st(36, true, false),
            st(37, true, true),
        ],
        removed: None,
        effect: "an extended resource a DeviceClass maps, on a node without it in allocatable, is left to the DynamicResources plugin",
    },
    // TaintTolerationComparisonOperators: {1.35 alpha false} (still alpha in the 1.37 copy).
    GateRow {
        gate: Gate::TaintTolerationComparisonOperators,
        name: "TaintTolerationComparisonOperators",
        stages: &[st(35, false, false)],
        removed: None,
        effect: "tolerations with operator Lt / Gt compare integer taint values; off, they tolerate nothing",
    },
    // MatchLabelKeysInPodAffinity: {1.29 alpha false}, {1.31 beta true}, {1.33 GA locked}. An
    // API-server gate: the pod strategy merges the keys when the pod is created.
    GateRow {
        gate: Gate::MatchLabelKeysInPodAffinity,
        name: "MatchLabelKeysInPodAffinity",
        stages: &[
            st(29, false, false),
            st(31, true, false),
            st(33, true, true),
        ],
        removed: None,
        effect: "the API server merges matchLabelKeys / mismatchLabelKeys of the pod's (anti-)affinity terms into their labelSelector (key in / notin the pod's value) when it creates the daemon pod; off, the keys are ignored",
    },
];

fn row(gate: Gate) -> &'static GateRow {
    GATES
        .iter()
        .find(|r| r.gate == gate)
        .expect("every gate has a row")
}

impl Gate {
    pub const ALL: [Gate; 7] = [
        Gate::PodLevelResources,
        Gate::InPlacePodVerticalScaling,
        Gate::SidecarContainers,
        Gate::NodeDeclaredFeatures,
        Gate::DRAExtendedResource,
        Gate::TaintTolerationComparisonOperators,
        Gate::MatchLabelKeysInPodAffinity,
    ];

    /// The name the components spell on `--feature-gates`.
    pub fn name(self) -> &'static str {
        row(self).name
    }

    /// What the gate changes in a placement answer.
    pub fn effect(self) -> &'static str {
        row(self).effect
    }

    /// The gate named `name`, if modelled.
    pub fn by_name(name: &str) -> Option<Gate> {
        Gate::ALL.into_iter().find(|g| g.name() == name)
    }

    /// The stage in force at `minor`, `None` before the gate existed or after it was removed.
    fn stage(self, minor: u32) -> Option<&'static Stage> {
        let r = row(self);
        if r.removed.is_some_and(|m| minor >= m) {
            return None;
        }
        r.stages.iter().rev().find(|s| s.minor <= minor)
    }

    /// The gate's default in release `1.minor`. Before the gate existed the behaviour is off;
    /// after it was removed, on (gates are removed once GA).
    pub fn default_at(self, minor: u32) -> bool {
        match self.stage(minor) {
            Some(s) => s.default,
            None => row(self).removed.is_some_and(|m| minor >= m),
        }
    }

    /// `alpha`/`beta`/`GA` words for docs: `off (alpha)`, `on (beta)`, `on (GA, locked)`, `—`.
    pub fn describe_at(self, minor: u32) -> String {
        let r = row(self);
        match self.stage(minor) {
            None if r.removed.is_some_and(|m| minor >= m) => "on (gate removed)".into(),
            None => "— (no gate)".into(),
            Some(s) => {
                let stage = if s.locked {
                    "GA, locked"
                } else if s.default {
                    "beta"
                } else {
                    "alpha"
                };
                format!("{} ({stage})", if s.default { "on" } else { "off" })
            }
        }
    }
}

/// `--feature-gates Name=true,Other=false`, as the Kubernetes components parse it (names
/// checked against the gates modelled; per-release checks happen in [`Semantics::resolve`]).
///
/// ```
/// use kubectl_ds::model::semantics::{parse_feature_gates, Gate};
/// let g = parse_feature_gates("PodLevelResources=false, NodeDeclaredFeatures=true").unwrap();
/// assert_eq!(g.get(&Gate::PodLevelResources), Some(&false));
/// assert!(parse_feature_gates("Nope=true").unwrap_err().contains("unrecognized feature gate: Nope"));
/// assert!(parse_feature_gates("PodLevelResources=yes").is_err());
/// ```
pub fn parse_feature_gates(s: &str) -> Result<BTreeMap<Gate, bool>, String> {
    let mut out = BTreeMap::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (name, value) = part.split_once('=').ok_or_else(|| {
            format!("missing bool value for {part:?} (use Name=true or Name=false)")
        })?;
        let (name, value) = (name.trim(), value.trim());
        let gate = Gate::by_name(name).ok_or_else(|| {
            let known: Vec<&str> = Gate::ALL.iter().map(|g| g.name()).collect();
            format!(
                "unrecognized feature gate: {name} (kubectl ds models {})",
                known.join(", ")
            )
        })?;
        // Go's strconv.ParseBool, which the components use.
        let on = match value {
            "1" | "t" | "T" | "true" | "TRUE" | "True" => true,
            "0" | "f" | "F" | "false" | "FALSE" | "False" => false,
            _ => {
                return Err(format!(
                    "invalid value of {name}={value}, err: strconv.ParseBool: parsing {value:?}: invalid syntax"
                ));
            }
        };
        out.insert(gate, on);
    }
    Ok(out)
}

/// What the server (live) or the snapshot file said about itself.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ServerFacts {
    /// `gitVersion` as reported or recorded (`v1.33.4`, `1.37.2`).
    pub version: Option<String>,
    /// Detected from the API groups, or recorded.
    pub distribution: Option<Distribution>,
    /// `Server` or `Snapshot`: where the facts came from (`Default` when nothing was read).
    pub from: Option<Origin>,
    /// Why the server's version could not be read (live, best effort).
    pub unread: Option<String>,
}

/// How an existing pod's requests are counted while it may be resized in place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResizeAccounting {
    /// The spec alone (InPlacePodVerticalScaling off).
    Spec,
    /// Per container: the larger of spec, `status.containerStatuses[].resources.requests` and
    /// `allocatedResources` (status and allocated only when the resize is Infeasible), summed
    /// (component-helpers `determineContainerReqs`, 1.33 – 1.36).
    PerContainerMax,
    /// The larger of the pod's summed spec, summed actuated and summed allocated requests
    /// (component-helpers `AggregateContainerRequests`, PR #140047, master since July 2026: 1.37).
    MaxOfSums,
}

/// The behaviour one evaluation mirrors: a release, its gate overrides, a distribution, and where
/// each came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Semantics {
    pub release: Release,
    pub from: Origin,
    pub distribution: Distribution,
    /// Gates set differently from the release's defaults (only those).
    pub overrides: BTreeMap<Gate, bool>,
    /// What the reader should know about how the semantics were chosen (a version outside the
    /// supported range mirrored as the nearest one; a version that could not be read).
    pub caveats: Vec<String>,
}

impl Default for Semantics {
    /// The newest supported release, upstream Kubernetes, no overrides.
    fn default() -> Self {
        Semantics {
            release: Release::NEWEST,
            from: Origin::Default,
            distribution: Distribution::Kubernetes,
            overrides: BTreeMap::new(),
            caveats: Vec::new(),
        }
    }
}

/// What the user asked for on the command line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Requested {
    /// `--kube-version`.
    pub release: Option<Release>,
    /// `--feature-gates`.
    pub gates: BTreeMap<Gate, bool>,
    /// `--distribution`.
    pub distribution: Option<Distribution>,
}

impl Semantics {
    /// Choose the semantics: `--kube-version` wins, else the server's `/version` (live) or the
    /// version a snapshot recorded, else the newest supported release. A version outside
    /// 1.30 – 1.37 given on the command line is refused (`Err`, a usage error); one reported by a
    /// server or a snapshot is mirrored as the nearest supported release, with a caveat. Gate
    /// overrides are checked against the chosen release as the components check them (a gate
    /// that does not exist there, or a GA gate set against its locked value, is refused).
    pub fn resolve(req: &Requested, facts: &ServerFacts) -> Result<Semantics, String> {
        let mut caveats = Vec::new();
        let (release, from) = if let Some(r) = req.release {
            if !r.supported() {
                return Err(format!(
                    "--kube-version {r}: kubectl ds mirrors Kubernetes 1.{OLDEST_MINOR} to 1.{NEWEST_MINOR}"
                ));
            }
            (r, Origin::Flag)
        } else {
            let recorded = facts.version.as_deref().map(|v| (v, parse_release(v)));
            let source = facts.from.unwrap_or(Origin::Default);
            let said = match source {
                Origin::Snapshot => "the snapshot records",
                _ => "the server reports",
            };
            match recorded {
                Some((_, Ok(r))) if r.supported() => (r, source),
                Some((raw, Ok(r))) => {
                    let near = Release {
                        minor: r.minor.clamp(OLDEST_MINOR, NEWEST_MINOR),
                        patch: None,
                    };
                    caveats.push(format!(
                        "{said} Kubernetes {raw}, outside the releases modelled (1.{OLDEST_MINOR} – 1.{NEWEST_MINOR}): answers mirror {near}; set --kube-version to choose"
                    ));
                    (near, source)
                }
                Some((raw, Err(_))) => {
                    caveats.push(format!(
                        "{said} version {raw:?}, which is not a Kubernetes version: answers mirror {} (the newest modelled); set --kube-version to choose",
                        Release::NEWEST
                    ));
                    (Release::NEWEST, Origin::Default)
                }
                None => {
                    if let Some(why) = &facts.unread {
                        caveats.push(format!(
                            "the server's version was not read ({why}): answers mirror {} (the newest modelled); set --kube-version to choose",
                            Release::NEWEST
                        ));
                    }
                    (Release::NEWEST, Origin::Default)
                }
            }
        };
        let distribution = req.distribution.or(facts.distribution).unwrap_or_default();
        let mut overrides = BTreeMap::new();
        for (&gate, &on) in &req.gates {
            let r = row(gate);
            match gate.stage(release.minor) {
                None if r.removed.is_some_and(|m| release.minor >= m) => {
                    return Err(format!(
                        "unrecognized feature gate: {} (removed in 1.{} after GA; always on in {release})",
                        r.name,
                        r.removed.unwrap_or_default()
                    ));
                }
                None => {
                    return Err(format!(
                        "unrecognized feature gate: {} (it first exists in 1.{}, not in {release})",
                        r.name,
                        r.stages.first().map_or(0, |s| s.minor)
                    ));
                }
                Some(s) if s.locked && s.default != on => {
                    return Err(format!(
                        "cannot set feature gate {} to {on}, feature is locked to {} in {release}",
                        r.name, s.default
                    ));
                }
                Some(s) if s.default != on => {
                    overrides.insert(gate, on);
                }
                Some(_) => {}
            }
        }
        Ok(Semantics {
            release,
            from,
            distribution,
            overrides,
            caveats,
        })
    }

    /// A release's defaults, no overrides (tests, benches).
    pub fn at(minor: u32) -> Semantics {
        Semantics {
            release: Release { minor, patch: None },
            from: Origin::Flag,
            ..Semantics::default()
        }
    }

    /// Whether `gate` is on: the override, else the release's default.
    pub fn enabled(&self, gate: Gate) -> bool {
        self.overrides
            .get(&gate)
            .copied()
            .unwrap_or_else(|| gate.default_at(self.release.minor))
    }

    /// Pod-level `spec.resources` replace the containers' sum (scheduler `SkipPodLevelResources:
    /// !PodLevelResources`). The field exists from 1.32; before, the API server does not keep it.
    pub fn pod_level_resources(&self) -> bool {
        self.enabled(Gate::PodLevelResources)
    }

    /// Init containers with `restartPolicy: Always` are sidecars.
    pub fn sidecars(&self) -> bool {
        self.enabled(Gate::SidecarContainers)
    }

    /// NodePorts counts the host ports of restartable init containers (PR #132040, in 1.34.0;
    /// its cherry-pick #133390 to release-1.33 merged October 2025, so 1.33.6 on). For 1.33
    /// without a patch number the newest patch is assumed.
    pub fn sidecar_host_ports(&self) -> bool {
        self.sidecars() && self.release.at_least(33, 6)
    }

    /// How an existing pod's requests count while it may be resized in place.
    pub fn resize_accounting(&self) -> ResizeAccounting {
        if !self.enabled(Gate::InPlacePodVerticalScaling) {
            ResizeAccounting::Spec
        } else if self.release.minor >= 37 {
            ResizeAccounting::MaxOfSums
        } else {
            ResizeAccounting::PerContainerMax
        }
    }

    /// Tolerations with `Lt` / `Gt` compare numbers.
    pub fn comparison_operators(&self) -> bool {
        self.enabled(Gate::TaintTolerationComparisonOperators)
    }

    /// The NodeDeclaredFeatures scheduler filter runs.
    pub fn node_declared_features(&self) -> bool {
        self.enabled(Gate::NodeDeclaredFeatures)
    }

    /// Extended resources mapped by a DeviceClass are left to DRA on nodes without them.
    pub fn dra_extended_resources(&self) -> bool {
        self.enabled(Gate::DRAExtendedResource)
    }

    /// The daemon pod's (anti-)affinity terms get their `matchLabelKeys` / `mismatchLabelKeys`
    /// merged into the labelSelector when the pod is created.
    pub fn match_label_keys_in_pod_affinity(&self) -> bool {
        self.enabled(Gate::MatchLabelKeysInPodAffinity)
    }

    /// OpenShift's DaemonSet controller (honours the project node selector).
    pub fn openshift(&self) -> bool {
        self.distribution == Distribution::OpenShift
    }

    /// The JSON `semantics` member.
    pub fn report(&self) -> SemanticsReport {
        SemanticsReport {
            kubernetes: self.release.to_string(),
            from: self.from,
            distribution: self.distribution,
            feature_gates: self
                .overrides
                .iter()
                .map(|(g, on)| (g.name().to_string(), *on))
                .collect(),
        }
    }
}

/// `{"kubernetes": "1.37", "from": "server|snapshot|flag|default", "distribution":
/// "kubernetes|openshift", "featureGates": {only the overrides}}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SemanticsReport {
    pub kubernetes: String,
    pub from: Origin,
    pub distribution: Distribution,
    pub feature_gates: BTreeMap<String, bool>,
}

impl SemanticsReport {
    /// The one line of `-o wide` and the why-not header: `semantics: Kubernetes 1.33 (from the
    /// server's /version), kubernetes; feature gates: PodLevelResources=false`.
    pub fn describe(&self) -> String {
        let from = match self.from {
            Origin::Server => "from the server's /version",
            Origin::Snapshot => "recorded in the snapshot",
            Origin::Flag => "--kube-version",
            Origin::Default => "the newest modelled; no version known",
        };
        let mut line = format!(
            "semantics: Kubernetes {} ({from}), {}",
            self.kubernetes,
            self.distribution.as_str()
        );
        if !self.feature_gates.is_empty() {
            let gates: Vec<String> = self
                .feature_gates
                .iter()
                .map(|(g, on)| format!("{g}={on}"))
                .collect();
            line.push_str(&format!("; feature gates: {}", gates.join(",")));
        }
        line
    }
}

/// The behaviours that differ by release, one row each, for `docs/semantics.md`: (behaviour,
/// the releases or gate, the upstream source).
pub const BEHAVIOURS: &[(&str, &str, &str)] = &[
    (
        "Pod-level resources (`spec.resources`) replace the containers' sum, incoming and existing pods",
        "gate PodLevelResources",
        "component-helpers/resource/helpers.go `PodRequests` (`SkipPodLevelResources`); noderesources/fit.go",
    ),
    (
        "Existing pods count at max(spec, status, allocated) per container; status and allocated only when the resize is Infeasible",
        "gate InPlacePodVerticalScaling, 1.33 – 1.36",
        "component-helpers/resource/helpers.go `determineContainerReqs`, `IsPodResizeInfeasible` (condition PodResizePending, reason Infeasible)",
    ),
    (
        "Existing pods count at max(sum of spec, sum of actuated, sum of allocated)",
        "gate InPlacePodVerticalScaling, 1.37",
        "component-helpers/resource/helpers.go `AggregateContainerRequests` (PR #140047)",
    ),
    (
        "Restartable init containers' host ports block the node (NodePorts)",
        "1.34.0 on, and 1.33.6 on",
        "plugins/nodeports (PR #132040; cherry-pick #133390 to release-1.33)",
    ),
    (
        "Sidecar (restartable init container) requests add to the containers'; init containers take the peak",
        "gate SidecarContainers (on from 1.29, removed 1.36)",
        "component-helpers/resource/helpers.go `AggregateContainerRequests`",
    ),
    (
        "Toleration operators Lt / Gt compare integer values",
        "gate TaintTolerationComparisonOperators",
        "api/core/v1/toleration.go `ToleratesTaint`, `compareNumericValues`",
    ),
    (
        "NodeDeclaredFeatures filter: a pod needing a feature goes only to nodes that declare it; the controller ignores it",
        "gate NodeDeclaredFeatures",
        "plugins/nodedeclaredfeatures; component-helpers/nodedeclaredfeatures",
    ),
    (
        "Extended resources a DeviceClass maps are left to DynamicResources on nodes without them in allocatable",
        "gate DRAExtendedResource",
        "plugins/noderesources/fit.go, resource_allocation.go (`enableDRAExtendedResource`)",
    ),
    (
        "The template's pod (anti-)affinity `matchLabelKeys` / `mismatchLabelKeys` become `key in` / `key notin` the pod's label value in the created pod's labelSelector",
        "gate MatchLabelKeysInPodAffinity (on from 1.31)",
        "pkg/registry/core/pod/strategy.go `mutatePodAffinity`, `applyMatchLabelKeysAndMismatchLabelKeys`",
    ),
];

/// The gate table of `docs/semantics.md`: one row per gate, one column per release, the default
/// (and stage) in each, then what the gate changes. `tests/semantics.rs` checks the page holds it.
pub fn gate_table() -> String {
    let minors: Vec<u32> = (OLDEST_MINOR..=NEWEST_MINOR).collect();
    let mut out = String::from("| gate |");
    for m in &minors {
        out.push_str(&format!(" 1.{m} |"));
    }
    out.push_str(" what it changes |\n|---|");
    out.push_str(&"---|".repeat(minors.len() + 1));
    out.push('\n');
    for g in Gate::ALL {
        out.push_str(&format!("| {} |", g.name()));
        for m in &minors {
            out.push_str(&format!(" {} |", g.describe_at(*m)));
        }
        out.push_str(&format!(" {} |\n", g.effect()));
    }
    out
}

/// The behaviour table of `docs/semantics.md` ([`BEHAVIOURS`]).
pub fn behaviour_table() -> String {
    let mut out = String::from("| behaviour | where | upstream source |\n|---|---|---|\n");
    for (what, when, source) in BEHAVIOURS {
        out.push_str(&format!("| {what} | {when} | {source} |\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gate_defaults_per_release() {
        use Gate::*;
        let on = |g: Gate, m: u32| Semantics::at(m).enabled(g);
        assert!(!on(PodLevelResources, 33) && on(PodLevelResources, 34));
        assert!(!on(InPlacePodVerticalScaling, 32) && on(InPlacePodVerticalScaling, 33));
        assert!(on(SidecarContainers, 30) && on(SidecarContainers, 37));
        assert!(!on(NodeDeclaredFeatures, 35) && on(NodeDeclaredFeatures, 36));
        assert!(!on(DRAExtendedResource, 35) && on(DRAExtendedResource, 36));
        assert!(!on(TaintTolerationComparisonOperators, 37));
        assert!(!on(MatchLabelKeysInPodAffinity, 30) && on(MatchLabelKeysInPodAffinity, 31));
    }

    #[test]
    fn sidecar_host_ports_from_the_late_133_patch() {
        let at = |minor, patch| Semantics {
            release: Release { minor, patch },
            ..Semantics::default()
        };
        assert!(!at(32, None).sidecar_host_ports());
        assert!(!at(33, Some(5)).sidecar_host_ports());
        assert!(at(33, Some(6)).sidecar_host_ports());
        assert!(at(33, None).sidecar_host_ports());
        assert!(at(34, Some(0)).sidecar_host_ports());
    }

    #[test]
    fn resolution_order_and_refusals() {
        let facts = ServerFacts {
            version: Some("v1.33.4".into()),
            distribution: Some(Distribution::OpenShift),
            from: Some(Origin::Server),
            unread: None,
        };
        let s = Semantics::resolve(&Requested::default(), &facts).unwrap();
        assert_eq!(
            (s.release.minor, s.from, s.distribution),
            (33, Origin::Server, Distribution::OpenShift)
        );
        let flag = Requested {
            release: Some(Release {
                minor: 31,
                patch: None,
            }),
            ..Default::default()
        };
        assert_eq!(
            Semantics::resolve(&flag, &facts).unwrap().from,
            Origin::Flag
        );
        let old = Requested {
            release: Some(Release {
                minor: 29,
                patch: None,
            }),
            ..Default::default()
        };
        assert!(Semantics::resolve(&old, &facts).is_err());
        // A server outside the range: nearest, with a caveat.
        let new = ServerFacts {
            version: Some("v1.39.0".into()),
            from: Some(Origin::Server),
            ..Default::default()
        };
        let s = Semantics::resolve(&Requested::default(), &new).unwrap();
        assert_eq!(s.release.minor, 37);
        assert_eq!(s.caveats.len(), 1);
        // Gates: locked, absent, removed, same as default (not an override).
        let gates = |g: Gate, on: bool, minor: u32| {
            Semantics::resolve(
                &Requested {
                    release: Some(Release { minor, patch: None }),
                    gates: [(g, on)].into(),
                    ..Default::default()
                },
                &ServerFacts::default(),
            )
        };
        assert!(
            gates(Gate::InPlacePodVerticalScaling, false, 35)
                .unwrap_err()
                .contains("locked")
        );
        assert!(
            gates(Gate::NodeDeclaredFeatures, true, 33)
                .unwrap_err()
                .contains("first exists")
        );
        assert!(
            gates(Gate::SidecarContainers, true, 36)
                .unwrap_err()
                .contains("removed")
        );
        assert!(
            gates(Gate::PodLevelResources, true, 34)
                .unwrap()
                .overrides
                .is_empty()
        );
        assert_eq!(
            gates(Gate::PodLevelResources, false, 34).unwrap().overrides,
            [(Gate::PodLevelResources, false)].into()
        );
    }

    #[test]
    fn openshift_from_api_groups() {
        assert_eq!(
            Distribution::from_api_groups(["apps", "config.openshift.io"]),
            Distribution::OpenShift
        );
        assert_eq!(
            Distribution::from_api_groups(["apps"]),
            Distribution::Kubernetes
        );
    }
}
