//! A frame packed into a few hundred bytes, for a batch that holds its checked cases before it
//! decides any (a YAML stream: nothing is decided if any case has a problem). A frame as read
//! takes about 6 KB (a 32-byte value a slot, most of them absent); packed, only the slots that
//! hold something are kept, as variable-length integers (LEB128, as postcard writes them).
//! Unpacking gives back the same frame.
//!
//! The layout is written by hand, without serde: packing and unpacking a case through postcard's
//! serde cost 36k instructions (a tenth of reading it from YAML), mostly in building the lists
//! serde needed; by hand, 19k (`benches/tools/pack.rs`, under callgrind).

use super::frame::{Frame, Member, Status, Unknown};
use super::ir::Value;
use super::texts::Texts;

/// A packed [`Frame`].
#[derive(Debug, Clone)]
pub struct Packed(Box<[u8]>);

/// The most slots, statuses or members a packed frame may say it has: bytes not made by
/// [`Frame::pack`] are refused rather than allocated for.
const MOST: usize = 1 << 20;

impl Frame {
    /// The frame packed.
    pub fn pack(&self) -> Packed {
        let mut w = Vec::with_capacity(512);
        slots(&mut w, &self.globals);
        statuses(&mut w, &self.status);
        uint(&mut w, self.lists.len() as u128);
        for list in &self.lists {
            uint(&mut w, list.len() as u128);
            for m in list {
                slots(&mut w, &m.vals);
                statuses(&mut w, &m.status);
                uint(&mut w, m.given);
            }
        }
        let (buf, ends) = self.texts.parts();
        uint(&mut w, buf.len() as u128);
        w.extend_from_slice(buf.as_bytes());
        uint(&mut w, ends.len() as u128);
        ends.iter().for_each(|e| uint(&mut w, *e as u128));
        // Which slots were given.
        uint(&mut w, self.given.len() as u128);
        let given = self.given.iter().enumerate().filter(|(_, g)| **g);
        positions(&mut w, given, |_, _| {});
        // The rare parts (conflicts, unknown facts) through postcard, which cannot fail into memory.
        let rare = (&self.conflicts, &self.define_conflicts, &self.unknown);
        let w = postcard::to_extend(&rare, w).unwrap_or_default();
        Packed(w.into_boxed_slice())
    }
}

impl Packed {
    /// The frame it was packed from; `None` only if the bytes were not made by [`Frame::pack`].
    pub fn unpack(&self) -> Option<Frame> {
        let mut r = Reader(&self.0);
        let globals = r.slots()?;
        let status = r.statuses()?;
        let mut lists = Vec::with_capacity(r.count()?);
        for _ in 0..lists.capacity() {
            let mut list = Vec::with_capacity(r.count()?);
            for _ in 0..list.capacity() {
                list.push(Member { vals: r.slots()?, status: r.statuses()?, given: r.uint()? });
            }
            lists.push(list);
        }
        let n = r.len()?;
        let buf = r.bytes(n)?;
        let mut ends = Vec::with_capacity(r.count()?);
        for _ in 0..ends.capacity() {
            ends.push(u32::try_from(r.uint()?).ok()?);
        }
        let texts = Texts::from_parts(std::str::from_utf8(buf).ok()?, ends)?;
        let mut given = vec![false; r.len()?];
        let len = given.len();
        r.positions(len, |_, at| {
            given[at] = true;
            Some(())
        })?;
        type Rare = (Vec<(u32, Option<usize>)>, Vec<u32>, Vec<Unknown>);
        let ((conflicts, define_conflicts, unknown), rest): (Rare, _) =
            postcard::take_from_bytes(r.0).ok()?;
        if !rest.is_empty() {
            return None;
        }
        Some(Frame { globals, lists, texts, given, status, conflicts, define_conflicts, unknown })
    }

    /// Its bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// A packed frame of these bytes (which [`Packed::unpack`] reads only if [`Frame::pack`] made
    /// them).
    pub fn from_bytes(bytes: &[u8]) -> Packed {
        Packed(bytes.into())
    }
}

/// A number as LEB128: seven bits a byte, the lowest first, the high bit set on all but the last.
fn uint(w: &mut Vec<u8>, mut n: u128) {
    while n >= 0x80 {
        w.push(n as u8 | 0x80);
        n >>= 7;
    }
    w.push(n as u8);
}

/// A signed number zigzagged (0, -1, 1, -2, … as 0, 1, 2, 3, …), so that small negative numbers
/// stay short.
fn zigzag(n: i64) -> u128 {
    ((n << 1) ^ (n >> 63)) as u64 as u128
}

