//! A case's texts (names, ids) that its `Value::Text`s number: kept one after another in one
//! string, so that reading a case allocates once for all of them, not once a text, and a
//! decision takes its copy in two allocations.

/// The texts of one case, numbered from 0 in the order they were added.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Texts {
    /// Every text, one after another.
    buf: String,
    /// Where each text ends in `buf`.
    ends: Vec<u32>,
}

impl Clone for Texts {
    fn clone(&self) -> Self {
        Texts { buf: self.buf.clone(), ends: self.ends.clone() }
    }

    /// In the room `self` has (a decision built again in a given-back one copies its case's
    /// texts without allocating).
    fn clone_from(&mut self, source: &Self) {
        self.buf.clone_from(&source.buf);
        self.ends.clone_from(&source.ends);
    }
}

impl Texts {
    /// Room for `bytes` of text in `n` texts.
    pub fn with_capacity(bytes: usize, n: usize) -> Self {
        Texts { buf: String::with_capacity(bytes), ends: Vec::with_capacity(n) }
    }

    /// Removes every text, keeping the room.
    pub fn clear(&mut self) {
        self.buf.clear();
        self.ends.clear();
    }

    /// Adds a text; its number.
    pub fn push(&mut self, text: &str) -> u32 {
        self.buf.push_str(text);
        self.ends.push(self.buf.len() as u32);
        self.ends.len() as u32 - 1
    }

    /// All the texts one after another, and where each ends.
    pub fn parts(&self) -> (&str, &[u32]) {
        (&self.buf, &self.ends)
    }

    /// The texts of [`Texts::parts`]; `None` if the ends do not rise within the text.
    pub fn from_parts(buf: &str, ends: Vec<u32>) -> Option<Texts> {
        let rising =
            ends.windows(2).all(|w| w[0] <= w[1]) && ends.last().is_none_or(|e| *e as usize <= buf.len());
        rising.then(|| Texts { buf: buf.to_string(), ends })
    }

    /// The text numbered `t`, if there is one.
    pub fn get(&self, t: u32) -> Option<&str> {
        let end = *self.ends.get(t as usize)? as usize;
        let start = match t {
            0 => 0,
            _ => self.ends[t as usize - 1] as usize,
        };
        self.buf.get(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::Texts;

    #[test]
    fn each_text_is_read_back_by_its_number() {
        let mut t = Texts::default();
        assert_eq!((t.push("唐小军"), t.push(""), t.push("case-1")), (0, 1, 2));
        assert_eq!(
            (t.get(0), t.get(1), t.get(2), t.get(3)),
            (Some("唐小军"), Some(""), Some("case-1"), None)
        );
    }
}
