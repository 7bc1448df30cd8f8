//! Kubernetes resource quantities as the scheduler reads them: cpu in milli-units, everything else
//! in base units, both rounded **up** (`Quantity.MilliValue()` / `Quantity.Value()`).
//!
//! Hand-written on purpose: `kube_quantity` converts through `f64` (0.1 × 1000 is not 100) or
//! refuses sub-unit scales for integer output, and the fit check needs exact, ceil-rounded
//! integers. This parser is exact (i128 arithmetic) and total: it never panics.
//!
//! ```
//! use kubectl_ds::placement::quantity::{parse_milli, parse_units};
//! assert_eq!(parse_milli("100m"), Some(100));
//! assert_eq!(parse_milli("1.5"), Some(1500));
//! assert_eq!(parse_units("1Gi"), Some(1 << 30));
//! assert_eq!(parse_units("100m"), Some(1)); // rounded up
//! ```

/// Parse into milli-units, rounding up (cpu).
pub fn parse_milli(s: &str) -> Option<i64> {
    parse_scaled(s, 3)
}

/// Parse into base units, rounding up (memory, storage, counts).
pub fn parse_units(s: &str) -> Option<i64> {
    parse_scaled(s, 0)
}

/// `value × 10^extra_exp10`, rounded up (towards +∞), saturating at i64 bounds.
fn parse_scaled(s: &str, extra_exp10: i32) -> Option<i64> {
    let s = s.trim();
    let (negative, rest) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let num_end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    let (number, suffix) = rest.split_at(num_end);
    if number.is_empty() || number == "." || number.matches('.').count() > 1 {
        return None;
    }
    let (int_part, frac_part) = number.split_once('.').unwrap_or((number, ""));
    // mantissa = all digits; value = mantissa × 10^(-frac_len) × suffix multiplier.
    // More than 30 significant digits saturates (i128 holds 38).
    let mut mantissa: i128 = 0;
    let mut significant = 0usize;
    for b in int_part.bytes().chain(frac_part.bytes()) {
        if significant == 0 && b == b'0' {
            continue;
        }
        significant += 1;
        if significant > 30 {
            return Some(if negative { i64::MIN } else { i64::MAX });
        }
        mantissa = mantissa * 10 + i128::from(b - b'0');
    }
    let mut exp10: i32 = extra_exp10 - frac_part.len() as i32;
    let mut exp2: u32 = 0;
    match suffix {
        "" => {}
        "n" => exp10 -= 9,
        "u" => exp10 -= 6,
        "m" => exp10 -= 3,
        "k" => exp10 += 3,
        "M" => exp10 += 6,
        "G" => exp10 += 9,
        "T" => exp10 += 12,
        "P" => exp10 += 15,
        "E" => exp10 += 18,
        "Ki" => exp2 = 10,
        "Mi" => exp2 = 20,
        "Gi" => exp2 = 30,
        "Ti" => exp2 = 40,
        "Pi" => exp2 = 50,
        "Ei" => exp2 = 60,
        _ => {
            let e = suffix.strip_prefix(['e', 'E'])?;
            let e: i32 = crate::labels::parse_go_int64(e)?.try_into().ok()?;
            if !(-100..=100).contains(&e) {
                return None;
            }
            exp10 += e;
        }
    }
    let mut value: i128 = mantissa.checked_mul(1i128 << exp2)?;
    let mut round_up = false;
    while exp10 > 0 {
        value = match value.checked_mul(10) {
            Some(v) => v,
            None => return Some(if negative { i64::MIN } else { i64::MAX }),
        };
        exp10 -= 1;
    }
    while exp10 < 0 {
        if value % 10 != 0 {
            round_up = true;
        }
        value /= 10;
        exp10 += 1;
    }
    // Round towards +∞: up for positive values with a remainder; negative values truncate.
    if round_up && !negative {
        value += 1;
    }
    let value = if negative { -value } else { value };
    Some(value.clamp(i64::MIN as i128, i64::MAX as i128) as i64)
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

    #[test]
    fn formatting() {
        assert_eq!(format_milli(1500), "1500m");
        assert_eq!(format_milli(2000), "2");
        assert_eq!(format_bytes(512 << 20), "512Mi");
        assert_eq!(format_bytes(1000), "1000");
    }
}
