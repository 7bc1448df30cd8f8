//! kubectl-ds: DaemonSet placement, rollouts and manifest validation, as a library.
//!
//! The binary (`src/main.rs`) is a thin shell over this crate. The pieces:
//! - [`placement`]: the pure evaluator mirroring the DaemonSet controller and kube-scheduler.
//! - [`cluster`]: cluster state from a live API server or from snapshot files.
//! - [`labels`]: Kubernetes name/label syntax with upstream messages.
//! - [`error`]: typed failures and exit codes.
//! - [`input`]: opening input paths safely (no hang on a FIFO, no endless device, no SIGBUS).

pub mod cli;
pub mod cluster;
pub mod commands;
pub mod diff;
pub mod error;
pub mod input;
pub mod labels;
pub mod placement;
pub mod render;
pub mod revisions;
pub mod rollout;
pub mod selector;
pub mod validate;
