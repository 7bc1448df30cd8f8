//! validate: one type error does not hide the object's other findings; a Helm template gets a
//! hint; the words are the same in text and JSON; `--ignore` says what it takes.

use serde_json::Value;

use crate::util::kubectl_ds;

fn data(name: &str) -> String {
    format!(
        "{}/tests/data/validate/truthful/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn a_type_error_does_not_hide_the_other_findings() {
    let v: Value = {
        let run = kubectl_ds()
            .args([
                "validate",
                "-o",
                "json",
                "-f",
                &data("type-error-and-more.yaml"),
            ])
            .run();
        run.expect_code(1);
        serde_json::from_str(&run.stdout).unwrap()
    };
    let rules: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["field"].as_str().unwrap(), f["rule"].as_str().unwrap()))
        .collect();
    for want in [
        ("spec.revisionHistoryLimit", "type-mismatch"),
        ("spec.template.metadata.labels", "api-invalid"),
        ("spec.template.spec.restartPolicy", "api-not-supported"),
        ("spec.template.spec.containers[0].name", "api-invalid"),
    ] {
        assert!(rules.contains(&want), "{want:?} missing: {rules:#?}");
    }
    // The mistyped field itself is not also reported as missing.
    assert_eq!(
        rules
            .iter()
            .filter(|(f, _)| *f == "spec.revisionHistoryLimit")
            .count(),
        1,
        "{rules:#?}"
    );
}

#[test]
fn an_unrendered_helm_template_gets_a_hint() {
    let run = kubectl_ds()
        .args(["validate", "-f", &data("helm-template.yaml")])
        .run();
    run.expect_code(1);
    for words in [
        "helm-template.yaml:4:9: info: this looks like an unrendered Helm/Go template",
        "helm template RELEASE CHART | kubectl ds validate -f -",
        "[unrendered-template]",
    ] {
        assert!(run.stdout.contains(words), "{words:?}: {}", run.stdout);
    }
}

#[test]
fn advice_is_named_info_in_text_as_in_json() {
    let file = data("type-error-and-more.yaml");
    let text = kubectl_ds().args(["validate", "-f", &file]).run();
    assert!(text.stdout.contains(": info: "), "{}", text.stdout);
    assert!(!text.stdout.contains(": hint: "), "{}", text.stdout);
    let json = kubectl_ds()
        .args(["validate", "-o", "json", "-f", &file])
        .run();
    assert!(
        json.stdout.contains("\"severity\": \"info\""),
        "{}",
        json.stdout
    );
}

#[test]
fn an_unknown_ignore_rule_lists_the_rules_it_takes() {
    kubectl_ds()
        .args([
            "validate",
            "--ignore",
            "no-such-rule",
            "-f",
            &data("helm-template.yaml"),
        ])
        .run()
        .expect_code(2)
        .says(&[
            "unknown rule \"no-such-rule\"",
            "--ignore takes:",
            "tolerates-everything",
        ]);
}
