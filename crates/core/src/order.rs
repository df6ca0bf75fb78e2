//! The order people expect for names with numbers in them: "stretch-2" before "stretch-10".

use std::cmp::Ordering;

/// Compares two names with every run of ASCII digits taken as a number: "day-2" sorts
/// before "day-10", "v09" beside "v9". Names equal that way (only leading zeros differ)
/// fall back to plain byte order, so the order is total and stable.
#[must_use]
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a.as_bytes(), b.as_bytes());
    loop {
        match (x.first(), y.first()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(p), Some(q)) if p.is_ascii_digit() && q.is_ascii_digit() => {
                let (m, rest_x) = split_digits(x);
                let (n, rest_y) = split_digits(y);
                let order = compare_numbers(m, n);
                if order != Ordering::Equal {
                    return order;
                }
                (x, y) = (rest_x, rest_y);
            }
            (Some(p), Some(q)) => {
                if p != q {
                    return p.cmp(q);
                }
                (x, y) = (&x[1..], &y[1..]);
            }
        }
    }
}

/// The leading run of digits, and what follows it.
fn split_digits(s: &[u8]) -> (&[u8], &[u8]) {
    let end = s
        .iter()
        .position(|c| !c.is_ascii_digit())
        .unwrap_or(s.len());
    s.split_at(end)
}

/// Two runs of digits as numbers of any length: without leading zeros, the shorter is
/// smaller, and runs of one length compare digit by digit.
fn compare_numbers(m: &[u8], n: &[u8]) -> Ordering {
    let strip = |d: &[u8]| -> usize { d.iter().take_while(|&&c| c == b'0').count() };
    let (m, n) = (&m[strip(m)..], &n[strip(n)..]);
    m.len().cmp(&n.len()).then_with(|| m.cmp(n))
}

#[cfg(test)]
mod tests {
    use super::natural_cmp;
    use std::cmp::Ordering;

    #[test]
    fn numbers_sort_by_value() {
        let mut ids = vec![
            "session-19",
            "session-2",
            "session-10",
            "session-1",
            "desk",
            "session-02",
            "session",
            "a99999999999999999999999",
            "a100000000000000000000000",
        ];
        ids.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            ids,
            [
                "a99999999999999999999999",
                "a100000000000000000000000",
                "desk",
                "session",
                "session-1",
                "session-02",
                "session-2",
                "session-10",
                "session-19",
            ]
        );
    }

    #[test]
    fn text_without_numbers_keeps_byte_order() {
        for (a, b) in [("core", "cold"), ("abc", "ab"), ("B", "a"), ("é", "e")] {
            assert_eq!(natural_cmp(a, b), a.cmp(b), "{a} against {b}");
        }
        assert_eq!(natural_cmp("x", "x"), Ordering::Equal);
    }
}
