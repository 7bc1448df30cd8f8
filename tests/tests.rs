//! The integration tests: one crate, so the library and its dependencies are linked into one test
//! binary instead of one per file, and the tests of every area share the two test threads.
//!
//! - `util`: [`util::TestCommand`] runs the binary under test (`util::kubectl_ds()`: clean
//!   environment) or any other program; a failed expectation prints the command line and both
//!   streams.
//! - `support`: fakeapi (the local API server) with its request log, the servers around it, a
//!   real kubectl, fixtures.
//!
//! Adding tests: a behaviour goes into the module of its area below. A new area is a new file
//! `tests/NAME.rs` plus a `mod NAME;` line here, in order; it uses `crate::util` and
//! `crate::support`, not a `mod support;` of its own. Cargo.toml sets `autotests = false`, so a
//! file not declared here is not compiled: `.ci/run` fails when one is left out. Tests run in
//! parallel threads of this one process: no test may change the process's environment or current
//! directory, and a measurement of "all children" (getrusage) is shared by everyone: measure the
//! one child (`util::Run::peak_rss`).

mod support;
mod util;

mod architecture;
mod cli_completion;
mod cli_conventions;
mod cli_placement;
mod cli_terminal;
mod credentials;
mod docs_current;
mod evidence;
mod fault_matrix;
mod fidelity_cli;
mod fidelity_table;
mod fleet;
mod guarded_input;
mod hostile_big;
mod hostile_files;
mod hostile_input;
mod krew_manifest;
mod kubectl_e2e;
mod list;
mod live_client;
mod live_faults;
mod live_path_cost;
mod live_path_rbac;
mod live_placement;
mod live_requests;
mod output_forms;
mod panic;
mod placement_table;
mod placement_units;
mod release_package;
mod release_version;
mod rollout;
mod rollout_faults;
mod rollout_parity;
mod rollout_restart;
mod rollout_session;
mod rollout_why;
mod semantics;
mod snapshot_big;
mod snapshot_command;
mod truthful_states;
mod usage_pods;
mod validate_cases;
mod validate_cli;
mod validate_truthful;
mod what_if_cli;
mod what_if_live;
mod what_if_table;
