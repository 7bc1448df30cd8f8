//! The docs match the binary: each command's page shows exactly what `kubectl ds help COMMAND`
//! prints (at 100 columns), documents every option of the command, and mentions no flag the
//! plugin does not have. README links every page.
//!
//! After changing help text, regenerate the blocks with
//! `UPDATE_DOCS=1 cargo test --test tests docs_current` and review the diff.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::util::kubectl_ds;

/// Each command page and the commands whose help it carries.
const PAGES: &[(&str, &[&str])] = &[
    ("explain-placement.md", &["explain-placement"]),
    ("why-not-scheduled.md", &["why-not-scheduled"]),
    ("list.md", &["list"]),
    (
        "rollout.md",
        &[
            "rollout status",
            "rollout history",
            "rollout undo",
            "rollout restart",
        ],
    ),
    ("diff-revision.md", &["diff-revision"]),
    ("validate.md", &["validate"]),
    ("snapshot.md", &["snapshot"]),
    ("completion.md", &["completion", "completion install"]),
    ("what-if.md", &["what-if"]),
];

/// Other commands whose flags a page talks about (completion offers their values).
const MENTIONS: &[(&str, &[&str])] = &[(
    "completion.md",
    &["explain-placement", "rollout history", "rollout undo"],
)];

/// Flags of other programs that pages mention on purpose, per page, with why.
const FOREIGN: &[(&str, &str)] = &[
    // every page: `UPDATE_DOCS=1 cargo test --test tests docs_current` above the help blocks
    ("*", "--test"),
    // the change cause kubectl records for `kubectl apply --filename=…`, in example output
    ("rollout.md", "--filename"),
    // `kubectl cluster-info dump --output-directory` is a snapshot input
    ("snapshot.md", "--output-directory"),
    // credential-looking command-line flags that snapshot redacts
    ("snapshot.md", "--password"),
    ("snapshot.md", "--token-file"),
    ("snapshot.md", "--api-key"),
    ("snapshot.md", "--client-secret"),
    // `cargo bench --bench validate -- --manifest-path`
    ("validate.md", "--bench"),
    ("validate.md", "--manifest-path"),
    // `cargo test --lib fast`: the parser's differential tests
    ("validate.md", "--lib"),
    // `kubectl krew install --manifest --archive`, `cargo install --path`, `cargo build --release`
    ("completion.md", "--path"),
];

fn docs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs")
}

/// `kubectl ds help COMMAND…` as the binary prints it, piped, at 100 columns.
fn help(command: &str) -> String {
    let out = kubectl_ds()
        .arg("help")
        .args(command.split_whitespace())
        .env("COLUMNS", "100")
        .output()
        .unwrap();
    assert!(out.status.success(), "help {command}");
    String::from_utf8(out.stdout).unwrap()
}

fn block_start(command: &str) -> String {
    format!("```text\n$ kubectl ds help {command}\n")
}

/// The help block of `command` in `page`: the text between its `$ kubectl ds help …` line and
/// the closing fence, and the byte range of that text.
fn block(page: &str, command: &str) -> Option<(String, std::ops::Range<usize>)> {
    let start = page.find(&block_start(command))? + block_start(command).len();
    let len = page[start..].find("```\n")?;
    Some((page[start..start + len].to_string(), start..start + len))
}

