//! Sets of a conclusion's rules, one bit per rule (bit `i`: its `i`th rule). Combining
//! (`combine`) is written once over [`Bits`]: a conclusion of at most 64 rules keeps its sets in
//! a register (`u64`), a larger one in memory ([`Wide`]).

/// A set of rule positions.
pub trait Bits: Clone + PartialEq + std::fmt::Debug {
    /// The empty set, for a conclusion of `len` rules.
    fn none(len: u32) -> Self;
    /// Every position below `len`.
    fn all(len: u32) -> Self;
    /// Adds position `i`.
    fn set(&mut self, i: u32);
    /// Whether position `i` is in the set.
    fn has(&self, i: u32) -> bool;
    /// Whether the set is empty.
    fn is_empty(&self) -> bool;
    /// Whether the two sets share a position.
    fn meets(&self, other: &Self) -> bool;
    /// The positions in both.
    fn and(&self, other: &Self) -> Self;
    /// The positions in this set and not in `other`.
    fn minus(&self, other: &Self) -> Self;
    /// Adds every position of `other`.
    fn union_with(&mut self, other: &Self);
    /// The positions, lowest first.
    fn ones(&self) -> impl Iterator<Item = u32> + '_;
}

impl Bits for u64 {
    #[inline(always)]
    fn none(_: u32) -> Self {
        0
    }
    #[inline(always)]
    fn all(len: u32) -> Self {
        if len >= 64 { u64::MAX } else { (1 << len) - 1 }
    }
    #[inline(always)]
    fn set(&mut self, i: u32) {
        *self |= 1 << i;
    }
    #[inline(always)]
    fn has(&self, i: u32) -> bool {
        *self >> i & 1 == 1
    }
    #[inline(always)]
    fn is_empty(&self) -> bool {
        *self == 0
    }
    #[inline(always)]
    fn meets(&self, other: &Self) -> bool {
        *self & *other != 0
    }
    #[inline(always)]
    fn and(&self, other: &Self) -> Self {
        *self & *other
    }
    #[inline(always)]
    fn minus(&self, other: &Self) -> Self {
        *self & !*other
    }
    #[inline(always)]
    fn union_with(&mut self, other: &Self) {
        *self |= *other;
    }
    #[inline(always)]
    fn ones(&self) -> impl Iterator<Item = u32> + '_ {
        let mut b = *self;
        std::iter::from_fn(move || {
            (b != 0).then(|| {
                let i = b.trailing_zeros();
                b &= b - 1;
                i
            })
        })
    }
}

/// A set of any number of positions, 64 to a word.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Wide(Box<[u64]>);

impl Wide {
    fn zip(&self, other: &Self, f: impl Fn(u64, u64) -> u64) -> Self {
        Wide(self.0.iter().zip(other.0.iter()).map(|(a, b)| f(*a, *b)).collect())
    }
}

impl Bits for Wide {
    fn none(len: u32) -> Self {
        Wide(vec![0; len.div_ceil(64) as usize].into())
    }
    fn all(len: u32) -> Self {
        let mut w = Wide::none(len);
        for (k, word) in w.0.iter_mut().enumerate() {
            *word = u64::all(len.saturating_sub(k as u32 * 64));
        }
        w
    }
    fn set(&mut self, i: u32) {
        if let Some(w) = self.0.get_mut(i as usize / 64) {
            *w |= 1 << (i % 64);
        }
    }
    fn has(&self, i: u32) -> bool {
        self.0.get(i as usize / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
    }
    fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }
    fn meets(&self, other: &Self) -> bool {
        self.0.iter().zip(other.0.iter()).any(|(a, b)| a & b != 0)
    }
    fn and(&self, other: &Self) -> Self {
        self.zip(other, |a, b| a & b)
    }
    fn minus(&self, other: &Self) -> Self {
        self.zip(other, |a, b| a & !b)
    }
    fn union_with(&mut self, other: &Self) {
        for (a, b) in self.0.iter_mut().zip(other.0.iter()) {
            *a |= b;
        }
    }
    fn ones(&self) -> impl Iterator<Item = u32> + '_ {
        self.0.iter().enumerate().flat_map(|(k, w)| {
            let mut b = *w;
            std::iter::from_fn(move || {
                (b != 0).then(|| {
                    let i = b.trailing_zeros();
                    b &= b - 1;
                    k as u32 * 64 + i
                })
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{Bits, Wide};

    /// The wide set agrees with the one in a register on every operation, across word edges.
    #[test]
    fn wide_agrees_with_a_word() {
        let lens = [1u32, 5, 63, 64];
        for len in lens {
            let (mut a, mut b) = (u64::none(len), Wide::none(len));
            assert_eq!(Wide::all(len).ones().collect::<Vec<_>>(), u64::all(len).ones().collect::<Vec<_>>());
            for i in (0..len).step_by(3) {
                a.set(i);
                b.set(i);
            }
            let (c, d) = (u64::all(len).minus(&a), Wide::all(len).minus(&b));
            assert_eq!(b.ones().collect::<Vec<_>>(), a.ones().collect::<Vec<_>>());
            assert_eq!(d.ones().collect::<Vec<_>>(), c.ones().collect::<Vec<_>>());
            assert_eq!(b.meets(&d), a.meets(&c));
            assert_eq!(b.and(&d).is_empty(), a.and(&c).is_empty());
            for i in 0..len {
                assert_eq!(a.has(i), b.has(i), "len {len}, bit {i}");
            }
        }
        let mut w = Wide::none(130);
        w.set(129);
        w.set(64);
        assert_eq!(w.ones().collect::<Vec<_>>(), [64, 129]);
        assert_eq!(Wide::all(130).ones().count(), 130);
    }
}
