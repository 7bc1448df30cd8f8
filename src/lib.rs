//! kubectl-ds: DaemonSet placement, rollouts and manifest validation, as a library.
//!
//! The edge resolves, libraries compute, render prints (docs/architecture.md). Arrows point down:
//! - [`cli`]: clap only — the flags, typed values and examples.
//! - [`commands`]: a context built once from the flags, then each command's complete → validate →
//!   run, returning a report. Nothing there prints.
//! - [`render`]: turns reports into tables, JSON/YAML, colour and progress.
//! - [`cluster`]: the one interface to state ([`cluster::Session`]): live or snapshot.
//! - [`placement`], [`rollout`], [`validate`]: the libraries that compute.
//! - [`model`]: the ground floor — cluster state, slim types, labels, selectors, revisions.
//! - [`error`]: failures typed by cause, with the exit class; [`input`]: the one guarded reader.

pub mod cli;
pub mod cluster;
pub mod commands;
pub mod error;
pub mod input;
pub mod model;
pub mod placement;
pub mod render;
pub mod rollout;
pub mod validate;