/// Long flags (`--name`) in a text.
fn long_flags(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i + 2 < b.len() {
        let boundary = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'-');
        if boundary && b[i] == b'-' && b[i + 1] == b'-' && b[i + 2].is_ascii_lowercase() {
            let mut j = i + 2;
            while j < b.len()
                && (b[j].is_ascii_lowercase() || b[j].is_ascii_digit() || b[j] == b'-')
            {
                j += 1;
            }
            out.insert(text[i..j].trim_end_matches('-').to_string());
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// The options a help text lists (`  -f, --filename <PATH>` lines), under any heading.
fn help_flags(help: &str) -> BTreeSet<String> {
    help.lines()
        .filter_map(|l| {
            let t = l.trim_start();
            let t = match t.strip_prefix('-') {
                Some(rest) if rest.len() > 2 && rest.as_bytes()[1] == b',' => rest[2..].trim(),
                _ => t,
            };
            t.starts_with("--")
                .then(|| long_flags(t.split_whitespace().next().unwrap_or("")))
        })
        .flatten()
        .collect()
}

/// The command's own options: those before the "Global Options:" heading.
fn own_flags(help: &str) -> BTreeSet<String> {
    let own = help.split("\nGlobal Options:\n").next().unwrap();
    let mut f = help_flags(own);
    f.remove("--help");
    f.remove("--version");
    f
}

#[test]
fn every_command_page_shows_its_current_help() {
    let update = std::env::var_os("UPDATE_DOCS").is_some();
    let mut stale = Vec::new();
    for (page, commands) in PAGES {
        let path = docs().join(page);
        let mut text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for command in *commands {
            let want = help(command);
            let Some((have, range)) = block(&text, command) else {
                stale.push(format!(
                    "docs/{page} has no help block for `{command}`: add a fenced block starting \
                     with {:?}",
                    block_start(command)
                ));
                continue;
            };
            if have != want {
                if update {
                    text.replace_range(range, &want);
                } else {
                    stale.push(format!(
                        "docs/{page}: the `kubectl ds help {command}` block is stale"
                    ));
                }
            }
        }
        if update {
            std::fs::write(&path, &text).unwrap();
        }
    }
    assert!(
        stale.is_empty(),
        "{}\nregenerate with: UPDATE_DOCS=1 cargo test --test tests docs_current",
        stale.join("\n")
    );
}

/// Prose outside the generated help blocks.
fn prose(page: &str, commands: &[&str]) -> String {
    let mut text = page.to_string();
    for command in commands {
        if let Some((_, range)) = block(&text, command) {
            text.replace_range(range, "");
        }
    }
    text
}

#[test]
fn every_option_is_documented_in_prose() {
    let mut missing = Vec::new();
    for (page, commands) in PAGES {
        let text = std::fs::read_to_string(docs().join(page)).unwrap();
        let mentioned = long_flags(&prose(&text, commands));
        for command in *commands {
            for flag in own_flags(&help(command)) {
                if !mentioned.contains(&flag) {
                    missing.push(format!(
                        "docs/{page} does not explain {flag} of `{command}`"
                    ));
                }
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn pages_mention_only_flags_that_exist() {
    let global = help_flags(&help(""));
    let mut unknown = Vec::new();
    for (page, commands) in PAGES {
        let text = std::fs::read_to_string(docs().join(page)).unwrap();
        let mut known = global.clone();
        let mentions = MENTIONS.iter().filter(|(p, _)| p == page);
        for command in commands.iter().chain(mentions.flat_map(|(_, c)| c.iter())) {
            known.extend(help_flags(&help(command)));
        }
        for flag in long_flags(&text) {
            let foreign = FOREIGN
                .iter()
                .any(|(p, f)| (p == page || *p == "*") && *f == flag);
            if !known.contains(&flag) && !foreign {
                unknown.push(format!(
                    "docs/{page} mentions {flag}, which `{commands:?}` do not have"
                ));
            }
        }
    }
    assert!(unknown.is_empty(), "{}", unknown.join("\n"));
}

#[test]
fn readme_links_every_docs_page() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for entry in std::fs::read_dir(docs()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            readme.contains(&format!("(docs/{name})")),
            "README.md does not link docs/{name}"
        );
    }
    for needle in [
        "cargo run -q -- explain-placement logging/fluentd --snapshot examples/demo-cluster.yaml",
        "cargo test",
    ] {
        assert!(
            readme.contains(needle),
            "README.md lacks the set-up command `{needle}`"
        );
    }
}

#[test]
fn flag_extraction_reads_help_and_prose() {
    let h = "Options:\n  -f, --filename <PATH>  x\n      --dry-run[=<MODE>]  y --not-this\n  -h, --help  Print help\n\nGlobal Options:\n      --kubeconfig <PATH>  z\n";
    assert_eq!(
        help_flags(h).into_iter().collect::<Vec<_>>(),
        ["--dry-run", "--filename", "--help", "--kubeconfig"]
    );
    assert_eq!(
        own_flags(h).into_iter().collect::<Vec<_>>(),
        ["--dry-run", "--filename"]
    );
    assert_eq!(
        long_flags("use `--watch=false`, not x--y or ---z; --to-revision N")
            .into_iter()
            .collect::<Vec<_>>(),
        ["--to-revision", "--watch"]
    );
}

/// `$ kubectl ds ARGS` examples in fenced blocks of `text`, each with the output shown under it
/// (up to the next `$ ` line or the closing fence).
fn examples(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut in_block = false;
    let mut current: Option<(String, String)> = None;
    for line in text.lines() {
        if line.starts_with("```") {
            if in_block {
                out.extend(current.take());
            }
            in_block = !in_block;
            continue;
        }
        if !in_block {
            continue;
        }
        if let Some(cmd) = line.strip_prefix("$ ") {
            out.extend(current.take());
            current = cmd
                .strip_prefix("kubectl ds ")
                .map(|args| (args.to_string(), String::new()));
        } else if let Some((_, shown)) = current.as_mut() {
            shown.push_str(line);
            shown.push('\n');
        }
    }
    out
}

#[test]
fn readme_demo_is_the_real_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let demos = examples(&readme);
    assert!(demos.len() >= 3, "{demos:?}");
    for (args, shown) in demos {
        let out = kubectl_ds()
            .current_dir(root)
            .args(args.split_whitespace())
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            shown,
            "README.md: `kubectl ds {args}` prints something else now"
        );
    }
}
