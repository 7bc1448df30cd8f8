//! The architecture's arrows point down only (docs/architecture.md): each library imports only
//! the layers below it, clap stays in `cli/`, and commands neither print nor know the source.
//! Read from the source text, so a new `use crate::…` that points up fails here, not in review.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Which top-level modules each module may name as `crate::…` (besides itself).
const ALLOWED: &[(&str, &[&str])] = &[
    ("error", &[]),
    ("input", &["error"]),
    ("model", &["error"]),
    ("placement", &["model", "error"]),
    ("rollout", &["placement", "model", "error"]),
    ("validate", &["placement", "model", "input", "error"]),
    ("cluster", &["placement", "model", "input", "error"]),
    (
        "render",
        &[
            "cluster",
            "rollout",
            "validate",
            "placement",
            "model",
            "error",
        ],
    ),
    // cli converts its flag values into the library types they stand for.
    ("cli", &["render", "rollout", "placement", "error"]),
    (
        "commands",
        &[
            "cli",
            "cluster",
            "render",
            "rollout",
            "validate",
            "placement",
            "model",
            "input",
            "error",
        ],
    ),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file of top-level module `module` (`src/module.rs` and `src/module/**`).
fn files(module: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let single = src().join(format!("{module}.rs"));
    if single.is_file() {
        out.push(single);
    }
    let mut stack = vec![src().join(module)];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out
}

/// Code lines of `path` (comments and doc comments dropped: examples in docs may name anything).
fn code(path: &Path) -> Vec<(usize, String)> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .map(|(i, l)| (i + 1, l.to_string()))
        .collect()
}

/// `crate::X` names on a line.
fn crate_refs(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        let name: String = after
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            out.push(name);
        }
        rest = after;
    }
    out
}

#[test]
fn imports_point_down_only() {
    let allowed: BTreeMap<&str, BTreeSet<&str>> = ALLOWED
        .iter()
        .map(|(m, deps)| (*m, deps.iter().copied().collect()))
        .collect();
    let mut wrong = Vec::new();
    for (module, deps) in &allowed {
        let files = files(module);
        assert!(!files.is_empty(), "no source for module {module}");
        for f in files {
            for (n, line) in code(&f) {
                for r in crate_refs(&line) {
                    if r != *module && !deps.contains(r.as_str()) {
                        wrong.push(format!("{}:{n}: {module} imports crate::{r}", f.display()));
                    }
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "arrows pointing up:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn clap_is_only_in_cli() {
    let mut wrong = Vec::new();
    for (module, _) in ALLOWED.iter().filter(|(m, _)| *m != "cli") {
        for f in files(module) {
            for (n, line) in code(&f) {
                if line.contains("clap::") || line.contains("use clap") {
                    wrong.push(format!("{}:{n}", f.display()));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "clap outside cli/:\n{}", wrong.join("\n"));
}

#[test]
fn commands_neither_print_nor_know_the_source() {
    let mut wrong = Vec::new();
    for f in files("commands") {
        for (n, line) in code(&f) {
            let prints = ["stdout()", "stderr()", "println!", "eprintln!", "print!("]
                .iter()
                .any(|p| line.contains(p));
            let knows_source = line.contains("Source::Live") || line.contains("cluster::live::");
            if prints || knows_source {
                wrong.push(format!("{}:{n}: {}", f.display(), line.trim()));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn main_only_parses_runs_and_exits() {
    let main = code(&src().join("main.rs"));
    assert!(
        main.len() < 80,
        "src/main.rs has grown to {} lines",
        main.len()
    );
}
