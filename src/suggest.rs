//! "Did you mean …?": the closest known name by edit distance.

/// The candidate closest to `name`, when it is close enough to be a likely typo: a few edits
/// away, and keeping at least one character of each (`k1` is no typo of `地区`, though two edits
/// turn either into the other).
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let len = name.chars().count();
    let limit = (len / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (c, c.chars().count()))
        // The distance is at least the difference in length: a long name costs nothing here.
        .filter(|(_, n)| n.abs_diff(len) <= limit)
        .map(|(c, n)| (distance(name, c), n, c))
        .filter(|&(d, n, _)| d <= limit && d < len && d < n)
        .map(|(d, _, c)| (d, c))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// `help` text for an unknown name.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(name, candidates).map(|c| format!("did you mean `{c}`?"))
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn a_typo_is_a_few_edits_that_keep_something() {
        let names = ["harm", "impact", "地区", "危害程度"];
        assert_eq!(closest("hram", names), Some("harm"));
        assert_eq!(closest("impakt", names), Some("impact"));
        assert_eq!(closest("危害成度", names), Some("危害程度"));
        assert_eq!(closest("地域", names), Some("地区"));
        // Two edits turn `k1` into `地区`, but they share nothing: no suggestion.
        assert_eq!(closest("k1", names), None);
        assert_eq!(closest("xy", ["ab"]), None);
        assert_eq!(closest("zzzzzz", names), None);
    }
}
