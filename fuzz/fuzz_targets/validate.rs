//! Parser + validator on arbitrary bytes: must never panic, and every finding must carry a
//! position inside the input. Also differential: wherever the fast-path YAML parser reads the
//! input, it must read it exactly as the full parser (granit-parser) does.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let report = kubectl_ds::validate::validate_bytes("fuzz.yaml", data, &Default::default());
    // YAML counts CR, LF and CRLF as line breaks; CR and LF counted apart is an upper bound.
    let lines = data.iter().filter(|b| **b == b'\n' || **b == b'\r').count() as u32 + 2;
    for f in &report.findings {
        assert!(f.line >= 1 && f.line <= lines.max(1), "{f:?}");
        assert!(f.column >= 1, "{f:?}");
    }
    let strict = kubectl_ds::validate::Options {
        strict: true,
        ..Default::default()
    };
    let _ = kubectl_ds::validate::validate_bytes("fuzz.yaml", data, &strict);
    if let Ok(text) = std::str::from_utf8(data)
        && data.len() <= 1 << 20
        && let Err(e) = kubectl_ds::validate::yaml::fast_path_agrees(text)
    {
        panic!("{e}");
    }
});
