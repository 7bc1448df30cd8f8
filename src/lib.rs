//! kubectl-ds: DaemonSet placement, rollouts and manifest validation, as a library.
//!
//! The binary (`src/main.rs`) is a thin shell over this crate. The pieces:
//! - [`placement`]: the pure evaluator mirroring the DaemonSet controller and kube-scheduler.
//! - [`cluster`]: cluster state from a live API server or from snapshot files.
//! - [`labels`]: Kubernetes name/label syntax with upstream messages.
//! - [`error`]: typed failures and exit codes.

pub mod cli;
pub mod cluster;
pub mod commands;
pub mod diff;
pub mod error;
pub mod labels;
pub mod placement;
pub mod render;
pub mod revisions;
pub mod rollout;
pub mod selector;
