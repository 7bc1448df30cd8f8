//! Quantities as Go's `resource.Quantity.String()` prints them (kubectl describe's form).

use super::{Parts, split, suffix_scale};

/// A quantity as Go's `Quantity.String()` prints it: canonical form in the quantity's own
/// format (`0.5` → `500m`, `1024Mi` → `1Gi`, `1e3` stays `1e3`). Unparseable text is returned as is.
pub fn canonical_quantity(text: &str) -> String {
    canonical(text).unwrap_or_else(|| text.to_string())
}

#[derive(PartialEq)]
enum Format {
    DecimalSi,
    BinarySi,
    DecimalExponent,
}

fn canonical(text: &str) -> Option<String> {
    let Parts {
        negative,
        int_part,
        frac_part: frac,
        suffix,
    } = split(text)?;
    let digits = format!("{int_part}{frac}");
    let digits = digits.trim_start_matches('0');
    if digits.len() > 30 {
        return None;
    }
    let mut n: i128 = if digits.is_empty() {
        0
    } else {
        digits.parse().ok()?
    };
    let (exp10, exp2) = suffix_scale(suffix)?;
    let mut exp: i32 = exp10 - frac.len() as i32;
    let format = if exp2 > 0 {
        n = n.checked_mul(1i128.checked_shl(exp2)?)?;
        Format::BinarySi
    } else if suffix.starts_with(['e', 'E']) {
        Format::DecimalExponent
    } else {
        Format::DecimalSi
    };
    if n == 0 {
        return Some("0".into());
    }
    // Go keeps nano precision at most, rounding up.
    if exp < -9 {
        let mut rem = false;
        while exp < -9 {
            rem |= n % 10 != 0;
            n /= 10;
            exp += 1;
        }
        if rem {
            n += 1;
        }
    }
    let sign = if negative { "-" } else { "" };
    let mut format = format;
    if format == Format::BinarySi {
        // The exact integer value, if there is one.
        let mut value = Some(n);
        let mut e = exp;
        while e > 0 {
            value = value.and_then(|v| v.checked_mul(10));
            e -= 1;
        }
        while e < 0 {
            value = value.filter(|v| v % 10 == 0).map(|v| v / 10);
            e += 1;
        }
        match value {
            Some(v) if v >= 1024 => {
                let mut v = v;
                let mut k = 0;
                while v % 1024 == 0 && k < 6 {
                    v /= 1024;
                    k += 1;
                }
                let suffix = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"][k];
                return Some(format!("{sign}{v}{suffix}"));
            }
            _ => format = Format::DecimalSi,
        }
    }
    while n % 10 == 0 {
        n /= 10;
        exp += 1;
    }
    let shift = exp.rem_euclid(3);
    for _ in 0..shift {
        n = n.checked_mul(10)?;
    }
    exp -= shift;
    let suffix = match (format, exp) {
        (_, 0) => String::new(),
        (Format::DecimalSi, -9) => "n".into(),
        (Format::DecimalSi, -6) => "u".into(),
        (Format::DecimalSi, -3) => "m".into(),
        (Format::DecimalSi, 3) => "k".into(),
        (Format::DecimalSi, 6) => "M".into(),
        (Format::DecimalSi, 9) => "G".into(),
        (Format::DecimalSi, 12) => "T".into(),
        (Format::DecimalSi, 15) => "P".into(),
        (Format::DecimalSi, 18) => "E".into(),
        (_, e) => format!("e{e}"),
    };
    Some(format!("{sign}{n}{suffix}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_print_canonically() {
        for (input, want) in [
            ("0.5", "500m"),
            ("1024Mi", "1Gi"),
            ("1536Mi", "1536Mi"),
            ("1.5Gi", "1536Mi"),
            ("1e3", "1e3"),
            ("1000", "1k"),
            ("1500", "1500"),
            ("100m", "100m"),
            ("0", "0"),
            ("512", "512"),
            ("0.5Ki", "512"),
            ("2000m", "2"),
            ("1.5e3", "1500"),
            ("10Gi", "10Gi"),
            ("-1", "-1"),
            ("garbage", "garbage"),
        ] {
            assert_eq!(canonical_quantity(input), want, "{input}");
        }
    }
}
