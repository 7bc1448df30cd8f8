//! Kubernetes resource quantities as the scheduler reads them: cpu in milli-units, everything else
//! in base units, both rounded **up** (`Quantity.MilliValue()` / `Quantity.Value()`).
//!
//! Hand-written on purpose: `kube_quantity` converts through `f64` (0.1 × 1000 is not 100) or
//! refuses sub-unit scales for integer output, and the fit check needs exact, ceil-rounded
//! integers. This parser is exact (i128 arithmetic) and total: it never panics.
//!
//! ```
//! use kubectl_ds::model::quantity::{parse_milli, parse_units};
//! assert_eq!(parse_milli("100m"), Some(100));
//! assert_eq!(parse_milli("1.5"), Some(1500));
//! assert_eq!(parse_units("1Gi"), Some(1 << 30));
//! assert_eq!(parse_units("100m"), Some(1)); // rounded up
//! ```

mod canonical;

pub use canonical::canonical_quantity;

/// A quantity's text taken apart: sign, the digits before and after the point, the suffix.
struct Parts<'a> {
    negative: bool,
    int_part: &'a str,
    frac_part: &'a str,
    suffix: &'a str,
}

/// Split `s` (trimmed) into [`Parts`]; `None` when there is no number or more than one point.
fn split(s: &str) -> Option<Parts<'_>> {
    let s = s.trim();
    let (negative, rest) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    let (number, suffix) = rest.split_at(end);
    if number.is_empty() || number == "." || number.matches('.').count() > 1 {
        return None;
    }
    let (int_part, frac_part) = number.split_once('.').unwrap_or((number, ""));
    Some(Parts {
        negative,
        int_part,
        frac_part,
        suffix,
    })
}

/// Parse into milli-units, rounding up (cpu).
pub fn parse_milli(s: &str) -> Option<i64> {
    parse_scaled(s, 3)
}

/// Parse into base units, rounding up (memory, storage, counts).
pub fn parse_units(s: &str) -> Option<i64> {
    parse_scaled(s, 0)
}

/// `value × 10^extra_exp10`, rounded up (towards +∞), saturating at i64 bounds.
///
/// Exact for any number of digits: the suffix's power of ten only moves the decimal point, the
/// integer part saturates once it has more than 19 digits (≥ 10^19 > i64::MAX), and the fraction
/// is multiplied by the binary suffix digit by digit, keeping only the carry and whether any
/// digit below the point stays non-zero. No allocation.
fn parse_scaled(s: &str, extra_exp10: i32) -> Option<i64> {
    let Parts {
        negative,
        int_part,
        frac_part,
        suffix,
    } = split(s)?;
    let (suffix_exp10, exp2) = suffix_scale(suffix)?;
    let saturated = Some(if negative { i64::MIN } else { i64::MAX });

    // The digits of int_part and frac_part in one sequence; the value is
    // 0.d₀d₁…dₙ₋₁ × 10^point × 2^exp2 (with zeros beyond either end).
    let (int_b, frac_b) = (int_part.as_bytes(), frac_part.as_bytes());
    let n = int_b.len() + frac_b.len();
    let digit = |i: usize| -> u128 {
        let b = if i < int_b.len() {
            int_b[i]
        } else {
            frac_b[i - int_b.len()]
        };
        u128::from(b - b'0')
    };
    let point = int_b.len() as i64 + i64::from(suffix_exp10 + extra_exp10);

    // Integer part: digits before the point, then zeros up to it.
    let int_end = point.clamp(0, n as i64) as usize;
    let mut int: u128 = 0;
    let mut significant = 0i64;
    for i in 0..int_end {
        let d = digit(i);
        if significant == 0 && d == 0 {
            continue;
        }
        significant += 1;
        if significant > 19 {
            return saturated; // ≥ 10^19
        }
        int = int * 10 + d;
    }
    if int != 0 {
        let zeros = point - n as i64;
        if significant + zeros.max(0) > 19 {
            return saturated;
        }
        for _ in 0..zeros.max(0) {
            int *= 10;
        }
    }

    // Fraction × 2^exp2, least significant digit first (zeros between the point and the first
    // digit included): the carry out is the integer part of the product, and any non-zero digit
    // left below the point means the value is not whole.
    let factor: u128 = 1 << exp2;
    let mut carry: u128 = 0;
    let mut inexact = false;
    let leading_zeros = (-point).max(0) as usize;
    for d in (int_end..n)
        .rev()
        .map(digit)
        .chain(std::iter::repeat_n(0, leading_zeros))
    {
        let t = d * factor + carry;
        inexact |= !t.is_multiple_of(10);
        carry = t / 10;
    }

    // int < 10^19 and exp2 ≤ 60: at most ~2^124, inside i128.
    let mut value = (int * factor + carry) as i128;
    // Round towards +∞: up for positive values with a remainder; negative values truncate.
    if inexact && !negative {
        value += 1;
    }
    let value = if negative { -value } else { value };
    Some(value.clamp(i64::MIN as i128, i64::MAX as i128) as i64)
}

