//! Hostile and broken `--snapshot` input: a clear message naming the file (and document), exit 3,
//! bounded time, never a panic.

use crate::util::kubectl_ds;
use predicates::prelude::*;

fn expect_input_error(name: &str, content: &[u8], words: &str) {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join(name);
    std::fs::write(&f, content).unwrap();
    let start = std::time::Instant::now();
    kubectl_ds()
        .args(["why-not", "n1", "--snapshot"])
        .arg(&f)
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(3)
        .stderr(
            predicate::str::contains(name)
                .and(predicate::str::contains(words))
                .and(predicate::str::contains("panicked").not())
                .and(predicate::str::contains("internal error").not()),
        );
    assert!(start.elapsed().as_secs() < 20, "{name} took too long");
}

#[test]
fn empty_and_blank_files() {
    expect_input_error("empty.yaml", b"", "empty");
    expect_input_error("blank.json", b"  \n\t\n", "empty");
}

#[test]
fn binary_garbage() {
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    expect_input_error("garbage.bin", &garbage, "snapshot");
    expect_input_error("nul.yaml", b"kind: Node\x00\x01\x02", "snapshot");
}

#[test]
fn truncated_json_and_yaml() {
    expect_input_error("cut.json", br#"{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Node","metadata":{"na"#, "document 1");
    expect_input_error(
        "cut.yaml",
        b"apiVersion: v1\nkind: Node\nmetadata:\n  name: [a, b\n",
        "cut.yaml",
    );
}

#[test]
fn wrong_shapes_name_the_object() {
    expect_input_error(
        "wrong.yaml",
        b"apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\nspec:\n  taints: yes-please\n",
        "Node n1",
    );
    expect_input_error("scalar.yaml", b"42\n", "document 1");
    expect_input_error("nokind.json", br#"{"metadata":{"name":"x"}}"#, "no `kind`");
}

#[test]
fn crlf_and_bom_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("crlf.yaml");
    std::fs::write(
        &f,
        b"\xEF\xBB\xBFapiVersion: v1\r\nkind: Node\r\nmetadata:\r\n  name: n1\r\n",
    )
    .unwrap();
    kubectl_ds()
        .args(["why-not", "n1", "--snapshot"])
        .arg(&f)
        .assert()
        .success();
}

#[test]
fn yaml_alias_bomb_is_refused_quickly() {
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut prev = 'a';
    for c in 'b'..='k' {
        bomb.push_str(&format!(
            "{c}: &{c} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
        prev = c;
    }
    bomb.push_str("kind: Node\n");
    expect_input_error("bomb.yaml", bomb.as_bytes(), "possible alias bomb");
}

#[test]
fn deep_nesting_is_refused() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    expect_input_error("deep.json", deep.as_bytes(), "deep.json");
    let deep_yaml = format!(
        "kind: Node\nmetadata: {}{}\n",
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    expect_input_error("deep.yaml", deep_yaml.as_bytes(), "deep.yaml");
}

#[test]
fn duplicate_keys_are_reported() {
    expect_input_error(
        "dup.yaml",
        b"apiVersion: v1\nkind: Node\nmetadata:\n  name: a\n  name: b\n",
        "dup.yaml",
    );
}

#[test]
fn unreadable_paths_and_symlink_loops() {
    let dir = tempfile::tempdir().unwrap();
    kubectl_ds()
        .args(["why-not", "n1", "--snapshot"])
        .arg(dir.path().join("missing.yaml"))
        .assert()
        .code(3)
        .stderr(predicate::str::contains("missing.yaml"));
    // A directory that links back to itself is read once.
    let tree = dir.path().join("dump");
    std::fs::create_dir(&tree).unwrap();
    std::fs::write(
        tree.join("nodes.yaml"),
        "apiVersion: v1\nkind: Node\nmetadata: {name: n1}\n",
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&tree, tree.join("loop")).unwrap();
    kubectl_ds()
        .args(["why-not", "n1", "--snapshot"])
        .arg(&tree)
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .success();
}
