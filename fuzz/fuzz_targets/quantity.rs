//! Resource quantities (`placement::quantity`) on arbitrary strings and integers.
//!
//! Asserts, besides "never panics":
//! - `parse_milli` and `parse_units` accept exactly the same strings, and agree:
//!   `parse_units(s) == ceil(parse_milli(s) / 1000)` (both round towards +∞), away from saturation;
//! - the parse is exact: writing the same number differently (a leading `0`, a trailing `0` in
//!   the fraction, `.0` after an integer) never changes the result;
//! - the formatters round-trip: `parse_milli(format_milli(m)) == m`,
//!   `parse_units(format_bytes(b)) == b`, and `format_amount(r, a)` parses back to `a` with the
//!   parser the fit check uses for `r`.
#![no_main]

use kubectl_ds::model::quantity::{
    format_amount, format_bytes, format_milli, parse_milli, parse_units,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first 8 bytes also drive the formatter round trips.
    if data.len() >= 8 {
        let n = i64::from_le_bytes(data[..8].try_into().unwrap());
        round_trips(n);
    }
    let s = String::from_utf8_lossy(data);
    let s = s.as_ref();
    let milli = parse_milli(s);
    let units = parse_units(s);
    assert_eq!(
        milli.is_some(),
        units.is_some(),
        "{s:?}: {milli:?} vs {units:?}"
    );
    if let (Some(m), Some(u)) = (milli, units)
        && m.checked_abs().is_some_and(|a| a < i64::MAX - 1000)
    {
        let ceil = if m > 0 { (m + 999) / 1000 } else { m / 1000 };
        assert_eq!(u, ceil, "{s:?}: units {u}, milli {m}");
    }
    if milli.is_some() {
        for alt in same_number(s) {
            assert_eq!(parse_milli(&alt), milli, "{s:?} vs {alt:?}");
            assert_eq!(parse_units(&alt), units, "{s:?} vs {alt:?}");
        }
    }
});

/// `s` written differently, same value: a leading zero, and a trailing zero in the fraction
/// (or `.0` when there is no fraction).
fn same_number(s: &str) -> Vec<String> {
    let t = s.trim();
    let sign = usize::from(t.starts_with(['+', '-']));
    let end = t[sign..]
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map_or(t.len(), |i| i + sign);
    let (head, tail) = t.split_at(end);
    let zero_after = if head.contains('.') { "0" } else { ".0" };
    vec![
        format!("{}0{}", &t[..sign], &t[sign..]),
        format!("{head}{zero_after}{tail}"),
    ]
}

fn round_trips(n: i64) {
    assert_eq!(parse_milli(&format_milli(n)), Some(n), "{n}");
    assert_eq!(parse_units(&format_bytes(n)), Some(n), "{n}");
    for r in [
        "cpu",
        "memory",
        "ephemeral-storage",
        "hugepages-2Mi",
        "pods",
        "example.com/gpu",
    ] {
        let text = format_amount(r, n);
        let back = if r == "cpu" {
            parse_milli(&text)
        } else {
            parse_units(&text)
        };
        assert_eq!(back, Some(n), "{r} {n} -> {text:?}");
    }
}