/// The suffix as (power of ten, power of two); `None` when it is not one the API accepts.
fn suffix_scale(suffix: &str) -> Option<(i32, u32)> {
    Some(match suffix {
        "" => (0, 0),
        "n" => (-9, 0),
        "u" => (-6, 0),
        "m" => (-3, 0),
        "k" => (3, 0),
        "M" => (6, 0),
        "G" => (9, 0),
        "T" => (12, 0),
        "P" => (15, 0),
        "E" => (18, 0),
        "Ki" => (0, 10),
        "Mi" => (0, 20),
        "Gi" => (0, 30),
        "Ti" => (0, 40),
        "Pi" => (0, 50),
        "Ei" => (0, 60),
        _ => {
            let e = suffix.strip_prefix(['e', 'E'])?;
            let e: i32 = crate::model::labels::parse_go_int64(e)?.try_into().ok()?;
            if !(-100..=100).contains(&e) {
                return None;
            }
            (e, 0)
        }
    })
}

/// Format milli-cpu for messages: `250m`, `2`, `1500m`.
pub fn format_milli(m: i64) -> String {
    if m % 1000 == 0 {
        format!("{}", m / 1000)
    } else {
        format!("{m}m")
    }
}

/// Format bytes for messages with the largest exact binary suffix (`512Mi`, `3Gi`), else bytes.
pub fn format_bytes(b: i64) -> String {
    for (suffix, shift) in [("Ti", 40), ("Gi", 30), ("Mi", 20), ("Ki", 10)] {
        let unit = 1i64 << shift;
        if b != 0 && b % unit == 0 {
            return format!("{}{suffix}", b / unit);
        }
    }
    b.to_string()
}

/// Format a resource amount by resource name (cpu in milli-units, memory-like in bytes).
pub fn format_amount(resource: &str, amount: i64) -> String {
    match resource {
        "cpu" => format_milli(amount),
        "memory" | "ephemeral-storage" => format_bytes(amount),
        r if r.starts_with("hugepages-") => format_bytes(amount),
        _ => amount.to_string(),
    }
}