/// Rising positions, each as its gap from the one before plus one, followed by what `then`
/// writes for it; and a 0 to end.
fn positions<T>(
    w: &mut Vec<u8>,
    at: impl Iterator<Item = (usize, T)>,
    mut then: impl FnMut(&mut Vec<u8>, T),
) {
    let mut next = 0;
    for (i, x) in at {
        uint(w, (i - next) as u128 + 1);
        then(w, x);
        next = i + 1;
    }
    uint(w, 0);
}

/// Slots: how many, then the positions of those that are not absent, each with its value.
fn slots(w: &mut Vec<u8>, vals: &[Value]) {
    uint(w, vals.len() as u128);
    let set = vals.iter().enumerate().filter(|(_, v)| **v != Value::Null);
    positions(w, set, value);
}

/// A value: a tag byte, then what it holds (nothing for an absent value, a byte for a yes or no,
/// else a number).
fn value(w: &mut Vec<u8>, v: &Value) {
    let (tag, n) = match *v {
        Value::Null => return w.push(0),
        Value::Bool(b) => return w.extend([1, b as u8]),
        Value::Int(n) => (2, zigzag(n)),
        Value::Date(d) => (3, zigzag(d as i64)),
        Value::Sym(s) => (4, s as u128),
        Value::Text(t) => (5, t as u128),
        Value::PolicyText(t) => (6, t as u128),
        Value::Provision(p) => (7, p as u128),
        Value::Set(s) => (8, s),
    };
    w.push(tag);
    uint(w, n);
}

/// Statuses: how many, then a 0 when every one is `Unseen` (as every one is when the case is
/// read), or a 1 and each as a byte.
fn statuses(w: &mut Vec<u8>, s: &[Status]) {
    uint(w, s.len() as u128);
    match s.iter().all(|x| *x == Status::Unseen) {
        true => w.push(0),
        false => {
            w.push(1);
            w.extend(s.iter().map(|x| *x as u8));
        }
    }
}

/// Reads what the writers above wrote; every read is `None` past the end or on bytes they do not
/// write.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        let (b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(*b)
    }

    fn uint(&mut self) -> Option<u128> {
        let mut n = 0u128;
        for shift in (0..128).step_by(7) {
            let b = self.byte()?;
            n |= ((b & 0x7f) as u128).checked_shl(shift)?;
            if b < 0x80 {
                return Some(n);
            }
        }
        None
    }

    /// A count, refused past [`MOST`].
    fn len(&mut self) -> Option<usize> {
        usize::try_from(self.uint()?).ok().filter(|n| *n <= MOST)
    }

    /// A count of things of at least a byte each: no more than the bytes left.
    fn count(&mut self) -> Option<usize> {
        self.len().filter(|n| *n <= self.0.len())
    }

    /// What [`positions`] wrote, each position below `len`, `then` reading what follows it.
    fn positions(&mut self, len: usize, mut then: impl FnMut(&mut Self, usize) -> Option<()>) -> Option<()> {
        let mut next = 0;
        loop {
            match self.len()? {
                0 => return Some(()),
                gap if next + gap - 1 < len => {
                    then(self, next + gap - 1)?;
                    next += gap;
                }
                _ => return None,
            }
        }
    }

    fn slots(&mut self) -> Option<Vec<Value>> {
        let mut vals = vec![Value::Null; self.len()?];
        let len = vals.len();
        self.positions(len, |r, at| {
            vals[at] = r.value()?;
            Some(())
        })?;
        Some(vals)
    }

    fn value(&mut self) -> Option<Value> {
        let tag = self.byte()?;
        match tag {
            0 => return Some(Value::Null),
            1 => return Some(Value::Bool(self.byte()? != 0)),
            _ => {}
        }
        let n = self.uint()?;
        let int = || u64::try_from(n).ok().map(|z| (z >> 1) as i64 ^ -((z & 1) as i64));
        Some(match tag {
            2 => Value::Int(int()?),
            3 => Value::Date(i32::try_from(int()?).ok()?),
            4 => Value::Sym(u16::try_from(n).ok()?),
            5 => Value::Text(u32::try_from(n).ok()?),
            6 => Value::PolicyText(u32::try_from(n).ok()?),
            7 => Value::Provision(u16::try_from(n).ok()?),
            8 => Value::Set(n),
            _ => return None,
        })
    }

    fn statuses(&mut self) -> Option<Vec<Status>> {
        let n = self.len()?;
        match self.byte()? {
            0 => Some(vec![Status::Unseen; n]),
            1 => self.bytes(n)?.iter().map(|b| status(*b)).collect(),
            _ => None,
        }
    }

    fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        let (b, rest) = (self.0.get(..n)?, self.0.get(n..)?);
        self.0 = rest;
        Some(b)
    }
}

/// A status from the byte [`statuses`] wrote for it.
fn status(b: u8) -> Option<Status> {
    use Status::*;
    [Unseen, NotFired, Overridden, Lost, Won, Conflict, Given].into_iter().find(|s| *s as u8 == b)
}