/// Format amounts of one resource that are read together (`requests 500m, 100m free of 1000m
/// allocatable`) in one style, so they compare at a glance: cpu in cores when every amount is a
/// whole core, else all in millicores; memory-like amounts in the largest binary suffix that
/// divides all of them, else the largest decimal one, else — amounts written in mixed styles
/// (`500M` against `8Gi`) — in the binary unit of the smallest, with up to two decimals. Zero is
/// `0` in every style.
///
/// ```
/// use kubectl_ds::model::quantity::format_together;
/// assert_eq!(format_together("cpu", &[500, 100, 1000]), ["500m", "100m", "1000m"]);
/// assert_eq!(format_together("cpu", &[1000, 3000, 4000]), ["1", "3", "4"]);
/// assert_eq!(format_together("memory", &[200 << 20, 14848 << 20, 15 << 30]), ["200Mi", "14848Mi", "15360Mi"]);
/// assert_eq!(format_together("memory", &[500_000_000, 0, 2_000_000_000]), ["500M", "0", "2000M"]);
/// assert_eq!(format_together("memory", &[500_000_000, 7 << 30]), ["476.84Mi", "7168Mi"]);
/// assert_eq!(format_together("nvidia.com/gpu", &[1, 0, 4]), ["1", "0", "4"]);
/// ```
pub fn format_together(resource: &str, amounts: &[i64]) -> Vec<String> {
    let nonzero: Vec<i64> = amounts.iter().copied().filter(|a| *a != 0).collect();
    let all_divide = |unit: i64| nonzero.iter().all(|a| a % unit == 0);
    let in_unit = |unit: i64, suffix: &str| -> Vec<String> {
        amounts
            .iter()
            .map(|a| match a {
                0 => "0".to_string(),
                a => format!("{}{suffix}", a / unit),
            })
            .collect()
    };
    let memory_like =
        matches!(resource, "memory" | "ephemeral-storage") || resource.starts_with("hugepages-");
    if resource == "cpu" {
        return if all_divide(1000) {
            in_unit(1000, "")
        } else {
            in_unit(1, "m")
        };
    }
    if !memory_like || nonzero.is_empty() {
        return amounts
            .iter()
            .map(|a| format_amount(resource, *a))
            .collect();
    }
    const BINARY: [(&str, i64); 4] = [
        ("Ti", 1 << 40),
        ("Gi", 1 << 30),
        ("Mi", 1 << 20),
        ("Ki", 1 << 10),
    ];
    const DECIMAL: [(&str, i64); 4] = [
        ("T", 1_000_000_000_000),
        ("G", 1_000_000_000),
        ("M", 1_000_000),
        ("k", 1_000),
    ];
    for (suffix, unit) in BINARY.iter().chain(DECIMAL.iter()) {
        if all_divide(*unit) {
            return in_unit(*unit, suffix);
        }
    }
    let smallest = nonzero.iter().map(|a| a.abs()).min().unwrap_or(1);
    let Some((suffix, unit)) = BINARY.iter().find(|(_, u)| smallest >= *u) else {
        return in_unit(1, "");
    };
    amounts
        .iter()
        .map(|a| match a {
            0 => "0".to_string(),
            a if a % unit == 0 => format!("{}{suffix}", a / unit),
            a => {
                let v = format!("{:.2}", *a as f64 / *unit as f64);
                format!("{}{suffix}", v.trim_end_matches('0').trim_end_matches('.'))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn milli_values_round_up() {
        assert_eq!(parse_milli("1"), Some(1000));
        assert_eq!(parse_milli("0.1"), Some(100));
        assert_eq!(parse_milli("100m"), Some(100));
        assert_eq!(parse_milli("1u"), Some(1));
        assert_eq!(parse_milli("1n"), Some(1));
        assert_eq!(parse_milli("0"), Some(0));
        assert_eq!(parse_milli("2k"), Some(2_000_000));
        assert_eq!(parse_milli("1e3"), Some(1_000_000));
        assert_eq!(parse_milli("1E-3"), Some(1));
    }

    #[test]
    fn unit_values() {
        assert_eq!(parse_units("1Ki"), Some(1024));
        assert_eq!(parse_units("1.5Gi"), Some(1536 << 20));
        assert_eq!(parse_units("128974848"), Some(128_974_848));
        assert_eq!(parse_units("129e6"), Some(129_000_000));
        assert_eq!(parse_units("123M"), Some(123_000_000));
        assert_eq!(parse_units("1m"), Some(1));
        assert_eq!(parse_units("-1"), Some(-1));
        assert_eq!(parse_units("110"), Some(110));
    }

    #[test]
    fn garbage_is_rejected_not_panicked() {
        for bad in ["", "m", "1.2.3", "1Qi", "abc", "1e", "1e999", "--1", "."] {
            assert_eq!(parse_units(bad), None, "{bad}");
        }
        assert_eq!(
            parse_units("99999999999999999999999999999999999Ei"),
            Some(i64::MAX)
        );
    }

    /// Found by `cargo fuzz run quantity` (2026-12-02): `99999999999999999999Ei` was refused
    /// (`None`, "not a quantity") while the same number written `99999999999999999999.0Ei`, or
    /// with more digits, saturated. Whether a string is a quantity must not depend on its size,
    /// and a value written with more digits must not change.
    #[test]
    fn big_and_long_numbers_are_exact_or_saturate() {
        for s in [
            "99999999999999999999Ei",
            "99999999999999999999.0Ei",
            "10000000000000000000000000000Ei",
            "1e100",
        ] {
            assert_eq!(parse_units(s), Some(i64::MAX), "{s}");
            assert_eq!(parse_milli(s), Some(i64::MAX), "{s}");
            assert_eq!(parse_units(&format!("-{s}")), Some(i64::MIN), "-{s}");
        }
        // More than 30 digits used to saturate whatever their value.
        assert_eq!(parse_milli("1.0000000000000000000000000000000"), Some(1000));
        assert_eq!(parse_milli("0.1234567890123456789012345678901"), Some(124));
        assert_eq!(
            parse_units("0.1234567890123456789012345678901Ki"),
            Some(127)
        );
        assert_eq!(parse_units(&format!("{}1", "0".repeat(40))), Some(1));
        assert_eq!(parse_units(&format!("0.{}1Ei", "0".repeat(40))), Some(1));
        assert_eq!(parse_milli(&format!("-0.{}1", "0".repeat(40))), Some(0));
        // The binary suffix multiplies the fraction exactly: 0.05Ki = 51.2 → 52.
        assert_eq!(parse_units("0.05Ki"), Some(52));
        assert_eq!(parse_units("0.5Ki"), Some(512));
        assert_eq!(parse_units("9223372036854775807"), Some(i64::MAX));
        assert_eq!(parse_units("9223372036854775808"), Some(i64::MAX));
        assert_eq!(parse_units("8Ei"), Some(i64::MAX));
        assert_eq!(
            parse_units("7.99999999999999999Ei"),
            Some(9_223_372_036_854_775_797)
        );
    }

    #[test]
    fn formatting() {
        assert_eq!(format_milli(1500), "1500m");
        assert_eq!(format_milli(2000), "2");
        assert_eq!(format_bytes(512 << 20), "512Mi");
        assert_eq!(format_bytes(1000), "1000");
    }
}
